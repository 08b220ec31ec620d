"""Every rule of the models kind, each found at its exact file, sheet, row, column and value.

Workbooks are built in code with the header on row 1, so the first data row is Excel row 2.
The files are named "...dvk..." so the programme ("Dân vận khéo") is known from the name.
"""

from __future__ import annotations

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.engine.models_rollup import registered_by
from danvan_cli.kinds.models import MODELS

LIST_HEADER = ["STT", "Tên mô hình", "Phường/Xã", "Lĩnh vực", "Cấp", "Kết quả", "Biểu dương"]
LIST_ROWS = [
    [1, "Tuyến đường hoa", "Phường Bắc Hồng", "VHXH", "Cấp tỉnh", "Đã công nhận", "x"],
    [2, "Chi bộ 4 tốt", "Phường Bắc Hồng", "Xây dựng Đảng, chính quyền", "Cấp thị xã", "", ""],
    [3, "Camera an ninh", "Xã Thuận Lộc", "QP-AN", "Cấp thị xã", "Đã công nhận", ""],
    [4, "Rau sạch", "Xã Thuận Lộc", "Kinh tế", "Cấp tỉnh", "Đăng ký", ""],
]
NAME = "mo_hinh_dvk.xlsx"


def problems_of(path, code=None):
    data = pipeline.check(MODELS, [str(path)])
    return [p for p in data.problems if code is None or p.code == code]


def one(path, code):
    found = problems_of(path, code)
    assert len(found) == 1, [(p.code, p.row, p.column, p.value) for p in problems_of(path)]
    return found[0]


def with_cell(row: int, column: int, value) -> list[list[object]]:
    """LIST_ROWS with one cell changed (`row` 0-based among the data rows)."""
    rows = [list(r) for r in LIST_ROWS]
    rows[row][column] = value
    return rows


def test_a_clean_list_has_no_problem(make_workbook):
    path = make_workbook(LIST_ROWS, LIST_HEADER, name=NAME)
    assert problems_of(path) == []
    rollup = pipeline.summarize(MODELS, [str(path)]).rollup
    total = rollup.total
    assert (total["registered"], total["recognized"], total["commended"]) == (4, 2, 1)
    assert registered_by(rollup, "field") == {
        "kinh_te": 1,
        "van_hoa_xa_hoi": 1,
        "quoc_phong_an_ninh": 1,
        "xay_dung_he_thong_chinh_tri": 1,
    }


def test_unknown_field_lists_the_accepted_words(make_workbook):
    path = make_workbook(with_cell(2, 3, "Nông nghiệp"), LIST_HEADER, name=NAME)
    problem = one(path, "unknown_model_value")
    assert problem.severity == "error"
    assert (problem.file, problem.sheet, problem.row) == (str(path), "Data", 4)
    assert (problem.column, problem.value) == ("Lĩnh vực", "Nông nghiệp")
    assert problem.message() == "Không nhận ra «Nông nghiệp» ở cột «Lĩnh vực»."
    for word in ("Kinh tế", "Văn hóa - Xã hội (VHXH)", "QP-AN", "Xây dựng Đảng, chính quyền"):
        assert word in problem.expected(), word
    assert problem.expected("en").startswith("one of: Kinh tế")


def test_unknown_level_lists_the_accepted_words(make_workbook):
    path = make_workbook(with_cell(0, 4, "Cấp trung ương"), LIST_HEADER, name=NAME)
    problem = one(path, "unknown_model_value")
    assert (problem.row, problem.column, problem.value) == (2, "Cấp", "Cấp trung ương")
    assert "cấp tỉnh" in problem.expected() and "cấp huyện, thị xã" in problem.expected()


def test_blank_field_or_level_is_an_error(make_workbook):
    rows = with_cell(1, 3, "")
    rows[3][4] = None
    path = make_workbook(rows, LIST_HEADER, name=NAME)
    missing = problems_of(path, "missing_model_value")
    assert [(p.row, p.column, p.value) for p in missing] == [
        (3, "Lĩnh vực", None),
        (5, "Cấp", None),
    ]
    assert "Kinh tế" in missing[0].expected()


def test_unknown_status_word_and_mark(make_workbook):
    rows = with_cell(1, 5, "Đang chờ")
    rows[2][6] = "??"
    path = make_workbook(rows, LIST_HEADER, name=NAME)
    status, mark = problems_of(path, "unknown_model_value")
    assert (status.row, status.column, status.value) == (3, "Kết quả", "Đang chờ")
    assert "Đã công nhận" in status.expected()
    assert (mark.row, mark.column, mark.value) == (4, "Biểu dương", "??")
    assert "x, v, ✓, có, 1" in mark.expected()


