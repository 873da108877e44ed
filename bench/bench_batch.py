"""Benchmark of batch runs: throughput with 1 and 2 processes, and peak memory of the run.

    python bench/bench_batch.py                  # 60,000 dumps (~210 MB), jobs 1 then 2
    python bench/bench_batch.py --files 5000 --jobs 1 2 4 --worker read

The data set is generated once in bench/_data/batch-N/ (git-ignored) from the seed dumps
(seeds/ and ../shared/seeds/): each file keeps the head and tail of one seed (where its
site's boilerplate and signatures are) around a shuffled mix of body lines from all
seeds, 3-4 KB, all distinct. Each run is a separate process (the same `run_batch` the CLI
calls), timed from start to exit, while a sampler adds up the resident memory of that
process and of all its children every 100 ms: "peak RSS (sum)" is the largest such sum
(pages shared by forked children are counted in each, so it is an upper bound); "peak
RSS (max 1 process)" is the kernel's figure for the biggest single process (wait4).

"load" is the 1-minute load average at the end of each run: other work on the machine
disturbs the timings, which is why runs are repeated (interleaved) and the best kept.

Workers: "real" is `nadif.scraper.batch.worker` (the full cleaning, what `nadif clean` does); "read"
only reads and decodes each file, to show the engine's own overhead.
It prints figures; it asserts nothing (the issue's floors: speedup >= 1.7x from 1 to 2
jobs on 2 cores, peak RSS < 300 MB for the whole run).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED_DIRS = (ROOT / "seeds", ROOT.parent / "shared" / "seeds")
DATA = HERE / "_data"
FILES_PER_FOLDER = 1000
SIZE_RANGE = (2500, 3500)
HEAD_LINES, TAIL_LINES = 8, 12
SAMPLE_EVERY = 0.1
MB = 1_000_000


def _seeds() -> list[list[str]]:
    seen: set[str] = set()
    seeds = []
    for folder in SEED_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if text not in seen:
                seen.add(text)
                seeds.append(text.splitlines())
    if not seeds:
        raise SystemExit(f"no seed dumps found in {', '.join(map(str, SEED_DIRS))}")
    return seeds


def _dump(rng: random.Random, seeds: list[list[str]], pool: list[str], index: int) -> str:
    """One dump: a seed's head and tail around a shuffled body, 3-4 KB."""
    lines = rng.choice(seeds)
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    target = rng.randint(*SIZE_RANGE)
    body: list[str] = []
    size = sum(len(line.encode()) + 1 for line in head + tail)
    while size < target:
        line = rng.choice(pool)
        body.append(line)
        size += len(line.encode()) + 1
    body.insert(rng.randrange(len(body) + 1), f"{index}")  # every file distinct
    return "\n".join(head + body + tail) + "\n"


def generate(folder: Path, count: int) -> int:
    """Create `count` dumps in `folder` unless already there; returns their total size."""
    marker = folder / ".complete"
    if marker.exists():
        return int(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    seeds = _seeds()
    pool = [line for lines in seeds for line in lines[HEAD_LINES:-TAIL_LINES] if line.strip()]
    rng = random.Random(20240601)
    total = 0
    for index in range(count):
        sub = folder / f"{index // FILES_PER_FOLDER:04d}"
        if index % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True)
        data = _dump(rng, seeds, pool, index).encode("utf-8")
        (sub / f"dump{index:06d}.txt").write_bytes(data)
        total += len(data)
    marker.write_text(str(total))
    return total


def _read_worker(task: Any) -> dict[str, Any]:
    """The "read" worker: read and decode only (no cleaning)."""
    text = Path(task.source).read_bytes().decode("utf-8")
    return {"source": task.source, "site": None, "removed": [], "chars": len(text)}


