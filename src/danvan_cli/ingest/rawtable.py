"""A sheet's table found and its cells read (tìm bảng trong trang tính): the header matched
(in TCVN3/VNI fonts too), what the header says is missing or doubtful, figures above or
beside the table, pages printed side by side, and the body's cells as read (`RawTable`),
not yet shaped."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import (
    IGNORED,
    PAGE,
    RATIO,
    UNIT,
    HeaderMapping,
    HeaderPatterns,
    closest_value,
    header_text,
    is_notes_header,
)
from danvan_cli.ingest.periods import date_in_title, period_in_title
from danvan_cli.ingest.read import SheetSource, body_cells, read_body, rows_written_twice
from danvan_cli.ingest.tablefind import (
    NAME_FIELDS,
    TableLayout,
    find_table,
    people_header,
    repeated_column,
)
from danvan_cli.ingest.titles import agency_in_title
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.model.messages import ACCEPTED_ORGANIZATION_WORDS
from danvan_cli.model.problems import Problem
from danvan_cli.text.formatting import column_letters
from danvan_cli.text.legacy_encoding import LEGACY_NAMES, fix_legacy_rows
from danvan_cli.text.normalize import clean_text, fold_key
from danvan_cli.text.numbers import is_figure

# The kind of the table on a sheet (by its top rows) among those shipped with danvan
# (`kinds.detect.sheet_kind`), None without a table: to say a sheet passed over holds one.
SheetKind = Callable[[Sequence[Sequence[object]]], "str | None"]


@dataclass
class RawTable:
    """A table found in a sheet: its cells under the header, not yet shaped."""

    info: TableInfo
    layout: TableLayout
    title: list  # the rows above the header
    positions: list[int]  # the columns read (0 = column A)
    texts: set[int]  # those read as text
    patterns: HeaderPatterns  # the header wordings it was found with (its kind's)
    raw: pd.DataFrame | None = None  # a big sheet, a CSV: columns by position, index Excel row
    cells: np.ndarray | None = None  # a small sheet: cells at `positions` (2-D), as read
    # rows found wrong while reading: a formula saved without a value, another unit's page
    invalid_rows: set[int] = field(default_factory=set)

    def __len__(self) -> int:
        if self.raw is not None:
            return len(self.raw)
        return len(self.cells) if self.cells is not None else 0

    @property
    def first_row(self) -> int:
        """The Excel row of the first row under the header."""
        return self.layout.header_row + 2

    @property
    def where(self) -> dict:
        return {"file": self.info.file, "sheet": self.info.sheet}


def find_raw_table(
    source: SheetSource,
    data: Dataset,
    kind: ReportKind,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
    text_fields: set[str],
    sheet_kind: SheetKind | None = None,
) -> RawTable | None:
    """Find a sheet's table of `kind` (headers matched with `patterns`, naming one of
    `metrics`), note its header problems and read its body (`text_fields` read as text),
    or None. A sheet without one is said to hold another kind's table as `sheet_kind`
    tells."""
    where = {"file": source.file, "sheet": source.sheet}
    top_rows, converted_headers, layout = _find_table_in_any_font(source, patterns, metrics)
    # A list of people's first row can pass for a header: the rows down to it are looked at.
    people = people_header(top_rows[: layout.header_row + 1] if layout else top_rows, patterns)
    if people is not None:  # its cells are personal data: never echoed, not even as headers
        data.problems.append(Problem("warning", "people_list", row=people + 1, **where))
        return None
    if layout is None:
        data.problems.append(_no_table(top_rows, kind.name, where, sheet_kind))
        return None
    mapping = layout.mapping
    header_row = layout.header_row + 1
    # a big sheet's or a CSV file's figures not read are counted in its top rows
    below = (source.rows if source.rows is not None else top_rows)[layout.body_start :]
    data.problems.extend(_header_problems(mapping, header_row, where, below, kind))
    names = [p for p, f in enumerate(mapping.fields) if f in (*LEVELS, UNIT)]
    first_name = min(names, default=0)
    for position in _unheaded_figures(top_rows[layout.body_start :], mapping.headers, first_name):
        column = column_letters(position)
        params = {"figures": figures_in(below, position)}
        data.problems.append(
            Problem(
                "warning",
                "column_without_header",
                row=header_row,
                column=column,
                params=params,
                **where,
            )
        )
    if not mapping.present([*LEVELS, UNIT]):
        data.problems.append(Problem("error", "no_unit_column", row=header_row, **where))
        return None
    positions, texts = mapping.columns_to_read({*NAME_FIELDS, *text_fields})
    figures = [p for p in positions if p not in texts]
    for row, cells in enumerate(top_rows[: layout.header_rows.start], start=1):
        if _reads_as_data(cells, names, figures):  # never read: said, not lost (a title
            # line can look the same: "Số: 12/BC-MTTQ | ... | ngày | 15 | tháng | 3")
            data.problems.append(Problem("warning", "figures_above_table", row=row, **where))
    data.problems.extend(_legacy_notes(converted_headers, layout.header_rows, mapping, where))
    title = top_rows[: layout.header_rows.start]
    period, dated = period_in_title(title), date_in_title(title)
    agency = agency_in_title(title)
    info = TableInfo(
        source.file, source.sheet, header_row, mapping, period=period, dated=dated, agency=agency
    )
    found = RawTable(info, layout, title, positions, texts, patterns)
    if source.rows is not None:
        found.cells = body_cells(source.rows, layout.header_row, positions)
    else:
        found.raw = read_body(source, layout.header_row, positions, texts)
        data.problems.extend(rows_written_twice(source.path, source.sheet))
    _check_pages(found, data, patterns)
    return found


def _check_pages(found: RawTable, data: Dataset, patterns: HeaderPatterns) -> None:
    """A report printed as pages side by side is read as one table, each row one unit: said
    once, and a row naming another unit on a later page is an error, its row invalid."""
    mapping = found.info.mapping
    pages = [p for p, f in enumerate(mapping.fields) if f == PAGE]
    if not pages:
        return
    where = found.where
    letters = ", ".join(column_letters(p) for p in pages)
    data.problems.append(
        Problem("warning", "pages_side_by_side", row=found.info.header_row, value=letters, **where)
    )
    for page in pages:
        first = repeated_column(mapping, page, patterns)
        if first is None or mapping.fields[first] == IGNORED:
            continue  # an STT: numbers, not names
        for row, name, own in zip(*_cells_of(found, page, first), strict=True):
            if clean_text(name) and clean_text(own) and fold_key(name) != fold_key(own):
                data.problems.append(
                    Problem(
                        "error",
                        "page_names_other_unit",
                        row=row,
                        column=mapping.headers[page],
                        value=clean_text(name),
                        params={"unit": clean_text(own), "first_column": mapping.headers[first]},
                        **where,
                    )
                )
                found.invalid_rows.add(row)


def _cells_of(found: RawTable, *positions: int) -> tuple[list[int], ...]:
    """The Excel rows of a table's body, and its cells at `positions`, column by column."""
    if found.raw is not None:
        return found.raw.index.tolist(), *(found.raw[p].tolist() for p in positions)
    rows = list(range(found.first_row, found.first_row + len(found.cells)))
    return rows, *(found.cells[:, found.positions.index(p)].tolist() for p in positions)


