"""The roll-up and the problems on screen: rich's layout, drawn fast for long tables."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

import danvan_cli.outputs.terminal as terminal
from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.membership import MEMBERSHIP_WRITERS
from danvan_cli.outputs.models import print_models
from danvan_cli.outputs.terminal import print_problems, print_table
from tests.conftest import SAMPLES, SMALL_ROWS

SCREENS = {
    "redirected": {"width": 200},
    "terminal": {"width": 200, "force_terminal": True, "color_system": "truecolor"},
    "narrow terminal": {"width": 60, "force_terminal": True, "color_system": "standard"},
}


def drawn(print_function, *args, fast: bool, screen: dict, monkeypatch) -> str:
    """What `print_function` writes, every table drawn by rich (fast=False) or by rows."""
    monkeypatch.setattr(terminal, "_DRAWN_BY_RICH", 0 if fast else 10**9)
    stream = io.StringIO()
    print_function(Console(file=stream, **screen), *args)
    return stream.getvalue()


@pytest.mark.parametrize("screen", [SCREENS["redirected"], SCREENS["terminal"]])
def test_rows_drawn_fast_as_rich_draws_them(screen, monkeypatch):
    summary = pipeline.summarize(MEMBERSHIP, [str(SAMPLES / "hau_giang_2020_membership.xlsx")])
    args = (MEMBERSHIP_WRITERS.table, summary.rollup, summary.levels, "vi")
    tables = []
    plain_rows = terminal._plain_rows
    monkeypatch.setattr(terminal, "_plain_rows", lambda *a: tables.append(a) or plain_rows(*a))
    fast = drawn(*args, fast=True, screen=screen, monkeypatch=monkeypatch)
    assert len(tables) == 4  # 3 levels and the organisations' table
    assert fast == drawn(*args, fast=False, screen=screen, monkeypatch=monkeypatch)
    assert "Tổng cộng" in fast and "│ Huyện Long Mỹ " in fast


def test_a_table_wider_than_the_screen_is_drawn_in_blocks_of_figures(monkeypatch):
    """On 60 columns the district table (names, then 7 figures) is four tables of two
    figures or fewer, each within the screen, the names before each, every figure whole:
    rich would shrink it, wrapping names and cutting figures short."""
    summary = pipeline.summarize(MEMBERSHIP, [str(SAMPLES / "hau_giang_2020_membership.xlsx")])
    args = (MEMBERSHIP_WRITERS.table, summary.rollup, ["district"], "vi")
    wide = drawn(*args, fast=True, screen=SCREENS["redirected"], monkeypatch=monkeypatch)
    narrow = drawn(*args, fast=True, screen=SCREENS["narrow terminal"], monkeypatch=monkeypatch)
    narrow = re.sub(r"\x1b\[[0-9;]*m", "", narrow)  # the colours
    assert max(len(line) for line in narrow.splitlines()) <= 60
    titles = [line.strip() for line in narrow.splitlines() if line.strip().startswith("Tổng hợp")]
    assert titles[:4] == [f"Tổng hợp cấp huyện ({n}/4)" for n in range(1, 5)]
    assert narrow.count("│ Huyện Long Mỹ ") == 4  # then the organisations' table, in blocks too
    assert _total_figures(narrow) == _total_figures(wide)  # each whole, in order


def _total_figures(text: str) -> list[str]:
    return [
        cell.strip()
        for line in text.splitlines()
        if line.startswith("│ Tổng cộng ")
        for cell in line.strip("│").split("│")[1:]
    ]


def test_community_models_drawn_fast_as_rich_draws_them(monkeypatch):
    summary = pipeline.summarize(MODELS, [str(SAMPLES / "lam_binh_2020_tu_quan.xlsx")])
    args = (print_models, summary.rollup, summary.levels, "vi")
    screen = SCREENS["terminal"]
    fast = drawn(*args, fast=True, screen=screen, monkeypatch=monkeypatch)
    assert fast == drawn(*args, fast=False, screen=screen, monkeypatch=monkeypatch)


def test_long_table_rows_are_plain_lines_between_header_and_total(monkeypatch):
    rows = [[f"Thôn {n}", f"{n * 1000:,}".replace(",", ".")] for n in range(1, 301)]
    stream = io.StringIO()
    print_table(
        Console(file=stream, width=80),
        "Tổng hợp",
        ["Thôn", "Số hội viên"],
        rows,
        ["Tổng cộng", "45.150.000"],
        1,
    )
    lines = stream.getvalue().splitlines()
    assert lines[1:5] == [
        "┏━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃ Thôn      ┃ Số hội viên ┃",
        "┡━━━━━━━━━━━╇━━━━━━━━━━━━━┩",
        "│ Thôn 1    │       1.000 │",
    ]
    assert lines[-3:] == [
        "│ Thôn 300  │     300.000 │",
        "│ Tổng cộng │  45.150.000 │",
        "└───────────┴─────────────┘",
    ]
    assert lines[0].strip() == "Tổng hợp"


@pytest.mark.parametrize("fast", [True, False])
def test_names_are_text_never_markup(fast, make_workbook, monkeypatch):
    """Square brackets in a name are letters: rich markup would drop "[cũ]" and fail on
    "[/b]" with a traceback."""
    rows = [list(r) for r in SMALL_ROWS]
    rows[0][2] = rows[1][2] = "Ấp [cũ] 10"
    rows[4][2] = rows[5][2] = "Ấp [/b]"
    summary = pipeline.summarize(MEMBERSHIP, [str(make_workbook(rows))])
    text = drawn(
        MEMBERSHIP_WRITERS.table,
        summary.rollup,
        ["village"],
        "vi",
        fast=fast,
        screen=SCREENS["redirected"],
        monkeypatch=monkeypatch,
    )
    assert "│ Ấp [cũ] 10 " in text
    assert "│ Ấp [/b] " in text


def test_a_table_wider_than_the_screen_is_left_to_rich(monkeypatch):
    """rich wraps names to fit; rows drawn as lines could not."""
    rows = [[f"Thôn có một cái tên rất dài số {n}", str(n)] for n in range(300)]
    args = (print_table, "Tổng hợp", ["Thôn", "Số"], rows, ["Tổng cộng", "44.850"], 1)
    screen = {"width": 30}
    fast = drawn(*args, fast=True, screen=screen, monkeypatch=monkeypatch)
    assert fast == drawn(*args, fast=False, screen=screen, monkeypatch=monkeypatch)
    assert max(len(line) for line in fast.splitlines()) <= 30


def test_a_cell_on_two_lines_is_left_to_rich(monkeypatch):
    rows = [["Thôn\nMột", "1"], *[[f"Thôn {n}", str(n)] for n in range(300)]]
    args = (print_table, "Tổng hợp", ["Thôn", "Số"], rows, ["Tổng cộng", "44.851"], 1)
    screen = SCREENS["redirected"]
    fast = drawn(*args, fast=True, screen=screen, monkeypatch=monkeypatch)
    assert fast == drawn(*args, fast=False, screen=screen, monkeypatch=monkeypatch)
    assert "│ Một" in fast


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_problems_printed_in_batches_as_one_at_a_time(screen, monkeypatch):
    problems = [
        Problem(
            "error" if n % 3 else "warning",
            "not_a_number",
            "xa_[cũ].xlsx",
            "Data",
            n + 2,
            "Số hội viên",
            f"{n}a",
            {"column": "Số hội viên", "value": f"{n}a"},
        )
        for n in range(2500)
    ]

    def printed(at_once: int) -> str:
        monkeypatch.setattr(terminal, "_PROBLEMS_AT_ONCE", at_once)
        stream = io.StringIO()
        print_problems(Console(file=stream, **screen), problems, "vi")
        return stream.getvalue()

    batched = printed(1000)
    assert batched == printed(1)
    assert len(batched.splitlines()) == 2500
    assert "xa_[cũ].xlsx" in batched.splitlines()[-1]


def test_a_console_without_utf8_is_left_to_rich(monkeypatch):
    """rich draws the box with ASCII there; rows drawn as lines would not match it."""
    rows = [[f"Thon {n}", str(n)] for n in range(300)]
    args = ("Tong hop", ["Thon", "So"], rows, ["Tong cong", "44.850"], 1)

    def printed(fast: bool) -> bytes:
        monkeypatch.setattr(terminal, "_DRAWN_BY_RICH", 0 if fast else 10**9)
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii", errors="replace")
        print_table(Console(file=stream, width=80), *args)
        stream.flush()
        return raw.getvalue()

    fast = printed(True)
    assert fast == printed(False)
    assert b"| Thon 299  |    299 |" in fast


def note(file: str, code: str = "signature_block", **params) -> Problem:
    return Problem("warning", code, file, "Số liệu", 20, params=params)


def test_a_note_three_files_share_is_folded_into_one_line():
    problems = [
        Problem("error", "not_a_number", "a.xlsx", "Số liệu", 5, "Số hội viên", "12a"),
        *[note(f"{name}.xlsx") for name in "abcd"],
        *[note(f"{name}.xlsx", "unit_from_title", level="commune") for name in "ab"],
        Problem("warning", "members_without_branch", "c.xlsx", "Số liệu", 7, value=3),
    ]
    kept, folded = terminal.fold_notes(problems, "vi")
    assert [(p.code, p.file) for p in kept] == [
        ("not_a_number", "a.xlsx"),
        ("unit_from_title", "a.xlsx"),
        ("unit_from_title", "b.xlsx"),
        ("members_without_branch", "c.xlsx"),
    ]
    assert [line.plain for line in folded] == [
        "Ghi chú: 4 tệp (a.xlsx, b.xlsx, …, d.xlsx): phần chữ ký dưới bảng, không phải số liệu."
    ]
    kept, folded = terminal.fold_notes(problems, "en", quiet=True)
    assert [p.code for p in kept] == ["not_a_number", "members_without_branch"]
    assert folded == []


def test_notes_are_not_counted_as_warnings():
    problems = [note("a.xlsx"), Problem("warning", "members_without_branch", "a.xlsx", value=3)]
    assert terminal.verdict(problems, 0, True, "en") == "The data is valid, with 1 warning(s)."
    assert terminal.verdict(problems[:1], 0, True, "en") == "The data is valid."


def test_a_short_table_is_drawn_fast_too(monkeypatch):
    """Tables of a few rows (the sample's districts, communes and organisations) are drawn
    as plain lines between rich's header and total, as a country's villages are."""
    summary = pipeline.summarize(MEMBERSHIP, [str(SAMPLES / "hau_giang_2020_membership.xlsx")])
    tables = []
    plain_rows = terminal._plain_rows
    monkeypatch.setattr(terminal, "_plain_rows", lambda *a: tables.append(a) or plain_rows(*a))
    MEMBERSHIP_WRITERS.table(
        Console(file=io.StringIO(), width=200), summary.rollup, summary.levels, "vi"
    )
    assert [len(rows) for rows, *_ in tables] == [8, 76, 441, 6]
