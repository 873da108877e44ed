"""The line-cleaning pipeline: lines in, `Article` out, every dropped line accounted for.

    normalise -> site rules + generic rules ("any") -> body core -> edge rules
      -> related-item blocks -> title (the learned headline scorer), text before the
      title, title repeats -> what follows the comment section -> the learned line
      scorer -> repeated paragraphs -> again on the output until it no longer changes
      -> published date, author, quality flags

The body core is the densest run of prose lines. Rules come first and are precise; the
learned scorers (`cleaners.linemodel`) decide what no rule decided, and their removals
say `generic/model` with their score. It is pure: no I/O, no site names. A site
contributes its name and its rules; the HTML path contributes a title hint taken from the
page's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from ._caches import bounded
from .article import Article, Removal
from .dates import date_in_line, looks_dated, relative_time
from .features import DocView
from .generic import generic_rules
from .lang import detect_lang
from .linemodel import Scorer, default_scorer
from .normalize import fold
from .quality import quality_flags
from .rules import KEEP_KIND, LineRule, RuleMatcher, Where, scripts_of
from .structure import (
    SHORT_WORDS,
    author_from_byline,
    densest_run,
    is_headline_like,
    is_long,
    is_paragraph,
    is_prose,
    is_truncated,
    nonblank_before,
    paragraph_key,
    word_count,
)

__all__ = ["STAGES", "clean_lines", "clean_pass", "pick_title"]

GENERIC: Final = "generic"
_LIST_ITEM: Final = re.compile(r"[-*•·–]\s")
_COMMENT_SECTION: Final = frozenset({"comments", "comment-form", "comment-policy"})
MIN_REPEAT_KEY: Final = 20  # shorter lines ("***", "Photo") may legitimately repeat
KICKER_MAX_WORDS: Final = 3
LONG_HEADLINE_WORDS: Final = 22  # a headline of up to this many words may look like body text
DATE_LINES_ABOVE_TITLE: Final = 2  # a date line this close above the title is its date
DATE_LINES_ABOVE_BODY: Final = 4  # without a title: this close above the body
DATE_LINE_MAX_CHARS: Final = 120
DATE_LINE_WORDS: Final = 12
TITLE_CANDIDATES: Final = 12  # headline-like lines above the body the title is chosen from
MAX_PASSES: Final = 4  # cleaning the output again: at most this many passes in all
# the stages that drop lines by position or structure (rules are switched off through
# `generic.rules_replaced` and site modules; the scorers with `scorer=False`); each can be
# turned off with `clean_lines(stages_off=...)`, which the rule ablation does
STAGES: Final = (
    "before-title",  # what is kept above the title
    "title-repeat",  # the title printed again
    "after-comments",  # what follows the comment section, full paragraphs aside
    "repeated-paragraph",  # a paragraph printed again
    "block-items",  # the items of a related block, after the header that opens it
)


# the folded key (and the scripts) of lines seen before: a site's template lines recur
# from page to page (pure: `fold` and `scripts_of` depend on no rule or model, so
# `clear_caches` leaves them alone)
FOLD_MEMO_LINES: Final = 20_000
_FOLDED: dict[str, str] = {}
_SCRIPTS: dict[str, tuple[str, ...]] = {}


def _fold(line: str) -> str:
    """`fold(line)`, remembered."""
    f = _FOLDED.get(line)
    if f is None:
        if len(_FOLDED) >= FOLD_MEMO_LINES:
            _FOLDED.clear()
            _SCRIPTS.clear()
        f = _FOLDED[line] = fold(line)
    return f


@dataclass(slots=True)
class _Drop:
    kind: str
    rule: str
    opens_block: bool = False
    score: float | None = None


class _Doc:
    """Working state of one document: its lines, folded keys and the drops so far."""

    __slots__ = (
        "_before",
        "_shared",
        "drops",
        "folded",
        "lines",
        "longs",
        "off",
        "paragraphs",
        "prose",
        "protected",
        "scripts",
    )

    def __init__(self, lines: Sequence[str], off: frozenset[str] = frozenset()) -> None:
        self.lines = lines
        self.off = off  # the STAGES turned off
        self._before: list[int] | None = None
        self._shared: dict[tuple[str, str, bool], _Drop] = {}
        self.prose: dict[int, bool] = {}
        self.paragraphs: dict[int, bool] = {}
        self.folded: list[str | None] = [None] * len(lines)
        self.drops: list[_Drop | None] = [None] * len(lines)
        self.longs: list[bool | None] = [None] * len(lines)
        self.scripts: list[tuple[str, ...] | None] = [None] * len(lines)
        self.protected: set[int] = set()  # lines a site's keep rule says are article text

    def shared_drop(self, kind: str, rule: str, opens_block: bool = False) -> _Drop:
        """One `_Drop` per (kind, rule) and page: a dump of a million dropped lines holds
        a million references, not a million objects (drops are never changed in place)."""
        key = (kind, rule, opens_block)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = _Drop(kind, rule, opens_block)
        return found

    def inherit(self, other: _Doc, where: Sequence[int]) -> None:
        """Take what `other` already computed of the lines it shares with this document
        (`where[j]`: the index in `other` of line j, -1 for none)."""
        for j, i in enumerate(where):
            if i >= 0:
                self.folded[j] = other.folded[i]
                self.longs[j] = other.longs[i]
                self.scripts[j] = other.scripts[i]
                if i in other.prose:
                    self.prose[j] = other.prose[i]
                if i in other.paragraphs:
                    self.paragraphs[j] = other.paragraphs[i]
                if i in other.protected:
                    self.protected.add(j)

    def before(self) -> list[int]:
        """before[i]: how many non-blank lines stand before line i (computed once)."""
        if self._before is None:
            self._before = nonblank_before(self.lines)
        return self._before

    def is_prose(self, i: int) -> bool:
        found = self.prose.get(i)
        if found is None:
            found = self.prose[i] = is_prose(self.lines[i])
        return found

    def is_paragraph(self, i: int) -> bool:
        found = self.paragraphs.get(i)
        if found is None:
            found = self.paragraphs[i] = is_paragraph(self.lines[i])
        return found

    def scripts_of(self, i: int) -> tuple[str, ...]:
        found = self.scripts[i]
        if found is None:
            key = self.key(i)
            found = _SCRIPTS.get(key)
            if found is None:
                found = _SCRIPTS[key] = scripts_of(key)
            self.scripts[i] = found
        return found

    def is_long(self, i: int) -> bool:
        long = self.longs[i]
        if long is None:
            long = self.longs[i] = is_long(self.lines[i])
        return long

    def key(self, i: int) -> str:
        f = self.folded[i]
        if f is None:
            f = self.folded[i] = _fold(self.lines[i])
        return f

    def kept(self, i: int) -> bool:
        return bool(self.lines[i]) and self.drops[i] is None

    def kept_indices(self) -> list[int]:
        return [i for i, (line, d) in enumerate(zip(self.lines, self.drops)) if line and d is None]

    def drop(self, i: int, kind: str, rule: str, stage: str) -> None:
        """A stage drops line i (unless a rule did first, a site's keep rule protects
        it, or the stage is turned off)."""
        if self.drops[i] is None and stage not in self.off and i not in self.protected:
            self.drops[i] = self.shared_drop(kind, rule)

    def next_kept(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.lines[j] and self.drops[j] is None:
                return j
        return None


@bounded(256)  # cleared by clear_caches (cleaners._caches)
def _matcher(
    site: str | None, site_rules: tuple[LineRule, ...], where: tuple[Where, ...]
) -> RuleMatcher:
    """The site's rules (first: they win) and the generic ones that may fire at `where`."""
    named = [(site, r) for r in site_rules if site] + [(GENERIC, r) for r in generic_rules()]
    return RuleMatcher([(ns, r) for ns, r in named if r.where in where])


