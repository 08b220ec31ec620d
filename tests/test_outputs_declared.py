"""Writing a declared kind's roll-up: table, JSON, CSV, Markdown and Excel, each with the
kind's labels and looks and the template's name and version."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from rich.console import Console

from danvan_cli.engine import pipeline
from danvan_cli.outputs.declared import (
    print_declared,
    write_declared_file,
    write_declared_markdown,
)
from danvan_cli.outputs.jsoncsv import to_text, write_csv, write_json
from tests.generic_kind import activities_kind, two_communes

KIND = activities_kind()


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return pipeline.summarize(KIND, two_communes(tmp_path_factory.mktemp("c")))


def test_json_names_the_template_and_what_each_figure_is(summary):
    text = to_text(write_json, KIND, summary.rollup, [], summary.levels, ["commune"], "en")
    document = json.loads(text)
    assert document["kind"] == "hoat_dong_thu"
    assert document["template"] == {"name": "hoat_dong_thu", "version": "2.1"}
    assert document["figures"]["houses"]["over_time"] == "flow"
    assert document["figures"]["members"]["over_time"] == "stock"
    assert document["figures"]["households"]["over_units"] == "once_per_lowest_unit"
    assert document["ratios"]["coverage"]["paired"] is True
    first = document["rollups"]["commune"][0]
    assert first == {
        "district": "Huyện Châu Thành",
        "commune": "Xã Tân An",
        "doan_the": "all",
        "houses": 6,
        "houses_value": 1.25,
        "members": 350,
        "households": 650,
        "households_with_members": 300,
        "coverage": 0.75,
        "value_per_house": pytest.approx(1.25 / 6),
    }
    assert document["total"]["houses_value"] == 3.25 and document["total"]["coverage"] == 0.8125
    assert document["total_by_doan_the"]["nong_dan"]["houses"] == 8
    assert document["ratio_units"] == {
        "level": "village",
        "units": 3,
        "coverage": 2,
        "value_per_house": 3,
    }


def test_csv_ends_each_row_with_the_template(summary):
    text = to_text(write_csv, KIND, summary.rollup, ["commune"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-2:] == ["template", "template_version"]
    assert rows[0][:5] == ["level", "district", "commune", "village", "doan_the"]
    assert rows[1] == [
        "commune",
        "Huyện Châu Thành",
        "Xã Tân An",
        "",
        "all",
        "6",
        "1.25",
        "350",
        "650",
        "300",
        "0.75",
        repr(1.25 / 6),
        "hoat_dong_thu",
        "2.1",
    ]
    total = ["total", "", "", "", "all", "11", "3.25", "700", "1850", "1300", "0.8125"]
    assert rows[-1][:11] == total


def test_markdown_and_table_open_with_the_template_line(summary):
    stream = io.StringIO()
    write_declared_markdown(stream, KIND, summary.rollup, ["district"], "vi")
    text = stream.getvalue()
    lines = text.splitlines()
    assert lines[0] == "# Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)"
    assert (
        "| Huyện Châu Thành | Tất cả | 11 | 3,25 | 700 | 1.850 | 1.300 | 81,25% | 0,30 |" in lines
    )
    assert "| Huyện Châu Thành | Hội Nông dân | 8 | 2,35 | 400 |  |  |  | 0,29 |" in lines
    assert "- Ghi chú: Tỷ lệ hộ có hội viên tính trên 2/3 thôn có đủ cả hai số liệu." in lines
    console = Console(width=200, file=io.StringIO(), markup=False)
    print_declared(console, KIND, summary.rollup, ["district"], "en")
    shown = console.file.getvalue()
    assert shown.splitlines()[0] == "Activities (template 'hoat_dong_thu', version 2.1)"
    assert "Household coverage" in shown and "81.25%" in shown and "1,850" in shown


def test_workbook_sheets_carry_the_template_and_the_looks(summary, tmp_path):
    path = tmp_path / "out.xlsx"
    rollup, levels = summary.rollup, summary.levels
    write_declared_file(path, KIND, rollup, summary.problems, levels, levels, "vi")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Huyện", "Xã", "Thôn", "Các vấn đề trong dữ liệu"]
    sheet = workbook["Xã"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Huyện", "Xã", "Đoàn thể", "Nhà đại đoàn kết")
    assert rows[1][:8] == (1, "Huyện Châu Thành", "Xã Tân An", "Tất cả", 6, 1.25, 350, 650)
    assert rows[2][:4] == (None, "Huyện Châu Thành", "Xã Tân An", "Hội Nông dân")
    assert rows[4][0] == 2  # the next unit
    assert rows[-1][0] == "Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)"
    looks = [sheet.cell(2, column).number_format for column in (5, 6, 10, 11)]
    assert looks == ["#,##0", "#,##0.00", "0.00%", "#,##0.00"]


def test_the_problems_sheet_carries_the_template_with_or_without_a_roll_up(summary, tmp_path):
    title = "Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)"
    levels = summary.levels
    for rollup in (summary.rollup, None):  # None: the errors-only workbook
        path = tmp_path / "out.xlsx"
        write_declared_file(path, KIND, rollup, summary.problems, levels, levels, "vi")
        sheet = load_workbook(path)["Các vấn đề trong dữ liệu"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[-1][0] == title
        assert len(rows) == 1 + len(summary.problems) + 2  # header, problems, blank, title


def test_a_templates_json_rounds_its_amounts_without_a_copy_of_each_table(tmp_path, monkeypatch):
    """Sums of tỷ đồng are rounded as typed; the other figures are written from the roll-up's
    own columns (the village level of a country is 700,000 rows of every figure)."""
    import tracemalloc

    from danvan_cli.kinds.template import load_template
    from tests.generic_kind import benchmark_sheet

    template, sheet = benchmark_sheet(tmp_path, 6000)
    kind = load_template(template)
    summary = pipeline.summarize(kind, [str(sheet)], skip_invalid=True)
    village = summary.rollup.tables["village"]
    figures = sum(village[f.code].to_numpy().nbytes for f in kind.figures)
    monkeypatch.setattr("danvan_cli.outputs.lines.CHUNK_ROWS", 700)  # as a country's is
    with (tmp_path / "x.json").open("wb") as stream:
        tracemalloc.start()
        write_json(stream, kind, summary.rollup, [], summary.levels, ["village"], "en")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rows = json.loads((tmp_path / "x.json").read_bytes())["rollups"]["village"]
    assert len(rows) == len(village)
    assert [rows[0][c] for c in ("f01", "f43")] == [31, 1.7]
    assert peak < figures / 2
