"""Reading a text dump from disk: bytes to `str`, or an `InputError` that says why not.

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else a
mostly-UTF-8 file with a few broken bytes (at most 1%) is read with U+FFFD in their place
(the Article is flagged `replacement-chars`); else Arabic windows-1256 when it decodes
to mostly Arabic letters (older Arabic scrapers saved that); else charset-normalizer's
best guess; else the file is not text. NUL bytes outside UTF-16/32 mean a binary file.
"""

from __future__ import annotations

import codecs
import os
from typing import Final

from charset_normalizer import from_bytes

from nadif.cleaners.errors import InputError

__all__ = ["MAX_BYTES", "decode_bytes", "read_document"]

MAX_BYTES: Final = 256 * 1024 * 1024
MAX_BROKEN_SHARE: Final = 0.01  # up to 1% undecodable bytes: still a UTF-8 file, damaged
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _arabic_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding used)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    source, f"starts with a {encoding} BOM but does not decode: {exc.reason}"
                ) from None
    if b"\x00" in data[:65536]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    if damaged.count("\ufffd") <= MAX_BROKEN_SHARE * len(data):
        return damaged, "utf-8 (damaged bytes replaced)"
    try:
        text = data.decode("cp1256")
        if _arabic_share(text) > 0.5:
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(source, "not decodable as text (tried UTF-8, windows-1256 and detection)")


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Read and decode one dump; `InputError` names the path and the reason."""
    source = os.fspath(path)
    try:
        with open(source, "rb") as fh:  # one open and one fstat: batches read many files
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError(source, f"file too large ({size} bytes; the limit is {max_bytes})")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(source, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(source, f"file too large (over {max_bytes} bytes)")
    if not data.strip():
        raise InputError(source, "empty file" if not data else "file holds only white space")
    text, encoding = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "file holds only white space")
    return text, encoding
