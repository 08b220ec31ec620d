"""Reading a declared kind: its wordings as header patterns, its tables found and shaped
as membership's are, every figure accounted for."""

from __future__ import annotations

import copy
import math

from openpyxl import Workbook, load_workbook

from danvan_cli.engine import pipeline
from danvan_cli.ingest.declared import kind_patterns, load_declared
from danvan_cli.ingest.headers import first_match
from danvan_cli.ingest.tablefind import compose_headers
from danvan_cli.model.declaration import ReportKind
from tests.accounting import assert_accounted
from tests.generic_kind import (
    ACTIVITIES,
    TAN_AN_ROWS,
    TAN_AN_TOTAL,
    activities_kind,
    commune_report,
    wide_commune_report,
)


def test_the_longest_phrase_names_the_header_and_marks_tell_words_apart():
    patterns = kind_patterns(activities_kind())
    assert first_match("Số hộ có hội viên", patterns)[0] == "households_with_members"
    assert first_match("Tổng số hộ", patterns)[0] == "households"
    assert first_match("SO HO CO HOI VIEN", patterns)[0] == "households_with_members"
    # typed with marks, a header is compared with its marks: "Số họ" is no "Số hộ"
    assert first_match("Số họ", patterns)[0] is None
    assert first_match("Số hội", patterns)[0] is None  # whole words only
    assert first_match("Nhà đại đoàn kết (căn)", patterns)[0] == "houses"  # a unit in brackets
    # a phrase among other words names no figure: "Số hộ nghèo" is not the households
    assert first_match("Số hộ nghèo", patterns)[0] is None
    assert first_match("Xây nhà đại đoàn kết", patterns)[0] is None


def test_the_exact_phrase_takes_the_figure_and_a_header_holding_more_is_not_used():
    patterns = kind_patterns(activities_kind())
    mapping = compose_headers([["STT", "Ấp", "Đoàn thể", "Số hộ nghèo", "Số hộ"]], patterns)
    assert mapping.fields[3:] == (None, "households")


def test_a_commune_report_is_read_as_sent(tmp_path):
    path = commune_report(tmp_path / "tan_an.xlsx", "Tân An", TAN_AN_ROWS, TAN_AN_TOTAL)
    data = pipeline.check(activities_kind(), [str(path)])
    records = data.records
    assert records[["village", "organization"]].values.tolist() == [
        ["Ấp 1", "nong_dan"],
        ["Ấp 1", "phu_nu"],
        ["Ấp 2", "nong_dan"],
        ["Ấp 2", "phu_nu"],
    ]
    assert set(records["commune"]) == {"Xã Tân An"}  # from the title
    assert records["houses"].tolist() == [3, 2, 1, 0]  # "-" is a zero typed
    assert records["houses_value"].tolist() == [0.6, 0.4, 0.25, 0]  # "0,4" as typed
    assert records["households"].tolist() == [400, 400, 250, 250]
    given = records["households_with_members"].tolist()
    assert given[:2] == [300, 300] and all(math.isnan(v) for v in given[2:])  # not given
    assert data.subtotals["_row"].tolist() == [10]  # the "Cộng" row: a check, never added
    codes = [p.code for p in data.problems]
    assert "subtotal_mismatch" not in codes and "signature_block" in codes
    assert not [p for p in data.problems if p.severity == "error"]
    assert_accounted(data)


def test_figures_out_of_bounds_and_unknown_values_are_errors_at_their_cells(tmp_path):
    rows = [
        [1, "Ấp 1", "Hội Nông dân", 2.5, 0.6, 120, 400, 300],  # half a house
        [2, None, "Hội Cựu chiến binh", 2, 0.4, 90, 400, 300],  # no value of the category
        [3, "Ấp 2", "HND", 1, -0.25, 80, 250, 200],  # below the minimum
    ]
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [None] * 5)
    data = pipeline.check(activities_kind(), [str(path)])
    errors = [(p.code, p.row, p.column, p.value) for p in data.problems if p.severity == "error"]
    assert errors == [
        ("not_whole", 6, "Kết quả hoạt động › Số nhà đại đoàn kết", 2.5),
        ("negative", 8, "Kết quả hoạt động › Kinh phí (tỷ đồng)", -0.25),
        ("unknown_category_value", 7, "Đoàn thể", "Hội Cựu chiến binh"),
    ]
    assert data.records["_invalid"].tolist() == [True, True, True]


