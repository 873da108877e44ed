"""Bytes or text -> the text of an HTML document, and the check that it is text at all.

The charset evidence (byte-order mark, valid UTF-8, the page's `<meta charset>`, then
charset-normalizer with a preference for the encodings news sites use, windows-1256 for
Arabic among them) is weighed in one place, `scraper._charset`, shared with fetching.
"""

from __future__ import annotations

import re
from typing import Final

from nadif.scraper.fetching._charset import decode_page

__all__ = ["decode_html", "looks_binary"]

# C0 controls other than tab, newlines, form feed and escape: text has almost none
_CONTROLS: Final = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_BINARY_SAMPLE: Final = 2048
_MAX_CONTROL_SHARE: Final = 0.1


def decode_html(data: bytes | str) -> str:
    """Decode an HTML document; a str is returned as it is, minus a leading BOM.

    Never raises: bytes that no charset explains become U+FFFD in the last resort, so
    the caller can still decide whether what is left is a document.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return decode_page(data).text


def looks_binary(text: str) -> bool:
    """True for decoded "text" that is really binary data (NULs, or many control codes)."""
    head = text[:_BINARY_SAMPLE]
    if not head:
        return False
    if "\x00" in head:
        return True
    return len(_CONTROLS.findall(head)) / len(head) > _MAX_CONTROL_SHARE
