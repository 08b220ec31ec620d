"""Comparing two roll-ups of one kind (so sánh hai kỳ): per unit and level, each figure's
old and new value, the change and the change in percent; units that appeared or
disappeared; flags on changes beyond a threshold and on values outside a unit's history.

Units are matched by their names down the levels (and the category value: an
organisation), compared as `normalize.fold_key` writes them ("Xã Hoà An" is "xã hòa an"),
a name without its unit word taken as the one unit of its parent written with it ("Long
Vĩnh" is "Xã Long Vĩnh"), as the roll-up matches the rows of one period. A unit one side
has on two rows (units a history keeps apart, printed alike) is matched with none: each
row is shown as appeared or disappeared, never lost or paired at a guess.
Ratios are compared as each roll-up gives them (recomputed from its sums), never averaged.

The percent change is `change * 100 / old`; where the old value is 0 it is not defined
(NaN, said as such by the outputs), never a division by zero. A change is flagged when it
is beyond the threshold, `|change| * 100 > threshold * old` (exactly 20 % is not beyond
20 %). A figure that was 0 and is not now (a village's first branch of an organisation)
is always flagged, as its own kind (`from_zero`, with the old and new values): it is news
to look at, never a jump of "+∞ %" ranked among the others.

Given the unit's past periods, as DHIS2's outlier detection does: a value below the
lowest or above the highest the unit had (`range`), and a value whose modified z-score
`0.6745 (x - median) / MAD` (MAD: the median of the absolute deviations from the median)
is beyond 3.5 (`robust_z`). When MAD is 0 (more than half the past values are the same)
the z-score is not defined and not flagged: a value departing from such a history is
outside its range. Neither is looked for with fewer than `MIN_PAST` past values.

Everything is taken on whole columns: a country's village level is 720,000 rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from danvan_cli.ingest.load import unit_codes
from danvan_cli.model.declaration import LEVELS
from danvan_cli.text.collation import unit_sort_key
from danvan_cli.text.normalize import fold_key, unit_key

BOTH, APPEARED, DISAPPEARED = "both", "appeared", "disappeared"  # a row's `status`
STATUSES = (BOTH, APPEARED, DISAPPEARED)
OLD, NEW, CHANGE, PERCENT_CHANGE = "old", "new", "change", "percent"  # a figure's four columns
PARTS = (OLD, NEW, CHANGE, PERCENT_CHANGE)
CHANGE_FLAG, FROM_ZERO_FLAG = "change", "from_zero"  # a flag's kind
RANGE_FLAG, ROBUST_Z_FLAG = "range", "robust_z"
DEFAULT_THRESHOLD = 20.0  # percent
Z_THRESHOLD = 3.5
Z_FACTOR = 0.6745  # the modified z-score's constant (Iglewicz and Hoaglin)
MIN_PAST = 3  # past values a unit needs before its history flags anything
# a row's lower units one period has and the other lacks (`mark_lower_missing`)
LOWER_MISSING = ("lower_missing_old", "lower_missing_new")
# the values each kind of flag carries, after the unit, `figure` and `flag`
FLAG_VALUES = {
    CHANGE_FLAG: (*PARTS, "threshold"),
    FROM_ZERO_FLAG: (OLD, NEW, CHANGE),
    RANGE_FLAG: ("value", "min", "max", "periods"),
    ROBUST_Z_FLAG: ("value", "median", "mad", "z", "threshold", "periods"),
}


def column(metric: str, part: str) -> str:
    """The name of one of a figure's columns in a compared table: "members_old"."""
    return f"{metric}_{part}"


