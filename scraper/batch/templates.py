"""Template-aware batch runs (`nadif clean DIR -o OUT --learn-templates`).

Many dumps of one site share its template; a batch can learn it from the dumps
themselves. Before the cleaning pass, `learn_templates` reads the inputs (text dumps)
and groups them by site: the host of a URL printed in a dump's first lines (the site
module's name when one claims that host), else the site whose signatures the dump shows
(`nadif.sites.site_for_text`), else the name of the dump's folder. For each group it
counts the keys of the lines (`cleaners.template.TemplateLearner`: counts of line keys,
never the texts; at most `GROUP_MAX_KEYS` keys a group) in two reading passes (the first
finds the lines that recur anywhere, which split body cores; the second counts the keys at
the head, tail and core of each page), and keeps the proposed rules of every group of at
least `MIN_GROUP_PAGES` pages. A proposal whose lines the generic rules already remove
is left to them (they know its kind). Smaller groups are left to the generic rules.

The learned rules travel to the workers as plain data (`Templates`, picklable: regex
sources, places and lengths), in the worker `Settings`; a worker finds a dump's group
the same way, builds the group's `LineRule`s once per process and gives them to the line
pipeline after the site's own rules. Their removals say `learned/<group>`, kind
`template`. A group's body formulas (sentences standing inside the articles of several of
its pages, such as a standard closing line: `TemplateLearner`'s formulas) travel as keep
rules: the pipeline keeps those lines whatever its generic scorer says. Deterministic: the same inputs give the same templates.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from nadif.cleaners.article import Article
    from nadif.cleaners.rules import LineRule, Where
    from nadif.scraper.batch._inputs import Task

__all__ = [
    "GROUP_MAX_KEYS",
    "LEARNED",
    "MIN_GROUP_PAGES",
    "GroupReport",
    "LearnedRule",
    "Templates",
    "clean_file_with_templates",
    "clean_with_templates",
    "group_of",
    "learn_templates",
    "learn_templates_apart",
    "report_lines",
]

LEARNED: Final = "learned"
KIND: Final = "template"
MIN_GROUP_PAGES: Final = 5
"""A group with fewer pages is left to the generic rules: too few to tell a template."""
GROUP_MAX_KEYS: Final = 20_000
"""Line keys counted per group at most (the rarest are forgotten past it): bounds memory."""
URL_LINES: Final = 5
"""A dump's first lines where a printed URL names its site."""
_URL = re.compile(r"^\s*(https?://\S+)\s*$")
_ID_CHARS = re.compile(r"[^a-z0-9]+")
_RULE_ID = "learned-template"  # the local id; renamed to learned/<group> after cleaning
_FORMULA_ID = "learned-formula"  # a keep rule: it removes nothing, so it is never reported


@dataclass(frozen=True, slots=True)
class LearnedRule:
    """One learned template line rule as data: a regex over folded lines, where it may
    fire ("head", "tail", "edge", "any") and the longest line it takes."""

    pattern: str
    where: Where
    max_len: int
    keep: bool = False  # a body formula: the line is article text, kept (`keep_line`)


@dataclass(frozen=True, slots=True)
class Templates:
    """The learned rules of each group (groups sorted by name); picklable, hashable."""

    groups: tuple[tuple[str, tuple[LearnedRule, ...]], ...] = ()

    def rules_for(self, group: str) -> tuple[LearnedRule, ...]:
        return _index(self).get(group, ())


@lru_cache(maxsize=8)
def _index(templates: Templates) -> dict[str, tuple[LearnedRule, ...]]:
    return dict(templates.groups)


@dataclass(frozen=True, slots=True)
class GroupReport:
    """What was learned for one group: its pages, its rules, or why none."""

    group: str
    pages: int
    rules: int
    note: str | None = None  # e.g. "too few pages: left to the generic rules"
    formulas: int = 0  # body formulas kept (sentences the group's articles share)


def _slug(text: str) -> str:
    slug = _ID_CHARS.sub("-", text.lower()).strip("-")
    if slug:
        return slug
    # a folder named in another script: a stable short name
    return f"folder-{zlib.crc32(text.encode('utf-8')):08x}" if text else "root"


