"""The roll-up as an Excel workbook (tệp Excel): a sheet per level, the totals, the problems."""

from __future__ import annotations

import contextlib
import functools
import itertools
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.document import Document, Table
from danvan_cli.outputs.leftovers import temporary_folder
from danvan_cli.outputs.paper import PAPER_SIZES
from danvan_cli.outputs.render import write_atomic
from danvan_cli.text.formatting import column_letters, look_of
from danvan_cli.text.safe_text import escape_controls

FONT_NAME = "Times New Roman"


class Report:
    """A workbook of tables, written row by row when saved (openpyxl's write-only
    workbook): a country's village sheet has 700,000 rows, which held in memory as cells
    took about 8 GB. Each cell's look is one of a few named styles: Times New Roman 12, the
    header bold and wrapped, figures as "#,##0", "0.00%" or "#,##0.00", the total row bold."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._tables: list[_Table] = []

    def add_table(
        self,
        title: str,
        header: list[str],
        rows: Rows,
        total: list[object] | None,
        metrics: Sequence[str],
        widths: list[float] | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        """A sheet: the header row, the rows (a list, or a callable giving them afresh: once
        to measure the columns, once to write them, so that a country's are never all held
        at once), the total row, then `notes` a line each under a blank row; the figures
        (the last `len(metrics)` columns) formatted by metric or look (`formatting.COUNT`,
        `DECIMAL`, `PERCENT`); frozen under the header, set
        up for printing. Column widths fit the names unless given."""
        self._tables.append(_Table(title, header, rows, total, metrics, widths, notes))

    def add_problems(self, problems: Sequence[Problem], notes: Sequence[str] = ()) -> None:
        """The problems sheet: where, what, and what was expected, one problem a row; then
        `notes` (a template's name and version)."""
        header, rows = problem_rows(problems, self.lang)
        title = ui("problems_title", self.lang)
        self.add_table(title, header, rows, None, [], PROBLEM_WIDTHS, notes)

    def save(self, path: Path) -> None:
        """Write the workbook atomically (nothing is begun unless the file can be made)."""
        write_workbook(path, self._fill)

    def _fill(self, workbook) -> None:
        for look in _named_styles():
            workbook.add_named_style(look)
        for table in self._tables:
            _write_table(workbook.create_sheet(table.title[:31]), table, self.lang)


PROBLEM_WIDTHS = [10, 40, 16, 7, 28, 14, 80, 40]  # room for paths and messages


def problem_rows(problems: Sequence[Problem], lang: str) -> tuple[list[str], list[list]]:
    """A problems sheet's header and rows: where, what, and what was expected."""
    keys = ["severity", "file", "sheet", "row", "column", "value", "message", "expected"]
    titles = {key: ui(key if key != "message" else "content", lang) for key in keys}
    titles["expected"] = ui("expected", lang).capitalize()
    rows = []
    for problem in problems:
        record = problem.to_dict(lang)
        record["severity"] = ui(problem.shown_as, lang)
        rows.append([record[k] for k in keys])
    return [titles[k] for k in keys], rows


def write_workbook(path: Path, fill: Callable[[Any], None]) -> None:
    """Write atomically a write-only workbook whose sheets `fill(workbook)` makes and fills
    (nothing is begun unless the file can be made)."""
    write_atomic(path, functools.partial(_write_workbook, fill=fill))


def _write_workbook(path: Path, fill: Callable[[Any], None]) -> None:
    """openpyxl keeps each sheet in a temporary file until the workbook is saved: in a
    folder of danvan's own, removed however the write ends (Ctrl-C, a full disk)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    with temporary_folder():
        workbook = Workbook(write_only=True)
        try:
            fill(workbook)
            # closed here, failed or not (openpyxl's `save` leaves a failed archive to be
            # closed by the garbage collector, with a traceback)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                ExcelWriter(workbook, archive).save()
        finally:  # a write that failed half way: no sheet left waiting for its rows
            for sheet in workbook.worksheets:
                if not sheet.closed:
                    with contextlib.suppress(Exception):
                        sheet.close()


def _named_styles() -> list:
    from openpyxl.styles import Alignment, Font, NamedStyle

    plain, bold = Font(name=FONT_NAME, size=12), Font(name=FONT_NAME, size=12, bold=True)
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
    looks = [NamedStyle("danvan header", font=bold, alignment=centred)]
    for kind, number_format in _NUMBER_FORMATS.items():
        looks.append(NamedStyle(f"danvan {kind}", font=plain, number_format=number_format))
        looks.append(NamedStyle(f"danvan bold {kind}", font=bold, number_format=number_format))
    return looks


Rows = list[list[object]] | Callable[[], Iterable[list[object]]]


class _Table(NamedTuple):
    title: str
    header: list[str]
    rows: Rows
    total: list[object] | None
    metrics: Sequence[str]
    widths: list[float] | None
    notes: Sequence[str] = ()

    def each_row(self) -> Iterable[list[object]]:
        return self.rows() if callable(self.rows) else self.rows


def _write_table(sheet, table: _Table, lang: str) -> None:
    header, total, metrics, widths = table.header, table.total, table.metrics, table.widths
    first_metric = len(header) - len(metrics)
    if widths is None:
        lines = itertools.chain([header], table.each_row(), [total] if total is not None else [])
        widths = _widths(lines, len(header), first_metric)
    for index, width in enumerate(widths):
        sheet.column_dimensions[column_letters(index)].width = width
    sheet.freeze_panes = "A2"
    print_setup(sheet, lang)
    looks = ["text"] * first_metric + [_number_format(m) for m in metrics]
    sheet.append(_styled_cells(sheet, ["danvan header"] * len(header), header))
    plain = _styled_cells(sheet, [f"danvan {look}" for look in looks], [None] * len(looks))
    texts = plain[:first_metric]
    for row in table.each_row():
        for cell, value in zip(plain, row, strict=True):
            cell.value = value if value.__class__ is not str else escape_controls(value)
        for cell in texts:
            if cell.data_type in _NOT_TEXT:  # as `as_text`, inline: a country's rows
                cell.data_type = "s"
        sheet.append(plain)
    if total is not None:
        sheet.append(_styled_cells(sheet, [f"danvan bold {look}" for look in looks], total))
    if table.notes:
        sheet.append([])
    for note in table.notes:
        sheet.append(_styled_cells(sheet, ["danvan text"], [note]))


_NUMBER_FORMATS = {"text": "General", "count": "#,##0", "percent": "0.00%", "decimal": "#,##0.00"}


def _number_format(metric: str) -> str:
    """The look of a figure's cells: a look named (`formatting.COUNT` ...), or a metric's."""
    return metric if metric in _NUMBER_FORMATS else look_of(metric)


def _widths(lines: Iterable[list[object]], columns: int, first_metric: int) -> list[float]:
    """Names as wide as the longest (8 to 45 characters), figures 14."""
    longest = [0] * first_metric
    for line in lines:
        for index in range(first_metric):
            if line[index] is not None:
                longest[index] = max(longest[index], len(str(line[index])))
    names = [min(max((n or 6) + 2, 8), 45) for n in longest]
    return [*names, *[14] * (columns - first_metric)]


def _styled_cells(sheet, looks: list[str], values: list[object]) -> list:
    """A row's cells, each with its named style (and value). The cells of the body are
    made once per sheet and given each row's values in turn: openpyxl writes a row out as
    it is appended, and making and styling a cell per value took a quarter of the time."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for look, value in zip(looks, values, strict=True):
        text = value.__class__ is str
        cell = WriteOnlyCell(sheet, value=escape_controls(value) if text else value)
        cell.style = look
        cells.append(as_text(cell))
    return cells


def as_text(cell):
    """The cell written as the text it holds: openpyxl takes text beginning with "=" for a
    formula (a unit named '=HYPERLINK(...)' would run in whoever opens the workbook) and
    "#N/A" for an error value."""
    if cell.data_type in _NOT_TEXT:
        cell.data_type = "s"
    return cell


_NOT_TEXT = frozenset({"f", "e"})


def print_setup(sheet, lang: str, header_rows: str = "1:1", paper: str = "A4") -> None:
    """Printed as an office files it: landscape on `paper` (A3 for a wide table), every
    column on the page's width, the header rows on every page, "Trang 2/5" at the foot."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.page_setup.paperSize = PAPER_SIZES[paper]
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = ui("page_of", lang)


def write_document_xlsx(
    path: Path, document: Document, problems: Sequence[Problem], lang: str
) -> None:
    """A sheet per table under an STT column, the notes and the title line under each, then
    the problems with the title line under them; atomically."""
    report = Report(lang)
    titled = [document.title] if document.title is not None else []
    for table in document.tables:
        report.add_table(
            table.sheet,
            ["STT", *table.header],
            lambda table=table: _numbered(table),  # made when written
            [None, *table.total],
            table.looks,
            notes=[*document.notes, *titled],
        )
    report.add_problems(problems, notes=titled)
    report.save(path)


def _numbered(table: Table) -> Iterator[list[Any]]:
    number = 0
    for row in table.rows():
        counted = table.numbered(row)
        number += counted
        yield [number if counted else None, *row]
