"""The official workbook (`outputs.official`, `danvan summarize --official -o x.xlsx`): the
report table as an office files it, read back with openpyxl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from danvan_cli.engine import pipeline
from danvan_cli.ingest.titles import agency_in_title
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.outputs.heading import place_of
from danvan_cli.outputs.pdf import find_soffice
from tests.conftest import HAU_GIANG, HEADER, SAMPLES, SMALL_ROWS

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
ORG = "ỦY BAN MTTQ VIỆT NAM\\nTỈNH HẬU GIANG"  # as typed on the command line


def official(cli, tmp_path: Path, *args: object, name: str = "bao_cao.xlsx"):
    """`danvan summarize ARGS --official -o bao_cao.xlsx`: the workbook written (read with
    openpyxl, not read-only: merged cells and charts are read) and the result."""
    path = tmp_path / name
    result = cli("summarize", *args, "--official", "-o", path, "-q")
    assert path.is_file(), result.output
    return load_workbook(path), result


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The Hậu Giang sample's official workbook (seed 003's totals), with a heading."""
    from typer.testing import CliRunner

    from danvan_cli.cli.app import app

    path = tmp_path_factory.mktemp("official") / "bao_cao.xlsx"
    args = [str(HAU_GIANG), "--official", "-o", str(path), "--org-name", ORG]
    result = CliRunner().invoke(app, ["summarize", *args, "--period", "Năm 2020", "-q"])
    assert result.exit_code == 0, result.output
    return load_workbook(path)


def header_row(sheet) -> int:
    return next(row for row in range(1, 30) if sheet.cell(row, 1).value == "STT")


def columns(sheet) -> dict[tuple[str, str], int]:
    """(group, figure) -> column, from the two header rows (a group's name in the first
    cell of its merged range; a figure of no group over both rows: (figure, figure))."""
    row = header_row(sheet)
    found, group = {}, None
    for column in range(3, sheet.max_column + 1):
        top, figure = sheet.cell(row, column).value, sheet.cell(row + 1, column).value
        group = top if top is not None else group
        found[(group, figure if figure is not None else group)] = column
    return found


def body(sheet) -> list[list]:
    """The rows under the header down to and with "Tổng cộng" (or "Total")."""
    rows = []
    for row in sheet.iter_rows(min_row=header_row(sheet) + 2, values_only=True):
        rows.append(list(row))
        if row[1] in ("Tổng cộng", "Total"):
            return rows
    raise AssertionError("no total row")


def test_the_sheets_and_the_title_block(sample):
    assert sample.sheetnames == ["Huyện", "Xã", "Thôn", "Ghi chú", "Biểu đồ"]
    sheet = sample["Xã"]
    assert [sheet["A1"].value, sheet["A2"].value] == ["ỦY BAN MTTQ VIỆT NAM", "TỈNH HẬU GIANG"]
    right = next(c for c in sheet[1] if c.value == MOTTO[0]).column_letter
    assert sheet[f"{right}2"].value == MOTTO[1]
    assert sheet[f"{right}2"].font.underline == "single"
    assert sheet[f"{right}3"].value == "Hậu Giang, ngày ..... tháng ..... năm ........"
    assert sheet["A5"].value.startswith("BÁO CÁO TỔNG HỢP SỐ LƯỢNG TỔ CHỨC CƠ SỞ, ĐOÀN VIÊN")
    assert sheet["A6"].value == "Năm 2020"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    last = get_column_letter(sheet.max_column)
    assert {"A5:" + last + "5", "A6:" + last + "6", f"{right}1:{last}1"} <= merged


def test_the_header_spreads_each_organisation_over_its_figures(sample):
    sheet = sample["Xã"]
    assert header_row(sheet) == 8
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A8:A9", "B8:B9", "C8:N8"} <= merged  # all organisations: 12 figures
    found = columns(sheet)
    groups = [g for g, _ in found]
    assert list(dict.fromkeys(groups)) == [
        "Tổng số",
        "Mặt trận Tổ quốc",
        "Hội Nông dân",
        "Hội LHPN",
        "Đoàn Thanh niên",
        "Hội Cựu chiến binh",
        "Hội Người cao tuổi",
    ]
    assert found[("Hội Nông dân", "Số chi hội")] + 1 == found[("Hội Nông dân", "Số ĐV, HV")]
    start = found[("Hội Nông dân", "Số chi hội")]
    letters = [get_column_letter(c) for c in (start, start + 1)]
    assert f"{letters[0]}8:{letters[1]}8" in merged


