"""Bad input: each gives a correct Article or a clear error naming the input and the
reason, with a documented exit code, and never a traceback."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from casefiles import SITES_DIR

from nadif import InputError, clean_file
from nadif.scraper.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main

ARABIC_DUMP = SITES_DIR / "elaph" / "dump.txt"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nadif", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _reference():  # the article from the clean UTF-8 dump
    return clean_file(ARABIC_DUMP)


@pytest.fixture
def arabic_text() -> str:
    return ARABIC_DUMP.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n   \n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (codecs.BOM_UTF16_LE + "   \n ".encode("utf-16-le"), "only white space"),
    ],
    ids=["empty", "whitespace", "binary", "utf16-whitespace"],
)
def test_unusable_files_are_clear_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(content)
    result = _run("clean", str(path))
    assert result.returncode == EXIT_FAILED, "exit code 1: the input failed"
    assert str(path) in result.stderr, "the error names the input"
    assert reason in result.stderr, "the error says why"
    assert "Traceback" not in result.stderr, "no traceback"
    assert result.stdout == "", "no record for a failed input"


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = _run("clean", str(missing))
    assert result.returncode == EXIT_FAILED
    assert f"{missing}: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_site_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["clean", str(ARABIC_DUMP), "--site", "nosuchsite"])
    assert exit_info.value.code == EXIT_USAGE
    assert "nosuchsite" in capsys.readouterr().err


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("cp1256"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8-bom", "crlf", "windows-1256", "utf16-le-bom", "utf16-be-bom", "cr"],
)
def test_encodings_and_line_endings_give_the_same_article(
    tmp_path: Path, arabic_text: str, encode
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(encode(arabic_text))
    article, reference = clean_file(path), _reference()
    assert article.title == reference.title, "title"
    assert article.paragraphs == reference.paragraphs, "paragraphs"
    assert [(r.line, r.kind) for r in article.removed] == [
        (r.line, r.kind) for r in reference.removed
    ]
    assert article.site == "elaph"


def test_latin1_french_is_decoded(tmp_path: Path) -> None:
    text = "Le café de la gare\n\nLes élèves ont visité le musée où l'on expose des œuvres anciennes, a déclaré la directrice mardi."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    article = clean_file(path)
    assert article.title == "Le café de la gare"
    assert "élèves" in article.text


def test_damaged_utf8_keeps_the_text_and_flags_it(tmp_path: Path, arabic_text: str) -> None:
    data = bytearray(arabic_text.encode("utf-8"))
    middle = len(data) // 2
    data[middle : middle + 1] = b"\xff"  # one broken byte inside a paragraph
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    article = clean_file(path)
    assert article.title == _reference().title
    assert "replacement-chars" in article.flags, "the damage is flagged"


def test_fifty_megabyte_file(tmp_path: Path, arabic_text: str) -> None:
    path = tmp_path / "big.txt"
    block = arabic_text.encode("utf-8")
    with path.open("wb") as fh:
        for i in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block.replace("البيان".encode(), f"البيان {i}".encode()))  # unique paragraphs
    assert path.stat().st_size >= 50 * 1024 * 1024
    result = _run("clean", str(path), "--format", "jsonl")
    assert result.returncode == EXIT_OK, result.stderr[-500:]
    record = json.loads(result.stdout)
    assert record["title"] == _reference().title
    assert len(record["paragraphs"]) > 1000, "the body of a huge dump is kept"


def test_one_ten_megabyte_line(tmp_path: Path) -> None:
    path = tmp_path / "oneline.txt"
    word = "كلمة "
    path.write_text(word * (10 * 1024 * 1024 // len(word.encode())), encoding="utf-8")
    result = _run("clean", str(path))
    assert result.returncode == EXIT_OK, result.stderr[-500:]
    record = json.loads(result.stdout)
    assert len(record["paragraphs"]) == 1 and len(record["paragraphs"][0]) > 5_000_000


def test_folder_without_readable_files(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").write_text("not a dump")
    result = _run("clean", str(folder), "--no-progress")
    assert result.returncode == EXIT_FAILED, "a folder with nothing to clean is an error"
    assert str(folder) in result.stderr and "no readable files" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_document_errors_name_the_input(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        clean_file(tmp_path)
    assert info.value.source == str(tmp_path) and "folder" in info.value.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (b"<html><body></body></html>", "no article text"),
    ],
    ids=["png-as-html", "empty-page"],
)
def test_bad_html_files_name_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    result = _run("extract", str(path))
    assert result.returncode == EXIT_FAILED
    assert f"{path}: " in result.stderr and reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
