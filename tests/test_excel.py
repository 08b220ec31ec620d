"""excel: the .xlsx output read back with openpyxl: a sheet per level, totals, problems."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.outputs.membership import MEMBERSHIP_WRITERS
from tests.conftest import SMALL_ROWS

PROBLEMS_VI = "Các vấn đề trong dữ liệu"


@pytest.fixture
def summary(small_workbook):
    result = pipeline.summarize(MEMBERSHIP, [str(small_workbook)])
    assert result.exit_code == 0
    return result


def written(tmp_path, summary, shown=None, lang="vi", rollup=True):
    path = tmp_path / "tong_hop.xlsx"
    shown = summary.levels if shown is None else shown
    MEMBERSHIP_WRITERS.xlsx(path, summary.rollup if rollup else None, summary.problems, shown, lang)
    return load_workbook(path)


def values(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_a_sheet_per_level_then_totals_then_problems(tmp_path, summary):
    workbook = written(tmp_path, summary)
    assert workbook.sheetnames == ["Huyện", "Xã", "Thôn", "Tổng cộng", PROBLEMS_VI]


def test_only_the_levels_shown(tmp_path, summary):
    workbook = written(tmp_path, summary, shown=["commune"])
    assert workbook.sheetnames == ["Xã", "Tổng cộng", PROBLEMS_VI]


def test_sheet_names_in_english(tmp_path, summary):
    workbook = written(tmp_path, summary, lang="en")
    assert workbook.sheetnames == [
        "District",
        "Commune",
        "Village",
        "Total",
        "Problems in the data",
    ]
    assert workbook["District"]["B1"].value == "District"


def test_district_sheet_figures(tmp_path, summary):
    rows = values(written(tmp_path, summary)["Huyện"])
    assert rows[0] == (
        "STT",
        "Huyện",
        "Đoàn thể",
        "Số chi hội",
        "Số ĐV, HV",
        "ĐV, HV sinh hoạt",
        "Tổng số hộ",
        "Hộ có ĐV, HV",
        "Tỷ lệ hộ có ĐV, HV",
        "Tỷ lệ sinh hoạt",
        "ĐV, HV/chi",
    )
    assert rows[1][:8] == (1, "Huyện Châu Thành", "Tất cả", 5, 1600, 1300, 2050, 1700)
    assert rows[1][8] == pytest.approx(1700 / 2050)
    # Per-organisation rows: their own figures, no household figures.
    assert rows[2][:10] == (
        None,  # STT numbers the units; their organisations follow unnumbered
        "Huyện Châu Thành",
        "Hội Nông dân",
        3,
        970,
        800,
        None,
        None,
        None,
        pytest.approx(800 / 970),
    )
    assert [r[2] for r in rows[1:-1]] == [
        "Tất cả",
        "Hội Nông dân",
        "Hội LHPN",
        "Đoàn Thanh niên",
        "Tất cả",
        "Hội Nông dân",
        "Hội Cựu chiến binh",
    ]
    assert [r[0] for r in rows[1:-1]] == [1, None, None, None, 2, None, None]
    total = rows[-1]
    assert total[1] == "Tổng cộng"
    assert total[3:8] == (9, 2734, 2200, 4500, 3280)
    assert total[8] == pytest.approx(3280 / 4500)


def test_village_sheet_holds_the_whole_path(tmp_path, summary):
    rows = values(written(tmp_path, summary)["Thôn"])
    assert rows[0][:5] == ("STT", "Huyện", "Xã", "Thôn", "Đoàn thể")
    all_rows = [r for r in rows[1:-1] if r[4] == "Tất cả"]
    assert [(r[3], r[5], r[6], r[8]) for r in all_rows] == [
        ("Ấp 2", 2, 500, 800),
        ("Ấp 10", 3, 1100, 1250),
        ("Ấp Dưới", 4, 1134, 2450),
    ]
    assert rows[-1][5:10] == (9, 2734, 2200, 4500, 3280)


def test_totals_sheet(tmp_path, summary):
    rows = values(written(tmp_path, summary)["Tổng cộng"])
    assert rows[0][:5] == ("STT", "Đoàn thể", "Số chi hội", "Số ĐV, HV", "ĐV, HV sinh hoạt")
    assert [r[:5] for r in rows[1:]] == [
        (1, "Hội Nông dân", 6, 1870, 1500),
        (2, "Hội LHPN", 1, 480, 400),
        (3, "Đoàn Thanh niên", 1, 150, 100),
        (4, "Hội Cựu chiến binh", 1, 234, 200),
        (None, "Tổng cộng", 9, 2734, 2200),
    ]
    assert rows[-1][5:7] == (4500, 3280)


def test_number_formats_and_font(tmp_path, summary):
    sheet = written(tmp_path, summary)["Huyện"]
    assert sheet["D2"].number_format == "#,##0"  # branches
    assert sheet["I2"].number_format == "0.00%"  # household coverage
    assert sheet["K2"].number_format == "#,##0.00"  # members per branch
    assert sheet["A1"].font.name == "Times New Roman"
    assert sheet["A1"].font.bold
    assert not sheet["B2"].font.bold
    assert sheet.cell(sheet.max_row, 2).font.bold  # the totals row


@pytest.mark.parametrize(("lang", "footer"), [("vi", "Trang &P/&N"), ("en", "Page &P of &N")])
def test_every_sheet_prints_on_a4_landscape_with_its_header(tmp_path, summary, lang, footer):
    for sheet in written(tmp_path, summary, lang=lang):
        assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.oddFooter.center.text == footer


def test_problems_sheet(tmp_path, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "12a"
    path = make_workbook(rows)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)], skip_invalid=True)
    out = tmp_path / "out.xlsx"
    MEMBERSHIP_WRITERS.xlsx(out, summary.rollup, summary.problems, summary.levels, "vi")
    rows_written = values(load_workbook(out)[PROBLEMS_VI])
    assert rows_written[0] == ("Mức", "Tệp", "Trang", "Dòng", "Cột", "Giá trị", "Nội dung", "Cần")
    assert rows_written[1] == (
        "Lỗi",
        str(path),
        "Data",
        3,
        "Số hội viên",
        "12a",
        "Giá trị «12a» ở cột «Số hội viên» không phải là số.",
        "một số nguyên ≥ 0",
    )
    assert rows_written[2][:5] == ("Cảnh báo", str(path), "Data", 3, None)
    assert len(rows_written) == 3


def test_nothing_summed_gives_only_the_problems_sheet(tmp_path, summary):
    workbook = written(tmp_path, summary, rollup=False)
    assert workbook.sheetnames == [PROBLEMS_VI]


def test_a_workbook_that_cannot_be_made_leaves_nothing(tmp_path, summary):
    """No folder: the error reaches the caller (who says it), and no sheet was begun."""
    path = tmp_path / "khong_co" / "tong_hop.xlsx"
    with pytest.raises(FileNotFoundError):
        MEMBERSHIP_WRITERS.xlsx(path, summary.rollup, summary.problems, summary.levels, "vi")
    assert list(tmp_path.iterdir()) == [tmp_path / "bao_cao.xlsx"]


@pytest.mark.parametrize(
    "lang, note, warning", [("vi", "Ghi chú", "Cảnh báo"), ("en", "Note", "Warning")]
)
def test_notes_are_named_notes_in_the_problems_sheet_and_markdown(
    cli, tmp_path, lang, note, warning
):
    """A note (the signature block, the "Cộng" row, the commune taken from the title) is
    called a note in the .xlsx problems sheet and the Markdown, as on screen: not a warning."""
    from tests.conftest import write_commune_report

    report = write_commune_report(tmp_path / "tan_an.xlsx", "Tân An")
    book, text = tmp_path / "out.xlsx", tmp_path / "out.md"
    for out in (book, text):
        assert cli("summarize", report, "-o", out, "--lang", lang).exit_code == 0
    sheet = load_workbook(book).worksheets[-1]
    severities = [row[0] for row in values(sheet)[1:]]
    assert severities and set(severities) == {note}
    problem_lines = [line for line in text.read_text("utf-8").splitlines() if "tan_an.xlsx" in line]
    assert len(problem_lines) == len(severities)
    assert all(line.startswith(f"| {note} |") for line in problem_lines)
    assert not any(warning in line for line in problem_lines)