@dataclass
class Compared:
    """One level compared: `table` holds the unit's names (`names`), its `status`, and per
    figure of `metrics` its old, new, change and percent columns (`column`); `flags` one
    row per flag, indexed by its row of `table`: the names, `figure`, `flag`, and the
    values of `FLAG_VALUES`."""

    names: list[str]
    metrics: list[str]
    table: pd.DataFrame
    flags: pd.DataFrame = field(default_factory=pd.DataFrame)

    def flag_words(self) -> np.ndarray | pd.api.extensions.ExtensionArray:
        """Each row's flags as "figure:kind" words, a space between (joined by Arrow, not
        a Python text per flag: a country's villages raise millions)."""
        flags = self.flags
        if not len(flags):
            return np.full(len(self.table), "", dtype=object)
        figure, figures = pd.factorize(flags["figure"])
        kind, kinds = pd.factorize(flags["flag"])
        words = [f"{f}:{k}" for f in figures.astype(str) for k in kinds.astype(str)]
        rows = flags.index.to_numpy()
        order = np.argsort(rows, kind="stable")
        said = pa.array(words, pa.large_string()).take((figure * len(kinds) + kind)[order])
        offsets = np.searchsorted(rows[order], np.arange(len(self.table) + 1))
        lists = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), said)
        return pc.binary_join(lists, pa.scalar(" ", pa.large_string())).to_pandas().array


def compare_level(
    old: pd.DataFrame,
    new: pd.DataFrame,
    names: Sequence[str],
    metrics: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    past: pd.DataFrame | None = None,
    z_threshold: float = Z_THRESHOLD,
) -> Compared:
    """`old` and `new` (one level's roll-up rows, one per unit and category value) side by
    side, units in Vietnamese order by their names down the levels (a unit only in old
    in its place among new's), a unit's rows in new's order, then old's. Flags: changes
    beyond `threshold` percent, and given the units' `past` roll-up rows (earlier periods,
    one row per unit and period), values outside their history (`history_flags`)."""
    compared = Compared(list(names), list(metrics), _side_by_side(old, new, names, metrics))
    found = change_flags(compared, threshold)
    if past is not None:
        found += history_flags(compared, past, z_threshold)
    compared.flags = _in_row_order(found, compared)
    return compared


def _side_by_side(
    old: pd.DataFrame, new: pd.DataFrame, names: Sequence[str], metrics: Sequence[str]
) -> pd.DataFrame:
    names = list(names)
    spelled, (old_keys, new_keys) = _names([old[names], new[names]])
    old_keys, new_keys = _each_row_once(old_keys, new_keys)
    count = int(max(old_keys.max(initial=-1), new_keys.max(initial=-1))) + 1
    in_new = np.zeros(count, dtype=bool)
    in_new[new_keys] = True
    gone = np.flatnonzero(~in_new[old_keys])  # old's rows not in new, in order
    at_old = np.full(count, -1, dtype=np.int64)
    at_old[old_keys] = np.arange(len(old))
    old_rows = np.concatenate([at_old[new_keys], gone])  # -1: not in old
    new_rows = np.concatenate([np.arange(len(new)), np.full(len(gone), -1)])
    # each row's names as new spells them, else old (positions in old + new)
    taken = np.where(new_rows >= 0, len(old) + new_rows, old_rows)
    order = _in_unit_order(names, spelled, taken)
    old_rows, new_rows, taken = old_rows[order], new_rows[order], taken[order]
    columns: dict[str, object] = {
        name: pd.Categorical.from_codes(codes[taken], categories=distinct)
        for name, (codes, distinct) in zip(names, spelled, strict=True)
    }
    status = np.where(old_rows < 0, 1, np.where(new_rows < 0, 2, 0))
    columns["status"] = pd.Categorical.from_codes(status, categories=STATUSES)
    for metric in metrics:
        before = _figures(old, metric, old_rows)
        after = _figures(new, metric, new_rows)
        change = after - before
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = np.where(before != 0, change * 100 / before, np.nan)
        for part, values in zip(PARTS, (before, after, change, percent), strict=True):
            columns[column(metric, part)] = values
    return pd.DataFrame(columns, copy=False)


