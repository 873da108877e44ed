"""Language of a text: its ISO 639-1 code (ar, fa, ur, fr, es, de, en, ru...), or None.

Three steps, the cheap ones first:

- the script decides where it can: Arabic, Persian and Urdu are told apart by the letters
  each one alone uses (Urdu's ٹ ڈ ڑ ں ے; Persian's پ چ ژ گ with its own ی and ک and no
  Arabic ي ك ة; Arabic's ي ك ة with none of the others), and a script that one language
  alone writes among those the model knows (modern Greek, Hebrew, Armenian, Georgian,
  Thai, Hangul, kana) names it. A text that mixes the signs, or that holds a letter of another
  language of the Arabic script (Pashto, Kurdish, Sindhi, Uyghur...), goes to the model;
- a Latin-script text whose function words are plainly one language's (at least
  `_MIN_VOTES` of that language's words that the others do not use, `_VOTE_MARGIN`
  times as many as any other's) is that language: English, French, Spanish, Portuguese,
  Italian, German or Dutch running text, most of what news sites print; it reads up to
  `VOTE_CHARS`, and a text with words of close relatives it does not know (Galician,
  Catalan, Afrikaans, the Scandinavian languages) is left to the model. The model is
  neither loaded nor run for it (it costs about 85 MiB per process and most of the time
  of this function); on every text of the corpora the vote gives the model's answer
  (`bench/bench_lang.py` prints any that differ);
- py3langid (langid.py's naive Bayes model over byte n-grams, shipped inside the package:
  nothing is downloaded) judges the rest on a sample of the text. Its model is loaded
  once per process, on the first call that needs it (a second or two).

Regional Arabic labels (Moroccan `ary`, Egyptian `arz`) are reported as `ar`, the language
a site declares. A text with too few letters to judge gets None; the generic lexicons (ar,
fr, en: `cleaners.lexicon`) do not depend on this answer, only the `lang` field and the
`lang-mismatch` flag do.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = ["LANGS", "detect_lang", "function_word_lang", "script_lang"]

LANGS: Final = ("ar", "fr", "en")  # the languages of the generic lexicons
SAMPLE_CHARS: Final = 240  # enough for every case of the corpora; the cost grows with it
MIN_LETTERS: Final = 12
VOTE_CHARS: Final = 600  # the function-word vote reads more of the text: it is cheap
# a script decides only on this many of its letters, and when they are most of the sample
_MIN_SIGNS: Final = 2
_SCRIPT_SHARE: Final = 0.8
# labels of the model that are a variety of a language sites declare by its main code
_ALIASES: Final = {"ary": "ar", "arz": "ar", "nn": "no", "uzs": "uz"}
_NO_LANGUAGE: Final = "zxx"

_LETTER: Final = re.compile(r"[^\W\d_]")
_ARABIC_SCRIPT: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_URDU: Final = re.compile(r"[ٹڈڑںےۓ]")
_PERSIAN: Final = re.compile(r"[پچژگیک]")  # also Urdu's: Urdu is told first
_ARABIC: Final = re.compile(r"[يكة]")
# letters of the other languages of the Arabic script (Pashto, Kurdish, Sindhi, Uyghur,
# Kashmiri, Jawi...): their texts go to the model
# (Moroccan Arabic's ڭ too: the model reads it as `ary`, reported `ar`)
_OTHER_ARABIC_SCRIPT: Final = re.compile(r"[ټځڅډړږښګڼېۍەێۆۊڵڕۇۈۋۉڭٻڀٺٽٿڄڃڇڊڌڍڎڏڙڠڦڪڬڱڳڻڽۅۏ]")
# scripts that one language alone writes, among the model's languages; the model also
# knows Ancient Greek and Biblical Hebrew, so polytonic Greek and pointed Hebrew go to it
_OLD_SCRIPT_SIGNS: Final = re.compile(r"[\u1f00-\u1fff\u0591-\u05c7]")
_ONE_LANGUAGE_SCRIPTS: Final = (
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u05d0-\u05ea]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
)


# words that are frequent in running text of one language and absent from (or much rarer
# in) the running text of the six others: words two of them use often ("de", "la",
# "que", "en", "in", "die", "il", "non", "per", "mais"...) are left out; a word another
# language uses now and then ("des" in German, "à" in Portuguese) only makes the margin
# harder to reach there
_FUNCTION_WORDS: Final = {
    "en": "the and of that with are were have has been which this from their they "
    "would said its who not but than into about after there",
    "fr": "le les des du à et qu est une dans pour avec sur aux été cette sont leur nous vous ont "
    "elle ces pas au très aussi selon après être fait",
    "es": "el los las y fue pero más también muy sus hay sin ya cuando donde desde hasta "
    "según porque",
    "pt": "os dos não em uma é foi ao pela pelo também seu sua são isso ainda já nas pelos seus",
    "it": "gli della dei delle degli che è di alla nel nella anche più questo questa dal "
    "dalla sul sulla hanno stato sono essere",
    "de": "der und ist nicht mit sich auf für ein eine einer von zu auch wird werden sind im "
    "bei oder aus nach über noch dass wurde hat",
    "nl": "het een van niet op voor zijn worden wordt ook bij naar aan maar dat deze wel nog "
    "hij werd",
}
_VOTER: Final = {word: lang for lang, words in _FUNCTION_WORDS.items() for word in words.split()}
# words of close relatives the vote does not know (Galician, Catalan, Afrikaans, the
# Scandinavian languages): a text holding two of them goes to the model
_RELATIVES: Final = frozenset(
    [
        "unha",
        "polo",
        "pola",
        "coa",
        "xa",
        "amb",
        "els",
        "aquest",
        "però",
        "nie",
        "vir",
        "wat",
        "sal",
        "och",
        "att",
        "som",
        "ikke",
        "ikkje",
        "af",
        "til",
    ]
)
_MIN_VOTES: Final = 5
_VOTE_MARGIN: Final = 4
_WORD: Final = re.compile(r"[^\W\d_]+")


def _vote(sample: str) -> str | None:
    """The language whose own function words plainly dominate a Latin-script sample."""
    words = _WORD.findall(sample.lower())
    votes = Counter(map(_VOTER.get, words))  # counted at C speed; None: no language's
    votes.pop(None, None)
    if not votes or sum(map(_RELATIVES.__contains__, words)) >= 2:
        return None
    ranked = sorted(votes.values(), reverse=True)
    best = max(votes, key=votes.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if ranked[0] >= _MIN_VOTES and ranked[0] >= _VOTE_MARGIN * runner_up:
        return best
    return None


def function_word_lang(text: str) -> str | None:
    """The function-word vote on the first VOTE_CHARS characters of a Latin-script text
    (None: no language plainly wins; the model judges)."""
    read = text[:VOTE_CHARS]
    if len(text) > VOTE_CHARS:  # a word cut at the end ("é" of "était") must not vote
        read = read.rsplit(None, 1)[0]
    return _vote(read)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _count(one_character: re.Pattern[str], text: str) -> int:
    """How many characters of `text` a one-character pattern matches (one string built
    at C speed, not a list of them)."""
    return len(text) - len(one_character.sub("", text))


def _arabic_script_lang(sample: str) -> str | None:
    if _OTHER_ARABIC_SCRIPT.search(sample):
        return None
    urdu, persian, arabic = (len(signs.findall(sample)) for signs in (_URDU, _PERSIAN, _ARABIC))
    if urdu >= _MIN_SIGNS and not arabic:
        return "ur"
    if persian >= _MIN_SIGNS and not urdu and not arabic:
        return "fa"
    if arabic >= _MIN_SIGNS and not urdu and not persian:
        return "ar"
    return None  # mixed signs (a Persian site typed on an Arabic keyboard...): the model


def script_lang(sample: str, letters: int) -> str | None:
    """The language that the script of `sample` (`letters` of its characters are letters)
    decides alone, or None when the model has to judge."""
    arabic_script = _count(_ARABIC_SCRIPT, sample)
    if arabic_script >= _SCRIPT_SHARE * letters:
        return _arabic_script_lang(sample)
    if sample.isascii() or _OLD_SCRIPT_SIGNS.search(sample):
        return None
    for lang, script in _ONE_LANGUAGE_SCRIPTS:
        if len(script.findall(sample)) >= _SCRIPT_SHARE * letters:
            return lang
    return None


def detect_lang(text: str) -> str | None:
    """The language of `text` (judged on its first SAMPLE_CHARS characters; the
    function-word vote reads up to VOTE_CHARS)."""
    sample = text[:SAMPLE_CHARS]
    letters = _count(_LETTER, sample)
    if letters < MIN_LETTERS:
        return None
    decided = script_lang(sample, letters)
    if decided is None and _ARABIC_SCRIPT.search(sample) is None:
        decided = function_word_lang(text)
    if decided is not None:
        return decided
    label = str(_identifier().classify(sample)[0])
    if label == _NO_LANGUAGE:
        return None
    return _ALIASES.get(label, label)
