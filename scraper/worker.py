"""The per-input worker of batch runs: one `Task` in, one output record out.

Top-level and picklable (it runs in pool processes and on Dask workers): settings travel
with it through `functools.partial(run_task, settings=...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from cleaners.errors import InputError

from ._inputs import Task
from .text import clean_file

__all__ = ["Settings", "make_worker", "run_task"]


@dataclass(frozen=True, slots=True)
class Settings:
    """What every task of one run shares: the site choice (None = automatic, "none" = off)."""

    site: str | None = None


def run_task(task: Task, settings: Settings) -> dict[str, Any]:
    if task.kind == "text":
        article = clean_file(task.source, settings.site)
    else:
        raise InputError(task.source, f"unknown input kind {task.kind!r}")
    record = article.to_dict()
    record["source"] = task.source
    return record


def make_worker(settings: Settings) -> partial[dict[str, Any]]:
    return partial(run_task, settings=settings)
