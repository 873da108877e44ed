"""The learned scorers: shipped weights match the code, retraining reproduces them, and
their removals are audited like any rule's."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from nadif import clean_text
from nadif.cleaners.features import LINE_FEATURES, TITLE_FEATURES
from nadif.cleaners.linemodel import LearnedScorer, default_scorer

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = resources.files("nadif.cleaners").joinpath("data", "models.json")


def test_shipped_models_load_and_match_the_feature_code() -> None:
    scorer = default_scorer()
    assert scorer is not None, "the package ships its models"
    assert scorer.title_model.names == TITLE_FEATURES, "headline model: same features"
    assert scorer.line_model.names == LINE_FEATURES, "line model: same features"
    assert 0.0 < scorer.threshold <= scorer.prose_threshold < 1.0, "thresholds are probabilities"


def test_models_with_other_features_are_refused() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["line"]["names"] = data["line"]["names"][:-1]
    with pytest.raises(ValueError, match="do not match"):
        LearnedScorer.from_dict(data)


def test_model_removals_name_the_model_and_its_score() -> None:
    body = (
        "The council approved the new budget on Tuesday after a long debate that ran "
        "late into the evening, with most members voting in favour of the plan."
    )
    text = "\n".join(
        [
            "Home",
            "World",
            "Politics",
            "Council approves the budget after a long debate",
            body,
            body.replace("Tuesday", "Wednesday"),
            body.replace("council", "committee"),
            "Contact us",
            "About",
            "Careers",
        ]
    )
    article = clean_text(text, site="none")
    by_model = [r for r in article.removed if r.rule == "generic/model"]
    assert by_model, "the scorer removed some of the menu lines"
    assert all(r.score is not None and 0.0 < r.score <= 1.0 for r in by_model), "scores kept"
    assert all("score" in r.to_dict() for r in by_model), "and serialised"
    assert article.title == "Council approves the budget after a long debate", "the headline"
    assert len(article.paragraphs) == 3, "the three paragraphs stay"


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "gold").is_dir(), reason="the seeds' gold lives in ../shared"
)
def test_retraining_reproduces_the_shipped_models(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    out = tmp_path / "models.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_models.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8"), (
        "scripts/train_models.py reproduces cleaners/data/models.json byte for byte"
    )
