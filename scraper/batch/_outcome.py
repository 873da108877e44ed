"""What a worker process sends back for one task: an `Outcome`, already serialised.

`run_chunk` is the function that actually runs in the worker processes (local pool or Dask
workers). It calls the user's worker, catches every `Exception` (a bug in one input must
not kill the batch), and serialises the record there, in the worker: the driver then only
writes bytes, so it does not become the bottleneck that a process pool was meant to avoid,
and the result crossing the process boundary is one `bytes` object, cheap to pickle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from nadif.cleaners.errors import NadifError
from nadif.scraper.batch._inputs import Task

__all__ = ["FORMATS", "Outcome", "Worker", "failure", "run_chunk", "run_one"]

Worker = Callable[[Task], dict[str, Any]]
"""Cleans one input: returns its output record, raises (ideally a NadifError) on failure.

It must be picklable (a top-level function, or a functools.partial of one) since it runs
in other processes.
"""

FORMATS = ("jsonl", "text")
"""Output formats: one JSON record a line, or one .txt file per article."""


class Outcome(NamedTuple):
    """The result of one task, ready to write.

    `payload` is the JSON line (with its final newline) of the record or of the error
    record; in the "text" format, an article's payload is the body of its .txt file.
    `site` and `kinds` (the kind of each removed line) feed the run summary.
    """

    source: str
    ok: bool
    payload: bytes
    site: str | None = None
    kinds: tuple[str, ...] = ()


def run_chunk(worker: Worker, fmt: str, tasks: Sequence[Task]) -> list[Outcome]:
    """Run `worker` on each task of a chunk; never raises for a failing input."""
    return [run_one(worker, fmt, task) for task in tasks]


def run_one(worker: Worker, fmt: str, task: Task) -> Outcome:
    """One task -> one outcome, either the record or an error record naming the reason."""
    if task.problem is not None:
        return failure(task, "InputError", task.problem)
    try:
        result = worker(task)
        if not isinstance(result, dict):
            raise TypeError(f"the worker returned {type(result).__name__}, not a dict")
        # the task's source is the record's key for resuming: it comes first, as given
        record = {"source": task.source, **{k: v for k, v in result.items() if k != "source"}}
        site = record.get("site")
        kinds = tuple(str(removal["kind"]) for removal in record.get("removed") or ())
        payload = _text_body(record) if fmt == "text" else json_line(record)
    except Exception as exc:  # noqa: BLE001 - any failure of one input is that input's error
        return failure(task, type(exc).__name__, _reason(exc))
    return Outcome(task.source, True, payload, site if isinstance(site, str) else None, kinds)


def failure(task: Task, error: str, reason: str) -> Outcome:
    """The error record of a task: which input, of what kind, what went wrong and why."""
    record = {"source": task.source, "kind": task.kind, "error": error, "reason": reason}
    return Outcome(task.source, False, json_line(record))


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


def _text_body(record: dict[str, Any]) -> bytes:
    """The .txt file of one article: its title, a blank line, then its text."""
    text = record.get("text")
    if not isinstance(text, str):
        text = "\n\n".join(str(p) for p in record.get("paragraphs") or ())
    title = record.get("title")
    body = f"{title}\n\n{text}" if title else text
    return (body.rstrip("\n") + "\n").encode("utf-8", "surrogateescape")


def _reason(exc: Exception) -> str:
    if isinstance(exc, NadifError):
        return exc.reason
    return str(exc) or type(exc).__name__
