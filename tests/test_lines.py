"""Rows as JSON and CSV lines: every cell's text, byte for byte."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from danvan_cli.outputs.lines import (
    csv_quoted,
    csv_separator,
    float_text,
    number_cells,
    write_csv_rows,
    write_json_rows,
)
from danvan_cli.text.safe_text import csv_cell


@pytest.mark.parametrize(
    "number, text",
    [
        (81.84, "81.84"),
        (100.0, "100.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (66.66666666666666, "66.66666666666666"),
        (0.0001, "0.0001"),
        (1e-05, "0.00001"),
        (-4.5e-05, "-0.000045"),
        (1e-06, "1e-6"),
        (2.5e-10, "2.5e-10"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (1.5e300, "1.5e+300"),
    ],
)
def test_a_ratio_is_written_positionally_from_1e_5_and_with_an_unpadded_exponent(number, text):
    assert float_text(number) == text
    assert number_cells(np.array([number]), ratio=True).to_pylist() == [text]


def test_ratios_of_every_size_read_as_their_own_text_and_back():
    numbers = np.array([2.5e-6, 1.25e-5, 0.5, 12.0, 81.83916, 3e9, 2e10, -7.0, np.nan])
    cells = number_cells(numbers, ratio=True).to_pylist()
    assert cells == [
        "2.5e-6", "0.0000125", "0.5", "12.0", "81.83916", "3000000000.0",
        "20000000000.0", "-7.0", None,
    ]  # fmt: skip
    assert [float(c) for c in cells[:-1]] == numbers[:-1].tolist()


def test_counts_are_whole_numbers_rounded_half_to_even():
    counts = np.array([1.0, 2.5, 3.5, np.nan, 307217.0, -4.0])
    assert number_cells(counts, ratio=False).to_pylist() == ["1", "2", "4", None, "307217", "-4"]


EXACT = ("household_coverage",)  # the ratio: written with its decimals


def level_table() -> pd.DataFrame:
    names = ['Xã "Mới"', "Thôn 1\\2", "Ấp\nHai", "=Tân An", "A, B", ""]
    return pd.DataFrame(
        {
            "commune": pd.Categorical([*names, None]),
            "organization": ["all", "nong_dan", "all", "all", "phu_nu", "all", None],
            "members": [10.0, 20.0, np.nan, 1e15, 0.0, 5.0, 7.0],
            "household_coverage": [81.84, np.nan, 100.0, 1e-05, 1e-06, 0.5, 2.0],
        }
    )


def test_json_rows_one_object_a_line_with_every_cell_as_written():
    stream = io.BytesIO()
    write_json_rows(stream, level_table(), EXACT)
    assert stream.getvalue().decode("utf-8").split("\n") == [
        '{"commune":"Xã \\"Mới\\"","organization":"all","members":10,"household_coverage":81.84},',
        '{"commune":"Thôn 1\\\\2","organization":"nong_dan","members":20,'
        '"household_coverage":null},',
        '{"commune":"Ấp\\nHai","organization":"all","members":null,"household_coverage":100.0},',
        '{"commune":"=Tân An","organization":"all","members":1000000000000000,'
        '"household_coverage":0.00001},',
        '{"commune":"A, B","organization":"phu_nu","members":0,"household_coverage":1e-6},',
        '{"commune":"","organization":"all","members":5,"household_coverage":0.5},',
        '{"commune":null,"organization":null,"members":7,"household_coverage":2.0}',
    ]
    rows = json.loads("[" + stream.getvalue().decode("utf-8") + "]")
    assert [row["commune"] for row in rows] == ['Xã "Mới"', "Thôn 1\\2", "Ấp\nHai", "=Tân An",
                                                "A, B", "", None]  # fmt: skip


def test_csv_rows_quoted_only_where_needed_and_formulas_neutralised():
    stream = io.BytesIO()
    write_csv_rows(stream, level_table(), csv_cell, EXACT)
    assert stream.getvalue().decode("utf-8") == (
        "commune,organization,members,household_coverage\n"
        '"Xã ""Mới""",all,10,81.84\n'
        "Thôn 1\\2,nong_dan,20,\n"
        '"Ấp\nHai",all,,100.0\n'
        "'=Tân An,all,1000000000000000,0.00001\n"
        '"A, B",phu_nu,0,1e-6\n'
        '"",all,5,0.5\n'
        ",,7,2.0\n"
    )


