"""An input the batch may not read ends as an error record, and the run goes on.

chmod 000 does not stop root (its capabilities bypass file modes), and tests may run as
root: then the batch runs in a subprocess started by `setpriv` without the two
capabilities that bypass read permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that
the file mode applies to it as to anyone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from batch_support import NO_READ_BYPASS, SEEDS, read_jsonl
from batch_workers import slow_read_dump

from nadif.scraper.batch.engine import iter_tasks, run_batch

DRIVER = Path(__file__).with_name("batch_driver.py")


def _run_without_read_bypass(folder: Path, out: Path) -> dict[str, int]:
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop the bypass")
    done = subprocess.run(
        [setpriv, *NO_READ_BYPASS, sys.executable, str(DRIVER), str(folder), str(out), "1", "0"],
        check=False,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr.decode()
    counts: dict[str, int] = json.loads(done.stdout.decode().splitlines()[-1])
    return counts


def test_an_unreadable_file_is_an_error_record(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "000_998e78fb96475055.txt", folder / "readable.txt")
    locked = folder / "locked.txt"
    shutil.copy(SEEDS / "001_839faeebe4e0f5ca.txt", locked)
    locked.chmod(0o000)
    out = tmp_path / "out.jsonl"
    if os.geteuid() == 0:
        counts = _run_without_read_bypass(folder, out)
    else:
        summary = run_batch(
            iter_tasks([str(folder)], "text"), partial(slow_read_dump, delay=0), out=out
        )
        counts = {"articles": summary.articles, "errors": summary.errors}
    assert (counts["articles"], counts["errors"]) == (1, 1)
    (error,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["source"] == str(locked)
    assert error["error"] == "InputError"
    assert error["reason"] == "Permission denied"
    (record,) = read_jsonl(out)
    assert record["source"] == str(folder / "readable.txt")
