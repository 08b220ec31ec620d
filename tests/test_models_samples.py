"""The bundled models samples reproduce seeds 004 (Hồng Lĩnh 2018, "Dân vận khéo") and
000 (Lâm Bình 2020, mô hình tự quản), through the library and the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from danvan_cli.engine import pipeline
from danvan_cli.engine.models_rollup import registered_by
from danvan_cli.kinds.detect import detect_kind
from danvan_cli.kinds.models import MODELS
from tests.conftest import HAU_GIANG, SAMPLES

HONG_LINH = SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx"
LAM_BINH = SAMPLES / "lam_binh_2020_tu_quan.xlsx"

SEED_004 = {
    "registered": 112,
    "recognized": 65,
    "commended": 8,
    "by_level": {"tinh": 27, "huyen": 85},
    "by_field": {
        "kinh_te": 19,
        "van_hoa_xa_hoi": 67,
        "quoc_phong_an_ninh": 12,
        "xay_dung_he_thong_chinh_tri": 14,
    },
    "by_program": {"dan_van_kheo": 112},
}
BY = {"by_level": "recognition_level", "by_field": "field", "by_program": "program"}
LAM_BINH_KINDS = {
    "ve_sinh_moi_truong",
    "van_hoa_dan_toc",
    "cuoi_tang_van_minh",
    "lien_ket_kinh_te",
    "te_nan_xa_hoi",
    "toi_pham_giao_thong",
    "bao_luc_gia_dinh",
    "tao_hon",
    "gia_dinh_hanh_phuc",
}
LAM_BINH_COMMUNES = {
    "Xã Thượng Lâm",
    "Xã Lăng Can",
    "Xã Khuôn Hà",
    "Xã Phúc Yên",
    "Xã Xuân Lập",
    "Xã Bình An",
    "Xã Hồng Quang",
    "Xã Thổ Bình",
}
ROW_KEYS = ["program", "field", "recognition_level", "topic", "year"]
STATUS_KEYS = ["registered", "recognized", "commended"]


@pytest.fixture(scope="module")
def hong_linh():
    return pipeline.summarize(MODELS, [str(HONG_LINH)])


@pytest.fixture(scope="module")
def lam_binh():
    return pipeline.summarize(MODELS, [str(LAM_BINH)])


def total_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("│ Tổng cộng", "│ Total"))]


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("│ ").split("│")]


# --- the library --------------------------------------------------------------------------


def test_hong_linh_reproduces_seed_004(hong_linh):
    assert hong_linh.exit_code == 0
    assert hong_linh.problems == []
    assert hong_linh.levels == ["district", "commune"]
    total = hong_linh.rollup.total
    for key, value in SEED_004.items():
        found = registered_by(hong_linh.rollup, BY[key]) if key in BY else total[key]
        assert found == value, key


def test_hong_linh_is_spread_over_the_towns_wards_and_commune(hong_linh):
    units = hong_linh.rollup.by_unit["commune"]
    assert set(units["commune"]) == {
        "Phường Bắc Hồng",
        "Phường Nam Hồng",
        "Phường Trung Lương",
        "Phường Đức Thuận",
        "Phường Đậu Liêu",
        "Xã Thuận Lộc",
    }
    assert units["registered"].sum() == 112
    assert set(hong_linh.rollup.by_unit["district"]["district"]) == {"Thị xã Hồng Lĩnh"}
    # Vietnamese order: Đ after D, not after Z
    assert list(units["commune"])[:3] == ["Phường Bắc Hồng", "Phường Đậu Liêu", "Phường Đức Thuận"]


def test_hong_linh_cross_table_field_by_status(hong_linh):
    cross = hong_linh.rollup.by_category["field"].set_index("code")
    assert cross["registered"].to_dict() == SEED_004["by_field"]
    assert cross["recognized"].sum() == 65
    assert cross["commended"].sum() == 8
    fine = hong_linh.rollup.tables["commune"]
    assert fine["registered"].sum() == 112
    assert fine["recognized"].sum() == 65


def test_lam_binh_reproduces_seed_000(lam_binh):
    assert lam_binh.exit_code == 0
    # The sheet has no district column: the district is taken from its title line.
    assert [(p.code, p.row, p.value) for p in lam_binh.problems] == [
        ("unit_from_title", 1, "Huyện Lâm Bình")
    ]
    assert lam_binh.levels == ["district", "commune"]
    total = lam_binh.rollup.total
    assert total["registered"] == 327
    assert total["recognized"] is None and total["commended"] is None  # not reported
    assert registered_by(lam_binh.rollup, "program") == {"tu_quan": 327}
    assert set(registered_by(lam_binh.rollup, "topic")) == LAM_BINH_KINDS
    assert sum(registered_by(lam_binh.rollup, "topic").values()) == 327
    assert sum(registered_by(lam_binh.rollup, "field").values()) == 327
    assert set(lam_binh.rollup.by_unit["commune"]["commune"]) == LAM_BINH_COMMUNES


def test_kind_is_told_by_the_headers():
    assert detect_kind([str(HONG_LINH)]) == "models"
    assert detect_kind([str(LAM_BINH)]) == "models"
    assert detect_kind([str(HAU_GIANG)]) == "membership"


# --- the command line ---------------------------------------------------------------------


def test_summarize_prints_the_seed_004_figures(cli):
    result = cli("summarize", HONG_LINH)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Dữ liệu hợp lệ."
    assert "Tổng hợp cấp xã" in result.stdout
    by_unit, _, by_field, _, _ = total_lines(result.stdout)
    assert cells(by_unit)[-9:] == ["112", "65", "8", "19", "67", "12", "14", "27", "85"]
    assert cells(by_field) == ["Tổng cộng", "112", "65", "8"]
    rows = {cells(line)[0]: cells(line)[1:] for line in result.stdout.splitlines()}
    assert rows["Văn hóa - Xã hội"][0] == "67"
    assert rows["Cấp tỉnh"][0] == "27" and rows["Cấp huyện, thị xã"][0] == "85"


def test_summarize_prints_the_seed_000_figure_in_english(cli):
    result = cli("summarize", LAM_BINH, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = total_lines(result.stdout)
    assert lines and all("327" in cells(line) for line in lines)
    assert "Total by kind of model" in result.stdout
    assert "Domestic violence" in result.stdout


def test_summarize_forced_kind(cli):
    assert cli("summarize", HONG_LINH, "--kind", "models", "-f", "csv").exit_code == 0
    membership = cli("summarize", HAU_GIANG, "--kind", "membership", "--level", "district")
    assert membership.exit_code == 0 and "2.090" in membership.stdout


def test_summarize_json_contract(cli):
    result = cli("summarize", HONG_LINH, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["kind"] == "models"
    assert document["levels"] == ["district", "commune"]
    assert document["problems"] == []
    total = document["total"]
    for key, value in SEED_004.items():
        assert total[key] == value, key
    assert total["statuses_by_field"]["van_hoa_xa_hoi"]["registered"] == 67
    assert sum(v["recognized"] for v in total["statuses_by_level"].values()) == 65
    commune_rows = document["rollups"]["commune"]
    assert list(commune_rows[0]) == ["district", "commune", *ROW_KEYS, *STATUS_KEYS]
    assert sum(r["registered"] for r in commune_rows) == 112
    assert sum(r["commended"] for r in commune_rows) == 8
    assert {r["program"] for r in commune_rows} == {"dan_van_kheo"}
    assert {r["year"] for r in commune_rows} == {2018}


def test_summarize_json_level_filter(cli):
    result = cli("summarize", LAM_BINH, "-f", "json", "--level", "commune")
    document = json.loads(result.stdout)
    assert list(document["rollups"]) == ["commune"]
    rows = document["rollups"]["commune"]
    assert len(rows) == 8 * 9  # a row per commune and kind
    assert sum(r["registered"] for r in rows) == 327
    assert {r["topic"] for r in rows} == LAM_BINH_KINDS


def test_models_several_outputs_in_one_run(cli, tmp_path):
    xlsx, text = tmp_path / "tong_hop.xlsx", tmp_path / "tong_hop.md"
    result = cli("summarize", HONG_LINH, "-o", xlsx, "-o", text)
    assert result.exit_code == 0, result.stderr
    assert "Tổng hợp cấp xã" in load_workbook(xlsx).sheetnames
    assert "Tổng cộng" in text.read_text(encoding="utf-8")


def test_a_level_the_models_data_lacks_is_said(cli):
    result = cli("summarize", LAM_BINH, "-f", "json", "--level", "village", "--lang", "en")
    assert result.exit_code == 0
    assert "The data has no village level" in result.stderr
    document = json.loads(result.stdout)
    assert document["rollups"] == {}
    assert "level_not_present" in [p["code"] for p in document["problems"]]


def test_summarize_csv_and_markdown(cli):
    text = cli("summarize", HONG_LINH, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[-1]["level"] == "total"
    assert (rows[-1]["registered"], rows[-1]["recognized"], rows[-1]["commended"]) == (
        "112",
        "65",
        "8",
    )
    assert sum(int(r["registered"]) for r in rows if r["level"] == "commune") == 112
    markdown = cli("summarize", LAM_BINH, "-f", "md").stdout
    assert "## Tổng hợp cấp xã" in markdown
    assert "| Tổng cộng | 327 |" in markdown
    assert "## Tổng cộng theo loại mô hình" in markdown


@pytest.mark.parametrize("suffix", [".xlsx", ".json", ".csv", ".md"])
def test_summarize_writes_files(cli, tmp_path, suffix):
    out = tmp_path / f"tong_hop{suffix}"
    result = cli("summarize", HONG_LINH, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.exists() and "Đã ghi" in result.stderr
    if suffix == ".xlsx":
        workbook = load_workbook(out)
        assert workbook.sheetnames[:2] == ["Tổng hợp cấp huyện", "Tổng hợp cấp xã"]
        assert "Tổng cộng theo lĩnh vực" in workbook.sheetnames
        sheet = workbook["Tổng hợp cấp xã"]
        assert sheet["A1"].value == "STT"
        last = [c.value for c in sheet[sheet.max_row]]
        assert last[1] == "Tổng cộng" and last[3:6] == [112, 65, 8]
        assert sheet["D2"].font.name == "Times New Roman"
    elif suffix == ".json":
        assert json.loads(out.read_text(encoding="utf-8"))["total"]["registered"] == 112
    elif suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    else:
        assert "| Tổng cộng |  | 112 | 65 | 8 | 19 | 67 |" in out.read_text(encoding="utf-8")


def test_validate_reads_a_models_sheet(cli):
    result = cli("validate", HONG_LINH)
    assert result.exit_code == 0
    assert "Tên mô hình -> model_name (Tên mô hình)" in result.stdout
    assert "Biểu dương -> commended (Biểu dương)" in result.stdout
    wide = cli("validate", LAM_BINH, "--kind", "models", "--lang", "en")
    assert "Vệ sinh môi trường -> ve_sinh_moi_truong (Environment)" in wide.stdout
    assert "Tổng số -> count_total (Total)" in wide.stdout


def test_readme_models_example_is_what_danvan_prints(cli):
    readme = (SAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Mô hình tự quản", 1)[1].split("\n## ", 1)[0]
    assert "danvan summarize data/samples/hong_linh_2018_dan_van_kheo.xlsx --level district" in (
        section
    )
    [printed] = [line for line in section.splitlines() if line.startswith("│ Thị xã Hồng Lĩnh")]
    result = cli("summarize", HONG_LINH, "--level", "district")
    assert printed in result.stdout.splitlines()


def test_models_with_errors_xlsx_and_json_carry_the_problems_csv_and_md_are_not_written(
    cli, make_workbook, tmp_path
):
    header = ["STT", "Tên mô hình", "Xã", "Lĩnh vực", "Cấp", "Kết quả", "Biểu dương"]
    rows = [[1, "Mô hình A", "Xã P", "Kinh tế", "Cấp xã", "Đăng ký", "x"]]  # commended, not
    path = make_workbook(rows, header, name="mo_hinh_dvk.xlsx")  # recognised: an error
    outputs = [tmp_path / f"out{suffix}" for suffix in (".xlsx", ".json", ".csv", ".md")]
    result = cli("summarize", path, *[arg for out in outputs for arg in ("-o", out)])
    assert result.exit_code == 1
    xlsx, json_file, csv_file, md_file = outputs
    assert not csv_file.exists() and not md_file.exists()
    assert f"Chưa ghi {csv_file}" in result.stderr and f"Chưa ghi {md_file}" in result.stderr
    document = json.loads(json_file.read_text(encoding="utf-8"))
    assert document["total"] is None
    assert [(p["code"], p["row"]) for p in document["problems"]] == [("model_status_order", 2)]
    problems = load_workbook(xlsx)["Các vấn đề trong dữ liệu"]
    assert problems["D2"].value == 2


def test_models_markdown_ends_with_the_problems(cli, make_workbook, tmp_path):
    header = ["STT", "Tên mô hình", "Xã", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        [1, "Mô hình A", "Xã P", "Kinh tế", "Cấp xã", "Đăng ký"],
        [2, "Mô hình B", "Xã P", "Nông nghiệp", "Cấp xã", "Đăng ký"],  # an unknown field
    ]
    path = make_workbook(rows, header, name="mo_hinh_dvk.xlsx")
    out = tmp_path / "out.md"
    result = cli("summarize", path, "--skip-invalid", "-f", "md", "-o", out)
    assert result.exit_code == 1
    for text in (result.stdout, out.read_text(encoding="utf-8")):
        section = text.split("## Các vấn đề trong dữ liệu\n\n", 1)[1]
        assert "| Nông nghiệp |" in section and "| 3 |" in section


def test_a_sheet_of_the_other_kind_is_named_with_how_to_read_it(cli):
    """Given models and membership files together, the kind of the first table found is
    summed; each sheet of the other kind is said to be one, not just "no table"."""
    result = cli("summarize", HONG_LINH, HAU_GIANG, "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["kind"] == "models" and document["total"]["registered"] == 112
    said = [(p["severity"], p["code"], p["file"]) for p in document["problems"]]
    assert ("warning", "membership_table_here", str(HAU_GIANG)) in said
    other = cli("summarize", HAU_GIANG, HONG_LINH, "--lang", "en")
    assert other.exit_code == 0
    assert f"Warning {HONG_LINH}, sheet «Danh sách»: This sheet holds a models table" in " ".join(
        other.stderr.split()
    )
