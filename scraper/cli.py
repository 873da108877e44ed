"""`nadif`: the command line, a thin layer over `scraper`.

    nadif clean   PATH...             text dumps (files, or folders walked recursively)
    nadif extract PATH... [--url URL] HTML files (.html .htm .html.gz) or folders of them
    nadif fetch   URL... [-i FILE]    fetch articles by URL (robots.txt, cache, politeness)
    nadif sites                       list the site modules
    nadif review  OUT.jsonl [-o PAGE] the HTML review page of an output file

Output options (all three): [--format json|jsonl|text] [--site NAME|none] [-o OUT]
[--errors FILE] [--jobs N] [--engine local|dask] [--scheduler ADDR] [--[no-]progress].

Exit codes: 0 every input gave an article; 1 at least one input failed (each failure is
an error record: in the errors file, or on stderr) or an output could not be written;
2 the command line itself is wrong (unknown option, unknown site); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from nadif.cleaners.errors import NadifError, SiteRegistryError
from nadif.cleaners.nearduplicates import DEFAULT_THRESHOLD
from nadif.scraper.batch.engine import Task, iter_tasks, run_batch
from nadif.scraper.batch.worker import Settings, article_for, make_worker
from nadif.scraper.fetching.fetcher import FetchOptions
from nadif.scraper.review.page import render_clusters, review_file
from nadif.scraper.text import NO_SITE
from nadif.sites import all_sites, get_site

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nadif",
        description="Clean scraped news pages into articles, with every removed line accounted for.",
        epilog="Exit codes: 0 all inputs cleaned, 1 some inputs failed, 2 usage error, 130 interrupted.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = sub.add_parser("clean", help="clean text dumps (files or folders, recursively)")
    clean.add_argument("paths", nargs="+", metavar="PATH", help="a dump file or a folder of dumps")
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
        "--retries",
        type=int,
        default=3,
        metavar="N",
        help="retries on 429/5xx/network errors (default 3)",
    )
    _output_options(fetch)

    sub.add_parser("sites", help="list the site modules")

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
        "--threshold",
        type=float,
        default=None,
        metavar="J",
        help=f"similarity for --near-duplicates, in (0, 1] (default {DEFAULT_THRESHOLD})",
    )
    return parser


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nadif" / "http"


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default=None,
        help="json: one indented object (one input); jsonl: one object a line (default for "
        "several inputs); text: title and paragraphs (with -o DIR: one .txt per article)",
    )
    p.add_argument(
        "--site",
        default=None,
        metavar="NAME",
        help="force a site module, or 'none' for generic rules only",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT",
        help="output file (JSONL) or folder (text); default stdout",
    )
    p.add_argument(
        "--errors",
        type=Path,
        default=None,
        metavar="FILE",
        help="error records (default: OUT.errors.jsonl beside OUT, or stderr)",
    )
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster",
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


def _print_json(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _print_text(record: dict[str, Any]) -> None:
    if record.get("title"):
        sys.stdout.write(record["title"] + "\n\n")
    sys.stdout.write(record["text"] + "\n")


def _single(task: Task, settings: Settings, fmt: str) -> int:
    """One input to stdout: the record itself, or the error on stderr."""
    path = task.source
    try:
        record = article_for(task, settings).to_dict()
    except NadifError as exc:
        sys.stderr.write(f"nadif: {exc.source}: {exc.reason}\n")
        return EXIT_FAILED
    record["source"] = path
    if fmt == "text":
        _print_text(record)
    elif fmt == "jsonl":
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _print_json(record)
    return EXIT_OK


def _tasks(paths: Sequence[str], kind: str) -> Iterator[Task]:
    """The batch's tasks; a folder that holds nothing to clean is an error record too."""
    for path in paths:
        found = False
        for task in iter_tasks([path], kind):
            found = True
            yield task
        if not found:
            yield Task(path, kind, problem="no readable files in this folder")


