"""titles: the units a title line names, and the words that only look like unit types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.ingest.titles import organization_in_title, units_in_title
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS


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


@pytest.mark.parametrize(
    ("title", "found"),
    [
        # the body under its superior: the body's own line is named
        (["HỘI LHPN TỈNH HẬU GIANG", "HỘI LHPN XÃ TÂN AN"], ("phu_nu", "HỘI LHPN XÃ TÂN AN", 1)),
        (["HỘI NÔNG DÂN HUYỆN CHÂU THÀNH"], ("nong_dan", "HỘI NÔNG DÂN HUYỆN CHÂU THÀNH", 0)),
        (["ĐOÀN TNCS HỒ CHÍ MINH", "XÃ TÂN AN"], ("thanh_nien", "ĐOÀN TNCS HỒ CHÍ MINH", 0)),
        (["Hội Cựu chiến binh xã Tân An"], ("cuu_chien_binh", "Hội Cựu chiến binh xã Tân An", 0)),
        (["CÔNG ĐOÀN CƠ SỞ XÃ TÂN AN"], ("cong_doan", "CÔNG ĐOÀN CƠ SỞ XÃ TÂN AN", 0)),
        # the Front, a Party committee, several organisations: none
        (["UBMTTQ XÃ TÂN AN"], None),
        (["ỦY BAN MTTQ VIỆT NAM", "XÃ LONG VĨNH"], None),
        (["MTTQ VÀ CÁC ĐOÀN THỂ XÃ TÂN AN"], None),
        (["CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI XÃ TÂN AN"], None),
        (["HUYỆN ỦY CHÂU THÀNH", "BAN DÂN VẬN"], None),
        (["ĐẢNG ỦY XÃ TÂN AN", "HỘI LHPN"], None),
        (["HỘI LHPN - HỘI NÔNG DÂN XÃ TÂN AN"], None),
        (["HỘI LHPN XÃ TÂN AN", "HỘI NÔNG DÂN XÃ TÂN AN"], None),
        # the report's name is not the issuing body
        (["BÁO CÁO SỐ LƯỢNG HỘI VIÊN PHỤ NỮ"], None),
        (["XÃ TÂN AN", "", "BÁO CÁO SỐ LƯỢNG HỘI VIÊN HỘI NÔNG DÂN"], None),
        # words compared with their marks: "nong dan" typed without them is not read
        (["HOI NONG DAN XA TAN AN"], None),
    ],
)
def test_the_one_organisation_an_issuing_body_names(title, found):
    rows = [[line or None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] for line in title]
    assert organization_in_title(rows, MEMBERSHIP_HEADERS) == found


def _organisation_report(path, title: list[str], column: str | None = None) -> Path:
    """A commune's membership report as sent: the issuing body top left beside the motto,
    the report's name, a merged two-row header (STT, Ấp, perhaps "Đoàn thể"), three villages,
    a "Cộng" row and the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    for number, line in enumerate(title):
        motto = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
        sheet.append([line, None, None, None, None, motto[number] if number < 2 else None])
    sheet.append([])
    sheet.append(["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN"])
    sheet.append(["Tháng 10 năm 2026"])
    first = sheet.max_row + 1
    named = ["Đoàn thể"] if column else []
    sheet.append(["STT", "Ấp", *named, "Số chi hội", "HỘI VIÊN", None])
    sheet.append([None, None, *[None for _ in named], None, "Tổng số", "Tham gia sinh hoạt"])
    for letter in "ABC"[: 3 if column else 2] + ("D" if column else "C"):
        sheet.merge_cells(f"{letter}{first}:{letter}{first + 1}")
    figures = "EF" if column else "DE"
    sheet.merge_cells(f"{figures[0]}{first}:{figures[1]}{first}")
    cells = [column] if column else []
    for number, (village, branches, members, attending) in enumerate(
        [("Ấp Tân Phú", 1, 212, 180), ("Ấp Tân Lợi", 1, 187, 150), ("Ấp Tân Hòa", 2, 305, 250)]
    ):
        sheet.append([number + 1, village, *cells, branches, members, attending])
    sheet.append([None, "Cộng", *[None for _ in cells], 4, 704, 580])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG VỤ"])
    sheet.append([None, "Nguyễn Thị Lan", None, None, "Trần Thị Hoa"])
    workbook.save(path)
    return path


