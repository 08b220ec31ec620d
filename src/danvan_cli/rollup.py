"""Roll-ups (tổng hợp theo cấp): sums for every level present, per organisation and for all.

Household figures belong to the lowest unit (the village): they are taken once per
unit and added up from there, and shown on the "all" rows only. Ratios are computed
from the sums at every level, never averaged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from danvan_cli.collation import vietnamese_sort_key
from danvan_cli.vocabulary import HOUSEHOLD_METRICS, ORGANIZATION_METRICS, ORGANIZATIONS, RATIOS

ALL = "all"


@dataclass
class Rollup:
    """The roll-up tables: one per level (top first), the grand total, totals per organisation."""

    levels: list[str]
    metrics: list[str]  # canonical figures present, then the ratios that can be computed
    tables: dict[str, pd.DataFrame]
    total: dict[str, float | None]
    total_by_organization: pd.DataFrame


def rollup_levels(records: pd.DataFrame, levels: Sequence[str], metrics: Sequence[str]) -> Rollup:
    """Sum `records` (valid rows only) for each of `levels`, top to bottom.

    Units are grouped by their `_unit_<level>` path codes (see `load`), names shown as
    first spelled.
    """
    levels = list(levels)
    org_metrics = [m for m in ORGANIZATION_METRICS if m in metrics]
    household_metrics = [m for m in HOUSEHOLD_METRICS if m in metrics]
    ratios = [r for r, (num, den) in RATIOS.items() if num in metrics and den in metrics]
    unit_columns = [f"_unit_{level}" for level in levels]
    first_rows = records.drop_duplicates(unit_columns[-1])[[*unit_columns, *levels]]
    units = _unit_households(records, first_rows, unit_columns[-1], household_metrics)
    by_org = "organization" in records.columns
    tables = {}
    for depth, level in enumerate(levels):
        unit = unit_columns[depth]
        parts = [records.groupby(unit, sort=False)[org_metrics].sum()]
        if household_metrics:
            parts[0] = parts[0].join(
                units.groupby(unit, sort=False)[household_metrics].sum(min_count=1)
            )
        parts[0] = parts[0].reset_index().assign(organization=ALL)
        if by_org:
            org_rows = records.groupby([unit, "organization"], sort=False)[org_metrics].sum()
            parts.append(org_rows.reset_index())
        table = pd.concat(parts, ignore_index=True)
        names = first_rows.drop_duplicates(unit).set_index(unit)[levels[: depth + 1]]
        table = table.join(names, on=unit)
        tables[level] = _ordered(_with_ratios(table, ratios), levels[: depth + 1], metrics, ratios)
    total = _grand_total(records, units, org_metrics, household_metrics, ratios)
    by_organization = _totals_by_organization(records, org_metrics, ratios) if by_org else None
    return Rollup(levels, [*metrics, *ratios], tables, total, by_organization)


def _unit_households(
    records: pd.DataFrame, first_rows: pd.DataFrame, lowest: str, metrics: list[str]
) -> pd.DataFrame:
    """One row per lowest unit: its path codes and household figures (first value given)."""
    if not metrics:
        return first_rows
    figures = records.groupby(lowest, sort=False)[metrics].first()
    return first_rows.join(figures, on=lowest)


def _with_ratios(table: pd.DataFrame, ratios: list[str]) -> pd.DataFrame:
    for ratio in ratios:
        numerator, denominator = RATIOS[ratio]
        den = table[denominator].astype("float64")
        table[ratio] = (table[numerator] / den.where(den > 0)).astype("float64")
    return table


def _ordered(
    table: pd.DataFrame, levels: list[str], metrics: Sequence[str], ratios: list[str]
) -> pd.DataFrame:
    """Units in Vietnamese order along their path; "all" first, then organisations."""
    sort_columns = []
    for level in levels:
        column = f"_sort_{level}"
        table[column] = _alphabetical_rank(table[level])
        sort_columns.append(column)
    org_rank = {ALL: -1, **{code: i for i, code in enumerate(ORGANIZATIONS)}}
    table["_sort_org"] = table["organization"].map(org_rank)
    table = table.sort_values([*sort_columns, "_sort_org"], kind="stable", ignore_index=True)
    columns = [*levels, "organization", *[m for m in metrics if m in table.columns], *ratios]
    return table[columns]


def _alphabetical_rank(names: pd.Series) -> np.ndarray:
    """Each name's position in Vietnamese alphabetical order among the distinct names."""
    codes, uniques = pd.factorize(names)
    order = sorted(range(len(uniques)), key=lambda i: _cached_sort_key(uniques[i]))
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques))
    return rank[codes]


_SORT_KEYS: dict[str, str] = {}


def _cached_sort_key(name: str) -> str:
    key = _SORT_KEYS.get(name)
    if key is None:
        key = _SORT_KEYS[name] = vietnamese_sort_key(name)
    return key


def _grand_total(
    records: pd.DataFrame,
    units: pd.DataFrame,
    org_metrics: list[str],
    household_metrics: list[str],
    ratios: list[str],
) -> dict[str, float | None]:
    total: dict[str, float | None] = {m: float(records[m].sum()) for m in org_metrics}
    for metric in household_metrics:
        value = units[metric].sum(min_count=1)
        total[metric] = None if pd.isna(value) else float(value)
    for ratio in ratios:
        numerator, denominator = RATIOS[ratio]
        num, den = total[numerator], total[denominator]
        total[ratio] = num / den if num is not None and den else None
    return total


def _totals_by_organization(
    records: pd.DataFrame, org_metrics: list[str], ratios: list[str]
) -> pd.DataFrame:
    table = records.groupby("organization", sort=False)[org_metrics].sum().reset_index()
    org_ratios = [r for r in ratios if all(f in org_metrics for f in RATIOS[r])]
    table = _with_ratios(table, org_ratios)
    order = {code: i for i, code in enumerate(ORGANIZATIONS)}
    table = table.sort_values("organization", key=lambda s: s.map(order), ignore_index=True)
    return table
