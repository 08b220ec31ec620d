"""Forms as offices really send them (issue 16), end to end: the Hội Nông dân's report
templates with their title block, national motto, headers of four rows and a numbering
row, "Tổng cộng" and signature block; a report printed as pages side by side; a list of
people sent instead of a table of figures. Workbooks are built here, in code."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

pytestmark = pytest.mark.usefixtures("both_readers")  # each test, both readers


def write_sheet(path: Path, cells: dict[str, object], merged: Sequence[str] = ()) -> Path:
    """A one-sheet workbook from {"B9": value} and merged ranges ("A9:A12")."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 1"
    for place, value in cells.items():
        sheet[place] = value
    for span in merged:
        sheet.merge_cells(span)
    workbook.save(path)
    return path


def row_cells(row: int, values: Sequence[object], first_column: int = 1) -> dict[str, object]:
    """{"A14": ..., "B14": ...} for the values of one row (None left blank)."""
    return {
        f"{get_column_letter(first_column + i)}{row}": value
        for i, value in enumerate(values)
        if value is not None
    }


def summary(cli, path: Path, *options: str) -> tuple[int, dict]:
    result = cli("summarize", path, "-f", "json", *options)
    return result.exit_code, json.loads(result.stdout)


def codes(report: dict) -> list[str]:
    return [problem["code"] for problem in report["problems"]]


# --- a report printed as pages side by side ------------------------------------------------

UNITS = ["Xã Tân Phú", "Phường 3", "Xã Long Hòa"]
PAGE_ONE = ["STT", "Tên đơn vị", "Số chi hội", "Số hội viên"]
PAGE_TWO = ["STT", "Tên đơn vị", "Số ĐV, HV tham gia sinh hoạt", "Tổng số hộ", "Số hộ có ĐV, HV"]


def pages_workbook(path: Path, second_page_units: Sequence[str] = UNITS) -> Path:
    """Units 1, 2, 3: branches 4, 5, 6; members 100, 200, 300; attending 80, 160, 240;
    households 200, 400, 600, with members 150, 300, 450. Page two starts at column F."""
    cells = {"A1": "BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN", **row_cells(3, PAGE_ONE)}
    cells |= row_cells(3, PAGE_TWO, first_column=6)
    for i, (unit, other) in enumerate(zip(UNITS, second_page_units, strict=True), start=1):
        cells |= row_cells(3 + i, [i, unit, 3 + i, 100 * i])
        cells |= row_cells(3 + i, [i, other, 80 * i, 200 * i, 150 * i], first_column=6)
    return write_sheet(path, cells)


def test_pages_side_by_side_are_read_as_one_row_per_unit(cli, tmp_path):
    code, report = summary(cli, pages_workbook(tmp_path / "trang.xlsx"))
    assert code == 0
    assert report["total"]["members"] == 600
    assert report["total"]["members_attending"] == 480
    assert report["total"]["households_with_members"] == 900
    communes = {r["commune"]: r["members"] for r in report["rollups"]["commune"]}
    assert communes == {"Xã Tân Phú": 100, "Phường 3": 200, "Xã Long Hòa": 300}
    [note] = report["problems"]
    assert (note["code"], note["row"], note["value"]) == ("pages_side_by_side", 3, "F, G")


def test_a_page_listing_its_units_in_another_order_is_a_located_error(cli, tmp_path):
    swapped = [UNITS[0], UNITS[2], UNITS[1]]
    path = pages_workbook(tmp_path / "trang.xlsx", swapped)
    code, report = summary(cli, path)
    assert code == 1
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["row"], p["column"], p["value"]) for p in errors] == [
        ("page_names_other_unit", 5, "Tên đơn vị", "Xã Long Hòa"),
        ("page_names_other_unit", 6, "Tên đơn vị", "Phường 3"),
    ]
    assert "Phường 3" in errors[0]["message"]
    code, report = summary(cli, path, "--skip-invalid")
    assert (code, report["total"]["members"]) == (1, 100)  # rows 5 and 6 left out, listed


# --- a list of people instead of a table of figures -----------------------------------------

PEOPLE_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số điện thoại", "Số CCCD", "Chi hội"]
PEOPLE = [
    [i, f"Nguyễn Văn {name}", f"0{i}/05/1970", f"09123456{i:02d}", f"0790700123{i:02d}", "Ấp 3"]
    for i, name in enumerate(["An", "Bình", "Cường", "Dũng"], start=1)
]


def people_cells(title_row: int = 1) -> dict[str, object]:
    cells = {f"A{title_row}": "DANH SÁCH HỘI VIÊN CHI HỘI ẤP 3"}
    cells |= row_cells(title_row + 1, [*PEOPLE_HEADER, "Số thẻ hội viên"])
    for i, person in enumerate(PEOPLE, start=1):
        cells |= row_cells(title_row + 1 + i, [*person, f"HV-{i:04d}"])
    return cells


@pytest.mark.parametrize("command", ["summarize", "validate"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_list_of_people_is_said_once_and_never_echoed(cli, tmp_path, command, lang):
    path = write_sheet(tmp_path / "danh_sach.xlsx", people_cells())
    result = cli(command, path, "--lang", lang)
    assert result.exit_code == 1  # nothing to add up
    shown = result.stdout + result.stderr
    for person in PEOPLE:
        for value in person[1:5]:
            assert value not in shown
    assert "HV-0001" not in shown
    _, report = summary(cli, path, "--lang", lang)
    assert [(p["code"], p["row"], p["column"], p["value"]) for p in report["problems"]] == [
        ("no_data", None, None, None),
        ("people_list", 2, None, None),
    ]


def test_a_list_of_people_beside_a_table_of_figures(cli, tmp_path):
    path = pages_workbook(tmp_path / "bao_cao.xlsx")
    workbook = __import__("openpyxl").load_workbook(path)
    sheet = workbook.create_sheet("Danh sách")
    for place, value in people_cells(title_row=3).items():
        sheet[place] = value
    workbook.save(path)
    code, report = summary(cli, path)
    assert (code, report["total"]["members"]) == (0, 600)
    assert codes(report) == ["pages_side_by_side", "people_list"]


def test_a_table_of_figures_naming_each_branch_leader_is_read(cli, tmp_path):
    header = ["STT", "Thôn", "Họ tên chi hội trưởng", "Số điện thoại", "Số hội viên"]
    cells = row_cells(1, header)
    cells |= row_cells(2, [1, "Ấp 1", "Lê Văn Tám", "0912000001", 120])
    cells |= row_cells(3, [2, "Ấp 2", "Võ Thị Sáu", "0912000002", 95])
    code, report = summary(cli, write_sheet(tmp_path / "thon.xlsx", cells))
    assert (code, report["total"]["members"]) == (0, 215)
    assert "people_list" not in codes(report)
