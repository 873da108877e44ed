"""Text normalisation that never rewrites the article's words.

What changes: line endings (CRLF, CR, Unicode line/paragraph separators) become "\\n", a
leading BOM goes, the text is put in Unicode NFC, no-break and other exotic spaces become a
plain space, zero-width marks (ZWSP, BOM, word joiner, bidi controls; not ZWNJ/ZWJ) go,
and each line loses its surrounding white space. What does not: spelling, punctuation,
digits, tatweel, diacritics — source typos stay.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["fold", "fold_arabic", "normalize_line", "normalize_text", "split_lines"]

# U+00A0 no-break, U+2000-200A typographic spaces, U+202F narrow nbsp, U+205F, U+3000, tab
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# zero-width space, word joiner, BOM, bidi embeddings/isolates and marks (LRM/RLM/ALM)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_ODD = re.compile("[\t\u00a0\u1680\u2000-\u200b\u202a-\u202f\u205f-\u2069\u3000\ufeff\u061c]")
_RUNS = re.compile(" {2,}")


def normalize_text(text: str) -> str:
    """Normalise a whole document (BOM, NFC, line endings to "\\n"); lines are not yet stripped."""
    text = text.removeprefix("\ufeff")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return "\n".join(text.splitlines())


def normalize_line(line: str) -> str:
    """One line: exotic spaces to a space, invisible marks removed, runs of spaces folded."""
    if not line.isascii() and _ODD.search(line) is not None:
        line = _INVISIBLE.sub("", _SPACES.sub(" ", line))
    elif "\t" in line:
        line = line.replace("\t", " ")
    if "  " in line:
        line = _RUNS.sub(" ", line)
    return line.strip()


def split_lines(text: str) -> list[str]:
    """The normalised lines of a document, blank ones included (line numbers stay true).

    Lines end where `str.splitlines` ends them: LF, CRLF, CR, and the Unicode line and
    paragraph separators among others.
    """
    text = text.removeprefix("\ufeff")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _ODD.search(text) is not None:  # whole-text passes: one scan, not one per line
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return [(_RUNS.sub(" ", line) if "  " in line else line).strip() for line in text.splitlines()]


# Arabic letter variants that spelling and keyboards mix freely: alef with hamza/madda,
# alef maqsura, taa marbuta; diacritics (tashkeel) and tatweel carry no matching value.
# str.replace per variant runs at C speed; a dict-based str.translate does not.
_ARABIC_VARIANTS: Final = (
    ("\u0622", "\u0627"),  # آ -> ا
    ("\u0623", "\u0627"),  # أ -> ا
    ("\u0625", "\u0627"),  # إ -> ا
    ("\u0671", "\u0627"),  # ٱ -> ا
    ("\u0649", "\u064a"),  # ى -> ي
    ("\u0629", "\u0647"),  # ة -> ه
)
# tanween, harakat, shadda, sukun, superscript alef, tatweel
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def fold_arabic(text: str) -> str:
    """Fold Arabic spelling variants (used for rule patterns and for matching keys)."""
    for variant, base in _ARABIC_VARIANTS:
        if variant in text:
            text = text.replace(variant, base)
    return _ARABIC_MARKS.sub("", text)


def fold(text: str) -> str:
    """A matching key, never output: case-folded, Arabic variants folded.

    Rules match against `fold(line)`, and their patterns are written (or folded) the same
    way, so "اقرأ أيضاً" and "إقرأ ايضا" are one phrase to a rule.
    """
    if text.isascii():
        return text.lower()
    return fold_arabic(text).casefold()
