"""`nadif`: the command line, a thin layer over `scraper`.

    nadif clean   PATH...             text dumps (files, or folders walked recursively)
    nadif extract PATH... [--url URL] HTML files (.html .htm .html.gz) or folders of them
    nadif fetch   URL... [-i FILE]    fetch articles by URL (robots.txt, cache, politeness)
    nadif sites                       list the site modules
    nadif review  OUT.jsonl [-o PAGE] [--sample N] the HTML review page of an output file
    nadif learn   PATH... --site NAME propose a site module (`learn_cmd`)

Output options (all three): [--format json|jsonl|csv|text|markdown|xml] [--site NAME|none]
[-o OUT] [--overwrite] [--errors FILE] [--jobs N] [--engine local|dask] [--scheduler ADDR]
[--[no-]progress]. README.md has a table of every option (a test compares it with the
parsers).

Exit codes: 0 every input gave an article; 1 at least one input failed (each failure is
an error record: in the errors file, or on stderr) or an output could not be written;
2 the command line itself is wrong (unknown option, unknown site); 130 interrupted.

Only the standard library is imported at module level: `nadif --help` and `nadif
--version` never load the cleaning, fetching or extraction machinery, and each command
imports what it uses.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from nadif.scraper._shown import shown

if TYPE_CHECKING:
    from nadif.scraper.batch.engine import Task
    from nadif.scraper.batch.worker import Settings

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

NO_SITE = "none"  # the same word as `scraper.text.NO_SITE` (a test checks it)
STDIN = "-"
"""As a PATH: standard input (one document); as -o: standard output."""
MAX_STDIN_BYTES = 64 * 1024 * 1024
REVIEW_THRESHOLD = 0.7  # `cleaners.nearduplicates.DEFAULT_THRESHOLD` (a test checks it)
JOBS_PER_CORE = 4
"""--jobs is capped at this many processes per core: more only thrash."""
COUNT_AHEAD, COUNT_AHEAD_SECONDS = 200_000, 1.0
"""The progress display's total: inputs counted ahead (a folder walked, URL lists read)
only up to this many, within this many seconds; past that the total is unknown."""
MAX_SECONDS = 86_400.0
"""The longest --delay, --timeout or --max-time accepted: a day."""


class _Usage(Exception):
    """A command line that cannot be run (exit code 2)."""


class _VersionAction(argparse.Action):
    """`--version`: the installed version, looked up only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from nadif import __version__

        sys.stdout.write(f"nadif {__version__}\n")
        parser.exit()


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser, and each subcommand's (its usage goes with its errors)."""
    parser = argparse.ArgumentParser(
        prog="nadif",
        description="Clean scraped news pages into articles, with every removed line accounted for.",
        epilog="Exit codes: 0 all inputs cleaned, 1 some inputs failed, 2 usage error, 130 interrupted.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = sub.add_parser("clean", help="clean text dumps (files or folders, recursively)")
    clean.add_argument("paths", nargs="+", metavar="PATH", help="a dump file or a folder of dumps")
    clean.add_argument(
        "--learn-templates",
        action="store_true",
        help="learn each site's template lines from the inputs first (grouped by URL host, "
        "signatures or folder; groups of 5+ dumps), then drop them (rule learned/<group>)",
    )
    _output_options(clean)

    extract = sub.add_parser("extract", help="extract articles from saved HTML pages")
    extract.add_argument(
        "paths", nargs="+", metavar="PATH", help="an .html/.htm/.html.gz file or a folder of them"
    )
    extract.add_argument(
        "--url", default=None, help="the page's URL (one input): picks the site, resolves metadata"
    )
    _output_options(extract)

    fetch = sub.add_parser("fetch", help="fetch articles by URL and extract them")
    fetch.add_argument("urls", nargs="*", metavar="URL", help="article URLs")
    fetch.add_argument(
        "-i",
        "--input",
        action="append",
        default=[],
        metavar="FILE",
        help="a file of URLs, one a line ('#' comments)",
    )
    fetch.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS, Atom or JSON feed: fetch the articles it links to (repeatable)",
    )
    fetch.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="a sitemap or sitemap index (gzipped too): fetch the articles it lists (repeatable)",
    )
    fetch.add_argument(
        "--max-urls",
        type=int,
        default=None,
        metavar="N",
        help="fetch at most N article URLs (from feeds, sitemaps and lists together)",
    )
    fetch.add_argument(
        "--user-agent",
        default=None,
        metavar="UA",
        help="the User-Agent header (default: nadif's own, naming the project)",
    )
    fetch.add_argument(
        "--proxy", default=None, metavar="URL", help="send every request through this proxy"
    )
    fetch.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'K: V'",
        help="an extra request header (repeatable)",
    )
    fetch.add_argument(
        "--max-size",
        type=int,
        default=None,
        metavar="BYTES",
        help="largest body read, compressed or not (default 10485760)",
    )
    fetch.add_argument(
        "--dry-run",
        action="store_true",
        help="list the URLs that would be fetched (feeds and sitemaps read), fetch no article",
    )
    fetch.add_argument(
        "--any-host",
        action="store_true",
        help="take a feed's or sitemap's links to other hosts too (default: its own host only)",
    )
    fetch.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"HTTP cache (default {_default_cache()})",
    )
    fetch.add_argument(
        "--no-cache", action="store_true", help="do not read or write the HTTP cache"
    )
    fetch.add_argument("--ignore-robots", action="store_true", help="do not honour robots.txt")
    fetch.add_argument(
        "--allow-private",
        action="store_true",
        help="follow redirects into private, loopback and link-local addresses (refused by "
        "default: a page must not make nadif reach a cloud metadata service or the intranet)",
    )
    fetch.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds between two requests to one host (default 1)",
    )
    fetch.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="read timeout in seconds (default 30)",
    )
    fetch.add_argument(
        "--max-time",
        type=float,
        default=120.0,
        metavar="S",
        help="total time for one URL, retries and their waits included (default 120)",
    )
    fetch.add_argument(
        "--retries",
        type=int,
        default=3,
        metavar="N",
        help="retries on 429/5xx/network errors (default 3)",
    )
    _output_options(fetch)

    sites = sub.add_parser("sites", help="list the site modules")

    review = sub.add_parser("review", help="write the HTML review page of a JSONL output file")
    review.add_argument(
        "jsonl", type=Path, metavar="OUT.jsonl", help="a JSONL file written by clean/extract/fetch"
    )
    review.add_argument(
        "--errors",
        type=Path,
        default=None,
        metavar="FILE",
        help="error records (default: OUT.errors.jsonl beside OUT, if it exists)",
    )
    review.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PAGE",
        help="the HTML page (default: OUT with an .html suffix)",
    )
    review.add_argument(
        "--near-duplicates",
        action="store_true",
        help="add clusters of near-duplicate articles (also printed on stderr)",
    )
    review.add_argument(
        "--max-articles",
        type=int,
        default=None,
        metavar="N",
        help="sections for the first N articles only (the summary counts all)",
    )
    review.add_argument(
        "--sample",
        type=int,
        default=None,
        metavar="N",
        help="sections for a reproducible sample of N articles and for every flagged "
        "article; each flag and rule links to its articles (the summary counts all)",
    )
    review.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="J",
        help=f"similarity for --near-duplicates, in (0, 1] (default {REVIEW_THRESHOLD})",
    )
    from nadif.scraper import learn_cmd  # nadif learn: its own module (stdlib-only import)

    learn = learn_cmd.add_parser(sub)
    commands = {
        "learn": learn,
        "clean": clean,
        "extract": extract,
        "fetch": fetch,
        "sites": sites,
        "review": review,
    }
    return parser, commands


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nadif" / "http"


