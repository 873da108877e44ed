"""Generic HTML-level rules: page furniture that no site module should have to describe.

Four families, each recognising a *kind* of layout or furniture, never one site:
- `GENERIC_PRUNE_XPATH`: subtrees cut before extraction, along with the site's
  drop_xpath (`prune`);
- `protect_main_text`: the names of the block that holds the page's run of prose, and of
  every block around it, say nothing of what it is: a furniture word among them
  ("newsletter-teaser", "has-sidebar", "articletype-kommentar") is taken out before any
  generic rule or the extractor's own discard lists read them;
- `prepare_tree`: repairs to the raw tree so that the extractor sees the article whole
  (layout tables unwrapped, a body split into same-class chunks joined, one-link teaser
  paragraphs removed);
- `apply_body_rules`: rules on trafilatura's output tree, where the block types are known
  (headings standing before the first paragraph are the title and deck; a block that
  repeats the title is not body text).

Each was kept because it raised F1 on the article benchmark (bench/bench_articles.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final
from urllib.parse import urlsplit

from lxml.etree import Element, SubElement, XPath, _Element, strip_tags
from lxml.html import HtmlElement
from trafilatura.xpaths import (
    DISCARD_IMAGE_ELEMENTS,
    OVERALL_DISCARD_XPATH,
    RAW_TREE_PRUNE_XPATH,
    REMOVE_COMMENTS_AND_LISTS_XPATH,
)

__all__ = [
    "GENERIC_PRUNE_RULES",
    "GENERIC_PRUNE_XPATH",
    "apply_body_rules",
    "drop_internal_link_teasers",
    "drop_leading_headings",
    "drop_title_furniture",
    "drop_title_repeats",
    "join_split_body",
    "lift_social_posts",
    "main_text_block",
    "prepare_tree",
    "protect_main_text",
    "prune",
    "unwrap_layout_tables",
]


def _text(element: _Element) -> str:
    return "".join(element.itertext()).strip()


def _detach(element: _Element) -> None:
    """Remove an element but keep its tail text (which is not inside it) in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# --- 1. subtrees cut before extraction

# trafilatura's own discard list matches most furniture by lower-case class tokens;
# these catch what it misses.
# Written for speed (each runs on every page): the tag union first (libxml2 walks the tree
# once per tag name instead of testing every element), then the names, id and class read
# as one string (a keyword holds no space, so it matches the joined string exactly where
# it matches one of them), the costly content tests last.
GENERIC_PRUNE_XPATH: Final[tuple[str, ...]] = (
    # newsletter sign-up boxes, whatever the case of their class ("Newsletter-signup"),
    # unless the "box" holds an article's worth of paragraphs
    (
        "(//div | //section | //aside | //form)"
        "[contains(translate(concat(@id, ' ', @class), 'NEWSLTR', 'newsltr'), 'newsletter')]"
        "[count(.//p) < 5]"
    ),
    # readers' comments named in another language than the English that trafilatura's
    # own list knows (comentarios, commentaires, commenti, Kommentare), unless the block
    # holds the title heading (then it is the article's own container) or an article's
    # run of paragraphs and no comment form: "Kommentar", "commento" also name the
    # opinion column, and templates put the genre in the article container's class.
    # Each keyword's letters are folded as written (an upper-case E or N is not, in
    # "comentario"); every keyword holds "[mM][eE]n[tT]", a quick first test
    (
        "(//div | //section | //aside | //ol | //ul)"
        "[contains(translate(concat(@id, ' ', @class), 'MET', 'met'), 'ment')]"
        "[contains(translate(concat(@id, ' ', @class), 'CMTARIOSK', 'cmtariosk'), 'comentario')"
        " or contains(translate(concat(@id, ' ', @class), 'CMTAIRESK', 'cmtairesk'),"
        " 'commentaire')"
        " or contains(translate(concat(@id, ' ', @class), 'CMTIK', 'cmtik'), 'commenti')"
        " or contains(translate(concat(@id, ' ', @class), 'KMTAR', 'kmtar'), 'kommentar')]"
        "[not(.//h1)]"
        "[not(descendant-or-self::*[count(p[string-length(normalize-space()) >= 80]) >= 3])"
        " or .//form or .//textarea]"
    ),
    # headings that no reader sees: hidden, or kept for screen readers only ("Main
    # content", "New section"); the token "hidden" alone ("hidden-xs" shows on wide screens)
    (
        "(//h1 | //h2 | //h3 | //h4 | //h5 | //h6)[@hidden"
        " or (contains(@class, 'hidden') and contains(concat(' ', normalize-space(@class), ' '),"
        " ' hidden '))"
        " or contains(@class, 'sr-only') or contains(@class, 'visually-hidden')"
        " or contains(@class, 'visuallyhidden') or contains(@class, 'screen-reader')]"
    ),
)


# the rule id of each expression above, as removals name it
GENERIC_PRUNE_RULES: Final[tuple[str, ...]] = ("html/newsletter", "html/comments", "html/hidden")


def _top(element: _Element) -> _Element:
    while (parent := element.getparent()) is not None:
        element = parent
    return element


