"""Tables found shaped into rows (định dạng bảng): tables laid out alike in one batch, text
typed in TCVN3/VNI converted, formulas saved without values found, levels taken from
titles, and the notes on rows read but not added up (subtotals, the signature block)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from danvan_cli.ingest.batchrows import ROW_SPAN, distinct_values
from danvan_cli.ingest.body import GROUP, ShapedBody, compact, shape_body
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.headers import GROUP_TOTAL, UNIT, HeaderMapping, HeaderPatterns
from danvan_cli.ingest.normalise import CATEGORY, CategoryCodes, kind_records, set_column
from danvan_cli.ingest.rawtable import RawTable, SheetKind, find_raw_table
from danvan_cli.ingest.read import SheetSource, cells_as_read, formulas_without_values
from danvan_cli.ingest.titles import organization_in_title, units_in_title
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.model.problems import Problem
from danvan_cli.text.legacy_encoding import LEGACY_NAMES, fix_legacy_text


def read_table(
    source: SheetSource,
    data: Dataset,
    kind: ReportKind,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
    text_fields: set[str],
    subtotal_note: str = "subtotal_rows",
    sheet_kind: SheetKind | None = None,
) -> tuple[ShapedBody, int] | None:
    """One sheet's table read and shaped (see `find_raw_table`, `shape_tables`): the shaped
    body (index: Excel row) and the table's number, or None if it has no rows."""
    found = find_raw_table(source, data, kind, patterns, metrics, text_fields, sheet_kind)
    shaped = shape_tables([found], data, subtotal_note) if found else []
    return (shaped[0], len(data.tables) - 1) if shaped else None


