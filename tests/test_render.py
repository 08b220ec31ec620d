"""render and terminal: the JSON contract, CSV, Markdown, tables on screen, atomic writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.model.problems import Problem
from danvan_cli.outputs import render
from danvan_cli.outputs.jsoncsv import to_text, write_csv, write_json
from danvan_cli.outputs.membership import MEMBERSHIP_WRITERS
from danvan_cli.outputs.render import write_atomic, write_text_file
from danvan_cli.outputs.terminal import print_problems, verdict
from danvan_cli.text.formatting import plain_number
from tests.conftest import SMALL_ROWS, SMALL_TOTAL

RATIO_KEYS = ("household_coverage", "attendance_rate", "members_per_branch")
COUNT_KEYS = tuple(SMALL_TOTAL)


@pytest.fixture
def summary(small_workbook):
    result = pipeline.summarize(MEMBERSHIP, [str(small_workbook)])
    assert result.exit_code == 0
    return result


def document_of(summary, shown=None, lang="vi", rollup=True) -> dict:
    shown = summary.levels if shown is None else shown
    text = to_text(
        write_json,
        MEMBERSHIP,
        summary.rollup if rollup else None,
        summary.problems,
        summary.levels,
        shown,
        lang,
    )
    return json.loads(text)


# --- JSON -----------------------------------------------------------------------------------


def test_json_contract_keys_and_types(summary):
    document = document_of(summary)
    assert list(document) == [
        "kind",
        "levels",
        "rollups",
        "total",
        "total_by_organization",
        "ratio_units",
        "problems",
    ]
    assert document["kind"] == "membership"
    assert document["levels"] == ["district", "commune", "village"]
    assert list(document["rollups"]) == ["district", "commune", "village"]
    assert document["problems"] == []
    for level, rows in document["rollups"].items():
        for row in rows:
            assert isinstance(row["organization"], str)
            for key in COUNT_KEYS:
                value = row[key]
                if row["organization"] == "all" or key in (
                    "branches",
                    "members",
                    "members_attending",
                ):
                    assert type(value) is int, (level, key, value)
                else:
                    assert value is None, (level, key, value)
            for key in RATIO_KEYS:
                assert row[key] is None or isinstance(row[key], float | int), (level, key)
    for key in COUNT_KEYS:
        assert type(document["total"][key]) is int


def test_json_figures(summary):
    document = document_of(summary)
    total = document["total"]
    assert {k: total[k] for k in COUNT_KEYS} == SMALL_TOTAL
    assert total["household_coverage"] == pytest.approx(3280 / 4500)
    assert total["attendance_rate"] == pytest.approx(2200 / 2734)
    assert total["members_per_branch"] == pytest.approx(2734 / 9)
    assert document["rollups"]["district"][0] == {
        "district": "Huyện Châu Thành",
        "organization": "all",
        "branches": 5,
        "members": 1600,
        "members_attending": 1300,
        "households": 2050,
        "households_with_members": 1700,
        "household_coverage": pytest.approx(1700 / 2050),
        "attendance_rate": pytest.approx(1300 / 1600),
        "members_per_branch": pytest.approx(320.0),
    }
    village = document["rollups"]["village"][0]
    assert list(village)[:4] == ["district", "commune", "village", "organization"]
    assert (village["commune"], village["village"]) == ("Xã Đông Phước", "Ấp 2")
    nong_dan = document["total_by_organization"]["nong_dan"]
    assert (nong_dan["branches"], nong_dan["members"], nong_dan["members_attending"]) == (
        6,
        1870,
        1500,
    )
    assert list(document["total_by_organization"]) == [
        "nong_dan",
        "phu_nu",
        "thanh_nien",
        "cuu_chien_binh",
    ]


def test_json_rows_one_a_line_even_with_quotes_commas_and_backslashes(make_workbook):
    rows = [
        ['Huyện "Mới"', "Xã A, B", "Thôn 1\\2", "Hội Nông dân", 1, 10, 8, 20, 15],
        ['Huyện "Mới"', "Xã A, B", "Thôn 3", "Hội Nông dân", 2, 30, 20, 40, 25],
    ]
    result = pipeline.summarize(MEMBERSHIP, [str(make_workbook(rows))])
    text = to_text(
        write_json, MEMBERSHIP, result.rollup, result.problems, result.levels, result.levels, "vi"
    )
    village = json.loads(text)["rollups"]["village"]
    assert [(r["district"], r["commune"], r["village"]) for r in village[:1]] == [
        ('Huyện "Mới"', "Xã A, B", "Thôn 1\\2")
    ]
    lines = text.splitlines()
    first = lines.index('"village": [') + 1
    # each row a line of its own, a comma after every one but the last
    assert [json.loads(line.rstrip(","))["members"] for line in lines[first : first + 4]] == [
        10,
        10,
        30,
        30,
    ]
    assert lines[first + 3].endswith("}") and lines[first + 2].endswith("},")


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
def test_json_and_csv_rows_encoded_in_chunks_read_as_in_one(summary, monkeypatch, chunk_rows):
    args = (summary.rollup, summary.problems, summary.levels, summary.levels, "vi")
    whole, whole_csv = (
        to_text(write_json, MEMBERSHIP, *args),
        to_text(write_csv, MEMBERSHIP, summary.rollup, summary.levels),
    )
    monkeypatch.setattr("danvan_cli.outputs.lines.CHUNK_ROWS", chunk_rows)
    assert to_text(write_json, MEMBERSHIP, *args) == whole
    assert to_text(write_csv, MEMBERSHIP, summary.rollup, summary.levels) == whole_csv
    assert len(json.loads(whole)["rollups"]["village"]) == len(summary.rollup.tables["village"])


def test_json_written_to_a_file_keeps_its_order(summary, tmp_path):
    """The rows go into the same open file the head was written to, after it."""
    args = (summary.rollup, summary.problems, summary.levels, summary.levels, "vi")
    path = tmp_path / "out.json"
    with path.open("wb") as stream:
        write_json(stream, MEMBERSHIP, *args)
    assert path.read_text(encoding="utf-8") == to_text(write_json, MEMBERSHIP, *args)
    assert (
        len(json.loads(path.read_text())["rollups"]["district"]) == 2 + 5
    )  # two districts, each with its organisations


def test_json_holds_only_the_levels_shown(summary):
    document = document_of(summary, shown=["commune"])
    assert document["levels"] == ["district", "commune", "village"]
    assert list(document["rollups"]) == ["commune"]
    assert document["total"]["members"] == 2734


def test_json_when_nothing_was_summed(summary):
    document = document_of(summary, rollup=False)
    assert document["rollups"] == {}
    assert document["total"] is None
    assert document["levels"] == ["district", "commune", "village"]


def test_json_keeps_vietnamese_letters_unescaped(summary):
    text = to_text(
        write_json,
        MEMBERSHIP,
        summary.rollup,
        summary.problems,
        summary.levels,
        summary.levels,
        "vi",
    )
    assert "Huyện Châu Thành" in text
    assert "\\u" not in text


# --- CSV ------------------------------------------------------------------------------------


def test_csv_header_and_rows(summary):
    text = to_text(write_csv, MEMBERSHIP, summary.rollup, summary.levels)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "level",
        "district",
        "commune",
        "village",
        "organization",
        "branches",
        "members",
        "members_attending",
        "households",
        "households_with_members",
        "household_coverage",
        "attendance_rate",
        "members_per_branch",
    ]
    assert rows[1][:10] == [
        "district",
        "Huyện Châu Thành",
        "",
        "",
        "all",
        "5",
        "1600",
        "1300",
        "2050",
        "1700",
    ]
    assert rows[2][:10] == [
        "district",
        "Huyện Châu Thành",
        "",
        "",
        "nong_dan",
        "3",
        "970",
        "800",
        "",
        "",
    ]
    assert rows[-1][:10] == ["total", "", "", "", "all", "9", "2734", "2200", "4500", "3280"]
    assert float(rows[-1][10]) == pytest.approx(3280 / 4500)
    levels = [r[0] for r in rows[1:]]
    assert levels.count("district") == 7  # 2 "all" rows + 5 organisation rows
    assert levels.count("village") == 3 + 6
    assert levels.count("total") == 1


def test_csv_with_the_levels_shown(summary):
    rows = list(
        csv.reader(io.StringIO(to_text(write_csv, MEMBERSHIP, summary.rollup, ["village"])))
    )
    assert {r[0] for r in rows[1:]} == {"village", "total"}


# --- Markdown -------------------------------------------------------------------------------


def to_markdown(rollup, shown, lang) -> str:
    buffer = io.StringIO()
    MEMBERSHIP_WRITERS.markdown(buffer, rollup, shown, lang, [])
    return buffer.getvalue()


def test_markdown(summary):
    text = to_markdown(summary.rollup, summary.levels, "vi")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Tổng hợp cấp huyện",
        "## Tổng hợp cấp xã",
        "## Tổng hợp cấp thôn",
    ]
    lines = text.splitlines()
    header = lines[2]
    assert header.startswith("| Huyện | Đoàn thể | Số chi hội | Số ĐV, HV |")
    assert lines[3].startswith("|---|---|")
    assert "| Huyện Châu Thành | Tất cả | 5 | 1.600 | 1.300 | 2.050 | 1.700 | 82,93% |" in text
    assert "| Tổng cộng |  | 9 | 2.734 | 2.200 | 4.500 | 3.280 | 72,89% | 80,47% | 303,78 |" in text


def test_markdown_in_english(summary):
    text = to_markdown(summary.rollup, ["district"], "en")
    assert text.startswith("## Roll-up by district\n")
    assert "| Total |  | 9 | 2,734 | 2,200 | 4,500 | 3,280 | 72.89% | 80.47% | 303.78 |" in text


def test_markdown_rows_needing_no_care_are_joined_as_they_are(summary, monkeypatch):
    escaped = []
    markdown_cell = render.markdown_cell
    monkeypatch.setattr(render, "markdown_cell", lambda c: escaped.append(c) or markdown_cell(c))
    text = to_markdown(summary.rollup, summary.levels, "vi")
    assert "| Huyện Châu Thành | Tất cả | 5 | 1.600 | 1.300 | 2.050 | 1.700 | 82,93% |" in text
    assert escaped == []


def test_markdown_escapes_pipes_in_names(make_workbook):
    rows = [["Huyện A|B", "Xã C", "Ấp D", "Hội Nông dân", 1, 10, 5, 10, 5]]
    summary = pipeline.summarize(MEMBERSHIP, [str(make_workbook(rows))])
    text = to_markdown(summary.rollup, ["district"], "vi")
    assert "| Huyện A\\|B | Tất cả |" in text


# --- on screen ------------------------------------------------------------------------------


def screen(print_function, *args) -> str:
    console = Console(record=True, width=250, color_system=None)
    print_function(console, *args)
    return console.export_text()


def test_terminal_tables(summary):
    text = screen(MEMBERSHIP_WRITERS.table, summary.rollup, summary.levels, "vi")
    for title in ("Tổng hợp cấp huyện", "Tổng hợp cấp xã", "Tổng hợp cấp thôn"):
        assert title in text
    total_lines = [line for line in text.splitlines() if line.startswith("│ Tổng cộng")]
    assert len(total_lines) == 4  # one per level and the table per organisation
    for line in total_lines[:3]:
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        assert cells[-8:] == ["9", "2.734", "2.200", "4.500", "3.280", "72,89%", "80,47%", "303,78"]
    assert "Hội Nông dân" in text
    assert "Hội Cựu chiến binh" in text


def test_terminal_tables_in_english(summary):
    text = screen(MEMBERSHIP_WRITERS.table, summary.rollup, ["district"], "en")
    assert "Roll-up by district" in text
    assert "2,734" in text
    assert "72.89%" in text
    assert "Farmers' Union" in text


def test_problem_lines_name_the_place(make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "12a"
    path = make_workbook(rows)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    text = screen(print_problems, summary.problems, "vi")
    assert text.strip() == (
        f"Lỗi {path}, trang «Data», dòng 3, cột «Số hội viên»: Giá trị «12a» ở cột «Số hội viên» "
        "không phải là số. (cần: một số nguyên ≥ 0)"
    )
    text = screen(print_problems, summary.problems, "en")
    assert text.strip().startswith(f"Error {path}, sheet «Data», row 3, column «Số hội viên»:")


def test_a_problem_without_a_place_is_said_after_a_colon():
    problem = Problem("warning", "no_data")
    assert screen(print_problems, [problem], "vi").startswith("Cảnh báo: Không đọc được")
    assert screen(print_problems, [problem], "en").startswith("Warning: ")


def test_verdicts(summary):
    assert verdict([], 0, True, "vi") == "Dữ liệu hợp lệ."
    assert verdict([], 0, True, "en") == "The data is valid."
    nothing = [Problem("warning", "no_table"), Problem("error", "no_data")]
    assert verdict(nothing, 0, False, "vi") == (
        "Có 1 lỗi và 1 cảnh báo; không có dòng số liệu nào để cộng."
    )


# --- writing files --------------------------------------------------------------------------


def test_write_text_file(tmp_path):
    path = tmp_path / "tong_hop.md"
    write_text_file(path, "| Xã | Số hội viên |\n")
    assert path.read_bytes() == "| Xã | Số hội viên |\n".encode()
    assert list(tmp_path.iterdir()) == [path]


def test_write_atomic_replaces_the_file_in_one_step(tmp_path):
    path = tmp_path / "tong_hop.json"
    path.write_text("old")
    write_atomic(path, lambda tmp: tmp.write_text("new"))
    assert path.read_text() == "new"
    assert list(tmp_path.iterdir()) == [path]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "tong_hop.json"
    path.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(path, broken)
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_csv_leaves_absent_levels_empty_not_quoted():
    from tests.conftest import HAU_GIANG

    summary = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)])
    lines = to_text(write_csv, MEMBERSHIP, summary.rollup, summary.levels).splitlines()
    assert lines[1].startswith("district,Huyện Châu Thành,,,all,274,40509,")
    assert lines[-1].startswith("total,,,,all,2090,307217,")


def test_table_rows_make_each_distinct_value_of_a_column_once():
    """25,000 rows handed out in slices: each column's function called once per distinct
    value (the names' twice, the figures' thrice), a missing figure None in every row."""
    calls: list[object] = []

    def counted(made):
        def make(value):
            calls.append(value)
            return made(value)

        return make

    names = pd.Series(["Thôn 1", "Thôn 2"] * 12_500, dtype="category")
    figures = pd.Series([4.0, 12.0, float("nan"), 4.0, 7.5] * 5_000)
    rows = list(render.table_rows([(names, counted(str)), (figures, counted(plain_number))]))
    assert len(rows) == 25_000
    assert rows[:5] == [
        ["Thôn 1", 4],
        ["Thôn 2", 12],
        ["Thôn 1", None],
        ["Thôn 2", 4],
        ["Thôn 1", 7.5],
    ]
    assert rows[-1] == ["Thôn 2", 7.5]
    assert sorted(map(str, calls)) == ["12.0", "4.0", "7.5", "Thôn 1", "Thôn 2"]
    assert list(render.table_rows([])) == []
