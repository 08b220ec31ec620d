"""Forms as offices really send them (issue 16), end to end: the Hội Nông dân's report
templates with their title block, national motto, headers of four rows and a numbering
row, "Tổng cộng" and signature block; a report printed as pages side by side; a list of
people sent instead of a table of figures. Workbooks are built here, in code."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from tests.accounting import assert_accounted

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


# --- the Hội Nông dân's report forms, filled in -------------------------------------------
# Title block and national motto on rows 1-7, the header from row 9, a numbering row, one
# row per commune or ward, "Tổng cộng", then the signature block.

COMMUNES = [
    "Phường 1",
    "Phường 3",
    "Phường 12",
    "Xã Vị Tân",
    "Xã Hỏa Lựu",
    "Xã Tân Tiến",
    "Thị trấn Cái Tắc",
]
MEMBERS = [412, 386, 1045, 1520, 1268, 977, 2131]  # 7.739 in all


def form_cells(title: str, last_column: str, header: dict[str, str]) -> dict[str, object]:
    """The title block, then the header cells given as {"A9": text}."""
    return {
        "A1": "HỘI NÔNG DÂN VIỆT NAM",
        "G1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "A2": "BCH HỘI NÔNG DÂN TP. VỊ THANH",
        "G2": "Độc lập - Tự do - Hạnh phúc",
        "A3": "*",
        "G4": "Vị Thanh, ngày 15 tháng 12 năm 2026",
        "A6": title,
        "A7": "6 tháng cuối năm 2026",
        **header,
    }


TITLE_MERGES = ["A1:E1", "G1:{last}1", "A2:E2", "G2:{last}2", "A6:{last}6", "A7:{last}7"]


def filled_form(
    path: Path,
    title: str,
    header: dict[str, str],
    merged: Sequence[str],
    numbering: Sequence[str],
    rows: Sequence[Sequence[object]],
    numbered: bool = True,
) -> Path:
    """A form with its numbering row under the header (unless not `numbered`), `rows`
    (figures from column C) under it, one per commune, a "Tổng cộng" row of their sums and
    the signature block."""
    last = get_column_letter(len(numbering))
    first_row = max(int(re.sub(r"\D", "", place)) for place in header) + 1 + numbered
    cells = form_cells(title, last, header)
    if numbered:
        cells |= row_cells(first_row - 1, numbering)
    for i, (name, figures) in enumerate(zip(COMMUNES, rows, strict=True)):
        cells |= row_cells(first_row + i, [i + 1, name, *figures])
    end = first_row + len(rows)
    sums = [sum(r[c] or 0 for r in rows) for c in range(len(rows[0]))]
    cells |= row_cells(end, ["Tổng cộng", None, *sums])
    cells |= {f"B{end + 2}": "NGƯỜI LẬP BIỂU", f"J{end + 2}": "TM. BAN THƯỜNG VỤ"}
    cells |= {f"J{end + 3}": "CHỦ TỊCH", f"B{end + 7}": "Nguyễn Thị Hoa"}
    cells |= {f"J{end + 7}": "Trần Văn Hùng"}
    merges = [m.format(last=last) for m in TITLE_MERGES] + list(merged) + [f"A{end}:B{end}"]
    return write_sheet(path, cells, merges)


def thuc_luc_hoi(path: Path) -> Path:
    """ "Báo cáo thực lực hội": header over rows 9-12 (TỔ CHỨC HỘI › Chi hội › Tổng số;
    HỘI VIÊN › Tổng số, › Trong đó › Nữ, Đảng viên, Độ tuổi › ...; HV danh dự), numbering
    row 13 with a formula, members in column G."""
    header = {
        "A9": "STT",
        "B9": "Tên đơn vị",
        "C9": "TỔ CHỨC HỘI",
        "C10": "Cơ sở hội",
        "D10": "Chi hội",
        "D11": "Tổng số",
        "E11": "Trong đó: chi hội nghề nghiệp",
        "F10": "Tổ hội",
        "G9": "HỘI VIÊN",
        "G10": "Tổng số",
        "H10": "Trong đó",
        "H11": "Nữ",
        "I11": "Đảng viên",
        "J11": "Độ tuổi",
        "J12": "Dưới 30 tuổi",
        "K12": "Trên 60 tuổi",
        "L10": "HV danh dự",
        "L11": "Tổng số",
        "M11": "Nữ",
        "N9": "HỘ NÔNG DÂN",
        "N10": "Tổng số hộ nông dân",
        "O10": "Số hộ có hội viên",
        "P9": "Ghi chú",
    }
    merged = [
        "A9:A12", "B9:B12", "C9:F9", "C10:C12", "D10:E10", "D11:D12", "E11:E12", "F10:F12",
        "G9:M9", "G10:G12", "H10:K10", "H11:H12", "I11:I12", "J11:K11", "L10:M10", "L11:L12",
        "M11:M12", "N9:O9", "N10:N12", "O10:O12", "P9:P12",
    ]  # fmt: skip
    numbering = [
        "A", "B", "1", "2", "2.1", "3", "6=10.3+13.3", "7", "8", "9", "10", "10.1", "10.2",
        "11", "12", "13",
    ]  # fmt: skip
    rows = [
        [1, 8 + i, 1, 20 + i, m, m // 2, m // 10, m // 6, m // 4, 3, 1, 2 * m, m + 100, None]
        for i, m in enumerate(MEMBERS)
    ]
    return filled_form(path, "BÁO CÁO THỰC LỰC HỘI", header, merged, numbering, rows)


def bien_dong(path: Path) -> Path:
    """ "Thống kê biến động tổ chức hội, hội viên": Đầu kỳ, Phát triển trong kỳ, Giảm trong kỳ
    (hội viên: Tổng số, Từ trần, Chuyển đi, Lý do khác) and Cuối kỳ, each over Chi hội |
    Hội viên; the members are those at the end of the period (column M)."""
    header = {
        "A9": "STT",
        "B9": "Tên đơn vị",
        "C9": "Đầu kỳ",
        "C10": "Chi hội",
        "D10": "Hội viên",
        "E9": "Phát triển trong kỳ",
        "E10": "Chi hội",
        "F10": "Hội viên",
        "G9": "Giảm trong kỳ",
        "G10": "Chi hội",
        "H10": "Hội viên",
        "H11": "Tổng số",
        "I11": "Từ trần",
        "J11": "Chuyển đi",
        "K11": "Lý do khác",
        "L9": "Cuối kỳ",
        "L10": "Chi hội",
        "M10": "Hội viên",
    }
    merged = [
        "A9:A11", "B9:B11", "C9:D9", "C10:C11", "D10:D11", "E9:F9", "E10:E11", "F10:F11",
        "G9:K9", "G10:G11", "H10:K10", "L9:M9", "L10:L11", "M10:M11",
    ]  # fmt: skip
    numbering = ["A", "B", "1", "2", "3", "4", "5", "6", "6.1", "6.2", "6.3", "7=1+3-5", "8=2+4-6"]
    rows = []
    for i, members in enumerate(MEMBERS):
        joined, died, moved, other = 30 + i, 4, 2 + i % 3, 1
        start = members - joined + died + moved + other
        left = died + moved + other
        rows.append([10 + i, start, 1, joined, 0, left, died, moved, other, 11 + i, members])
    return filled_form(
        path, "THỐNG KÊ BIẾN ĐỘNG TỔ CHỨC HỘI, HỘI VIÊN", header, merged, numbering, rows
    )


def bien_dong_hoi_vien(path: Path, parent: str = "HỘI VIÊN", numbered: bool = False) -> Path:
    """ "Thống kê biến động hội viên" as a district sends it: Số chi hội, then `parent`
    merged over Đầu kỳ | Tăng trong kỳ (merged over Kết nạp | Chuyển đến) | Cuối kỳ; the
    members are those at the end of the period (column G)."""
    header = {
        "A9": "STT",
        "B9": "Đơn vị",
        "C9": "Số chi hội",
        "D9": parent,
        "D10": "Đầu kỳ",
        "E10": "Tăng trong kỳ",
        "G10": "Cuối kỳ",
        "E11": "Kết nạp",
        "F11": "Chuyển đến",
    }
    merged = ["A9:A11", "B9:B11", "C9:C11", "D9:G9", "D10:D11", "E10:F10", "G10:G11"]
    numbering = ["1", "2", "3", "4", "5", "6", "7"]
    rows = [[10 + i, m - 40 - i, 40, i, m] for i, m in enumerate(MEMBERS)]
    title = "THỐNG KÊ BIẾN ĐỘNG HỘI VIÊN"
    return filled_form(path, title, header, merged, numbering, rows, numbered)


def dang_hoat_dong(path: Path) -> Path:
    """ "Thống kê số lượng hội viên đang hoạt động": Số chi hội, Số tổ hội, Tổng số hội viên
    (column E), Hội viên đang sinh hoạt › Số lượng | Tỷ lệ %, Hội viên không sinh hoạt ›
    Đi làm ăn xa | Già yếu, ốm đau."""
    header = {
        "A9": "STT",
        "B9": "Tên đơn vị",
        "C9": "Số chi hội",
        "D9": "Số tổ hội",
        "E9": "Tổng số hội viên",
        "F9": "Hội viên đang sinh hoạt",
        "F10": "Số lượng",
        "G10": "Tỷ lệ %",
        "H9": "Hội viên không sinh hoạt",
        "H10": "Đi làm ăn xa",
        "I10": "Già yếu, ốm đau",
        "J9": "Ghi chú",
    }
    merged = ["A9:A10", "B9:B10", "C9:C10", "D9:D10", "E9:E10", "F9:G9", "H9:I9", "J9:J10"]
    numbering = ["(1)", "(2)", "(3)", "(4)", "(5)=(6)+(8)+(9)", "(6)", "(7)", "(8)", "(9)", "(10)"]
    rows = []
    for i, members in enumerate(MEMBERS):
        away, frail = 20 + i, 10 + i
        active = members - away - frail
        rows.append([8 + i, 30 + i, members, active, round(100 * active / members, 2), away, frail])
    return filled_form(
        path, "THỐNG KÊ SỐ LƯỢNG HỘI VIÊN ĐANG HOẠT ĐỘNG", header, merged, numbering, rows
    )


@pytest.mark.parametrize("form", [thuc_luc_hoi, bien_dong, dang_hoat_dong])
def test_a_filled_form_gives_its_exact_member_total(cli, tmp_path, form):
    path = form(tmp_path / f"{form.__name__}.xlsx")
    code, report = summary(cli, path)
    assert (code, report["total"]["members"]) == (0, sum(MEMBERS))
    communes = {r["commune"]: r["members"] for r in report["rollups"]["commune"]}
    assert communes == dict(zip(COMMUNES, MEMBERS, strict=True))
    assert not [p for p in report["problems"] if p["severity"] == "error"]


@pytest.mark.parametrize("parent", ["HỘI VIÊN", "Số hội viên"])
@pytest.mark.parametrize("numbered", [False, True])
def test_a_group_merged_in_a_middle_header_row_gives_the_end_of_period(
    cli, tmp_path, parent, numbered
):
    path = bien_dong_hoi_vien(tmp_path / "bien_dong.xlsx", parent, numbered)
    code, report = summary(cli, path)
    assert (code, report["total"]["members"], report["total"]["branches"]) == (0, 7739, 91)
    communes = {r["commune"]: r["members"] for r in report["rollups"]["commune"]}
    assert communes == dict(zip(COMMUNES, MEMBERS, strict=True))
    assert not [p for p in report["problems"] if p["severity"] == "error"]


def test_validate_says_what_a_later_pages_columns_are(cli, tmp_path):
    result = cli("validate", pages_workbook(tmp_path / "trang.xlsx"), "--lang", "en")
    assert "    Tên đơn vị -> (a later page: checked against the first page's units)" in (
        result.stdout
    )


@pytest.mark.parametrize(
    "form", [thuc_luc_hoi, bien_dong, bien_dong_hoi_vien, dang_hoat_dong, pages_workbook]
)
def test_every_figure_of_a_form_is_accounted_for(tmp_path, form):
    path = form(tmp_path / f"{form.__name__}.xlsx")
    assert_accounted(pipeline.summarize(MEMBERSHIP, [str(path)]).data)


# --- a column beside the figures: notes ("Ghi chú") or figures no field names ---------------


def commune_form(path: Path, header: str, cells: Sequence[object]) -> Path:
    """A commune's form as sent: title block, period, a two-row merged header (STT, Thôn,
    Đoàn thể, "Số lượng" over branches and members, `header` merged down both rows, its
    `cells` beside the four rows), a "Cộng" row and the signature block."""
    form = {
        "A1": "ỦY BAN MTTQ VIỆT NAM XÃ TÂN AN",
        "E1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "E2": "Độc lập - Tự do - Hạnh phúc",
        "A3": "BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN CÁC ĐOÀN THỂ",
        "A4": "Tháng 11 năm 2026",
        **row_cells(5, ["STT", "Thôn", "Đoàn thể", "Số lượng", None, header]),
        **row_cells(6, [None, None, None, "Số chi hội", "Số hội viên"]),
        **row_cells(11, ["Cộng", None, None, 6, 325]),
        **row_cells(13, [None, "NGƯỜI LẬP BIỂU", None, "TM. BAN THƯỜNG TRỰC"]),
    }
    rows = [("Ấp 1", "Hội Nông dân", 2, 130), ("Ấp 1", "Hội LHPN", 2, 120)]
    rows += [("Ấp Mới", "Hội Nông dân", 1, 40), ("Ấp Mới", "Hội LHPN", 1, 35)]
    for number, (row, cell) in enumerate(zip(rows, cells, strict=True), 1):
        form.update(row_cells(6 + number, [number, *row, cell]))
    return write_sheet(path, form, ["A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:F6"])


@pytest.mark.parametrize(
    ("header", "cells", "code", "said"),
    [
        ("Ghi chú", [None, None, "Mới thành lập", "Sáp nhập"], "column_no_figures", "Note"),
        ("Ghi chu", [None, None, "Moi thanh lap", None], "column_no_figures", "Note"),
        ("Phụ trách", ["Ông A", None, None, "Bà B"], "column_no_figures", "Note"),
        ("Chú thích", [None, 2, "Sáp nhập", None], "column_notes_figures", "Note"),
        ("Năm thành lập", [1990, 1992, None, None], "column_not_used", "Warning"),
    ],
)
def test_a_column_of_notes_is_a_note_and_one_of_figures_a_warning(
    cli, tmp_path, header, cells, code, said
):
    path = commune_form(tmp_path / "xa_tan_an.xlsx", header, cells)
    exit_code, report = summary(cli, path, "--lang", "en")
    assert (exit_code, report["total"]["members"]) == (0, 325)
    unused = [(p["code"], p["row"], p["column"]) for p in report["problems"] if p["row"] == 6]
    assert unused == [(code, 6, header)]
    result = cli("summarize", path, "--lang", "en")
    place = f"{path}, sheet «Biểu 1», row 6, column «{header}»: Column '{header}' (column F)"
    assert f"{said} {place}" in result.stderr.replace("\n", " ")
    quiet = cli("summarize", path, "--lang", "en", "--quiet").stderr
    assert (header in quiet) == (said == "Warning")  # -q hides notes, never a warning
    assert_accounted(pipeline.summarize(MEMBERSHIP, [str(path)]).data)
