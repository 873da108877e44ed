#!/usr/bin/env python3
"""Retrain nadif's learned scorers from the written corpus's dev part (deterministic).

    pip install -e '.[train]'
    python scripts/train_models.py [--out cleaners/data/models.json]

Training data: every case of `corpus/dumps/dev/` plus the seeds' gold (`../shared/gold`
with `../shared/seeds`, when present; the only real dumps, they weigh `REAL_WEIGHT` times
a written case). The test part is never read. Each dump line is
labelled from its gold (title, body or boilerplate) and run through the pipeline with a
recording scorer, so the features are exactly those the pipeline computes at run time:

1. vocabulary weights: per word, the log-odds of appearing in boilerplate rather than
   in body lines, counted once per site (so one template cannot dominate), for words
   seen on at least `MIN_SITES` sites. The weights a case's features see during
   training come from the *other* sites only (cross-fitting by site folds), or the
   model would learn to trust a feature that is perfect only on its own training data;
2. the headline scorer: a logistic regression over the title candidates;
3. the line scorer: a logistic regression over the lines no rule decided, with the
   headline scorer of step 2 in place; its decision threshold is chosen on site-grouped
   cross-validated predictions.
Standardisation is folded into the weights, so run time needs only a dot product.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from nadif.cleaners.features import (
    LINE_FEATURES,
    TITLE_FEATURES,
    DocView,
    line_features,
    title_features,
    tokens,
)
from nadif.cleaners.linemodel import LearnedScorer, LinearModel, TreeEnsemble
from nadif.cleaners.normalize import fold, split_lines
from nadif.cleaners.pipeline import clean_pass, pick_title
from nadif.cleaners.structure import is_prose

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
PROSE_FLOOR = 0.5  # the least threshold for running text inside the core
MIN_SITES = 3
VOCAB_CLIP = 4.0
TITLE_C = 0.3
LINE_C = 0.3
TREES = 60
TREE_DEPTH = 3
REAL_WEIGHT = 10.0
MARGINS = (0.0, 0.1, 0.2, 0.3)  # tie margins tried for the headline choice
KICKER_WORDS = (
    3  # pipeline.KICKER_MAX_WORDS  # the only real (not reconstructed) dumps: the seeds' gold
)


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


@dataclass
class Case:
    name: str
    host: str
    lines: list[str]
    labels: list[str | None]  # "title" | "body" | "bp" | None, per line
    fold: int = 0
    vocab: dict[str, float] = field(default_factory=dict)
    weight: float = 1.0  # real dumps (the seeds) count REAL_WEIGHT times a written case


def site_key(host: str) -> str:
    sys.path.insert(0, str(ROOT / "scripts"))
    from split_corpus import site_key as key

    return key(host)


def load_cases(folders: Sequence[Path], real: Sequence[Path] = ()) -> list[Case]:
    cases = []
    for folder in folders:
        for gold_path in sorted(folder.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
            if not txt.exists():
                txt = folder.parent / gold["file"]
            lines = split_lines(txt.read_text(encoding="utf-8"))
            body = {norm(b) for b in gold["body"]}
            bps = {norm(b) for b in gold["boilerplate"]}
            title = norm(gold.get("title"))
            labels: list[str | None] = []
            for line in lines:
                n = norm(line)
                labels.append(
                    None
                    if not n
                    else "title"
                    if n == title
                    else "body"
                    if n in body
                    else "bp"
                    if n in bps
                    else None
                )
            host = gold.get("host") or gold_path.name
            weight = REAL_WEIGHT if folder in real else 1.0
            cases.append(Case(gold_path.name, site_key(host), lines, labels, weight=weight))
    for case in cases:
        digest = hashlib.sha1(case.host.encode()).digest()
        case.fold = digest[0] % FOLDS
    return cases


def learn_vocab(cases: Sequence[Case]) -> dict[str, float]:
    sites = {"bp": defaultdict(set), "body": defaultdict(set)}
    hosts = {"bp": set(), "body": set()}
    for case in cases:
        for line, label in zip(case.lines, case.labels):
            if label == "title":
                label = "body"  # headline words are article words
            if label not in ("bp", "body"):
                continue
            hosts[label].add(case.host)
            for tok in set(tokens(fold(line))):
                sites[label][tok].add(case.host)
    n_bp, n_body = len(hosts["bp"]) or 1, len(hosts["body"]) or 1
    vocab = {}
    for tok in set(sites["bp"]) | set(sites["body"]):
        a, b = len(sites["bp"].get(tok, ())), len(sites["body"].get(tok, ()))
        if a + b < MIN_SITES:
            continue
        w = math.log((a + 0.5) / (n_bp + 1)) - math.log((b + 0.5) / (n_body + 1))
        w = max(-VOCAB_CLIP, min(VOCAB_CLIP, w))
        if abs(w) >= 0.25:
            vocab[tok] = round(w, 3)
    return dict(sorted(vocab.items()))


class Recorder:
    """A scorer that records what the pipeline asks, with the current case's labels."""

    def __init__(
        self, title_model: LinearModel | TreeEnsemble | None = None, margin: float = 0.0
    ) -> None:
        self.title_model = title_model
        self.vocab: Mapping[str, float] = {}
        self.threshold = 2.0  # never drop: pass 2 records every undecided line
        self.prose_threshold = 2.0
        self.title_margin = margin
        self.labels: list[str | None] = []
        self.title_rows: list[tuple[list[list[float]], list[int]]] = []
        self.line_rows: list[tuple[list[float], int]] = []
        self.weight = 1.0
        self.title_w: list[float] = []  # one per candidate row
        self.line_w: list[float] = []
        self.guarded: list[bool] = []  # running text inside the core: the prose threshold

    def title_scores(self, view: DocView, candidates: Sequence[int]) -> list[float]:
        feats = [title_features(view, i, candidates) for i in candidates]
        self.title_rows.append((feats, [int(self.labels[i] == "title") for i in candidates]))
        self.title_w += [self.weight] * len(candidates)
        if self.title_model is None:
            return [0.0] * len(candidates)
        return [self.title_model.score(x) for x in feats]

    def line_score(self, view: DocView, i: int) -> float:
        label = self.labels[i]
        if label in ("body", "bp"):
            self.line_rows.append((line_features(view, i), int(label == "bp")))
            self.line_w.append(self.weight)
            self.guarded.append(view.first <= i <= view.last and is_prose(view.lines[i]))
        return 0.0