def test_commended_but_not_recognised(make_workbook):
    path = make_workbook(with_cell(3, 6, "x"), LIST_HEADER, name=NAME)
    problem = one(path, "model_status_order")
    assert (problem.row, problem.column, problem.value) == (5, "Biểu dương", "x")
    assert problem.message() == (
        "Mô hình «Rau sạch» (Xã Thuận Lộc) có «Biểu dương» nhưng không có «Công nhận»."
    )
    assert problem.message("en") == (
        "Model 'Rau sạch' (Xã Thuận Lộc) is 'Commended' but not 'Recognised'."
    )


def test_recognised_but_not_registered(make_workbook):
    header = ["Tên mô hình", "Xã", "Lĩnh vực", "Cấp", "Đăng ký", "Công nhận"]
    rows = [
        ["Tuyến đường hoa", "Xã A", "VHXH", "Cấp xã", "x", "x"],
        ["Rau sạch", "Xã A", "Kinh tế", "Cấp xã", "", "x"],
    ]
    path = make_workbook(rows, header, name=NAME)
    problem = one(path, "model_status_order")
    assert (problem.row, problem.column, problem.value) == (3, "Công nhận", "x")
    summary = pipeline.summarize(MODELS, [str(path)], skip_invalid=True)
    assert summary.rollup.total["registered"] == 1  # the bad row is left out
    assert summary.skipped_rows == 1


COUNT_HEADER = [
    "Xã",
    "Lĩnh vực",
    "Số mô hình đăng ký",
    "Số mô hình được công nhận",
    "Số mô hình được biểu dương",
]


def test_recognised_more_than_registered_per_unit_and_category(make_workbook):
    rows = [
        ["Xã A", "Kinh tế", 3, 5, 0],
        ["Xã A", "VHXH", 4, 2, 1],
        ["Xã B", "Kinh tế", 2, 2, 3],
    ]
    path = make_workbook(rows, COUNT_HEADER, name=NAME)
    first, second = problems_of(path, "status_exceeds")
    assert (first.row, first.column, first.value) == (2, "Số mô hình được công nhận", 5)
    assert first.message() == (
        "Xã A (Dân vận khéo, Kinh tế): «Công nhận» là 5, nhiều hơn «Đăng ký» là 3."
    )
    assert (second.row, second.column, second.value) == (4, "Số mô hình được biểu dương", 3)
    assert second.params["limit_value"] == 2
    summary = pipeline.summarize(MODELS, [str(path)], skip_invalid=True)
    assert summary.rollup.total["registered"] == 4


def test_statuses_on_separate_rows_are_checked_on_their_sums(make_workbook):
    header = ["Xã", "Lĩnh vực", "Kết quả", "Số mô hình"]
    rows = [
        ["Xã A", "Kinh tế", "Đăng ký", 2],
        ["Xã A", "Kinh tế", "Đã công nhận", 3],
        ["Xã A", "VHXH", "Đăng ký", 5],
        ["Xã A", "VHXH", "Đã công nhận", 4],
        ["Xã A", "VHXH", "Biểu dương", 1],
    ]
    path = make_workbook(rows, header, name=NAME)
    problem = one(path, "status_exceeds")
    assert (problem.row, problem.column, problem.value) == (3, "Số mô hình", 3)
    assert problem.params["limit_value"] == 2
    data = pipeline.check(MODELS, [str(path)])
    assert data.records["_invalid"].tolist() == [True, True, False, False, False]


def test_a_model_listed_twice_names_both_rows(make_workbook):
    rows = [
        *LIST_ROWS,
        [5, "Mô hình «tuyến  đường HOA»", "Phường Bắc Hồng", "VHXH", "Tỉnh", "", ""],
    ]
    rows.append([6, "Tuyến đường hoa", "Xã Thuận Lộc", "VHXH", "Tỉnh", "", ""])  # other unit
    path = make_workbook(rows, LIST_HEADER, name=NAME)
    problem = one(path, "duplicate_model")
    assert (problem.row, problem.column) == (6, "Tên mô hình")
    assert problem.value == "Mô hình «tuyến đường HOA»"
    assert problem.params["other_row"] == 2
    assert problem.message() == (
        f"Mô hình «Mô hình «tuyến đường HOA»» của Phường Bắc Hồng đã có ở {path}, "
        "trang «Data», dòng 2: một mô hình ghi hai lần."
    )


WIDE_HEADER = ["STT", "Xã", "Kinh tế", "VHXH", "QP-AN", "Tổng số"]


def test_wide_table_by_field(make_workbook):
    rows = [[1, "Xã A", 2, 5, 1, 8], [2, "Xã B", 0, "1.234", "-", 1234]]
    path = make_workbook(rows, WIDE_HEADER, name=NAME)
    summary = pipeline.summarize(MODELS, [str(path)])
    assert summary.problems == []
    assert registered_by(summary.rollup, "field") == {
        "kinh_te": 2,
        "van_hoa_xa_hoi": 1239,
        "quoc_phong_an_ninh": 1,
    }


