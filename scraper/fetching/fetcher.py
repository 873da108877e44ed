"""Fetch a news page by URL, politely and defensively.

    fetch(url) / Fetcher.fetch(url) -> FetchResult, or FetchError(url, reason)

One `Fetcher` holds one httpx client and is safe to share between threads. For each
URL it:

1. refuses anything but a well-formed http(s) URL, before any I/O (`_url`);
2. answers from the on-disk cache when `cache_dir` is set (`_cache`): no request at
   all, not even robots.txt;
3. for each hop of the redirect chain (at most `max_redirects`): checks the addresses
   the host resolves to (`_address`: no link-local address, no redirect from a public
   address into private space), asks robots.txt (`_robots`, once per origin), waits for
   the host's turn (`_politeness`), sends the request, refuses a media type that is not
   a web page from the headers alone, and reads the body under a byte cap and a time
   budget (`_body`), checking that it is as long as its Content-Length says;
4. retries 429/500/502/503/504 and connection failures with exponential backoff,
   honouring Retry-After (`_retry`), all within `max_time` for the URL;
5. decodes the text, correcting a charset that is missing or wrong (`_charset`).

Every failure is a `cleaners.errors.FetchError` whose `source` is the URL as given and
whose `reason` says what happened (the HTTP status, the exception, the cap...). An
empty 200 is a FetchError too ("empty body"): there is no article to clean in it.
"""

from __future__ import annotations

import importlib.metadata
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

from nadif.cleaners.errors import FetchError
from nadif.scraper.fetching._address import AddressGuard, AddressRefused, Resolver, Space
from nadif.scraper.fetching._body import (
    BodyIncomplete,
    BodyRejected,
    BodyTimedOut,
    read_body_prefix,
    read_capped_body,
)
from nadif.scraper.fetching._cache import CachedPage, PageCache
from nadif.scraper.fetching._charset import decode_page
from nadif.scraper.fetching._content_type import (
    DEFAULT_ACCEPT_TYPES,
    parse_content_type,
    sniff_binary,
)
from nadif.scraper.fetching._politeness import HostGate
from nadif.scraper.fetching._retry import (
    RETRY_AFTER_STATUSES,
    RETRYABLE_STATUSES,
    backoff_delay,
    parse_retry_after,
)
from nadif.scraper.fetching._robots import RobotsAnswer, RobotsRules
from nadif.scraper.fetching._url import url_problem

__all__ = ["FetchOptions", "FetchResult", "Fetcher", "default_user_agent", "fetch"]

logger = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/nadif"
# Sent with every request: what we can read, and only the encodings we decode ourselves.
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate"
# robots.txt: RFC 9309 asks for at least 500 KiB to be parsed (a longer file: its first
# 500 KiB, cut at a line end) and 5 redirects followed.
ROBOTS_MAX_BYTES = 500 * 1024
ROBOTS_MAX_REDIRECTS = 5
# Headers that describe the bytes on the wire, not the decoded `content` we return.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def default_user_agent() -> str:
    """The honest User-Agent: who we are, our version, where to read about us."""
    try:
        version = importlib.metadata.version("nadif")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"nadif/{version} (+{PROJECT_URL}; news article cleaner)"


