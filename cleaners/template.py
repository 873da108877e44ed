"""Learning a site's template from many of its pages.

Across the pages of one site the boilerplate repeats (masthead, menu, date line, share
labels, footer) and the articles do not. `learn_template` reads N pages of one site and
proposes line rules for what recurs at their head or tail:

- *lines*: the same line (after folding) on many pages: "الرئيسية", "Les plus lus";
- *shapes*: the same line once digits, month and day names are generalised:
  "الثلاثاء 30 أبريل 2019 - 08:00", "Le 04/11/2025 à 19h42";
- *named*: a fixed part and a name on either side of a separator, or after a first
  word: "هبة بريس - <name>", "كتب: <name>", "Par <name>";
- *framed*: a numbered or scored item around free text, "1. <text> (5.00)", or a fixed
  lead before free text, "الرئيسية | <section> | <headline>".

Where a page's article is: its *body core*, the densest run of prose lines
(`structure.is_prose`), split at lines that recur on many pages (a comment header is not
article text even when comments read like prose); a line that itself recurs on many pages
is never one of its prose lines (a promotion sentence printed after every article would
otherwise stretch the core over it and be refused as article text). A caller that knows better (the
cleaned body's first and last line) passes the core itself. A line at the head is
before the core, at the tail after it.

A proposal that also fires inside some page's body core (a standard closing formula, a
sentence that recurs inside articles) is *refused* and reported, never made a rule.

Memory is bounded: a learner keeps counts of line keys (and a few examples), not the
pages; past `max_keys` keys, the rarest are forgotten (lossy counting), so a learner can
watch a whole batch run. Everything is deterministic: proposals are sorted by page count,
then by key. Pure: no I/O. `pick_signatures` chooses signature lines that match a site's
pages and none of the other texts it is given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from .dates import AR_DAYS, AR_MONTHS, EN_DAYS, EN_MONTHS, FR_DAYS, FR_MONTHS
from .normalize import fold, split_lines
from .rules import Where
from .structure import (
    densest_run,
    ends_like_sentence,
    is_long,
    is_prose,
    nonblank_before,
    word_count,
)

__all__ = [
    "Proposal",
    "Template",
    "TemplateLearner",
    "learn_template",
    "pick_signatures",
    "shape_of",
]

Form = Literal["line", "shape", "named", "framed"]
Zone = Literal["head", "tail", "edge"]

MIN_SHARE: Final = 0.5  # a template line recurs on at least this share of the pages...
MIN_PAGES: Final = 3  # ...and on at least this many
MAX_KEY_CHARS: Final = 200  # longer lines are article text, never template keys
NAMED_MAX_WORDS: Final = 8  # a "<fixed> - <name>" line is short
NAME_WORDS: Final = 4  # a name slot holds up to this many words
FRAME_MAX_WORDS: Final = 24
LEAD_WORDS: Final = 2  # the fixed lead of a "<lead> | <free text>" line
MAX_KEYS: Final = 200_000
EXAMPLES: Final = 3
ANYWHERE_WORDS: Final = 2  # a rule for a longer line (or a shape) may fire anywhere
# a body formula (a sentence the site prints inside many of its articles, such as a
# standard closing line) stands in the body core of this share of the pages...
FORMULA_SHARE: Final = 0.2
FORMULA_MIN_PAGES: Final = 2  # ...and of at least this many
FORMULA_MIN_WORDS: Final = 4  # a sentence, not a label

_EN_MONTHS: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_EN_DAYS: Final = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS: Final = f"{AR_MONTHS}|{FR_MONTHS}|{_EN_MONTHS}"
_DAYS: Final = f"{AR_DAYS}|{FR_DAYS}|{_EN_DAYS}"
# placeholders in a shape key; never in folded text (control characters are not kept)
_NUM, _MONTH, _DAY, _NAME, _TEXT = "\x01", "\x02", "\x03", "\x04", "\x05"
# a digit run not glued to a preceding letter ("Le360" stays; "19h42" is two numbers)
_GENERAL = re.compile(rf"(?P<n>(?<![^\W_h])\d+)|\b(?P<m>{_MONTHS})\b|\b(?P<d>{_DAYS})\b")
_NAME_RE: Final = rf"[^\s\d]+(?: [^\s\d]+){{0,{NAME_WORDS - 1}}}"
# each slot: (regex for Arabic lines, regex for Latin lines, the same as Python source
# in a site module, which imports the name lists from `nadif.cleaners.dates`)
_SLOTS_AR: Final = {
    _NUM: (r"\d+", r"\d+"),
    _MONTH: (f"(?:{AR_MONTHS})", "(?:{AR_MONTHS})"),
    _DAY: (f"(?:{AR_DAYS})", "(?:{AR_DAYS})"),
    _NAME: (_NAME_RE, _NAME_RE.replace("{", "{{").replace("}", "}}")),
    _TEXT: (r".+", r".+"),
}
_SLOTS_LATIN: Final = {
    **_SLOTS_AR,
    _MONTH: (f"(?:{FR_MONTHS}|{EN_MONTHS})", "(?:{FR_MONTHS}|{EN_MONTHS})"),
    _DAY: (f"(?:{FR_DAYS}|{EN_DAYS})", "(?:{FR_DAYS}|{EN_DAYS})"),
}
_SPECIAL: Final = frozenset(".^$*+?{}[]\\|()")
_ARABIC = re.compile("[\u0600-\u06ff]")
_SLOTS = re.compile("[\x01-\x05]")
_SEP = re.compile(r"\s*(?:[:|–—»]|-|/{2,})+\s*")
_LETTER = re.compile(r"[^\W\d_]")


def shape_of(folded: str) -> str:
    """The folded line with digit runs, month names and day names as placeholders."""

    def slot(m: re.Match[str]) -> str:
        if m.group("n"):
            return _NUM
        if m.group("d"):
            return _DAY
        # a month name only next to a number ("14 يونيو", "mars 2025"): "فبراير.كوم" is a name
        near = folded[max(0, m.start() - 2) : m.start()] + folded[m.end() : m.end() + 2]
        return _MONTH if any(c.isdigit() for c in near) else m.group()

    return _GENERAL.sub(slot, folded)


def _escape(text: str) -> str:
    """`re.escape` for the regex characters only (spaces and dashes stay readable)."""
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def _pattern(key: str, slots: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The regex (for folded lines) of a key, and its Python f-string source: literal
    text escaped, placeholders as slots."""
    out: list[str] = []
    src: list[str] = []
    pos = 0
    for m in _SLOTS.finditer(key):
        literal = _escape(key[pos : m.start()])
        out += [literal, slots[m.group()][0]]
        src += [literal.replace("{", "{{").replace("}", "}}"), slots[m.group()][1]]
        pos = m.end()
    literal = _escape(key[pos:])
    out.append(literal)
    src.append(literal.replace("{", "{{").replace("}", "}}"))
    return "".join(out), "".join(src)