OUTPUT_FORMATS = ("json", "jsonl", "csv", "text", "markdown", "xml")
"""--format: json (one input) and the batch formats of `scraper.batch.formats`."""
DATA_SUFFIXES = (".jsonl", ".json", ".csv", ".txt", ".md", ".xml", ".html", ".gz")
"""Suffixes of a file name: `-o` with one of them is refused for a folder format."""


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="json: one indented object (one input); jsonl: one object a line (default for "
        "several inputs); csv: one row an article; text, markdown, xml: the article as "
        "text, Markdown or XML (with -o DIR: a folder, one file per article)",
    )
    p.add_argument(
        "--site",
        default=None,
        metavar="NAME",
        help=f"force a site module, or '{NO_SITE}' for generic rules only",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT",
        help="output file (JSONL) or folder (text); default stdout. A re-run with the same "
        "OUT and options resumes; other options are refused (see --overwrite)",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="start afresh: remove OUT, its errors file and its OUT.run.json first",
    )
    p.add_argument(
        "--errors",
        type=Path,
        default=None,
        metavar="FILE",
        help="error records (default: OUT.errors.jsonl beside OUT, or stderr)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help=f"worker processes (default 1; at most {JOBS_PER_CORE} per core, more are capped)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (needs: pip install 'nadif[dask]')",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDR",
        help="Dask scheduler address (default: a local cluster)",
    )
    progress = p.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="always show a progress bar",
    )
    progress.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show a progress bar"
    )