def run(cases: Sequence[Case], recorder: Recorder) -> list[int]:
    """Run every case; returns, per recorded row, the index of its case."""
    owners: list[int] = []
    for k, case in enumerate(cases):
        recorder.labels = case.labels
        recorder.vocab = case.vocab
        recorder.weight = case.weight
        before = len(recorder.line_rows) + len(recorder.title_rows)
        clean_pass(case.lines, None, (), None, True, recorder)
        owners += [k] * (len(recorder.line_rows) + len(recorder.title_rows) - before)
    return owners


def fit(
    x: np.ndarray, y: np.ndarray, c: float, names: Sequence[str], w: Sequence[float]
) -> LinearModel:
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(
        (x - scaler.mean_) / scale, y, sample_weight=np.array(w)
    )
    w = model.coef_[0] / scale
    b = float(model.intercept_[0] - np.sum(model.coef_[0] * scaler.mean_ / scale))
    return LinearModel(tuple(names), tuple(round(float(v), 5) for v in w), round(b, 5))


def fit_trees(
    x: np.ndarray, y: np.ndarray, names: Sequence[str], w: Sequence[float]
) -> TreeEnsemble:
    gb = GradientBoostingClassifier(
        n_estimators=TREES,
        max_depth=TREE_DEPTH,
        learning_rate=0.1,
        subsample=1.0,
        random_state=0,
    ).fit(x, y, sample_weight=np.array(w))
    prior = float(gb.init_.class_prior_[1])
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(v) if v >= 0 else -1 for v in t.feature],
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v) * gb.learning_rate, 6) for v in t.value[:, 0, 0]],
            }
        )
    return TreeEnsemble.from_dict(
        {"names": list(names), "bias": math.log(prior / (1 - prior)), "trees": trees}, names
    )


