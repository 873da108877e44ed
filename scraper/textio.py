"""Reading a text dump from disk: bytes to `str`, or an `InputError` that says why not.

What a path is gets checked before anything is read: a named pipe would block the run
forever and a device (/dev/zero) never ends, so only regular files are read
(`open_regular`).

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) decides; else UTF-16 without a BOM, told
by its NUL bytes, which all fall on the same side of each code unit; else strict UTF-8;
else damaged UTF-8, when most of its non-ASCII bytes still form valid UTF-8 sequences
(the broken bytes become U+FFFD and the Article is flagged `replacement-chars`; a
legacy single-byte text almost never forms valid UTF-8 sequences by chance); else Arabic
windows-1256 when it decodes to mostly Arabic letters (older Arabic scrapers saved
that); else charset-normalizer's best guess; else the file is not text. Any other NUL
bytes mean a binary file.

`looks_mojibake` tells a text that went through a wrong charset before it was saved
(UTF-8 bytes read as windows-1256, windows-1252 or Latin-1): `scraper.text` flags it.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, Final

from nadif.cleaners.errors import InputError

__all__ = ["MAX_BYTES", "decode_bytes", "looks_mojibake", "open_regular", "read_document"]

MAX_BYTES: Final = 256 * 1024 * 1024
MAX_BROKEN_SHARE: Final = 0.01  # up to 1% undecodable bytes: UTF-8 whatever the rest says
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE: Final = 65536
_MOJIBAKE_CODECS: Final = ("cp1256", "cp1252", "latin-1")
_MOJIBAKE_SAMPLE: Final = 20000
_SPECIAL_FILES: Final = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@contextmanager
def open_regular(path: str) -> Iterator[BinaryIO]:
    """Open `path` for reading if it is a regular file; else `InputError` saying what it is.

    The file is opened without blocking (a named pipe with no writer would block an
    ordinary `open` forever) and checked with `fstat` on the descriptor itself, so what
    is checked is what is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            what = next((name for test, name in _SPECIAL_FILES if test(mode)), "special file")
            raise InputError(path, f"not a regular file: {what}")
        os.set_blocking(fd, True)
        handle = open(fd, "rb", closefd=True)  # noqa: SIM115 - closed by the `with` below
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def _arabic_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of a UTF-16 text without a BOM, told by where its NUL bytes fall."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd < len(sample) // 64:
        return None  # UTF-16 text has a NUL in every space, digit and Latin letter
    if odd and not even and len(data) % 2 == 0:
        codec = "utf-16-le"
    elif even and not odd and len(data) % 2 == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        head = sample.decode(codec)
    except UnicodeDecodeError:
        return None
    printable = sum(c.isprintable() or c in "\n\r\t" for c in head)
    return codec if printable >= 0.98 * len(head) else None


def _damaged_utf8(data: bytes) -> str | None:
    """The text of mostly-UTF-8 bytes with broken sequences (U+FFFD), or None.

    A few broken bytes (at most MAX_BROKEN_SHARE) are damage whatever the rest; beyond
    that, the file is still UTF-8 when its valid multi-byte characters outnumber the
    broken sequences: text in a legacy single-byte charset (windows-1256 Arabic) forms
    almost no valid sequence, UTF-8 with a fifth of its characters broken still forms
    four in five.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken <= MAX_BROKEN_SHARE * len(data):
        return text
    valid = sum(1 for c in text if c > "\x7f") - broken
    return text if valid > broken else None


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
    if b"\x00" in data[:_SAMPLE]:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise InputError(source, "binary file (contains NUL bytes), not text")
        try:
            return data.decode(codec), f"{codec} (no BOM)"
        except UnicodeDecodeError:
            raise InputError(
                source, f"looks like {codec} without a BOM, but does not decode as it"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8 (damaged bytes replaced)"
    try:
        text = data.decode("cp1256")
        if _arabic_share(text) > 0.5:
            return text, "cp1256"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow to import: only for the last resort

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(source, "not decodable as text (tried UTF-8, windows-1256 and detection)")


def looks_mojibake(text: str) -> bool:
    """Whether `text` is UTF-8 that was decoded with a single-byte charset upstream.

    Encoded back with that charset, such a text is valid UTF-8 again and at least a
    third shorter in characters ("Ø§Ù„Ø¹" -> "الع"); genuine text in any of these
    charsets almost never is.
    """
    head = text[:_MOJIBAKE_SAMPLE]
    if head.isascii():
        return False
    for codec in _MOJIBAKE_CODECS:
        try:
            raw = head.encode(codec)
        except UnicodeEncodeError:
            continue
        repaired = raw.decode("utf-8", errors="replace")
        broken = repaired.count("\ufffd")
        non_ascii = len(repaired) - len(repaired.encode("ascii", "ignore")) - broken
        # a cut at the sample's end may break one character; mojibake repairs to many
        if non_ascii >= 8 and broken <= 1 + non_ascii // 100:
            return True
    return False


def read_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Read and decode one dump; `InputError` names the path and the reason."""
    source = os.fspath(path)
    with open_regular(source) as fh:  # one open and one fstat: batches read many files
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError(source, f"file too large ({size} bytes; the limit is {max_bytes})")
            data = fh.read(max_bytes + 1)
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
