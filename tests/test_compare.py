"""periods.compare: two roll-ups of one kind side by side, with figures worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from danvan_cli.periods.compare import MIN_PAST, compare_level, unit_keys

NAMES = ["commune", "organization"]


def level(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    """A commune level's rows: commune, organisation, members, attendance_rate."""
    return pd.DataFrame(rows, columns=[*NAMES, "members", "attendance_rate"])


OLD = level(
    [
        ("Xã Hoà An", "all", 100, 0.50),
        ("Xã Bình", "all", 100, 0.40),
        ("Xã Cũ", "all", 50, 0.10),
        ("Xã Không", "all", 0, 0.20),
        ("Xã Giảm", "all", 100, 0.30),
    ]
)
NEW = level(
    [
        ("xã hòa an", "all", 120, 0.50),  # +20 %: exactly the threshold, not beyond it
        ("Xã Bình", "all", 121, 0.40),  # +21 %
        ("Xã Không", "all", 5, 0.20),  # from 0: no percent
        ("Xã Giảm", "all", 79, 0.30),  # -21 %
        ("Xã Mới", "all", 7, 0.90),
    ]
)


def compared():
    return compare_level(OLD, NEW, NAMES, ["members", "attendance_rate"])


def test_each_figure_old_new_change_and_percent():
    table = compared().table.set_index("commune")
    assert table.loc["Xã Bình", ["members_old", "members_new", "members_change"]].tolist() == [
        100,
        121,
        21,
    ]
    assert table.loc["Xã Bình", "members_percent"] == 21.0  # 21 * 100 / 100
    assert table.loc["Xã Giảm", "members_percent"] == -21.0
    # ratios compared as each roll-up gives them: 0.40 -> 0.40, no change
    assert table.loc["Xã Bình", "attendance_rate_change"] == 0.0


def test_units_matched_by_their_names_folded():
    table = compared().table
    # "xã hòa an" (new tone placement, lower case) is "Xã Hoà An": one unit, new's spelling
    assert table["commune"].tolist()[3] == "xã hòa an"
    assert table["status"].tolist()[3] == "both"
    assert len(table) == 6


def test_a_unit_appeared_and_one_disappeared():
    table = compared().table.set_index("commune")
    assert table.loc["Xã Mới", "status"] == "appeared"
    assert math.isnan(table.loc["Xã Mới", "members_old"])
    assert table.loc["Xã Mới", "members_new"] == 7
    assert math.isnan(table.loc["Xã Mới", "members_change"])
    assert table.loc["Xã Cũ", "status"] == "disappeared"
    assert table.loc["Xã Cũ", "members_old"] == 50
    assert math.isnan(table.loc["Xã Cũ", "members_new"])
    # in Vietnamese order by the name after "Xã", the one gone in its place
    assert table.index.tolist() == [
        "Xã Bình",
        "Xã Cũ",
        "Xã Giảm",
        "xã hòa an",
        "Xã Không",
        "Xã Mới",
    ]


def test_old_zero_has_no_percent_and_is_flagged_as_from_zero():
    result = compared()
    row = result.table.set_index("commune").loc["Xã Không"]
    assert row["members_change"] == 5
    assert math.isnan(row["members_percent"])  # 5 * 100 / 0 is not taken
    flag = result.flags[result.flags["commune"] == "Xã Không"]
    # its own kind with the values, never a "change" of +inf % among those beyond 20 %
    assert flag[["figure", "flag", "old", "new", "change"]].values.tolist() == [
        ["members", "from_zero", 0, 5, 5]
    ]


def test_change_flags_beyond_the_threshold_only():
    flags = compared().flags
    flagged = flags[flags["flag"] == "change"][["commune", "figure", "percent"]]
    # 100 -> 120 is +20 %, exactly the threshold: not beyond it; 121 (+21 %) and 79 (-21 %)
    # are; Xã Không is from 0; units in one roll-up only have nothing to compare
    assert flagged["commune"].tolist() == ["Xã Bình", "Xã Giảm"]
    assert flagged["percent"].tolist() == [21.0, -21.0]
    assert set(flags["threshold"].dropna()) == {20.0}
    assert flags.index.tolist() == [0, 2, 4]  # the compared table's rows


def test_the_threshold_is_settable():
    flags = compare_level(OLD, NEW, NAMES, ["members"], threshold=19.5).flags
    assert flags["commune"].tolist() == ["Xã Bình", "Xã Giảm", "xã hòa an", "Xã Không"]


def past_of(unit: str, members: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "commune": unit,
            "organization": "all",
            "period": [f"2026-{m:02d}" for m in range(1, len(members) + 1)],
            "members": members,
        }
    )


def test_a_value_outside_the_range_of_the_units_history():
    old = level([("Xã A", "all", 104, 0.5)])
    new = level([("Xã A", "all", 110, 0.5)])  # +5.8 %: no change flag
    # past: 100, 104, 98, 102 -> min 98, max 104; 110 > 104
    # median (100 + 102) / 2 = 101; |x - 101|: 1, 3, 3, 1 -> MAD (1 + 3) / 2 = 2;
    # z = 0.6745 * (110 - 101) / 2 = 3.03525, not beyond 3.5
    past = past_of("Xã A", [100, 104, 98, 102])
    flags = compare_level(old, new, NAMES, ["members"], past=past).flags
    assert flags[["flag", "value", "min", "max", "periods"]].values.tolist() == [
        ["range", 110, 98, 104, 4]
    ]


