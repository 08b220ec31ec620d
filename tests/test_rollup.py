"""rollup: sums per level present and per organisation; households once; ratios from sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from tests.conftest import HEADER, SMALL_ROWS, SMALL_TOTAL, write_workbook


@pytest.fixture
def rollup_of(make_workbook):
    """Roll up rows written as a workbook; the data must be valid."""

    def run(rows, header=HEADER):
        summary = pipeline.summarize(MEMBERSHIP, [str(make_workbook(rows, header))])
        assert [p for p in summary.problems if p.severity == "error"] == []
        assert summary.exit_code == 0
        return summary.rollup

    return run


def rows_of(table: pd.DataFrame, organization: str = "all") -> list[dict]:
    return table[table["organization"] == organization].to_dict("records")


def one(table: pd.DataFrame, organization: str = "all", **names) -> dict:
    found = [r for r in rows_of(table, organization) if all(r[k] == v for k, v in names.items())]
    assert len(found) == 1, (names, found)
    return found[0]


def test_small_report_totals(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    assert {k: rollup.total[k] for k in SMALL_TOTAL} == SMALL_TOTAL
    assert rollup.levels == ["district", "commune", "village"]
    assert list(rollup.tables) == ["district", "commune", "village"]


# --- households once per village ------------------------------------------------------------


def test_households_are_counted_once_per_village(rollup_of):
    village = ["Huyện A", "Xã B", "Ấp C"]
    rows = [
        [*village, "Hội Nông dân", 1, 50, 40, 400, 300],
        [*village, "Hội LHPN", 1, 60, 50, 400, 300],
        [*village, "Đoàn Thanh niên", 1, 30, 20, 400, 300],
    ]
    rollup = rollup_of(rows)
    for level in ("district", "commune", "village"):
        row = one(rollup.tables[level])
        assert (row["households"], row["households_with_members"]) == (400, 300), level
        assert row["household_coverage"] == pytest.approx(0.75)
        assert row["members"] == 140
    assert rollup.total["households"] == 400
    assert rollup.total["households_with_members"] == 300


def test_household_figures_on_one_row_of_the_village_only(rollup_of):
    rows = [
        ["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 1, 50, 40, 400, 300],
        ["Huyện A", "Xã B", "Ấp C", "Hội LHPN", 1, 60, 50, None, None],
        ["Huyện A", "Xã B", "Ấp D", "Hội LHPN", 1, 60, 50, None, None],
        ["Huyện A", "Xã B", "Ấp D", "Hội Nông dân", 1, 60, 50, 100, 90],
    ]
    rollup = rollup_of(rows)
    assert one(rollup.tables["village"], village="Ấp C")["households"] == 400
    assert one(rollup.tables["village"], village="Ấp D")["households"] == 100
    assert rollup.total["households"] == 500
    assert rollup.total["households_with_members"] == 390


def test_same_village_name_in_two_communes_is_two_villages(rollup_of):
    rows = [
        ["Huyện A", "Xã B", "Ấp 1", "Hội Nông dân", 1, 50, 40, 400, 300],
        ["Huyện A", "Xã C", "Ấp 1", "Hội Nông dân", 1, 60, 50, 200, 100],
    ]
    rollup = rollup_of(rows)
    assert rollup.total["households"] == 600
    assert [r["households"] for r in rows_of(rollup.tables["village"])] == [400, 200]
    assert [r["commune"] for r in rows_of(rollup.tables["commune"])] == ["Xã B", "Xã C"]


def test_household_figures_are_blank_on_organisation_rows(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    for level, table in rollup.tables.items():
        org_rows = table[table["organization"] != "all"]
        assert len(org_rows) > 0
        for column in ("households", "households_with_members", "household_coverage"):
            assert org_rows[column].isna().all(), (level, column)
    assert "households" not in rollup.total_by_organization.columns


# --- ratios from sums -----------------------------------------------------------------------


def test_ratios_come_from_sums_not_averages(rollup_of):
    # Ấp Nhỏ: 9 of 10 households (90%); Ấp Lớn: 100 of 1.000 (10%).
    # The average of the two ratios is 50%; the province-wide ratio is 109/1.010 = 10,79%.
    rows = [
        ["Huyện A", "Xã B", "Ấp Nhỏ", "Hội Nông dân", 1, 10, 9, 10, 9],
        ["Huyện A", "Xã B", "Ấp Lớn", "Hội Nông dân", 10, 1000, 100, 1000, 100],
    ]
    rollup = rollup_of(rows)
    villages = rows_of(rollup.tables["village"])
    assert [v["household_coverage"] for v in villages] == [pytest.approx(0.1), pytest.approx(0.9)]
    assert [v["attendance_rate"] for v in villages] == [pytest.approx(0.1), pytest.approx(0.9)]
    for level in ("district", "commune"):
        row = one(rollup.tables[level])
        assert row["household_coverage"] == pytest.approx(109 / 1010)
        assert row["attendance_rate"] == pytest.approx(109 / 1010)
        assert row["members_per_branch"] == pytest.approx(1010 / 11)
        assert row["household_coverage"] != pytest.approx(0.5)
    assert rollup.total["household_coverage"] == pytest.approx(109 / 1010)
    assert rollup.total["members_per_branch"] == pytest.approx(1010 / 11)


def test_small_report_ratios_at_every_level(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    chau_thanh = one(rollup.tables["district"], district="Huyện Châu Thành")
    long_my = one(rollup.tables["district"], district="Huyện Long Mỹ")
    assert chau_thanh["household_coverage"] == pytest.approx(1700 / 2050)
    assert long_my["household_coverage"] == pytest.approx(1580 / 2450)
    average = (1700 / 2050 + 1580 / 2450) / 2
    assert rollup.total["household_coverage"] == pytest.approx(3280 / 4500)
    assert not math.isclose(rollup.total["household_coverage"], average, rel_tol=1e-3)
    assert rollup.total["attendance_rate"] == pytest.approx(2200 / 2734)
    nong_dan = one(rollup.tables["district"], "nong_dan", district="Huyện Châu Thành")
    assert nong_dan["attendance_rate"] == pytest.approx(800 / 970)
    assert nong_dan["members_per_branch"] == pytest.approx(970 / 3)


def test_a_zero_denominator_gives_no_ratio(rollup_of):
    rows = [["Huyện A", "Xã B", "Ấp C", "Hội Nông dân", 0, 0, 0, 0, 0]]
    rollup = rollup_of(rows)
    row = one(rollup.tables["village"])
    for ratio in ("household_coverage", "attendance_rate", "members_per_branch"):
        assert pd.isna(row[ratio]), ratio
        assert rollup.total[ratio] is None, ratio


# --- levels present only --------------------------------------------------------------------


def test_no_district_column_gives_no_district_level(rollup_of):
    header = [
        "Xã",
        "Thôn",
        "Đoàn thể",
        "Số chi hội",
        "Số hội viên",
        "Tổng số hộ",
        "Số hộ có ĐV, HV",
    ]
    rows = [
        ["Xã Long Bình", "Ấp 1", "Hội Nông dân", 1, 40, 100, 70],
        ["Xã Long Bình", "Ấp 2", "Hội Nông dân", 1, 30, 80, 40],
        ["Xã Vị Thủy", "Ấp 1", "Hội LHPN", 2, 50, 60, 60],
    ]
    rollup = rollup_of(rows, header)
    assert rollup.levels == ["commune", "village"]
    assert list(rollup.tables) == ["commune", "village"]
    for table in rollup.tables.values():
        assert "district" not in table.columns
        assert "province" not in table.columns
    assert [r["members"] for r in rows_of(rollup.tables["commune"])] == [70, 50]
    assert rollup.total["households"] == 240


def test_province_column_gives_four_levels(rollup_of):
    header = ["Tỉnh", *HEADER]
    rows = [["Tỉnh Hậu Giang", *row] for row in SMALL_ROWS]
    rollup = rollup_of(rows, header)
    assert rollup.levels == ["province", "district", "commune", "village"]
    province = one(rollup.tables["province"], province="Tỉnh Hậu Giang")
    assert province["members"] == 2734
    assert province["households"] == 4500


def test_only_metrics_present_are_summed(rollup_of):
    header = ["Xã", "Đoàn thể", "Số chi hội", "Số hội viên"]
    rollup = rollup_of([["Xã A", "HND", 2, 30], ["Xã A", "CCB", 1, 10]], header)
    assert rollup.levels == ["commune"]
    assert rollup.metrics == ["branches", "members", "members_per_branch"]
    assert rollup.total == {
        "branches": 3,
        "members": 40,
        "members_per_branch": pytest.approx(40 / 3),
    }


def test_no_organisation_column_gives_only_all_rows(rollup_of):
    header = ["Xã", "Thôn", "Số chi hội", "Số hội viên"]
    rollup = rollup_of([["Xã A", "Thôn 1", 2, 30], ["Xã A", "Thôn 2", 1, 10]], header)
    assert set(rollup.tables["village"]["organization"]) == {"all"}
    assert rollup.total_by_organization is None


# --- per organisation -----------------------------------------------------------------------


def test_rows_per_organisation(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    district = rollup.tables["district"]
    assert [
        (r["district"], r["organization"], r["branches"], r["members"])
        for r in district.to_dict("records")
    ] == [
        ("Huyện Châu Thành", "all", 5, 1600),
        ("Huyện Châu Thành", "nong_dan", 3, 970),
        ("Huyện Châu Thành", "phu_nu", 1, 480),
        ("Huyện Châu Thành", "thanh_nien", 1, 150),
        ("Huyện Long Mỹ", "all", 4, 1134),
        ("Huyện Long Mỹ", "nong_dan", 3, 900),
        ("Huyện Long Mỹ", "cuu_chien_binh", 1, 234),
    ]
    by_org = rollup.total_by_organization.set_index("organization")
    assert list(by_org.index) == ["nong_dan", "phu_nu", "thanh_nien", "cuu_chien_binh"]
    assert by_org["members"].tolist() == [1870, 480, 150, 234]
    assert by_org["branches"].tolist() == [6, 1, 1, 1]
    assert by_org["members_attending"].tolist() == [1500, 400, 100, 200]
    assert by_org.loc["nong_dan", "attendance_rate"] == pytest.approx(1500 / 1870)


def test_organisation_rows_add_up_to_the_all_rows(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    for level, table in rollup.tables.items():
        unit_columns = rollup.levels[: rollup.levels.index(level) + 1]
        all_rows = table[table["organization"] == "all"].set_index(unit_columns)
        org_sums = (
            table[table["organization"] != "all"]
            .groupby(unit_columns, observed=True)[["branches", "members", "members_attending"]]
            .sum()
        )
        pd.testing.assert_frame_equal(
            all_rows[["branches", "members", "members_attending"]].sort_index(),
            org_sums.sort_index(),
            check_dtype=False,
        )


# --- names and order ------------------------------------------------------------------------


def test_vietnamese_alphabetical_order(rollup_of):
    rows = [
        ["Huyện A", name, "Ấp 1", "Hội Nông dân", 1, 10, 5, 10, 5]
        for name in ("Xã Yên", "Xã Đông Phú", "Xã Em", "Xã Du Lâm", "Xã Ân", "Xã An")
    ]
    rollup = rollup_of(rows)
    communes = [r["commune"] for r in rows_of(rollup.tables["commune"])]
    assert communes == ["Xã An", "Xã Ân", "Xã Du Lâm", "Xã Đông Phú", "Xã Em", "Xã Yên"]


def test_numbers_in_names_sort_by_value(rollup_of):
    rows = [
        ["Huyện A", "Xã B", name, "Hội Nông dân", 1, 10, 5, 10, 5]
        for name in ("Ấp 10", "Ấp 2", "Ấp 1", "Ấp Đông", "Ấp Dưới")
    ]
    rollup = rollup_of(rows)
    villages = [r["village"] for r in rows_of(rollup.tables["village"])]
    assert villages == ["Ấp 1", "Ấp 2", "Ấp 10", "Ấp Dưới", "Ấp Đông"]


def test_units_sorted_within_their_parent(rollup_of):
    rollup = rollup_of(SMALL_ROWS)
    village = rollup.tables["village"]
    assert [(r["commune"], r["village"]) for r in rows_of(village)] == [
        ("Xã Đông Phước", "Ấp 2"),
        ("Xã Đông Phước", "Ấp 10"),
        ("Xã Long Bình", "Ấp Dưới"),
    ]


def test_one_unit_written_two_ways_is_one_unit_in_its_canonical_spelling(rollup_of):
    rows = [
        ["Huyện A", "Xã Hoà Bình", "Ấp 1", "Hội Nông dân", 1, 10, 5, 10, 5],
        ["Huyện A", "xã  hòa bình", "Ấp 2", "Hội Nông dân", 1, 20, 5, 10, 5],
    ]
    rollup = rollup_of(rows)
    communes = rows_of(rollup.tables["commune"])
    assert [(c["commune"], c["members"]) for c in communes] == [("Xã Hòa Bình", 30)]
    assert [v["commune"] for v in rows_of(rollup.tables["village"])] == ["Xã Hòa Bình"] * 2


def test_skipped_rows_are_left_out_of_every_sum(make_workbook):
    rows = [list(row) for row in SMALL_ROWS]
    rows[4][6] = 901  # Ấp Dưới, Hội Nông dân: attending > members
    path = make_workbook(rows)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)], skip_invalid=True)
    assert summary.exit_code == 1
    assert summary.skipped_rows == 1
    total = summary.rollup.total
    assert total["members"] == 2734 - 900
    assert total["branches"] == 9 - 3
    # The village keeps its household figures from its other, valid row.
    assert total["households"] == 4500
    long_my = one(summary.rollup.tables["district"], district="Huyện Long Mỹ")
    assert (long_my["members"], long_my["households"]) == (234, 2450)


def test_a_village_missing_households_with_members_is_left_out_of_the_coverage(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Thôn", "Tổng số hộ", "Số hộ có ĐV, HV", "Số hội viên"])
    sheet.append(["Xã B", "Ấp 1", 50, 40, 30])
    sheet.append(["Xã B", "Ấp 2", 20, None, 10])
    path = tmp_path / "thieu.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0
    assert summary.rollup.total["households"] == 70
    assert summary.rollup.total["household_coverage"] == 40 / 50
    commune = summary.rollup.tables["commune"].iloc[0]
    assert commune["household_coverage"] == 40 / 50
    warnings = [(p.code, p.row, p.column) for p in summary.problems]
    assert warnings == [("household_pair_missing", 3, "Số hộ có ĐV, HV")]


# --- figures not given: never 0 ---------------------------------------------------------------

ATTENDING = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Số ĐV, HV tham gia sinh hoạt"]


def two_communes(make_workbook, rows_b, header_b=ATTENDING) -> pd.DataFrame:
    """Xã A gives attendance (110 of 150 members); Xã B's rows as given."""
    rows_a = [["Xã A", "Thôn 1", "Hội Nông dân", 2, 100, 80], ["Xã A", "Thôn 2", "HND", 1, 50, 30]]
    make_workbook(rows_a, ATTENDING, name="xa_a.xlsx")
    path = make_workbook(rows_b, header_b, name="xa_b.xlsx")
    summary = pipeline.summarize(MEMBERSHIP, [str(path.parent)])
    assert summary.exit_code == 0, summary.problems
    return summary.rollup


