"""`nadif learn`: learn a site's template from several of its dumps, propose a site module.

    nadif learn PATH... --site NAME [--domain HOST] [--lang L] [--write] [--against DIR...]

Reads the dumps (files, or folders of .txt files), learns the lines and line shapes that
recur at their head or tail (`cleaners.template`), names each rule's kind after what the
generic rules call those lines, picks signature lines that match these dumps and none of
the other texts (`--against`: other sites' dumps; by default the project's corpus and
site fixtures when run from the repository), and prints a report: each proposed rule with
the pages it fires on and example lines, the rules refused and why, the signatures.

`--write` then writes `sites/NAME.py` (a `Site` with the signatures and line rules) and
`tests/sites/NAME/` with one dump and its expected output, marked for review (as
`scripts/new_site.py` does). Rules that do not fire on that dump are left out of the
module (the registry's tests require every rule to fire on its fixture) and listed.

Only the standard library is imported at module level (the CLI's rule); the cleaning
machinery is imported when the command runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nadif.cleaners.article import Article
    from nadif.cleaners.template import Proposal, Template
    from nadif.sites import Site

__all__ = ["add_parser", "render_module", "run"]

MIN_PAGES = 3
ADVISED_PAGES = 5
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_HOST = re.compile(r"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_NAME_LISTS = ("AR_DAYS", "AR_MONTHS", "EN_DAYS", "EN_MONTHS", "FR_DAYS", "FR_MONTHS")
# checked against by default, when they exist (run from the repository)
DEFAULT_AGAINST = ("corpus/sites", "corpus/dumps/dev", "tests/sites")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    learn = sub.add_parser(
        "learn", help="learn a site's template from several of its dumps; propose a site module"
    )
    learn.add_argument("paths", nargs="+", metavar="PATH", help="dumps of one site, or folders")
    learn.add_argument("--site", required=True, metavar="NAME", help="the site module's name")
    learn.add_argument("--domain", default=None, metavar="HOST", help="the site's host name")
    learn.add_argument("--lang", default=None, choices=("ar", "fr", "en"))
    learn.add_argument(
        "--write", action="store_true", help="write sites/NAME.py and tests/sites/NAME/"
    )
    learn.add_argument(
        "--against",
        nargs="*",
        default=None,
        metavar="DIR",
        help="other sites' dumps that no signature may match (default: the project's "
        "corpus/sites, corpus/dumps/dev and tests/sites, where they exist)",
    )
    learn.add_argument("--root", type=Path, default=Path("."), help=argparse.SUPPRESS)
    learn.set_defaults(learn_parser=learn)
    return learn


@dataclass(frozen=True)
class _Rule:
    """A rule as it is written into the module: one or several proposals of one kind."""

    id: str
    kind: str
    where: str
    members: tuple[Proposal, ...]

    @property
    def max_len(self) -> int:
        return max(p.max_len for p in self.members)

    @property
    def pages(self) -> int:
        return max(p.pages for p in self.members)


def _dumps(paths: Sequence[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def _kind(proposal: Proposal, generic: Sequence[Article]) -> str:
    """What the generic rules call the lines this proposal matches (the most common kind),
    else a kind from the line's shape."""
    from nadif.cleaners.dates import looks_dated
    from nadif.cleaners.normalize import fold

    pattern = re.compile(proposal.pattern)
    kinds: Counter[str] = Counter()
    for article in generic:
        for r in article.removed:
            if r.kind not in ("duplicate", "title-repeat") and pattern.fullmatch(fold(r.text)):
                kinds[r.kind] += 1
    if kinds:
        return min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    example = fold(proposal.examples[0]) if proposal.examples else proposal.key
    return "date" if looks_dated(example) else "template"


# generic removals that depend on where the title or the comments were found, or on a
# learned score, rather than on the line itself: they do not make a learned rule redundant
_POSITIONAL = frozenset(
    {
        "generic/model",
        "generic/after-comments",
        "generic/repeated-paragraph",
        "generic/title-repeat",
    }
)


def _is_lexical(rule: str) -> bool:
    return rule.startswith("generic/") and rule not in _POSITIONAL and not rule.endswith("/items")


