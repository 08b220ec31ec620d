"""danvan reads back what it wrote: a province sums its districts' `-o` outputs (.xlsx,
.csv, in either language, of any levels) and gets the figures of their inputs; every
figure of such a file other than its lowest level's rows is checked, never added."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.conftest import HEADER, SMALL_ROWS

FIGURES = ("levels", "rollups", "total", "total_by_organization")


def figures(cli, *paths, options=()) -> tuple[dict, list[tuple]]:
    """The JSON figures of `danvan summarize PATHS`, and its problems (code, sheet, row,
    column, value)."""
    result = cli("summarize", *paths, "--format", "json", *options)
    out = json.loads(result.stdout)
    problems = [(p["code"], p["sheet"], p["row"], p["column"], p["value"]) for p in out["problems"]]
    return {key: out.get(key) for key in FIGURES}, problems


@pytest.fixture
def districts(make_workbook):
    """Two districts' inputs: Châu Thành's rows and Long Mỹ's."""
    return make_workbook(SMALL_ROWS[:4], name="chau_thanh.xlsx"), make_workbook(
        SMALL_ROWS[4:], name="long_my.xlsx"
    )


def write_outputs(cli, inputs, suffix: str, *options: str) -> list:
    outputs = []
    for path in inputs:
        output = path.with_name(f"tong_hop_{path.stem}{suffix}")
        assert cli("summarize", path, "-o", output, *options).exit_code == 0
        outputs.append(output)
    return outputs


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_province_sums_its_districts_outputs_as_their_inputs(
    cli, districts, suffix, lang, both_readers
):
    direct, _ = figures(cli, *districts)
    outputs = write_outputs(cli, districts, suffix, "--lang", lang)
    read_back, problems = figures(cli, *outputs)
    assert read_back == direct
    assert direct["total"]["members"] == 2734
    sheet = {"vi": "Thôn", "en": "Village"}[lang] if suffix == ".xlsx" else None
    assert problems == [("own_output", sheet, None, None, None)] * 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_output_of_the_communes_only_reads_back_at_that_level(cli, districts, suffix):
    direct, _ = figures(cli, *districts, options=["--level", "commune"])
    outputs = write_outputs(cli, districts, suffix, "--level", "commune")
    read_back, problems = figures(cli, *outputs)
    assert read_back["rollups"]["commune"] == direct["rollups"]["commune"]
    assert read_back["total"] == direct["total"]
    assert read_back["levels"] == ["district", "commune"]
    assert {code for code, *_ in problems} == {"own_output"}


def test_an_output_of_a_table_without_organisations(cli, make_workbook):
    header = [h for h in HEADER if h != "Đoàn thể"]
    rows = [[*r[:3], *r[4:]] for r in SMALL_ROWS if r[3] == "Hội Nông dân"]
    source = make_workbook(rows, header=header)
    direct, _ = figures(cli, source)
    read_back, problems = figures(cli, *write_outputs(cli, [source], ".xlsx"))
    assert read_back == direct
    assert direct["total"]["members"] == 620 + 350 + 900
    assert problems == [("own_output", "Thôn", None, None, None)]


def test_a_figure_changed_in_a_workbook_output_is_located(cli, districts):
    output = write_outputs(cli, districts[:1], ".xlsx")[0]
    workbook = load_workbook(output)
    workbook["Huyện"]["E3"] = 999  # Châu Thành, Hội Nông dân: members 970
    workbook["Thôn"]["F2"] = 3  # Ấp 2, Tất cả: branches 2
    workbook["Tổng cộng"]["D5"] = 1601  # the total of members: 1.600
    workbook["Xã"]["D3"] = "Hội Phụ lão"  # not an organisation
    workbook.save(output)
    result = cli("summarize", output, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    errors = [
        (p["sheet"], p["row"], p["column"], p["value"], p["code"], p["expected"])
        for p in problems
        if p["severity"] == "error" and p["code"] == "subtotal_mismatch"
    ]
    assert errors == [
        ("Huyện", 3, "Số ĐV, HV", 999, "subtotal_mismatch", "970"),
        ("Thôn", 2, "Số chi hội", 3, "subtotal_mismatch", "2"),
        ("Tổng cộng", 5, "Số ĐV, HV", 1601, "subtotal_mismatch", "1600"),
    ]
    unknown = [(p["sheet"], p["row"], p["column"], p["value"]) for p in problems]
    assert ("Xã", 3, "Đoàn thể", "Hội Phụ lão") in unknown
    assert len([p for p in problems if p["severity"] == "error"]) == 4
    message = problems[0]["message"]
    assert "cộng các dòng 3–7 («Thôn») được 970" in message


def test_a_figure_changed_in_a_csv_output_is_located(cli, districts):
    output = write_outputs(cli, districts[:1], ".csv")[0]
    lines = output.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("district,Huyện Châu Thành,,,all,5,1600,")
    lines[1] = lines[1].replace(",5,1600,", ",5,1700,")
    output.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    _, problems = figures(cli, output)
    assert ("subtotal_mismatch", None, 2, "members", 1700) in problems


def test_the_problems_an_output_lists_are_noted_not_read(cli, districts, tmp_path):
    first = write_outputs(cli, districts[:1], ".xlsx")[0]
    second = tmp_path / "tinh.xlsx"
    assert cli("summarize", first, "-o", second).exit_code == 0  # lists the note on `first`
    read_back, problems = figures(cli, second)
    assert read_back["total"]["members"] == 1600
    assert ("own_output_problems", "Các vấn đề trong dữ liệu", None, None, 1) in problems


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_output_with_a_ratio_note_reads_back(cli, make_workbook, suffix, lang):
    # Long Mỹ gives no attendance: the attendance rate covers 2 of the 3 villages, said in
    # a note at each sheet's foot, which is no row of figures.
    rows = [[*r[:6], None if r[0] == "Huyện Long Mỹ" else r[6], *r[7:]] for r in SMALL_ROWS]
    source = make_workbook(rows)
    direct, _ = figures(cli, source)
    output = write_outputs(cli, [source], suffix, "--lang", lang)[0]
    if suffix == ".xlsx":
        note = {"vi": "Ghi chú: ", "en": "Note: "}[lang]
        sheet = load_workbook(output)[{"vi": "Thôn", "en": "Village"}[lang]]
        assert str(sheet.cell(sheet.max_row, 1).value).startswith(note)
    result = cli("summarize", output, "--format", "json")
    assert result.exit_code == 0
    read_back, problems = figures(cli, output)
    assert read_back == direct
    assert direct["total"]["members"] == 2734
    assert direct["total"]["members_attending"] == 500 + 400 + 300 + 100
    sheet = {"vi": "Thôn", "en": "Village"}[lang] if suffix == ".xlsx" else None
    assert problems == [("own_output", sheet, None, None, None)]
