"""The official workbook (bảng báo cáo chính thức): a kind's roll-up (its `Document`) laid
out as a Vietnamese administrative report table, to print, sign and file.

Each level's sheet: the issuing body top left and the national motto opposite, the
place-and-date line, the report's name and period; a header over two rows (each category
value, an organisation, over its figures: the wide layout communes send); one row per
unit, grouped under its ancestors, each group's row in bold carrying the group's sums (the
roll-up's own figures of that unit) and numbered as offices number (I, II; 1, 2; 1.1); a
bold "Tổng cộng"; thin borders; a figure not given left blank, and a note that says so;
units with rows left out marked; the signature block. Then a sheet of the problems and a
sheet charting the first level of several units. Written row by row (openpyxl's
write-only workbook): a country's communes in seconds.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.document import Document, Table
from danvan_cli.outputs.excel import as_text, print_setup, problem_rows, write_workbook
from danvan_cli.outputs.heading import Heading
from danvan_cli.outputs.official_sheets import (
    Rows,
    chart_sheet,
    header_cells,
    notes_sheet,
    official_styles,
    styled,
)
from danvan_cli.text.formatting import column_letters, is_blank, roman
from danvan_cli.text.normalize import clean_text, fold_key
from danvan_cli.text.safe_text import escape_controls

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
FILL_IN = "." * 36  # a line left for the office to write
_FIRST_FIGURE = 3  # STT, the unit's name, then the figures (1-based columns)

Column = tuple[str | None, int]  # a category value (None: all, or no category), a figure
Unit = tuple[tuple[str, ...], dict[str | None, list]]  # a unit's path and figures (`units`)


def write_official_xlsx(
    path: Path,
    document: Document,
    levels: Sequence[str],
    shown: Sequence[str],
    problems: Sequence[Problem],
    lang: str,
    heading: Heading,
) -> None:
    """Write atomically: a sheet per shown level, the problems ("Ghi chú"), the chart.
    `document` holds a table for each of `levels` (top first): the shown ones are written,
    the ones above give their groups' sums."""
    tables = {t.level: t for t in document.tables if t.level is not None}
    ordered = [tables[level] for level in levels if level in tables]

    def fill(workbook: Any) -> None:
        for look in official_styles():
            workbook.add_named_style(look)
        for table in ordered:
            if table.level in shown:
                sheet = workbook.create_sheet(table.sheet[:31])
                _LevelSheet(sheet, ordered, ordered.index(table), document, heading, lang).write()
        notes = workbook.create_sheet(ui("official_notes_sheet", lang))
        notes_sheet(notes, *problem_rows(problems, lang), document.notes, lang, heading.paper)
        charted = _chart_level(ordered)
        if charted is not None:
            depth = ordered.index(charted)
            rows = [(path[-1], values) for path, values in units(charted, depth + 1)]
            labels = [charted.header[charted.names + i] for i in document.charted]
            sheet = workbook.create_sheet(ui("official_chart_sheet", lang))
            level = charted.header[depth]
            chart_sheet(sheet, rows, labels, document.charted, level, lang, heading.paper)

    write_workbook(path, fill)


def units(table: Table, width: int) -> Iterator[Unit]:
    """Each unit of a level's table: its path of `width` names, and its figures per category
    value (None: the row for all values, or the only row of a table without category)."""
    split = table.names > width
    path: tuple[str, ...] | None = None
    groups: dict[str | None, list] = {}
    for row in table.rows():
        key = tuple(clean_text(name) for name in row[:width])
        if key != path:
            if path is not None:
                yield path, groups
            path, groups = key, {}
        value = None if not split or table.numbered(row) else clean_text(row[width])
        groups[value] = [v if not is_blank(v) else None for v in row[table.names :]]
    if path is not None:
        yield path, groups


