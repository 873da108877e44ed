"""Where a batch's outcomes go, and which inputs a re-run may skip.

Three sinks, one contract (`Sink`): `claim(source)` says whether an input still has to be
done (and marks it as taken for this run), `write(outcome)` stores an outcome, `close()`
makes everything durable.

- `JsonlSink`: records appended to OUT (a journal, see `_journal`), error records to the
  errors file. Resuming: inputs whose source is already in OUT are skipped. Failed inputs
  are retried: the errors file is rewritten by each run with only the inputs that still
  fail, while OUT is only ever appended to.
- `TextDirSink`: one .txt file per article in a folder, each written atomically; an input
  whose .txt file exists is skipped on a re-run. Errors go to a JSONL errors file.
- `StreamSink`: records to standard output, errors to standard error (or a file); nothing
  to resume from.

Every sink also skips a source given twice in the same run, so each input is written once.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import IO, Protocol

from nadif.scraper._shown import BIDI_CONTROLS
from nadif.scraper.batch._journal import (
    AppendOnlyFile,
    read_sources,
    repair_tail,
    source_key,
    write_atomic,
)
from nadif.scraper.batch._outcome import Outcome

__all__ = [
    "JsonlSink",
    "LineWriter",
    "Sink",
    "StreamLines",
    "StreamSink",
    "TextDirSink",
    "default_errors_path",
    "text_file_name",
]

_FLUSH_INTERVAL = 0.5
_STEM_UNSAFE = re.compile(r"[^\w.-]+")
_STEM_SUFFIXES = (".gz", ".html", ".htm", ".txt")
_STEM_MAX = 80
_TERMINAL_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


class Sink(Protocol):
    def claim(self, source: str) -> bool: ...

    def write(self, outcome: Outcome) -> None: ...

    def close(self) -> None: ...


class LineWriter(Protocol):
    def write_line(self, line: bytes) -> None: ...

    def close(self) -> None: ...


class StreamLines:
    """Lines to a text stream (stdout, stderr), flushed at least every half second.

    `escape`: JSON lines meant for a terminal (error records on stderr) get the
    characters JSON leaves raw but a terminal obeys (DEL, C1 controls, bidi controls)
    written as \\uXXXX escapes: still the same JSON, but a file name cannot drive the
    terminal or reorder the line.
    """

    def __init__(self, stream: IO[str], *, escape: bool = False) -> None:
        self._stream = stream
        self._flushed_at = time.monotonic()
        self._escape = escape

    def write_line(self, line: bytes) -> None:
        text = line.decode("utf-8", "replace")
        if self._escape:
            text = _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        self._stream.write(text)
        now = time.monotonic()
        if now - self._flushed_at >= _FLUSH_INTERVAL:
            self._stream.flush()
            self._flushed_at = now

    def close(self) -> None:
        self._stream.flush()  # the stream is the caller's: flushed, not closed


def default_errors_path(out: Path) -> Path:
    """OUT.jsonl -> OUT.errors.jsonl, beside OUT (a folder OUT/ -> OUT.errors.jsonl)."""
    return out.with_suffix(".errors.jsonl")


def text_file_name(source: str) -> str:
    """The .txt name of an input's article: a readable stem plus a digest of the source.

    The digest keeps two inputs with the same file name (in different folders) apart and
    lets a re-run find an article's file from its source alone.
    """
    stem = source.rstrip("/").rsplit("/", 1)[-1]
    lowered = stem.lower()
    for suffix in _STEM_SUFFIXES:
        if lowered.endswith(suffix):
            stem, lowered = stem[: -len(suffix)], lowered[: -len(suffix)]
    stem = _STEM_UNSAFE.sub("_", stem).strip("._")[:_STEM_MAX] or "article"
    digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"{stem}-{digest}.txt"


class _Claims:
    """The set of sources already done or taken by this run (as 16-byte keys)."""

    def __init__(self, done: set[bytes] | None = None) -> None:
        self._keys = done if done is not None else set()

    def take(self, source: str) -> bool:
        key = source_key(source)
        if key in self._keys:
            return False
        self._keys.add(key)
        return True


class JsonlSink:
    """Records appended to a JSONL file; see the module docstring for resuming."""

    def __init__(self, out: Path, errors: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        errors.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(out)
        self._claims = _Claims(read_sources(out))
        self._records = AppendOnlyFile(out)
        try:
            self._errors = AppendOnlyFile(errors, truncate=True)
        except BaseException:
            self._records.close()
            raise

    def claim(self, source: str) -> bool:
        return self._claims.take(source)

    def write(self, outcome: Outcome) -> None:
        (self._records if outcome.ok else self._errors).write_line(outcome.payload)

    def close(self) -> None:
        try:
            self._records.close()
        finally:
            self._errors.close()


class TextDirSink:
    """One .txt file per article in `folder` (created if needed), each written atomically."""

    def __init__(self, folder: Path, errors: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        errors.parent.mkdir(parents=True, exist_ok=True)
        self._folder = folder
        self._claims = _Claims()
        self._errors = AppendOnlyFile(errors, truncate=True)

    def claim(self, source: str) -> bool:
        if (self._folder / text_file_name(source)).exists():
            return False
        return self._claims.take(source)

    def write(self, outcome: Outcome) -> None:
        if outcome.ok:
            write_atomic(self._folder / text_file_name(outcome.source), outcome.payload)
        else:
            self._errors.write_line(outcome.payload)

    def close(self) -> None:
        self._errors.close()


class StreamSink:
    """Records to a text stream, errors to another writer; no resuming.

    In the "text" format each article (title, blank line, paragraphs separated by a blank
    line) is followed by two blank lines, so that articles stay apart from paragraphs.
    """

    def __init__(self, records: IO[str], errors: LineWriter, *, fmt: str = "jsonl") -> None:
        self._claims = _Claims()
        self._records = StreamLines(records)
        self._errors = errors
        self._after_record = b"\n\n" if fmt == "text" else b""

    def claim(self, source: str) -> bool:
        return self._claims.take(source)

    def write(self, outcome: Outcome) -> None:
        if outcome.ok:
            self._records.write_line(outcome.payload + self._after_record)
        else:
            self._errors.write_line(outcome.payload)

    def close(self) -> None:
        try:
            self._records.close()
        finally:
            self._errors.close()
