"""The review page: one static HTML file to read what the cleaning did to a corpus.

At the top, the corpus figures (articles, errors, removed lines by site and kind, by
rule with an example each, flags); then, optionally, near-duplicate clusters; the error
records; and one section per article with its lines in input order: the title, the kept
paragraphs, and the removed lines struck through (`<del>`) with their kind and rule id.

The records are scraped text, so nothing from them reaches the page unescaped, links are
made only for http(s) URLs, and the page forbids scripts and outside resources in its
own Content-Security-Policy. Every text block has `dir="auto"` (an Arabic line reads
right to left, a French one left to right, whatever the page around it) and each
article carries its `lang`.

For a big run, `sample=N` gives sections to a reproducible sample of N articles (those
whose source hashes lowest: the same records give the same sample, in whatever order
they come) and to every flagged article, whatever N; each flag has its own section
listing its articles, and each flag and each rule of the summary links to the articles
where it fired (`_Shown`).

Memory stays flat: records are read one at a time; article and error sections are
written to spool files as they come (the summary, which needs every record, goes first
in the page, so the sections are copied in after it); near-duplicate detection keeps
only MinHash signatures.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import io
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, Self, TextIO
from urllib.parse import urlsplit

from nadif.cleaners.errors import InputError
from nadif.cleaners.nearduplicates import Cluster, NearDuplicateIndex, band_layout
from nadif.scraper._shown import BIDI_CONTROLS, shown
from nadif.scraper.batch._sink import default_errors_path
from nadif.scraper.review._corpus_stats import CorpusStats
from nadif.scraper.review._records import article_problem, error_problem, read_jsonl

__all__ = ["ReviewResult", "render_clusters", "render_review", "review_file", "write_review"]

SPOOL_CHARS: Final = 4 << 20
"""Sections are kept in memory up to this many characters, then spooled to disk."""
LINKS_PER_RULE: Final = 100
"""Links from one rule to the shown articles where it fired (the count says the rest)."""
STDERR_CLUSTERS: Final = 20
"""`render_clusters` prints at most this many clusters (the page has them all)."""

_LANG: Final = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
# Letters of strong direction (Unicode bidi classes R/AL and L), by range: Hebrew, Arabic
# (without its digits, comma and combining marks, which are weak), Syriac to the
# Arabic extensions, presentation forms; Latin (without × and ÷), Greek, Cyrillic.
_RTL: Final = (
    "\u05d0-\u05ea\u05ef-\u05f4\u0608\u060b\u060d\u061b-\u064a\u066d-\u066f"
    "\u0671-\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u06ff\u0700-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
)
_LTR: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_RTL_LETTER: Final = re.compile(f"[{_RTL}]")
_RTL_WORD: Final = re.compile(f"[{_RTL}]+")
_LTR_WORD: Final = re.compile(f"[{_LTR}]+")
_STRONG: Final = re.compile(f"[{_RTL}{_LTR}]")
_NO_SITE: Final = "(no site)"

_STYLE: Final = """
:root{color-scheme:light;--ink:#1f1f1f;--muted:#5f6368;--rule:#e3e3e3;--del:#a8231b;
--del-bg:#fdf0ef;--title:#174ea6;--title-bg:#eef3fd;--flag:#8a5300;--flag-bg:#fff4e0}
body{margin:0 auto;max-width:75rem;padding:1rem 1.5rem 3rem;color:var(--ink);background:#f7f7f5;
font:15px/1.65 system-ui,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Naskh Arabic",Tahoma,sans-serif}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--rule)}
h3{font-size:1rem;margin:1.25rem 0 .25rem}nav a{margin-inline-end:1rem}
table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:.88rem;background:#fff}
th,td{border:1px solid var(--rule);padding:.15rem .6rem;text-align:start;vertical-align:top}
th{background:#f0f0ee;font-weight:600}td.n{text-align:end;font-variant-numeric:tabular-nums}
code,.src{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85em}
dl.totals{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0}
dl.totals div{display:flex;flex-direction:column}dl.totals dt{color:var(--muted);font-size:.8rem}
dl.totals dd{margin:0;font-size:1.3rem;font-weight:600}
article{background:#fff;border:1px solid var(--rule);border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
article>h3{margin:0 0 .25rem;font-weight:600;overflow-wrap:anywhere}
article>h3 .num{color:var(--muted);margin-inline-end:.5rem}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0 .75rem;margin:0 0 .5rem;
font-size:.82rem;color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
ol.lines{list-style:none;margin:0;padding:0;border-top:1px solid var(--rule)}
ol.lines li{display:grid;grid-template-columns:3.2em minmax(0,1fr) max-content;gap:.75rem;
align-items:baseline;padding:.3rem .5rem;border-bottom:1px solid var(--rule)}
ol.lines p{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.ln{color:var(--muted);font-size:.78rem;text-align:end;font-variant-numeric:tabular-nums}
li.title{background:var(--title-bg)}li.title p{font-weight:700;font-size:1.1rem}
li.removed{background:var(--del-bg)}li.removed p{color:#5b2320}
del{text-decoration-line:line-through;text-decoration-color:rgba(168,35,27,.6);
text-decoration-thickness:1px}td code{white-space:nowrap}
.tag{display:inline-block;font-size:.72rem;line-height:1.5;border:1px solid;border-radius:999px;
padding:0 .55rem;white-space:nowrap;background:#fff}
.tag code{font-size:1em}.tag.removal{color:var(--del);border-color:#e8b4b0}
.tag.title{color:var(--title);border-color:#b6c8ef}.tag.flag{color:var(--flag);border-color:#efc98a;background:var(--flag-bg)}
.note{color:var(--muted);font-size:.85rem}.empty{color:var(--muted);font-style:italic}
"""


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
            errors_html.write(_error_row(record))
        clusters = (
            index.clusters(near_duplicates) if index is not None and near_duplicates else None
        )
        anchors = _Anchors(stats)
        out.write(_head(title))
        out.write(_summary(stats, near_duplicates is not None, anchors))
        if near_duplicates is not None:
            out.write(_clusters_section(clusters or [], near_duplicates, shown.is_shown))
        out.write(_where_section(stats, anchors, shown))
        out.write(f'<section id="errors">\n<h2>Errors ({stats.errors})</h2>\n')
        if stats.errors:
            out.write(
                "<table><thead><tr><th>Source</th><th>Kind</th><th>Error</th><th>Reason</th></tr></thead><tbody>\n"
            )
            _copy(errors_html, out)
            out.write("</tbody></table>\n")
        else:
            out.write('<p class="empty">No error records.</p>\n')
        out.write(
            f'</section>\n<section id="articles">\n<h2>Articles ({shown.heading(stats.articles)})'
            "</h2>\n"
        )
        shown.copy_to(out)
        out.write("</section>\n</body>\n</html>\n")
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
        data = _article(number, record).encode("utf-8", "replace")
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

    def copy_to(self, out: TextIO) -> None:
        """The sections, in input order."""
        for number in sorted(self._kept):
            kept = self._kept[number]
            self._spool.seek(kept.offset)
            out.write(self._spool.read(kept.length).decode("utf-8"))


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
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(str(output), f"cannot be written ({exc.strerror or exc})") from None
    try:
        with open(fd, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
            result = write_review(
                records,
                handle,
                errors=error_records,
                title=f"nadif review: {jsonl.name}",
                near_duplicates=near_duplicates,
                max_articles=max_articles,
                sample=sample,
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(str(output), f"cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
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


# -- pieces of the page -------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _name(value: object) -> str:
    """A source (file name or URL) for the page: escaped, and its bidi controls shown as
    visible escapes, so that a name cannot reorder what the reader sees."""
    return _e(str(value).translate(_BIDI_SHOWN))


_BIDI_SHOWN: Final = {ord(c): f"\\u{ord(c):04x}" for c in BIDI_CONTROLS}


def _spool() -> tempfile.SpooledTemporaryFile[str]:
    return tempfile.SpooledTemporaryFile(
        max_size=SPOOL_CHARS, mode="w+", encoding="utf-8", errors="replace", newline="\n"
    )


def _copy(spool: IO[str], out: TextIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out, 1 << 20)


def _check(record: object, problem_of: Callable[[object], str | None], number: int) -> None:
    problem = problem_of(record)
    if problem is not None:
        source = record.get("source") if isinstance(record, dict) else None
        raise InputError(source if isinstance(source, str) else f"record {number}", problem)


def _text_of(record: dict[str, Any]) -> str:
    text = record.get("text")
    return text if isinstance(text, str) else "\n\n".join(record["paragraphs"])


def _head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header>\n<h1 dir="auto">{_e(title)}</h1>\n'
    )


def _summary(stats: CorpusStats, with_clusters: bool, anchors: _Anchors) -> str:
    links = ['<a href="#summary">Summary</a>']
    if with_clusters:
        links.append('<a href="#near-duplicates">Near-duplicates</a>')
    links += [
        '<a href="#where">Where flags and rules fired</a>',
        '<a href="#errors">Errors</a>',
        '<a href="#articles">Articles</a>',
    ]
    langs = ", ".join(f"{lang or '?'} {count}" for lang, count in stats.langs.most_common())
    totals = [
        ("articles", str(stats.articles)),
        ("errors", str(stats.errors)),
        ("kept paragraphs", str(stats.kept_paragraphs)),
        ("removed lines", str(stats.removed_lines)),
        ("languages", langs or "–"),
    ]
    parts = [
        f"<nav>{' '.join(links)}</nav>\n</header>\n",
        '<section id="summary">\n<h2>Summary</h2>\n',
    ]
    parts.append(
        '<dl class="totals">'
        + "".join(f"<div><dt>{k}</dt><dd>{_e(v)}</dd></div>" for k, v in totals)
        + "</dl>\n"
    )

    parts.append("<h3>Removed lines by site</h3>\n")
    site_rows = [
        (site or _NO_SITE, count, stats.removed_by_site[site])
        for site, count in sorted(
            stats.articles_by_site.items(), key=lambda i: (i[0] is None, i[0] or "")
        )
    ]
    parts.append(
        _table(
            ("Site", "Articles", "Removed lines", "Per article"),
            [(_e(s), str(a), str(r), f"{r / a:.1f}") for s, a, r in site_rows],
            numeric=(1, 2, 3),
        )
    )
    parts.append("<h3>Removed lines by site and kind</h3>\n")
    parts.append(
        _table(
            ("Site", "Kind", "Lines"),
            [
                (_e(site or _NO_SITE), _e(kind), str(count))
                for site, kind, count in stats.site_kind_rows()
            ],
            numeric=(2,),
        )
    )
    parts.append(
        "<h3>Removed lines by rule</h3>\n"
        '<p class="note">What each rule removes: lines, articles it fired in, and its first '
        "removed line; a rule links to the articles where it fired.</p>\n"
    )
    parts.append(
        _table(
            ("Rule", "Kind", "Lines", "Articles", "Example"),
            [
                (
                    f'<a href="#{anchors.rules[(rule, rule_stats.kind)]}"><code>{_e(rule)}</code></a>',
                    _e(rule_stats.kind),
                    str(rule_stats.lines),
                    str(rule_stats.articles),
                    (
                        f'<span dir="auto">{_e(rule_stats.example)}</span> '
                        f'<a href="#a{rule_stats.example_article}">#{rule_stats.example_article}</a>'
                    ),
                )
                for rule, rule_stats in stats.rule_rows()
            ],
            numeric=(2, 3),
        )
    )
    parts.append("<h3>Flags</h3>\n")
    total = stats.articles or 1
    parts.append(
        _table(
            ("Flag", "Articles", "Share"),
            [
                (
                    f'<a href="#{anchors.flags[flag]}"><span class="tag flag">{_e(flag)}</span></a>',
                    str(stats.flags[flag]),
                    f"{100 * stats.flags[flag] / total:.0f}%",
                )
                for flag in anchors.flags
            ],
            numeric=(1, 2),
        )
    )
    if stats.errors_by_kind:
        parts.append("<h3>Errors by input kind and error</h3>\n")
        parts.append(
            _table(
                ("Input kind", "Error", "Records"),
                [
                    (_e(kind or "?"), _e(error or "?"), str(count))
                    for (kind, error), count in sorted(
                        stats.errors_by_kind.items(), key=lambda i: (-i[1], str(i[0]))
                    )
                ],
                numeric=(2,),
            )
        )
    parts.append("</section>\n")
    return "".join(parts)


def _table(
    header: tuple[str, ...], rows: list[tuple[str, ...]], numeric: tuple[int, ...] = ()
) -> str:
    """A table of HTML cells; columns in `numeric` are right-aligned, the others `dir="auto"`."""
    if not rows:
        return '<p class="empty">None.</p>\n'
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f'<td dir="auto">{cell}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>\n"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"


def _article_link(number: int, shown: Callable[[int], bool]) -> str:
    """A link to article #number, or its number alone when the page gives it no section."""
    if shown(number):
        return f'<a href="#a{number}">#{number}</a>'
    return f'<span title="not shown on this page">#{number}</span>'


def _where_section(stats: CorpusStats, anchors: _Anchors, shown: _Shown) -> str:
    """Each flag's articles, and each rule's, with links to their sections."""
    parts = [
        '<section id="where">\n<h2>Where flags and rules fired</h2>\n',
        (
            '<p class="note">Every article of each flag, then the articles where each rule '
            f"removed lines (at most {LINKS_PER_RULE} links a rule).</p>\n"
        ),
    ]
    for flag, anchor in anchors.flags.items():
        entries = shown.flagged.get(flag, [])
        parts.append(
            f'<h3 id="{anchor}">Flag <span class="tag flag">{_e(flag)}</span> '
            f"({len(entries)} articles)</h3>\n"
        )
        parts.append(
            _table(
                ("Article", "Source", "Title"),
                [
                    (
                        _article_link(entry.number, shown.is_shown),
                        f'<span class="src" dir="auto">{_name(entry.source)}</span>',
                        _e(entry.title) if entry.title is not None else "–",
                    )
                    for entry in entries
                ],
            )
        )
    for (rule, kind), anchor in anchors.rules.items():
        fired = stats.rules[(rule, kind)].articles
        numbers = shown.links_of((rule, kind))
        links = " ".join(f'<a href="#a{n}">#{n}</a>' for n in numbers)
        rest = fired - len(numbers)
        more = f' <span class="note">and {rest} more not linked</span>' if rest > 0 else ""
        links = links or '<span class="empty">none shown</span>'
        parts.append(
            f'<h3 id="{anchor}"><code>{_e(rule)}</code> · {_e(kind)} ({fired} articles)</h3>\n'
            f"<p>{links}{more}</p>\n"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _clusters_section(
    clusters: list[Cluster], threshold: float, shown: Callable[[int], bool]
) -> str:
    parts = [
        '<section id="near-duplicates">\n<h2>Near-duplicates</h2>\n',
        (
            f'<p class="note">{len(clusters)} cluster{"" if len(clusters) == 1 else "s"} of articles whose '
            f"texts share at least {threshold:g} of their word 5-grams (MinHash estimate of the "
            "Jaccard similarity; each member against the cluster's first).</p>\n"
        ),
    ]
    for number, cluster in enumerate(clusters, 1):
        parts.append(f"<h3>Cluster {number} ({len(cluster.members)} articles)</h3>\n")
        parts.append(
            _table(
                ("Similarity", "Article", "Source"),
                [
                    (
                        f"{m.similarity:.2f}",
                        _article_link(m.position + 1, shown),
                        f'<span class="src" dir="auto">{_name(m.source)}</span>',
                    )
                    for m in cluster.members
                ],
                numeric=(0,),
            )
        )
    parts.append("</section>\n")
    return "".join(parts)


def _error_row(record: dict[str, Any]) -> str:
    cells = (
        _name(record["source"]),
        _e(record.get("kind") or ""),
        _e(record.get("error") or ""),
        _name(record["reason"]),  # a reason may quote the name
    )
    return "<tr>" + "".join(f'<td dir="auto">{c}</td>' for c in cells) + "</tr>\n"


def _article(number: int, record: dict[str, Any]) -> str:
    lang = record.get("lang")
    lang_attr = f' lang="{_e(lang)}"' if lang and _LANG.fullmatch(lang) else ""
    removed = record["removed"]
    parts = [
        f'<article id="a{number}"{lang_attr}>\n',
        f'<h3><span class="num">#{number}</span><span class="src" dir="auto">{_name(record["source"])}</span></h3>\n',
        _meta(record),
    ]
    rows, numbered = _lines(record)
    if not numbered:
        parts.append(
            '<p class="note">This record has no line numbers (written by an older nadif): '
            "kept lines are shown first, then the removed ones in input order.</p>\n"
        )
    cuts = [r for r in removed if r.get("line") == 0]  # cut from the markup: no text line
    parts.append(
        f'<p class="note">{len(record["paragraphs"])} kept paragraphs, '
        f"{len(removed) - len(cuts)} removed lines</p>\n"
    )
    parts.append('<ol class="lines">\n' + "".join(html_row for _, html_row in rows) + "</ol>\n")
    if cuts:
        parts.append(
            f'<p class="note">{len(cuts)} cuts from the page\'s HTML, before its text had lines '
            "(pruned subtrees, dropped headings, what the extractor left out; texts shortened)"
            '</p>\n<ol class="lines cuts">\n'
            + "".join(_removed_row(None, cut) for cut in cuts)
            + "</ol>\n"
        )
    parts.append("</article>\n")
    return "".join(parts)


def _removed_row(line: int | None, removal: dict[str, Any]) -> str:
    tag = (
        f'<span class="tag removal" dir="ltr">{_e(removal["kind"])} · '
        f"<code>{_e(removal['rule'])}</code></span>"
    )
    text = removal["text"]
    return _row(line, "removed", text, f"<del>{_e(text)}</del>", tag)


def _meta(record: dict[str, Any]) -> str:
    items: list[tuple[str, str]] = []
    url = record.get("url")
    if url:
        if urlsplit(url).scheme.lower() in ("http", "https"):
            value = (
                f'<a href="{_e(url)}" rel="noreferrer noopener nofollow" dir="auto">{_e(url)}</a>'
            )
        else:
            value = f'<span dir="auto">{_e(url)}</span>'
        items.append(("url", value))
    items.append(("site", _e(record.get("site") or _NO_SITE)))
    for name in ("lang", "published", "author"):
        if record.get(name):
            items.append((name, f'<span dir="auto">{_e(record[name])}</span>'))
    flags = record.get("flags") or []
    items.append(
        ("flags", " ".join(f'<span class="tag flag">{_e(f)}</span>' for f in flags) or "none")
    )
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>\n"


def _lines(record: dict[str, Any]) -> tuple[list[tuple[tuple[int, int, int], str]], bool]:
    """The article's rows sorted into input order, and whether line numbers were known.

    A row without a line number (a title taken from the page's metadata) comes first;
    ties keep title, kept, removed order. A record without `paragraph_lines` (an older
    nadif) shows its title and paragraphs first, then the removed lines by line number.
    """
    rows: list[tuple[tuple[int, int, int], str]] = []
    numbers = record.get("paragraph_lines")
    numbered = numbers is not None or not record["paragraphs"]

    def key(line: int | None, order: int) -> tuple[int, int, int]:
        return (0, 0, order) if line is None else (1, line, order)

    order = 0
    title = record.get("title")
    if title is not None:
        line = record.get("title_line") if numbered else None
        rows.append(
            (
                key(line, order),
                _row(
                    line,
                    "title",
                    title,
                    f"<strong>{_e(title)}</strong>",
                    '<span class="tag title">title</span>',
                ),
            )
        )
        order += 1
    for i, paragraph in enumerate(record["paragraphs"]):
        line = numbers[i] if numbers is not None else None
        rows.append((key(line, order), _row(line, "kept", paragraph, _e(paragraph), "")))
        order += 1
    for removal in record["removed"]:
        line = removal.get("line")
        if line == 0:
            continue  # a cut from the HTML: listed after the lines (see `_article`)
        rows.append((key(line, order), _removed_row(line, removal)))
        order += 1
    rows.sort(key=lambda row: row[0])
    return rows, numbered


def _row(line: int | None, kind: str, text: str, content: str, tag: str) -> str:
    number = "–" if line is None else str(line)
    hint = ' title="no input line: from the page\'s metadata"' if line is None else ""
    return (
        f'<li class="{kind}"><span class="ln"{hint}>{number}</span>'
        f'<p dir="{_direction(text)}">{content}</p><span>{tag}</span></li>\n'
    )


def _direction(text: str) -> str:
    """ "auto", except where the browser's rule would get the line wrong.

    `dir="auto"` takes the direction of the first strong letter. An Arabic sentence that
    opens with a Latin name or acronym ("FBI يشمل ...") then reads left to right, with its
    punctuation at the wrong end; such a line, whose words are mostly of the other
    direction, gets that direction explicitly.
    """
    if text.isascii():
        return "auto"
    first = _STRONG.search(text)
    if first is None:
        return "auto"
    rtl, ltr = len(_RTL_WORD.findall(text)), len(_LTR_WORD.findall(text))
    if _RTL_LETTER.match(first.group()):
        return "ltr" if ltr > rtl else "auto"
    return "rtl" if rtl > ltr else "auto"
