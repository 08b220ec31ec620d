"""Showing and writing the models roll-up (xuất kết quả mô hình): terminal, JSON, CSV,
Markdown and Excel (`MODELS_WRITERS`), with the membership kind's formatting and styling.

People read, per level, one row per unit (its statuses and its registered models per
field, level, kind) and, for the grand total, one cross-table per category (its codes x
statuses). Scripts read the JSON and CSV (`jsoncsv`, as `kinds.models` declares them): one
row per unit and combination of categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from danvan_cli.engine.models_rollup import COUNTED_BY, registered_by
from danvan_cli.engine.rollup import Rollup
from danvan_cli.kinds.models import MODELS
from danvan_cli.kinds.models_vocabulary import CATEGORIES
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, label, ui
from danvan_cli.outputs.document import Document, Table
from danvan_cli.outputs.writers import Writers, document_writers
from danvan_cli.text.formatting import COUNT


def models_report(
    rollup: Rollup | None, shown: Sequence[str], lang: str, terminal: bool = False
) -> Document:
    """Per shown level the units, then the grand total per category (on the `terminal`,
    narrow, without the per-unit columns of kinds of model); every row numbered."""
    if rollup is None:
        return Document(None, [])
    hidden = MODELS.outputs.terminal_hidden
    codes = [c for c in rollup.counted if not terminal or c not in hidden]
    by_code = {
        code: n for category in COUNTED_BY for code, n in registered_by(rollup, category).items()
    }
    statuses = rollup.metrics
    figures = [*statuses, *codes]
    total = [rollup.total[s] for s in statuses] + [by_code[c] for c in codes]
    tables = []
    for level in shown:
        names = rollup.levels[: rollup.levels.index(level) + 1]
        header = [label(FIELD_LABELS, n, lang) for n in [*names, *figures]]
        units = rollup.by_unit[level]
        rows = [
            [*[str(r[n]) for n in names], *[r[f] for f in figures]]
            for r in units.to_dict("records")
        ]
        title = ui("level_title", lang, level=label(LEVEL_LABELS, level, lang))
        total_row = [ui("total", lang), *[""] * (len(names) - 1), *total]
        table = _table(title, header, rows, total_row, len(names))
        table.level, table.groups = level, _groups(rollup, codes, lang)
        tables.append(table)
    for category in COUNTED_BY:
        cross = rollup.by_category[category]
        if cross.empty:
            continue
        header = [label(FIELD_LABELS, n, lang) for n in (category, *statuses)]
        rows = [
            [label(FIELD_LABELS, r["code"], lang), *[r[s] for s in statuses]]
            for r in cross.to_dict("records")
        ]
        unsaid = [_unsaid(rollup.total[s], cross[s]) for s in statuses]
        if any(unsaid):  # models that do not give this category: the column still adds up
            rows.append([ui("not_given", lang), *unsaid])
        total_row = [ui("total", lang), *[rollup.total[s] for s in statuses]]
        title = ui("models_by", lang, category=label(FIELD_LABELS, category, lang).lower())
        tables.append(_table(title, header, rows, total_row, 1))
    heading = ui("official_title_models", lang)
    return Document(None, tables, heading=heading)


def _groups(rollup: Rollup, codes: list[str], lang: str) -> list[tuple[str, int]]:
    """The header groups over a level's figures: the statuses, then the registered models
    by each category of the codes shown."""
    groups = [(ui("models_count", lang), len(rollup.metrics))]
    for category in CATEGORIES:  # the order of `Rollup.counted`
        met = rollup.by_category.get(category)
        shown = sum(met is not None and code in set(met["code"]) for code in codes)
        if shown:
            groups.append((label(FIELD_LABELS, category, lang), shown))
    return groups


def _table(
    title: str, header: list[str], rows: list[list[Any]], total: list[Any], names: int
) -> Table:
    """A table of counts, its sheet named by its title."""
    looks = [COUNT] * (len(header) - names)
    return Table(title, title, header, lambda: rows, total, names, looks)


def _unsaid(total: float | None, counted: pd.Series) -> float | None:
    """How many of a status's `total` models are in no row of a category's table."""
    if total is None or pd.isna(total):
        return None
    return max(total - counted.fillna(0).sum(), 0) or None


MODELS_WRITERS: Writers = document_writers(MODELS, models_report)
print_models = MODELS_WRITERS.table
