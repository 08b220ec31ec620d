"""The official workbook's sheets beside the levels' (`outputs.official`): the problems
("Ghi chú") and the chart ("Biểu đồ": a native bar chart per figure charted, over the
units of the first level of several, its figures written beside it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from danvan_cli.model.messages import ui
from danvan_cli.outputs.excel import FONT_NAME, PROBLEM_WIDTHS, as_text, print_setup
from danvan_cli.text.formatting import column_letters
from danvan_cli.text.safe_text import escape_controls


class Rows:
    """A write-only sheet and how many rows were appended to it (openpyxl's write-only
    sheet does not count them), to merge cells by their rows."""

    def __init__(self, sheet: Any) -> None:
        self.sheet, self.rows = sheet, 0

    def append(self, cells: list) -> None:
        self.sheet.append(cells)
        self.rows += 1

    def merge(self, cells: str) -> None:
        self.sheet.merged_cells.add(cells)


def notes_sheet(
    sheet: Any,
    header: list[str],
    rows: list[list[str]],
    notes: Sequence[str],
    lang: str,
    paper: str,
) -> None:
    """The problems, one a row under the header, each cell bordered; the document's notes
    under them; a line saying there is none when none."""
    for column, width in enumerate(PROBLEM_WIDTHS):
        sheet.column_dimensions[column_letters(column)].width = width
    sheet.freeze_panes = "A2"
    print_setup(sheet, lang, paper=paper)
    sheet.append(header_cells(sheet, header))
    for row in rows:
        sheet.append([styled(sheet, value, "danvan official text") for value in row])
    lines = [*notes] if rows else [ui("official_no_problems", lang), *notes]
    if lines:
        sheet.append([])
    for line in lines:
        sheet.append([styled(sheet, line, "danvan official note")])


def chart_sheet(
    sheet: Any,
    rows: list[tuple[str, dict[str | None, list]]],
    labels: list[str],
    charted: Sequence[int],
    level: str,
    lang: str,
    paper: str,
) -> None:
    """The units' figures at `charted` (their "all" row's), a column each under its label,
    and beside them a bar chart of each (a native chart: Excel and LibreOffice draw it
    from these cells)."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    sheet.column_dimensions["A"].width = max([len(n) for n, _ in rows] + [12]) + 2
    for column in range(1, len(labels) + 1):
        sheet.column_dimensions[column_letters(column)].width = 14
    print_setup(sheet, lang, paper=paper)
    sheet.page_setup.fitToHeight = 1  # the charts on one page, not cut across two
    sheet.append(header_cells(sheet, [level, *labels]))
    for name, groups in rows:
        figures = groups.get(None) or []
        values = [figures[i] if i < len(figures) else None for i in charted]
        cells = [styled(sheet, name, "danvan official text")]
        cells += [styled(sheet, v, "danvan official count") for v in values]
        sheet.append(cells)
    last = len(rows) + 1
    anchor_column = column_letters(len(labels) + 2)
    for position, label in enumerate(labels):
        chart = BarChart()
        chart.type = "col"
        chart.title = ui("official_chart_title", lang, figure=label, level=level.lower())
        chart.legend = None
        chart.y_axis.numFmt = "#,##0"
        chart.y_axis.majorGridlines = None
        chart.x_axis.delete = False  # openpyxl hides the axes unless told
        chart.y_axis.delete = False
        data = Reference(sheet, min_col=position + 2, min_row=1, max_row=last)
        chart.add_data(data, titles_from_data=True)
        names = Reference(sheet, min_col=1, min_row=2, max_row=last)
        chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))  # names, not numbers
        chart.width = min(max(16.0, 0.7 * len(rows)), 60.0)
        chart.height = 9.0
        sheet.add_chart(chart, f"{anchor_column}{1 + position * 20}")


def styled(sheet: Any, value: Any, style: str) -> Any:
    """A cell of a write-only sheet with its named style; text kept as text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=escape_controls(value) if isinstance(value, str) else value)
    cell.style = style
    return as_text(cell)


def header_cells(sheet: Any, values: list[str | None]) -> list:
    return [styled(sheet, value, "danvan official header") for value in values]


def official_styles() -> list:
    """The named styles of the official workbook: Times New Roman; the table's cells with
    thin borders, figures as "#,##0", "0.00%", "#,##0.00"; the title block's without."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    def font(size: int = 12, **looks: Any) -> Font:
        return Font(name=FONT_NAME, size=size, **looks)

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center")
    styles = [
        NamedStyle("danvan official header", font=font(bold=True), alignment=centred, border=box),
        NamedStyle("danvan official org", font=font(bold=True), alignment=centred),
        NamedStyle("danvan official motto", font=font(bold=True), alignment=centred),
        NamedStyle(
            "danvan official motto2",
            font=font(bold=True, underline="single"),
            alignment=centred,
        ),
        NamedStyle("danvan official place", font=font(italic=True), alignment=centred),
        NamedStyle("danvan official title", font=font(14, bold=True), alignment=centred),
        NamedStyle("danvan official period", font=font(italic=True), alignment=centred),
        NamedStyle("danvan official note", font=font(italic=True), alignment=left),
        NamedStyle("danvan official sign", font=font(bold=True), alignment=centred),
    ]
    for bold in (False, True):
        prefix = "danvan official bold" if bold else "danvan official"
        looks: list[tuple[str, str, Alignment]] = [
            ("stt", "General", Alignment(horizontal="center", vertical="center")),
            ("text", "General", left),
            *((kind, number, Alignment(vertical="center")) for kind, number in NUMBER_FORMATS),
        ]
        for kind, number_format, alignment in looks:
            styles.append(
                NamedStyle(
                    f"{prefix} {kind}",
                    font=font(bold=bold),
                    border=box,
                    alignment=alignment,
                    number_format=number_format,
                )
            )
    return styles


NUMBER_FORMATS = (("count", "#,##0"), ("percent", "0.00%"), ("decimal", "#,##0.00"))
