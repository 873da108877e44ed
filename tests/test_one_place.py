"""One place per rule (issue 9): no phrase in two lexicons, no option written twice.

The generic rules live in three modules: shape rules (`cleaners.generic`), phrase
lexicons (`cleaners.lexicon`) and furniture rules (`cleaners.furniture`). A phrase that
two modules both list is a twin: the first one always wins, the other is dead weight
that hides a broken rule from every test (tests/test_ablation.py). Example lines of each
alternative (tests/phrases.py) are tried against the rules of the other modules.
"""

from __future__ import annotations

import re

from phrases import examples, matches, same_options

from nadif.cleaners.furniture import furniture_rules
from nadif.cleaners.generic import _shape_rules, generic_rules
from nadif.cleaners.normalize import fold
from nadif.cleaners.rules import LineRule

# twins left when this test was written (issue 9, left to do): each furniture alternative
# here fires first on some case (tests/test_ablation.py), so it cannot simply go; the
# phrase is to be kept in one module. The list may only shrink.
KNOWN_TWINS: frozenset[str] = frozenset(
    {
        "comments-label#0 <- en-comment-form",
        "dateline-stamp#0 <- en-chrome",
        "dateline-stamp#0 <- fr-chrome",
        "en-chrome#0 <- dateline-stamp",
        "en-comment-form#0 <- comments-label",
        "en-comment-form#1 <- comments-label",
        "en-comments#4 <- comments-label",
        "fr-chrome#0 <- dateline-stamp",
        "related-label#2 <- en-related",
        "share-prompt#0 <- en-share-edge",
        "subscribe-prompt#0 <- en-newsletter-edge",
    }
)


def _module(rule: LineRule) -> str:
    if any(rule is r for r in furniture_rules()):
        return "furniture"
    if any(rule is r for r in _shape_rules()):
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
    found = twins()
    new = sorted(found - KNOWN_TWINS)
    gone = sorted(KNOWN_TWINS - found)
    assert not new, f"phrases listed both in furniture.py and in lexicon.py/shape rules: {new}"
    assert not gone, f"twins resolved: remove them from KNOWN_TWINS: {gone}"
