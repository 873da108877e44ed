"""Page metadata (title, author, dates, language, description, site name, categories,
tags, image) from the parsed tree.

Built from trafilatura's own metadata steps — meta tags and OpenGraph, JSON-LD, the title
heuristics — and htmldate for the date, but not its whole `extract_metadata`: its
category and tag searches through the page's links and its licence search cost a third
of the extraction time on a typical page; categories and tags are read here from what
the page states (`article:section`, `article:tag`, keywords, JSON-LD), which
`examine_meta` and `extract_meta_json` already collect. Its author
fallback (a deep copy of the page and a wide XPath sweep) is replaced by a short list of
the places where pages put a byline.

The publication date is never guessed from the text: the page's explicit publication
time (`article:published_time`, `datePublished` in microdata or JSON-LD, Dublin Core...)
comes first, kept with its time and timezone when it has them; else htmldate's quick
search (meta tags, the page's URL, date elements of the markup such as the date line
by the title), without its extensive search, which takes any date-like string of the
text, a bare year included.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

__all__ = [
    "PageMetadata",
    "iso_published",
    "page_metadata",
    "stated_modified",
    "stated_published",
]


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    author: str | None
    published: str | None
    lang: str | None
    url: str | None
    modified: str | None = None
    description: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    categories: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    image: str | None = None
    # `published` is htmldate's reading of the page's markup and URL, not a date that the
    # metadata states (a date line under the title, when there is one, comes first)
    published_guessed: bool = False


# bylines marked up as such, most specific first; the first short text wins
_AUTHOR_XPATHS: Final = (
    XPath("//a[@rel='author']|//*[@itemprop='author']//*[@itemprop='name']"),
    XPath("//*[@itemprop='author']"),
    XPath(
        # a quick test of the class first (lower or upper case), the folded one after it
        "//body//*[contains(@class, 'uthor') or contains(@class, 'UTHOR')"
        " or contains(@class, 'yline') or contains(@class, 'YLINE') or contains(@class, 'writer')]"
        "[self::a or self::span or self::p or self::div or self::h3 or self::h4]"
        "[contains(translate(@class, 'AUTHOR', 'author'), 'author')"
        " or contains(translate(@class, 'BYLINE', 'byline'), 'byline')"
        " or contains(@class, 'writer')]"
        "[not(contains(@class, 'authoring'))]"  # a menu's "authoring" link is no byline
        "[not(ancestor::*[contains(@class, 'comment')])]"
        "[not(ancestor::nav or ancestor::*[contains(@class, 'menu')])]"
    ),
)
# inside a byline block: the date and time it also shows are not the name
_DATED_PART: Final = re.compile(r"date|time|zeit|datum|fecha", re.IGNORECASE)
_BYLINE_PREFIX: Final = re.compile(
    r"^(?:(?:posted|written|published) by|(?:texte|text|texto|textes) (?:par|von|de|por)|by|par|por|von|بقلم|كتب|بواسطة|حاوره|حاورته|إعداد"
    r"|المؤلف)\s*[:\-–،,]?\s+",
    re.IGNORECASE,
)
_MAX_AUTHOR_CHARS: Final = 80

_PAGE_URL: Final = XPath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
_DECLARED_LANG: Final = XPath(
    "/html/@lang|/html/@xml:lang"
    "|//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
    "|//meta[@property='og:locale']/@content"
)
_LANG: Final = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*$")


# where a page states when it was published, most explicit first (meta names casefolded)
_PUBLISHED_NAMES: Final = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
)
# where a page states when it was last changed
_MODIFIED_NAMES: Final = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
_JSON_MODIFIED: Final = re.compile(r'"dateModified"\s*:\s*"([^"]{8,40})"')
_SECTION_NAMES: Final = ("article:section", "section", "parsely-section")
_TAG_NAMES: Final = ("article:tag", "keywords", "news_keywords", "parsely-tags")
_METAS: Final = XPath("//meta[@content]")
_TIME_PUBLISHED: Final = XPath("//time[@itemprop='datePublished']/@datetime")
_JSON_LD: Final = XPath("//script[@type='application/ld+json']/text()")
_JSON_PUBLISHED: Final = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_ISO: Final = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$"
)


def iso_published(value: str, latest: date | None = None) -> str | None:
    """An ISO date or date-time string as the page gives it: `YYYY-MM-DD`, or with its
    time (`YYYY-MM-DDTHH:MM:SS`) and its timezone when given (`+01:00`; "Z" is `+00:00`);
    None for anything else, an impossible date, or a date after `latest`."""
    match = _ISO.match(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
        if latest is not None and day_ > latest:
            return None
        if hour is None:
            return day_.isoformat()
        text = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
        if zone:
            zone = "+00:00" if zone == "Z" else zone
            zone = zone if len(zone) != 3 else zone + ":00"
            zone = zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
            text += zone
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _stated_metas(tree: HtmlElement) -> dict[str, list[str]]:
    """Every <meta> content by its casefolded name (property, name or itemprop)."""
    stated: dict[str, list[str]] = {}
    for meta in _METAS(tree):  # one pass over the metas, names looked up in Python
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        stated.setdefault(key.casefold(), []).append(meta.get("content", ""))
    return stated


def _stated_date(
    tree: HtmlElement,
    stated: dict[str, list[str]],
    names: tuple[str, ...],
    extra: list[str],
    json_pattern: re.Pattern[str],
) -> str | None:
    latest = date.today() + timedelta(days=1)  # a timezone ahead of the machine's
    values = [stated[name][0] for name in names if name in stated]
    for value in (*values, *extra):
        found = iso_published(str(value), latest)
        if found:
            return found
    for script in _JSON_LD(tree):
        for value in json_pattern.findall(str(script)):
            found = iso_published(value, latest)
            if found:
                return found
    return None


def stated_published(tree: HtmlElement, stated: dict[str, list[str]] | None = None) -> str | None:
    """The publication date (and time) the page states in its metadata, or None.
    `stated` is the page's `_stated_metas`, when the caller has read them already."""
    stated = _stated_metas(tree) if stated is None else stated
    extra = [str(value) for value in _TIME_PUBLISHED(tree)]
    if len({value.strip()[:10] for value in extra}) > 1:
        # several posts' dates (a menu's or a sidebar's teasers marked up as posts): which
        # one is the article's the markup does not say
        extra = []
    return _stated_date(tree, stated, _PUBLISHED_NAMES, extra, _JSON_PUBLISHED)


