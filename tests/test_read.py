"""read (and load): files and globs, sheets, CSV dialects, where each row comes from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.engine.summarize import load_membership
from danvan_cli.ingest.csvtext import CSV_SAMPLE_BYTES as CSV_SAMPLE
from danvan_cli.ingest.paths import expand_paths
from danvan_cli.ingest.read import open_sheets
from tests.conftest import HEADER, SMALL_ROWS, cp1258, write_csv, write_workbook

ROW = ["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 2, 40, 30, 100, 80]


def codes(problems) -> list[str]:
    return [p.code for p in problems]


# --- paths and globs ------------------------------------------------------------------------


def test_glob_expands_to_the_matching_files_in_order(tmp_path):
    for name in ("xa_b.xlsx", "xa_a.xlsx", "huyen.xlsx"):
        write_workbook(tmp_path / name, [ROW])
    files, problems = expand_paths([str(tmp_path / "xa_*.xlsx")])
    assert files == [tmp_path / "xa_a.xlsx", tmp_path / "xa_b.xlsx"]
    assert problems == []


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write_workbook(tmp_path / "xa_a.xlsx", [ROW])
    files, problems = expand_paths([str(path), str(tmp_path / "*.xlsx"), str(path)])
    assert files == [path]
    assert problems == []


def test_a_file_named_two_ways_is_read_once_under_its_first_name(tmp_path):
    path = write_workbook(tmp_path / "xa_a.xlsx", [ROW])
    (tmp_path / "sub").mkdir()
    link = tmp_path / "lien_ket.xlsx"
    link.symlink_to(path.name)
    names = [str(path), str(tmp_path / "sub" / ".." / "xa_a.xlsx"), str(link)]
    assert expand_paths(names) == ([path], [])
    assert expand_paths(names[::-1]) == ([link], [])


def test_a_file_whose_name_looks_like_a_glob_is_that_file(tmp_path):
    """ "bao_cao[1].xlsx" names a file; only when there is none is it a pattern."""
    named = write_workbook(tmp_path / "bao_cao[1].xlsx", [ROW])
    other = write_workbook(tmp_path / "bao_cao1.xlsx", [ROW])
    assert expand_paths([str(named)]) == ([named], [])
    assert expand_paths([str(tmp_path / "bao_cao[12].xlsx")]) == ([other], [])


def test_a_glob_in_a_folder_whose_name_has_brackets(tmp_path):
    folder = tmp_path / "Báo cáo [2018]"
    (folder / "thang_1").mkdir(parents=True)
    path = write_workbook(folder / "xa_a.xlsx", [ROW])
    deeper = write_workbook(folder / "thang_1" / "xa_b.xlsx", [ROW])
    (tmp_path / "Báo cáo 2").mkdir()  # what "[2018]" would match as a pattern
    write_workbook(tmp_path / "Báo cáo 2" / "khac.xlsx", [ROW])
    assert expand_paths([str(folder / "*.xlsx")]) == ([path], [])
    assert expand_paths([str(folder / "**" / "*.xlsx")]) == ([deeper, path], [])


def test_missing_file_and_glob_matching_nothing(tmp_path):
    missing = str(tmp_path / "khong_co.xlsx")
    pattern = str(tmp_path / "xa_*.xlsx")
    files, problems = expand_paths([missing, pattern])
    assert files == []
    assert [(p.severity, p.code, p.file) for p in problems] == [
        ("error", "file_not_found", missing),
        ("error", "file_not_found", pattern),
    ]
    assert missing in problems[0].message("vi")


def test_a_folder_is_not_a_file(tmp_path):
    files, problems = expand_paths([str(tmp_path)])
    assert files == []
    assert codes(problems) == ["file_not_found"]


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "bao_cao.docx"
    path.write_bytes(b"PK")
    files, problems = expand_paths([str(path)])
    assert files == []
    assert [(p.code, p.file, dict(p.params)) for p in problems] == [
        ("unsupported_format", str(path), {"suffix": ".docx"})
    ]
    assert "«.docx»" in problems[0].message("vi")


def test_no_paths_at_all():
    assert codes(expand_paths([])[1]) == ["no_input"]


@pytest.mark.parametrize("suffix", [".XLSX", ".Csv"])
def test_suffixes_are_matched_without_case(tmp_path, suffix):
    path = tmp_path / f"bao_cao{suffix}"
    path.write_bytes(b"")
    files, problems = expand_paths([str(path)])
    assert files == [path]
    assert problems == []


# --- sheets ---------------------------------------------------------------------------------


def three_sheet_workbook(path: Path) -> Path:
    workbook = Workbook()
    data = workbook.active
    data.title = "Số liệu"
    data.append(HEADER)
    data.append(ROW)
    hidden = workbook.create_sheet("Bản cũ")
    hidden.append(HEADER)
    hidden.append(ROW)
    hidden.sheet_state = "hidden"
    notes = workbook.create_sheet("Ghi chú")
    notes.append(["Số liệu tính đến 31/12/2020"])
    workbook.save(path)
    return path


def test_hidden_sheets_are_passed_over_and_noted(tmp_path):
    path = three_sheet_workbook(tmp_path / "bao_cao.xlsx")
    sources, problems = open_sheets(path, None)
    assert [s.sheet for s in sources] == ["Số liệu", "Ghi chú"]
    assert [(p.severity, p.code, p.file, p.sheet) for p in problems] == [
        ("warning", "sheet_hidden", str(path), "Bản cũ")
    ]


def test_a_hidden_sheet_adds_nothing_to_the_data(tmp_path):
    path = three_sheet_workbook(tmp_path / "bao_cao.xlsx")
    data = load_membership([str(path)])
    assert data.records["members"].sum() == 40
    assert "sheet_hidden" in codes(data.problems)
    assert ("warning", "no_table", "Ghi chú") in [
        (p.severity, p.code, p.sheet) for p in data.problems
    ]


def test_sheet_asked_for_by_name_is_read_even_if_hidden(tmp_path):
    path = three_sheet_workbook(tmp_path / "bao_cao.xlsx")
    sources, problems = open_sheets(path, "Bản cũ")
    assert [s.sheet for s in sources] == ["Bản cũ"]
    assert problems == []


def test_sheet_not_found_names_the_sheets_there_are(tmp_path):
    path = three_sheet_workbook(tmp_path / "bao_cao.xlsx")
    sources, problems = open_sheets(path, "Tổng hợp")
    assert sources == []
    assert [(p.severity, p.code, p.file) for p in problems] == [
        ("error", "sheet_not_found", str(path))
    ]
    message = problems[0].message("vi")
    assert "«Tổng hợp»" in message
    assert "Số liệu, Bản cũ, Ghi chú" in message


def test_a_broken_workbook_is_unreadable(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"\x00\xff\xfe this is not a zip file")
    sources, problems = open_sheets(path, None)
    assert sources == []
    assert [(p.code, p.file) for p in problems] == [("file_unreadable", str(path))]


def test_row_numbers_are_the_ones_excel_shows(tmp_path):
    above = [["BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN"], ["Năm 2020"], []]
    path = write_workbook(tmp_path / "bao_cao.xlsx", SMALL_ROWS, above=above, sheet="Số liệu")
    data = load_membership([str(path)])
    assert data.tables[0].header_row == 4
    assert data.records["_row"].tolist() == [5, 6, 7, 8, 9, 10]
    assert data.records["village"].tolist()[:2] == ["Ấp 10", "Ấp 10"]


def test_blank_rows_inside_the_table_are_skipped_but_numbering_is_kept(tmp_path):
    rows = [SMALL_ROWS[0], [None] * len(HEADER), SMALL_ROWS[2]]
    path = write_workbook(tmp_path / "bao_cao.xlsx", rows)
    data = load_membership([str(path)])
    assert data.records["_row"].tolist() == [2, 4]


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [True, False])
def test_csv_dialects(make_csv, delimiter, bom):
    path = make_csv(SMALL_ROWS, delimiter=delimiter, bom=bom)
    data = load_membership([str(path)])
    assert [p for p in data.problems if p.severity == "error"] == []
    table = data.tables[0]
    assert table.sheet is None
    assert table.mapping.headers[0] == "Huyện"  # no BOM glued to the first header
    assert table.mapping.fields[0] == "district"
    assert data.records["members"].sum() == 2734
    assert data.records["_row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert data.records["village"].tolist()[0] == "Ấp 10"


def test_csv_numbers_written_the_vietnamese_way(make_csv):
    rows = [
        ["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", "2", "1.234", "1.000", "2.500", "-"],
        ["Huyện A", "Xã B", "Ấp D", "Hội Nông dân", "1", "45", "", "300", "200"],
    ]
    path = make_csv(rows, delimiter=";", bom=True)
    data = load_membership([str(path)])
    assert [p.code for p in data.problems] == []
    assert data.records["members"].tolist() == [1234, 45]
    assert data.records["members_attending"].tolist() == [1000, 0]
    assert data.records["households"].tolist() == [2500, 300]


def test_csv_not_in_utf8(tmp_path):
    path = tmp_path / "bao_cao.csv"
    path.write_bytes("Xã;Thôn;Số hội viên\nA;B;1\n".encode("utf-16-le"))
    sources, problems = open_sheets(path, None)
    assert sources == []
    assert [(p.code, p.file) for p in problems] == [("csv_encoding", str(path))]


def test_csv_saved_by_excel_in_windows_1258(tmp_path):
    """Excel's "CSV (Comma delimited)" on a Vietnamese Windows: read, in NFC, with a note."""
    path = write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS, encode=cp1258)
    assert b"Ph\xf9" not in path.read_bytes() and cp1258("Phước") in path.read_bytes()
    data = load_membership([str(path)])
    assert [(p.code, p.severity, p.params) for p in data.problems] == [
        ("csv_code_page", "warning", {"encoding": "Windows-1258"})
    ]
    assert data.records["commune"].unique().tolist() == ["Xã Đông Phước", "Xã Long Bình"]
    assert data.records["members"].sum() == 2734


