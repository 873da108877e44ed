"""Shape of a news text: what a body paragraph, a headline and a related item look like.

Pure functions on (normalised) lines; the pipeline uses them to find the body core, the
title, related-item blocks and repeats. Thresholds are named constants, not magic.
"""

from __future__ import annotations

import re
from typing import Final

import regex

__all__ = [
    "author_from_byline",
    "is_headline_like",
    "is_long",
    "is_paragraph",
    "is_prose",
    "is_truncated",
    "paragraph_key",
    "word_count",
]

LONG_WORDS: Final = 15  # a body paragraph has at least this many words...
LONG_SENTENCE_WORDS: Final = 8  # ...or this many and ends like a sentence
HEADLINE_MAX_WORDS: Final = 30
HEADLINE_MAX_CHARS: Final = 250
SHORT_WORDS: Final = 6  # a "short" line: a label, a tab, a menu item
PROSE_WORDS: Final = 24  # longer than nearly every headline

# plain `re` where no Unicode property is needed: it is the faster engine for these
_SENTENCE_END = re.compile(r"[.!?؟…:»\"”')\]]\s*$")
_PROSE_END = re.compile(r"[.!?؟…»\"”')\]]\s*$")
_NON_HEADLINE_END = re.compile(r"[.:،,;؛…]\s*$|\.\.\.\s*$")
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


def is_paragraph(line: str) -> bool:
    """A full paragraph: at least `LONG_WORDS` words ending like a sentence."""
    return word_count(line) >= LONG_WORDS and _PROSE_END.search(line) is not None


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
    r"^(?:(?:written |reported )?by|par|بقلم|كتب|كتبت|تحرير|إعداد|اعداد)\s*:?\s+"
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
