"""launch: a big file's decoding started from the raw arguments, before Typer parses them."""

from __future__ import annotations

import pytest
import typer

from danvan_cli import launch, read
from danvan_cli.cli import app


def test_the_options_taking_a_value_are_those_of_the_commands_reading_tables():
    commands = typer.main.get_command(app).commands
    taking_values = {
        name
        for command in launch.COMMANDS
        for param in commands[command].params
        if param.param_type_name == "option" and not param.is_flag
        for name in (*param.opts, *param.secondary_opts)
    }
    assert taking_values == launch.VALUE_OPTIONS


@pytest.mark.parametrize(
    ("args", "paths", "options"),
    [
        (["a.xlsx", "b.csv"], ["a.xlsx", "b.csv"], {}),
        (["-o", "out.xlsx", "a.xlsx"], ["a.xlsx"], {"-o": "out.xlsx"}),
        (["--sheet=S", "a.xlsx", "-f", "json"], ["a.xlsx"], {"--sheet": "S", "-f": "json"}),
        (["-x", "a.csv", "--lang", "en"], ["a.csv"], {"-x": "", "--lang": "en"}),
        (["a.xlsx", "--", "-x.xlsx"], ["a.xlsx", "-x.xlsx"], {}),
        (["--sheet"], [], {"--sheet": ""}),
    ],
)  # fmt: skip
def test_arguments_split_as_click_reads_them(args, paths, options):
    assert launch._split(args) == (paths, options)


def _calls(monkeypatch) -> list:
    calls: list = []
    monkeypatch.setattr(read, "start_decoding", lambda *args, **kwargs: calls.append(args))
    return calls


@pytest.mark.parametrize("command", launch.COMMANDS)
def test_a_command_starts_decoding_its_files_with_the_sheet_asked_for(monkeypatch, command):
    calls = _calls(monkeypatch)
    launch.decode_ahead([command, "-f", "json", "big.xlsx", "--sheet", "Số liệu"])
    assert [(paths, sheet) for paths, sheet, _ in calls] == [(["big.xlsx"], "Số liệu")]


@pytest.mark.parametrize(
    "args",
    [[], ["--lang", "summarize", "big.xlsx"], ["summarize", "big.xlsx", "--help"],
     ["summarize", "--kind", "models", "big.xlsx"], ["--help"]],
)  # fmt: skip
def test_nothing_is_started_otherwise(monkeypatch, args):
    calls = _calls(monkeypatch)
    launch.decode_ahead(args)
    assert calls == []


def test_the_command_does_not_look_at_the_files_again(monkeypatch, tmp_path):
    """The call made ahead makes the command's own identical call do nothing, once."""
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (read.SMALL_FILE_BYTES + 1))
    looked_at: list = []
    monkeypatch.setattr(read, "open_sheets", lambda path, sheet: looked_at.append(path) or ([], []))
    read.start_decoding([str(big)], None, lambda rows: None, ahead=True)
    read.start_decoding([str(big)], None, lambda rows: None)
    assert looked_at == [big]
    read.start_decoding([str(big)], None, lambda rows: None)
    assert looked_at == [big, big]
