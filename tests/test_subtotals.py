"""subtotals: a "Cộng" row is a check, never added; a wrong one is an error, or a warning
with --subtotal-mismatch warning."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

pytestmark = pytest.mark.usefixtures("both_readers")  # each test, both readers

HEADER = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"]


def write(path, cong_members: int):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(HEADER)
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 30])
    sheet.append(["Xã A", "Thôn 2", "Hội Nông dân", 1, 20])
    sheet.append(["Cộng", None, None, 2, cong_members])
    workbook.save(path)
    return path


def test_right_subtotal_is_not_added(cli, tmp_path):
    path = write(tmp_path / "a.xlsx", 50)
    result = cli("summarize", path, "--format", "csv", "--level", "commune")
    assert result.exit_code == 0
    assert "commune,Xã A,,all,2,50" in result.stdout.splitlines()[1]


def test_wrong_subtotal_is_an_error_or_a_warning(cli, tmp_path):
    path = write(tmp_path / "b.xlsx", 55)
    failed = cli("summarize", path, "--format", "json")
    assert failed.exit_code == 1
    warned = cli("summarize", path, "--format", "json", "--subtotal-mismatch", "warning")
    assert warned.exit_code == 0
    assert '"members": 50' in warned.stdout
    assert '"subtotal_mismatch"' in warned.stdout and '"row": 4' in warned.stdout


def test_validate_takes_the_option(cli, tmp_path):
    path = write(tmp_path / "c.xlsx", 55)
    assert cli("validate", path).exit_code == 1
    assert cli("validate", path, "--subtotal-mismatch", "warning").exit_code == 0


def write_wide(path, total_members: int):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["Thôn", "Tổng số", None, "Hội Nông dân", None, "Hội LHPN", None])
    sheet.append(
        [
            None,
            "Số chi hội",
            "Số hội viên",
            "Số chi hội",
            "Số hội viên",
            "Số chi hội",
            "Số hội viên",
        ]
    )
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    sheet.merge_cells("F1:G1")
    sheet.append(["Thôn 1", 2, total_members, 1, 30, 1, 20])
    sheet.append(["Thôn 2", 1, 10, 1, 10, None, None])
    workbook.save(path)
    return path


def test_a_total_group_on_a_wide_row_is_checked_not_added(cli, tmp_path):
    right = cli("summarize", write_wide(tmp_path / "right.xlsx", 50), "--format", "json")
    assert right.exit_code == 0
    assert '"members": 60' in right.stdout and '"branches": 3' in right.stdout
    wrong = cli("validate", write_wide(tmp_path / "wrong.xlsx", 55), "--format", "json")
    assert wrong.exit_code == 1
    problem = json.loads(wrong.stdout)["problems"][0]
    assert (problem["code"], problem["row"], problem["column"], problem["value"]) == (
        "row_total_mismatch",
        3,
        "Tổng số › Số hội viên",
        55,
    )
    assert "50" in problem["message"]


def test_with_skip_invalid_a_row_at_odds_with_its_total_group_is_left_out(cli, tmp_path):
    """Which of the row's figures is wrong is not known: the row is left out and listed."""
    path = write_wide(tmp_path / "wrong.xlsx", 55)
    result = cli("summarize", path, "--format", "json", "--skip-invalid")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["total"]["members"] == 10  # Thôn 2 only
    skipped = [(p["code"], p["row"]) for p in document["problems"] if p["code"] == "row_skipped"]
    assert skipped == [("row_skipped", 3)]


def test_with_skip_invalid_a_wrong_subtotal_leaves_its_rows_summed_and_says_so(cli, tmp_path):
    result = cli("summarize", write(tmp_path / "b.xlsx", 55), "--skip-invalid")
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())  # as one line, whatever the width
    assert said.endswith(
        "Có 1 lỗi và 0 cảnh báo; đã cộng các dòng số liệu (--skip-invalid). Các lỗi trên "
        "không gắn với dòng số liệu nào (dòng cộng lệch, bảng hoặc số liệu không đọc được): "
        "xem và sửa chúng."
    )
    assert "│ Tổng cộng │" in result.stdout


