"""The line-cleaning pipeline: lines in, `Article` out, every dropped line accounted for.

    normalise -> site rules + generic rules ("any") -> body core -> edge rules
      -> related-item blocks -> title, text before the title, title repeats
      -> what follows the comment section -> repeated paragraphs -> quality flags

It is pure: no I/O, no site names. A site contributes its name and its rules; the HTML
path contributes a title hint taken from the page's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .article import Article, Removal
from .generic import generic_rules
from .lang import detect_lang
from .normalize import fold
from .quality import quality_flags
from .rules import LineRule, RuleMatcher, Where, scripts_of
from .structure import (
    SHORT_WORDS,
    author_from_byline,
    is_headline_like,
    is_long,
    is_truncated,
    paragraph_key,
    word_count,
)

__all__ = ["clean_lines"]

GENERIC: Final = "generic"
_LIST_ITEM: Final = re.compile(r"[-*•·–]\s")
_COMMENT_SECTION: Final = frozenset({"comments", "comment-form", "comment-policy"})
MIN_REPEAT_KEY: Final = 20  # shorter lines ("***", "Photo") may legitimately repeat
KICKER_MAX_WORDS: Final = 3
LONG_HEADLINE_WORDS: Final = 22  # a headline of up to this many words may look like body text


@dataclass(slots=True)
class _Drop:
    kind: str
    rule: str
    opens_block: bool = False


class _Doc:
    """Working state of one document: its lines, folded keys and the drops so far."""

    __slots__ = ("drops", "folded", "lines", "longs", "scripts")

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.folded: list[str | None] = [None] * len(lines)
        self.drops: list[_Drop | None] = [None] * len(lines)
        self.longs: list[bool | None] = [None] * len(lines)
        self.scripts: list[tuple[str, ...] | None] = [None] * len(lines)

    def scripts_of(self, i: int) -> tuple[str, ...]:
        found = self.scripts[i]
        if found is None:
            found = self.scripts[i] = scripts_of(self.key(i))
        return found

    def is_long(self, i: int) -> bool:
        long = self.longs[i]
        if long is None:
            long = self.longs[i] = is_long(self.lines[i])
        return long

    def key(self, i: int) -> str:
        f = self.folded[i]
        if f is None:
            f = self.folded[i] = fold(self.lines[i])
        return f

    def kept(self, i: int) -> bool:
        return bool(self.lines[i]) and self.drops[i] is None

    def kept_indices(self) -> list[int]:
        return [i for i, (line, d) in enumerate(zip(self.lines, self.drops)) if line and d is None]

    def drop(self, i: int, kind: str, rule: str) -> None:
        if self.drops[i] is None:
            self.drops[i] = _Drop(kind, rule)

    def next_kept(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.lines[j] and self.drops[j] is None:
                return j
        return None


@lru_cache(maxsize=256)
def _matcher(
    site: str | None, site_rules: tuple[LineRule, ...], where: tuple[Where, ...]
) -> RuleMatcher:
    """The site's rules (first: they win) and the generic ones that may fire at `where`."""
    named = [(site, r) for r in site_rules if site] + [(GENERIC, r) for r in generic_rules()]
    return RuleMatcher([(ns, r) for ns, r in named if r.where in where])


def _apply_rules(doc: _Doc, matcher: RuleMatcher, indices: range) -> None:
    """Drop each line in `indices` that a rule matches."""
    limit = matcher.max_len
    lines, drops = doc.lines, doc.drops
    for i in indices:
        line = lines[i]
        if not line or drops[i] is not None or len(line) > limit:
            continue
        found = matcher.match(doc.key(i), doc.scripts_of(i))
        if found is not None:
            namespace, rule = found
            drops[i] = _Drop(rule.kind, f"{namespace}/{rule.id}", rule.opens_block)


