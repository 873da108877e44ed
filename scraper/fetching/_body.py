"""Read a streamed response body without ever holding more than the cap in memory.

Two caps, one number: the bytes that come off the wire and the bytes they decompress to
are each limited to `max_bytes`. The body is read with `iter_raw()` and inflated here,
not by httpx, because httpx's decoders inflate each network chunk in one call: a 64 KiB
chunk of a gzip bomb becomes ~64 MB before any cap can look at it. `zlib`'s
`max_length` lets us stop one byte past the cap instead. Reading stops as soon as a cap
is passed and the connection is dropped, so a 200 MB (or endless) body costs the cap,
not 200 MB.

Only gzip and deflate are decoded; the fetcher advertises exactly those in
Accept-Encoding, so anything else a server sends is refused with its name.
"""

from __future__ import annotations

import time
import zlib
from typing import Protocol

import httpx

__all__ = ["BodyRejected", "BodyTimedOut", "read_capped_body"]


class BodyRejected(Exception):
    """The body cannot be used (too large, undecodable); retrying will not help."""


class BodyTimedOut(Exception):
    """The body did not arrive in time; a retry might succeed."""


class _CapExceeded(Exception):
    """Raised by a decoder whose output would pass the room it was given."""


class _Decoder(Protocol):
    name: str

    def feed(self, data: bytes, room: int) -> bytes: ...

    def finish(self, room: int) -> bytes: ...


def read_capped_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """Return the decoded body of a streamed `response`, at most `max_bytes` long.

    Raises BodyRejected past either cap, BodyTimedOut after `deadline` (a
    `time.monotonic()` value): a server that drips a byte at a time never trips the read
    timeout, so the whole body has a time budget too.
    """
    too_large = f"body larger than {max_bytes} bytes"
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise BodyRejected(f"{too_large} (Content-Length: {declared})")
    decoder = _decoder_for(response.headers.get("content-encoding", ""))
    body = bytearray()
    received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > max_bytes:
            raise BodyRejected(f"{too_large} (stopped reading after {received} bytes)")
        try:
            body += decoder.feed(chunk, max_bytes - len(body))
        except _CapExceeded:
            raise BodyRejected(
                f"{too_large} once decompressed ({decoder.name}, stopped after {received}"
                " compressed bytes)"
            ) from None
        if time.monotonic() > deadline:
            raise BodyTimedOut(f"body not complete after the total timeout ({received} bytes)")
    try:
        body += decoder.finish(max_bytes - len(body))
    except _CapExceeded:
        raise BodyRejected(f"{too_large} once decompressed ({decoder.name})") from None
    return bytes(body)


def _decoder_for(content_encoding: str) -> _Decoder:
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip"):
        return _Inflate(zlib.MAX_WBITS | 16, encoding)
    if encoding == "deflate":
        return _Inflate(zlib.MAX_WBITS, encoding)
    raise BodyRejected(f"unsupported Content-Encoding {content_encoding!r}")


class _Identity:
    """No compression: the wire cap already bounds the body."""

    name = "identity"

    def feed(self, data: bytes, room: int) -> bytes:
        return data

    def finish(self, room: int) -> bytes:
        return b""


class _Inflate:
    """gzip or deflate, inflated at most `room + 1` bytes at a time."""

    def __init__(self, wbits: int, name: str) -> None:
        self.name = name
        self._zlib = zlib.decompressobj(wbits)
        # "deflate" is meant to be zlib-wrapped but some servers send a raw stream;
        # browsers accept both, and so does httpx.
        self._may_be_raw = wbits == zlib.MAX_WBITS
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        pieces: list[bytes] = []
        produced = 0
        pending = data
        while pending and not self._zlib.eof:
            try:
                piece = self._zlib.decompress(pending, room - produced + 1)
            except zlib.error as error:
                if self._may_be_raw and not self._started:
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._may_be_raw = False
                    continue
                raise BodyRejected(f"corrupt {self.name} body ({error})") from error
            self._started = True
            produced += len(piece)
            if produced > room:
                raise _CapExceeded
            pieces.append(piece)
            if not piece and self._zlib.unconsumed_tail == pending:
                break  # no progress; never loop forever on odd input
            pending = self._zlib.unconsumed_tail
        return b"".join(pieces)

    def finish(self, room: int) -> bytes:
        rest = self._zlib.flush()
        if len(rest) > room:
            raise _CapExceeded
        return rest