def _sep_key(sep: str) -> str:
    """A separator as a key part that tolerates spacing: " - " and "-" are one."""
    return sep.strip() or " "


def _keys(folded: str, words: int) -> list[tuple[Form, str]]:
    """Every key a short line contributes: its text, shape, named and framed forms."""
    keys: list[tuple[Form, str]] = [("line", folded)]
    shape = shape_of(folded)
    if shape != folded:
        keys.append(("shape", shape))
    if words <= NAMED_MAX_WORDS:
        m = _SEP.search(folded)
        if m is not None and 0 < m.start() and m.end() < len(folded):
            left = shape_of(folded[: m.start()]).strip()
            right = shape_of(folded[m.end() :]).strip()
            sep = _sep_key(m.group())
            if left and word_count(right) <= NAME_WORDS:
                keys.append(("named", f"{left}\x00{sep}\x00{_NAME}"))
            if right and word_count(left) <= NAME_WORDS:
                keys.append(("named", f"{_NAME}\x00{sep}\x00{right}"))
    if words <= FRAME_MAX_WORDS:
        m = _SEP.search(folded)
        if m is not None and 0 < m.start() and m.end() < len(folded):
            lead = shape_of(folded[: m.start()]).strip()
            if word_count(lead) <= LEAD_WORDS and _LETTER.search(lead):
                # a fixed lead and free text: "الرئيسية | <section> | <headline>"
                keys.append(("framed", f"{lead}\x00{_sep_key(m.group())}\x00{_TEXT}"))
        elif m is None and 2 <= words <= NAME_WORDS:  # "par <name>"
            first = shape.split(" ", 1)[0]
            keys.append(("named", f"{first}\x00 \x00{_NAME}"))
    if 3 <= words <= FRAME_MAX_WORDS:
        tokens = shape.split(" ")
        first, last = tokens[0], tokens[-1]
        if _framing(first) and _framing(last):
            keys.append(("framed", f"{first}\x00 \x00{_TEXT}\x00 \x00{last}"))
    return keys


def _framing(token: str) -> bool:
    """A token that can frame an item: it holds a number and no letter ("1.", "(5.00)")."""
    return _NUM in token and _LETTER.search(token) is None


