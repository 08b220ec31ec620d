"""One commune's report as a commune sends it, for timing danvan on a small file.

    python benchmarks/commune_form.py OUT.xlsx

The Ban Thường trực UBMTTQ of a commune reports its 30 villages: the agency and national
motto over the title, the period, a header merged over three rows (the households, then a
group per organisation over its branches and members, then a numbering row), an STT
column, a "Cộng" row under the villages and the signature block. Wide layout, one row a
village. Deterministic: the same file every time, 3,051 members in all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

ORGANISATIONS = (
    ("Ban Công tác Mặt trận", "Số ban", "Số thành viên"),
    ("Hội Nông dân", "Số chi hội", "Số hội viên"),
    ("Hội LHPN", "Số chi hội", "Số hội viên"),
    ("Đoàn Thanh niên", "Số chi đoàn", "Số đoàn viên"),
    ("Hội Cựu chiến binh", "Số chi hội", "Số hội viên"),
    ("Hội Người cao tuổi", "Số chi hội", "Số hội viên"),
)
VILLAGES = 30
MEMBERS = 3051  # the members of every organisation in every village


def village_figures(number: int) -> tuple[int, int, list[int]]:
    """Households, households with members, and each organisation's members of village
    `number` (1-based); every organisation has one branch in every village."""
    households = 180 + (number * 37) % 90
    with_members = households - 20 - number % 15
    members = [5 + number % 3, 20 + number % 7, 25 + number % 5, 8 + number % 4]
    members += [12 + number % 6, 18 + number % 9]
    return households, with_members, members


def write_commune_form(path: Path, commune: str = "Xã Vị Tân") -> Path:
    """The commune's report (one sheet, "Báo cáo"), written to `path`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    last = 4 + 2 * len(ORGANISATIONS)
    letter = get_column_letter(last)
    sheet["A1"] = "UBMTTQ VIỆT NAM TỈNH HẬU GIANG"
    sheet["A2"] = f"BAN THƯỜNG TRỰC UBMTTQ {commune.upper()}"
    sheet["H1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    sheet["H2"] = "Độc lập - Tự do - Hạnh phúc"
    sheet["H3"] = f"{commune}, ngày 20 tháng 12 năm 2025"
    sheet["A5"] = "BÁO CÁO SỐ LƯỢNG ĐOÀN VIÊN, HỘI VIÊN CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI"
    sheet["A6"] = "Năm 2025"
    for merged in ("A1:F1", "A2:F2", f"H1:{letter}1", f"H2:{letter}2", f"A5:{letter}5"):
        sheet.merge_cells(merged)
    sheet.merge_cells(f"A6:{letter}6")
    top = 8
    for column, text in enumerate(("STT", "Ấp", "Tổng số hộ", "Số hộ có ĐV, HV"), start=1):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
    for number, (name, branches, members) in enumerate(ORGANISATIONS):
        column = 5 + 2 * number
        sheet.cell(top, column, name)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
        sheet.cell(top + 1, column, branches)
        sheet.cell(top + 1, column + 1, members)
    for column in range(1, last + 1):
        sheet.cell(top + 2, column, f"({column})")
    sums = [0] * (last - 2)
    for number in range(1, VILLAGES + 1):
        households, with_members, members = village_figures(number)
        figures = [households, with_members, *(f for m in members for f in (1, m))]
        sheet.append([number, f"Ấp {number}", *figures])
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
    end = top + 3 + VILLAGES
    sheet.append([None, "Cộng", *sums])  # as Excel saves its SUM formulas' values
    sheet.cell(end + 2, 2, "NGƯỜI LẬP BIỂU")
    sheet.cell(end + 2, 10, "TM. BAN THƯỜNG TRỰC")
    sheet.cell(end + 3, 10, "CHỦ TỊCH")
    sheet.cell(end + 7, 2, "Nguyễn Thị Hoa")
    sheet.cell(end + 7, 10, "Trần Văn Hùng")
    workbook.save(path)
    return path


if __name__ == "__main__":
    write_commune_form(Path(sys.argv[1]))
