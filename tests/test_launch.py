"""launch: a big file's decoding started from the raw arguments, before Typer parses them."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

import pytest
import typer
from openpyxl import load_workbook

from danvan_cli.cli import launch, options
from danvan_cli.cli.app import app
from danvan_cli.ingest import read
from danvan_cli.kinds.detect import columns_read, membership_columns
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from tests.conftest import HAU_GIANG


def test_the_options_taking_a_value_are_taken_from_the_commands_declaration():
    """launch reads `cli.options`, as the commands do: each option of a command reading
    tables is declared there, and those taking a value are the ones launch skips over."""
    commands = typer.main.get_command(app).commands
    declared = {name for spec in options.SPECS.values() for name in spec.names}
    for command in launch.COMMANDS:
        for param in commands[command].params:
            if param.param_type_name == "option":
                names = {*param.opts, *param.secondary_opts}
                assert names <= declared | {"-h", "--help"}, names
                assert (names <= launch.VALUE_OPTIONS) == (not param.is_flag), names


@pytest.mark.parametrize(
    ("args", "paths", "given"),
    [
        (["a.xlsx", "b.csv"], ["a.xlsx", "b.csv"], {}),
        (["-o", "out.xlsx", "a.xlsx", "-o", "b.md"], ["a.xlsx"], {"-o": ["out.xlsx", "b.md"]}),
        (["--sheet=S", "a.xlsx", "-f", "json"], ["a.xlsx"], {"--sheet": ["S"], "-f": ["json"]}),
        (["-x", "a.csv", "--lang", "en"], ["a.csv"], {"-x": [""], "--lang": ["en"]}),
        (["a.xlsx", "--", "-x.xlsx"], ["a.xlsx", "-x.xlsx"], {}),
        (["--sheet"], [], {"--sheet": [""]}),
        (["-", "-q"], ["-"], {"-q": [""]}),
        (["-oout.xlsx", "a.xlsx", "-fjson"], ["a.xlsx"], {"-o": ["out.xlsx"], "-f": ["json"]}),
        (["-qh", "a.xlsx"], ["a.xlsx"], {"-q": [""], "-h": [""]}),
        (["-qo", "b.md", "a.xlsx"], ["a.xlsx"], {"-q": [""], "-o": ["b.md"]}),
    ],
)  # fmt: skip
def test_arguments_split_as_click_reads_them(args, paths, given):
    assert launch._split(args) == (paths, given)


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
     ["summarize", "big.xlsx", "-h"], ["summarize", "--kind", "models", "big.xlsx"],
     ["--help"], ["validate", "big.xlsx", "--template", "mau.toml"],
     ["summarize", "big.xlsx", "-o", "tong_hop.xlsx", "-o", "/no/such/folder/x.csv"]],
)  # fmt: skip
def test_nothing_is_started_otherwise(monkeypatch, args):
    calls = _calls(monkeypatch)
    launch.decode_ahead(args)
    assert calls == []


def test_what_is_decoded_ahead_is_what_the_kind_reads_whatever_its_name():
    assert columns_read(MODELS.model_copy(update={"name": "mo_hinh_xa"})) is None
    assert columns_read(MEMBERSHIP.model_copy(update={"name": "models"})) is membership_columns
    assert columns_read(None) is membership_columns  # --kind auto: the usual kind
    declared = MEMBERSHIP.model_copy(update={"name": "models", "reading": "declared"})
    rows = [["Đơn vị", "Số hội viên"], ["Xã A", 12]]
    assert columns_read(declared)(rows) == membership_columns(rows)


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


# --- standard streams that cannot take Vietnamese, or are closed (run as `danvan` is) ------


def _danvan(*args: object, env: dict | None = None, shell_redirects: str = ""):
    """`python -m danvan_cli ARGS` in a child process; `shell_redirects` ("<&- >&-") are
    applied by sh before it starts."""
    command = [sys.executable, "-m", "danvan_cli", *map(str, args)]
    if shell_redirects:
        command = ["sh", "-c", f'exec "$@" {shell_redirects}', "sh", *command]
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(command, capture_output=True, env=environment, timeout=300)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["summarize"], "│ Tổng cộng          │      2.090 │   307.217 │"),
        (["summarize", "-f", "md"], "| Tổng cộng |  |  |  | 2.090 | 307.217 |"),
        (["summarize", "-f", "csv"], "total,,,,all,2090,307217,"),
        (["validate"], "Dữ liệu hợp lệ."),
    ],
)
def test_output_that_cannot_encode_vietnamese_gets_utf8(args, shown):
    """Redirected on a Vietnamese Windows without UTF-8 mode: Windows-1258 has most letters
    with tone marks only as two characters ("ổ" is not in it). It ended in a
    UnicodeEncodeError; the output is now written in UTF-8, whole."""
    result = _danvan(*args, HAU_GIANG, env={"PYTHONIOENCODING": "cp1258"})
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert shown in result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="sh closes the streams")
@pytest.mark.parametrize("closed", [">&-", "<&- >&- 2>&-"])
@pytest.mark.parametrize("output_format", ["table", "json", "md"])
def test_closed_standard_streams_still_write_the_outputs(tmp_path, closed, output_format):
    """`>&-` gave an AttributeError (stdout None); with all three closed the files danvan
    opened took their numbers and no -o file was written."""
    outputs = [tmp_path / "tong_hop.xlsx", tmp_path / "tong_hop.csv"]
    args = ["summarize", HAU_GIANG, "-f", output_format, "-o", outputs[0], "-o", outputs[1]]
    result = _danvan(*args, shell_redirects=closed)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    assert load_workbook(outputs[0]).sheetnames[0] == "Huyện"
    total = outputs[1].read_text("utf-8-sig").splitlines()[-1]
    assert total.startswith("total,,,,all,2090,307217,")


def test_ctrl_c_while_starting_ends_quietly():
    """Ctrl-C (or SIGTERM, which danvan takes as Ctrl-C) while a big file's decoding is
    being started, before the command runs: exit 1 and no Python traceback."""
    interrupted = (
        "import sys; from danvan_cli.cli import launch\n"
        "def stop(_args): raise KeyboardInterrupt\n"
        "launch.decode_ahead = stop\n"
        f"sys.argv = ['danvan', 'summarize', {str(HAU_GIANG)!r}]\n"
        "launch.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", interrupted], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (1, "")
    assert "Traceback" not in done.stderr


def test_a_workbook_piped_in_as_danvan_runs():
    """`danvan summarize -` as a script runs it: the workbook's bytes from a pipe."""
    command = [sys.executable, "-m", "danvan_cli", "summarize", "-", "-f", "csv"]
    environment = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        command, input=HAU_GIANG.read_bytes(), capture_output=True, env=environment, timeout=300
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8").splitlines()[-1].startswith("total,,,,all,2090,307217,")


def test_version_alone_is_answered_before_typer_loads():
    """`danvan --version` (the option declared in cli.options) prints the installed
    version without importing the command line (Typer: about 0.1 s)."""
    script = (
        "import sys; from danvan_cli.cli import launch\n"
        "sys.argv = ['danvan', '--version']\n"
        "launch.main()\n"
        "print('typer' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, f"danvan {version('danvan')}\nFalse\n")


def test_the_collector_is_off_while_danvan_loads_and_on_for_the_command():
    """Loading the libraries and danvan makes objects that live as long as the process; the
    cycle collector walked them at every pass (about 0.05 s of a commune's 0.6 s run). It
    is off while they load (here pandas, for the table finder), and the command runs with
    it on, what was loaded frozen out of its passes."""
    script = (
        "import gc, sys; from danvan_cli.cli import app, launch\n"
        "passes = lambda: sum(generation['collections'] for generation in gc.get_stats())\n"
        "before = passes()\n"
        "app.main = lambda: print(passes() - before, gc.isenabled(), gc.get_freeze_count() > 0)\n"
        f"sys.argv = ['danvan', 'summarize', {str(HAU_GIANG)!r}]\n"
        "launch.main()\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "0 True True\nTrue\n"), done.stderr
