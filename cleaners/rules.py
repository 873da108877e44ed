"""Line rules: named, data-only descriptions of one kind of boilerplate line.

A rule never sees the raw line: it sees `fold(line)` (see `cleaners.normalize.fold`), so
patterns are written lower-case (checked) in Python `re` syntax, and `drop_line` folds
the Arabic in them, so authors can write natural spelling ("اقرأ أيضاً").

`where` says where a rule may fire:
- "any":  anywhere in the document (the phrase is boilerplate wherever it stands);
- "edge": only outside the body core, i.e. before the first or after the last long
  paragraph — for lines (bylines, ticker labels, category links) that would be ordinary
  words inside an article;
- "head" / "tail": only before the body core / only after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, NamedTuple

from .normalize import fold_arabic

__all__ = [
    "KEEP_KIND",
    "LineRule",
    "Named",
    "RuleMatcher",
    "Where",
    "drop_line",
    "keep_line",
    "scripts_of",
]

Where = Literal["any", "edge", "head", "tail"]
MEMO_LINES: Final = 50_000  # lines whose answer a matcher remembers
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ESCAPE = re.compile(r"\\.")


@dataclass(frozen=True, slots=True, eq=False)
class LineRule:
    """Drop a line whose folded text matches `pattern` (and is at most `max_len` long).

    `id` is local (`share-counters`); the pipeline reports it with its namespace
    (`generic/share-counters`, `elaph/share-counters`). `opens_block` marks a header after
    which a block of related-item lines follows (see `cleaners.pipeline`). `alternatives`
    are the folded regex alternatives `pattern` is made of (see `without`). Rules compare
    and hash by identity: cheap to use as cache keys.
    """

    id: str
    kind: str
    pattern: re.Pattern[str]
    max_len: int = 120
    where: Where = "any"
    opens_block: bool = False
    full: bool = True
    needles: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()

    def without(self, index: int) -> LineRule | None:
        """This rule with its alternative number `index` taken out (None: it had no
        other). A test uses it to check that each alternative changes some output."""
        rest = self.alternatives[:index] + self.alternatives[index + 1 :]
        if not rest:
            return None
        return replace(self, pattern=_compile(self.id, rest), alternatives=rest)


def _compile(id: str, alternatives: Sequence[str]) -> re.Pattern[str]:
    source = "|".join(f"(?:{a})" for a in alternatives)
    try:
        return re.compile(source)
    except re.error as exc:
        raise ValueError(f"rule {id!r}: invalid pattern: {exc}") from None


def drop_line(
    id: str,
    *patterns: str,
    kind: str,
    max_len: int = 120,
    where: Where = "any",
    opens_block: bool = False,
    full: bool = True,
    needles: tuple[str, ...] = (),
) -> LineRule:
    """Build a `LineRule` from one or more regex alternatives.

    `full=True` (the default): a pattern must match the whole line; `full=False`: a
    pattern found anywhere in the line is enough (for sentences of comment policies that
    stand inside longer text). `needles`: plain substrings, one of which a line must hold
    before the pattern is tried — a cheap gate for in-line rules on long lines.
    """
    if not _ID.fullmatch(id):
        raise ValueError(f"rule id {id!r} must be lower-case words joined by '-'")
    if not patterns:
        raise ValueError(f"rule {id!r} has no pattern")
    alternatives = tuple(fold_arabic(p) for p in patterns)
    source = "|".join(alternatives)
    if _ESCAPE.sub("", source) != _ESCAPE.sub("", source).lower():
        raise ValueError(f"rule {id!r}: write patterns in lower case (they match folded text)")
    return LineRule(
        id=id,
        kind=kind,
        pattern=_compile(id, alternatives),
        alternatives=alternatives,
        max_len=max_len,
        where=where,
        opens_block=opens_block,
        full=full,
        needles=tuple(fold_arabic(n).casefold() for n in needles),
    )


KEEP_KIND: Final = "body"
"""The kind of a keep rule (`keep_line`): the line it matches is article text."""


def keep_line(id: str, *patterns: str, max_len: int = 200) -> LineRule:
    """A keep rule: a line of a site's own article formula (a standard closing sentence
    such as "the paper covered this subject in earlier articles") that the generic
    scorer and the generic stages must not drop. A site module lists it among its
    `line_rules`; it matches a whole folded line, anywhere, and it wins over the generic
    rules (the site's rules come first)."""
    return drop_line(id, *patterns, kind=KEEP_KIND, max_len=max_len)


_LATIN = re.compile("[a-z\u00c0-\u024f]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_NOT_ASCII_LETTERS: Final = bytes(c for c in range(128) if not chr(c).isalpha())
# whole-line rules are grouped by these length limits; a rule with a lower limit carries a
# cheap length lookahead inside its group
_BUCKETS: Final = (60, 200, 400, 1000, 10_000)


class Named(NamedTuple):
    """A rule with its namespace: "generic", or a site's name."""

    namespace: str
    rule: LineRule


class _Ranked(NamedTuple):
    """A rule with its rank: when several rules match a line, the lowest rank wins."""

    order: int
    named: Named


class _Group(NamedTuple):
    """Whole-line rules of one length bucket, compiled into one alternation whose
    group names (`r<order>`) say which rule matched."""

    bucket: int
    pattern: re.Pattern[str]
    names: dict[str, _Ranked]


class _Gated(NamedTuple):
    """An in-line rule behind one of its needles."""

    needle: str
    ranked: _Ranked


class _Gates(NamedTuple):
    """The gated in-line rules of one script, sorted by length limit (`limits`, for a
    bisection that skips the rules a line is too long for)."""

    limits: list[int]
    gated: tuple[_Gated, ...]


def _script(needle: str) -> str:
    """Which script a needle is written in: a line without that script cannot hold it."""
    if _ARABIC.search(needle):
        return "arabic"
    if _LATIN.search(needle):
        return "latin"
    return "other"


def scripts_of(folded: str) -> tuple[str, ...]:
    """The needle scripts a line can hold: always "other", then "latin" and/or "arabic"."""
    if folded.isascii():
        return ("other", "latin")
    arabic = _ARABIC.search(folded) is not None
    # Latin text always holds some ASCII letters; dropping the rest at C speed is cheaper
    # than a regex scan of a long Arabic line
    latin = bool(folded.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
    if arabic:
        return ("other", "latin", "arabic") if latin else ("other", "arabic")
    return ("other", "latin") if latin else ("other",)


class RuleMatcher:
    """Many rules, from several namespaces, in few regex calls.

    Whole-line rules are compiled into one alternation per length bucket (so a long line
    skips the groups it is too long for); in-line rules are searched only in lines that
    hold one of their `needles` (split by script, sorted by length limit). When several
    rules match, the one given first wins, as if each were tried in order. Whole-line
    rule patterns must not use numbered backreferences (they share one regex).
    """

    __slots__ = ("_gates", "_groups", "_inline", "_memo", "max_len")

    def __init__(self, rules: Sequence[tuple[str, LineRule]]) -> None:
        ranked = [_Ranked(order, Named(*named)) for order, named in enumerate(rules)]
        by_bucket: dict[int, list[_Ranked]] = {}
        for r in ranked:
            rule = r.named.rule
            if rule.full:
                bucket = next((b for b in _BUCKETS if b >= rule.max_len), rule.max_len)
                by_bucket.setdefault(bucket, []).append(r)
        self._groups: list[_Group] = []
        for bucket in sorted(by_bucket):
            names = {f"r{r.order}": r for r in by_bucket[bucket]}
            parts = []
            for name, r in names.items():
                rule = r.named.rule
                limit = "" if rule.max_len >= bucket else f"(?=.{{0,{rule.max_len}}}\\Z)"
                parts.append(f"(?P<{name}>{limit}(?:{rule.pattern.pattern}))")
            self._groups.append(_Group(bucket, re.compile("|".join(parts)), names))
        inline = [r for r in ranked if not r.named.rule.full]
        gated = sorted(
            {
                (r.named.rule.max_len, needle, r.order): r
                for r in inline
                for needle in r.named.rule.needles
            }.items(),
            key=lambda item: item[0],
        )
        self._gates: dict[str, _Gates] = {}
        for script in ("latin", "arabic", "other"):
            chosen = [(key, r) for key, r in gated if _script(key[1]) == script]
            self._gates[script] = _Gates(
                [limit for (limit, _, _), _ in chosen],
                tuple(_Gated(needle, r) for (_, needle, _), r in chosen),
            )
        self._inline = tuple(r for r in inline if not r.named.rule.needles)
        self.max_len = max((r.named.rule.max_len for r in ranked), default=-1)
        # the answers for lines seen before: a batch of one site's dumps repeats its
        # template lines page after page; bounded (emptied when full)
        self._memo: dict[str, Named | None] = {}

    def match(self, folded: str, scripts: tuple[str, ...] | None = None) -> Named | None:
        """The first rule that drops this (folded) line, with its namespace, or None.

        `scripts` (see `scripts_of`) may be passed when several matchers see one line.
        """
        memo = self._memo
        if folded in memo:
            return memo[folded]
        found = self._match(folded, scripts)
        if len(memo) >= MEMO_LINES:
            memo.clear()
        memo[folded] = found
        return found

    def _match(self, folded: str, scripts: tuple[str, ...] | None) -> Named | None:
        n = len(folded)
        best: _Ranked | None = None
        for group in self._groups:
            if n <= group.bucket:
                m = group.pattern.fullmatch(folded)
                if m is not None and m.lastgroup is not None:
                    found = group.names[m.lastgroup]
                    if best is None or found.order < best.order:
                        best = found
        for script in scripts or scripts_of(folded):
            gates = self._gates[script]
            for needle, r in gates.gated[bisect_left(gates.limits, n) :]:
                if (
                    needle in folded
                    and (best is None or r.order < best.order)
                    and r.named.rule.pattern.search(folded) is not None
                ):
                    best = r
        for r in self._inline:  # in-line rules without needles
            if (
                (best is None or r.order < best.order)
                and n <= r.named.rule.max_len
                and r.named.rule.pattern.search(folded) is not None
            ):
                best = r
        return best.named if best is not None else None
