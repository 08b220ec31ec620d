"""headers and tablefind: headers as written -> canonical fields; where the header row is."""

from __future__ import annotations

import json
import pickle
import unicodedata

import pytest
from openpyxl import Workbook

from danvan_cli.ingest.headers import (
    ABBREVIATION,
    GROUP_ABBREVIATION,
    GROUP_VALUE,
    IGNORED,
    NAMED_GROUPS,
    NEVER,
    PARTIAL,
    RATIO,
    TONELESS,
    HeaderPatterns,
    closest_value,
    compile_patterns,
    declared_patterns,
    duplicate_fields,
    group_patterns,
    group_values,
    header_field,
    header_match,
    map_headers,
    value_match,
)
from danvan_cli.ingest.tablefind import find_table
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS
from danvan_cli.model.declaration import Category, CategoryValue, Labels
from tests.conftest import HEADER

# Every wording listed in the README's column table, and the bundled sample's headers.
README_HEADERS = {
    "province": ["Tỉnh", "Tỉnh/Thành phố", "Province"],
    "district": ["Huyện", "Quận", "Thị xã", "Huyện/Thị xã/Thành phố", "District"],
    "commune": ["Xã", "Phường", "Thị trấn", "Xã/Phường/Thị trấn", "Commune", "Ward", "Đặc khu"],
    "village": [
        "Thôn",
        "Ấp",
        "Bản",
        "Buôn",
        "Khu vực",
        "Tổ dân phố",
        "TDP",
        "Ấp/Khu vực",
        "Village",
    ],
    "organization": ["Đoàn thể", "Tổ chức", "Organization"],
    "branches": ["Số chi hội", "Số chi đoàn", "Số chi, tổ hội", "Số chi hội, chi đoàn", "Branches"],
    "members": [
        "Số hội viên",
        "Số đoàn viên",
        "Tổng số ĐV, HV",
        "Số đoàn viên, hội viên",
        "Members",
    ],
    "members_attending": ["Số ĐV, HV tham gia sinh hoạt", "Members attending"],
    "households": ["Tổng số hộ", "Số hộ", "Households"],
    "households_with_members": ["Số hộ có ĐV, HV", "Households with members"],
    "rating_strong": ["Vững mạnh", "Xếp loại: Vững mạnh"],
    "rating_good": ["Khá"],
    "rating_average": ["Trung bình"],
    "rating_weak": ["Yếu"],
}


@pytest.mark.parametrize(
    "header, field",
    [(h, field) for field, headers in README_HEADERS.items() for h in headers],
)
def test_documented_header_wordings(header, field):
    assert header_field(header, MEMBERSHIP_HEADERS) == field


@pytest.mark.parametrize(
    "header",
    [
        "  SỐ   HỘI VIÊN ",
        "số hội viên",
        unicodedata.normalize("NFD", "Số hội viên"),
        "Số hội viên:",
    ],
)
def test_header_matching_ignores_case_spaces_and_unicode_form(header):
    assert header_field(header, MEMBERSHIP_HEADERS) == "members"


@pytest.mark.parametrize("header", ["STT", "TT", "stt"])
def test_row_number_columns_are_ignored(header):
    assert header_field(header, MEMBERSHIP_HEADERS) == IGNORED


@pytest.mark.parametrize("header", ["Tỷ lệ %", "Tỷ lệ hộ có ĐV, HV (%)", "Tỷ lệ sinh hoạt"])
def test_percent_columns_are_ratios_not_figures(header):
    assert header_field(header, MEMBERSHIP_HEADERS) == RATIO


@pytest.mark.parametrize("header", ["Ghi chú", "Thành phố", "", None])
def test_unknown_or_ambiguous_headers_map_to_nothing(header):
    assert header_field(header, MEMBERSHIP_HEADERS) is None


