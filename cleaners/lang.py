"""Language of a text: its ISO 639-1 code (ar, fa, ur, fr, es, de, en, ru...), or None.

Identification is py3langid's (langid.py's naive Bayes model over byte n-grams, shipped
inside the package: nothing is downloaded), run on a sample of the text, so it costs a
fraction of a millisecond per article. The model is loaded on the first call that needs
it (a second or two, once per process). Regional Arabic labels (Moroccan `ary`, Egyptian
`arz`) are reported as `ar`, the language a site declares. A text with too few letters to
judge gets None; the generic lexicons (ar, fr, en: `cleaners.lexicon`) do not depend on
this answer, only the `lang` field and the `lang-mismatch` flag do.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = ["LANGS", "detect_lang"]

LANGS: Final = ("ar", "fr", "en")  # the languages of the generic lexicons
SAMPLE_CHARS: Final = 240  # enough for every case of the corpora; the cost grows with it
MIN_LETTERS: Final = 12
# labels of the model that are a variety of a language sites declare by its main code
_ALIASES: Final = {"ary": "ar", "arz": "ar", "nn": "no", "uzs": "uz"}
_NO_LANGUAGE: Final = "zxx"


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_lang(text: str) -> str | None:
    """The language of `text` (judged on its first SAMPLE_CHARS characters)."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    label = str(_identifier().classify(sample)[0])
    if label == _NO_LANGUAGE:
        return None
    return _ALIASES.get(label, label)
