"""Rule ablation: disable one rule (or one alternative of a rule, or one pipeline stage)
and see which cases clean differently. Imported by name by tests/test_ablation.py.

A case's output is everything a reviewer sees: the title, the paragraphs and every
removal with its line, kind and rule id. A rule "changes the output" of a case when the
case cleans differently without it — another rule, or the learned scorer, taking over a
line with another rule id counts, since a fixture would show it.

Cases: the site fixtures, the generic fixtures, the seed dumps that have a gold file
(with their site, and with `--site none`) and the dump corpus's dev part (never its test
part).

Fast, in process: a disabled unit can only change a case where its rule removed a line
(or its stage did). Lines only ever get dropped in the pipeline, never put back, and a
rule is tried on a line only while no other rule has it; so a rule that removed no line
of a case in the full run matched none there, and removing it (or one of its
alternatives, which makes it match fewer lines) leaves every line's fate as it was. The
same holds for an alternative that the lines its rule removed do not contain (`search`,
a superset of how the rule matches). Only the remaining (unit, case) pairs are cleaned
again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from casefiles import GENERIC_DIR, ROOT, SITES_DIR
from test_rules import DROPPED, rule_case_text

from nadif import Article, clean_text
from nadif.cleaners.generic import generic_rules, rules_replaced
from nadif.cleaners.normalize import fold, split_lines
from nadif.cleaners.pipeline import clean_lines
from nadif.cleaners.rules import KEEP_KIND, LineRule
from nadif.scraper.extraction import article as html_article
from nadif.scraper.extraction.article import extract_html
from nadif.scraper.text import resolve_site
from nadif.sites import Site, all_sites, get_site

SHARED = ROOT.parent / "shared"
DEV_DUMPS = ROOT / "corpus" / "dumps" / "dev"
DEV_PAGES = ROOT / "corpus" / "pages" / "dev"
GENERIC = "generic"
# pipeline stages that drop lines (`pipeline.STAGES`), by the rule id of their removals
# ("/items": the lines of a related block, after whichever header opened it)
STAGE_RULES = {
    "before-title": "generic/before-title",
    "title-repeat": "generic/title-repeat",
    "after-comments": "generic/after-comments",
    "repeated-paragraph": "generic/repeated-paragraph",
    "block-items": "/items",
}

Output = tuple[str | None, tuple[str, ...], tuple[tuple[int, str, str], ...]]


def output_of(article: Article) -> Output:
    removed = tuple((r.line, r.kind, r.rule) for r in article.removed)
    return (article.title, tuple(article.paragraphs), removed)


@dataclass(frozen=True)
class PageCall:
    """How `extract_html` called the line cleaner on one page (recorded once)."""

    lines: list[str]
    kwargs: dict[str, Any]
    site: Site | None


def _page_call(html: bytes, url: str | None) -> PageCall:
    calls: list[PageCall] = []

    def record(lines: list[str], **kwargs: Any) -> Article:
        site = get_site(kwargs["site"]) if kwargs["site"] else None
        calls.append(PageCall(list(lines), kwargs, site))
        return clean_lines(lines, **kwargs)

    with _patched(html_article, "clean_lines", record):
        extract_html(html, url)
    return calls[-1]


@contextmanager
def _patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    saved = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, saved)


@dataclass
class Case:
    """One dump, cleaned with the site its signatures pick (or none, when forced); or
    the lines extracted from one page, cleaned as `extract_html` cleans them."""

    name: str
    text: str
    site: Site | None
    page: PageCall | None = None
    base: Output = field(init=False)
    folded: dict[int, str] = field(init=False)  # line number -> folded line

    def __post_init__(self) -> None:
        self.base = output_of(self.clean(self.site))
        lines = self.page.lines if self.page is not None else split_lines(self.text)
        self.folded = {n + 1: fold(line) for n, line in enumerate(lines)}

    def clean(self, site: Site | None, stages_off: tuple[str, ...] = ()) -> Article:
        if self.page is None and not stages_off:
            return clean_text(self.text, site if site is not None else "none")
        if self.page is None:  # what clean_text does, with stages turned off
            return clean_lines(
                split_lines(self.text),
                site=site.name if site else None,
                site_rules=site.all_line_rules if site else (),
                expected_lang=site.lang if site else None,
                stages_off=stages_off,
            )
        kwargs = dict(self.page.kwargs)
        kwargs.update(site=site.name if site else None)
        kwargs.update(site_rules=site.all_line_rules if site else ())
        return clean_lines(self.page.lines, **kwargs, stages_off=stages_off)

    def removed_by(self, rule_id: str) -> list[str]:
        """The folded lines a rule (or a stage, by its id's ending) removed."""
        return [
            self.folded[line]
            for line, _kind, rule in self.base[2]
            if rule == rule_id or (rule_id.startswith("/") and rule.endswith(rule_id))
        ]


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for folder in sorted(p for p in SITES_DIR.iterdir() if (p / "dump.txt").exists()):
        text = (folder / "dump.txt").read_text(encoding="utf-8")
        cases.append(Case(f"site:{folder.name}", text, resolve_site(None, text=text)))
    for folder in sorted(p for p in GENERIC_DIR.iterdir() if (p / "dump.txt").exists()):
        text = (folder / "dump.txt").read_text(encoding="utf-8")
        cases.append(Case(f"generic:{folder.name}", text, resolve_site(None, text=text)))
    for dump in sorted((SHARED / "seeds").glob("*.txt")):
        if not (SHARED / "gold" / f"{dump.stem}.gold.json").exists():
            continue
        text = dump.read_text(encoding="utf-8")
        cases.append(Case(f"seed:{dump.stem}", text, resolve_site(None, text=text)))
        cases.append(Case(f"seed-none:{dump.stem}", text, None))
    for line, _kind in DROPPED:  # tests/test_rules.py: one boilerplate line per kind
        text = rule_case_text(line)
        cases.append(Case(f"rules:{line[:30]}", text, None))
    for dump in sorted(DEV_DUMPS.glob("*.txt")):
        text = dump.read_text(encoding="utf-8")
        cases.append(Case(f"dev:{dump.stem}", text, resolve_site(None, text=text)))
    for html in sorted(DEV_PAGES.glob("*.html")):
        meta = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
        page = _page_call(html.read_bytes(), meta.get("url"))
        cases.append(Case(f"page:{html.stem}", "", page.site, page))
    return cases


@dataclass(frozen=True)
class Unit:
    """One thing to disable: a rule alternative, a whole rule, or a pipeline stage."""

    key: str  # "generic/ar-share: <alternative>", "elaph/section-link", "generic/after-comments"
    rule_id: str  # the namespaced rule id its removals carry (a stage: its id or ending)
    namespace: str  # "generic", a site's or a platform's name, or "stage"
    rule: LineRule | None = None
    alternative: int | None = None  # None: the whole rule
    platform: bool = False  # a platform's rule: its removals carry the site's name

    def replacement(self) -> LineRule | None:
        """The rule as it is with this unit disabled (None: no rule at all)."""
        assert self.rule is not None
        if self.alternative is None:
            return None
        return self.rule.without(self.alternative)

    def touches(self, case: Case) -> bool:
        """Whether disabling this unit may change the case (see the module docstring)."""
        rule_id = self.rule_id
        if self.platform:
            if case.site is None or case.site.platform is None:
                return False
            if case.site.platform.name != self.namespace:
                return False
            rule_id = f"{case.site.name}/{self.rule_id.split('/', 1)[1]}"
        if self.rule is not None and self.rule.kind == KEEP_KIND:
            # a keep rule changes a case only where it matches a kept paragraph
            lines = [fold(p) for p in case.base[1]]
            lines = [k for k in lines if self.rule.pattern.fullmatch(k)]
        else:
            lines = case.removed_by(rule_id)
        if not lines:
            return False
        if self.rule is None or self.alternative is None:
            return True
        alternative = re.compile(self.rule.alternatives[self.alternative])
        return any(alternative.search(line) for line in lines)


def _rule_units(namespace: str, rule: LineRule) -> list[Unit]:
    rule_id = f"{namespace}/{rule.id}"
    if len(rule.alternatives) == 1:
        return [Unit(rule_id, rule_id, namespace, rule)]
    return [
        Unit(f"{rule_id}: {alt}", rule_id, namespace, rule, i)
        for i, alt in enumerate(rule.alternatives)
    ]


def all_units() -> list[Unit]:
    units: list[Unit] = []
    platforms: set[str] = set()
    for site in all_sites():
        if site.platform is not None and site.platform.name not in platforms:
            platforms.add(site.platform.name)
            for rule in site.platform.line_rules:
                # a platform's rules are reported under the name of the site using them
                units += [replace(u, platform=True) for u in _rule_units(site.platform.name, rule)]
        for rule in site.line_rules:
            units += _rule_units(site.name, rule)
    for rule in generic_rules():
        units += _rule_units(GENERIC, rule)
    units += [Unit(rule, rule, "stage") for rule in STAGE_RULES.values()]
    return units


def _swap(rules: tuple[LineRule, ...], old: LineRule, new: LineRule | None) -> tuple[LineRule, ...]:
    return tuple(r for r in (new if r is old else r for r in rules) if r is not None)


def _site_without(site: Site, unit: Unit) -> Site:
    assert unit.rule is not None
    new = unit.replacement()
    if site.platform is not None and unit.rule in site.platform.line_rules:
        platform = replace(
            site.platform, line_rules=_swap(site.platform.line_rules, unit.rule, new)
        )
        return replace(site, platform=platform)
    return replace(site, line_rules=_swap(site.line_rules, unit.rule, new))


@dataclass
class Result:
    unit: Unit
    tried: int  # cases cleaned again (the others cannot change)
    changed: list[str]  # names of the cases whose output changed


def _changed(cases: list[Case], clean: Callable[[Case], Article]) -> list[str]:
    return [c.name for c in cases if output_of(clean(c)) != c.base]


def ablate(unit: Unit, cases: list[Case]) -> Result:
    touched = [c for c in cases if unit.touches(c)]
    if not touched:
        return Result(unit, 0, [])
    if unit.namespace == "stage":
        off = tuple(name for name, rule in STAGE_RULES.items() if rule == unit.rule_id)
        return Result(unit, len(touched), _changed(touched, lambda c: c.clean(c.site, off)))
    if unit.namespace == GENERIC:
        assert unit.rule is not None
        rules = _swap(generic_rules(), unit.rule, unit.replacement())
        with rules_replaced(rules):
            return Result(unit, len(touched), _changed(touched, lambda c: c.clean(c.site)))
    changed = _changed(touched, lambda c: c.clean(_site_without(c.site, unit) if c.site else None))
    return Result(unit, len(touched), changed)


def table(results: list[Result], shadows: dict[str, str]) -> str:
    """The ablation table: one row per unit, the cases it changes (or why it stays)."""
    rows = []
    for r in results:
        shown = ", ".join(r.changed[:3]) + (f" +{len(r.changed) - 3}" if len(r.changed) > 3 else "")
        if not r.changed:
            shown = f"SHADOW: {shadows[r.unit.key]}" if r.unit.key in shadows else "NOTHING"
        rows.append(f"{len(r.changed):4d} {r.tried:4d}  {r.unit.key[:90]:<90}  {shown}")
    head = "   n  run  unit (rule: alternative)" + " " * 65 + "  cases it changes"
    return "\n".join([head, *rows])


def case_dirs() -> list[Path]:
    return [SITES_DIR, GENERIC_DIR, DEV_DUMPS, SHARED / "seeds"]