def prune(tree: HtmlElement, xpaths: Sequence[XPath]) -> list[tuple[int, _Element]]:
    """Cut every subtree that one of `xpaths` selects; returns (index of the expression,
    subtree) for each cut, in order, so that the caller can record what each one held."""
    cut: list[tuple[int, _Element]] = []
    root = _top(tree)
    for index, xpath in enumerate(xpaths):
        for element in xpath(tree):
            # inside a subtree cut a moment ago: already gone, already recorded
            if isinstance(element, _Element) and _top(element) is root:
                _detach(element)
                cut.append((index, element))
    return cut


# --- 1b. the main text's own names

# prose: a paragraph, or a run of text set between <br>s, of at least this many characters
# (characters, not words: any language; the html/comments rule's measure)
_PROSE_CHARS: Final = 80
_PROSE_UNITS: Final = XPath(
    "//body//p[string-length(normalize-space()) >= $chars]"
    " | //body//text()[string-length(normalize-space()) >= $chars][not(ancestor::p)]"
    "[not(ancestor::a or ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template or ancestor::option)]",
    smart_strings=True,
)
_MAIN_TEXT_MIN_UNITS: Final = 2
# readers' comments, by the words their blocks are named with (any case, any language
# that the generic rules know)
_COMMENT_WORDS: Final = ("comment", "kommentar", "comentario", "respond", "disqus")
_COMMENT_NAMED_TEST: Final = " or ".join(
    f"contains(translate(@{name}, 'ABCDEGIKMNOPQRSTU', 'abcdegikmnopqrstu'), '{word}')"
    for name in ("class", "id")
    for word in _COMMENT_WORDS
)
_IS_COMMENT_NAMED: Final = XPath(f"self::*[{_COMMENT_NAMED_TEST}]")
_COMMENT_NAMED_INSIDE: Final = XPath(f".//*[{_COMMENT_NAMED_TEST}]")
_HOLDS_FORM: Final = XPath(".//textarea")
# what selects a block by its names, with the extraction settings of
# `scraper.extraction.lines` (comments off, images off, recall): trafilatura's discard
# lists and nadif's generic rules, in one expression; a block is probed alone, stripped
# of its content
_NAME_RULES: Final = XPath(
    " | ".join(
        [
            rule.path
            for rule in (
                *RAW_TREE_PRUNE_XPATH,
                *REMOVE_COMMENTS_AND_LISTS_XPATH,
                *OVERALL_DISCARD_XPATH,
                *DISCARD_IMAGE_ELEMENTS,
            )
        ]
        + list(GENERIC_PRUNE_XPATH)
    ),
    namespaces={"re": "http://exslt.org/regular-expressions"},
)


def main_text_block(tree: HtmlElement) -> _Element | None:
    """The block of the page's main text: from <body> down, the child that holds more
    than half of its parent's prose, as deep as there is one; None when the page has
    fewer than two runs of prose.

    Prose is a paragraph of at least `_PROSE_CHARS` characters, or such a run of text
    outside any paragraph and any link (a body set as text between <br>s). The
    standfirst, a caption, a teaser's excerpt beside the article, readers' comments each
    in their own block: the article's run of paragraphs outweighs each of them, however
    deep the template wraps each paragraph. When the way down enters a thread of readers'
    comments (`_is_thread`), the page's prose is mostly comments: None.
    """
    held: dict[_Element, int] = {}
    units = 0
    for unit in _PROSE_UNITS(tree, chars=_PROSE_CHARS):
        if isinstance(unit, _Element):
            length, start = len(_text(unit)), unit
        else:  # a text node: it belongs to its element, a tail to its element's parent
            owner = unit.getparent()
            if owner is None:
                continue
            length = len(unit.strip())
            start = owner.getparent() if unit.is_tail else owner
            if start is None:
                continue
        units += 1
        for block in (start, *start.iterancestors()):
            held[block] = held.get(block, 0) + length
    body = tree.find("body") if tree.tag == "html" else tree
    if units < _MAIN_TEXT_MIN_UNITS or body is None:
        return None
    block = body
    while True:
        inner = next((child for child in block if 2 * held.get(child, 0) > held[block]), None)
        if inner is None:
            return block
        if _is_thread(inner, held):
            return None  # most of the page's prose is readers' comments
        block = inner


def _is_thread(block: _Element, held: dict[_Element, int]) -> bool:
    """A block named as comments that holds a comment form, or two comment-named blocks
    with prose in them: readers' comments, not an article named after its genre."""
    if not _IS_COMMENT_NAMED(block):
        return False
    if _HOLDS_FORM(block):
        return True
    return sum(1 for inner in _COMMENT_NAMED_INSIDE(block) if held.get(inner, 0)) >= 2


@lru_cache(maxsize=4096)
def _named_furniture(tag: str, names: tuple[tuple[str, str], ...]) -> bool:
    """True when a `tag` block with only these `names` ((attribute, value) pairs: class,
    id) is selected by one of the name rules."""
    probe = Element("div")
    SubElement(probe, tag, dict(names))
    return bool(_NAME_RULES(probe))


