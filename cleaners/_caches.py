"""The cleaning core's module-level caches, in one place (issue 9).

Four things are built once per process and kept, because building them costs far more
than using them:

- `generic.generic_rules()`: the shape, lexicon and furniture rules, compiled;
- `furniture.furniture_rules()`: the furniture rules, compiled;
- `pipeline._matcher(site, site_rules, where)`: a `RuleMatcher` per site and position
  (bounded: 256 entries), which holds the generic rules it was built from;
- `linemodel.default_scorer()`: the learned models read from `data/models.json`.

Each is declared with `cached` or `bounded` below, which registers it here, so that
`clear_caches()` empties every one of them. The matcher cache is *derived*: it holds
rules read from the others, and `clear_caches(derived_only=True)` empties it alone (the
rule objects stay the same objects, which the ablation compares by identity).

Nothing in the package needs to clear them: the rules and models never change while a
process runs. Tools that change them on purpose do: the rule ablation (tests/ablation.py)
cleans with one rule disabled through `generic.rules_replaced`, which clears the derived
caches on the way in and out; a test that writes a new models file would call
`clear_caches()` before reading it back.

(Caches of immutable data read from installed packages — the language identifier in
`lang`, the stop words in `features` — do not depend on any rule or model and are not
listed here; nor are the bounded memos of pure functions of a line's text, which are
emptied when full: `pipeline._FOLDED` (folded keys, 20,000 lines) and
`features._SCRIPT_MEMO` (a sample's script, 4,096 samples). The scorer's own memo of
line shapes lives on the scorer object, `linemodel.LearnedScorer.shapes`.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

__all__ = ["bounded", "cached", "clear_caches", "registered"]

_T = TypeVar("_T")
_CACHES: list[tuple[functools._lru_cache_wrapper[object], bool]] = []  # (cache, derived)


def cached(function: Callable[..., _T]) -> functools._lru_cache_wrapper[_T]:
    """`functools.cache`, registered for `clear_caches` (a source: rules, models)."""
    wrapper = functools.cache(function)
    _CACHES.append((wrapper, False))
    return wrapper


def bounded(
    maxsize: int,
) -> Callable[[Callable[..., _T]], functools._lru_cache_wrapper[_T]]:
    """`functools.lru_cache(maxsize)`, registered for `clear_caches` as derived: what
    it holds is built from the sources."""

    def decorate(function: Callable[..., _T]) -> functools._lru_cache_wrapper[_T]:
        wrapper = functools.lru_cache(maxsize=maxsize)(function)
        _CACHES.append((wrapper, True))
        return wrapper

    return decorate


def registered() -> list[str]:
    """The qualified names of the registered caches (for tests and for reading)."""
    return [f"{c.__module__}.{c.__qualname__}" for c, _derived in _CACHES]


def clear_caches(*, derived_only: bool = False) -> None:
    """Empty every registered cache (or only the derived ones): the next call rebuilds
    from the current state."""
    for wrapper, derived in _CACHES:
        if derived or not derived_only:
            wrapper.cache_clear()
