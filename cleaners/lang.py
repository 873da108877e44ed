"""Language of a text, by script and function words: ar, fr, en (or None).

Cheap by design (it runs on every article, before the rules, which are chosen by it):
the share of Arabic-script letters decides "ar" (counted on the UTF-8 bytes, whose lead
bytes 0xD8-0xDB mark the Arabic block); among Latin-script texts, counts of frequent
function words decide between French and English.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["LANGS", "detect_lang"]

LANGS: Final = ("ar", "fr", "en")
SAMPLE_CHARS: Final = 800
_NOT_ASCII_LETTER: Final = bytes(c for c in range(128) if not chr(c).isalpha())
_WORD = re.compile(r"[a-zà-ÿœ']+")
_FR: Final = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "pour",
        "dans",
        "que",
        "qui",
        "sur",
        "pas",
        "au",
        "aux",
        "avec",
        "il",
        "elle",
        "ont",
        "sont",
        "par",
        "plus",
        "ce",
        "cette",
        "ses",
        "leur",
        "été",
        "être",
        "d'un",
        "d'une",
        "l'",
    ]
)
_EN: Final = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "in",
        "that",
        "for",
        "with",
        "on",
        "was",
        "are",
        "it",
        "as",
        "by",
        "be",
        "at",
        "this",
        "from",
        "have",
        "has",
        "were",
        "which",
        "an",
        "not",
        "their",
        "they",
        "been",
        "his",
        "her",
    ]
)


def detect_lang(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    data = sample.encode("utf-8", "replace")
    arabic = sum(data.count(lead) for lead in (b"\xd8", b"\xd9", b"\xda", b"\xdb"))
    latin = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    if arabic + latin == 0:
        return None
    if arabic >= latin:
        return "ar"
    words = _WORD.findall(sample.lower())
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if fr == en == 0:
        return None
    return "fr" if fr > en else "en"
