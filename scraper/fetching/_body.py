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

A body shorter than its Content-Length, or a compressed stream that stops before its
end, is reported (`BodyIncomplete`), never returned as if it were the page.
`read_body_prefix` reads at most a number of bytes and keeps them (robots.txt: RFC 9309
has a crawler parse the first 500 KiB of a longer file).
"""

from __future__ import annotations

import time
import zlib
from typing import Protocol

import httpx

__all__ = ["BodyIncomplete", "BodyRejected", "BodyTimedOut", "read_body_prefix", "read_capped_body"]


class BodyRejected(Exception):
    """The body cannot be used (too large, undecodable); retrying will not help."""


class BodyTimedOut(Exception):
    """The body did not arrive in time; a retry might succeed."""


class BodyIncomplete(Exception):
    """The body ended before its announced end; a retry might succeed."""


class _CapExceeded(Exception):
    """Raised by a decoder whose output would pass the room it was given."""


class _Decoder(Protocol):
    name: str

    @property
    def complete(self) -> bool: ...

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
    _check_complete(declared, received, decoder)
    return bytes(body)


def read_body_prefix(response: httpx.Response, limit: int, deadline: float) -> bytes:
    """The first `limit` decoded bytes of a streamed body, cut after its last whole line.

    A longer body is not an error here: reading stops once `limit` bytes are decoded (so
    at most about `limit` plus one network chunk is received), and the partial last line
    is dropped. Raises BodyTimedOut after `deadline`, BodyRejected for an unusable encoding.
    """
    decoder = _decoder_for(response.headers.get("content-encoding", ""))
    body = bytearray()
    received = 0
    try:
        for chunk in response.iter_raw():
            received += len(chunk)
            body += decoder.feed(chunk, limit - len(body))
            if time.monotonic() > deadline:
                raise BodyTimedOut(f"body not complete after the total timeout ({received} bytes)")
            if len(body) >= limit:
                break
        else:
            body += decoder.finish(limit - len(body))
            return bytes(body)
    except _CapExceeded:
        pass  # more than `limit` once decompressed: keep what fits
    kept = bytes(body[:limit])
    return kept[: kept.rfind(b"\n") + 1]


def _check_complete(declared: str, received: int, decoder: _Decoder) -> None:
    """A body shorter than its Content-Length, or a compressed stream cut short, is not
    the page: report it (a retry may get the whole of it)."""
    if declared.isdigit() and received < int(declared):
        raise BodyIncomplete(
            f"body shorter than its Content-Length (received {received} of {declared} bytes)"
        )
    if not decoder.complete:
        raise BodyIncomplete(f"{decoder.name} body cut short: the compressed stream has no end")


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
    complete = True

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

    @property
    def complete(self) -> bool:
        """Whether the stream reached its end (an empty body counts as complete)."""
        return self._zlib.eof or not self._started

    def finish(self, room: int) -> bytes:
        rest = self._zlib.flush()
        if len(rest) > room:
            raise _CapExceeded
        return rest
