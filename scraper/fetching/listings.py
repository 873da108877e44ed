"""Article URLs from a feed (RSS, Atom, JSON Feed) or a sitemap (indexes, gzipped ones too).

    feed_urls(fetcher, url)     -> Listing
    sitemap_urls(fetcher, url)  -> Listing

Every document is fetched with nadif's own `Fetcher` (robots.txt, politeness, address
rules, caps); trafilatura never downloads anything here. Its parsers read the text:
`trafilatura.feeds.find_links` for feeds, `trafilatura.sitemaps.SitemapObject.process`
for sitemaps (XML, text, hreflang links; a `<loc>` that ends like a sitemap is a child
sitemap of an index). Each link then goes through one filter, `article_url`: resolved
against the document's URL, courlan's checks (a valid URL; not a feed, tag, category,
author or media URL: `type_filter` and `extension_filter`), courlan's `clean_url`, not a
home page, and by default on the same host as the feed or sitemap ("www." aside).
courlan's domain filter is not used: it refuses hosts without a public suffix, a site
on an intranet or on the machine itself.

A listing stops collecting once it holds `limit` URLs: a sitemap index with thousands
of children is only read as far as needed. Child sitemaps that cannot be fetched are
reported in `Listing.problems`, and the others are still read.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from nadif.cleaners.errors import FetchError

if TYPE_CHECKING:
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions

__all__ = [
    "LISTING_TYPES",
    "Listing",
    "article_url",
    "feed_urls",
    "listing_options",
    "sitemap_urls",
]

LISTING_TYPES: Final = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "text/plain",
    "text/html",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
)
"""Media types a feed or sitemap is served as (a .xml.gz file: gzip or octet-stream)."""

MAX_LISTING_BYTES: Final = 50 * 1024 * 1024
"""sitemaps.org's limit for one sitemap, uncompressed; also the cap of a feed."""
MAX_SITEMAPS: Final = 1000
"""Documents of one sitemap index read at most."""

_GZIP_MAGIC: Final = b"\x1f\x8b"


@dataclass
class Listing:
    """What one feed or sitemap gave: article URLs in document order, without repeats."""

    source: str
    urls: list[str] = field(default_factory=list)
    documents: int = 0
    rejected: int = 0  # links the filter refused (another host, a tag page, a home page...)
    problems: list[str] = field(default_factory=list)  # child sitemaps that failed, and why


def listing_options(options: FetchOptions) -> FetchOptions:
    """The fetch options for feeds and sitemaps: those of the run, with their media types,
    gzip bodies, a cap of at least `MAX_LISTING_BYTES`, and no cache (a feed changes)."""
    from dataclasses import replace

    return replace(
        options,
        accept_types=LISTING_TYPES,
        binary_types=("application/gzip",),
        max_bytes=max(options.max_bytes, MAX_LISTING_BYTES),
        cache_dir=None,
    )


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def article_url(link: str, base: str, *, same_host: bool = True) -> str | None:
    """`link` (found in the document at `base`) as an article URL, or None if refused."""
    from courlan import clean_url, is_valid_url
    from courlan.filters import extension_filter, type_filter
    from trafilatura.utils import safe_relative_url  # type: ignore[attr-defined,unused-ignore]

    absolute = safe_relative_url(base, link.strip())
    if not absolute.startswith(("http://", "https://")) or not is_valid_url(absolute):
        return None
    parts = urlsplit(absolute)
    if parts.path in ("", "/") and not parts.query:
        return None  # a home page is not an article
    if not type_filter(absolute) or not extension_filter(parts.path):
        return None
    cleaned = clean_url(absolute)
    if not cleaned:
        return None
    if same_host and _host(cleaned) != _host(base):
        return None
    return str(cleaned)


