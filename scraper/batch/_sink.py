"""Where a batch's outcomes go, and which inputs a re-run may skip.

Four sinks, one contract (`Sink`): `claim(source)` says whether an input still has to be
done (and marks it as taken for this run), `write(outcome)` stores an outcome, `close()`
makes everything durable.

- `JsonlSink`: records appended to OUT (a journal, see `_journal`), error records to the
  errors file. Resuming: inputs whose source is already in OUT are skipped. Failed inputs
  are retried: the errors file is rewritten by each run with only the inputs that still
  fail, while OUT is only ever appended to.
- `CsvSink`: the same for CSV: a header row, then one row an article; resuming reads
  the sources back with the csv module.
- `DirSink`: one file per article in a folder (.txt, .md or .xml, by format), each
  written atomically; an input whose file exists is skipped on a re-run. Errors go to a
  JSONL errors file.
- `StreamSink`: records to standard output, errors to standard error (or a file); nothing
  to resume from. CSV gets its header row first, XML one `<articles>` root around the
  records, text and Markdown a line naming each article's source.

Every sink also skips a source given twice in the same run, so each input is written once.
"""

from __future__ import annotations

import csv
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
from nadif.scraper.batch.formats import (
    CSV_TERMINATOR,
    SUFFIXES,
    csv_header,
    stream_header,
    xml_prologue,
)

__all__ = [
    "CsvSink",
    "DirSink",
    "JsonlSink",
    "LineWriter",
    "Sink",
    "StreamLines",
    "StreamSink",
    "default_errors_path",
    "text_file_name",
]

_FLUSH_INTERVAL = 0.5
_STEM_UNSAFE = re.compile(r"[^\w.-]+")
_STEM_SUFFIXES = (".gz", ".html", ".htm", ".txt", ".md", ".xml")
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


def text_file_name(source: str, suffix: str = ".txt") -> str:
    """The .txt (or `suffix`) name of an input's article: a readable stem plus a digest of the source.

    The digest keeps two inputs with the same file name (in different folders) apart and
    lets a re-run find an article's file from its source alone.
    """
    stem = source.rstrip("/").rsplit("/", 1)[-1]
    lowered = stem.lower()
    for known in _STEM_SUFFIXES:
        if lowered.endswith(known):
            stem, lowered = stem[: -len(known)], lowered[: -len(known)]
    stem = _STEM_UNSAFE.sub("_", stem).strip("._")[:_STEM_MAX] or "article"
    digest = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"{stem}-{digest}{suffix}"


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

    def __init__(self, out: Path, errors: Path, *, sources: set[bytes] | None = None) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        errors.parent.mkdir(parents=True, exist_ok=True)
        if sources is None:
            repair_tail(out)
            sources = read_sources(out)
        self._claims = _Claims(sources)
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


class CsvSink(JsonlSink):
    """Rows appended to a CSV file, after its header row; see the module docstring."""

    def __init__(self, out: Path, errors: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(out, CSV_TERMINATOR)
        fresh = not out.exists() or out.stat().st_size == 0
        super().__init__(out, errors, sources=read_csv_sources(out))
        if fresh:
            self._records.write_line(csv_header())


def read_csv_sources(path: Path) -> set[bytes]:
    """The keys of the sources (first column) of a CSV output, its header row excepted."""
    keys: set[bytes] = set()
    try:
        handle = open(path, encoding="utf-8", errors="surrogateescape", newline="")  # noqa: SIM115
    except FileNotFoundError:
        return keys
    with handle:
        try:
            for number, row in enumerate(csv.reader(handle)):
                if number and row:
                    keys.add(source_key(row[0]))
        except csv.Error:
            pass  # a damaged row: the inputs after it are simply done again
    return keys


class DirSink:
    """One file per article in `folder` (created if needed), each written atomically.

    `fmt` is a folder format (text, markdown, xml): it gives the files' suffix; an XML
    file is a whole document (a declaration, then the `<article>` element).
    """

    def __init__(self, folder: Path, errors: Path, fmt: str = "text") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        errors.parent.mkdir(parents=True, exist_ok=True)
        self._folder = folder
        self._suffix = SUFFIXES[fmt]
        self._prologue = xml_prologue() if fmt == "xml" else b""
        self._claims = _Claims()
        self._errors = AppendOnlyFile(errors, truncate=True)

    def _path(self, source: str) -> Path:
        return self._folder / text_file_name(source, self._suffix)

    def claim(self, source: str) -> bool:
        if self._path(source).exists():
            return False
        return self._claims.take(source)

    def write(self, outcome: Outcome) -> None:
        if outcome.ok:
            write_atomic(self._path(outcome.source), self._prologue + outcome.payload)
        else:
            self._errors.write_line(outcome.payload)

    def close(self) -> None:
        self._errors.close()


class StreamSink:
    """Records to a text stream, errors to another writer; no resuming.

    In the "text" and "markdown" formats each article starts with a line naming its
    source (`==> SOURCE <==`; in Markdown an HTML comment) and is followed by a blank
    line; CSV starts with its header row; XML is one document, an `<articles>` root
    around the `<article>` elements (closed by `close`).
    """

    def __init__(self, records: IO[str], errors: LineWriter, *, fmt: str = "jsonl") -> None:
        self._claims = _Claims()
        self._records = StreamLines(records)
        self._errors = errors
        self._fmt = fmt
        self._after_record = b"\n" if fmt in ("text", "markdown") else b""
        self._started = False

    def _start(self) -> None:
        if not self._started:
            self._started = True
            if self._fmt == "csv":
                self._records.write_line(csv_header())
            elif self._fmt == "xml":
                self._records.write_line(xml_prologue() + b"<articles>\n")

    def claim(self, source: str) -> bool:
        return self._claims.take(source)

    def write(self, outcome: Outcome) -> None:
        if outcome.ok:
            self._start()
            header = stream_header(self._fmt, outcome.source)
            self._records.write_line(header + outcome.payload + self._after_record)
        else:
            self._errors.write_line(outcome.payload)

    def close(self) -> None:
        try:
            self._start()
            if self._fmt == "xml":
                self._records.write_line(b"</articles>\n")
            self._records.close()
        finally:
            self._errors.close()
