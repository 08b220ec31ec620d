"""periods.completeness: units expected against units that reported, level by level."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.cli.commands import job_of
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.periods.completeness import (
    completeness,
    read_expected,
    units_of,
)
from danvan_cli.periods.official import Former, former_units, official_units
from tests.commune_files import write_commune_file

OCTOBER = "Tháng 10 năm 2026"
DEADLINE = datetime(2026, 11, 5, 23, 59, 59)


def _received(data) -> dict[str, datetime]:
    return {t.file: datetime.fromtimestamp(Path(t.file).stat().st_mtime) for t in data.tables}


def _reports(folder: Path):
    write_commune_file(
        folder / "tan_an.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 101)],
        received=datetime(2026, 11, 3, 10),
    )
    write_commune_file(  # a misspelling: Lôc for Lộc, and late
        folder / "phu_loc.xlsx",
        "XÃ PHÚ LÔC",
        OCTOBER,
        [("Ấp 1", 2, 70)],
        received=datetime(2026, 11, 6, 9),
    )
    write_commune_file(  # "Vị Thủy" written with the old tone placement, late
        folder / "vi_thuy.xlsx",
        "Xã Vị Thuỷ",
        OCTOBER,
        [("Ấp 2", 1, 20)],
        received=datetime(2026, 11, 8),
    )
    return job_of(MEMBERSHIP).check([str(folder)], None, None, "error")


def test_expected_units_reported_on_time_late_missing_and_not_expected(tmp_path):
    (tmp_path / "nop").mkdir()
    data = _reports(tmp_path / "nop")
    units = tmp_path / "don_vi.csv"
    units.write_text(
        "STT,Huyện,Xã\n1,Huyện Châu Thành,Xã Tân An\n2,Huyện Châu Thành,Xã Phú Lộc\n"
        "3,Huyện Châu Thành,Xã Long Vĩnh\n4,Huyện Châu Thành,Tân Bình\n5,Huyện Long Mỹ,Vị Thủy\n",
        encoding="utf-8-sig",
    )
    expected, problems = read_expected(units)
    assert problems == [] and list(expected.columns) == ["district", "commune"]
    found = completeness(data, _received(data), expected, "file", DEADLINE)
    (commune,) = found.levels  # the files name no district: the communes are compared
    assert commune.to_dict() == {
        "level": "commune",
        "expected": 5,
        "reported": 2,
        "on_time": 1,
        "late": 1,
        "missing": ["Xã Long Vĩnh", "Xã Phú Lộc", "Tân Bình"],  # by the name after "Xã"
        "not_expected": [{"unit": "Xã Phú Lôc", "closest": "Xã Phú Lộc"}],
        "formerly": [],
        "split": [],
    }
    # in Vietnamese order by the name after the type word
    assert [(u.name, u.status) for u in commune.units] == [
        ("Xã Long Vĩnh", "missing"),
        ("Xã Phú Lôc", "not_expected"),
        ("Xã Phú Lộc", "missing"),
        ("Xã Tân An", "on_time"),
        ("Tân Bình", "missing"),
        ("Vị Thủy", "late"),  # "Xã Vị Thuỷ" is the unit the list writes "Vị Thủy"
    ]
    assert found.missing == 3
    (said,) = found.problems
    assert (said.severity, said.code, said.file, said.row) == (
        "warning",
        "unit_not_expected",
        str(tmp_path / "nop" / "phu_loc.xlsx"),
        7,
    )
    assert said.message("vi") == (
        "Đơn vị cấp xã «Xã Phú Lôc» đã gửi báo cáo nhưng không có trong danh sách đơn vị. "
        "Có phải «Xã Phú Lộc»?"
    )


def test_a_sheet_of_units_and_last_periods_units(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐƠN VỊ"])  # a title line before the header is passed over
    sheet.append(["Tên xã", "Thôn"])
    sheet.append(["Xã Tân An", "Thôn 1"])
    sheet.append(["Xã Tân An", "Thôn 2"])
    workbook.save(tmp_path / "don_vi.xlsx")
    expected, _ = read_expected(tmp_path / "don_vi.xlsx")
    (tmp_path / "nop").mkdir()
    data = _reports(tmp_path / "nop")
    found = completeness(data, _received(data), expected, "file", None)
    assert [(lv.level, lv.expected, lv.reported) for lv in found.levels] == [
        ("commune", 1, 1),
        ("village", 2, 1),
    ]
    assert [u.status for u in found.levels[0].units if u.name == "Xã Tân An"] == ["reported"]
    last = units_of(data.records)
    # names read from the files' titles, as offices print them (THUỶ -> Thủy)
    assert sorted(last["commune"]) == ["Xã Phú Lôc", "Xã Tân An", "Xã Vị Thủy"]


def test_a_list_naming_no_level_is_said(tmp_path):
    (tmp_path / "x.csv").write_text("Tên,Mã\nTân An,1\n", encoding="utf-8")
    expected, problems = read_expected(tmp_path / "x.csv")
    assert expected.empty and [p.code for p in problems] == ["expected_no_units"]


def test_a_provinces_communes_from_the_official_list(tmp_path):
    pytest.importorskip("vietnamadminunits")
    units, problems = official_units("Cần Thơ")
    assert problems == [] and list(units.columns) == ["province", "commune"]
    assert len(units) == 103 and set(units["province"]) == {"Thành phố Cần Thơ"}
    assert "Phường Ninh Kiều" in set(units["commune"])
    (tmp_path / "nop").mkdir()
    write_commune_file(
        tmp_path / "nop" / "a.xlsx", "Phường Ninh Kiều", OCTOBER, [("Khu vực 1", 2, 40)]
    )
    data = job_of(MEMBERSHIP).check([str(tmp_path / "nop")], None, None, "error")
    (commune,) = completeness(data, _received(data), units, "official", None).levels
    assert (commune.expected, commune.reported) == (103, 1)
    _, problems = official_units("Cân Thơ")
    assert [(p.code, p.value, p.expected("en")) for p in problems] == [
        ("official_no_province", "Cân Thơ", "Thành phố Cần Thơ")
    ]


def test_names_before_2025_found_in_the_official_crosswalk(tmp_path):
    """Without a district: an old name that went whole into one commune counts for it; a
    name of today is today's commune, though an old commune had it too; an old name several
    districts had, whose communes went different ways, is counted for none."""
    pytest.importorskip("vietnamadminunits")
    units, _ = official_units("Cần Thơ")
    crosswalk = former_units("Thành phố Cần Thơ")
    assert crosswalk.find("Xã Tân Thạnh", "Huyện Thới Lai") == (
        Former("Huyện Thới Lai", "Xã Tân Thạnh", ("Xã Tân Thạnh", "Xã Trường Thành")),
    )
    assert crosswalk.former_province("Tỉnh Hậu Giang") == (
        Former("", "Tỉnh Hậu Giang", ("Thành phố Cần Thơ",)),
    )
    assert crosswalk.former_province("Cần Thơ") == ()
    (tmp_path / "nop").mkdir()
    for name, commune in (("a", "Phường Thới Bình"), ("b", "Xã Tân Thạnh"), ("c", "Phường 1")):
        write_commune_file(tmp_path / "nop" / f"{name}.xlsx", commune, OCTOBER, [("Ấp 1", 2, 9)])
    data = job_of(MEMBERSHIP).check([str(tmp_path / "nop")], None, None, "error")
    found = completeness(data, _received(data), units, "official", None, crosswalk)
    (commune,) = found.levels
    shown = {
        u.name: (u.status, u.formerly, u.split_into) for u in commune.units if u.status != "missing"
    }
    assert shown == {
        "Phường 1": (
            "not_expected",
            ("Phường 1 (Thành phố Sóc Trăng; Thị xã Ngã Năm; Thị xã Vĩnh Châu)",),
            ("Phường Ngã Năm", "Phường Phú Lợi", "Phường Vĩnh Châu"),
        ),
        "Phường Ninh Kiều": ("reported", ("Phường Thới Bình (Quận Ninh Kiều)",), ()),
        "Xã Tân Thạnh": ("reported", (), ()),
    }
    assert [(p.code, p.value) for p in found.problems] == [
        ("unit_former_name", "Phường Thới Bình"),
        ("unit_former_unclear", "Phường 1"),
    ]


def test_without_the_official_extra_the_message_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "vietnamadminunits.database", None)  # import fails
    units, problems = official_units("Cần Thơ")
    assert units.empty and [p.code for p in problems] == ["official_not_installed"]
    assert problems[0].expected("en") == 'the package installed: pip install "danvan[official]"'


def test_a_commune_not_on_the_list_is_given_no_other_communes_name(tmp_path):
    """Under the one district, "Xã Bình Hòa" is not "Xã Tân An" (the paths share the
    district, so they once scored as close); "XÃ PHÚ LÔC" is still "Xã Phú Lộc"."""
    folder = tmp_path / "nop"
    folder.mkdir()
    for commune in ("Xã Bình Hòa", "XÃ PHÚ LÔC"):
        name = f"{commune}.xlsx"
        write_commune_file(
            folder / name, commune, OCTOBER, [("Ấp 1", 2, 70)], district="Huyện Châu Thành"
        )
    data = job_of(MEMBERSHIP).check([str(folder)], None, None, "error")
    units = tmp_path / "don_vi.csv"
    units.write_text(
        "Huyện,Xã\nHuyện Châu Thành,Xã Tân An\nHuyện Châu Thành,Xã Phú Lộc\n", encoding="utf-8"
    )
    expected, _ = read_expected(units)
    found = completeness(data, _received(data), expected, "file", DEADLINE)
    commune = next(level for level in found.levels if level.level == "commune")
    assert commune.to_dict()["not_expected"] == [
        {"unit": "Huyện Châu Thành / Xã Bình Hòa", "closest": None},
        {"unit": "Huyện Châu Thành / Xã Phú Lôc", "closest": "Huyện Châu Thành / Xã Phú Lộc"},
    ]