def test_map_headers_keeps_headers_as_written_and_maps_each_position():
    mapping = map_headers(
        ["STT", " Xã ", "Ấp/Khu  vực", "Số hội viên", "Ghi chú", None], MEMBERSHIP_HEADERS
    )
    assert mapping.headers == ("STT", "Xã", "Ấp/Khu vực", "Số hội viên", "Ghi chú", "")
    assert mapping.fields == (IGNORED, "commune", "village", "members", None, None)
    assert mapping.position_of("members") == 3
    assert mapping.header_of("village") == "Ấp/Khu vực"
    assert mapping.header_of("households") == "households"
    assert mapping.present(["district", "commune", "village"]) == ["commune", "village"]


def test_a_second_column_for_the_same_field_is_not_used_and_is_reported():
    headers = ["Xã", "Số hội viên", "Số đoàn viên", "Tỷ lệ %", "Tỷ lệ sinh hoạt"]
    assert map_headers(headers, MEMBERSHIP_HEADERS).fields == (
        "commune",
        "members",
        None,
        RATIO,
        RATIO,
    )
    assert duplicate_fields(headers, MEMBERSHIP_HEADERS) == [
        ("members", "Số hội viên", "Số đoàn viên")
    ]


def test_find_table_below_title_rows():
    rows = [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None],
        ["Độc lập - Tự do - Hạnh phúc", None, None],
        ["BÁO CÁO SỐ LIỆU NĂM 2020", None, None],
        [],
        ["STT", *HEADER],
        [1, "Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 1, 10, 8, 100, 80],
    ]
    layout = find_table(rows, MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS)
    assert layout is not None
    assert layout.header_row == 4
    assert layout.mapping.fields[:3] == (IGNORED, "district", "commune")


def test_find_table_prefers_the_row_naming_most_fields():
    rows = [
        ["Xã", "Số hội viên", None, None],  # a group row above the real header
        ["Xã", "Thôn", "Số hội viên", "Tổng số hộ"],
    ]
    assert find_table(rows, MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS).header_row == 1


@pytest.mark.parametrize(
    "rows",
    [
        [["Xã", "Thôn", "Ghi chú"], ["A", "B", "x"]],  # no figure column
        [["Số hội viên", "Tổng số hộ"], [1, 2]],  # no unit or organisation column
        [],
    ],
)
def test_no_table_without_both_a_unit_and_a_figure_column(rows):
    assert find_table(rows, MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS) is None


# --- words compared with their tone marks ---------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Tình trạng",  # not "Tỉnh"
        "Tính chất",
        "Tịnh độ",
        "Áp dụng",  # not "Ấp"
        "Bán hàng",  # not "Bản"
        "Xa nhà",  # not "Xã"
        "Tham gia cấp ủy Đảng",  # members on Party committees, not attending
        "Tham gia HĐND",
        "Họ tên hội viên",  # who a member is, not how many
        "Họ và tên đoàn viên",
        "Mã định danh đoàn viên",
        "Tên chi hội",
    ],
)
def test_words_that_differ_only_in_their_marks_are_other_words(header):
    assert header_field(header, MEMBERSHIP_HEADERS) is None


@pytest.mark.parametrize(
    "header, field",
    [
        ("Số ban", "branches"),  # the Ban Công tác Mặt trận's branches
        ("Số thành viên", "members"),
        ("Hoà", None),
        ("Số ĐV, HV tham gia", "members_attending"),
        ("Thôn/Xóm", "village"),
        ("Ủy ban", None),
    ],
)
def test_marked_wordings(header, field):
    assert header_field(header, MEMBERSHIP_HEADERS) == field


@pytest.mark.parametrize(
    "header, field, evidence",
    [
        ("Tinh", "province", TONELESS),  # typed wholly without marks: its tone-less form
        ("Ban", "village", TONELESS),
        ("So hoi vien", "members", TONELESS),
        ("So ho co DV, HV", "households_with_members", TONELESS),
        ("Members", "members", ""),  # English: found as written
        ("Số chi hội, chi đoàn", "branches", ""),
        ("Số ĐV, HV tham gia sinh hoạt", "members_attending", ""),
        ("Tổng số đoàn viên, hội viên (người)", "members", ""),
        ("Số hội viên thoát nghèo", "members", PARTIAL),  # among other words
        ("Số hội viên tham gia BHYT", "members", PARTIAL),  # not attending
        ("Số chi hội thành lập", "branches", PARTIAL),
        ("STT", IGNORED, ""),
        ("Số hội viên", "members", ""),
    ],
)
def test_how_strongly_a_header_was_matched(header, field, evidence):
    assert header_match(header, MEMBERSHIP_HEADERS) == (field, evidence)


