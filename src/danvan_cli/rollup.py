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
# Households of the villages that give households with members too: the coverage's
# denominator, so a village missing one figure is left out of the ratio, not counted as 0.
PAIRED = "_households_paired"
COVERAGE = "household_coverage"


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
    first_rows = records.drop_duplicates(unit_columns[-1])[[*unit_columns, *levels]].copy()
    for level, column in zip(levels, unit_columns, strict=True):
        # A unit is named as first written, on its own rows and on its children's alike.
        spelled = records.drop_duplicates(column).set_index(column)[level]
        first_rows[level] = first_rows[column].map(spelled)
    units = _unit_households(records, first_rows, unit_columns[-1], household_metrics)
    summed_households = household_metrics
    if set(RATIOS[COVERAGE]) <= set(household_metrics):
        numerator, denominator = RATIOS[COVERAGE]
        units[PAIRED] = units[denominator].where(units[numerator].notna())
        summed_households = [*household_metrics, PAIRED]
    organizations = _organization_codes(records)
    tables = {}
    for depth, level in enumerate(levels):
        unit = unit_columns[depth]
        rows = records.groupby(unit, sort=False)[org_metrics].sum()
        if household_metrics:
            rows = rows.join(units.groupby(unit, sort=False)[summed_households].sum(min_count=1))
        parts = [rows.reset_index().assign(_org=-1)]
        if organizations is not None:
            by_org = records[org_metrics].groupby([records[unit], organizations], sort=False)
            parts.append(by_org.sum().reset_index(names=[unit, "_org"]))
        table = pd.concat(parts, ignore_index=True)
        path = first_rows.drop_duplicates(unit).set_index(unit)[levels[: depth + 1]]
        table = _named_in_order(table, unit, path)
        columns = [*levels[: depth + 1], "organization", *org_metrics, *household_metrics]
        tables[level] = _with_ratios(table, ratios)[[*columns, *ratios]]
    total = _grand_total(records, units, org_metrics, household_metrics, ratios)
    by_organization = (
        _totals_by_organization(records, organizations, org_metrics, ratios)
        if organizations is not None
        else None
    )
    return Rollup(levels, [*metrics, *ratios], tables, total, by_organization)


_ORGANIZATION_ORDER = (ALL, *ORGANIZATIONS)


def _organization_codes(records: pd.DataFrame) -> pd.Series | None:
    """Each record's organisation as its position in `ORGANIZATIONS` (None: no such column)."""
    if "organization" not in records.columns:
        return None
    codes, uniques = pd.factorize(records["organization"])
    position = {code: i for i, code in enumerate(ORGANIZATIONS)}
    lookup = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return pd.Series(lookup[codes], index=records.index, name="_org")


def _organization_names(codes: pd.Series) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.to_numpy() + 1, categories=list(_ORGANIZATION_ORDER))


def _unit_households(
    records: pd.DataFrame, first_rows: pd.DataFrame, lowest: str, metrics: list[str]
) -> pd.DataFrame:
    """One row per lowest unit: its path codes and household figures (first value given)."""
    if not metrics:
        return first_rows
    figures = records.groupby(lowest, sort=False)[metrics].first()
    return first_rows.join(figures, on=lowest)


def _with_ratios(table: pd.DataFrame, ratios: list[str]) -> pd.DataFrame:
    """Each ratio from the sums; household coverage only over villages giving both figures."""
    for ratio in ratios:
        numerator, denominator = RATIOS[ratio]
        if ratio == COVERAGE and PAIRED in table.columns:
            denominator = PAIRED
        den = table[denominator].astype("float64")
        table[ratio] = (table[numerator] / den.where(den > 0)).astype("float64")
    return table


def _named_in_order(table: pd.DataFrame, unit: str, path: pd.DataFrame) -> pd.DataFrame:
    """Units in Vietnamese order along their path, "all" first then organisations; names added."""
    ranks = [_alphabetical_rank(path[level]) for level in reversed(path.columns)]
    position = pd.Series(np.empty(len(path), dtype=np.int64), index=path.index)
    position.iloc[np.lexsort(ranks)] = np.arange(len(path))
    unit_position = position.reindex(table[unit]).to_numpy()
    order = np.lexsort((table["_org"].to_numpy(), unit_position))
    table = table.take(order).reset_index(drop=True)
    located = path.index.get_indexer(table[unit])
    for level in path.columns:
        table[level] = path[level].take(located).reset_index(drop=True)
    table["organization"] = _organization_names(table["_org"])
    return table


def _alphabetical_rank(names: pd.Series) -> np.ndarray:
    """Each name's position in Vietnamese alphabetical order among the distinct names."""
    codes, uniques = pd.factorize(names)
    keys = [_cached_sort_key(str(u)) for u in uniques.tolist()]
    order = sorted(range(len(keys)), key=keys.__getitem__)
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
        if ratio == COVERAGE and PAIRED in units.columns:
            den = units[PAIRED].sum()
        total[ratio] = num / den if num is not None and den else None
    return total


def _totals_by_organization(
    records: pd.DataFrame, organizations: pd.Series, org_metrics: list[str], ratios: list[str]
) -> pd.DataFrame:
    table = records[org_metrics].groupby(organizations).sum().sort_index().reset_index()
    table.insert(0, "organization", _organization_names(table.pop("_org")))
    org_ratios = [r for r in ratios if all(f in org_metrics for f in RATIOS[r])]
    return _with_ratios(table, org_ratios)
