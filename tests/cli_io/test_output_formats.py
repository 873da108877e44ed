"""`--format csv|markdown|xml|text`: each format parsed back with a real parser."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from nadif.scraper.batch.formats import CSV_COLUMNS, render
from nadif.scraper.cli import EXIT_USAGE, main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def _records(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    assert main(["clean", str(folder), "--format", "jsonl", "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return {r["source"]: r for r in map(json.loads, lines)}


def test_csv_to_stdout_reads_back_with_the_csv_module(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(seeds, capsys)
    assert main(["clean", str(seeds), "--format", "csv", "--no-progress"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS, "the header row names the columns"
    assert len(rows) == len(records) == 5, "one row an article"
    for row in rows:
        record = records[row["source"]]
        assert row["text"] == record["text"], "the text, paragraph breaks included"
        assert row["title"] == (record["title"] or "")
        assert row["flags"] == ";".join(record["flags"])  # type: ignore[arg-type]
        assert int(row["removed_count"]) == len(record["removed"])  # type: ignore[arg-type]
        assert row["site"] == (record["site"] or ""), "null is an empty cell"


def test_csv_file_is_resumed_without_a_second_header(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    argv = ["clean", str(seeds), "--format", "csv", "-o", str(out), "--no-progress"]
    assert main(argv) == 0
    assert main(argv) == 0
    assert "skipped: 5" in capsys.readouterr().err, "the re-run finds the sources in the CSV"
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 6, "one header and five rows, nothing written twice"


def test_xml_stream_parses_and_keeps_removals(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(seeds, capsys)
    assert main(["clean", str(seeds), "--format", "xml", "--no-progress"]) == 0
    root = ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    assert root.tag == "articles"
    articles = root.findall("article")
    assert len(articles) == 5
    for article in articles:
        record = records[article.findtext("source") or ""]
        assert [p.text for p in article.iterfind("paragraphs/p")] == record["paragraphs"]
        removals = article.findall("removed/removal")
        assert [(r.text, r.get("kind"), r.get("rule")) for r in removals] == [
            (r["text"], r["kind"], r["rule"])
            for r in record["removed"]  # type: ignore[union-attr]
        ], "every removal, with its kind and rule"
        assert article.find("site") is None or record["site"] is not None, "null: no element"


def test_xml_escapes_markup_and_characters_xml_cannot_hold() -> None:
    record = {
        "source": "a<b>&c.txt",
        "title": 'T "1" & <2>',
        "paragraphs": ["x < y && z > w ]]>", "bell\x07 and \ud800 lone"],
        "text": "",
        "removed": [{"line": 2, "text": "<script>&amp;", "kind": "ad", "rule": "r", "score": 0.9}],
        "flags": ["empty"],
        "author": None,
    }
    element = ET.fromstring(b'<?xml version="1.0"?>' + render(record, "xml"))
    assert element.findtext("source") == "a<b>&c.txt"
    assert element.findtext("title") == 'T "1" & <2>'
    assert [p.text for p in element.iterfind("paragraphs/p")] == [
        "x < y && z > w ]]>",
        "bell\ufffd and \ufffd lone",
    ], "control characters and lone surrogates become U+FFFD"
    removal = element.find("removed/removal")
    assert removal is not None and removal.text == "<script>&amp;"
    assert removal.get("score") == "0.9", "the removal's score is kept"
    assert element.find("author") is None, "a null field has no element"


def test_xml_folder_holds_one_document_per_article(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "articles"
    assert main(["clean", str(seeds), "--format", "xml", "-o", str(out), "--no-progress"]) == 0
    files = sorted(out.glob("*.xml"))
    assert len(files) == 5
    assert all(ET.parse(f).getroot().tag == "article" for f in files), "each a whole document"


def test_markdown_renders_the_title_as_a_heading(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(seeds, capsys)
    one = str(seeds / "002_7d07bd42072f3ba6.txt")
    assert main(["clean", one, "--format", "markdown"]) == 0
    html = MarkdownIt().render(capsys.readouterr().out)
    assert html.startswith(f"<h1>{records[one]['title']}</h1>"), "the title is a heading"
    assert html.count("<h1>") == 1 and html.count("<p>") == len(records[one]["paragraphs"])  # type: ignore[arg-type]


def test_markdown_escapes_paragraphs_that_would_read_as_syntax() -> None:
    record = {"title": "T", "paragraphs": ["# not a heading", "- not a list", "1. nor this"]}
    html = MarkdownIt().render(render(record, "markdown").decode("utf-8"))
    assert html.count("<h1>") == 1, "only the title is a heading"
    assert "<ul>" not in html and "<ol>" not in html, "no paragraph became a list"


def test_markdown_stream_names_each_source(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = _records(seeds, capsys)
    assert main(["clean", str(seeds), "--format", "markdown", "--no-progress"]) == 0
    out = capsys.readouterr().out
    html = MarkdownIt().render(out)
    titled = sum(1 for r in records.values() if r["title"])
    assert html.count("<h1>") == titled == 4, "one heading per article with a title"
    assert out.count("<!-- source: ") == 5, "an HTML comment names each article's source"


def test_text_with_several_inputs_names_each_source(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(seeds), "--format", "text", "--no-progress"]) == 0
    headers = [line for line in capsys.readouterr().out.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {seed} <==" for seed in sorted(seeds.glob("*.txt"))]


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "out.jsonl"), ("xml", "o.xml"), ("markdown", "x.csv")]
)
def test_a_file_name_for_a_folder_format_is_a_usage_error(
    seeds: Path, tmp_path: Path, fmt: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["clean", str(seeds), "--format", fmt, "-o", str(tmp_path / name)])
    assert exit_.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"--format {fmt} writes a folder" in err and name in err
    assert not (tmp_path / name).exists(), "no folder named like a file is made"
