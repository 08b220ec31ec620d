"""One pipeline for every kind: `summarize(kind, ...)` reads, checks and rolls up the
tables of the kind it is given, the same in one step as in two (`check`, then `roll_up`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from danvan_cli.kinds.template import load_template
from tests.conftest import HAU_GIANG, SAMPLES

ACTIVITIES = SAMPLES / "hau_giang_2020_activities.xlsx"


def test_each_kind_is_summed_by_the_one_entry_point():
    membership = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)])
    models = pipeline.summarize(MODELS, [str(SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx")])
    activities = load_template(SAMPLES / "activities.toml")
    declared = pipeline.summarize(activities, [str(ACTIVITIES)])
    assert membership.rollup.total["members"] == 307217
    assert models.rollup.total == {"registered": 112, "recognized": 65, "commended": 8}
    assert declared.rollup.total["nha"] == 4413
    assert declared.rollup.total["hoc_bong"] == 48403


def test_a_template_named_as_a_shipped_kind_is_read_as_it_declares(tmp_path):
    """The kind given decides how its tables are read, not its name."""
    text = (SAMPLES / "activities.toml").read_text(encoding="utf-8")
    renamed = tmp_path / "membership.toml"
    renamed.write_text(text.replace('name = "hoat_dong_mttq_doan_the"', 'name = "membership"'))
    kind = load_template(renamed)
    assert kind.name == "membership"
    summary = pipeline.summarize(kind, [str(ACTIVITIES)])
    assert summary.exit_code == 0 and summary.rollup.total["nha"] == 4413


def test_check_then_roll_up_is_summarize():
    data = pipeline.check(MEMBERSHIP, [str(HAU_GIANG)], subtotal_severity="warning")
    in_two = pipeline.roll_up(MEMBERSHIP, data, skip_invalid=True)
    in_one = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)], None, True, None, "warning")
    assert in_two.rollup.total == in_one.rollup.total
    assert in_two.problems == in_one.problems and in_two.exit_code == in_one.exit_code


def test_a_kind_is_read_by_what_it_declares_not_by_which_object_it_is():
    """A copy of membership's declaration (as a caller may make, changing a label) is read
    by membership's reader: its `reading` says so."""
    copy = MEMBERSHIP.model_copy(update={"version": "2"})
    assert copy is not MEMBERSHIP
    summary = pipeline.summarize(copy, [str(HAU_GIANG)])
    assert summary.rollup.total["members"] == 307217
    assert summary.rollup.total["branches"] == 2090


@pytest.mark.parametrize(
    "kind, workbook, placed",
    [
        (MEMBERSHIP, HAU_GIANG, ("unit_from_config", "Số liệu", None, "Tỉnh Xa")),
        (
            MODELS,
            SAMPLES / "hong_linh_2018_dan_van_kheo.xlsx",
            ("unit_from_config", "Danh sách", None, "Tỉnh Xa"),
        ),
        (
            SAMPLES / "activities.toml",
            ACTIVITIES,
            ("unit_not_the_offices", "Kết quả", 10, "Tỉnh Hậu Giang"),
        ),
    ],
)
def test_the_offices_own_unit_is_placed_before_each_kinds_checks(kind, workbook, placed):
    """`check` places the office's own unit (`ingest.ownunit`) whichever reader reads the
    kind: Hậu Giang's membership and Hồng Lĩnh's models name no province and go under it;
    Hậu Giang's activities name their own, another, said at its first row."""
    if isinstance(kind, Path):
        kind = load_template(kind)
    data = pipeline.check(kind, [str(workbook)], unit=("province", "Tỉnh Xa"))
    said = [
        (p.code, p.sheet, p.row, p.value)
        for p in data.problems
        if p.code in ("unit_from_config", "unit_not_the_offices")
    ]
    assert said == [placed]
    if placed[0] == "unit_from_config":
        assert set(data.records["province"]) == {"Tỉnh Xa"}
