"""`nadif`: the command line, a thin layer over `scraper`.

    nadif clean PATH... [--format json|jsonl|text] [--site NAME|none] [-o OUT]
                        [--jobs N] [--errors FILE] [--engine local|dask] [--scheduler ADDR]
    nadif sites

Exit codes: 0 every input gave an article; 1 at least one input failed (each failure is
an error record: in the errors file, or on stderr); 2 the command line itself is wrong
(unknown option, unknown site); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaners.errors import NadifError, SiteRegistryError
from sites import all_sites, get_site

from .text import NO_SITE, clean_file
from .worker import Settings, make_worker

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

    sub.add_parser("sites", help="list the site modules")
    return parser


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default=None,
        help="json: one indented object (one input); jsonl: one object a line (default for "
        "several inputs); text: title and paragraphs (with -o DIR: one .txt per article)",
    )
    p.add_argument("--site", default=None, metavar="NAME", help="force a site module, or 'none' for generic rules only")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="OUT", help="output file (JSONL) or folder (text); default stdout")
    p.add_argument("--errors", type=Path, default=None, metavar="FILE", help="error records (default: OUT.errors.jsonl beside OUT, or stderr)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes, or a Dask cluster")
    p.add_argument("--scheduler", default=None, metavar="ADDR", help="Dask scheduler address (default: a local cluster)")
    progress = p.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")


def _print_json(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def _print_text(record: dict[str, Any]) -> None:
    if record.get("title"):
        sys.stdout.write(record["title"] + "\n\n")
    sys.stdout.write(record["text"] + "\n")


def _single(path: str, settings: Settings, fmt: str) -> int:
    """One file to stdout: the record itself, or the error on stderr."""
    try:
        record = clean_file(path, settings.site).to_dict()
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


def _batch(args: argparse.Namespace, kind: str, settings: Settings) -> int:
    from .batch import iter_tasks, run_batch

    fmt = args.format or "jsonl"
    if fmt == "json":
        fmt = "jsonl"  # several records: one JSON object a line
    summary = run_batch(
        iter_tasks(args.paths, kind),
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
    return EXIT_OK if summary.errors == 0 else EXIT_FAILED


def _clean(args: argparse.Namespace) -> int:
    settings = Settings(site=args.site)
    single = len(args.paths) == 1 and not os.path.isdir(args.paths[0])
    if single and args.output is None and args.engine == "local":
        return _single(args.paths[0], settings, args.format or "json")
    return _batch(args, "text", settings)


def _sites() -> int:
    for site in all_sites():
        platform = f"  [{site.platform.name}]" if site.platform else ""
        broken = f"  BROKEN: {site.broken}" if site.broken else ""
        sys.stdout.write(f"{site.name:<18} {', '.join(site.domains)}{platform}{broken}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "sites":
            return _sites()
        if getattr(args, "jobs", 1) < 1:
            parser.error("--jobs must be at least 1")
        if args.site not in (None, NO_SITE):
            try:
                get_site(args.site)
            except SiteRegistryError as exc:
                parser.error(f"--site {exc.source}: {exc.reason}")
        return _clean(args)
    except KeyboardInterrupt:
        sys.stderr.write("nadif: interrupted\n")
        return EXIT_INTERRUPTED
    except NadifError as exc:
        sys.stderr.write(f"nadif: {exc.source}: {exc.reason}\n")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
