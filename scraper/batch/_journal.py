"""Crash-safe files: an append-only JSONL journal, and whole files replaced atomically.

A JSONL output is a journal: each record is one complete line appended with a single
`os.write` to a file opened with O_APPEND, so a run killed at any moment (even SIGKILL)
leaves at most one partial line, at the very end. The next run cuts that partial line off
(`repair_tail`) before it appends; `read_sources` then tells which inputs are done.
`fsync` runs every `FSYNC_INTERVAL` seconds and at close, so that a power loss too costs
at most the last seconds of work, not a corrupt file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

__all__ = [
    "FSYNC_INTERVAL",
    "AppendOnlyFile",
    "read_sources",
    "repair_tail",
    "source_key",
    "write_atomic",
]

FSYNC_INTERVAL = 1.0
"""Seconds between two fsyncs of an append-only file."""

_SOURCE_PREFIX = b'{"source": '
_TAIL_BLOCK = 1 << 16
_HEAD_BYTES = 1 << 14


def source_key(source: str) -> bytes:
    """A 128-bit digest of a source: the resume set holds these, not the paths.

    16 bytes per input instead of a whole path keeps the set small for millions of inputs;
    at 128 bits a collision (which would skip an input) is not a practical concern.
    """
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class AppendOnlyFile:
    """A file that only ever grows by whole lines (see the module docstring)."""

    def __init__(self, path: Path, *, truncate: bool = False) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if truncate else 0)
        self.path = path
        self._fd = os.open(path, flags, 0o644)
        self._synced_at = time.monotonic()

    def write_line(self, line: bytes) -> None:
        """Append one complete line (it must end with a newline).

        An OSError (a full disk...) names this file, so that the user knows which output
        could not be written.
        """
        view = memoryview(line)
        try:
            while view:  # os.write may write less than asked; finish the line first
                written = os.write(self._fd, view)
                view = view[written:]
            now = time.monotonic()
            if now - self._synced_at >= FSYNC_INTERVAL:
                self._sync()
                self._synced_at = now
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, os.fspath(self.path)) from exc

    def close(self) -> None:
        if self._fd >= 0:
            try:
                self._sync()
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, os.fspath(self.path)) from exc
            finally:
                os.close(self._fd)
                self._fd = -1

    def _sync(self) -> None:
        try:
            os.fsync(self._fd)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EROFS, errno.ENOTSUP):
                raise  # fsync is not supported on this file (a device): nothing to make durable


def repair_tail(path: Path, terminator: bytes = b"\n") -> int:
    """Cut a partial last line (one without its `terminator`) left by a killed run.

    A CSV output's records end with CRLF (`terminator=b"\\r\\n"`) and may hold bare LFs
    inside quoted fields: only a CRLF ends a record there. Returns the number of bytes
    removed (0 when the file is whole or missing).
    """
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return 0
    try:
        size = os.fstat(fd).st_size
        end = size
        while end > 0:
            start = max(0, end - _TAIL_BLOCK)
            # a terminator may straddle two blocks: read one byte more than the step
            block = os.pread(fd, end - start + (1 if start else 0), start - (1 if start else 0))
            offset = start - (1 if start else 0)
            if end == size and block.endswith(terminator):
                return 0
            found = block.rfind(terminator)
            if found >= 0:
                end = offset + found + len(terminator)
                break
            end = start
        os.ftruncate(fd, end)
        os.fsync(fd)
        return size - end
    finally:
        os.close(fd)


def read_sources(path: Path) -> set[bytes]:
    """The keys (`source_key`) of every source recorded in a JSONL file, read line by line.

    Only the "source" field is decoded: records written here start with it, so a line's
    text and paragraphs are never parsed. A line that is not a JSON object with a string
    "source" is ignored (its input is then simply done again).
    """
    keys: set[bytes] = set()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; missing file = nothing done
    except FileNotFoundError:
        return keys
    decoder = json.JSONDecoder()
    with handle:
        for line in handle:
            source = _source_of(line, decoder)
            if source is not None:
                keys.add(source_key(source))
    return keys


def _source_of(line: bytes, decoder: json.JSONDecoder) -> str | None:
    if line.startswith(_SOURCE_PREFIX):
        head = line[:_HEAD_BYTES].decode("utf-8", "ignore")
        try:
            value, _ = decoder.raw_decode(head, len(_SOURCE_PREFIX))
        except ValueError:
            pass  # a source longer than the head: parse the whole line below
        else:
            return value if isinstance(value, str) else None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    source = record.get("source") if isinstance(record, dict) else None
    return source if isinstance(source, str) else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a whole file so that readers see either the old file or the new one, never half.

    The data go to a temporary file in the same folder (same file system), are fsynced,
    and the temporary file is renamed over the target with `os.replace`.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