def protect_main_text(tree: HtmlElement, main: _Element | None = None) -> list[str]:
    """Take the furniture words out of the names of the main text's block and of every
    block around it, up to <body>; returns the names taken out (class tokens, ids).

    Templates name containers after what they show, and what they show is not always
    furniture: the opinion genre ("kommentar", "commento") in an article's class, a
    layout wrapper "has-sidebar" or "with-comments", a body "newsletter-teaser" over a
    sign-up box below it. A class-keyword rule (nadif's or the extractor's own) then cuts
    the whole article, or the extractor loses the container and takes another part of
    the page. Only the words that a rule selects go (a class token whose block alone
    would be selected, an id likewise); the other names stay, so the extractor still
    finds an "article-body". Nothing is cut here. `main`: the main text's block when the
    caller found it already (`main_text_block`).
    """
    main = main if main is not None else main_text_block(tree)
    if main is None:
        return []
    taken: list[str] = []
    for block in (main, *main.iterancestors()):
        if block.tag == "html" or not isinstance(block.tag, str):
            break
        taken += _unname_furniture(block)
    for unit in _repeated_units(main):  # the article's own repeating blocks (slides...)
        for block in unit.iter():
            if isinstance(block.tag, str) and block.tag not in _CODE:
                taken += _unname_furniture(block)
    return taken


def _unname_furniture(block: _Element) -> list[str]:
    """Take out of a block's class and id the furniture words a rule selects by."""
    names = {key: block.get(key, "") for key in ("class", "id") if block.get(key)}
    if not names or not _named_furniture(block.tag, tuple(names.items())):
        return []
    taken: list[str] = []
    tokens = names.get("class", "").split()
    kept = [
        token
        for token in tokens
        if not _named_furniture(block.tag, (("class", token),))
        and not _named_furniture(block.tag, (("class", f"x {token} x"),))
    ]
    if len(kept) < len(tokens):
        taken += [token for token in tokens if token not in kept]
        if kept:
            block.set("class", " ".join(kept))
        else:
            del block.attrib["class"]
    ident = names.get("id")
    if ident and _named_furniture(block.tag, (("id", ident),)):
        taken.append(f"#{ident}")
        del block.attrib["id"]
    return taken


# the article's repeating unit: at least this many sibling blocks of one class under the
# main text's block, holding more than half of its prose between them
_MIN_UNITS: Final = 3
_UNIT_PROSE: Final = XPath(".//p[string-length(normalize-space()) >= $chars]")


def _repeated_units(main: _Element) -> list[_Element]:
    """The blocks a gallery, a slideshow or a listicle repeats under the main text's block
    (`div.slideshow__item` six times, each a picture and its text): sibling blocks of one
    class that together hold most of the main text's prose. Their names say how the
    text is laid out, not that it is furniture."""
    named: dict[str, list[_Element]] = {}
    for child in main:  # the candidates: blocks with a class that at least three share
        if isinstance(child.tag, str) and child.tag != "p" and (name := child.get("class")):
            named.setdefault(name, []).append(child)
    named = {name: units for name, units in named.items() if len(units) >= _MIN_UNITS}
    if not named:
        return []
    total = sum(len(_text(p)) for p in _UNIT_PROSE(main, chars=_PROSE_CHARS))
    found: list[_Element] = []
    for units in named.values():
        held = [sum(len(_text(p)) for p in _UNIT_PROSE(u, chars=_PROSE_CHARS)) for u in units]
        if 2 * sum(held) > total:
            found += [u for u, h in zip(units, held) if h]
    return found


# --- 2. repairs to the raw tree