def _each_row_once(old: np.ndarray, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys, those a side has on more than one row (units a history keeps apart,
    printed alike) given each row its own: matched with none, each row shown as in its
    side only, never one lost or paired at a guess."""
    count = int(max(old.max(initial=-1), new.max(initial=-1))) + 1
    several = (np.bincount(old, minlength=count) > 1) | (np.bincount(new, minlength=count) > 1)
    if not several.any():
        return old, new
    own = count + np.arange(len(old) + len(new))
    return (
        np.where(several[old], own[: len(old)], old),
        np.where(several[new], own[len(old) :], new),
    )


def _in_unit_order(
    names: list[str], spelled: list[tuple[np.ndarray, pd.Index]], taken: np.ndarray
) -> np.ndarray:
    """The rows' order by their units' names down the levels, in Vietnamese order
    (`unit_sort_key`, as the roll-up orders units), the rows of one unit as they are."""
    ranks = []
    for name, (codes, distinct) in zip(names, spelled, strict=True):
        if name in LEVELS:
            keys = [unit_sort_key(str(text)) for text in distinct]
            rank = np.empty(len(keys), dtype=np.int64)
            rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
            ranks.append(rank[codes[taken]])
    return np.lexsort(ranks[::-1]) if ranks else np.arange(len(taken))


Path = tuple[str, ...]  # a unit's names down the levels


def units_apart(
    old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame], levels: Sequence[str]
) -> tuple[list[Path], list[Path], int]:
    """The units of `old`'s level tables `new`'s lack (`lacking`) and those `new`'s have
    and `old`'s not (`added`), each at the highest of `levels` it is missing from (a
    commune that did not report, not also its villages), matched as the comparison matches
    them (`unit_keys`); and how many top levels are one same unit on both sides (a district
    office's district)."""
    lacking: dict[Path, None] = {}  # in order, looked up as a set
    added: dict[Path, None] = {}
    whole = 0
    for depth, level in enumerate(levels):
        names = list(levels[: depth + 1])
        units = [side[level][names].drop_duplicates() for side in (old, new)]
        keys = unit_keys(units)
        if whole == depth and [len(k) for k in keys] == [1, 1] and keys[0][0] == keys[1][0]:
            whole += 1
        for paths, own, mine, theirs in (
            (lacking, units[0], *keys),
            (added, units[1], *keys[::-1]),
        ):
            apart = own[~np.isin(mine, theirs)].astype(str)
            paths.update(
                (path, None)
                for path in apart.itertuples(index=False, name=None)
                if not any(path[:top] in paths for top in range(1, len(path)))
            )
    return list(lacking), list(added), whole


def mark_lower_missing(compared: Compared, lacking: Sequence[Path], added: Sequence[Path]) -> None:
    """Add to `compared`'s table, per row, how many of its unit's lower units (each at the
    highest level missing: `units_apart`) the old period lacks and the new has
    (`lower_missing_old`), and the other way (`lower_missing_new`): a unit whose figures
    fell only because a commune did not report is told from one whose figures fell. The
    totals' row (no names) counts them all."""
    table = compared.table
    levels = [name for name in compared.names if name in LEVELS]
    for name, paths in zip(LOWER_MISSING, (added, lacking), strict=True):
        below = Counter(path[: len(levels)] for path in paths if len(path) > len(levels))
        counts = np.zeros(len(table), dtype=np.int64)
        if below and levels:
            found = pd.DataFrame(list(below), columns=levels)
            rows, keys = unit_keys([table[levels], found])
            at = np.zeros(int(max(rows.max(initial=0), keys.max())) + 1, dtype=np.int64)
            at[keys] = list(below.values())
            counts = at[rows]
        elif below:
            counts[:] = sum(below.values())
        table[name] = counts


def unit_keys(frames: Sequence[pd.DataFrame]) -> list[np.ndarray]:
    """Each row's unit as a number shared by `frames` (their name columns in the same
    order): the same names, compared by `fold_key` (unit names by `unit_key`), the same
    number."""
    return _names(frames)[1]


def _names(
    frames: Sequence[pd.DataFrame],
) -> tuple[list[tuple[np.ndarray, pd.Index]], list[np.ndarray]]:
    """Per name column, the frames' names one after another as (codes, distinct names);
    and each frame's unit keys (`unit_keys`): level names matched as the roll-up matches
    them (`load.unit_codes`: "Long Vĩnh" is the "Xã Long Vĩnh" of the same district),
    then the category's value."""
    sizes = [len(f) for f in frames]
    spelled, keys = [], {}
    for name in frames[0].columns:
        codes, distinct = _factorized([f[name] for f in frames])
        spelled.append((codes, distinct))
        key = unit_key if name in LEVELS else fold_key
        folded, keyed = pd.factorize(np.array([key(v) for v in distinct], dtype=object))
        keys[name] = pd.Categorical.from_codes(folded[codes], categories=keyed)
    levels = [name for name in keys if name in LEVELS]
    path = np.zeros(sum(sizes), dtype=np.int64)
    if levels:
        units = pd.DataFrame({f"_key_{level}": keys[level] for level in levels})
        unit_codes(units, levels)
        path = units[f"_unit_{levels[-1]}"].to_numpy().astype(np.int64)
    for name in [name for name in keys if name not in LEVELS]:
        own = keys[name].codes.astype(np.int64)
        path = pd.factorize(path * (len(keys[name].categories) + 1) + own)[0].astype(np.int64)
    return spelled, np.split(path, np.cumsum(sizes)[:-1])


def _factorized(columns: Sequence[pd.Series]) -> tuple[np.ndarray, pd.Index]:
    """The columns' names one after another as codes into their distinct names (as text;
    "" for a name not given), each column factorised on its own (a categorical by its
    codes) and only the distinct names joined."""
    parts = []
    for values in columns:
        codes, uniques = pd.factorize(values)
        texts = ["" if pd.isna(u) else str(u) for u in uniques]
        parts.append((np.where(codes < 0, len(texts), codes), [*texts, ""]))
    joined, distinct = pd.factorize(
        np.array([t for _, texts in parts for t in texts], dtype=object)
    )
    offsets = np.cumsum([0, *(len(texts) for _, texts in parts)])
    codes = [joined[offset + own] for (own, _), offset in zip(parts, offsets, strict=False)]
    return np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64), pd.Index(distinct)


