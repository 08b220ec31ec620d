"""The narrative (outputs/narrative.py): the sentences of each sample as the seeds write
them, the whole named by its top unit's type word, `--narrative` and `-o x.txt`."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from danvan_cli.outputs.narrative import whole
from tests.conftest import HAU_GIANG, SAMPLES, SMALL_ROWS, write_commune_report, write_workbook

SEED_003 = (
    "Toàn tỉnh hiện có 307.217 đoàn viên, hội viên sinh hoạt tại 2.090 chi đoàn, chi hội; "
    "tổng số hộ có đoàn viên, hội viên là 161.135/196.898 hộ, chiếm tỷ lệ 81,84%."
)
SEED_003_RATINGS = "Xếp loại chi đoàn, chi hội: 1.203 vững mạnh, 675 khá, 181 trung bình, 31 yếu."
SEED_004 = (
    "Toàn thị xã đã đăng ký 112 mô hình “Dân vận khéo”, trong đó 27 mô hình cấp tỉnh, 85 mô "
    "hình cấp thị xã. Trên lĩnh vực kinh tế có 19 mô hình, lĩnh vực văn hóa - xã hội 67 mô "
    "hình, lĩnh vực quốc phòng - an ninh 12 mô hình, lĩnh vực xây dựng Đảng, chính quyền 14 "
    "mô hình. Có 65 mô hình được công nhận. Biểu dương 8 mô hình tiêu biểu."
)
ACTIVITIES = (
    "Nhà đại đoàn kết, nhà tình nghĩa toàn tỉnh: 4.413. Trị giá nhà toàn tỉnh: "
    "89.126.450.000 đồng (hơn 89 tỷ đồng). Học bổng toàn tỉnh: 48.403. Trị giá học bổng "
    "toàn tỉnh: 27.936.200.000 đồng (gần 28 tỷ đồng). Công trình, phần việc toàn tỉnh: "
    "208.951. Đoàn viên, hội viên thoát nghèo toàn tỉnh: 7.097. Trị giá bình quân một căn "
    "(đồng) toàn tỉnh: 20.196.340,36. Trị giá bình quân một suất (đồng) toàn tỉnh: "
    "577.158,44."
)


def narrative(cli, *args: object) -> str:
    result = cli("summarize", *args, "--narrative")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def narrative_of(cli, *args: object) -> str:
    """The narrative of data with errors summed with `--skip-invalid` (exit code 1)."""
    result = cli("summarize", *args, "--narrative")
    assert result.exit_code == 1, result.stderr
    return result.stdout.strip()


def test_membership_sample_tells_seed_003(cli):
    assert narrative(cli, HAU_GIANG) == f"{SEED_003} {SEED_003_RATINGS}"


def test_membership_sample_in_english(cli):
    assert narrative(cli, HAU_GIANG, "--lang", "en") == (
        "Across the province, 307,217 members take part in 2,090 branches; 161,135/196,898 "
        "households have members (81.84%). Branches rated: 1,203 strong, 675 good, 181 "
        "average, 31 weak."
    )


def test_models_sample_tells_seed_004(cli):
    assert narrative(cli, SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx") == SEED_004


def test_models_sample_in_english(cli):
    text = narrative(cli, SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx", "--lang", "en")
    assert text.startswith(
        "Across the town, 112 “Dân vận khéo” models were registered, of which 27 at province "
        "level, 85 at district level. By field: economy 19, culture and society 67, defence "
    )
    assert text.endswith("65 models were recognised. 8 exemplary models were commended.")


def test_self_managed_models_tell_seed_000(cli):
    text = narrative(cli, SAMPLES / "lam_binh_2020_tu_quan.xlsx")
    assert text.startswith("Toàn huyện đã thành lập được 327 mô hình tự quản. Trên lĩnh vực")
    assert "Theo loại mô hình: 52 mô hình vệ sinh môi trường; 38 mô hình bản sắc" in text
    assert "công nhận" not in text  # the table gives no status but the count


def test_declared_kind_one_sentence_per_figure(cli):
    args = (SAMPLES / "hau_giang_2020_activities.xlsx", "--template", SAMPLES / "activities.toml")
    assert narrative(cli, *args) == ACTIVITIES
    english = narrative(cli, *args, "--lang", "en")
    assert "Value of the houses across the province: 89,126,450,000 đồng (over 89 billion" in (
        english
    )
    assert "27,936,200,000 đồng (nearly 28 billion đồng)." in english


def test_declared_kind_of_one_district(cli):
    """The Farmers' Union of one district under its province: "toàn huyện", the share of
    households from the sums."""
    args = (SAMPLES / "vi_thuy_2020_hoi_nong_dan.xlsx", "--template", SAMPLES / "hoi_nong_dan.toml")
    text = narrative(cli, *args)
    assert text.startswith("Số tổ hội toàn huyện: 412. Số hội viên toàn huyện: 9.836.")
    assert text.endswith("Tỷ lệ hộ nông dân có hội viên toàn huyện: 66,61%.")


def test_a_commune_report_is_told_for_the_commune(cli, tmp_path):
    path = write_commune_report(tmp_path / "tan_an.xlsx", "Tân An")
    assert narrative(cli, path) == (
        "Toàn xã hiện có 166 đoàn viên, hội viên sinh hoạt tại 4 chi đoàn, chi hội."
    )


def test_narrative_file_and_tables_together(cli, tmp_path):
    """`-o x.txt` writes the narrative; `-o x.md` stays the Markdown tables."""
    text, tables = tmp_path / "doan_van.txt", tmp_path / "bang.md"
    result = cli("summarize", HAU_GIANG, "-o", text, "-o", tables)
    assert result.exit_code == 0, result.stderr
    assert text.read_text(encoding="utf-8") == f"{SEED_003} {SEED_003_RATINGS}\n"
    assert tables.read_text(encoding="utf-8").lstrip().startswith("#")
    assert "Toàn tỉnh" not in tables.read_text(encoding="utf-8")
    assert "Tổng cộng" in result.stdout  # the table still printed


def test_narrative_not_with_another_format(cli):
    result = cli("summarize", HAU_GIANG, "--narrative", "--format", "json")
    assert result.exit_code == 2
    assert "--narrative" in result.stderr and result.stdout == ""


def test_no_narrative_from_data_with_errors(cli, tmp_path):
    rows = [list(row) for row in SMALL_ROWS]
    rows[1][5] = "12a"
    path = write_workbook(tmp_path / "bad.xlsx", rows)
    text = tmp_path / "doan_van.txt"
    result = cli("summarize", path, "--narrative", "-o", text)
    assert result.exit_code == 1
    assert result.stdout == "" and not text.exists()


def test_rows_left_out_are_said(cli, tmp_path):
    rows = [list(row) for row in SMALL_ROWS]
    rows[1][5] = "12a"
    path = write_workbook(tmp_path / "bad.xlsx", rows)
    text = narrative_of(cli, path, "--skip-invalid")
    assert text.startswith("Toàn tỉnh hiện có 2.254 đoàn viên, hội viên sinh hoạt tại 8 chi")
    assert text.endswith("(Số liệu trên chưa tính 1 dòng có lỗi, xem danh sách lỗi.)")


def _rollup(levels: list[str], *names: list[str]) -> SimpleNamespace:
    tables = {
        level: pd.DataFrame({level: units}) for level, units in zip(levels, names, strict=True)
    }
    return SimpleNamespace(levels=levels, tables=tables, total={})


@pytest.mark.parametrize(
    ("levels", "names", "word"),
    [
        (["district"], [["Huyện Long Mỹ", "Thị xã Long Mỹ"]], "tỉnh"),
        (["district"], [["Thị xã Hồng Lĩnh"]], "thị xã"),
        (["district"], [["THÀNH PHỐ VỊ THANH"]], "thành phố"),
        (["district"], [["Long Mỹ"]], "huyện"),
        (["province", "district"], [["Tỉnh Hậu Giang"], ["Huyện A", "Huyện B"]], "tỉnh"),
        (["province", "district", "commune"], [["Tỉnh X"], ["Quận 5"], ["Phường 1"]], "phường"),
        (["province", "district", "commune"], [["Tỉnh X"], ["Quận 5"], ["P. 1", "P. 2"]], "quận"),
        (["district"], [["TP. Vị Thanh"]], "thành phố"),
        (["commune", "village"], [["Phường Bắc Hồng"], ["Tổ 1", "Tổ 2"]], "phường"),
        (["commune"], [["Xã A", "Xã B"]], "huyện"),
        (["village"], [["Ấp 1", "Ấp 2"]], "xã"),
        (["province"], [["Tỉnh A", "Tỉnh B"]], "quốc"),
    ],
)
def test_whole_follows_the_top_unit(levels, names, word):
    assert whole(_rollup(levels, *names)) == word
