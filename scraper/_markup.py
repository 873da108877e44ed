"""Is it markup? The check that sends a page to `extract` and a dump to `clean`.

Kept apart from the decoding and extraction modules so that `nadif clean` pays for no
HTML machinery to ask.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["has_markup", "looks_like_page"]


# a tag: "<p>", "</div>", "<a href=...>", "<br/>", "<!DOCTYPE html>", "<!-- ... -->"
_TAG: Final = re.compile(
    r"<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|!--|!doctype\s)", re.IGNORECASE
)
# what only a whole page has: its doctype or the html, head or body element
_PAGE: Final = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_PAGE_SAMPLE: Final = 65536


def has_markup(text: str) -> bool:
    """True when the text holds at least one HTML tag (a page, or a fragment of one)."""
    return _TAG.search(text) is not None


def looks_like_page(text: str) -> bool:
    """True when the text is an HTML page (its doctype, or an html, head or body tag near
    the start), not a text dump that quotes a stray tag."""
    return _PAGE.search(text, 0, _PAGE_SAMPLE) is not None