def test_a_report_whose_title_names_its_organisation_is_that_organisations(cli, tmp_path):
    """A Hội LHPN's commune sends no "Đoàn thể" column: its issuing body "HỘI LHPN XÃ TÂN
    AN" (row 2, under its province's) gives every row the organisation, with a note."""
    path = tmp_path / "xa_tan_an.xlsx"
    _organisation_report(path, ["HỘI LHPN TỈNH HẬU GIANG", "HỘI LHPN XÃ TÂN AN"])
    result = cli("summarize", path, "-f", "json", "--lang", "en")
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert output["total_by_organization"] == {
        "phu_nu": {
            "branches": 4,
            "members": 704,
            "members_attending": 580,
            "attendance_rate": 580 / 704,
            "members_per_branch": 176,
        }
    }
    notes = [
        (p["row"], p["value"], p["message"])
        for p in output["problems"]
        if p["code"] == "organization_from_title"
    ]
    assert notes == [
        (
            2,
            "HỘI LHPN XÃ TÂN AN",
            "The table has no organisation column; its rows are counted for 'Women's Union', "
            "the issuing body this title line names ('HỘI LHPN XÃ TÂN AN').",
        )
    ]
    villages = output["rollups"]["village"]
    assert sorted(
        (r["village"], r["members"]) for r in villages if r["organization"] == "phu_nu"
    ) == [
        ("Ấp Tân Hòa", 305),
        ("Ấp Tân Lợi", 187),
        ("Ấp Tân Phú", 212),
    ]


@pytest.mark.parametrize(
    "title",
    [
        ["UBMTTQ TỈNH HẬU GIANG", "UBMTTQ XÃ TÂN AN"],
        ["HỘI LHPN XÃ TÂN AN", "HỘI NÔNG DÂN XÃ TÂN AN"],
    ],
)
def test_a_title_naming_the_front_or_two_organisations_gives_none(cli, tmp_path, title):
    path = _organisation_report(tmp_path / "xa_tan_an.xlsx", title)
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert "total_by_organization" not in output  # no organisation named
    assert output["total"]["members"] == 704
    assert "organization_from_title" not in {p["code"] for p in output["problems"]}


def test_a_report_with_an_organisation_column_keeps_it_whatever_its_title(cli, tmp_path):
    path = _organisation_report(tmp_path / "xa_tan_an.xlsx", ["HỘI LHPN XÃ TÂN AN"], "HND")
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0
    output = json.loads(result.stdout)
    assert set(output["total_by_organization"]) == {"nong_dan"}
    assert output["total_by_organization"]["nong_dan"]["members"] == 704
    assert "organization_from_title" not in {p["code"] for p in output["problems"]}


@pytest.mark.parametrize("column", [None, "HND"])
def test_files_titled_by_their_organisation_beside_files_naming_none(cli, tmp_path, column):
    """A Hội LHPN office's commune files titled "HỘI LHPN XÃ ..." beside a CSV naming no
    organisation are added up together without organisations, as when no title names one,
    not told row by row that the CSV lacks one. Beside a file with the column, the titled
    file keeps its organisation."""
    titled = _organisation_report(tmp_path / "xa_tan_an.xlsx", ["HỘI LHPN XÃ TÂN AN"])
    header = "Xã,Ấp,Số chi hội,Số hội viên,Số hội viên tham gia sinh hoạt"
    row = "Xã Long Vĩnh,Ấp Long Hòa,1,100,90"
    if column:
        header, row = f"Đoàn thể,{header}", f"{column},{row}"
    other = tmp_path / "xa_long_vinh.csv"
    other.write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = cli("summarize", titled, other, "-f", "json")
    assert result.exit_code == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["total"]["members"] == 804
    codes = {p["code"] for p in output["problems"]}
    assert "missing_organization" not in codes
    if column:
        assert {o: t["members"] for o, t in output["total_by_organization"].items()} == {
            "phu_nu": 704,
            "nong_dan": 100,
        }
        assert "organization_from_title" in codes
    else:
        assert "total_by_organization" not in output
        assert "organization_from_title" not in codes
