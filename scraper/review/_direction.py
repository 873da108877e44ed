"""The text direction of one line of the review page: `dir="auto"`, or an explicit one
where the browser's rule would read the line the wrong way.

`dir="auto"` takes the direction of the first strong letter. An Arabic sentence that
opens with a Latin name or acronym ("FBI يشمل ...") then reads left to right, with its
punctuation at the wrong end; such a line, whose words are mostly of the other
direction, gets that direction explicitly.
"""

from __future__ import annotations

import re
from typing import Final, Literal

__all__ = ["Direction", "direction"]

Direction = Literal["auto", "ltr", "rtl"]

# Letters of strong direction (Unicode bidi classes R/AL and L), by range: Hebrew, Arabic
# (without its digits, comma and combining marks, which are weak), Syriac to the
# Arabic extensions, presentation forms; Latin (without × and ÷), Greek, Cyrillic.
_RTL: Final = (
    "\u05d0-\u05ea\u05ef-\u05f4\u0608\u060b\u060d\u061b-\u064a\u066d-\u066f"
    "\u0671-\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06ff\u0700-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
)
_LTR: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_RTL_LETTER: Final = re.compile(f"[{_RTL}]")
_LTR_LETTER: Final = re.compile(f"[{_LTR}]")
_RTL_WORD: Final = re.compile(f"[{_RTL}]+")
_LTR_WORD: Final = re.compile(f"[{_LTR}]+")
_STRONG: Final = re.compile(f"[{_RTL}{_LTR}]")


def direction(text: str) -> Direction:
    """ "auto", or "ltr"/"rtl" for a line whose first strong letter is of the direction
    fewer of its words have (words: runs of letters of one direction)."""
    if text.isascii():
        return "auto"
    first = _STRONG.search(text)
    if first is None:
        return "auto"
    rtl_first = _RTL_LETTER.match(first.group()) is not None
    other = _LTR_LETTER if rtl_first else _RTL_LETTER
    if other.search(text, first.end()) is None:  # most lines: letters of one direction
        return "auto"
    rtl, ltr = len(_RTL_WORD.findall(text)), len(_LTR_WORD.findall(text))
    if rtl_first:
        return "ltr" if ltr > rtl else "auto"
    return "rtl" if rtl > ltr else "auto"
