"""Module-level caches are explicit (issue 9): declared in `cleaners._caches`, cleared
by one entry point, and a rule set given for a block is used in the block only."""

from __future__ import annotations

from nadif import clean_text
from nadif.cleaners._caches import clear_caches, registered
from nadif.cleaners.generic import generic_rules, rules_replaced

TEXT = (
    "Headline of the story here\n" + "A sentence of the article body. " * 8 + "\nShare on Facebook"
)


def test_the_caches_are_registered() -> None:
    names = registered()
    for name in (
        "generic._all_generic_rules",
        "furniture.furniture_rules",
        "pipeline._matcher",
        "linemodel.default_scorer",
    ):
        assert any(n.endswith(name) for n in names), f"{name} is declared in cleaners._caches"


def test_rules_replaced_holds_only_in_its_block() -> None:
    before = clean_text(TEXT, site="none")
    shared = before.removed[-1].rule
    assert shared.startswith("generic/") and shared != "generic/model", "a rule removes it"
    with rules_replaced(()):
        assert generic_rules() == (), "the replacement is in force"
        rules_used = {r.rule for r in clean_text(TEXT, site="none").removed}
        assert shared not in rules_used, "no generic rule removes the share line"
    assert clean_text(TEXT, site="none") == before, "the full rule set is back after it"


def test_clear_caches_keeps_the_output_and_derived_only_keeps_the_rules() -> None:
    rules = generic_rules()
    before = clean_text(TEXT, site="none")
    clear_caches(derived_only=True)
    assert generic_rules() is rules, "derived_only keeps the rule objects"
    clear_caches()
    rebuilt = generic_rules()
    assert rebuilt is not rules, "the rules are rebuilt"
    assert [r.id for r in rebuilt] == [r.id for r in rules], "the same rules"
    assert clean_text(TEXT, site="none") == before, "and clean the same"