# --- checks of the command line (usage errors, exit code 2) -------------------------------


def _check_seconds(option: str, value: float, *, zero_ok: bool) -> None:
    if math.isnan(value) or value < 0:
        raise _Usage(f"{option} cannot be negative ({value:g})")
    if not zero_ok and value == 0:
        raise _Usage(f"{option} must be more than 0 seconds")
    if value > MAX_SECONDS:
        raise _Usage(f"{option} must be at most {MAX_SECONDS:g} seconds (a day), not {value:g}")


def _check_fetch_options(args: argparse.Namespace) -> None:
    _check_seconds("--delay", args.delay, zero_ok=True)
    _check_seconds("--timeout", args.timeout, zero_ok=False)
    _check_seconds("--max-time", args.max_time, zero_ok=False)
    if args.retries < 0:
        raise _Usage(f"--retries cannot be negative ({args.retries})")
    if args.max_size is not None and args.max_size < 1:
        raise _Usage(f"--max-size must be at least 1 byte, not {args.max_size}")
    if args.user_agent is not None and not args.user_agent.strip():
        raise _Usage("--user-agent cannot be empty")
    if args.proxy is not None and not args.proxy.lower().startswith(("http://", "https://")):
        raise _Usage(f"--proxy {shown(args.proxy)!r}: give an http:// or https:// URL")
    args.headers = tuple(_header(value) for value in args.header)
    if args.max_urls is not None and args.max_urls < 1:
        raise _Usage(f"--max-urls must be at least 1, not {args.max_urls}")
    for option, urls in (("--feed", args.feed), ("--sitemap", args.sitemap)):
        for url in urls:
            if not url.lower().startswith(("http://", "https://")):
                raise _Usage(f"{option} {shown(url)!r}: give an http or https URL")
    for listing in args.input:
        problem = _not_a_readable_file(listing)
        if problem is not None:
            raise _Usage(f"-i {shown(listing)}: {problem}")


def _header(value: str) -> tuple[str, str]:
    import re

    name, colon, content = value.partition(":")
    if not colon or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name.strip()):
        raise _Usage(f"--header {shown(value)!r}: give 'Name: value'")
    if any(c in content for c in "\r\n\0"):
        raise _Usage(f"--header {shown(value)!r}: a header value is one line")
    return name.strip(), content.strip()


