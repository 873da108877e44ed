"""What the learned scorers see of a line: its shape, its words and its place in the page.

Two feature vectors, both plain lists of floats in the order of their `*_FEATURES` names:
- `line_features`: for a line no rule decided — is it body text or page furniture?
- `title_features`: for a line above the body — is it the headline?
Each describes a *kind* of line (short, dated, after the body, among other short lines,
made of words that furniture uses across many templates), never a site. The vocabulary
weights (`vocab`) come with the model (`cleaners.linemodel`): they are learned, not
written here.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from .dates import looks_dated, relative_time
from .structure import is_headline_like, is_truncated, word_count

__all__ = [
    "LINE_FEATURES",
    "TITLE_FEATURES",
    "DocView",
    "line_features",
    "stopwords",
    "title_features",
    "tokens",
]

SCRIPT_LINES: Final = 4  # the longest lines say the page's script...
SCRIPT_SAMPLE: Final = 150  # ...by their first characters
SHAPE_MEMO_LINES: Final = 50_000  # line texts whose own features a scorer remembers
REPEAT_MAX_CHARS: Final = 300  # "repeated" looks at lines up to this long
CONTAINED_WINDOW: Final = 80  # later lines searched for a copy of a headline
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC = re.compile("[\u0600-\u06ff]+")  # runs: letters are counted by their lengths
_LATIN = re.compile("[A-Za-zÀ-ÿ]+")
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"\s[|»›•·/]\s|^[|»›•·]|[|»›•·]$|\s[-–—]\s*$|^\s*[-–—]\s")
_URLISH = re.compile(r"@|https?:|www\.|\.(?:com|net|org|ma|dz|tn|info|news)\b")
_BULLET = re.compile(r"^[-*•·–—►▪◦>»]\s?")
# French puts a space before »; "۔" is Urdu's full stop
_SENTENCE_END = re.compile(r"[.!?؟۔](?:\s?['\"”»)])?$")
_COLON_LEAD = re.compile(r"^[^\s:]+(?:\s[^\s:]+){0,2}\s?:\s?\S")
_PARENS = re.compile(r"^[(\[].*[)\]]$|[(\[][^()\[\]]{1,25}[)\]]$")

LINE_FEATURES: Final = (
    "log_words",
    "words_le3",
    "words_le6",
    "long",
    "sentence_end",
    "colon_end",
    "truncated",
    "stopword_share",
    "digit_share",
    "foreign_script",
    "separator",
    "dated",
    "relative_time",
    "url_or_mail",
    "bullet",
    "colon_lead",
    "parenthesised",
    "title_case",
    "headline_like",
    "repeated",
    "before_title",
    "title_to_core",
    "in_core",
    "after_core",
    "core_distance",
    "position",
    "prev_long",
    "next_long",
    "prev_dropped",
    "next_dropped",
    "short_run",
    "core_density",
    "vocab_mean",
    "vocab_max",
    "vocab_min",
    "short_in_core",
    "short_after_core",
    "short_before_title",
    "long_after_core",
    "long_before_title",
    "headline_after_core",
    "stop_in_core",
    "closing_sentence",
)

TITLE_FEATURES: Final = (
    "log_words",
    "words_4_25",
    "words_le3",
    "sentence_end",
    "colon_end",
    "headline_like",
    "dated",
    "digit_share",
    "foreign_script",
    "separator",
    "bullet",
    "colon_lead",
    "stopword_share",
    "title_case",
    "vocab_mean",
    "repeated",
    "contained_later",
    "core_gap",
    "kept_gap",
    "last_candidate",
    "rank_from_top",
    "longest_candidate",
    "next_dropped",
    "next_long",
    "prev_dropped",
    "is_core_start",
    "stacked_above",
    "stacked_below",
    "shorter_than_next",
    "words_above",
    "words_below",
)


@cache
def stopwords() -> frozenset[str]:
    """Function words of Arabic, French and English (jusText's stoplists), lower case.

    One set for all three: a line's share of them says "prose", whatever its language,
    and an Arabic page's French widget label is still not prose."""
    import justext  # a dependency of trafilatura; its stoplists are package data

    words: set[str] = set()
    for language in ("Arabic", "French", "English"):
        words |= {w.lower() for w in justext.get_stoplist(language) if w.isalpha()}
    return frozenset(words)


def tokens(folded: str) -> list[str]:
    """The words of a folded line (letters only)."""
    return _TOKEN.findall(folded)


@dataclass(slots=True)
class DocView:
    """A document as the scorers see it, after the rules and the structure stage.

    `drops[i]` is not None when a rule or the structure stage dropped line i (the
    pipeline's own list, so the view follows its drops); `title`: the title line (or
    None); `first`/`last`: the body core."""

    lines: Sequence[str]
    key: Callable[[int], str]  # the folded line (computed on demand, cached by the caller)
    drops: Sequence[object | None]
    longs: Sequence[bool]
    title: int | None
    first: int
    last: int
    arabic_doc: bool
    vocab: Mapping[str, float]
    nonblank: list[int]
    rank: list[int]  # rank[i]: line i's place among the non-blank lines (-1: blank)
    key_counts: dict[str, int] | None
    shapes: dict[tuple[str, bool], dict[str, float]] | None = None
    runs: list[int] | None = None
    most_words: tuple[Sequence[int], int] | None = None  # see _most_words

    def count(self, key: str) -> int:
        """How many short lines of the document fold to `key` (long lines: see repeats)."""
        if self.key_counts is None:
            counts: dict[str, int] = {}
            for i in self.nonblank:
                if len(self.lines[i]) <= REPEAT_MAX_CHARS:
                    k = self.key(i)
                    counts[k] = counts.get(k, 0) + 1
            self.key_counts = counts
        return self.key_counts.get(key, 0)

    @classmethod
    def build(
        cls,
        lines: Sequence[str],
        key: Callable[[int], str],
        drops: Sequence[object | None],
        longs: Sequence[bool],
        title: int | None,
        core: tuple[int, int],
        vocab: Mapping[str, float],
    ) -> DocView:
        nonblank = [i for i, line in enumerate(lines) if line]
        # the page's script: the beginnings of its longest lines (one long widget line
        # in another script must not decide it)
        texts = [lines[i] for i in nonblank]
        # the same lines, in the same order, either way (nlargest is sorted()[:n]); a
        # sort is cheaper for a page, a heap for a dump of a whole site
        longest = (
            sorted(texts, key=len, reverse=True)[:SCRIPT_LINES]
            if len(texts) <= 256
            else heapq.nlargest(SCRIPT_LINES, texts, key=len)
        )
        sample = "".join(line[:SCRIPT_SAMPLE] for line in longest)
        arabic = _arabic_sample(sample)
        return cls(
            lines,
            key,
            drops,
            longs,
            title,
            core[0],
            core[1],
            arabic,
            vocab,
            nonblank,
            _ranks(len(lines), nonblank),
            None,
        )

    def short_run(self, i: int) -> int:
        """How many short lines stand in the run of consecutive non-blank short lines
        that holds line i (1 for a long line); computed once for the whole page."""
        if self.runs is None:
            runs = [1] * len(self.nonblank)
            start = 0
            for r in range(len(self.nonblank) + 1):
                if r == len(self.nonblank) or self.longs[self.nonblank[r]]:
                    for k in range(start, r):
                        runs[k] = r - start
                    start = r + 1
            self.runs = runs
        return self.runs[self.rank[i]]

    def dropped(self, i: int) -> bool:
        return self.drops[i] is not None

    def rank_of(self, i: int, default: int) -> int:
        """Line i's rank, or `default` for a blank line or an index past the end."""
        r = self.rank[i] if 0 <= i < len(self.rank) else -1
        return r if r >= 0 else default

    def neighbour(self, i: int, step: int) -> int | None:
        r = self.rank[i] + step
        return self.nonblank[r] if 0 <= r < len(self.nonblank) else None


# the script of samples seen before: a second pass over a page's output, or another page
# of the same site, usually gives the same longest lines
_SCRIPT_MEMO_SAMPLES: Final = 4096
_SCRIPT_MEMO: dict[str, bool] = {}


def _arabic_sample(sample: str) -> bool:
    """More Arabic letters than Latin ones in `sample`."""
    found = _SCRIPT_MEMO.get(sample)
    if found is None:
        if len(_SCRIPT_MEMO) >= _SCRIPT_MEMO_SAMPLES:
            _SCRIPT_MEMO.clear()
        arabic = sum(map(len, _ARABIC.findall(sample)))
        found = _SCRIPT_MEMO[sample] = arabic > sum(map(len, _LATIN.findall(sample)))
    return found


def _ranks(n: int, nonblank: Sequence[int]) -> list[int]:
    ranks = [-1] * n
    for r, i in enumerate(nonblank):
        ranks[i] = r
    return ranks


def _shape(view: DocView, i: int) -> dict[str, float]:
    """Features of the line's own text (remembered per text in `view.shapes`, which a
    scorer keeps across passes and pages), plus whether it is repeated in this page."""
    line, key = view.lines[i], view.key(i)
    memo = view.shapes
    cached = memo.get((line, view.arabic_doc)) if memo is not None else None
    if cached is None:
        cached = _text_shape(line, key, view.arabic_doc, view.vocab)
        if memo is not None:
            if len(memo) >= SHAPE_MEMO_LINES:
                memo.clear()
            memo[(line, view.arabic_doc)] = cached
    shape = dict(cached)
    shape["repeated"] = float(len(line) <= REPEAT_MAX_CHARS and view.count(key) > 1)
    return shape


def _text_shape(
    line: str, key: str, arabic_doc: bool, vocab: Mapping[str, float]
) -> dict[str, float]:
    words = word_count(line)
    toks = tokens(key)
    stop = stopwords()
    letters_ar = sum(map(len, _ARABIC.findall(line)))
    letters_lat = sum(map(len, _LATIN.findall(line)))
    letters = letters_ar + letters_lat
    foreign = (letters_lat if arabic_doc else letters_ar) / letters if letters else 0.0
    chars = len(line.replace(" ", "")) or 1
    latin_words = [w for w in line.split() if _LATIN.match(w)]
    title_case = (
        sum(w[0].isupper() for w in latin_words) / len(latin_words)
        if len(latin_words) >= 2
        else 0.0
    )
    weights = [vocab.get(t, 0.0) for t in toks]
    return {
        "log_words": math.log1p(words),
        "words_le3": float(words <= 3),
        "words_le6": float(words <= 6),
        "sentence_end": float(_SENTENCE_END.search(line) is not None),
        "colon_end": float(line.endswith(":")),
        "truncated": float(is_truncated(line)),
        "stopword_share": sum(t in stop for t in toks) / len(toks) if toks else 0.0,
        "digit_share": len(_DIGIT.findall(line)) / chars,
        "foreign_script": foreign,
        "separator": float(_SEPARATOR.search(line) is not None),
        "dated": float(looks_dated(key)),
        "relative_time": float(relative_time(key)),
        "url_or_mail": float(_URLISH.search(key) is not None),
        "bullet": float(_BULLET.match(line) is not None),
        "colon_lead": float(_COLON_LEAD.match(line) is not None),
        "parenthesised": float(_PARENS.search(line) is not None),
        "title_case": title_case,
        "headline_like": float(is_headline_like(line)),
        "vocab_mean": sum(weights) / len(weights) if weights else 0.0,
        "vocab_max": max(weights) if weights else 0.0,
        "vocab_min": min(weights) if weights else 0.0,
    }


def line_features(view: DocView, i: int) -> list[float]:
    f = _shape(view, i)
    long = view.longs[i]
    title, first, last = view.title, view.first, view.last
    before_title = title is not None and i < title
    title_to_core = title is not None and title < i < first
    in_core = first <= i <= last
    after_core = last >= 0 and i > last
    rank = view.rank[i]
    if in_core or last < 0:
        distance = 0
    elif i < first:
        distance = view.rank_of(first, rank) - rank
    else:
        distance = rank - view.rank_of(last, rank)
    prev, nxt = view.neighbour(i, -1), view.neighbour(i, 1)
    run = view.short_run(i)
    window = [view.neighbour(i, s) for s in (-3, -2, -1, 1, 2, 3)]
    around = [j for j in window if j is not None]
    density = (
        sum(view.longs[j] and not view.dropped(j) for j in around) / len(around) if around else 0.0
    )
    short = f["words_le6"]
    f.update(
        {
            "long": float(long),
            "before_title": float(before_title),
            "title_to_core": float(title_to_core),
            "in_core": float(in_core),
            "after_core": float(after_core),
            "core_distance": math.log1p(max(distance, 0)),
            "position": rank / max(len(view.nonblank) - 1, 1),
            "prev_long": float(prev is not None and view.longs[prev] and not view.dropped(prev)),
            "next_long": float(nxt is not None and view.longs[nxt] and not view.dropped(nxt)),
            "prev_dropped": float(prev is not None and view.dropped(prev)),
            "next_dropped": float(nxt is not None and view.dropped(nxt)),
            "short_run": math.log1p(0 if long else run),
            "core_density": density,
            "short_in_core": short * in_core,
            "short_after_core": short * after_core,
            "short_before_title": short * before_title,
            "long_after_core": float(long and after_core),
            "long_before_title": float(long and before_title),
            "headline_after_core": f["headline_like"] * after_core,
            "stop_in_core": f["stopword_share"] * in_core,
            # the line right after the core's last line that ends like a sentence: the
            # article's closing sentence, or a credit or a prompt printed under it
            "closing_sentence": float(
                after_core and distance == 1 and f["sentence_end"] > 0 and short > 0
            ),
        }
    )
    return [f[name] for name in LINE_FEATURES]


def _most_words(view: DocView, candidates: Sequence[int]) -> int:
    """The most words of a candidate (computed once per candidate list)."""
    if view.most_words is None or view.most_words[0] is not candidates:
        view.most_words = (candidates, max(word_count(view.lines[j]) for j in candidates))
    return view.most_words[1]


def _close(view: DocView, a: int, b: int) -> bool:
    """Two candidate lines stacked one over the other (at most one line between)."""
    return view.rank[b] - view.rank[a] <= 2


def title_features(view: DocView, i: int, candidates: Sequence[int]) -> list[float]:
    f = _shape(view, i)
    words = word_count(view.lines[i])
    first = min(len(view.lines), view.first)
    rank = view.rank[i]
    # the non-blank lines between the candidate and the body core (nonblank is sorted)
    between = view.nonblank[rank + 1 : bisect_left(view.nonblank, first)] if first > i else []
    key = view.key(i)
    contained = any(
        len(view.lines[j]) > len(view.lines[i]) and key in view.key(j)
        for j in view.nonblank[rank + 1 : rank + 1 + CONTAINED_WINDOW]
    )
    position = candidates.index(i)
    above = candidates[position - 1] if position > 0 else None
    below = candidates[position + 1] if position + 1 < len(candidates) else None
    nxt, prev = view.neighbour(i, 1), view.neighbour(i, -1)
    f.update(
        {
            "words_4_25": float(4 <= words <= 25),
            "contained_later": float(contained),
            "core_gap": math.log1p(len(between)),
            "kept_gap": math.log1p(sum(not view.dropped(j) for j in between)),
            "last_candidate": float(position == len(candidates) - 1),
            "rank_from_top": position / max(len(candidates) - 1, 1),
            "longest_candidate": float(words == _most_words(view, candidates)),
            "next_dropped": float(nxt is not None and view.dropped(nxt)),
            "next_long": float(nxt is not None and view.longs[nxt] and not view.dropped(nxt)),
            "prev_dropped": float(prev is not None and view.dropped(prev)),
            "is_core_start": float(i == view.first),
            "stacked_above": float(below is not None and _close(view, i, below)),
            "stacked_below": float(above is not None and _close(view, above, i)),
            "shorter_than_next": float(below is not None and words < word_count(view.lines[below])),
            "words_above": float(
                word_count(view.lines[above]) if above is not None and _close(view, above, i) else 0
            ),
            "words_below": float(
                word_count(view.lines[below]) if below is not None and _close(view, i, below) else 0
            ),
        }
    )
    return [f[name] for name in TITLE_FEATURES]
