"""Commune reports as units send them for a monthly roll-up: the motto, the commune and the
report's date in the title, the period, a two-row header, villages, a "Cộng" row and a
signature block."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

ORGANIZATIONS = ("Hội Nông dân", "Hội LHPN")


def write_commune_file(
    path: Path,
    commune: str,
    period: str,
    villages: Sequence[tuple[str, int, int]],
    dated: str | None = None,
    received: datetime | None = None,
    district: str | None = None,
) -> Path:
    """`commune`'s report for `period` ("Tháng 10 năm 2026"): per village (name, branches,
    members), one row per organisation (branches and members split between the two: the
    first gets the odd one), dated `dated` ("ngày 05 tháng 11 năm 2026") and received
    (modified) at `received`; the agency block names `district` above the commune when given
    ("UBMTTQ VIỆT NAM HUYỆN CHÂU THÀNH")."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    if district:
        sheet.append([f"UBMTTQ VIỆT NAM {district.upper()}"])
    sheet.append(
        [
            f"ỦY BAN MTTQ VIỆT NAM {commune.upper()}",
            None,
            None,
            None,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ]
    )
    sheet.append([None, None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    if dated:
        sheet.append([None, None, None, None, f"{commune.split(' ', 1)[1]}, {dated}"])
    sheet.append(["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN CÁC ĐOÀN THỂ"])
    sheet.append([period])
    sheet.append(["STT", "Thôn", "Đoàn thể", "Số lượng", None])
    sheet.append([None, None, None, "Số chi hội", "Số hội viên"])
    sheet.merge_cells(
        start_row=sheet.max_row - 1, start_column=4, end_row=sheet.max_row - 1, end_column=5
    )
    number, total_branches, total_members = 0, 0, 0
    for village, branches, members in villages:
        split = [(branches - branches // 2, members - members // 2), (branches // 2, members // 2)]
        for organization, (b, m) in zip(ORGANIZATIONS, split, strict=True):
            number += 1
            sheet.append([number, village, organization, b, m])
        total_branches += branches
        total_members += members
    sheet.append(["Cộng", None, None, total_branches, total_members])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    if received is not None:
        stamp = received.timestamp()
        os.utime(path, (stamp, stamp))
    return path