def _not_a_readable_file(path: str) -> str | None:
    """Why `path` cannot be read as a list of URLs, or None; checked before opening it."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISDIR(mode):
        return "is a folder, not a file of URLs"
    if not stat.S_ISREG(mode):
        return "not a regular file (a named pipe or a device is never read)"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


def _check_jobs(args: argparse.Namespace) -> None:
    if args.jobs < 1:
        raise _Usage(f"--jobs must be at least 1, not {args.jobs}")
    cores = os.cpu_count() or 1
    cap = JOBS_PER_CORE * cores
    if args.jobs > cap:
        sys.stderr.write(
            f"nadif: --jobs {args.jobs} capped at {cap} ({JOBS_PER_CORE} per core, {cores} cores)\n"
        )
        args.jobs = cap


def _check_site(name: str | None) -> None:
    if name in (None, NO_SITE):
        return
    import difflib

    from nadif.cleaners.errors import SiteRegistryError
    from nadif.sites import all_sites, get_site

    try:
        get_site(name)
    except SiteRegistryError:
        names = [site.name for site in all_sites()]
        close = difflib.get_close_matches(name, [*names, NO_SITE], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Usage(
            f"--site {shown(name)!r}: no such site{hint} (known: {', '.join(names)}; "
            f"or '{NO_SITE}')"
        ) from None


def _check_engine(args: argparse.Namespace) -> None:
    if args.scheduler and args.engine != "dask":
        raise _Usage("--scheduler needs --engine dask")
    if args.engine != "dask":
        return
    import importlib

    try:
        importlib.import_module("distributed")
    except ImportError:
        raise _Usage(
            "--engine dask needs the optional dependency: pip install 'nadif[dask]'"
        ) from None


def _check_outputs(args: argparse.Namespace, fmt: str) -> None:
    if args.overwrite and args.output is None:
        raise _Usage("--overwrite needs -o OUT")
    same = args.output is not None and args.errors is not None
    if same and args.errors.resolve() == args.output.resolve():
        raise _Usage(f"--errors must not be the output itself: {shown(str(args.output))}")
    if args.output is None:
        return
    from nadif.scraper.batch.formats import DIR_FORMATS, SUFFIXES

    suffix = "".join(args.output.suffixes[-1:]).lower()
    if fmt in DIR_FORMATS and suffix in DATA_SUFFIXES:
        raise _Usage(
            f"-o {shown(str(args.output))}: --format {fmt} writes a folder (one {SUFFIXES[fmt]} "
            f"file per article), and this is a file name; give a folder (-o "
            f"{shown(str(args.output.with_suffix('')))}/), or send one stream to stdout "
            f"(-o - > FILE)"
        )
    from nadif.scraper.batch.runfile import run_outputs

    outputs = {os.path.realpath(p) for p in run_outputs(args.output, args.errors)}
    for path in getattr(args, "paths", ()):
        if os.path.realpath(path) in outputs:
            raise _Usage(f"{shown(path)} is this run's own output, not an input")


# --- commands ------------------------------------------------------------------------------


def _print_json(record: dict[str, Any]) -> None:
    import json

    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _print_one(record: dict[str, Any], fmt: str) -> None:
    """One record to stdout in `fmt` (a whole CSV table or XML document of one article)."""
    from nadif.scraper.batch.formats import csv_header, render, xml_prologue

    data = render(record, fmt)
    if fmt == "csv":
        data = csv_header() + data
    elif fmt == "xml":
        data = xml_prologue() + data
    sys.stdout.write(data.decode("utf-8", "surrogateescape"))


def _single(task: Task, settings: Settings, fmt: str) -> int:
    """One input to stdout: the record itself, or the error on stderr."""
    from nadif.cleaners.errors import NadifError
    from nadif.scraper.batch.worker import article_for

    try:
        record = article_for(task, settings).to_dict()
    except NadifError as exc:
        sys.stderr.write(f"nadif: {shown(str(exc.source))}: {exc.reason}\n")
        return EXIT_FAILED
    record["source"] = task.source
    if fmt == "json":
        _print_json(record)
    else:
        _print_one(record, fmt)
    return EXIT_OK


def _tasks(paths: Sequence[str], kind: str, exclude: Sequence[Path]) -> Iterator[Task]:
    """The batch's tasks; a folder that holds nothing to clean is an error record too."""
    from nadif.scraper.batch.engine import Task, iter_tasks

    for path in paths:
        found = False
        for task in iter_tasks([path], kind, exclude=exclude):
            found = True
            yield task
        if not found:
            yield Task(path, kind, problem="no readable files in this folder")


def _count_ahead(tasks: Iterator[Task]) -> int | None:
    """How many inputs a run has, when counting them is cheap: at most `COUNT_AHEAD`
    inputs within `COUNT_AHEAD_SECONDS`; past either, None (the total stays unknown)."""
    import time

    deadline = time.monotonic() + COUNT_AHEAD_SECONDS
    count = 0
    for _ in tasks:
        count += 1
        if count > COUNT_AHEAD or (count % 256 == 0 and time.monotonic() > deadline):
            return None
    return count


