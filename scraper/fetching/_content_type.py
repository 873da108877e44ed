"""What kind of document a response is: its declared media type, and what its bytes say.

nadif cleans articles, so it only takes HTML, XHTML, XML and plain text. A PDF, an image
or an octet-stream is refused from the headers alone, before its body is downloaded.
Servers do mislabel files, so the first bytes of an accepted body are also checked for
the magic numbers of common binary formats.
"""

from __future__ import annotations

__all__ = [
    "BINARY_SIGNATURES",
    "DEFAULT_ACCEPT_TYPES",
    "parse_content_type",
    "sniff_binary",
]

DEFAULT_ACCEPT_TYPES: tuple[str, ...] = (
    "text/html",
    "application/xhtml+xml",
    "application/xml",
    "text/xml",
    "text/plain",
)

# (leading bytes, media type they identify); checked in order.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"%!PS", "application/postscript"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (media type in lower case, charset or None).

    A missing or empty header gives `("", None)`: the caller decides what that means.
    """
    if not value:
        return "", None
    media_type, _, parameters = value.partition(";")
    charset: str | None = None
    for parameter in parameters.split(";"):
        name, _, raw = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").strip() or None
    return media_type.strip().lower(), charset


def sniff_binary(head: bytes) -> str | None:
    """The media type of a known binary format whose signature starts `head`, if any."""
    for signature, media_type in BINARY_SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None
