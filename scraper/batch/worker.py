"""The per-input worker of batch runs: one `Task` in, one output record out.

Top-level and picklable (it runs in pool processes and on Dask workers): settings travel
with it through `functools.partial(run_task, settings=...)`. URL tasks share one
`Fetcher` per process (its connections, disk cache, robots.txt answers and per-host
politeness), made on first use in that process.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from nadif.cleaners.errors import InputError
from nadif.scraper.batch._inputs import Task
from nadif.scraper.textio import open_regular

if TYPE_CHECKING:
    from nadif.cleaners.article import Article
    from nadif.scraper.batch.templates import Templates
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions

__all__ = ["Settings", "article_for", "make_worker", "read_html_file", "run_task"]

MAX_HTML_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """What every task of one run shares.

    site   None = by URL host or text signatures, "none" = generic rules only, or a name
    url    the page's URL for `extract` of HTML files (one input)
    fetch  fetcher options for URL tasks (None: the defaults)
    stdin  the bytes of standard input, read by the CLI: the document of the task "-"
    templates  learned template rules by group (`--learn-templates`), for text dumps

    Each kind of task imports its machinery when it first runs (a run of text dumps never
    loads the HTML extractor or the HTTP client).
    """

    site: str | None = None
    url: str | None = None
    fetch: FetchOptions | None = None
    stdin: bytes | None = None
    templates: Templates | None = None


STDIN = "-"


def _from_stdin(task: Task, data: bytes, settings: Settings) -> Article:
    """The document given on standard input (source "-"), as a dump or a page."""
    if not data.strip():
        raise InputError(STDIN, "standard input is empty" if not data else "only white space")
    if task.kind == "html":
        from nadif.scraper.extraction.article import extract_html

        return extract_html(data, settings.url, site=settings.site, source=STDIN)
    from nadif.scraper._markup import looks_like_page
    from nadif.scraper.text import clean_text
    from nadif.scraper.textio import decode_bytes

    text, _encoding = decode_bytes(data, STDIN)
    if looks_like_page(text):
        raise InputError(
            STDIN, "this is an HTML page, not a text dump: use `nadif extract -` for pages"
        )
    return clean_text(text, settings.site, source=STDIN)


@lru_cache(maxsize=4)
def _fetcher(options: FetchOptions | None) -> Fetcher:
    from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions

    return Fetcher(options if options is not None else FetchOptions())


def read_html_file(path: str) -> bytes:
    """An HTML file's bytes (`.gz` files decompressed, with a size cap), or `InputError`."""
    with open_regular(path) as raw:  # a named pipe or a device is refused, never read
        try:
            if path.endswith(".gz"):
                with gzip.GzipFile(fileobj=raw, mode="rb") as fh:
                    data = fh.read(MAX_HTML_BYTES + 1)
            else:
                data = raw.read(MAX_HTML_BYTES + 1)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(path, getattr(exc, "strerror", None) or str(exc)) from None
    if len(data) > MAX_HTML_BYTES:
        raise InputError(path, f"HTML larger than {MAX_HTML_BYTES} bytes")
    if not data.strip():
        raise InputError(path, "empty file")
    return data


def article_for(task: Task, settings: Settings) -> Article:
    if task.problem is not None:  # the walk could not hand this input over (a link loop...)
        raise InputError(task.source, task.problem)
    if task.source == STDIN and settings.stdin is not None and task.kind != "url":
        return _from_stdin(task, settings.stdin, settings)
    if task.kind == "text" and settings.templates is not None:
        from nadif.scraper.batch.templates import clean_file_with_templates

        return clean_file_with_templates(task.source, settings.site, settings.templates)
    if task.kind == "text":
        from nadif.scraper.text import clean_file

        return clean_file(task.source, settings.site)
    if task.kind == "html":
        from nadif.scraper.extraction.article import extract_html

        html = read_html_file(task.source)
        return extract_html(html, settings.url, site=settings.site, source=os.fspath(task.source))
    if task.kind == "url":
        from nadif.scraper.extraction.article import fetch_article

        return fetch_article(task.source, site=settings.site, fetcher=_fetcher(settings.fetch))
    raise InputError(task.source, f"unknown input kind {task.kind!r}")


def run_task(task: Task, settings: Settings) -> dict[str, Any]:
    record = article_for(task, settings).to_dict()
    record["source"] = task.source
    return record


def make_worker(settings: Settings) -> partial[dict[str, Any]]:
    return partial(run_task, settings=settings)
