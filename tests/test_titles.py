"""titles: the units a title line names, and the words that only look like unit types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.ingest.titles import units_in_title


@pytest.mark.parametrize(
    ("title", "units"),
    [
        ("ỦY BAN MTTQ VIỆT NAM XÃ LONG VĨNH", {"commune": "Xã Long Vĩnh"}),
        ("HUYỆN CHÂU THÀNH", {"district": "Huyện Châu Thành"}),
        ("Quận Ba Đình", {"district": "Quận Ba Đình"}),
        ("TỈNH HẬU GIANG", {"province": "Tỉnh Hậu Giang"}),
        ("Thị xã Hồng Lĩnh", {"district": "Thị xã Hồng Lĩnh"}),
        ("UBND XA LONG VINH", {"commune": "Xa Long Vinh"}),  # typed without tone marks
        ("BÁO CÁO SỐ MÔ HÌNH TỰ QUẢN Ở CƠ SỞ", {}),  # quản, not quận
        ("Danh sách tổ tự quản an ninh trật tự", {}),
        ("BÁO CÁO TÌNH HÌNH TỔ CHỨC HỘI", {}),  # tình, not tỉnh
        ("Hỗ trợ vùng sâu vùng xa", {}),  # xa, not xã
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {}),
        # The Party committee of a unit (tỉnh ủy, huyện ủy...) names the unit itself.
        ("TỈNH ỦY HẬU GIANG", {"province": "Tỉnh Hậu Giang"}),
        ("BAN DÂN VẬN HUYỆN UỶ VỊ THỦY", {"district": "Huyện Vị Thủy"}),
        ("Quận ủy Ba Đình", {"district": "Quận Ba Đình"}),
        ("THỊ ỦY HỒNG LĨNH\nBAN DÂN VẬN", {"district": "Thị xã Hồng Lĩnh"}),
        ("Thị ủy Hồng Lĩnh", {"district": "Thị xã Hồng Lĩnh"}),
        ("THỊ XÃ HỒNG LĨNH", {"district": "Thị xã Hồng Lĩnh"}),
        ("TỈNH ỦY HẬU GIANG\nBAN DÂN VẬN", {"province": "Tỉnh Hậu Giang"}),  # one cell
        ("TINH UY HAU GIANG", {"province": "Tinh Hau Giang"}),
    ],
)
def test_units_named_in_a_title(title, units):
    found = units_in_title([[None], [title]])
    assert {level: name for level, (name, _row) in found.items()} == units
    assert all(row == 1 for _name, row in found.values())


@pytest.mark.parametrize(
    ("title", "units"),
    [
        ("BÁO CÁO SỐ LƯỢNG HỘI VIÊN CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI", {}),
        (
            "BÁO CÁO SỐ LƯỢNG HỘI VIÊN CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI XÃ TÂN AN",
            {"commune": "Xã Tân An"},
        ),
        ("Báo cáo các tổ chức chính trị - xã hội", {}),
        ("TÌNH HÌNH KINH TẾ - XÃ HỘI, QUỐC PHÒNG AN NINH", {}),
        ("Hoạt động văn hóa - xã hội năm 2026", {}),
        ("CÔNG TÁC AN SINH XÃ HỘI", {}),
        ("NHÀ NƯỚC PHÁP QUYỀN XÃ HỘI CHỦ NGHĨA", {}),
        ("ỦY BAN MTTQ VIỆT NAM PHƯỜNG 3", {"commune": "Phường 3"}),
        ("UBND Phường 12, Quận 5", {"commune": "Phường 12", "district": "Quận 5"}),
        ("MTTQ XÃ HỘI SƠN", {"commune": "Xã Hội Sơn"}),  # a commune whose name starts "Hội"
        ("XÃ NĂM CĂN NĂM 2026", {"commune": "Xã Năm Căn"}),
        (
            "MTTQ XÃ LONG VĨNH, HUYỆN CHÂU THÀNH",
            {"commune": "Xã Long Vĩnh", "district": "Huyện Châu Thành"},
        ),
        ("TỔNG HỢP SỐ LIỆU CÁC XÃ, THỊ TRẤN", {}),
        ("DANH SÁCH CÁC XÃ ĐẠT CHUẨN NÔNG THÔN MỚI", {}),
        ("Mô hình cấp huyện", {}),
        ("CÁC XÃ 135", {}),
    ],
)
def test_a_unit_is_a_type_word_and_a_proper_name_never_a_phrase(title, units):
    found = units_in_title([[title]])
    assert {level: name for level, (name, _row) in found.items()} == units


def _commune_file(path, title: str, members: int):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([title])
    sheet.append(["STT", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append([1, "Thôn 1", "Hội Nông dân", 1, members])
    workbook.save(path)
    return path


def test_two_communes_titled_with_the_phrase_xa_hoi_stay_apart(cli, tmp_path):
    phrase = "BÁO CÁO SỐ LIỆU CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI"
    _commune_file(tmp_path / "a.xlsx", f"{phrase} XÃ TÂN AN", 30)
    _commune_file(tmp_path / "b.xlsx", f"{phrase} XÃ LONG VĨNH", 20)
    result = cli("summarize", tmp_path, "--format", "json", "--level", "commune")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rollups"]["commune"]
    assert sorted((r["commune"], r["members"]) for r in rows if r["organization"] == "all") == [
        ("Xã Long Vĩnh", 20),
        ("Xã Tân An", 30),
    ]


def test_a_file_whose_commune_cannot_be_found_is_said_so_where_it_is(cli, tmp_path):
    _commune_file(tmp_path / "a.xlsx", "BÁO CÁO CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI", 30)
    _commune_file(tmp_path / "b.xlsx", "BÁO CÁO CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI XÃ TÂN AN", 20)
    result = cli("validate", tmp_path, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    errors = [
        (Path(p["file"]).name, p["row"], p["code"], p["message"])
        for p in json.loads(result.stdout)["problems"]
        if p["severity"] == "error"
    ]
    assert errors == [
        (
            "a.xlsx",
            3,
            "unit_not_found",
            "Which commune this table's rows belong to is not known: it has no commune column "
            "and its title names none (other files do); they cannot be added up together.",
        )
    ]


def test_a_csv_beside_workbooks_naming_their_province_in_the_title_is_told_what_it_lacks(
    cli, tmp_path
):
    """The workbooks name their province only in their titles ("HỘI LHPN TỈNH HẬU GIANG"); a
    CSV file of communes names none: the CSV is told its province is not known, as a
    commune's file whose commune no title names, not that the others have a province column
    (they have none) nor that files from before and after 1 July 2025 are mixed."""
    _commune_file(tmp_path / "a.xlsx", "HỘI LHPN TỈNH HẬU GIANG XÃ TÂN AN", 30)
    (tmp_path / "b.csv").write_text(
        "Xã,Thôn,Đoàn thể,Số chi hội,Số hội viên\nXã Vị Thủy,Ấp 1,Hội LHPN,1,20\n", "utf-8-sig"
    )
    result = cli("validate", tmp_path, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    errors = [
        (Path(p["file"]).name, p["row"], p["code"], p["message"], p["expected"])
        for p in json.loads(result.stdout)["problems"]
        if p["severity"] == "error"
    ]
    assert errors == [
        (
            "b.csv",
            1,
            "unit_not_found",
            "Which province this table's rows belong to is not known: it has no province column "
            "and its title names none (other files do); they cannot be added up together.",
            "a province column, or the unit named in the title (such as 'ỦY BAN MTTQ XÃ TÂN AN')",
        )
    ]
