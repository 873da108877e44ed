"""Language of a text, by script and function words: ar, fr, en (or None).

Cheap by design (it runs on every article): Arabic script share decides "ar"; among
Latin-script texts, counts of frequent function words decide between French and English.
"""

from __future__ import annotations

from typing import Final

import regex

__all__ = ["detect_lang"]

SAMPLE_CHARS: Final = 4000
_ARABIC = regex.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = regex.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = regex.compile(r"[a-zà-ÿœ']+")
_FR: Final = frozenset(
    "le la les des du de et est une un pour dans que qui sur pas au aux avec il elle ont sont "
    "par plus ce cette ses leur été être d'un d'une l'".split()
)
_EN: Final = frozenset(
    "the and of to is in that for with on was are it as by be at this from have has were "
    "which an not their they been his her".split()
)


def detect_lang(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
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
