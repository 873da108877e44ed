"""Near-duplicate articles in a corpus: the same dispatch republished by many sites.

An article is reduced to the set of its word 5-gram *shingles* (words taken from the
folded text, see `cleaners.normalize.fold`, so spelling variants and case do not count),
and that set to a fixed-size MinHash *signature*: two signatures agree in a slot with
probability equal to the Jaccard similarity of the two shingle sets, so the share of
agreeing slots estimates it.

The signature is one-permutation MinHash with optimal densification (Li, Owen and Zhang
2012; Shrivastava 2017): each shingle is hashed once (blake2b, stable across runs and
machines) and falls into one of `slots` bins by its hash's top bits; a bin keeps its
smallest hash; an empty bin (a short text has fewer shingles than bins) borrows the value
of the first non-empty bin along a fixed pseudo-random probe order of its own. That is
one hash per shingle instead of one per shingle and slot: about 100 times less work
than classic MinHash in pure Python, with the same collision probability per slot.

Candidate pairs come from banded LSH (signatures cut into `bands` of `rows` slots; two
texts that agree on a whole band are candidates), chosen for each threshold so that a
pair at the threshold is a candidate with probability >= 0.99; each candidate is then
verified by its estimated similarity (>= threshold). Verified pairs are joined into
clusters (single linkage). Only the signatures are kept (8 bytes a slot), never the texts.

Everything is deterministic: fixed seeds, input order decides each cluster's first member.
"""

from __future__ import annotations

import hashlib
import random
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from .normalize import fold

__all__ = [
    "DEFAULT_THRESHOLD",
    "Cluster",
    "Member",
    "MinHasher",
    "NearDuplicateIndex",
    "band_layout",
    "find_near_duplicates",
    "shingles",
    "similarity",
]

DEFAULT_THRESHOLD: Final = 0.7
"""Estimated Jaccard similarity from which two texts are near-duplicates."""
SHINGLE_WORDS: Final = 5
SLOTS: Final = 128
SEED: Final = 0x6E61646966  # "nadif": every run, every machine, the same hash functions
CANDIDATE_RECALL: Final = 0.99
"""A pair exactly at the threshold becomes a candidate with at least this probability."""
BUCKET_WINDOW: Final = 32
"""In a band bucket, a text is verified against (at most) this many texts before it."""

