"""Roll-ups of community models (tổng hợp mô hình theo cấp): for each level present and
the grand total, models counted by programme, field, level of recognition, kind and
status (đăng ký, công nhận, biểu dương).

The roll-up is the one `engine.rollup.Rollup`. Per level there are two tables: `tables`,
one row per unit and combination of categories (unit x programme x field x level x kind x
year, with the three statuses: the cross-tables, field x status among them), and
`by_unit`, one row per unit with its statuses and its registered models counted per
category code (`counted`); `by_category` holds the grand total per code of each category
of `COUNTED_BY`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from danvan_cli.engine.rollup import Rollup, RollupSpec, rollup_levels
from danvan_cli.kinds.models_vocabulary import CATEGORIES, CODES, STATUSES
from danvan_cli.model.declaration import ALL

# The categories whose codes are counted per unit and in the grand total.
COUNTED_BY: tuple[str, ...] = ("field", "recognition_level", "program", "topic")


def rollup_models(records: pd.DataFrame, levels: Sequence[str], statuses: Sequence[str]) -> Rollup:
    """Count `records` (valid ones only) for each of `levels`, top to bottom, and in total,
    through the generic roll-up (`engine.rollup.rollup_levels`): once split by each category
    of `COUNTED_BY` (the units' rows, their registered models per code, the grand total per
    code), once by the combinations of all `CATEGORIES` (the rows of `tables`). `statuses`:
    those some input reports (the roll-up's `metrics`); the total counts each status."""
    levels = list(levels)
    figures = list(STATUSES)
    codes = {
        category: [c for c in CODES[category] if records[category].eq(c).any()]
        for category in COUNTED_BY
    }
    split = {
        category: rollup_levels(records, levels, figures, _spec(category, CODES[category]))
        for category in COUNTED_BY
    }
    by_unit = {level: _units(split, level, codes) for level in levels}
    by_category = {
        category: _cross(split[category].total_by_organization, category, present)
        for category, present in codes.items()
    }
    first = split[COUNTED_BY[0]]
    total: dict[str, float | None] = {s: _count(first.total[s]) for s in figures}
    tables = _combinations(records, levels, figures)
    programs = codes["program"] if len(codes["program"]) > 1 else []
    counted = [*programs, *codes["field"], *codes["recognition_level"], *codes["topic"]]
    return Rollup(
        levels,
        list(statuses),
        tables,
        total,
        None,
        first.units,
        by_unit=by_unit,
        counted=counted,
        by_category=by_category,
    )


def registered_by(rollup: Rollup, category: str) -> dict[str, int | None]:
    """The models registered in total per code met of `category` (of `COUNTED_BY`); none
    when the roll-up does not count them (a period rolled up from the history, which keeps
    models' figures per unit, not per programme, field, level or kind)."""
    table = rollup.by_category.get(category)
    if table is None:
        return {}
    return {code: _count(n) for code, n in zip(table["code"], table["registered"], strict=True)}


def _spec(category: str, values: Sequence[str]) -> RollupSpec:
    """Statuses summed per unit, and per unit and value of `category` (in `values`' order)."""
    return RollupSpec(STATUSES, (), {}, frozenset(), category, tuple(values))


def _split_rows(table: pd.DataFrame, category: str) -> tuple[pd.Series, pd.Series]:
    """Which rows of a split level table are a unit's "all" row, and each row's unit number
    (its "all" row comes first)."""
    whole = table[category].astype(object).eq(ALL)
    return whole, whole.cumsum() - 1


def _units(split: dict[str, Rollup], level: str, codes: dict[str, list[str]]) -> pd.DataFrame:
    """One row per unit: its names, its statuses, its registered models per code met."""
    parts = []
    for category, present in codes.items():
        table = split[category].tables[level]
        whole, unit = _split_rows(table, category)
        if not parts:
            names = split[category].levels
            parts.append(_named(table[whole].drop(columns=category).reset_index(drop=True), names))
        rows = pd.DataFrame(
            {
                "unit": unit[~whole],
                "code": table.loc[~whole, category].astype(str),
                "registered": table.loc[~whole, "registered"],
            }
        )
        counted = rows.pivot(index="unit", columns="code", values="registered")
        counted = counted.reindex(index=range(int(whole.sum())), columns=present).fillna(0)
        parts.append(counted.rename_axis(index=None, columns=None))
    return pd.concat(parts, axis=1)


def _cross(by_value: pd.DataFrame, category: str, present: list[str]) -> pd.DataFrame:
    """The grand total per code met of a category: code and statuses."""
    table = by_value.assign(code=by_value[category].astype(object)).set_index("code")
    return table.reindex(present)[list(STATUSES)].rename_axis("code").reset_index()


def _combinations(
    records: pd.DataFrame, levels: list[str], figures: list[str]
) -> dict[str, pd.DataFrame]:
    """Per level, one row per unit and combination of `CATEGORIES` met in it (a category not
    given is a value of its own, after the codes): names, categories, statuses."""
    keys = records[list(CATEGORIES)]
    combination = keys.groupby(list(CATEGORIES), sort=False, dropna=False).ngroup()
    met = ~combination.duplicated()
    values = keys[met].set_axis(combination[met].to_numpy()).sort_index()
    order = sorted(values.index, key=lambda number: _category_key(values.loc[number]))
    spec = RollupSpec(STATUSES, (), {}, frozenset(), "_combination", tuple(map(str, order)))
    rollup = rollup_levels(
        records.assign(_combination=combination.astype(str)), levels, figures, spec
    )
    tables = {}
    for depth, level in enumerate(levels):
        table = rollup.tables[level]
        rows = table[~_split_rows(table, "_combination")[0]].reset_index(drop=True)
        numbers = rows.pop("_combination").astype(str).astype(int)
        named = values.loc[numbers].reset_index(drop=True)
        named = named.astype(object).where(named.notna(), np.nan).infer_objects()
        names = levels[: depth + 1]
        tables[level] = _named(pd.concat([rows[names], named, rows[figures]], axis=1), names)
    return tables


def _named(table: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Unit names as text (the records hold them as categories)."""
    return table.astype({level: str for level in levels if level in table.columns})


def _category_key(values: pd.Series) -> tuple:
    """Where a combination of categories goes among a unit's rows: codes in DOMAIN.md order
    (not given last), years ascending (not given first)."""
    key = []
    for category in CATEGORIES:
        value = values[category]
        if category == "year":
            key.append(0 if pd.isna(value) else value)
        else:
            order = CODES[category]
            key.append(order.index(value) if value in order else len(order))
    return tuple(key)


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