def _chart_level(tables: list[Table]) -> Table | None:
    """The first level (top first) of more than one unit: the one a chart compares."""
    for depth, table in enumerate(tables):
        if _several(table, depth + 1):
            return table
    return tables[-1] if tables else None


def _several(table: Table, width: int) -> bool:
    """Whether a level's table has more than one unit (read up to its second only)."""
    return len(list(itertools.islice(units(table, width), 2))) > 1


def columns_of(
    found: Sequence[Unit], shown: Sequence[int] | None = None
) -> tuple[list[Column], int]:
    """The figure columns of the wide layout: the category values in order (all first),
    under each the figures some unit `found` gives (a figure none gives is no column),
    under a value other than all only those `shown` (None: all); and the longest name of a
    unit or its ancestors."""
    order: list[str | None] = [None]
    given_at: dict[str | None, set[int]] = {}
    longest = 0
    for path, groups in found:
        longest = max(longest, *map(len, path))
        previous = None
        for value, figures in groups.items():
            if value not in order:  # a value first met after `previous`: placed after it
                order.insert(order.index(previous) + 1, value)
            given_at.setdefault(value, set()).update(
                i for i, v in enumerate(figures) if v is not None
            )
            previous = value
    columns = [
        (value, i)
        for value in order
        for i in sorted(given_at.get(value, ()))
        if value is None or shown is None or i in shown
    ]
    return columns, longest


