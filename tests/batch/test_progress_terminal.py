"""The progress display, seen as a person sees it: `nadif clean` with stderr on a
pseudo-terminal (python's pty module) and stdout on a pipe, as in `nadif clean dumps/ >
out.jsonl`. The display must stay out of stdout's data, be erased before an error record
is printed on the terminal, end on a line with the totals, and stay off in CI."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import SEEDS

from nadif.scraper import cli
from nadif.scraper.batch._progress import Progress

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
FINAL = re.compile(
    r"(\d+)/(\d+) inputs: (\d+) articles, (\d+) errors, (\d+) skipped [\d.]+/s ETA \d+:\d\d:\d\d"
)


def _seed_folder(root: Path) -> Path:
    folder = root / "dumps"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


def _run_on_terminal(*argv: str, ci: bool = False) -> tuple[bytes, list[str], int]:
    """Run nadif with stderr on a pseudo-terminal and stdout on a pipe.

    Returns stdout's bytes, the terminal's lines as a reader would see them (what
    follows the last carriage return of each line, control sequences taken out), and
    the exit code."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "true"
    env["COLUMNS"] = "80"  # the final line must fit a common terminal, unwrapped
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "nadif", *argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            env=env,
        )
    finally:
        os.close(slave)
    assert process.stdout is not None
    stdout = process.stdout.read()
    terminal = bytearray()
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        terminal += data
    os.close(master)
    code = process.wait(timeout=120)
    lines = [
        _ANSI.sub("", line.rstrip("\r").split("\r")[-1])
        for line in terminal.decode("utf-8", "replace").split("\n")
    ]
    return stdout, lines, code


def test_progress_on_a_terminal_stays_out_of_stdout_and_ends_with_the_totals(
    tmp_path: Path,
) -> None:
    folder = _seed_folder(tmp_path)
    stdout, lines, code = _run_on_terminal("clean", str(folder))
    assert code == 0
    records = [json.loads(line) for line in stdout.decode("utf-8").splitlines()]
    assert len(records) == 5, "stdout holds the five records, each a JSON line"
    assert b"inputs:" not in stdout and b"\x1b" not in stdout and b"\r" not in stdout, (
        "no progress text or control sequence inside stdout's data"
    )
    finals = [line for line in lines if FINAL.search(line)]
    assert finals, f"a final progress line with the totals on the terminal: {lines}"
    assert FINAL.search(finals[-1]).groups() == ("5", "5", "5", "0", "0"), (  # type: ignore[union-attr]
        "the final line counts 5 of a total of 5 inputs (the folder counted ahead)"
    )
    summary = next(i for i, line in enumerate(lines) if line.startswith("inputs: 5"))
    assert lines.index(finals[-1]) < summary, "the summary comes after the display, below it"


def test_the_display_is_erased_before_an_error_record_is_printed(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    _, lines, code = _run_on_terminal("clean", str(folder), str(tmp_path / "missing.txt"))
    assert code == 1
    errors = [line for line in lines if '"error": "InputError"' in line]
    assert len(errors) == 1, f"the error record is printed on the terminal once: {lines}"
    assert errors[0].startswith('{"source"'), (
        f"the error record starts its own line, no progress text before it: {errors[0]!r}"
    )
    finals = [i for i, line in enumerate(lines) if FINAL.search(line)]
    assert finals and finals[-1] > lines.index(errors[0]), "the final totals come after it"


def test_progress_is_off_in_ci_and_forced_on_by_the_option(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    _, lines, _ = _run_on_terminal("clean", str(folder), ci=True)
    assert not any(FINAL.search(line) for line in lines), "CI set: no progress display"
    assert any(line.startswith("inputs: 5") for line in lines), "the summary is still printed"
    _, lines, _ = _run_on_terminal("clean", str(folder), "--progress", ci=True)
    assert any(FINAL.search(line) for line in lines), "--progress shows it even in CI"


def test_a_folder_too_large_to_count_ahead_leaves_the_total_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _seed_folder(tmp_path)
    tasks = cli._tasks([str(folder)], "text", [])
    assert cli._count_ahead(tasks) == 5, "a small folder is counted"
    monkeypatch.setattr(cli, "COUNT_AHEAD", 3)
    assert cli._count_ahead(cli._tasks([str(folder)], "text", [])) is None, (
        "past the budget the total stays unknown"
    )


def test_an_unknown_total_shows_a_question_mark_then_the_final_count() -> None:
    stream = io.StringIO()
    bar = Progress(True, stream)
    bar.update(2, 0, 0, force=True)
    bar.close(4, 1, 2)
    text = stream.getvalue()
    assert "7/7 inputs: 4 articles, 1 errors, 2 skipped" in text, (
        f"the final line gives the count reached as the total: {text!r}"
    )
    assert text.count("\n") == 1, "a stream that is not a terminal gets the final line only"
