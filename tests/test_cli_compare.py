"""`danvan compare OLD NEW` end to end through the command line (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLES, write_commune_report

# A commune's villages, one organisation each. Members: Ấp 1 100 -> 120 (+20 %, exactly
# the threshold: not flagged), Ấp 2 100 -> 121 (+21 %), Ấp 3 0 -> 5 (no percent: flagged),
# Ấp Cũ only in the old file, Ấp Mới only in the new.
OLD_ROWS = [
    ["Huyện A", "Xã X", "Ấp 1", "Hội Nông dân", 1, 100, 50, 200, 100],
    ["Huyện A", "Xã X", "Ấp 2", "Hội Nông dân", 1, 100, 50, 200, 100],
    ["Huyện A", "Xã X", "Ấp 3", "Hội Nông dân", 1, 0, 0, 200, 100],
    ["Huyện A", "Xã X", "Ấp Cũ", "Hội Nông dân", 1, 50, 25, 100, 50],
]
NEW_ROWS = [
    ["Huyện A", "Xã X", "Ấp 1", "Hội Nông dân", 1, 120, 50, 200, 100],
    ["Huyện A", "Xã X", "Ấp 2", "Hội Nông dân", 1, 121, 50, 200, 100],
    ["Huyện A", "Xã X", "Ấp 3", "Hội Nông dân", 1, 5, 0, 200, 100],
    ["Huyện A", "Xã X", "Ấp Mới", "Hội Nông dân", 1, 30, 20, 100, 50],
]


@pytest.fixture
def months(make_workbook):
    return make_workbook(OLD_ROWS, name="thang_09.xlsx"), make_workbook(
        NEW_ROWS, name="thang_10.xlsx"
    )


def test_json_shape_and_figures(cli, months):
    result = cli("compare", *months, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == [
        "kind",
        "old",
        "new",
        "threshold_percent",
        "z_threshold",
        "min_past_periods",
        "levels",
        "figures",
        "comparison",
        "counts",
        "total",
        "flags",
        "notes",
        "problems",
    ]
    assert document["kind"] == "membership"
    assert document["levels"] == ["district", "commune", "village"]
    assert document["threshold_percent"] == 20
    villages = {(r["village"], r["organization"]): r for r in document["comparison"]["village"]}
    ap1 = villages["Ấp 1", "all"]
    assert (ap1["status"], ap1["members_old"], ap1["members_new"]) == ("both", 100, 120)
    assert (ap1["members_change"], ap1["members_percent"]) == (20, 20.0)
    # ratios as each roll-up gives them: 50/100 -> 50/120
    assert ap1["attendance_rate_old"] == 0.5
    assert ap1["attendance_rate_new"] == pytest.approx(50 / 120)
    ap3 = villages["Ấp 3", "all"]
    assert (ap3["members_old"], ap3["members_new"], ap3["members_percent"]) == (0, 5, None)
    assert villages["Ấp Mới", "all"]["status"] == "appeared"
    assert villages["Ấp Mới", "all"]["members_old"] is None
    assert villages["Ấp Cũ", "all"]["status"] == "disappeared"
    assert villages["Ấp Cũ", "all"]["members_new"] is None
    assert document["counts"]["village"] == {"both": 3, "appeared": 1, "disappeared": 1, "flags": 8}
    # the commune: 250 -> 276 members (+10.4 %)
    assert document["total"]["members_old"] == 250
    assert document["total"]["members_new"] == 276
    assert document["total"]["members_percent"] == pytest.approx(10.4)


def test_change_flags_with_their_values(cli, months):
    document = json.loads(cli("compare", *months, "-f", "json").stdout)
    said = [
        (f["village"], f["organization"], f["figure"], f["old"], f["new"], f["percent"])
        for f in document["flags"]["village"]["change"]
    ]
    # Ấp 1's +20 % is not beyond the threshold; Ấp 2's +21 % is
    assert said == [
        ("Ấp 2", "all", "members", 100, 121, 21),
        ("Ấp 2", "all", "members_per_branch", 100, 121, 21),
        ("Ấp 2", "nong_dan", "members", 100, 121, 21),
        ("Ấp 2", "nong_dan", "members_per_branch", 100, 121, 21),
    ]
    # Ấp 3 changed from 0: flagged on its own, with the values, no percent
    assert document["flags"]["village"]["from_zero"] == [
        {"district": "Huyện A", "commune": "Xã X", "village": "Ấp 3", "organization": o}
        | {"figure": f, "old": 0, "new": 5, "change": 5}
        for o in ("all", "nong_dan")
        for f in ("members", "members_per_branch")
    ]
    assert set(document["flags"]["village"]) == {"change", "from_zero"}  # no history
    assert document["flags"]["commune"] == {}


def test_threshold_option(cli, months):
    document = json.loads(cli("compare", *months, "-f", "json", "--threshold", "19").stdout)
    flagged = {f["village"] for f in document["flags"]["village"]["change"]}
    assert flagged == {"Ấp 1", "Ấp 2"}  # Ấp 3's 0 -> 5 is "from_zero" at any threshold
    document = json.loads(cli("compare", *months, "-f", "json", "--threshold", "10").stdout)
    commune = [f for f in document["flags"]["commune"]["change"] if f["organization"] == "all"]
    # 250 -> 276 members on 4 branches both times: +10.4 %; attending 125 -> 120, the
    # attendance rate 125/250 = 0.5 -> 120/276 = 0.43478: -13.04 %
    assert [(f["figure"], f["percent"]) for f in commune] == [
        ("members", pytest.approx(10.4)),
        ("attendance_rate", pytest.approx(-13.0435, abs=1e-4)),
        ("members_per_branch", pytest.approx(10.4)),
    ]


def test_table_on_the_terminal(cli, months):
    result = cli("compare", *months, "--level", "village")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    ap2 = next(line for line in lines if "│ Ấp 2 " in line)
    assert "121 +21,00%" in ap2
    assert "│          1 │" in ap2  # branches unchanged: the value alone
    assert any("Ấp Mới" in line and "mới có" in line for line in lines)
    assert any("Ấp Cũ" in line and "không còn" in line for line in lines)
    assert "100 → 121: +21,00% (ngưỡng ±20,00%)" in result.stdout
    assert "0 → 5: không tính được % vì số cũ là 0" in result.stdout
    assert "Cấp thôn: 3 đơn vị có ở cả hai kỳ, 1 mới có, 1 không còn; 8 thay đổi" in result.stdout


def test_english(cli, months):
    result = cli("compare", *months, "--level", "village", "--lang", "en")
    assert result.exit_code == 0
    assert "Comparison by village" in result.stdout
    assert "121 +21.00%" in result.stdout
    assert "0 → 5: no percent, the old value being 0" in result.stdout


def test_markdown_says_old_zero(cli, months):
    result = cli("compare", *months, "-f", "md", "--level", "village")
    ap3 = next(
        line
        for line in result.stdout.splitlines()
        if line.startswith("| Huyện A | Xã X | Ấp 3 | Tất cả")
    )
    assert "| 0 | 5 | 5 | cũ = 0 |" in ap3
    assert "## Các thay đổi cần xem lại" in result.stdout


def test_csv_one_long_table_with_flags(cli, months):
    result = cli("compare", *months, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    ap2 = next(r for r in rows if r["village"] == "Ấp 2" and r["organization"] == "all")
    assert (ap2["level"], ap2["members_old"], ap2["members_new"]) == ("village", "100", "121")
    assert ap2["flags"] == "members:change members_per_branch:change"
    assert rows[-1]["level"] == "total"
    assert rows[-1]["members_change"] == "26"


def test_the_flags_tables_last_row_counts_them_under_its_own_name(cli, months):
    """The flags on the grand total are "Tổng cộng" rows; the row counting the flags is not."""
    result = cli("compare", *months, "--level", "village")
    assert result.exit_code == 0, result.stderr
    flags = result.stdout.split("Các thay đổi cần xem lại")[1].splitlines()
    counted = [line for line in flags if line.startswith("│ Số thay đổi cần xem lại ")]
    assert len(counted) == 1 and counted[0].rstrip("│ ").endswith(" 8")
    english = cli("compare", *months, "--level", "village", "--lang", "en")
    assert "│ Changes to look at, in all " in english.stdout


def test_files_written(cli, months, tmp_path):
    out = tmp_path / "so_sanh.xlsx"
    result = cli("compare", *months, "-o", out, "-o", tmp_path / "so_sanh.json")
    assert result.exit_code == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        "Huyện",
        "Xã",
        "Thôn",
        "Các thay đổi cần xem lại",
        "Các vấn đề trong dữ liệu",
    ]
    sheet = workbook["Thôn"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[2] == "Ấp 3" and r[3] == "Tất cả")
    at = header.index("Số ĐV, HV (cũ)")
    assert row[at : at + 4] == (0, 5, 5, "cũ = 0")
    row = next(r for r in sheet.iter_rows(values_only=True) if r[2] == "Ấp 2" and r[3] == "Tất cả")
    assert row[at : at + 4] == (100, 121, 21, 0.21)
    assert (
        json.loads((tmp_path / "so_sanh.json").read_text(encoding="utf-8"))["kind"] == "membership"
    )


def test_danvan_outputs_read_back(cli, months, tmp_path):
    """A district's own output compared with the next month's input: the same figures."""
    old_output = tmp_path / "tong_hop_09.xlsx"
    assert cli("summarize", months[0], "-o", old_output).exit_code == 0
    from_output = json.loads(cli("compare", old_output, months[1], "-f", "json").stdout)
    from_input = json.loads(cli("compare", *months, "-f", "json").stdout)
    assert from_output["comparison"] == from_input["comparison"]
    assert from_output["flags"] == from_input["flags"]


def test_a_commune_report_as_sent(cli, tmp_path):
    old = write_commune_report(tmp_path / "tan_an_09.xlsx", "Tân An")
    new = write_commune_report(tmp_path / "tan_an_10.xlsx", "Tân An", extra=10)
    result = cli("compare", old, new, "-f", "json", "--level", "commune")
    assert result.exit_code == 0, result.stderr
    (row,) = [
        r for r in json.loads(result.stdout)["comparison"]["commune"] if r["organization"] == "all"
    ]
    assert (row["commune"], row["members_old"], row["members_new"]) == ("Xã Tân An", 166, 176)


def test_data_errors_exit_1(cli, months, make_workbook):
    bad = [list(r) for r in NEW_ROWS]
    bad[0][5] = "12a"
    result = cli("compare", months[0], make_workbook(bad, name="bad.xlsx"))
    assert result.exit_code == 1
    assert "bad.xlsx" in result.stderr
    assert "Chưa so sánh" in result.stderr
    assert result.stdout == ""


def test_unreadable_or_usage_exit_2(cli, months, tmp_path):
    assert cli("compare", months[0], tmp_path / "khong_co.xlsx").exit_code == 2
    assert cli("compare", *months, "-o", tmp_path / "x.txt").exit_code == 2
    assert cli("compare", months[0]).exit_code == 2
    assert cli("compare", *months, "-o", months[0]).exit_code == 2  # an input is never written


# --- two periods of the history (--db) ---------------------------------------------------

MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
# Members of one organisation in each village, May to October (attending 50 throughout).
# Ấp 1: past 100, 110, 90, 95, 105 -> sorted 90 95 100 105 110: median 100, min 90, max
#   110; deviations 0 10 10 5 5 -> sorted 0 5 5 10 10: MAD 5. October 115 is above the
#   range; z = 0.6745 * (115 - 100) / 5 = 2.0235 is not beyond 3.5; 105 -> 115 is +9.5 %.
# Ấp 2: past 100, 102, 98, 101, 125 -> sorted 98 100 101 102 125: median 101; deviations
#   1 1 3 0 24 -> sorted 0 1 1 3 24: MAD 1. October 112 is within 98 - 125; z = 0.6745 *
#   (112 - 101) / 1 = 7.4195 is beyond 3.5; 125 -> 112 is -10.4 %.
MEMBERS = {"Ấp 1": [100, 110, 90, 95, 105, 115], "Ấp 2": [100, 102, 98, 101, 125, 112]}


@pytest.fixture
def history(tmp_path):
    from danvan_cli.engine import pipeline
    from danvan_cli.kinds.membership import MEMBERSHIP
    from danvan_cli.periods.calendar import parse_period
    from danvan_cli.periods.history import History
    from danvan_cli.periods.store import sources_of
    from tests.conftest import write_workbook

    path = tmp_path / "danvan.db"
    with History.open(path) as kept:
        for number, month in enumerate(MONTHS):
            rows = [
                ["Huyện A", "Xã X", village, "Hội Nông dân", 1, members[number], 50, 200, 100]
                for village, members in MEMBERS.items()
            ]
            data = pipeline.check(
                MEMBERSHIP, [str(write_workbook(tmp_path / f"{month}.xlsx", rows))]
            )
            records = data.records[~data.records["_invalid"]]
            kept.store_period(parse_period(month), MEMBERSHIP, records, sources_of(data.tables))
    return path


def village_flags(document, kind):
    return [
        f
        for f in document["flags"]["village"].get(kind, [])
        if f["figure"] == "members" and f["organization"] == "all"
    ]


def test_two_periods_of_the_history_with_outliers(cli, history):
    result = cli("compare", "2026-09", "2026-10", "--db", history, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["old"], document["new"]) == ("2026-09", "2026-10")
    assert village_flags(document, "change") == []
    assert village_flags(document, "range") == [
        {
            "district": "Huyện A",
            "commune": "Xã X",
            "village": "Ấp 1",
            "organization": "all",
            "figure": "members",
            "value": 115,
            "min": 90,
            "max": 110,
            "periods": 5,
        }
    ]
    (z,) = village_flags(document, "robust_z")
    assert (z["village"], z["value"], z["median"], z["mad"], z["periods"]) == (
        "Ấp 2",
        112,
        101,
        1,
        5,
    )
    assert z["z"] == pytest.approx(7.4195)
    assert document["notes"] == []


def test_a_short_history_is_said(cli, history):
    result = cli("compare", "2026-05", "2026-06", "--db", history, "-f", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert document["notes"] == [
        "The history has 1 period(s) before 2026-06: at least 3 are needed to look for values "
        "outside a unit's range or unusual."
    ]
    assert all(set(flags) <= {"change"} for flags in document["flags"].values())


def test_history_terminal_names_the_flags(cli, history):
    result = cli("compare", "2026-09", "2026-10", "--db", history, "--level", "village")
    assert result.exit_code == 0
    assert "115 ngoài khoảng 90 – 110 của 5 kỳ trước" in result.stdout
    assert "112: z = 7,42 (trung vị 101, MAD 1,00 của 5 kỳ trước; ngưỡng 3,50)" in result.stdout


def test_history_mistakes_exit_2(cli, history, tmp_path):
    result = cli("compare", "2026-09", "2026-11", "--db", history)
    assert result.exit_code == 2
    assert "không có kỳ 2026-11" in result.stderr
    assert "2026-05, 2026-06, 2026-07, 2026-08, 2026-09, 2026-10" in result.stderr
    result = cli("compare", "2026-09", "2026-10", "--db", tmp_path / "khong_co.db")
    assert result.exit_code == 2
    assert not (tmp_path / "khong_co.db").exists()
    listed = cli("history", "list", "--db", tmp_path / "khong_co.db")  # said the same way
    assert result.stderr == listed.stderr
    assert "Không có tệp lịch sử" in result.stderr
    (tmp_path / "la.db").write_text("không phải SQLite", encoding="utf-8")
    foreign = cli("compare", "2026-09", "2026-10", "--db", tmp_path / "la.db", "--lang", "en")
    assert foreign.exit_code == 2
    assert (
        foreign.stderr == cli("history", "list", "--db", tmp_path / "la.db", "--lang", "en").stderr
    )
    assert cli("compare", "thang 9", "2026-10", "--db", history).exit_code == 2


def test_folders_compared_with_a_history_are_told_to_be_periods(cli, history, tmp_path):
    """With --db (or --config) OLD and NEW are periods: folders named are told so, and how
    to compare them, not only that they are no period."""
    (tmp_path / "thang_09").mkdir()
    result = cli("compare", tmp_path / "thang_09", "2026-10", "--db", history)
    assert result.exit_code == 2
    assert (
        f"Lỗi: «{tmp_path / 'thang_09'}» là tệp hoặc thư mục, nhưng với --db hoặc --config thì "
        "CŨ và MỚI là hai kỳ trong lịch sử. (cần: hai kỳ như 2026-09 2026-10; hoặc bỏ --db và "
        "--config để so sánh các tệp)" in " ".join(result.stderr.split())
    )


def test_community_models_compared_by_unit(cli):
    sample = SAMPLES / "lam_binh_2020_tu_quan.xlsx"
    result = cli("compare", sample, sample, "--level", "district", "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["kind"] == "models"
    (row,) = document["comparison"]["district"]
    assert list(row)[:3] == ["district", "status", "registered_old"]  # no category column
    assert (row["district"], row["registered_old"], row["registered_change"]) == (
        "Huyện Lâm Bình",
        327,
        0,
    )
    table = cli("compare", sample, sample, "--level", "district").stdout
    assert "│ Huyện Lâm Bình │            │     327 │" in table  # kinds of model not on screen


def test_units_written_two_ways_are_one_row_in_summarizes_names_and_order(cli, make_workbook):
    """September writes "TP. Huế", "xã hương vinh", "ấp đông hoà", "TDP 1"; October
    "Thành phố Huế", "Xã Hương Vinh", "Ấp Đông Hòa", "Tổ dân phố 1": one row each, printed
    as summarize prints them, in its order, Huế's village gone in October in its place."""
    old = [
        ["TP. Huế", "xã hương vinh", "ấp đông hoà", "Hội Nông dân", 2, 620, 500, 1250, 1000],
        ["TP. Huế", "xã hương vinh", "TDP 1", "Hội Nông dân", 1, 100, 80, 300, 200],
        ["TP. Huế", "xã hương vinh", "ấp cũ", "Hội Nông dân", 1, 50, 40, 100, 90],
        ["Huyện Phú Vang", "Xã Phú An", "Ấp 3", "Hội Nông dân", 1, 70, 60, 150, 100],
    ]
    new = [
        ["Thành phố Huế", "Xã Hương Vinh", "Ấp Đông Hòa", "Hội Nông dân", 2, 700, 500, 1250, 1000],
        ["Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 1", "Hội Nông dân", 1, 110, 80, 300, 200],
        ["Huyện Phú Vang", "Xã Phú An", "Ấp 3", "Hội Nông dân", 1, 75, 60, 150, 100],
    ]
    files = [make_workbook(old, name="thang_09.xlsx"), make_workbook(new, name="thang_10.xlsx")]
    result = cli("compare", *files, "-f", "json")
    assert result.exit_code == 0, result.stderr
    villages = json.loads(result.stdout)["comparison"]["village"]
    assert [
        (v["district"], v["commune"], v["village"], v["status"], v["members_old"])
        for v in villages
        if v["organization"] == "all"
    ] == [
        ("Thành phố Huế", "Xã Hương Vinh", "Ấp Cũ", "disappeared", 50),
        ("Thành phố Huế", "Xã Hương Vinh", "Ấp Đông Hòa", "both", 620),
        ("Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 1", "both", 100),
        ("Huyện Phú Vang", "Xã Phú An", "Ấp 3", "both", 70),
    ]


