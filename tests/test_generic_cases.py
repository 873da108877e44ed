"""Dumps from sites with no module: the generic rules and platform knowledge alone.

tests/generic/<case>/ holds a dump and its expected output; each expected.json says where
the dump came from (a real seed dump, or a page constructed for the test).
"""

from __future__ import annotations

import pytest
from casefiles import DumpCase, generic_cases

from nadif import clean_file
from nadif.sites import site_for_text

CASES = generic_cases()


def test_there_are_generic_cases_in_three_languages() -> None:
    assert {c.expected["lang"] for c in CASES} >= {"ar", "fr", "en"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_generic_case_is_cleaned_exactly(case: DumpCase) -> None:
    assert "origin" in case.expected, "a fixture says where it came from"
    article = clean_file(case.dump)
    assert article.site is None, "no site module claims this dump"
    assert article.title == case.expected["title"], "title"
    assert article.paragraphs == case.expected["paragraphs"], "body paragraphs, in order"
    removed = sorted(
        (r.text, r.kind, r.rule)
        for r in article.removed
        if r.kind not in ("title-repeat", "duplicate")
    )
    expected = sorted(
        (b["text"], b["kind"], b.get("rule", "(no rule recorded)"))
        for b in case.expected["boilerplate"]
    )
    assert removed == expected, (
        "every boilerplate line removed with its kind by its rule, and nothing else"
    )
    assert article.lang == case.expected["lang"], "language"
    assert article.author == case.expected.get("author"), "author, from an explicit byline"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_generic_case_was_reviewed(case: DumpCase) -> None:
    assert "TO REVIEW" not in case.expected["origin"], (
        f"{case.folder}/expected.json is a generated draft: review it first"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_generic_case_is_claimed_by_no_site(case: DumpCase) -> None:
    assert site_for_text(case.dump.read_text(encoding="utf-8")) is None
