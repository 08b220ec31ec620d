"""problems and messages: every code has words in both languages; places as users read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from danvan_cli.model.messages import MESSAGES, UI_TEXT
from danvan_cli.model.problems import Problem, has_errors, is_unreadable, place_text, sort_problems

SOURCE = Path(__file__).resolve().parent.parent / "src" / "danvan_cli"


def emitted_codes() -> set[str]:
    """Problem codes written in the source."""
    codes = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'Problem\(\s*"(?:error|warning)",\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'\breport\(\s*data,\s*\w+,\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'problem="([a-z_]+)"', text))
        codes |= set(re.findall(r'problem\[[^\]]+\] = "([a-z_]+)"', text))
    return codes


def test_codes_found_in_the_source():
    assert {"file_not_found", "not_a_number", "duplicate_unit", "exceeds", "row_skipped"} <= (
        emitted_codes()
    )


@pytest.mark.parametrize("code", sorted(emitted_codes()))
def test_every_code_has_a_message_in_both_languages(code):
    assert code in MESSAGES
    assert set(MESSAGES[code]) == {"vi", "en"}


@pytest.mark.parametrize("key", sorted(UI_TEXT))
def test_every_interface_text_is_in_both_languages(key):
    assert set(UI_TEXT[key]) == {"vi", "en"}


def test_place_text():
    assert place_text("xa_a.xlsx", "Số liệu", 12, "vi") == "xa_a.xlsx, trang «Số liệu», dòng 12"
    assert place_text("xa_a.xlsx", "Số liệu", 12, "en") == "xa_a.xlsx, sheet «Số liệu», row 12"
    assert place_text("xa_a.csv", None, 3, "vi") == "xa_a.csv, dòng 3"
    assert place_text("xa_a.xlsx", None, None, "vi") == "xa_a.xlsx"


def test_numbers_in_messages_are_plain():
    problem = Problem("error", "not_whole", "a.xlsx", "Data", 4, "Số hội viên", 12.0)
    assert problem.to_dict()["value"] == 12
    assert type(problem.to_dict()["value"]) is int


def test_sorting_by_place_then_errors_first():
    found = [
        Problem("warning", "members_without_branch", "b.xlsx", "Data", 2),
        Problem("error", "exceeds", "a.xlsx", "Data", 9),
        Problem("warning", "row_skipped", "a.xlsx", "Data", 3),
        Problem("error", "not_a_number", "a.xlsx", "Data", 3, "Số hội viên"),
        Problem("warning", "sheet_hidden", "a.xlsx", "Ẩn"),
    ]
    assert [(p.file, p.sheet, p.row, p.code) for p in sort_problems(found)] == [
        ("a.xlsx", "Data", 3, "not_a_number"),
        ("a.xlsx", "Data", 3, "row_skipped"),
        ("a.xlsx", "Data", 9, "exceeds"),
        ("a.xlsx", "Ẩn", None, "sheet_hidden"),
        ("b.xlsx", "Data", 2, "members_without_branch"),
    ]


def test_severity_helpers():
    warning = Problem("warning", "sheet_hidden", "a.xlsx")
    assert not has_errors([warning])
    assert has_errors([warning, Problem("error", "exceeds")])
    assert not is_unreadable([Problem("error", "exceeds")])
    for code in ("file_not_found", "file_unreadable", "unsupported_format", "csv_encoding"):
        assert is_unreadable([Problem("error", code)]), code
