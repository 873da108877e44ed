"""The batch engine: many inputs through one worker, streamed, parallel, resumable.

`engine.run_batch` takes tasks (`_inputs.iter_tasks` walks files, folders and URL lists
lazily), runs them in this process, in a pool of processes (`_local`) or on a Dask
cluster (`_dask`), and writes every outcome to a sink (`_sink`: an append-only JSONL
journal, `_journal`, or one file per article), so that an interrupted run resumes where
it stopped. `worker` is the per-input function; `_summary` and `_progress` report.
"""

from ._inputs import Task, iter_tasks
from .engine import run_batch

__all__ = ["Task", "iter_tasks", "run_batch"]
