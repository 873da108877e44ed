"""Shape of a news text: what a body paragraph, a headline and a related item look like.

Pure functions on (normalised) lines; the pipeline uses them to find the body core, the
title, related-item blocks and repeats. Thresholds are named constants, not magic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Final

import regex

__all__ = [
    "author_from_byline",
    "densest_run",
    "ends_like_sentence",
    "is_headline_like",
    "is_long",
    "is_paragraph",
    "is_prose",
    "is_truncated",
    "nonblank_before",
    "paragraph_key",
    "word_count",
]

LONG_WORDS: Final = 15  # a body paragraph has at least this many words...
LONG_SENTENCE_WORDS: Final = 8  # ...or this many and ends like a sentence
HEADLINE_MAX_WORDS: Final = 30
HEADLINE_MAX_CHARS: Final = 250
SHORT_WORDS: Final = 6  # a "short" line: a label, a tab, a menu item
PROSE_WORDS: Final = 24  # longer than nearly every headline
CORE_GAP: Final = 8  # other lines between two prose lines of one body
CORE_START_GAP: Final = 1  # ...and between the first two, where the body starts

# plain `re` where no Unicode property is needed: it is the faster engine for these
# "۔" is Urdu's full stop
_SENTENCE_END = re.compile(r"[.!?؟۔…:»\"”')\]]\s*$")
_PROSE_END = re.compile(r"[.!?؟۔…»\"”')\]]\s*$")
# a headline does not end like a sentence, a list or a cut excerpt; ".." is a
# headline's own punctuation in Arabic ("... تتراجع..")
_NON_HEADLINE_END = re.compile(r"(?:(?<!\.)\.|[:،,;؛…۔])\s*$|\.\.\.\s*$")
_TRUNCATED = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_KEY_DROP = regex.compile(r"[\s\p{P}\p{S}]+")


def word_count(line: str) -> int:
    """Words of a normalised line (single spaces, stripped: see `split_lines`)."""
    return line.count(" ") + 1 if line else 0


def is_long(line: str) -> bool:
    """A line that reads as body text: long, or a complete sentence of some length."""
    n = word_count(line)
    return n >= LONG_WORDS or (n >= LONG_SENTENCE_WORDS and _SENTENCE_END.search(line) is not None)


def is_prose(line: str) -> bool:
    """A long line that reads as running text, not as a long headline: it ends like a
    sentence, or runs past any headline's length."""
    return is_long(line) and (word_count(line) > PROSE_WORDS or _PROSE_END.search(line) is not None)


def ends_like_sentence(line: str) -> bool:
    """The line ends as a sentence does (a full stop, a question mark, a closing quote...)."""
    return _PROSE_END.search(line) is not None


def is_paragraph(line: str) -> bool:
    """A full paragraph: at least `LONG_WORDS` words ending like a sentence."""
    return word_count(line) >= LONG_WORDS and _PROSE_END.search(line) is not None


def densest_run(
    lines: Sequence[str],
    anchors: Sequence[int],
    before: Sequence[int],
    splits: Callable[[int, int], bool] | None = None,
) -> tuple[int, int]:
    """First and last line of the densest run of `anchors` (prose line indices, sorted).

    `before[i]` counts the non-blank lines before line i. Runs split where more than
    `CORE_GAP` other lines stand between two anchors (or where `splits(prev, i)` says
    so); the run with the most characters wins. The body starts where anchors follow
    one another (at most `CORE_START_GAP` lines between): a lone prose line above them
    (a ticker, a standfirst-like teaser, a masthead notice) is not its first paragraph."""
    best = (0, anchors[0], anchors[0])
    start = prev = anchors[0]
    weight = 0
    for i in anchors:
        if before[i] - before[prev + 1] > CORE_GAP or (
            splits is not None and i != prev and splits(prev, i)
        ):
            start, weight = i, 0
        weight += len(lines[i])
        prev = i
        if weight > best[0]:
            best = (weight, start, i)
    _, start, end = best
    run = [i for i in anchors if start <= i <= end]
    for a, b in pairwise(run):
        if before[b] - before[a + 1] <= CORE_START_GAP:
            return a, end
    return start, end


def nonblank_before(lines: Sequence[str]) -> list[int]:
    """counts[i]: how many non-blank lines stand before line i (len(lines) + 1 entries)."""
    counts = [0] * (len(lines) + 1)
    n = 0
    for i, line in enumerate(lines):
        if line:
            n += 1
        counts[i + 1] = n
    return counts


def is_truncated(line: str) -> bool:
    """An excerpt cut short by a template ("...", "…")."""
    return _TRUNCATED.search(line) is not None


def is_headline_like(line: str) -> bool:
    """Could stand as a title: a few words with letters, no sentence or list punctuation at its end."""
    n = word_count(line)
    return (
        2 <= n <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and _NON_HEADLINE_END.search(line) is None
        and _HAS_LETTER.search(line) is not None
    )


def paragraph_key(folded: str) -> str:
    """Key for repeat detection: the folded line without spaces, punctuation or symbols."""
    key: str = _KEY_DROP.sub("", folded)
    return key


# an explicit author marker, then the name: "بقلم: X", "كتب X", "By X", "Par X", "Written by X"
_BYLINE_AUTHOR = regex.compile(
    r"^(?:(?:written |reported |posted )?by|par|بقلم|كتب|كتبت|تحرير|إعداد|اعداد|نشر بواسطة|بواسطة|von)"
    r"\s*:?\s+"
    r"(?!the\b)(?P<name>[\p{L}][\p{L}\p{M}'’.\- ]{1,60}?)\s*(?:[,|/–—-].*)?$",
    regex.IGNORECASE,
)


def author_from_byline(line: str) -> str | None:
    """The author named by a byline line, when it names one with an explicit marker."""
    m = _BYLINE_AUTHOR.match(line)
    if m is None:
        return None
    name = m.group("name").strip(" .-")
    return name if 1 <= word_count(name) <= 5 else None