@pytest.mark.parametrize(
    "rows_b, header_b",
    [
        ([["Xã B", "Thôn 1", "HND", 3, 300], ["Xã B", "Thôn 2", "HND", 1, 40]], ATTENDING[:-1]),
        (
            [["Xã B", "Thôn 1", "HND", 3, 300, None], ["Xã B", "Thôn 2", "HND", 1, 40, " "]],
            ATTENDING,
        ),
    ],
    ids=["column absent", "column left blank"],
)
def test_a_figure_a_commune_does_not_give_is_not_counted_as_zero(make_workbook, rows_b, header_b):
    rollup = two_communes(make_workbook, rows_b, header_b)
    for organization in ("all", "nong_dan"):
        b = one(rollup.tables["commune"], organization, commune="Xã B")
        assert b["members"] == 340
        assert math.isnan(b["members_attending"]) and math.isnan(b["attendance_rate"])
    assert rollup.total["members"] == 490
    assert rollup.total["members_attending"] == 110
    assert rollup.total["attendance_rate"] == 110 / 150  # not 110 / 490
    assert rollup.total_by_organization.iloc[0]["attendance_rate"] == 110 / 150
    assert (rollup.units, rollup.ratio_units["attendance_rate"]) == (4, 2)
    assert rollup.ratio_units["members_per_branch"] == 4