class _LevelSheet:
    """One level's sheet of the official workbook."""

    def __init__(
        self,
        sheet: Any,
        tables: list[Table],
        depth: int,
        document: Document,
        heading: Heading,
        lang: str,
    ) -> None:
        self.sheet, self.tables, self.depth = sheet, tables, depth
        self.table = tables[depth]
        self.document, self.heading, self.lang = document, heading, lang
        self.width = depth + 1
        # the level's units read once and held: the header, written first, needs their
        # columns (a country's villages: about 140 MB more at the peak, 11% less time)
        self.units = list(units(self.table, self.width))
        self.columns, self.longest = columns_of(self.units, document.split_shown)
        # the ancestors' levels a unit is grouped under: a top level of one unit is no group
        top = 1 if depth and not _several(tables[0], 1) else 0
        self.groups = list(range(top, depth))
        self.out = Rows(sheet)
        self.cells = _RowCells(self.out, [self.table.looks[i] for _, i in self.columns])

    @property
    def count(self) -> int:
        return _FIRST_FIGURE - 1 + len(self.columns)

    def write(self) -> None:
        """Set up before the first row (a write-only sheet writes its setup with it)."""
        sheet, out = self.sheet, self.out
        _set_widths(sheet, self.longest, len(self.columns))
        header = title_rows(self.heading) + 1
        sheet.freeze_panes = f"C{header + 2}"
        print_setup(sheet, self.lang, f"{header}:{header + 1}", self.heading.paper)
        title_block(out, self.heading, self.document.heading, self.count, self.lang)
        self._header(header)
        for number, name, values, bold in self._rows():
            self.cells.append(number, name, values, bold)
        self.cells.append(None, ui("total", self.lang), self._total(), True)
        self._foot()

    def _header(self, row: int) -> None:
        """Two rows: STT and the unit's name over both; each category value over its figures
        (the value's name merged across them); a figure of no group over both rows."""
        labels = self.table.header
        tops = [self._top(value, index) for value, index in self.columns]
        first = ["STT", ui("official_unit", self.lang)]
        second: list[str | None] = [None, None]
        merges = [f"A{row}:A{row + 1}", f"B{row}:B{row + 1}"]
        column = _FIRST_FIGURE
        for position, ((_, index), top) in enumerate(zip(self.columns, tops, strict=True)):
            figure = labels[self.table.names + index]
            at = column_letters(column - 1)
            if top is None:
                first.append(figure)
                second.append(None)
                merges.append(f"{at}{row}:{at}{row + 1}")
            else:
                starts = position == 0 or tops[position - 1] != top
                first.append(top if starts else None)
                second.append(figure)
                if starts:
                    span = next(
                        (n for n, t in enumerate(tops[position:]) if t != top),
                        len(tops) - position,
                    )
                    if span > 1:
                        merges.append(f"{at}{row}:{column_letters(column + span - 2)}{row}")
            column += 1
        for line, texts in ((row, first), (row + 1, second)):  # wrapped: rows of their height
            longest = max((len(t) for t in texts[2:] if t), default=0)
            self.sheet.row_dimensions[line].height = 16 * max(1, math.ceil(longest / 10))
        self.out.append(header_cells(self.sheet, first))
        self.out.append(header_cells(self.sheet, second))
        for merged in merges:
            self.out.merge(merged)

    def _top(self, value: str | None, index: int) -> str | None:
        """The header over a column's figure: its category value, or its group."""
        if self.table.names > self.width:
            return value if value is not None else ui("official_all", self.lang)
        start = 0
        for label, span in self.table.groups:
            if start <= index < start + span:
                return label
            start += span
        return None

    def _wide(self, groups: dict[str | None, list]) -> list:
        """A unit's figures in the sheet's columns (None where its value has no row)."""
        return [groups[value][i] if value in groups else None for value, i in self.columns]

    def _rows(self) -> Iterator[tuple[str, str, list, bool]]:
        """Each group's row (bold, its sums) before its units, each unit's row, numbered."""
        sums = {
            depth: {path: self._wide(found) for path, found in units(self.tables[depth], depth + 1)}
            for depth in self.groups
        }
        chain = [*self.groups, self.depth]
        counts = [0] * len(chain)
        current: list[tuple[str, ...] | None] = [None] * len(chain)
        for path, groups in self.units:
            for position, depth in enumerate(chain):
                prefix = path[: depth + 1]
                if prefix == current[position] and depth != self.depth:
                    continue
                current[position] = prefix
                counts[position] += 1
                for deeper in range(position + 1, len(chain)):
                    counts[deeper], current[deeper] = 0, None
                number = _number(counts, position, len(chain))
                if depth == self.depth:
                    yield number, self._name(path), self._wide(groups), False
                else:
                    values = sums[depth].get(prefix, [None] * len(self.columns))
                    yield number, self._name(prefix), values, True

    def _name(self, path: tuple[str, ...]) -> str:
        skipped = self.heading.skipped
        marked = bool(skipped) and tuple(fold_key(name) for name in path) in skipped
        return f"{path[-1]} (*)" if marked else path[-1]

    def _total(self) -> list:
        """The grand total: the total row's figures for all, each category value's own."""
        groups: dict[str | None, list] = {None: self.table.total[self.table.names :]}
        if self.table.by_category is not None and self.table.names > self.width:
            for row in self.table.by_category():
                groups[clean_text(row[self.width])] = row[self.table.names :]
        return [v if not is_blank(v) else None for v in self._wide(groups)]

    def _foot(self) -> None:
        """The notes (blank means not given; rows left out; how ratios were taken), then the
        signature block."""
        lines = [ui("official_blank_note", self.lang)]
        if self.heading.skipped_rows:
            sheet = ui("official_notes_sheet", self.lang)
            lines.append(
                ui("official_skipped_note", self.lang, rows=self.heading.skipped_rows, sheet=sheet)
            )
        lines += self.document.notes
        self.out.append([])
        for line in lines:
            self.out.append([None, styled(self.sheet, line, "danvan official note")])
        signature_block(self.out, self.count, self.lang)


def _number(counts: list[int], position: int, length: int) -> str:
    """STT as offices number: the top groups I, II; the next level 1, 2; below it 1.1,
    1.1.1; a table without groups 1, 2."""
    if position == 0:
        return roman(counts[0]) if length > 1 else str(counts[0])
    return ".".join(str(n) for n in counts[1 : position + 1])


