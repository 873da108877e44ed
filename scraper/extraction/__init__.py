"""HTML extraction: a page's bytes -> its article's lines and metadata -> `Article`.

`lines.extract` parses a page once, prunes the site's and the generic furniture
(`_html_rules`), runs trafilatura on what is left (a BeautifulSoup paragraph walk is the
last resort, `_html_fallback`) and reads the metadata (`_metadata`); `article` then runs
the same line cleaning as a text dump, so a rule fixed once helps both paths.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """The public names, imported on first use: a subpackage import stays cheap."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
