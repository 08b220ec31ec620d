"""The roll-up as an Excel workbook (tệp Excel): a sheet per level, the totals, the problems."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from danvan_cli.formatting import DECIMAL_METRICS, PERCENT_METRICS
from danvan_cli.messages import FIELD_LABELS, LEVEL_LABELS, ORGANIZATION_LABELS, label, ui
from danvan_cli.problems import Problem
from danvan_cli.render import rollup_rows, write_atomic
from danvan_cli.rollup import ALL, Rollup
from danvan_cli.vocabulary import HOUSEHOLD_METRICS

FONT_NAME = "Times New Roman"


def write_xlsx(
    path: Path, rollup: Rollup | None, problems: Sequence[Problem], shown: Sequence[str], lang: str
) -> None:
    """Write atomically: one sheet per shown level, a totals sheet, a problems sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    if rollup is not None:
        for level in shown:
            _level_sheet(workbook, rollup, level, lang)
        _totals_sheet(workbook, rollup, lang)
    _problems_sheet(workbook, problems, lang)
    write_atomic(path, lambda tmp: workbook.save(tmp))


def _level_sheet(workbook, rollup: Rollup, level: str, lang: str) -> None:
    sheet = workbook.create_sheet(label(LEVEL_LABELS, level, lang).capitalize()[:31])
    names = rollup.levels[: rollup.levels.index(level) + 1]
    header = ["STT", *[label(FIELD_LABELS, n, lang) for n in names]]
    header += [label(FIELD_LABELS, "organization", lang)]
    header += [label(FIELD_LABELS, m, lang) for m in rollup.metrics]
    sheet.append(header)
    number = 0
    for row in rollup_rows(rollup.tables[level]):
        org = row["organization"]
        values = [
            None if org != ALL and m in HOUSEHOLD_METRICS else row.get(m) for m in rollup.metrics
        ]
        number += org == ALL  # STT numbers the units; their organisations follow unnumbered
        stt = number if org == ALL else None
        sheet.append(
            [stt, *[row[n] for n in names], label(ORGANIZATION_LABELS, org, lang), *values]
        )
    total = [rollup.total.get(m) for m in rollup.metrics]
    sheet.append(["", ui("total", lang), *[""] * len(names), *total])
    _style(sheet, len(names) + 3, rollup.metrics, total_row=True, lang=lang)


def _totals_sheet(workbook, rollup: Rollup, lang: str) -> None:
    sheet = workbook.create_sheet(ui("total", lang)[:31])
    header = ["STT", label(FIELD_LABELS, "organization", lang)]
    header += [label(FIELD_LABELS, m, lang) for m in rollup.metrics]
    sheet.append(header)
    number = 0
    if rollup.total_by_organization is not None:
        for number, row in enumerate(rollup_rows(rollup.total_by_organization), start=1):
            org_label = label(ORGANIZATION_LABELS, row["organization"], lang)
            sheet.append([number, org_label, *[row.get(m) for m in rollup.metrics]])
    sheet.append(["", ui("total", lang), *[rollup.total.get(m) for m in rollup.metrics]])
    _style(sheet, 3, rollup.metrics, total_row=True, lang=lang)


def _problems_sheet(workbook, problems: Sequence[Problem], lang: str) -> None:
    sheet = workbook.create_sheet(ui("problems_title", lang)[:31])
    keys = ["severity", "file", "sheet", "row", "column", "value", "message", "expected"]
    titles = {key: ui(key if key != "message" else "content", lang) for key in keys}
    titles["expected"] = ui("expected", lang).capitalize()
    sheet.append([titles[k] for k in keys])
    for problem in problems:
        record = problem.to_dict(lang)
        record["severity"] = ui(problem.severity, lang)
        sheet.append([record[k] for k in keys])
    _style(sheet, len(keys) + 1, [], total_row=False, lang=lang)
    for letter, width in zip("ABCDEFGH", (10, 40, 16, 7, 28, 14, 80, 40), strict=True):
        sheet.column_dimensions[letter].width = width  # room for paths and messages


def _style(
    sheet, first_metric_column: int, metrics: Sequence[str], total_row: bool, lang: str
) -> None:
    from openpyxl.styles import Alignment, Font

    plain, bold = Font(name=FONT_NAME, size=12), Font(name=FONT_NAME, size=12, bold=True)
    last_row = sheet.max_row
    for row in sheet.iter_rows():
        for cell in row:
            heading = cell.row == 1 or (total_row and cell.row == last_row)
            cell.font = bold if heading else plain
            if cell.row == 1:
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for offset, metric in enumerate(metrics):
        column = first_metric_column + offset
        number_format = (
            "0.00%"
            if metric in PERCENT_METRICS
            else "#,##0.00"
            if metric in DECIMAL_METRICS
            else "#,##0"
        )
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    for index, column in enumerate(sheet.columns, start=1):
        width = max((len(str(c.value)) for c in column if c.value is not None), default=6)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 45)
        if index >= first_metric_column:
            sheet.column_dimensions[column[0].column_letter].width = 14
    sheet.freeze_panes = "A2"
    _print_setup(sheet, lang)


def _print_setup(sheet, lang: str) -> None:
    """Printed as an office files it: A4 landscape, every column on the page's width, the
    header row on every page, "Trang 2/5" at the foot."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.print_title_rows = "1:1"
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = ui("page_of", lang)
