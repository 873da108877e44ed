"""Start-up time of the command line and of the package, as a user meets it.

Prints the median wall time of several runs of `nadif --help`, `nadif --version` and
`python -c "import nadif"` (each a fresh interpreter), beside the interpreter's own
start-up for comparison. It prints figures; it asserts nothing.

    python bench/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def _median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9, help="runs per command (default 9)")
    args = ap.parse_args()
    nadif = shutil.which("nadif")
    commands = {
        "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
        'python -c "import nadif"': [sys.executable, "-c", "import nadif"],
        "python -m nadif --help": [sys.executable, "-m", "nadif", "--help"],
    }
    if nadif is not None:
        commands["nadif --help"] = [nadif, "--help"]
        commands["nadif --version"] = [nadif, "--version"]
    else:
        print("(no `nadif` script on PATH: install the package to time the script itself)")
    _median_seconds([sys.executable, "-c", "import nadif"], 1)  # warm the file cache
    for label, command in commands.items():
        seconds = _median_seconds(command, args.runs)
        print(f"{label:<42} {seconds * 1000:7.0f} ms  (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