def _reads_as_data(cells: Sequence[object], names: list[int], figures: list[int]) -> bool:
    """A row laid out as the table's own rows: a name in a unit column and figures in two
    figure columns (a title "BÁO CÁO QUÝ | 1 | NĂM | 2024" is not)."""

    def cell(position: int) -> object:
        return cells[position] if position < len(cells) else None

    named = [text for text in (clean_text(cell(p)) for p in names) if text and not is_figure(text)]
    if not named or any(":" in name or _TITLE_WORDS.match(header_text(name)) for name in named):
        return False  # a title line's words, a document number ("Số: 12/BC-MTTQ")
    return sum(is_figure(cell(p)) for p in figures) >= 2


_TITLE_WORDS = re.compile(r"(bao cao|bieu|mau|danh sach|tong hop|ky bao cao|ngay)\b")


def _unheaded_figures(
    rows: Sequence[Sequence[object]], headers: Sequence[str], first_name: int
) -> list[int]:
    """Columns (0 = A) with no header over them, yet figures in the first rows below: a
    year's column under a parent header ("Số hội viên" over "Năm 2023 | Năm 2024"), say.
    An unnamed numbering column left of the names (1, 2 ... 1.1, 1.2) is an STT."""
    width = max(map(len, rows), default=0)
    found = []
    for position in range(width):
        if position < len(headers) and headers[position]:
            continue
        figures = [row[position] for row in rows if position < len(row)]
        figures = [clean_text(value) for value in figures if is_figure(value)]
        numbering = all(_STT.fullmatch(text) for text in figures)
        if figures and not (numbering and position < first_name):
            found.append(position)
    return found


def figures_in(rows: Sequence[Sequence[object]], position: int) -> int:
    """How many cells of column `position` (0 = A) hold a figure."""
    return sum(is_figure(row[position]) for row in rows if position < len(row))


