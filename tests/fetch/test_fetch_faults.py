"""The fetcher against a server that misbehaves in every way a news site can.

Each test names one fault and checks either the page that comes back or the FetchError,
which must name the URL and the reason. Timeouts and backoff are tiny (see conftest), so
the waits that remain are the ones a test is about (Retry-After, politeness).
"""

from __future__ import annotations

import email.utils
import itertools
import pickle
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fetch_server import (
    ARABIC_TEXT,
    ARABIC_TITLE,
    BUSY_SECONDS,
    FRENCH_TEXT,
    HUGE_BODY_BYTES,
    FaultServer,
)

from nadif.cleaners.errors import FetchError
from nadif.scraper.fetching._retry import parse_retry_after
from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions, FetchResult, fetch

MiB = 1024 * 1024


def fetch_error(url: str, options: FetchOptions) -> FetchError:
    """Fetch `url`, expect a FetchError, and check that it names the URL."""
    with pytest.raises(FetchError) as caught:
        fetch(url, options)
    error = caught.value
    assert error.source == url, "the error is about the URL that was asked for"
    assert url in str(error), "the message names the URL"
    return error


def timed(action: Callable[[], object]) -> float:
    start = time.monotonic()
    action()
    return time.monotonic() - start


# --- a good page ---------------------------------------------------------------------


def test_a_plain_page_comes_back_decoded(server: FaultServer, options: FetchOptions) -> None:
    result = fetch(server.url("/ok"), options)
    assert isinstance(result, FetchResult)
    assert (result.status, result.content_type, result.encoding) == (200, "text/html", "utf-8")
    assert ARABIC_TEXT in result.text and ARABIC_TITLE in result.text
    assert result.final_url == result.url == server.url("/ok")
    assert result.from_cache is False
    assert result.headers["Content-Length"] == str(len(result.content))


def test_the_user_agent_is_honest(server: FaultServer, options: FetchOptions) -> None:
    fetch(server.url("/ok"), options)
    agents = {headers["User-Agent"] for path, _, headers in server.log if path == "/ok"}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("nadif/"), agent
    assert "+https://github.com/nadif" in agent, agent


# --- timeouts, resets, retries -------------------------------------------------------


def test_a_server_slower_than_the_read_timeout_is_retried_then_given_up(
    server: FaultServer, options: FetchOptions
) -> None:
    url = server.url("/slow")
    error = fetch_error(url, replace(options, retries=1))
    assert "timed out" in error.reason and "ReadTimeout" in error.reason
    assert "gave up after 2 attempts" in error.reason
    assert server.hits["/slow"] == 2


