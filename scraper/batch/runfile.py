"""A run's options, recorded beside its output so that a resume cannot mix two runs.

Resuming skips every input already in OUT. That is only right when this run would have
written the same records: a re-run with `--site none` (or another command, format, ...)
on the same OUT would otherwise keep the old records and skip every input silently. So
the options that shape the records are written to OUT.run.json (atomically) when a run
starts, and a later run on the same OUT must give the same ones (`OptionsMismatch`
names both), or ask to start afresh (`overwrite=True` removes OUT, its errors file and
OUT.run.json first).

An OUT without OUT.run.json (written before nadif recorded options) is resumed as it is,
and gets one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from nadif.scraper.batch._journal import write_atomic
from nadif.scraper.batch._sink import default_errors_path

__all__ = ["OptionsMismatch", "run_file_path", "run_outputs", "start_run"]

# `_sink.text_file_name`'s shape, for each folder format's suffix
_TEXT_FILE = re.compile(r"^[\w.-]*-[0-9a-f]{10}\.(?:txt|md|xml)$")


class OptionsMismatch(Exception):
    """The options of this run differ from those OUT was written with."""


def run_file_path(out: Path) -> Path:
    """OUT.jsonl -> OUT.run.json, beside OUT (a folder OUT/ -> OUT.run.json)."""
    return out.with_suffix(".run.json")


def run_outputs(out: Path, errors: Path | None) -> list[Path]:
    """Every path a run with output `out` writes: never to be read back as an input."""
    return [out, errors if errors is not None else default_errors_path(out), run_file_path(out)]


def _describe(options: dict[str, Any]) -> str:
    words = []
    for name, value in options.items():
        if name == "command" or value is True:
            words.append(str(value) if name == "command" else name)
        elif value not in (None, False):
            words.append(f"{name} {value}")
    return " ".join(words)


def start_run(
    out: Path, options: dict[str, Any], *, errors: Path | None = None, overwrite: bool = False
) -> None:
    """Check `options` against those OUT was written with, then record them.

    `options` maps an option's name as the user types it to its value (a `None` or
    `False` value is "not given"). Raises `OptionsMismatch` when OUT was written with
    other options, unless `overwrite`, which removes the previous run's outputs first.
    """
    record_path = run_file_path(out)
    if overwrite:
        _remove_previous(out, errors if errors is not None else default_errors_path(out))
    else:
        previous = _read(record_path)
        if previous is not None and previous != options:
            raise OptionsMismatch(
                f"{out} was written by `{_describe(previous)}`, this run is "
                f"`{_describe(options)}`: give the same options to resume, or --overwrite "
                "to start afresh"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(options, ensure_ascii=False, indent=1) + "\n"
    write_atomic(record_path, text.encode("utf-8"))


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None  # no record: a new OUT (or one whose folder cannot exist: said later)
    except (OSError, ValueError):
        return {"(unreadable)": str(path)}  # never equal: the user decides with --overwrite
    return data if isinstance(data, dict) else {"(unreadable)": str(path)}


def _remove_previous(out: Path, errors: Path) -> None:
    """Remove OUT (for a folder: only the .txt/.md/.xml files nadif names), its errors and record."""
    if out.is_dir() and not out.is_symlink():
        for entry in os.scandir(out):
            if entry.is_file(follow_symlinks=False) and _TEXT_FILE.match(entry.name):
                os.unlink(entry.path)
        if not any(out.iterdir()):
            shutil.rmtree(out)
    else:
        out.unlink(missing_ok=True)
    errors.unlink(missing_ok=True)
    run_file_path(out).unlink(missing_ok=True)
