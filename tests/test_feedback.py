"""Feedback to each unit (outputs/feedback.py): `--feedback DIR` writes one workbook per
file with problems, named after its unit, each problem at its row, ready to send back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from danvan_cli.outputs.feedback import safe_file_name
from tests.conftest import SMALL_ROWS, write_commune_report, write_workbook

HEADER_ROW = 5  # the title, the file, the count, a blank line, then the table


def reports(folder: Path) -> list[Path]:
    """Three communes' reports as sent: Tân An with a figure that is not a number (row 5),
    Phú Hữu whose "Cộng" row (9) differs from its rows, Tân Bình without problems."""
    return [
        write_commune_report(folder / "tan_an.xlsx", "Tân An", members="12a"),
        write_commune_report(folder / "phu_huu.xlsx", "Phú Hữu", extra=5),
        write_commune_report(folder / "tan_binh.xlsx", "Tân Bình"),
    ]


def table(path: Path) -> list[tuple]:
    sheet = load_workbook(path).active
    return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))


@pytest.fixture
def phu_huu_wrong(tmp_path):
    files = reports(tmp_path)
    # Phú Hữu's first row says 45 members, its "Cộng" row 166: the subtotal is wrong
    sheet_path = files[1]
    workbook = load_workbook(sheet_path)
    workbook.active["E9"] = 166
    workbook.save(sheet_path)
    return files


def test_validate_writes_one_workbook_per_file_with_problems(cli, tmp_path, phu_huu_wrong):
    out = tmp_path / "phan_hoi"
    out.mkdir()
    result = cli("validate", *phu_huu_wrong, "--feedback", out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["Xã Phú Hữu.xlsx", "Xã Tân An.xlsx"]
    assert "Đã ghi 2 tệp phản hồi" in result.stderr and "(1 tệp không có lỗi" in result.stderr

    sheet = load_workbook(out / "Xã Tân An.xlsx").active
    assert sheet["A1"].value == "KẾT QUẢ KIỂM TRA SỐ LIỆU CỦA XÃ TÂN AN"
    assert sheet["A2"].value == "Tệp đã gửi: tan_an.xlsx"
    assert sheet["A3"].value.startswith("Có 1 lỗi và 1 cảnh báo dưới đây.")
    header, *rows = table(out / "Xã Tân An.xlsx")
    assert header == ("STT", "Mức", "Tệp", "Trang", "Dòng", "Cột", "Giá trị", "Nội dung", "Cần ghi")
    first = rows[0]
    assert first[:7] == (1, "Lỗi", "tan_an.xlsx", "Báo cáo", 5, "Số hội viên", "12a")
    assert first[7] == "Giá trị «12a» ở cột «Số hội viên» không phải là số."
    assert first[8] == "một số nguyên ≥ 0"
    assert [row[4] for row in rows] == [5, 9]  # the figure, then the subtotal left unchecked

    (*_, subtotal) = table(out / "Xã Phú Hữu.xlsx")
    assert subtotal[1] == "Lỗi" and subtotal[4] == 9 and subtotal[5] == "Số hội viên"


def test_feedback_workbook_is_ready_to_print(cli, tmp_path, phu_huu_wrong):
    out = tmp_path / "phan_hoi"
    out.mkdir()
    cli("validate", *phu_huu_wrong, "--feedback", out)
    sheet = load_workbook(out / "Xã Tân An.xlsx").active
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:I1", "A2:I2", "A3:I3"}
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_ROW + 2):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman", cell.coordinate
    for cell in sheet[HEADER_ROW + 1]:
        assert cell.border.left.style == cell.border.bottom.style == "thin", cell.coordinate
    assert sheet[f"A{HEADER_ROW}"].font.bold and sheet["A1"].font.bold
    assert sheet.column_dimensions["H"].width >= 50  # the message column reads whole
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_summarize_feedback_in_english_and_named_by_file_without_one_unit(cli, tmp_path):
    """A file of two districts has no unit of its own: its feedback is named after the file.
    The data has errors, nothing is summed, the feedback is still written."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[1][5] = "12a"
    path = write_workbook(tmp_path / "tinh.xlsx", rows)
    out = tmp_path / "out"
    out.mkdir()
    result = cli("summarize", path, "--feedback", out, "--lang", "en")
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["tinh.xlsx"]
    header, row = table(out / "tinh.xlsx")
    assert header[:2] == ("No.", "Severity") and header[-1] == "Expected"
    assert row[4:7] == (3, "Số hội viên", "12a")
    assert "Wrote 1 feedback file(s)" in result.stderr


def test_a_file_that_cannot_be_read_gets_feedback(cli, tmp_path):
    broken = tmp_path / "xa_hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "out"
    out.mkdir()
    result = cli("validate", broken, "--feedback", out)
    assert result.exit_code == 2
    _header, row = table(out / "xa_hong.xlsx")
    assert row[1] == "Lỗi" and row[7].startswith("Không mở được tệp")


def test_missing_folder_is_a_usage_error_before_reading(cli, tmp_path):
    result = cli("summarize", tmp_path / "khong_co.xlsx", "--feedback", tmp_path / "nope")
    assert result.exit_code == 2
    assert "--feedback" in result.stderr and "nope" in result.stderr
    assert "khong_co.xlsx" not in result.stderr  # no file was looked for
    assert not (tmp_path / "nope").exists()


def test_no_feedback_for_files_without_problems(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    files = reports(tmp_path)[1:]
    result = cli("summarize", *files, "--feedback", out)
    assert result.exit_code == 0
    assert list(out.iterdir()) == []
    assert "Đã ghi 0 tệp phản hồi" in result.stderr
    quiet = cli("summarize", *files, "--feedback", out, "-q")  # a note, as "Đã ghi ..." is
    assert quiet.exit_code == 0 and "phản hồi" not in quiet.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Xã Tân An", "Xã Tân An.xlsx"),
        ('Ấp 1/2: "Cũ"?', "Ấp 1_2_ _Cũ_.xlsx"),
        ("Thôn <A|B>*", "Thôn _A_B_.xlsx"),
        ("Xã Long Hòa. ", "Xã Long Hòa.xlsx"),
        ("CON", "_CON.xlsx"),
        ("com1.bao_cao", "_com1.bao_cao.xlsx"),
        ("...", "_.xlsx"),
        ("Tab\there", "Tab_here.xlsx"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name, set()) == expected


def test_safe_file_name_keeps_names_apart_as_windows_compares_them():
    taken: set[str] = set()
    names = [safe_file_name(n, taken) for n in ("Xã An", "XÃ AN", "Xã An")]
    assert names == ["Xã An.xlsx", "XÃ AN (2).xlsx", "Xã An (3).xlsx"]
