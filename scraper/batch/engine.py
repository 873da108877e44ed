"""Batch runs: many inputs through one worker, streamed, parallel, resumable.

    summary = run_batch(iter_tasks(["dumps/"], "text"), clean_task, out=Path("out.jsonl"),
                        jobs=2)
    print(summary.render()); sys.exit(summary.exit_code)

What a run guarantees:

- Every input ends as exactly one output record or one error record
  ``{"source", "kind", "error", "reason"}`` (`error` is the exception's class name). A
  worker's exception, whatever it is, fails that input only; so does a worker process that
  dies (see `_local`).
- Streaming: tasks are pulled lazily and at most a few chunks per process are in flight;
  records are written as they come. With ``jobs > 1`` or the Dask engine the output order
  is completion order, not input order.
- Output (`formats`): JSONL or CSV to the file `out` (stdout when `out` is None), or
  with a folder format (``fmt="text"``, ``"markdown"``, ``"xml"``) one file per article
  in the folder `out` (to stdout: the articles one after another, see `StreamSink`).
  Error records go to `errors`, by default beside OUT as OUT.errors.jsonl (stderr when
  `out` is None).
- Resuming: a run with the same `out` skips every input whose source is already in it;
  inputs that failed are retried, and the errors file is rewritten with those that still
  fail. A run killed at any moment (SIGKILL included) loses no finished record and leaves
  no half one (see `_journal`); after a complete re-run every input is in OUT exactly once.
  Sources are compared as strings: give the inputs the same way ("dir" is not "./dir").
- ``jobs=1`` runs in this process; ``jobs=N`` uses N processes; ``engine="dask"`` runs on
  a Dask cluster (the `scheduler` address, or a local cluster of `jobs` workers), with the
  same records. The worker must be picklable for both (a top-level function or a
  `functools.partial` of one).
- `Summary.exit_code` is 0 when no input failed in this run, 1 when some did.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing
from functools import partial
from pathlib import Path
from typing import IO

from nadif.cleaners.errors import InputError
from nadif.scraper.batch._dask import SchedulerUnreachable
from nadif.scraper.batch._inputs import Task, iter_tasks
from nadif.scraper.batch._journal import AppendOnlyFile
from nadif.scraper.batch._local import run_in_pool, run_in_process
from nadif.scraper.batch._outcome import Outcome, Worker, run_chunk
from nadif.scraper.batch._progress import Progress, progress_wanted
from nadif.scraper.batch._sink import (
    CsvSink,
    DirSink,
    JsonlSink,
    LineWriter,
    Sink,
    StreamLines,
    StreamSink,
    default_errors_path,
)
from nadif.scraper.batch._summary import Summary
from nadif.scraper.batch.formats import DIR_FORMATS, FORMATS

__all__ = [
    "ENGINES",
    "SchedulerUnreachable",
    "Summary",
    "Task",
    "Worker",
    "default_errors_path",
    "iter_tasks",
    "run_batch",
]

ENGINES = ("local", "dask")

CHUNK_SIZE = 16
"""Tasks sent to a worker process at once: amortises the cost of each round trip."""

CHUNK_SIZE_BY_KIND = {"url": 1}
"""Kinds whose tasks go one by one: a fetch is slow and waits, chunking it gains nothing."""


def run_batch(
    tasks: Iterable[Task],
    worker: Worker,
    *,
    out: Path | None,
    errors: Path | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    stdout: IO[str] | None = None,
    fmt: str = "jsonl",
    total: Callable[[], int | None] | None = None,
) -> Summary:
    """Run `worker` on every task and write the outcomes; see the module docstring.

    `progress`: True or False forces the progress display on standard error, None shows
    it on a terminal outside CI (`_progress`). `total` counts the inputs for it (called
    only when it shows; None: unknown).
    """
    _check(out, errors, jobs, engine, scheduler, fmt)
    started = time.perf_counter()
    summary = Summary(errors_to=_errors_to(out, errors))
    shown = progress_wanted(progress, sys.stderr)
    bar = Progress(shown, sys.stderr, total=total() if shown and total is not None else None)
    # a record printed on the terminal that shows the display: erase the display first
    data_on_terminal = out is None and _isatty(stdout if stdout is not None else sys.stdout)
    with ExitStack() as stack:
        stack.push(bar.exit)  # an interruption: erase it, give the cursor back
        sink = _open_sink(out, errors, fmt, stdout)
        stack.callback(sink.close)
        todo = _claimed(tasks, sink, summary, bar)
        chunk_size = 1 if engine == "local" and jobs == 1 else CHUNK_SIZE
        runner = partial(run_chunk, worker, fmt)
        results = _engine(engine, _chunks(todo, chunk_size), runner, jobs, scheduler)
        stack.enter_context(closing(results))  # on an interruption: stop the pool or cluster
        for outcomes in results:
            for outcome in outcomes:
                if data_on_terminal or (out is None and not outcome.ok):
                    bar.clear()
                sink.write(outcome)
                summary.add(outcome)
            bar.update(summary.articles, summary.errors, summary.skipped)
    summary.elapsed = time.perf_counter() - started
    bar.close(summary.articles, summary.errors, summary.skipped)
    return summary


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _check(
    out: Path | None,
    errors: Path | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    fmt: str,
) -> None:
    """Reject contradictory arguments before anything is opened or truncated.

    Arguments a program gets wrong raise ValueError; an output path that does not fit the
    format is the user's input error (InputError, which the CLI reports in one line).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}: expected {', '.join(FORMATS)}")
    if out is not None and errors is not None and Path(errors).resolve() == Path(out).resolve():
        raise ValueError(f"the errors file must not be the output itself: {out}")
    if out is not None:
        _check_output_path(Path(out), fmt)


