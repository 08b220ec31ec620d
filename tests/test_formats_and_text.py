"""Files as offices send them: .xls/.ods written by LibreOffice, TCVN3 and VNI text,
formulas saved without values, and unit names with and without their type word."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.outputs.jsoncsv import to_text, write_json

pytestmark = pytest.mark.usefixtures("both_readers")  # each test, both readers

FIXTURES = Path(__file__).parent / "fixtures"


def rollup_json(path: Path) -> str:
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0
    rollup = summary.rollup
    return to_text(write_json, MEMBERSHIP, rollup, [], summary.levels, summary.levels, "vi")


@pytest.mark.parametrize(
    "name", ["membership_clean.ods", "membership_tcvn3.xls", "membership_vni.xls"]
)
def test_fixture_rolls_up_as_the_clean_xls(name):
    assert rollup_json(FIXTURES / name) == rollup_json(FIXTURES / "membership_clean.xls")


def test_clean_xls_figures():
    summary = pipeline.summarize(MEMBERSHIP, [str(FIXTURES / "membership_clean.xls")])
    assert summary.levels == ["district", "commune", "village"]
    assert summary.rollup.total["members"] == 10000
    assert summary.rollup.total["households"] == 8405
    communes = summary.rollup.tables["commune"]
    assert "Xã Đông Phước" in set(communes["commune"])


@pytest.mark.parametrize(
    ("name", "encoding"), [("membership_tcvn3.xls", "TCVN3"), ("membership_vni.xls", "VNI")]
)
def test_legacy_text_is_converted_with_a_warning_per_column(name, encoding):
    summary = pipeline.summarize(MEMBERSHIP, [str(FIXTURES / name)])
    notes = [p for p in summary.problems if p.code == "legacy_text_rows"]
    assert {p.column for p in notes} == {"Huyện", "Xã", "Thôn", "Đoàn thể"}
    assert all(p.severity == "warning" and p.params["rows"] == "2–17" for p in notes)
    assert all(encoding in p.message("vi") for p in notes)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["Huyện", "Xã", "Thôn", "Tổng số hộ", "Đoàn thể", "Số chi hội", "Số hội viên"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_formula_without_value_is_an_error_at_its_cell(tmp_path):
    path = _workbook(
        tmp_path / "f.xlsx",
        [
            ["Huyện A", "Xã B", "Ấp 1", 100, "Hội Nông dân", 1, 30],
            ["Huyện A", "Xã B", "Ấp 2", 100, "Hội Nông dân", 1, "=10+20"],
        ],
    )
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 1 and summary.rollup is None
    errors = [(p.code, p.row, p.column) for p in summary.problems if p.severity == "error"]
    assert errors == [("formula_without_value", 3, "Số hội viên")]
    skipped = pipeline.summarize(MEMBERSHIP, [str(path)], skip_invalid=True)
    assert skipped.rollup.total["members"] == 30


def test_unit_written_with_and_without_its_type_word_is_one_unit(tmp_path):
    path = _workbook(
        tmp_path / "p.xlsx",
        [
            ["Huyện A", "Xã Long Vĩnh", "Ấp 1", 100, "Hội Nông dân", 1, 30],
            ["Huyện A", "Long Vĩnh", "Ấp 2", 50, "Hội Nông dân", 1, 20],
            ["Thị xã Long Mỹ", "Xã Long Phú", "Ấp 1", 10, "Hội Nông dân", 1, 5],
            ["Huyện Long Mỹ", "Xã Long Phú", "Ấp 1", 10, "Hội Nông dân", 1, 5],
        ],
    )
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0
    communes = summary.rollup.tables["commune"]
    all_rows = communes[communes["organization"] == "all"]
    assert list(all_rows["commune"]) == ["Xã Long Vĩnh", "Xã Long Phú", "Xã Long Phú"]
    assert list(all_rows["members"]) == [50, 5, 5]
    districts = summary.rollup.tables["district"]
    assert sorted(districts[districts["organization"] == "all"]["district"]) == [
        "Huyện A",
        "Huyện Long Mỹ",
        "Thị xã Long Mỹ",
    ]
