"""The progress display of a batch, on standard error, drawn by rich (`rich.progress`).

One line (under 80 columns for runs of up to a few thousand inputs; never wrapped): a
bar, inputs done out of the total (when it is known: a URL list, a folder counted ahead
within a small budget, see `scraper.cli`; else "?" and a pulsing bar), the articles,
errors and skipped inputs, the rate and the time left (ETA).

It is on only when standard error is a terminal and the CI variable is unset, unless
asked explicitly (`--progress` / `--no-progress`); with `--progress` on a stream that is
not a terminal, only the final line is written. It never writes to standard output, and
before anything else is printed to the terminal (an error record on stderr, a record on
stdout when stdout is that terminal), `clear()` erases it; the next `update` draws it
again. Redrawn at most `REDRAW_INTERVAL` times a second, from the batch's own loop (no
thread), so it costs nothing measurable. `close()` leaves a final line with the totals.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
)
from rich.progress import Progress as RichProgress
from rich.table import Column
from rich.text import Text

__all__ = ["REDRAW_INTERVAL", "Progress", "progress_wanted"]

REDRAW_INTERVAL = 0.2
"""Seconds between two redraws."""


def progress_wanted(requested: bool | None, stream: IO[str]) -> bool:
    """`None` means auto: on for an interactive terminal, off in CI and when redirected."""
    if requested is not None:
        return requested
    return _isatty(stream) and not os.environ.get("CI")


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Progress:
    """The counts of a running batch, drawn by rich on `stream` (standard error)."""

    def __init__(
        self, enabled: bool, stream: IO[str] | None = None, *, total: int | None = None
    ) -> None:
        self.enabled = enabled
        self.total = total
        self._stream = stream if stream is not None else sys.stderr
        self._drawn_at = 0.0
        self._started = time.monotonic()
        self._rich: RichProgress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._rich, self._task = _make(self._stream, total)

    def set_total(self, total: int | None) -> None:
        """The number of inputs, when it becomes known."""
        self.total = total
        if self._rich is not None and self._task is not None:
            self._rich.update(self._task, total=total)

    def update(self, articles: int, errors: int, skipped: int, *, force: bool = False) -> None:
        """New counts; redrawn when `REDRAW_INTERVAL` has passed since the last drawing."""
        if self._rich is None or self._task is None:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_INTERVAL:
            return
        self._drawn_at = now
        done = articles + errors
        elapsed = max(now - self._started, 1e-9)
        self._rich.update(
            self._task,
            completed=done + skipped,
            counts=f"{articles} articles, {errors} errors, {skipped} skipped",
            rate=done / elapsed,
        )
        if not self._rich.live.is_started:
            self._rich.start()  # draws it again after a clear()
        self._rich.refresh()

    def clear(self) -> None:
        """Erase the display, before something else is written to the same terminal."""
        if self._rich is not None and self._rich.live.is_started:
            self._rich.live.transient = True
            self._rich.stop()
            self._drawn_at = 0.0  # the next update draws it at once

    def close(self, articles: int, errors: int, skipped: int) -> None:
        """Draw the final counts and leave them on their own line."""
        if self._rich is None:
            return
        if self.total is None:  # now it is known
            self.set_total(articles + errors + skipped)
        self.update(articles, errors, skipped, force=True)
        self._rich.live.transient = False
        self._rich.stop()
        self._rich = None

    def abort(self) -> None:
        """An interrupted run: erase the display and give the cursor back."""
        self.clear()
        self._rich = None

    def exit(self, exc_type: type[BaseException] | None, *_: object) -> bool:
        """An `ExitStack` exit callback: `abort` when the run ends by an exception."""
        if exc_type is not None:
            self.abort()
        return False


def _make(stream: IO[str], total: int | None) -> tuple[RichProgress, TaskID]:
    # on a terminal rich takes its width; a log file gets the whole final line
    width = None if _isatty(stream) else 200
    console = Console(file=stream, highlight=False, width=width)
    rich = RichProgress(
        BarColumn(bar_width=8),
        MofNCompleteColumn(),
        TextColumn("inputs: {task.fields[counts]}", table_column=_one_line()),
        RateColumn(table_column=_one_line()),
        EtaColumn(table_column=_one_line()),
        console=console,
        auto_refresh=False,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    task = rich.add_task("inputs", total=total, counts="0 articles, 0 errors, 0 skipped", rate=0.0)
    return rich, task


def _one_line() -> Column:
    """A column that never wraps: on a narrow terminal its text is cut with "…"."""
    return Column(no_wrap=True, overflow="ellipsis")


class RateColumn(ProgressColumn):
    """Inputs done (articles and errors, not skipped ones) per second of this run."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.fields.get('rate', 0.0):.1f}/s")


class EtaColumn(ProgressColumn):
    """The time left at the current rate; "?" while the total or the rate is unknown."""

    def render(self, task: Task) -> Text:
        rate = float(task.fields.get("rate", 0.0))
        if task.total is None or rate <= 0:
            return Text("ETA ?")
        left = max(task.total - task.completed, 0) / rate
        minutes, seconds = divmod(int(left + 0.5), 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"ETA {hours}:{minutes:02d}:{seconds:02d}")
