"""The review page: one static HTML file to read what the cleaning did to a corpus.

At the top, the corpus figures (articles, errors, removed lines by site and kind, by
rule with an example each, flags); then, optionally, near-duplicate clusters; the error
records; and one section per article with its lines in input order: the title, the kept
paragraphs, and the removed lines struck through (`<del>`) with their kind and rule id.

The page is rendered from Jinja2 templates with autoescaping (`_html`): the records are
scraped text, so nothing from them reaches the page unescaped, links are made only for
http(s) URLs, and the page forbids scripts and outside resources in its own
Content-Security-Policy. Every text block has `dir="auto"` or, where the browser's rule
would read it the wrong way, an explicit direction (`_direction`), and each article
carries its `lang`.

For a big run, `sample=N` gives sections to a reproducible sample of N articles (those
whose source hashes lowest: the same records give the same sample, in whatever order
they come) and to every flagged article, whatever N; each flag has its own section
listing its articles, and each flag and each rule of the summary links to the articles
where it fired (`_Shown`).

Memory stays flat: records are read one at a time; article and error sections are
rendered and written to spool files as they come (the summary, which needs every record,
goes first in the page, so the sections are streamed in after it); near-duplicate
detection keeps only MinHash signatures. `review_file` writes the page atomically
(`_atomic`).
"""

from __future__ import annotations

import hashlib
import heapq
import io
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, Self, TextIO

from nadif.cleaners.errors import InputError
from nadif.cleaners.nearduplicates import Cluster, NearDuplicateIndex, band_layout
from nadif.scraper._shown import shown
from nadif.scraper.batch._sink import default_errors_path
from nadif.scraper.review._atomic import atomic_text_file
from nadif.scraper.review._corpus_stats import CorpusStats
from nadif.scraper.review._html import article_html, error_row_html, page_chunks
from nadif.scraper.review._records import article_problem, error_problem, read_jsonl

__all__ = ["ReviewResult", "render_clusters", "render_review", "review_file", "write_review"]

SPOOL_CHARS: Final = 4 << 20
"""Sections are kept in memory up to this many characters, then spooled to disk."""
LINKS_PER_RULE: Final = 100
"""Links from one rule to the shown articles where it fired (the count says the rest)."""
STDERR_CLUSTERS: Final = 20
"""`render_clusters` prints at most this many clusters (the page has them all)."""
_COPY_CHARS: Final = 1 << 20
"""The error rows are copied from their spool into the page in chunks of this size."""


@dataclass(frozen=True)
class ReviewResult:
    """What a page holds: counts, and the near-duplicate clusters when they were asked for."""

    articles: int
    errors: int
    removed_lines: int
    clusters: list[Cluster] | None
    output: Path | None = None


def render_review(
    records: Iterable[dict[str, Any]],
    *,
    errors: Iterable[dict[str, Any]] = (),
    title: str = "nadif review",
    near_duplicates: float | None = None,
    max_articles: int | None = None,
    sample: int | None = None,
) -> str:
    """The whole review page as a string (see `write_review`; fine for small corpora)."""
    buffer = io.StringIO()
    write_review(
        records,
        buffer,
        errors=errors,
        title=title,
        near_duplicates=near_duplicates,
        max_articles=max_articles,
        sample=sample,
    )
    return buffer.getvalue()


def write_review(
    records: Iterable[dict[str, Any]],
    out: TextIO,
    *,
    errors: Iterable[dict[str, Any]] = (),
    title: str = "nadif review",
    near_duplicates: float | None = None,
    max_articles: int | None = None,
    sample: int | None = None,
) -> ReviewResult:
    """Write the review page of article `records` and error records `errors` to `out`.

    Both are consumed once, one record at a time. `near_duplicates` is a similarity
    threshold: when given, the page lists the clusters of near-duplicate articles.
    `max_articles`: the summary counts every record, but only the first N articles get a
    section (a page for a large run stays small enough for a browser). `sample`: instead,
    sections for a reproducible sample of N articles and for every flagged article (see
    `_Shown`). A record that is not what nadif writes raises `InputError` naming its
    source.
    """
    if near_duplicates is not None:
        band_layout(near_duplicates)  # a bad threshold fails before any work
    if sample is not None and max_articles is not None:
        raise ValueError("give sample or max_articles, not both")
    for name, value in (("sample", sample), ("max_articles", max_articles)):
        if value is not None and value < 0:
            raise ValueError(f"{name} must be 0 or more, not {value}")
    stats = CorpusStats()
    index = NearDuplicateIndex() if near_duplicates is not None else None
    with _spool() as errors_html, _Shown(sample, max_articles) as shown:
        for record in records:
            _check(record, article_problem, stats.articles + 1)
            stats.add_article(record)
            shown.add(stats.articles, record)
            if index is not None:
                index.add(record["source"], _text_of(record))
        for record in errors:
            _check(record, error_problem, stats.errors + 1)
            stats.add_error(record)
            errors_html.write(error_row_html(record))
        clusters = (
            index.clusters(near_duplicates) if index is not None and near_duplicates else None
        )
        context = {
            "title": title,
            "stats": stats,
            "anchors": _Anchors(stats),
            "clusters": (clusters or []) if near_duplicates is not None else None,
            "threshold": near_duplicates,
            "is_shown": shown.is_shown,
            "links_of": shown.links_of,
            "flagged": shown.flagged,
            "links_per_rule": LINKS_PER_RULE,
            "articles_heading": shown.heading(stats.articles),
        }
        out.writelines(
            page_chunks(context, error_rows=_chunks(errors_html), articles=shown.sections())
        )
    return ReviewResult(stats.articles, stats.errors, stats.removed_lines, clusters)


