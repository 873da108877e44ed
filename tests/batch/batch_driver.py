"""A batch run in its own process, for tests that kill it or run it as another user.

    python batch_driver.py DIR OUT JOBS DELAY

Cleans the dumps under DIR with `slow_read_dump(delay=DELAY)` into OUT with JOBS
processes, then prints the summary counts as one JSON line and exits with its exit code.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

from batch_workers import slow_read_dump

from nadif.scraper.batch.engine import iter_tasks, run_batch


def main(argv: list[str]) -> int:
    folder, out, jobs, delay = argv
    summary = run_batch(
        iter_tasks([folder], "text"),
        partial(slow_read_dump, delay=float(delay)),
        out=Path(out),
        jobs=int(jobs),
        progress=False,
    )
    counts = {
        "inputs": summary.inputs,
        "articles": summary.articles,
        "errors": summary.errors,
        "skipped": summary.skipped,
    }
    print(json.dumps(counts))
    return summary.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
