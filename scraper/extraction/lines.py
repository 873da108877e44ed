"""HTML -> the article's lines and metadata.

One parse per page: the bytes are decoded (`decode_html`), parsed once into an lxml tree,
and that tree feeds both the metadata (`scraper._metadata`) and trafilatura's text
extraction. Before extraction, the site's `drop_xpath` (the `prune_xpath` argument) and
nadif's generic boilerplate subtrees are cut — the same delete pass as trafilatura's own
`prune_xpath`, done first so that the site's expressions see the page as the site wrote
it; between the two, the furniture words leave the names of the main text's block and
its ancestors (`protect_main_text`), so that no keyword rule, nadif's or trafilatura's,
cuts the article by its container's name — and the tree is repaired (`scraper._html_rules.prepare_tree`: layout tables, split
bodies, one-link teasers). After extraction, the rules that need block types (leading
title and deck headings, title repeats) drop their elements. When trafilatura finds
nothing, a BeautifulSoup paragraph walk is the last resort; when that finds nothing
either, `ExtractionError`.

The lines then go through the same line cleaning as a text dump (`scraper.html`), where
every dropped line is recorded: text-level furniture rules live in `cleaners.furniture`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final

import trafilatura
from lxml.etree import XPath, XPathError
from lxml.html import HtmlElement, tostring
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from nadif.cleaners.article import Removal
from nadif.cleaners.errors import ExtractionError
from nadif.scraper._markup import has_markup
from nadif.scraper.extraction._audit import (
    HTML_LINE,
    drop_code,
    left_out,
    shorten,
    subtree_removal,
)
from nadif.scraper.extraction._decode import decode_html, looks_binary
from nadif.scraper.extraction._html_rules import (
    GENERIC_PRUNE_RULES,
    GENERIC_PRUNE_XPATH,
    apply_body_rules,
    cut_captions,
    cut_standfirst,
    date_after_title,
    drop_title_furniture,
    main_text_block,
    prepare_tree,
    protect_main_text,
    prune,
    title_as_shown,
)
from nadif.scraper.extraction._metadata import PageMetadata, page_metadata
from nadif.sites import Platform

__all__ = ["Extracted", "decode_html", "extract"]

_NO_SOURCE: Final = "<html>"
# the title-header block is the article's own furniture; what stood above the title is
# named by its markup (nav, ad...) like any pruned subtree
_FURNITURE_KIND: Final = {"title-header": "heading"}

# trafilatura settings, measured on the 181-page article benchmark (bench/bench_articles.py):
# "fast" skips the readability/justext comparison (twice as fast, and better here), the
# recall focus keeps short paragraphs that balanced mode drops, comments are never the
# article; link markup (include_links) changes trafilatura's choices for the worse there.
_TRAFILATURA_OPTIONS: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "fast": True,
        "favor_recall": True,
        "include_comments": False,
        "include_tables": True,
        "include_links": False,
        "with_metadata": False,  # scraper._metadata reads the same tree, minus unused fields
        # the body tree is what is read (after the body rules): "txt" spares the text
        # rendering that the "python" format makes of it (the extraction is the same)
        "output_format": "txt",
    }
)


@dataclass(frozen=True)
class Extracted:
    """What the HTML layer knows about one page.

    `lines` is the article body, one paragraph (or list item, or table row) per line, in
    order; the title is not part of it unless the page repeats it inside the body.
    """

    lines: list[str]
    title: str | None
    author: str | None
    published: str | None  # ISO date, with its time and timezone when the page gives them
    lang: str | None
    url: str | None
    method: str  # "trafilatura" | "fallback"
    platform: str | None = None  # the platform whose markers the page showed
    # what the HTML stage cut (pruned subtrees, dropped blocks, what the extractor left
    # out), `line` 0: see `scraper.extraction._audit`
    removed: tuple[Removal, ...] = ()
    metadata: PageMetadata | None = None  # all the page states (description, tags...)
    standfirst: str | None = None  # the standfirst block cut (`html/standfirst`), its text

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _lines(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


@lru_cache(maxsize=256)
def _compiled(expressions: tuple[str, ...]) -> tuple[XPath, ...]:
    """Compile once per distinct list (a site's list is the same for all its pages)."""
    compiled = []
    for expression in expressions:
        try:
            compiled.append(XPath(expression))
        except XPathError as exc:
            raise ValueError(f"invalid prune xpath {expression!r}: {exc}") from None
    return tuple(compiled)


def _platform_of(tree: HtmlElement, platforms: Sequence[Platform]) -> Platform | None:
    for platform in platforms:
        if any(marker(tree) for marker in _compiled(platform.markers)):
            return platform
    return None


def _prune_xpaths(
    site_xpaths: Sequence[str], source: str, site_name: str | None
) -> tuple[tuple[XPath, ...], tuple[str, ...]]:
    """The site's expressions, then the generic ones, and the rule id of each."""
    site = (site_xpaths,) if isinstance(site_xpaths, str) else tuple(site_xpaths)
    try:
        xpaths = _compiled((*site, *GENERIC_PRUNE_XPATH))
    except ValueError as exc:
        raise ExtractionError(source, str(exc)) from None
    site_rule = f"{site_name or 'page'}/drop-xpath"
    return xpaths, (site_rule,) * len(site) + GENERIC_PRUNE_RULES


def _parse(text: str, source: str) -> HtmlElement:
    if not text.strip():
        raise ExtractionError(source, "empty document")
    if looks_binary(text):
        raise ExtractionError(source, "binary data, not HTML")
    if not has_markup(text):
        raise ExtractionError(
            source, "no HTML markup: this is plain text (a text dump is cleaned by `nadif clean`)"
        )
    tree = trafilatura.load_html(text)
    if tree is None:
        # trafilatura rejects what does not look like a whole document (a bare fragment);
        # wrapped, the same parser gets one more try
        tree = trafilatura.load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise ExtractionError(source, "not parseable as HTML")
    return tree


# Zero-width joiners are letters' business in Persian, Urdu, Kurdish and Indic scripts
# ("هتل‌ها" is one word written with a ZWNJ), but trafilatura drops every character
# Python calls unprintable, and they are format characters. While trafilatura reads the
# tree they stand in as combining marks that no page of these scripts uses (printable,
# kept by NFC), and come back in its lines and in the tree.
_JOINERS: Final = {"\u200c": "\u034f", "\u200d": "\ufe00"}  # ZWNJ -> CGJ, ZWJ -> VS1
_UNJOIN: Final = {v: k for k, v in _JOINERS.items()}
_JOINER_RE: Final = re.compile("[\u200c\u200d]")
_STAND_IN_RE: Final = re.compile("[\u034f\ufe00]")


def _swap_text(tree: HtmlElement, pattern: re.Pattern[str], table: dict[str, str]) -> None:
    def swap(m: re.Match[str]) -> str:
        return table[m.group()]

    for element in tree.iter():
        if element.text and pattern.search(element.text):
            element.text = pattern.sub(swap, element.text)
        if element.tail and pattern.search(element.tail):
            element.tail = pattern.sub(swap, element.tail)


_JOINER_ENTITIES: Final = ("&zwnj;", "&zwj;", "&#8204;", "&#8205;", "&#x200c;", "&#x200d;")
# letters of the scripts that write joiners (Persian and Urdu yeh and keheh, the Indic
# virama): only a page holding one is searched for the joiners' entities
_JOINING_SCRIPTS: Final = ("\u06cc", "\u06a9", "\u094d")


def _has_joiners(text: str) -> bool:
    """Whether the page may hold a ZWNJ or ZWJ (as a character or an entity), and none of
    their stand-ins (then the swap could not be undone). Single characters first: a page
    is searched at C speed, never lower-cased or scanned by a regex."""
    if "\u034f" in text or "\ufe00" in text:
        return False
    if "\u200c" in text or "\u200d" in text:
        return True
    if not any(letter in text for letter in _JOINING_SCRIPTS):
        return False
    lowered = text.lower()
    return any(entity in lowered for entity in _JOINER_ENTITIES)


def _unjoin(text: str) -> str:
    return _STAND_IN_RE.sub(lambda m: _UNJOIN[m.group()], text)


def plain_trafilatura(html: bytes | str, url: str | None) -> str:
    """Plain `trafilatura.extract` of a page (default settings), with its zero-width
    joiners kept (see `_JOINERS`)."""
    text = decode_html(html)
    if not _has_joiners(text):
        return trafilatura.extract(text, url=url) or ""
    tree = trafilatura.load_html(text)
    if tree is None:
        return trafilatura.extract(text, url=url) or ""
    _swap_text(tree, _JOINER_RE, _JOINERS)
    return _unjoin(trafilatura.extract(tree, url=url) or "")


def _trafilatura_lines(
    tree: HtmlElement, url: str | None, title: str | None, removed: list[Removal], joiners: bool
) -> list[str]:
    if joiners:
        _swap_text(tree, _JOINER_RE, _JOINERS)
    try:
        document = trafilatura.bare_extraction(tree, url=url, **_TRAFILATURA_OPTIONS)
    finally:
        if joiners:
            _swap_text(tree, _STAND_IN_RE, _UNJOIN)
    if not isinstance(document, Document) or document.body is None:
        return []
    for rule, text in apply_body_rules(document.body, title=title):
        shown = _unjoin(text) if joiners else text
        removed.append(Removal(HTML_LINE, shorten(shown), "heading", f"html/{rule}"))
    lines = _lines(xmltotxt(document.body, False))
    return [_unjoin(line) for line in lines] if joiners else lines


def extract(
    html: bytes | str,
    *,
    url: str | None = None,
    prune_xpath: Sequence[str] = (),
    platforms: Sequence[Platform] = (),
    site_name: str | None = None,
    forced_platform: bool = False,
) -> Extracted:
    """Extract the body lines and metadata (the line cleaning comes after, in cleaners).

    `prune_xpath` are the site's subtrees to cut (its `drop_xpath`, recorded as
    `<site_name>/drop-xpath`); nadif's generic boilerplate subtrees are cut as well, and
    so are those of the first of `platforms` whose markers the page shows (a CMS or
    theme: see `sites.PLATFORMS`; with `forced_platform`, the first of them whatever
    the page shows: the site's own platform). Every cut that held text is in `Extracted.removed`.
    Raises `ExtractionError` (naming `url`, or "<html>") for empty, binary, plain-text
    or unparseable input and for a page without text.
    """
    source = url or _NO_SOURCE
    xpaths, rules = _prune_xpaths(prune_xpath, source, site_name)
    text = decode_html(html)
    tree = _parse(text, source)
    meta = page_metadata(tree, url)  # from the whole page, before anything is cut
    title = title_as_shown(tree, meta.title)
    platform = platforms[0] if forced_platform and platforms else _platform_of(tree, platforms)
    if platform is not None:
        own = _compiled(platform.drop_xpath)
        xpaths, rules = own + xpaths, (f"{platform.name}/drop-xpath",) * len(own) + rules
    # the site's subtrees go first, while the tree is as the site wrote it (its xpaths
    # may name tables that the repairs unwrap); bare_extraction then works on a copy
    removed: list[Removal] = []
    # the site's and the platform's own expressions first; then the main text's names
    # lose their furniture words (`protect_main_text`), then the generic expressions
    generic = len(xpaths) - len(GENERIC_PRUNE_XPATH)
    pruned = prune(tree, xpaths[:generic])
    main = main_text_block(tree)
    captions = cut_captions(tree, main)  # before the names change: they say "caption"
    protect_main_text(tree, main)
    pruned += [(generic + index, element) for index, element in prune(tree, xpaths[generic:])]
    for index, element in pruned:
        _record(removed, subtree_removal(element, rules[index]))
    # the date line under the title, while the title's header block is still there
    published = meta.published
    if published is None or meta.published_guessed:
        published = date_after_title(tree, title, main) or published
    for element in prepare_tree(tree, meta.url):
        _record(removed, subtree_removal(element, "html/link-teaser", "related"))
    for rule, element in drop_title_furniture(tree, title, main):
        _record(removed, subtree_removal(element, f"html/{rule}", _FURNITURE_KIND.get(rule)))
    for element in captions:
        _record(removed, subtree_removal(element, "html/caption", "caption"))
    standfirst = cut_standfirst(tree, title, main)
    if standfirst is not None:
        _record(removed, subtree_removal(standfirst, "html/standfirst", "standfirst"))
    lines = _trafilatura_lines(tree, url, title, removed, _has_joiners(text))
    method = "trafilatura"
    if not lines:
        method = "fallback"
        # the walk sees the pruned and repaired page; the original text only when the
        # lxml tree lost the text (libxml2 gives up on pathologically deep nesting)
        from nadif.scraper.extraction._html_fallback import paragraph_walk  # bs4: last resort

        lines = paragraph_walk(tostring(tree, encoding="unicode")) or paragraph_walk(text)
    if not lines:
        raise ExtractionError(source, "no article text found")
    drop_code(tree)  # the tree's last use: what the extractor left out
    body = tree.find("body")
    known = [r.text.removesuffix("…") for r in removed]
    removed += left_out(body if body is not None else tree, lines, also_known=[*known, title or ""])
    return Extracted(
        lines=lines,
        title=title,
        author=meta.author,
        published=published,
        lang=meta.lang,
        url=meta.url,
        method=method,
        platform=platform.name if platform else None,
        removed=tuple(removed),
        metadata=meta,
        standfirst=" ".join(standfirst.text_content().split()) if standfirst is not None else None,
    )


def _record(removed: list[Removal], removal: Removal | None) -> None:
    if removal is not None:
        removed.append(removal)
