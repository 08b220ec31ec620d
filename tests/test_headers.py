"""headers and tablefind: headers as written -> canonical fields; where the header row is."""

from __future__ import annotations

import unicodedata

import pytest

from danvan_cli.headers import IGNORED, RATIO, duplicate_fields, header_field, map_headers
from danvan_cli.tablefind import find_table
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
    assert header_field(header) == field


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
    assert header_field(header) == "members"


@pytest.mark.parametrize("header", ["STT", "TT", "stt"])
def test_row_number_columns_are_ignored(header):
    assert header_field(header) == IGNORED


@pytest.mark.parametrize("header", ["Tỷ lệ %", "Tỷ lệ hộ có ĐV, HV (%)", "Tỷ lệ sinh hoạt"])
def test_percent_columns_are_ratios_not_figures(header):
    assert header_field(header) == RATIO


@pytest.mark.parametrize("header", ["Ghi chú", "Thành phố", "", None])
def test_unknown_or_ambiguous_headers_map_to_nothing(header):
    assert header_field(header) is None


def test_map_headers_keeps_headers_as_written_and_maps_each_position():
    mapping = map_headers(["STT", " Xã ", "Ấp/Khu  vực", "Số hội viên", "Ghi chú", None])
    assert mapping.headers == ("STT", "Xã", "Ấp/Khu vực", "Số hội viên", "Ghi chú", "")
    assert mapping.fields == (IGNORED, "commune", "village", "members", None, None)
    assert mapping.position_of("members") == 3
    assert mapping.header_of("village") == "Ấp/Khu vực"
    assert mapping.header_of("households") == "households"
    assert mapping.present(["district", "commune", "village"]) == ["commune", "village"]


def test_a_second_column_for_the_same_field_is_not_used_and_is_reported():
    headers = ["Xã", "Số hội viên", "Số đoàn viên", "Tỷ lệ %", "Tỷ lệ sinh hoạt"]
    assert map_headers(headers).fields == ("commune", "members", None, RATIO, RATIO)
    assert duplicate_fields(headers) == [("members", "Số hội viên", "Số đoàn viên")]


def test_find_table_below_title_rows():
    rows = [
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None],
        ["Độc lập - Tự do - Hạnh phúc", None, None],
        ["BÁO CÁO SỐ LIỆU NĂM 2020", None, None],
        [],
        ["STT", *HEADER],
        [1, "Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 1, 10, 8, 100, 80],
    ]
    layout = find_table(rows)
    assert layout is not None
    assert layout.header_row == 4
    assert layout.mapping.fields[:3] == (IGNORED, "district", "commune")


def test_find_table_prefers_the_row_naming_most_fields():
    rows = [
        ["Xã", "Số hội viên", None, None],  # a group row above the real header
        ["Xã", "Thôn", "Số hội viên", "Tổng số hộ"],
    ]
    assert find_table(rows).header_row == 1


@pytest.mark.parametrize(
    "rows",
    [
        [["Xã", "Thôn", "Ghi chú"], ["A", "B", "x"]],  # no figure column
        [["Số hội viên", "Tổng số hộ"], [1, 2]],  # no unit or organisation column
        [],
    ],
)
def test_no_table_without_both_a_unit_and_a_figure_column(rows):
    assert find_table(rows) is None