def _batch(
    args: argparse.Namespace,
    kind: str,
    settings: Settings,
    fmt: str,
    tasks: Iterator[Task] | None = None,
) -> int:
    from nadif.scraper.batch.engine import run_batch
    from nadif.scraper.batch.runfile import run_outputs
    from nadif.scraper.batch.worker import make_worker

    exclude = run_outputs(args.output, args.errors) if args.output is not None else []

    def total() -> int | None:  # for the progress display only: called when it shows
        if kind != "url":
            return _count_ahead(_tasks(args.paths, kind, exclude))
        if args.feed or args.sitemap:
            return None  # known once the feeds and sitemaps are read: not counted ahead
        from nadif.scraper.batch.engine import iter_tasks

        count = _count_ahead(iter_tasks([*args.urls, *args.input], "url"))
        if count is None or args.max_urls is None:
            return count
        return min(count, int(args.max_urls))

    summary = run_batch(
        tasks if tasks is not None else _tasks(args.paths, kind, exclude),
        make_worker(settings),
        out=args.output,
        errors=args.errors,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=args.progress,
        fmt=fmt,
        total=total,
    )
    sys.stderr.write(summary.render() + "\n")
    if kind == "url":
        cache = settings.fetch.cache_dir if settings.fetch is not None else None
        sys.stderr.write(f"HTTP cache: {shown(str(cache)) if cache else 'off (--no-cache)'}\n")
    return summary.exit_code


def _run_options(args: argparse.Namespace, fmt: str) -> dict[str, Any]:
    """The options that shape the records of a run: a resume must give the same ones."""
    options: dict[str, Any] = {"command": args.command, "--site": args.site, "--format": fmt}
    if args.command == "extract":
        options["--url"] = args.url
    if getattr(args, "learn_templates", False):
        options["--learn-templates"] = True
    if args.command == "fetch":
        options["--ignore-robots"] = args.ignore_robots
        options["--allow-private"] = args.allow_private
    return options


def _check_stdin(paths: Sequence[str]) -> None:
    if STDIN in paths and len(paths) > 1:
        raise _Usage("'-' (standard input) is one document: give it alone")
    if STDIN in paths and sys.stdin.isatty():
        raise _Usage("'-' reads standard input, which is a terminal: pipe a document in")


def _run(args: argparse.Namespace) -> int:
    kind = {"clean": "text", "extract": "html", "fetch": "url"}[args.command]
    if args.output is not None and str(args.output) == STDIN:
        args.output = None  # -o -: standard output
    _check_jobs(args)
    _check_site(args.site)
    _check_engine(args)
    if kind == "url":
        _check_fetch_options(args)
        if not (args.urls or args.input or args.feed or args.sitemap):
            raise _Usage("give at least one URL, -i FILE, --feed URL or --sitemap URL")
        single = len(args.urls) == 1 and not (args.input or args.feed or args.sitemap)
        single = single and not args.dry_run
    else:
        inputs = args.paths
        _check_stdin(inputs)
        if kind == "html" and args.url and len(inputs) > 1:
            raise _Usage("--url names one page: give one PATH with it")
        single = len(inputs) == 1 and not os.path.isdir(inputs[0])
    fmt = args.format or ("json" if single else "jsonl")
    batch_fmt = "jsonl" if fmt == "json" else fmt  # several records: one JSON object a line
    _check_outputs(args, batch_fmt)
    settings = _settings(args, kind)
    if getattr(args, "learn_templates", False):
        settings = _learn_templates(args, args.paths, settings)
    url_tasks: Iterator[Task] | None = None
    if kind == "url":
        inputs = args.urls[:1]
        url_tasks = _url_tasks(args, settings)
        if args.dry_run:
            return _dry_run(url_tasks)
    elif inputs == [STDIN]:
        settings = replace(settings, stdin=_read_stdin())
    if single and args.output is None and args.engine == "local":
        from nadif.scraper.batch.engine import Task

        return _single(Task(inputs[0], kind), settings, fmt)
    if args.output is not None:
        from nadif.scraper.batch.runfile import OptionsMismatch, start_run

        try:
            start_run(
                args.output,
                _run_options(args, batch_fmt),
                errors=args.errors,
                overwrite=args.overwrite,
            )
        except OptionsMismatch as exc:
            raise _Usage(str(exc)) from None
    args.paths = inputs
    return _batch(args, kind, settings, batch_fmt, url_tasks)


