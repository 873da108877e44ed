"""Learned site templates on held-back pages: generic rules alone vs the learned module.

    python bench/bench_templates.py [--learn-pages 01-05] [--held 06-08]

corpus/sites/<name>/ holds 8 reconstructed dumps of each site with their gold. The site
modules in sites/ were learned (`nadif learn`) from pages 01-05 only; this scores pages
06-08, which the learner never saw, with the generic rules alone (`site="none"`) and
with the site's module, using ../shared/bench/score_dumps.py's `score_case`. Prints
keep-F1 (body lines kept, precision and recall over kept lines) and boilerplate removal
per site and over all. Also times learning from 1,000 dumps of one site (the learning
pages repeated with their lines shuffled inside head and tail, so that no two are equal).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "bench"))

from score_dumps import score_case

from nadif.cleaners.normalize import split_lines
from nadif.cleaners.template import learn_template
from nadif.scraper.text import clean_text
from nadif.sites import get_site

SITES = ROOT / "corpus" / "sites"


def _pages(spec: str) -> list[str]:
    first, last = (int(x) for x in spec.split("-"))
    return [f"{n:02d}" for n in range(first, last + 1)]


def _totals(rows: list[dict[str, Any]]) -> tuple[float, float]:
    kb = sum(r["kept_body"] for r in rows)
    body = sum(r["body"] for r in rows)
    kept = sum(r["kept"] for r in rows)
    bp = sum(r["bp"] for r in rows)
    kbp = sum(r["kept_bp"] for r in rows)
    p = kb / kept if kept else 0.0
    r = kb / body if body else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, (1 - kbp / bp if bp else 1.0)


def _score(folder: Path, pages: list[str], site: str) -> list[dict[str, Any]]:
    rows = []
    for n in pages:
        gold = json.loads((folder / f"{n}.gold.json").read_text(encoding="utf-8"))
        article = clean_text((folder / f"{n}.txt").read_text(encoding="utf-8"), site=site)
        rows.append(score_case(gold, {"title": article.title, "paragraphs": article.paragraphs}))
    return rows


def _learning_speed(folder: Path, pages: list[str], count: int) -> tuple[float, int]:
    rng = random.Random(0)
    base = [split_lines((folder / f"{n}.txt").read_text(encoding="utf-8")) for n in pages]
    docs = []
    for i in range(count):
        lines = list(base[i % len(base)])
        lines.insert(rng.randrange(len(lines)), f"سطر {i} خاص بهذه الصفحة")
        docs.append(lines)
    start = time.perf_counter()
    template = learn_template(docs)
    return time.perf_counter() - start, len(template.rules)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learn-pages", default="01-05")
    ap.add_argument("--held", default="06-08")
    ap.add_argument("--speed-site", default="hespress")
    ap.add_argument("--speed-count", type=int, default=1000)
    args = ap.parse_args()
    held = _pages(args.held)
    print(f"held-back pages {args.held} (the modules were learned from {args.learn_pages})")
    print(f"{'site':<11}{'generic F1':>11}{'removal':>9}{'learned F1':>12}{'removal':>9}  target")
    all_g: list[dict[str, Any]] = []
    all_l: list[dict[str, Any]] = []
    for folder in sorted(p for p in SITES.iterdir() if p.is_dir()):
        get_site(folder.name)  # a site without a module is an error here
        g = _score(folder, held, "none")
        learned = _score(folder, held, folder.name)
        all_g += g
        all_l += learned
        gf, gr = _totals(g)
        lf, lr = _totals(learned)
        met = "met" if lr >= 0.95 and lf >= 0.98 else "NOT met"
        better = (
            "better"
            if (lr, lf) > (gr, gf) and lr >= gr and lf >= gf
            else ("equal" if (lr, lf) == (gr, gf) else "worse on one")
        )
        print(f"{folder.name:<11}{gf:>11.3f}{gr:>9.3f}{lf:>12.3f}{lr:>9.3f}  {met}, {better}")
    gf, gr = _totals(all_g)
    lf, lr = _totals(all_l)
    print(f"{'ALL':<11}{gf:>11.3f}{gr:>9.3f}{lf:>12.3f}{lr:>9.3f}")
    seconds, rules = _learning_speed(
        SITES / args.speed_site, _pages(args.learn_pages), args.speed_count
    )
    print(
        f"learning from {args.speed_count} dumps of {args.speed_site}: {seconds:.2f} s "
        f"({rules} rules proposed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
