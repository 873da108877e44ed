"""Shared test helpers: where fixtures live, and the fixture-case loader (imported by name)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SITES_DIR = TESTS / "sites"
GENERIC_DIR = TESTS / "generic"
SEEDS_DIR = ROOT / "seeds"


@dataclass(frozen=True)
class DumpCase:
    """A dump and what a perfect cleaner returns for it (expected.json)."""

    folder: Path
    expected: dict[str, Any]

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def dump(self) -> Path:
        return self.folder / "dump.txt"

    @classmethod
    def load(cls, folder: Path) -> DumpCase:
        return cls(folder, json.loads((folder / "expected.json").read_text(encoding="utf-8")))


def generic_cases() -> list[DumpCase]:
    return [
        DumpCase.load(p) for p in sorted(GENERIC_DIR.iterdir()) if (p / "expected.json").exists()
    ]