def _apply_rules(doc: _Doc, matcher: RuleMatcher, indices: range) -> None:
    """Drop each line in `indices` that a rule matches; a line a site's keep rule matches
    is protected instead (no stage, rule or scorer drops it later)."""
    limit = matcher.max_len
    lines, drops, protected = doc.lines, doc.drops, doc.protected
    for i in indices:
        line = lines[i]
        if not line or drops[i] is not None or len(line) > limit or i in protected:
            continue
        found = matcher.match(doc.key(i), doc.scripts_of(i))
        if found is not None:
            namespace, rule = found
            if rule.kind == KEEP_KIND:  # a site's keep rule: article text, whatever follows
                doc.protected.add(i)
                continue
            drops[i] = doc.shared_drop(rule.kind, f"{namespace}/{rule.id}", rule.opens_block)


def _body_core(doc: _Doc) -> tuple[int, int]:
    """The article's body: first and last line of the densest run of prose lines.

    A prose line is a kept long line that ends like a sentence or runs on (see
    `structure.is_prose`); a long headline, a ticker or a teaser standing apart from the
    run does not stretch it. Runs are split where more than `CORE_GAP` other lines stand
    between two prose lines; the run with the most prose characters wins. (len, -1)
    when there is no long line at all (every line is edge)."""
    lines, drops = doc.lines, doc.drops
    longs = [i for i in range(len(lines)) if lines[i] and drops[i] is None and doc.is_long(i)]
    if not longs:
        return (len(doc.lines), -1)
    anchors = [i for i in longs if doc.is_prose(i)] or longs
    sections = [i for i, d in enumerate(drops) if d is not None and d.kind in _COMMENT_SECTION]
    if not sections:
        return densest_run(lines, anchors, doc.before())
    # a comment section (its header, form or policy) never stands inside an article: a
    # run of prose ends there, and readers' comments below it are not the body
    seen = [0] * (len(lines) + 1)  # seen[i]: comment-section lines before line i
    for i in sections:
        seen[i + 1] = 1
    for i in range(len(lines)):
        seen[i + 1] += seen[i]

    def splits(prev: int, i: int) -> bool:
        return seen[i] > seen[prev + 1]

    return densest_run(lines, anchors, doc.before(), splits)


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


