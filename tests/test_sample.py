"""The bundled Hậu Giang 2020 sample reproduces seed 003 exactly."""

from __future__ import annotations

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from tests.conftest import HAU_GIANG


def test_sample_reproduces_seed_003():
    summary = pipeline.summarize(MEMBERSHIP, [str(HAU_GIANG)])
    assert summary.exit_code == 0
    assert summary.problems == []
    total = summary.rollup.total
    assert total["branches"] == 2090
    assert total["members"] == 307217
    assert total["households_with_members"] == 161135
    assert total["households"] == 196898
    assert round(total["household_coverage"] * 100, 2) == 81.84
    assert summary.levels == ["district", "commune", "village"]
