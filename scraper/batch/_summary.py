"""The closing summary of a batch: counts, removed lines by site and kind, exit code."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from nadif.scraper._shown import shown
from nadif.scraper.batch._outcome import Outcome

__all__ = ["Summary"]

_NO_SITE = "(no site)"


@dataclass
class Summary:
    """What a batch did. `inputs == articles + errors + skipped`.

    `skipped` counts inputs not done again: already in the output (a resumed run) or given
    twice. `removed_by_site_kind` counts removed lines by (record "site", removal "kind").
    """

    inputs: int = 0
    articles: int = 0
    errors: int = 0
    skipped: int = 0
    removed_by_site_kind: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    removed_by_learned: Counter[str] = field(default_factory=Counter)  # by learned/<group>
    elapsed: float = 0.0
    errors_to: str | None = None  # where error records went: a file, or "stderr"

    @property
    def exit_code(self) -> int:
        """0 when every input gave an article (or was already done), 1 when some failed."""
        return 1 if self.errors else 0

    def add(self, outcome: Outcome) -> None:
        """Count one outcome written by this run."""
        if outcome.ok:
            self.articles += 1
            for kind in outcome.kinds:
                self.removed_by_site_kind[(outcome.site, kind)] += 1
            self.removed_by_learned.update(outcome.learned)
        else:
            self.errors += 1

    def render(self) -> str:
        """A few lines for a person: the counts, then removed lines by site and kind."""
        rate = (self.articles + self.errors) / self.elapsed if self.elapsed > 0 else 0.0
        counts = (
            f"inputs: {self.inputs}  articles: {self.articles}  errors: {self.errors}  "
            f"skipped: {self.skipped}  in {self.elapsed:.1f} s ({rate:.1f} inputs/s)"
        )
        lines = [counts]
        if self.errors and self.errors_to:
            lines.append(f"error records: {shown(self.errors_to)}")
        if self.removed_by_site_kind:
            total = sum(self.removed_by_site_kind.values())
            lines.append(f"removed lines: {total}, by site and kind:")
            rows = sorted(
                self.removed_by_site_kind.items(),
                key=lambda item: (item[0][0] or "~", -item[1], item[0][1]),
            )
            width = max(len(site or _NO_SITE) for (site, _), _ in rows)
            for (site, kind), count in rows:
                lines.append(f"  {site or _NO_SITE:<{width}}  {kind:<16} {count:>8}")
        if self.removed_by_learned:
            lines.append("removed by learned templates, by rule:")
            for rule, count in sorted(self.removed_by_learned.items(), key=lambda i: (-i[1], i[0])):
                lines.append(f"  {rule:<30} {count:>8}")
        return "\n".join(lines)
