"""What a worker process sends back for one task: an `Outcome`, already serialised.

`run_chunk` is the function that actually runs in the worker processes (local pool or Dask
workers). It calls the user's worker, catches every `Exception` (a bug in one input must
not kill the batch), and serialises the record there, in the worker: the driver then only
writes bytes, so it does not become the bottleneck that a process pool was meant to avoid,
and the result crossing the process boundary is one `bytes` object, cheap to pickle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from nadif.cleaners.errors import NadifError
from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch.formats import FORMATS, json_line, render

__all__ = ["FORMATS", "Outcome", "Worker", "failure", "run_chunk", "run_one"]

Worker = Callable[[Task], dict[str, Any]]
"""Cleans one input: returns its output record, raises (ideally a NadifError) on failure.

It must be picklable (a top-level function, or a functools.partial of one) since it runs
in other processes.
"""


class Outcome(NamedTuple):
    """The result of one task, ready to write.

    `payload` is the record in the run's format (`formats.render`: a JSON line, a CSV
    row, the body of an article's .txt, .md or .xml file), or the error record's JSON line.
    `site` and `kinds` (the kind of each removed line) feed the run summary, and so do
    `learned`, the rule ids of the lines a learned template removed (`learned/<group>`).
    """

    source: str
    ok: bool
    payload: bytes
    site: str | None = None
    kinds: tuple[str, ...] = ()
    learned: tuple[str, ...] = ()


def run_chunk(worker: Worker, fmt: str, tasks: Sequence[Task]) -> list[Outcome]:
    """Run `worker` on each task of a chunk; never raises for a failing input."""
    return [run_one(worker, fmt, task) for task in tasks]


def run_one(worker: Worker, fmt: str, task: Task) -> Outcome:
    """One task -> one outcome, either the record or an error record naming the reason."""
    if task.problem is not None:
        return failure(task, "InputError", task.problem)
    try:
        result = worker(task)
        if not isinstance(result, dict):
            raise TypeError(f"the worker returned {type(result).__name__}, not a dict")
        # the task's source is the record's key for resuming: it comes first, as given
        record = {"source": task.source, **{k: v for k, v in result.items() if k != "source"}}
        site = record.get("site")
        removed = record.get("removed") or ()
        kinds = tuple(str(removal["kind"]) for removal in removed)
        learned = tuple(
            rule for r in removed if str(rule := r.get("rule", "")).startswith("learned/")
        )
        payload = render(record, fmt)
    except Exception as exc:  # noqa: BLE001 - any failure of one input is that input's error
        return failure(task, type(exc).__name__, _reason(exc))
    site = site if isinstance(site, str) else None
    return Outcome(task.source, True, payload, site, kinds, learned)


def failure(task: Task, error: str, reason: str) -> Outcome:
    """The error record of a task: which input, of what kind, what went wrong and why."""
    record = {"source": task.source, "kind": task.kind, "error": error, "reason": reason}
    return Outcome(task.source, False, json_line(record))


def _reason(exc: Exception) -> str:
    if isinstance(exc, NadifError):
        return exc.reason
    return str(exc) or type(exc).__name__
