"""The README documents every command, option, field and the JSON contract as they are."""

from __future__ import annotations

import json
import re

import pytest
import typer

from danvan_cli.cli.app import app
from danvan_cli.cli.options import OUTPUT_SUFFIXES, Level, OutputFormat
from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import LEVELS, MEMBERSHIP_METRICS, ORGANIZATIONS, RATIOS
from danvan_cli.outputs.jsoncsv import to_text, write_json
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)


def _leaves(group, path: str = "") -> dict:
    """Each command that runs, by its words after `danvan` ("template check")."""
    found = {}
    for name, command in group.commands.items():
        words = f"{path} {name}".strip()
        found |= _leaves(command, words) if hasattr(command, "commands") else {words: command}
    return found


LEAVES = _leaves(COMMAND)


def test_there_are_commands():
    assert COMMANDS == [
        "compare",
        "history",
        "init",
        "rollup",
        "summarize",
        "template",
        "trend",
        "validate",
    ]
    assert sorted(LEAVES) == [
        "compare",
        "history list",
        "init",
        "rollup",
        "summarize",
        "template check",
        "template init",
        "template show",
        "trend",
        "validate",
    ]


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"^danvan {name}\b", README, re.MULTILINE), name


@pytest.mark.parametrize(
    "command, option",
    [
        (name, param)
        for name, command in LEAVES.items()
        for param in command.params
        if param.param_type_name == "option"
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_every_option_is_in_the_readme(command, option):
    assert any(f"`{flag}" in README or f" {flag} " in README for flag in option.opts), (
        command,
        option.opts,
    )


def test_every_output_format_and_level_is_in_the_readme():
    assert "--format " + "|".join(f.value for f in OutputFormat) in README
    assert "--level " + "|".join(level.value for level in Level) in README
    assert "--lang en" in README
    for suffix in OUTPUT_SUFFIXES:
        assert f"`{suffix}`" in README, suffix


def test_every_field_is_in_the_readme():
    table = README.split("## Cột được hiểu", 1)[1].split("\n## ", 1)[0]
    for field in (*LEVELS, "organization", *MEMBERSHIP_METRICS):
        assert f"`{field}`" in table, field
    for ratio in RATIOS:
        assert f"`{ratio}`" in README, ratio


def test_every_organisation_code_is_in_the_readme():
    for code in ORGANIZATIONS:
        assert f"`{code}`" in README, code


def test_exit_codes_table():
    from danvan_cli.cli.rollup import EXIT_INCOMPLETE

    table = README.split("## Mã thoát / Exit codes", 1)[1].split("\n## ", 1)[0]
    assert [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")][
        1:
    ] == ["0", "1", "2", str(EXIT_INCOMPLETE)]


def test_the_json_example_has_the_keys_danvan_writes(small_workbook, make_workbook):
    example = json.loads(README.split("```json\n", 1)[1].split("```", 1)[0])
    rows = pipeline.summarize(MEMBERSHIP, [str(small_workbook)])
    document = json.loads(
        to_text(write_json, MEMBERSHIP, rows.rollup, rows.problems, rows.levels, rows.levels, "vi")
    )
    assert list(example) == list(document)
    assert set(example["total"]) - {"..."} <= set(document["total"])
    example_row = example["rollups"]["district"][0]
    assert set(example_row) - {"..."} <= set(document["rollups"]["district"][0])
    # A problem object has exactly the documented keys.
    bad = make_workbook(
        [["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 1, "12a", 0, 1, 1]], name="x.xlsx"
    )
    problems = pipeline.summarize(MEMBERSHIP, [str(bad)]).problems
    assert list(problems[0].to_dict("vi")) == list(example["problems"][0])
    assert problems[0].to_dict("vi")["message"] == example["problems"][0]["message"]
