"""xlsxpeek: the first rows of a sheet read from its XML as calamine reads them."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from danvan_cli.ingest.fast.xlsxpeek import peek_rows

TRICKY_TEXTS = [
    "Tỉnh/Thành phố",
    "Hội LHPN & Đoàn TN",  # an entity
    "  Xã Long Vĩnh ",  # spaces kept (xml:space="preserve")
    "Số hội viên\n(người)",  # a line break
    "a < b > c",
    "Thôn 1",
]


def _calamine_rows(path, rows: int) -> list[list[object]]:
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return sheet.to_python(skip_empty_area=False, nrows=rows)


def test_shared_strings_read_as_calamine_reads_them(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(TRICKY_TEXTS)
    bold = InlineFont(b=True)
    ws.append([CellRichText([TextBlock(bold, "Hội "), "Nông dân"]), "Xã A", 12, 3.5, True])
    ws.append(list(reversed(TRICKY_TEXTS)))
    wb.save(path)
    assert peek_rows(str(path), "Sheet", 3) == _calamine_rows(path, 3)
    assert peek_rows(str(path), "Sheet", 3)[1][0] == "Hội Nông dân"


def test_strings_far_down_the_shared_table(tmp_path):
    """A header whose strings come after thousands of others in the shared table."""
    path = tmp_path / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append([])  # the header's row, filled last so that its strings are stored last
    for i in range(3000):
        ws.append([f"Thôn {i}", f"Xã {i // 30}", i])
    for column, text in enumerate(TRICKY_TEXTS, start=1):
        ws.cell(row=1, column=column, value=text)
    wb.save(path)
    assert peek_rows(str(path), "Sheet", 4) == _calamine_rows(path, 4)


@pytest.mark.parametrize("prefixed", [False, True])
def test_a_shared_table_written_with_a_namespace_prefix(tmp_path, prefixed):
    """Some writers name elements "x:si", "x:t": read by the XML parser, as calamine does."""
    source, path = tmp_path / "s.xlsx", tmp_path / "t.xlsx"
    wb = Workbook()
    wb.active.append(TRICKY_TEXTS)
    wb.save(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if prefixed and info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"<sst xmlns=", b"<x:sst xmlns:x=").replace(
                    b"</sst>", b"</x:sst>"
                )
                for tag in (b"si", b"t"):
                    data = data.replace(b"<" + tag + b">", b"<x:" + tag + b">")
                    data = data.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
                    data = data.replace(b"</" + tag + b">", b"</x:" + tag + b">")
            new.writestr(info, data)
    assert peek_rows(str(path), "Sheet", 1) == [TRICKY_TEXTS]


def _workbook_with_sheet_xml(path, xml: bytes):
    wb = Workbook()
    wb.active.append(["x"])
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, xml if name == "xl/worksheets/sheet1.xml" else data)
    return path


_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def test_the_scan_for_formulas_without_values_reads_each_byte_about_once(tmp_path, monkeypatch):
    """A formula on top of many blank rows: each chunk was searched with all the rows before
    it (300 KB of file, 300 MB of blank rows: 70 s)."""
    from danvan_cli.ingest.fast import xlsxpeek

    rows = b"".join(b'<row r="%d" ht="15"/>' % n for n in range(3, 100_000))
    xml = (
        _SHEET
        + b'<sheetData><row r="2"><c r="E2"><f>SUM(A1:A2)</f></c></row>'
        + rows
        + b'<row r="100001"><c r="F100001"><f>A1</f><v></v></c></row></sheetData></worksheet>'
    )
    path = _workbook_with_sheet_xml(tmp_path / "t.xlsx", xml)
    searched = []
    pattern = xlsxpeek._FORMULA_WITHOUT_VALUE

    class Counting:
        def finditer(self, text):
            searched.append(len(text))
            return pattern.finditer(text)

    monkeypatch.setattr(xlsxpeek, "_SCAN_BYTES", 1 << 14)
    monkeypatch.setattr(xlsxpeek, "_FORMULA_WITHOUT_VALUE", Counting())
    assert xlsxpeek.formulas_without_values(str(path), "Sheet") == [(2, 4), (100001, 5)]
    assert sum(searched) < 2 * len(xml)


@pytest.mark.parametrize("engine", ["python", "re2"])
@pytest.mark.parametrize("piece", [None, 997])
def test_a_sheet_within_its_dimension_is_read_once_and_fits(tmp_path, monkeypatch, engine, piece):
    """The usual sheet (Excel, LibreOffice, openpyxl): one search of its XML, nothing more,
    wherever its pieces end (a cell cut off at the end of one is not taken as unusual)."""
    from danvan_cli.ingest.fast import xlsxpeek
    from danvan_cli.ingest.fast.xlsxpeek import far_corner

    if piece:
        monkeypatch.setattr(xlsxpeek, "_PEEK_BYTES", piece)
        monkeypatch.setattr(xlsxpeek, "_SCAN_BYTES", piece)
    monkeypatch.setattr(xlsxpeek, "_RE2_BYTES", 0 if engine == "re2" else 1 << 30)

    path = tmp_path / "t.xlsx"
    wb = Workbook()
    for i in range(2000):
        wb.active.append([f"Thôn {i}", "Xã A", i, i + 1])
    wb.save(path)
    opened = []

    def open_xml():
        opened.append(1)
        return zipfile.ZipFile(path).open("xl/worksheets/sheet1.xml")

    assert far_corner(open_xml, 26 * 9999) is None  # its references: one letter, four digits
    assert len(opened) == 1
    assert far_corner(open_xml, 8000) is None  # counted cell by cell: 2000 rows × 4 columns
    assert far_corner(open_xml, 7999) == (2000, 4)


@pytest.mark.parametrize(
    ("cells", "corner"),
    [
        (b'<row r="3"><c r="C3"><v>1</v></c></row>', (3, 3)),
        (b'<row r="3"><c r="XFD3" s="1"/></row>', None),  # formatted, holding nothing
        (b'<row r="3" spans="1:2"><c s="1" r="B7"><v>1</v></c></row>', (7, 2)),
        (b"<row><c/><c/><c><v>1</v></c></row><row/><row><c><v>1</v></c></row>", (3, 3)),
        (b'<row r="9"><c><v>1</v></c><c/><c><v>1</v></c></row>', (9, 3)),
    ],
)
def test_the_cells_laid_out_are_counted_from_a1(tmp_path, cells, corner):
    from danvan_cli.ingest.fast.xlsxpeek import far_corner

    xml = _SHEET + b'<dimension ref="A1"/><sheetData>' + cells + b"</sheetData></worksheet>"
    path = _workbook_with_sheet_xml(tmp_path / "t.xlsx", xml)

    def open_xml():
        return zipfile.ZipFile(path).open("xl/worksheets/sheet1.xml")

    assert far_corner(open_xml, 1) == corner
