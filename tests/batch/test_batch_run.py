"""`run_batch` end to end with a test worker: one record per input, errors, resuming."""

from __future__ import annotations

import io
import os
import shutil
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from batch_support import SEEDS, read_jsonl
from batch_workers import BUG_MARKER, CRASH_MARKER, misbehaving, read_dump

from nadif.cleaners.errors import InputError
from nadif.scraper.batch.engine import Summary, Task, iter_tasks, run_batch

GOOD, BAD = "article", "error"


def _mixed_folder(root: Path) -> dict[str, str]:
    """A folder of good and bad inputs; returns what each input must end as."""
    expected: dict[str, str] = {}
    good = root / "good"
    good.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, good / seed.name)
        expected[str(good / seed.name)] = GOOD
    bad = root / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    (bad / "undecodable.txt").write_bytes("عنوان\n".encode("cp1256") + b"\xff\xfe body\n")
    (bad / "empty.txt").write_bytes(b"")
    for name in ("binary.txt", "undecodable.txt", "empty.txt"):
        expected[str(bad / name)] = BAD
    # a file name that is not valid UTF-8 (the content is fine)
    odd = os.path.join(os.fsencode(bad), b"odd-\xff-name.txt")
    with open(odd, "wb") as handle:
        handle.write((SEEDS / "000_998e78fb96475055.txt").read_bytes())
    expected[os.fsdecode(odd)] = GOOD
    # links: a loop a -> b -> a, a folder link to its own parent, a dangling link
    os.symlink("loop-b", bad / "loop-a")
    os.symlink("loop-a", bad / "loop-b")
    os.symlink("..", bad / "parent")
    os.symlink("missing.txt", bad / "dangling.txt")
    for name in ("loop-a", "loop-b", "parent", "dangling.txt"):
        expected[str(bad / name)] = BAD
    # hidden things are not inputs at all
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    # an unreadable file, where the file system can make one (root reads anything)
    locked = bad / "locked.txt"
    locked.write_bytes((SEEDS / "001_839faeebe4e0f5ca.txt").read_bytes())
    locked.chmod(0o000)
    expected[str(locked)] = BAD if not os.access(locked, os.R_OK) else GOOD
    return expected


def _outcomes(out: Path, errors: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return read_jsonl(out), read_jsonl(errors)


def _check_each_input_once(
    records: list[dict[str, Any]], errors: list[dict[str, Any]], expected: dict[str, str]
) -> None:
    counts = Counter(r["source"] for r in records) + Counter(e["source"] for e in errors)
    assert set(counts) == set(expected), "every input, and nothing else, has an outcome"
    assert max(counts.values()) == 1, f"inputs written twice: {counts.most_common(3)}"
    got = {r["source"]: GOOD for r in records} | {e["source"]: BAD for e in errors}
    assert got == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_mixed_folder_ends_as_one_record_per_input(tmp_path: Path, jobs: int) -> None:
    expected = _mixed_folder(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    summary = run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=out, jobs=jobs)
    records, errors = _outcomes(out, tmp_path / "out.errors.jsonl")
    _check_each_input_once(records, errors, expected)
    n_bad = sum(1 for v in expected.values() if v == BAD)
    assert (summary.inputs, summary.articles, summary.errors, summary.skipped) == (
        len(expected),
        len(expected) - n_bad,
        n_bad,
        0,
    )
    assert summary.exit_code == 1, "some inputs failed"
    by_source = {e["source"]: e for e in errors}
    assert set(errors[0]) == {"source", "kind", "error", "reason"}
    assert {e["kind"] for e in errors} == {"text"}
    assert {e["error"] for e in errors} == {"InputError"}
    assert by_source[str(tmp_path / "in/bad/binary.txt")]["reason"] == "binary file (NUL bytes)"
    assert by_source[str(tmp_path / "in/bad/empty.txt")]["reason"] == "empty file"
    assert "not UTF-8" in by_source[str(tmp_path / "in/bad/undecodable.txt")]["reason"]
    assert "symbolic link loop" in by_source[str(tmp_path / "in/bad/loop-a")]["reason"]
    assert "folder above it" in by_source[str(tmp_path / "in/bad/parent")]["reason"]
    assert "broken symbolic link" in by_source[str(tmp_path / "in/bad/dangling.txt")]["reason"]
    removed = Counter((r["site"], x["kind"]) for r in records for x in r["removed"])
    assert summary.removed_by_site_kind == removed
    assert removed[(None, "counter")] > 0, "the seeds' share counters were removed"


def test_a_rerun_skips_what_is_done_and_retries_what_failed(tmp_path: Path) -> None:
    expected = _mixed_folder(tmp_path / "in")
    tasks = partial(iter_tasks, [str(tmp_path / "in")], "text")
    out, errors = tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl"
    first = run_batch(tasks(), read_dump, out=out)
    fixed = tmp_path / "in/bad/empty.txt"
    fixed.write_text("now it has a title\nand a body\n", encoding="utf-8")
    expected[str(fixed)] = GOOD
    second = run_batch(tasks(), read_dump, out=out)
    assert second.skipped == first.articles, "done inputs are not done again"
    assert second.articles == 1, "only the fixed input became an article"
    assert second.errors == first.errors - 1, "failed inputs were retried"
    records, failures = _outcomes(out, errors)
    _check_each_input_once(records, failures, expected)
    third = run_batch(tasks(), read_dump, out=out)
    assert (third.articles, third.errors) == (0, second.errors)
    _check_each_input_once(*_outcomes(out, errors), expected)


def test_a_partial_last_line_is_cut_and_its_input_redone(tmp_path: Path, make_dumps) -> None:
    paths = make_dumps(tmp_path / "in", 5)
    out = tmp_path / "out.jsonl"
    run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=out)
    data = out.read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    out.write_bytes(data[: last_start + (len(data) - last_start) // 2])  # as a kill would
    summary = run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=out)
    assert (summary.skipped, summary.articles) == (4, 1)
    records = read_jsonl(out)
    assert sorted(r["source"] for r in records) == sorted(str(p) for p in paths)


def test_jobs_2_gives_the_same_records_as_jobs_1(tmp_path: Path, make_dumps) -> None:
    make_dumps(tmp_path / "in", 120)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=out, jobs=jobs)
        results[jobs] = (
            sorted(read_jsonl(out), key=lambda r: r["source"]),
            read_jsonl(tmp_path / f"out{jobs}.errors.jsonl"),
        )
    assert len(results[1][0]) == 120
    assert results[2] == results[1]


