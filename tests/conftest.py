"""Shared fixtures: the bundled sample and small workbooks built in code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HAU_GIANG = SAMPLES / "hau_giang_2020_membership.xlsx"

HEADER = [
    "Huyện",
    "Xã",
    "Thôn",
    "Đoàn thể",
    "Số chi hội",
    "Số hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
]


def write_workbook(
    path: Path, rows: Sequence[Sequence[object]], header: Sequence[object] = HEADER, sheet: str = "Data"
) -> Path:
    """A one-sheet workbook: header on row 1, then `rows`."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path):
    """Build a workbook in the test's folder: make_workbook(rows, header=..., name=...)."""

    def make(rows, header=HEADER, name="report.xlsx", sheet="Data") -> Path:
        return write_workbook(tmp_path / name, rows, header, sheet)

    return make