def test_a_kind_is_named_as_it_declares_whatever_its_name():
    """A comparison is named from the kind's declaration, not from its name: models under
    another name are compared unit by unit, their codes' counts labelled as models', the
    kinds of model left out of the terminal; membership under another name per
    organisation, its ratings left out."""
    from danvan_cli.cli.compare import naming_of
    from danvan_cli.kinds.membership import MEMBERSHIP
    from danvan_cli.kinds.models import MODELS
    from danvan_cli.text.formatting import COUNT, DECIMAL, PERCENT

    models = naming_of(MODELS.model_copy(update={"name": "mo_hinh_2026"}))
    metrics = ["registered", "commended", "tu_quan", "kinh_te", "co_so", "tao_hon"]
    named = models(metrics, "en")
    assert (named.kind, named.category) == ("mo_hinh_2026", None)
    assert [named.labels[m] for m in metrics] == [
        "Registered",
        "Commended",
        "Self-managed",
        "Economy",
        "Grassroots",
        "Child marriage",
    ]
    assert named.looks == dict.fromkeys(metrics, COUNT)
    assert "tao_hon" in named.hidden and "kinh_te" not in named.hidden
    assert len(named.hidden) == 10  # the ten kinds of model

    membership = naming_of(MEMBERSHIP.model_copy(update={"name": "doan_the"}))
    metrics = ["members", "rating_weak", "household_coverage", "members_per_branch"]
    named = membership(metrics, "vi")
    assert (named.kind, named.category) == ("doan_the", "organization")
    assert (named.values["nong_dan"], named.values["all"]) == ("Hội Nông dân", "Tất cả")
    assert [named.looks[m] for m in metrics] == [COUNT, COUNT, PERCENT, DECIMAL]
    assert named.hidden == {"rating_strong", "rating_good", "rating_average", "rating_weak"}