def test_totals_and_subtotals_are_the_rollups(sample):
    rollup = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)]).rollup
    districts = rollup.tables["district"]
    districts = districts[districts["organization"] == "all"].set_index("district")
    sheet = sample["Xã"]
    found = columns(sheet)
    members, branches = found[("Tổng số", "Số ĐV, HV")], found[("Tổng số", "Số chi hội")]
    households = found[("Tổng số", "Tổng số hộ")]
    with_members = found[("Tổng số", "Hộ có ĐV, HV")]
    rows = body(sheet)
    total = rows[-1]
    assert [total[c - 1] for c in (members, branches, with_members, households)] == [
        307217,
        2090,
        161135,
        196898,
    ]
    groups = [r for r in rows[:-1] if r[0] in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    assert [g[1] for g in groups] == list(districts.index)
    for group in groups:
        assert group[members - 1] == districts.at[group[1], "members"]
        assert group[households - 1] == districts.at[group[1], "households"]
    # each group's communes add up to its row; the groups to the total
    first = rows.index(groups[0])
    communes = rows[first + 1 : rows.index(groups[1])]
    assert sum(r[members - 1] for r in communes) == groups[0][members - 1]
    assert sum(g[members - 1] for g in groups) == 307217
    farmers = found[("Hội Nông dân", "Số ĐV, HV")]
    by_org = rollup.total_by_organization.set_index("organization")
    assert total[farmers - 1] == by_org.at["nong_dan", "members"]


def test_stt_numbers_as_offices_do_and_names_are_not_repeated(sample):
    assert [r[0] for r in body(sample["Huyện"])[:3]] == ["1", "2", "3"]
    communes = body(sample["Xã"])
    assert [r[0] for r in communes[:3]] == ["I", "1", "2"]
    assert communes[0][1] == "Huyện Châu Thành" and communes[1][1].startswith(("Thị trấn", "Xã"))
    villages = body(sample["Thôn"])
    assert [r[0] for r in villages[:4]] == ["I", "1", "1.1", "1.2"]
    assert sum(1 for r in villages if r[1] == "Huyện Châu Thành") == 1
    assert villages[-1][0] is None


def test_fonts_borders_and_number_formats(sample):
    sheet = sample["Xã"]
    found = columns(sheet)
    first = header_row(sheet) + 2
    group, commune = sheet[first], sheet[first + 1]
    assert all(
        c.font.name == "Times New Roman" for row in sheet.iter_rows() for c in row if c.value
    )
    assert group[1].font.bold and not commune[1].font.bold
    for cell in (*sheet[header_row(sheet)][:3], *commune):  # (inside a merged range openpyxl
        # reads the outer edges only)
        assert {cell.border.left.style, cell.border.top.style} == {"thin"}, cell.coordinate
    assert commune[found[("Tổng số", "Số ĐV, HV")] - 1].number_format == "#,##0"
    assert commune[found[("Tổng số", "Tỷ lệ hộ có ĐV, HV")] - 1].number_format == "0.00%"
    assert commune[found[("Tổng số", "ĐV, HV/chi")] - 1].number_format == "#,##0.00"
    assert sheet.print_title_rows == "$8:$9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1


def test_the_signature_block_and_the_note_on_blanks(sample):
    sheet = sample["Xã"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    tail = texts[texts.index("Tổng cộng") :]
    assert "Ghi chú: ô để trống là đơn vị không báo cáo số liệu đó (không phải số 0)." in tail
    assert tail[-4:] == [
        "NGƯỜI LẬP BIỂU",
        "TM. BAN THƯỜNG TRỰC",
        "(Ký, ghi rõ họ tên)",
        "(Ký, ghi rõ họ tên)",
    ]


def test_the_chart_is_native_and_reads_its_sheet(sample):
    sheet = sample["Biểu đồ"]
    assert [c.value for c in sheet[1]][:3] == ["Huyện", "Số ĐV, HV", "Số chi hội"]
    assert sheet.max_row == 9  # the eight districts
    assert sum(sheet.cell(r, 2).value for r in range(2, 10)) == 307217
    charts = sheet._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart"]
    series = charts[0].series[0]
    assert series.val.numRef.f == "'Biểu đồ'!$B$2:$B$9"
    assert series.cat.strRef.f == "'Biểu đồ'!$A$2:$A$9"
    assert charts[1].series[0].val.numRef.f == "'Biểu đồ'!$C$2:$C$9"
    assert sheet.page_setup.fitToHeight == 1  # the charts print on one page


def test_figures_not_given_are_blank_and_rows_left_out_are_marked(cli, tmp_path, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[2][5] = "12a"  # Ấp 2's farmers: not a number, left out with --skip-invalid
    workbook, result = official(cli, tmp_path, make_workbook(rows), "--skip-invalid")
    assert result.exit_code == 1
    sheet = workbook["Thôn"]
    found = columns(sheet)
    villages = {r[1]: r for r in body(sheet)}
    assert set(villages) >= {"Ấp 10", "Ấp 2 (*)", "Ấp Dưới", "Xã Đông Phước (*)"}
    # Ấp Dưới has no Hội LHPN: its cells blank, not 0
    women = found[("Hội LHPN", "Số ĐV, HV")]
    assert villages["Ấp Dưới"][women - 1] is None
    assert villages["Ấp 10"][women - 1] == 480
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("(*) Đơn vị có 1 dòng số liệu bị loại khỏi tổng") for t in texts)
    notes = workbook["Ghi chú"]
    assert any(c.value == 4 for c in notes["D"])  # the row left out, by its Excel row


def test_english_labels_keep_the_motto(cli, tmp_path, make_workbook):
    workbook, result = official(cli, tmp_path, make_workbook(SMALL_ROWS), "--lang", "en")
    assert result.exit_code == 0
    sheet = workbook["Commune"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert MOTTO[0] in texts and MOTTO[1] in texts
    assert {"Unit", "All", "Total", "PREPARED BY", "FOR THE STANDING COMMITTEE"} <= set(texts)
    assert "Notes" in workbook.sheetnames and "Chart" in workbook.sheetnames


def test_the_issuing_body_and_period_come_from_the_files(cli, tmp_path, make_workbook):
    above = [
        ["ỦY BAN MTTQ VIỆT NAM", None, None, None, MOTTO[0]],
        ["HUYỆN CHÂU THÀNH", None, None, None, MOTTO[1]],
        [],
        ["BÁO CÁO SỐ LƯỢNG ĐOÀN VIÊN, HỘI VIÊN"],
        ["Quý III năm 2026"],
    ]
    path = make_workbook(SMALL_ROWS, HEADER, above=above)
    workbook, _ = official(cli, tmp_path, path, "--title", "BÁO CÁO QUÝ")
    sheet = workbook["Huyện"]
    assert [sheet["A1"].value, sheet["A2"].value] == ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN CHÂU THÀNH"]
    assert [sheet["A5"].value, sheet["A6"].value] == ["BÁO CÁO QUÝ", "Quý III năm 2026"]
    texts = [c.value for c in sheet[3] if c.value]
    assert texts == ["Châu Thành, ngày ..... tháng ..... năm ........"]


@pytest.mark.parametrize(
    ("stated", "heading"),
    [("Tháng 10 năm 2026", "October 2026"), ("Quý III năm 2026", "Q3 2026")],
)
def test_the_period_from_the_files_in_english_is_written_as_words(
    cli, tmp_path, make_workbook, stated, heading
):
    """--lang en writes a month as the English narrative names it, not as a code ("2026-10")."""
    above = [["ỦY BAN MTTQ VIỆT NAM"], ["HUYỆN CHÂU THÀNH"], [], ["BÁO CÁO"], [stated]]
    path = make_workbook(SMALL_ROWS, HEADER, above=above)
    workbook, result = official(cli, tmp_path, path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert workbook["District"]["A6"].value == heading


def test_without_a_heading_the_lines_are_left_to_fill_in(cli, tmp_path, make_workbook):
    workbook, _ = official(cli, tmp_path, make_workbook(SMALL_ROWS))
    sheet = workbook["Huyện"]
    assert set(sheet["A1"].value) == {"."}
    assert sheet["A6"].value.startswith("Kỳ báo cáo: ....")


def test_models_and_a_template_kind(cli, tmp_path):
    workbook, result = official(cli, tmp_path, SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx")
    assert result.exit_code == 0, result.output
    sheet = next(workbook[n] for n in workbook.sheetnames if n not in ("Ghi chú", "Biểu đồ"))
    assert sheet["A1"].value == "BAN DÂN VẬN THỊ ỦY HỒNG LĨNH"
    found = columns(sheet)
    assert next(iter(found))[0] == "Số mô hình"
    assert "Lĩnh vực" in {g for g, _ in found}
    assert body(sheet)[-1][found[("Số mô hình", "Đăng ký")] - 1] == 112  # seed 004
    assert workbook["Biểu đồ"]._charts
    template = SAMPLES / "activities.toml"
    data = SAMPLES / "hau_giang_2020_activities.xlsx"
    workbook, result = official(cli, tmp_path, data, "--template", template, name="hd.xlsx")
    assert result.exit_code == 0, result.output
    assert workbook.sheetnames[-2:] == ["Ghi chú", "Biểu đồ"]
    assert len(workbook["Biểu đồ"]._charts) == 1


def test_every_sheet_prints_on_a4_unless_a3_is_asked(sample, cli, tmp_path):
    assert [s.page_setup.paperSize for s in sample.worksheets] == [9] * 5  # A4
    a3, result = official(cli, tmp_path, HAU_GIANG, "--paper", "a3")
    assert result.exit_code == 0, result.output
    assert [(s.title, s.page_setup.paperSize) for s in a3.worksheets] == [
        ("Huyện", 8),
        ("Xã", 8),
        ("Thôn", 8),
        ("Ghi chú", 8),
        ("Biểu đồ", 8),
    ]
    assert a3["Xã"].page_setup.orientation == "landscape"
    assert a3["Xã"].sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "không có khổ giấy «A5»; chọn một trong: A4, A3."),
        ("en", "there is no paper size 'A5'; choose one of: A4, A3."),
    ],
)
def test_a_paper_size_not_known_is_a_usage_error(cli, tmp_path, lang, said):
    target = tmp_path / "bao_cao.xlsx"
    result = cli(
        "summarize", HAU_GIANG, "--official", "-o", target, "--paper", "A5", "--lang", lang
    )
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split())
    assert not target.exists()


def test_official_needs_an_xlsx_output(cli):
    result = cli("summarize", HAU_GIANG, "--official")
    assert result.exit_code == 2
    assert "-o TỆP.xlsx" in result.output


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--paper", "A3"], "--paper chỉ dùng cho bảng báo cáo chính thức"),
        (["--title", "Báo cáo", "--org-name", "BAN DÂN VẬN"], "--title, --org-name chỉ dùng"),
        (["--period", "Năm 2020"], "--period chỉ dùng"),
    ],
)
def test_the_official_options_without_official_are_a_usage_error(cli, tmp_path, given, said):
    target = tmp_path / "tong_hop.xlsx"
    result = cli("summarize", HAU_GIANG, "-o", target, *given)
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split())
    assert not target.exists()


