"""Properties of the line cleaner that hold for any input (hypothesis), on documents made
of real material (issue 9: properties with teeth, none true by construction).

Material, all from the development side (never the test part of a corpus):
- clean text: the titles and body paragraphs of the dev dump corpus's gold files
  (corpus/dumps/dev/*.gold.json), written by people as what a page's article is;
- boilerplate of every kind: the dev golds' boilerplate lines (30 kinds: nav, related,
  share, date, footer, tags, widget, copyright, byline, comment-form, masthead, ticker,
  login, ...) and the fixtures' expected removals, each with the generic rule that
  removes it in its fixture.

Mixed documents draw blocks of every sort — a headline, paragraphs, short body lines
(subheadings, sign-offs), one-sentence paragraphs, headings, lists, boilerplate runs —
in any order, plus raw mixed-script text.

1. The output is an ordered subsequence of the input's (normalised) lines.
2. Cleaning the output again changes nothing.
3. Clean text comes back whole: a gold headline over two or more paragraphs of running
   text (8 words or more, ending a sentence) from the same gold body, in their order, is
   returned with that title, every paragraph, and nothing removed. (One paragraph alone
   is a teaser, not an article: the line scorer may drop a lone short line.)
4. Removals account for every line: the title, the kept lines and the removed lines
   partition the non-blank lines (no line in two places, none missing), each removal
   names the line it took and a rule that exists.
5. A boilerplate line of a kind the rules know, put at the head or the tail of a clean
   article (two paragraphs or more), is removed by that rule, with its kind, and the
   article is unchanged.
6. A page's own boilerplate lines (its gold's) that it prints below the title, any of
   them, repeated or not, below its article never cost the article its title or a
   paragraph (whatever removes them, if anything does). (Above the title it does not
   hold yet: KNOWN_HEAD_MISSES.)
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass

import pytest
from casefiles import GENERIC_DIR, ROOT, SEEDS_DIR, SITES_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nadif import Article, clean_text
from nadif.cleaners.generic import generic_rules
from nadif.cleaners.normalize import split_lines

SETTINGS = settings(
    max_examples=int(os.environ.get("NADIF_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
DEV_DUMPS = ROOT / "corpus" / "dumps" / "dev"
PROSE_MIN_WORDS = 8  # running text; shorter body lines are subheadings, sign-offs, labels
STAGES = ("title-repeat", "before-title", "after-comments", "model", "repeated-paragraph")


@dataclass(frozen=True)
class Gold:
    name: str
    lang: str
    title: str
    prose: tuple[str, ...]  # body paragraphs of PROSE_MIN_WORDS words or more, in order
    short: tuple[str, ...]  # the other body lines
    boilerplate: tuple[tuple[str, str], ...]  # (line, kind)
    above: tuple[str, ...]  # the boilerplate lines printed above the title in the dump
    below: tuple[str, ...]  # and below it


def _one_line(text: str) -> str:
    """The line as the cleaner returns it (normalised), or "" when it is not one line."""
    lines = [line for line in split_lines(text) if line]
    return lines[0] if len(lines) == 1 else ""


def _running_text(line: str) -> bool:
    """A paragraph of running text: PROSE_MIN_WORDS words or more, ending a sentence."""
    return len(line.split()) >= PROSE_MIN_WORDS and line.rstrip("\"'»”)]* ")[-1:] in ".!?؟…"


def _golds() -> list[Gold]:
    golds = []
    for path in sorted(DEV_DUMPS.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold.get("title"):
            continue
        body = [b for b in map(_one_line, gold["body"]) if b]
        prose = tuple(b for b in body if _running_text(b))
        short = tuple(b for b in body if not _running_text(b))
        kinds = gold.get("boilerplate_kinds", {})
        bp = tuple((_one_line(line), kinds.get(line, "unknown")) for line in gold["boilerplate"])
        bp = tuple((line, kind) for line, kind in bp if line)
        title = _one_line(gold["title"])
        dump = split_lines(path.with_name(gold["file"]).read_text(encoding="utf-8"))
        at = dump.index(title) if title in dump else -1
        lines = {line for line, _kind in bp}
        above = tuple(line for line in dump[: max(at, 0)] if line in lines)
        below = tuple(line for line in dump[at + 1 :] if line in lines) if at >= 0 else ()
        if prose and title:
            golds.append(Gold(path.stem, gold["lang"], title, prose, short, bp, above, below))
    return golds


GOLDS = _golds()


@dataclass(frozen=True)
class RuleLine:
    """A fixture's boilerplate line that a generic line rule removes there."""

    text: str
    kind: str
    rule: str  # "generic/<rule id>"
    where: str  # the rule's position: any, edge, head, tail