def test_a_blank_cell_in_a_column_the_commune_fills_is_zero(make_workbook):
    rows_b = [["Xã B", "Thôn 1", "HND", 3, 300, 200], ["Xã B", "Thôn 2", "HND", 1, 40, None]]
    rollup = two_communes(make_workbook, rows_b)
    assert one(rollup.tables["village"], commune="Xã B", village="Thôn 2")["members_attending"] == 0
    assert rollup.total["attendance_rate"] == 310 / 490
    assert rollup.ratio_units["attendance_rate"] == 4


def test_no_unit_giving_a_figure_leaves_it_blank_everywhere(rollup_of):
    rows = [["Xã B", "Thôn 1", "HND", 3, 300, None], ["Xã B", "Thôn 2", "HND", 1, 40, None]]
    rollup = rollup_of(rows, ATTENDING)
    assert rollup.total["members_attending"] is None
    assert rollup.total["attendance_rate"] is None
    assert rollup.tables["village"]["members_attending"].isna().all()
    assert rollup.ratio_units["attendance_rate"] == 0


def test_a_row_with_no_figure_typed_gives_none_and_a_dash_is_a_zero_typed(rollup_of):
    rows = [
        ["Xã B", "Thôn 1", "HND", 3, 300, 200],
        ["Xã B", "Thôn 1", "Hội LHPN", None, " ", None],
        ["Xã B", "Thôn 1", "Đoàn TN", None, None, "-"],
    ]
    rollup = rollup_of(rows, ATTENDING)
    phu_nu = one(rollup.tables["village"], "phu_nu", village="Thôn 1")
    assert all(math.isnan(phu_nu[m]) for m in ("branches", "members", "members_attending"))
    thanh_nien = one(rollup.tables["village"], "thanh_nien", village="Thôn 1")
    assert [thanh_nien[m] for m in ("branches", "members", "members_attending")] == [0, 0, 0]
    assert (rollup.total["members"], rollup.total["members_attending"]) == (300, 200)


