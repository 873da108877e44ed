"""Helpers shared by the batch tests (not fixtures: plain functions and constants)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
"""The real seed dumps of the project."""

LOCALHOST = [r"127\.0\.0\.1", "localhost", r"::1"]
"""Hosts a local Dask cluster talks on: the only ones these tests allow."""

NO_READ_BYPASS = ["--bounding-set=-dac_override,-dac_read_search", "--"]
"""setpriv options that take from root the capabilities that bypass file modes."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line of a JSONL file, each checked to be one whole JSON object."""
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), f"{path} ends with a partial line"
    records = []
    for number, line in enumerate(data.split(b"\n")[:-1], 1):
        record = json.loads(line)
        assert isinstance(record, dict), f"{path}:{number} is not a JSON object"
        records.append(record)
    return records
