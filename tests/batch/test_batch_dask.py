"""The Dask engine on a local cluster gives the same records as the local engine.

The clusters are local (worker processes on 127.0.0.1) and started by the tests; the
network stays blocked for every other host.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from batch_support import LOCALHOST, read_jsonl
from batch_workers import CRASH_MARKER, misbehaving, read_dump

from nadif.scraper.batch.engine import iter_tasks, run_batch

pytestmark = [pytest.mark.slow, pytest.mark.block_network(allowed_hosts=LOCALHOST)]


def _folder(root: Path, make_dumps: Any, count: int) -> list[Path]:
    paths: list[Path] = make_dumps(root, count)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\0\1\2")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    return paths


def _by_source(path: Path) -> dict[str, dict[str, Any]]:
    records = read_jsonl(path)
    by_source = {record["source"]: record for record in records}
    assert len(by_source) == len(records), f"a source written twice in {path}"
    return by_source


def test_a_local_dask_cluster_gives_the_same_records_as_the_local_engine(
    tmp_path: Path, make_dumps: Any
) -> None:
    folder = tmp_path / "in"
    _folder(folder, make_dumps, 150)
    local = run_batch(iter_tasks([str(folder)], "text"), read_dump, out=tmp_path / "local.jsonl")
    dask = run_batch(
        iter_tasks([str(folder)], "text"),
        read_dump,
        out=tmp_path / "dask.jsonl",
        engine="dask",
        jobs=2,
    )
    assert _by_source(tmp_path / "dask.jsonl") == _by_source(tmp_path / "local.jsonl")
    assert _by_source(tmp_path / "dask.errors.jsonl") == _by_source(tmp_path / "local.errors.jsonl")
    assert (dask.inputs, dask.articles, dask.errors) == (154, 150, 4)
    assert (dask.inputs, dask.articles, dask.errors) == (local.inputs, local.articles, local.errors)
    assert dask.removed_by_site_kind == local.removed_by_site_kind


def test_a_scheduler_address_runs_on_that_cluster_and_a_crash_fails_its_input(
    tmp_path: Path, make_dumps: Any
) -> None:
    import dask
    from distributed import LocalCluster

    folder = tmp_path / "in"
    paths = _folder(folder, make_dumps, 40)
    crash = paths[5]
    crash.write_text(crash.read_text(encoding="utf-8") + CRASH_MARKER + "\n", encoding="utf-8")
    bad = {str(folder / n) for n in ("empty.txt", "binary.txt", "loop-a", "loop-b")}
    out, errors = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    # Dask gives up on a task at once when its worker dies (the default, three retries on
    # other workers, is what a real cluster wants but takes half a minute here). Tasks
    # queued on the same dying worker are then given up too: they end as error records,
    # and the re-run below retries them.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        tasks = iter_tasks([str(folder)], "text")
        first = run_batch(
            tasks, misbehaving, out=out, engine="dask", scheduler=cluster.scheduler_address
        )
        failed = _by_source(errors)
        assert failed[str(crash)]["error"] == "KilledWorker"
        innocent = set(failed) - bad - {str(crash)}
        assert {failed[s]["error"] for s in innocent} <= {"KilledWorker"}
        assert set(_by_source(out)) == {str(p) for p in paths} - set(failed)
        assert (first.articles, first.errors) == (40 - len(failed) + len(bad), len(failed))

        crash.write_text("fixed\n", encoding="utf-8")
        tasks = iter_tasks([str(folder)], "text")
        second = run_batch(
            tasks, misbehaving, out=out, engine="dask", scheduler=cluster.scheduler_address
        )
    assert set(_by_source(errors)) == bad
    assert set(_by_source(out)) == {str(p) for p in paths}
    assert (second.skipped, second.articles) == (first.articles, 40 - first.articles)


def test_the_batch_module_does_not_import_dask() -> None:
    code = "import sys, nadif.scraper.batch; print('distributed' in sys.modules, 'dask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"], "dask is imported only by the dask engine"
