"""Names as they may be shown: a file name or URL printed on a terminal or a page.

A name comes from the user's file system or from a web server: it may hold a newline (to
forge a line of output), an escape sequence (to drive the terminal) or a bidirectional
control (to show "txt.exe" as "exe.txt"). `shown` writes every such character as a
Python-style escape (``\\n``, ``\\x1b``, ``\\u202e``), and leaves everything else,
Arabic included, as it is.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "shown"]

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The Unicode characters that change the direction of the text around them."""

_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(name: str) -> str:
    """`name` with control and bidi characters escaped (a backslash is left as it is)."""
    return _UNSAFE.sub(_escape, name)
