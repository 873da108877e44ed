"""The review page's HTML: Jinja2 templates (package data in `templates/`), autoescaped.

The templates get plain values (the records, the counts) and Jinja2 escapes each on
output, so scraped text never becomes markup and no HTML is built here by hand. Two
filters do what escaping does not: `bidi_shown` writes a name's bidirectional controls as
visible escapes (a file name cannot reorder what the reader sees) and `direction` gives a
line its `dir` (`_direction`); `is_http` says whether a URL may be a link.

- `records.html.j2`: what one record gives, rendered as the records stream by: an
  article's section (`article_html`) and an error's table row (`error_row_html`);
- `page.html.j2`: the page around them (`page_chunks`), which takes those sections back
  as streams of already-escaped HTML.

Jinja2 is imported on first use, so that `nadif --help` does not pay for it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from nadif.scraper._shown import BIDI_CONTROLS
from nadif.scraper.review._direction import direction

if TYPE_CHECKING:
    import jinja2

__all__ = ["article_html", "error_row_html", "page_chunks"]

NO_SITE: Final = "(no site)"
_LANG: Final = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_BIDI_SHOWN: Final = {ord(c): f"\\u{ord(c):04x}" for c in BIDI_CONTROLS}

Row = tuple[int | None, str, str, str, str]
"""One line of an article: (line number or None, "title"/"kept"/"removed", text, kind, rule)."""


def bidi_shown(value: object) -> str:
    """A source (file name or URL) with its bidi controls written as visible escapes."""
    return str(value).translate(_BIDI_SHOWN)


def is_http(url: str) -> bool:
    """Whether `url` may be a link on the page: http(s) only (no javascript:, data:...)."""
    return urlsplit(url).scheme.lower() in ("http", "https")


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("nadif.scraper.review", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(bidi_shown=bidi_shown, direction=direction, is_http=is_http)
    env.globals["no_site"] = NO_SITE
    return env


@functools.cache
def _records_module() -> Any:
    """The macros of records.html.j2 (`article`, `error_row`), as Python callables."""
    return _environment().get_template("records.html.j2").module


def _trusted(html: str) -> object:
    """HTML these templates rendered, marked so that the page does not escape it again."""
    import markupsafe

    return markupsafe.Markup(html)


def article_html(number: int, record: dict[str, Any]) -> str:
    """The section of article #number: its metadata and its lines in input order."""
    rows, numbered = _rows(record)
    cuts: list[Row] = [
        (None, "removed", r["text"], r["kind"], r["rule"])
        for r in record["removed"]
        if r.get("line") == 0  # cut from the markup: no text line
    ]
    lang = record.get("lang")
    html: str = _records_module().article(
        number,
        record,
        lang if lang and _LANG.fullmatch(lang) else None,
        rows,
        numbered,
        cuts,
    )
    return html


def error_row_html(record: dict[str, Any]) -> str:
    """The row of the errors table for one error record."""
    html: str = _records_module().error_row(record)
    return html


def page_chunks(
    context: Mapping[str, Any], *, error_rows: Iterable[str], articles: Iterable[str]
) -> Iterator[str]:
    """The page, piece by piece, from the values of page.html.j2 (`context`) and two
    streams of HTML, the error rows from `error_row_html` and the article sections from
    `article_html`, which are put in as they are (not escaped again)."""
    template = _environment().get_template("page.html.j2")
    return template.generate(
        **context, error_rows=map(_trusted, error_rows), articles=map(_trusted, articles)
    )


def _rows(record: dict[str, Any]) -> tuple[list[Row], bool]:
    """The article's rows sorted into input order, and whether line numbers were known.

    A row without a line number (a title taken from the page's metadata) comes first;
    ties keep title, kept, removed order. A record without `paragraph_lines` (an older
    nadif) shows its title and paragraphs first, then the removed lines by line number.
    Cuts from the HTML (line 0) are not rows: the section lists them after the lines.
    """
    keyed: list[tuple[tuple[int, int, int], Row]] = []
    numbers = record.get("paragraph_lines")
    numbered = numbers is not None or not record["paragraphs"]

    def key(line: int | None, order: int) -> tuple[int, int, int]:
        return (0, 0, order) if line is None else (1, line, order)

    order = 0
    title = record.get("title")
    if title is not None:
        line = record.get("title_line") if numbered else None
        keyed.append((key(line, order), (line, "title", title, "", "")))
        order += 1
    for i, paragraph in enumerate(record["paragraphs"]):
        line = numbers[i] if numbers is not None else None
        keyed.append((key(line, order), (line, "kept", paragraph, "", "")))
        order += 1
    for removal in record["removed"]:
        line = removal.get("line")
        if line == 0:
            continue
        keyed.append(
            (key(line, order), (line, "removed", removal["text"], removal["kind"], removal["rule"]))
        )
        order += 1
    keyed.sort(key=lambda item: item[0])
    return [row for _, row in keyed], numbered
