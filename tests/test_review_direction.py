"""The text direction of a line on the review page (nadif.scraper.review._direction).

`dir="auto"` follows a line's first strong letter; `direction` overrides it only for a
line that opens with a word of the direction fewer of its words have.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nadif.scraper.review._direction import direction


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Share on Twitter", "auto", "ASCII"),
        ("", "auto", "empty"),
        ("2024-03-05 12:30", "auto", "no letter"),
        ("١٢ مارس ٢٠٢٤", "auto", "Arabic only"),
        ("قال المسؤول إن التعاون مع FBI مستمر.", "auto", "Arabic first, Arabic majority"),
        ("FBI يشمل التعاون تبادل المعلومات بين البلدين.", "rtl", "Latin first, Arabic majority"),
        ("١٢٣ FBI يشمل التعاون", "rtl", "digits are weak: the Latin word is the first strong"),
        ("The meeting with وزير الداخلية took place.", "auto", "Latin first, Latin majority"),
        ("وزير Minister of the Interior met", "ltr", "Arabic first, Latin majority"),
        ("Éric Dupont a reçu le ministre.", "auto", "accented Latin only"),
        ("Δελτίο Τύπου", "auto", "Greek is left to right"),
        ("Пресс-релиз كلمة واحدة فقط هنا", "rtl", "Cyrillic first, Arabic majority"),
        ("IDF אמר שהפעולה הסתיימה", "rtl", "Hebrew is right to left"),
        ("ﷺ Muhammad ibn Abdullah said", "ltr", "Arabic presentation forms are right to left"),
        ("a ب", "auto", "one word each: no majority"),
    ],
)
def test_direction_of_a_line(text: str, expected: str, why: str) -> None:
    assert direction(text) == expected, why


_RTL_WORD = re.compile("[\u05d0-\u05ea\u0621-\u064a\u0671-\u06d3]+")
_LTR_WORD = re.compile("[A-Za-zÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿ]+")


def _by_counting(text: str) -> str:
    """The rule without shortcuts, over the letters the generated texts use."""
    words = [(m.start(), "rtl") for m in _RTL_WORD.finditer(text)]
    words += [(m.start(), "ltr") for m in _LTR_WORD.finditer(text)]
    if not words:
        return "auto"
    first = min(words)[1]
    rtl = sum(1 for _, d in words if d == "rtl")
    ltr = len(words) - rtl
    if first == "rtl":
        return "ltr" if ltr > rtl else "auto"
    return "rtl" if rtl > ltr else "auto"


_WORDS = st.sampled_from(
    ["FBI", "Rabat", "été", "Δελτίο", "Пресс", "قال", "المغرب", "وزير", "שלום", "١٢", "2024"]
)


@given(st.lists(_WORDS, max_size=12), st.sampled_from([" ", " - ", ", ", "  "]))
def test_direction_is_the_majority_rule_on_mixed_lines(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert direction(text) == _by_counting(text), "the one-script shortcut changes no answer"