def group_of(source: str, text: str) -> str:
    """A dump's group: the site of a URL in its first lines (or that URL's host), else the
    site its signatures name, else its folder's name; always a rule-id-like name."""
    from nadif.sites import site_for_text, site_for_url

    for line in text.lstrip()[:2000].split("\n", URL_LINES)[:URL_LINES]:
        m = _URL.match(line)
        if m is not None:
            site = site_for_url(m.group(1))
            if site is not None:
                return _slug(site.name)
            host = (urlsplit(m.group(1)).hostname or "").lower().removeprefix("www.")
            if host:
                return _slug(host)
    site = site_for_text(text)
    if site is not None:
        return _slug(site.name)
    if source == "-":
        return "stdin"
    return _slug(os.path.basename(os.path.dirname(os.path.abspath(source))))


def _pages(tasks: Iterable[Task]) -> Iterator[tuple[str, list[str]]]:
    """(group, lines) of every readable text dump; what cannot be read is skipped here
    (the cleaning pass records it as an error)."""
    from nadif.cleaners.errors import NadifError
    from nadif.cleaners.normalize import split_lines
    from nadif.scraper._markup import looks_like_page
    from nadif.scraper.textio import read_document

    for task in tasks:
        if task.problem is not None or task.kind != "text" or task.source == "-":
            continue
        try:
            text, _encoding = read_document(task.source)
        except (NadifError, OSError):
            continue
        if looks_like_page(text):
            continue
        yield group_of(task.source, text), split_lines(text)


def learn_templates(
    tasks: Callable[[], Iterable[Task]],
    *,
    min_pages: int = MIN_GROUP_PAGES,
    max_keys: int = GROUP_MAX_KEYS,
) -> tuple[Templates, list[GroupReport]]:
    """Learn each group's template from the dumps `tasks()` yields (called twice: the
    inputs are read in two passes, never held). Returns the templates and a report."""
    from nadif.cleaners.generic import generic_rules
    from nadif.cleaners.normalize import fold
    from nadif.cleaners.rules import RuleMatcher
    from nadif.cleaners.template import TemplateLearner

    first: dict[str, TemplateLearner] = {}
    for group, lines in _pages(tasks()):
        learner = first.get(group)
        if learner is None:
            learner = first[group] = TemplateLearner(examples=0, max_keys=max_keys)
        learner.add(lines)
    anchors = {g: first[g].frequent_lines() for g in first if first[g].pages >= min_pages}
    sizes = {g: learner.pages for g, learner in first.items()}
    del first
    second: dict[str, TemplateLearner] = {}
    for group, lines in _pages(tasks()):
        if group not in anchors:
            continue
        learner = second.get(group)
        if learner is None:
            learner = second[group] = TemplateLearner(
                anchors=anchors[group], examples=1, max_keys=max_keys
            )
        learner.add(lines)
    generic = RuleMatcher([("generic", r) for r in generic_rules()])
    groups: list[tuple[str, tuple[LearnedRule, ...]]] = []
    report: list[GroupReport] = []
    for group in sorted(sizes):
        if group not in second:
            note = f"too few pages (under {min_pages}): left to the generic rules"
            report.append(GroupReport(group, sizes[group], 0, note))
            continue
        template = second[group].template()
        rules = tuple(
            LearnedRule(p.pattern, p.where, p.max_len)
            for p in template.rules
            if not p.examples or any(generic.match(fold(e)) is None for e in p.examples)
        )
        formulas = tuple(
            LearnedRule(p.pattern, "any", p.max_len, keep=True) for p in template.formulas
        )
        if rules or formulas:
            groups.append((group, rules + formulas))
        report.append(GroupReport(group, sizes[group], len(rules), formulas=len(formulas)))
    return Templates(tuple(groups)), report


def _learn_inputs(
    inputs: Sequence[str], exclude: Sequence[str], min_pages: int, max_keys: int
) -> tuple[Templates, list[GroupReport]]:
    from nadif.scraper.batch._inputs import iter_tasks

    return learn_templates(
        lambda: iter_tasks(inputs, "text", exclude=exclude), min_pages=min_pages, max_keys=max_keys
    )