_WORD: Final = re.compile(r"\w+")
_MAX_HASH: Final = (1 << 64) - 1


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """The 64-bit hashes of the text's word `size`-grams (a shorter text: one shingle).

    Words are the `\\w+` runs of the folded text: punctuation, case, Arabic letter
    variants and diacritics do not make two copies of a dispatch differ.
    """
    words = _WORD.findall(fold(text))
    if not words:
        return set()
    if len(words) <= size:
        grams: Iterable[str] = (" ".join(words),)
    else:
        grams = (" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return {_hash64(gram) for gram in grams}


def _hash64(gram: str) -> int:
    digest = hashlib.blake2b(gram.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class MinHasher:
    """Text -> MinHash signature (an `array('Q')` of `slots` values), or None if no words.

    `slots` must be a power of two (a bin is the hash's top bits). The probe orders of
    empty bins are drawn once, from `seed`, when the hasher is made.
    """

    def __init__(
        self, slots: int = SLOTS, shingle_words: int = SHINGLE_WORDS, seed: int = SEED
    ) -> None:
        if slots < 2 or slots & (slots - 1):
            raise ValueError(f"slots must be a power of two >= 2, not {slots}")
        if shingle_words < 1:
            raise ValueError(f"shingle_words must be >= 1, not {shingle_words}")
        self.slots = slots
        self.shingle_words = shingle_words
        self._shift = 64 - (slots.bit_length() - 1)
        rng = random.Random(seed)
        self._probes: tuple[tuple[int, ...], ...] = tuple(
            tuple(rng.sample(range(slots), slots)) for _ in range(slots)
        )

    def signature(self, text: str) -> array[int] | None:
        hashes = shingles(text, self.shingle_words)
        if not hashes:
            return None
        bins = [_MAX_HASH] * self.slots
        filled = [False] * self.slots
        shift = self._shift
        for value in hashes:
            slot = value >> shift
            filled[slot] = True
            bins[slot] = min(bins[slot], value)
        signature = array("Q", bins)
        if not all(filled):
            for slot in range(self.slots):
                if not filled[slot]:
                    donor = next(d for d in self._probes[slot] if filled[d])
                    signature[slot] = bins[donor]
        return signature


def similarity(a: Sequence[int] | memoryview, b: Sequence[int] | memoryview) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal slots."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_layout(threshold: float, slots: int = SLOTS) -> tuple[int, int]:
    """(bands, rows) for banded LSH: the most rows per band (fewest false candidates) such
    that a pair of similarity `threshold` is a candidate with probability >= 0.99."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    best = (slots, 1)
    for rows in range(1, slots + 1):
        bands = slots // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= CANDIDATE_RECALL:
            best = (bands, rows)
    return best


@dataclass(frozen=True, slots=True)
class Member:
    """One article of a cluster: its source, its estimated similarity to the cluster's
    first member (1.0 for the first member itself) and its 0-based position in the input."""

    source: str
    similarity: float
    position: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """Articles that are near-duplicates of one another; members in input order."""

    members: tuple[Member, ...]

    @property
    def sources(self) -> list[str]:
        return [m.source for m in self.members]


class NearDuplicateIndex:
    """Signatures of a stream of texts, and the clusters they form.

    `add` keeps the text's signature (not the text); `clusters` can be asked for any
    threshold afterwards. Texts without a single word are counted (their position) but
    never cluster.
    """

    def __init__(self, hasher: MinHasher | None = None) -> None:
        self._hasher = hasher or MinHasher()
        self._signatures: array[int] = array("Q")
        self._sources: list[str] = []
        self._positions: array[int] = array("q")
        self._seen = 0

    def __len__(self) -> int:
        """The number of texts added (with or without a signature)."""
        return self._seen

    def add(self, source: str, text: str) -> None:
        signature = self._hasher.signature(text)
        if signature is not None:
            self._signatures.extend(signature)
            self._sources.append(source)
            self._positions.append(self._seen)
        self._seen += 1

    def clusters(self, threshold: float = DEFAULT_THRESHOLD) -> list[Cluster]:
        """Clusters of two or more texts, by the position of their first member."""
        slots = self._hasher.slots
        bands, rows = band_layout(threshold, slots)
        count = len(self._sources)
        parent = list(range(count))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        with memoryview(self._signatures) as view:
            for band in range(bands):
                buckets: dict[bytes, list[int]] = {}
                for i in range(count):
                    offset = i * slots + band * rows
                    buckets.setdefault(view[offset : offset + rows].tobytes(), []).append(i)
                for members in buckets.values():
                    for k in range(1, len(members)):
                        for j in members[max(0, k - BUCKET_WINDOW) : k]:
                            a, b = find(members[k]), find(j)
                            if a != b and self._similarity(view, members[k], j) >= threshold:
                                parent[max(a, b)] = min(a, b)
                del buckets
            groups: dict[int, list[int]] = {}
            for i in range(count):
                groups.setdefault(find(i), []).append(i)
            return [
                Cluster(
                    tuple(
                        Member(
                            self._sources[i],
                            self._similarity(view, indices[0], i),
                            self._positions[i],
                        )
                        for i in indices
                    )
                )
                for indices in sorted(groups.values(), key=lambda g: g[0])
                if len(indices) > 1
            ]

    def _similarity(self, view: memoryview, i: int, j: int) -> float:
        slots = self._hasher.slots
        return similarity(view[i * slots : (i + 1) * slots], view[j * slots : (j + 1) * slots])


def find_near_duplicates(
    items: Iterable[tuple[str, str]], threshold: float = DEFAULT_THRESHOLD
) -> list[Cluster]:
    """Clusters of near-duplicate texts among (source, text) items.

    A cluster lists its members in input order, each with its estimated Jaccard
    similarity (word 5-gram shingles) to the cluster's first member. Only clusters of two
    or more texts are returned, ordered by their first member's position.
    """
    band_layout(threshold)  # a bad threshold fails before any work
    index = NearDuplicateIndex()
    for source, text in items:
        index.add(source, text)
    return index.clusters(threshold)
