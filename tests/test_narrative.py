"""The narrative (outputs/narrative.py): the sentences of each sample as the seeds write
them, the whole named by its top unit's type word, `--narrative` and `-o x.txt`; with two
periods (compare --narrative, a config's txt), each figure's change."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from danvan_cli.engine.models_rollup import COUNTED_BY
from danvan_cli.ingest.periods import Period
from danvan_cli.kinds.template import load_template
from danvan_cli.outputs.narrative import declared_narrative, models_narrative, whole
from danvan_cli.outputs.since import Since
from tests.commune_files import write_commune_file
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


@pytest.mark.parametrize(
    ("organization", "told"),
    [
        (
            "Hội LHPN",
            "Toàn xã hiện có 200 hội viên sinh hoạt tại 2 chi hội; tổng số hộ có hội viên là "
            "250/350 hộ, chiếm tỷ lệ 71,43%. Xếp loại chi hội: 1 vững mạnh, 1 khá.",
        ),
        (
            "Đoàn TN",
            "Toàn xã hiện có 200 đoàn viên sinh hoạt tại 2 chi đoàn; tổng số hộ có đoàn viên là "
            "250/350 hộ, chiếm tỷ lệ 71,43%. Xếp loại chi đoàn: 1 vững mạnh, 1 khá.",
        ),
    ],
)
def test_one_organisations_report_is_told_in_its_own_words(cli, tmp_path, organization, told):
    """A Hội LHPN's report names its members and branches "hội viên", "chi hội", not
    "đoàn viên, hội viên", "chi đoàn, chi hội" (several organisations' words)."""
    header = ["Xã", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên", "Tổng số hộ", "Số hộ có HV"]
    header += ["Vững mạnh", "Khá"]
    rows = [
        ["Xã Tân An", "Ấp 1", organization, 1, 120, 200, 150, 1, 0],
        ["Xã Tân An", "Ấp 2", organization, 1, 80, 150, 100, 0, 1],
    ]
    path = write_workbook(tmp_path / "bao_cao.xlsx", rows, header)
    assert narrative(cli, path) == told


def test_models_sample_tells_seed_004(cli):
    assert narrative(cli, SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx") == SEED_004


def test_models_sample_in_english(cli):
    text = narrative(cli, SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx", "--lang", "en")
    assert text.startswith(
        "Across the town, 112 “Dân vận khéo” models were registered, of which 27 at province "
        "level, 85 at district level. By field: economy 19, culture and society 67, defence "
    )
    assert text.endswith("65 models were recognised. 8 exemplary models were commended.")


def test_one_model_is_told_in_the_singular_in_english(cli, tmp_path):
    """A commune's one model, recognised and commended: "1 model was", not "1 models were"."""
    header = ["Tên mô hình", "Xã", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [["Nhà an toàn", "Xã Tân An", "VHXH", "Cấp xã", "Biểu dương"]]
    path = write_workbook(tmp_path / "dvk.xlsx", rows, header, "DVK", ())
    assert narrative(cli, path, "--lang", "en") == (
        "Across the commune, 1 “Dân vận khéo” model was registered, of which 1 at commune "
        "level. By field: culture and society 1. 1 model was recognised. 1 exemplary model "
        "was commended."
    )


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


# --- two periods: "tăng/giảm ... so với ..." --------------------------------------------

SEPTEMBER = [["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN"], ["Tháng 9 năm 2026"]]
OCTOBER = [["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN"], ["Tháng 10 năm 2026"]]


def _earlier_rows() -> list[list[object]]:
    """`SMALL_ROWS` a month before: Ấp 10's Hội Nông dân 1 branch and 600 members, Ấp 10's
    households with members 900. Totals 8 branches, 2.714 members, 3.180/4.500 households
    (70,67%); `SMALL_ROWS` adds 1 branch (12,50%), 20 members (0,74%) and 2,22 points."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[0][4:6] = [1, 600]
    rows[0][8] = rows[1][8] = 900
    return rows


def test_compare_narrative_tells_each_change_since_the_month_before(cli, tmp_path):
    old = write_workbook(tmp_path / "thang_9.xlsx", _earlier_rows(), above=SEPTEMBER)
    new = write_workbook(tmp_path / "thang_10.xlsx", SMALL_ROWS, above=OCTOBER)
    result = cli("compare", old, new, "--narrative")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Toàn tỉnh hiện có 2.734 đoàn viên, hội viên, tăng 20 người (0,74%) so với tháng "
        "9/2026; 9 chi đoàn, chi hội, tăng 1 chi đoàn, chi hội (12,50%); tổng số hộ có đoàn "
        "viên, hội viên là 3.280/4.500 hộ, chiếm tỷ lệ 72,89%, tăng 2,22 điểm phần trăm."
    )
    english = cli("compare", old, new, "--narrative", "--lang", "en")
    assert english.stdout.strip() == (
        "Across the province, there are 2,734 members, up 20 (0.74%) from September 2026; 9 "
        "branches, up 1 (12.50%); 3,280/4,500 households have members (72.89%), up 2.22 "
        "percentage points."
    )


def test_compare_narrative_of_a_decrease_against_a_report_of_no_stated_period(cli, tmp_path):
    old = write_workbook(tmp_path / "cu.xlsx", SMALL_ROWS)
    new = write_workbook(tmp_path / "moi.xlsx", _earlier_rows())
    result = cli("compare", old, new, "--narrative")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Toàn tỉnh hiện có 2.714 đoàn viên, hội viên, giảm 20 người (0,73%) so với kỳ trước; 8 "
        "chi đoàn, chi hội, giảm 1 chi đoàn, chi hội (11,11%); tổng số hộ có đoàn viên, hội "
        "viên là 3.180/4.500 hộ, chiếm tỷ lệ 70,67%, giảm 2,22 điểm phần trăm."
    )


def test_compare_narrative_against_the_same_month_a_year_before(cli, tmp_path):
    last_year = [["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN"], ["Tháng 10 năm 2025"]]
    old = write_workbook(tmp_path / "nam_truoc.xlsx", SMALL_ROWS, above=last_year)
    new = write_workbook(tmp_path / "nam_nay.xlsx", SMALL_ROWS, above=OCTOBER)
    result = cli("compare", old, new, "--narrative")
    assert result.stdout.strip() == (
        "Toàn tỉnh hiện có 2.734 đoàn viên, hội viên, không đổi so với cùng kỳ năm trước; 9 chi "
        "đoàn, chi hội, không đổi; tổng số hộ có đoàn viên, hội viên là 3.280/4.500 hộ, chiếm "
        "tỷ lệ 72,89%, không đổi."
    )


def test_compare_narrative_not_with_another_format(cli, tmp_path):
    old = write_workbook(tmp_path / "cu.xlsx", SMALL_ROWS)
    result = cli("compare", old, old, "--narrative", "--format", "json")
    assert result.exit_code == 2
    assert "--narrative" in result.stderr and result.stdout == ""


def _commune_month(folder: Path, month: str, first: tuple[str, int, int]) -> None:
    """Tân An (`first`, and Thôn 2: 2 branches, 50 members) and Long Vĩnh (Ấp 1: 2, 70)."""
    folder.mkdir(parents=True)
    write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", month, [first, ("Thôn 2", 2, 50)])
    write_commune_file(folder / "long_vinh.xlsx", "Xã Long Vĩnh", month, [("Ấp 1", 2, 70)])


def _config(folder: Path) -> Path:
    config = folder / "danvan.toml"
    config.write_text(
        'submissions = "nop/{period}"\nkind = "membership"\n[outputs]\nformats = ["txt"]\n',
        encoding="utf-8",
    )
    return config


def _told(folder: Path, period: str) -> str:
    return (folder / "ket_qua" / f"tong_hop_{period}.txt").read_text(encoding="utf-8").strip()


# Tân An's Thôn 1 from 3 branches and 101 members to 4 and 111: 221 members and 7
# branches to 231 (10 more: 4,52%) and 8 (1 more: 14,29%).
CHANGED = (
    "Toàn huyện hiện có 231 đoàn viên, hội viên, tăng 10 người (4,52%) so với {before}; 8 chi "
    "đoàn, chi hội, tăng 1 chi đoàn, chi hội (14,29%)."
)


def test_a_config_run_tells_the_changes_since_the_month_the_history_holds(cli, tmp_path):
    _commune_month(tmp_path / "nop" / "2026-09", "Tháng 9 năm 2026", ("Thôn 1", 3, 101))
    _commune_month(tmp_path / "nop" / "2026-10", "Tháng 10 năm 2026", ("Thôn 1", 4, 111))
    config = _config(tmp_path)
    for month in ("2026-09", "2026-10"):
        result = cli("rollup", "--config", config, "--period", month)
        assert result.exit_code == 0, result.stderr
    assert _told(tmp_path, "2026-09") == (
        "Toàn huyện hiện có 221 đoàn viên, hội viên sinh hoạt tại 7 chi đoàn, chi hội."
    )  # the history held no month before
    assert _told(tmp_path, "2026-10") == CHANGED.format(before="tháng 9/2026")
    db = tmp_path / "danvan.db"
    compared = cli("compare", "2026-09", "2026-10", "--db", db, "--narrative")
    assert compared.stdout.strip() == CHANGED.format(before="tháng 9/2026")
    english = cli("compare", "2026-09", "2026-10", "--db", db, "--narrative", "--lang", "en")
    assert english.stdout.strip() == (
        "Across the district, there are 231 members, up 10 (4.52%) from September 2026; 8 "
        "branches, up 1 (14.29%)."
    )


def test_a_quarter_from_its_months_tells_the_changes_since_the_quarter_before(cli, tmp_path):
    _commune_month(tmp_path / "nop" / "2026-03", "Tháng 3 năm 2026", ("Thôn 1", 3, 101))
    _commune_month(tmp_path / "nop" / "2026-06", "Tháng 6 năm 2026", ("Thôn 1", 4, 111))
    config = _config(tmp_path)
    for period in ("2026-03", "2026-06", "2026-Q2"):
        result = cli("rollup", "--config", config, "--period", period)
        assert result.exit_code == 0, result.stderr
    assert _told(tmp_path, "2026-Q2") == CHANGED.format(before="quý I/2026")


def test_models_changes_each_sentence_against_the_year_before():
    tables = {"district": pd.DataFrame({"district": ["Thị xã Hồng Lĩnh"]})}
    total = {"registered": 112, "recognized": 65, "commended": 8}
    counts = {"program": {"dan_van_kheo": 112}, "recognition_level": {"tinh": 27, "huyen": 85}}
    by_category = {  # the one roll-up type's grand total per code of each category
        category: pd.DataFrame(
            {
                "code": list(counts.get(category, {})),
                "registered": [*counts.get(category, {}).values()],
            }
        )
        for category in COUNTED_BY
    }
    rollup = SimpleNamespace(
        levels=["district"], tables=tables, total=total, by_category=by_category
    )
    earlier = {"registered": 104, "recognized": 65, "commended": 10}
    since = Since(earlier, Period("year", 2017), Period("year", 2018))
    assert models_narrative(rollup, "vi", since) == (
        "Toàn thị xã đã đăng ký 112 mô hình “Dân vận khéo”, tăng 8 mô hình (7,69%) so với năm "
        "2017, trong đó 27 mô hình cấp tỉnh, 85 mô hình cấp thị xã. Có 65 mô hình được công "
        "nhận, không đổi so với năm 2017. Biểu dương 8 mô hình tiêu biểu, giảm 2 mô hình "
        "(20,00%) so với năm 2017."
    )
    assert models_narrative(rollup, "en", since).startswith(
        "Across the town, 112 “Dân vận khéo” models were registered, up 8 (7.69%) from 2017, "
        "of which 27 at province level"
    )


def test_a_declared_kinds_changes_with_their_units():
    kind = load_template(SAMPLES / "activities.toml")
    tables = {"district": pd.DataFrame({"district": ["Huyện Long Mỹ", "Huyện Vị Thủy"]})}
    total = {"nha": 4413, "nha_tri_gia": 89_126_450_000, "tri_gia_mot_can": 20_196_340.36}
    rollup = SimpleNamespace(levels=["district"], tables=tables, total=total)
    earlier = {"nha": 4400, "nha_tri_gia": 88_126_450_000, "tri_gia_mot_can": 20_000_000}
    text = declared_narrative(kind, rollup, "vi", Since(earlier, Period("year", 2019)))
    assert text.startswith(
        "Nhà đại đoàn kết, nhà tình nghĩa toàn tỉnh: 4.413, tăng 13 (0,30%) so với năm 2019. "
        "Trị giá nhà toàn tỉnh: 89.126.450.000 đồng (hơn 89 tỷ đồng), tăng 1.000.000.000 đồng "
        "(1,13%) so với năm 2019. Học bổng toàn tỉnh: chưa có số liệu."
    )
    assert text.endswith(
        "Trị giá bình quân một căn (đồng) toàn tỉnh: 20.196.340,36, tăng 196.340,36 so với "
        "năm 2019."
    )


def test_units_one_month_has_and_the_other_not_are_said_after_the_changes(cli, tmp_path):
    """Long Vĩnh did not report in October and Tân An's Thôn 3 first did: the changes are
    the totals' (221 members and 7 branches to 161 and 6), and the narrative says what they
    take in, so that no one reports Long Vĩnh's 70 members as lost; the whole is still the
    district of the two communes, not Tân An alone."""
    _commune_month(tmp_path / "nop" / "2026-09", "Tháng 9 năm 2026", ("Thôn 1", 3, 101))
    october = tmp_path / "nop" / "2026-10"
    october.mkdir(parents=True)
    villages = [("Thôn 1", 3, 101), ("Thôn 2", 2, 50), ("Thôn 3", 1, 10)]
    write_commune_file(october / "tan_an.xlsx", "Xã Tân An", "Tháng 10 năm 2026", villages)
    config = _config(tmp_path)
    for month in ("2026-09", "2026-10"):
        assert cli("rollup", "--config", config, "--period", month).exit_code == 0
    told = (
        "Toàn huyện hiện có 161 đoàn viên, hội viên, giảm 60 người (27,15%) so với tháng 9/2026; "
        "6 chi đoàn, chi hội, giảm 1 chi đoàn, chi hội (14,29%). (Kỳ này chưa có số liệu của "
        "Xã Long Vĩnh, có ở tháng 9/2026: mức tăng, giảm trên có tính cả phần thiếu này.) (Kỳ "
        "này có thêm số liệu của Thôn 3 (Xã Tân An), không có ở tháng 9/2026: mức tăng, giảm "
        "trên có tính cả phần thêm này.)"
    )
    assert _told(tmp_path, "2026-10") == told
    db = tmp_path / "danvan.db"
    assert cli("compare", "2026-09", "2026-10", "--db", db, "--narrative").stdout.strip() == told
    files = cli("compare", tmp_path / "nop" / "2026-09", october, "--narrative", "--lang", "en")
    assert files.stdout.strip() == (
        "Across the district, there are 161 members, down 60 (27.15%) from September 2026; 6 "
        "branches, down 1 (14.29%). (This period has no figures from Xã Long Vĩnh, which "
        "September 2026 had: the changes above include what is missing.) (This period has "
        "figures from Thôn 3 (Xã Tân An), which September 2026 did not have: the changes above "
        "include them.)"
    )


def test_a_quarter_names_the_units_the_quarter_before_had_and_it_has_not(cli, tmp_path):
    """Long Vĩnh reported in March and in no month of the second quarter."""
    _commune_month(tmp_path / "nop" / "2026-03", "Tháng 3 năm 2026", ("Thôn 1", 3, 101))
    june = tmp_path / "nop" / "2026-06"
    june.mkdir(parents=True)
    villages = [("Thôn 1", 4, 111), ("Thôn 2", 2, 50)]
    write_commune_file(june / "tan_an.xlsx", "Xã Tân An", "Tháng 6 năm 2026", villages)
    config = _config(tmp_path)
    for period in ("2026-03", "2026-06", "2026-Q2"):
        assert cli("rollup", "--config", config, "--period", period).exit_code == 0
    assert _told(tmp_path, "2026-Q2") == (
        "Toàn huyện hiện có 161 đoàn viên, hội viên, giảm 60 người (27,15%) so với quý I/2026; 6 "
        "chi đoàn, chi hội, giảm 1 chi đoàn, chi hội (14,29%). (Kỳ này chưa có số liệu của Xã "
        "Long Vĩnh, có ở quý I/2026: mức tăng, giảm trên có tính cả phần thiếu này.)"
    )


def test_a_report_naming_its_district_against_one_naming_none(cli, tmp_path):
    """September's file names no district, October's names Huyện Châu Thành: the two are
    compared, and their units told apart, at the levels both name."""
    villages = [("Ấp 1", 3, 101), ("Ấp 2", 1, 10)]
    old = write_commune_file(tmp_path / "a.xlsx", "Xã Tân An", "Tháng 9 năm 2026", villages)
    october = [("Ấp 1", 3, 111)]
    district = "Huyện Châu Thành"
    new = write_commune_file(
        tmp_path / "b.xlsx", "Xã Tân An", "Tháng 10 năm 2026", october, district=district
    )
    result = cli("compare", old, new, "--narrative")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(
        "(Kỳ này chưa có số liệu của Ấp 2, có ở tháng 9/2026: mức tăng, giảm trên có tính cả "
        "phần thiếu này.)"
    )
    backwards = cli("compare", new, old, "--narrative")
    assert backwards.exit_code == 0, backwards.stderr
    assert "(Kỳ này có thêm số liệu của Ấp 2, không có ở tháng 10/2026" in backwards.stdout
    tables = cli("compare", old, new, "--format", "json")  # compared at the levels both name
    assert tables.exit_code == 0, tables.stderr
    document = json.loads(tables.stdout)
    assert document["levels"] == ["commune", "village"]
    (commune,) = [r for r in document["comparison"]["commune"] if r["organization"] == "all"]
    assert (commune["commune"], commune["members_old"], commune["members_new"]) == (
        "Xã Tân An",
        111,
        111,
    )