def _body_core(doc: _Doc) -> tuple[int, int]:
    """First and last kept long line; (len, -1) when there is none (all lines are edge)."""
    lines, drops = doc.lines, doc.drops
    longs = [i for i in range(len(lines)) if lines[i] and drops[i] is None and doc.is_long(i)]
    return (longs[0], longs[-1]) if longs else (len(doc.lines), -1)


def _is_block_item(line: str, following: str | None, items: int, after_body: bool) -> bool:
    """Whether `line` continues a block opened by a header (related posts, tags)."""
    if is_truncated(line):  # an excerpt cut short by the template (a body paragraph
        return items > 0 or not is_long(line.rstrip(".… "))  # right after the header is not)
    if following is not None and is_headline_like(line) and is_truncated(following):
        return True  # a headline over its excerpt
    if items == 0 and word_count(line) <= KICKER_MAX_WORDS and not is_long(line):
        return True  # a tab or filter label of the block ("All", "Latest")
    if _LIST_ITEM.match(line):
        return True
    return after_body and not is_long(line)  # after the body, plain headline lists


def _related_blocks(doc: _Doc, last: int) -> None:
    """After a related header: tab labels, headline + truncated-excerpt pairs, excerpts.

    After the body (a header past the last long line), plain headline lists count too.
    """
    for h, d in enumerate(doc.drops):
        if d is None or not d.opens_block:
            continue
        rule = f"{d.rule}/items"
        after_body = h > last
        items = 0
        j = doc.next_kept(h)
        while j is not None:
            nxt = doc.next_kept(j)
            following = doc.lines[nxt] if nxt is not None else None
            if not _is_block_item(doc.lines[j], following, items, after_body):
                break
            doc.drop(j, d.kind, rule)
            items += 1
            j = nxt


def _find_title(doc: _Doc, first: int, hint: str | None) -> int | None:
    kept = doc.kept_indices()
    if hint:
        hint_key = paragraph_key(fold(hint))
        for i in kept:
            if paragraph_key(doc.key(i)) == hint_key:
                return i
        return None
    candidates = [i for i in kept if i < first and is_headline_like(doc.lines[i])]
    if not candidates and first < len(doc.lines) and _long_headline(doc, first):
        candidates = [first]
    if not candidates:
        return None
    # a label of a few words (a kicker, a section name) is the title only when nothing
    # longer is there
    preferred = [i for i in candidates if word_count(doc.lines[i]) > KICKER_MAX_WORDS] or candidates
    for i in preferred:  # a headline printed more than once is the title
        if any(_same_line(doc, i, j) for j in kept if j != i):
            return i
    return preferred[0]


def _long_headline(doc: _Doc, i: int) -> bool:
    """The first long line is still the title when it reads as one and body text follows."""
    nxt = doc.next_kept(i)
    return (
        word_count(doc.lines[i]) <= LONG_HEADLINE_WORDS
        and is_headline_like(doc.lines[i])
        and nxt is not None
        and is_long(doc.lines[nxt])
    )


