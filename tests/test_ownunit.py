"""ingest.ownunit: the office's own unit (a config's `unit`) placed above the tables that name
none at its level, before the records are checked (`engine.pipeline.check(..., unit)`)."""

from __future__ import annotations

from pathlib import Path

from danvan_cli.engine import pipeline
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.text.normalize import unit_key
from tests.commune_files import write_commune_file
from tests.conftest import write_workbook


def _commune_data(tmp_path: Path, villages: list[str], unit: tuple[str, str]) -> Dataset:
    path = tmp_path / "xa.xlsx"
    write_commune_file(path, "Phường An Hòa", "Tháng 9 năm 2026", [(v, 2, 20) for v in villages])
    return pipeline.check(MEMBERSHIP, [str(path)], None, None, "error", unit)


def _said(data: Dataset) -> list[tuple[str, int | None, object]]:
    return [
        (Path(p.file or "").name, p.row, p.value)
        for p in data.problems
        if p.code == "unit_not_the_offices"
    ]


def test_a_unit_the_config_writes_short_is_the_offices_own_not_another(tmp_path):
    # as `unit_key` matches units everywhere
    data = _commune_data(tmp_path, ["Tổ dân phố 1", "Tổ dân phố 2"], ("village", "TDP 1"))
    assert _said(data) == [("xa.xlsx", 9, "Tổ dân phố 2")]


def test_the_offices_own_unit_above_the_files_is_keyed_as_units_are(tmp_path):
    data = _commune_data(tmp_path, ["Tổ dân phố 1"], ("province", "TP. Huế"))
    assert data.records["province"].tolist() == ["TP. Huế"] * 2
    assert data.records["_key_province"].tolist() == [unit_key("Thành phố Huế")] * 2


def test_a_unit_of_another_type_with_the_same_name_is_another_unit(tmp_path):
    """Huyện Long Mỹ and Thị xã Long Mỹ are two districts of Hậu Giang; a file's district
    written without its type word is the office's own."""
    path = tmp_path / "xa.xlsx"
    write_commune_file(
        path, "Xã Long Trị", "Tháng 9 năm 2026", [("Ấp 1", 2, 20)], district="Thị xã Long Mỹ"
    )
    data = pipeline.check(
        MEMBERSHIP, [str(path)], None, None, "error", ("district", "Huyện Long Mỹ")
    )
    assert _said(data) == [("xa.xlsx", 8, "Thị xã Long Mỹ")]
    data = pipeline.check(MEMBERSHIP, [str(path)], None, None, "error", ("district", "Long Mỹ"))
    assert _said(data) == []


def test_files_naming_the_offices_unit_and_files_not_naming_it_are_checked_together(tmp_path):
    """Tân An's file names its district in the title, Phú Hữu's names none: with the office's
    own district both are under it, no table lacks the level; without it, Phú Hữu's is the
    table whose district is not known."""
    month = "Tháng 9 năm 2026"
    named = write_commune_file(
        tmp_path / "a.xlsx", "Xã Tân An", month, [("Ấp 1", 3, 101)], district="Huyện Châu Thành"
    )
    unnamed = write_commune_file(tmp_path / "b.xlsx", "Xã Phú Hữu", month, [("Ấp 1", 2, 40)])
    files = [str(named), str(unnamed)]
    data = pipeline.check(MEMBERSHIP, files, None, None, "error", ("district", "Huyện Châu Thành"))
    assert [p.code for p in data.problems if not p.is_note] == []
    records = data.records
    assert records[["district", "commune", "branches", "members"]].values.tolist() == [
        ["Huyện Châu Thành", "Xã Tân An", 2, 51],  # Ấp 1: Hội Nông dân, then Hội LHPN
        ["Huyện Châu Thành", "Xã Tân An", 1, 50],
        ["Huyện Châu Thành", "Xã Phú Hữu", 1, 20],
        ["Huyện Châu Thành", "Xã Phú Hữu", 1, 20],
    ]
    assert [t.levels for t in data.tables] == [("district", "commune", "village")] * 2
    assert records["_unit_district"].nunique() == 1
    (placed,) = [p for p in data.problems if p.code == "unit_from_config"]  # Phú Hữu's only
    assert (Path(placed.file).name, placed.sheet, placed.row) == ("b.xlsx", "Báo cáo", None)
    assert placed.is_note and placed.message("vi") == (
        "Bảng không có cột huyện; tên huyện «Huyện Châu Thành» lấy từ tệp cấu hình (khóa unit)."
    )

    data = pipeline.check(MEMBERSHIP, files, None, None, "error")
    lacking = [(p.code, Path(p.file).name, p.row) for p in data.problems if p.severity == "error"]
    assert lacking == [("unit_not_found", "b.xlsx", 6)]


def test_a_blank_unit_in_a_column_naming_it_is_not_filled_nor_another_unit(tmp_path):
    """A district column left blank on a row is that row's own mistake (missing_unit_name),
    not a file naming no district: the office's unit does not fill it."""
    rows = [
        [None, "Xã Tân An", "Ấp 1", "Hội Nông dân", 2, 30],
        ["Huyện Châu Thành", "Xã Tân Phú", "Ấp 2", "Hội Nông dân", 1, 12],
    ]
    path = write_workbook(tmp_path / "h.xlsx", rows)
    data = pipeline.check(
        MEMBERSHIP, [str(path)], None, None, "error", ("district", "Huyện Châu Thành")
    )
    found = [(p.code, p.row) for p in data.problems if not p.is_note]
    assert found == [("missing_unit_name", 2)]
    assert data.records["district"].tolist() == ["", "Huyện Châu Thành"]