@pytest.mark.parametrize(
    "header",
    [
        "Nữ",
        "Hội viên nữ",
        "Phát triển trong kỳ",
        "Kết nạp mới",
        "Số hội viên kết nạp mới",
        "Giảm trong kỳ",
        "HV danh dự Tổng số",
        "Đảng viên",
        "Số hội viên là đảng viên",
    ],
)
def test_other_figures_of_the_members_are_not_the_member_count(header):
    assert header_field(header, MEMBERSHIP_HEADERS) is None


def test_map_headers_says_which_columns_were_read_on_weak_evidence():
    mapping = map_headers(["Xa", "Thon", "Số hội viên"], MEMBERSHIP_HEADERS)
    assert mapping.fields == ("commune", "village", "members")
    assert mapping.evidence == (TONELESS, TONELESS, "")


# --- end to end: a commune's wide sheet as sent -----------------------------------------------


def commune_sheet(path, top, bottom, villages, total=None):
    """A commune's workbook: titles, a two-row header (each group merged over the blank
    cells on its right), a numbering row, one row per village, a "Cộng" row (the column
    sums, or `total`) and the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["UBND HUYỆN CHÂU THÀNH", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["MTTQ XÃ ĐÔNG PHƯỚC", None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append(["BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN NĂM 2026"])
    sheet.append([])
    sheet.append(["STT", *top])
    sheet.append([None, *bottom])
    for column, text in enumerate(top, start=2):
        if text and not bottom[column - 2]:
            sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
        elif text:
            end = column
            while end - 1 < len(top) and not top[end - 1] and bottom[end - 1]:
                end += 1
            if end > column:
                sheet.merge_cells(start_row=5, start_column=column, end_row=5, end_column=end)
    sheet.append(list(range(1, len(top) + 2)))
    for number, row in enumerate(villages, start=1):
        sheet.append([number, *row])
    sums = [sum(row[c] for row in villages) for c in range(1, len(top))]
    sheet.append([None, "Cộng", *(total or sums)])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    return path


SHORT_TOP = ["Ấp", "Tổng số hộ", "Hội ND", "", "HPN", "", "ĐTN", ""]
SHORT_BOTTOM = ["", "", *["Số chi hội", "Số hội viên"] * 3]
SHORT_VILLAGES = [
    ["Ấp 1", 500, 2, 300, 1, 200, 1, 80],
    ["Ấp 2", 400, 1, 250, 1, 150, 1, 70],
]


def test_groups_written_short_are_summed_and_checked_by_the_sheets_total(cli, tmp_path):
    path = commune_sheet(tmp_path / "xa.xlsx", SHORT_TOP, SHORT_BOTTOM, SHORT_VILLAGES)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["total"]["members"] == 1050
    by_organization = document["total_by_organization"]
    assert {o: f["members"] for o, f in by_organization.items()} == {
        "nong_dan": 550,
        "phu_nu": 350,
        "thanh_nien": 150,
    }


def test_a_wrong_total_under_a_group_written_short_is_found(cli, tmp_path):
    total = [900, 3, 500, 2, 350, 2, 150]  # Hội ND's members sum to 550
    path = commune_sheet(tmp_path / "xa.xlsx", SHORT_TOP, SHORT_BOTTOM, SHORT_VILLAGES, total)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["row"], p["column"]) for p in errors] == [
        ("subtotal_mismatch", 10, "Hội ND › Số hội viên")
    ]


def test_a_group_naming_no_known_organisation_is_an_error_naming_the_closest(cli, tmp_path):
    top = ["Ấp", "Tổng số hộ", "Hội Nông dâ", "", "HPN", "", "ĐTN", ""]
    path = commune_sheet(tmp_path / "xa.xlsx", top, SHORT_BOTTOM, SHORT_VILLAGES)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["row"], p["column"]) for p in errors] == [
        ("organization_group_unknown", 6, "Hội Nông dâ")
    ]
    assert "(cột D, E)" in errors[0]["message"]
    assert "gần nhất: Hội Nông dân" in errors[0]["message"]


def test_a_sheet_of_groups_naming_no_known_organisation_is_still_read(cli, tmp_path):
    top = ["Ấp", "Hội Chữ thập đỏ", "", "HKH", ""]
    bottom = ["", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"]
    villages = [["Ấp 1", 1, 30, 1, 20], ["Ấp 2", 1, 25, 1, 15]]
    path = commune_sheet(tmp_path / "xa.xlsx", top, bottom, villages)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["column"]) for p in errors] == [
        ("organization_group_unknown", "HKH"),
        ("organization_group_unknown", "Hội Chữ thập đỏ"),
    ]


def test_the_ban_cong_tac_mat_tran_is_not_the_village_word_ban(cli, tmp_path):
    top = ["Ấp", "Tổng số hộ", "Ban Công tác Mặt trận", "", "Hội Nông dân", ""]
    bottom = ["", "", "Số ban", "Số thành viên", "Số chi hội", "Số hội viên"]
    villages = [["Ấp 1", 500, 1, 9, 2, 300], ["Ấp 2", 400, 1, 7, 1, 250]]
    path = commune_sheet(tmp_path / "xa.xlsx", top, bottom, villages)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    by_organization = json.loads(result.stdout)["total_by_organization"]
    assert by_organization["mttq"]["branches"] == 2
    assert by_organization["mttq"]["members"] == 16
    assert by_organization["nong_dan"]["members"] == 550


def test_validate_shows_columns_read_on_weak_evidence(cli, tmp_path):
    top = ["Ap", "Tổng số hộ", "Hội ND", "", "Hội LHPN", "", "Đoàn Thanh niên", ""]
    path = commune_sheet(tmp_path / "xa.xlsx", top, SHORT_BOTTOM, SHORT_VILLAGES)
    result = cli("validate", path)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert "    Ap -> village (Thôn) [cần xem lại: khớp tiêu đề gõ không dấu]" in lines
    assert (
        "    Hội ND › Số hội viên -> members (Số ĐV, HV), Hội Nông dân "
        "[cần xem lại: đoàn thể ghi tắt]" in lines
    )
    assert "    Đoàn Thanh niên › Số hội viên -> members (Số ĐV, HV), Đoàn Thanh niên" in lines


def test_other_figures_of_the_members_are_columns_not_used(cli, tmp_path):
    """A Hội Nông dân form: only "HỘI VIÊN › Tổng số" is the member count."""
    top = ["Ấp", "Xếp loại", "", "HỘI VIÊN", "", "", "", "", "HV danh dự", "Đảng viên"]
    bottom = [
        "",
        "Vững mạnh",
        "Khá",
        "Tổng số",
        "Nữ",
        "Phát triển trong kỳ",
        "Kết nạp mới",
        "Giảm trong kỳ",
        "Tổng số",
        "",
    ]
    villages = [
        ["Ấp 1", 1, 1, 300, 120, 15, 12, 4, 6, 40],
        ["Ấp 2", 1, 0, 250, 100, 9, 8, 2, 3, 31],
    ]
    path = commune_sheet(tmp_path / "xa.xlsx", top, bottom, villages)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    problems = json.loads(result.stdout)["problems"]
    unused = [p for p in problems if p["code"] in ("header_unmapped", "column_not_used")]
    letters = {p["column"]: p["message"].split("(cột ")[1][0] for p in unused}
    assert letters == {
        "HỘI VIÊN › Nữ": "F",
        "HỘI VIÊN › Phát triển trong kỳ": "G",
        "HỘI VIÊN › Kết nạp mới": "H",
        "HỘI VIÊN › Giảm trong kỳ": "I",
        "HV danh dự › Tổng số": "J",
        "Đảng viên": "K",
    }
    summed = json.loads(cli("summarize", path, "--format", "json").stdout)
    assert summed["total"]["members"] == 550


@pytest.mark.parametrize("group", ["H.ND", "Khối đoàn thể", "Hội P.Nữ"])
def test_figures_under_a_group_beside_known_ones_are_an_error_never_dropped(cli, tmp_path, group):
    top = ["Ấp", "Tổng số hộ", group, "", "HPN", "", "ĐTN", ""]
    path = commune_sheet(tmp_path / "xa.xlsx", top, SHORT_BOTTOM, SHORT_VILLAGES)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["row"], p["column"]) for p in errors] == [
        ("organization_group_unknown", 6, group)
    ]
    assert "(cột D, E)" in errors[0]["message"]


@pytest.mark.parametrize(
    "part",
    [
        "Số hội viên thoát nghèo",
        "Hội viên dân tộc thiểu số",
        "Số hội viên được vay vốn",
        "Mã định danh hội viên",
    ],
)
def test_a_part_of_the_members_beside_them_is_a_column_not_used(cli, tmp_path, part):
    top = ["Ấp", "Hội Nông dân", "", ""]
    bottom = ["", "Số chi hội", "Số hội viên", part]
    villages = [["Ấp 1", 2, 300, 40], ["Ấp 2", 1, 250, 30]]
    path = commune_sheet(tmp_path / "xa.xlsx", top, bottom, villages)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    document = json.loads(result.stdout)
    assert document["total_by_organization"]["nong_dan"]["members"] == 550
    problems = document["problems"]
    assert ("column_not_used", 6, f"Hội Nông dân › {part}") in [
        (p["code"], p["row"], p["column"]) for p in problems
    ]
    assert not [p for p in problems if p["severity"] == "error"]


def test_a_categorys_patterns_are_tagged_as_group_headers_name_its_values():
    given = [("ap", "chi hội ấp"), ("thon", "thôn"), ("ap", r"\bcha\b", ABBREVIATION)]
    assert group_patterns(given) == (
        ("ap", "chi hội ấp", GROUP_VALUE),
        ("thon", "thôn", GROUP_VALUE),
        ("ap", r"\bcha\b", GROUP_ABBREVIATION),
    )


def test_group_values_are_named_by_the_words_of_the_kind_read():
    """Reading knows no kind's names: a category's values are named by the patterns its
    kind gives, their codes too only where the kind says so (`NAMED_GROUPS`)."""
    value = CategoryValue(
        code="ap",
        labels=Labels(vi="Chi hội ấp", en="Hamlet branch"),
        headers=("Chi hội ấp", "Chi hội thôn"),
        patterns=(r"chi hội ấp",),
        abbreviations=(r"\bcha\b",),
    )
    category = Category(code="loai", labels=Labels(vi="Loại", en="Kind"), values=(value,))
    plain = compile_patterns(group_patterns(declared_patterns(category.values)))
    named = compile_patterns(
        group_patterns(declared_patterns(category.values)), [(None, NEVER, NAMED_GROUPS)]
    )
    assert value_match("Chi hội ấp", plain) == ("ap", "")
    assert value_match("Chi hoi ap", plain) == ("ap", TONELESS)
    assert value_match("CHA", plain) == ("ap", ABBREVIATION)
    assert value_match("Hội Nông dân", plain) == (None, "")  # not membership's organisations
    assert value_match("ap", plain) == (None, "")
    assert value_match("ap", named) == ("ap", "")
    assert header_field("Chi hội ấp", plain) is None  # a group's name, not a column's
    assert closest_value(category, "Chi hội thô") == "ap"


def test_patterns_are_hashed_as_the_tuple_they_are_and_anew_in_another_process():
    """The caches look every header up with its patterns: the hash is the tuple's own,
    kept; a copy sent to a worker process (pickled) hashes as one made there."""
    patterns = compile_patterns((("members", "hội viên"), ("branches", "chi hội")))
    plain = tuple(patterns)
    assert patterns == plain and hash(patterns) == hash(plain)
    copy = pickle.loads(pickle.dumps(patterns))
    assert copy == patterns and hash(copy) == hash(patterns)
    assert copy.__reduce__() == (HeaderPatterns, (plain,))
    assert isinstance(group_values(patterns), HeaderPatterns)