@dataclass(frozen=True)
class FetchOptions:
    """Every knob of the fetcher, with defaults fit for fetching articles one by one.

    Times are in seconds. `total_timeout` bounds one request from sending it to the last
    byte of its body (a server that drips bytes never trips `read_timeout`); `max_time`
    bounds a whole URL: every attempt, redirect and wait between retries. `max_bytes` caps the body both as received and
    as decompressed. `backoff` is the first wait between retries; it doubles each time.
    A Retry-After longer than `max_retry_after` makes the fetch fail at once instead.
    `cache_dir=None` disables the cache; `cache_ttl=None` keeps entries until evicted.
    `allow_private` lifts the address rules of `_address` (redirects into private or
    link-local addresses). `binary_types`: binary formats (as `sniff_binary` names them)
    taken as they are, not refused (a gzipped sitemap: "application/gzip"). `proxy`: an
    http(s) proxy URL every request goes through; `headers`: extra request headers
    (name, value), sent with every request, robots.txt included.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_time: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    respect_robots: bool = True
    user_agent: str = field(default_factory=default_user_agent)
    per_host_concurrency: int = 2
    per_host_delay: float = 1.0
    cache_dir: Path | None = None
    cache_ttl: float | None = None
    accept_types: tuple[str, ...] = DEFAULT_ACCEPT_TYPES
    allow_private: bool = False
    binary_types: tuple[str, ...] = ()
    proxy: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        positive = {
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "total_timeout": self.total_timeout,
            "max_time": self.max_time,
            "max_bytes": self.max_bytes,
            "per_host_concurrency": self.per_host_concurrency,
        }
        not_negative = {
            "max_redirects": self.max_redirects,
            "retries": self.retries,
            "backoff": self.backoff,
            "max_retry_after": self.max_retry_after,
            "per_host_delay": self.per_host_delay,
        }
        for name, value in positive.items():
            if not value > 0 or value == float("inf"):
                raise ValueError(f"FetchOptions.{name} must be positive and finite, not {value!r}")
        for name, value in not_negative.items():
            if not value >= 0 or value == float("inf"):
                raise ValueError(
                    f"FetchOptions.{name} must be 0 or more, and finite (not {value!r})"
                )
        if self.cache_ttl is not None and not self.cache_ttl > 0:
            raise ValueError(
                f"FetchOptions.cache_ttl must be positive or None, not {self.cache_ttl!r}"
            )
        if not self.user_agent.strip():
            raise ValueError("FetchOptions.user_agent cannot be empty")


@dataclass(frozen=True)
class FetchResult:
    """A fetched page. `content` is the decoded (decompressed) body, `text` its decoded
    characters in `encoding` (a Python codec name). `headers` are the final response's,
    case-insensitive; Content-Length and Content-Encoding describe `content`, not the
    wire. `content_type` is the media type alone ("text/html"), empty when the server
    sent none."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    encoding: str
    text: str = field(repr=False)
    content_type: str
    from_cache: bool


