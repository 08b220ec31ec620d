"""The units expected when no list names them (đơn vị phải gửi, theo lịch sử): the period
before's, and for a month the units reporting now that the month before lacks but a month
of the year before it has. A village that missed a month and reports again is then
counted as reporting, not warned as "not on the list" with a neighbour's name suggested."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.periods import Period
from danvan_cli.kinds.vocabulary import LEVELS
from danvan_cli.periods.calendar import period_before
from danvan_cli.periods.completeness import units_of
from danvan_cli.periods.history import History

MONTHS_LOOKED_BACK = 12


def units_expected(
    history: Path, kind: str, period: Period, before: pd.DataFrame | None, now: Dataset
) -> pd.DataFrame | None:
    """The units of `before` (the period before's records, None when the history has
    none), and for a month those of `now` that `before` lacks and the `history` has
    records of `kind` for in the year before, as `now` names them."""
    if before is None:
        return None
    levels = [lv for lv in LEVELS if lv in before.columns]
    if period.kind != "month" or not set(levels) <= set(now.records.columns):
        return units_of(before)
    with History.open(history) as kept:
        earlier = kept.units_within(kind, _months_before(period), levels)
    back = set(_paths(earlier, levels)) - set(_paths(before, levels))
    now_units = now.records.drop_duplicates([f"_key_{lv}" for lv in levels])
    returning = now_units[[path in back for path in _paths(now_units, levels)]]
    return units_of(pd.concat([before[levels], returning[levels]], ignore_index=True))


def _months_before(period: Period) -> list[Period]:
    """The `MONTHS_LOOKED_BACK` months before the month `period`."""
    months = [period_before(period)]
    while len(months) < MONTHS_LOOKED_BACK:
        months.append(period_before(months[-1]))
    return months


def _paths(frame: pd.DataFrame, levels: list[str]) -> Iterator[tuple[str, ...]]:
    keys = frame[[f"_key_{lv}" for lv in levels]].astype(str)
    return keys.itertuples(index=False, name=None)