def _figures(table: pd.DataFrame, metric: str, rows: np.ndarray) -> np.ndarray:
    """A figure's values at `rows` (NaN where a row is -1 or the table lacks the figure)."""
    if metric not in table.columns:
        return np.full(len(rows), np.nan)
    values = table[metric].to_numpy(dtype="float64", na_value=np.nan)
    return np.append(values, np.nan)[rows]


def change_flags(compared: Compared, threshold: float = DEFAULT_THRESHOLD) -> list[pd.DataFrame]:
    """A row per figure of a unit in both roll-ups changed beyond `threshold` percent (the
    names, `figure`, `flag`, old, new, change, percent and the threshold), or from 0 to
    another value (`from_zero`: the names, `figure`, `flag`, old, new and change)."""
    table = compared.table
    found = []
    for metric in compared.metrics:
        old, new = table[column(metric, OLD)], table[column(metric, NEW)]
        change = table[column(metric, CHANGE)]
        both = (old.notna() & new.notna()).to_numpy()
        beyond = (change.abs() * 100 > threshold * old.abs()).to_numpy() & (old != 0).to_numpy()
        rows = np.flatnonzero(beyond & both)
        values = {p: table[column(metric, p)].to_numpy()[rows] for p in PARTS}
        values["threshold"] = np.full(len(rows), threshold)
        found.append(_flag_rows(compared, rows, metric, CHANGE_FLAG, values))
        rows = np.flatnonzero(((old == 0) & (new != 0)).to_numpy() & both)
        values = {p: table[column(metric, p)].to_numpy()[rows] for p in (OLD, NEW, CHANGE)}
        found.append(_flag_rows(compared, rows, metric, FROM_ZERO_FLAG, values))
    return found