def stated_modified(tree: HtmlElement, stated: dict[str, list[str]] | None = None) -> str | None:
    """When the page says it was last changed (ISO, as `stated_published`), or None."""
    stated = _stated_metas(tree) if stated is None else stated
    return _stated_date(tree, stated, _MODIFIED_NAMES, [], _JSON_MODIFIED)


def _terms(
    stated: dict[str, list[str]], names: tuple[str, ...], found: list[str]
) -> tuple[str, ...] | None:
    """Category or tag names: the metas' (comma-separated lists split) then trafilatura's."""
    values = [value for name in names for value in stated.get(name, ())] + found
    terms = [part.strip() for value in values for part in str(value).split(",")]
    unique = tuple(dict.fromkeys(term for term in terms if term))
    return unique or None


def _name_text(element: HtmlElement) -> str:
    """A byline block's text without the date or time it shows beside the name (a <time>,
    a block whose class names a date or a time)."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not (
                child.tag == "time" or _DATED_PART.search(child.get("class") or "")
            ):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join(" ".join(parts).split())


def _author_from_markup(tree: HtmlElement, sitename: str | None) -> str | None:
    for xpath in _AUTHOR_XPATHS:
        for element in xpath(tree):
            text = _without_site(_BYLINE_PREFIX.sub("", _name_text(element)), sitename) or ""
            if 2 < len(text) <= _MAX_AUTHOR_CHARS:
                return normalize_authors(None, text)
    return None


_KEY: Final = re.compile(r"[\W_]+")
_SITE_SEPARATOR: Final = re.compile(r"^\s*[-–—|:/]\s*")
# a host name read as a name ("elmundo.es" -> "Elmundo Es")
_DOMAIN: Final = re.compile(
    r"[\w-]+ (?:com|net|org|info|news|tv|de|es|fr|it|ma|dz|tn|eg|sa|ae|uk|co|ir|pk|at|ch|be|nl"
    r"|pl|cz|lv|pt|br|ar|lb|jo|iq|ly|sd|qa|kw|om|ye|sy|ps|mr)",
    re.IGNORECASE,
)


def _without_site(text: str, sitename: str | None) -> str | None:
    """A byline without the site's name before it ("<site> - <name>": the site's own
    byline form); None when nothing else is left."""
    if sitename and text.casefold().startswith(sitename.casefold()):
        rest = text[len(sitename) :]
        if _SITE_SEPARATOR.match(rest):
            return _SITE_SEPARATOR.sub("", rest, count=1).strip() or None
    return text


def _a_person(author: str | None, sitename: str | None, url: str | None) -> str | None:
    """`author`, unless it names the site rather than a person: the site's name, or its
    host ("tagesausblick.de" read as "Tagesausblick De"). A byline prefix ("By", "كتب -",
    "بواسطة") is taken off."""
    if not author:
        return None
    author = _BYLINE_PREFIX.sub("", author).strip() or None
    if author is None:
        return None
    author = _without_site(author, sitename)
    if author is None:
        return None
    key = _KEY.sub("", author.casefold())
    site = {_KEY.sub("", sitename.casefold())} if sitename else set()
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.casefold().removeprefix("www.")
        site |= {_KEY.sub("", labels), _KEY.sub("", labels.split(".")[0])}
    if key in site or any(key and s and key in s for s in site) or _DOMAIN.fullmatch(author):
        return None
    if "; " in author:  # several names: the site's own and single tokens (a desk, an
        # agency, a broadcaster: "SWR", "dpa", "Red") are not persons
        people = [part for part in author.split("; ") if _a_person_of_many(part, site)]
        return "; ".join(people) or None
    return author


def _a_person_of_many(name: str, site: set[str]) -> bool:
    key = _KEY.sub("", name.casefold())
    if " " not in name.strip() or not key or _DOMAIN.fullmatch(name):
        return False
    # the site's name, or the site's name with a word added ("Heise Online")
    return not any(s and (key in s or (len(s) >= 4 and key.startswith(s))) for s in site)


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
    own_url = url or page_url(tree)
    author = _a_person(meta.author, meta.sitename, own_url)
    author = author or _a_person(_author_from_markup(tree, meta.sitename), meta.sitename, None)
    stated = _stated_metas(tree)  # read once, for the dates, categories and tags
    published = stated_published(tree, stated)
    guessed = published is None
    published = published or find_date(
        tree,
        extensive_search=False,  # the extensive search reads years in the text as dates
        original_date=True,
        url=own_url,
        max_date=date.today().isoformat(),
    )
    host = urlsplit(own_url).hostname if own_url else None
    return PageMetadata(
        title=" ".join(title.split()) if title else None,
        author=author,
        published=published,
        published_guessed=guessed and published is not None,
        lang=declared_lang(tree),
        url=own_url,
        modified=stated_modified(tree, stated),
        description=_one_line(meta.description),
        sitename=_one_line(meta.sitename),
        hostname=host.lower() if host else None,
        categories=_terms(stated, _SECTION_NAMES, list(meta.categories or ())),
        tags=_terms(stated, _TAG_NAMES, list(meta.tags or ())),
        image=meta.image if meta.image and meta.image.startswith(("http://", "https://")) else None,
    )


def _one_line(value: str | None) -> str | None:
    text = " ".join(value.split()) if value else ""
    return text or None
