"""Throughput of `nadif.clean_text` on one core, over at least 50 MB of varied dumps.

The dumps are generated (deterministically) from the project's fixtures: each takes a
title, body paragraphs and boilerplate lines (nav, share counters, related blocks,
comment forms and policies, cookie banners...) of the seed sites and the constructed
French and English cases, in varied sizes, orders and languages, with repeats — the
shape of real scraper dumps. Generation is not timed. It prints figures; it asserts
nothing.

`--big` times single huge dumps instead (a scraper that saved a whole site in one
file): 1 MB, 10 MB and 60 MB of one seed repeated, of varied dumps concatenated, and of
related-posts header lines, each cleaned as ONE document. Every stage of the pipeline
must be linear, so the three sizes must clean at comparable MB/s.

    python bench/bench_clean.py [--mb 50] [--seed 1]
    python bench/bench_clean.py --big [--sizes 1,10,60]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nadif import clean_text


def _fixtures() -> list[dict]:
    cases = []
    for expected in sorted((ROOT / "tests").glob("*/*/expected.json")):
        data = json.loads(expected.read_text(encoding="utf-8"))
        data["dump"] = (expected.parent / "dump.txt").read_text(encoding="utf-8")
        cases.append(data)
    return cases


def _make_dump(rng: random.Random, cases: list[dict]) -> str:
    case = rng.choice(cases)
    same_lang = [c for c in cases if c["lang"] == case["lang"]]
    if rng.random() < 0.3:
        return case["dump"]  # a real dump as it was saved
    body = list(case["paragraphs"])
    for _ in range(rng.randrange(0, 12)):  # longer articles: paragraphs of the same language
        body.append(rng.choice(rng.choice(same_lang)["paragraphs"]))
    rng.shuffle(body)
    boiler = [b["text"] for c in same_lang for b in c["boilerplate"]]
    head = rng.sample(boiler, k=min(len(boiler), rng.randrange(0, 5)))
    tail = rng.sample(boiler, k=min(len(boiler), rng.randrange(0, 6)))
    lines = (
        head + ([case["title"]] * rng.choice([1, 1, 2, 3]) if case["title"] else []) + body + tail
    )
    if rng.random() < 0.2 and len(body) > 2:  # a dump that printed part of the body twice
        lines += body[: rng.randrange(1, len(body))]
    sep = rng.choice(["\n", "\n\n", "\r\n", "\n \n"])
    return sep.join(lines)


def _big_dump(kind: str, size: int, rng: random.Random, cases: list[dict]) -> str:
    """One document of about `size` bytes (UTF-8) of the given kind."""
    if kind == "repeated":
        unit = (ROOT / "seeds" / "000_998e78fb96475055.txt").read_text(encoding="utf-8")
    elif kind == "related-headers":
        unit = "مقالات ذات صلة\nRelated posts\n"
    else:
        parts, total = [], 0
        while total < size:
            doc = _make_dump(rng, cases)
            parts.append(doc)
            total += len(doc.encode("utf-8")) + 1
        return "\n".join(parts)
    copies = max(1, size // len(unit.encode("utf-8")))
    return "\n".join([unit] * copies)


def _big(sizes: list[float], seed: int) -> int:
    cases = _fixtures()
    clean_text(_make_dump(random.Random(seed), cases))  # compile the rules outside the timing
    print(f"{'dump':<16} {'MB':>6} {'lines':>9} {'seconds':>8} {'MB/s':>6} {'removed':>9}")
    for kind in ("repeated", "varied", "related-headers"):
        for mb in sizes:
            text = _big_dump(kind, int(mb * 1_000_000), random.Random(seed), cases)
            size = len(text.encode("utf-8"))
            started = time.perf_counter()
            article = clean_text(text)
            wall = time.perf_counter() - started
            print(
                f"{kind:<16} {size / 1e6:6.1f} {text.count(chr(10)) + 1:9d} {wall:8.1f} "
                f"{size / 1e6 / wall:6.2f} {len(article.removed):9d}",
                flush=True,
            )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--mb", type=float, default=50.0, help="megabytes of dumps to clean (default 50)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big", action="store_true", help="time single huge dumps (see above)")
    ap.add_argument(
        "--sizes", default="1,10,60", help="with --big: dump sizes in MB (default 1,10,60)"
    )
    args = ap.parse_args()
    if args.big:
        return _big([float(size) for size in args.sizes.split(",")], args.seed)
    rng = random.Random(args.seed)
    cases = _fixtures()
    docs: list[str] = []
    size = 0
    while size < args.mb * 1_000_000:
        doc = _make_dump(rng, cases)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    langs = {lang: sum(1 for c in cases if c["lang"] == lang) for lang in ("ar", "fr", "en")}
    print(
        f"corpus: {len(docs)} dumps, {size / 1e6:.1f} MB, from {len(cases)} fixture cases {langs}"
    )

    clean_text(docs[0])  # compile the rules outside the timing
    wall0, cpu0 = time.perf_counter(), time.process_time()
    removed = 0
    for doc in docs:
        removed += len(clean_text(doc).removed)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(
        f"clean_text, one core: {size / 1e6 / wall:.1f} MB/s, {len(docs) / wall:.0f} documents/s "
        f"(wall {wall:.1f} s; CPU {cpu:.1f} s = {size / 1e6 / cpu:.1f} MB/s); {removed} lines removed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