def _learn_templates(
    args: argparse.Namespace, inputs: Sequence[str], settings: Settings
) -> Settings:
    """--learn-templates: learn each group's template from the inputs (two reading passes,
    `scraper.batch.templates`), report it on stderr, give it to the workers."""
    import time

    from nadif.scraper.batch.runfile import run_outputs
    from nadif.scraper.batch.templates import learn_templates_apart, report_lines

    if STDIN in inputs:
        raise _Usage("--learn-templates learns from many dumps: '-' (standard input) is one")
    exclude = run_outputs(args.output, args.errors) if args.output is not None else []
    started = time.perf_counter()
    templates, report = learn_templates_apart(inputs, [str(p) for p in exclude])
    seconds = time.perf_counter() - started
    sys.stderr.write("\n".join(report_lines(report, seconds)) + "\n")
    return replace(settings, templates=templates)


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise _Usage(f"standard input holds more than {MAX_STDIN_BYTES} bytes")
    return data


def _url_tasks(args: argparse.Namespace, settings: Settings) -> Iterator[Task]:
    """The tasks of a fetch run: URLs and URL lists (read lazily), then the article URLs
    of each --feed and --sitemap (fetched now, with nadif's Fetcher), at most --max-urls
    of them all, each URL once."""
    import itertools

    from nadif.scraper.batch.engine import Task, iter_tasks

    given = iter_tasks([*args.urls, *args.input], "url")
    expanded = (Task(url, "url") for url in _listed_urls(args, settings))
    tasks: Iterator[Task] = itertools.chain(given, expanded)
    if args.max_urls is not None:  # feeds and sitemaps are read only as far as needed
        tasks = itertools.islice(tasks, args.max_urls)
    return tasks


def _listed_urls(args: argparse.Namespace, settings: Settings) -> Iterator[str]:
    if not (args.feed or args.sitemap):
        return
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions
    from nadif.scraper.fetching.listings import feed_urls, listing_options, sitemap_urls

    def warn(message: str) -> None:
        sys.stderr.write(f"nadif: sitemap {shown(message)}\n")

    limit, same_host = args.max_urls, not args.any_host
    with Fetcher(listing_options(settings.fetch or FetchOptions())) as fetcher:
        for url in args.feed:
            listing = feed_urls(fetcher, url, limit=limit, same_host=same_host)
            _note_listing("feed", listing)
            yield from listing.urls
        for url in args.sitemap:
            listing = sitemap_urls(fetcher, url, limit=limit, same_host=same_host, warn=warn)
            _note_listing("sitemap", listing)
            yield from listing.urls


def _note_listing(what: str, listing: Any) -> None:
    rejected = f", {listing.rejected} links left out" if listing.rejected else ""
    documents = f" from {listing.documents} documents" if listing.documents > 1 else ""
    sys.stderr.write(
        f"{what} {shown(listing.source)}: {len(listing.urls)} article URLs{documents}{rejected}\n"
    )


def _dry_run(tasks: Iterator[Task]) -> int:
    """--dry-run: the URLs that would be fetched, one a line; no article is fetched."""
    count, seen = 0, set()
    for task in tasks:
        if task.problem is not None:
            sys.stderr.write(f"nadif: {shown(task.source)}: {task.problem}\n")
        elif task.source not in seen:
            seen.add(task.source)
            count += 1
            sys.stdout.write(task.source + "\n")
    sys.stderr.write(f"dry run: {count} URLs would be fetched\n")
    return EXIT_OK


