"""Output formats: one record (`Article.to_dict()` plus its `source`) as bytes.

    FORMATS       jsonl csv text markdown xml
    FILE_FORMATS  jsonl csv            (-o OUT is one file, appended to, resumable)
    DIR_FORMATS   text markdown xml    (-o OUT is a folder, one file per article)

- jsonl: one JSON object a line.
- csv: one row an article, columns `CSV_COLUMNS` (the csv module's quoting; `flags`
  joined by ";", `removed_count` the number of removed lines). Rows end with CRLF, as
  RFC 4180 says; a paragraph break inside `text` is a bare LF inside the quoted field.
- text: the title, a blank line, the paragraphs separated by blank lines.
- markdown: the title as a level-1 heading, then the paragraphs; a paragraph that would
  read as Markdown syntax at its start (a heading, a quote, a list item) is escaped.
- xml: one `<article>` element (see `record_xml`), built with ElementTree, so that every
  character is escaped; characters XML 1.0 cannot hold (C0 controls, lone surrogates)
  become U+FFFD.

Several records to a stream: csv has one header row first, xml is wrapped in one
`<articles>` root, text and markdown give each article a header naming its source.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any, Final

from nadif.scraper._shown import shown

__all__ = [
    "CSV_COLUMNS",
    "DIR_FORMATS",
    "FILE_FORMATS",
    "FORMATS",
    "SUFFIXES",
    "csv_header",
    "json_line",
    "record_xml",
    "render",
    "stream_header",
    "xml_prologue",
]

FILE_FORMATS: Final = ("jsonl", "csv")
DIR_FORMATS: Final = ("text", "markdown", "xml")
FORMATS: Final = (*FILE_FORMATS, *DIR_FORMATS)
SUFFIXES: Final = {
    "jsonl": ".jsonl",
    "csv": ".csv",
    "text": ".txt",
    "markdown": ".md",
    "xml": ".xml",
}
"""The file suffix of each format (a folder format: of each article's file)."""

CSV_COLUMNS: Final = (
    "source",
    "url",
    "site",
    "lang",
    "title",
    "published",
    "author",
    "text",
    "flags",
    "removed_count",
)
CSV_TERMINATOR: Final = b"\r\n"

# XML 1.0 admits tab, LF, CR and these ranges; anything else cannot be written at all
_NOT_XML: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# list fields of a record and the name of one item's element
_ITEM_NAMES: Final = {
    "paragraphs": "p",
    "flags": "flag",
    "categories": "category",
    "tags": "tag",
}
# fields shown elsewhere in the XML form (paragraph_lines as each <p line="">)
_XML_FOLDED: Final = frozenset({"title_line", "paragraph_lines", "text"})
# what would start Markdown syntax at the start of a paragraph
_MD_BLOCK_START: Final = re.compile(r"^(\s*)([#>+*=-]|\d+[.)]|`{3}|~{3})")


def json_line(record: dict[str, Any]) -> bytes:
    """One JSON object on one line, UTF-8, ending with a newline.

    Paths are not always valid Unicode (a file name with undecodable bytes arrives with
    lone surrogates): such a record is written with \\u escapes, still valid JSON that
    reads back to the very same string.
    """
    text = json.dumps(record, ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "replace")


def _text(record: dict[str, Any]) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        text = "\n\n".join(str(p) for p in record.get("paragraphs") or ())
    return text


def text_body(record: dict[str, Any]) -> bytes:
    """The text form: title, a blank line, then the paragraphs."""
    title = record.get("title")
    text = _text(record)
    body = f"{title}\n\n{text}" if title else text
    return (body.rstrip("\n") + "\n").encode("utf-8", "surrogateescape")


def _md_escape(paragraph: str) -> str:
    return _MD_BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", paragraph, count=1)


def markdown_body(record: dict[str, Any]) -> bytes:
    """The Markdown form: `# title`, then each paragraph, blank lines between."""
    parts = []
    title = record.get("title")
    if title:
        parts.append("# " + " ".join(str(title).split()))
    parts.extend(_md_escape(str(p)) for p in record.get("paragraphs") or ())
    return _utf8("\n\n".join(parts) + "\n")


def csv_header() -> bytes:
    return _csv_row(list(CSV_COLUMNS))


def _csv_row(values: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=CSV_TERMINATOR.decode()).writerow(values)
    return _utf8(buffer.getvalue())


def csv_row(record: dict[str, Any]) -> bytes:
    """One CSV row of `CSV_COLUMNS` (null is an empty cell)."""
    values: list[str] = []
    for column in CSV_COLUMNS:
        if column == "text":
            value: Any = _text(record).replace("\r", "")
        elif column == "flags":
            value = ";".join(str(f) for f in record.get("flags") or ())
        elif column == "removed_count":
            value = len(record.get("removed") or ())
        else:
            value = record.get(column)
        values.append("" if value is None else str(value))
    return _csv_row(values)


def _clean_xml(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _clean_xml(value)


def record_xml(record: dict[str, Any]) -> ET.Element:
    """The XML form of a record: `<article>` with one child per non-null field, in order.

    Scalars are text elements (`<title line="3">`, the title's input line); lists are
    an element of items (`<paragraphs><p line="5">`, `<flags><flag>`, `<categories>
    <category>`, `<tags><tag>`); each removal is `<removal line kind rule [score]>` with
    the removed text; other objects map their keys to attributes.
    """
    article = ET.Element("article")
    lines = list(record.get("paragraph_lines") or ())
    for key, value in record.items():
        if value is None or key in _XML_FOLDED:
            continue
        child = ET.SubElement(article, key)
        if key == "removed":
            for removal in value:
                item = ET.SubElement(child, "removal")
                for name, field_value in removal.items():
                    if name != "text" and field_value is not None:
                        item.set(name, _scalar(field_value))
                item.text = _clean_xml(removal.get("text", ""))
        elif isinstance(value, list):
            name = _ITEM_NAMES.get(key, "item")
            for index, item_value in enumerate(value):
                item = ET.SubElement(child, name)
                if key == "paragraphs" and index < len(lines):
                    item.set("line", str(lines[index]))
                item.text = _scalar(item_value)
        elif isinstance(value, dict):
            for name, field_value in value.items():
                if field_value is not None:
                    child.set(name, _scalar(field_value))
        else:
            child.text = _scalar(value)
            if key == "title" and record.get("title_line") is not None:
                child.set("line", str(record["title_line"]))
    return article


def xml_body(record: dict[str, Any]) -> bytes:
    """One `<article>` element, serialised on its own (no declaration), with a newline."""
    ET.indent(element := record_xml(record))
    return ET.tostring(element, encoding="unicode").encode("utf-8") + b"\n"


def xml_prologue() -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n'


_RENDERERS: Final[dict[str, Callable[[dict[str, Any]], bytes]]] = {
    "jsonl": json_line,
    "csv": csv_row,
    "text": text_body,
    "markdown": markdown_body,
    "xml": xml_body,
}


def render(record: dict[str, Any], fmt: str) -> bytes:
    """One record in format `fmt` (one of `FORMATS`)."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}: expected {', '.join(FORMATS)}") from None
    return renderer(record)


def stream_header(fmt: str, source: str) -> bytes:
    """The line that names an article's source before it, when several go to a stream."""
    shown_source = shown(source).encode("utf-8", "replace").decode("utf-8")
    if fmt == "text":
        return _utf8(f"==> {shown_source} <==\n")
    if fmt == "markdown":
        return _utf8(f"<!-- source: {shown_source.replace('--', '- -')} -->\n")
    return b""
