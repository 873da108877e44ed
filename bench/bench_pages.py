#!/usr/bin/env python3
"""Page benchmark: nadif against plain trafilatura on the reconstructed page corpus.

    python bench/bench_pages.py [--part dev|test|all] [--per-page] [--worst N]

The corpus (`corpus/pages/{dev,test}/`, see corpus/README.md) holds real pages' markup
skeletons with the project's own text; each `NAME.json` gives the gold body and date.
Tune on `dev`; `test` is only scored. For every page, in this process:

- `nadif extract_html`   `nadif.extract_html(html)` (what `nadif extract FILE` gives);
- `nadif HTML layer`     `nadif.scraper.extraction.extract(html)`, before line cleaning;
- `trafilatura`          plain `trafilatura.extract(html)`, default settings, no URL;
- `trafilatura +url`     the same with the page's URL.

No URL is given to nadif: a saved page is what a new user has (nadif reads the page's
canonical link itself). Scores are the article benchmark's (word 4-grams matched,
extra and missing per page; precision and recall averaged over pages, F1 from the two
averages), computed with the functions of ../shared/bench/score_articles.py. Pages are
grouped by script: Arabic script (ar, fa, ur) and the others. `published` is compared
with the gold date (its date part): right, wrong, missing (the gold has one, nadif none)
and invented (nadif gives one where the page states none); `author` likewise (a name
is right only when it is the gold's exactly). It prints figures; it
asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAGES = ROOT / "corpus" / "pages"
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur"})
REFERENCE = "trafilatura"
NADIF = "nadif extract_html"
TOLERANCE = 0.05  # a page more than this below trafilatura is a loss


def _scorer() -> ModuleType | None:
    path = SHARED / "bench" / "score_articles.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_articles", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_part(part: str) -> list[dict[str, Any]]:
    cases = []
    for gold_path in sorted((PAGES / part).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold["name"] = gold_path.stem
        gold["html"] = gold_path.with_suffix(".html").read_bytes()
        cases.append(gold)
    return cases


def methods() -> dict[str, Callable[[dict[str, Any]], tuple[str, str | None]]]:
    """Each method maps a case to (text, published or None)."""
    import trafilatura

    from nadif import extract_html
    from nadif.cleaners.errors import ExtractionError
    from nadif.scraper.extraction import extract

    def plain(case: dict[str, Any]) -> tuple[str, str | None]:
        return trafilatura.extract(case["html"]) or "", None

    def with_url(case: dict[str, Any]) -> tuple[str, str | None]:
        return trafilatura.extract(case["html"], url=case.get("url")) or "", None

    def layer(case: dict[str, Any]) -> tuple[str, str | None]:
        try:
            extracted = extract(case["html"])
        except ExtractionError:
            return "", None
        return "\n".join(extracted.lines), extracted.published

    def full(case: dict[str, Any]) -> tuple[str, str | None]:
        try:
            article = extract_html(case["html"])
        except ExtractionError:
            return "", None
        case["_author"] = article.author  # read by run_part for the author line
        return article.text, article.published

    return {REFERENCE: plain, "trafilatura +url": with_url, "nadif HTML layer": layer, NADIF: full}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def page_score(scorer: ModuleType, gold: str, text: str) -> tuple[tuple[float, ...], float]:
    counts = scorer.page_counts(gold, text)
    p, r = scorer.precision(*counts), scorer.recall(*counts)
    return counts, _f1(p, r)


def aggregate(scorer: ModuleType, counts: list[tuple[float, ...]]) -> tuple[float, float, float]:
    """As score_articles.py does: P and R averaged over pages, F1 from the averages."""
    ps = [scorer.precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [scorer.recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, _f1(p, r)


def date_verdict(gold: str | None, found: str | None) -> str:
    if gold is None:
        return "invented" if found else "right"
    if not found:
        return "missing"
    return "right" if found[:10] == gold[:10] else "wrong"


def run_part(
    scorer: ModuleType, part: str, args: argparse.Namespace
) -> list[tuple[str, str, float, float]]:
    cases = load_part(part)
    funcs = methods()
    names = list(funcs)
    rows: list[dict[str, Any]] = []
    seconds = dict.fromkeys(names, 0.0)
    for name in names:  # warm-up: lazy imports and models loaded once are not a page's cost
        funcs[name](cases[0])
    for case in cases:
        gold = "\n".join(case["body"])
        row: dict[str, Any] = {"name": case["name"], "lang": case.get("lang")}
        for name in names:
            start = time.perf_counter()
            text, published = funcs[name](case)
            seconds[name] += time.perf_counter() - start
            row[name] = page_score(scorer, gold, text)
            if name == NADIF:
                row["date"] = date_verdict(case.get("published"), published)
                row["published"] = published
                row["author"] = date_verdict(case.get("author"), case.get("_author"))
                if row["author"] == "right" and case.get("author") != case.get("_author"):
                    row["author"] = "wrong"  # a name is right only when it is the same
        rows.append(row)

    groups = {
        "arabic-script": [r for r in rows if r["lang"] in ARABIC_SCRIPT],
        "other": [r for r in rows if r["lang"] not in ARABIC_SCRIPT],
        "ALL": rows,
    }
    print(f"\n== {part}: {len(rows)} pages ==")
    print(f"{'method':<20} {'group':<14} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    for name in names:
        for group, members in groups.items():
            if not members:
                continue
            p, r, f = aggregate(scorer, [m[name][0] for m in members])
            rate = f"{len(rows) / seconds[name]:>8.1f}" if group == "ALL" and seconds[name] else ""
            print(f"{name:<20} {group:<14} {len(members):>5} {p:>6.3f} {r:>6.3f} {f:>6.3f} {rate}")

    deltas = [(r["name"], r["lang"], r[NADIF][1], r[REFERENCE][1]) for r in rows]
    losses = [d for d in deltas if d[2] < d[3] - TOLERANCE]
    print(
        f"pages where nadif is more than {TOLERANCE} F1 below trafilatura: {len(losses)}"
        + (f" ({', '.join(d[0] for d in losses)})" if losses else "")
    )
    verdicts = [r["date"] for r in rows]
    print(
        "published (nadif extract_html vs gold): "
        + "  ".join(f"{v} {verdicts.count(v)}" for v in ("right", "wrong", "missing", "invented"))
    )
    for r in rows:
        if r["date"] != "right":
            print(f"  {r['date']:<8} {r['name']}: {r['published']}")
    names_found = [r["author"] for r in rows]
    print(
        "author (nadif extract_html vs gold): "
        + "  ".join(
            f"{v} {names_found.count(v)}" for v in ("right", "wrong", "missing", "invented")
        )
    )
    if args.per_page:
        short = {
            REFERENCE: "traf",
            "trafilatura +url": "traf+url",
            "nadif HTML layer": "layer",
            NADIF: "nadif",
        }
        print(f"{'page':<34} {'lang':<4} " + " ".join(f"{short[n]:>8}" for n in names) + "    diff")
        for r in rows:
            cells = " ".join(f"{r[n][1]:>8.3f}" for n in names)
            diff = r[NADIF][1] - r[REFERENCE][1]
            print(f"{r['name'][:34]:<34} {r['lang']:<4} {cells} {diff:>+7.3f}")
    if args.worst:
        print(f"worst {args.worst} pages of nadif against trafilatura (nadif F1, trafilatura F1):")
        for name, lang, ours, theirs in sorted(deltas, key=lambda d: d[2] - d[3])[: args.worst]:
            print(f"  {name:<34} {lang:<3} {ours:.3f}  {theirs:.3f}  {ours - theirs:+.3f}")
    return deltas


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--per-page", action="store_true", help="one row per page")
    parser.add_argument("--worst", type=int, default=5, help="list the N pages furthest below")
    args = parser.parse_args()
    scorer = _scorer()
    if scorer is None:
        print(f"skipped: {SHARED}/bench/score_articles.py not found (../shared beside the repo)")
        return 0
    for part in ("dev", "test") if args.part == "all" else (args.part,):
        run_part(scorer, part, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
