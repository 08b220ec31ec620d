"""The samples declared by templates: seed 003's activities (Hậu Giang 2020) and a Hội Nông
dân membership form, each a workbook as units send it and its template beside it."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from openpyxl import load_workbook

from danvan_cli.engine import pipeline
from danvan_cli.kinds.template import load_template, read_template
from tests.conftest import SAMPLES

ACTIVITIES = SAMPLES / "hau_giang_2020_activities.xlsx"
HOI_NONG_DAN = SAMPLES / "vi_thuy_2020_hoi_nong_dan.xlsx"

# Seed 003: 4.413 houses worth "over 89 tỷ đồng", 48.403 scholarships worth "nearly 28 tỷ
# đồng", 208.951 works, 7.097 members out of poverty (the đồng amounts chosen for the sample).
ACTIVITIES_TOTALS = {
    "nha": 4413,
    "nha_tri_gia": 89_126_450_000,
    "hoc_bong": 48403,
    "hoc_bong_tri_gia": 27_936_200_000,
    "cong_trinh": 208951,
    "thoat_ngheo": 7097,
}
# Chosen for the sample: households counted once per hamlet.
HOI_NONG_DAN_TOTALS = {
    "to_hoi": 412,
    "hoi_vien": 9836,
    "hoi_vien_nu": 2317,
    "ket_nap": 354,
    "giam": 127,
    "ho_nong_dan": 13452,
    "ho_co_hoi_vien": 8961,
}


def _body(path, sheet: str) -> list[tuple]:
    """The rows under the header and numbering rows (from row 10), as values."""
    workbook = load_workbook(path, read_only=True)
    try:
        return list(workbook[sheet].iter_rows(min_row=10, values_only=True))
    finally:
        workbook.close()


def _dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def test_the_activities_template_declares_the_seed_figures_as_flows():
    template = read_template(SAMPLES / "activities.toml")
    assert template.problems == []
    kind = template.kind
    assert kind.figure_codes == tuple(ACTIVITIES_TOTALS)
    assert {f.over_time for f in kind.figures} == {"flow"}
    assert [f.code for f in kind.figures if f.unit == "dong"] == ["nha_tri_gia", "hoc_bong_tri_gia"]
    assert [(r.code, r.op) for r in kind.rules] == [
        ("nha_va_tri_gia", "compulsory_pair"),
        ("hoc_bong_va_tri_gia", "compulsory_pair"),
    ]
    text = (SAMPLES / "activities.toml").read_text(encoding="utf-8")
    for total in ACTIVITIES_TOTALS.values():
        assert _dotted(total) in text, total


def test_the_activities_workbook_adds_up_to_seed_003():
    rows = _body(ACTIVITIES, "Kết quả")
    communes = [r for r in rows if isinstance(r[0], int)]
    assert len(communes) == 76
    assert len({r[1] for r in communes}) == 8
    for column, (code, total) in enumerate(ACTIVITIES_TOTALS.items(), start=3):
        assert sum(r[column] for r in communes) == total, code
    subtotals = [r for r in rows if r[1] == "Cộng"]
    assert len(subtotals) == 8
    assert [sum(r[3] for r in subtotals)] == [4413]
    (grand,) = [r for r in rows if r[1] == "TỔNG CỘNG"]
    assert list(grand[3:9]) == list(ACTIVITIES_TOTALS.values())
    assert 89_000_000_000 < ACTIVITIES_TOTALS["nha_tri_gia"] < 90_000_000_000  # "hơn 89 tỷ"
    assert 27_500_000_000 < ACTIVITIES_TOTALS["hoc_bong_tri_gia"] < 28_000_000_000  # "gần 28 tỷ"


def test_the_hoi_nong_dan_template_declares_stocks_flows_and_households_once_per_hamlet():
    template = read_template(SAMPLES / "hoi_nong_dan.toml")
    assert template.problems == []
    kind = template.kind
    assert kind.figure_codes == tuple(HOI_NONG_DAN_TOTALS)
    carried = {f.code: (f.over_units, f.over_time) for f in kind.figures}
    assert carried["hoi_vien_nu"] == ("sum", "stock")
    assert carried["ket_nap"] == carried["giam"] == ("sum", "flow")
    assert carried["ho_nong_dan"] == ("once_per_lowest_unit", "stock")
    assert [(r.numerator, r.denominator) for r in kind.ratios] == [
        ("ho_co_hoi_vien", "ho_nong_dan")
    ]
    assert {r.op for r in kind.rules} == {"<=", ">=", "compulsory_pair"}
    assert {r.severity for r in kind.rules} == {"error", "warning"}
    text = (SAMPLES / "hoi_nong_dan.toml").read_text(encoding="utf-8")
    for total in HOI_NONG_DAN_TOTALS.values():
        assert _dotted(total) in text, total
    assert "66,61%" in text


def test_the_hoi_nong_dan_workbook_adds_up_with_households_once_per_hamlet():
    rows = _body(HOI_NONG_DAN, "Hội viên")
    branches = [r for r in rows if isinstance(r[0], int)]
    for column, code in enumerate(list(HOI_NONG_DAN_TOTALS)[:5], start=4):
        assert sum(r[column] for r in branches) == HOI_NONG_DAN_TOTALS[code], code
    hamlets = {(r[1], r[2]): (r[9], r[10]) for r in branches}
    assert len(hamlets) == 70 and len(branches) > len(hamlets)  # some hamlets: two branches
    assert sum(h for h, _ in hamlets.values()) == 13452
    assert sum(w for _, w in hamlets.values()) == 8961
    assert sum(r[9] for r in branches) > 13452  # summed over rows, households count twice
    assert round(8961 / 13452 * 100, 2) == 66.61
    (grand,) = [r for r in rows if r[1] == "TỔNG CỘNG"]
    assert list(grand[4:11]) == list(HOI_NONG_DAN_TOTALS.values())
    for r in branches:  # the template's rules hold on every row: the sample is clean
        assert r[6] <= r[5] and 0 <= r[8] <= r[7] and r[10] <= r[9], r


def test_the_activities_sample_rolls_up_to_seed_003():
    kind = load_template(SAMPLES / "activities.toml")
    summary = pipeline.summarize(kind, [str(ACTIVITIES)])
    assert summary.exit_code == 0
    assert [p.code for p in summary.problems if not p.is_note] == []
    assert summary.levels == ["province", "district", "commune"]
    total = summary.rollup.total
    assert {code: total[code] for code in ACTIVITIES_TOTALS} == ACTIVITIES_TOTALS
    assert total["tri_gia_mot_can"] == pytest.approx(89_126_450_000 / 4413)
    province = summary.rollup.tables["province"]
    assert province["province"].tolist() == ["Tỉnh Hậu Giang"]  # from "TỈNH ỦY HẬU GIANG"
    district = summary.rollup.tables["district"].set_index("district")
    # Thành phố Vị Thanh's "Cộng" row: 480 houses worth 9.264.650.000 đồng, 5.049
    # scholarships worth 2.953.660.000 đồng, 24.455 works, 820 out of poverty.
    assert district.loc["Thành phố Vị Thanh", list(ACTIVITIES_TOTALS)].tolist() == [
        480,
        9_264_650_000,
        5049,
        2_953_660_000,
        24455,
        820,
    ]


def test_the_hoi_nong_dan_sample_rolls_up_households_once_per_hamlet():
    kind = load_template(SAMPLES / "hoi_nong_dan.toml")
    summary = pipeline.summarize(kind, [str(HOI_NONG_DAN)])
    assert summary.exit_code == 0
    assert [p.code for p in summary.problems if not p.is_note] == []
    total = summary.rollup.total
    assert {code: total[code] for code in HOI_NONG_DAN_TOTALS} == HOI_NONG_DAN_TOTALS
    assert round(total["ty_le_ho_co_hoi_vien"] * 100, 2) == 66.61
    communes = summary.rollup.tables["commune"].set_index(["commune", "loai_chi_hoi"])
    # Thị trấn Nàng Mau (its "Cộng" row): 28 groups, 664 members (175 female), 21 joined,
    # 8 lost, 878 farm households of which 612 with members (Ấp 2 and Ấp 5 written twice).
    codes = list(HOI_NONG_DAN_TOTALS)
    assert communes.loc[("Thị trấn Nàng Mau", "all"), codes].tolist() == [
        28,
        664,
        175,
        21,
        8,
        878,
        612,
    ]
    by_kind = summary.rollup.total_by_organization.set_index("loai_chi_hoi")
    assert by_kind["hoi_vien"].to_dict() == {"chi_hoi_ap": 8992, "nghe_nghiep": 844}


RULES = {"nu_khong_qua_hoi_vien", "giam_khong_qua_ket_nap"}


def test_the_hoi_nong_dan_template_rules_name_the_row_and_both_sides(cli, tmp_path):
    """The sample with two rows broken (and its Cộng rows mended to match): row 10 gives 130
    female members of 94 (an error), row 11 5 members lost against 2 joined (a warning)."""
    path = tmp_path / "hoi_nong_dan.xlsx"
    workbook = load_workbook(HOI_NONG_DAN)
    sheet = workbook["Hội viên"]
    for column, row, more in (("G", 10, 106), ("I", 11, 4)):
        for changed in (row, 17, 114):  # the row, Nàng Mau's "Cộng" and "TỔNG CỘNG"
            sheet[f"{column}{changed}"] = sheet[f"{column}{changed}"].value + more
    workbook.save(path)
    result = cli("validate", path, "--template", SAMPLES / "hoi_nong_dan.toml", "-f", "json")
    assert result.exit_code == 1
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] in RULES]
    assert [(p["severity"], p["code"], p["row"], p["column"], p["value"]) for p in problems] == [
        ("error", "nu_khong_qua_hoi_vien", 10, "Hội viên › Hội viên nữ", 130),
        ("warning", "giam_khong_qua_ket_nap", 11, "Biến động trong kỳ › Giảm trong kỳ", 5),
    ]
    assert problems[0]["message"] == (
        "Vi phạm quy tắc «Số hội viên nữ không quá số hội viên»: «Hội viên › Hội viên nữ» = "
        "130, «Hội viên › Tổng số hội viên» = 94."
    )
    assert problems[1]["message"].endswith(
        "«Biến động trong kỳ › Giảm trong kỳ» = 5, «Biến động trong kỳ › Kết nạp mới» = 2."
    )
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert codes - RULES <= {"subtotal_rows", "unit_from_title", "signature_block"}


def _generator(monkeypatch):
    """data/samples/generate_samples.py as a module (its dataclasses want it registered)."""
    path = SAMPLES / "generate_samples.py"
    spec = importlib.util.spec_from_file_location("generate_samples", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "generate_samples", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "name, writer",
    [
        ("hau_giang_2020_activities.xlsx", "write_hau_giang_activities"),
        ("vi_thuy_2020_hoi_nong_dan.xlsx", "write_vi_thuy_hoi_nong_dan"),
    ],
)
def test_the_sample_is_what_its_generator_writes(tmp_path, monkeypatch, name, writer):
    """The same sheets, cells and merged ranges (not bytes: each openpyxl version the
    dependency range admits writes its own XML)."""
    getattr(_generator(monkeypatch), writer)(tmp_path / name)
    assert _contents(tmp_path / name) == _contents(SAMPLES / name)


def _contents(path):
    workbook = load_workbook(path)
    return {
        sheet.title: (
            list(sheet.iter_rows(values_only=True)),
            sorted(str(merged) for merged in sheet.merged_cells.ranges),
        )
        for sheet in workbook
    }


def test_the_readme_runs_the_activities_sample(cli):
    readme = (SAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    command = (
        "danvan summarize data/samples/hau_giang_2020_activities.xlsx "
        "--template data/samples/activities.toml --level province"
    )
    assert command in readme
    args = [
        "summarize",
        ACTIVITIES,
        "--template",
        SAMPLES / "activities.toml",
        "--level",
        "province",
    ]
    result = cli(*args)
    assert result.exit_code == 0
    total = next(line for line in result.stdout.splitlines() if "Tổng cộng" in line)
    cells = [cell.strip() for cell in total.split("│")[1:-1]]
    assert cells[1:7] == ["4.413", "89.126.450.000", "48.403", "27.936.200.000", "208.951", "7.097"]
    for said in ("4.413 houses", "89.126.450.000 đồng", "48.403 scholarships", "7.097 members"):
        assert said in readme, said