def title_cv(
    cases: Sequence[Case], kind: str, margins: Sequence[float] = (0.0,)
) -> dict[float, float]:
    """Site-grouped CV: share of documents whose headline the held-out model picks, for
    each margin under which the two best candidates count as a tie (`pick_title`)."""
    right = dict.fromkeys(margins, 0)
    total = 0
    for f in range(FOLDS):
        train = Recorder()
        run([c for c in cases if c.fold != f], train)
        held = Recorder()
        run([c for c in cases if c.fold == f], held)
        x = np.array([v for feats, _ in train.title_rows for v in feats])
        y = np.array([lab for _, labels in train.title_rows for lab in labels])
        model = (
            fit(x, y, TITLE_C, TITLE_FEATURES, train.title_w)
            if kind == "linear"
            else fit_trees(x, y, TITLE_FEATURES, train.title_w)
        )
        words_at = TITLE_FEATURES.index("log_words")
        for feats, labels in held.title_rows:
            total += 1
            scores = [model.score(f) for f in feats]
            words = [round(math.expm1(f[words_at])) for f in feats]
            for m in margins:
                right[m] += labels[pick_title(scores, words, m)] == 1
    return {m: r / total if total else 0.0 for m, r in right.items()}


def train_title(
    recorder: Recorder, cases: Sequence[Case]
) -> tuple[LinearModel | TreeEnsemble, float]:
    rows = recorder.title_rows
    x = np.array([f for feats, _ in rows for f in feats])
    y = np.array([lab for _, labels in rows for lab in labels])
    by_kind = {kind: title_cv(cases, kind, MARGINS) for kind in ("linear", "trees")}
    cv = {(kind, m): acc for kind, accs in by_kind.items() for m, acc in accs.items()}
    print(
        "headline scorer, site-grouped CV accuracy (model, tie margin): "
        + ", ".join(f"{k} {m:.2f}: {v:.3f}" for (k, m), v in cv.items())
    )
    kind, margin = max(cv, key=lambda km: (cv[km], -km[1]))
    model = (
        fit(x, y, TITLE_C, TITLE_FEATURES, recorder.title_w)
        if kind == "linear"
        else fit_trees(x, y, TITLE_FEATURES, recorder.title_w)
    )
    right = sum(
        labels[max(range(len(feats)), key=lambda j: model.score(feats[j]))] == 1
        for feats, labels in rows
    )
    print(
        f"headline scorer: {len(rows)} documents with candidates, {int(y.sum())} titles "
        f"among {len(y)} candidates; picked right on {right}/{len(rows)} (training data); "
        f"{kind}, tie margin {margin:.2f}"
    )
    return model, margin


