"""Every figure accounted for (đối chiếu từng số liệu): where each number of a table ended.

Each number in a table's body ends in exactly one place: a summed figure (a valid record's),
a checked subtotal or total, a column reported as not used (a problem naming its header or
letter, with how many figures it holds), or a located problem (one naming its row). Names,
STT numbers and the numbering row under the header are labels, not figures.
`account_figures` reads each table's sheet again, cell by cell, and says where each figure
went: one in none of these places was dropped without a word.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from danvan_cli.ingest.csvtext import csv_encoding
from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import GROUP_TOTAL, IGNORED, PAGE, RATIO, UNIT, HeaderMapping
from danvan_cli.ingest.read import cells_as_read
from danvan_cli.kinds.vocabulary import LEVELS
from danvan_cli.model.problems import Problem
from danvan_cli.text.formatting import column_letters
from danvan_cli.text.numbers import is_figure

SUMMED, CHECKED, NOT_USED, PROBLEM, LABEL = "summed", "checked", "not_used", "problem", "label"
UNACCOUNTED = "unaccounted"
# Problems that report a column as not used (by its header, or its letter when it has none)
NOT_USED_CODES = frozenset(
    {
        "column_not_used",
        "column_no_figures",
        "column_notes_figures",
        "header_unmapped",
        "header_ratio_ignored",
        "column_without_header",
        "header_duplicate",
    }
)
_NAMES = frozenset({*LEVELS, UNIT, "organization", IGNORED, PAGE})  # PAGE: a page's STT
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}(\.[0-9]{1,2})*|[a-z])\)?$|=", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One number of a table's body and where it ended."""

    file: str
    sheet: str | None
    row: int  # as Excel numbers it
    column: str  # its letter
    value: object
    place: str  # SUMMED, CHECKED, NOT_USED, PROBLEM, LABEL or UNACCOUNTED


@dataclass
class Ledger:
    figures: list[Figure]

    def unaccounted(self) -> list[Figure]:
        return [f for f in self.figures if f.place == UNACCOUNTED]

    def count(self, place: str) -> int:
        return sum(f.place == place for f in self.figures)


def account_figures(data: Dataset) -> Ledger:
    """Where each number in the body of each table of `data` (as load and validate left it)
    ended."""
    records = _all_records(data)
    at_row: dict[tuple[int, int], list[int]] = defaultdict(list)
    if not records.empty:
        places = zip(records["_table"].tolist(), records["_row"].tolist(), strict=True)
        for index, (table, row) in enumerate(places):
            at_row[(int(table), int(row))].append(index)
    problems = _Problems(data.problems, data.figure_fields)
    sheets: dict[tuple[str, str | None], list[list[object]]] = {}
    figures = []
    for number, table in enumerate(data.tables):
        key = (table.file, table.sheet)
        if key not in sheets:
            sheets[key] = _sheet_rows(table.file, table.sheet)
        rows = sheets[key]
        for row, cells in enumerate(rows[table.header_row :], start=table.header_row + 1):
            candidates = at_row.get((number, row), [])
            for position, cell in enumerate(cells):
                fields = table.mapping.fields
                field = fields[position] if position < len(fields) else None
                if not _is_number(cell, field in data.figure_fields, bool(candidates)):
                    continue
                place = _place(table, row, position, cells, candidates, records, data)
                if place is None:
                    place = problems.place(table, row, position)
                figures.append(
                    Figure(table.file, table.sheet, row, column_letters(position), cell, place)
                )
    return Ledger(figures)


def _all_records(data: Dataset) -> pd.DataFrame:
    """Data rows and subtotal rows together (before validation, subtotals are records)."""
    frames = [data.records]
    if not data.subtotals.empty:
        frames.append(data.subtotals)
    records = pd.concat(frames, ignore_index=True) if len(frames) > 1 else data.records
    if "_subtotal" not in records.columns:
        records = records.assign(_subtotal=False)
    return records.reset_index(drop=True)


def _is_number(cell: object, figure: bool, read: bool) -> bool:
    """A figure, or anything written in a figure column of a row read ("12a" is a damaged
    figure; the signature block's words are not)."""
    if figure and read:
        return cell is not None and not (isinstance(cell, str) and not cell.strip())
    return is_figure(cell)