def test_a_total_in_the_organisation_column_covers_its_own_village(cli, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append(["Xã B", "Ấp 1", "Hội Nông dân", 2, 100])
    sheet.append(["Xã B", "Ấp 1", "Hội LHPN", 1, 30])
    sheet.append(["Xã B", "Ấp 1", "Cộng", 3, 130])
    sheet.append(["Xã B", "Ấp 2", "Hội Nông dân", 1, 30])
    sheet.append(["Xã B", "Ấp 2", "Tổng số", 1, 30])
    path = tmp_path / "d.xlsx"
    workbook.save(path)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["total"]["members"] == 160
    assert [(p["code"], p["value"]) for p in document["problems"]] == [("subtotal_rows", "4, 6")]


@pytest.mark.parametrize("merged", [True, False])
def test_a_total_written_in_the_stt_column_is_checked_not_added(cli, tmp_path, merged):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append([1, "Xã A", "Thôn 1", "Hội Nông dân", 1, 100])
    sheet.append([2, "Xã A", "Thôn 2", "Hội Nông dân", 1, 100])
    sheet.append(["Tổng cộng", None, None, None, 2, 201])
    if merged:
        sheet.merge_cells("A4:D4")
    path = tmp_path / "stt.xlsx"
    workbook.save(path)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    errors = [(p["code"], p["row"], p["value"]) for p in problems if p["severity"] == "error"]
    assert errors == [("subtotal_mismatch", 4, 201)]


def test_a_total_of_formulas_saved_without_values_is_one_warning_not_an_error_per_cell(
    cli, tmp_path
):
    """Its figures are never added: nothing is lost, the check cannot be made; said once."""
    workbook = Workbook()  # openpyxl saves formulas without their values, as some programs do
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 100])
    sheet.append(["Xã A", "Thôn 2", "Hội Nông dân", 1, 100])
    sheet.append(["Cộng", None, None, "=SUM(D2:D3)", "=SUM(E2:E3)"])
    sheet.append(["Xã B", "Thôn 3", "Hội Nông dân", 1, "=50+20"])
    sheet.append(["Tổng cộng", None, None, "=D4+D5", "=E4+E5"])
    path = tmp_path / "cong_thuc.xlsx"
    workbook.save(path)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1  # the data row's formula is a figure not known
    found = [
        (p["severity"], p["code"], p["row"], p["column"], p["value"])
        for p in json.loads(result.stdout)["problems"]
    ]
    assert found == [
        ("warning", "subtotal_rows", None, None, "4, 6"),
        ("warning", "subtotal_formulas", 4, None, "4, 6"),
        ("error", "formula_without_value", 5, "Số hội viên", None),
    ]