def _document(fetcher: Fetcher, url: str) -> str:
    """The text of a feed or sitemap; a gzipped body is decompressed (under the cap)."""
    result = fetcher.fetch(url)
    if not result.content.startswith(_GZIP_MAGIC):
        return result.text
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(result.content)) as stream:
            data = stream.read(MAX_LISTING_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise FetchError(url, f"a gzipped document that does not decompress: {exc}") from None
    if len(data) > MAX_LISTING_BYTES:
        raise FetchError(url, f"decompressed, more than {MAX_LISTING_BYTES} bytes")
    return data.decode("utf-8", errors="replace")


class _Collector:
    def __init__(self, listing: Listing, limit: int | None, same_host: bool) -> None:
        self.listing = listing
        self.limit = limit
        self.same_host = same_host
        self._seen: set[str] = set()

    @property
    def full(self) -> bool:
        return self.limit is not None and len(self.listing.urls) >= self.limit

    def add(self, link: str, base: str) -> None:
        if self.full:
            return
        url = article_url(link, base, same_host=self.same_host)
        if url is None:
            self.listing.rejected += 1
        elif url not in self._seen:
            self._seen.add(url)
            self.listing.urls.append(url)


def feed_urls(
    fetcher: Fetcher, url: str, *, limit: int | None = None, same_host: bool = True
) -> Listing:
    """The article URLs of the RSS, Atom or JSON feed at `url`, in the feed's order.

    `FetchError` when the feed cannot be fetched or holds no link at all."""
    from trafilatura.feeds import FeedParameters, find_links

    listing = Listing(url)
    text = _document(fetcher, url).strip()
    listing.documents = 1
    host = urlsplit(url).hostname or ""
    base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    links = find_links(text, FeedParameters(base, host, url, external=True))
    if not links:
        raise FetchError(url, "not an RSS, Atom or JSON feed, or a feed without links")
    collector = _Collector(listing, limit, same_host)
    for link in links:
        collector.add(link, url)
    return listing


def sitemap_urls(
    fetcher: Fetcher,
    url: str,
    *,
    limit: int | None = None,
    same_host: bool = True,
    warn: Callable[[str], None] | None = None,
) -> Listing:
    """The article URLs of the sitemap (or sitemap index) at `url`, children in order.

    `FetchError` when `url` itself cannot be fetched or is not a sitemap; a child that
    fails is noted in `problems` (and passed to `warn`)."""
    from trafilatura.sitemaps import DETECT_SITEMAP_LINK, is_plausible_sitemap

    listing = Listing(url)
    collector = _Collector(listing, limit, same_host)
    queue, seen = [url], set()
    while queue and not collector.full and listing.documents < MAX_SITEMAPS:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            text = _document(fetcher, current)
        except FetchError as exc:
            if current == url:
                raise
            listing.problems.append(f"{current}: {exc.reason}")
            if warn is not None:
                warn(f"{current}: {exc.reason}")
            continue
        listing.documents += 1
        if not is_plausible_sitemap(current, text) or not text.strip():
            problem = "not a sitemap (neither XML <urlset>/<sitemapindex> nor a list of URLs)"
            if current == url:
                raise FetchError(url, problem)
            listing.problems.append(f"{current}: {problem}")
            continue
        found: list[str] = []
        _recorder_class()(current, text, found).process()
        for link in found:
            if DETECT_SITEMAP_LINK.search(link):
                child = _sitemap_url(link, current, same_host)
                if child is not None:
                    queue.append(child)
            else:
                collector.add(link, current)
    return listing


def _sitemap_url(link: str, base: str, same_host: bool) -> str | None:
    """A child sitemap's URL, resolved; on the same host unless `same_host` is False."""
    from trafilatura.utils import safe_relative_url  # type: ignore[attr-defined,unused-ignore]

    absolute = safe_relative_url(base, link.strip())
    if not absolute.startswith(("http://", "https://")):
        return None
    if same_host and _host(absolute) != _host(base):
        return None
    return str(absolute)


@lru_cache(maxsize=1)
def _recorder_class() -> type:
    from trafilatura.sitemaps import SitemapObject

    class LinkRecorder(SitemapObject):
        """trafilatura's sitemap parser, its links recorded as found: nadif filters them
        (`article_url`), and nothing is downloaded by trafilatura."""

        def __init__(self, url: str, text: str, found: list[str]) -> None:
            host = urlsplit(url).hostname or ""
            base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
            super().__init__(base, host, [], None, True)
            self.current_url = url
            self.content = text
            self._found = found

        def handle_link(self, link: str) -> None:
            self._found.append(link)

        def fetch(self) -> None:
            raise AssertionError("nadif fetches sitemaps itself")

    return LinkRecorder


logging.getLogger("trafilatura.sitemaps").setLevel(logging.ERROR)  # its warnings are ours
