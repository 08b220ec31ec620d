"""body: the rows under a header shaped into long-layout records. Frames are built as the
readers give them: columns by position, the index the Excel row, names as text, figures as
floats (or as text when a figure column holds text)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from danvan_cli.engine import pipeline
from danvan_cli.ingest.batchrows import ROW_SPAN
from danvan_cli.ingest.body import ShapedBody, shape_body
from danvan_cli.ingest.tablefind import compose_headers
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS

FIRST = 5  # Excel row of the first row under the header


def raw_frame(rows: Sequence[Sequence[object]], first: int = FIRST) -> pd.DataFrame:
    """Columns of numbers only as float64, any other as text."""
    width = max(len(r) for r in rows)
    columns = {}
    for position in range(width):
        cells = [r[position] if position < len(r) else None for r in rows]
        if all(c is None or isinstance(c, (int, float)) for c in cells):
            columns[position] = pd.Series(cells, dtype="float64")
        else:
            texts = [None if c is None else str(c) for c in cells]
            columns[position] = pd.Series(texts, dtype="string")
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(first, first + len(frame))
    return frame


def shape(header: Sequence[Sequence[object]], rows, body_start: int = FIRST) -> ShapedBody:
    mapping = compose_headers(header, MEMBERSHIP_HEADERS)
    return shape_body(raw_frame(rows), mapping, body_start, MEMBERSHIP_HEADERS)


def column(body: ShapedBody, name: str) -> list:
    """A column's values, blank names as "" and missing figures as None."""
    values = body.rows[name]
    blank = "" if name in ("district", "commune", "village", "organization") else None
    return [blank if pd.isna(v) else v for v in values.tolist()]


def subtotals(body: ShapedBody) -> dict[int, tuple[int, int]]:
    """Excel row of each subtotal -> the Excel rows it covers (first, last)."""
    rows = body.rows[body.rows["_subtotal"]]
    return {
        int(r): (int(f), int(last))
        for r, f, last in zip(rows.index, rows["_scope_first"], rows["_scope_last"], strict=True)
    }


# --- blank rows, the numbering row, the signature block -------------------------------------

LONG = [["STT", "Huyện", "Xã", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên"]]


def test_blank_rows_are_dropped_and_rows_keep_their_excel_numbers():
    body = shape(
        LONG,
        [
            [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
            [None, None, "", " ", None, None, None],
            [2, "Huyện A", "Xã B", "Ấp 2", "Hội Nông dân", 1, 20],
        ],
    )
    assert body.rows.index.tolist() == [5, 7]
    assert body.levels == ["district", "commune", "village"]
    assert body.numbering_row is None
    assert body.signature_rows == []
    assert body.subtotal_rows == []


def test_the_numbering_row_is_left_out_and_named():
    rows = [[1, 2, 3, 4, 5, 6, 7], [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40]]
    body = shape(LONG, rows, body_start=FIRST + 1)
    assert body.rows.index.tolist() == [6]
    assert body.numbering_row == 5


@pytest.mark.parametrize(
    "signature",
    [
        [None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC", None, None],
        [None, None, None, None, "Châu Thành, ngày 20 tháng 12 năm 2020", None, None],
        [None, "Người lập", None, None, "T/M BAN THƯỜNG TRỰC", None, None],
        [None, None, None, None, "KT. CHỦ TỊCH", None, None],
        [None, None, None, "TM. BAN THƯỜNG TRỰC", None, None, None],  # alone on its row
        [None, None, None, None, "KT.CHỦ NHIỆM", None, None],
        [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None],
        [None, "Nơi nhận:", None, None, None, None, None],
        ["Ghi chú: Tỷ lệ sinh hoạt tính trên 2/6 thôn có đủ cả hai số liệu.", *[None] * 6],
        ["Note: Attendance rate taken over the 2 of 6 units (village) giving both figures."]
        + [None] * 6,
    ],
)
def test_the_signature_block_and_everything_below_it_are_cut(signature):
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [None] * 7,
        signature,
        [None, "Nguyễn Văn An", None, None, "Trần Thị Bình", None, None],
    ]
    body = shape(LONG, rows)
    assert body.rows.index.tolist() == [5]
    assert body.signature_rows == [7]


def test_signature_words_on_a_row_with_figures_are_data():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp Chủ Tịch", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", "Ấp 2", "Hội Nông dân", 1, 20],
    ]
    body = shape(LONG, rows)
    assert body.rows.index.tolist() == [5, 6]
    assert body.signature_rows == []


# --- names written once over merged cells ---------------------------------------------------


def test_names_written_once_are_filled_down_within_their_parent():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
        [3, None, "Xã C", "Ấp 3", "Hội Nông dân", 1, 20],
        [4, "Huyện D", "Xã E", "Ấp 4", "Hội Nông dân", 1, 20],
        [5, None, None, "Ấp 5", "Hội Nông dân", 1, 20],
    ]
    body = shape(LONG, rows)
    assert column(body, "district") == ["Huyện A"] * 3 + ["Huyện D"] * 2
    assert column(body, "commune") == ["Xã B", "Xã B", "Xã C", "Xã E", "Xã E"]


