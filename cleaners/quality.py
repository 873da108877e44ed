"""Per-article quality flags: what a corpus builder wants to know before keeping a text.

Flags are short stable strings (documented in the README):
  empty                  nothing was kept
  no-title               no title found
  too-short              fewer than MIN_WORDS words kept
  high-boilerplate       more than HIGH_BOILERPLATE of the input characters were removed
  duplicates-removed     repeated paragraphs were dropped
  truncated              the text ends with "..." or "…" (a teaser, not the whole article)
  replacement-chars      U+FFFD in the text: bytes were lost in decoding upstream
  mojibake               text decoded with the wrong charset (e.g. "Ø§Ù„", "Ã©")
  lang-mismatch          the detected language differs from the expected one
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import regex

from .article import Removal
from .structure import is_truncated, word_count

__all__ = ["quality_flags"]

MIN_WORDS: Final = 50
HIGH_BOILERPLATE: Final = 0.6
# UTF-8 Arabic/Latin read as Latin-1/cp1252: Ø/Ù followed by a Latin-1 symbol, Ã+symbol
_MOJIBAKE_LEADS: Final = ("Ø", "Ù", "Ã", "â€")
_MOJIBAKE = regex.compile(r"[ØÙ][\u0080-\u00BF§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾]|Ã[\u0080-\u00BF©¨§]|â€")


def quality_flags(
    title: str | None,
    paragraphs: Sequence[str],
    removed: Sequence[Removal],
    *,
    input_chars: int,
    lang: str | None,
    expected_lang: str | None = None,
) -> list[str]:
    flags: list[str] = []
    text = "\n".join(paragraphs)
    if not paragraphs:
        flags.append("empty")
    if title is None:
        flags.append("no-title")
    if sum(word_count(p) for p in paragraphs) < MIN_WORDS:
        flags.append("too-short")
    removed_chars = sum(len(r.text) for r in removed if r.kind != "title-repeat")
    if input_chars and removed_chars / input_chars > HIGH_BOILERPLATE:
        flags.append("high-boilerplate")
    if any(r.kind == "duplicate" for r in removed):
        flags.append("duplicates-removed")
    if paragraphs and is_truncated(paragraphs[-1]):
        flags.append("truncated")
    if "\ufffd" in text:
        flags.append("replacement-chars")
    head = text[:20000]
    if any(c in head for c in _MOJIBAKE_LEADS) and _MOJIBAKE.search(head):
        flags.append("mojibake")
    if expected_lang and lang and lang != expected_lang:
        flags.append("lang-mismatch")
    return flags