def _related_blocks(doc: _Doc, last: int) -> int:
    """After a related header: tab labels, headline + truncated-excerpt pairs, excerpts.

    After the body (a header past the last long line), plain headline lists count too.
    Linear in the number of lines: "the next kept line" is found through `skip`, pointers
    over lines known to be dropped or empty (lines only ever get dropped, so a pointer
    stays true), shortened as they are followed; a run of thousands of dropped headers is
    crossed once, not once per header. Returns how many lines it dropped.
    """
    lines, drops = doc.lines, doc.drops
    n = len(lines)
    skip = list(range(n + 1))  # skip[i] <= the first line at or after i that may be kept

    def next_kept(i: int) -> int | None:
        k = i + 1
        while k < n and not (lines[k] and drops[k] is None):
            k = max(skip[k], k + 1)
        j = i + 1
        while j < k:  # path compression: every line passed now points at k
            passed = j
            j = max(skip[j], j + 1)
            skip[passed] = k
        return k if k < n else None

    dropped = 0
    for h, d in enumerate(drops):
        if d is None or not d.opens_block:
            continue
        rule = f"{d.rule}/items"
        after_body = h > last
        items = 0
        j = next_kept(h)
        while j is not None:
            nxt = next_kept(j)
            following = lines[nxt] if nxt is not None else None
            if not _is_block_item(lines[j], following, items, after_body):
                break
            doc.drop(j, d.kind, rule, "block-items")
            items += 1
            j = nxt
        dropped += items
    return dropped


