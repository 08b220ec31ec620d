"""validate: every rule, each problem at its exact place (file, sheet, row, column, value, code)."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.model.problems import sort_problems
from tests.conftest import write_workbook

SHEET = "Số liệu"
HEADER = [
    "STT",
    "Huyện/Thị xã/Thành phố",
    "Xã/Phường/Thị trấn",
    "Ấp/Khu vực",
    "Đoàn thể",
    "Số chi hội, chi đoàn",
    "Số đoàn viên, hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
    "Vững mạnh",
    "Khá",
    "Trung bình",
    "Yếu",
]
COLUMN = {name: HEADER.index(name) for name in HEADER}
# Three title rows: the header is Excel row 4, the data starts on Excel row 5.
ABOVE = [["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"], ["BÁO CÁO SỐ LIỆU NĂM 2020"], []]
FIRST_ROW = 5


def good_rows() -> list[list[object]]:
    """Excel rows 5, 6 and 7: two organisations in Ấp Đông Lợi, one in Ấp Phước Hòa."""
    district, commune = "Huyện Châu Thành", "Xã Đông Phước"
    return [
        [1, district, commune, "Ấp Đông Lợi", "Hội Nông dân", 2, 120, 100, 500, 400, 1, 1, 0, 0],
        [2, district, commune, "Ấp Đông Lợi", "Hội LHPN", 1, 80, 70, 500, 400, 1, 0, 0, 0],
        [3, district, commune, "Ấp Phước Hòa", "Hội Nông dân", 1, 60, 50, 300, 250, 0, 1, 0, 0],
    ]


def change(rows: list[list[object]], excel_row: int, column: str, value: object) -> None:
    rows[excel_row - FIRST_ROW][COLUMN[column]] = value


def write(tmp_path: Path, rows, name: str = "xa_dong_phuoc.xlsx") -> Path:
    return write_workbook(tmp_path / name, rows, HEADER, SHEET, ABOVE)


def check(*paths: Path):
    data = pipeline.check(MEMBERSHIP, [str(p) for p in paths])
    return data, sort_problems(data.problems)


def located(problems) -> list[tuple]:
    return [(p.severity, p.file, p.sheet, p.row, p.column, p.value, p.code) for p in problems]


def invalid_rows(data) -> list[int]:
    return data.records.loc[data.records["_invalid"], "_row"].tolist()


def test_good_rows_have_no_problems(tmp_path):
    data, problems = check(write(tmp_path, good_rows()))
    assert problems == []
    assert invalid_rows(data) == []
    assert data.tables[0].header_row == 4


# --- figures against each other ---------------------------------------------------------------


def test_members_attending_more_than_members(tmp_path):
    rows = good_rows()
    change(rows, 6, "Số ĐV, HV tham gia sinh hoạt", 81)
    path = write(tmp_path, rows)
    data, problems = check(path)
    column = "Số ĐV, HV tham gia sinh hoạt"
    assert located(problems) == [("error", str(path), SHEET, 6, column, 81, "exceeds")]
    assert problems[0].message("vi") == f"«{column}» (81) lớn hơn «Số đoàn viên, hội viên» (80)."
    assert problems[0].expected("vi") == f"«{column}» ≤ «Số đoàn viên, hội viên»"
    assert (
        problems[0].message("en")
        == f"'{column}' (81) is greater than 'Số đoàn viên, hội viên' (80)."
    )
    assert invalid_rows(data) == [6]


def test_members_attending_equal_to_members_is_fine(tmp_path):
    rows = good_rows()
    change(rows, 6, "Số ĐV, HV tham gia sinh hoạt", 80)
    assert check(write(tmp_path, rows))[1] == []


def test_households_with_members_more_than_households(tmp_path):
    rows = good_rows()
    change(rows, 7, "Số hộ có ĐV, HV", 301)
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [("error", str(path), SHEET, 7, "Số hộ có ĐV, HV", 301, "exceeds")]
    assert problems[0].message("vi") == "«Số hộ có ĐV, HV» (301) lớn hơn «Tổng số hộ» (300)."
    assert invalid_rows(data) == [7]


def test_household_figures_too_high_on_every_row_of_a_village(tmp_path):
    rows = good_rows()
    change(rows, 5, "Số hộ có ĐV, HV", 501)
    change(rows, 6, "Số hộ có ĐV, HV", 501)
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Số hộ có ĐV, HV", 501, "exceeds"),
        ("error", str(path), SHEET, 6, "Số hộ có ĐV, HV", 501, "exceeds"),
    ]


def test_rated_branches_more_than_branches(tmp_path):
    rows = good_rows()
    change(rows, 5, "Trung bình", 1)  # 1 + 1 + 1 + 0 = 3 rated of 2 branches
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Vững mạnh", 3, "ratings_exceed_branches")
    ]
    assert problems[0].message("vi") == (
        "Tổng số chi được xếp loại (3) lớn hơn «Số chi hội, chi đoàn» (2)."
    )
    assert problems[0].message("en") == (
        "The rated branches add up to 3, more than 'Số chi hội, chi đoàn' (2)."
    )
    assert invalid_rows(data) == [5]


def test_ratings_over_branches_with_only_some_rating_columns(tmp_path):
    header = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Vững mạnh", "Yếu"]
    rows = [["Xã A", "Thôn 1", "HND", 1, 10, 1, 0], ["Xã A", "Thôn 2", "HND", 1, 10, 1, 1]]
    path = write_workbook(tmp_path / "a.xlsx", rows, header)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), "Data", 3, "Vững mạnh", 2, "ratings_exceed_branches")
    ]


def test_ratings_over_branches_in_a_file_with_fewer_rating_columns_than_another(tmp_path):
    """One file rates on all four columns, the other on two: each is checked on its own
    columns (read together, the other file's columns are blank on this file's rows)."""
    header = [h for h in HEADER if h not in ("Khá", "Trung bình")]
    district, commune = "Huyện Châu Thành", "Xã Tân An"
    rows = [
        [1, district, commune, "Ấp 1", "Hội Nông dân", 1, 10, 9, 100, 80, 1, 0],
        [2, district, commune, "Ấp 2", "Hội Nông dân", 1, 10, 9, 100, 80, 1, 1],
    ]
    other = write_workbook(tmp_path / "xa_tan_an.xlsx", rows, header, SHEET, ABOVE)
    _, problems = check(write(tmp_path, good_rows()), other)
    assert located(problems) == [
        ("error", str(other), SHEET, 6, "Vững mạnh", 2, "ratings_exceed_branches")
    ]


def test_members_without_any_branch_is_a_warning(tmp_path):
    rows = good_rows()
    change(rows, 7, "Số chi hội, chi đoàn", 0)
    change(rows, 7, "Khá", 0)
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("warning", str(path), SHEET, 7, "Số đoàn viên, hội viên", 60, "members_without_branch")
    ]
    assert problems[0].message("vi") == "Có 60 hội viên nhưng không có chi hội nào."
    assert invalid_rows(data) == []
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0
    assert summary.rollup.total["members"] == 260


def test_no_members_and_no_branch_is_fine(tmp_path):
    rows = good_rows()
    for column in (
        "Số chi hội, chi đoàn",
        "Số đoàn viên, hội viên",
        "Số ĐV, HV tham gia sinh hoạt",
        "Khá",
    ):
        change(rows, 7, column, 0)
    assert check(write(tmp_path, rows))[1] == []


# --- units and organisations ----------------------------------------------------------------


def test_same_village_and_organisation_twice_names_both_places(tmp_path):
    rows = good_rows()
    rows.append(list(rows[0]))  # Excel row 8 repeats row 5
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 8, "Ấp/Khu vực", "Ấp Đông Lợi", "duplicate_unit")
    ]
    message = problems[0].message("vi")
    assert message == (
        f"Huyện Châu Thành / Xã Đông Phước / Ấp Đông Lợi (Hội Nông dân) đã có ở {path}, "
        f"trang «{SHEET}», dòng 5; cùng đơn vị và đoàn thể hai lần."
    )
    assert f"{path}, sheet «{SHEET}», row 5" in problems[0].message("en")
    assert invalid_rows(data) == [8]


def test_duplicate_written_differently_is_still_a_duplicate(tmp_path):
    rows = good_rows()
    repeat = list(rows[2])  # Ấp Phước Hòa, Hội Nông dân
    repeat[COLUMN["Ấp/Khu vực"]] = "ấp  PHƯỚC HOÀ "
    repeat[COLUMN["Đoàn thể"]] = "HND"
    rows.append(repeat)
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 8, "Ấp/Khu vực", "ấp PHƯỚC HOÀ", "duplicate_unit")
    ]
    assert "dòng 7" in problems[0].message("vi")


def test_duplicate_across_two_files_names_the_other_file(tmp_path):
    first = write(tmp_path, good_rows(), name="xa_a.xlsx")
    second = write(tmp_path, good_rows()[2:], name="xa_b.xlsx")
    _, problems = check(first, second)
    assert located(problems) == [
        ("error", str(second), SHEET, 5, "Ấp/Khu vực", "Ấp Phước Hòa", "duplicate_unit")
    ]
    assert f"{first}, trang «{SHEET}», dòng 7" in problems[0].message("vi")


def test_every_repeat_names_the_first_place(tmp_path):
    """Three files with the same rows: each repeat in the second and third names the row of
    the first file (found for all repeats at once)."""
    files = [write(tmp_path, good_rows(), name=f"xa_{n}.xlsx") for n in "abc"]
    _, problems = check(*files)
    repeats = [p for p in problems if p.code == "duplicate_unit"]
    rows = len(good_rows())
    assert [(p.file, p.row) for p in repeats] == [
        (str(path), row) for path in files[1:] for row in range(5, 5 + rows)
    ]
    for problem in repeats:
        assert f"{files[0]}, trang «{SHEET}», dòng {problem.row};" in problem.message("vi")


def test_same_village_name_in_two_communes_is_not_a_duplicate(tmp_path):
    rows = good_rows()
    other = list(rows[2])
    other[COLUMN["Xã/Phường/Thị trấn"]] = "Xã Phú An"
    other[COLUMN["Tổng số hộ"]] = 900  # a different village: its own household figures
    rows.append(other)
    assert check(write(tmp_path, rows))[1] == []


def test_two_rows_of_a_village_that_differ_in_households_are_both_named(tmp_path):
    rows = good_rows()
    change(rows, 6, "Tổng số hộ", 520)
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Tổng số hộ", 500, "households_conflict"),
        ("error", str(path), SHEET, 6, "Tổng số hộ", 520, "households_conflict"),
    ]
    assert problems[1].message("vi") == (
        "Huyện Châu Thành / Xã Đông Phước / Ấp Đông Lợi có «Tổng số hộ» là 520 ở đây "
        f"nhưng là 500 ở {path}, trang «{SHEET}», dòng 5."
    )
    assert problems[0].message("en") == (
        "Huyện Châu Thành / Xã Đông Phước / Ấp Đông Lợi has 'Tổng số hộ' 500 here "
        f"but 520 at {path}, sheet «{SHEET}», row 6."
    )
    assert invalid_rows(data) == [5, 6]


def test_conflicting_households_with_members(tmp_path):
    rows = good_rows()
    change(rows, 6, "Số hộ có ĐV, HV", 390)
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Số hộ có ĐV, HV", 400, "households_conflict"),
        ("error", str(path), SHEET, 6, "Số hộ có ĐV, HV", 390, "households_conflict"),
    ]
    assert "là 390 ở đây nhưng là 400 ở" in problems[1].message("vi")


def four_organisations() -> list[list[object]]:
    """Excel rows 5-8: Ấp Đông Lợi's four organisations, 500 households, 400 with members."""
    first = good_rows()[0]
    names = ["Hội Nông dân", "Hội LHPN", "Đoàn Thanh niên", "Hội Cựu chiến binh"]
    return [[n + 1, *first[1:4], name, *first[5:]] for n, name in enumerate(names)]