def test_a_name_is_never_carried_into_the_next_parent():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
        [3, "Huyện D", None, "Ấp 3", "Hội Nông dân", 1, 20],  # commune missing here
    ]
    body = shape(LONG, rows)
    assert column(body, "commune") == ["Xã B", "Xã B", ""]


def test_names_repeated_row_by_row_are_not_filled():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", "Ấp 1", "Hội LHPN", 1, 20],
        [3, "Huyện A", None, "Ấp 2", "Hội Nông dân", 1, 20],
    ]
    body = shape(LONG, rows)
    assert column(body, "commune") == ["Xã B", "Xã B", ""]


def test_a_village_written_once_over_its_organisation_rows():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, None, None, None, "Hội LHPN", 1, 20],
        [3, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
        [4, None, None, None, "Hội LHPN", 1, 20],
    ]
    body = shape(LONG, rows)
    assert column(body, "village") == ["Ấp 1", "Ấp 1", "Ấp 2", "Ấp 2"]


def test_without_organisations_a_blank_village_is_not_filled():
    header = [["Xã", "Ấp", "Số hội viên"]]
    body = shape(header, [["Xã B", "Ấp 1", 40], [None, None, 20]])
    assert column(body, "commune") == ["Xã B", "Xã B"]
    assert column(body, "village") == ["Ấp 1", ""]


# --- subtotal rows in a table with a column per level ---------------------------------------


def test_grand_total_at_the_bottom_covers_the_rows_above():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", "Ấp 2", "Hội Nông dân", 1, 20],
        [None, "Tổng cộng", None, None, None, 3, 60],
    ]
    body = shape(LONG, rows)
    assert body.subtotal_rows == [7]
    assert subtotals(body) == {7: (5, 6)}


def test_grand_total_right_under_the_header_covers_the_rows_below():
    rows = [
        [None, "TỔNG CỘNG", None, None, None, 3, 60],
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", "Ấp 2", "Hội Nông dân", 1, 20],
    ]
    assert subtotals(shape(LONG, rows)) == {5: (6, 7)}


def test_cong_rows_nested_by_level():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],  # 5
        [2, None, None, "Ấp 2", "Hội Nông dân", 1, 20],  # 6
        [None, None, "Cộng xã B", None, None, 3, 60],  # 7
        [3, None, "Xã C", "Ấp 3", "Hội Nông dân", 1, 20],  # 8
        [None, None, "Cộng xã C", None, None, 1, 20],  # 9
        [None, "Cộng huyện A", None, None, None, 4, 80],  # 10
        [4, "Huyện D", "Xã E", "Ấp 4", "Hội Nông dân", 1, 20],  # 11
        [None, None, None, "Cộng", None, 1, 20],  # 12
        [None, "Tổng cộng", None, None, None, 5, 100],  # 13
    ]
    body = shape(LONG, rows)
    assert subtotals(body) == {7: (5, 6), 9: (8, 8), 10: (5, 9), 12: (11, 11), 13: (5, 12)}
    assert column(body, "district")[:2] == ["Huyện A", "Huyện A"]


