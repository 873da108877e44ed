"""The public faces of the packages are pinned: a change to them is a decision, made here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cleaners
import scraper
import sites


def test_scraper_public_api() -> None:
    assert scraper.__all__ == [
        "Article",
        "ExtractionError",
        "FetchError",
        "FetchOptions",
        "FetchResult",
        "Fetcher",
        "InputError",
        "NadifError",
        "Removal",
        "SiteRegistryError",
        "clean_file",
        "clean_text",
        "extract_html",
        "fetch",
        "fetch_article",
        "render_review",
        "write_review",
    ]


def test_every_package_exports_its_names_once() -> None:
    for package in (cleaners, sites, scraper):
        assert len(package.__all__) == len(set(package.__all__)), f"{package.__name__}.__all__ has no repeats"
        missing = [name for name in package.__all__ if not hasattr(package, name)]
        assert not missing, f"{package.__name__} exports names it does not define: {missing}"


def test_layers_import_downwards_only() -> None:
    """cleaners imports neither sites nor scraper; sites does not import scraper."""
    root = Path(__file__).resolve().parent.parent
    for layer, forbidden in (("cleaners", ("sites", "scraper")), ("sites", ("scraper",))):
        for path in (root / layer).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            for name in forbidden:
                assert f"from {name}" not in text and f"import {name}" not in text, (
                    f"{path.name} imports {name}"
                )


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scraper.cli",
            "clean",
            str(Path(__file__).parent / "generic"),
            "-o",
            str(blocker / "out.jsonl"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "cannot write" in result.stderr or str(blocker) in result.stderr
    assert "Traceback" not in result.stderr