def test_an_organisation_not_giving_attendance_is_left_out_of_the_rate(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Thôn", "Hội Nông dân", None, None, "Hội LHPN", None])
    attending = "Số ĐV, HV tham gia sinh hoạt"
    sheet.append([None, "Số chi hội", "Số hội viên", attending, "Số chi hội", "Số hội viên"])
    sheet.append(["Thôn 1", 2, 100, 80, 1, 40])
    sheet.append(["Thôn 2", 1, 50, 30, 1, 20])
    path = tmp_path / "rong.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0, summary.problems
    rollup = summary.rollup
    assert math.isnan(rollup.total_by_organization.iloc[1]["members_attending"])
    assert rollup.total["members"] == 210
    assert rollup.total["attendance_rate"] == 110 / 150


def test_a_blank_group_in_a_wide_sheet_rolls_up_as_the_long_table_without_that_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Thôn", "Hội Nông dân", None, "Hội LHPN", None])
    sheet.append([None, None, "Số chi hội", "Số hội viên", "Số chi hội", "Số hội viên"])
    sheet.append(["Xã A", "Thôn 1", 2, 100, 1, 40])
    sheet.append(["Xã A", "Thôn 2", 1, 50, None, None])  # no Hội LHPN branch in Thôn 2
    wide = tmp_path / "rong.xlsx"
    workbook.save(wide)
    long = [
        ["Xã A", "Thôn 1", "Hội Nông dân", 2, 100],
        ["Xã A", "Thôn 1", "Hội LHPN", 1, 40],
        ["Xã A", "Thôn 2", "Hội Nông dân", 1, 50],
    ]
    header = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"]
    dai = write_workbook(tmp_path / "dai.xlsx", long, header)
    tables = []
    for path in (wide, dai):
        summary = pipeline.summarize(MEMBERSHIP, [str(path)])
        assert summary.exit_code == 0, summary.problems
        tables.append(summary.rollup.tables["village"])
    pd.testing.assert_frame_equal(tables[0], tables[1])
    assert rows_of(tables[0], "phu_nu") == [
        {
            "commune": "Xã A",
            "village": "Thôn 1",
            "organization": "phu_nu",
            "branches": 1.0,
            "members": 40.0,
            "members_per_branch": 40.0,
        }
    ]


def test_in_a_wide_sheet_an_organisations_column_left_blank_is_not_given(tmp_path):
    from openpyxl import Workbook

    attending = "Số ĐV, HV tham gia sinh hoạt"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Thôn", "Hội Nông dân", None, None, "Hội LHPN", None, None])
    sheet.append([None, *["Số chi hội", "Số hội viên", attending] * 2])
    sheet.append(["Thôn 1", 2, 100, 80, 1, 40, None])
    sheet.append(["Thôn 2", 1, 50, None, 1, 20, None])  # Hội Nông dân: a blank among figures
    path = tmp_path / "rong.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 0, summary.problems
    rollup = summary.rollup
    nong_dan = one(rollup.tables["village"], "nong_dan", village="Thôn 2")
    assert nong_dan["members_attending"] == 0
    assert math.isnan(
        one(rollup.tables["village"], "phu_nu", village="Thôn 2")["members_attending"]
    )
    assert rollup.total["members_attending"] == 80
    assert rollup.total["attendance_rate"] == 80 / 150