def test_roman_sections_and_unit_rows_above_their_rows():
    rows = [
        ["I", "Huyện A", None, None, None, 4, 80],  # 5
        ["1", None, "Xã B", None, None, 3, 60],  # 6
        [None, None, None, "Ấp 1", "Hội Nông dân", 2, 40],  # 7
        [None, None, None, "Ấp 2", "Hội Nông dân", 1, 20],  # 8
        ["2", None, "Xã C", None, None, 1, 20],  # 9
        [None, None, None, "Ấp 3", "Hội Nông dân", 1, 20],  # 10
        ["II", "Huyện D", None, None, None, 1, 20],  # 11
        ["1", None, "Xã E", None, None, 1, 20],  # 12
        [None, None, None, "Ấp 4", "Hội Nông dân", 1, 20],  # 13
    ]
    body = shape(LONG, rows)
    assert subtotals(body) == {
        5: (6, 10),
        6: (7, 8),
        9: (10, 10),
        11: (12, 13),
        12: (13, 13),
    }
    data = body.rows[~body.rows["_subtotal"]]
    assert data.index.tolist() == [7, 8, 10, 13]
    assert data["district"].tolist() == ["Huyện A", "Huyện A", "Huyện A", "Huyện D"]
    assert data["commune"].tolist() == ["Xã B", "Xã B", "Xã C", "Xã E"]