def _generic_covers(
    proposal: Proposal, pages: Sequence[list[str]], generic: Sequence[Article]
) -> str | None:
    """The generic rule that already removes every line this proposal matches, on every
    page (a site's rules never repeat a generic one); None when some line is left to the
    learned model or kept."""
    from nadif.cleaners.normalize import fold

    pattern = re.compile(proposal.pattern)
    found: Counter[str] = Counter()
    for lines, article in zip(pages, generic):
        by_line = {r.line: r.rule for r in article.removed}
        for i, line in enumerate(lines, start=1):
            if line and len(line) <= proposal.max_len and pattern.fullmatch(fold(line)):
                rule = by_line.get(i)
                if rule is None or not _is_lexical(rule):
                    return None
                found[rule] += 1
    return min(found.items(), key=lambda kv: (-kv[1], kv[0]))[0] if found else None


def _dropped_formulas(
    template: Template, pages: Sequence[list[str]], generic: Sequence[Article]
) -> list[Proposal]:
    """The template's body formulas that the generic cleaning drops on some learning page
    (the others need no keep rule)."""
    from nadif.cleaners.normalize import fold

    out = []
    for p in template.formulas:
        pattern = re.compile(p.pattern)
        if any(
            pattern.fullmatch(fold(lines[r.line - 1]))
            for lines, article in zip(pages, generic)
            for r in article.removed
        ):
            out.append(p)
    return out


def _group(rules: Sequence[Proposal], kinds: dict[int, str]) -> list[_Rule]:
    """Exact lines of one kind and place become one rule; each shape is its own rule."""
    grouped: dict[tuple[str, str], list[Proposal]] = {}
    single: list[tuple[str, Proposal]] = []
    for i, p in enumerate(rules):
        if p.form == "line":
            grouped.setdefault((kinds[i], p.where), []).append(p)
        else:
            single.append((kinds[i], p))
    out: list[_Rule] = []
    used: Counter[str] = Counter()

    def new_id(base: str) -> str:
        used[base] += 1
        return base if used[base] == 1 else f"{base}-{used[base]}"

    for (kind, where), members in grouped.items():
        out.append(_Rule(new_id(f"{kind}-{where}"), kind, where, tuple(members)))
    for kind, p in single:
        out.append(_Rule(new_id(f"{kind}-{p.form}"), kind, p.where, (p,)))
    order = {"head": 0, "any": 1, "edge": 2, "tail": 3}
    out.sort(key=lambda r: (order[r.where], -r.pages, r.id))
    return out


def _literal(text: str, *, fstring: bool) -> str:
    quote = '"' if '"' not in text or "'" in text else "'"
    body = text.replace(quote, "\\" + quote) if quote in text else text
    return f"{'rf' if fstring else 'r'}{quote}{body}{quote}"


def _pattern_source(p: Proposal) -> tuple[str, bool]:
    names = any("{" + n + "}" in p.source for n in _NAME_LISTS)
    return (p.source if names else p.pattern), names


def render_module(
    name: str,
    domain: str,
    lang: str | None,
    signatures: Sequence[tuple[str, int]],
    rules: Sequence[_Rule],
    pages: int,
    sources: Sequence[str],
    formulas: Sequence[Proposal] = (),
) -> str:
    """The text of `sites/NAME.py`: one `Site(...)`, its rules as data, commented."""
    lines = [
        f'"""{name} ({domain}): site module learned by `nadif learn` from {pages} dumps.',
        "",
        "Learned from: " + ", ".join(sources) + ".",
        "Checked by hand: TO REVIEW (say which rules and which fixture lines were checked).",
        '"""',
        "",
    ]
    used = sorted(
        {n for r in rules for p in r.members for n in _NAME_LISTS if "{" + n + "}" in p.source}
    )
    if used:
        lines.append(f"from nadif.cleaners.dates import {', '.join(used)}")
    if rules or formulas:
        imported = ["drop_line"] if rules else []
        imported += ["keep_line"] if formulas else []
        lines.append(f"from nadif.cleaners.rules import {', '.join(imported)}")
    lines += ["from nadif.sites._site import Site", "", "SITE = Site(", f'    name="{name}",']
    lines += [f'    domains=("{domain}",),', f"    lang={lang!r},", "    signatures=("]
    for pattern, hits in signatures:
        lines.append(f"        {_literal(pattern, fstring=False)},  # {hits}/{pages} pages")
    lines += ["    ),", "    line_rules=("]
    for r in rules:
        example = r.members[0].examples[0] if r.members[0].examples else r.members[0].key
        lines.append(f"        # {r.pages}/{pages} pages, e.g. {example!r}")
        lines.append(f'        drop_line(\n            "{r.id}",')
        for p in r.members:
            source, names = _pattern_source(p)
            lines.append(f"            {_literal(source, fstring=names)},")
        lines.append(f'            kind="{r.kind}",\n            where="{r.where}",')
        lines.append(f"            max_len={r.max_len},\n        ),")
    if formulas:
        pages_in = max(p.core_pages for p in formulas)
        lines.append(f"        # body formulas: in the articles of up to {pages_in}/{pages} pages")
        lines.append('        keep_line(\n            "body-formula",')
        for p in formulas:
            lines.append(f"            {_literal(p.pattern, fstring=False)},")
        lines.append(f"            max_len={max(p.max_len for p in formulas)},\n        ),")
    lines += ["    ),", ")", ""]
    return "\n".join(lines)


