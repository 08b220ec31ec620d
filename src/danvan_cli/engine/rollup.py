"""Roll-ups (tổng hợp theo cấp): sums for every level present, per organisation and for all.

Household figures belong to the lowest unit (the village): they are taken once per
unit and added up from there, and shown on the "all" rows only. Ratios are computed
from the sums at every level, never averaged.

A figure not given (NaN: no such column, or left blank where blank is not 0, see `normalise`)
is never counted as 0: a sum is of the figures given (NaN where none is), and a ratio is
taken over the records (households: villages) that give both its figures.

Units print once each in their canonical spelling (`ingest.spellings`), in Vietnamese
order by the name after the unit-type word (`collation.unit_sort_key`), or, within
`kept_order`, as an expected-units list names them and as the records first name them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from danvan_cli.ingest.spellings import printed_names
from danvan_cli.kinds.vocabulary import (
    HOUSEHOLD_METRICS,
    ORGANIZATION_METRICS,
    ORGANIZATIONS,
    RATIOS,
)
from danvan_cli.model.declaration import ALL
from danvan_cli.text.collation import unit_sort_key
from danvan_cli.text.normalize import split_unit_prefix, unit_key

COVERAGE = "household_coverage"
# The sums a ratio is taken from when some records give only one of its two figures:
# each figure where the other is given too (a record giving one is left out, never 0).
PAIRED_NUMERATOR, PAIRED_DENOMINATOR = "_paired_numerator_", "_paired_denominator_"


@dataclass(frozen=True)
class RollupSpec:
    """What a roll-up adds and how: figures summed over units (per category value and for
    all), figures taken once per lowest unit (shown on the "all" rows only), ratios
    (numerator, denominator; those `paired` taken over the records giving both), and the
    category whose values split a unit's rows (its column in the records, its values in
    order; None: no such column in the tables)."""

    summed: tuple[str, ...]
    once: tuple[str, ...]
    ratios: dict[str, tuple[str, str]]
    paired: frozenset[str]
    category: str | None
    values: tuple[str, ...]
    unsplit: tuple[str, ...] = ()  # of `summed`, those not split by the category: "all" only


MEMBERSHIP = RollupSpec(
    ORGANIZATION_METRICS,
    HOUSEHOLD_METRICS,
    RATIOS,
    frozenset(RATIOS),
    "organization",
    ORGANIZATIONS,
)


@dataclass
class Rollup:
    """The roll-up tables: one per level (top first), the grand total, totals per category
    value (organisation). A kind that counts its records per code of several categories
    (models: per programme, field, level, kind) has them per unit and in total too."""

    levels: list[str]
    metrics: list[str]  # canonical figures present, then the ratios that can be computed
    tables: dict[str, pd.DataFrame]
    total: dict[str, float | None]
    total_by_organization: pd.DataFrame | None
    units: int = 0  # lowest-level units summed
    ratio_units: dict[str, int] = field(default_factory=dict)  # of them, each ratio's
    # level -> one row per unit: its names, its figures, its count per code of `counted`
    by_unit: dict[str, pd.DataFrame] = field(default_factory=dict)
    counted: list[str] = field(default_factory=list)  # the codes `by_unit` counts, in order
    # category -> the grand total per code met (column `code`) of each figure
    by_category: dict[str, pd.DataFrame] = field(default_factory=dict)


def rollup_levels(
    records: pd.DataFrame,
    levels: Sequence[str],
    metrics: Sequence[str],
    spec: RollupSpec = MEMBERSHIP,
) -> Rollup:
    """Sum `records` (valid rows only) for each of `levels`, top to bottom, as `spec` says.

    Units are grouped by their `_unit_<level>` path codes (see `load`), names printed as
    `spellings.printed_names` gives them. Sums are taken with `np.bincount` on dense unit
    numbers: one pass over each column per level, however many units.
    """
    levels = list(levels)
    org_metrics = [m for m in spec.summed if m in metrics]
    household_metrics = [m for m in spec.once if m in metrics]
    ratios = [r for r, (num, den) in spec.ratios.items() if num in metrics and den in metrics]
    units = [_Units(records[f"_unit_{level}"].to_numpy()) for level in levels]
    villages = units[-1]
    names = [
        pd.Series(printed_names(records[level], unit.number, unit.count))
        for level, unit in zip(levels, units, strict=True)
    ]
    ranks = [_ranks(names, units, levels[: d + 1]) for d in range(len(levels))]
    organizations = _organization_codes(records, spec)
    figures = {m: records[m].to_numpy(dtype="float64") for m in org_metrics}
    households = _village_households(records, villages, household_metrics)
    paired = [r for r in ratios if r in spec.paired]
    paired_figures = _paired(figures, paired, spec.ratios)
    paired_households = _paired(households, paired, spec.ratios)
    figures |= paired_figures
    households |= paired_households
    per_value = _per_value(figures, spec)
    tables = {}
    for depth, level in enumerate(levels):
        unit = units[depth]
        # each unit's ancestors (itself last), as dense numbers at their own levels
        path = [units[d].number[unit.first] for d in range(depth + 1)]
        sums = _level_sums(unit, villages, figures, households, organizations, per_value, spec)
        table = _named_in_order(sums, path, names, ranks, levels, spec)
        category = [spec.category] if spec.category is not None else []
        columns = [*levels[: depth + 1], *category, *org_metrics, *household_metrics]
        tables[level] = _with_ratios(table, ratios, spec.ratios)[[*columns, *ratios]]
    total = _grand_total(figures | households, ratios, spec.ratios)
    by_organization = (
        _totals_by_organization(records, organizations, per_value, ratios, spec)
        if organizations is not None
        else None
    )
    covered = _units_covered(figures, households, villages, ratios, spec.ratios)
    return Rollup(
        levels, [*metrics, *ratios], tables, total, by_organization, villages.count, covered
    )


def _level_sums(
    unit: _Units,
    villages: _Units,
    figures: dict[str, np.ndarray],
    households: dict[str, np.ndarray],
    organizations: np.ndarray | None,
    per_value: dict[str, np.ndarray],
    spec: RollupSpec,
) -> dict[str, list[np.ndarray]]:
    """A level's sums, as the parts of each column: the units' "all" rows (`_org` -1), then
    the rows per unit and organisation present in it (each column joined only as it is
    put in order: a country's village level is 700,000 rows of every figure)."""
    sums = {m: [unit.sum(values)] for m, values in figures.items()}
    for metric, values in households.items():
        sums[metric] = [unit.sum_given(values, villages.first)]
    sums |= {"_unit": [np.arange(unit.count)], "_org": [np.full(unit.count, -1)]}
    if organizations is not None:
        by_org = _sums_by_organization(unit, organizations, per_value, len(spec.values))
        rows = len(by_org["_unit"])
        for name, parts in sums.items():
            parts.append(by_org.pop(name) if name in by_org else np.full(rows, np.nan))
    return sums


def _per_value(figures: dict[str, np.ndarray], spec: RollupSpec) -> dict[str, np.ndarray]:
    """The figures summed per category value: all but `spec.unsplit` and the paired sums
    of ratios over them."""
    ratios = [r for r, terms in spec.ratios.items() if set(terms) & set(spec.unsplit)]
    left_out = {
        *spec.unsplit,
        *(p + r for r in ratios for p in (PAIRED_NUMERATOR, PAIRED_DENOMINATOR)),
    }
    return {m: v for m, v in figures.items() if m not in left_out}


class _Units:
    """The units of one level: each record's dense unit number (0, 1, ... in order of first
    appearance) and the position of each unit's first record."""

    def __init__(self, codes: np.ndarray) -> None:
        self.number, uniques = pd.factorize(codes)
        self.count = len(uniques)
        first = np.full(self.count, len(codes), dtype=np.int64)
        np.minimum.at(first, self.number, np.arange(len(codes)))
        self.first = first

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Sums of a figure of each record (NaN where not given) over these units: NaN for a
        unit none of whose records gives it."""
        return _sum_given(self.number, values, self.count)

    def sum_given(self, values: np.ndarray, villages: np.ndarray) -> np.ndarray:
        """Sums of a figure given once per village (NaN where not given; `villages`: the
        first record of each) over these units: NaN for a unit none of whose villages
        gives it."""
        return _sum_given(self.number[villages], values, self.count)


def _sum_given(owner: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Sums of `values` by `owner` (0 .. count-1), NaN values left out; NaN for an owner
    with no value given."""
    given = ~np.isnan(values)
    if given.all():
        return np.bincount(owner, weights=values, minlength=count)
    sums = np.bincount(owner, weights=np.where(given, values, 0.0), minlength=count)
    counts = np.bincount(owner, weights=given, minlength=count)
    return np.where(counts > 0, sums, np.nan)


def _paired(
    figures: dict[str, np.ndarray], ratios: list[str], terms: dict[str, tuple[str, str]]
) -> dict[str, np.ndarray]:
    """For each ratio of two of `figures` that some rows give only one of: both figures
    where both are given (NaN elsewhere), named `PAIRED_NUMERATOR`/`PAIRED_DENOMINATOR`
    and the ratio."""
    paired = {}
    for ratio in ratios:
        numerator, denominator = terms[ratio]
        if numerator not in figures or denominator not in figures:
            continue
        num, den = figures[numerator], figures[denominator]
        both = ~np.isnan(num) & ~np.isnan(den)
        if both.all():
            continue
        paired[PAIRED_NUMERATOR + ratio] = np.where(both, num, np.nan)
        paired[PAIRED_DENOMINATOR + ratio] = np.where(both, den, np.nan)
    return paired


def _ratio_terms(ratio: str, columns, terms: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The names of the sums a ratio is taken from (see `_paired`)."""
    if PAIRED_NUMERATOR + ratio in columns:
        return PAIRED_NUMERATOR + ratio, PAIRED_DENOMINATOR + ratio
    return terms[ratio]


def _units_covered(
    figures: dict[str, np.ndarray],
    households: dict[str, np.ndarray],
    villages: _Units,
    ratios: list[str],
    terms: dict[str, tuple[str, str]],
) -> dict[str, int]:
    """For each ratio, how many lowest units give both its figures (on one of their rows,
    for organisations' figures)."""
    covered = {}
    for ratio in ratios:
        numerator, _ = _ratio_terms(ratio, {**figures, **households}, terms)
        if numerator in households:
            covered[ratio] = int((~np.isnan(households[numerator])).sum())
        else:
            given = ~np.isnan(figures[numerator])
            rows = np.bincount(villages.number, weights=given, minlength=villages.count)
            covered[ratio] = int((rows > 0).sum())
    return covered


def _village_households(
    records: pd.DataFrame, villages: _Units, metrics: list[str]
) -> dict[str, np.ndarray]:
    """Each lowest unit's household figures, taken once: the first value given on its rows
    (NaN if none)."""
    found = {}
    for metric in metrics:
        values = records[metric].to_numpy(dtype="float64")
        given = np.flatnonzero(~np.isnan(values))
        first = np.full(villages.count, np.nan)
        numbers, positions = np.unique(villages.number[given], return_index=True)
        first[numbers] = values[given[positions]]
        found[metric] = first
    return found


def _sums_by_organization(
    unit: _Units, organizations: np.ndarray, figures: dict[str, np.ndarray], width: int
) -> dict[str, np.ndarray]:
    """One row per unit and organisation (of `width` values) present in it: the sums,
    `_unit` and `_org`."""
    known = organizations >= 0
    key = np.where(known, unit.number * width + organizations, unit.count * width)
    size = unit.count * width + 1
    present = np.flatnonzero(np.bincount(key, minlength=size)[:-1])
    sums = {m: _sum_given(key, values, size)[present] for m, values in figures.items()}
    return {**sums, "_unit": present // width, "_org": present % width}


def _organization_codes(records: pd.DataFrame, spec: RollupSpec) -> np.ndarray | None:
    """Each record's organisation (category value) as its position in `spec.values` (-1:
    not one of them; None: no such column)."""
    if spec.category is None or spec.category not in records.columns:
        return None
    codes, uniques = pd.factorize(records[spec.category])
    position = {code: i for i, code in enumerate(spec.values)}
    lookup = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return lookup[codes]


def _organization_names(codes: np.ndarray, spec: RollupSpec) -> pd.Categorical:
    return pd.Categorical.from_codes(codes + 1, categories=[ALL, *spec.values])


def _with_ratios(
    table: pd.DataFrame, ratios: list[str], terms: dict[str, tuple[str, str]]
) -> pd.DataFrame:
    """Each ratio from the sums, over the records giving both its figures (`_paired`)."""
    for ratio in ratios:
        numerator, denominator = _ratio_terms(ratio, table.columns, terms)
        den = table[denominator].astype("float64")
        table[ratio] = (table[numerator] / den.where(den > 0)).astype("float64")
    return table


def _named_in_order(
    sums: dict[str, list[np.ndarray]],
    path: list[np.ndarray],
    names: list[pd.Series],
    ranks: list[np.ndarray],
    levels: list[str],
    spec: RollupSpec,
) -> pd.DataFrame:
    """The rows of a level: units in order along their path (`ranks` at each level),
    "all" first then organisations, the names of each unit and its ancestors first."""
    units, organizations = np.concatenate(sums.pop("_unit")), np.concatenate(sums.pop("_org"))
    along = [ranks[d][path[d]] for d in reversed(range(len(path)))]
    position = np.empty(len(path[-1]), dtype=np.int64)
    position[np.lexsort(along)] = np.arange(len(path[-1]))
    # One row per unit and organisation ("all" = -1): each row's slot among the keys
    # present, without sorting them (a country's village level is 700,000 rows).
    width = len(spec.values) + 1
    key = position[units] * width + organizations + 1
    taken = np.zeros(len(position) * width, dtype=bool)
    taken[key] = True
    order = np.empty(len(key), dtype=np.int64)
    order[(np.cumsum(taken) - 1)[key]] = np.arange(len(key))
    unit = units[order]
    columns: dict[str, object] = {
        level: names[d].array.take(path[d][unit]) for d, level in enumerate(levels[: len(path)])
    }
    if spec.category is not None:
        columns[spec.category] = _organization_names(organizations[order], spec)
    for name in list(sums):  # each column's parts let go once it is in order
        columns[name] = np.concatenate(sums.pop(name))[order]
    return pd.DataFrame(columns, copy=False)


_KEPT: ContextVar[pd.DataFrame | None] = ContextVar("kept_order", default=None)


@contextmanager
def kept_order(listed: pd.DataFrame | None = None) -> Iterator[None]:
    """Roll-ups within keep their units in the order of `listed` (a name column per level,
    as the expected-units list gives them; names matched as `load.unit_codes` matches
    them), the units it does not name after them; those and, without a list, all units as
    the records first name them. Elsewhere units are in Vietnamese order."""
    keys = pd.DataFrame() if listed is None else listed.astype(str).map(unit_key)
    token = _KEPT.set(keys)
    try:
        yield
    finally:
        _KEPT.reset(token)


def _ranks(names: list[pd.Series], units: list[_Units], levels: list[str]) -> np.ndarray:
    """Each unit's position among the units of the last of `levels` (`names`, `units`: of
    every level, top first): in Vietnamese order, or as `kept_order` keeps it."""
    depth = len(levels) - 1
    listed = _KEPT.get()
    if listed is None:
        return _alphabetical_rank(names[depth])
    count = units[depth].count
    if levels[-1] not in listed.columns:
        return np.arange(count)
    first = units[depth].first
    shared = [d for d, level in enumerate(levels) if level in listed.columns]
    places = _listed_places(listed[[levels[d] for d in shared]])
    keys = zip(
        *(names[d].astype(str).map(unit_key).to_numpy()[units[d].number[first]] for d in shared),
        strict=True,
    )
    found = [places.get(key, places.get(_loose(key), count)) for key in keys]
    return np.array(found, dtype=np.int64) * count + np.arange(count)


def _listed_places(listed: pd.DataFrame) -> dict[tuple[str, ...], int]:
    """Each unit the list names (by its keys, and by its names without the unit-type
    word): its first place in the list."""
    places: dict[tuple[str, ...], int] = {}
    for number, keys in enumerate(listed.itertuples(index=False, name=None)):
        if all(keys):
            places.setdefault(keys, number)
            places.setdefault(_loose(keys), number)
    return places


def _loose(keys: tuple[str, ...]) -> tuple[str, ...]:
    return ("", *(split_unit_prefix(k)[1] for k in keys))


def _alphabetical_rank(names: pd.Series) -> np.ndarray:
    """Each name's position in Vietnamese order (`unit_sort_key`) among the distinct names."""
    codes, uniques = pd.factorize(names)
    keys = [_cached_sort_key(str(u)) for u in uniques.tolist()]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques))
    return rank[codes]


_SORT_KEYS: dict[str, tuple[str, str]] = {}


def _cached_sort_key(name: str) -> tuple[str, str]:
    key = _SORT_KEYS.get(name)
    if key is None:
        key = _SORT_KEYS[name] = unit_sort_key(name)
    return key


def _grand_total(
    figures: dict[str, np.ndarray], ratios: list[str], terms: dict[str, tuple[str, str]]
) -> dict[str, float | None]:
    """The sums of all records' figures (`figures`: also the villages' households and the
    paired figures of `_paired`): None for a figure no record gives; the ratios."""
    total: dict[str, float | None] = {}
    for metric, values in figures.items():
        given = ~np.isnan(values)
        total[metric] = float(values[given].sum()) if given.any() else None
    for ratio in ratios:
        num, den = (total[name] for name in _ratio_terms(ratio, total, terms))
        total[ratio] = num / den if num is not None and den else None
    return {k: v for k, v in total.items() if not k.startswith("_")}


def _totals_by_organization(
    records: pd.DataFrame,
    organizations: np.ndarray,
    figures: dict[str, np.ndarray],
    ratios: list[str],
    spec: RollupSpec,
) -> pd.DataFrame:
    by_organization = pd.Series(organizations, index=records.index, name="_org")
    frame = pd.DataFrame(figures, index=records.index, copy=False)  # the figures, not a copy
    table = frame.groupby(by_organization).sum(min_count=1).sort_index().reset_index()
    category = spec.category or "organization"
    table.insert(0, category, _organization_names(table.pop("_org").to_numpy(), spec))
    org_ratios = [r for r in ratios if all(f in figures for f in spec.ratios[r])]
    columns = [category, *[m for m in figures if not m.startswith("_")], *org_ratios]
    return _with_ratios(table, org_ratios, spec.ratios)[columns]
