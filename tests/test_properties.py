"""Properties of the line cleaner that hold for any input (hypothesis).

1. The output is an ordered subsequence of the input's (normalised) lines: nothing is
   invented, reordered or rewritten.
2. Cleaning the output again changes nothing.
3. A text with no boilerplate comes back whole.
4. Every input line is accounted for: kept, the title, or recorded in `removed`.
"""

from __future__ import annotations

import json
import os
import random

from casefiles import SEEDS_DIR, SITES_DIR, generic_cases
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nadif import Article, clean_text
from nadif.cleaners.normalize import split_lines

SETTINGS = settings(
    max_examples=int(os.environ.get("NADIF_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lines += [line for line in split_lines(path.read_text(encoding="utf-8")) if line]
    for case in generic_cases():
        lines += [line for line in split_lines(case.dump.read_text(encoding="utf-8")) if line]
    return lines


CORPUS = _corpus_lines()


def _body_words() -> dict[str, list[str]]:
    """Ordinary words of each language, taken from the expected bodies of the fixtures."""
    words: dict[str, set[str]] = {"ar": set(), "fr": set(), "en": set()}
    for folder in [*SITES_DIR.iterdir(), *(c.folder for c in generic_cases())]:
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        for paragraph in expected["paragraphs"]:
            words[expected["lang"]].update(w.strip(".,;:()،") for w in paragraph.split())
    return {lang: sorted(w for w in ws if w.isalpha()) for lang, ws in words.items()}


WORDS = _body_words()
BYLINE_MARKERS = {"by", "par", "بقلم"}

# mixed text: letters of three scripts, digits, punctuation, odd spaces, line breaks
_ALPHABET = st.sampled_from(
    list(
        "abcdefghij ABC éàç ءاأإبتثجحخدذرسشصضطظعغفقكلمنهوىية 0123456789 .,:;!?؟،…-»«*_/|()\n\n\r\t"
    )
    + ["\u00a0", "\u200b", "\ufeff", "spot_img", "...", "Share", "اقرأ أيضا", "عدد التعليقات 3"]
)
mixed_text = st.lists(_ALPHABET, max_size=400).map("".join)
# documents made of real lines (article text and boilerplate), shuffled and repeated
corpus_docs = st.lists(st.sampled_from(CORPUS), min_size=1, max_size=40).map("\n".join)
any_doc = st.one_of(mixed_text, corpus_docs)


def _is_ordered_subsequence(sub: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(any(line == other for other in it) for line in sub)


def _render(article: Article) -> str:
    return "\n\n".join(([article.title] if article.title else []) + article.paragraphs)


@SETTINGS
@given(any_doc)
def test_output_is_an_ordered_subsequence_of_input_lines(text: str) -> None:
    article = clean_text(text)
    lines = [line for line in split_lines(text) if line]
    out = ([article.title] if article.title else []) + article.paragraphs
    assert _is_ordered_subsequence(out, lines), "kept lines are input lines, in input order"


@SETTINGS
@given(any_doc)
def test_every_line_is_accounted_for(text: str) -> None:
    article = clean_text(text)
    lines = [line for line in split_lines(text) if line]
    accounted = len(article.paragraphs) + (1 if article.title else 0) + len(article.removed)
    assert accounted == len(lines), "each non-blank line is kept, the title, or in removed"
    numbered = split_lines(text)
    assert all(numbered[r.line - 1] == r.text for r in article.removed), (
        "removed lines carry their line numbers"
    )
    assert [numbered[n - 1] for n in article.paragraph_lines] == article.paragraphs, (
        "kept lines too"
    )
    if article.title is not None:
        assert numbered[article.title_line - 1] == article.title, "and the title"


@SETTINGS
@given(any_doc)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean_text(text, site="none")
    twice = clean_text(_render(once), site="none")
    assert twice.title == once.title, "title is stable"
    assert twice.paragraphs == once.paragraphs, "paragraphs are stable"


@st.composite
def clean_articles(draw: st.DrawFn) -> tuple[str, list[str], str]:
    lang = draw(st.sampled_from(sorted(WORDS)))
    vocab = WORDS[lang]
    words = st.sampled_from(vocab)
    headline = " ".join(draw(st.lists(words, min_size=3, max_size=12)))
    # a headline that opens like a byline ("par X", "by X") is a byline to any reader
    assume(headline.split()[0].lower() not in BYLINE_MARKERS)
    sentence = st.lists(words, min_size=16, max_size=60).map(lambda ws: " ".join(ws) + ".")
    paragraphs = draw(st.lists(sentence, min_size=1, max_size=8, unique=True))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return headline, paragraphs, sep.join([headline, *paragraphs])


@SETTINGS
@given(clean_articles())
def test_text_without_boilerplate_comes_back_whole(sample: tuple[str, list[str], str]) -> None:
    headline, paragraphs, text = sample
    article = clean_text(text)
    assert article.title == headline, "the headline is the title"
    assert article.paragraphs == paragraphs, "every paragraph kept, in order"
    assert article.removed == [], "nothing removed"


def test_seed_dumps_satisfy_the_properties() -> None:
    rng = random.Random(7)
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        once = clean_text(text)
        assert clean_text(_render(once), site=once.site or "none").paragraphs == once.paragraphs, (
            path.name
        )
        lines = text.split("\n")
        rng.shuffle(lines)
        shuffled = clean_text("\n".join(lines))
        kept = [line for line in split_lines("\n".join(lines)) if line]
        assert _is_ordered_subsequence(shuffled.paragraphs, kept), path.name