def _rule_lines() -> list[RuleLine]:
    rules = {f"generic/{r.id}": r for r in generic_rules()}
    found: dict[str, RuleLine] = {}
    for expected_path in sorted(
        [*GENERIC_DIR.glob("*/expected.json"), *SITES_DIR.glob("*/expected.json")]
    ):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        for removal in expected["boilerplate"]:
            rule = rules.get(removal.get("rule", ""))
            if rule is not None and removal["text"] not in found:
                found[removal["text"]] = RuleLine(
                    removal["text"], removal["kind"], removal["rule"], rule.where
                )
    return sorted(found.values(), key=lambda r: r.text)


RULE_LINES = _rule_lines()
KNOWN_RULES = {f"generic/{r.id}" for r in generic_rules()}
KNOWN_RULES |= {f"{rule}/items" for rule in KNOWN_RULES} | {f"generic/{s}" for s in STAGES}

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def _first_sentence(paragraph: str) -> str:
    return _SENTENCE_END.split(paragraph, maxsplit=1)[0]


# --- strategies --------------------------------------------------------------------

golds = st.sampled_from(GOLDS)
# headlines ending in ".." (Arabic headlines' own punctuation) once escaped the title stage
TWO_DOT_TITLES = {g.name for g in GOLDS if g.title.endswith("..")}
titled_golds = st.sampled_from(GOLDS)
separators = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])


@st.composite
def clean_articles(draw: st.DrawFn, least: int = 1) -> tuple[str, list[str]]:
    """A gold headline and paragraphs of running text from its own body, in order (at
    least `least` of them, when the body has that many)."""
    gold = draw(titled_golds)
    keep = draw(st.lists(st.booleans(), min_size=len(gold.prose), max_size=len(gold.prose)))
    paragraphs = [p for p, k in zip(gold.prose, keep, strict=False) if k]
    if len(paragraphs) < least:
        paragraphs = list(gold.prose[:least])
    return gold.title, paragraphs


def _text(lines: list[str], sep: str) -> str:
    return sep.join(lines)


@st.composite
def blocks(draw: st.DrawFn) -> list[str]:
    """One block of a mixed document."""
    gold = draw(golds)
    sort = draw(
        st.sampled_from(
            ["headline", "prose", "short", "sentence", "heading", "list", "boilerplate", "rule"]
        )
    )
    if sort == "headline":
        return [gold.title]
    if sort == "prose":
        return list(draw(st.lists(st.sampled_from(gold.prose), min_size=1, max_size=4)))
    if sort == "short" and gold.short:
        return [draw(st.sampled_from(gold.short))]
    if sort == "sentence":
        return [_first_sentence(draw(st.sampled_from(gold.prose)))]
    if sort == "heading":  # another article's headline as a heading inside this one
        return [draw(golds).title]
    if sort == "list":
        marker = draw(st.sampled_from(["- ", "• ", "* ", "1. ", ""]))
        items = draw(st.lists(golds.map(lambda g: g.title), min_size=2, max_size=5))
        return [marker + item for item in items]
    if sort == "rule":
        return [draw(st.sampled_from(RULE_LINES)).text]
    if gold.boilerplate:
        run = draw(st.lists(st.sampled_from(gold.boilerplate), min_size=1, max_size=6))
        return [line for line, _kind in run]
    return [gold.title]


@st.composite
def mixed_docs(draw: st.DrawFn) -> str:
    parts = draw(st.lists(blocks(), min_size=1, max_size=12))
    return _text([line for part in parts for line in part], draw(separators))