def _load_site(source: str, name: str) -> Site:
    """The `Site` a rendered module defines, checked as the registry checks it."""
    from nadif.sites._registry import _check

    namespace: dict[str, object] = {}
    exec(compile(source, f"sites/{name}.py", "exec"), namespace)  # noqa: S102 - our own text
    return _check(name, namespace["SITE"]).site


def _others(against: Sequence[str], own: set[Path]) -> list[str]:
    from nadif.scraper.textio import read_document

    own_dirs = {p.parent for p in own}
    texts = []
    for folder in against:
        base = Path(folder)
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*.txt")):
            r = p.resolve()
            if r in own or r.parent in own_dirs:
                continue
            texts.append(read_document(p)[0])
    return texts


def _report(
    template: Template,
    rules: Sequence[_Rule],
    signatures: Sequence[tuple[str, int]],
    rejected: Sequence[tuple[str, str]],
    dead: Sequence[_Rule],
    clashes: Sequence[str],
    formulas: Sequence[Proposal] = (),
) -> str:
    out = [f"pages: {template.pages}  a rule needs {template.threshold} pages"]
    out.append(f"proposed rules: {len(rules)}")
    for r in rules:
        out.append(f"  {r.id}  kind={r.kind}  where={r.where}")
        for p in r.members:
            examples = " | ".join(p.examples[:2])
            out.append(f"    {p.pages:>4} pages  {p.form:<6}  {p.pattern[:70]}  e.g. {examples}")
    out.append(f"refused: {len(template.refused)}")
    for p in template.refused:
        out.append(f"  {p.pages:>4} pages  {p.form:<6}  {p.pattern[:70]}: {p.reason}")
        out.append(f"        e.g. {' | '.join(p.examples[:2])}")
    out.append(f"body formulas (kept, never dropped): {len(formulas)}")
    for p in formulas:
        out.append(f"  {p.core_pages:>4} pages  {p.pattern[:70]}")
        out.append(f"        e.g. {' | '.join(p.examples[:2])}")
    out.append(f"signatures: {len(signatures)}")
    for pattern, hits in signatures:
        out.append(f"  {hits:>4} pages  {pattern}")
    for pattern, why in rejected:
        out.append(f"  not a signature: {pattern[:70]}: {why}")
    for name in clashes:
        out.append(f"  warning: site {name}'s signatures also match these dumps")
    for r in dead:
        out.append(f"  not written: {r.id} does not fire on the fixture dump")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    from nadif.cleaners.errors import NadifError
    from nadif.cleaners.normalize import split_lines
    from nadif.cleaners.template import learn_template, pick_signatures
    from nadif.scraper.text import clean_text
    from nadif.scraper.textio import read_document
    from nadif.sites import signature_scores
    from nadif.sites._registry import SIGNATURE_SPAN

    parser: argparse.ArgumentParser = args.learn_parser
    name: str = args.site
    if not _NAME.fullmatch(name):
        parser.error(f"--site {name!r}: a site name is lower-case letters, digits and _")
    domain = args.domain or f"{name}.invalid"
    if args.domain is not None and not _HOST.fullmatch(args.domain):
        parser.error(f"--domain {args.domain!r} is not a lower-case host name")
    if args.write and args.domain is None:
        parser.error("--write needs --domain (the site's host name)")
    files = list(_dumps(args.paths))
    if len(files) < MIN_PAGES:
        parser.error(f"{len(files)} dump(s) given: learning needs at least {MIN_PAGES}")
    texts = [read_document(p)[0] for p in files]
    if len(files) < ADVISED_PAGES:
        sys.stderr.write(f"learn: only {len(files)} dumps; {ADVISED_PAGES} or more are advised\n")
    pages = [split_lines(t) for t in texts]
    template = learn_template(pages)
    generic = [clean_text(t, site="none") for t in texts]
    covered = [(p, _generic_covers(p, pages, generic)) for p in template.rules]
    proposals = [p for p, by in covered if by is None]
    kinds = {i: _kind(p, generic) for i, p in enumerate(proposals)}
    rules = _group(proposals, kinds)
    formulas = _dropped_formulas(template, pages, generic)
    against = args.against if args.against is not None else list(DEFAULT_AGAINST)
    own = {p.resolve() for p in files}
    others = [t for t in _others([str(args.root / a) for a in against], own)]
    signatures, rejected = pick_signatures(template, texts, others, span=SIGNATURE_SPAN)
    clashes = sorted({s.name for t in texts for s, _ in signature_scores(t) if s.name != name})
    sources = [os.fspath(p) for p in files]
    # the fixture: the dump on which most rules fire; rules silent on it are left out
    best, fired = _fixture(texts, rules, name, domain, args.lang, signatures, sources)
    dead = [r for r in rules if r.id not in fired]
    kept = [r for r in rules if r.id in fired]
    print(_report(template, rules, signatures, rejected, dead, clashes, formulas))
    skipped = [(p, by) for p, by in covered if by is not None]
    print(f"left to the generic rules (they already remove these lines): {len(skipped)}")
    for p, by in skipped:
        print(f"  {p.pages:>4} pages  {p.pattern[:60]}  ({by})")
    if not args.write:
        return 0
    source = render_module(name, domain, args.lang, signatures, kept, len(files), sources, formulas)
    try:
        site = _load_site(source, name)
        paths = _write(args.root, name, source, files[best], texts[best], site)
    except NadifError:
        raise
    except FileExistsError as exc:
        sys.stderr.write(f"nadif: {exc}\n")
        return 1
    for path in paths:
        print(f"wrote {path}")
    return 0