def learn_templates_apart(
    inputs: Sequence[str],
    exclude: Sequence[str] = (),
    *,
    min_pages: int = MIN_GROUP_PAGES,
    max_keys: int = GROUP_MAX_KEYS,
) -> tuple[Templates, list[GroupReport]]:
    """`learn_templates` over the files and folders `inputs` (a walk that skips
    `exclude`, the run's own outputs), in a child process: the memory the counting took
    goes back to the system when it ends, before the batch's worker processes are
    forked from this one (they would each carry a copy of it).

    The child is a plain `python -m nadif.scraper.batch.templates` with its arguments
    and its answer pickled over its standard input and output: a `multiprocessing`
    spawn pool would leave its resource-tracker process (about 12 MiB) running until
    the batch ends. A child that fails raises `RuntimeError` with the end of its stderr."""
    import pickle
    import subprocess
    import sys

    request = pickle.dumps((list(inputs), list(exclude), min_pages, max_keys))
    child = subprocess.run(
        [sys.executable, "-m", "nadif.scraper.batch.templates"],
        input=request,
        capture_output=True,
        check=False,
    )
    if child.returncode != 0:
        tail = child.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise RuntimeError(
            f"learning templates failed (exit {child.returncode}): " + " | ".join(tail)
        )
    templates, report = pickle.loads(child.stdout)
    return templates, report


def _child_main() -> None:
    """The learning child: arguments pickled on stdin, (templates, report) on stdout."""
    import pickle
    import sys

    inputs, exclude, min_pages, max_keys = pickle.loads(sys.stdin.buffer.read())
    answer = _learn_inputs(inputs, exclude, min_pages, max_keys)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


@lru_cache(maxsize=64)
def _line_rules(rules: tuple[LearnedRule, ...]) -> tuple[LineRule, ...]:
    """A group's rules as `LineRule`s, built once per process (the pipeline caches its
    matchers by rule identity)."""
    from nadif.cleaners.rules import drop_line, keep_line

    return tuple(
        keep_line(_FORMULA_ID, r.pattern, max_len=r.max_len)
        if r.keep
        else drop_line(_RULE_ID, r.pattern, kind=KIND, max_len=r.max_len, where=r.where)
        for r in rules
    )


@lru_cache(maxsize=64)
def _with_site(
    site_rules: tuple[LineRule, ...], learned: tuple[LineRule, ...]
) -> tuple[LineRule, ...]:
    return site_rules + learned


def clean_with_templates(
    text: str, source: str, site_choice: str | None, templates: Templates
) -> Article:
    """Clean one dump as `scraper.text.clean_text` does, with its group's learned rules
    after the site's own; their removals say `learned/<group>`."""
    from nadif.cleaners.normalize import split_lines
    from nadif.cleaners.pipeline import clean_lines
    from nadif.scraper.text import clean_text, resolve_site
    from nadif.scraper.textio import looks_mojibake

    group = group_of(source, text)
    learned = templates.rules_for(group)
    if not learned:
        return clean_text(text, site_choice, source=source)
    chosen = resolve_site(site_choice, text=text)
    namespace = chosen.name if chosen is not None else LEARNED
    rules = _with_site(chosen.all_line_rules if chosen else (), _line_rules(learned))
    article = clean_lines(
        split_lines(text),
        site=namespace,
        site_rules=rules,
        expected_lang=chosen.lang if chosen else None,
    )
    article.site = chosen.name if chosen is not None else None
    article.source = source
    ours = f"{namespace}/{_RULE_ID}"
    article.removed = [
        replace(r, rule=f"{LEARNED}/{group}") if r.rule == ours else r for r in article.removed
    ]
    if "mojibake" not in article.flags and looks_mojibake(text):
        article.flags.append("mojibake")
    return article


def clean_file_with_templates(path: str, site_choice: str | None, templates: Templates) -> Article:
    """Read one dump (as `scraper.text.clean_file`) and clean it with `clean_with_templates`."""
    from nadif.cleaners.errors import InputError
    from nadif.scraper._markup import looks_like_page
    from nadif.scraper.textio import read_document

    text, _encoding = read_document(path)
    if looks_like_page(text):
        raise InputError(
            path, "this is an HTML page, not a text dump: use `nadif extract` for pages"
        )
    return clean_with_templates(text, path, site_choice, templates)


def report_lines(report: Sequence[GroupReport], seconds: float | None = None) -> list[str]:
    """The learning report for a person (the CLI prints it on stderr before the run)."""
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    learned = sum(1 for g in report if g.rules or g.formulas)
    lines = [f"learned templates: {learned} of {len(report)} group(s){took}"]
    for g in report:
        what = g.note or f"{g.rules} rule(s)"
        if g.formulas:
            what += f", {g.formulas} body formula(s) kept"
        lines.append(f"  {g.group:<20} {g.pages:>7} page(s)  {what}")
    return lines


if __name__ == "__main__":
    # the module under its own name (not __main__), so that what it pickles unpickles
    from nadif.scraper.batch.templates import _child_main as child_main

    child_main()