def test_csv_typed_in_tcvn3_fonts(tmp_path):
    """TCVN3 bytes (a .VnTime sheet saved as CSV): read as Windows-1252, then converted."""
    from danvan_cli.text.legacy_encoding import from_unicode

    def tcvn3(text: str) -> bytes:
        return from_unicode(text, "tcvn3").encode("cp1252")

    path = write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS, encode=tcvn3)
    data = load_membership([str(path)])
    assert ("csv_code_page", {"encoding": "Windows-1252"}) in [
        (p.code, p.params) for p in data.problems
    ]
    assert "legacy_text" in {p.code for p in data.problems}
    assert data.records["commune"].unique().tolist() == ["Xã Đông Phước", "Xã Long Bình"]
    assert data.records["members"].sum() == 2734


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Xã,Thôn\nĐông Phước,Ấp 1\n".encode(), "utf-8-sig"),
        (b"x" * (CSV_SAMPLE - 2) + "ộ".encode()[:2], "utf-8-sig"),  # a sample cut in a letter
        ("Xã,Thôn\nĐông Phước,Ấp 1\n".encode() + "ộ".encode()[:2], None),  # a file cut in one
        (b"\xef\xbb\xbf" + "Xã".encode(), "utf-8-sig"),
        (cp1258("Xã,Thôn\nĐông Phước,Ấp Mỹ Hòa\n"), "cp1258"),
        ("Café,Zürich,Genève\n".encode("cp1252"), None),  # Western text: not read as Vietnamese
        ("Xã;Thôn".encode("utf-16-le"), None),
    ],
)
def test_csv_encoding(data, encoding):
    from danvan_cli.ingest.csvtext import csv_encoding

    assert csv_encoding(data) == encoding


