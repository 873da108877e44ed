#!/usr/bin/env python3
"""Article-extraction benchmark: nadif's `extract_html` against plain trafilatura.

Runs over the 181 pages of the Scrapinghub/Zyte article-extraction benchmark
(../shared/benchmarks/scrapinghub, relative to the repository), times
`nadif.extract_html` (HTML layer + nadif's line cleaning: what users get),
`nadif.scraper.extraction.extract` (the HTML layer alone, before line cleaning) and plain
`trafilatura.extract(html)` with its default settings on the same pages in the same run
(no URL is given to any of them),
writes one predictions file per method, scores each with ../shared/bench/score_articles.py
and prints one table row per method. It prints figures; it asserts nothing.

Timing: the calls are interleaved page by page (and the order rotates), so that load from
other processes on the machine falls on every method alike; pages/s counts only the time
spent inside the extraction call (the pages are read and gunzipped beforehand). Each
method's best of `--rounds` timed rounds (3 by default) is kept: the first round also
pays for what each library loads and compiles on first use (nadif's rule matchers and
language model), which a run over many pages pays once.

usage: python bench/bench_articles.py [--rounds N] [--worst N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = SHARED / "benchmarks" / "scrapinghub"
SCORER = SHARED / "bench" / "score_articles.py"


def load_pages() -> dict[str, bytes]:
    return {
        path.name.removesuffix(".html.gz"): gzip.decompress(path.read_bytes())
        for path in sorted((DATA / "html").glob("*.html.gz"))
    }


def methods() -> dict[str, Callable[[bytes], str]]:
    import trafilatura

    from nadif import extract_html
    from nadif.cleaners.errors import ExtractionError
    from nadif.scraper.extraction.lines import extract

    def plain(html: bytes) -> str:
        return trafilatura.extract(html) or ""

    def nadif(html: bytes) -> str:
        try:
            return extract_html(html).text
        except ExtractionError:
            return ""

    def ours(fn: Callable[..., object]) -> Callable[[bytes], str]:
        def run(html: bytes) -> str:
            try:
                result = fn(html)
            except ExtractionError:
                return ""
            return "\n".join(result.lines)  # type: ignore[attr-defined]

        return run

    return {
        "trafilatura (plain)": plain,
        "nadif HTML layer only": ours(extract),
        "nadif extract_html": nadif,
    }


def run_all(
    pages: dict[str, bytes], funcs: dict[str, Callable[[bytes], str]], rounds: int
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    """Predictions per method, and the best total seconds per method over the rounds."""
    names = list(funcs)
    outputs: dict[str, dict[str, str]] = {name: {} for name in names}
    best = {name: float("inf") for name in names}
    first = next(iter(pages.values()))
    for name in names:  # warm-up: lazy imports and compiled patterns are not the page's cost
        funcs[name](first)
    for _ in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for index, (key, html) in enumerate(pages.items()):
            order = names[index % len(names) :] + names[: index % len(names)]
            for name in order:
                start = time.perf_counter()
                text = funcs[name](html)
                spent[name] += time.perf_counter() - start
                outputs[name][key] = text
        for name in names:
            best[name] = min(best[name], spent[name])
    return outputs, best


def score(predictions: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(SCORER), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"scorer failed on {predictions}: {done.stderr.strip()}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def per_page_worst(pred: dict[str, str], count: int) -> list[tuple[str, float, float]]:
    """The pages with the lowest 4-gram F1 (same measure as the scorer, per page)."""
    sys.path.insert(0, str(SCORER.parent))
    import score_articles  # the scorer's own functions: one definition of the metric

    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for key, item in truth.items():
        counts = score_articles.page_counts(item.get("articleBody", ""), pred[key])
        p, r = score_articles.precision(*counts), score_articles.recall(*counts)
        rows.append((key, p, r))
    rows.sort(key=lambda row: 2 * row[1] * row[2] / (row[1] + row[2]) if row[1] + row[2] else 0)
    return rows[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=3, help="timing rounds, the best of each method is kept"
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of nadif")
    parser.add_argument("--keep", type=Path, help="write the predictions files to this folder")
    args = parser.parse_args()

    if not (DATA / "html").is_dir() or not SCORER.is_file():
        print(f"skipped: benchmark data not found at {DATA} (needs ../shared next to the repo)")
        return 0
    sys.path.insert(0, str(REPO))
    pages = load_pages()
    funcs = methods()
    outputs, seconds = run_all(pages, funcs, max(1, args.rounds))

    with tempfile.TemporaryDirectory(prefix="nadif-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        scores = {}
        for index, (name, pred) in enumerate(outputs.items()):
            path = folder / f"predictions-{index}.json"
            data = {key: {"articleBody": text} for key, text in pred.items()}
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            scores[name] = score(path)

    base = len(pages) / seconds["trafilatura (plain)"]
    print(f"{len(pages)} pages, {DATA}")
    print(f"{'method':<22} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8} {'speed':>6}")
    for name in outputs:
        rate = len(pages) / seconds[name]
        s = scores[name]
        print(
            f"{name:<22} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}"
            f" {rate:>8.1f} {rate / base:>5.2f}x"
        )
    if args.worst:
        print(f"\nworst {args.worst} pages of nadif extract_html (key, precision, recall):")
        for key, p, r in per_page_worst(outputs["nadif extract_html"], args.worst):
            print(f"  {key[:12]}  P {p:.2f}  R {r:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
