"""Roll-ups of community models (tổng hợp mô hình theo cấp): for each level present and
the grand total, models counted by programme, field, level of recognition, kind and
status (đăng ký, công nhận, biểu dương).

Per level there are two tables: `tables`, one row per unit and combination of
categories (unit x programme x field x level x kind x year, with the three statuses:
the cross-tables, field x status among them), and `units`, one row per unit with its
statuses and its registered models counted per category code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from danvan_cli.community.vocabulary import CATEGORIES, CODES, STATUSES
from danvan_cli.engine.rollup import ALL, Rollup, RollupSpec, rollup_levels

# The categories counted in the grand total, with the name of their JSON object.
TOTAL_BY: dict[str, str] = {
    "field": "by_field",
    "recognition_level": "by_level",
    "program": "by_program",
    "topic": "by_topic",
}


@dataclass
class ModelsRollup:
    """The roll-up: per level (top first) by unit and category and by unit, the total."""

    levels: list[str]
    statuses: list[str]  # the statuses some input reports
    tables: dict[str, pd.DataFrame]  # unit path, CATEGORIES, STATUSES
    units: dict[str, pd.DataFrame]  # unit path, STATUSES, registered per code of `codes`
    codes: dict[str, list[str]]  # category -> the codes met, in DOMAIN.md order
    total: dict[str, Any]  # statuses, then by_field, by_level, by_program, by_topic
    crosses: dict[str, pd.DataFrame]  # category -> code and STATUSES, for the grand total

    @property
    def unit_columns(self) -> list[str]:
        """The per-code columns of `units`: programmes (when several), fields, levels, kinds."""
        programs = self.codes["program"] if len(self.codes["program"]) > 1 else []
        return [
            *programs,
            *self.codes["field"],
            *self.codes["recognition_level"],
            *self.codes["topic"],
        ]


def rollup_models(
    records: pd.DataFrame, levels: Sequence[str], statuses: Sequence[str]
) -> ModelsRollup:
    """Count `records` (valid ones only) for each of `levels`, top to bottom, and in total,
    through the generic roll-up (`engine.rollup.rollup_levels`): once split by each category
    of `TOTAL_BY` (the units' rows, their registered models per code, the grand total per
    code), once by the combinations of all `CATEGORIES` (the rows of `tables`)."""
    levels = list(levels)
    figures = list(STATUSES)
    codes = {
        category: [c for c in CODES[category] if records[category].eq(c).any()]
        for category in TOTAL_BY
    }
    split = {
        category: rollup_levels(records, levels, figures, _spec(category, CODES[category]))
        for category in TOTAL_BY
    }
    units = {level: _units(split, level, codes) for level in levels}
    crosses = {
        category: _cross(split[category].total_by_organization, category, present)
        for category, present in codes.items()
    }
    first = next(iter(split.values()))
    total: dict[str, Any] = {s: _count(first.total[s]) for s in figures}
    for category, name in TOTAL_BY.items():
        cross = crosses[category]
        total[name] = {
            code: _count(n) for code, n in zip(cross["code"], cross["registered"], strict=True)
        }
    tables = _combinations(records, levels, figures)
    return ModelsRollup(levels, list(statuses), tables, units, codes, total, crosses)


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