def test_the_row_departing_from_the_villages_other_rows_is_the_one_named(tmp_path):
    rows = four_organisations()
    change(rows, 5, "Tổng số hộ", 5000)  # a typo on the village's first row
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Tổng số hộ", 5000, "households_conflict")
    ]
    assert problems[0].message("vi") == (
        "Huyện Châu Thành / Xã Đông Phước / Ấp Đông Lợi có «Tổng số hộ» là 5000 ở đây "
        f"nhưng là 500 ở {path}, trang «{SHEET}», dòng 6."
    )
    assert invalid_rows(data) == [5]


def test_with_no_majority_every_row_giving_the_figure_is_named(tmp_path):
    rows = four_organisations()
    change(rows, 5, "Tổng số hộ", 520)
    change(rows, 6, "Tổng số hộ", 520)
    change(rows, 8, "Tổng số hộ", None)  # given on three rows: 520, 520, 500
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 7, "Tổng số hộ", 500, "households_conflict")
    ]
    change(rows, 8, "Tổng số hộ", 510)  # 520, 520, 500, 510: two of four is no majority
    data, problems = check(write(tmp_path, rows))
    assert [(p.row, p.value) for p in problems] == [(5, 520), (6, 520), (7, 500), (8, 510)]
    assert [p.params["other_row"] for p in problems] == [7, 7, 5, 5]
    assert invalid_rows(data) == [5, 6, 7, 8]


