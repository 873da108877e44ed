"""Fixtures of the batch tests: dump folders built from the real seed dumps.

The dumps are recombinations of the lines of the seeds in seeds/ (real Arabic pages), so
that every file is distinct but looks like a real input.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_support import SEEDS


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    lines = [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert lines, f"no seed dumps in {SEEDS}"
    return lines


@pytest.fixture(scope="session")
def make_dumps(seed_lines: list[str]) -> Callable[[Path, int], list[Path]]:
    """make_dumps(folder, n): n distinct small dumps (~1 KB) in sub-folders of `folder`."""

    def make(folder: Path, count: int) -> list[Path]:
        rng = random.Random(count)
        paths = []
        for index in range(count):
            sub = folder / f"part{index % 7}"
            sub.mkdir(parents=True, exist_ok=True)
            body = rng.sample(seed_lines, k=min(8, len(seed_lines)))
            path = sub / f"dump{index:05d}.txt"
            path.write_text(f"dump {index}\n{index}\n" + "\n".join(body) + "\n", encoding="utf-8")
            paths.append(path)
        return paths

    return make