class _RowCells:
    """A body row's cells, made once and given each row's values (a country's rows)."""

    def __init__(self, out: Rows, looks: list[str]) -> None:
        self.out = out
        self.rows = {
            bold: [
                styled(out.sheet, None, f"danvan official{' bold' if bold else ''} {kind}")
                for kind in ["stt", "text", *looks]
            ]
            for bold in (False, True)
        }

    def append(self, number: str | None, name: str, values: list, bold: bool) -> None:
        cells = self.rows[bold]
        cells[0].value = number
        cells[1].value = escape_controls(name)
        as_text(cells[1])
        for cell, value in zip(cells[2:], values, strict=True):
            cell.value = value
        self.out.append(cells)


def _set_widths(sheet: Any, longest: int, figures: int) -> None:
    """STT 7, the names as wide as the `longest` (14 to 40 characters), figures 12."""
    widths = [7, min(max(longest + 5, 14), 40), *[12] * figures]  # room for " (*)", bold
    for column, width in enumerate(widths):
        sheet.column_dimensions[column_letters(column)].width = width


def _split(count: int) -> int:
    """The last column of the left half of the title block (the issuing body's)."""
    return max(2, count // 2 - 1) if count > 3 else 1


def title_rows(heading: Heading) -> int:
    """How many rows `title_block` takes."""
    return max(3, len((heading.org or FILL_IN).split("\n"))) + 4


def title_block(out: Rows, heading: Heading, name: str, count: int, lang: str) -> None:
    """The issuing body top left, the motto and the place-and-date line opposite, then the
    report's name and period, each merged over its half or the width of `count` columns
    (`title_rows` rows)."""
    org = (heading.org or FILL_IN).split("\n")
    place = ui("official_place_date", lang, place=heading.place or FILL_IN[:20])
    lefts = [*org, "", ""][: max(3, len(org))]
    rights = [MOTTO[0], MOTTO[1], place, *[""] * (len(lefts) - 3)]
    looks = ["danvan official motto", "danvan official motto2", "danvan official place"]
    for number, (text, opposite) in enumerate(zip(lefts, rights, strict=True)):
        look = looks[number] if number < 3 else "danvan official note"
        _halves(out, count, (text, "danvan official org"), (opposite, look))
    period = heading.period or ui("official_period", lang, period=FILL_IN[:20])
    lines = [
        ("", "danvan official note"),
        (heading.title or name, "danvan official title"),
        (period, "danvan official period"),
        ("", "danvan official note"),
    ]
    for text, look in lines:
        row = out.rows + 1
        if look == "danvan official title":
            out.sheet.row_dimensions[row].height = 36
        out.append([styled(out.sheet, text or None, look)])
        if text and count > 1:
            out.merge(f"A{row}:{column_letters(count - 1)}{row}")


def _halves(out: Rows, count: int, left: tuple[str, str], right: tuple[str, str]) -> None:
    """A row of two texts (each with its style), merged over the halves of `count`
    columns."""
    split = _split(count)
    row = out.rows + 1
    cells = [styled(out.sheet, left[0] or None, left[1]), *[None] * (split - 1)]
    cells.append(styled(out.sheet, right[0] or None, right[1]))
    out.append(cells)
    if split > 1:
        out.merge(f"A{row}:{column_letters(split - 1)}{row}")
    if count > split + 1:
        out.merge(f"{column_letters(split)}{row}:{column_letters(count - 1)}{row}")


def signature_block(out: Rows, count: int, lang: str) -> None:
    """ "NGƯỜI LẬP BIỂU" on the left, "TM. BAN THƯỜNG TRỰC" on the right, each over
    "(Ký, ghi rõ họ tên)"."""
    out.append([])
    sign = "danvan official sign"
    _halves(out, count, (ui("official_maker", lang), sign), (ui("official_signer", lang), sign))
    here = (ui("official_sign_here", lang), "danvan official place")
    _halves(out, count, here, here)
