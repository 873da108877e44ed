"""The local engine: chunks of tasks run in this process, or in a pool of N processes.

An engine takes an iterator of chunks and a `runner` (a picklable `run_chunk` partial)
and yields each chunk's outcomes as they come. It pulls chunks lazily and keeps at most
`IN_FLIGHT_PER_PROCESS * jobs` chunks submitted, so memory stays flat whatever the number
of inputs; with several processes, results come in completion order, not input order.

Pool processes watch their parent: if the driver is killed (SIGKILL leaves no chance to
stop the pool), they exit within `PARENT_CHECK_INTERVAL` seconds instead of idling forever.

A worker process that dies (a crash in a C extension, the kernel's out-of-memory killer)
breaks the whole pool and fails every chunk in flight. Those tasks are then run again one
at a time in a fresh process, so that only the input that kills its process ends as an
error record ("WorkerCrashed"), and the batch goes on with a new pool.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from nadif.scraper.batch._inputs import Task
from nadif.scraper.batch._outcome import Outcome, failure

__all__ = ["IN_FLIGHT_PER_PROCESS", "WORKER_CRASHED", "Runner", "run_in_pool", "run_in_process"]

Runner = Callable[[Sequence[Task]], list[Outcome]]

PARENT_CHECK_INTERVAL = 0.5
"""Seconds between two checks, in a pool process, that the driver is still alive."""

IN_FLIGHT_PER_PROCESS = 2
"""Chunks submitted per process: one running, one queued so that no process waits."""

WORKER_CRASHED = (
    "WorkerCrashed",
    "the worker process died while cleaning this input (a crash, or killed by the system)",
)


def run_in_process(
    chunks: Iterable[Sequence[Task]], runner: Runner
) -> Generator[list[Outcome], None, None]:
    """jobs=1: no pool, no pickling; each chunk runs here, in order."""
    for chunk in chunks:
        yield runner(chunk)


def run_in_pool(
    chunks: Iterable[Sequence[Task]], runner: Runner, jobs: int
) -> Generator[list[Outcome], None, None]:
    """Run chunks on `jobs` processes with a bounded window of pending chunks."""
    window = IN_FLIGHT_PER_PROCESS * jobs
    source = iter(chunks)
    pool = _pool(jobs)
    pending: dict[Future[list[Outcome]], Sequence[Task]] = {}
    try:
        while True:
            for chunk in _take(source, window - len(pending)):
                pending[pool.submit(runner, chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            suspects: list[Task] = []
            for future in done:
                yield from _collect(future, pending.pop(future), suspects)
            if suspects:  # the pool is broken: every other pending chunk has failed too
                for future in wait(pending).done:
                    yield from _collect(future, pending.pop(future), suspects)
                pool.shutdown(wait=True)
                yield from _isolate(suspects, runner)
                pool = _pool(jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=processes, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )


def _exit_with_parent(parent: int) -> None:
    """Pool process initializer: a daemon thread that ends this process once `parent` is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="nadif-parent-watch", daemon=True).start()


def _take(source: Iterator[Sequence[Task]], count: int) -> Iterator[Sequence[Task]]:
    for _ in range(count):
        chunk = next(source, None)
        if chunk is None:
            return
        yield chunk


def _collect(
    future: Future[list[Outcome]], chunk: Sequence[Task], suspects: list[Task]
) -> Iterator[list[Outcome]]:
    """A finished chunk's outcomes; on a broken pool, its tasks become suspects."""
    try:
        yield future.result()
    except BrokenProcessPool:
        suspects.extend(chunk)
    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be unpickled
        yield [failure(task, type(exc).__name__, str(exc)) for task in chunk]


def _isolate(tasks: Sequence[Task], runner: Runner) -> Iterator[list[Outcome]]:
    """Run each suspect alone in a one-process pool: a crash now names its input."""
    pool = _pool(1)
    try:
        for task in tasks:
            try:
                yield pool.submit(runner, [task]).result()
            except BrokenProcessPool:
                yield [failure(task, *WORKER_CRASHED)]
                pool.shutdown(wait=True)
                pool = _pool(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
