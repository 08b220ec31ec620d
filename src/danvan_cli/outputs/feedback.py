"""Feedback to each unit (phản hồi cho đơn vị): one small workbook per file read that has
problems, named after the file's unit, listing each problem where the unit finds it (file,
sheet, row, column, value) with what was expected, ready to send back.

A file's unit is the deepest unit all its rows belong to ("Xã Tân An" for a commune's
report of its villages); a file without such a unit (a province's table of districts, a
file that could not be read) is named by its file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem, sort_problems
from danvan_cli.outputs.render import write_atomic
from danvan_cli.text.formatting import column_letters

FONT_NAME = "Times New Roman"
# Problems a unit has nothing to mend for: how a table was read (notes), and a row left
# out of the sums, which repeats that row's own error.
_NOT_SENT = frozenset({"row_skipped"})
_COLUMNS = ("stt", "severity", "file", "sheet", "row", "column", "value", "content", "to_write")
_WIDTHS = (6, 11, 24, 14, 8, 24, 16, 60, 40)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)
_LONGEST_NAME = 100  # characters before ".xlsx": paths stay short on Windows


def feedback_problems(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """The problems to send back, by file (sorted): errors and warnings, not notes."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sort_problems(problems):
        if problem.file and not problem.is_note and problem.code not in _NOT_SENT:
            by_file.setdefault(problem.file, []).append(problem)
    return by_file


def file_units(data: Dataset) -> dict[str, str]:
    """Each file's unit: the name (as first spelled) of the deepest unit all its rows are in."""
    records = data.records
    if records.empty or "_table" not in records:
        return {}
    files = pd.Series([t.file for t in data.tables])
    by_file = files.iloc[records["_table"].to_numpy()].to_numpy()
    units: dict[str, str] = {}
    candidates: set[object] | None = None  # files with one unit on every level so far
    for level in data.levels:
        codes = records.get(f"_unit_{level}")
        if codes is None:
            break
        frame = pd.DataFrame({"file": by_file, "code": codes.to_numpy(), "name": records[level]})
        grouped = frame.groupby("file", sort=False)
        single = grouped["code"].nunique(dropna=False) == 1
        names = grouped["name"].first()[single].dropna()
        candidates = set(names.index) if candidates is None else candidates & set(names.index)
        if not candidates:
            break
        units.update((str(f), str(names[f])) for f in candidates)
    return units


def safe_file_name(name: str, taken: set[str]) -> str:
    """`name` as a file name every system takes: no \\ / : * ? " < > | or control
    characters, no trailing dot or space, not a reserved name (CON, NUL, COM1...), not
    too long, and not one of `taken` (compared as Windows does, case aside): "(2)" added."""
    stem = _UNSAFE.sub("_", name).strip().rstrip(". ")[:_LONGEST_NAME].rstrip(". ")
    if not stem or stem.split(".")[0].lower() in _RESERVED:
        stem = f"_{stem}"
    candidate, number = stem, 1
    while f"{candidate}.xlsx".casefold() in taken:
        number += 1
        candidate = f"{stem} ({number})"
    taken.add(f"{candidate}.xlsx".casefold())
    return f"{candidate}.xlsx"


def files_read(data: Dataset, problems: Iterable[Problem]) -> set[str]:
    """Every file a run read or tried to: those of its tables and of its problems."""
    return {t.file for t in data.tables} | {p.file for p in problems if p.file}


def write_feedback(
    folder: Path, data: Dataset, problems: Sequence[Problem], lang: str
) -> list[Path]:
    """One workbook in `folder` per file with problems to send back; the paths written."""
    units = file_units(data)
    taken: set[str] = set()
    written = []
    for file, file_problems in feedback_problems(problems).items():
        unit = units.get(file) or Path(file).stem
        path = folder / safe_file_name(unit, taken)
        write_atomic(path, _workbook(unit, file, file_problems, lang).save)
        written.append(path)
    return written


def _workbook(unit: str, file: str, problems: Sequence[Problem], lang: str):
    """The feedback of one file: a title naming the unit and the file, how many problems,
    then a bordered table of them, Times New Roman, printed A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ui("feedback_sheet", lang)
    width = len(_COLUMNS)
    errors = sum(p.severity == "error" for p in problems)
    lines = (
        (ui("feedback_title", lang, unit=unit.upper() if lang == "vi" else unit), 14),
        (ui("feedback_file", lang, file=Path(file).name), 12),
        (ui("feedback_count", lang, errors=errors, warnings=len(problems) - errors), 12),
    )
    for row, (text, size) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1, text)
        cell.data_type = "s"  # a file name beginning with "=" stays text
        cell.font = Font(name=FONT_NAME, size=size, bold=row == 1)
        cell.alignment = Alignment(horizontal="center" if row == 1 else "left", wrap_text=True)
    header_row = len(lines) + 2
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = [ui(key, lang) for key in _COLUMNS]
    rows = [_cells(number, p, lang) for number, p in enumerate(problems, start=1)]
    for offset, values in enumerate([header, *rows]):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(header_row + offset, column, value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.font = Font(name=FONT_NAME, size=12, bold=offset == 0)
            cell.border = border
            cell.alignment = Alignment(
                vertical="top", wrap_text=True, horizontal="center" if offset == 0 else None
            )
    for column, size in enumerate(_WIDTHS):
        sheet.column_dimensions[column_letters(column)].width = size
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def _cells(number: int, problem: Problem, lang: str) -> list[object]:
    """A problem's row: STT, severity, file (its name: the unit knows it so, not the folder
    it was put in), sheet, row, column, value, message, expected."""
    record = problem.to_dict(lang)
    return [
        number,
        ui(problem.severity, lang),
        Path(record["file"]).name,
        record["sheet"],
        record["row"],
        record["column"],
        record["value"],
        record["message"],
        record["expected"],
    ]