def test_skip_invalid_leaves_out_only_the_departing_row(tmp_path):
    rows = four_organisations()
    change(rows, 5, "Tổng số hộ", 5000)
    summary = pipeline.summarize(MEMBERSHIP, [str(write(tmp_path, rows))], skip_invalid=True)
    assert summary.skipped_rows == 1
    total = summary.rollup.total
    assert (total["members"], total["households"], total["households_with_members"]) == (
        360,
        500,
        400,
    )


def test_household_figures_given_on_one_row_only_are_no_conflict(tmp_path):
    rows = good_rows()
    change(rows, 6, "Tổng số hộ", None)
    change(rows, 6, "Số hộ có ĐV, HV", "-")
    assert check(write(tmp_path, rows))[1] == []


@pytest.mark.parametrize(
    "column, level_label",
    [("Ấp/Khu vực", "thôn"), ("Xã/Phường/Thị trấn", "xã"), ("Huyện/Thị xã/Thành phố", "huyện")],
)
def test_missing_unit_name(tmp_path, column, level_label):
    rows = good_rows()
    change(rows, 7, column, None)
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [("error", str(path), SHEET, 7, column, None, "missing_unit_name")]
    assert problems[0].message("vi") == f"Thiếu tên đơn vị ở cột «{column}»."
    assert problems[0].expected("vi") == f"tên {level_label}"
    assert invalid_rows(data) == [7]


