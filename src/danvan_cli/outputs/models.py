"""Showing and writing the models roll-up (xuất kết quả mô hình): terminal, JSON, CSV,
Markdown and Excel (`MODELS_WRITERS`), with the membership kind's formatting and styling.

People read, per level, one row per unit (its statuses and its registered models per
field, level, kind) and, for the grand total, one cross-table per category (its codes x
statuses). Scripts read the JSON and CSV: one row per unit and combination of categories.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, BinaryIO

import pandas as pd

from danvan_cli.engine.models_rollup import COUNTED_BY, registered_by
from danvan_cli.engine.rollup import Rollup
from danvan_cli.kinds.models_vocabulary import CATEGORIES, STATUSES, TOPICS
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.document import Document, Table
from danvan_cli.outputs.lines import current_csv_separator
from danvan_cli.outputs.writers import Writers, document_writers
from danvan_cli.text.formatting import COUNT, plain_number
from danvan_cli.text.safe_text import csv_cell, json_text

# The JSON total's name of each category's counts (`by_<name>`, `statuses_by_<name>`).
TOTAL_NAMES: dict[str, str] = {
    "field": "by_field",
    "recognition_level": "by_level",
    "program": "by_program",
    "topic": "by_topic",
}


def models_report(
    rollup: Rollup | None, shown: Sequence[str], lang: str, terminal: bool = False
) -> Document:
    """Per shown level the units, then the grand total per category (on the `terminal`,
    narrow, without the per-unit columns of kinds of model); every row numbered."""
    if rollup is None:
        return Document(None, [])
    codes = [c for c in rollup.counted if not terminal or c not in TOPICS]
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


def _plain_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON values: names and codes as text, counts as whole numbers, blanks null."""
    return [
        {k: v if isinstance(v, str) else plain_number(v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]


def models_document(
    rollup: Rollup | None,
    problems: Sequence[Problem],
    levels_present: Sequence[str],
    shown: Sequence[str],
    lang: str,
) -> dict[str, Any]:
    """The JSON contract of kind `models`: levels, rollups, total, problems."""
    document: dict[str, Any] = {
        "kind": "models",
        "levels": list(levels_present),
        "rollups": {},
        "total": None,
    }
    if rollup is not None:
        document["rollups"] = {level: _plain_rows(rollup.tables[level]) for level in shown}
        total: dict[str, Any] = dict(rollup.total)
        for category, name in TOTAL_NAMES.items():
            total[name] = registered_by(rollup, category)
        for category, name in TOTAL_NAMES.items():
            rows = _plain_rows(rollup.by_category[category])
            total[f"statuses_{name}"] = {row.pop("code"): row for row in rows}
        document["total"] = total
    document["problems"] = [p.to_dict(lang) for p in problems]
    return document


def write_models_json(stream: BinaryIO, *args: Any) -> None:
    """`models_document(*args)` as JSON (UTF-8)."""
    stream.write((json_text(models_document(*args), indent=2) + "\n").encode("utf-8"))


def write_models_csv(
    stream: BinaryIO,
    rollup: Rollup,
    shown: Sequence[str],
    bom: bool = False,
    raw: bool = False,
) -> None:
    """One long table: `level`, the unit path, the categories, the statuses; then the total.
    Text that a spreadsheet program would take for a formula is neutralised unless `raw`."""
    header = ["level", *rollup.levels, *CATEGORIES, *STATUSES]
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=header,
        extrasaction="ignore",
        lineterminator="\n",
        delimiter=current_csv_separator(),
    )
    writer.writeheader()
    for level in shown:
        for row in _plain_rows(rollup.tables[level]):
            if not raw:
                row = {k: csv_cell(v) if isinstance(v, str) else v for k, v in row.items()}
            writer.writerow({"level": level, **row})
    writer.writerow({"level": "total", **{s: rollup.total[s] for s in STATUSES}})
    stream.write(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))


MODELS_WRITERS: Writers = document_writers(models_report, write_models_json, write_models_csv)
print_models = MODELS_WRITERS.table
