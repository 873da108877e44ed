"""Learned site templates on held-back pages: generic rules alone vs learned templates.

    python bench/bench_templates.py [--learn-pages 01-05] [--held 06-08]

corpus/sites/<name>/ holds 8 reconstructed dumps of each site with their gold. Pages
06-08, which no learner saw, are cleaned three ways and scored with
../shared/bench/score_dumps.py's `score_case`:
- generic: the generic rules alone (`site="none"`);
- module: the site's module in sites/, learned (`nadif learn`) from pages 01-05 only and
  reviewed by hand;
- learned: the template learned from pages 01-05 as `--learn-templates` learns it
  (`scraper.batch.templates.learn_templates`), over the generic rules alone.
Prints keep-F1 (body lines kept, precision and recall over kept lines), boilerplate
removal and titles right, per site and over all, and for each site whether the learned
template meets the issue's floors (removal >= 0.95 at keep-F1 >= 0.98) and how it compares
with the generic rules: "better", "equal", "worse", or "equal, generic already perfect"
(every body line kept, every boilerplate line removed and every title right with the
generic rules: nothing is left to gain). Also times learning from 1,000 dumps of one site
(the learning pages with one distinct line each, so that no two are equal).
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
from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch.templates import Templates, clean_with_templates, learn_templates
from nadif.scraper.text import clean_text
from nadif.sites import get_site

SITES = ROOT / "corpus" / "sites"


def _pages(spec: str) -> list[str]:
    first, last = (int(x) for x in spec.split("-"))
    return [f"{n:02d}" for n in range(first, last + 1)]


def _totals(rows: list[dict[str, Any]]) -> tuple[float, float, int]:
    """keep-F1, boilerplate removal and the number of titles right over `rows`."""
    kb = sum(r["kept_body"] for r in rows)
    body = sum(r["body"] for r in rows)
    kept = sum(r["kept"] for r in rows)
    bp = sum(r["bp"] for r in rows)
    kbp = sum(r["kept_bp"] for r in rows)
    p = kb / kept if kept else 0.0
    r = kb / body if body else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, (1 - kbp / bp if bp else 1.0), sum(bool(r["title_ok"]) for r in rows)


def _score(folder: Path, pages: list[str], how: str | Templates) -> list[dict[str, Any]]:
    """Score pages cleaned with the generic rules ("none"), a site module (its name) or
    learned templates over the generic rules."""
    rows = []
    for n in pages:
        gold = json.loads((folder / f"{n}.gold.json").read_text(encoding="utf-8"))
        path = folder / f"{n}.txt"
        text = path.read_text(encoding="utf-8")
        if isinstance(how, Templates):
            article = clean_with_templates(text, str(path), "none", how)
        else:
            article = clean_text(text, site=how)
        rows.append(score_case(gold, {"title": article.title, "paragraphs": article.paragraphs}))
    return rows


def _verdict(generic: tuple[float, float, int], learned: tuple[float, float, int], n: int) -> str:
    gf, gr, gt = generic
    lf, lr, lt = learned
    met = "met" if lr >= 0.95 and lf >= 0.98 else "NOT met"
    if (lf, lr, lt) == (gf, gr, gt):
        perfect = (gf, gr, gt) == (1.0, 1.0, n)
        return f"{met}, equal" + (", generic already perfect" if perfect else "")
    if lf >= gf and lr >= gr and lt >= gt:
        return f"{met}, better"
    worse = [
        name for name, a, b in (("F1", lf, gf), ("removal", lr, gr), ("titles", lt, gt)) if a < b
    ]
    return f"{met}, worse on {' and '.join(worse)}"


def _cell(t: tuple[float, float, int], n: int) -> str:
    return f"{t[0]:.3f} {t[1]:.3f} {t[2]}/{n}"


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
    learn = _pages(args.learn_pages)
    print(f"held-back pages {args.held}; modules and learned templates from {args.learn_pages}")
    print("each cell: keep-F1, boilerplate removal, titles right")
    print(f"{'site':<11}{'generic':>18}{'module':>18}{'learned':>18}  learned vs generic")
    all_g: list[dict[str, Any]] = []
    all_m: list[dict[str, Any]] = []
    all_l: list[dict[str, Any]] = []
    for folder in sorted(p for p in SITES.iterdir() if p.is_dir()):
        get_site(folder.name)  # a site without a module is an error here
        tasks = [Task(str(folder / f"{n}.txt"), "text") for n in learn]
        templates, _report = learn_templates(lambda tasks=tasks: iter(tasks))
        g = _score(folder, held, "none")
        m = _score(folder, held, folder.name)
        learned = _score(folder, held, templates)
        all_g += g
        all_m += m
        all_l += learned
        n = len(held)
        gt, mt, lt = _totals(g), _totals(m), _totals(learned)
        print(
            f"{folder.name:<11}{_cell(gt, n):>18}{_cell(mt, n):>18}{_cell(lt, n):>18}  "
            f"{_verdict(gt, lt, n)}"
        )
    n = len(all_g)
    print(
        f"{'ALL':<11}{_cell(_totals(all_g), n):>18}{_cell(_totals(all_m), n):>18}"
        f"{_cell(_totals(all_l), n):>18}"
    )
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