def test_unknown_organisation_keeps_the_name_as_written(tmp_path):
    rows = good_rows()
    change(rows, 7, "Đoàn thể", "Hội Bóng đá")
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 7, "Đoàn thể", "Hội Bóng đá", "unknown_organization")
    ]
    assert problems[0].message("vi") == "Không nhận ra đoàn thể «Hội Bóng đá»."
    assert "Hội Nông dân/HND" in problems[0].expected("vi")
    assert invalid_rows(data) == [7]


def test_missing_organisation(tmp_path):
    rows = good_rows()
    change(rows, 6, "Đoàn thể", "   ")
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 6, "Đoàn thể", None, "missing_organization")
    ]


def test_a_file_naming_no_organisation_beside_files_that_do_is_one_error(tmp_path):
    """A file without the "Đoàn thể" column beside files with it: one error at its header,
    all its rows left out, not an error per row naming a column it does not have."""
    named = write(tmp_path, good_rows())
    without = [row[:4] + row[5:] for row in good_rows()[::2]]  # a village a row
    header = [h for h in HEADER if h != "Đoàn thể"]
    other = write_workbook(tmp_path / "xa_khac.xlsx", without, header, SHEET, ABOVE)
    data, problems = check(named, other)
    assert located(problems) == [
        ("error", str(other), SHEET, 4, None, None, "missing_organization_column")
    ]
    assert problems[0].message("vi").startswith("Bảng này không ghi đoàn thể")
    assert data.records.loc[data.records["_invalid"], "_table"].unique().tolist() == [1]
    assert invalid_rows(data) == [5, 6]


