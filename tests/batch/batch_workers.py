"""Test workers for the batch engine: small, deterministic, picklable (top-level).

They stand in for the real worker (`nadif.scraper.batch.worker`) so that the engine's guarantees are
tested on their own: `read_dump` reads a dump and returns a record shaped like
`Article.to_dict()` (lines made only of digits are "removed" as counters), and fails with
an `InputError` on the inputs a real worker must reject (missing, unreadable, empty,
binary, undecodable).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from nadif.cleaners.errors import InputError
from nadif.scraper.batch.engine import Task

CRASH_MARKER = "CRASH-THE-WORKER"
BUG_MARKER = "RAISE-A-BUG"


def read_dump(task: Task) -> dict[str, Any]:
    """A dump -> a record; raises InputError naming the path and the reason."""
    path = task.source
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\0" in data:
        raise InputError(path, "binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    lines = [line.strip() for line in text.splitlines()]
    removed = [
        {"line": number, "text": line, "kind": "counter", "rule": "test/digits"}
        for number, line in enumerate(lines, 1)
        if line.isdigit()
    ]
    kept = [line for line in lines if line and not line.isdigit()]
    paragraphs = kept[1:]
    return {
        "source": path,
        "site": None,
        "title": kept[0] if kept else None,
        "paragraphs": paragraphs,
        "text": "\n\n".join(paragraphs),
        "removed": removed,
        "flags": [],
    }


def slow_read_dump(task: Task, delay: float) -> dict[str, Any]:
    """`read_dump` that takes at least `delay` seconds: gives a kill time to land mid-run."""
    time.sleep(delay)
    return read_dump(task)


def misbehaving(task: Task) -> dict[str, Any]:
    """`read_dump`, except that a dump containing a marker kills its process or raises a bug."""
    text = Path(task.source).read_text(encoding="utf-8", errors="replace")
    if CRASH_MARKER in text:
        os._exit(3)  # a hard crash: no exception, no cleanup, the process is gone
    if BUG_MARKER in text:
        raise RuntimeError("simulated bug in the worker")  # not a NadifError
    return read_dump(task)


def text_length(task: Task) -> dict[str, Any]:
    """The cheapest worker: only reads the file (what the benchmark measures without cleaning)."""
    return {
        "source": task.source,
        "site": None,
        "removed": [],
        "chars": len(read_dump(task)["text"]),
    }