def _key_pattern(form: Form, key: str, variant: str) -> tuple[str, str]:
    """The regex of a key and its Python source; month and day slots in the script of
    `variant` (a line seen under the key)."""
    slots = _SLOTS_AR if _ARABIC.search(variant) else _SLOTS_LATIN
    if form in ("line", "shape"):
        return _pattern(key, slots)
    out: list[str] = []
    src: list[str] = []
    for part in key.split("\x00"):
        if part == " ":
            pair = (" ", " ")
        elif set(part) <= set(":|–—»-/"):
            sep = rf"\s*{_escape(part)}\s*"
            pair = (sep, sep)
        else:
            pair = _pattern(part, slots)
        out.append(pair[0])
        src.append(pair[1])
    return "".join(out), "".join(src)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed template rule, or one refused.

    `pattern` matches a whole folded line (Python `re`, for `drop_line`), `source` is the
    same as the body of a Python f-string that names the month and day lists of
    `nadif.cleaners.dates` instead of spelling them out; `pages` is the
    number of pages it stands on at the head or tail, `core_pages` the number where it
    stands inside the body core; `where` is where it was seen; `examples` are lines.
    """

    form: Form
    key: str
    pattern: str
    source: str
    where: Where
    pages: int
    core_pages: int
    examples: tuple[str, ...]
    max_len: int
    reason: str | None = None  # why it was refused; None for a rule

    @property
    def refused(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True, slots=True)
class Template:
    """What a learner found: proposed rules (most pages first) and refused ones."""

    pages: int
    threshold: int
    rules: tuple[Proposal, ...]
    refused: tuple[Proposal, ...]
    formulas: tuple[Proposal, ...] = ()  # body formulas: sentences to keep, never to drop

    def matches(self, folded: str, zone: Zone) -> Proposal | None:
        """The first rule that drops this folded line at `zone` ("head" or "tail")."""
        for rule in self.rules:
            if (rule.where in ("any", "edge", zone) or zone == "edge") and (
                len(folded) <= rule.max_len and re.fullmatch(rule.pattern, folded)
            ):
                return rule
        return None


@dataclass(slots=True)
class _Count:
    head: int = 0
    tail: int = 0
    core: int = 0
    edge: int = 0
    variant: str | None = None  # the first folded line seen under this key
    varied: bool = False  # another folded line was seen under it
    examples: list[str] = field(default_factory=list)


def body_core(lines: Sequence[str], anchors: frozenset[str] = frozenset()) -> tuple[int, int]:
    """First and last line of the densest run of prose lines; (len, -1) when none.

    Runs split where more than `CORE_GAP` other lines stand between two prose lines, and
    at any line whose folded text is in `anchors` (lines known to recur across pages); a
    prose line in `anchors` is not counted as prose (it is core only between others)."""
    prose = [
        i for i, line in enumerate(lines) if line and is_prose(line) and fold(line) not in anchors
    ]
    if not prose:
        prose = [i for i, line in enumerate(lines) if line and is_long(line)]
    if not prose:
        return (len(lines), -1)

    def recurring_between(prev: int, i: int) -> bool:
        return bool(anchors) and any(
            lines[j] and not is_long(lines[j]) and fold(lines[j]) in anchors
            for j in range(prev + 1, i)
        )

    return densest_run(lines, prose, nonblank_before(lines), recurring_between)


class TemplateLearner:
    """Counts line keys over pages of one site; `template()` proposes the rules.

    `anchors`: folded lines known to recur on many pages of the site (from a first
    pass), used to split body cores. `examples`: lines kept per key for the report (0 in
    batch use). `max_keys`: past this many keys, the rarest are forgotten.
    """

    def __init__(
        self,
        *,
        anchors: frozenset[str] = frozenset(),
        min_share: float = MIN_SHARE,
        min_pages: int = MIN_PAGES,
        examples: int = EXAMPLES,
        max_keys: int = MAX_KEYS,
    ) -> None:
        if not 0 < min_share <= 1:
            raise ValueError(f"min_share must be in (0, 1], not {min_share}")
        self.anchors = anchors
        self.min_share = min_share
        self.min_pages = min_pages
        self.examples = examples
        self.max_keys = max_keys
        self.pages = 0
        self._counts: dict[tuple[Form, str], _Count] = {}
        self._floor = 0  # lossy counting: counts at or below this were pruned

    def add(self, lines: Sequence[str], core: tuple[int, int] | None = None) -> None:
        """Count one page (its normalised lines; blank ones included). `core`: its body's
        first and last line, when the caller knows them; else the densest prose run."""
        first, last = core if core is not None else body_core(lines, self.anchors)
        self.pages += 1
        seen: dict[tuple[Form, str], set[str]] = {}
        for i, line in enumerate(lines):
            if not line or len(line) > MAX_KEY_CHARS:
                continue
            zone = "core" if first <= i <= last else "head" if i < first else "tail"
            if zone == "core" and is_prose(line) and word_count(line) > FRAME_MAX_WORDS:
                continue  # a body paragraph: no template key is this long
            folded = fold(line)
            for key in _keys(folded, word_count(line)):
                zones = seen.setdefault(key, set())
                if zone not in zones:
                    zones.add(zone)
                    self._note(key, folded, line)
        for key, zones in seen.items():
            count = self._counts[key]
            count.head += "head" in zones
            count.tail += "tail" in zones
            count.core += "core" in zones
            count.edge += bool(zones - {"core"})
        if len(self._counts) > self.max_keys:
            self._prune()

    def _note(self, key: tuple[Form, str], folded: str, line: str) -> None:
        count = self._counts.get(key)
        if count is None:
            count = self._counts[key] = _Count(variant=folded)
        elif not count.varied and count.variant != folded:
            count.varied = True
        if len(count.examples) < self.examples and line not in count.examples:
            count.examples.append(line)

    def _prune(self) -> None:
        while len(self._counts) > self.max_keys // 2:
            self._floor += 1
            self._counts = {k: c for k, c in self._counts.items() if c.edge + c.core > self._floor}

    @property
    def threshold(self) -> int:
        return max(self.min_pages, math.ceil(self.min_share * self.pages))

    def frequent_lines(self) -> frozenset[str]:
        """Folded lines standing on at least `threshold` pages (anywhere): anchors."""
        t = self.threshold
        return frozenset(
            key
            for (form, key), c in self._counts.items()
            if form == "line" and c.edge + c.core >= t
        )

    def template(self) -> Template:
        t = self.threshold
        rules: list[Proposal] = []
        refused: list[Proposal] = []
        order = {"shape": 0, "named": 1, "framed": 2, "line": 3}
        candidates = sorted(
            ((form, key), c)
            for (form, key), c in self._counts.items()
            if (c.edge >= t and (form == "line" or c.varied)) or (form == "line" and c.core >= t)
        )
        candidates.sort(key=lambda item: (order[item[0][0]], -item[1].edge))
        for (form, key), c in candidates:
            where: Where = "edge" if c.head and c.tail else "head" if c.head else "tail"
            if form != "line" or word_count(key) > ANYWHERE_WORDS:
                # never seen inside a body core: it may fire wherever the pipeline's own
                # core ends (a poll item that reads like prose can stretch that core)
                where = "any"
            pattern, source = _key_pattern(form, key, c.variant or key)
            longest = max((len(fold(e)) for e in c.examples), default=len(key))
            slack = 0 if form == "line" else 40
            proposal = Proposal(
                form=form,
                key=key,
                pattern=pattern,
                source=source,
                where=where,
                pages=c.edge,
                core_pages=c.core,
                examples=tuple(c.examples),
                max_len=min(MAX_KEY_CHARS, longest + slack),
                reason=None,
            )
            if c.core:
                reason = f"fires inside the body core of {c.core} page(s)"
                if c.edge < t:  # a line the bodies themselves repeat: a standard formula
                    reason = f"recurs inside the body core of {c.core} page(s): article text"
                refused.append(_refuse(proposal, reason))
                continue
            if form == "line" and any(
                r.form != "line" and re.fullmatch(r.pattern, key) for r in rules
            ):
                continue  # a shape already covers this line
            if form != "line" and any(
                r.form != "line" and r.form != form and _covers(r, c.examples) for r in rules
            ):
                continue  # a rule of another form already covers these lines
            if form == "line" and not _LETTER.search(key) and len(key) < 2:
                refused.append(_refuse(proposal, "a lone symbol: too little to be a rule"))
                continue
            rules.append(proposal)
        key_order = {"head": 0, "any": 1, "edge": 2, "tail": 3}
        rules.sort(key=lambda p: (key_order[p.where], -p.pages, p.form, p.key))
        refused.sort(key=lambda p: (-p.pages, p.form, p.key))
        return Template(self.pages, t, tuple(rules), tuple(refused), self._formulas(t))

    @property
    def formula_threshold(self) -> int:
        return max(FORMULA_MIN_PAGES, math.ceil(FORMULA_SHARE * self.pages))

    def _formulas(self, t: int) -> tuple[Proposal, ...]:
        """Body formulas: exact sentences standing inside the body core of several pages
        and not at their edges as a template line does (`t`: the template threshold). A
        site's standard closing or opening sentence is article text that a generic
        scorer may take for a promotion line; the site's module keeps it."""
        found = []
        for (form, key), c in self._counts.items():
            if form != "line" or c.core < self.formula_threshold or c.edge >= t:
                continue
            if word_count(key) < FORMULA_MIN_WORDS or not ends_like_sentence(key):
                continue
            pattern, source = _key_pattern(form, key, c.variant or key)
            longest = max((len(fold(e)) for e in c.examples), default=len(key))
            found.append(
                Proposal(
                    form=form,
                    key=key,
                    pattern=pattern,
                    source=source,
                    where="any",
                    pages=c.edge,
                    core_pages=c.core,
                    examples=tuple(c.examples),
                    max_len=min(MAX_KEY_CHARS, longest),
                )
            )
        found.sort(key=lambda p: (-p.core_pages, p.key))
        return tuple(found)


