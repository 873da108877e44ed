"""The README's tables say what the program does: its options tables match `nadif --help`
(each subcommand's parser and the text `--help` prints), its record-fields table matches
`Article.to_dict()`, and its CSV columns match the CSV writer.

The README marks each table it promises: `<!-- options: clean extract fetch -->` before a
table of options that those subcommands share, `<!-- record-fields -->` before the
fields of a record. The first cell of an options row holds the option's spellings, each
in its own code span (`` `-o OUT`, `--output OUT` ``); the second its default.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from nadif.cleaners.article import Article
from nadif.scraper import cli
from nadif.scraper.batch.formats import CSV_COLUMNS

README = Path(__file__).resolve().parent.parent / "README.md"
_MARKER = re.compile(r"^<!-- options: ([a-z ]+) -->$")
_CODE = re.compile(r"`([^`]+)`")
_OPTION = re.compile(r"^(--?[A-Za-z][\w-]*)")


def _readme() -> list[str]:
    return README.read_text(encoding="utf-8").splitlines()


def _table_after(lines: list[str], index: int) -> list[list[str]]:
    """The body rows of the Markdown table that starts on the line after `index`."""
    table = []
    for line in lines[index + 1 :]:
        if not line.startswith("|"):
            break
        table.append(line)
    assert len(table) >= 2, f"README line {index + 1}: a marker with no table under it"
    cells = re.compile(r"(?<!\\)\|")
    return [[cell.strip() for cell in cells.split(row)[1:-1]] for row in table[2:]]


def _options_tables() -> dict[str, dict[str, str]]:
    """Subcommand -> {option spelling: default cell}, from every marked options table."""
    lines = _readme()
    tables: dict[str, dict[str, str]] = {}
    for index, line in enumerate(lines):
        marker = _MARKER.match(line)
        if marker is None:
            continue
        for row in _table_after(lines, index):
            spellings = [m.group(1) for span in _CODE.findall(row[0]) if (m := _OPTION.match(span))]
            assert spellings, f"README options row without an option: {row}"
            for command in marker.group(1).split():
                for spelling in spellings:
                    assert spelling not in tables.get(command, {}), (
                        f"{command} {spelling} is in the README twice"
                    )
                    tables.setdefault(command, {})[spelling] = row[1]
    return tables


def _parser_options(parser: argparse.ArgumentParser) -> dict[str, object]:
    """Option spelling -> default, for every option `--help` shows (not -h)."""
    options: dict[str, object] = {}
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        for spelling in action.option_strings:
            options[spelling] = action.default
    return options


_PARSER, _COMMANDS = cli._parser()
_WITH_OPTIONS = sorted(name for name, p in _COMMANDS.items() if _parser_options(p))


def test_every_subcommand_is_in_the_readme_command_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    top_help = capsys.readouterr().out
    text = README.read_text(encoding="utf-8")
    for command in _COMMANDS:
        assert command in top_help, f"nadif --help names {command}"
        assert re.search(rf"^nadif {command}\b", text, re.MULTILINE), (
            f"the README's command list names nadif {command}"
        )


@pytest.mark.parametrize("command", _WITH_OPTIONS)
def test_the_readme_options_tables_name_the_options_of(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    documented = _options_tables().get(command, {})
    parsed = _parser_options(_COMMANDS[command])
    missing = sorted(set(parsed) - set(documented))
    extra = sorted(set(documented) - set(parsed))
    assert not missing, f"nadif {command} has options the README's tables leave out: {missing}"
    assert not extra, f"the README's tables give nadif {command} options it lacks: {extra}"
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    help_text = capsys.readouterr().out
    for spelling in documented:
        assert re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", help_text), (
            f"nadif {command} --help shows {spelling}"
        )


@pytest.mark.parametrize("command", _WITH_OPTIONS)
def test_the_readme_gives_the_parser_defaults_of(command: str) -> None:
    documented = _options_tables().get(command, {})
    for spelling, default in _parser_options(_COMMANDS[command]).items():
        if isinstance(default, bool) or not isinstance(default, int | float | str):
            continue  # a flag, or a default the README describes in words
        assert f"`{default}`" in documented[spelling], (
            f"nadif {command} {spelling}: the README's default is {documented[spelling]!r}, "
            f"the parser's {default!r}"
        )


def test_the_readme_record_fields_are_article_to_dict_in_order() -> None:
    lines = _readme()
    index = lines.index("<!-- record-fields -->")
    fields = [_CODE.findall(row[0])[0] for row in _table_after(lines, index)]
    assert fields == list(Article(title="t", paragraphs=["p"]).to_dict()), (
        "the README's record fields are Article.to_dict()'s keys, in their order"
    )


def test_the_readme_csv_columns_are_the_csv_writers() -> None:
    text = " ".join(_readme())
    found = re.search(r"CSV columns: `([^`]+)`", text)
    assert found is not None, "the README lists the CSV columns"
    assert [c.strip() for c in found.group(1).split(",")] == list(CSV_COLUMNS), (
        "the README's CSV columns are formats.CSV_COLUMNS, in order"
    )
