#!/usr/bin/env python3
"""Check written corpus cases (dump cases: NAME.txt + NAME.gold.json; page cases:
NAME.html + NAME.json) for the corpus rules: required fields, every non-blank line of a
dump accounted for, body and boilerplate disjoint, no kept-out host.

usage: check_corpus.py PATH...   (files or folders; exits 1 and lists problems)
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

KINDS = {
    "nav",
    "breadcrumb",
    "masthead",
    "section",
    "date",
    "byline",
    "source",
    "reading-time",
    "widget",
    "share",
    "counters",
    "tags",
    "related",
    "most-read",
    "comments",
    "comment-form",
    "comment-policy",
    "newsletter",
    "cookie",
    "ad",
    "app",
    "footer",
    "copyright",
    "title-repeat",
    "credit",
    "ticker",
    "login",
    "subscribe",
    "follow",
    "caption",
}
DUMP_FIELDS = (
    "file",
    "host",
    "site",
    "lang",
    "origin",
    "title",
    "body",
    "boilerplate",
    "boilerplate_kinds",
    "notes",
)
PAGE_FIELDS = ("file", "host", "url", "lang", "origin", "source", "title", "body", "notes")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def kept_out_hosts() -> list[str]:
    here = Path(__file__).resolve().parent.parent
    ko = here.parent / "shared" / "eval" / "KEPT-OUT.md"
    if not ko.exists():
        return []
    return [
        m.group(1) for m in re.finditer(r"^- ([a-z0-9.-]+\.[a-z]+)$", ko.read_text(), re.MULTILINE)
    ]


def names_host(text: str, host: str) -> bool:
    """`host` named in `text` as a host ("www.ab.com"), not inside a longer one ("cab.com")."""
    return re.search(rf"(?<![a-z0-9-]){re.escape(host)}(?![a-z0-9-])", text) is not None


def check_dump(gold_path: Path, banned: list[str]) -> list[str]:
    errs: list[str] = []
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    for f in DUMP_FIELDS:
        if f not in g:
            errs.append(f"missing field {f!r}")
    if errs:
        return errs
    txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
    if not txt.exists():
        return [f"no dump {txt.name}"]
    if g["origin"] != "reconstructed":
        errs.append("origin must be 'reconstructed'")
    if g["lang"] not in ("ar", "fr", "en"):
        errs.append(f"lang {g['lang']!r}")
    host = g["host"]
    if any(host == b or host.endswith("." + b) for b in banned):
        errs.append(f"host {host} is kept out")
    text = txt.read_text(encoding="utf-8")
    meta = json.dumps(g, ensure_ascii=False)
    for b in banned:
        if names_host(text, b) or names_host(meta, b):
            errs.append(f"names kept-out host {b}")
    title = norm(g["title"]) if g["title"] else None
    body = [norm(b) for b in g["body"]]
    bps = [norm(b) for b in g["boilerplate"]]
    if not body:
        errs.append("empty body")
    if set(body) & set(bps):
        errs.append(f"lines both body and boilerplate: {sorted(set(body) & set(bps))[:3]}")
    if title and title in body:
        errs.append("title is also a body line")
    kinds = {norm(k): v for k, v in g["boilerplate_kinds"].items()}
    for b in bps:
        if b not in kinds:
            errs.append(f"boilerplate line without kind: {b[:60]!r}")
    for v in kinds.values():
        if v not in KINDS:
            errs.append(f"unknown kind {v!r}")
    known = set(body) | set(bps) | ({title} if title else set())
    lines = [norm(x) for x in text.splitlines() if norm(x)]
    for ln in lines:
        if ln not in known:
            errs.append(f"dump line not in title/body/boilerplate: {ln[:70]!r}")
    for b in body:
        if b not in lines:
            errs.append(f"body line not in dump: {b[:70]!r}")
    for b in bps:
        if b not in lines:
            errs.append(f"boilerplate line not in dump: {b[:70]!r}")
    if title and title not in lines:
        errs.append("title not in dump")
    if len(body) != len(set(body)):
        errs.append("a body line appears twice in body")
    return errs


def check_page(meta_path: Path, banned: list[str]) -> list[str]:
    errs: list[str] = []
    m = json.loads(meta_path.read_text(encoding="utf-8"))
    for f in PAGE_FIELDS:
        if f not in m:
            errs.append(f"missing field {f!r}")
    if errs:
        return errs
    html = meta_path.with_suffix(".html")
    if not html.exists():
        return [f"no page {html.name}"]
    if m["origin"] != "reconstructed":
        errs.append("origin must be 'reconstructed'")
    host = m["host"]
    if any(host == b or host.endswith("." + b) for b in banned):
        errs.append(f"host {host} is kept out")
    raw = html.read_text(encoding="utf-8")
    for b in banned:
        if names_host(raw, b):
            errs.append(f"page names kept-out host {b}")
    flat = norm(re.sub(r"<[^>]+>", " ", raw))
    for b in m["body"]:
        nb = norm(b)
        if nb[:40] not in flat:
            errs.append(f"body paragraph not visible in page: {nb[:60]!r}")
    if not m["body"]:
        errs.append("empty body")
    return errs


def main(argv: list[str]) -> int:
    banned = kept_out_hosts()
    paths: list[Path] = []
    for a in argv or ["corpus"]:
        p = Path(a)
        if p.is_dir():
            paths += sorted(p.rglob("*.gold.json")) + sorted(
                q for q in p.rglob("*.json") if not q.name.endswith(".gold.json")
            )
        else:
            paths.append(p)
    bad = 0
    for p in paths:
        errs = check_dump(p, banned) if p.name.endswith(".gold.json") else check_page(p, banned)
        if errs:
            bad += 1
            for e in errs:
                print(f"{p}: {e}")
    print(f"{len(paths)} cases checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
