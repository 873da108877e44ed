"""Rule ablation (issue 9): every rule must change some case's output when disabled.

For every site rule, platform rule, alternative of each generic rule (lexicon phrases,
shape and furniture rules) and pipeline stage that drops lines, the cases are cleaned
again without it (tests/ablation.py says how, and why it is fast); a unit that changes
no case's output — title, paragraphs, and each removal's line, kind and rule id — is
dead weight or hides behind another rule. It must then be deleted, given the case that
needs it, or listed in SHADOWS with the reason it stays.

Run with `-s` to see the table (it is also in the assertion message and in the report's
"ablation" section).
"""

from __future__ import annotations

import pytest
from ablation import STAGE_RULES, Result, ablate, all_units, load_cases, table

from nadif.cleaners import pipeline

# units that change no case and stay, with the reason (keep this list short)
SHADOWS: dict[str, str] = {}

# units that changed no case when this test was written (88 at first): each was deleted or
# given a case (tests/generic/comments-*, furniture-en: constructed for this). It stays
# empty: a new dead unit goes to SHADOWS, with a reason, or goes away.
UNDECIDED: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def results() -> list[Result]:
    cases = load_cases()
    return [ablate(unit, cases) for unit in all_units()]


def test_ablation_table(results: list[Result], record_property: pytest.RecordProperty) -> None:
    """Prints the table; fails on a unit that changes nothing and is neither a listed
    shadow nor a known undecided one."""
    shown = table(results, {**SHADOWS, **dict.fromkeys(UNDECIDED, "undecided (issue 9)")})
    print("\n" + shown)
    record_property("ablation", shown)
    dead = [r.unit.key for r in results if not r.changed]
    unlisted = [key for key in dead if key not in SHADOWS and key not in UNDECIDED]
    assert not unlisted, (
        "disabling these changes no case: delete them, give each the case that needs it, "
        f"or list it in SHADOWS with the reason it stays: {unlisted}\n{shown}"
    )


def test_shadow_and_undecided_lists_are_current(results: list[Result]) -> None:
    """A listed unit that now changes a case, or no longer exists, leaves the lists."""
    live = {r.unit.key for r in results if r.changed}
    known = {r.unit.key for r in results}
    stale = sorted(k for k in (*SHADOWS, *UNDECIDED) if k in live or k not in known)
    assert not stale, f"remove from SHADOWS/UNDECIDED (they change a case, or are gone): {stale}"


def test_every_site_rule_and_stage_changes_a_case(results: list[Result]) -> None:
    """No exception for site rules and pipeline stages: each one is needed by a case."""
    needed = [r for r in results if r.unit.namespace != "generic"]
    idle = [r.unit.key for r in needed if not r.changed]
    assert needed, "site rules and stages are ablated"
    assert not idle, f"site rules or stages that change no case: {idle}"


def test_every_pipeline_stage_is_ablated() -> None:
    """The ablation turns off each stage the pipeline has, through its own switch."""
    assert tuple(STAGE_RULES) == pipeline.STAGES


def test_a_stage_turned_off_keeps_its_lines_and_an_unknown_one_is_refused() -> None:
    lines = [
        "Kalimbo Trastevere",  # no rule knows it: only its place above the title drops it
        "A headline of the day for the page",
        "Some running text of the article goes on here with words enough to be long.",
        "And a second paragraph of the article, long enough to count as body text here.",
    ]
    on = pipeline.clean_lines(lines, scorer=False)
    off = pipeline.clean_lines(lines, scorer=False, stages_off=["before-title"])
    assert any(r.rule == "generic/before-title" for r in on.removed), "the stage drops the line"
    assert not any(r.rule == "generic/before-title" for r in off.removed), "turned off"
    with pytest.raises(ValueError, match="unknown pipeline stage no-such-stage"):
        pipeline.clean_lines(lines, stages_off=["no-such-stage"])