def test_villages_lettered_a_b_c_are_rows_not_roman_sections():
    """ "c" after "b" numbers a village; "I" and "II" still head their districts."""
    rows = [
        ["I", "Huyện A", None, None, None, 4, 80],  # 5
        ["a", None, "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],  # 6
        ["b", None, "Xã B", "Ấp 2", "Hội Nông dân", 1, 20],  # 7
        ["c", None, "Xã B", "Ấp 3", "Hội Nông dân", 1, 20],  # 8
        ["II", "Huyện D", None, None, None, 1, 20],  # 9
        ["a", None, "Xã E", "Ấp 4", "Hội Nông dân", 1, 20],  # 10
    ]
    body = shape(LONG, rows)
    assert subtotals(body) == {5: (6, 8), 9: (10, 10)}
    data = body.rows[~body.rows["_subtotal"]]
    assert data.index.tolist() == [6, 7, 8, 10]
    assert data["district"].tolist() == ["Huyện A"] * 3 + ["Huyện D"]


@pytest.mark.parametrize(
    ("stt", "lettered"),
    [
        (["a", "b", "c", "d"], [False, True, True, True]),
        (["h", None, "i", "ii"], [False, False, True, False]),  # a row without STT between
        (["I", "c"], [False, False]),  # "c" after a Roman numeral: Roman
        (["a", "c"], [False, False]),  # "c" not right after "b": Roman
        ([1.0, "b", "c"], [False, False, True]),
        (["u", "v", "x", "y"], [False, True, True, True]),  # no "w" in Vietnamese
    ],
)
def test_letter_after_letter(stt, lettered):
    from danvan_cli.ingest.batchrows import Tables, letter_after_letter

    column = pd.Series(stt, dtype=object, index=range(5, 5 + len(stt)))
    assert letter_after_letter(column, Tables(column.index)).tolist() == lettered


def test_a_village_subtotal_in_the_organisation_column():
    rows = [
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", "Ấp 1", "Hội LHPN", 1, 20],
        [None, "Huyện A", "Xã B", "Ấp 1", "Cộng", 3, 60],
    ]
    assert subtotals(shape(LONG, rows)) == {7: (5, 6)}


@pytest.mark.parametrize(
    "name", ["Tống Phan", "Cộng Hòa", "Công Liêm", "Tổng Long", "Cộng Lạc", "Tống Xá", "Cống Xã"]
)
def test_names_that_read_like_total_words_are_units(name):
    rows = [
        [1, "Huyện A", name, "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện A", "Xã B", name, "Hội Nông dân", 1, 20],
    ]
    body = shape(LONG, rows)
    assert body.subtotal_rows == []
    assert column(body, "commune") == [name, "Xã B"]


@pytest.mark.parametrize(
    "word",
    [
        "Tổng cộng",
        "TỔNG SỐ",
        "Tổng",
        "Toàn huyện",
        "Cộng toàn huyện",
        "TỔNG CỘNG TOÀN HUYỆN",
        "Cộng",
        "Cộng:",
        "Cộng các xã",
        "Cộng II",
        "Tổng xã B",
    ],
)
def test_total_words(word):
    rows = [[1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40], [None, word, None, None]]
    assert shape(LONG, rows).subtotal_rows == [6]


# --- the whole hierarchy in one "Đơn vị" column ---------------------------------------------

UNIT_HEADER = [["STT", "Đơn vị", "Số chi hội", "Số hội viên"]]


def test_levels_from_stt_numbering():
    rows = [
        ["I", "Châu Thành", 3, 60],  # 5
        ["1", "Đông Phước", 3, 60],  # 6
        ["1.1", "Số 10", 2, 40],  # 7
        ["1.2", "Số 2", 1, 20],  # 8
        ["II", "Long Mỹ", 1, 20],  # 9
        ["1", "Long Bình", 1, 20],  # 10
        ["1.1", "Dưới", 1, 20],  # 11
        [None, "Tổng cộng", 4, 80],  # 12
    ]
    body = shape(UNIT_HEADER, rows)
    assert body.levels == ["district", "commune", "village"]
    assert subtotals(body) == {5: (6, 8), 6: (7, 8), 9: (10, 11), 10: (11, 11), 12: (5, 11)}
    data = body.rows.loc[[7, 8, 11]]
    assert data["district"].tolist() == ["Châu Thành", "Châu Thành", "Long Mỹ"]
    assert data["commune"].tolist() == ["Đông Phước", "Đông Phước", "Long Bình"]
    assert data["village"].tolist() == ["Số 10", "Số 2", "Dưới"]


def test_a_grand_total_in_the_stt_cell_merged_across_the_names():
    rows = [[1, "Xã Vị Tân", 3, 60], [2, "Phường 3", 1, 20], ["Tổng cộng", None, 4, 80]]
    body = shape(UNIT_HEADER, rows)
    assert body.levels == ["commune"]
    assert subtotals(body) == {7: (5, 6)}


def test_stt_typed_as_numbers():
    rows = [["I", "Châu Thành", 3, 60], [1, "Đông Phước", 3, 60], [1.1, "Số 10", 3, 60]]
    frame = raw_frame(rows)
    frame[0] = pd.Series(["I", "1", "1.1"], index=frame.index, dtype="string")
    mapping = compose_headers(UNIT_HEADER, MEMBERSHIP_HEADERS)
    body = shape_body(frame, mapping, FIRST, MEMBERSHIP_HEADERS)
    assert body.rows.loc[7, ["district", "commune", "village"]].tolist() == [
        "Châu Thành",
        "Đông Phước",
        "Số 10",
    ]


def test_levels_from_unit_type_words_without_stt():
    header = [["Đơn vị", "Đoàn thể", "Số chi hội", "Số hội viên"]]
    rows = [
        ["Thị xã Long Mỹ", None, 3, 60],  # 5
        ["Thị trấn Ngã Sáu", None, 2, 40],  # 6
        ["Tổ dân phố 3", "Hội Nông dân", 1, 20],  # 7
        ["Tổ dân phố 3", "Hội LHPN", 1, 20],  # 8
        ["Xã Long Bình", None, 1, 20],  # 9
        ["Thôn Dưới", "Hội Nông dân", 1, 20],  # 10
        ["Huyện Châu Thành", None, 1, 20],  # 11
        ["Phường 1", None, 1, 20],  # 12
        ["Khu vực 2", "Hội Nông dân", 1, 20],  # 13
    ]
    body = shape(header, rows)
    assert body.levels == ["district", "commune", "village"]
    assert subtotals(body) == {5: (6, 10), 6: (7, 8), 9: (10, 10), 11: (12, 13), 12: (13, 13)}
    data = body.rows[~body.rows["_subtotal"]]
    assert data[["district", "commune", "village"]].values.tolist() == [
        ["Thị xã Long Mỹ", "Thị trấn Ngã Sáu", "Tổ dân phố 3"],
        ["Thị xã Long Mỹ", "Thị trấn Ngã Sáu", "Tổ dân phố 3"],
        ["Thị xã Long Mỹ", "Xã Long Bình", "Thôn Dưới"],
        ["Huyện Châu Thành", "Phường 1", "Khu vực 2"],
    ]


def test_only_the_levels_present_are_made():
    rows = [["Xã Long Bình", 1, 20], ["Ấp Dưới", 1, 20], ["Ấp Trên", 0, 0]]
    body = shape([["Đơn vị", "Số chi hội", "Số hội viên"]], rows)
    assert body.levels == ["commune", "village"]
    assert subtotals(body) == {5: (6, 7)}


def test_the_ban_cong_tac_mat_tran_heads_its_rows_and_is_not_a_village():
    rows = [
        ["I", "Ban Công tác Mặt trận", 3, 30],  # 5: "Ban", not the village word "Bản"
        ["1", "Bản Mường", 1, 10],  # 6
        ["2", "Ấp 2", 2, 20],  # 7
        ["II", "Hội Nông dân", 2, 50],  # 8
        ["1", "Bản Mường", 1, 20],  # 9
        ["2", "Ấp 2", 1, 30],  # 10
    ]
    body = shape(UNIT_HEADER, rows)
    assert body.levels == ["village"]
    assert subtotals(body) == {5: (6, 7), 8: (9, 10)}
    data = body.rows[~body.rows["_subtotal"]]
    assert column(body, "organization")[:3] == ["Ban Công tác Mặt trận"] * 3
    assert data["village"].tolist() == ["Bản Mường", "Ấp 2", "Bản Mường", "Ấp 2"]


def test_a_village_written_once_over_its_organisation_rows_in_the_unit_column():
    header = [["Đơn vị", "Đoàn thể", "Số chi hội", "Số hội viên"]]
    rows = [
        ["Xã Long Bình", None, 3, 60],
        ["Ấp Dưới", "Hội Nông dân", 2, 40],
        [None, "Hội LHPN", 1, 20],
    ]
    body = shape(header, rows)
    assert column(body, "village") == ["", "Ấp Dưới", "Ấp Dưới"]
    assert subtotals(body) == {5: (6, 7)}


def test_a_blank_unit_name_right_under_a_commune_row_stays_missing():
    header = [["Đơn vị", "Đoàn thể", "Số chi hội", "Số hội viên"]]
    rows = [
        ["Xã Long Bình", None, 2, 40],
        ["Ấp Dưới", "Hội Nông dân", 1, 20],
        ["Xã Long Hòa", None, 1, 20],
        [None, "Hội Nông dân", 1, 20],
    ]
    body = shape(header, rows)
    assert column(body, "commune")[3] == "Xã Long Hòa"
    assert column(body, "village")[3] == ""


# --- wide layout melted to long -------------------------------------------------------------


def test_wide_rows_become_one_row_per_organisation():
    header = [
        ["Xã", "Ấp", "Tổng số hộ", "Hội Nông dân", "", "Hội LHPN", ""],
        ["", "", "", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"],
    ]
    rows = [
        ["Xã B", "Ấp 1", 100, 2, 40, 1, 20],
        [None, "Ấp 2", 80, 1, 15, np.nan, np.nan],
        [None, "Tổng cộng", 180, 3, 55, 1, 20],
    ]
    body = shape(header, rows)
    # Ấp 2's Hội LHPN group is left blank: no branch there, so no row (as in a long table)
    assert body.rows.index.tolist() == [5, 5, 6, 7, 7]
    both = ["Hội Nông dân", "Hội LHPN"]
    assert column(body, "organization") == [*both, "Hội Nông dân", *both]
    assert column(body, "village") == ["Ấp 1", "Ấp 1", "Ấp 2", "Tổng cộng", "Tổng cộng"]
    assert column(body, "commune") == ["Xã B"] * 5
    assert column(body, "households") == [100, 100, 80, 180, 180]
    assert column(body, "members") == [40, 20, 15, 55, 20]
    assert body.subtotal_rows == [7]
    assert subtotals(body) == {7: (5, 6)}


def test_a_wide_row_with_every_group_blank_keeps_one_row_for_its_households():
    header = [
        ["Ấp", "Tổng số hộ", "Hội Nông dân", "", "Hội LHPN", ""],
        ["", "", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"],
    ]
    rows = [["Ấp 1", 100, 2, 40, " ", None], ["Ấp 2", 80, None, None, None, " "]]
    body = shape(header, rows)
    assert body.rows.index.tolist() == [5, 6]
    assert column(body, "organization") == ["Hội Nông dân", "Hội Nông dân"]
    assert column(body, "households") == [100, 80]
    assert column(body, "members") == [40, None]


def test_a_total_group_becomes_a_check_on_its_row_never_data():
    header = [
        ["Ấp", "Tổng số", "", "Hội Nông dân", ""],
        ["", "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"],
    ]
    body = shape(header, [["Ấp 1", 2, 40, 2, 40]])
    assert column(body, "organization") == ["Tổng số", "Hội Nông dân"]
    assert column(body, "members") == [40, 40]
    assert column(body, "_subtotal") == [True, False]
    assert column(body, "_row_total") == [True, False]
    assert body.subtotal_rows == []


# --- several tables shaped in one batch -----------------------------------------------------

# Tables laid out alike, each shaped on its own and then all in one batch (one file per
# commune): every step must keep to each table's own rows.
BATCH_TABLES = [
    [  # names written once, a Cộng row closing the commune, a grand total at the bottom
        [1, "Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
        [None, None, "Cộng xã B", None, None, 3, 60],
        [None, "Tổng cộng", None, None, None, 3, 60],
    ],
    [  # a total right under the header, a blank row, a signature and figures below it
        [None, "TỔNG CỘNG", None, None, None, 3, 60],
        [1, "Huyện D", "Xã E", "Ấp 1", "Hội Nông dân", 2, 40],
        [None] * 7,
        [2, "Huyện D", "Xã E", "Ấp 2", "Hội Nông dân", 1, 20],
        [None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC", None, None],
        [None, None, None, None, None, 9, 9],
    ],
    [  # Roman sections and unit rows above their rows, the last open at the table's end
        ["I", "Huyện G", None, None, None, 3, 60],
        ["1", None, "Xã H", None, None, 3, 60],
        [None, None, None, "Ấp 1", "Hội Nông dân", 2, 40],
        [None, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
        ["2", None, "Xã I", None, None, 1, 20],  # no village under it: a data row
    ],
    [  # a commune missing on the first row, right after a table ending on a unit row
        [1, "Huyện N", None, "Ấp 1", "Hội Nông dân", 2, 40],
    ],
    [  # names repeated row by row: a blank commune is missing, never filled from above
        [1, "Huyện K", "Xã L", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, "Huyện K", None, "Ấp 2", "Hội LHPN", 1, 20],
    ],
    [  # no district written: nothing carried in from the table before
        [1, None, "Xã M", "Ấp 1", "Hội Nông dân", 2, 40],
        [2, None, None, "Ấp 2", "Hội Nông dân", 1, 20],
    ],
]


def _batch(tables: list[list[list[object]]]) -> pd.DataFrame:
    """The tables' raw frames in one, indexed `table * ROW_SPAN + Excel row`."""
    frames = [raw_frame(rows).astype(object) for rows in tables]
    batch = pd.concat(frames)
    offsets = np.concatenate([np.full(len(f), n * ROW_SPAN) for n, f in enumerate(frames)])
    return batch.set_axis(batch.index.to_numpy() + offsets)


def _per_table(body: ShapedBody, number: int) -> dict:
    """One table's part of a batch, rows as Excel numbers, names as text."""
    rows = body.rows[body.rows.index.to_numpy() // ROW_SPAN == number]
    own = lambda found: [r % ROW_SPAN for r in found if r // ROW_SPAN == number]  # noqa: E731
    named = rows.drop(columns=["_scope_first", "_scope_last", "_subtotal"])
    return {
        "rows": (rows.index.to_numpy() % ROW_SPAN).tolist(),
        "names": named[["district", "commune", "village"]]
        .astype("string")
        .fillna("")
        .values.tolist(),
        "figures": named[["branches", "members"]].astype(float).values.tolist(),
        "scopes": {
            int(r % ROW_SPAN): (int(f % ROW_SPAN), int(last % ROW_SPAN))
            for r, f, last in zip(
                rows.index[rows["_subtotal"]],
                rows["_scope_first"][rows["_subtotal"]],
                rows["_scope_last"][rows["_subtotal"]],
                strict=True,
            )
        },
        "subtotal_rows": own(body.subtotal_rows),
        "signature_rows": own(body.signature_rows),
        "figures_below": own(body.figures_below),
    }


@pytest.mark.parametrize("large", [False, True])
def test_tables_shaped_in_one_batch_as_each_alone(large, monkeypatch):
    if large:  # the categorical path of big batches
        monkeypatch.setattr("danvan_cli.ingest.body._LARGE_TABLE", 3)
    mapping = compose_headers(LONG, MEMBERSHIP_HEADERS)
    alone = [
        _per_table(shape_body(_batch([rows]), mapping, FIRST, MEMBERSHIP_HEADERS), 0)
        for rows in BATCH_TABLES
    ]
    together = shape_body(_batch(BATCH_TABLES), mapping, FIRST, MEMBERSHIP_HEADERS)
    assert [_per_table(together, n) for n in range(len(BATCH_TABLES))] == alone
    assert alone[1]["signature_rows"] == [9] and alone[1]["figures_below"] == [10]
    assert alone[0]["names"][1] == ["Huyện A", "Xã B", "Ấp 2"]  # filled down in its table
    assert alone[4]["names"][1] == ["Huyện K", "", "Ấp 2"]  # not filled: names repeat
    assert alone[2]["scopes"] == {5: (6, 9), 6: (7, 9)}
    assert alone[5]["names"] == [["", "Xã M", "Ấp 1"], ["", "Xã M", "Ấp 2"]]


def test_hierarchy_tables_in_one_batch_resolved_each_on_its_own():
    mapping = compose_headers(UNIT_HEADER, MEMBERSHIP_HEADERS)
    tables = [
        [["I", "Châu Thành", 3, 60], ["1", "Đông Phước", 3, 60], ["1.1", "Số 10", 3, 60]],
        [["1", "Long Bình", 1, 20], ["1.1", "Dưới", 1, 20]],
    ]
    together = shape_body(_batch(tables), mapping, FIRST, MEMBERSHIP_HEADERS)
    second = together.rows[together.rows.index.to_numpy() // ROW_SPAN == 1]
    assert second.loc[~second["_subtotal"], "commune"].tolist() == ["Long Bình"]
    assert second.loc[~second["_subtotal"], "district"].fillna("").tolist() == [""]


def test_organisation_sections_in_a_unit_column_give_each_row_its_organisation(tmp_path):
    """ "I  Hội Nông dân", "II  Hội LHPN" over the villages, with no "Đoàn thể" column: the
    sections are organisations (their rows' and their own subtotals'), not communes."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Đơn vị", "Số chi hội", "Số hội viên"])
    sheet.append(["I", "Hội Nông dân", 2, 251])  # wrong by one: checked, for Nông dân only
    sheet.append([1, "Thôn 1", 1, 100])
    sheet.append([2, "Thôn 2", 1, 150])
    sheet.append(["II", "Hội LHPN", 2, 300])
    sheet.append([1, "Thôn 1", 1, 140])
    sheet.append([2, "Thôn 2", 1, 160])
    sheet.append([None, "Tổng cộng", 4, 550])
    path = tmp_path / "theo_doan_the.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)], skip_invalid=True)
    errors = [(p.code, p.row, p.value) for p in summary.problems if p.severity == "error"]
    assert errors == [("subtotal_mismatch", 2, 251)]
    assert summary.data.levels == ["village"]
    villages = summary.rollup.tables["village"]
    everyone = villages[villages["organization"] == "all"].set_index("village")["members"]
    assert everyone.to_dict() == {"Thôn 1": 240, "Thôn 2": 310}
    by_organization = summary.rollup.total_by_organization.set_index("organization")["members"]
    assert by_organization.to_dict() == {"nong_dan": 250, "phu_nu": 300}


@pytest.mark.parametrize(
    "rows",
    [
        [  # organisations listed under their commune: units, as before
            ["I", "Xã A", 2, 300],
            [1, "Hội Nông dân", 1, 100],
            [2, "Hội LHPN", 1, 200],
            ["II", "Xã B", 1, 50],
            [1, "Hội Nông dân", 1, 50],
        ],
        [[1, "Hội Nông dân", 2, 150], [2, "Hội LHPN", 1, 200]],  # a commune's organisations
        [["I", "Xã A", 2, 350], [1, "Thôn Đông", 1, 150], [2, "Thanh Niên", 1, 200]],
    ],
)
def test_rows_naming_organisations_stay_units_unless_the_sheet_opens_with_one(tmp_path, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["STT", "Đơn vị", "Số chi hội", "Số hội viên"])
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "don_vi.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0, [p.code for p in summary.problems]
    assert "organization" not in summary.data.records.columns


def test_an_organisation_atop_its_villages_is_a_unit_with_its_own_figures(tmp_path):
    """A commune's report listing "Mặt trận Tổ quốc xã" first, then its villages: one
    organisation row is not a layout by organisation (that takes two sections or more)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["STT", "Đơn vị", "Số chi hội", "Số hội viên"])
    workbook.active.append([1, "Mặt trận Tổ quốc xã", 1, 25])
    workbook.active.append([2, "Thôn 1", 1, 100])
    workbook.active.append([3, "Thôn 2", 1, 120])
    path = tmp_path / "mttq.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0, [p.code for p in summary.problems]
    assert summary.rollup.total["members"] == 245