class _Transient(Exception):
    """A failure worth another try; `host` is who said so, `retry_after` if they said when."""

    def __init__(self, reason: str, host: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.host = host
        self.retry_after = retry_after


class Fetcher:
    """Fetches pages; one httpx client, robots.txt answers and host turns, shared by threads.

    Use as a context manager, or call `close()`. `transport` replaces httpx's network
    transport (tests pass `httpx.MockTransport`); `resolve` replaces the system's name
    resolution for the address rules (tests give a host a public address).
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolve: Resolver | None = None,
    ) -> None:
        self.options = options if options is not None else FetchOptions()
        opts = self.options
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,  # followed here, so each hop passes robots and the gate
            timeout=httpx.Timeout(
                connect=opts.connect_timeout,
                read=opts.read_timeout,
                write=opts.read_timeout,
                pool=opts.connect_timeout,
            ),
            headers={
                "User-Agent": opts.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING,
                **dict(opts.headers),
            },
            proxy=opts.proxy,
        )
        self._gate = HostGate(opts.per_host_concurrency, opts.per_host_delay)
        self._guard = AddressGuard(allow_private=opts.allow_private, resolve=resolve)
        self._robots = (
            RobotsRules(opts.user_agent, self._load_robots) if opts.respect_robots else None
        )
        self._cache = PageCache(opts.cache_dir, opts.cache_ttl) if opts.cache_dir else None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections and the cache; the Fetcher cannot be used afterwards."""
        self._client.close()
        if self._cache is not None:
            self._cache.close()

    def fetch(self, url: str) -> FetchResult:
        """Fetch `url`; raise FetchError(url, reason) if it cannot be had as a web page."""
        requested = url.strip()
        parsed, problem = url_problem(requested)
        if parsed is None:
            raise FetchError(url, problem or "malformed URL")
        key = str(parsed)
        if self._cache is not None:
            cached = self._cache.get(key)
            if cached is not None:
                return _result(requested, cached, from_cache=True)
        page = self._fetch_with_retries(url, parsed, time.monotonic() + self.options.max_time)
        if self._cache is not None:
            self._cache.put(key, page)
        return _result(requested, page, from_cache=False)

    def _fetch_with_retries(self, source: str, start: httpx.URL, deadline: float) -> CachedPage:
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            try:
                return self._follow(source, start, deadline)
            except _Transient as failure:
                if attempt + 1 == attempts:
                    raise FetchError(
                        source, f"{failure.reason}; gave up after {attempts} attempts"
                    ) from failure
                wait = self._wait_before_retry(source, failure, attempt)
                if time.monotonic() + wait >= deadline:
                    raise FetchError(
                        source,
                        f"{failure.reason}; gave up after {attempt + 1} attempts: the time"
                        f" limit for one URL ({self.options.max_time:g} s, --max-time) is spent",
                    ) from failure
                logger.info("%s: %s; retrying in %.2f s", source, failure.reason, wait)
                time.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait_before_retry(self, source: str, failure: _Transient, attempt: int) -> float:
        if failure.retry_after is None:
            return backoff_delay(self.options.backoff, attempt)
        if failure.retry_after > self.options.max_retry_after:
            raise FetchError(
                source,
                f"{failure.reason}; the server asks to retry after {failure.retry_after:.0f} s,"
                f" more than max_retry_after ({self.options.max_retry_after:g} s)",
            )
        self._gate.hold_off(failure.host, failure.retry_after)
        return failure.retry_after

    def _follow(self, source: str, start: httpx.URL, deadline: float) -> CachedPage:
        """One attempt: the whole redirect chain from `start`."""
        current = start
        previous: Space | None = None
        for _ in range(self.options.max_redirects + 1):
            # after a redirect, a reason also names the URL it is about
            where = "" if current == start else f" at {current}"
            try:
                space = self._guard.check(current, previous)
            except AddressRefused as refused:
                raise FetchError(source, str(refused)) from None
            if self._robots is not None and not self._robots.allows(current):
                raise FetchError(source, f"disallowed by robots.txt{where}")
            outcome = self._request(source, current, where, deadline, previous)
            if isinstance(outcome, CachedPage):
                return outcome
            previous = space
            target, problem = url_problem(str(outcome))
            if target is None:
                raise FetchError(source, f"redirected to {str(outcome)!r}: {problem}")
            current = target
        raise FetchError(source, f"too many redirects (more than {self.options.max_redirects})")

    def _request(
        self, source: str, url: httpx.URL, where: str, url_deadline: float, previous: Space | None
    ) -> CachedPage | httpx.URL:
        """One hop: the page, or the URL it redirects to."""
        host = url.host
        with self._gate.slot(host):
            now = time.monotonic()
            if now >= url_deadline:
                raise _Transient(f"no time left for a request{where}", host)
            deadline = min(now + self.options.total_timeout, url_deadline)
            try:
                with self._client.stream("GET", url, timeout=self._timeout(deadline)) as response:
                    self._check_peer(url, response, previous)
                    if response.next_request is not None:
                        return response.next_request.url
                    return self._accept(source, response, deadline, where)
            except AddressRefused as refused:
                raise FetchError(source, str(refused)) from None
            except httpx.TimeoutException as error:
                raise _Transient(f"timed out ({_describe(error)}){where}", host) from error
            except (httpx.NetworkError, httpx.RemoteProtocolError) as error:
                raise _Transient(f"connection failed ({_describe(error)}){where}", host) from error
            except httpx.HTTPError as error:
                raise FetchError(source, f"request failed ({_describe(error)}){where}") from error
            except (BodyTimedOut, BodyIncomplete) as error:
                raise _Transient(f"{error}{where}", host) from error
            except BodyRejected as error:
                raise FetchError(source, f"{error}{where}") from error

    def _timeout(self, deadline: float) -> httpx.Timeout:
        """The client's timeouts, none longer than what is left before `deadline`."""
        left = max(0.001, deadline - time.monotonic())
        opts = self.options
        return httpx.Timeout(
            connect=min(opts.connect_timeout, left),
            read=min(opts.read_timeout, left),
            write=min(opts.read_timeout, left),
            pool=min(opts.connect_timeout, left),
        )

    def _check_peer(self, url: httpx.URL, response: httpx.Response, previous: Space | None) -> None:
        """The address connected to, checked again (a name may resolve anew at connect)."""
        stream = response.extensions.get("network_stream")
        if stream is None:
            return  # a test transport: no socket
        try:
            peer = stream.get_extra_info("server_addr")
        except OSError:  # the connection is already closed: the check before it stands
            return
        if isinstance(peer, tuple) and peer and isinstance(peer[0], str):
            self._guard.check_peer(url, peer[0], previous)

    def _accept(
        self, source: str, response: httpx.Response, deadline: float, where: str
    ) -> CachedPage:
        """Check a final (non-redirect) response and read its body."""
        status = response.status_code
        if status in RETRYABLE_STATUSES:
            retry_after = (
                parse_retry_after(response.headers.get("retry-after"))
                if status in RETRY_AFTER_STATUSES
                else None
            )
            raise _Transient(
                f"HTTP {status} {response.reason_phrase}{where}", response.url.host, retry_after
            )
        if not 200 <= status < 300:
            raise FetchError(source, f"HTTP {status} {response.reason_phrase}{where}")
        media_type, _ = parse_content_type(response.headers.get("content-type"))
        if media_type and media_type not in self.options.accept_types:
            raise FetchError(
                source,
                f"content type {media_type!r} is not a web page{where}"
                f" (accepted: {', '.join(self.options.accept_types)})",
            )
        content = read_capped_body(response, self.options.max_bytes, deadline)
        if not content.strip():
            raise FetchError(source, f"empty body (HTTP {status}{where})")
        sniffed = sniff_binary(content[:16])
        if sniffed is not None and sniffed not in self.options.binary_types:
            raise FetchError(
                source,
                f"body is {sniffed}, not a web page (declared content type:"
                f" {media_type or 'none'}){where}",
            )
        headers = tuple(
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in _WIRE_HEADERS
        ) + (("content-length", str(len(content))),)
        return CachedPage(str(response.url), status, headers, content)

    def _load_robots(self, location: str) -> RobotsAnswer:
        """Fetch one robots.txt (no retries: any failure means "allowed", see _robots)."""
        current, problem = url_problem(location)
        previous: Space | None = None
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            if current is None:
                return RobotsAnswer(None, problem=f"unusable robots.txt URL: {problem}")
            try:
                space = self._guard.check(current, previous)
                with self._gate.slot(current.host):
                    deadline = time.monotonic() + self.options.total_timeout
                    with self._client.stream(
                        "GET", current, timeout=self._timeout(deadline)
                    ) as response:
                        self._check_peer(current, response, previous)
                        if response.next_request is None:
                            if not 200 <= response.status_code < 300:
                                return RobotsAnswer(response.status_code)
                            body = read_body_prefix(response, ROBOTS_MAX_BYTES, deadline)
                            return RobotsAnswer(
                                response.status_code, body.decode("utf-8", errors="replace")
                            )
                        following = str(response.next_request.url)
            except AddressRefused as refused:
                return RobotsAnswer(None, problem=str(refused))
            except (httpx.HTTPError, BodyRejected, BodyTimedOut, BodyIncomplete) as error:
                return RobotsAnswer(None, problem=_describe(error))
            previous = space
            current, problem = url_problem(following)
        return RobotsAnswer(None, problem=f"more than {ROBOTS_MAX_REDIRECTS} redirects")


def fetch(url: str, options: FetchOptions | None = None) -> FetchResult:
    """Fetch one URL with a throw-away Fetcher (for many URLs, share one Fetcher)."""
    with Fetcher(options) as fetcher:
        return fetcher.fetch(url)


def _result(url: str, page: CachedPage, *, from_cache: bool) -> FetchResult:
    headers = httpx.Headers(list(page.headers))
    media_type, charset = parse_content_type(headers.get("content-type"))
    decoded = decode_page(page.content, charset)
    return FetchResult(
        url=url,
        final_url=page.final_url,
        status=page.status,
        headers=headers,
        content=page.content,
        encoding=decoded.encoding,
        text=decoded.text,
        content_type=media_type,
        from_cache=from_cache,
    )


def _describe(error: BaseException) -> str:
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