def test_csv_raw_leaves_a_formula_as_it_is():
    stream = io.BytesIO()
    write_csv_rows(stream, level_table().iloc[3:4], exact=EXACT)
    assert (
        stream.getvalue().decode("utf-8").split("\n")[1] == "=Tân An,all,1000000000000000,0.00001"
    )


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 7])
def test_rows_made_in_chunks_by_two_threads_come_out_in_order(monkeypatch, chunk_rows):
    table = level_table()
    whole_json, whole_csv = io.BytesIO(), io.BytesIO()
    write_json_rows(whole_json, table, exact=EXACT)
    write_csv_rows(whole_csv, table, exact=EXACT)
    monkeypatch.setattr("danvan_cli.outputs.lines.CHUNK_ROWS", chunk_rows)
    chunked_json, chunked_csv = io.BytesIO(), io.BytesIO()
    write_json_rows(chunked_json, table, exact=EXACT)
    write_csv_rows(chunked_csv, table, exact=EXACT)
    assert chunked_json.getvalue() == whole_json.getvalue()
    assert chunked_csv.getvalue() == whole_csv.getvalue()


def test_an_empty_text_is_quoted_a_plain_one_is_not():
    assert csv_quoted("") == '""'
    assert csv_quoted(" Ấp 1 ") == " Ấp 1 "
    assert csv_quoted("a\rb") == '"a\rb"'


def test_json_and_csv_outputs_need_no_polars(small_workbook, tmp_path):
    """polars (181 MB of the install) is not needed to write any output."""
    script = (
        "import sys\n"
        "from danvan_cli.cli.app import run\n"
        f"code = run(['summarize', {str(small_workbook)!r}, '-o', {str(tmp_path / 'x.json')!r},"
        f" '-o', {str(tmp_path / 'x.csv')!r}, '--format', 'csv'])\n"
        "assert code == 0, code\n"
        "assert 'polars' not in sys.modules, 'polars imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["total"]["members"] > 0


def test_csv_rows_with_a_semicolon_decimals_with_a_comma():
    """Where ";" separates a list, Excel reads decimals with a comma: ratios get one, counts
    and names are as they are; a cell holding ";" is quoted, one holding "," need not be."""
    table = pd.DataFrame(
        {"village": ["Ấp 1; 2", "Hội LHPN, chi hội"], "members": [1234.0, 5.0]}
    ).assign(household_coverage=[0.8184, np.nan])
    buffer = io.BytesIO()
    with csv_separator(";"):
        write_csv_rows(buffer, table, exact=EXACT)
    assert buffer.getvalue().decode() == (
        'village;members;household_coverage\n"Ấp 1; 2";1234;0,8184\nHội LHPN, chi hội;5;\n'
    )
    buffer = io.BytesIO()
    write_csv_rows(buffer, table, exact=EXACT)  # the comma again outside
    assert buffer.getvalue().decode().splitlines()[1] == "Ấp 1; 2,1234,0.8184"


def test_csv_rows_with_tabs():
    table = pd.DataFrame({"village": ["Ấp\t1", "Ấp 2"], "household_coverage": [0.5, 0.25]})
    buffer = io.BytesIO()
    with csv_separator("\t"):
        write_csv_rows(buffer, table, exact=EXACT)
    assert buffer.getvalue().decode() == ('village\thousehold_coverage\n"Ấp\t1"\t0.5\nẤp 2\t0.25\n')
