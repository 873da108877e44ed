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
from dataclasses import dataclass
from typing import Final, Literal

from .normalize import fold_arabic

__all__ = ["LineRule", "Named", "RuleMatcher", "Where", "drop_line", "scripts_of"]

Where = Literal["any", "edge", "head", "tail"]
MEMO_LINES: Final = 50_000  # lines whose answer a matcher remembers
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ESCAPE = re.compile(r"\\.")


@dataclass(frozen=True, slots=True, eq=False)
class LineRule:
    """Drop a line whose folded text matches `pattern` (and is at most `max_len` long).

    `id` is local (`share-counters`); the pipeline reports it with its namespace
    (`generic/share-counters`, `elaph/share-counters`). `opens_block` marks a header after
    which a block of related-item lines follows (see `cleaners.pipeline`). Rules compare
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

    def matches(self, folded: str) -> bool:
        if len(folded) > self.max_len:
            return False
        if self.needles:
            for needle in self.needles:
                if needle in folded:
                    break
            else:
                return False
        if self.full:
            return self.pattern.fullmatch(folded) is not None
        return self.pattern.search(folded) is not None


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
    source = "|".join(f"(?:{fold_arabic(p)})" for p in patterns)
    if _ESCAPE.sub("", source) != _ESCAPE.sub("", source).lower():
        raise ValueError(f"rule {id!r}: write patterns in lower case (they match folded text)")
    try:
        compiled = re.compile(source)
    except re.error as exc:
        raise ValueError(f"rule {id!r}: invalid pattern: {exc}") from None
    return LineRule(
        id=id,
        kind=kind,
        pattern=compiled,
        max_len=max_len,
        where=where,
        opens_block=opens_block,
        full=full,
        needles=tuple(fold_arabic(n).casefold() for n in needles),
    )


_LATIN = re.compile("[a-z\u00c0-\u024f]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_NOT_ASCII_LETTERS: Final = bytes(c for c in range(128) if not chr(c).isalpha())
# whole-line rules are grouped by these length limits; a rule with a lower limit carries a
# cheap length lookahead inside its group
_BUCKETS: Final = (60, 200, 400, 1000, 10_000)

Named = tuple[str, LineRule]  # (namespace, rule): "generic", or a site's name


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

    def __init__(self, rules: Sequence[Named]) -> None:
        by_bucket: dict[int, list[tuple[int, Named]]] = {}
        for order, named in enumerate(rules):
            rule = named[1]
            if rule.full:
                bucket = next((b for b in _BUCKETS if b >= rule.max_len), rule.max_len)
                by_bucket.setdefault(bucket, []).append((order, named))
        self._groups: list[tuple[int, re.Pattern[str], dict[str, tuple[int, Named]]]] = []
        for bucket in sorted(by_bucket):
            names = {f"r{order}": (order, named) for order, named in by_bucket[bucket]}
            parts = []
            for name, (_, (_, rule)) in names.items():
                limit = "" if rule.max_len >= bucket else f"(?=.{{0,{rule.max_len}}}\\Z)"
                parts.append(f"(?P<{name}>{limit}(?:{rule.pattern.pattern}))")
            self._groups.append((bucket, re.compile("|".join(parts)), names))
        inline = [(order, named) for order, named in enumerate(rules) if not named[1].full]
        gated = sorted(
            {
                (named[1].max_len, n, order): named
                for order, named in inline
                for n in named[1].needles
            }.items(),
            key=lambda item: item[0],
        )
        self._gates: dict[str, tuple[list[int], tuple[tuple[str, int, Named], ...]]] = {}
        for script in ("latin", "arabic", "other"):
            chosen = [item for item in gated if _script(item[0][1]) == script]
            self._gates[script] = (
                [limit for (limit, _, _), _ in chosen],
                tuple((n, order, named) for (_, n, order), named in chosen),
            )
        self._inline = tuple((order, named) for order, named in inline if not named[1].needles)
        self.max_len = max((rule.max_len for _, rule in rules), default=-1)
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
        best: tuple[int, Named] | None = None
        for bucket, pattern, names in self._groups:
            if n <= bucket:
                m = pattern.fullmatch(folded)
                if m is not None and m.lastgroup is not None:
                    found = names[m.lastgroup]
                    if best is None or found[0] < best[0]:
                        best = found
        for script in scripts or scripts_of(folded):
            limits, gated = self._gates[script]
            for needle, order, named in gated[bisect_left(limits, n) :]:
                if (
                    needle in folded
                    and (best is None or order < best[0])
                    and named[1].pattern.search(folded) is not None
                ):
                    best = (order, named)
        for order, named in self._inline:
            if (best is None or order < best[0]) and named[1].matches(folded):
                best = (order, named)
        return best[1] if best is not None else None