def _sample_key(source: str) -> int:
    """Where a source falls in the sample's order: a hash of its text, the same on every
    machine and run (not Python's `hash`, which is salted per process)."""
    digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass(slots=True)
class _Kept:
    """A shown article: where its section lies in the spool, and what links to it."""

    offset: int
    length: int
    rules: frozenset[tuple[str, str]]


@dataclass(slots=True)
class _Flagged:
    """A flagged article as its flag's list shows it."""

    number: int
    source: str
    title: str | None


class _Shown:
    """Which articles get a section, their sections (spooled), and where rules and flags
    fired among them.

    - Default: every article, or the first `max_articles`; sections in input order.
    - `sample=N`: the N articles whose source hashes lowest (`_sample_key`; ties by
      position), kept in a heap as records stream by, and every flagged article; an
      article that leaves the sample keeps its section only if it is flagged. Sections
      are written to the spool as they come and copied out in input order at the end.

    Memory: the flagged articles' numbers, sources and titles, and per shown article its
    spool position (and, with a sample, its rule ids); links per rule are capped at
    `LINKS_PER_RULE` without a sample.
    """

    def __init__(self, sample: int | None, max_articles: int | None) -> None:
        self.sample = sample
        self.max_articles = max_articles
        self.flagged: dict[str, list[_Flagged]] = {}
        self.rule_articles: dict[tuple[str, str], list[int]] = {}
        self._kept: dict[int, _Kept] = {}
        self._heap: list[tuple[int, int]] = []
        self._flagged_numbers: set[int] = set()
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - see __exit__
            max_size=SPOOL_CHARS, mode="w+b"
        )
        self._size = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self._spool.close()

    def add(self, number: int, record: dict[str, Any]) -> None:
        flags = sorted(set(record.get("flags") or ()))
        if flags:
            self._flagged_numbers.add(number)
            entry = _Flagged(number, record["source"], record.get("title"))
            for flag in flags:
                self.flagged.setdefault(flag, []).append(entry)
        if self.sample is None:
            if self.max_articles is not None and number > self.max_articles:
                return
            self._write(number, record, frozenset())
            for key in {(r["rule"], r["kind"]) for r in record["removed"]}:
                numbers = self.rule_articles.setdefault(key, [])
                if len(numbers) < LINKS_PER_RULE:
                    numbers.append(number)
            return
        in_sample = False
        key = (-_sample_key(record["source"]), -number)  # a max-heap of the lowest keys
        if len(self._heap) < self.sample:
            heapq.heappush(self._heap, key)
            in_sample = True
        elif self.sample and key > self._heap[0]:
            _, out_number = heapq.heapreplace(self._heap, key)
            if -out_number not in self._flagged_numbers:
                del self._kept[-out_number]  # its bytes stay in the spool, unread
            in_sample = True
        if in_sample or flags:
            rules = frozenset((r["rule"], r["kind"]) for r in record["removed"])
            self._write(number, record, rules)

    def _write(
        self, number: int, record: dict[str, Any], rules: frozenset[tuple[str, str]]
    ) -> None:
        data = article_html(number, record).encode("utf-8", "replace")
        self._spool.seek(self._size)
        self._spool.write(data)
        self._kept[number] = _Kept(self._size, len(data), rules)
        self._size += len(data)

    def is_shown(self, number: int) -> bool:
        return number in self._kept

    def links_of(self, rule: tuple[str, str]) -> list[int]:
        """The shown articles where `rule` fired, at most `LINKS_PER_RULE` of them."""
        if self.sample is None:
            return self.rule_articles.get(rule, [])
        numbers = sorted(n for n, kept in self._kept.items() if rule in kept.rules)
        return numbers[:LINKS_PER_RULE]

    def heading(self, total: int) -> str:
        shown = len(self._kept)
        if self.sample is not None:
            return (
                f"{shown} of {total}: a sample of {len(self._heap)} and every flagged article "
                f"({len(self._flagged_numbers)})"
            )
        return f"{total}" if shown == total else f"first {shown} of {total}"

    def sections(self) -> Iterator[str]:
        """The sections, in input order, one at a time."""
        for number in sorted(self._kept):
            kept = self._kept[number]
            self._spool.seek(kept.offset)
            yield self._spool.read(kept.length).decode("utf-8")