def test_a_worker_that_crashes_or_has_a_bug_fails_only_its_input(
    tmp_path: Path, make_dumps
) -> None:
    paths = make_dumps(tmp_path / "in", 60)
    crash, bug = paths[17], paths[41]
    crash.write_text(crash.read_text(encoding="utf-8") + CRASH_MARKER + "\n", encoding="utf-8")
    bug.write_text(bug.read_text(encoding="utf-8") + BUG_MARKER + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(iter_tasks([str(tmp_path / "in")], "text"), misbehaving, out=out, jobs=2)
    errors = {e["source"]: e for e in read_jsonl(tmp_path / "out.errors.jsonl")}
    assert set(errors) == {str(crash), str(bug)}
    assert errors[str(crash)]["error"] == "WorkerCrashed"
    assert errors[str(bug)]["error"] == "RuntimeError"
    assert errors[str(bug)]["reason"] == "simulated bug in the worker"
    assert len(read_jsonl(out)) == 58
    assert (summary.articles, summary.errors) == (58, 2)


def test_stdout_gets_records_and_stderr_gets_errors(
    tmp_path: Path, make_dumps, capsys: pytest.CaptureFixture[str]
) -> None:
    make_dumps(tmp_path / "in", 3)
    missing = str(tmp_path / "missing.txt")
    stdout = io.StringIO()
    summary = run_batch(
        iter_tasks([str(tmp_path / "in"), missing], "text"), read_dump, out=None, stdout=stdout
    )
    lines = stdout.getvalue().splitlines()
    assert len(lines) == 3
    err = capsys.readouterr().err
    assert f'"source": "{missing}"' in err
    assert '"error": "InputError"' in err
    assert summary.exit_code == 1


def test_a_source_given_twice_is_done_once(tmp_path: Path, make_dumps) -> None:
    (path,) = make_dumps(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    summary = run_batch([Task(str(path), "text")] * 3, read_dump, out=out)
    assert (summary.inputs, summary.articles, summary.skipped) == (3, 1, 2)
    assert len(read_jsonl(out)) == 1


def _not_a_dict(task: Task) -> Any:
    return [task.source]


def test_a_worker_result_that_is_not_a_record_is_an_error(tmp_path: Path, make_dumps) -> None:
    make_dumps(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    summary = run_batch(iter_tasks([str(tmp_path / "in")], "text"), _not_a_dict, out=out)
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert summary.errors == 2
    assert {e["error"] for e in errors} == {"TypeError"}
    assert "not a dict" in errors[0]["reason"]


def test_text_format_writes_one_file_per_article(tmp_path: Path, make_dumps) -> None:
    make_dumps(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    folder = tmp_path / "articles"
    tasks = partial(iter_tasks, [str(tmp_path / "in")], "text")
    first = run_batch(tasks(), read_dump, out=folder, fmt="text")
    files = sorted(folder.iterdir())
    assert len(files) == 4, "one .txt per article, nothing else (no temporary file left)"
    assert all(f.suffix == ".txt" and f.name.startswith("dump") for f in files)
    body = files[0].read_text(encoding="utf-8")
    assert body.startswith("dump 0\n\n"), "the title, a blank line, then the text"
    assert (first.articles, first.errors) == (4, 1)
    assert len(read_jsonl(tmp_path / "articles.errors.jsonl")) == 1
    second = run_batch(tasks(), read_dump, out=folder, fmt="text")
    assert (second.skipped, second.articles, second.errors) == (4, 0, 1)


def test_an_output_path_that_does_not_fit_the_format_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        run_batch([], read_dump, out=tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        run_batch([], read_dump, out=tmp_path / "file", fmt="text")


def test_missing_output_folders_are_created(tmp_path: Path, make_dumps) -> None:
    make_dumps(tmp_path / "in", 1)
    out = tmp_path / "new" / "deeper" / "out.jsonl"
    run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=out)
    assert len(read_jsonl(out)) == 1


def test_text_format_to_stdout_gives_each_article_a_header_naming_its_source(
    tmp_path: Path, make_dumps
) -> None:
    make_dumps(tmp_path / "in", 2)
    stdout = io.StringIO()
    run_batch(
        iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=None, stdout=stdout, fmt="text"
    )
    lines = stdout.getvalue().splitlines()
    headers = [line for line in lines if line.startswith("==> ")]
    assert headers == [
        f"==> {tmp_path / 'in' / f'part{i}' / f'dump{i:05d}.txt'} <==" for i in (0, 1)
    ], "one header line per article, naming its source"
    assert lines[lines.index(headers[1]) + 1] == "dump 1", "the article's title follows it"


def test_the_progress_line_goes_to_stderr_only_when_asked(
    tmp_path: Path, make_dumps, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_dumps(tmp_path / "in", 3)
    run_batch(iter_tasks([str(tmp_path / "in")], "text"), read_dump, out=tmp_path / "a.jsonl")
    assert capsys.readouterr().err == "", "auto: stderr is not a terminal here"
    run_batch(
        iter_tasks([str(tmp_path / "in")], "text"),
        read_dump,
        out=tmp_path / "b.jsonl",
        progress=True,
    )
    captured = capsys.readouterr()
    assert captured.out == "", "the progress display never writes to stdout"
    assert "3/3 inputs: 3 articles, 0 errors, 0 skipped" in captured.err, "the final totals"
    assert captured.err.count("inputs:") == 1, "not a terminal: the final line only"
    assert captured.err.endswith("\n")


def test_the_summary_renders_counts_and_removals() -> None:
    summary = Summary(inputs=7, articles=4, errors=2, skipped=1, elapsed=2.0)
    summary.removed_by_site_kind.update({("elaph", "share"): 3, (None, "nav"): 5})
    text = summary.render()
    assert text.splitlines()[0].startswith("inputs: 7  articles: 4  errors: 2  skipped: 1")
    assert "removed lines: 8, by site and kind:" in text
    assert text.splitlines()[2:] == [
        "  elaph      share                   3",
        "  (no site)  nav                     5",
    ], "one line per (site, kind), sites in name order, no site last"
    assert summary.exit_code == 1
    assert Summary(inputs=1, articles=1).exit_code == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"jobs": 0}, "jobs must be at least 1"),
        ({"engine": "spark"}, "unknown engine"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs engine='dask'"),
        ({"fmt": "yaml"}, "unknown output format"),
        ({"errors": "SAME"}, "must not be the output itself"),
    ],
)
def test_contradictory_arguments_are_refused_before_anything_is_written(
    tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    out = tmp_path / "out.jsonl"
    options: dict[str, Any] = {"out": out, **kwargs}
    if options.get("errors") == "SAME":
        options["errors"] = out
    with pytest.raises(ValueError, match=message):
        run_batch([], read_dump, **options)
    assert not out.exists()


class _CountingStream(io.StringIO):
    """A stdout that counts the records written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.records = 0

    def write(self, text: str) -> int:
        self.records += text.count("\n")
        return super().write(text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_tasks_are_pulled_lazily_within_a_bounded_window(
    tmp_path: Path, make_dumps, jobs: int
) -> None:
    from nadif.scraper.batch._local import IN_FLIGHT_PER_PROCESS
    from nadif.scraper.batch.engine import CHUNK_SIZE

    (path,) = make_dumps(tmp_path / "in", 1)
    stdout = _CountingStream()
    ahead: list[int] = []

    def tasks(count: int):
        for index in range(count):
            ahead.append(index - stdout.records)  # pulled but not yet written
            yield Task(f"{path}#{index}", "text")

    summary = run_batch(tasks(3000), _same_file, out=None, stdout=stdout, jobs=jobs)
    assert summary.articles == 3000
    bound = 1 if jobs == 1 else (IN_FLIGHT_PER_PROCESS * jobs + 1) * CHUNK_SIZE
    assert max(ahead) <= bound, "memory stays flat: only a window of tasks is in flight"


def _same_file(task: Task) -> dict[str, Any]:
    record = read_dump(Task(task.source.split("#")[0], task.kind))
    return {**record, "source": task.source}
