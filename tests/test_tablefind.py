"""tablefind: the header block over one to five merged rows and more, column labels and
groups, pages side by side, lists of people, and the numbering row under the header. Rows
are given as the sheet readers give them: blank cells as "" or None, numbers as floats."""

from __future__ import annotations

import pytest

from danvan_cli.ingest import tablefind
from danvan_cli.ingest.headers import (
    ABBREVIATION,
    GROUP,
    GROUP_TOTAL,
    IGNORED,
    PAGE,
    RATIO,
    UNIT,
    HeaderMapping,
    HeaderPatterns,
    closest_value,
)
from danvan_cli.ingest.tablefind import TableLayout, people_header
from danvan_cli.kinds.membership import ORGANIZATION
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS


def find_table(
    rows: list, patterns: HeaderPatterns = MEMBERSHIP_HEADERS, metrics=MEMBERSHIP_METRICS
) -> TableLayout | None:
    """A table found as membership's is (its words unless others are given)."""
    return tablefind.find_table(rows, patterns, metrics)


def compose_headers(block: list, patterns: HeaderPatterns = MEMBERSHIP_HEADERS) -> HeaderMapping:
    return tablefind.compose_headers(block, patterns)


def repeated_column(mapping: HeaderMapping, position: int) -> int | None:
    return tablefind.repeated_column(mapping, position, MEMBERSHIP_HEADERS)


