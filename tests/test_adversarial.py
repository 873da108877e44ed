"""Adversarial cases of issue 7: each test tries to break one promise of the command line
or of the readers and fetcher, and failed before its fix.

Network: only the local fault server of tests/fetch (127.0.0.1, started here) and
`httpx.MockTransport`; addresses such as 169.254.169.254 are refused before any socket
is opened, which is what the tests check.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fetch"))

from fetch_server import FaultServer

from nadif import InputError, clean_file, clean_text
from nadif.cleaners.errors import FetchError
from nadif.scraper.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from nadif.scraper.fetching.fetcher import Fetcher, FetchOptions, fetch

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARABIC_DUMP = ROOT / "tests" / "sites" / "elaph" / "dump.txt"
HEAVY = ("trafilatura", "httpx", "lxml", "bs4", "dask", "distributed", "htmldate", "regex")


def _nadif(
    *args: str | Path, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nadif", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the CLI in this process; it must exit 2. Returns stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == EXIT_USAGE, "exit code 2: the command line is wrong"
    return capsys.readouterr().err


@pytest.fixture
def allowed_hosts() -> list[str]:
    """pytest-recording lets these tests reach the local servers they start, nothing else."""
    return [r"127\.0\.0\.1$"]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    fault_server = FaultServer()
    fault_server.start()
    yield fault_server
    fault_server.stop()


@pytest.fixture
def fast() -> FetchOptions:
    return FetchOptions(
        connect_timeout=1.0,
        read_timeout=0.5,
        total_timeout=5.0,
        retries=2,
        backoff=0.01,
        per_host_delay=0.0,
        respect_robots=False,
    )


@pytest.fixture
def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


# --- start-up ------------------------------------------------------------------------------


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from nadif.scraper.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print('LOADED=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    assert "usage: nadif" in done.stdout, "the help was printed"
    loaded = done.stdout.rsplit("LOADED=", 1)[1].strip()
    assert loaded == "", f"nadif --help imported heavy libraries: {loaded}"


def test_import_nadif_loads_no_layer() -> None:
    code = (
        "import json, sys, nadif\n"
        "print(json.dumps([m for m in sys.modules if m.startswith('nadif.') or m in "
        f"{HEAVY!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    loaded = json.loads(done.stdout)
    assert loaded == [], f"import nadif imported {loaded}"


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    done = _nadif("--version")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.strip() == f"nadif {version('nadif')}", "the distribution's version"


def test_cli_constants_match_the_layers_they_mirror() -> None:
    from nadif.cleaners.nearduplicates import DEFAULT_THRESHOLD
    from nadif.scraper import cli, text

    assert cli.REVIEW_THRESHOLD == DEFAULT_THRESHOLD, "--threshold's documented default"
    assert cli.NO_SITE == text.NO_SITE, "the word for 'no site module'"


# --- command line ----------------------------------------------------------------------------


def test_dask_engine_without_the_extra_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    err = _usage_error(
        ["clean", str(ARABIC_DUMP), "--engine", "dask", "-o", str(tmp_path / "o.jsonl")], capsys
    )
    assert "pip install 'nadif[dask]'" in err, "names the extra to install"
    assert "Traceback" not in err


@pytest.mark.slow
def test_unreachable_scheduler_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    import dask

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    argv = ["clean", str(ARABIC_DUMP), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main([*argv, "--engine", "dask", "--scheduler", address])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED
    assert f"--scheduler {address}: cannot reach the Dask scheduler" in err, err
    assert "cannot write" not in err, "not reported as an output problem"


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(60):  # well over a pipe's buffer of text
        shutil.copy(ARABIC_DUMP, folder / f"dump{index:03d}.txt")
    script = (
        f'"{sys.executable}" -m nadif clean "{folder}" --format text --no-progress | head -1;'
        ' echo "status=${PIPESTATUS[0]}" >&2'
    )
    done = subprocess.run(
        ["bash", "-c", script], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.stdout.count("\n") == 1, "head printed its one line"
    assert "status=0" in done.stderr, f"nadif exits 0 when its reader goes: {done.stderr}"
    leftover = done.stderr.replace("status=0", "").strip()
    assert leftover == "", f"nothing on stderr (no 'Broken pipe', no record): {leftover!r}"


def test_resume_with_other_options_is_refused_and_overwrite_starts_afresh(
    seed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    first = ["clean", str(seed_folder), "-o", str(out), "--no-progress"]
    assert main(first) == EXIT_OK
    assert (tmp_path / "out.run.json").is_file(), "the options are recorded beside OUT"
    capsys.readouterr()
    err = _usage_error([*first, "--site", "none"], capsys)
    assert "--site none" in err and "clean --format jsonl" in err, f"names both runs: {err}"
    assert "--overwrite" in err, "says how to start afresh"
    assert main([*first, "--site", "none", "--overwrite"]) == EXIT_OK
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(list(seed_folder.iterdir())), "every input once, afresh"
    assert {r["site"] for r in records} == {None}, "the records are those of --site none"
    assert main([*first, "--site", "none"]) == EXIT_OK, "the same options resume"


def test_outputs_inside_the_input_folder_are_not_inputs(
    seed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = seed_folder / "run.jsonl"
    argv = ["clean", str(seed_folder), "-o", str(out), "--no-progress"]
    assert main(argv) == EXIT_OK
    assert main(argv) == EXIT_OK, "a re-run does not read its own output back either"
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(Path(s).suffix == ".txt" for s in sources), f"own outputs taken: {sources}"
    err = capsys.readouterr().err
    assert "inputs: 5  articles: 0  errors: 0  skipped: 5" in err, err


def test_an_output_given_as_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    err = _usage_error(["clean", str(ARABIC_DUMP), str(out), "-o", str(out)], capsys)
    assert "own output" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--delay", "-1"], "--delay cannot be negative"),
        (["--delay", "inf"], "--delay must be at most"),
        (["--delay", "1e300"], "--delay must be at most"),
        (["--delay", "nan"], "--delay cannot be negative"),
        (["--timeout", "inf"], "--timeout must be at most"),
        (["--timeout", "0"], "--timeout must be more than 0"),
        (["--max-time", "-5"], "--max-time cannot be negative"),
        (["--retries", "-1"], "--retries cannot be negative"),
    ],
)
def test_fetch_option_errors_speak_the_cli_words(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _usage_error(["fetch", "https://example.com/a", *args], capsys)
    assert message in err, err
    assert "FetchOptions" not in err, "no internal names"
    assert err.startswith("usage: nadif fetch"), "the subcommand's usage"


def test_subcommand_usage_error_prints_the_subcommand_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _usage_error(["clean", str(ARABIC_DUMP), "--jobs", "0"], capsys)
    assert err.startswith("usage: nadif clean"), err
    assert "--jobs must be at least 1" in err


def test_unknown_site_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["clean", str(ARABIC_DUMP), "--site", "elaf"], capsys)
    assert "did you mean 'elaph'?" in err, err


def test_jobs_are_capped_at_a_multiple_of_the_cores(
    seed_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    argv = ["clean", str(seed_folder), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]
    assert main([*argv, "--jobs", "100000"]) == EXIT_OK
    assert "--jobs 100000 capped at 8 (4 per core, 2 cores)" in capsys.readouterr().err


def test_missing_url_list_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.txt"
    err = _usage_error(["fetch", "-i", str(missing)], capsys)
    assert f"-i {missing}: no such file" in err, err


def test_summary_names_the_errors_file(
    seed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(seed_folder), "-o", str(out), "--no-progress"]) == EXIT_FAILED
    assert f"error records: {tmp_path / 'out.errors.jsonl'}" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    argv = ["clean", str(bad), str(ARABIC_DUMP), "-o", str(tmp_path / "o.jsonl")]
    assert main([*argv, "--errors", "/dev/full", "--no-progress"]) == EXIT_FAILED
    assert "nadif: /dev/full: cannot write: No space left on device" in capsys.readouterr().err


def test_names_on_stderr_are_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "a\nnadif: forged line \x1b[2J\u202egnp.txt"
    hostile.write_bytes(b"\x00\x01binary")
    single = _nadif("clean", hostile)
    assert single.returncode == EXIT_FAILED
    assert single.stderr.count("\n") == 1, f"one line, no forged one: {single.stderr!r}"
    assert "\x1b" not in single.stderr and "\u202e" not in single.stderr, "no raw controls"
    assert "\\n" in single.stderr and "\\x1b" in single.stderr and "\\u202e" in single.stderr
    batch = _nadif("clean", tmp_path, "--no-progress")
    assert "\u202e" not in batch.stderr, "the error record on stderr escapes bidi controls"
    records = [json.loads(line) for line in batch.stderr.splitlines() if line.startswith("{")]
    assert [r["source"] for r in records] == [str(hostile)], "still the same JSON"


def test_review_page_shows_bidi_controls_in_names() -> None:
    from nadif.scraper.review.page import render_review

    record = {
        "source": "evil\u202etxt.exe",
        "url": None,
        "site": None,
        "lang": "en",
        "title": "T",
        "published": None,
        "author": None,
        "paragraphs": ["Body."],
        "text": "Body.",
        "removed": [],
        "flags": [],
    }
    error = {"source": "bad\u2067name.txt", "kind": "text", "error": "InputError", "reason": "x"}
    page = render_review([record], errors=[error])
    assert "\u202e" not in page and "\u2067" not in page, "no raw bidi control on the page"
    assert "evil\\u202etxt.exe" in page and "bad\\u2067name.txt" in page, "shown escaped"


# --- reliability: cleaning -------------------------------------------------------------------


def test_related_headers_are_cleaned_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from nadif.cleaners import pipeline

    class _Counting(list):  # type: ignore[type-arg]
        reads = 0

        def __getitem__(self, index: Any) -> Any:
            _Counting.reads += 1
            return super().__getitem__(index)

    class _CountingDoc(pipeline._Doc):
        __slots__ = ()

        def __init__(self, lines: Any, off: frozenset[str] = frozenset()) -> None:
            super().__init__(lines, off)
            self.drops = _Counting(self.drops)

    monkeypatch.setattr(pipeline, "_Doc", _CountingDoc)
    headers = 4000
    text = "A title for the story\n" + "Related posts\nمقالات ذات صلة\n" * (headers // 2)
    clean_text(text)
    per_line = _Counting.reads / headers
    assert per_line < 50, f"{per_line:.0f} reads of the drops per line: not linear"


# --- reliability: reading files ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["clean", "extract"])
def test_a_named_pipe_is_refused_not_read(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / ("f.txt" if command == "clean" else "f.html")
    os.mkfifo(fifo)
    done = _nadif(command, fifo, timeout=60)  # before the fix: blocked forever
    assert done.returncode == EXIT_FAILED
    assert f"{fifo}: not a regular file: a named pipe" in done.stderr, done.stderr


def test_a_named_pipe_as_url_list_is_a_usage_error(tmp_path: Path) -> None:
    fifo = tmp_path / "urls.txt"
    os.mkfifo(fifo)
    done = _nadif("fetch", "-i", fifo, timeout=60)
    assert done.returncode == EXIT_USAGE
    assert "not a regular file" in done.stderr, done.stderr


def test_dev_zero_is_refused_before_reading() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError, match="not a regular file: a character device"):
        clean_file("/dev/zero")
    assert time.perf_counter() - started < 1, "refused at once, not after 256 MB"


def test_damaged_utf8_stays_utf8(tmp_path: Path) -> None:
    data = bytearray(ARABIC_DUMP.read_bytes())
    for index in range(50, len(data), 40):  # 2.5% of the bytes damaged
        data[index] = 0xFF
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    article = clean_file(path)
    assert "replacement-chars" in article.flags, "damage is flagged"
    assert "mojibake" not in article.flags
    assert article.lang == "ar", "the Arabic stays Arabic"
    arabic = sum("\u0621" <= c <= "\u064a" for c in article.text)
    assert arabic > 0.5 * len(article.text), "not decoded as windows-1256"


def test_mojibake_from_a_wrong_charset_is_flagged(tmp_path: Path) -> None:
    text = ARABIC_DUMP.read_text(encoding="utf-8")
    garbled = text.encode("utf-8").decode("cp1256", errors="replace")
    path = tmp_path / "mojibake.txt"
    path.write_text(garbled, encoding="utf-8")
    assert "mojibake" in clean_file(path).flags, "UTF-8 read as windows-1256 upstream"
    assert "mojibake" not in clean_file(ARABIC_DUMP).flags, "the clean dump is not"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARABIC_DUMP.read_text(encoding="utf-8").encode(codec))
    assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert clean_file(path).paragraphs == clean_file(ARABIC_DUMP).paragraphs


def test_review_of_a_device_is_an_error(tmp_path: Path) -> None:
    from nadif.scraper.review.page import review_file

    with pytest.raises(InputError, match="not a regular file"):
        review_file(Path("/dev/null"), output=tmp_path / "page.html")
    assert not (tmp_path / "page.html").exists(), "no page written"


# --- reliability: fetching -------------------------------------------------------------------


def test_robots_txt_over_500_kib_is_parsed_from_its_start(
    server: FaultServer, fast: FetchOptions
) -> None:
    from dataclasses import replace

    server.robots_txt = "User-agent: *\nDisallow: /private\n" + "# padding line\n" * 45000
    assert len(server.robots_txt) > 600 * 1024
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetch(server.url("/private/page"), replace(fast, respect_robots=True))


def test_redirect_into_link_local_space_is_refused(server: FaultServer, fast: FetchOptions) -> None:
    with pytest.raises(FetchError, match="link-local address"):
        fetch(server.url("/redirect-metadata"), fast)


def _public_then_private() -> tuple[httpx.MockTransport, list[str]]:
    """news.example (a public address) redirects to 127.0.0.1; its robots.txt to 169.254."""
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/robots.txt"})
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})
        page = b"<html><body><p>intranet</p></body></html>"
        return httpx.Response(
            200, headers={"Content-Type": "text/html"}, stream=httpx.ByteStream(page)
        )

    return httpx.MockTransport(answer), asked


def _resolve(host: str, port: int) -> list[str]:
    return {"news.example": ["93.184.216.34"]}.get(host, ["127.0.0.1"])


def test_redirect_from_public_into_private_space_is_refused(fast: FetchOptions) -> None:
    from dataclasses import replace

    transport, asked = _public_then_private()
    options = replace(fast, respect_robots=True)
    with (
        Fetcher(options, transport=transport, resolve=_resolve) as fetcher,
        pytest.raises(FetchError, match="from a public address into 127.0.0.1"),
    ):
        fetcher.fetch("http://news.example/story")
    assert not any("127.0.0.1" in url for url in asked), f"never requested: {asked}"
    assert not any("169.254" in url for url in asked), "robots.txt redirects are checked too"


def test_allow_private_follows_into_private_space(fast: FetchOptions) -> None:
    from dataclasses import replace

    transport, asked = _public_then_private()
    options = replace(fast, allow_private=True)
    with Fetcher(options, transport=transport, resolve=_resolve) as fetcher:
        assert fetcher.fetch("http://news.example/story").status == 200
    assert asked[-1] == "http://127.0.0.1:8080/admin"


def test_a_loopback_url_the_user_gives_is_fetched(server: FaultServer, fast: FetchOptions) -> None:
    assert fetch(server.url("/redirect"), fast).status == 200, "loopback -> loopback is fine"


def test_max_time_bounds_a_url_retries_included(server: FaultServer, fast: FetchOptions) -> None:
    from dataclasses import replace

    options = replace(fast, total_timeout=1.0, retries=3, max_time=1.5)
    started = time.perf_counter()
    with pytest.raises(FetchError, match="--max-time"):
        fetch(server.url("/drip"), options)
    elapsed = time.perf_counter() - started
    assert elapsed < 3.5, f"{elapsed:.1f} s: max_time covers every attempt (4 x 1 s without)"


def test_max_time_option_reaches_the_fetcher(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(["fetch", "https://example.com/a", "--max-time", "inf"], capsys)
    assert "--max-time must be at most" in err


def test_a_gzip_body_cut_short_is_reported(server: FaultServer, fast: FetchOptions) -> None:
    with pytest.raises(FetchError, match="cut short"):
        fetch(server.url("/short-gzip"), fast)


def test_a_body_shorter_than_its_content_length_is_reported(
    server: FaultServer, fast: FetchOptions
) -> None:
    with pytest.raises(FetchError, match="expected 5000|of 5000 bytes"):
        fetch(server.url("/short-body"), fast)


def test_a_whole_gzip_body_is_still_read(server: FaultServer, fast: FetchOptions) -> None:
    assert fetch(server.url("/gzip"), fast).text.startswith("<!DOCTYPE html>")