# mixed text: letters of three scripts, digits, punctuation, odd spaces, line breaks
_ALPHABET = st.sampled_from(
    list(
        "abcdefghij ABC éàç ءاأإبتثجحخدذرسشصضطظعغفقكلمنهوىية 0123456789 .,:;!?؟،…-»«*_/|()\n\n\r\t"
    )
    + ["\u00a0", "\u200b", "\ufeff", "spot_img", "...", "Share", "اقرأ أيضا", "عدد التعليقات 3"]
)
mixed_text = st.lists(_ALPHABET, max_size=400).map("".join)
any_doc = st.one_of(mixed_docs(), mixed_text)


def _is_ordered_subsequence(sub: list[str], full: list[str]) -> bool:
    it = iter(full)
    return all(any(line == other for other in it) for line in sub)


def _render(article: Article) -> str:
    return "\n\n".join(([article.title] if article.title else []) + article.paragraphs)


# --- 1, 2, 4: any document ------------------------------------------------------------


@SETTINGS
@given(any_doc)
def test_output_is_an_ordered_subsequence_of_input_lines(text: str) -> None:
    article = clean_text(text, site="none")
    lines = [line for line in split_lines(text) if line]
    out = ([article.title] if article.title else []) + article.paragraphs
    assert _is_ordered_subsequence(out, lines), "kept lines are input lines, in input order"


@SETTINGS
@given(any_doc)
def test_removals_account_for_every_line(text: str) -> None:
    article = clean_text(text, site="none")
    numbered = split_lines(text)
    nonblank = [n for n, line in enumerate(numbered, 1) if line]
    title = [article.title_line] if article.title is not None else []
    removed = [r.line for r in article.removed]
    places = title + list(article.paragraph_lines) + removed
    assert sorted(places) == nonblank, "each non-blank line is in exactly one place"
    assert removed == sorted(removed), "removals are listed in line order"
    for r in article.removed:
        assert numbered[r.line - 1] == r.text, f"removal {r.line} names the line it took"
        assert r.kind, f"removal {r.line} has a kind"
        assert r.rule in KNOWN_RULES, f"removal {r.line} names a rule that exists: {r.rule}"
    assert [numbered[n - 1] for n in article.paragraph_lines] == article.paragraphs, "kept lines"
    if article.title is not None:
        assert numbered[article.title_line - 1] == article.title, "and the title"


@SETTINGS
@given(any_doc)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean_text(text, site="none")
    twice = clean_text(_render(once), site="none")
    assert twice.title == once.title, "title is stable"
    assert twice.paragraphs == once.paragraphs, "paragraphs are stable"


# --- 3, 5, 6: clean articles, with and without boilerplate ----------------------------


@SETTINGS
@given(clean_articles(least=2), separators)
def test_clean_text_comes_back_whole(article: tuple[str, list[str]], sep: str) -> None:
    headline, paragraphs = article
    cleaned = clean_text(_text([headline, *paragraphs], sep), site="none")
    assert cleaned.title == headline, "the headline is the title"
    assert cleaned.paragraphs == paragraphs, "every paragraph kept, in order"
    assert cleaned.removed == [], "nothing removed"


def _positions(line: RuleLine) -> list[str]:
    return {"head": ["head"], "tail": ["tail"]}.get(line.where, ["head", "tail"])