TITLES = [
    ["ỦY BAN MTTQ VIỆT NAM", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", ""],
    ["HUYỆN CHÂU THÀNH", "", "", "", "Độc lập - Tự do - Hạnh phúc", "", ""],
    ["", "", "", "", "", "", ""],
    ["BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN NĂM 2020", "", "", "", "", "", ""],
    ["", "", "", "", "", "", ""],
]
RATINGS = ["Vững mạnh", "Khá", "Trung bình", "Yếu"]
DATA = [1.0, "Huyện A", "Xã B", "Ấp C", 2.0, 40.0, 100.0]


# --- one header row -------------------------------------------------------------------------


def test_one_header_row_under_the_national_motto():
    header = ["STT", "Huyện", "Xã", "Ấp", "Số chi hội", "Số hội viên", "Tổng số hộ"]
    layout = find_table([*TITLES, header, DATA])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (5, 5, 6)
    assert list(layout.header_rows) == [5]
    assert layout.mapping.fields == (
        IGNORED,
        "district",
        "commune",
        "village",
        "branches",
        "members",
        "households",
    )
    assert not layout.mapping.wide


def test_a_title_row_naming_a_place_is_not_the_header():
    rows = [["Huyện Châu Thành", "", ""], ["Xã", "Ấp", "Số hội viên"], ["Xã B", "Ấp C", 4.0]]
    assert find_table(rows).header_row == 1


def test_a_csv_data_row_is_not_taken_into_the_header():
    """A CSV file's cells are all text: its first data row ("Ấp 1", "100", "50") must not
    join the header as a second row (its figures became the header's lowest words and its
    village was lost without a word)."""
    header = ["Xã", "Ấp", "Tổng số hộ", "Hội ND - Số hội viên", "HPN - Số hội viên"]
    rows = [
        header,
        ["Xã Tân An", "Ấp 1", "100", "50", "40"],
        ["Xã Tân An", "Ấp 2", "80", "60", "7"],
    ]
    layout = find_table(rows)
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (0, 0, 1)


# --- two and three header rows with merged cells ---------------------------------------------


def test_two_rows_rating_parent_over_its_four_columns():
    top = ["Xã", "Ấp", "Số chi hội", "Xếp loại", "", "", ""]
    bottom = ["", "", "", "Vững mạnh", "Khá", "Trung bình", "Yếu"]
    layout = find_table([*TITLES, top, bottom, ["Xã B", "Ấp C", 4.0, 1.0, 1.0, 1.0, 1.0]])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (5, 6, 7)
    assert layout.mapping.headers == (
        "Xã",
        "Ấp",
        "Số chi hội",
        "Xếp loại › Vững mạnh",
        "Xếp loại › Khá",
        "Xếp loại › Trung bình",
        "Xếp loại › Yếu",
    )
    assert layout.mapping.fields[3:] == (
        "rating_strong",
        "rating_good",
        "rating_average",
        "rating_weak",
    )
    assert not layout.mapping.wide


def test_two_rows_organisation_groups_make_a_wide_layout():
    top = ["Ấp", "Tổng số hộ", "Hội Nông dân", "", "Hội LHPN", ""]
    bottom = ["", "", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.headers == (
        "Ấp",
        "Tổng số hộ",
        "Hội Nông dân › Số chi hội",
        "Hội Nông dân › Số hội viên",
        "Hội LHPN › Số chi hội",
        "Hội LHPN › Số hội viên",
    )
    assert mapping.fields == ("village", "households", "branches", "members", "branches", "members")
    assert mapping.organizations == (None, None, "nong_dan", "nong_dan", "phu_nu", "phu_nu")
    assert mapping.duplicates == ()  # the same figure in two groups is not a duplicate
    assert mapping.wide
    assert mapping.header_of("members", "phu_nu") == "Hội LHPN › Số hội viên"


def test_three_rows_organisation_over_rating_over_the_four_ratings():
    top = ["Ấp", "Hội Nông dân", "", "", "", "", "Hội LHPN", "", "", "", ""]
    middle = ["", "Số chi hội", "Xếp loại", "", "", "", "Số chi hội", "Xếp loại", "", "", ""]
    bottom = ["", "", *RATINGS, "", *RATINGS]
    layout = find_table([*TITLES, top, middle, bottom, ["Ấp C", *[1.0] * 10]])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (5, 7, 8)
    mapping = layout.mapping
    assert mapping.headers == (
        "Ấp",
        "Hội Nông dân › Số chi hội",
        "Hội Nông dân › Xếp loại › Vững mạnh",
        "Hội Nông dân › Xếp loại › Khá",
        "Hội Nông dân › Xếp loại › Trung bình",
        "Hội Nông dân › Xếp loại › Yếu",
        "Hội LHPN › Số chi hội",
        "Hội LHPN › Xếp loại › Vững mạnh",
        "Hội LHPN › Xếp loại › Khá",
        "Hội LHPN › Xếp loại › Trung bình",
        "Hội LHPN › Xếp loại › Yếu",
    )
    assert mapping.fields[1:6] == (
        "branches",
        "rating_strong",
        "rating_good",
        "rating_average",
        "rating_weak",
    )
    assert mapping.organizations[1:6] == ("nong_dan",) * 5
    assert mapping.fields[6:] == mapping.fields[1:6]
    assert mapping.organizations[6:] == ("phu_nu",) * 5
    assert mapping.duplicates == ()


def test_a_column_without_any_header_ends_the_group_on_its_left():
    top = ["Ấp", "Hội Nông dân", "", "", ""]
    bottom = ["", "Số chi hội", "Số hội viên", "", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.headers[3:] == ("", "Số hội viên")
    assert mapping.organizations[3:] == (None, None)


def test_a_parent_does_not_reach_past_a_column_with_its_own_header():
    top = ["Huyện", "Hội Nông dân", "", "Tổng số hộ", "Ghi chú"]
    bottom = ["", "Số chi hội", "Số hội viên", "", ""]
    mapping = compose_headers([top, bottom])
    assert mapping.headers == (
        "Huyện",
        "Hội Nông dân › Số chi hội",
        "Hội Nông dân › Số hội viên",
        "Tổng số hộ",
        "Ghi chú",
    )
    assert mapping.organizations == (None, "nong_dan", "nong_dan", None, None)


def test_a_total_group_beside_organisation_groups():
    top = ["Ấp", "Tổng số", "", "Hội Nông dân", ""]
    bottom = ["", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.organizations == (None, GROUP_TOTAL, GROUP_TOTAL, "nong_dan", "nong_dan")
    assert mapping.wide


def test_a_lone_total_group_is_the_data_itself():
    top = ["Ấp", "Tổng số", ""]
    bottom = ["", "Số chi hội", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.organizations == (None, None, None)
    assert not mapping.wide


def test_a_lone_total_groups_figure_given_outside_it_too_is_a_duplicate():
    top = ["Ấp", "Số hội viên", "Tổng số", ""]
    bottom = ["", "", "Số chi hội", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", "members", "branches", None)
    assert mapping.duplicates == (("members", "Số hội viên", "Tổng số › Số hội viên"),)
    assert mapping.organizations == (None,) * 4


def test_the_same_figure_twice_outside_groups_is_a_duplicate():
    mapping = compose_headers([["Ấp", "Số hội viên", "Số đoàn viên"]])
    assert mapping.fields == ("village", "members", None)
    assert mapping.duplicates == (("members", "Số hội viên", "Số đoàn viên"),)


def test_a_unit_column_holding_the_whole_hierarchy():
    mapping = compose_headers([["STT", "Tên đơn vị", "Số chi hội", "Tỷ lệ %"]])
    assert mapping.fields == (IGNORED, UNIT, "branches", RATIO)
    assert find_table([["STT", "Đơn vị", "Số hội viên"], ["I", "Huyện A", 5.0]]) is not None


def test_the_fewest_header_rows_win_a_tie():
    header = ["Xã", "Ấp", "Số hội viên"]
    layout = find_table([["Ghi chú", "", ""], header, ["Xã B", "Ấp C", 3.0]])
    assert (layout.first_header_row, layout.header_row) == (1, 1)


# --- the numbering row under the header -----------------------------------------------------

HEADER = ["STT", "Xã", "Ấp", "Số chi hội", "Số hội viên"]


@pytest.mark.parametrize(
    "numbering",
    [
        [1.0, 2.0, 3.0, 4.0, 5.0],  # typed as numbers: the readers give floats
        [1, 2, 3, 4, 5],
        ["1", "2", "3", "4", "5"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["A", "B", "1", "2", "3"],
        ["(1)", "(2)", "(3)", "(4)", "(5)=(3)+(4)"],
        [1.0, "", "", 4.0, 5.0],
    ],
)
def test_a_numbering_row_is_skipped(numbering):
    layout = find_table([*TITLES, HEADER, numbering, [1.0, "Xã B", "Ấp C", 2.0, 40.0]])
    assert (layout.header_row, layout.body_start) == (5, 7)


@pytest.mark.parametrize(
    "row",
    [
        [1.0, "Xã B", "Ấp C", 2.0, 40.0],  # a data row
        [1.0, 2.0, 2.0, 4.0, 5.0],  # a number twice
        [5.0, 4.0, 3.0, 2.0, 1.0],  # not in order
        [1.0, "", "", "", ""],  # one cell only
    ],
)
def test_a_data_row_is_not_a_numbering_row(row):
    layout = find_table([*TITLES, HEADER, row])
    assert (layout.header_row, layout.body_start) == (5, 6)


def test_numbering_under_a_three_row_header():
    top = ["Ấp", "Hội Nông dân", "", "", "", ""]
    middle = ["", "Số chi hội", "Xếp loại", "", "", ""]
    bottom = ["", "", "Vững mạnh", "Khá", "Trung bình", "Yếu"]
    numbering = [float(i) for i in range(1, 7)]
    layout = find_table([top, middle, bottom, numbering, ["Ấp C", *[1.0] * 5]])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (0, 2, 4)


# --- organisation groups written short, named wrong; figures of the members' form -----------


def test_groups_of_organisations_written_short():
    top = ["Ấp", "Hội ND", "", "HPN", "", "ĐTN", ""]
    bottom = ["", *["Số chi hội", "Số hội viên"] * 3]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", *["branches", "members"] * 3)
    assert mapping.organizations == (
        None,
        *[o for o in ("nong_dan", "phu_nu", "thanh_nien") for _ in range(2)],
    )
    assert mapping.evidence == ("", *[ABBREVIATION] * 6)
    assert mapping.unknown_groups == ()


def test_a_group_naming_no_known_organisation_is_not_read_and_names_the_closest():
    top = ["Ấp", "Hội Nông dân", "", "Hội Nông dâ", "", "HCTĐ", ""]
    bottom = ["", *["Số chi hội", "Số hội viên"] * 3]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", "branches", "members", None, None, None, None)
    assert mapping.duplicates == ()
    assert mapping.unknown_groups == (("Hội Nông dâ", (3, 4)), ("HCTĐ", (5, 6)))
    assert closest_value(ORGANIZATION, "Hội Nông dâ") == "nong_dan"


def test_parents_that_are_figures_words_are_not_organisation_groups():
    top = ["Ấp", "Hội viên", "", "Xếp loại", "", "II", "", "NĂM", ""]
    bottom = ["", "Tổng số", "Nữ", "Vững mạnh", "Khá", *["Số chi hội", "Số hội viên"] * 2]
    mapping = compose_headers([top, bottom])
    assert mapping.unknown_groups == ()
    assert mapping.fields[1:5] == ("members", None, "rating_strong", "rating_good")


def test_the_ban_cong_tac_mat_tran_counts_its_ban_and_members():
    top = ["Thôn", "Ban Công tác Mặt trận", "", "Hội Nông dân", ""]
    bottom = ["", "Số ban", "Số thành viên", "Số chi hội", "Số hội viên"]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", "branches", "members", "branches", "members")
    assert mapping.organizations == (None, "mttq", "mttq", "nong_dan", "nong_dan")
    assert mapping.duplicates == ()


def test_the_members_form_counts_only_the_members_total():
    """A Hội Nông dân form: the members, then women, new and lost members in the period,
    honorary members and Party members among them, none of them the member count."""
    top = ["Đơn vị", "HỘI VIÊN", "", "", "", "HV danh dự", "Đảng viên"]
    middle = ["", "Tổng số", "Nữ", "Phát triển trong kỳ", "Giảm trong kỳ", "Tổng số", ""]
    mapping = compose_headers([top, middle])
    assert mapping.fields == (UNIT, "members", None, None, None, None, None)
    assert mapping.evidence[1] == GROUP  # "Tổng số" read with its group header
    assert mapping.duplicates == ()


# --- headers of four rows and more (issue 16) -------------------------------------------------

# A Hội Nông dân form: header over four rows, then "A | B | 1 | 2 | 2.1 | 3=4+5 ..." numbering.
FOUR_ROWS = [
    ["STT", "Tên đơn vị", "TỔ CHỨC HỘI", "", "HỘI VIÊN", "", "", ""],
    ["", "", "Chi hội", "", "Tổng số", "Trong đó", "", ""],
    ["", "", "Tổng số", "Trong đó: chi hội nghề nghiệp", "", "Nữ", "Độ tuổi", ""],
    ["", "", "", "", "", "", "Dưới 30 tuổi", "Trên 60 tuổi"],
]


def test_a_four_row_header_is_read_to_its_lowest_row():
    numbering = ["A", "B", "1", "1.1", "2=3.1+3.2", "3", "3.1", "3.2"]
    data = [1.0, "Xã Tân Phú", 12.0, 2.0, 1520.0, 760.0, 300.0, 200.0]
    layout = find_table([*TITLES, *FOUR_ROWS, numbering, data])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (5, 8, 10)
    assert layout.mapping.headers[6] == "HỘI VIÊN › Trong đó › Độ tuổi › Dưới 30 tuổi"
    assert layout.mapping.fields == (IGNORED, UNIT, "branches", None, "members", None, None, None)


def test_a_lower_header_row_under_a_numbering_less_header():
    layout = find_table([*FOUR_ROWS, [1.0, "Phường 3", 1.0, 0.0, 90.0, 40.0, 5.0, 7.0]])
    assert (layout.first_header_row, layout.header_row, layout.body_start) == (0, 3, 4)


@pytest.mark.parametrize(
    "row",
    [
        ["", "Huyện A", "", "", "", "", "", ""],  # a section row names its unit
        ["", "", "1.234", "", "", "", "", ""],  # a figure typed as text
        ["", "", 12.0, "", "", "", "", ""],
    ],
)
def test_a_row_under_the_header_naming_a_unit_or_a_figure_is_data(row):
    layout = find_table([*FOUR_ROWS[:3], row, [1.0, "Xã B", 1.0, 0.0, 9.0, 4.0, 1.0, 1.0]])
    assert (layout.header_row, layout.body_start) == (2, 3)


@pytest.mark.parametrize(
    "numbering",
    [
        ["A", "B", "1", "2", "3", "4", "5", "6=10.3+13.3"],
        ["A", "B", "1", "2", "10", "10.1", "10.2", "11"],
        ["(A)", "(B)", "(1)", "(2)", "(3)", "(4)=(5)+(6)", "(5)", "(6)"],
    ],
)
def test_numbering_rows_with_letters_decimals_and_formulas(numbering):
    data = [1.0, "Xã Tân Phú", 12.0, 2.0, 1520.0, 760.0, 300.0, 200.0]
    layout = find_table([*FOUR_ROWS, numbering, data])
    assert (layout.header_row, layout.body_start) == (3, 5)


def test_a_part_of_a_figure_is_not_that_figure():
    mapping = compose_headers([["Số hội viên", "Trong đó", ""], ["", "Nữ", "Trong số: đảng viên"]])
    assert mapping.fields == ("members", None, None)


# --- pages side by side (issue 16) -------------------------------------------------------------


def test_stt_and_unit_columns_repeated_after_figures_start_a_page():
    header = ["STT", "Tên đơn vị", "Số hội viên", "", "STT", "Tên đơn vị", "Tổng số hộ"]
    mapping = compose_headers([header])
    assert mapping.fields == (IGNORED, UNIT, "members", None, PAGE, PAGE, "households")
    assert not mapping.duplicates
    assert repeated_column(mapping, 5) == 1


def test_a_unit_column_twice_without_figures_between_is_a_duplicate():
    mapping = compose_headers([["Đơn vị", "Tên đơn vị", "Số hội viên"]])
    assert mapping.fields == (UNIT, None, "members")
    assert [d[0] for d in mapping.duplicates] == [UNIT]


# --- lists of people (issue 16) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ([["DANH SÁCH"], ["STT", "Họ và tên", "Năm sinh", "Thôn"]], 1),
        ([["STT", "Họ tên hội viên", "Giới tính", "Số điện thoại"]], 0),
        ([["STT", "Ho va ten", "Ngay sinh", "Chi hoi"]], 0),  # typed without marks
        ([["STT", "Thôn", "Họ tên chi hội trưởng", "Số điện thoại", "Số hội viên"]], None),
        ([["Họ và tên người lập: Lê Văn A", "Số điện thoại: 0912"], ["Xã", "Số hội viên"]], None),
        ([["STT", "Họ và tên", "Số hội viên"]], None),  # no personal data beside the name
    ],
)
def test_a_list_of_people_is_told_by_its_header(rows, found):
    assert people_header(rows, MEMBERSHIP_HEADERS) == found


def test_a_column_of_peoples_names_is_not_a_figure():
    mapping = compose_headers([["Thôn", "Họ tên chi hội trưởng", "Số hội viên"]])
    assert mapping.fields == ("village", None, "members")


# --- figures a form gives besides the ones danvan adds up (issue 16) ----------------------------


def test_those_not_counted_and_the_start_of_the_period_are_not_the_figure():
    top = ["Đầu kỳ", "", "Cuối kỳ", "", "Hội viên không sinh hoạt", "Số hộ không có ĐV, HV"]
    bottom = ["Chi hội", "Hội viên", "Chi hội", "Hội viên", "Già yếu, ốm đau", ""]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == (None, None, "branches", "members", None, None)


def test_to_hoi_beside_chi_hoi_is_not_the_branches():
    assert compose_headers([["Xã", "Số tổ hội", "Số chi hội"]]).fields == (
        "commune",
        None,
        "branches",
    )
    assert compose_headers([["Xã", "Số tổ hội", "Số hội viên"]]).fields == (
        "commune",
        "branches",
        "members",
    )


def test_a_models_table_keeps_its_categories_under_trong_do():
    from danvan_cli.kinds.models_vocabulary import MODEL_HEADERS

    block = [["Xã", "Tổng số mô hình", "Trong đó"], ["", "", "Kinh tế"]]
    assert compose_headers(block, MODEL_HEADERS).fields == ("commune", "count_total", "kinh_te")


def test_columns_under_a_percent_group_are_percentages():
    block = [["Xã", "Số hội viên", "Tỷ lệ %", ""], ["", "", "Chi hội", "Hội viên"]]
    assert compose_headers(block).fields == ("commune", "members", RATIO, RATIO)


def test_nothing_under_a_group_said_not_used_is_a_figure():
    top = ["Xã", "Phát triển trong kỳ", "Giảm trong kỳ", "", "Cuối kỳ"]
    middle = ["", "Hội viên", "Hội viên", "", "Hội viên"]
    bottom = ["", "", "Tổng số", "Từ trần", ""]
    mapping = compose_headers([top, middle, bottom])
    assert mapping.fields == ("commune", None, None, None, "members")
    assert mapping.duplicates == ()


def test_a_row_of_texts_under_columns_of_their_own_is_data_not_header():
    header = ["STT", "Tên mô hình", "Đơn vị", "Lĩnh vực", "Số hội viên"]
    first = ["", "Mô hình Tổ tự quản", "", "Kinh tế", ""]  # the unit written once, merged
    layout = find_table([header, first, [1.0, "Mô hình B", "Xã A", "Kinh tế", 12.0]])
    assert (layout.header_row, layout.body_start) == (0, 1)


@pytest.mark.parametrize("parent", ["HỘI VIÊN", "Số hội viên"])
@pytest.mark.parametrize("numbering", [[], [["1", "2", "3", "4", "5", "6", "7"]]])
def test_a_group_merged_over_two_columns_in_a_middle_header_row(parent, numbering):
    """'Tăng trong kỳ' merged over 'Kết nạp | Chuyển đến' leaves a blank beside it: the
    middle row and the one under it are header rows together, the members the 'Cuối kỳ'."""
    header = [
        ["STT", "Đơn vị", "Số chi hội", parent, "", "", ""],
        ["", "", "", "Đầu kỳ", "Tăng trong kỳ", "", "Cuối kỳ"],
        ["", "", "", "", "Kết nạp", "Chuyển đến", ""],
    ]
    data = [1.0, "Xã An Hiệp", 11.0, 800.0, 40.0, 1.0, 841.0]
    layout = find_table([*TITLES, *header, *numbering, data])
    assert (layout.first_header_row, layout.header_row) == (5, 7)
    assert layout.body_start == 8 + len(numbering)
    assert layout.mapping.fields == (IGNORED, UNIT, "branches", None, None, None, "members")
    assert layout.mapping.headers[5] == f"{parent} › Tăng trong kỳ › Chuyển đến"


@pytest.mark.parametrize("group", ["H.ND", "Khối đoàn thể", "Hội P.Nữ"])
def test_beside_organisation_groups_any_other_group_of_figures_is_unknown(group):
    top = ["Ấp", group, "", "HPN", "", "Tổng số các đoàn thể", ""]
    bottom = ["", *["Số chi hội", "Số hội viên"] * 3]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", None, None, "branches", "members", None, None)
    assert mapping.unknown_groups == ((group, (1, 2)),)
    assert mapping.duplicates == ()


def test_a_figure_beside_organisation_groups_and_in_none_is_not_used():
    top = ["Ấp", "Số hội viên", "Hội ND", "", "Tổng số", ""]
    bottom = ["", "", *["Số chi hội", "Số hội viên"] * 2]
    mapping = compose_headers([top, bottom])
    assert mapping.fields == ("village", None, "branches", "members", "branches", "members")
    assert mapping.organizations[4:] == (GROUP_TOTAL, GROUP_TOTAL)
    assert mapping.unknown_groups == ()


@pytest.mark.parametrize(
    ("top", "bottom", "fields"),
    [
        (
            ["Ấp", "Hội Nông dân", "", ""],
            ["", "Số chi hội", "Số hội viên", "Mã định danh hội viên"],
            ("village", "branches", "members", None),
        ),
        (
            ["Tên đơn vị", "HỘI VIÊN", "", "", ""],
            ["", "Tổng số", "Nữ", "Dân tộc thiểu số", "Tôn giáo"],
            (UNIT, "members", None, None, None),
        ),
        (
            ["Ấp", "Số hội viên thoát nghèo", "Số hội viên", "Hội viên dân tộc thiểu số"],
            ["", "", "", ""],
            ("village", None, "members", None),
        ),
        (
            ["Đơn vị", "Số hội viên", "", ""],
            ["", "Chuyển đến", "Chuyển đi", "Hiện có"],
            (UNIT, None, None, "members"),
        ),
    ],
)
def test_a_part_of_the_members_beside_the_member_count_is_not_used(top, bottom, fields):
    mapping = compose_headers([top, bottom])
    assert mapping.fields == fields
    assert mapping.duplicates == ()