def _settings(args: argparse.Namespace, kind: str) -> Settings:
    from nadif.scraper.batch.worker import Settings

    if kind != "url":
        return Settings(site=args.site, url=getattr(args, "url", None))
    from nadif.scraper.fetching.fetcher import FetchOptions

    extra: dict[str, Any] = {}
    if args.user_agent is not None:
        extra["user_agent"] = args.user_agent.strip()
    if args.max_size is not None:
        extra["max_bytes"] = args.max_size
    options = FetchOptions(
        **extra,
        proxy=args.proxy,
        headers=args.headers,
        cache_dir=None if args.no_cache else (args.cache_dir or _default_cache()),
        respect_robots=not args.ignore_robots,
        allow_private=args.allow_private,
        per_host_delay=args.delay,
        read_timeout=args.timeout,
        max_time=args.max_time,
        retries=args.retries,
    )
    return Settings(site=args.site, fetch=options)


def _sites() -> int:
    from nadif.sites import all_sites

    for site in all_sites():
        platform = f"  [{site.platform.name}]" if site.platform else ""
        broken = f"  BROKEN: {site.broken}" if site.broken else ""
        sys.stdout.write(f"{site.name:<18} {', '.join(site.domains)}{platform}{broken}\n")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    """`nadif review`: the page is written by `scraper.review.review_file`."""
    if args.threshold is not None and not args.near_duplicates:
        raise _Usage("--threshold needs --near-duplicates")
    threshold = args.threshold if args.threshold is not None else REVIEW_THRESHOLD
    threshold = threshold if args.near_duplicates else None
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise _Usage(f"--threshold must be in (0, 1], not {threshold:g}")
    if args.max_articles is not None and args.max_articles < 0:
        raise _Usage("--max-articles must be 0 or more")
    if args.sample is not None and args.sample < 0:
        raise _Usage(f"--sample must be 0 or more, not {args.sample}")
    if args.sample is not None and args.max_articles is not None:
        raise _Usage("--sample and --max-articles both choose the sections: give one")
    from nadif.scraper.review.page import render_clusters, review_file

    result = review_file(
        args.jsonl,
        output=args.output,
        errors=args.errors,
        near_duplicates=threshold,
        max_articles=args.max_articles,
        sample=args.sample,
    )
    sys.stderr.write(
        f"review: {shown(str(result.output))}  articles: {result.articles}  "
        f"errors: {result.errors}  removed lines: {result.removed_lines}\n"
    )
    if result.clusters is not None and threshold is not None:
        sys.stderr.write(render_clusters(result.clusters, threshold) + "\n")
    return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "learn":
        from nadif.scraper import learn_cmd

        return learn_cmd.run(args)
    if args.command == "sites":
        return _sites()
    if args.command == "review":
        return _review(args)
    return _run(args)


def _stdout_gone() -> NoReturn:
    """The reader of our output went away (`| head`): end quietly, as Unix tools do.

    Python's recommended pattern: point stdout at /dev/null so that the flush at exit
    does not fail again, and exit without a message.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise SystemExit(EXIT_OK)


def _report(exc: Exception) -> int:
    """An error of the run (not of the command line): one line on stderr, exit code 1."""
    from nadif.cleaners.errors import NadifError
    from nadif.scraper.batch.engine import SchedulerUnreachable

    if isinstance(exc, NadifError):
        sys.stderr.write(f"nadif: {shown(str(exc.source))}: {exc.reason}\n")
        return EXIT_FAILED
    if isinstance(exc, SchedulerUnreachable):
        sys.stderr.write(f"nadif: --scheduler {shown(exc.address)}: {exc.reason}\n")
        return EXIT_FAILED
    if isinstance(exc, OSError):  # an output that cannot be written: the disk, not an input
        where = shown(os.fsdecode(exc.filename)) if exc.filename is not None else "output"
        sys.stderr.write(f"nadif: {where}: cannot write: {exc.strerror or exc}\n")
        return EXIT_FAILED
    raise exc


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = _parser()
    args = parser.parse_args(argv)
    usage = commands.get(args.command, parser)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except _Usage as exc:
        usage.error(str(exc))
    except KeyboardInterrupt:
        sys.stderr.write("nadif: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError as exc:
        if exc.filename is None:  # stdout (or stderr) closed; a file's EPIPE names it
            _stdout_gone()
        return _report(exc)
    except Exception as exc:  # noqa: BLE001 - _report re-raises what it does not know
        return _report(exc)


if __name__ == "__main__":
    sys.exit(main())