# a table whose cells hold headings or runs of paragraphs lays out a page, it holds no data
_LAYOUT_TABLES: Final = XPath("//table[.//td[.//h1 or .//h2 or count(.//p) >= 3]]")
_TABLE_PARTS: Final = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn layout tables into plain blocks, so the article in a cell reads as paragraphs.

    Old templates put the whole page in a table; extractors then take the article for a
    table cell and flatten it into one line, menus and teasers included.
    """
    for table in _LAYOUT_TABLES(tree):
        own = [
            part
            for part in table.iter(*_TABLE_PARTS)
            if part is table
            or (part.tag != "table" and next(part.iterancestors("table"), None) is table)
        ]
        for part in own:  # a nested table is unwrapped only if it lays out too
            part.tag = "div"


# candidate chunks: classed containers with at least two direct <p> children
_CHUNK_CANDIDATES: Final = XPath("(//div | //section)[@class][p[2]]")
_MIN_CHUNK_PARAGRAPHS: Final = 2
# how far up two chunks of one body may have to go to meet (a layout that puts each chunk
# in its own grid row: chunk -> row -> container of rows)
_CHUNK_MAX_LEVELS: Final = 3


def _meet_within(a: _Element, b: _Element, levels: int) -> bool:
    """True when `a` and `b` are cousins: they share an ancestor at most `levels` levels
    up, and neither contains the other."""
    above_a = list(a.iterancestors())[:levels]
    above_b = list(b.iterancestors())[:levels]
    if any(x is b for x in above_a) or any(y is a for y in above_b):
        return False
    return any(x is y for x in above_a for y in above_b)


def join_split_body(tree: HtmlElement) -> None:
    """Join an article body that the page splits into same-class chunks around ads.

    Extractors take the first element that looks like the body; when a layout repeats
    the body container (same tag, same class) for each run of paragraphs between ad
    slots, the rest of the article is lost. Chunks that meet within a few levels are
    joined into the first one, in document order.
    """
    groups: dict[tuple[str, str], list[_Element]] = {}
    for chunk in _CHUNK_CANDIDATES(tree):
        paragraphs = sum(1 for child in chunk if child.tag == "p" and _text(child))
        if paragraphs >= _MIN_CHUNK_PARAGRAPHS:
            groups.setdefault((chunk.tag, chunk.get("class") or ""), []).append(chunk)
    for chunks in groups.values():
        first = chunks[0]
        for chunk in chunks[1:]:
            if _meet_within(first, chunk, _CHUNK_MAX_LEVELS):
                first.extend(list(chunk))
                _detach(chunk)


# Teaser candidates, found in one XPath pass (a Python walk over every link costs more
# than the extraction): a paragraph or list item whose text is its one worded link's
# text, give or take a separator ("|", "•"), or a paragraph wrapped in a link. (Tag
# unions and a quick "holds a link" test first: the expression runs on every page.)
_LINK_ONLY_BLOCKS: Final = XPath(
    """(//p | //li)[.//a][count(.//a[normalize-space()]) = 1][
        string-length(normalize-space(.//a[normalize-space()])) >= 12 and
        string-length(normalize-space(.))
        - string-length(normalize-space(.//a[normalize-space()])) <= $stamp]
    |//p[ancestor::a[@href]][not(.//a)][string-length(normalize-space()) >= 12]"""
)
_MIN_TEASER_WORDS: Final = 3
# beside its link, a teaser shows at most a separator, or the linked post's date and time
# ("Headline ( 2018/3/18 14:10 )", "Headline - 12.03.2019"): digits and marks, no word
_STAMP_CHARS: Final = 24
_SEPARATOR_CHARS: Final = 3
_LETTER: Final = re.compile(r"[^\W\d_]")


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _is_internal(href: str | None, host: str | None) -> bool:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    target = urlsplit(href)
    if not target.netloc:
        return True  # a relative link stays on the site
    target_host = (target.hostname or "").removeprefix("www.")
    return host is not None and (target_host == host or target_host.endswith("." + host))


def drop_internal_link_teasers(tree: HtmlElement, url: str | None) -> list[_Element]:
    """Remove paragraphs and list items that are only a link to another page of the site.

    Such a block is a teaser for another article ("related", "don't miss", "more
    stories"), however the site styles it. A link to another site is kept: it is a
    source, a product or a reference that the article itself gives.
    """
    host = _host(url)
    dropped: list[_Element] = []
    for block in _LINK_ONLY_BLOCKS(tree, stamp=_STAMP_CHARS):
        text = block.text_content()
        if len(text.split()) < _MIN_TEASER_WORDS:
            continue  # the cheap test first: most link-only blocks are menu items
        link = next((a for a in block.iter("a") if a.text_content().strip()), None)
        if link is None:  # a paragraph wrapped in a link
            link = next(block.iterancestors("a"), None)
        if link is None:
            continue
        rest = " ".join(text.split()).replace(" ".join(link.text_content().split()), "", 1)
        if len(rest.strip()) > _SEPARATOR_CHARS and (
            block.tag != "li" or _LETTER.search(rest) or not any(c.isdigit() for c in rest)
        ):
            continue  # more than a separator: only a list item may add a date stamp
        if _is_internal(link.get("href"), host):
            _detach(block)
            dropped.append(block)
    return dropped


# posts embedded with the networks' own markup (the quoted text is in the page)
_SOCIAL_POSTS: Final = XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'fb-xfbml-parse-ignore')]"
)
_EMBED_WRAPPER: Final = re.compile(r"embed|social|widget|tweet|instagram|tiktok", re.IGNORECASE)
_EMBED_MAX_LEVELS: Final = 4


def lift_social_posts(tree: HtmlElement) -> None:
    """Take embedded social-media posts out of their widget wrappers.

    A quoted tweet is part of the story as published, but its wrapper's class ("embed",
    "social-media-embed", "article-widget") is what extractors discard as share bars.
    The post's blockquote takes the place of its outermost such wrapper.
    """
    for post in _SOCIAL_POSTS(tree):
        outermost = None
        for level, ancestor in enumerate(post.iterancestors()):
            if level >= _EMBED_MAX_LEVELS:
                break
            if _EMBED_WRAPPER.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
                outermost = ancestor
        if outermost is not None and outermost.getparent() is not None:
            post.tail = outermost.tail
            outermost.getparent().replace(outermost, post)


def prepare_tree(tree: HtmlElement, url: str | None = None) -> list[_Element]:
    """Repair the raw tree in place before extraction; `url` tells internal links.
    Returns the teaser blocks it removed (the other repairs keep every text)."""
    unwrap_layout_tables(tree)
    lift_social_posts(tree)
    join_split_body(tree)
    return drop_internal_link_teasers(tree, url)


# --- 2b. the furniture around the page's title heading

# the article header: the title heading with what a template sets around it (kicker,
# news code, date line, standfirst, byline), at most this many words besides the title
_HEADER_MAX_WORDS: Final = 60
# a paragraph this long is article text: a block holding two of them is never furniture
_PROSE_WORDS: Final = 20
# the cuts need this much running text after the header, so that the article is not lost
_MIN_BODY_WORDS: Final = 40
# headings no longer than the title (a site suffix aside): the candidates to state it
_TITLE_HEADINGS: Final = XPath("(//h1 | //h2)[string-length(normalize-space()) <= $longest]")
_BLOCK_TEXT: Final = XPath("string()")
_CODE: Final = ("script", "style")
_PARAGRAPHS_AFTER: Final = XPath("following::p")
# paragraphs long enough to hold _PROSE_WORDS words (a prefilter: the words are counted)
_LONG_PARAGRAPHS: Final = XPath("descendant-or-self::p[string-length(normalize-space()) >= 60]")


def _words(element: _Element) -> int:
    return len(str(_BLOCK_TEXT(element)).split())


def _is_prose(element: _Element) -> bool:
    return sum(1 for p in element.iter("p") if _words(p) >= _PROSE_WORDS) >= 2


def _shows_text(element: _Element) -> bool:
    return any(not text.isspace() for text in element.itertext() if text)


def _holds_paragraph(element: _Element) -> bool:
    """A paragraph of running text (a lead set as <p>) is article text, never furniture."""
    return any(len(p.text_content().split()) >= _PROSE_WORDS for p in _LONG_PARAGRAPHS(element))


_HEADINGS = threading.local()  # the last lookup: (tree, title, heading), per thread


def _title_heading(tree: HtmlElement, title: str) -> _Element | None:
    """The first h1 (else h2) that states the page title (with or without a site suffix).

    One page's rules ask for it several times: the last answer is kept, and given again
    while its heading is still in the tree (cuts only take elements away, so the first
    heading that states the title stays the first)."""
    last = getattr(_HEADINGS, "last", None)
    if last is not None and last[0] is tree and last[1] == title:
        heading = last[2]
        if heading is None or _top(heading) is _top(tree):
            return heading
    heading = _find_title_heading(tree, title)
    _HEADINGS.last = (tree, title, heading)
    return heading


# a heading that states only part of the metadata title (a section before it, a site name
# and its slogan after it: "Afrique - <title>", "<title> - <site> - <site in Latin>")
# holds this many words at least, and this share of the title's; a metadata title cut
# short by the site states this share of the heading's words, and the heading adds a few
_PART_MIN_WORDS: Final = 4
_PART_MIN_SHARE: Final = 0.4
_CUT_SHORT_MIN_SHARE: Final = 0.6
_CUT_SHORT_MIN_WORDS: Final = 3  # words the heading states beyond a title cut short


def _find_title_heading(tree: HtmlElement, title: str) -> _Element | None:
    bare = _TITLE_SUFFIX.sub("", title)
    keys = {_title_key(title), _title_key(bare)} - {""}
    candidates = [(h, _title_key(_text(h))) for h in _TITLE_HEADINGS(tree, longest=len(title) + 40)]
    headings = [h for h, key in candidates if key in keys]
    if not headings:
        title_key, bare_key = _title_key(title), _title_key(bare)
        headings = [h for h, key in candidates if _states_part(key, title_key, bare_key)]
    return next((h for h in headings if h.tag == "h1"), headings[0] if headings else None)


def _states_part(key: str, title_key: str, bare_key: str) -> bool:
    """Whether a heading (its key) states the title: as a run of the title's words (the
    title adds a section or a site name around it), or as the words that the title, cut
    short, begins with."""
    words, title_words, bare_words = len(key.split()), len(title_key.split()), len(bare_key.split())
    if (
        words >= _PART_MIN_WORDS
        and words >= _PART_MIN_SHARE * title_words
        and f" {key} " in f" {title_key} "
    ):
        return True
    return (
        bare_words >= _PART_MIN_WORDS
        and bare_words >= _CUT_SHORT_MIN_SHARE * words
        and words - bare_words >= _CUT_SHORT_MIN_WORDS  # more than a badge ("Premium")
        and f"{key} ".startswith(f"{bare_key} ")
    )


def _has_words_after(element: _Element, enough: int) -> bool:
    """True when the paragraphs that follow `element` in document order, outside it, hold
    `enough` words (counted until there are enough)."""
    count = 0
    for paragraph in _PARAGRAPHS_AFTER(element):
        count += len(paragraph.text_content().split())
        if count >= enough:
            return True
    return False


def _precedes(a: _Element, b: _Element) -> bool:
    """Whether `a` starts before `b` in document order (neither inside the other)."""
    above_a = [a, *a.iterancestors()]
    above_b = [b, *b.iterancestors()]
    on_b = {id(element): depth for depth, element in enumerate(above_b)}
    for depth, element in enumerate(above_a):
        if id(element) in on_b:  # the common ancestor: compare its children on the paths
            if depth == 0 or on_b[id(element)] == 0:
                return False  # one holds the other
            child_a, child_b = above_a[depth - 1], above_b[on_b[id(element)] - 1]
            return bool(element.index(child_a) < element.index(child_b))
    return False


def _text_starts_before(heading: _Element, main: _Element | None) -> bool:
    """Whether the main text's first paragraph of prose stands before `heading`: then the
    heading that states the title is a repeat of it further down (a recipe card, a fact
    box, a print version), not the title above the article."""
    if main is None:
        return False
    first = next((p for p in main.iter("p") if _words(p) >= _PROSE_WORDS), None)
    return first is not None and _precedes(first, heading)


def drop_title_furniture(
    tree: HtmlElement, title: str | None, main: _Element | None = None
) -> list[tuple[str, _Element]]:
    """Cut the page furniture that stands around the title heading; returns (rule, subtree).

    An article's text follows its title. A page template sets, before the title heading,
    the date bar, the news code and the date line, the kicker, and, with the title in a
    small header block, the standfirst and the byline. With the recall that nadif asks of
    the extractor they are kept as paragraphs; the extractor's default leaves them out.
    Once the heading that states the page title is found (`title`, from the page's
    metadata), two cuts, each only when at least `_MIN_BODY_WORDS` words of paragraphs
    follow:
    - `title-header`: the largest block around the heading with at most
      `_HEADER_MAX_WORDS` other words and no run of prose;
    - `before-title`: every block before that header in document order.
    Neither cuts a block that holds a paragraph (<p>) of `_PROSE_WORDS` words: a lead, or
    an article set above its title, is text; and nothing is cut when the main text
    (`main`) shows a paragraph of prose before the heading (the heading repeats the title
    below the article's start: a recipe card, a fact box).
    """
    if not title:
        return []
    heading = _title_heading(tree, title)
    if heading is None or _text_starts_before(heading, main):
        return []
    header = heading
    own = _words(heading)
    for above in heading.iterancestors():
        if above.tag in ("body", "html") or _words(above) - own > _HEADER_MAX_WORDS:
            break
        if _is_prose(above):
            break
        header = above
    if not _has_words_after(header, _MIN_BODY_WORDS):
        return []
    cut: list[tuple[str, _Element]] = []
    for level in (header, *header.iterancestors()):
        if level.tag in ("body", "html"):
            break
        for before in list(level.itersiblings(preceding=True)):
            if before.tag not in _CODE and _shows_text(before) and not _holds_paragraph(before):
                _detach(before)
                cut.append(("before-title", before))
    cut.reverse()
    # the header's other blocks go; the heading stays where it is (the extractor places
    # the article by it; `drop_leading_headings` drops it from the text afterwards)
    path = [heading]
    for level in heading.iterancestors():
        if level is header.getparent():
            break
        for child in list(level):
            if any(child is on_path for on_path in path) or _holds_paragraph(child):
                continue
            if _shows_text(child):
                _detach(child)
                cut.append(("title-header", child))
        path.append(level)
    return cut


# --- 2b'. image captions

# names a template gives a picture's caption or credit line
_CAPTION_NAMES: Final = re.compile(
    r"(?:^|[\s_-])(?:caption|captions|imgcaption|img-caption|imagecaption|image-caption"
    r"|photo-caption|photocaption|wp-caption-text|imgtitle|legende|légende|legend"
    r"|bildunterschrift|pie-de-foto|piedefoto|didascalia)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CAPTIONS: Final = XPath(  # a prefilter without translate(), under the main text's region
    ".//figcaption | (.//p | .//div | .//span | .//small | .//em)[@class][contains(@class,"
    " 'aption') or contains(@class, 'egend') or contains(@class, 'égende')"
    " or contains(@class, 'mgtitle') or contains(@class, 'mgTitle')"
    " or contains(@class, 'nterschrift') or contains(@class, 'pie-de-foto')"
    " or contains(@class, 'idascalia')]"
)
_CAPTION_MAX_WORDS: Final = 60
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")


def cut_captions(tree: HtmlElement, main: _Element | None) -> list[_Element]:
    """Cut the captions of pictures: every <figcaption>, and every block that the template
    names as a caption (`_CAPTION_NAMES`), of at most `_CAPTION_MAX_WORDS` words, in the
    main text's region (the block around `main`, so the lead picture beside it too; the
    whole page when there is no main text block). A caption describes a picture; it is
    not the article's running text. What stands further away the extractor leaves out
    anyway: its region alone is searched, which keeps the cost down."""
    cut: list[_Element] = []
    root = _top(tree)
    region = main.getparent() if main is not None else None
    if main is not None and _top(main) is not root:
        return cut  # the main text went with a cut: nothing to look for
    for element in _CAPTIONS(region if region is not None else tree):
        if not isinstance(element.tag, str) or _top(element) is not root:
            continue
        if element.tag != "figcaption":
            names = " ".join(filter(None, (element.get("class"), element.get("id"))))
            # camelCase names are split into their words ("itemImgCaption")
            if not _CAPTION_NAMES.search(_CAMEL.sub("-", names.replace("__", "-"))):
                continue
        if _words(element) > _CAPTION_MAX_WORDS or not _shows_text(element):
            continue
        _detach(element)
        cut.append(element)
    for element in _IMAGE_NEIGHBOURS(region if region is not None else tree):
        # an unnamed caption: the block next to a picture that says what its alt text says
        if not isinstance(element.tag, str) or _top(element) is not root:
            continue
        image = element.getprevious()
        if image is None or image.tag != "img":
            continue
        said = {_title_key(image.get(name) or "") for name in ("alt", "title")} - {""}
        if said and _title_key(_text(element)) in said:
            _detach(element)
            cut.append(element)
    return cut


_IMAGE_NEIGHBOURS: Final = XPath(
    ".//img[@alt or @title]/following-sibling::*[1]"
    "[self::p or self::span or self::div or self::small or self::em]"
)


def _between(heading: _Element, main: _Element) -> Iterator[_Element]:
    """The elements after `heading` in document order (not inside it) up to `main`, the
    main text's block, excluded, and without main's ancestors: what a template sets
    between the title and the text; when the heading stands inside `main`, what follows
    it there up to the first paragraph of prose (that one included: a standfirst may be
    it). Only these are visited (no walk from
    the top)."""
    around = set(main.iterancestors())
    inside = any(above is main for above in heading.iterancestors())
    node: _Element | None = heading
    while node is not None and node is not main:
        for sibling in node.itersiblings():
            for element in sibling.iter():
                if element is main:
                    return
                if element not in around and isinstance(element.tag, str):
                    yield element
                if inside and element.tag == "p" and _words(element) >= _PROSE_WORDS:
                    return  # the heading is in the main block: its text starts here
        node = node.getparent()


# --- 2d. the date line under the title

_DATE_LINE_MAX_WORDS: Final = 16
_DATE_LEAD_CHARS: Final = 40  # a date line opens with its date (after a label at most)


def date_after_title(tree: HtmlElement, title: str | None, main: _Element | None) -> str | None:
    """The date a page prints under its title when its metadata states none: the first
    short block (at most `_DATE_LINE_MAX_WORDS` words) between the heading that states
    the title and the main text's block whose text opens with a date ("السبت 24 آذار /
    مارس 2018. 12:00 صباحاً", "Publié le 3 mars 2024"). ISO, with the time when the
    line gives one; None when there is no such line (never a year from the text)."""
    if not title or main is None or _top(main) is not _top(tree):
        return None
    heading = _title_heading(tree, title)
    if heading is None:
        return None
    from nadif.cleaners.dates import date_in_line
    from nadif.cleaners.normalize import fold
    from nadif.scraper.extraction._metadata import iso_published

    for element in _between(heading, main):
        if element.tag in _CODE:
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        if not own.strip() and element.tag != "time":  # a wrapper: its children in turn
            continue
        for stamp in element.iter("time"):  # the markup's own reading of the line
            found = iso_published(stamp.get("datetime", "").strip())
            if found is not None:
                return found
        text = " ".join(_text(element).split())
        if len(text.split()) > _DATE_LINE_MAX_WORDS:
            continue
        found = date_in_line(fold(text[:_DATE_LEAD_CHARS]))
        if found is not None:
            return found
    return None


# --- 2c. the standfirst

# names a template gives the standfirst (deck, lead, chapo, perex...) set in its own block
_STANDFIRST_NAMES: Final = re.compile(
    r"(?:^|[\s_-])(?:lead|leadtext|lede|intro|introtext|introduction|standfirst|perex|chapo"
    r"|chapeau|summary|subline|subtitle|deck|dek|sapo|entradilla|sumario|catenaccio|bajada|copete"
    r"|subtitulo|subtítulo|sottotitolo|sommario|untertitel|vorspann|einleitung|anriss"
    r"|nwstxtlead|article-summary|item-summary)(?:$|[\s_-])",
    re.IGNORECASE,
)
_STANDFIRST_MIN_WORDS: Final = 8
_STANDFIRST_MAX_WORDS: Final = 120
_STANDFIRST_TAGS: Final = frozenset({"div", "p", "section", "span", "h2", "h3", "header"})


def _is_standfirst_block(element: _Element) -> bool:
    if element.tag not in _STANDFIRST_TAGS:
        return False
    names = " ".join(filter(None, (element.get("class"), element.get("id"))))
    if not names or not _STANDFIRST_NAMES.search(_CAMEL.sub("-", names.replace("__", "-"))):
        return False
    words = len(_text(element).split())
    if not _STANDFIRST_MIN_WORDS <= words <= _STANDFIRST_MAX_WORDS:
        return False
    links = sum(len(_text(a)) for a in element.iter("a"))
    return links * 2 < len(_text(element)) and element.find(".//img") is None


def cut_standfirst(tree: HtmlElement, title: str | None, main: _Element | None) -> _Element | None:
    """Cut the standfirst: a block named as one (`_STANDFIRST_NAMES`) that stands after
    the heading stating the page title and before the block of the page's main text,
    outside it. It is the page's summary, not its running text: nadif's body is the
    running text, and the standfirst becomes the article's `description` when the page
    states none. A lead paragraph inside the main text's block stays (it is the body's
    first paragraph); a block (not a paragraph) named as the standfirst that opens the
    main text's block, before its first paragraph of prose, is the standfirst too.
    `main`: the main text's block (`main_text_block`, None: no cut).
    Returns the block cut, or None."""
    if not title or main is None or _top(main) is not _top(tree):
        return None  # no main text block, or it went with a subtree cut since
    # the heading that states the title; else the page's one h1 (a page may show a
    # headline that its metadata words otherwise): a block named as the standfirst
    # after it is one
    heading = _title_heading(tree, title)
    if heading is None:
        first_levels = _FIRST_LEVEL(tree)
        heading = first_levels[0] if len(first_levels) == 1 else None
    if heading is None:
        return None
    for element in _between(heading, main):
        if not _is_standfirst_block(element):
            continue
        _detach(element)
        return element
    # a block (not a paragraph) named as the standfirst that opens the main text's block,
    # before its first paragraph of prose ("<div class='subtitulo'><ul>...")
    for element in main.iterdescendants():
        if element.tag == "p" and _words(element) >= _PROSE_WORDS:
            break
        if element.tag in _STANDFIRST_BLOCKS and _is_standfirst_block(element):
            _detach(element)
            return element
    return None


_STANDFIRST_BLOCKS: Final = frozenset({"div", "section", "header"})
_FIRST_LEVEL: Final = XPath("//body//h1")


# --- 3. rules on the extractor's output tree (p, head, list, quote, table...)

_TEXT_BLOCKS: Final = frozenset({"p", "list", "quote", "table", "code"})
_NON_WORD: Final = re.compile(r"[\W_]+")
_TITLE_SUFFIX: Final = re.compile(r"\s+[|\-–—:·•]\s+[^|\-–—:·•]{1,60}$")


def drop_leading_headings(body: _Element, title: str | None = None) -> list[str]:
    """Headings before the first paragraph are the page's title, kicker and deck.

    The body of an article starts with prose; the headings that an extractor picks up
    above it repeat the title (which `Extracted.title` carries) or are the standfirst.
    Except the article's first intertitle: a heading after the last one that states the
    title (most of its words are the title's), of a level that the article's text uses
    again further down ("1. Know your worth" opens a list of "2. ...", "3. ...").
    """
    leading: list[_Element] = []
    for element in body:
        if element.tag == "head":
            leading.append(element)
        elif element.tag in _TEXT_BLOCKS and _text(element):
            break
    keep = _first_intertitles(body, leading, title)
    dropped: list[str] = []
    for element in leading:
        if not any(element is kept for kept in keep):
            dropped.append(_text(element))
            body.remove(element)
    return dropped


_TITLE_LIKE_SHARE: Final = 0.5  # of a heading's words, in the title: it states the title


def _first_intertitles(
    body: _Element, leading: list[_Element], title: str | None
) -> list[_Element]:
    if not leading or not title:
        return []
    title_words = set(_title_key(title).split())
    last_title_like = -1
    for index, head in enumerate(leading):
        words = _title_key(_text(head)).split()
        if words and sum(w in title_words for w in words) >= _TITLE_LIKE_SHARE * len(words):
            last_title_like = index
    after = leading[last_title_like + 1 :]
    if not after:
        return []
    later = {head.get("rend") for head in body.iter("head") if not any(head is h for h in leading)}
    return [head for head in after if head.get("rend") in later]


def _title_key(text: str) -> str:
    # zero-width joiners go first: a title read through trafilatura has lost them
    return _NON_WORD.sub(" ", text.replace("\u200c", "").replace("\u200d", "").casefold()).strip()


def title_as_shown(tree: HtmlElement, title: str | None) -> str | None:
    """The page title as its heading shows it: the text of the h1 (else h2) that states
    the metadata title, with or without a site-name suffix ("<title> - <site>"), and
    with the page's own characters (the metadata steps drop zero-width joiners); the
    metadata title when no heading states it."""
    if not title:
        return title
    heading = _title_heading(tree, title)
    if heading is None:
        return title
    shown = " ".join(_text(heading).split()) or title
    _HEADINGS.last = (tree, shown, heading)  # the later rules ask with the title as shown
    return shown


def drop_title_repeats(body: _Element, title: str | None) -> list[str]:
    """A block that only repeats the page title (with or without a site-name suffix) is
    the title set again inside the body, not a paragraph of the article."""
    if not title:
        return []
    keys = {_title_key(title), _title_key(_TITLE_SUFFIX.sub("", title))} - {""}
    # a block far longer than the title is no repeat of it (its key is not computed)
    longest = 2 * len(title) + 40
    dropped: list[str] = []
    for element in list(body):
        if element.tag not in ("head", "p"):
            continue
        text = _text(element)
        if len(text) <= longest and _title_key(text) in keys:
            dropped.append(text)
            body.remove(element)
    return dropped


def apply_body_rules(body: _Element, *, title: str | None = None) -> list[tuple[str, str]]:
    """Run the output-tree rules in place, then drop any link markup (its text stays).
    Returns (rule name, text) for each block the rules dropped."""
    dropped = [("leading-heading", text) for text in drop_leading_headings(body, title)]
    dropped += [("title-repeat", text) for text in drop_title_repeats(body, title)]
    strip_tags(body, "ref")
    return [(rule, text) for rule, text in dropped if text]