def test_two_different_unknown_organisations_in_one_village_are_not_duplicates(tmp_path):
    rows = good_rows()
    change(rows, 5, "Đoàn thể", "Hội Bóng đá")
    change(rows, 6, "Đoàn thể", "Hội Cờ tướng")
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert located(problems) == [
        ("error", str(path), SHEET, 5, "Đoàn thể", "Hội Bóng đá", "unknown_organization"),
        ("error", str(path), SHEET, 6, "Đoàn thể", "Hội Cờ tướng", "unknown_organization"),
    ]


# --- numbers as written ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "excel_row, column, written, code",
    [
        (6, "Số đoàn viên, hội viên", "12a", "not_a_number"),
        (6, "Số đoàn viên, hội viên", "mười", "not_a_number"),
        (7, "Số ĐV, HV tham gia sinh hoạt", "1,5", "not_whole"),
        (7, "Số ĐV, HV tham gia sinh hoạt", 2.5, "not_whole"),
        (5, "Số chi hội, chi đoàn", -3, "negative"),
        (5, "Số chi hội, chi đoàn", "-3", "negative"),
        (6, "Tổng số hộ", "5OO", "not_a_number"),
    ],
)
def test_numbers_that_are_not_counts_keep_the_value_as_written(
    tmp_path, excel_row, column, written, code
):
    rows = good_rows()
    change(rows, excel_row, column, written)
    path = write(tmp_path, rows)
    data, problems = check(path)
    errors = [p for p in problems if p.severity == "error"]
    assert located(errors) == [("error", str(path), SHEET, excel_row, column, written, code)]
    assert problems[0].expected("vi") == "một số nguyên ≥ 0"
    shown = str(written).replace(".", ",") if isinstance(written, float) else str(written)
    assert shown in problems[0].message("vi")  # 2,5 in Vietnamese
    assert str(written) in problems[0].message("en")
    assert invalid_rows(data) == [excel_row]


def test_numbers_written_with_thousand_separators_are_fine(tmp_path):
    rows = good_rows()
    change(rows, 7, "Tổng số hộ", "1.300")
    change(rows, 7, "Số hộ có ĐV, HV", "1,250")
    data, problems = check(write(tmp_path, rows))
    assert problems == []
    assert data.records["households"].tolist()[2] == 1300


def test_every_problem_of_a_row_is_listed(tmp_path):
    rows = good_rows()
    change(rows, 6, "Số ĐV, HV tham gia sinh hoạt", 81)
    change(rows, 6, "Tổng số hộ", 520)
    change(rows, 6, "Đoàn thể", "Hội Bóng đá")
    path = write(tmp_path, rows)
    data, problems = check(path)
    assert sorted(p.code for p in problems) == [
        "exceeds",
        "households_conflict",
        "households_conflict",  # row 5 too: of two rows that differ, neither is the rule
        "unknown_organization",
    ]
    assert {p.row for p in problems if p.code != "households_conflict"} == {6}
    assert invalid_rows(data) == [5, 6]


def test_problem_json_objects(tmp_path):
    rows = good_rows()
    change(rows, 6, "Số đoàn viên, hội viên", "12a")
    path = write(tmp_path, rows)
    _, problems = check(path)
    assert problems[0].to_dict("vi") == {
        "severity": "error",
        "file": str(path),
        "sheet": SHEET,
        "row": 6,
        "column": "Số đoàn viên, hội viên",
        "value": "12a",
        "code": "not_a_number",
        "message": "Giá trị «12a» ở cột «Số đoàn viên, hội viên» không phải là số.",
        "expected": "một số nguyên ≥ 0",
    }
    assert problems[0].to_dict("en")["message"] == (
        "Value '12a' in column 'Số đoàn viên, hội viên' is not a number."
    )
    assert problems[0].to_dict("en")["expected"] == "a whole number >= 0"