def test_a_count_below_a_minimum_other_than_0_names_that_minimum(tmp_path):
    declared = copy.deepcopy(ACTIVITIES)
    next(f for f in declared["figures"] if f["code"] == "houses")["minimum"] = 2
    rows = [[1, "Ấp 1", "Hội Nông dân", 1, 0.6, 120, 400, 300]]  # 1 house, at least 2 asked
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [None] * 5)
    data = pipeline.check(ReportKind.model_validate(declared), [str(path)])
    (problem,) = [p for p in data.problems if p.severity == "error"]
    assert (problem.code, problem.row, problem.value) == ("below_minimum", 6, 1)
    assert problem.message() == (
        "Giá trị 1 ở cột «Kết quả hoạt động › Số nhà đại đoàn kết» nhỏ hơn 2, mức tối thiểu"
        " mẫu báo cáo đặt."
    )
    assert (problem.expected(), problem.expected("en")) == (
        "một số nguyên ≥ 2",
        "a whole number >= 2",
    )


def test_a_column_the_kind_does_not_name_is_said_not_used(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO XÃ TÂN AN"])
    sheet.append(["STT", "Tên ấp", "Số nhà đại đoàn kết", "Số cây xanh trồng mới"])
    sheet.append([1, "Ấp 1", 3, 120])
    sheet.append([2, "Ấp 2", 1, 80])
    workbook.save(tmp_path / "plain.xlsx")
    data = load_declared(activities_kind(), [str(tmp_path / "plain.xlsx")])
    unused = [(p.code, p.column, p.params["figures"]) for p in data.problems if p.column]
    assert unused == [("column_not_used", "Số cây xanh trồng mới", 2)]
    assert data.records["houses"].tolist() == [3, 1]
    assert "members" not in data.records  # not given: no column, never zeros
    assert_accounted(data)


def test_a_subtotal_of_decimal_amounts_is_compared_as_the_sum_it_is(tmp_path):
    rows = [
        [1, "Ấp 1", "Hội Nông dân", 1, 0.1, 10, 40, 30],
        [2, None, "Hội LHPN", 1, 0.2, 10, 40, 30],
    ]
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [2, 0.3, 20, None, None])
    data = pipeline.check(activities_kind(), [str(path)])
    assert [p.code for p in data.problems if p.severity == "error"] == []
    wrong = commune_report(tmp_path / "y.xlsx", "Tân An", rows, [2, 0.4, 20, None, None])
    data = pipeline.check(activities_kind(), [str(wrong)])
    found = [
        (p.code, p.row, p.value, p.params["computed"])
        for p in data.problems
        if p.severity == "error"
    ]
    assert found == [("subtotal_mismatch", 8, 0.4, 0.3)]


def test_a_wide_report_gives_a_record_per_group(tmp_path):
    path = wide_commune_report(tmp_path / "tan_binh.xlsx")
    data = pipeline.check(activities_kind(), [str(path)])
    columns = ["village", "organization", "houses", "houses_value", "members", "households"]
    assert data.records[columns].values.tolist() == [
        ["Ấp Mới", "nong_dan", 4, 1.5, 200, 1200],
        ["Ấp Mới", "phu_nu", 1, 0.5, 150, 1200],
    ]
    assert data.tables[0].mapping.wide
    assert not [p for p in data.problems if p.severity == "error" or p.column]
    assert data.subtotals["_row"].tolist() == [6, 6]  # the "Cộng" row, a check per group
    assert_accounted(data)


