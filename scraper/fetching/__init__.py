"""Fetching: a news page by URL, politely and defensively.

`Fetcher` (httpx underneath) caps the body it reads, retries what is worth retrying
(honouring `Retry-After`), follows redirects hop by hop with a check of every address,
asks robots.txt, spaces out requests to one host, repairs undeclared charsets and keeps a
disk cache so that a re-run does not hit the site again. One concept per private module:
`_body` (capped reads), `_retry`, `_robots`, `_politeness`, `_cache`, `_charset`,
`_content_type`, `_url`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nadif.scraper._lazy import lazy_exports

if TYPE_CHECKING:
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions, FetchResult, fetch

__all__ = ["FetchOptions", "FetchResult", "Fetcher", "fetch"]

_EXPORTS: dict[str, str] = {
    "FetchOptions": "nadif.scraper.fetching.fetcher",
    "FetchResult": "nadif.scraper.fetching.fetcher",
    "Fetcher": "nadif.scraper.fetching.fetcher",
    "fetch": "nadif.scraper.fetching.fetcher",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
