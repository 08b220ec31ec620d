"""Rolling up a declared kind: a flow, a stock, a ratio and a once-per-village figure, each
by hand-worked figures at every level."""

from __future__ import annotations

import math

import pytest

from danvan_cli.engine import pipeline
from tests.generic_kind import activities_kind, two_communes, wide_commune_report

# By hand (tests.generic_kind): houses (a flow) 3+2+1+0 in Tân An, 4+1 in Tân Bình; their
# worth 0,6+0,4+0,25 and 1,5+0,5 tỷ đồng; members (a stock) 120+90+80+60 and 200+150;
# households once per village: Ấp 1 400, Ấp 2 250, Ấp Mới 1.200 (not 2.400: given on both
# its rows); with members Ấp 1 300, Ấp Mới 1.000, Ấp 2 none. Coverage is paired: over the
# villages giving both, 1.300 / 1.600 = 81,25% in the district (not 1.300 / 1.850).
COMMUNES = {
    "Xã Tân An": [6, 1.25, 350, 650, 300, 300 / 400],
    "Xã Tân Bình": [5, 2.0, 350, 1200, 1000, 1000 / 1200],
}
DISTRICT = [11, 3.25, 700, 1850, 1300, 1300 / 1600]
FIGURES = ["houses", "houses_value", "members", "households", "households_with_members"]


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return pipeline.summarize(activities_kind(), two_communes(tmp_path_factory.mktemp("c")))


def _values(row) -> list:
    return [row[f] for f in [*FIGURES, "coverage"]]


def test_every_level_adds_up_by_hand(summary):
    assert summary.exit_code == 0
    rollup = summary.rollup
    assert rollup.levels == ["district", "commune", "village"]
    district = rollup.tables["district"]
    everything = district[district["doan_the"] == "all"].iloc[0]
    assert _values(everything) == pytest.approx(DISTRICT)
    communes = rollup.tables["commune"]
    for name, expected in COMMUNES.items():
        row = communes[(communes["commune"] == name) & (communes["doan_the"] == "all")].iloc[0]
        assert _values(row) == pytest.approx(expected)
    total = rollup.total
    assert [total[f] for f in [*FIGURES, "coverage"]] == pytest.approx(DISTRICT)
    assert total["value_per_house"] == pytest.approx(3.25 / 11)  # not paired: plain sums
    assert rollup.ratio_units == {"coverage": 2, "value_per_house": 3} and rollup.units == 3


def test_each_value_of_the_category_has_its_sums_and_no_households(summary):
    district = summary.rollup.tables["district"].set_index("doan_the")
    assert district.loc["nong_dan", ["houses", "houses_value", "members"]].tolist() == (
        pytest.approx([8, 2.35, 400])
    )
    assert district.loc["phu_nu", ["houses", "houses_value", "members"]].tolist() == (
        pytest.approx([3, 0.9, 300])
    )
    # a village's households belong to no organisation: shown on the "all" rows only
    assert math.isnan(district.loc["nong_dan", "households"])
    assert math.isnan(district.loc["phu_nu", "coverage"])


def test_a_village_without_both_figures_has_no_coverage(summary):
    villages = summary.rollup.tables["village"]
    own = villages[villages["doan_the"] == "all"].set_index("village")
    assert own.loc["Ấp 2", "households"] == 250
    assert math.isnan(own.loc["Ấp 2", "coverage"])
    assert own.loc["Ấp Mới", "households"] == 1200  # once, though given on two rows
    assert list(own.index) == ["Ấp 1", "Ấp 2", "Ấp Mới"]  # Vietnamese order


def test_a_wide_report_adds_up_as_its_long_twin(tmp_path):
    long, _ = two_communes(tmp_path)
    wide = wide_commune_report(tmp_path / "tan_binh_wide.xlsx")
    rollup = pipeline.summarize(activities_kind(), [long, str(wide)]).rollup
    district = rollup.tables["district"].set_index("doan_the")
    assert _values(district.loc["all"]) == pytest.approx(DISTRICT)
    assert district.loc["nong_dan", "houses"] == 8 and district.loc["phu_nu", "members"] == 300


def test_a_templates_village_level_is_put_together_without_copies_of_its_figures(tmp_path):
    """50 figures, six organisations: the village level's 7 rows per village are put in order
    one column at a time (not all its sums joined, then all put in order, then all copied
    for the totals per organisation)."""
    import tracemalloc

    from danvan_cli.engine.declared_rollup import rollup_declared
    from danvan_cli.kinds.template import load_template
    from tests.generic_kind import benchmark_sheet

    template, sheet = benchmark_sheet(tmp_path, 6000)
    kind = load_template(template)
    data = pipeline.check(kind, [str(sheet)])
    valid = data.records[~data.records["_invalid"]]
    tracemalloc.start()
    rollup = rollup_declared(valid, kind, data.levels, data.metrics)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    village = rollup.tables["village"]
    figures = sum(village[m].to_numpy().nbytes for m in data.metrics)
    every = village[village["doan_the"].eq("all")]
    assert (len(every), every["f01"].sum()) == (1000, valid["f01"].sum())
    assert peak < 2 * figures
