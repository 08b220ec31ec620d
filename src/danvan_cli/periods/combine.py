"""A longer period built from its months (kỳ dài từ các tháng): a quarter, a half-year,
nine months or a year from the months kept in the history, each figure carried over time
as its kind declares (`Figure.over_time`).

Flows (works done, houses built: what happened in the period) are summed over the months.
Stocks (branches, members, households: what there is at a moment) are the values of the
last month each lowest unit reported in the period, never a sum: a unit that missed the
last month keeps its latest report, and its records say which month (`as_of`). A
category a unit's latest report leaves out gives no stock (flows of its earlier months
are still summed). Ratios are then recomputed from these by the normal roll-up
(`rollup_combined`), never averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from danvan_cli.engine.declared_rollup import rollup_declared
from danvan_cli.engine.rollup import Rollup
from danvan_cli.ingest.load import unit_codes
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.ingest.periods import Period
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.periods.history import History
from danvan_cli.periods.names import printed
from danvan_cli.text.collation import unit_sort_key

AS_OF = "as_of"  # the month a unit's stocks are from


@dataclass
class Combined:
    """A period built from its months: the months found in the history, the levels, and
    one record per lowest unit and category (level names, `_key_<level>`, `_unit_<level>`,
    `organization`, the figures given, `as_of`)."""

    period: Period
    months: list[Period]
    levels: list[str]
    metrics: list[str]
    records: pd.DataFrame

    @property
    def missing(self) -> list[Period]:
        """The period's months the history has nothing of (for this kind)."""
        return [m for m in self.period.months if m not in self.months]

    def carried(self) -> pd.DataFrame:
        """The lowest units whose stocks come from before the last month found: their
        names and `as_of`, once each."""
        if not self.months:
            return pd.DataFrame(columns=[*self.levels, AS_OF])
        late = self.records[self.records[AS_OF] != self.months[-1].code]
        unit = f"_unit_{self.levels[-1]}"
        return late.drop_duplicates(unit)[[*self.levels, AS_OF]].reset_index(drop=True)


def combine(history: History, kind: ReportKind, period: Period) -> Combined:
    """`period` of `kind` from the months of it kept in `history`."""
    kept = history.kept(kind.name)
    months = [m for m in period.months if m in kept]
    levels = history.levels(kind.name, months)
    given = history.figures(kind.name, months) if months else []
    metrics = [code for code in kind.figure_codes if code in given]
    flows = [f.code for f in kind.figures if f.over_time == "flow" and f.code in metrics]
    stocks = [f.code for f in kind.figures if f.over_time == "stock" and f.code in metrics]
    if not months:
        return Combined(period, [], levels, metrics, pd.DataFrame())
    sums = history.month_sums(kind.name, months, flows, stocks)
    latest = sums.groupby("unit")["last"].transform("max")
    sums.loc[(sums["last"] != latest).to_numpy(), stocks] = np.nan
    units = history.units(levels).loc[sums["unit"].to_numpy()].reset_index(drop=True)
    records = pd.concat([units, sums[[CATEGORY, *metrics]], latest.rename(AS_OF)], axis="columns")
    unit_codes(records, levels)
    return Combined(period, months, levels, metrics, records)


def rollup_combined(combined: Combined, kind: ReportKind) -> Rollup:
    """The roll-up of a combined period for each of its levels, as the roll-up of a month
    is taken, each unit's row with the earliest month its units' stocks are from."""
    rollup = rollup_declared(combined.records, kind, combined.levels, combined.metrics)
    for depth, level in enumerate(combined.levels):
        names = combined.levels[: depth + 1]
        as_of = combined.records.groupby(f"_unit_{level}", sort=False).agg(
            {**{name: "first" for name in names}, AS_OF: "min"}
        )
        table = rollup.tables[level]
        rollup.tables[level] = table.merge(as_of, on=names, how="left", validate="many_to_one")
    return rollup


@dataclass(frozen=True)
class UnitMonths:
    """A unit of a longer period: which of the months built from it reported in (a unit
    reports a month when any of its lowest units has records of it) and which not."""

    level: str
    path: tuple[str, ...]
    months: tuple[str, ...]
    missing: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        unit = " / ".join(self.path)
        return {
            "level": self.level,
            "unit": unit,
            "months": [*self.months],
            "missing": [*self.missing],
        }


def months_reported(history: History, kind: ReportKind, combined: Combined) -> list[UnitMonths]:
    """Every unit of every level of `combined`, with the months it reported in, level by
    level from the top, printed as the roll-up prints it (`names.printed`), in Vietnamese
    order (`unit_sort_key`)."""
    if not combined.months:
        return []
    pairs = history.unit_months(kind.name, combined.months)
    levels = combined.levels
    frame = history.units(levels).loc[pairs["unit"].to_numpy()].reset_index(drop=True)
    frame["period"] = pairs["period"].to_numpy()
    unit_codes(frame, levels)
    frame[levels] = printed(frame, levels, frame)
    codes = [m.code for m in combined.months]
    found = []
    for depth, level in enumerate(levels):
        names = levels[: depth + 1]
        grouped = frame.groupby(f"_unit_{level}", sort=False).agg(
            {**{name: "first" for name in names}, "period": set}
        )
        paths = grouped[names].astype(str).itertuples(index=False, name=None)
        for path, months in zip(paths, grouped["period"], strict=True):
            missing = tuple(c for c in codes if c not in months)
            found.append(UnitMonths(level, path, tuple(sorted(months)), missing))
    return sorted(found, key=unit_order)


def unit_order(unit: UnitMonths) -> tuple:
    """Level by level from the top, in Vietnamese order within a level."""
    return LEVELS.index(unit.level), [unit_sort_key(name) for name in unit.path]