def _refuse(p: Proposal, reason: str) -> Proposal:
    return Proposal(
        p.form,
        p.key,
        p.pattern,
        p.source,
        p.where,
        p.pages,
        p.core_pages,
        p.examples,
        p.max_len,
        reason,
    )


def _covers(rule: Proposal, examples: Iterable[str]) -> bool:
    found = list(examples)
    return bool(found) and all(re.fullmatch(rule.pattern, fold(e)) for e in found)


def learn_template(
    texts: Sequence[str] | Sequence[Sequence[str]],
    *,
    cores: Sequence[tuple[int, int] | None] | None = None,
    min_share: float = MIN_SHARE,
    min_pages: int = MIN_PAGES,
) -> Template:
    """Learn from pages of one site (texts, or their lines). Two passes: the first finds
    lines that recur on many pages (they split body cores), the second counts keys.
    `cores`: each page's body core (first, last line), when the caller knows it."""
    pages = [split_lines(t) if isinstance(t, str) else list(t) for t in texts]
    anchors: frozenset[str] = frozenset()
    if cores is None:
        first = TemplateLearner(min_share=min_share, min_pages=min_pages, examples=0)
        for lines in pages:
            first.add(lines)
        anchors = first.frequent_lines()
    learner = TemplateLearner(anchors=anchors, min_share=min_share, min_pages=min_pages)
    for n, lines in enumerate(pages):
        learner.add(lines, cores[n] if cores is not None else None)
    return learner.template()