def _check_output_path(out: Path, fmt: str) -> None:
    """An output that cannot be what the format needs is the user's input error.

    A JSONL output is a regular file: a named pipe, a device (/dev/full, /dev/zero) or a
    socket cannot be resumed from, and reading one back could block or never end.
    """
    if fmt not in DIR_FORMATS and out.is_dir():
        raise InputError(str(out), f"is a folder: give a file for {fmt}, or --format text")
    if fmt not in DIR_FORMATS and out.exists() and not out.is_file():
        raise InputError(str(out), f"not a regular file: the {fmt} output must be a file")
    if fmt in DIR_FORMATS and out.exists() and not out.is_dir():
        raise InputError(str(out), f"is a file: the {fmt} format writes a folder of files")


def _errors_to(out: Path | None, errors: Path | None) -> str:
    """Where the error records of a run go, as the summary names it."""
    if errors is not None:
        return str(errors)
    return str(default_errors_path(Path(out))) if out is not None else "stderr"


def _open_sink(
    out: Path | None,
    errors: Path | None,
    fmt: str,
    stdout: IO[str] | None,
) -> Sink:
    if out is None:
        error_lines: LineWriter = (
            AppendOnlyFile(Path(errors), truncate=True)
            if errors
            else StreamLines(sys.stderr, escape=True)
        )
        return StreamSink(stdout if stdout is not None else sys.stdout, error_lines, fmt=fmt)
    out = Path(out)
    errors_path = Path(errors) if errors else default_errors_path(out)
    if fmt in DIR_FORMATS:
        return DirSink(out, errors_path, fmt)
    if fmt == "csv":
        return CsvSink(out, errors_path)
    return JsonlSink(out, errors_path)


def _claimed(tasks: Iterable[Task], sink: Sink, summary: Summary, bar: Progress) -> Iterator[Task]:
    """The tasks still to do; counts every input, and those skipped as already done."""
    for task in tasks:
        summary.inputs += 1
        if sink.claim(task.source):
            yield task
        else:
            summary.skipped += 1
            bar.update(summary.articles, summary.errors, summary.skipped)


def _chunks(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    """Lazily group tasks; a task of a kind in `CHUNK_SIZE_BY_KIND` caps its chunk's size."""
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= min(size, CHUNK_SIZE_BY_KIND.get(chunk[0].kind, size)):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _engine(
    engine: str,
    chunks: Iterator[list[Task]],
    runner: partial[list[Outcome]],
    jobs: int,
    scheduler: str | None,
) -> Generator[Sequence[Outcome], None, None]:
    if engine == "dask":
        from nadif.scraper.batch._dask import (
            run_on_dask,  # the engine imports distributed: only when asked
        )

        return run_on_dask(chunks, runner, jobs=jobs, scheduler=scheduler)
    if jobs == 1:
        return run_in_process(chunks, runner)
    return run_in_pool(chunks, runner, jobs)