def test_counts_are_whole_numbers_not_below_zero(make_workbook):
    rows = [[1, "Xã A", -2, 5, 1], [2, "Xã B", 1, "abc", "2,5"], [3, "Xã C", 0, "1.234", "-"]]
    path = make_workbook(rows, WIDE_HEADER[:-1], name=NAME)
    found = [(p.code, p.row, p.column, p.value) for p in problems_of(path)]
    assert found == [
        ("negative", 2, "Kinh tế", -2),
        ("not_a_number", 3, "VHXH", "abc"),
        ("not_whole", 3, "QP-AN", "2,5"),
    ]
    summary = pipeline.summarize(MODELS, [str(path)], skip_invalid=True)
    assert summary.skipped_rows == 2  # each row once, though it gave three records
    assert registered_by(summary.rollup, "field") == {
        "kinh_te": 0,
        "van_hoa_xa_hoi": 1234,
        "quoc_phong_an_ninh": 0,
    }


def test_total_column_is_checked(make_workbook):
    rows = [[1, "Xã A", 2, 5, 1, 9], [2, "Xã B", 1, 1, 1, 3]]
    path = make_workbook(rows, WIDE_HEADER, name=NAME)
    problem = one(path, "count_total_mismatch")
    assert (problem.row, problem.column, problem.value) == (2, "Tổng số", 9)
    assert problem.message() == "«Tổng số» ghi 9 nhưng các cột loại mô hình cộng lại là 8."


def test_a_unit_counted_twice_names_both_rows(make_workbook):
    rows = [[1, "Xã A", 2, 5, 1, 8], [2, "Xã B", 1, 1, 1, 3], [3, "xã  a", 1, 1, 1, 3]]
    path = make_workbook(rows, WIDE_HEADER, name=NAME)
    problem = one(path, "duplicate_model_count")  # once for the row, not once per column
    assert (problem.row, problem.column, problem.value) == (4, "Xã", "xã a")
    assert problem.params["other_row"] == 2


def test_missing_unit_and_model_names(make_workbook):
    rows = with_cell(1, 2, None)
    rows[3][1] = None
    path = make_workbook(rows, LIST_HEADER, name=NAME)
    unit = one(path, "missing_unit_name")
    assert (unit.row, unit.column) == (3, "Phường/Xã")
    name = one(path, "missing_model_name")
    assert (name.row, name.column) == (5, "Tên mô hình")


@pytest.mark.parametrize(
    "name, above, program",
    [
        ("report.xlsx", [["DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2018"]], "dan_van_kheo"),
        ("report.xlsx", [["BẢNG TỔNG HỢP MÔ HÌNH TỰ QUẢN"]], "tu_quan"),
        ("lam_binh_tu_quan.xlsx", [], "tu_quan"),
    ],
)
def test_programme_from_the_title_or_file_name(make_workbook, name, above, program):
    path = make_workbook(LIST_ROWS, LIST_HEADER, name=name, above=above)
    summary = pipeline.summarize(MODELS, [str(path)])
    assert summary.problems == []
    assert registered_by(summary.rollup, "program") == {program: 4}


def test_programme_not_given_is_a_warning(make_workbook):
    path = make_workbook(LIST_ROWS, LIST_HEADER, name="report.xlsx")
    problem = one(path, "program_not_given")
    assert (problem.severity, problem.row) == ("warning", 1)
    summary = pipeline.summarize(MODELS, [str(path)])
    assert summary.exit_code == 0 and registered_by(summary.rollup, "program") == {}


def test_errors_stop_the_sum_and_exit_1(cli, make_workbook):
    path = make_workbook(with_cell(2, 3, "Nông nghiệp"), LIST_HEADER, name=NAME)
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 1
    assert '"rollups": {}' in result.stdout and '"total": null' in result.stdout
    assert "dòng 4, cột «Lĩnh vực»: Không nhận ra «Nông nghiệp»" in result.stderr
    skipped = cli("summarize", path, "--skip-invalid", "-f", "csv")
    assert skipped.exit_code == 1
    assert skipped.stdout.splitlines()[-1] == "total,,,,,,,3,1,1"  # row 4 left out


def test_a_count_column_in_a_list_of_models_is_said_not_used(make_workbook):
    """ "Khác" names a kind when a table counts by kind; in a list it is not read: said."""
    rows = [[*row, "x" if number == 1 else None] for number, row in enumerate(LIST_ROWS)]
    path = make_workbook(rows, [*LIST_HEADER, "Khác"], name=NAME)
    found = [(p.code, p.column, p.row) for p in problems_of(path, "header_unmapped")]
    assert found == [("header_unmapped", "Khác", 1)]