class _Anchors:
    """The ids of the sections that list where each flag and each rule fired."""

    def __init__(self, stats: CorpusStats) -> None:
        self.flags = {flag: f"flag-{i}" for i, flag in enumerate(_flag_order(stats), 1)}
        self.rules = {
            (rule, rule_stats.kind): f"rule-{i}"
            for i, (rule, rule_stats) in enumerate(stats.rule_rows(), 1)
        }


def _flag_order(stats: CorpusStats) -> list[str]:
    return [flag for flag, _ in sorted(stats.flags.items(), key=lambda i: (-i[1], i[0]))]


def review_file(
    jsonl: Path,
    *,
    output: Path | None = None,
    errors: Path | None = None,
    near_duplicates: float | None = None,
    max_articles: int | None = None,
    sample: int | None = None,
) -> ReviewResult:
    """Write the review page of a JSONL output file, atomically.

    `output` defaults to the JSONL with an .html suffix; `errors` to OUT.errors.jsonl
    beside it when that file exists. A bad line in either file raises `InputError`
    naming the file and line; the page is then not written (nor half-written).
    """
    output = output if output is not None else jsonl.with_suffix(".html")
    _check_regular(jsonl)  # /dev/null, a pipe, a folder: not a run's output
    if errors is None:
        candidate = default_errors_path(jsonl)
        errors = candidate if candidate.is_file() else None
    else:
        _check_regular(errors)
    for given in (jsonl, errors):
        if given is not None and output.resolve() == given.resolve():
            raise InputError(str(output), "the review page would overwrite its input")
    records = read_jsonl(jsonl, article_problem)
    error_records = read_jsonl(errors, error_problem) if errors is not None else ()
    with atomic_text_file(output) as handle:
        result = write_review(
            records,
            handle,
            errors=error_records,
            title=f"nadif review: {jsonl.name}",
            near_duplicates=near_duplicates,
            max_articles=max_articles,
            sample=sample,
        )
    return ReviewResult(
        result.articles, result.errors, result.removed_lines, result.clusters, output
    )


def _check_regular(path: Path) -> None:
    """An input of the review must be a regular file (checked before it is opened)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "is a folder, not a JSONL file")
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "not a regular file (a device or a pipe is not a run's output)")


def render_clusters(
    clusters: list[Cluster], threshold: float, limit: int | None = STDERR_CLUSTERS
) -> str:
    """Near-duplicate clusters as a few plain lines (for stderr): at most `limit` of them,
    then a line saying how many more the page lists."""
    noun = "cluster" if len(clusters) == 1 else "clusters"
    lines = [f"near-duplicates (threshold {threshold:g}): {len(clusters)} {noun}"]
    listed = clusters if limit is None else clusters[:limit]
    for number, cluster in enumerate(listed, 1):
        lines.append(f"  cluster {number} ({len(cluster.members)} articles):")
        lines.extend(f"    {m.similarity:.2f}  {shown(m.source)}" for m in cluster.members)
    if len(listed) < len(clusters):
        lines.append(f"  ... and {len(clusters) - len(listed)} more clusters on the page")
    return "\n".join(lines)


# -- helpers ---------------------------------------------------------------------------------


def _spool() -> tempfile.SpooledTemporaryFile[str]:
    return tempfile.SpooledTemporaryFile(
        max_size=SPOOL_CHARS, mode="w+", encoding="utf-8", errors="replace", newline="\n"
    )


def _chunks(spool: IO[str]) -> Iterator[str]:
    """What was written to `spool`, from its start, in chunks."""
    spool.seek(0)
    while chunk := spool.read(_COPY_CHARS):
        yield chunk


def _check(record: object, problem_of: Callable[[object], str | None], number: int) -> None:
    problem = problem_of(record)
    if problem is not None:
        source = record.get("source") if isinstance(record, dict) else None
        raise InputError(source if isinstance(source, str) else f"record {number}", problem)


def _text_of(record: dict[str, Any]) -> str:
    text = record.get("text")
    return text if isinstance(text, str) else "\n\n".join(record["paragraphs"])
