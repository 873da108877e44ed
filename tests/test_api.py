"""The public faces of the packages are pinned: a change to them is a decision, made here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nadif
import nadif.cleaners
import nadif.scraper.batch
import nadif.scraper.extraction
import nadif.scraper.fetching
import nadif.scraper.review
import nadif.sites


def test_public_api() -> None:
    assert nadif.__all__ == [
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
        "__version__",
        "all_sites",
        "clean_file",
        "clean_text",
        "extract_html",
        "fetch",
        "fetch_article",
        "get_site",
        "render_review",
        "write_review",
    ]


def test_every_package_exports_its_names_once() -> None:
    packages = (
        nadif,
        nadif.cleaners,
        nadif.sites,
        nadif.scraper.batch,
        nadif.scraper.extraction,
        nadif.scraper.fetching,
        nadif.scraper.review,
    )
    for package in packages:
        assert len(package.__all__) == len(set(package.__all__)), (
            f"{package.__name__}.__all__ has no repeats"
        )
        missing = [name for name in package.__all__ if not hasattr(package, name)]
        assert not missing, f"{package.__name__} exports names it does not define: {missing}"


def test_layers_import_downwards_only() -> None:
    """cleaners imports neither sites nor scraper; sites does not import scraper."""
    root = Path(__file__).resolve().parent.parent
    for layer, forbidden in (("cleaners", ("sites", "scraper")), ("sites", ("scraper",))):
        for path in (root / layer).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            for name in forbidden:
                for form in (
                    f"from {name}",
                    f"import {name}",
                    f"from nadif.{name}",
                    f"import nadif.{name}",
                ):
                    assert form not in text, f"{path.name} imports {name}"


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nadif",
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