def _fixture(
    texts: Sequence[str],
    rules: Sequence[_Rule],
    name: str,
    domain: str,
    lang: str | None,
    signatures: Sequence[tuple[str, int]],
    sources: Sequence[str],
) -> tuple[int, set[str]]:
    """Index of the dump where most rules fire, and the ids of those rules."""
    from nadif.scraper.text import clean_text

    site = _load_site(
        render_module(name, domain, lang, signatures, rules, len(texts), sources), name
    )
    best, fired = 0, set[str]()
    for i, text in enumerate(texts):
        article = clean_text(text, site=site)
        ids = {r.rule.split("/", 1)[1] for r in article.removed if r.rule.startswith(name + "/")}
        if len(ids) > len(fired):
            best, fired = i, ids
    return best, fired


def _write(root: Path, name: str, source: str, dump: Path, text: str, site: Site) -> list[Path]:
    """Write the module and the fixture folder; refuse to overwrite anything."""
    from nadif.scraper.text import clean_text

    module = root / "sites" / f"{name}.py"
    folder = root / "tests" / "sites" / name
    if module.exists() or folder.exists():
        raise FileExistsError(f"{module} or {folder} already exists: nothing written")
    article = clean_text(text, site=site)
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text(source, encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "dump.txt").write_text(text, encoding="utf-8")
    expected = {
        "origin": f"dump {dump.name}; expected output generated by nadif learn with the "
        "learned module, TO REVIEW: correct it by hand before committing",
        "site": name,
        "lang": article.lang,
        "title": article.title,
        "paragraphs": article.paragraphs,
        "boilerplate": [
            {"text": r.text, "kind": r.kind, "rule": r.rule}
            for r in article.removed
            if r.kind not in ("title-repeat", "duplicate")
        ],
    }
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return [module, folder / "dump.txt", folder / "expected.json"]
