"""`iter_tasks`: which inputs a batch sees, in which order, and how odd files end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import NO_READ_BYPASS

from nadif.scraper.batch.engine import Task, iter_tasks


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref\n")
    (root / ".hidden.txt").write_text("x\n")
    (root / "z.txt").write_text("z\n")
    (root / "b" / "2.txt").write_text("2\n")
    (root / "b" / "1.txt").write_text("1\n")
    (root / "a" / "page.HTML").write_text("<p>x</p>\n")
    (root / "a" / "page.htm").write_text("<p>x</p>\n")
    (root / "a" / "page.html.gz").write_bytes(b"\x1f\x8b")
    (root / "a" / "notes.md").write_text("md\n")


def _sources(tasks: list[Task], root: Path) -> list[str]:
    return [os.path.relpath(task.source, root) for task in tasks]


def test_text_walk_is_sorted_depth_first_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    tasks = list(iter_tasks([str(tmp_path)], "text"))
    assert _sources(tasks, tmp_path) == [
        "a/notes.md",
        "a/page.HTML",
        "a/page.htm",
        "a/page.html.gz",
        "b/1.txt",
        "b/2.txt",
        "z.txt",
    ]
    assert {task.kind for task in tasks} == {"text"}
    assert all(task.problem is None for task in tasks), "plain files carry no problem"


def test_html_walk_takes_only_html_names(tmp_path: Path) -> None:
    _tree(tmp_path)
    tasks = list(iter_tasks([str(tmp_path)], "html"))
    assert _sources(tasks, tmp_path) == ["a/page.HTML", "a/page.htm", "a/page.html.gz"]


def test_a_file_given_explicitly_is_taken_as_is(tmp_path: Path) -> None:
    _tree(tmp_path)
    given = str(tmp_path / ".hidden.txt")
    assert list(iter_tasks([given], "html")) == [Task(given, "html")]


def test_a_missing_path_is_still_a_task(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert list(iter_tasks([missing], "text")) == [Task(missing, "text")]


def test_source_keeps_the_spelling_of_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    assert [t.source for t in iter_tasks(["d/"], "text")] == ["d/x.txt"]
    assert [t.source for t in iter_tasks(["./d"], "text")] == ["./d/x.txt"]


def test_walk_is_lazy(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.txt").write_text("x\n")
    tasks = iter_tasks([str(tmp_path)], "text")
    first = next(tasks)
    assert first.source.endswith("a/f.txt")
    (tmp_path / "b" / "g.txt").write_text("added after the walk started\n")
    rest = [Path(t.source).name for t in tasks]
    assert rest == ["f.txt", "g.txt"], "folder b is listed only when the walk reaches it"


def test_symlink_loops_end_as_tasks_with_a_problem(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.txt").write_text("ok\n")
    os.symlink("b", tmp_path / "a")
    os.symlink("a", tmp_path / "b")
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    tasks = {os.path.relpath(t.source, tmp_path): t for t in iter_tasks([str(tmp_path)], "text")}
    assert sorted(tasks) == ["a", "b", "dangling.txt", "pipe.txt", "sub/ok.txt", "sub/up"]
    assert tasks["sub/ok.txt"].problem is None
    assert "symbolic link loop" in str(tasks["a"].problem)
    assert "symbolic link loop" in str(tasks["b"].problem)
    assert "leads back to a folder above it" in str(tasks["sub/up"].problem)
    assert "broken symbolic link" in str(tasks["dangling.txt"].problem)
    assert "named pipe" in str(tasks["pipe.txt"].problem)


def test_a_linked_folder_elsewhere_is_walked(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.txt").write_text("x\n")
    (tmp_path / "top").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "top" / "link")
    tasks = list(iter_tasks([str(tmp_path / "top")], "text"))
    assert _sources(tasks, tmp_path) == ["top/link/x.txt"]


def test_an_unlistable_folder_is_a_task_with_a_problem(tmp_path: Path) -> None:
    (tmp_path / "closed").mkdir(mode=0o000)
    code = (
        "import sys; from nadif.scraper.batch import iter_tasks; "
        "[print(t.source, t.problem, sep='|') for t in iter_tasks([sys.argv[1]], 'text')]"
    )
    command = [sys.executable, "-c", code, str(tmp_path)]
    if os.geteuid() == 0:  # root lists any folder: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a folder mode cannot stop root")
        command = [setpriv, *NO_READ_BYPASS, *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert done.stdout.splitlines() == [
        f"{tmp_path / 'closed'}|cannot list the folder: Permission denied"
    ]


def test_url_inputs_and_url_lists(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "\ufeff# seeds\nhttps://a.example/1\n\n   \n  http://b.example/2  \n#https://c.example/\n",
        encoding="utf-8",
    )
    tasks = list(iter_tasks(["https://x.example/0", str(listing)], "url"))
    assert [t.source for t in tasks] == [
        "https://x.example/0",
        "https://a.example/1",
        "http://b.example/2",
    ]
    assert {t.kind for t in tasks} == {"url"}


def test_a_missing_url_list_is_a_task_with_a_problem(tmp_path: Path) -> None:
    missing = str(tmp_path / "urls.txt")
    (task,) = iter_tasks([missing], "url")
    assert task.source == missing
    assert "cannot read the URL list" in str(task.problem)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown task kind"):
        list(iter_tasks(["x"], "pdf"))
