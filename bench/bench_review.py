"""Benchmark of `nadif review`: time and peak memory for a large JSONL output file.

    python bench/bench_review.py                 # ~200 MB of records, with and without --near-duplicates
    python bench/bench_review.py --mb 20

The records are generated once in bench/_data/review-N.jsonl (git-ignored) from the seed
dumps cleaned by nadif: each record takes a seed's title, removed lines and flags, and
4-8 paragraphs drawn from all seeds with their words shuffled (so that no two records
share word 5-grams by chance); every 20th record is a republished copy of an earlier one
(another first line, a sentence added): the planted near-duplicates. Each run is a
separate process (`python -m nadif review`); "peak RSS" is the kernel's figure for
that process (wait4). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
COPY_EVERY = 20
MB = 1_000_000


def _seed_records() -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    from nadif import clean_file

    return [clean_file(path).to_dict() for path in sorted((ROOT / "seeds").glob("*.txt"))]


def _generate(path: Path, size: int) -> dict[str, int]:
    """Write about `size` bytes of records; returns what was planted."""
    rng = random.Random(7)
    seeds = _seed_records()
    pool = [p for record in seeds for p in record["paragraphs"]]
    originals: list[dict[str, Any]] = []
    copied: set[str] = set()
    written = records = copies = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        while written < size:
            records += 1
            if records % COPY_EVERY == 0 and originals:
                record = dict(rng.choice(originals))
                copied.add(record["source"])
                paragraphs = ["الرباط - " + record["paragraphs"][0], *record["paragraphs"][1:]]
                paragraphs.append("وأضاف المصدر ذاته أن اللقاء جرى في أجواء ودية.")
                copies += 1
            else:
                record = dict(rng.choice(seeds))
                paragraphs = []
                for paragraph in rng.sample(pool, rng.randint(4, 8)):
                    words = paragraph.split()
                    rng.shuffle(words)
                    paragraphs.append(" ".join(words))
            record["source"] = f"dumps/{records:07d}.txt"
            if records % COPY_EVERY and len(originals) < 2000:
                originals.append({**record, "paragraphs": paragraphs})
            record["paragraphs"] = paragraphs
            record["text"] = "\n\n".join(paragraphs)
            start = (record["title_line"] or 0) + 1
            record["paragraph_lines"] = list(range(start, start + len(paragraphs)))
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    tmp.replace(path)
    return {
        "records": records,
        "copies": copies,
        "clusters": len(copied),
        "clustered": copies + len(copied),
    }


def _run(jsonl: Path, *extra: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nadif",
            "review",
            str(jsonl),
            "-o",
            str(jsonl.with_suffix(".html")),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mb", type=int, default=200, help="size of the JSONL file in MB (default 200)"
    )
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    jsonl = DATA / f"review-{args.mb}.jsonl"
    planted_file = jsonl.with_suffix(".planted.json")
    if not jsonl.exists() or not planted_file.exists():
        planted_file.write_text(json.dumps(_generate(jsonl, args.mb * MB)))
    planted = json.loads(planted_file.read_text())
    print(
        f"{jsonl}: {planted['records']} records; planted: {planted['copies']} copies of "
        f"{planted['clusters']} articles ({planted['clusters']} clusters, {planted['clustered']} articles)"
    )
    size = jsonl.stat().st_size / MB
    for extra in ((), ("--sample", "200"), ("--near-duplicates",)):
        elapsed, peak, stderr = _run(jsonl, *extra)
        page = jsonl.with_suffix(".html").stat().st_size / MB
        label = " ".join(("review", *extra))
        print(
            f"{label:<30} {size:7.1f} MB in {elapsed:6.1f} s ({size / elapsed:5.2f} MB/s)  "
            f"peak RSS {peak:6.1f} MiB  page {page:.1f} MB"
        )
        if "--near-duplicates" in extra:  # stderr lists at most 20 clusters, then a count
            print("  " + stderr.splitlines()[1])


if __name__ == "__main__":
    main()
