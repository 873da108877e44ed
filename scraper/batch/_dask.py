"""The Dask engine: the same chunks, run on a Dask cluster; this process writes the outputs.

With a scheduler address the job goes to that cluster (its workers need nadif installed,
since they import the worker function); without one, a `LocalCluster` of `jobs` worker
processes with one thread each is started and stopped around the run. The workers only
compute: each chunk's outcomes (already serialised, see `_outcome`) come back to this
process, which writes them. At most `IN_FLIGHT_PER_THREAD` chunks per worker thread are
submitted at a time, and results are consumed with `as_completed` as they finish, so
memory stays flat and the order is completion order.

Dask retries a task whose worker died on another worker; a chunk that still fails (for
instance `KilledWorker`, after it killed several workers) is split and its tasks are
resubmitted one by one, so only the input that kills workers ends as an error record.

`distributed` is imported here only, and only when this engine runs: it is an optional
dependency (the `dask` extra) and slow to import.
"""

from __future__ import annotations

import importlib
from collections.abc import Generator, Iterable, Sequence
from contextlib import ExitStack
from typing import Any

from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch._local import Runner
from nadif.scraper.batch._outcome import Outcome, failure

__all__ = ["IN_FLIGHT_PER_THREAD", "SchedulerUnreachable", "run_on_dask"]

IN_FLIGHT_PER_THREAD = 2
"""Chunks submitted per worker thread: one running, one waiting."""


class SchedulerUnreachable(ConnectionError):
    """The Dask scheduler at `address` cannot be reached (`reason` says how it failed)."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"{address}: {reason}")
        self.address = address
        self.reason = reason


def run_on_dask(
    chunks: Iterable[Sequence[Task]], runner: Runner, *, jobs: int, scheduler: str | None
) -> Generator[list[Outcome], None, None]:
    """Run chunks on a Dask cluster (`scheduler` address, or a local one of `jobs` workers)."""
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "the dask engine needs the optional dependency: pip install 'nadif[dask]'"
        ) from exc

    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(distributed.Client(scheduler))
            except (OSError, TimeoutError) as exc:  # refused, unknown host, timed out
                raise SchedulerUnreachable(
                    scheduler, f"cannot reach the Dask scheduler ({exc})"
                ) from exc
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        window = IN_FLIGHT_PER_THREAD * max(1, _threads(client))
        completed = distributed.as_completed(loop=client.loop)
        pending: dict[Any, Sequence[Task]] = {}

        def submit(chunk: Sequence[Task]) -> None:
            future = client.submit(runner, chunk, pure=False)
            pending[future] = chunk
            completed.add(future)

        source = iter(chunks)
        for chunk in source:
            submit(chunk)
            if len(pending) >= window:
                break
        while pending:
            future = next(completed)
            chunk = pending.pop(future)
            try:
                outcomes: list[Outcome] = future.result()
            except Exception as exc:  # noqa: BLE001 - infrastructure failure of this chunk
                if len(chunk) > 1:
                    for task in chunk:
                        submit([task])
                    continue
                outcomes = [failure(chunk[0], type(exc).__name__, str(exc) or repr(exc))]
            finally:
                future.release()
            yield outcomes
            while len(pending) < window:
                more = next(source, None)
                if more is None:
                    break
                submit(more)


def _threads(client: Any) -> int:
    """Worker threads in the cluster now (a remote cluster may grow later; it is a window)."""
    return sum(int(n) for n in client.nthreads().values())
