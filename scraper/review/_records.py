"""Reading nadif's JSONL back: one record a line, streamed, each checked before use.

The review page trusts nothing it reads: a line that is not JSON, or a record whose
fields do not have the types `Article.to_dict` writes, is an `InputError` naming the
file and the line ("out.jsonl:7"), never a traceback deep inside the renderer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from nadif.cleaners.errors import InputError

__all__ = ["article_problem", "error_problem", "read_jsonl"]

_OPTIONAL_TEXT = ("url", "site", "lang", "title", "published", "author")


def read_jsonl(path: Path, check: Callable[[object], str | None]) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file, one at a time; blank lines are skipped.

    `check(record)` returns None for a good record or the reason it is not one.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a JSONL file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    where, f"not UTF-8 (byte {raw[exc.start]:#04x} at column {exc.start + 1})"
                ) from None
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise InputError(where, f"not a JSON line ({exc})") from None
            except RecursionError:
                raise InputError(where, "not a JSON line (nested too deeply)") from None
            problem = check(record)
            if problem is not None:
                raise InputError(where, problem)
            yield record


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def article_problem(record: object) -> str | None:
    """Why `record` is not an article record as nadif writes it (None if it is one)."""
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an article record (an object)"
    if "paragraphs" not in record and "reason" in record and "error" in record:
        return "an error record, not an article (give the errors file with --errors)"
    if not isinstance(record.get("source"), str):
        return "no 'source' string"
    for name in _OPTIONAL_TEXT:
        if record.get(name) is not None and not isinstance(record[name], str):
            return f"'{name}' is neither a string nor null"
    if not _is_str_list(record.get("paragraphs")):
        return "'paragraphs' is not a list of strings"
    if not _is_str_list(record.get("flags", [])):
        return "'flags' is not a list of strings"
    removed = record.get("removed")
    if not isinstance(removed, list):
        return "'removed' is not a list"
    for item in removed:
        problem = _removal_problem(item)
        if problem is not None:
            return f"'removed' holds {problem}"
    title_line = record.get("title_line")
    if title_line is not None and not _is_int(title_line):
        return "'title_line' is neither an integer nor null"
    lines = record.get("paragraph_lines")
    if lines is not None:
        if not isinstance(lines, list) or not all(_is_int(n) for n in lines):
            return "'paragraph_lines' is not a list of integers"
        if len(lines) != len(record["paragraphs"]):
            return f"'paragraph_lines' has {len(lines)} numbers for {len(record['paragraphs'])} paragraphs"
    return None


def _removal_problem(item: object) -> str | None:
    if not isinstance(item, Mapping):
        return "an entry that is not an object"
    if not (item.get("line") is None or _is_int(item.get("line"))):
        return "an entry whose 'line' is not an integer"
    for name in ("text", "kind", "rule"):
        if not isinstance(item.get(name), str):
            return f"an entry without a '{name}' string"
    return None


def error_problem(record: object) -> str | None:
    """Why `record` is not an error record (source, kind, error, reason); None if it is."""
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not an error record (an object)"
    for name in ("source", "reason"):
        if not isinstance(record.get(name), str):
            return f"no '{name}' string: not an error record"
    for name in ("kind", "error"):
        if record.get(name) is not None and not isinstance(record[name], str):
            return f"'{name}' is neither a string nor null"
    return None
