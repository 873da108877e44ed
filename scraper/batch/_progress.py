"""A one-line progress display on standard error, for people watching a terminal.

It shows counts and a rate, not a percentage: inputs are streamed, so their total is not
known in advance (counting them first would mean walking everything twice). It is on only
when standard error is a terminal and the CI variable is unset, unless asked explicitly;
redrawn at most `REDRAW_INTERVAL` times a second so that it costs nothing measurable.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO

__all__ = ["REDRAW_INTERVAL", "Progress", "progress_wanted"]

REDRAW_INTERVAL = 0.2
"""Seconds between two redraws."""

_CLEAR_LINE = "\r\x1b[K"


def progress_wanted(requested: bool | None, stream: IO[str]) -> bool:
    """`None` means auto: on for an interactive terminal, off in CI and when redirected."""
    if requested is not None:
        return requested
    return stream.isatty() and not os.environ.get("CI")


class Progress:
    """Counts of a running batch, redrawn in place with a carriage return."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self._stream = stream if stream is not None else sys.stderr
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def update(self, articles: int, errors: int, skipped: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_INTERVAL:
            return
        self._drawn_at = now
        elapsed = max(now - self._started, 1e-9)
        done = articles + errors
        line = (
            f"{done + skipped} inputs: {articles} articles, {errors} errors, "
            f"{skipped} skipped | {done / elapsed:.1f}/s | {elapsed:.0f}s"
        )
        self._stream.write(_CLEAR_LINE + line)
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line, before something else is written to the same terminal."""
        if self._shown:
            self._stream.write(_CLEAR_LINE)
            self._shown = False

    def close(self, articles: int, errors: int, skipped: int) -> None:
        """Draw the final counts and end the line."""
        if self.enabled:
            self.update(articles, errors, skipped, force=True)
            self._stream.write("\n")
            self._stream.flush()