def test_a_group_naming_no_value_is_not_used_and_said_so(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["XÃ TÂN AN"])
    sheet.append(["Tên ấp", "Hội Nông dân", None, "Hội Chữ thập đỏ", None])
    sheet.append([None, "Số nhà đại đoàn kết", "Số hội viên", "Số nhà đại đoàn kết", "Số hội viên"])
    sheet.merge_cells("A2:A3")
    sheet.append(["Ấp 1", 3, 120, 7, 70])
    workbook.save(tmp_path / "x.xlsx")
    data = load_declared(activities_kind(), [str(tmp_path / "x.xlsx")])
    assert data.records[["organization", "houses", "members"]].values.tolist() == [
        ["nong_dan", 3, 120]
    ]
    unused = [(p.code, p.column) for p in data.problems if p.column]
    assert unused == [
        ("column_not_used", "Hội Chữ thập đỏ › Số nhà đại đoàn kết"),
        ("column_not_used", "Hội Chữ thập đỏ › Số hội viên"),
    ]
    assert_accounted(data)


def test_a_unit_and_value_given_twice_is_an_error_naming_the_first_place(tmp_path):
    rows = [*TAN_AN_ROWS, [5, "Ấp 1", "Hội LHPN", 1, 0.1, 10, 400, 300]]
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [None] * 5)
    data = pipeline.check(activities_kind(), [str(path)])
    errors = [p for p in data.problems if p.severity == "error"]
    assert [(p.code, p.row, p.value) for p in errors] == [("duplicate_unit_value", 10, "Ấp 1")]
    assert errors[0].params["other_row"] == 7 and errors[0].params["organization"] == "Hội LHPN"
    assert errors[0].message("en").startswith("Huyện Châu Thành / Xã Tân An / Ấp 1 (Hội LHPN)")


def test_files_whose_communes_are_not_named_are_not_merged(tmp_path):
    """Two communes' reports whose titles name no commune: their villages would be added
    together as one commune's; each repeated village is an error instead."""
    files = []
    for name in ("a", "b"):
        path = commune_report(tmp_path / f"{name}.xlsx", "Tân An", TAN_AN_ROWS, TAN_AN_TOTAL)
        workbook = load_workbook(path)
        workbook.active["A2"] = "BAN THƯỜNG TRỰC"  # the commune's name left out
        workbook.save(path)
        files.append(str(path))
    data = pipeline.check(activities_kind(), files)
    assert data.levels == ["district", "village"]
    codes = {p.code for p in data.problems if p.severity == "error"}
    assert codes == {"duplicate_unit_value"}
    assert data.records["_invalid"].tolist() == [False] * 4 + [True] * 4


def test_amounts_typed_as_text_are_read_with_a_decimal_comma(tmp_path):
    rows = [
        [1, "Ấp 1", "Hội Nông dân", 1, "1,25", 10, 40, 30],
        [2, None, "Hội LHPN", 1, "0,5", 10, 40, 30],
        [3, "Ấp 2", "HND", 1, "2,125", 10, 50, 30],  # 2,125 tỷ đồng, not 2125
        [4, None, "Phụ nữ", 1, "1.234,5", 10, 50, 30],
    ]
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [4, 1238.375, 40, None, None])
    data = pipeline.check(activities_kind(), [str(path)])
    assert data.records["houses_value"].tolist() == [1.25, 0.5, 2.125, 1234.5]
    assert [p.code for p in data.problems if p.severity == "error"] == []


def test_an_amount_that_is_no_number_is_said_to_need_a_number_not_a_whole_one(tmp_path):
    rows = [[1, "Ấp 1", "Hội Nông dân", 1, "1,234,5", 10, 40, 30]]
    path = commune_report(tmp_path / "x.xlsx", "Tân An", rows, [None] * 5)
    data = pipeline.check(activities_kind(), [str(path)])
    [problem] = [p for p in data.problems if p.severity == "error"]
    assert (problem.code, problem.row, problem.value) == ("not_a_number", 6, "1,234,5")
    assert problem.expected() == "một số từ 0 đến 1.000.000, phần thập phân sau dấu phẩy (1.234,5)"
    assert problem.expected("en") == (
        "a number from 0 to 1,000,000, decimals after a comma as Vietnamese write it (1.234,5)"
    )