def _view(doc: _Doc, core: tuple[int, int], scorer: Scorer) -> DocView:
    """The scorers' view of the document; it follows the drops made after it."""
    n = len(doc.lines)
    view = DocView.build(
        doc.lines,
        doc.key,
        doc.drops,
        [bool(doc.lines[i]) and doc.is_long(i) for i in range(n)],
        None,
        core,
        scorer.vocab,
    )
    view.shapes = getattr(scorer, "shapes", None)
    return view


def _find_title(
    doc: _Doc,
    core: tuple[int, int],
    hint: str | None,
    view: DocView | None,
    scorer: Scorer | None,
    kept: list[int],
) -> int | None:
    first = core[0]
    if hint:
        hint_key = paragraph_key(fold(hint))
        for i in kept:
            if paragraph_key(doc.key(i)) == hint_key:
                return i
        return None
    # the title stands near the body: the last few headline-like lines above it are the
    # candidates (a dump of a whole site in one file must not make this quadratic)
    candidates = [i for i in kept if i < first and is_headline_like(doc.lines[i])]
    candidates = candidates[-TITLE_CANDIDATES:]
    if first < len(doc.lines) and _long_headline(doc, first) and (scorer or not candidates):
        candidates.append(first)
    if not candidates:
        return None
    if len(candidates) > 1 and scorer is not None and view is not None:  # the scorer picks
        scores = scorer.title_scores(view, candidates)
        words = [word_count(doc.lines[i]) for i in candidates]
        return candidates[pick_title(scores, words, scorer.title_margin)]
    # a label of a few words (a kicker, a section name) is the title only when nothing
    # longer is there
    preferred = [i for i in candidates if word_count(doc.lines[i]) > KICKER_MAX_WORDS] or candidates
    for i in preferred:  # a headline printed more than once is the title
        if any(_same_line(doc, i, j) for j in kept if j != i):
            return i
    return preferred[0]


def pick_title(scores: Sequence[float], words: Sequence[int], margin: float) -> int:
    """Which candidate the headline scorer picks: the best, unless the second best scores
    within `margin` of it; such a tie goes to the upper of the two, a kicker (a few words)
    aside — the order a page prints a title over its standfirst."""
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    if len(order) > 1 and scores[order[0]] - scores[order[1]] < margin:
        pair = sorted(order[:2])
        return next((k for k in pair if words[k] > KICKER_MAX_WORDS), pair[0])
    return order[0]


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


def _heads_the_text(doc: _Doc, title: int, kept: list[int]) -> bool:
    """A title stands above the article: the running text kept above it (a ticker, a
    teaser of another story) must weigh less than the text below it. Otherwise the line
    is a heading inside the article, not its title."""
    above = sum(len(doc.lines[i]) for i in kept if i < title and doc.is_long(i))
    below = sum(len(doc.lines[i]) for i in kept if i > title and doc.is_long(i))
    return above == 0 or above < below


