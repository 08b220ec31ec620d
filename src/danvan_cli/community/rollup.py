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

import pandas as pd

from danvan_cli.community.vocabulary import CATEGORIES, CODES, STATUSES
from danvan_cli.text.collation import vietnamese_sort_key

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
    """Count `records` (valid ones only) for each of `levels`, top to bottom, and in total."""
    levels = list(levels)
    statuses_all = list(STATUSES)
    codes = {
        category: [c for c in CODES[category] if records[category].eq(c).any()]
        for category in TOTAL_BY
    }
    tables, units = {}, {}
    for depth, level in enumerate(levels):
        unit = f"_unit_{level}"
        path = _unit_path(records, levels[: depth + 1])
        fine = records.groupby([unit, *CATEGORIES], sort=False, dropna=False)[statuses_all]
        fine = fine.sum(min_count=1).reset_index()
        tables[level] = _ordered(fine.join(path, on=unit), levels[: depth + 1])
        summary = records.groupby(unit, sort=False)[statuses_all].sum(min_count=1)
        for category, present in codes.items():
            counted = records.groupby([unit, category], sort=False)["registered"].sum()
            summary = summary.join(counted.unstack(category).reindex(columns=present))
            summary[present] = summary[present].fillna(0)
        units[level] = _ordered(summary.reset_index().join(path, on=unit), levels[: depth + 1])
    crosses = {
        category: records.groupby(category, sort=False)[statuses_all]
        .sum(min_count=1)
        .reindex(present)
        .rename_axis("code")
        .reset_index()
        for category, present in codes.items()
    }
    total: dict[str, Any] = {s: _count(records[s].sum(min_count=1)) for s in statuses_all}
    for category, name in TOTAL_BY.items():
        cross = crosses[category]
        total[name] = {
            code: _count(n) for code, n in zip(cross["code"], cross["registered"], strict=True)
        }
    return ModelsRollup(levels, list(statuses), tables, units, codes, total, crosses)


def _unit_path(records: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Names of each unit of the lowest of `levels` and of its parents (first spelling)."""
    lowest = f"_unit_{levels[-1]}"
    path = records.drop_duplicates(lowest).set_index(lowest, drop=False)
    path = path[[f"_unit_{lv}" for lv in levels]]
    for level in levels:
        spelled = records.drop_duplicates(f"_unit_{level}").set_index(f"_unit_{level}")[level]
        path[level] = path[f"_unit_{level}"].map(spelled).astype(str)
    return path[levels]


def _ordered(table: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Units in Vietnamese alphabetical order along their path, then categories in
    DOMAIN.md order; only the unit names, categories and figures are kept."""
    keys = pd.DataFrame(index=table.index)
    for level in levels:
        keys[level] = table[level].map(vietnamese_sort_key)
    for category in CATEGORIES:
        if category == "year" and category in table:
            keys[category] = table[category].fillna(0)
        elif category in table:
            order = {code: i for i, code in enumerate(CODES[category])}
            keys[category] = table[category].map(order).fillna(len(order))
    order = keys.sort_values(list(keys.columns), kind="stable").index
    columns = [c for c in table.columns if not str(c).startswith("_unit_")]
    return table.loc[order, [*levels, *[c for c in columns if c not in levels]]].reset_index(
        drop=True
    )


def _count(value: object) -> int | None:
    return None if pd.isna(value) else int(value)
