"""On-disk page cache, so that a re-run does not hit the sites again.

Storage is hishel's `SqliteStorage` (hishel 2.x: one SQLite file in WAL mode, safe to
share between the threads of a run and the processes of `--jobs N`, entries that only
become visible once completely written, TTL and a size bound with eviction).

We use hishel's storage API rather than its `CacheTransport` under the httpx client, on
purpose:

- the transport caches each HTTP exchange, and in its default (non-RFC) mode only 2xx
  ones, so a URL that redirects would go back to the site on every re-run; RFC 9111 mode
  would instead obey the `no-cache`/`max-age=0` most news sites send, and cache nothing.
  Here an entry is keyed by the URL the caller asked for and remembers the final URL;
- a cache hit must cost no request at all, not even robots.txt or a politeness delay,
  so the cache is consulted before any of them, which a transport below the client
  cannot do;
- only pages the fetcher accepted are stored: the body already capped and decompressed,
  never a PDF, an empty page, a truncated body or an error status.

An entry lives for `ttl` seconds (None: until evicted; the database is bounded at 1 GiB
by hishel, least recently used first).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hishel import Headers as HishelHeaders
from hishel import Request as HishelRequest
from hishel import Response as HishelResponse
from hishel import SqliteStorage

__all__ = ["CACHE_FILE_NAME", "CachedPage", "PageCache"]

logger = logging.getLogger(__name__)

CACHE_FILE_NAME = "nadif-pages-v1.sqlite"
# Part of every key: change it when what an entry means changes.
_KEY_VERSION = "nadif-page-v1"


@dataclass(frozen=True)
class CachedPage:
    """What is stored for one requested URL."""

    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


class PageCache:
    """Pages by requested URL in `directory`; thread-safe (hishel locks its connection)."""

    def __init__(self, directory: Path, ttl: float | None = None) -> None:
        self._storage = SqliteStorage(
            database_path=Path(directory) / CACHE_FILE_NAME, default_ttl=ttl
        )

    def get(self, url: str) -> CachedPage | None:
        """The stored page for `url`, or None (also when the store cannot be read)."""
        for entry in self._storage.get_entries(_key(url)):
            stream = entry.response.stream
            if not isinstance(stream, Iterable):
                continue
            try:
                content = b"".join(stream)
            except RuntimeError:  # evicted while being read: a miss, not a failure
                logger.info("cache entry for %s vanished while read", url)
                continue
            headers = tuple(
                (name, value)
                for name in entry.response.headers
                for value in entry.response.headers.get_list(name) or []
            )
            return CachedPage(entry.request.url, entry.response.status_code, headers, content)
        return None

    def put(self, url: str, page: CachedPage) -> None:
        """Store `page` as the answer for `url` (a storage failure is logged, not raised)."""
        grouped: dict[str, list[str]] = {}
        for name, value in page.headers:
            grouped.setdefault(name.lower(), []).append(value)
        entry = self._storage.create_entry(
            HishelRequest(method="GET", url=page.final_url, headers=HishelHeaders({})),
            HishelResponse(
                status_code=page.status,
                headers=HishelHeaders(grouped),
                stream=iter((page.content,)),
            ),
            _key(url),
        )
        # hishel saves the body while its stream is read, and publishes the entry when
        # the stream is exhausted
        stream = entry.response.stream
        if isinstance(stream, Iterator):
            for _ in stream:
                pass

    def close(self) -> None:
        self._storage.close()


def _key(url: str) -> str:
    return hashlib.sha256(f"{_KEY_VERSION} GET {url}".encode()).hexdigest()
