"""nadif — clean scraped news pages into articles, with an audit trail of every cut.

    import nadif
    article = nadif.clean_text(dump)            # a text dump a scraper saved
    article = nadif.extract_html(page, url=u)   # a saved HTML page
    article = nadif.fetch_article(url)          # fetch, then extract
    article.title, article.paragraphs, article.removed

The three layers install beneath this package: `nadif.cleaners` (pure text machinery),
`nadif.sites` (one data module per news site) and `nadif.scraper` (fetching, HTML
extraction, batch runs, the review page, the command line). The public names below are
imported on first use, so that `import nadif` and `nadif --help` start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "Article": "nadif.cleaners.article",
    "Removal": "nadif.cleaners.article",
    "NadifError": "nadif.cleaners.errors",
    "ExtractionError": "nadif.cleaners.errors",
    "FetchError": "nadif.cleaners.errors",
    "InputError": "nadif.cleaners.errors",
    "SiteRegistryError": "nadif.cleaners.errors",
    "clean_text": "nadif.scraper.text",
    "clean_file": "nadif.scraper.text",
    "extract_html": "nadif.scraper.extraction.article",
    "fetch_article": "nadif.scraper.extraction.article",
    "fetch": "nadif.scraper.fetching.fetcher",
    "Fetcher": "nadif.scraper.fetching.fetcher",
    "FetchOptions": "nadif.scraper.fetching.fetcher",
    "FetchResult": "nadif.scraper.fetching.fetcher",
    "render_review": "nadif.scraper.review.page",
    "write_review": "nadif.scraper.review.page",
    "all_sites": "nadif.sites",
    "get_site": "nadif.sites",
}

__all__ = [
    "Article",
    "ExtractionError",
    "FetchError",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "InputError",
    "NadifError",
    "Removal",
    "SiteRegistryError",
    "__version__",
    "all_sites",
    "clean_file",
    "clean_text",
    "extract_html",
    "fetch",
    "fetch_article",
    "get_site",
    "render_review",
    "write_review",
]

if TYPE_CHECKING:
    __version__: str
    from nadif.cleaners.article import Article, Removal
    from nadif.cleaners.errors import (
        ExtractionError,
        FetchError,
        InputError,
        NadifError,
        SiteRegistryError,
    )
    from nadif.scraper.extraction.article import extract_html, fetch_article
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions, FetchResult, fetch
    from nadif.scraper.review.page import render_review, write_review
    from nadif.scraper.text import clean_file, clean_text
    from nadif.sites import all_sites, get_site


def _version() -> str:
    """The installed distribution's version (importlib.metadata is slow to import: lazily)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nadif")
    except PackageNotFoundError:  # pragma: no cover - a checkout without install
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = globals()["__version__"] = _version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nadif' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