def _ends(text: str, span: int) -> str:
    return text if len(text) <= 2 * span else text[:span] + "\n" + text[-span:]


def pick_signatures(
    template: Template,
    own: Sequence[str],
    others: Iterable[str],
    *,
    span: int,
    most: int = 3,
) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """Signature patterns for a site: proposed rules whose line stands within `span`
    characters of either end of the site's pages, matches none of `others` (other
    sites' texts), and names something (letters, at least two words or 8 characters).
    Chosen greedily, most pages first, until every page is matched or `most` are picked.
    Returns (pattern, pages matched) pairs and (pattern, reason) pairs for the rejected."""
    own_ends = ["\n" + fold(_ends(t, span)) for t in own]
    other_ends = ["\n" + fold(_ends(t, span)) for t in others]
    chosen: list[tuple[str, int]] = []
    rejected: list[tuple[str, str]] = []
    covered: set[int] = set()
    candidates = [
        r
        for r in template.rules
        if r.form in ("line", "shape")
        and _LETTER.search(r.key)
        and (word_count(r.key) >= 2 or len(r.key) >= 8)
    ]
    candidates.sort(key=lambda r: (-r.pages, -len(r.key), r.key))
    for rule in candidates:
        if len(chosen) >= most or len(covered) == len(own):
            break
        # the years and counts in a footer change: a signature matches any digits
        pattern = (
            rule.pattern
            if rule.form == "shape"
            else _key_pattern("shape", shape_of(rule.key), rule.key)[0]
        )
        regex = re.compile(f"\n{pattern}$", re.MULTILINE)
        hits = {i for i, t in enumerate(own_ends) if regex.search(t)}
        if not hits - covered:
            continue
        clash = sum(1 for t in other_ends if regex.search(t))
        if clash:
            rejected.append((pattern, f"also matches {clash} other text(s)"))
            continue
        chosen.append((f"^{pattern}$", len(hits)))
        covered |= hits
    return chosen, rejected
