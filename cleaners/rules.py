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

from dataclasses import dataclass
from typing import Literal

import re

from .normalize import fold_arabic

__all__ = ["LineRule", "RuleMatcher", "Where", "drop_line"]

Where = Literal["any", "edge", "head", "tail"]
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


class RuleMatcher:
    """Many rules in few regex calls.

    Whole-line rules are compiled into one alternation per length limit (so a long line
    skips the groups it is too long for, with no per-alternative length check); in-line
    rules are tried one by one behind their `needles`. When several rules match, the one
    given first wins, as if each were tried in order. Whole-line rule patterns must not
    use numbered backreferences (they share one regex).
    """

    __slots__ = ("_gated", "_groups", "_inline", "max_len")

    def __init__(self, rules: tuple[LineRule, ...]) -> None:
        by_len: dict[int, list[tuple[int, LineRule]]] = {}
        for order, rule in enumerate(rules):
            if rule.full:
                by_len.setdefault(rule.max_len, []).append((order, rule))
        self._groups: list[tuple[int, re.Pattern[str], dict[str, tuple[int, LineRule]]]] = []
        for limit in sorted(by_len):
            names = {f"r{order}": (order, r) for order, r in by_len[limit]}
            source = "|".join(f"(?P<{name}>{r.pattern.pattern})" for name, (_, r) in names.items())
            self._groups.append((limit, re.compile(source), names))
        inline = [(order, r) for order, r in enumerate(rules) if not r.full]
        # one flat (needle, rule) list: a line is searched by a rule only when it holds
        # one of that rule's needles; rules without needles are always searched
        self._gated = tuple((n, order, r) for order, r in inline for n in r.needles)
        self._inline = tuple((order, r) for order, r in inline if not r.needles)
        self.max_len = max((r.max_len for r in rules), default=-1)

    def match(self, folded: str) -> LineRule | None:
        """The first rule that drops this (folded) line, or None."""
        n = len(folded)
        best: tuple[int, LineRule] | None = None
        for limit, pattern, names in self._groups:
            if n <= limit:
                m = pattern.fullmatch(folded)
                if m is not None and m.lastgroup is not None:
                    found = names[m.lastgroup]
                    if best is None or found[0] < best[0]:
                        best = found
        for needle, order, rule in self._gated:
            if (best is None or order < best[0]) and needle in folded and n <= rule.max_len:
                if rule.pattern.search(folded) is not None:
                    best = (order, rule)
        for order, rule in self._inline:
            if (best is None or order < best[0]) and rule.matches(folded):
                best = (order, rule)
        return best[1] if best is not None else None