_STT = re.compile(r"\d{1,3}(\.\d{1,3})*\.?")


def _no_table(
    rows: Sequence[Sequence[object]], wanted: str, where: dict, sheet_kind: SheetKind | None
) -> Problem:
    """A sheet without a table of the kind being read, passed over: said as such, or, when
    it holds a table of another kind shipped with danvan, said so, with how to read it (a
    workbook may hold one sheet of each kind; `wanted` may be a template's kind)."""
    found = sheet_kind(rows) if sheet_kind is not None else None
    if found is None or found == wanted:
        return Problem("warning", "no_table", **where)
    shipped = wanted in ("membership", "models")
    return Problem(
        "warning", f"{found}_table_here" if shipped else f"{found}_table_not_template", **where
    )


def _find_table_in_any_font(
    source: SheetSource, patterns: HeaderPatterns, metrics: Sequence[str]
) -> tuple[list, dict, TableLayout | None]:
    """The table, its headers (and the titles above) read in TCVN3/VNI converted first;
    the rows below the header are converted with the body."""
    layout = find_table(source.top_rows, patterns, metrics)
    limit = layout.header_row + 1 if layout else len(source.top_rows)
    fixed, converted = fix_legacy_rows(source.top_rows[:limit])
    if not converted:
        return source.top_rows, converted, layout
    top_rows = fixed + list(source.top_rows[limit:])
    return top_rows, converted, find_table(top_rows, patterns, metrics)


def _legacy_notes(
    converted: dict[tuple[int, int], str], header_rows: range, mapping: HeaderMapping, where: dict
) -> list[Problem]:
    """A warning for header cells typed in TCVN3 or VNI and read as Unicode."""
    notes = []
    for (row, column), encoding in sorted(converted.items()):
        if row in header_rows and column < len(mapping.headers):
            params = {"encoding": LEGACY_NAMES[encoding]}
            notes.append(
                Problem(
                    "warning",
                    "legacy_text",
                    row=row + 1,
                    column=mapping.headers[column],
                    params=params,
                    **where,
                )
            )
    return notes


def _field_words(kind: ReportKind, name: str) -> str | dict[str, str]:
    """A field as a problem names it: a figure by its kind's labels, else by its code (the
    messages' labels name the levels and the category column)."""
    if name not in kind.figure_codes:
        return name
    labels = kind.figure(name).labels
    return {"vi": labels.vi, "en": labels.en}


def _not_used_code(header: str, name: str | None, figures: int) -> str:
    """How a column not used is said: a percent column, a notes column ("Ghi chú") or one
    without figures as notes; a column holding figures that no field names as a warning."""
    if name == RATIO:
        return "header_ratio_ignored"
    if is_notes_header(header):
        return "column_notes_figures" if figures else "column_no_figures"
    return "column_not_used" if figures else "column_no_figures"


def _header_problems(
    mapping: HeaderMapping,
    header_row: int,
    where: dict,
    below: Sequence[Sequence[object]],
    kind: ReportKind,
) -> list[Problem]:
    """Columns not used (each named by its header and letter, with how many figures it holds
    in the rows `below` the header) and fields given twice."""
    problems = []
    duplicates = {second for _, _, second in mapping.duplicates}  # reported below, once
    in_groups = {p for _, positions in mapping.unknown_groups for p in positions}
    for position, (header, name) in enumerate(zip(mapping.headers, mapping.fields, strict=True)):
        unmapped = bool(header) and name is None and header not in duplicates
        if not (unmapped and position not in in_groups) and name != RATIO:
            continue
        params = {"letter": column_letters(position), "figures": figures_in(below, position)}
        problems.append(
            Problem(
                "warning",
                _not_used_code(header, name, params["figures"]),
                row=header_row,
                column=header,
                params=params,
                **where,
            )
        )
    for name, first, second in mapping.duplicates:
        params = {"other_column": first, "field": _field_words(kind, name)}
        problems.append(
            Problem(
                "error", "header_duplicate", row=header_row, column=second, params=params, **where
            )
        )
    for group, positions in mapping.unknown_groups:
        params = {
            "organization": closest_value(kind.split_category, group),
            "letters": ", ".join(column_letters(p) for p in positions),
            "accepted": ACCEPTED_ORGANIZATION_WORDS,
        }
        problems.append(
            Problem(
                "error",
                "organization_group_unknown",
                row=header_row,
                column=group,
                params=params,
                **where,
            )
        )
    return problems