def child(folder: Path, out: Path, jobs: int, worker_name: str) -> None:
    """One run, in its own process: the same `run_batch` call as the CLI makes."""
    from nadif.scraper.batch.engine import iter_tasks, run_batch

    if worker_name == "real":
        from nadif.scraper.batch.worker import Settings, make_worker

        worker: Any = make_worker(Settings())
    else:
        worker = partial(_read_worker)
    summary = run_batch(
        iter_tasks([str(folder)], "text"), worker, out=out, jobs=jobs, progress=False
    )
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    print(
        json.dumps(
            {
                "articles": summary.articles,
                "errors": summary.errors,
                "driver_cpu": me.ru_utime + me.ru_stime,
                "workers_cpu": kids.ru_utime + kids.ru_stime,
            }
        )
    )


def _sample_tree(pid: int, peak: list[int], stop: threading.Event) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak[0] = max(peak[0], total)
        stop.wait(SAMPLE_EVERY)


def measure(folder: Path, jobs: int, worker_name: str) -> dict[str, Any]:
    out = folder.parent / f"{folder.name}.out-j{jobs}.jsonl"
    for stale in (out, out.with_suffix(".errors.jsonl")):
        stale.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--child", str(folder), str(out), str(jobs), worker_name]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    peak, stop = [0], threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    counts = json.loads(output.decode().splitlines()[-1])
    out_size = out.stat().st_size
    out.unlink()
    out.with_suffix(".errors.jsonl").unlink(missing_ok=True)
    return {
        "jobs": jobs,
        "seconds": elapsed,
        "peak_rss_sum": peak[0],
        "peak_rss_max": usage.ru_maxrss * 1024,
        "out_bytes": out_size,
        "load": os.getloadavg()[0],
        **counts,
    }


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.child:
        folder, out, jobs, worker_name = args.child
        child(Path(folder), Path(out), int(jobs), worker_name)
        return
    folder = DATA / f"batch-{args.files}"
    started = time.perf_counter()
    size = generate(folder, args.files)
    print(
        f"data: {args.files} dumps, {size / MB:.1f} MB in {folder} "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    print(f"worker: {args.worker}; cpus: {os.cpu_count()}; python {sys.version.split()[0]}")
    print(
        f"{'jobs':>4} {'seconds':>8} {'MB/s':>7} {'files/s':>8} {'speedup':>7} "
        f"{'peak RSS sum':>13} {'max 1 proc':>11} {'driver CPU':>10} {'workers CPU':>11} "
        f"{'articles':>8} {'errors':>6}  load"
    )
    runs: dict[int, list[dict[str, Any]]] = {jobs: [] for jobs in args.jobs}
    for _ in range(args.repeat):  # interleaved, so that a busy spell of the machine hits all
        for jobs in args.jobs:
            run = measure(folder, jobs, args.worker)
            runs[jobs].append(run)
            _print_run(run, size, args.files, runs[args.jobs[0]][0]["seconds"])
    if args.repeat > 1:
        # a run with more errors than the others did less work: it cannot be the best
        fewest = min(r["errors"] for rs in runs.values() for r in rs)
        best = {j: [r for r in rs if r["errors"] == fewest] for j, rs in runs.items()}
        print("best of each (the runs least disturbed by other load on the machine):")
        base = min((r["seconds"] for r in best[args.jobs[0]]), default=float("nan"))
        for jobs in args.jobs:
            if best[jobs]:
                _print_run(min(best[jobs], key=lambda r: r["seconds"]), size, args.files, base)


def _print_run(run: dict[str, Any], size: int, files: int, base: float) -> None:
    print(
        f"{run['jobs']:>4} {run['seconds']:>8.1f} {size / MB / run['seconds']:>7.2f} "
        f"{files / run['seconds']:>8.0f} {base / run['seconds']:>6.2f}x "
        f"{run['peak_rss_sum'] / 2**20:>10.0f} MiB {run['peak_rss_max'] / 2**20:>7.0f} MiB "
        f"{run['driver_cpu']:>9.1f}s {run['workers_cpu']:>10.1f}s "
        f"{run['articles']:>8} {run['errors']:>6}  {run['load']:.2f}",
        flush=True,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--files", type=int, default=60_000, help="dumps to generate (default 60000)"
    )
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run")
    parser.add_argument("--worker", choices=("real", "read"), default="real")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of runs (default 2)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    main()