def shape_tables(
    found: Sequence[RawTable],
    data: Dataset,
    subtotal_note: str = "subtotal_rows",
    organization_titled: bool = False,
) -> list[ShapedBody]:
    """Shape the tables, those laid out alike in one batch each; every table with rows
    joins `data.tables` (in the order found), with its notes. A batch's rows carry
    `_table` and `_row` (Excel row); a batch of one keeps the Excel row as its index.
    With `organization_titled`, a table without an organisation column whose issuing body
    is one organisation gives it to its rows (`_organization_from_titles`)."""
    titled = [
        organization_in_title(table.title, table.patterns) if organization_titled else None
        for table in found
    ]
    batches: dict[tuple, list[int]] = {}
    for number, table in enumerate(found):
        key = (*_batch_key(table, number), titled[number] is not None)
        batches.setdefault(key, []).append(number)
    shaped: dict[int, tuple[ShapedBody, dict]] = {}  # table -> its batch, its rows left out
    title_notes: dict[int, list[Problem]] = {}
    bodies = []
    for numbers in batches.values():
        body = _shape_batch([found[n] for n in numbers], numbers, data, title_notes)
        _organization_from_titles(body, found, numbers, [titled[n] for n in numbers], title_notes)
        bodies.append(body)
        left_out = _rows_left_out(body)
        for number in np.unique(body.rows.index.to_numpy() // ROW_SPAN).tolist():
            shaped[number] = (body, left_out)
    final = np.full(len(found), -1, dtype=np.int64)
    for number, table in enumerate(found):
        if number not in shaped:
            row = table.info.header_row
            data.problems.append(Problem("warning", "no_data_rows", row=row, **table.where))
            continue
        body, left_out = shaped[number]
        final[number] = len(data.tables)
        data.tables.append(replace(table.info, levels=tuple(body.levels)))
        data.invalid_rows[len(data.tables) - 1] = table.invalid_rows
        data.problems.extend(_layout_notes(left_out, number, table.where, subtotal_note))
        data.problems.extend(title_notes.get(number, []))
    bodies = [body for body in bodies if not body.rows.empty]
    for body in bodies:
        index = body.rows.index.to_numpy()
        set_column(body.rows, "_table", final[index // ROW_SPAN])
        set_column(body.rows, "_row", index % ROW_SPAN)
        for column in ("_scope_first", "_scope_last"):
            set_column(body.rows, column, body.rows[column].to_numpy() % ROW_SPAN)
    return bodies


def shape_records(
    found: Sequence[RawTable], data: Dataset, kind: ReportKind, category_codes: CategoryCodes
) -> list[pd.DataFrame]:
    """The records of `kind`'s tables: those laid out alike (one per commune, say) shaped
    together (`shape_tables`), then read as every kind's (`normalise.kind_records`), the
    category's values as `category_codes` reads them. The cost of a file is then its
    reading, not a round of small pandas steps."""
    category = kind.split_category
    titled = category is not None and category.code == CATEGORY
    return [
        kind_records(body.rows.reset_index(drop=True), body.levels, data, kind, category_codes)
        for body in shape_tables(found, data, organization_titled=titled)
    ]


def _batch_key(table: RawTable, number: int) -> tuple:
    """Tables shaped together: same headers, same place of the body, same columns read,
    the same levels named in their titles. A "Đơn vị" hierarchy is shaped on its own."""
    layout = table.layout
    return (
        table.info.mapping,
        layout.header_row,
        layout.body_start,
        tuple(table.positions),
        tuple(sorted(units_in_title(table.title))),
        number if UNIT in table.info.mapping.fields else None,
    )


def _shape_batch(
    tables: list[RawTable],
    numbers: list[int],
    data: Dataset,
    title_notes: dict[int, list[Problem]],
) -> ShapedBody:
    """The tables' rows shaped as one, indexed `number * ROW_SPAN + Excel row`: text typed
    in TCVN3/VNI converted, formulas saved without values found, then `shape_body`."""
    first = tables[0]
    raw = compact(_batch_frame(tables, numbers))  # factorised once for all that follows
    where = {number: table.where for number, table in zip(numbers, tables, strict=True)}
    data.problems.extend(_fix_legacy_body(raw, first.texts, first.info.mapping, where))
    figures = [p for p in first.positions if p not in first.texts]
    formulas = _formulas_without_values(raw, figures, tables, numbers)
    shaped = shape_body(raw, first.info.mapping, first.layout.body_start + 1, first.patterns)
    data.problems.extend(_formula_problems(formulas, tables, numbers, shaped))
    _units_from_titles(shaped, tables, numbers, title_notes)
    return shaped


def _batch_frame(tables: list[RawTable], numbers: list[int]) -> pd.DataFrame:
    """The tables' cells in one frame, indexed `number * ROW_SPAN + Excel row`; the cells of
    small sheets become a DataFrame here, once for all of them, column by column."""
    pieces: list[pd.DataFrame] = []
    cells: list[np.ndarray] = []
    index: list[np.ndarray] = []

    def gather() -> None:
        if index:
            block = np.concatenate(cells) if len(cells) > 1 else cells[0]
            columns = {p: cells_as_read(block[:, i]) for i, p in enumerate(tables[0].positions)}
            pieces.append(pd.DataFrame(columns, np.concatenate(index), dtype=object, copy=False))
            cells.clear()
            index.clear()

    for number, table in zip(numbers, tables, strict=True):
        tag = number * ROW_SPAN
        if table.cells is not None:
            cells.append(table.cells)
            index.append(np.arange(len(table.cells), dtype=np.int64) + table.first_row + tag)
        else:
            gather()
            pieces.append(table.raw.set_axis(table.raw.index.to_numpy() + tag))
    gather()
    return pieces[0] if len(pieces) == 1 else pd.concat(pieces)


def _formulas_without_values(
    raw: pd.DataFrame, figures: list[int], tables: list[RawTable], numbers: list[int]
) -> list[tuple[int, int, int]]:
    """Formula cells saved with no value read as blank: (table, Excel row, column) of each,
    their rows into each table's `invalid_rows` (figures not known; a "Tổng số" group's
    cells are checks, not figures).

    Only .xlsx can hold them; a sheet is scanned only when one of its figure cells is blank."""
    blank = raw[figures].isna().to_numpy().any(axis=1)
    if not blank.any():
        return []
    index = raw.index.to_numpy()
    found = []
    for number in np.unique(index[blank] // ROW_SPAN).tolist():
        table = tables[numbers.index(number)]
        info = table.info
        if Path(info.file).suffix.lower() not in (".xlsx", ".xlsm"):
            continue
        read = set(index[index // ROW_SPAN == number] % ROW_SPAN)
        for row, column in formulas_without_values(info.file, info.sheet):
            if row in read and column in figures:
                if info.mapping.organization_at(column) != GROUP_TOTAL:
                    table.invalid_rows.add(row)
                found.append((number, row, column))
    return found


def _formula_problems(
    cells: list[tuple[int, int, int]],
    tables: list[RawTable],
    numbers: list[int],
    shaped: ShapedBody,
) -> list[Problem]:
    """An error for each formula without value in a figure of a data row; those in checks
    (subtotal rows, a "Tổng số" group), never added, are one warning per table naming their
    rows, and a "Tổng số" group holding one is not compared on its row."""
    subtotals = set(shaped.subtotal_rows)
    problems = []
    unchecked: dict[int, list[int]] = {}
    group_totals: list[int] = []  # batch index of the rows whose "Tổng số" is not known
    for number, row, column in cells:
        info = tables[numbers.index(number)].info
        group_total = info.mapping.organization_at(column) == GROUP_TOTAL
        if group_total:
            group_totals.append(number * ROW_SPAN + row)
        if group_total or number * ROW_SPAN + row in subtotals:
            unchecked.setdefault(number, []).append(row)
            continue
        header = info.mapping.headers[column]
        problems.append(
            Problem("error", "formula_without_value", info.file, info.sheet, row, header)
        )
    if group_totals and "_row_total" in shaped.rows:
        rows = shaped.rows
        shaped.rows = rows[~(rows["_row_total"] & rows.index.isin(group_totals))]
    for number, rows in unchecked.items():
        table = tables[numbers.index(number)]
        value = row_ranges(rows)
        problems.append(
            Problem("warning", "subtotal_formulas", row=min(rows), value=value, **table.where)
        )
    return problems


def _fix_legacy_body(
    raw: pd.DataFrame, texts: set[int], mapping: HeaderMapping, where: dict[int, dict]
) -> list[Problem]:
    """Text cells typed in TCVN3 or VNI, converted to Unicode in `raw`: a warning per table
    and column naming the rows converted (`where`: each table's file and sheet)."""
    notes = []
    tables = raw.index.to_numpy() // ROW_SPAN
    for position in sorted(texts):
        codes, uniques = distinct_values(raw[position])
        fixed = [fix_legacy_text(u) if isinstance(u, str) else (u, None) for u in uniques]
        changed = [i for i, (_, encoding) in enumerate(fixed) if encoding]
        if not changed:
            continue
        values = np.array([text for text, _ in fixed] + [None], dtype=object)[codes]
        raw[position] = pd.Series(values, index=raw.index, dtype=object)
        hit = np.isin(codes, changed)
        for number in np.unique(tables[hit]).tolist():
            own = hit & (tables == number)
            encodings = sorted({fixed[code][1] for code in np.unique(codes[own])})
            params = {
                "encoding": ", ".join(LEGACY_NAMES[e] for e in encodings),
                "rows": row_ranges(raw.index[own] % ROW_SPAN),
            }
            notes.append(
                Problem(
                    "warning",
                    "legacy_text_rows",
                    column=mapping.headers[position],
                    params=params,
                    **where[number],
                )
            )
    return notes


def row_ranges(rows: Sequence[int]) -> str:
    """ "5–9, 12" for rows 5, 6, 7, 8, 9 and 12."""
    parts: list[str] = []
    numbers = sorted(set(int(r) for r in rows))
    start = previous = None
    for number in [*numbers, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return ", ".join(parts)


def _units_from_titles(
    shaped: ShapedBody,
    tables: list[RawTable],
    numbers: list[int],
    notes: dict[int, list[Problem]],
) -> None:
    """Levels above the tables' own that their titles name (a commune's report without a Xã
    column): added to every row of the table, each with a warning (into `notes`) saying
    where the name came from. Tables shaped together name the same levels in their titles."""
    if not shaped.levels:
        return
    top = min(LEVELS.index(lv) for lv in shaped.levels)
    found = [units_in_title(t.title) for t in tables]
    table_of_row = pd.Index(numbers).get_indexer(shaped.rows.index.to_numpy() // ROW_SPAN)
    for level in [lv for lv in found[0] if LEVELS.index(lv) < top]:
        names = np.array([units[level][0] for units in found], dtype=object)
        shaped.rows[level] = names[table_of_row]
        for number, table, units in zip(numbers, tables, found, strict=True):
            name, row = units[level]
            notes.setdefault(number, []).append(
                Problem(
                    "warning",
                    "unit_from_title",
                    row=row + 1,
                    value=name,
                    params={"level": level},
                    **table.where,
                )
            )
    shaped.levels = [lv for lv in LEVELS if lv in shaped.levels or lv in shaped.rows.columns]


def _organization_from_titles(
    shaped: ShapedBody,
    found: Sequence[RawTable],
    numbers: list[int],
    titled: list[tuple[str, str, int] | None],
    notes: dict[int, list[Problem]],
) -> None:
    """A batch's tables with no organisation column (nor a group per organisation) whose
    title names one as their issuing body (`titled`, see `titles.organization_in_title`;
    all of a batch's or none): that title line is every row's organisation cell, read as
    the column's would be, with a note (into `notes`) naming the line."""
    rows = shaped.rows
    if titled[0] is None or CATEGORY in rows.columns or GROUP in rows.columns:
        return
    lines = np.array([line for _, line, _ in titled], dtype=object)
    table_of_row = pd.Index(numbers).get_indexer(rows.index.to_numpy() // ROW_SPAN)
    set_column(rows, CATEGORY, lines[table_of_row])
    for number, (code, line, row) in zip(numbers, titled, strict=True):
        notes.setdefault(number, []).append(
            Problem(
                "warning",
                "organization_from_title",
                row=row + 1,
                value=line,
                params={"organization": code},
                **found[number].where,
            )
        )


def _rows_left_out(shaped: ShapedBody) -> dict[str, dict[int, list[int]]]:
    """Subtotal, signature and below-the-table rows of a batch, per table: {kind: {table:
    Excel rows}}."""
    found: dict[str, dict[int, list[int]]] = {}
    for kind in ("subtotal_rows", "signature_rows", "figures_below"):
        per_table = found[kind] = {}
        for row in getattr(shaped, kind):
            per_table.setdefault(row // ROW_SPAN, []).append(row % ROW_SPAN)
    return found


def _layout_notes(
    left_out: dict[str, dict[int, list[int]]], number: int, where: dict, subtotal_note: str
) -> list[Problem]:
    """Rows of table `number` read but not added up, each named: subtotals and the
    signature block (`left_out`: see `_rows_left_out`)."""
    notes = []
    subtotals = left_out["subtotal_rows"].get(number)
    if subtotals:
        rows = ", ".join(str(r) for r in subtotals)
        notes.append(Problem("warning", subtotal_note, value=rows, **where))
    for row in left_out["signature_rows"].get(number, []):
        notes.append(Problem("warning", "signature_block", row=row, **where))
    for row in left_out["figures_below"].get(number, []):
        notes.append(Problem("error", "figures_below_table", row=row, **where))
    return notes
