"""Reading back what danvan wrote (đọc lại kết quả của danvan): a district's
`-o tong_hop.xlsx` or `-o tong_hop.csv` summed by the province.

Such a file holds every level it was asked for, each unit's "Tất cả" (all) row above its
organisations' rows, and total rows. Only its lowest level's rows per organisation are
figures to add (each unit and organisation once; a unit's households are on its "Tất cả"
row). Every other figure is a check, never added: the "Tất cả" rows, the higher levels'
rows (their sheets, or their `level` rows in a CSV file), the totals sheet and the total
rows, each compared with the lowest rows it covers, as a subtotal row is. Ratio columns
are recomputed from the sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import IGNORED, RATIO, HeaderMapping
from danvan_cli.ingest.read import SheetSource, UnreadableBody, body_cells, cells_as_read, read_body
from danvan_cli.kinds.membership_load import normalise_body
from danvan_cli.kinds.vocabulary import (
    HOUSEHOLD_METRICS,
    LEVELS,
    MEMBERSHIP_METRICS,
    RATIOS,
    organization_code,
)
from danvan_cli.model.declaration import ALL
from danvan_cli.model.messages import (
    ACCEPTED_ORGANIZATION_WORDS,
    FIELD_LABELS,
    ORGANIZATION_LABELS,
    label,
    ui,
)
from danvan_cli.model.problems import Problem
from danvan_cli.text.normalize import clean_text

_LANGUAGES = ("vi", "en")
_KEYS = (*LEVELS, "organization", *MEMBERSHIP_METRICS, *RATIOS)
# A column of danvan's output as written (in either language, or its canonical name in CSV)
_MEANING = {
    name: key
    for key in _KEYS
    for name in (key, *(label(FIELD_LABELS, key, lang) for lang in _LANGUAGES))
}
# A longer period's CSV: the month each unit's stocks are from (text, no figure)
_MEANING["as_of"] = IGNORED
_ALL_WORDS = frozenset({ALL, *(label(ORGANIZATION_LABELS, ALL, lang) for lang in _LANGUAGES)})
_TOTAL_WORDS = frozenset({"total", *(ui("total", lang) for lang in _LANGUAGES)})
# A note danvan writes at a sheet's foot, in its first column ("Ghi chú: Tỷ lệ sinh hoạt ...")
_NOTE_OPENINGS = tuple(f"{ui('note', lang)}:" for lang in _LANGUAGES)
_PROBLEM_HEADERS = tuple(
    tuple(ui(key, lang) for key in ("severity", "file", "sheet", "row", "column"))
    for lang in _LANGUAGES
)
TOTAL = "total"  # a line's level: a total row


@dataclass
class _Part:
    """One table of danvan's output: a level's sheet, the totals sheet, or the CSV file."""

    source: SheetSource
    headers: list[str]
    fields: list[str | None]  # per column: a level, "organization", a figure, IGNORED, RATIO
    number: int = -1  # its place in `data.tables`

    @property
    def levels(self) -> list[str]:
        return [f for f in self.fields if f in LEVELS]

    def position(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None


@dataclass
class _Line:
    """A row of the output: its level (or TOTAL), unit path, organisation, figures as written."""

    part: _Part
    row: int  # Excel row
    level: str
    path: tuple[str, ...]  # names from the top level down to its own
    organization: str  # as written; ALL for a unit's or a total's row
    cells: dict[str, object]  # figure -> cell as written


def read_own_output(
    sources: list[SheetSource], data: Dataset
) -> tuple[list[pd.DataFrame], list[SheetSource]]:
    """The records of a file danvan wrote (its lowest level's rows, and every other row as a
    check), and the sheets left to read as ordinary tables; ([], sources) for any other file."""
    parts, others, problem_sheets = [], [], []
    for source in sources:
        part = _recognise(source)
        if part is None:
            (problem_sheets if _lists_problems(source) else others).append(source)
        else:
            parts.append(part)
    if not parts:
        return [], sources
    try:
        lines = [line for part in parts for line in _lines(part)]
    except UnreadableBody as unreadable:
        data.problems.append(unreadable.problem)
        return [], others
    if not any(line.organization == ALL and line.level != TOTAL for line in lines):
        return [], sources  # a table laid out as danvan's, with no "Tất cả" rows: an input
    return [_records(parts, lines, problem_sheets, data)], others


def _recognise(source: SheetSource) -> _Part | None:
    """A sheet whose header is danvan's: "STT", levels, "Đoàn thể", figures (a level's
    sheet or the totals sheet), or a CSV file's "level, <levels>, organization, <figures>"."""
    if not source.top_rows:
        return None
    headers = [clean_text(cell) for cell in source.top_rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    first = "level" if source.sheet is None else "STT"
    if len(headers) < 3 or headers[0] != first:
        return None
    fields: list[str | None] = [IGNORED]
    for header in headers[1:]:
        key = _MEANING.get(header)
        if key is None:
            return None
        fields.append(RATIO if key in RATIOS else key)
    names = [f for f in fields if f in LEVELS]
    ordered = names == [lv for lv in LEVELS if lv in names]
    if not ordered or "organization" not in fields or not set(fields) & set(MEMBERSHIP_METRICS):
        return None
    if source.sheet is None and not names:
        return None
    return _Part(source, headers, fields)


def _lists_problems(source: SheetSource) -> bool:
    """The problems sheet of danvan's workbook."""
    if not source.top_rows or source.sheet is None:
        return False
    headers = tuple(clean_text(cell) for cell in source.top_rows[0][:5])
    return headers in _PROBLEM_HEADERS


def _lines(part: _Part) -> list[_Line]:
    """The part's rows that hold anything, read as lines of the output."""
    levels = part.levels
    organization = part.position("organization")
    figures = {f: p for p, f in enumerate(part.fields) if f in MEMBERSHIP_METRICS}
    found = []
    for row, cells in _body(part):
        names = [clean_text(cells[part.fields.index(lv)]) for lv in levels]
        written = clean_text(cells[organization])
        if part.source.sheet is None:  # CSV: the level is written
            level = clean_text(cells[0])
        elif not levels or (names[0] in _TOTAL_WORDS and not any(names[1:]) and not written):
            level = TOTAL  # the totals sheet's rows (per organisation, then all), a total row
        else:
            level = levels[-1]
        depth = levels.index(level) + 1 if level in levels else 0
        org = ALL if written in _ALL_WORDS or written in _TOTAL_WORDS or not written else written
        cells_of = {f: cells[p] for f, p in figures.items()}
        found.append(_Line(part, row, level, tuple(names[:depth]), org, cells_of))
    return found


def _body(part: _Part) -> list[tuple[int, list[object]]]:
    """(Excel row, cells) of each row under the header that holds anything."""
    source, width = part.source, len(part.fields)
    texts = {p for p, f in enumerate(part.fields) if f in (*LEVELS, "organization", IGNORED)}
    if source.rows is not None:
        cells = body_cells(source.rows, 0, range(width))
        columns = [cells_as_read(cells[:, p]) for p in range(width)]
        rows = [list(values) for values in zip(*columns, strict=True)] if width else []
        numbered = enumerate(rows, start=2)
    else:
        frame = read_body(source, 0, list(range(width)), texts).astype(object)
        frame = frame.where(frame.notna(), None)
        numbered = zip(frame.index.tolist(), frame.to_numpy().tolist(), strict=True)
    return [
        (row, cells)
        for row, cells in numbered
        if any(_given(c) for c in cells) and not _is_note(cells)
    ]


def _is_note(cells: list[object]) -> bool:
    """A note line of danvan's: its text in the first column, every other cell blank."""
    first = cells[0] if cells else None
    return (
        isinstance(first, str)
        and first.strip().startswith(_NOTE_OPENINGS)
        and not any(_given(c) for c in cells[1:])
    )


def _given(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _records(
    parts: list[_Part], lines: list[_Line], problem_sheets: list[SheetSource], data: Dataset
) -> pd.DataFrame:
    """The lowest level's lines per organisation as records, every other line a check."""
    lowest = max((line.level for line in lines if line.level in LEVELS), key=LEVELS.index)
    written = max((part.levels for part in parts), key=len)  # a CSV file names them all
    levels = written[: written.index(lowest) + 1]
    at_lowest = [line for line in lines if line.level == lowest]
    summed = [line for line in at_lowest if line.organization != ALL]
    with_organizations = bool(summed)
    if not summed:  # the input had no organisations: the units' own rows are the figures
        summed = at_lowest
    households = {
        line.path: line.cells for line in at_lowest if line.organization == ALL and summed
    }
    for line in summed:
        for metric in HOUSEHOLD_METRICS:
            if metric in line.cells and not _given(line.cells[metric]):
                line.cells[metric] = households.get(line.path, {}).get(metric)
    own = data.problems
    file = parts[0].source.file
    for part in parts:
        part.number = len(data.tables)
        mapping = HeaderMapping(tuple(part.headers), tuple(part.fields))
        data_levels = tuple(levels) if lowest in part.levels else ()
        data.tables.append(TableInfo(file, part.source.sheet, 1, mapping, data_levels))
    lowest_part = summed[0].part
    own.append(
        Problem(
            "warning",
            "own_output",
            file,
            lowest_part.source.sheet,
            params={"level": lowest},
        )
    )
    for source in problem_sheets:
        listed = max(len(source.rows or source.top_rows) - 1, 0)
        if listed:
            own.append(Problem("warning", "own_output_problems", file, source.sheet, value=listed))
    ids = {id(line) for line in summed}
    checks = [line for line in lines if id(line) not in ids]
    unknown = [line for line in checks if _unknown(line.organization)]
    own.extend(_unknown_organization(line) for line in unknown)  # and nothing to compare
    checks = [line for line in checks if not _unknown(line.organization)]
    body = _body_frame(summed, checks, levels, with_organizations, data)
    records = normalise_body(body, levels, data)
    records["_scope_table"] = body["_scope_table"].to_numpy()
    return records


def _body_frame(
    summed: list[_Line],
    checks: list[_Line],
    levels: Sequence[str],
    with_organizations: bool,
    data: Dataset,
) -> pd.DataFrame:
    """The lines as a shaped body (`normalise_body`): the summed lines, then the checks,
    each check covering the summed lines under its unit (a run of rows: the lowest level is
    in path order) of its organisation or all."""
    summed_rows = np.array([line.row for line in summed])
    paths = [line.path for line in summed]
    table = summed[0].part.number
    columns: dict[str, list] = {name: [] for name in ("_table", "_row", *levels)}
    columns |= {"organization": [], "_subtotal": [], "_scope_first": [], "_scope_last": []}
    columns |= {"_scope_table": []}
    metrics = [m for m in MEMBERSHIP_METRICS if any(m in line.cells for line in summed)]
    columns |= {metric: [] for metric in metrics}
    for is_check, line in [*((False, line) for line in summed), *((True, line) for line in checks)]:
        first = last = line.row
        if is_check:
            depth = len(line.path)
            under = [i for i, path in enumerate(paths) if path[:depth] == line.path]
            if under:
                first, last = int(summed_rows[under].min()), int(summed_rows[under].max())
            else:
                data.problems.append(_unknown_unit(line))
        columns["_table"].append(line.part.number)
        columns["_row"].append(line.row)
        for depth, level in enumerate(levels):
            columns[level].append(line.path[depth] if depth < len(line.path) else "")
        columns["organization"].append("" if line.organization == ALL else line.organization)
        columns["_subtotal"].append(is_check)
        columns["_scope_first"].append(first)
        columns["_scope_last"].append(last)
        columns["_scope_table"].append(table)
        for metric in metrics:
            columns[metric].append(line.cells.get(metric))
    if not with_organizations:
        del columns["organization"]
    body = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})
    for name in ("_table", "_row", "_scope_first", "_scope_last", "_scope_table"):
        body[name] = body[name].astype(np.int64)
    body["_subtotal"] = body["_subtotal"].astype(bool)
    return body


def _unknown(organization: str) -> bool:
    return organization != ALL and organization_code(organization) is None


def _unknown_organization(line: _Line) -> Problem:
    """A check row whose organisation is not one danvan writes (a summed row's is checked
    with the records)."""
    source, position = line.part.source, line.part.position("organization")
    return Problem(
        "error",
        "unknown_organization",
        source.file,
        source.sheet,
        line.row,
        line.part.headers[position],
        line.organization,
        {"accepted": ACCEPTED_ORGANIZATION_WORDS},
    )


def _unknown_unit(line: _Line) -> Problem:
    """A check naming a unit the lowest level does not have: nothing to compare it with."""
    sheet = line.part.source.sheet
    return Problem(
        "error",
        "own_output_unknown_unit",
        line.part.source.file,
        sheet,
        line.row,
        value=" / ".join(line.path),
    )
