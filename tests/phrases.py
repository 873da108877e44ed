"""Example lines of a rule alternative, and the options of its alternations: what the
"one place per rule" tests compare. Imported by name by tests/test_one_place.py.

`examples(pattern)` reads the regex with Python's own parser (`re._parser`, the module
behind `re.compile`) and writes short strings it matches: one with the first option of
every alternation and the fewest repeats, then one per option of each alternation.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORY = {
    c.CATEGORY_DIGIT: "1",
    c.CATEGORY_SPACE: " ",
    c.CATEGORY_WORD: "a",
    c.CATEGORY_NOT_DIGIT: "a",
    c.CATEGORY_NOT_SPACE: "a",
    c.CATEGORY_NOT_WORD: "!",
}


def _char_of_set(items: list[tuple[Any, Any]]) -> str:
    if items and items[0][0] is c.NEGATE:
        banned = {chr(v) for op, v in items[1:] if op is c.LITERAL}
        return next(ch for ch in "xq!a1" if ch not in banned)
    op, value = items[0]
    if op is c.LITERAL:
        return chr(value)
    if op is c.RANGE:
        return chr(value[0])
    if op is c.CATEGORY:
        return _CATEGORY.get(value, "a")
    return "a"


def _render(items: Any, choice: dict[int, int], groups: dict[int, str]) -> str:
    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "q")
        elif op is c.ANY:
            out.append("x")
        elif op is c.IN:
            out.append(_char_of_set(av))
        elif op is c.CATEGORY:
            out.append(_CATEGORY.get(av, "a"))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            out.append(_render(sub, choice, groups) * low)
        elif op is c.SUBPATTERN:
            group, _add, _del, sub = av
            text = _render(sub, choice, groups)
            if group is not None:
                groups[group] = text
            out.append(text)
        elif op is c.BRANCH:
            options = av[1]
            out.append(_render(options[choice.get(id(av), 0)], choice, groups))
        elif op is c.GROUPREF:
            out.append(groups.get(av, ""))
        # AT (anchors), ASSERT, ASSERT_NOT: no text
    return "".join(out)


def _branches(items: Any) -> list[Any]:
    found = []
    for op, av in items:
        if op is c.BRANCH:
            found.append(av)
            for option in av[1]:
                found += _branches(option)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            found += _branches(av[2])
        elif op is c.SUBPATTERN:
            found += _branches(av[3])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            pass
    return found


def examples(pattern: str) -> list[str]:
    """Short strings that `pattern` should match: the first options everywhere, then each
    option of each alternation in turn (a caller checks they really match)."""
    tree = _parser.parse(pattern)
    found = [_render(tree, {}, {})]
    for branch in _branches(tree):
        for k in range(1, len(branch[1])):
            found.append(_render(tree, {id(branch): k}, {}))
    return list(dict.fromkeys(s.strip() for s in found if s.strip()))


def alternations(pattern: str) -> list[list[str]]:
    """The options of each alternation in a regex source (top level and each group),
    as written: `(a|b(c|d))` gives [["a", "b(c|d)"], ["c", "d"]]."""
    found: list[list[str]] = []
    stack: list[list[str]] = [[""]]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            stack[-1][-1] += pattern[i : i + 2]
            i += 2
            continue
        if ch == "[":  # a character class: copied whole
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            stack[-1][-1] += pattern[i : j + 1]
            i = j + 1
            continue
        if ch == "(":
            stack.append([""])
            i += 1
            if pattern.startswith("?:", i) or pattern.startswith("?=", i):
                i += 2
            elif pattern.startswith("?P<", i):
                i = pattern.index(">", i) + 1
            continue
        if ch == ")":
            options = stack.pop()
            if len(options) > 1:
                found.append(options)
            stack[-1][-1] += "(" + "|".join(options) + ")"
            i += 1
            continue
        if ch == "|":
            stack[-1].append("")
            i += 1
            continue
        stack[-1][-1] += ch
        i += 1
    if len(stack[0]) > 1:
        found.append(stack[0])
    return found


def same_options(pattern: str) -> list[str]:
    """Options written twice in one alternation of `pattern` (after folding)."""
    twice = []
    for options in alternations(pattern):
        seen: set[str] = set()
        for option in options:
            if option in seen:
                twice.append(option)
            seen.add(option)
    return twice


def matches(pattern: re.Pattern[str], full: bool, text: str) -> bool:
    return (pattern.fullmatch(text) if full else pattern.search(text)) is not None
