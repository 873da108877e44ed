"""One place per rule (issue 9): no phrase in two lexicons, no option written twice.

The generic rules live in three modules: shape rules (`cleaners.generic`), phrase
lexicons (`cleaners.lexicon`) and furniture rules (`cleaners.furniture`). A phrase that
two modules both list is a twin: the first one always wins, the other is dead weight
that hides a broken rule from every test (tests/test_ablation.py). Example lines of each
alternative (tests/phrases.py) are tried against the rules of the other modules: each
furniture rule against the lexicons and shape rules, and the other way round.
"""

from __future__ import annotations

import re

from phrases import examples, matches, same_options

from nadif.cleaners.furniture import furniture_rules
from nadif.cleaners.generic import _shape_rules, generic_rules, rules_replaced
from nadif.cleaners.normalize import fold
from nadif.cleaners.rules import LineRule, drop_line


def _module(rule: LineRule) -> str:
    if any(rule is r for r in furniture_rules()):
        return "furniture"
    if rule.id in {r.id for r in _shape_rules()}:  # built anew on each call: by id
        return "shape"
    return "lexicon"


def _fires(rule: LineRule, line: str) -> bool:
    if len(line) > rule.max_len:
        return False
    if rule.needles and not any(n in line for n in rule.needles):
        return False
    return matches(rule.pattern, rule.full, line)


def twins() -> set[str]:
    """'furniture-rule#k <- other-module-rule' for each example of a furniture alternative
    that a lexicon or shape rule also removes, and the same the other way round."""
    rules = generic_rules()
    modules = {id(r): _module(r) for r in rules}
    found = set()
    for rule in rules:
        for k, alternative in enumerate(rule.alternatives):
            own = re.compile(alternative)
            for example in map(fold, examples(alternative)):
                if len(example) > rule.max_len or not matches(own, rule.full, example):
                    continue
                for other in rules:
                    pair = {modules[id(rule)], modules[id(other)]}
                    if "furniture" in pair and len(pair) == 2 and _fires(other, example):
                        found.add(f"{rule.id}#{k} <- {other.id}")
    return found


def test_no_option_is_written_twice() -> None:
    """`(أخبار|اخبار)` is one option once folded: each alternation lists an option once."""
    twice = {
        f"{rule.id}: {option}"
        for rule in generic_rules()
        for alternative in rule.alternatives
        for option in same_options(alternative)
    }
    repeated = [r.id for r in generic_rules() if len(set(r.alternatives)) < len(r.alternatives)]
    assert not twice, f"options written twice in one alternation (after folding): {twice}"
    assert not repeated, f"rules with one alternative written twice: {repeated}"


def test_same_options_finds_a_repeat() -> None:
    assert same_options("(ab|c|ab) x") == ["ab"], "the checker itself sees a repeated option"
    assert same_options("(a|b)(c|d)") == [], "and no repeat where there is none"


def test_no_phrase_is_in_two_modules() -> None:
    found = sorted(twins())
    assert not found, f"phrases both in furniture.py and in lexicon.py/shape rules: {found}"


def test_the_twin_check_finds_a_planted_twin() -> None:
    """A lexicon phrase that a furniture rule already holds is found, both ways."""
    planted = drop_line("planted", r"tell us what you think", kind="comments")
    with rules_replaced((*generic_rules(), planted)):
        found = twins()
    assert "planted#0 <- comments-label" in found, f"the lexicon side is seen: {found}"
    assert any(t.startswith("comments-label#") and t.endswith("<- planted") for t in found), (
        f"the furniture side is seen: {found}"
    )