def test_inputs_are_only_read(tmp_path, make_csv):
    workbook = write_workbook(tmp_path / "bao_cao.xlsx", SMALL_ROWS)
    csv_file = make_csv(SMALL_ROWS, bom=True)
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in (workbook, csv_file)}
    load_membership([str(workbook), str(csv_file)])
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao_cao.xlsx", "report.csv"]


def test_csv_with_an_unused_last_column(make_csv):
    rows = [[*row, "ghi chú"] for row in SMALL_ROWS]
    path = make_csv(rows, header=[*HEADER, "Ghi chú"])
    data = load_membership([str(path)])
    assert [(p.code, p.column) for p in data.problems] == [("column_no_figures", "Ghi chú")]
    assert data.records["_row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert data.records["members"].sum() == 2734


@pytest.mark.parametrize("change", ["extra_cell", "missing_cells"])
def test_csv_rows_with_a_different_number_of_cells(make_csv, change):
    rows = [list(row) for row in SMALL_ROWS]
    rows[2] = [*rows[2], "lạc"] if change == "extra_cell" else rows[2][:7]
    path = make_csv(rows)
    data = load_membership([str(path)])
    assert data.records["_row"].tolist() == [2, 3, 4, 5, 6, 7]


def test_a_body_decoded_ahead_for_another_header_is_let_go(make_csv, monkeypatch):
    from concurrent.futures import Future

    from danvan_cli.ingest import read

    path = make_csv(SMALL_ROWS)
    (source,), _ = read.open_sheets(path, None)
    stale = (source.file, None, 5, (0, 1), frozenset({0}))  # a header found elsewhere
    monkeypatch.setitem(read._DECODING, stale, Future())
    body = read.read_body(source, 0, list(range(len(HEADER))), {0, 1, 2, 3})
    assert len(body) == len(SMALL_ROWS) and body.index[0] == 2
    assert stale not in read._DECODING


def test_a_csv_that_fails_is_not_called_misnamed(tmp_path):
    from danvan_cli.ingest.paths import unreadable_file

    path = write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS)
    problem = unreadable_file(path, ValueError("CSV parse error"))
    assert (problem.code, problem.params) == ("file_unreadable", {"reason": "CSV parse error"})


def test_csv_with_line_breaks_in_title_and_header_cells(tmp_path):
    """Cells above the body that hold a line break: the body starts after the header row,
    however many lines the rows above it take; rows keep their numbers as Excel shows them."""
    import csv
    import io

    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(["Báo cáo\nnăm 2020"])
    writer.writerow([h.replace(", ", ",\n") for h in HEADER])
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "nhiều"
    writer.writerows(rows)
    path = tmp_path / "bao_cao.csv"
    path.write_bytes(text.getvalue().encode())
    data = load_membership([str(path)])
    assert [(p.code, p.row, p.value) for p in data.problems] == [("not_a_number", 4, "nhiều")]
    assert data.records["members"].sum() == 2734 - 480
