"""periods: the report period a title states, and files of another period in one run."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import Workbook

from danvan_cli.ingest.periods import Period, date_in_title, parse_period, period_in_title


@pytest.mark.parametrize(
    ("line", "period"),
    [
        ("Tháng 10 năm 2026", ("month", 2026, 10)),
        ("BÁO CÁO THÁNG 9 NĂM 2026", ("month", 2026, 9)),
        ("Kỳ báo cáo: tháng 10/2026", ("month", 2026, 10)),
        ("Tháng 3", ("month", None, 3)),
        ("Quý III năm 2026", ("quarter", 2026, 3)),
        ("QUÝ 1/2024", ("quarter", 2024, 1)),
        ("Quý IV", ("quarter", None, 4)),
        ("6 tháng đầu năm 2026", ("half", 2026, 1)),
        ("BÁO CÁO 6 THÁNG CUỐI NĂM 2026", ("half", 2026, 2)),
        ("9 tháng năm 2026", ("nine_months", 2026, None)),
        ("9 tháng đầu năm 2026", ("nine_months", 2026, None)),
        ("Năm 2026", ("year", 2026, None)),
        ("cả năm 2026", ("year", 2026, None)),
        ("KẾT QUẢ NĂM 2026 VÀ PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2027", ("year", 2026, None)),
        ("BAO CAO THANG 10 NAM 2026", ("month", 2026, 10)),  # typed without tone marks
        ("6 THÁNG ĐẦU NĂM 2026 (TỪ 15/12/2025 ĐẾN 14/6/2026)", ("half", 2026, 1)),
        ("Từ tháng 1 đến tháng 6 năm 2026", ("unknown", None, None)),
        ("từ ngày 01/10/2026 đến ngày 31/10/2026", ("unknown", None, None)),
        ("Tân An, ngày 05 tháng 10 năm 2026", None),  # the day it is signed
        ("..., ngày ... tháng ... năm 2026", None),
        ("Số liệu tính đến ngày 30/9/2026", None),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
        ("ỦY BAN MTTQ XÃ NĂM CĂN", None),
        ("Số: 12/BC-MTTQ", None),
    ],
)
def test_the_period_a_title_line_states(line, period):
    found = parse_period(line)
    assert (None if found is None else (found.kind, found.year, found.number)) == period


@pytest.mark.parametrize(
    ("rows", "dated"),
    [
        ([["ỦY BAN MTTQ XÃ TÂN AN", "Tân An, ngày 05 tháng 10 năm 2026"]], date(2026, 10, 5)),
        ([["BÁO CÁO THÁNG 10"], ["", "Ngày 5/11/2026"]], date(2026, 11, 5)),
        ([["Tan An, ngay 7 thang 11 nam 2026"]], date(2026, 11, 7)),  # without tone marks
        ([["Số liệu tính đến ngày 30/9/2026"]], None),  # the day figures are counted to
        ([["từ ngày 01/10/2026 đến ngày 31/10/2026"]], None),
        ([["..., ngày ... tháng ... năm 2026"]], None),  # a form's blank date
        ([["ngày 31 tháng 2 năm 2026"], ["ngày 1 tháng 3 năm 2026"]], date(2026, 3, 1)),
    ],
)
def test_the_day_a_title_says_the_report_was_written(rows, dated):
    assert date_in_title(rows) == dated


def test_a_period_written_over_several_cells_and_its_row():
    rows = [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["BÁO CÁO QUÝ", 1.0, "NĂM", 2024]]
    assert period_in_title(rows) == Period("quarter", 2024, 1)
    assert period_in_title(rows).row == 2


def test_a_part_of_the_year_stated_under_the_year_is_the_period():
    """ "BÁO CÁO ... NĂM 2026" over "Quý III năm 2026": the report is of the quarter (the
    year alone gave a false period_differs beside the other quarterly files)."""
    rows = [["BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN NĂM 2026"], ["Quý III năm 2026"]]
    assert period_in_title(rows) == Period("quarter", 2026, 3)
    assert period_in_title(rows).row == 2
    other_year = [["BÁO CÁO NĂM 2025"], ["Tháng 10 năm 2026"]]
    assert period_in_title(other_year) == Period("year", 2025)


def test_periods_agree_when_one_leaves_out_the_year():
    assert Period("month", None, 10).agrees(Period("month", 2026, 10))
    assert not Period("month", 2026, 9).agrees(Period("month", 2026, 10))
    assert not Period("quarter", 2026, 3).agrees(Period("month", 2026, 3))


def _commune_file(path, commune: str, period: str, members: int):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None, "Ngày 5 tháng 11 năm 2026"])
    sheet.append([f"BÁO CÁO SỐ LIỆU CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI XÃ {commune}"])
    sheet.append([period])
    sheet.append(["STT", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append([1, "Thôn 1", "Hội Nông dân", 1, members])
    sheet.append([2, "Thôn 2", "Hội Nông dân", 1, members])
    sheet.append(["Cộng", None, None, 2, 2 * members])
    workbook.save(path)


def test_last_months_file_among_this_months_is_said(cli, tmp_path):
    _commune_file(tmp_path / "a.xlsx", "TÂN AN", "Tháng 10 năm 2026", 10)
    _commune_file(tmp_path / "b.xlsx", "LONG VĨNH", "Tháng 10/2026", 20)
    _commune_file(tmp_path / "c.xlsx", "PHÚ HỮU", "Tháng 9 năm 2026", 30)
    result = cli("summarize", tmp_path, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["total"]["members"] == 120
    said = [p for p in document["problems"] if p["code"] == "period_differs"]
    assert [(p["file"].endswith("c.xlsx"), p["row"], p["value"]) for p in said] == [
        (True, 3, "Tháng 9 năm 2026")
    ]
    assert said[0]["message"] == (
        "The title states the period 'Tháng 9 năm 2026', unlike the 'Tháng 10 năm 2026' that 2 "
        "other table(s) state: check that it is not another period's file (its figures are "
        "added all the same)."
    )
    shown = cli("validate", tmp_path / "c.xlsx", "--lang", "en")
    assert "report period 'Tháng 9 năm 2026' (row 3)" in shown.stdout


def test_files_of_one_period_are_not_warned_about(cli, tmp_path):
    _commune_file(tmp_path / "a.xlsx", "TÂN AN", "Quý III năm 2026", 10)
    _commune_file(tmp_path / "b.xlsx", "LONG VĨNH", "QUÝ 3/2026", 20)
    result = cli("summarize", tmp_path, "--format", "json")
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert result.exit_code == 0 and "period_differs" not in codes