def _same_line(doc: _Doc, i: int, j: int) -> bool:
    """Same words, whatever the spelling variants, case and punctuation (length-gated: cheap)."""
    a, b = doc.lines[i], doc.lines[j]
    if a == b:
        return True
    if abs(len(a) - len(b)) > max(4, len(a) // 10):
        return False
    return paragraph_key(doc.key(i)) == paragraph_key(doc.key(j))


def _title_and_surroundings(doc: _Doc, title: int) -> None:
    for i in doc.kept_indices():
        if i == title:
            continue
        if _same_line(doc, title, i):
            doc.drop(i, "title-repeat", f"{GENERIC}/title-repeat")
        elif i < title and not is_long(doc.lines[i]):
            doc.drop(i, "nav", f"{GENERIC}/before-title")


def _after_comments(doc: _Doc, last: int, title: int | None) -> None:
    """Past the body, a comment section ends the article: what follows is page furniture."""
    if last < 0 or (title is not None and title > last):
        return  # no body text to be past
    start = next(
        (
            i
            for i in range(last + 1, len(doc.lines))
            if (d := doc.drops[i]) and d.kind in _COMMENT_SECTION
        ),
        None,
    )
    if start is None:
        return
    for i in range(start + 1, len(doc.lines)):
        if doc.kept(i) and word_count(doc.lines[i]) <= SHORT_WORDS:
            doc.drop(i, "nav", f"{GENERIC}/after-comments")


def _repeats(doc: _Doc, title: int | None, *, long_only: bool = False) -> None:
    """Drop a line printed again (the first stays). `long_only`: body paragraphs only —
    run before the body core is measured, so a repeat never stretches the core."""
    seen: set[str] = set()
    for i in doc.kept_indices():
        if i == title:
            continue
        key = doc.lines[i]  # normalised already: a repeat is the same line again
        if len(key) < MIN_REPEAT_KEY:
            continue
        if key not in seen:
            seen.add(key)
        elif not long_only or doc.is_long(i):
            doc.drop(i, "duplicate", f"{GENERIC}/repeated-paragraph")


def _sample(lines: Sequence[str]) -> str:
    """Text to detect the language on: the longest lines, where the article is."""
    longest = sorted(lines, key=len, reverse=True)[:4]
    return "\n".join(longest)


def clean_lines(
    lines: Sequence[str],
    *,
    site: str | None = None,
    site_rules: Sequence[LineRule] = (),
    title_hint: str | None = None,
    expected_lang: str | None = None,
    drop_repeats: bool = True,
) -> Article:
    """Clean already-normalised lines (see `split_lines`); line numbers are 1-based indices.

    `drop_repeats`: keep one copy of a paragraph printed twice — in a dump, a repeat is
    the scraper catching the same block twice; a page extracted from its HTML repeats a
    line only when the article does (a quoted tweet, an interview's questions), so the
    HTML path turns it off.
    """
    doc = _Doc(lines)
    own = tuple(site_rules) if site else ()
    everywhere = _matcher(site, own, ("any",))
    head = _matcher(site, own, ("edge", "head"))
    tail = _matcher(site, own, ("edge", "tail"))

    def apply_edge_rules(first: int, last: int) -> None:
        n = len(lines)
        _apply_rules(doc, head, range(min(first, n)))
        _apply_rules(doc, tail, range(max(last + 1, first), n))

    _apply_rules(doc, everywhere, range(len(lines)))
    if drop_repeats:
        _repeats(doc, None, long_only=True)
    first, last = _body_core(doc)
    apply_edge_rules(first, last)
    _related_blocks(doc, last)
    # related blocks can hold lines that looked like body text: the core may shrink
    core = _body_core(doc)
    if core != (first, last):
        first, last = core
        apply_edge_rules(first, last)
    title = _find_title(doc, first, title_hint)
    if title is not None:
        _title_and_surroundings(doc, title)
    _after_comments(doc, last, title)
    if drop_repeats:
        _repeats(doc, title)

    removed = [
        Removal(line=i + 1, text=lines[i], kind=d.kind, rule=d.rule)
        for i, d in enumerate(doc.drops)
        if d is not None
    ]
    kept = [i for i in doc.kept_indices() if i != title]
    paragraphs = [lines[i] for i in kept]
    title_text = lines[title] if title is not None else (title_hint or None)
    lang = detect_lang(_sample(paragraphs) if paragraphs else _sample(lines))
    flags = quality_flags(
        title_text,
        paragraphs,
        removed,
        input_chars=sum(len(line) for line in lines),
        lang=lang,
        expected_lang=expected_lang,
    )
    author = next(
        (name for r in removed if r.kind == "byline" and (name := author_from_byline(r.text))),
        None,
    )
    return Article(
        title=title_text,
        author=author,
        paragraphs=paragraphs,
        site=site,
        lang=lang,
        removed=removed,
        flags=flags,
        title_line=title + 1 if title is not None else None,
        paragraph_lines=[i + 1 for i in kept],
    )