def test_without_official_the_xlsx_stays_the_data_workbook(cli, tmp_path):
    path = tmp_path / "tong_hop.xlsx"
    assert cli("summarize", HAU_GIANG, "-o", path, "-q").exit_code == 0
    assert load_workbook(path, read_only=True)["Huyện"]["A1"].value == "STT"


def test_agency_and_place_in_titles():
    rows = [
        ["HỘI NÔNG DÂN TỈNH HẬU GIANG", None, None, "HỘI NÔNG DÂN VIỆT NAM"],
        ["BCH HỘI NÔNG DÂN HUYỆN VỊ THỦY", None, None, "Vị Thủy, ngày 25 tháng 6 năm 2020"],
        [],
        ["BÁO CÁO SỐ LƯỢNG CHI HỘI"],
    ]
    agency = agency_in_title(rows)
    assert agency == "HỘI NÔNG DÂN TỈNH HẬU GIANG\nBCH HỘI NÔNG DÂN HUYỆN VỊ THỦY"
    assert place_of(agency) == "Hậu Giang"
    assert place_of("THỊ ỦY HỒNG LĨNH\nBAN DÂN VẬN") == "Hồng Lĩnh"
    assert agency_in_title([["BÁO CÁO TỔNG HỢP"], ["Năm 2020"]]) is None
    assert agency_in_title([[None, MOTTO[0]], [None, MOTTO[1]]]) is None


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")
def test_official_pdf_prints_the_official_workbook(cli, tmp_path, make_workbook):
    target = tmp_path / "bao_cao.pdf"
    rows = make_workbook(SMALL_ROWS)
    result = cli("summarize", rows, "--official", "-o", target, "--paper", "A3", "-q")
    assert result.exit_code == 0, result.stderr
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    done = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True)
    text = " ".join(done.stdout.decode("utf-8").split())
    assert MOTTO[0] in text and "NGƯỜI LẬP BIỂU" in text and "2.734" in text
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, check=True)
    assert "Page size:       1190.55 x 841.89 pts (A3)" in info.stdout.decode()


def test_a_level_sheet_reads_its_table_once(tmp_path):
    """The header, written first, and the rows under it come from one pass over the
    level's rows (a country's villages are not made twice)."""
    import dataclasses

    from danvan_cli.outputs.heading import Heading
    from danvan_cli.outputs.membership import membership_report
    from danvan_cli.outputs.official import write_official_xlsx

    summary = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)])
    document = membership_report(summary.rollup, summary.levels, "vi")
    reads = {}

    def counted(table):
        def rows():
            reads[table.level] = reads.get(table.level, 0) + 1
            return table.rows()

        return dataclasses.replace(table, rows=rows)

    document.tables = [counted(t) if t.level else t for t in document.tables]
    path = tmp_path / "bao_cao.xlsx"
    heading = Heading(None, None, None)
    write_official_xlsx(path, document, summary.levels, ["village"], [], "vi", heading)
    assert summary.levels == ["district", "commune", "village"]
    assert reads["village"] == 1
    sheet = load_workbook(path)["Thôn"]
    villages = {tuple(row[:3]) for row in document.tables[2].rows()}
    assert len([row for row in body(sheet) if "." in (row[0] or "")]) == len(villages)