def test_the_narrative_of_two_months_of_models_in_the_history(cli, tmp_path):
    """The history keeps models' figures per unit, not per programme or field: the
    narrative says the totals and their change, and no Python error."""
    from danvan_cli.engine import pipeline
    from danvan_cli.kinds.models import MODELS
    from danvan_cli.periods.calendar import parse_period
    from danvan_cli.periods.history import History
    from danvan_cli.periods.store import sources_of
    from tests.conftest import write_workbook

    header = ["Xã", "Chương trình", "Lĩnh vực", "Số lượng"]
    path = tmp_path / "danvan.db"
    with History.open(path) as kept:
        for month, dan_van_kheo in (("2026-09", 3), ("2026-10", 5)):
            rows = [
                ["Xã A", "Dân vận khéo", "Kinh tế", dan_van_kheo],
                ["Xã A", "Mô hình tự quản", "VHXH", 4],
            ]
            book = write_workbook(tmp_path / f"{month}.xlsx", rows, header, "Data", ())
            data = pipeline.check(MODELS, [str(book)], None, None, "error")
            kept.store_period(parse_period(month), MODELS, data.records, sources_of(data.tables))
    result = cli("compare", "2026-09", "2026-10", "--db", path, "--narrative", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    # 3 + 4 in September, 5 + 4 in October
    assert result.stdout == (
        "Across the commune, 9 models were registered, up 2 (28.57%) from September 2026.\n"
    )
    # a unit's row as membership's are: its programmes all together, the column named
    table = cli("compare", "2026-09", "2026-10", "--db", path, "--lang", "en", "-f", "md")
    assert "| Xã A | All |  | 7 | 9 | 2 | +28.57% |" in table.stdout


def test_a_unit_lacking_lower_units_one_period_has_is_marked(cli, make_workbook):
    """Xã Y did not report this month and Xã X has a new village: Huyện A's and Xã X's
    changes are not their own; marked "*" with a line saying what each period lacks."""
    old = [
        ["Huyện A", "Xã X", "Ấp 1", "Hội Nông dân", 1, 100, 50, 200, 100],
        ["Huyện A", "Xã Y", "Ấp 1", "Hội Nông dân", 2, 300, 150, 400, 200],
    ]
    new = [
        ["Huyện A", "Xã X", "Ấp 1", "Hội Nông dân", 1, 100, 50, 200, 100],
        ["Huyện A", "Xã X", "Ấp 3", "Hội Nông dân", 1, 40, 20, 80, 40],
    ]
    paths = make_workbook(old, name="thang_09.xlsx"), make_workbook(new, name="thang_10.xlsx")
    document = json.loads(cli("compare", *paths, "-f", "json").stdout)
    marks = {
        level: [
            (r.get("commune") or r["district"], r["lower_missing_old"], r["lower_missing_new"])
            for r in rows
            if r["organization"] == "all"
        ]
        for level, rows in document["comparison"].items()
    }
    assert marks["district"] == [("Huyện A", 1, 1)]
    assert marks["commune"] == [("Xã X", 1, 0), ("Xã Y", 0, 0)]
    assert [r[1:] for r in marks["village"]] == [(0, 0)] * 3
    assert (document["total"]["lower_missing_old"], document["total"]["lower_missing_new"]) == (
        1,
        1,
    )
    table = cli("compare", *paths, "--level", "commune", "--lang", "en").stdout
    rows = [line.split("│")[2:4] for line in table.splitlines() if "│ Xã " in line]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["Xã X", "*"],
        ["Xã Y", "disappeared"],
    ]
    said = (
        "* By commune: Xã X lack figures of lower units in one period (0 lower unit(s) in "
        f"{paths[0]} but not in {paths[1]}; 1 in {paths[1]} but not in {paths[0]}): the changes "
        "on rows marked * include what is missing."
    )
    assert said in " ".join(table.split())
    markdown = cli("compare", *paths, "-f", "md", "--level", "district").stdout
    assert "| Huyện A | Tất cả | * |" in markdown
    assert "- * Cấp huyện: Huyện A thiếu số liệu của đơn vị cấp dưới ở một kỳ" in markdown
    rows = list(csv.DictReader(io.StringIO(cli("compare", *paths, "-f", "csv").stdout)))
    assert list(rows[0])[-3:] == ["lower_missing_old", "lower_missing_new", "flags"]
    out = paths[0].parent / "so_sanh.xlsx"
    assert cli("compare", *paths, "-o", out).exit_code == 0
    cells = list(load_workbook(out)["Xã"].iter_rows(values_only=True))
    assert [(r[1], r[3]) for r in cells if r[2] == "Tất cả" and r[1]] == [
        ("Xã X", "*"),
        ("Xã Y", "không còn"),
    ]
    assert any(r[0] and str(r[0]).startswith("* Cấp xã: Xã X thiếu số liệu") for r in cells)
    same = cli("compare", paths[1], paths[1], "--level", "commune").stdout
    assert "*" not in same and "cấp dưới" not in same  # nothing lacking: nothing said
