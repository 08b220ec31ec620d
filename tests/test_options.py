"""options: the manners every command shares, declared once (cli/options.py), each tested
on every command through CliRunner."""

from __future__ import annotations

import json
import os
import re
from importlib.metadata import version

import pytest
import typer
from typer.testing import CliRunner

from danvan_cli.cli import option_values, options
from danvan_cli.cli.app import app
from danvan_cli.ingest import read
from danvan_cli.ingest.limits import DEFAULT, set_limits
from tests.conftest import HAU_GIANG, ROOT, SAMPLES, SMALL_ROWS, SMALL_TOTAL, write_csv

FIXTURES = ROOT / "tests" / "fixtures"

COMMAND = typer.main.get_command(app)


def _leaves(group, words: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    found = {}
    for name, command in group.commands.items():
        here = (*words, name)
        found |= _leaves(command, here) if hasattr(command, "commands") else {here: command}
    return found


LEAVES = _leaves(COMMAND)
ALL = [(), *LEAVES, *(words[:1] for words in LEAVES if len(words) > 1)]


@pytest.mark.parametrize("words", sorted(set(ALL)), ids=" ".join)
def test_h_is_help_as_help_is(cli, words):
    short, long = cli(*words, "-h"), cli(*words, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    # the usage line in both languages, as the help is written
    assert short.stdout.startswith(f"Cách dùng / Usage: danvan {' '.join(words)}".strip())


@pytest.mark.parametrize("words", sorted(set(ALL)), ids=" ".join)
def test_help_shows_values_as_they_are_typed(cli, words):
    """Not Python's types (`<list[str]>`, `<int range>`, `x>=0`): `-o TỆP`, `--lang vi|en`."""
    shown = cli(*words, "--help").stdout
    assert not re.search(r"<[^>\s]+>|x>=|Lang\.|OutputFormat\.", shown), shown


def test_version_is_the_installed_packages(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"danvan {version('danvan')}\n",
        "",
    )


@pytest.mark.parametrize("words", sorted(LEAVES), ids=" ".join)
@pytest.mark.parametrize("name", ["Quiet", "Language"])
def test_every_command_takes_the_shared_options(words, name):
    """--quiet and --lang on every command (today's and those added after), as declared."""
    params = {p.name: p for p in LEAVES[words].params}
    taken = [p for p in params.values() if set(p.opts) == set(options.names(name))]
    assert taken, (words, name)


@pytest.mark.parametrize("written", ["xa", "xã", "XÃ", "x\u0061\u0303", "commune"])
def test_levels_named_in_vietnamese_or_english(cli, written):
    result = cli("summarize", HAU_GIANG, "--level", written, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert list(json.loads(result.stdout)["rollups"]) == ["commune"]


@pytest.mark.parametrize(
    ("written", "level"),
    [("tinh", "province"), ("tỉnh", "province"), ("huyen", "district"), ("huyện", "district"),
     ("thon", "village"), ("thôn", "village"), ("xá", None), ("hamlet", None)],
)  # fmt: skip
def test_level_of(written, level):
    assert option_values.level_of(written) == level


def test_a_read_only_output_is_said_before_anything_is_read(cli, small_workbook, monkeypatch):
    opened: list = []
    monkeypatch.setattr(read, "open_sheets", lambda *a: opened.append(a))
    target = small_workbook.with_name("tong_hop.xlsx")
    target.write_bytes(b"")
    target.chmod(0o444)
    result = cli("summarize", small_workbook, "-o", target, "--lang", "en")
    assert result.exit_code == 2
    assert f"cannot write {target}: the file is read-only." in " ".join(result.stderr.split())
    assert opened == [] and target.read_bytes() == b""


# --- data on standard output, messages on standard error --------------------------------


def test_summarize_data_on_stdout_messages_on_stderr(cli, small_workbook, tmp_path):
    written = tmp_path / "tong_hop.csv"
    result = cli("summarize", small_workbook, "-f", "json", "-o", written)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["total"]["members"] == SMALL_TOTAL["members"]
    assert result.stderr.splitlines() == [f"Đã ghi {written}", "Dữ liệu hợp lệ."]
    assert "Đang đọc" not in result.stderr  # no progress bar off a terminal


def test_validate_data_on_stdout(cli, small_workbook):
    result = cli("validate", small_workbook, "-f", "json")
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (
        0,
        {"problems": []},
        "",
    )


def test_template_commands_data_on_stdout_messages_on_stderr(cli, tmp_path):
    template = tmp_path / "mau.toml"
    made = cli("template", "init", template)
    assert (made.exit_code, made.stdout, made.stderr.strip()) == (0, "", f"Đã ghi {template}")
    shown = cli("template", "show", template)
    assert shown.exit_code == 0 and shown.stderr == "" and shown.stdout.startswith("Mẫu: ")
    checked = cli("template", "check", template)
    assert checked.exit_code == 0 and checked.stderr == "" and "hợp lệ" in checked.stdout


def test_init_says_what_it_wrote_on_stderr_only(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    made = cli("init", config)
    assert (made.exit_code, made.stdout, made.stderr.strip()) == (0, "", f"Đã ghi {config}")
    again = cli("init", config, "--force", "-q")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


# --- --quiet --------------------------------------------------------------------------------


def test_quiet_says_nothing_of_what_went_well(cli, small_workbook, tmp_path):
    template = tmp_path / "mau.toml"
    assert cli("template", "init", template, "-q").stderr == ""
    assert cli("template", "check", template, "--quiet").stdout == ""
    written = tmp_path / "tong_hop.xlsx"
    result = cli("summarize", small_workbook, "-o", written, "-q", "-f", "csv")
    assert result.exit_code == 0 and written.exists()
    assert f"{written}" not in result.stderr


# --- --template: the body decoded ahead is the template's --------------------------------


def test_a_templates_columns_are_those_decoded_ahead(cli, monkeypatch):
    """With --template the decoding started before the command runs reads the template's
    columns (the activity figures membership does not know), and the load uses it."""
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)  # every file decoded as a big one is
    started, asked = [], []
    start, body_frame = read._start, read._body_frame
    monkeypatch.setattr(read, "_start", lambda key: started.append(key) or start(key))
    monkeypatch.setattr(
        read, "_body_frame", lambda ahead, key: asked.append((ahead, key)) or body_frame(ahead, key)
    )
    template = SAMPLES / "activities.toml"
    result = cli("summarize", "--template", template, SAMPLES / "hau_giang_2020_activities.xlsx")
    assert result.exit_code == 0, result.stderr
    assert "4.413" in result.stdout
    assert asked and all(ahead is not None for ahead, _ in asked)
    assert [key for _, key in asked] == started


@pytest.mark.skipif(os.name == "nt", reason="no chmod")
def test_launch_starts_nothing_for_an_output_it_cannot_write(monkeypatch, tmp_path):
    from danvan_cli.cli import launch

    calls: list = []
    monkeypatch.setattr(read, "start_decoding", lambda *a, **k: calls.append(a))
    launch.decode_ahead(["summarize", "big.xlsx", "-o", str(tmp_path / "x.xlsx")])
    assert len(calls) == 1
    launch.decode_ahead(["summarize", "big.xlsx", "-o", str(tmp_path / "no" / "x.xlsx")])
    assert len(calls) == 1
    launch.decode_ahead(["summarize", "big.xlsx", f"-o{tmp_path / 'no' / 'x.xlsx'}"])
    assert len(calls) == 1


# --- '-' reads one file piped in on standard input ----------------------------------------


def _piped(data: bytes, *args: object):
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": None})
    return runner.invoke(app, [str(a) for a in args], input=data)


@pytest.mark.parametrize("command", ["summarize", "validate"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".xls"])
def test_a_file_piped_in_is_read_as_the_file_is(small_workbook, tmp_path, command, suffix):
    """A workbook (calamine from memory) or CSV text piped in gives what the file gives."""
    file = {
        ".xlsx": small_workbook,
        ".csv": write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS),
        ".xls": FIXTURES / "membership_clean.xls",
    }[suffix]
    piped = _piped(file.read_bytes(), command, "-", "-f", "json")
    named = _piped(b"", command, file, "-f", "json")
    assert piped.exit_code == named.exit_code == 0, piped.stderr
    if command == "summarize":
        assert json.loads(piped.stdout)["rollups"] == json.loads(named.stdout)["rollups"]
    else:
        assert json.loads(piped.stdout) == {"problems": []}


def test_a_file_piped_in_beside_files_named(small_workbook, make_workbook):
    other = make_workbook([["Huyện X", "Xã Y", "Ấp Z", "Hội Nông dân", 1, 10, 5, 20, 8]])
    result = _piped(small_workbook.read_bytes(), "summarize", other, "-", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total"]["members"] == SMALL_TOTAL["members"] + 10


def test_a_problem_in_a_file_piped_in_names_it_as_typed(make_workbook):
    bad = make_workbook([["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 1, "12a", 0, 1, 1]])
    result = _piped(bad.read_bytes(), "validate", "-", "-f", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["row"], problem["value"]) == ("-", 2, "12a")


def test_nothing_piped_in():
    result = _piped(b"", "summarize", "-")
    assert result.exit_code == 2
    assert "Lỗi -: Tệp rỗng" in result.stderr


def test_a_workbook_piped_in_is_read_under_the_limits(small_workbook):
    """The cells of a sheet piped in are counted before calamine lays them out (63 here),
    as a named file's are."""
    try:
        result = _piped(
            small_workbook.read_bytes(), "validate", "-", "--max-cells", "20", "-f", "json"
        )
    finally:
        set_limits(DEFAULT)  # the command set them for the process
    assert result.exit_code == 1
    refused = json.loads(result.stdout)["problems"][-1]
    assert (refused["code"], refused["file"], refused["sheet"]) == ("sheet_too_large", "-", "Data")
    assert refused["message"].startswith("Trang tính có ô chứa dữ liệu xa tới dòng 7, cột I")


def test_compare_quiet_says_nothing_of_the_files_written(cli, small_workbook, tmp_path):
    written = tmp_path / "so_sanh.csv"
    loud = cli("compare", small_workbook, small_workbook, "-o", written, "-f", "json")
    quiet = cli("compare", small_workbook, small_workbook, "-o", written, "-f", "json", "-q")
    assert loud.exit_code == quiet.exit_code == 0
    assert f"Đã ghi {written}" in loud.stderr
    assert f"{written}" not in quiet.stderr and written.exists()
