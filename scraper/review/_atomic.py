"""Writing the review page atomically: readers see the old page or the new one, never half.

The page is streamed into a temporary file in the target's folder (same file system);
only when it is complete is that file renamed over the target with `os.replace`. On any
failure, an interrupt included, the temporary file is removed and the target untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from nadif.cleaners.errors import InputError

__all__ = ["atomic_text_file"]


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle whose content becomes `path` (mode 0644) when the block ends
    without an exception. A file system error is an `InputError` naming `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(str(path), f"cannot be written ({exc.strerror or exc})") from None
    try:
        with open(fd, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(str(path), f"cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
