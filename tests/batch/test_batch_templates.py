"""`nadif clean DIR -o OUT --learn-templates`: per-group templates learned in a first pass,
dropped in the second as `learned/<group>`; small groups left alone; resume and --jobs."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from batch_support import LOCALHOST, read_jsonl

from nadif.scraper.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "sites"
SITES = ("hespress", "le360", "goud")
MASTHEAD = "مدونة الأصدقاء الثقافية"  # the folder group's template line
TINY_MASTHEAD = "منتدى الجيران للأخبار المحلية"


def _gold(site: str, page: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (CORPUS / site / f"{page}.gold.json").read_text(encoding="utf-8")
    )
    return data


def _folder_dump(masthead: str, site: str, page: str) -> str:
    """A dump of a site nadif has no module for: its masthead, a title and a body (the
    body of a corpus page)."""
    gold = _gold(site, page)
    return "\n\n".join([masthead, gold["title"], *gold["body"]]) + "\n"


def _inputs(root: Path) -> Path:
    """corpus/sites pages of three sites (signature groups), a folder of 6 dumps of an
    unknown site (a folder group) and a folder of 3 (too small to learn from)."""
    folder = root / "in"
    for site in SITES:
        (folder / site).mkdir(parents=True)
        for dump in sorted((CORPUS / site).glob("*.txt")):
            shutil.copy(dump, folder / site / dump.name)
    (folder / "blog").mkdir()
    for n in range(6):
        text = _folder_dump(MASTHEAD, "barlamane", f"{n + 1:02d}")
        (folder / "blog" / f"post{n}.txt").write_text(text, encoding="utf-8")
    (folder / "tiny").mkdir()
    for n in range(3):
        text = _folder_dump(TINY_MASTHEAD, "febrayer", f"{n + 1:02d}")
        (folder / "tiny" / f"post{n}.txt").write_text(text, encoding="utf-8")
    return folder


def _by_source(path: Path) -> dict[str, dict[str, Any]]:
    return {r["source"]: r for r in read_jsonl(path)}


def _learned(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in record["removed"] if r["rule"].startswith("learned/")]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One --learn-templates run over the inputs (jobs 1): the input folder, OUT, stderr."""
    root = tmp_path_factory.mktemp("learn")
    folder = _inputs(root)
    out = root / "out.jsonl"
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        code = main(["clean", str(folder), "-o", str(out), "--learn-templates", "--no-progress"])
    assert code == 0, f"every input is cleaned: {buffer.getvalue()}"
    return folder, out, buffer.getvalue()


def test_site_groups_drop_template_lines_as_learned_rules(run: tuple[Path, Path, str]) -> None:
    _folder, out, _ = run
    records = _by_source(out)
    for site in SITES:
        pages = [r for s, r in records.items() if f"/{site}/" in s]
        assert len(pages) == 8, f"{site}: 8 records"
        learned = [x for r in pages for x in _learned(r)]
        assert learned, f"{site}: the learned template removed some lines"
        assert {x["rule"] for x in learned} == {f"learned/{site}"}, f"{site}: rule ids name it"
        assert {x["kind"] for x in learned} == {"template"}, f"{site}: kind template"


def test_learned_rules_never_drop_a_body_line(run: tuple[Path, Path, str]) -> None:
    _folder, out, _ = run
    for source, record in _by_source(out).items():
        path = Path(source)
        if path.parent.name not in SITES:
            continue
        body = set(_gold(path.parent.name, path.stem)["body"])
        hit = [x["text"] for x in _learned(record) if x["text"] in body]
        assert not hit, f"{source}: body lines removed by a learned rule: {hit}"


def test_a_folder_group_learns_its_masthead(run: tuple[Path, Path, str]) -> None:
    _folder, out, _ = run
    blog = [r for s, r in _by_source(out).items() if "/blog/" in s]
    assert len(blog) == 6, "six blog records"
    for record in blog:
        learned = {(x["text"], x["rule"]) for x in _learned(record)}
        assert (MASTHEAD, "learned/blog") in learned, f"{record['source']}: masthead learned"
        assert record["paragraphs"], f"{record['source']}: the body is kept"


def test_a_small_group_is_left_to_the_generic_rules(run: tuple[Path, Path, str]) -> None:
    _folder, out, err = run
    tiny = [r for s, r in _by_source(out).items() if "/tiny/" in s]
    assert len(tiny) == 3, "three tiny records"
    assert not any(_learned(r) for r in tiny), "no learned rule fires on a group of 3"
    assert any("tiny" in line and "too few pages" in line for line in err.splitlines()), (
        "the report says the small group was left to the generic rules"
    )


def test_the_summary_counts_learned_rules(run: tuple[Path, Path, str]) -> None:
    _folder, out, err = run
    removed = sum(len(_learned(r)) for r in read_jsonl(out))
    assert "removed by learned templates, by rule:" in err, "the summary has the section"
    counted = sum(
        int(line.split()[-1]) for line in err.splitlines() if line.strip().startswith("learned/")
    )
    assert counted == removed, "the summary counts every learned removal"


def test_jobs_2_gives_the_same_records(run: tuple[Path, Path, str], tmp_path: Path) -> None:
    folder, out, _ = run
    out2 = tmp_path / "out2.jsonl"
    argv = ["clean", str(folder), "-o", str(out2), "--learn-templates", "--no-progress"]
    assert main([*argv, "--jobs", "2"]) == 0, "the run with 2 processes succeeds"
    assert _by_source(out2) == _by_source(out), "the same records with --jobs 2"


@pytest.mark.slow
@pytest.mark.block_network(allowed_hosts=LOCALHOST)
def test_the_dask_engine_gives_the_same_records(
    run: tuple[Path, Path, str], tmp_path: Path
) -> None:
    folder, out, _ = run
    out2 = tmp_path / "dask.jsonl"
    argv = ["clean", str(folder), "-o", str(out2), "--learn-templates", "--no-progress"]
    assert main([*argv, "--engine", "dask", "--jobs", "2"]) == 0, "the Dask run succeeds"
    assert _by_source(out2) == _by_source(out), "the same records on a local Dask cluster"


def test_resume_redoes_the_rest_with_the_same_templates(
    run: tuple[Path, Path, str], tmp_path: Path
) -> None:
    folder, out, _ = run
    partial = tmp_path / "partial.jsonl"
    lines = out.read_bytes().split(b"\n")[:-1]
    argv = ["clean", str(folder), "-o", str(partial), "--learn-templates", "--no-progress"]
    assert main(argv) == 0, "a first run"
    partial.write_bytes(b"\n".join(lines[:10]) + b"\n")  # as if stopped after 10 records
    assert main(argv) == 0, "the resumed run succeeds"
    assert _by_source(partial) == _by_source(out), "resumed: the same records, each once"
    assert len(read_jsonl(partial)) == len(lines), "nothing written twice"


def test_resuming_without_the_option_is_refused(
    run: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _, _ = run
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(folder / "tiny"), "-o", str(out), "--learn-templates"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:
        main(["clean", str(folder / "tiny"), "-o", str(out)])
    assert stop.value.code == 2, "options differ: a usage error"
    assert "--learn-templates" in capsys.readouterr().err, "the refusal names the option"


def test_standard_input_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["clean", "-", "--learn-templates"])
    assert stop.value.code == 2, "one document: a usage error"
    assert "--learn-templates" in capsys.readouterr().err, "the error names the option"