def history_flags(
    compared: Compared, past: pd.DataFrame, z_threshold: float = Z_THRESHOLD
) -> list[pd.DataFrame]:
    """The flags of each new value against the unit's `past` (its roll-up rows of earlier
    periods, one per unit and period: the names and the figures): `range` when below
    its lowest or above its highest, `robust_z` when the modified z-score is beyond
    `z_threshold` (not when MAD is 0); with the values that raised each."""
    names, table = compared.names, compared.table
    metrics = [m for m in compared.metrics if m in past.columns]
    keys, past_keys = unit_keys([table[names], past[names]])
    found = []
    for metric in metrics:  # one at a time: a country's villages have 2 million past rows
        values = past[metric].astype("float64")
        grouped = values.groupby(past_keys)
        stats = {s: getattr(grouped, s)() for s in ("count", "min", "max", "median")}
        deviation = (values - stats["median"].reindex(past_keys).to_numpy()).abs()
        stats["mad"] = deviation.groupby(past_keys).median()
        at = {s: series.reindex(keys).to_numpy() for s, series in stats.items()}
        value = table[column(metric, NEW)].to_numpy()
        known = (at["count"] >= MIN_PAST) & ~np.isnan(value)
        outside = known & ((value < at["min"]) | (value > at["max"]))
        rows = np.flatnonzero(outside)
        range_values = {"value": value, "min": at["min"], "max": at["max"], "periods": at["count"]}
        found.append(_flag_rows(compared, rows, metric, RANGE_FLAG, _at(range_values, rows)))
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(at["mad"] > 0, Z_FACTOR * (value - at["median"]) / at["mad"], np.nan)
        rows = np.flatnonzero(known & (np.abs(z) > z_threshold))
        z_values = {"value": value, "median": at["median"], "mad": at["mad"], "z": z}
        z_values |= {"threshold": np.full(len(z), z_threshold), "periods": at["count"]}
        found.append(_flag_rows(compared, rows, metric, ROBUST_Z_FLAG, _at(z_values, rows)))
    return found


def _at(values: dict[str, np.ndarray], rows: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[rows] for k, v in values.items()}


def _flag_rows(
    compared: Compared, rows: np.ndarray, metric: str, flag: str, values: dict[str, object]
) -> pd.DataFrame:
    frame = {"_row": rows, "_figure": compared.metrics.index(metric), "_flag": _FLAGS.index(flag)}
    return pd.DataFrame(frame | values)


def _in_row_order(found: list[pd.DataFrame], compared: Compared) -> pd.DataFrame:
    """The flags by the compared table's row, a row's by its figures' order, then by kind;
    put together a column at a time (a country's villages raise millions)."""
    columns = [*compared.names, "figure", "flag"]
    found = [f for f in found if len(f)]
    if not found:
        return pd.DataFrame(columns=columns)
    keys = {
        k: np.concatenate([f[k].to_numpy() for f in found]) for k in ("_flag", "_figure", "_row")
    }
    order = np.lexsort(list(keys.values()))
    rows = keys["_row"][order]
    flags = {n: compared.table[n].array.take(rows) for n in compared.names}
    flags["figure"] = pd.Categorical.from_codes(keys["_figure"][order], categories=compared.metrics)
    flags["flag"] = pd.Categorical.from_codes(keys["_flag"][order], categories=_FLAGS)
    for name in dict.fromkeys(c for f in found for c in f.columns if c not in keys):
        given = [f[name] if name in f else pd.Series(np.nan, index=f.index) for f in found]
        flags[name] = pd.concat(given, ignore_index=True).to_numpy()[order]
    return pd.DataFrame(flags, index=rows)


_FLAGS = list(FLAG_VALUES)
