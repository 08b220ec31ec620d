"""xlsxrows: row numbers given twice in a sheet's XML are found, whatever the tag's form."""

from __future__ import annotations

import json
import re

import pytest

from danvan_cli import xlsxrows
from danvan_cli.xlsxrows import repeated_rows
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


@pytest.mark.parametrize(
    "form",
    [
        lambda xml: xml,
        lambda xml: re.sub(rb'<row r="(\d+)"', rb'<row spans="1:9" r="\1"', xml),
        lambda xml: re.sub(rb'<row r="(\d+)"', rb"<row spans='1:9' r = '\1'", xml),
        lambda xml: re.sub(rb'<row r="(\d+)"', rb'<row\n customFormat="1" r="\1"', xml),
    ],
    ids=["r_first", "spans_first", "single_quotes", "line_break"],
)
def test_a_row_numbered_twice_is_found_in_any_tag_form(workbook, tmp_path, form):
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", lambda x: form(numbered_twice(x)))
    assert repeated_rows(path, "Số liệu") == {2: 2}


def test_a_tag_cut_between_two_pieces_of_xml_is_read_whole(workbook, tmp_path, monkeypatch):
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", numbered_twice)
    for size in range(1, 64):
        monkeypatch.setattr(xlsxrows, "_CHUNK", size)
        assert repeated_rows(path, "Số liệu") == {2: 2}, size


def test_rows_out_of_order_are_not_repeated(workbook, tmp_path):
    def last_row_first(xml: bytes) -> bytes:
        start = xml.index(b'<row r="4"')
        end = xml.index(b"</row>", start) + len(b"</row>")
        row, xml = xml[start:end], xml[:start] + xml[end:]
        return xml.replace(b'<row r="2"', row + b'<row r="2"')

    path = rewritten(str(workbook), tmp_path / "lon_xon.xlsx", last_row_first)
    assert repeated_rows(path, "Số liệu") == {}


def test_summarize_reports_the_row_written_twice(cli, workbook, tmp_path):
    """One reader keeps the second row 2 only: 5 members instead of 105, and it was valid."""
    path = rewritten(str(workbook), tmp_path / "hai_lan.xlsx", numbered_twice)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["sheet"], p["row"]) for p in problems] == [
        ("row_written_twice", "Số liệu", 2)
    ]
    assert "This row is written 2 times in the file" in cli(
        "validate", path, "--lang", "en"
    ).stdout.replace("\n", " ")
