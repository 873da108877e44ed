"""The learned scorers: a headline scorer and a line scorer, linear models on `features`.

What no rule decides, these decide. Both are logistic regressions trained by
`scripts/train_models.py` from the labelled lines of the written corpus's dev part
(`corpus/dumps/dev`) and the seeds' gold; their weights, the vocabulary weights and the
decision threshold ship as one small JSON file (`cleaners/data/models.json`), read once
per process on first use. Scoring is a dot product in plain Python: no numerical
library at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

from ._caches import cached
from .features import LINE_FEATURES, TITLE_FEATURES, DocView, line_features, title_features

__all__ = [
    "LearnedScorer",
    "LinearModel",
    "Scorer",
    "TreeEnsemble",
    "default_scorer",
    "model_from_dict",
]

MODEL_FILE = "models.json"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """sigmoid(bias + weights . x), features in the order of `names`."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    def score(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], expected: Sequence[str]) -> LinearModel:
        names = tuple(data["names"])
        if names != tuple(expected):
            raise ValueError(f"model features {names} do not match the code's {tuple(expected)}")
        return cls(names, tuple(float(w) for w in data["weights"]), float(data["bias"]))


@dataclass(frozen=True, slots=True, eq=False)
class TreeEnsemble:
    """Gradient-boosted regression trees (log-odds), each tree as flat arrays:
    feature (-1 for a leaf), threshold, left, right, value; sigmoid of the sum."""

    names: tuple[str, ...]
    bias: float
    trees: tuple[
        tuple[
            tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]
        ],
        ...,
    ]
    _sum: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # compiled once into a function: the expression holds only numbers and `x[...]`,
        # generated from the model's arrays, never from text read elsewhere
        compiled = eval(f"lambda x: {self.source()}", {"__builtins__": {}})
        object.__setattr__(self, "_sum", compiled)

    def score(self, x: Sequence[float]) -> float:
        z = self.bias + self._sum(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def source(self) -> str:
        """The ensemble as one Python expression of `x`: nested conditionals of numbers."""

        def node(tree: tuple[tuple[Any, ...], ...], i: int) -> str:
            feature, threshold, left, right, value = tree
            if feature[i] < 0:
                return repr(float(value[i]))
            return (
                f"({node(tree, left[i])} if x[{int(feature[i])}] <= {float(threshold[i])!r} "
                f"else {node(tree, right[i])})"
            )

        return " + ".join(node(t, 0) for t in self.trees) or "0.0"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], expected: Sequence[str]) -> TreeEnsemble:
        names = tuple(data["names"])
        if names != tuple(expected):
            raise ValueError(f"model features {names} do not match the code's {tuple(expected)}")
        trees = tuple(
            (
                tuple(int(v) for v in t["feature"]),
                tuple(float(v) for v in t["threshold"]),
                tuple(int(v) for v in t["left"]),
                tuple(int(v) for v in t["right"]),
                tuple(float(v) for v in t["value"]),
            )
            for t in data["trees"]
        )
        return cls(names, float(data["bias"]), trees)


def model_from_dict(data: Mapping[str, Any], expected: Sequence[str]) -> LinearModel | TreeEnsemble:
    if "trees" in data:
        return TreeEnsemble.from_dict(data, expected)
    return LinearModel.from_dict(data, expected)


class Scorer(Protocol):
    """What the pipeline asks of a scorer (the trainer passes a recording one)."""

    @property
    def vocab(self) -> Mapping[str, float]: ...

    @property
    def threshold(self) -> float: ...

    @property
    def prose_threshold(self) -> float: ...

    @property
    def title_margin(self) -> float: ...

    def title_scores(self, view: DocView, candidates: Sequence[int]) -> list[float]: ...

    def line_score(self, view: DocView, i: int) -> float: ...


@dataclass(frozen=True, slots=True)
class LearnedScorer:
    title_model: LinearModel | TreeEnsemble
    line_model: LinearModel | TreeEnsemble
    vocab: Mapping[str, float]
    threshold: float
    prose_threshold: float
    title_margin: float = 0.0
    # the features of line texts seen before (bounded: see `features.SHAPE_MEMO_LINES`)
    shapes: dict[tuple[str, bool], dict[str, float]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def title_scores(self, view: DocView, candidates: Sequence[int]) -> list[float]:
        return [self.title_model.score(title_features(view, i, candidates)) for i in candidates]

    def line_score(self, view: DocView, i: int) -> float:
        return self.line_model.score(line_features(view, i))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LearnedScorer:
        return cls(
            model_from_dict(data["title"], TITLE_FEATURES),
            model_from_dict(data["line"], LINE_FEATURES),
            {str(k): float(v) for k, v in data["vocab"].items()},
            float(data["threshold"]),
            float(data["prose_threshold"]),
            float(data.get("title_margin", 0.0)),
        )


@cached  # cleared by clear_caches (cleaners._caches)
def default_scorer() -> LearnedScorer | None:
    """The shipped models, or None when the package has none (then the pipeline falls
    back to its rules and shape heuristics alone)."""
    path = resources.files(__package__).joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    return LearnedScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))
