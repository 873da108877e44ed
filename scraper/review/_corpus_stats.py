"""Per-corpus statistics of a run's records: removals by site, kind and rule; flags.

These are the figures a person reads to judge the rules: which rule removes how many
lines in how many articles, with one example line each to see what it does. They are
tallied record by record, so memory depends on the number of distinct sites, kinds,
rules and flags, never on the number of articles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["CorpusStats", "RuleStats"]

EXAMPLE_CHARS: Final = 120
"""Length of the example line kept per rule (longer ones are cut, with "…")."""


@dataclass(slots=True)
class RuleStats:
    """One rule id (with one kind): lines removed, articles touched, the first example."""

    kind: str
    lines: int
    articles: int
    example: str
    example_article: int  # 1-based number of the article the example comes from


@dataclass
class CorpusStats:
    """Counts over article and error records; `add_article` / `add_error` one at a time."""

    articles: int = 0
    errors: int = 0
    kept_paragraphs: int = 0
    removed_lines: int = 0
    articles_by_site: Counter[str | None] = field(default_factory=Counter)
    removed_by_site: Counter[str | None] = field(default_factory=Counter)
    removed_by_site_kind: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    rules: dict[tuple[str, str], RuleStats] = field(default_factory=dict)
    flags: Counter[str] = field(default_factory=Counter)
    langs: Counter[str | None] = field(default_factory=Counter)
    errors_by_kind: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)

    def add_article(self, record: dict[str, Any]) -> None:
        """Count one checked article record (see `scraper._records.article_problem`)."""
        self.articles += 1
        site = record.get("site")
        removed = record["removed"]
        self.articles_by_site[site] += 1
        self.removed_by_site[site] += len(removed)
        self.kept_paragraphs += len(record["paragraphs"])
        self.removed_lines += len(removed)
        self.langs[record.get("lang")] += 1
        self.flags.update(set(record.get("flags") or ()))
        touched: set[tuple[str, str]] = set()
        for removal in removed:
            key = (removal["rule"], removal["kind"])
            self.removed_by_site_kind[(site, removal["kind"])] += 1
            stats = self.rules.get(key)
            if stats is None:
                stats = self.rules[key] = RuleStats(
                    removal["kind"], 0, 0, _cut(removal["text"]), self.articles
                )
            stats.lines += 1
            if key not in touched:
                touched.add(key)
                stats.articles += 1

    def add_error(self, record: dict[str, Any]) -> None:
        """Count one checked error record."""
        self.errors += 1
        self.errors_by_kind[(record.get("kind"), record.get("error"))] += 1

    def site_rows(self) -> list[tuple[str | None, int, int]]:
        """(site, articles, removed lines): by site, no site last."""
        return [
            (site, articles, self.removed_by_site[site])
            for site, articles in sorted(
                self.articles_by_site.items(), key=lambda item: (item[0] is None, item[0] or "")
            )
        ]

    def site_kind_rows(self) -> list[tuple[str | None, str, int]]:
        """(site, kind, lines): by site (no site last), then most lines first."""
        rows = sorted(
            self.removed_by_site_kind.items(),
            key=lambda item: (item[0][0] is None, item[0][0] or "", -item[1], item[0][1]),
        )
        return [(site, kind, count) for (site, kind), count in rows]

    def rule_rows(self) -> list[tuple[str, RuleStats]]:
        """(rule id, stats): most lines first, then by rule id."""
        return sorted(
            ((rule, stats) for (rule, _), stats in self.rules.items()),
            key=lambda item: (-item[1].lines, item[0], item[1].kind),
        )

    def error_rows(self) -> list[tuple[str | None, str | None, int]]:
        """(input kind, error, records): most records first."""
        rows = sorted(self.errors_by_kind.items(), key=lambda item: (-item[1], str(item[0])))
        return [(kind, error, count) for (kind, error), count in rows]


def _cut(text: str) -> str:
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"
