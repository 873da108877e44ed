"""A batch killed with SIGKILL mid-run, then re-run: every input ends exactly once.

The batch runs in its own process (`batch_driver.py`) over 2,000 small dumps, with a
worker slowed to about a millisecond per input so that the kill lands mid-run. The kill
comes at several moments (after a few, many, most records), with one and two processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from batch_support import read_jsonl

DRIVER = Path(__file__).with_name("batch_driver.py")
N_DUMPS = 2000
DELAY = "0.001"


def _driver(folder: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, str(DRIVER), str(folder), str(out), str(jobs), DELAY]


def _complete_lines(out: Path) -> int:
    try:
        return out.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill_when(proc: subprocess.Popen[bytes], out: Path, lines: int) -> int:
    """SIGKILL the driver once OUT has `lines` lines; returns how many it had then."""
    deadline = time.monotonic() + 60
    while _complete_lines(out) < lines:
        assert proc.poll() is None, "the run ended before the kill: make it longer"
        assert time.monotonic() < deadline, "the run wrote too little in 60 s"
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return _complete_lines(out)


def _group_empties(group: int, within: float = 5.0) -> bool:
    """Whether every live process of a process group ends within `within` seconds."""
    if not Path("/proc/self/stat").exists():
        return True  # nothing to look at on this system
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _live_members(group):
            return True
        time.sleep(0.05)
    return False


def _live_members(group: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            members.append(int(stat.parent.name))
    return members


@pytest.mark.slow
@pytest.mark.parametrize(("jobs", "kill_after"), [(2, 30), (1, 700), (2, 1500)])
def test_a_killed_run_resumes_to_every_input_exactly_once(
    tmp_path: Path, make_dumps, jobs: int, kill_after: int
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    good = {str(p) for p in make_dumps(folder, N_DUMPS)}
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\0\1\2")
    bad = {str(folder / "empty.txt"), str(folder / "binary.txt")}

    proc = subprocess.Popen(
        _driver(folder, out, jobs),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its pool processes share its group, so that we can end them
    )
    try:
        at_kill = _kill_when(proc, out, kill_after)
        assert _group_empties(proc.pid), "the pool processes exit when their driver is killed"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned pool processes, if any
        except ProcessLookupError:
            pass
        proc.wait()
    assert kill_after <= at_kill < N_DUMPS, "killed mid-run"
    killed_out = out.read_bytes()
    whole = killed_out[: killed_out.rfind(b"\n") + 1]
    for line in whole.splitlines():
        json.loads(line)  # every complete line written before the kill is a whole record

    rerun = subprocess.run(
        _driver(folder, out, jobs), check=False, capture_output=True, timeout=120
    )
    assert rerun.returncode == 1, rerun.stderr.decode()  # the two bad inputs failed
    summary = json.loads(rerun.stdout.decode().splitlines()[-1])
    assert summary["skipped"] == at_kill, "every record written before the kill is kept"
    assert summary["articles"] + summary["skipped"] == N_DUMPS
    assert summary["errors"] == len(bad), "failed inputs are retried on a re-run"

    counts = Counter(record["source"] for record in read_jsonl(out))
    assert set(counts) == good
    assert max(counts.values()) == 1, f"written twice: {counts.most_common(3)}"
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert sorted(e["source"] for e in errors) == sorted(bad)
