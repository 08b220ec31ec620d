"""xlsxrows: row numbers given twice in a sheet's XML are found, whatever the tag's form."""

from __future__ import annotations

import json
import os
import re
import zipfile

import pytest

from danvan_cli.ingest import rawtable, read
from danvan_cli.ingest.fast import xlsxrows
from danvan_cli.ingest.fast.xlsxrows import RowOrder, repeated_rows
from tests.conftest import write_workbook
from tests.test_xlsxhalves import rewritten

ROWS = [
    ["Huyện A", "Xã B", "Thôn C", "Hội Nông dân", 1, 100, 50, 300, 200],
    ["Huyện A", "Xã B", "Thôn D", "Hội Nông dân", 1, 5, 5, 300, 200],
    ["Huyện A", "Xã B", "Thôn E", "Hội Nông dân", 1, 7, 5, 300, 200],
]


def numbered_twice(xml: bytes) -> bytes:
    """Excel row 3 (Thôn D) written as a second row 2."""
    return re.sub(rb'r="([A-Z]*)3"', rb'r="\g<1>2"', xml)


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(tmp_path / "xa.xlsx", ROWS, sheet="Số liệu")


def test_rows_in_order_are_not_repeated(workbook):
    assert repeated_rows(str(workbook), "Số liệu") == {}


TAG_FORMS = pytest.mark.parametrize(
    "form",
    [
        lambda xml: xml,
        lambda xml: re.sub(rb'<row r="(\d+)"', rb'<row spans="1:9" r="\1"', xml),
        lambda xml: re.sub(rb'<row r="(\d+)"', rb"<row spans='1:9' r = '\1'", xml),
        lambda xml: re.sub(rb'<row r="(\d+)"', rb'<row\n customFormat="1" r="\1"', xml),
    ],
    ids=["r_first", "spans_first", "single_quotes", "line_break"],
)


@TAG_FORMS
def test_a_row_numbered_twice_is_found_in_any_tag_form(workbook, tmp_path, form):
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", lambda x: form(numbered_twice(x)))
    assert repeated_rows(path, "Số liệu") == {2: 2}


def test_a_tag_cut_between_two_pieces_of_xml_is_read_whole(workbook, tmp_path, monkeypatch):
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", numbered_twice)
    for size in range(1, 64):
        monkeypatch.setattr(xlsxrows, "_CHUNK", size)
        assert repeated_rows(path, "Số liệu") == {2: 2}, size


def last_row_first(xml: bytes) -> bytes:
    """Excel row 4 written before row 2: out of order, no number given twice."""
    start = xml.index(b'<row r="4"')
    end = xml.index(b"</row>", start) + len(b"</row>")
    row, xml = xml[start:end], xml[:start] + xml[end:]
    return xml.replace(b'<row r="2"', row + b'<row r="2"')


def test_rows_out_of_order_are_not_repeated(workbook, tmp_path):
    path = rewritten(str(workbook), tmp_path / "lon_xon.xlsx", last_row_first)
    assert repeated_rows(path, "Số liệu") == {}


def order_seen(path: str, piece: int) -> bool | None:
    """`RowOrder.in_order` after reading the sheet's XML in pieces of `piece` bytes."""
    with (
        zipfile.ZipFile(path) as archive,
        RowOrder(archive.open("xl/worksheets/sheet1.xml")) as xml,
    ):
        while xml.read(piece):
            assert xml.in_order is None  # not told before the end
        return xml.in_order


@TAG_FORMS
@pytest.mark.parametrize(
    ("change", "in_order"),
    [(lambda xml: xml, True), (numbered_twice, False), (last_row_first, False)],
    ids=["in_order", "numbered_twice", "out_of_order"],
)
def test_the_rows_order_is_seen_through_pieces_of_any_size(
    workbook, tmp_path, form, change, in_order
):
    path = rewritten(str(workbook), tmp_path / "doc.xlsx", lambda x: form(change(x)))
    for piece in [*range(1, 80), 1 << 22]:
        assert order_seen(path, piece) is in_order, piece


def test_the_order_is_not_told_of_xml_read_in_part(workbook):
    with zipfile.ZipFile(workbook) as archive:
        xml = RowOrder(archive.open("xl/worksheets/sheet1.xml"))
        xml.read(100)
        assert xml.read(0) == b""
        assert xml.in_order is None


def test_summarize_reports_the_row_written_twice(cli, workbook, tmp_path, both_readers):
    """One reader keeps the second row 2 only: 5 members instead of 105, and it was valid;
    told whether the sheet is small (decoded whole) or big (decoded by columns)."""
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", numbered_twice)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["file"], p["sheet"], p["row"]) for p in problems] == [
        ("row_written_twice", path, "Số liệu", 2)
    ]
    assert "This row is written 2 times in the file" in cli(
        "validate", path, "--lang", "en"
    ).stdout.replace("\n", " ")


def test_a_big_sheet_is_looked_at_as_its_body_is_read(cli, workbook, tmp_path, monkeypatch):
    """A byte above the small-file size, the body is decoded by columns (`read_body`), and
    the rows' order is seen in the reading of the XML made before it (made for the rows
    alone when cells are not limited)."""
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", numbered_twice)
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", os.path.getsize(path) - 1)
    bodies, read_body = [], read.read_body

    def noted_read_body(source, *args):
        bodies.append((source.file, source.rows))
        return read_body(source, *args)

    monkeypatch.setattr(rawtable, "read_body", noted_read_body)
    for limit in ("30000000", "0"):
        result = cli("summarize", path, "--format", "json", "--max-cells", limit)
        problems = json.loads(result.stdout)["problems"]
        assert [(p["code"], p["file"], p["sheet"], p["row"]) for p in problems] == [
            ("row_written_twice", path, "Số liệu", 2)
        ], limit
    assert bodies == [(path, None)] * 2


@pytest.mark.parametrize(
    "change", [lambda xml: xml, last_row_first], ids=["in_order", "out_of_order"]
)
def test_only_rows_out_of_order_are_read_again(cli, workbook, tmp_path, monkeypatch, change):
    """Rows in order are told by the reading made already; rows out of order are read again
    to name those given twice, and none is."""
    path = rewritten(str(workbook), tmp_path / "doc.xlsx", change)
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)
    again = []
    monkeypatch.setattr(read, "repeated_rows", lambda *a: again.append(a) or repeated_rows(*a))
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rollups"]["commune"][0]["members"] == 112
    assert again == ([] if change is not last_row_first else [(path, "Số liệu")])