def test_a_robust_z_outlier_with_its_median_and_mad():
    old = level([("Xã A", "all", 102, 0.5)])
    new = level([("Xã A", "all", 112, 0.5)])  # +9.8 %: no change flag
    # past: 100, 102, 98, 101, 125 -> sorted 98, 100, 101, 102, 125: median 101;
    # |x - 101|: 1, 1, 3, 0, 24 -> sorted 0, 1, 1, 3, 24: MAD 1;
    # z = 0.6745 * (112 - 101) / 1 = 7.4195 > 3.5; 112 is within 98 - 125: no range flag
    past = past_of("Xã A", [100, 102, 98, 101, 125])
    flags = compare_level(old, new, NAMES, ["members"], past=past).flags
    assert flags["flag"].tolist() == ["robust_z"]
    flag = flags.iloc[0]
    assert (flag["value"], flag["median"], flag["mad"], flag["periods"]) == (112, 101, 1, 5)
    assert flag["z"] == pytest.approx(7.4195)
    assert flag["threshold"] == 3.5


def test_mad_zero_gives_no_z_score_but_the_range_flags():
    old = level([("Xã A", "all", 100, 0.5)])
    new = level([("Xã A", "all", 101, 0.5)])
    # past: 100, 100, 100, 100, 130 -> median 100, deviations 0, 0, 0, 0, 30: MAD 0;
    # z = 0.6745 * 1 / 0 is not taken; 101 is within 100 - 130: nothing flagged
    past = past_of("Xã A", [100, 100, 100, 100, 130])
    assert compare_level(old, new, NAMES, ["members"], past=past).flags.empty
    # all past values 100: MAD 0, and 101 is outside 100 - 100
    past = past_of("Xã A", [100, 100, 100])
    flags = compare_level(old, new, NAMES, ["members"], past=past).flags
    assert flags["flag"].tolist() == ["range"]


def test_too_short_a_history_flags_nothing():
    old = level([("Xã A", "all", 100, 0.5)])
    new = level([("Xã A", "all", 110, 0.5)])
    past = past_of("Xã A", [100, 101][: MIN_PAST - 1])
    assert compare_level(old, new, NAMES, ["members"], past=past).flags.empty


def test_flags_by_row_then_figure_then_kind():
    old = level([("Xã A", "all", 100, 0.5), ("Xã B", "all", 100, 0.5)])
    new = level([("Xã A", "all", 100, 0.5), ("Xã B", "all", 200, 0.9)])
    past = pd.concat([past_of("Xã A", [100] * 3), past_of("Xã B", [100, 101, 99])])
    past["attendance_rate"] = 0.5
    flags = compare_level(old, new, NAMES, ["members", "attendance_rate"], past=past).flags
    said = list(zip(flags["commune"], flags["figure"], flags["flag"], strict=True))
    assert said == [
        ("Xã B", "members", "change"),
        ("Xã B", "members", "range"),
        ("Xã B", "members", "robust_z"),
        ("Xã B", "attendance_rate", "change"),
        ("Xã B", "attendance_rate", "range"),
    ]


def test_unit_keys_shared_across_frames():
    first = pd.DataFrame({"a": ["Huyện X", "Huyện Y"], "b": ["Xã Hoà", "Xã Hoà"]})
    second = pd.DataFrame({"a": ["huyện y", "Huyện X"], "b": ["xã hòa", "Xã Khác"]})
    one, two = unit_keys([first, second])
    assert two[0] == one[1]
    assert two[1] not in one


def test_a_national_level_on_whole_columns():
    units = 200_000
    names = np.array([f"Xã {i}" for i in range(units)], dtype=object)
    old = pd.DataFrame({"commune": names, "organization": "all", "members": 100.0})
    new = old.assign(members=np.where(np.arange(units) % 10 == 0, 130.0, 100.0))
    result = compare_level(old, new, NAMES, ["members"])
    assert len(result.flags) == units // 10


def test_a_name_without_its_unit_word_is_the_same_unit():
    old = pd.DataFrame({"district": ["Huyện A", "Huyện A"], "commune": ["Xã Long Vĩnh", "Xã Mỹ"]})
    new = pd.DataFrame({"district": ["huyện a", "Huyện A"], "commune": ["Long Vĩnh", "Phường Mỹ"]})
    one, two = unit_keys([old, new])
    assert two[0] == one[0]  # "Long Vĩnh" is the district's "Xã Long Vĩnh"
    assert two[1] != one[1]  # "Phường Mỹ" is not "Xã Mỹ"


def test_a_unit_one_side_has_twice_is_matched_with_none_and_never_lost():
    """Two old rows print "Xã Bình" (units a history keeps apart): neither is paired with
    new's "Xã Bình" at a guess, and none is lost."""
    old = level([("Xã Bình", "all", 100, 0.4), ("Xã Bình", "all", 30, 0.2)])
    new = level([("Xã Bình", "all", 120, 0.4), ("Xã An", "all", 5, 0.1)])
    table = compare_level(old, new, NAMES, ["members"]).table
    assert table[["commune", "status", "members_old", "members_new"]].fillna(
        -1
    ).values.tolist() == [
        ["Xã An", "appeared", -1, 5],
        ["Xã Bình", "appeared", -1, 120],
        ["Xã Bình", "disappeared", 100, -1],
        ["Xã Bình", "disappeared", 30, -1],
    ]
