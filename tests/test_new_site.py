"""The new-site scaffold writes a valid module and a fixture to review, and overwrites nothing."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from casefiles import GENERIC_DIR, ROOT

from nadif.sites import Site
from nadif.sites._registry import _check

SCRIPT = ROOT / "scripts" / "new_site.py"


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--root", str(root)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_scaffold_writes_a_module_the_registry_accepts(tmp_path: Path) -> None:
    (tmp_path / "sites").mkdir()
    dump = GENERIC_DIR / "wordpress-ar" / "dump.txt"
    result = _run(
        tmp_path, "example_news", "--domain", "example.ma", "--lang", "ar", "--dump", str(dump)
    )
    assert result.returncode == 0, result.stderr
    module = tmp_path / "sites" / "example_news.py"
    spec = importlib.util.spec_from_file_location("example_news", module)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    assert isinstance(loaded.SITE, Site)
    _check("example_news", loaded.SITE)  # raises SiteRegistryError if invalid
    expected = json.loads(
        (tmp_path / "tests" / "sites" / "example_news" / "expected.json").read_text(
            encoding="utf-8"
        )
    )
    assert "TO REVIEW" in expected["origin"], "a generated expectation says it must be reviewed"
    assert expected["paragraphs"], "today's output is the starting point"


def test_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "taken.py").write_text("")
    result = _run(tmp_path, "taken", "--domain", "taken.ma")
    assert result.returncode != 0 and "already exists" in result.stderr
    bad = _run(tmp_path, "Bad-Name", "--domain", "x.ma")
    assert bad.returncode != 0 and "site name" in bad.stderr