def _place(
    table: TableInfo,
    row: int,
    position: int,
    cells: list[object],
    candidates: list[int],
    records: pd.DataFrame,
    data: Dataset,
) -> str | None:
    """Where a figure ended by what the records hold (None: let the problems tell)."""
    mapping = table.mapping
    field = mapping.fields[position] if position < len(mapping.fields) else None
    if field in _NAMES:
        return LABEL
    if not candidates and row == table.header_row + 1 and _numbering(cells):
        return LABEL
    if field not in data.figure_fields:
        return None
    organization = mapping.organization_at(position)
    if organization is None and _in_groups(mapping, field, data.split_fields):
        return None  # beside groups giving the same figure, in none: in no record
    if mapping.wide and organization is not None:  # a group's column: its own record
        wanted = None if organization == GROUP_TOTAL else organization
        candidates = [i for i in candidates if _organization(records, i) == wanted]
    for index in candidates:
        if field not in records.columns or pd.isna(records.at[index, field]):
            continue
        if records.at[index, "_subtotal"]:
            return CHECKED
        if not records.at[index, "_invalid"]:
            return SUMMED
    return None


def _in_groups(mapping: HeaderMapping, field: str, split: tuple[str, ...]) -> bool:
    """An organisation's figure (of `split`) given in a wide table's groups (each row's
    group records hold the groups' own)."""
    return field in split and any(
        f == field and mapping.organization_at(p) is not None for p, f in enumerate(mapping.fields)
    )


def _organization(records: pd.DataFrame, index: int) -> str | None:
    if "organization" not in records.columns:
        return None
    code = records.at[index, "organization"]
    return None if pd.isna(code) else str(code)


def _numbering(cells: Iterable[object]) -> bool:
    """The "1 2 3 ...", "(1) (2)", "A B 1 2 6=10.3+13.3" row under a header."""
    texts = [_text(c) for c in cells if c is not None and _text(c)]
    return len(texts) >= 2 and all(_NUMBERING.search(t) for t in texts)


def _text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


class _Problems:
    """The problems, looked up by the place they name."""

    def __init__(self, problems: Iterable[Problem], figures: tuple[str, ...]) -> None:
        self.figures = figures  # the fields that are figures
        self.rows: set[tuple[str | None, str | None, int | None]] = set()
        self.columns: set[tuple[str | None, str | None, str | None]] = set()
        self.own_outputs: set[str | None] = set()
        self.groups: set[tuple[str | None, str | None, str]] = set()  # columns of unknown groups
        for problem in problems:
            if problem.code == "organization_group_unknown":  # names its columns' letters
                letters = str(problem.params.get("letters", "")).split(", ")
                self.groups.update((problem.file, problem.sheet, letter) for letter in letters)
            if problem.code in NOT_USED_CODES:
                self.columns.add((problem.file, problem.sheet, problem.column))
            elif problem.code == "own_output":  # its ratio columns are recomputed
                self.own_outputs.add(problem.file)
            elif problem.severity == "error" or problem.row is not None:
                self.rows.add((problem.file, problem.sheet, problem.row))

    def place(self, table: TableInfo, row: int, position: int) -> str:
        mapping = table.mapping
        header = mapping.headers[position] if position < len(mapping.headers) else ""
        field = mapping.fields[position] if position < len(mapping.fields) else None
        named = {header, column_letters(position)}
        if any((table.file, table.sheet, name) in self.columns for name in named if name):
            return NOT_USED
        if field == RATIO and table.file in self.own_outputs:
            return NOT_USED
        where = (table.file, table.sheet)
        if (*where, column_letters(position)) in self.groups:
            return PROBLEM
        if (*where, row) in self.rows or (*where, None) in self.rows:
            return PROBLEM
        if (*where, table.header_row) in self.rows and field in self.figures:
            return PROBLEM  # an error of the whole table (a level column missing, say)
        return UNACCOUNTED


def _sheet_rows(file: str, sheet: str | None) -> list[list[object]]:
    """Every row of a sheet (from Excel row 1) as read: numbers as numbers, blank as None."""
    path = Path(file)
    if sheet is None:
        return _csv_rows(path)
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return [list(cells_as_read(_objects(row))) for row in rows]


def _objects(row: list[object]):
    import numpy as np

    cells = np.empty(len(row), dtype=object)
    cells[:] = row
    return cells


def _csv_rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    text = data.decode(csv_encoding(data[: 1 << 16]) or "utf-8-sig", errors="replace")
    try:
        delimiter = csv.Sniffer().sniff(text[: 1 << 16], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[cell if cell.strip() else None for cell in row] for row in rows]
