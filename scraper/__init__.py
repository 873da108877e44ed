"""nadif's public face: clean dumps, extract HTML, fetch articles.

    from scraper import clean_text, extract_html, fetch_article, Article
"""

from cleaners.article import Article, Removal
from cleaners.errors import ExtractionError, FetchError, InputError, NadifError, SiteRegistryError

from .fetch import Fetcher, FetchOptions, FetchResult, fetch
from .html import extract_html, fetch_article
from .review import render_review, write_review
from .text import clean_file, clean_text

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
    "clean_file",
    "clean_text",
    "extract_html",
    "fetch",
    "fetch_article",
    "render_review",
    "write_review",
]
