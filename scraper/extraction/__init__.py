"""HTML extraction: a page's bytes -> its article's lines and metadata -> `Article`.

`lines.extract` parses a page once, prunes the site's and the generic furniture
(`_html_rules`), runs trafilatura on what is left (a BeautifulSoup paragraph walk is the
last resort, `_html_fallback`) and reads the metadata (`_metadata`); `article` then runs
the same line cleaning as a text dump, so a rule fixed once helps both paths.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nadif.scraper._lazy import lazy_exports

if TYPE_CHECKING:
    from nadif.scraper.extraction.article import extract_html, fetch_article
    from nadif.scraper.extraction.lines import Extracted, extract

__all__ = ["Extracted", "extract", "extract_html", "fetch_article"]

_EXPORTS: dict[str, str] = {
    "Extracted": "nadif.scraper.extraction.lines",
    "extract": "nadif.scraper.extraction.lines",
    "extract_html": "nadif.scraper.extraction.article",
    "fetch_article": "nadif.scraper.extraction.article",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
