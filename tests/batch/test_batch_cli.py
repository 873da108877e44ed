"""`nadif clean DIR -o OUT.jsonl`: the real command line and worker over the batch engine."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from batch_support import SEEDS, read_jsonl

from nadif.scraper.cli import main


def _folder(root: Path) -> tuple[set[str], set[str]]:
    good = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, root / seed.name)
        good.add(str(root / seed.name))
    (root / "nested").mkdir()
    (root / "nested" / "empty.txt").write_bytes(b"")
    (root / "nested" / "binary.txt").write_bytes(b"\0\1\2\3")
    os.symlink("..", root / "nested" / "up")
    bad = {str(root / "nested" / n) for n in ("empty.txt", "binary.txt", "up")}
    return good, bad


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_a_folder_to_jsonl_then_resume(
    tmp_path: Path, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = _folder(folder)
    out = tmp_path / "out.jsonl"
    argv = ["clean", str(folder), "-o", str(out), "--jobs", jobs, "--no-progress"]
    assert main(argv) == 1, "exit code 1: some inputs failed"
    records = read_jsonl(out)
    assert sorted(r["source"] for r in records) == sorted(good)
    assert all(r["paragraphs"] and r["text"] for r in records), "each seed keeps a body"
    assert any(r["site"] for r in records), "site modules attributed some seeds"
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert sorted(e["source"] for e in errors) == sorted(bad)
    assert {e["error"] for e in errors} == {"InputError"}
    summary = capsys.readouterr().err
    assert f"inputs: {len(good) + len(bad)}  articles: {len(good)}  errors: {len(bad)}" in summary
    assert "removed lines:" in summary

    assert main(argv) == 1, "the bad inputs are retried, and fail again"
    again = capsys.readouterr().err
    assert f"articles: 0  errors: {len(bad)}  skipped: {len(good)}" in again
    assert len(read_jsonl(out)) == len(good), "nothing written twice"


def test_clean_a_folder_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = _folder(folder)
    assert main(["clean", str(folder), "--no-progress"]) == 1
    captured = capsys.readouterr()
    sources = [json.loads(line)["source"] for line in captured.out.splitlines()]
    assert sorted(sources) == sorted(good)
    error_sources = {
        json.loads(line)["source"] for line in captured.err.splitlines() if line.startswith("{")
    }
    assert error_sources == bad