def test_an_unreadable_cell_is_one_error_and_its_subtotal_is_passed_over_once(cli, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, "12a"])
    sheet.append(["Xã A", "Thôn 2", "Hội Nông dân", 1, 20])
    sheet.append(["Cộng xã A", None, None, 2, 32])
    sheet.append(["Xã B", "Thôn 3", "Hội Nông dân", 1, 7])
    sheet.append(["Cộng xã B", None, None, 1, 7])
    sheet.append(["Tổng cộng", None, None, 3, 39])
    path = tmp_path / "12a.xlsx"
    workbook.save(path)
    result = cli("validate", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    found = [
        (p["severity"], p["code"], p["row"], p["value"], p["message"])
        for p in json.loads(result.stdout)["problems"]
        if p["code"] != "subtotal_rows"
    ]
    assert found == [
        ("error", "not_a_number", 2, "12a", found[0][4]),
        (
            "warning",
            "subtotal_not_checked",
            4,
            "4, 7",
            "Subtotal row(s) 4, 7 not checked: row(s) 2 they cover hold a figure that cannot "
            "be read (see the error there).",
        ),
    ]


@pytest.mark.parametrize("district_total", [False, True])
def test_a_plain_cong_and_a_named_one_each_cover_their_own_commune(cli, tmp_path, district_total):
    """ "Cộng" closing the first commune, "Cộng xã Hai" the second: the second covers the rows
    since the first, whatever words each uses; a "Cộng" just above "Cộng huyện" closes its
    commune, not the district."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Huyện", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append(["Huyện A", "Xã Một", "Thôn 1", "Hội Nông dân", 1, 30])
    sheet.append(["Huyện A", "Xã Một", "Thôn 2", "Hội Nông dân", 1, 20])
    sheet.append(["Cộng", None, None, None, 2, 50])
    sheet.append(["Huyện A", "Xã Hai", "Thôn 3", "Hội Nông dân", 1, 10])
    sheet.append(["Huyện A", "Xã Hai", "Thôn 4", "Hội Nông dân", 1, 5])
    sheet.append(["Cộng xã Hai", None, None, None, 2, 15])
    sheet.append(["Huyện A", "Xã Ba", "Thôn 5", "Hội Nông dân", 1, 7])
    sheet.append(["Cộng", None, None, None, 1, 7])
    if district_total:
        sheet.append(["Cộng huyện A", None, None, None, 5, 72])
    sheet.append(["Tổng cộng", None, None, None, 5, 72])
    path = tmp_path / "mixed.xlsx"
    workbook.save(path)
    result = cli("validate", path, "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["value"]) for p in problems] == [
        ("subtotal_rows", "4, 7, 9, 10, 11" if district_total else "4, 7, 9, 10")
    ]
    assert result.exit_code == 0
    wrong = tmp_path / "wrong.xlsx"
    sheet["F7"] = 16  # "Cộng xã Hai" one member too many: compared with its own rows only
    workbook.save(wrong)
    problems = json.loads(cli("validate", wrong, "--format", "json").stdout)["problems"]
    errors = [(p["row"], p["value"], p["expected"]) for p in problems if p["severity"] == "error"]
    assert errors == [(7, 16, "15")]


def test_a_total_group_of_formulas_saved_without_values_is_one_warning(cli, tmp_path):
    """A "Tổng số" group computed by formulas that a program saved without values: the
    organisations' figures are summed, the group is not compared, and that is said once."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Thôn", "Tổng số", None, "Hội Nông dân", None, "Hội LHPN", None])
    sheet.append([None, *["Số chi hội", "Số hội viên"] * 3])
    for cells in ("B1:C1", "D1:E1", "F1:G1"):
        sheet.merge_cells(cells)
    sheet.append(["Thôn 1", "=D3+F3", "=E3+G3", 1, 30, 1, 20])
    sheet.append(["Thôn 2", "=D4+F4", "=E4+G4", 1, 10, 1, 5])
    path = tmp_path / "tong_so.xlsx"
    workbook.save(path)
    result = cli("summarize", path, "--format", "json", "--skip-invalid")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["total"]["branches"], document["total"]["members"]) == (4, 65)
    found = [(p["severity"], p["code"], p["row"], p["value"]) for p in document["problems"]]
    assert found == [("warning", "subtotal_formulas", 3, "3–4")]