def _title_and_surroundings(doc: _Doc, title: int, kept: list[int]) -> None:
    """Repeats of the title go, and so does everything kept above it: the article
    starts at its title (see `_heads_the_text`)."""
    size, slack = len(doc.lines[title]), max(4, len(doc.lines[title]) // 10)
    for i in kept:
        if i == title:
            continue
        # _same_line's own length gate first: most lines are far from the title's length
        if abs(size - len(doc.lines[i])) <= slack and _same_line(doc, title, i):
            doc.drop(i, "title-repeat", f"{GENERIC}/title-repeat", "title-repeat")
        elif i < title:
            doc.drop(i, "nav", f"{GENERIC}/before-title", "before-title")


def _after_comments(doc: _Doc, last: int, title: int | None) -> None:
    """Past the body, a comment section ends the article: what follows is readers'
    comments and page furniture (the body core never runs over a comment section's
    header, form or policy: see `_body_core`). A full paragraph there is left to the
    scorer: a dump that holds several pages runs on to the next article."""
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
    for i in range(start + 1, len(doc.lines)):  # readers' comments, then the footer
        if doc.kept(i) and not doc.is_paragraph(i):  # a full paragraph: the scorer's
            kind = "nav" if word_count(doc.lines[i]) <= SHORT_WORDS else "comments"
            doc.drop(i, kind, f"{GENERIC}/after-comments", "after-comments")


def _model_kind(line: str, key: str, i: int, title: int | None, last: int) -> str:
    """A plain-words kind for a line the model removed (the model itself says only
    "furniture or not")."""
    if word_count(line) <= DATE_LINE_WORDS and (looks_dated(key) or relative_time(key)):
        return "date"
    if title is not None and i < title:
        return "nav"
    if last >= 0 and i > last:
        return "related" if is_headline_like(line) else "furniture"
    return "furniture"


def _score_lines(
    doc: _Doc, title: int | None, core: tuple[int, int], view: DocView, scorer: Scorer
) -> None:
    """The learned line scorer decides the lines that no rule dropped. Inside the body
    core, running text needs a surer score to go (`prose_threshold`), and a full
    paragraph (a long line that ends like a sentence) always stays, whatever its words."""
    view.title = title
    first, last = core
    for i in doc.kept_indices():
        if i == title or i in doc.protected:
            continue
        threshold = scorer.threshold
        if first <= i <= last and doc.is_prose(i):
            if doc.is_paragraph(i):
                continue
            threshold = scorer.prose_threshold
        p = scorer.line_score(view, i)
        if p >= threshold:
            kind = _model_kind(doc.lines[i], doc.key(i), i, title, core[1])
            doc.drops[i] = _Drop(kind, f"{GENERIC}/model", score=round(p, 3))


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
            doc.drop(i, "duplicate", f"{GENERIC}/repeated-paragraph", "repeated-paragraph")


def _sample(lines: Sequence[str]) -> str:
    """Text to detect the language on: the longest lines, where the article is."""
    longest = sorted(lines, key=len, reverse=True)[:4]
    return "\n".join(longest)


_PUBLISHED_LABEL = re.compile(
    r"publi|posted|نشر|تاريخ النشر|أضيف|اضيف|\ble\b \d|\bon\b \w", re.IGNORECASE
)


def _date_window_end(lines: Sequence[str], drops: Sequence[_Drop | None], title: int | None) -> int:
    """Where the search for the article's date line stops: at the second kept long line
    after the title (a standfirst may stand between the title and the date line)."""
    start = title + 1 if title is not None else 0
    longs = (
        i for i in range(start, len(lines)) if lines[i] and drops[i] is None and is_long(lines[i])
    )
    next(longs, None)
    return next(longs, len(lines))


def _published(
    lines: Sequence[str], drops: Sequence[_Drop | None], title: int | None, first: int
) -> str | None:
    """The date a removed date line next to the title states: between the title (or a
    couple of lines above it) and the body. Nothing is guessed: several different dates
    and no "published" label among them give None, and so does a date anywhere else (a
    masthead's today, a related item's date)."""
    nonblank = [i for i in range(min(first, len(lines))) if lines[i]]
    if title is not None:
        above = [i for i in nonblank if i < title][-DATE_LINES_ABOVE_TITLE:]
        window = above + [i for i in nonblank if i > title]
    else:
        window = nonblank[-DATE_LINES_ABOVE_BODY:]
    found: dict[str, bool] = {}
    for i in window:
        if drops[i] is None or len(lines[i]) > DATE_LINE_MAX_CHARS:
            continue
        key = _fold(lines[i])
        date = date_in_line(key)
        if date is not None:
            found[date] = found.get(date, False) or _PUBLISHED_LABEL.search(key) is not None
    if len(found) == 1:
        return next(iter(found))
    labelled = [d for d, label in found.items() if label]
    days = {d[:10] for d in found}
    if len(labelled) == 1:
        return labelled[0]
    return days.pop() if len(days) == 1 else None


def clean_pass(
    lines: Sequence[str],
    site: str | None,
    site_rules: tuple[LineRule, ...],
    title_hint: str | None,
    drop_repeats: bool,
    scorer: Scorer | None,
    *,
    ruled: bool = False,
    stages_off: frozenset[str] = frozenset(),
) -> tuple[list[_Drop | None], int | None]:
    """One pass of every stage over `lines`: each line's fate (None: kept) and the title.

    `clean_lines` runs it until its output is stable; the trainer runs it once, with a
    recording scorer, to see the features exactly as the pipeline computes them.
    `ruled`: every line already passed the rules that fire anywhere and no line is
    printed twice (a later pass over kept lines), so neither is looked for again."""
    doc, title = _pass(
        _Doc(lines, stages_off), site, site_rules, title_hint, drop_repeats, scorer, ruled
    )
    return doc.drops, title


def _pass(
    doc: _Doc,
    site: str | None,
    site_rules: tuple[LineRule, ...],
    title_hint: str | None,
    drop_repeats: bool,
    scorer: Scorer | None,
    ruled: bool,
) -> tuple[_Doc, int | None]:
    lines = doc.lines
    own = site_rules if site else ()
    everywhere = _matcher(site, own, ("any",))
    head = _matcher(site, own, ("edge", "head"))
    tail = _matcher(site, own, ("edge", "tail"))

    def apply_edge_rules(first: int, last: int) -> None:
        n = len(lines)
        _apply_rules(doc, head, range(min(first, n)))
        _apply_rules(doc, tail, range(max(last + 1, first), n))

    if not ruled:
        _apply_rules(doc, everywhere, range(len(lines)))
    # a later pass cleans an output in which no line is printed twice (the last stage
    # below saw to it): it looks for repeats no more
    if drop_repeats and not ruled:
        _repeats(doc, None, long_only=True)
    first, last = _body_core(doc)
    apply_edge_rules(first, last)  # they drop lines outside the core: it stays the same
    # related blocks can hold lines that looked like body text: the core may shrink
    core = _body_core(doc) if _related_blocks(doc, last) else (first, last)
    if core != (first, last):
        first, last = core
        apply_edge_rules(first, last)
    view = _view(doc, (first, last), scorer) if scorer is not None else None
    kept = doc.kept_indices()  # no line is dropped until the title is found
    title = _find_title(doc, (first, last), title_hint, view, scorer, kept)
    if title is not None and not _heads_the_text(doc, title, kept):
        title = None
    if title is not None:
        _title_and_surroundings(doc, title, kept)
    _after_comments(doc, last, title)
    if view is not None and scorer is not None and last >= 0:  # no body: nothing to score
        _score_lines(doc, title, (first, last), view, scorer)
    if drop_repeats and not ruled:
        _repeats(doc, title)
    return doc, title


def _fixed_point(
    done: _Doc,
    title: int | None,
    site: str | None,
    site_rules: tuple[LineRule, ...],
    title_hint: str | None,
    drop_repeats: bool,
    scorer: Scorer,
) -> tuple[list[_Drop | None], int | None]:
    """Clean the output again until it no longer changes, so that cleaning a cleaned
    text changes nothing: the learned scorer looks at a line's neighbours, and once
    furniture is gone the neighbours differ. Each pass works on the output as it is
    printed (the title, then the paragraphs, a blank line between) and its removals are
    recorded at their original line numbers. Usually the second pass changes nothing.
    What a pass learnt of each line (its folded key, length class, script) carries over."""
    lines, drops = done.lines, list(done.drops)
    head = _matcher(site, site_rules if site else (), ("edge", "head"))
    for _ in range(MAX_PASSES - 1):
        kept = [i for i, (line, d) in enumerate(zip(lines, drops)) if line and d is None]
        if _settled(done, kept, title, title_hint, head):
            break
        order = ([title] if title is not None else []) + [i for i in kept if i != title]
        sub: list[str] = []
        where: list[int] = []
        for i in order:
            if sub:
                sub.append("")
                where.append(-1)
            sub.append(lines[i])
            where.append(i)
        sub_doc = _Doc(sub, done.off)
        sub_doc.inherit(done, where)
        sub_doc, new_title = _pass(
            sub_doc, site, site_rules, title_hint, drop_repeats, scorer, True
        )
        again = sub_doc.drops
        same_title = (new_title is None) == (title is None) and (
            new_title is None or where[new_title] == title
        )
        if same_title and all(d is None for d in again):
            break
        for j, d in enumerate(again):
            if d is not None:
                drops[where[j]] = d
        title = where[new_title] if new_title is not None else None
    return drops, title


def _settled(
    done: _Doc, kept: list[int], title: int | None, hint: str | None, head: RuleMatcher
) -> bool:
    """Whether another pass over the output would change nothing, known without running
    it. Enough (each stage of `_pass` taken in turn): every kept line but the title is a
    full paragraph, so the whole output is one body core and the line scorer skips every
    line; the title (if any) is short, is a headline or was named by the hint, and no
    head-edge rule takes it, so it stays the only candidate and stays; the first
    paragraph could not be taken for a long headline; no stage is turned off."""
    if done.off:
        return False
    body = [i for i in kept if i != title]
    if not body or not all(done.is_paragraph(i) for i in body):
        return False
    first = done.lines[body[0]]
    if word_count(first) <= LONG_HEADLINE_WORDS and is_headline_like(first):
        return False
    if title is None:
        return True
    line = done.lines[title]
    if done.is_long(title) or (hint is None and not is_headline_like(line)):
        return False
    return len(line) > head.max_len or head.match(done.key(title), done.scripts_of(title)) is None


def clean_lines(
    lines: Sequence[str],
    *,
    site: str | None = None,
    site_rules: Sequence[LineRule] = (),
    title_hint: str | None = None,
    expected_lang: str | None = None,
    drop_repeats: bool = True,
    scorer: Scorer | None | bool = True,
    stages_off: Collection[str] = (),
) -> Article:
    """Clean already-normalised lines (see `split_lines`); line numbers are 1-based indices.

    `drop_repeats`: keep one copy of a paragraph printed twice — in a dump, a repeat is
    the scraper catching the same block twice; a page extracted from its HTML repeats a
    line only when the article does (a quoted tweet, an interview's questions), so the
    HTML path turns it off.

    `scorer`: True uses the shipped learned scorers (`cleaners.linemodel`), False or None
    the rules and shape heuristics alone; the trainer passes its own.

    `stages_off`: names of `STAGES` not to run (to see what a stage does; the rule
    ablation turns each off in turn); an unknown name is a `ValueError`.
    """
    off = frozenset(stages_off)
    if not off <= set(STAGES):
        unknown = ", ".join(sorted(off - set(STAGES)))
        raise ValueError(f"unknown pipeline stage {unknown}: the stages are {', '.join(STAGES)}")
    if scorer is True:
        scorer = default_scorer()
    elif scorer is False:
        scorer = None
    done, title = _pass(
        _Doc(lines, off), site, tuple(site_rules), title_hint, drop_repeats, scorer, False
    )
    drops = done.drops
    if scorer is not None:
        drops, title = _fixed_point(
            done, title, site, tuple(site_rules), title_hint, drop_repeats, scorer
        )
    removed = [
        Removal(line=i + 1, text=lines[i], kind=d.kind, rule=d.rule, score=d.score)
        for i, d in enumerate(drops)
        if d is not None
    ]
    kept = [i for i, (line, d) in enumerate(zip(lines, drops)) if line and d is None and i != title]
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
    first = _date_window_end(lines, drops, title)
    return Article(
        title=title_text,
        author=author,
        published=_published(lines, drops, title, first),
        paragraphs=paragraphs,
        site=site,
        lang=lang,
        removed=removed,
        flags=flags,
        title_line=title + 1 if title is not None else None,
        paragraph_lines=[i + 1 for i in kept],
    )
