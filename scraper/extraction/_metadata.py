"""Page metadata (title, author, publication date, language) from the parsed tree.

Built from trafilatura's own metadata steps — meta tags and OpenGraph, JSON-LD, the title
heuristics — and htmldate for the date, but only the fields nadif keeps: trafilatura's
`extract_metadata` also collects categories, tags, licence and site name, which cost a
third of the extraction time on a typical page and are never used here. Its author
fallback (a deep copy of the page and a wide XPath sweep) is replaced by a short list of
the places where pages put a byline.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Final

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

__all__ = ["PageMetadata", "page_metadata"]


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    author: str | None
    published: str | None
    lang: str | None
    url: str | None


# bylines marked up as such, most specific first; the first short text wins
_AUTHOR_XPATHS: Final = (
    XPath("//a[@rel='author']|//*[@itemprop='author']//*[@itemprop='name']"),
    XPath("//*[@itemprop='author']"),
    XPath(
        "//body//*[self::a or self::span or self::p or self::div or self::h3 or self::h4]"
        "[contains(@class, 'author') or contains(@class, 'byline')]"
        "[not(ancestor::*[contains(@class, 'comment')])]"
    ),
)
_BYLINE_PREFIX: Final = re.compile(
    r"^(?:(?:posted|written|published) by|by|par|por|von|بقلم|كتب)\s*:?\s+", re.IGNORECASE
)
_MAX_AUTHOR_CHARS: Final = 80

_PAGE_URL: Final = XPath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
_DECLARED_LANG: Final = XPath(
    "/html/@lang|/html/@xml:lang"
    "|//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
    "|//meta[@property='og:locale']/@content"
)
_LANG: Final = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


def _author_from_markup(tree: HtmlElement) -> str | None:
    for xpath in _AUTHOR_XPATHS:
        for element in xpath(tree):
            text = _BYLINE_PREFIX.sub("", " ".join(" ".join(element.itertext()).split()))
            if 2 < len(text) <= _MAX_AUTHOR_CHARS:
                return normalize_authors(None, text)
    return None


def page_url(tree: HtmlElement) -> str | None:
    """The URL the page declares for itself (canonical link, else og:url)."""
    for value in _PAGE_URL(tree):
        text = str(value).strip()
        if text.startswith(("http://", "https://")):
            return text
    return None


def declared_lang(tree: HtmlElement) -> str | None:
    """The language the page declares (<html lang>, Content-Language, og:locale)."""
    for value in _DECLARED_LANG(tree):
        match = _LANG.match(str(value).strip())
        if match:
            return match.group(1).lower()
    return None


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Title, author, publication date (ISO), language and URL of a parsed page."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a single token is a handle or a site name, not a person
    with suppress(Exception):  # malformed JSON-LD must not cost the article
        meta = extract_meta_json(tree, meta)
    title = meta.title or extract_title(tree)
    author = meta.author or _author_from_markup(tree)
    own_url = url or page_url(tree)
    published = find_date(
        tree,
        extensive_search=True,
        original_date=True,
        url=own_url,
        max_date=date.today().isoformat(),
    )
    return PageMetadata(
        title=" ".join(title.split()) if title else None,
        author=author,
        published=published,
        lang=declared_lang(tree),
        url=own_url,
    )