# every rule line is tried (a dropped rule fails its own case), on a few articles each
PER_LINE = settings(SETTINGS, max_examples=max(3, SETTINGS.max_examples // 25))


@pytest.mark.parametrize("line", RULE_LINES, ids=lambda r: f"{r.rule}:{r.text[:24]}")
@PER_LINE
@given(article=clean_articles(least=2), data=st.data())
def test_a_known_boilerplate_line_at_an_edge_is_removed_by_its_rule(
    line: RuleLine, article: tuple[str, list[str]], data: st.DataObject
) -> None:
    headline, paragraphs = article
    at = data.draw(st.sampled_from(_positions(line)))
    lines = (
        [line.text, headline, *paragraphs] if at == "head" else [headline, *paragraphs, line.text]
    )
    cleaned = clean_text("\n".join(lines), site="none")
    assert cleaned.title == headline, "the title is unchanged"
    assert cleaned.paragraphs == paragraphs, "the body is unchanged"
    got = [(r.text, r.kind, r.rule) for r in cleaned.removed]
    assert got == [(line.text, line.kind, line.rule)], f"removed by its rule at the {at}"


@SETTINGS
@given(titled_golds.filter(lambda g: bool(g.below)), st.data())
def test_a_pages_own_boilerplate_below_its_article_costs_it_nothing(
    gold: Gold, data: st.DataObject
) -> None:
    tail = data.draw(st.lists(st.sampled_from(gold.below), min_size=1, max_size=12))
    cleaned = clean_text("\n".join([gold.title, *gold.prose, *tail]), site="none")
    assert cleaned.title == gold.title, "the title survives the boilerplate below it"
    assert _is_ordered_subsequence(list(gold.prose), cleaned.paragraphs), "every paragraph survives"


# found by the same property drawing the lines the page prints above its title: one such
# line alone above the title is taken for the title (the title stage is pipeline.py's)
KNOWN_HEAD_MISSES: dict[str, str] = {
    "sofoot.com__1": "Advertisement Une caméraUne caméra qui illustre",
    "alnaharegypt.com__1": "جريدة النهار المصرية رئيس مجلس الإدارة",
}


@pytest.mark.xfail(strict=True, reason="known: see KNOWN_HEAD_MISSES")
@pytest.mark.parametrize("name", sorted(KNOWN_HEAD_MISSES))
def test_a_line_printed_above_the_title_does_not_take_its_place(name: str) -> None:
    gold = next(g for g in GOLDS if g.name == f"{name}.gold")
    line = next(line for line in gold.above if line.startswith(KNOWN_HEAD_MISSES[name]))
    cleaned = clean_text("\n".join([line, gold.title, *gold.prose]), site="none")
    assert cleaned.title == gold.title, f"{name}: the title survives {line[:40]!r}"


# --- the material is what the docstring says -------------------------------------------


# found by property 5 (and 3): the line scorer dropped a short closing quote set in
# French typography (a space before the closing guillemet) after the paragraph before it
QUOTED_CLOSERS = {
    (g.name, i)
    for g in GOLDS
    for i, p in enumerate(g.prose)
    if i > 0 and re.fullmatch(r"« [^«»]+[.!?] »", p) and len(p.split()) < 16
}


def test_a_short_closing_quote_is_kept() -> None:
    assert QUOTED_CLOSERS, "the dev golds hold short quotes in guillemets"
    for name, i in sorted(QUOTED_CLOSERS):
        gold = next(g for g in GOLDS if g.name == name)
        body = list(gold.prose[i - 1 : i + 1])
        cleaned = clean_text("\n".join([gold.title, *body]), site="none")
        assert cleaned.paragraphs == body, f"{gold.name}: the article comes back whole"


def test_the_material_has_every_sort() -> None:
    assert len(GOLDS) >= 150, "the dev golds with a title and running text"
    assert {g.lang for g in GOLDS} >= {"ar", "fr", "en"}, "in the three languages"
    kinds = {kind for g in GOLDS for _line, kind in g.boilerplate}
    assert len(kinds) >= 20, f"boilerplate of many kinds: {sorted(kinds)}"
    assert sum(len(g.short) for g in GOLDS) >= 20, "short body lines"
    assert len({r.rule for r in RULE_LINES}) >= 60, "fixture lines of many generic rules"


def test_a_headline_ending_in_two_dots_is_the_title() -> None:
    """Found by property 3: a headline ending in ".." was not taken as the title."""
    assert TWO_DOT_TITLES, "the dev golds hold such headlines"
    for gold in (g for g in GOLDS if g.name in TWO_DOT_TITLES):
        cleaned = clean_text("\n".join([gold.title, *gold.prose]), site="none")
        assert cleaned.title == gold.title, f"{gold.name}: the headline is the title"


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