def test_a_connection_reset_is_retried_then_given_up(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/reset"), options)
    assert "connection failed" in error.reason
    assert "gave up after 3 attempts" in error.reason
    assert server.hits["/reset"] == 3


def test_a_single_connection_reset_is_survived(server: FaultServer, options: FetchOptions) -> None:
    result = fetch(server.url("/reset-once"), options)
    assert ARABIC_TEXT in result.text
    assert server.hits["/reset-once"] == 2


def test_a_500_then_200_succeeds_on_the_retry(server: FaultServer, options: FetchOptions) -> None:
    result = fetch(server.url("/500-once"), options)
    assert result.status == 200
    assert server.hits["/500-once"] == 2


def test_a_503_every_time_fails_with_the_status_after_the_last_try(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/503"), options)
    assert "HTTP 503 Service Unavailable" in error.reason
    assert "gave up after 3 attempts" in error.reason
    assert server.hits["/503"] == 3


def test_a_404_is_not_retried(server: FaultServer, options: FetchOptions) -> None:
    error = fetch_error(server.url("/no-such-page"), options)
    assert "HTTP 404 Not Found" in error.reason
    assert server.hits["/no-such-page"] == 1


def test_429_with_retry_after_seconds_waits_then_succeeds(
    server: FaultServer, options: FetchOptions
) -> None:
    url = server.url("/429-once")
    elapsed = timed(lambda: fetch(url, options))
    first, second = server.starts("/429-once")
    assert second - first >= 0.95, "the retry came before Retry-After: 1 had passed"
    assert elapsed >= 0.95
    assert server.hits["/429-once"] == 2


def test_503_with_retry_after_http_date_waits_then_succeeds(
    server: FaultServer, options: FetchOptions
) -> None:
    fetch(server.url("/503-date-once"), options)
    first, second = server.starts("/503-date-once")
    # the date says "now + 2 s" to the second, so the wait is between 1 and 2 s
    assert second - first >= 0.9


def test_a_retry_after_longer_than_allowed_fails_at_once(
    server: FaultServer, options: FetchOptions
) -> None:
    url = server.url("/429-hour")
    elapsed = timed(lambda: fetch_error(url, options))
    error = fetch_error(url, options)
    assert "HTTP 429" in error.reason and "retry after 3600 s" in error.reason
    assert elapsed < 3.0, "it waited instead of giving up"
    assert server.hits["/429-hour"] == 2  # one per fetch, no retry


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("1", 1.0),
        (" 120 ", 120.0),
        ("Wed, 21 Oct 2015 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_http_date(
    header: str | None, expected: float | None
) -> None:
    now = email.utils.parsedate_to_datetime("Wed, 21 Oct 2015 07:28:00 GMT").timestamp()
    assert parse_retry_after(header, now) == expected


# --- redirects -----------------------------------------------------------------------


def test_an_endless_redirect_stops_at_the_limit(server: FaultServer, options: FetchOptions) -> None:
    error = fetch_error(server.url("/loop"), options)
    assert "too many redirects (more than 5)" in error.reason
    assert server.hits["/loop"] == 6


def test_a_redirect_is_followed_to_the_final_url(
    server: FaultServer, options: FetchOptions
) -> None:
    result = fetch(server.url("/redirect"), options)
    assert result.url == server.url("/redirect")
    assert result.final_url == server.url("/ok")
    assert ARABIC_TEXT in result.text


def test_a_redirect_to_another_scheme_is_refused(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/redirect-ftp"), options)
    assert "redirected to 'ftp://127.0.0.1/file.html'" in error.reason
    assert "unsupported URL scheme 'ftp'" in error.reason


# --- size caps -----------------------------------------------------------------------


def test_a_200_mb_body_is_cut_at_the_cap(server: FaultServer, options: FetchOptions) -> None:
    url = server.url("/huge")
    tracemalloc.start()
    try:
        error = fetch_error(url, replace(options, max_bytes=MiB, retries=0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"body larger than {MiB} bytes" in error.reason
    assert server.finished_event("/huge").wait(10), "the server never noticed the hang-up"
    sent = server.bytes_sent["/huge"]
    assert sent < 32 * MiB, f"the client kept reading: the server sent {sent} bytes"
    assert sent < HUGE_BODY_BYTES
    assert peak < 8 * MiB, f"memory peaked at {peak} bytes for a 1 MiB cap"


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/huge-declared"), replace(options, max_bytes=MiB))
    assert f"body larger than {MiB} bytes (Content-Length: {HUGE_BODY_BYTES})" in error.reason
    assert server.finished_event("/huge-declared").wait(10)
    assert server.bytes_sent["/huge-declared"] < 32 * MiB
    assert server.hits["/huge-declared"] == 1, "a body over the cap is not retried"


def test_a_gzip_bomb_is_cut_without_inflating_it(
    server: FaultServer, options: FetchOptions, gzip_bomb: bytes
) -> None:
    assert len(gzip_bomb) < MiB, "the bomb itself is small: only its inflated size is not"
    tracemalloc.start()
    try:
        error = fetch_error(server.url("/gzip-bomb"), replace(options, max_bytes=MiB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"body larger than {MiB} bytes once decompressed (gzip" in error.reason
    assert peak < 8 * MiB, f"memory peaked at {peak} bytes for a 1 MiB cap"


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/deflate-raw"])
def test_a_compressed_page_is_inflated(
    server: FaultServer, options: FetchOptions, path: str
) -> None:
    result = fetch(server.url(path), options)
    assert ARABIC_TEXT in result.text
    assert "Content-Encoding" not in result.headers, "headers describe the inflated content"
    assert result.headers["Content-Length"] == str(len(result.content))


# --- charsets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "encoding"),
    [
        ("/cp1256", "cp1256"),  # no charset anywhere
        ("/cp1256-meta", "cp1256"),  # declared in <meta http-equiv>
        ("/cp1256-says-latin1", "cp1256"),  # header lies: iso-8859-1
        ("/cp1256-says-utf8", "cp1256"),  # header lies: utf-8
        ("/cp1256-meta-says-utf8", "cp1256"),  # <meta charset> lies: utf-8
        ("/utf8-says-cp1256", "utf-8"),  # header lies the other way
    ],
)
def test_arabic_comes_out_right_whatever_the_page_declares(
    server: FaultServer, options: FetchOptions, path: str, encoding: str
) -> None:
    result = fetch(server.url(path), options)
    assert ARABIC_TEXT in result.text, result.text[-400:]
    assert ARABIC_TITLE in result.text
    assert result.encoding == encoding


@pytest.mark.parametrize("path", ["/cp1252", "/latin1-declared"])
def test_french_in_windows_1252_comes_out_right(
    server: FaultServer, options: FetchOptions, path: str
) -> None:
    result = fetch(server.url(path), options)
    assert FRENCH_TEXT in result.text
    assert result.encoding == "cp1252"


def test_hostile_markup_does_not_stall_charset_detection(
    server: FaultServer, options: FetchOptions
) -> None:
    # 256 KiB of unclosed "<script " made a regex-based tag stripper take ~60 s
    elapsed = timed(lambda: fetch(server.url("/unclosed-tags"), options))
    assert elapsed < 5.0


# --- not a web page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/pdf", "application/pdf"),
        ("/png", "image/png"),
        ("/octet-stream", "application/octet-stream"),
    ],
)
def test_a_file_that_is_not_a_page_is_refused_by_its_content_type(
    server: FaultServer, options: FetchOptions, path: str, content_type: str
) -> None:
    error = fetch_error(server.url(path), options)
    assert f"content type {content_type!r} is not a web page" in error.reason
    assert server.hits[path] == 1


def test_a_pdf_labelled_as_html_is_recognised_by_its_bytes(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/pdf-labelled-html"), options)
    assert "body is application/pdf" in error.reason
    assert "declared content type: text/html" in error.reason


def test_an_empty_200_is_an_error(server: FaultServer, options: FetchOptions) -> None:
    error = fetch_error(server.url("/empty"), options)
    assert "empty body" in error.reason
    assert server.hits["/empty"] == 1


# --- robots.txt ----------------------------------------------------------------------


def test_a_path_disallowed_by_robots_txt_is_not_requested(
    server: FaultServer, options: FetchOptions
) -> None:
    server.robots_txt = "User-agent: *\nDisallow: /private/\n"
    error = fetch_error(server.url("/private/page"), options)
    assert error.reason == "disallowed by robots.txt"
    assert server.hits["/private/page"] == 0
    assert server.hits["/robots.txt"] == 1


def test_robots_txt_can_be_turned_off(server: FaultServer, options: FetchOptions) -> None:
    server.robots_txt = "User-agent: *\nDisallow: /private/\n"
    result = fetch(server.url("/private/page"), replace(options, respect_robots=False))
    assert result.status == 200
    assert server.hits["/robots.txt"] == 0


def test_rules_for_our_product_token_apply(server: FaultServer, options: FetchOptions) -> None:
    server.robots_txt = "User-agent: nadif\nDisallow: /ok\n\nUser-agent: *\nAllow: /\n"
    error = fetch_error(server.url("/ok"), options)
    assert error.reason == "disallowed by robots.txt"


def test_robots_txt_is_fetched_once_per_host(server: FaultServer, options: FetchOptions) -> None:
    server.robots_txt = "User-agent: *\nDisallow: /private/\n"
    paths = ["/ok", "/ok-too", "/ok", "/ok-too"] * 2
    with Fetcher(options) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(server.url(p),)) for p in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/ok"] + server.hits["/ok-too"] == len(paths)


def test_groups_for_words_of_our_user_agent_comment_do_not_apply(
    server: FaultServer, options: FetchOptions
) -> None:
    # our User-Agent says "news article cleaner"; only the product token "nadif" counts
    server.robots_txt = "User-agent: news\nDisallow: /\n\nUser-agent: github\nDisallow: /\n"
    assert fetch(server.url("/ok"), options).status == 200


@pytest.mark.parametrize("status", [404, 403, 500, 503])
def test_a_robots_txt_that_cannot_be_had_allows_everything(
    server: FaultServer, options: FetchOptions, status: int
) -> None:
    server.robots_status = status
    assert fetch(server.url("/private/page"), options).status == 200


# --- URLs that are never requested ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/article.html", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("mailto:desk@example.com", "unsupported URL scheme 'mailto'"),
        ("http://", "no host"),
        ("not a url", "no scheme"),
        ("http://exa mple.com", "invalid host 'exa mple.com'"),
        ("http://-bad-.example.com/", "invalid host"),
        ("http://example.com:99999/", "invalid port 99999"),
        ("http://[::1/", "malformed URL"),
        ("", "empty URL"),
    ],
)
def test_a_url_that_is_not_http_is_refused_before_any_io(url: str, reason: str) -> None:
    requests: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, text="<html>should never be asked</html>")

    with (
        Fetcher(transport=httpx.MockTransport(record)) as fetcher,
        pytest.raises(FetchError) as caught,
    ):
        fetcher.fetch(url)
    assert caught.value.source == url
    assert reason in caught.value.reason
    assert url in str(caught.value)
    assert requests == [], "nothing may be sent for a refused URL"


# --- cache ---------------------------------------------------------------------------


def test_a_rerun_is_served_from_the_cache(
    server: FaultServer, options: FetchOptions, tmp_path: Path
) -> None:
    cached = replace(options, cache_dir=tmp_path / "cache")
    first = fetch(server.url("/redirect"), cached)
    hits_after_first = server.hits.copy()
    with Fetcher(cached) as rerun:  # a new Fetcher: nothing shared but the directory
        second = rerun.fetch(server.url("/redirect"))
    assert second.from_cache is True and first.from_cache is False
    assert server.hits == hits_after_first, "the re-run reached the server"
    assert (second.final_url, second.text, second.encoding) == (
        first.final_url,
        first.text,
        first.encoding,
    )
    assert second.content == first.content


def test_a_failed_fetch_is_not_cached(
    server: FaultServer, options: FetchOptions, tmp_path: Path
) -> None:
    cached = replace(options, cache_dir=tmp_path / "cache", retries=0)
    fetch_error(server.url("/500-once"), cached)
    result = fetch(server.url("/500-once"), cached)
    assert result.from_cache is False
    assert server.hits["/500-once"] == 2
    assert fetch(server.url("/500-once"), cached).from_cache is True


def test_a_cached_page_keeps_its_charset(
    server: FaultServer, options: FetchOptions, tmp_path: Path
) -> None:
    cached = replace(options, cache_dir=tmp_path / "cache")
    fetch(server.url("/cp1256-says-latin1"), cached)
    again = fetch(server.url("/cp1256-says-latin1"), cached)
    assert again.from_cache is True
    assert ARABIC_TEXT in again.text


# --- politeness ----------------------------------------------------------------------


class RecordingTransport(httpx.BaseTransport):
    """The real network transport, noting when each request is handed to it."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent: list[tuple[str, float]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.url.path, time.monotonic()))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_requests_to_one_host_are_spaced_by_the_delay(
    server: FaultServer, options: FetchOptions
) -> None:
    transport = RecordingTransport()
    polite = replace(options, per_host_delay=0.5)
    with Fetcher(polite, transport=transport) as fetcher:
        fetcher.fetch(server.url("/ok"))
        fetcher.fetch(server.url("/ok-too"))
    assert [path for path, _ in transport.sent] == ["/robots.txt", "/ok", "/ok-too"]
    sent = [when for _, when in transport.sent]
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    # 10 ms for the client's own work between the gate and the transport
    assert min(gaps) >= 0.49, f"requests were sent {gaps} s apart"
    # seen from the server, the first request also carried the TCP connect: allow for it
    (first,), (second,) = server.starts("/ok"), server.starts("/ok-too")
    assert second - first >= 0.4


@pytest.mark.parametrize("concurrency", [1, 2])
def test_requests_in_flight_to_one_host_are_capped(
    server: FaultServer, options: FetchOptions, concurrency: int
) -> None:
    polite = replace(options, per_host_concurrency=concurrency, respect_robots=False)
    with Fetcher(polite) as fetcher:
        threads = [
            threading.Thread(target=fetcher.fetch, args=(server.url("/busy"),)) for _ in range(4)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    assert server.hits["/busy"] == 4
    assert server.max_in_flight == concurrency
    assert elapsed >= (4 / concurrency) * BUSY_SECONDS * 0.95


# --- the API itself ------------------------------------------------------------------


def test_fetch_errors_survive_a_process_boundary(
    server: FaultServer, options: FetchOptions
) -> None:
    error = fetch_error(server.url("/pdf"), options)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.source, copy.reason) == (error.source, error.reason)


@pytest.mark.parametrize(
    "bad",
    [{"max_bytes": 0}, {"read_timeout": -1.0}, {"retries": -1}, {"per_host_concurrency": 0}],
)
def test_nonsensical_options_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        FetchOptions(**bad)  # type: ignore[arg-type]
