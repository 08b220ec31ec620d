"""periods.combine: a quarter built from three months, each figure carried as its kind
declares, checked against figures worked by hand."""

from __future__ import annotations

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.combine import combine, rollup_combined
from danvan_cli.periods.history import History
from danvan_cli.periods.store import sources_of
from tests.generic_kind import activities_kind, commune_report

# Rows as a commune sends them: STT, village, organisation, houses built (a flow), their
# worth in tỷ đồng (a flow), members (a stock), households, households with members
# (stocks of the village, given on each of its rows).
TAN_AN = {
    "2026-07": [
        [1, "Ấp 1", "Hội Nông dân", 1, 0.2, 100, 400, 300],
        [2, None, "Hội LHPN", 0, 0, 80, 400, 300],
        [3, "Ấp 2", "Hội Nông dân", 1, 0.1, 50, 250, 150],
        [4, None, "Hội LHPN", 0, 0, 40, 250, 150],
    ],
    "2026-08": [
        [1, "Ấp 1", "Hội Nông dân", 2, 0.3, 105, 400, 310],
        [2, None, "Hội LHPN", 1, 0.1, 82, 400, 310],
        [3, "Ấp 2", "Hội Nông dân", 0, 0, 52, 250, 160],
        [4, None, "Hội LHPN", 0, 0, 41, 250, 160],
    ],
    "2026-09": [
        [1, "Ấp 1", "Hội Nông dân", 1, 0.2, 110, 410, 320],
        [2, None, "Hội LHPN", 1, 0.15, 85, 410, 320],
        [3, "Ấp 2", "Hội Nông dân", 2, 0.4, 55, 250, 170],
        [4, None, "Hội LHPN", 1, 0.05, 45, 250, 170],
    ],
}
# Tân Bình sends July and August, not September.
TAN_BINH = {
    "2026-07": [
        [1, "Ấp Mới", "Hội Nông dân", 3, 1.0, 200, 1200, 1000],
        [2, None, "Hội LHPN", 1, 0.5, 150, 1200, 1000],
    ],
    "2026-08": [
        [1, "Ấp Mới", "Hội Nông dân", 2, 0.5, 210, 1200, 1010],
        [2, None, "Hội LHPN", 0, 0, 155, 1200, 1010],
    ],
}


def _total(rows):
    """The "Cộng" row: houses, worth and members summed; households left blank."""
    return [sum(r[3] for r in rows), round(sum(r[4] for r in rows), 2), sum(r[5] for r in rows)]


@pytest.fixture
def three_months(tmp_path):
    """The history of July, August and September 2026, each month's files read and kept."""
    kind = activities_kind()
    history = History.open(tmp_path / "danvan.db")
    for month in ("2026-07", "2026-08", "2026-09"):
        folder = tmp_path / month
        folder.mkdir()
        files = [
            str(commune_report(folder / f"{name}.xlsx", commune, rows[month], _total(rows[month])))
            for name, commune, rows in (
                ("tan_an", "Tân An", TAN_AN),
                ("tan_binh", "Tân Bình", TAN_BINH),
            )
            if month in rows
        ]
        data = pipeline.check(kind, files)
        assert not [p for p in data.problems if p.severity == "error"]
        history.store_period(parse_period(month), kind, data.records, sources_of(data.tables))
    yield history
    history.close()


def test_a_quarter_from_three_months(three_months):
    kind = activities_kind()
    quarter = combine(three_months, kind, parse_period("2026-Q3"))
    assert [m.code for m in quarter.months] == ["2026-07", "2026-08", "2026-09"]
    assert quarter.missing == []
    rollup = rollup_combined(quarter, kind)
    villages = rollup.tables["village"].set_index(["village", "doan_the"])
    # Ấp 1: houses 1+2+1 = 4 (Nông dân) and 0+1+1 = 2 (LHPN); worth 0,2+0,3+0,2 = 0,7 and
    # 0+0,1+0,15 = 0,25; members September's, never summed: 110 and 85; households and
    # households with members September's: 410 and 320.
    assert villages.loc[("Ấp 1", "nong_dan"), ["houses", "members"]].tolist() == [4, 110]
    assert villages.loc[("Ấp 1", "phu_nu"), ["houses", "members"]].tolist() == [2, 85]
    ap1 = villages.loc[("Ấp 1", "all")]
    assert ap1[["houses", "members", "households", "households_with_members"]].tolist() == [
        6,
        195,
        410,
        320,
    ]
    assert ap1["houses_value"] == pytest.approx(0.95)
    assert ap1["coverage"] == pytest.approx(320 / 410)
    assert ap1["as_of"] == "2026-09"
    # Ấp Mới (Tân Bình) sent nothing in September: its stocks are August's, and say so;
    # houses 3+2 = 5 and 1+0 = 1, worth 1+0,5 = 1,5 and 0,5+0 = 0,5.
    ap_moi = villages.loc[("Ấp Mới", "all")]
    assert ap_moi[["houses", "members", "households", "households_with_members"]].tolist() == [
        6,
        210 + 155,
        1200,
        1010,
    ]
    assert ap_moi["houses_value"] == pytest.approx(2.0)
    assert ap_moi["as_of"] == "2026-08"
    # Tân An: houses 6 + 4 (Ấp 2: 1+0+2 and 0+0+1) = 10, worth 0,95 + 0,55 = 1,5, members
    # 195 + 100 = 295, households 410 + 250 = 660 with members 320 + 170 = 490: coverage
    # recomputed 490 / 660 = 74,24 %, not the mean of the months' coverages.
    communes = rollup.tables["commune"].set_index(["commune", "doan_the"])
    tan_an = communes.loc[("Xã Tân An", "all")]
    assert tan_an[["houses", "members", "households", "households_with_members"]].tolist() == [
        10,
        295,
        660,
        490,
    ]
    assert tan_an["houses_value"] == pytest.approx(1.5)
    assert tan_an["coverage"] == pytest.approx(490 / 660)
    assert tan_an["as_of"] == "2026-09"
    # The district: houses 10 + 6 = 16, worth 1,5 + 2 = 3,5, members 295 + 365 = 660,
    # households 660 + 1200 = 1860 with members 490 + 1010 = 1500: 80,65 %; its earliest
    # stocks are August's.
    district = rollup.tables["district"].set_index("doan_the").loc["all"]
    assert district[["houses", "members", "households", "households_with_members"]].tolist() == [
        16,
        660,
        1860,
        1500,
    ]
    assert district["houses_value"] == pytest.approx(3.5)
    assert district["coverage"] == pytest.approx(1500 / 1860)
    assert district["as_of"] == "2026-08"
    assert rollup.total["members"] == 660
    carried = quarter.carried()
    assert carried.to_dict("records") == [
        {
            "district": "Huyện Châu Thành",
            "commune": "Xã Tân Bình",
            "village": "Ấp Mới",
            "as_of": "2026-08",
        }
    ]


def test_a_period_with_months_not_kept(three_months):
    kind = activities_kind()
    half = combine(three_months, kind, parse_period("2026-H2"))
    assert [m.code for m in half.missing] == ["2026-10", "2026-11", "2026-12"]
    assert rollup_combined(half, kind).total["members"] == 660
    nothing = combine(three_months, kind, parse_period("2025"))
    assert (nothing.months, len(nothing.missing), nothing.records.empty) == ([], 12, True)
