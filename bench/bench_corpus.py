"""Generic cleaning on the written dump corpus: dev and test parts side by side.

    python bench/bench_corpus.py [--site none|auto] [--per-case] [--part dev|test|all]

The corpus (`corpus/dumps/{dev,test}/`, see corpus/README.md) is written by the project,
one real site template per host, split by host. Tune on `dev`; `test` is only scored.
Each case is cleaned in this process with `nadif.clean_text` (the same call as `nadif
clean FILE --format json`) and scored with the shared scorer's `score_case`
(`../shared/bench/score_dumps.py`), so the figures are the scorer's. The seeds' gold
(`../shared/gold`) is scored too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import nadif

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer() -> Any:
    path = SHARED / "bench" / "score_dumps.py"
    if not path.exists():
        sys.exit(f"bench_corpus: {path} is missing (the shared folder must sit beside the repo)")
    spec = importlib.util.spec_from_file_location("score_dumps", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        if not txt.exists() and gold.get("file"):
            txt = folder.parent / gold["file"]
        out.append((txt, gold))
    return out


def totals(rows: list[dict[str, Any]]) -> dict[str, float]:
    kb = sum(s["kept_body"] for s in rows)
    body = sum(s["body"] for s in rows)
    kept = sum(s["kept"] for s in rows)
    bp = sum(s["bp"] for s in rows)
    kbp = sum(s["kept_bp"] for s in rows)
    p = kb / kept if kept else 0.0
    r = kb / body if body else 1.0
    n = len(rows) or 1
    return {
        "cases": len(rows),
        "keep_p": p,
        "keep_r": r,
        "keep_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "bp_removed": 1 - kbp / bp if bp else 1.0,
        "title": sum(s["title_ok"] for s in rows) / n,
        "exact": sum(s["exact"] for s in rows) / n,
    }


def score_folder(
    folder: Path, site: str | None, per_case: bool, scorer: Any
) -> tuple[dict[str, float], dict[str, list[dict[str, Any]]]]:
    rows: list[dict[str, Any]] = []
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for txt, gold in cases(folder):
        article = nadif.clean_text(txt.read_text(encoding="utf-8"), site)
        out = {"title": article.title, "paragraphs": article.paragraphs}
        s = scorer.score_case(gold, out)
        rows.append(s)
        by_lang.setdefault(gold.get("lang", "?"), []).append(s)
        if per_case and not s["exact"]:
            left = "; ".join(b[:50] for b in s["kept_bp_lines"][:4])
            print(
                f"  {txt.parent.name}/{txt.name}: body {s['kept_body']}/{s['body']} "
                f"bp-left {s['kept_bp']}/{s['bp']} title_ok={s['title_ok']} "
                f"(got {str(article.title)[:40]!r}) | {left}"
            )
    return totals(rows), by_lang


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default="none", help="'none' (generic rules alone) or 'auto'")
    ap.add_argument("--per-case", action="store_true", help="list the cases that are not exact")
    ap.add_argument("--part", default="all", choices=("dev", "test", "all"))
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "dumps")
    a = ap.parse_args()
    site = None if a.site == "auto" else a.site
    scorer = _scorer()
    parts = ["dev", "test"] if a.part == "all" else [a.part]
    folders = [(p, a.corpus / p) for p in parts]
    if a.part == "all" and (SHARED / "gold").is_dir():
        folders.append(("seeds", SHARED / "gold"))
    head = f"{'part':<8}{'lang':<6}{'cases':>6}{'keep-P':>8}{'keep-R':>8}{'keep-F1':>8}"
    print(head + f"{'bp-rm':>8}{'title':>7}{'exact':>7}")
    start = time.perf_counter()
    for name, folder in folders:
        total, by_lang = score_folder(folder, site, a.per_case, scorer)
        for lang, rows in sorted(by_lang.items()):
            _row(name, lang, totals(rows))
        _row(name, "ALL", total)
    print(f"({time.perf_counter() - start:.1f} s, site={a.site})")
    return 0


def _row(part: str, lang: str, t: dict[str, float]) -> None:
    print(
        f"{part:<8}{lang:<6}{t['cases']:>6}{t['keep_p']:>8.3f}{t['keep_r']:>8.3f}"
        f"{t['keep_f1']:>8.3f}{t['bp_removed']:>8.3f}{t['title']:>7.2f}{t['exact']:>7.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
