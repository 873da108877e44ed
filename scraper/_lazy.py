"""Lazy public names for the scraper's subpackages: a subpackage's `__init__` names what it
exports and where it lives; each name is imported on first use, so importing the
subpackage (or `nadif --help`) stays cheap."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: `exports` maps a public name to the module
    that defines it; the value, once imported, is kept in `namespace` (the package's
    globals) so the next lookup does not come here."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