def _batch(args: argparse.Namespace, kind: str, settings: Settings) -> int:

    fmt = args.format or "jsonl"
    if fmt == "json":
        fmt = "jsonl"  # several records: one JSON object a line
    summary = run_batch(
        _tasks(args.paths, kind),
        make_worker(settings),
        out=args.output,
        errors=args.errors,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=args.progress,
        fmt=fmt,
    )
    sys.stderr.write(summary.render() + "\n")
    return summary.exit_code


def _run(args: argparse.Namespace) -> int:
    kind = {"clean": "text", "extract": "html", "fetch": "url"}[args.command]
    if kind == "url":
        inputs = [*args.urls, *args.input]
        if not inputs:
            raise _Usage("give at least one URL or -i FILE")
        options = FetchOptions(
            cache_dir=None if args.no_cache else (args.cache_dir or _default_cache()),
            respect_robots=not args.ignore_robots,
            per_host_delay=args.delay,
            read_timeout=args.timeout,
            retries=args.retries,
        )
        settings = Settings(site=args.site, fetch=options)
        single = len(args.urls) == 1 and not args.input
    else:
        inputs = args.paths
        if kind == "html" and args.url and len(inputs) > 1:
            raise _Usage("--url names one page: give one PATH with it")
        settings = Settings(site=args.site, url=getattr(args, "url", None))
        single = len(inputs) == 1 and not os.path.isdir(inputs[0])
    if single and args.output is None and args.engine == "local":
        return _single(Task(inputs[0], kind), settings, args.format or "json")
    args.paths = inputs
    return _batch(args, kind, settings)


class _Usage(Exception):
    """A command line that cannot be run (exit code 2)."""


def _sites() -> int:
    for site in all_sites():
        platform = f"  [{site.platform.name}]" if site.platform else ""
        broken = f"  BROKEN: {site.broken}" if site.broken else ""
        sys.stdout.write(f"{site.name:<18} {', '.join(site.domains)}{platform}{broken}\n")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    """`nadif review`: the page is written by `scraper.review.review_file`."""
    if args.threshold is not None and not args.near_duplicates:
        raise _Usage("--threshold needs --near-duplicates")
    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    threshold = threshold if args.near_duplicates else None
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise _Usage(f"--threshold must be in (0, 1], not {threshold:g}")
    if args.max_articles is not None and args.max_articles < 0:
        raise _Usage("--max-articles must be 0 or more")
    result = review_file(
        args.jsonl,
        output=args.output,
        errors=args.errors,
        near_duplicates=threshold,
        max_articles=args.max_articles,
    )
    sys.stderr.write(
        f"review: {result.output}  articles: {result.articles}  errors: {result.errors}  "
        f"removed lines: {result.removed_lines}\n"
    )
    if result.clusters is not None and threshold is not None:
        sys.stderr.write(render_clusters(result.clusters, threshold) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "sites":
            return _sites()
        if args.command == "review":
            return _review(args)
        if getattr(args, "jobs", 1) < 1:
            parser.error("--jobs must be at least 1")
        if args.site not in (None, NO_SITE):
            try:
                get_site(args.site)
            except SiteRegistryError as exc:
                parser.error(f"--site {exc.source}: {exc.reason}")
        return _run(args)
    except (_Usage, ValueError) as exc:  # run_batch: arguments that contradict each other
        parser.error(str(exc))
    except KeyboardInterrupt:
        sys.stderr.write("nadif: interrupted\n")
        return EXIT_INTERRUPTED
    except NadifError as exc:
        sys.stderr.write(f"nadif: {exc.source}: {exc.reason}\n")
        return EXIT_FAILED
    except OSError as exc:  # an output that cannot be written: the disk, not an input
        where = exc.filename if exc.filename is not None else "output"
        sys.stderr.write(f"nadif: {where}: cannot write: {exc.strerror or exc}\n")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