def choose_threshold(
    cases: Sequence[Case], title: LinearModel | TreeEnsemble, margin: float
) -> tuple[float, float, dict[str, float]]:
    """Site-grouped cross-validation of the line scorer: pick the two thresholds (lines
    in general; running text inside the core) that maximise keep-F1 + bp-removal/2 over
    the out-of-fold predictions."""
    probs: list[float] = []
    ys: list[int] = []
    guarded: list[bool] = []
    for f in range(FOLDS):
        train = [c for c in cases if c.fold != f]
        held = [c for c in cases if c.fold == f]
        rec_train, rec_held = Recorder(title, margin), Recorder(title, margin)
        run(train, rec_train)
        run(held, rec_held)
        if not rec_held.line_rows:
            continue
        x = np.array([r[0] for r in rec_train.line_rows])
        y = np.array([r[1] for r in rec_train.line_rows])
        model = fit(x, y, LINE_C, LINE_FEATURES, rec_train.line_w)
        probs += [model.score(r[0]) for r in rec_held.line_rows]
        ys += [r[1] for r in rec_held.line_rows]
        guarded += rec_held.guarded
    best: tuple[float, float, float, dict[str, float]] = (-1.0, 0.5, 0.5, {})
    body_total = sum(1 for y in ys if y == 0) or 1
    bp_total = sum(ys) or 1
    grid = [i / 100 for i in range(20, 100, 2)]
    for t in grid:
        # running text inside the body core goes only when the model calls it furniture
        # more likely than not (PROSE_FLOOR): the objective alone would trade a body
        # paragraph for a furniture line now and then
        for t2 in [g for g in grid if g >= max(t, PROSE_FLOOR)]:
            kept = [p < (t2 if g else t) for p, g in zip(probs, guarded)]
            kept_body = sum(1 for k, y in zip(kept, ys) if k and y == 0)
            kept_bp = sum(1 for k, y in zip(kept, ys) if k and y == 1)
            prec = kept_body / (kept_body + kept_bp) if kept_body + kept_bp else 0.0
            rec = kept_body / body_total
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            rm = 1 - kept_bp / bp_total
            objective = f1 + rm / 2
            if objective > best[0]:
                best = (
                    objective,
                    t,
                    t2,
                    {"keep_f1": f1, "keep_p": prec, "keep_r": rec, "bp_removed": rm},
                )
    return best[1], best[2], best[3]


def model_dict(model: LinearModel | TreeEnsemble) -> dict[str, Any]:
    if isinstance(model, LinearModel):
        return {"names": list(model.names), "weights": list(model.weights), "bias": model.bias}
    return {
        "names": list(model.names),
        "bias": model.bias,
        "trees": [
            {
                "feature": list(f),
                "threshold": list(t),
                "left": list(lf),
                "right": list(r),
                "value": list(v),
            }
            for f, t, lf, r, v in model.trees
        ],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "cleaners" / "data" / "models.json")
    a = ap.parse_args()
    folders = [ROOT / "corpus" / "dumps" / "dev"]
    shared_gold = ROOT.parent / "shared" / "gold"
    real = [shared_gold] if shared_gold.is_dir() else []
    cases = load_cases(folders + real, real)
    print(f"{len(cases)} training cases from {len({c.host for c in cases})} sites")
    for f in range(FOLDS):  # cross-fitted vocabulary: a case sees other sites' weights
        vocab = learn_vocab([c for c in cases if c.fold != f])
        for c in cases:
            if c.fold == f:
                c.vocab = vocab
    rec = Recorder()
    run(cases, rec)
    title, margin = train_title(rec, cases)
    threshold, prose_threshold, cv = choose_threshold(cases, title, margin)
    print(
        "line scorer, site-grouped CV on the undecided lines: "
        + ", ".join(f"{k} {v:.3f}" for k, v in cv.items())
        + f" at thresholds {threshold:.2f} (running text in the core: {prose_threshold:.2f})"
    )
    rec = Recorder(title, margin)
    run(cases, rec)
    x = np.array([r[0] for r in rec.line_rows])
    y = np.array([r[1] for r in rec.line_rows])
    line = fit(x, y, LINE_C, LINE_FEATURES, rec.line_w)
    print(f"line scorer: {len(y)} lines ({int(y.sum())} boilerplate)")
    vocab = learn_vocab(cases)
    data: dict[str, Any] = {
        "about": "nadif's learned scorers; retrain with scripts/train_models.py",
        "trained_on": sorted({c.name for c in cases}),
        "title_margin": margin,
        "threshold": threshold,
        "prose_threshold": prose_threshold,
        "title": model_dict(title),
        "line": {"names": list(line.names), "weights": list(line.weights), "bias": line.bias},
        "vocab": vocab,
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    LearnedScorer.from_dict(data)  # loads back
    print(f"wrote {a.out} ({a.out.stat().st_size // 1024} KiB, {len(vocab)} vocabulary words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
