"""What a batch works on: `Task`, and `iter_tasks`, which turns the user's inputs into tasks.

Inputs are walked lazily: a folder of a million files is never listed as a whole, only one
folder at a time (sorted, so that two runs see the same order). Anything the walk cannot
take (a symbolic link loop, a broken link, a folder it may not list, a named pipe) still
becomes a task, one that carries its `problem`: the batch turns it into an error record
with that reason instead of calling the worker. So every input found ends as exactly one
output or error record, and nothing is dropped silently.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

__all__ = ["HTML_SUFFIXES", "KINDS", "Task", "iter_tasks"]

KINDS = ("text", "html", "url")
"""A task's kind: a text dump, an HTML file, a URL to fetch."""

HTML_SUFFIXES = (".html", ".htm", ".html.gz")
"""File names a folder walk takes as HTML (case-insensitive)."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_COMMENT = "#"


@dataclass(frozen=True, slots=True)
class Task:
    """One input of a batch.

    `source` is the path or URL exactly as the user gave it or as the walk found it: it is
    the key that resuming matches against, and what error records name. `problem` is set
    when the input could not even be handed to a worker (see the module docstring); the
    batch then records it as an error without calling the worker.
    """

    source: str
    kind: str
    problem: str | None = field(default=None, compare=False)


def iter_tasks(
    inputs: Iterable[str], kind: str, *, exclude: Sequence[str | os.PathLike[str]] = ()
) -> Iterator[Task]:
    """Yield one task per input file or URL, lazily, in a stable order.

    - "text": a file is taken as given; a folder is walked recursively and every regular
      file in it is a dump, except hidden files and folders (names starting with ".").
    - "html": the same, but a walk takes only names ending in .html, .htm or .html.gz.
    - "url": an input with a scheme (``https://...``) is a URL; any other input is a file
      of URLs, one a line, blank lines and lines starting with "#" skipped.

    A path that does not exist is still yielded: its worker fails and the batch records
    why. Folders are walked depth first, entries sorted by name; symbolic links are
    followed, and a link that leads back to a folder above it becomes a task with a
    `problem` instead of an endless walk.

    `exclude`: the run's own outputs (its JSONL, errors file, text folder...): a walk
    never takes them, nor enters them, even when they lie inside an input folder.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown task kind {kind!r}: expected one of {', '.join(KINDS)}")
    excluded = _Excluded(exclude)
    for item in inputs:
        if kind == "url":
            yield from _url_tasks(item)
        elif os.path.isdir(item):
            yield from _walk(item, kind, excluded)
        else:
            yield Task(item, kind)


class _Excluded:
    """Paths a walk skips; compared by real path, and only for entries whose name matches."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]]) -> None:
        self._real = {os.path.realpath(p) for p in paths}
        self._names = {os.path.basename(p) for p in self._real}

    def __contains__(self, entry: os.DirEntry[str]) -> bool:
        return entry.name in self._names and os.path.realpath(entry.path) in self._real


def _url_tasks(item: str) -> Iterator[Task]:
    """A URL, or the URLs listed in a file (read line by line, never whole)."""
    if _URL.match(item):
        yield Task(item, "url")
        return
    try:
        mode = os.stat(item).st_mode
    except OSError:
        mode = stat.S_IFREG  # open() below says why
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a named pipe would block
        yield Task(item, "url", problem=f"cannot read the URL list: {_special(mode)}")
        return
    try:
        with open(item, encoding="utf-8-sig", errors="replace") as lines:
            for line in lines:
                url = line.strip()
                if url and not url.startswith(_COMMENT):
                    yield Task(url, "url")
    except OSError as exc:
        yield Task(item, "url", problem=f"cannot read the URL list: {_strerror(exc)}")


def _walk(top: str, kind: str, excluded: _Excluded) -> Iterator[Task]:
    """Depth-first walk of one folder; only the folders on the current path are held."""
    try:
        top_id = _identity(os.stat(top))
        entries = _listing(top)
    except OSError as exc:
        yield Task(top, kind, problem=f"cannot list the folder: {_strerror(exc)}")
        return
    stack: list[tuple[Iterator[os.DirEntry[str]], tuple[int, int]]] = [(entries, top_id)]
    ancestors = {top_id}
    while stack:
        entries, folder_id = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            ancestors.discard(folder_id)
            continue
        if entry.name.startswith(".") or entry in excluded:
            continue
        try:
            if entry.is_dir():
                entry_id = _identity(entry.stat())
                if entry_id in ancestors:
                    yield Task(entry.path, kind, problem=_LOOP_TO_ANCESTOR)
                    continue
                try:
                    children = _listing(entry.path)
                except OSError as exc:
                    yield Task(
                        entry.path, kind, problem=f"cannot list the folder: {_strerror(exc)}"
                    )
                    continue
                stack.append((children, entry_id))
                ancestors.add(entry_id)
            elif _wanted(entry.name, kind):
                problem = None if entry.is_file() else _not_a_file(entry)
                yield Task(entry.path, kind, problem=problem)
        except OSError as exc:
            if _wanted(entry.name, kind):
                yield Task(entry.path, kind, problem=_link_problem(entry, exc))


_LOOP_TO_ANCESTOR = "symbolic link loop: it leads back to a folder above it"
_SPECIAL_FILES: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _listing(path: str) -> Iterator[os.DirEntry[str]]:
    """The entries of one folder, sorted by name (the folder is read now, and closed)."""
    with os.scandir(path) as scan:
        return iter(sorted(scan, key=lambda entry: entry.name))


def _identity(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _wanted(name: str, kind: str) -> bool:
    return kind != "html" or name.lower().endswith(HTML_SUFFIXES)


def _not_a_file(entry: os.DirEntry[str]) -> str:
    """Why an entry that is neither a folder nor a regular file is not read."""
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        return _link_problem(entry, exc)
    return _special(mode)


def _special(mode: int) -> str:
    for test, what in _SPECIAL_FILES:
        if test(mode):
            return f"not a regular file: {what}"
    return "not a regular file"


def _link_problem(entry: os.DirEntry[str], exc: OSError) -> str:
    if entry.is_symlink():
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: " + _strerror(exc)
        return "broken symbolic link: " + _strerror(exc)
    return _strerror(exc)


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)