def test_cong_rows_in_a_unit_column_are_checks_each_over_its_own_rows(cli, tmp_path):
    """In one "Đơn vị" column, "Cộng" and "Cộng xã Hai" rows closing their communes are
    subtotals, never villages added in: a plain "Cộng" covers the rows since its commune's
    row, "Cộng xã Hai" those under Xã Hai."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Đơn vị", "Số chi hội", "Số hội viên"])
    sheet.append(["1", "Xã Một", None, None])
    sheet.append(["1.1", "Thôn 1", 1, 30])
    sheet.append(["1.2", "Thôn 2", 1, 20])
    sheet.append([None, "Cộng", 2, 50])
    sheet.append(["2", "Xã Hai", None, None])
    sheet.append(["2.1", "Thôn 3", 1, 10])
    sheet.append([None, "Cộng xã Hai", 1, 10])
    path = tmp_path / "don_vi.xlsx"
    workbook.save(path)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["total"]["branches"], document["total"]["members"]) == (3, 60)
    villages = [r["village"] for r in document["rollups"]["village"] if r["organization"] == "all"]
    assert sorted(villages) == ["Thôn 1", "Thôn 2", "Thôn 3"]
    sheet["D5"] = 51
    sheet["D8"] = 11
    workbook.save(path)
    problems = json.loads(cli("validate", path, "--format", "json").stdout)["problems"]
    errors = [(p["row"], p["value"], p["expected"]) for p in problems if p["severity"] == "error"]
    assert errors == [(5, 51, "50"), (8, 11, "10")]


@pytest.mark.parametrize(
    ("commune_total", "closing"),
    [("Tổng xã Hai", "TỔNG CỘNG TOÀN HUYỆN"), ("Cộng", "Cộng toàn huyện")],
)
def test_tong_or_cong_before_a_level_word_is_a_subtotal(cli, tmp_path, commune_total, closing):
    """ "Tổng xã Hai" closes commune Hai, "Cộng toàn huyện" the district: both are checked
    over their own rows, never added as villages."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO HUYỆN CHÂU THÀNH"])
    sheet.append(["STT", "Xã", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append([1, "Xã Một", "Ấp 1", "Hội ND", 1, 50])
    sheet.append([2, "Xã Một", "Ấp 2", "Hội ND", 1, 60])
    sheet.append([None, "Cộng xã Một", None, None, 2, 110])
    sheet.append([3, "Xã Hai", "Ấp 1", "Hội ND", 1, 70])
    sheet.append([4, "Xã Hai", "Ấp 2", "Hội LHPN", 1, 80])
    sheet.append([None, commune_total, None, None, 2, 150])
    sheet.append([None, closing, None, None, 4, 260])
    path = tmp_path / "huyen.xlsx"
    workbook.save(path)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["total"]["branches"], document["total"]["members"]) == (4, 260)
    assert [(p["code"], p["value"]) for p in document["problems"] if p["row"] is None] == [
        ("subtotal_rows", "5, 8, 9")
    ]
    sheet["F8"] = 151
    sheet["F9"] = 259
    workbook.save(path)
    result = cli("validate", path, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    errors = [(p["row"], p["value"], p["expected"]) for p in problems if p["severity"] == "error"]
    assert errors == [(8, 151, "150"), (9, 259, "260")]


def test_a_subtotal_of_decimals_deep_in_a_table_is_not_taken_for_wrong(tmp_path):
    """Amounts in tỷ đồng below a big one: "Cộng xã B" is 0,3, however large what is above it."""
    from danvan_cli.engine import pipeline
    from tests.generic_kind import activities_kind

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Thôn", "Đoàn thể", "Số nhà đại đoàn kết", "Kinh phí (tỷ đồng)"])
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 987654.17])
    sheet.append(["Cộng xã A", None, None, 1, 987654.17])
    sheet.append(["Xã B", "Thôn 1", "Hội Nông dân", 1, 0.1])
    sheet.append(["Xã B", "Thôn 2", "Hội Nông dân", 1, 0.2])
    sheet.append(["Cộng xã B", None, None, 2, 0.3])
    sheet.append(["Tổng cộng", None, None, 3, 987654.47])
    workbook.save(tmp_path / "h.xlsx")
    data = pipeline.check(activities_kind(), [str(tmp_path / "h.xlsx")])
    assert [(p.code, p.row) for p in data.problems if p.severity == "error"] == []
    assert data.subtotals["_row"].tolist() == [3, 6, 7]


def test_a_templates_subtotals_are_summed_without_copying_its_figures(tmp_path):
    """50 figures, six organisations, a "Cộng" row per commune: the rows a subtotal covers
    are summed from the records' own columns (no copy of the figures for all and for each
    organisation: seven times them)."""
    import tracemalloc

    from danvan_cli.engine.subtotals import check_subtotals, split_subtotals
    from danvan_cli.ingest.declared import load_declared
    from danvan_cli.kinds.template import load_template
    from tests.generic_kind import benchmark_sheet

    def wrong_total(sheet):  # the first commune's "Cộng" row
        sheet.loc[sheet["Thôn"].eq("Cộng").idxmax(), "Chỉ tiêu số 3"] += 1

    template, sheet = benchmark_sheet(tmp_path, 6000, wrong_total)
    data = load_declared(load_template(template), [str(sheet)])
    split_subtotals(data)
    figures = sum(data.records[m].to_numpy().nbytes for m in data.metrics)
    tracemalloc.start()
    check_subtotals(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    wrong = [p for p in data.problems if p.code == "subtotal_mismatch"]
    assert len(data.subtotals) == 34
    assert [(p.row, p.column, p.value, p.params) for p in wrong] == [
        (182, "Chỉ tiêu số 3", 2801, {"computed": 2800, "rows": "2–181"})
    ]
    assert peak < figures / 2
