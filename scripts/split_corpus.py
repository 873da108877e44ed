#!/usr/bin/env python3
"""Move written cases from `corpus/<kind>/pending/` into the fixed dev/test split.

The split is by site, never by page: a case goes to `test/` when the SHA-1 of its site
key (the registrable part of its host: `gate.ahram.org.eg` and `ryadi.ahram.org.eg` are
one site) falls in the lowest 30% of the hash space, else to `dev/`. The rule depends on
the host alone, so the split never changes when cases are added, and every page of one
site lands on the same side.

usage: split_corpus.py [corpus/dumps corpus/pages ...]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

TEST_SHARE = 0.30
_SECOND_LEVEL = {"com", "org", "net", "co", "gov", "ac", "edu", "info", "press", "news"}


def site_key(host: str) -> str:
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def part_of(host: str) -> str:
    digest = hashlib.sha1(site_key(host).encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2**64 < TEST_SHARE else "dev"


def case_files(meta: Path) -> list[Path]:
    if meta.name.endswith(".gold.json"):
        stem = meta.name[: -len(".gold.json")]
        return [meta, meta.with_name(stem + ".txt")]
    return [meta, meta.with_suffix(".html")]


def main(argv: list[str]) -> int:
    moved = 0
    for root in map(Path, argv or ["corpus/dumps", "corpus/pages"]):
        pending = root / "pending"
        if not pending.is_dir():
            continue
        for meta in sorted(pending.glob("*.json")):
            host = json.loads(meta.read_text(encoding="utf-8"))["host"]
            target = root / part_of(host)
            target.mkdir(exist_ok=True)
            for f in case_files(meta):
                f.rename(target / f.name)
            moved += 1
    print(f"{moved} cases moved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
