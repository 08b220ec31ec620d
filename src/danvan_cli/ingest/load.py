"""From files to one table of membership records (đọc và chuẩn hoá).

read -> find the table and map headers -> normalise text and numbers. The result is
a DataFrame with one row per input row, its place (`_table`, `_row`), the unit names
and matching keys per level, the organisation code and the canonical figures.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from danvan_cli.ingest import limits
from danvan_cli.ingest.body import (
    ROW_SPAN,
    ShapedBody,
    compact,
    distinct_values,
    is_figure,
    shape_body,
)
from danvan_cli.ingest.headers import (
    IGNORED,
    MEMBERSHIP_HEADERS,
    RATIO,
    HeaderMapping,
    HeaderPatterns,
    header_text,
)
from danvan_cli.ingest.periods import Period, date_in_title, period_in_title, usual_period
from danvan_cli.ingest.read import (
    SheetSource,
    UnreadableBody,
    body_cells,
    cells_as_read,
    expand_paths,
    file_state,
    formulas_without_values,
    open_sheets,
    read_body,
    rows_written_twice,
)
from danvan_cli.ingest.tablefind import (
    GROUP_TOTAL,
    MEMBERSHIP_TEXTS,
    NAME_FIELDS,
    PAGE,
    UNIT,
    TableLayout,
    find_table,
    people_header,
    repeated_column,
)
from danvan_cli.ingest.titles import units_in_title
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import (
    ACCEPTED_ORGANIZATION_WORDS,
    HOUSEHOLD_METRICS,
    LEVELS,
    MEMBERSHIP_METRICS,
    ORGANIZATION_METRICS,
    organization_code,
)
from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem, is_unreadable
from danvan_cli.text.formatting import COUNT, DECIMAL, column_letters, format_look
from danvan_cli.text.legacy_encoding import LEGACY_NAMES, fix_legacy_rows, fix_legacy_text
from danvan_cli.text.normalize import clean_text, fold_key, split_unit_prefix
from danvan_cli.text.numbers import MAX_COUNT, parse_counts
from danvan_cli.text.safe_text import escape_controls, has_controls

Progress = Callable[[str, int, int], None]  # (file done, rows read from it, files in all)


@dataclass(frozen=True)
class TableInfo:
    """Where one table came from and how its columns were understood."""

    file: str
    sheet: str | None
    header_row: int  # Excel row number of the header
    mapping: HeaderMapping
    levels: tuple[str, ...] = ()  # levels its rows name (a "Đơn vị" column tells them)
    period: Period | None = None  # the report period its title states
    dated: date | None = None  # the day its title says it was written


@dataclass
class MembershipData:
    """All records read, the tables they came from and the problems met so far."""

    records: pd.DataFrame
    tables: list[TableInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    subtotals: pd.DataFrame = field(default_factory=pd.DataFrame)  # checks, never summed
    # table -> Excel rows with a figure not known (a formula without value, an unreadable cell)
    invalid_rows: dict[int, set[int]] = field(default_factory=dict)

    @property
    def levels(self) -> list[str]:
        return [lvl for lvl in LEVELS if lvl in self.records.columns]

    @property
    def metrics(self) -> list[str]:
        return [m for m in MEMBERSHIP_METRICS if m in self.records.columns]

    @property
    def figure_fields(self) -> tuple[str, ...]:
        """Every figure a table of this kind may give."""
        return MEMBERSHIP_METRICS

    @property
    def split_fields(self) -> tuple[str, ...]:
        """The figures given per organisation (a wide table's groups)."""
        return ORGANIZATION_METRICS

    @property
    def once_per_unit(self) -> tuple[str, ...]:
        """The figures of the lowest unit, taken once however many rows it has (households)."""
        return HOUSEHOLD_METRICS

    @property
    def unsplit(self) -> tuple[str, ...]:
        """Summed figures of a row that are not given per organisation (none here)."""
        return ()

    def place(self, index: int) -> Problem:
        """A problem template located at the record with this index (no code yet)."""
        table = self.tables[int(self.records.at[index, "_table"])]
        return Problem("error", "", table.file, table.sheet, int(self.records.at[index, "_row"]))

    def header(self, index: int, name: str) -> str:
        """The header of `name` as written in the record's table (its organisation's group)."""
        mapping = self.tables[int(self.records.at[index, "_table"])].mapping
        if name in LEVELS:
            return _name_header(mapping, name)
        organization = (
            self.records.at[index, "organization"] if "organization" in self.records else None
        )
        return mapping.header_of(name, organization)  # a wide layout's own group, else the column


LoadTable = Callable[[SheetSource, "MembershipData"], "pd.DataFrame | RawTable | None"]
Prepare = Callable[[list, "MembershipData"], list[pd.DataFrame]]
# A whole file's sheets -> its records when it is read as one (danvan's own output), and
# the sheets left to read table by table
ReadFile = Callable[[list[SheetSource], "MembershipData"], tuple[list, list[SheetSource]]]
PARALLEL_FILES = 48  # from this many files on, both cores read, each its share


def load_tables(
    data: MembershipData,
    patterns: Sequence[str],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None = None,
    prepare: Prepare | None = None,
    read_file: ReadFile | None = None,
) -> MembershipData:
    """Read every sheet of every file with `load_table(source, data)` into `data.records`;
    `prepare(frames, data)`, if given, turns what the tables gave into records;
    `read_file(sources, data)`, if given, reads the files it knows whole.

    Many files (one per commune) are shared between two processes."""
    paths, problems = expand_paths(patterns)
    data.problems.extend(problems)
    workers = min(2, os.cpu_count() or 1)
    if len(paths) < PARALLEL_FILES or workers < 2:
        frames = _load_paths(data, paths, sheet, load_table, progress, prepare, read_file)
    else:
        frames = _load_in_parallel(
            data, paths, sheet, load_table, progress, prepare, read_file, workers
        )
    if frames:
        data.records = _concat(frames)
        unit_codes(data.records, data.levels)
    elif paths and not is_unreadable(data.problems):
        data.problems.append(Problem("error", "no_data"))  # nothing to add up is not "valid"
    data.problems.extend(_periods_apart(data.tables))
    return data


def _periods_apart(tables: Sequence[TableInfo]) -> list[Problem]:
    """A warning for each table whose title states another period than most tables do
    (last month's file among this month's)."""
    found = usual_period([t.period for t in tables if t.period is not None])
    if found is None:
        return []
    usual, count = found
    problems = []
    for table in tables:
        period = table.period
        if period is None or period.kind == "unknown" or period.agrees(usual):
            continue
        params = {"usual": usual.text, "count": count}
        problems.append(
            Problem(
                "warning",
                "period_differs",
                table.file,
                table.sheet,
                period.row,
                None,
                period.text,
                params,
            )
        )
    return problems


def _load_paths(
    data: MembershipData,
    paths: Sequence[Path],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None,
    prepare: Prepare | None,
    read_file: ReadFile | None = None,
) -> list[pd.DataFrame]:
    frames = []
    whole: list[pd.DataFrame] = []  # records of files read whole
    for path in paths:
        before = file_state(path)
        sources, found = open_sheets(path, sheet)
        data.problems.extend(found)
        rows = 0
        if read_file is not None:
            records, sources = read_file(sources, data)
            whole.extend(records)
            rows += sum(map(len, records))
        for source in sources:
            try:
                frame = load_table(source, data)
            except UnreadableBody as unreadable:
                data.problems.append(unreadable.problem)
                continue
            if frame is not None:
                frames.append(frame)
                rows += len(frame)
        if file_state(path) != before:  # still being written or copied: a partial snapshot
            data.problems.append(Problem("warning", "file_changed_while_read", str(path)))
        if progress:
            progress(str(path), rows, len(paths))
    prepared = prepare(frames, data) if frames and prepare is not None else frames
    return prepared + whole


def _load_in_parallel(
    data: MembershipData,
    paths: Sequence[Path],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None,
    prepare: Prepare | None,
    read_file: ReadFile | None,
    workers: int,
) -> list[pd.DataFrame]:
    """Chunks of files read in worker processes; their tables are renumbered as they join.
    A chunk whose worker died is read again apart (`_load_apart`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, len(paths) // (workers * 8))
    chunks = [list(paths[i : i + size]) for i in range(0, len(paths), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    jobs = [
        (type(data), chunk, sheet, load_table, prepare, read_file, limits.current())
        for chunk in chunks
    ]
    frames = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_load_part, job) for job in jobs]
        for chunk, job, future in zip(chunks, jobs, futures, strict=True):
            try:
                parts = [future.result()]
            except BrokenProcessPool:  # a worker died: killed, or a decoder's abort
                parts = _load_apart(job, context)
            read = 0
            for part_frames, tables, problems, invalid, part_read in parts:
                offset = len(data.tables)
                data.tables.extend(tables)
                data.problems.extend(problems)
                data.invalid_rows.update({t + offset: rows for t, rows in invalid.items()})
                frames.extend(_renumbered(f, offset) for f in part_frames)
                read += part_read
            if progress:  # a chunk's rows counted with its last file
                for path, rows in zip(chunk, [0] * (len(chunk) - 1) + [read], strict=True):
                    progress(str(path), rows, len(paths))
    return frames


def _load_apart(job: tuple, context) -> list[tuple]:
    """A chunk of files (`job`, as for `_load_part`) read in a process of its own; if that
    one dies too, in halves, each apart, down to the files that end their reader: each
    such file is its own error, and the others are read."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    paths = job[1]
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            return [pool.submit(_load_part, job).result()]
    except BrokenProcessPool:
        if len(paths) == 1:
            died = Problem("error", "file_reader_died", file=str(paths[0]))
            return [([], [], [died], {}, 0)]
    half = len(paths) // 2
    return [
        *_load_apart((job[0], paths[:half], *job[2:]), context),
        *_load_apart((job[0], paths[half:], *job[2:]), context),
    ]


def _renumbered(frame: pd.DataFrame, offset: int) -> pd.DataFrame:
    """A worker's records with their tables numbered after those already joined."""
    tables = [c for c in ("_table", "_scope_table") if c in frame.columns]
    return frame.assign(**{c: frame[c] + offset for c in tables})


def _load_part(job: tuple) -> tuple:
    """In a worker: one chunk of files, read and prepared as `load_tables` would; also
    the rows read, for the progress bar."""
    data_type, paths, sheet, load_table, prepare, read_file, read_under = job
    limits.set_limits(read_under)  # as the command line set them (a spawned worker starts anew)
    data = data_type(pd.DataFrame())
    read = 0

    def count(_file: str, rows: int, _files: int) -> None:
        nonlocal read
        read += rows

    frames = _load_paths(data, paths, sheet, load_table, count, prepare, read_file)
    return frames, data.tables, data.problems, data.invalid_rows, read


def find_membership_table(source: SheetSource, data: MembershipData) -> RawTable | None:
    return find_raw_table(
        source, data, "membership", MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS, MEMBERSHIP_TEXTS
    )


def shape_records(found: list[RawTable], data: MembershipData) -> list[pd.DataFrame]:
    """Tables laid out alike (one per commune, say) are shaped and normalised together: the
    cost of a file is then its reading, not a round of small pandas steps."""
    return [
        normalise_body(body.rows.reset_index(drop=True), body.levels, data)
        for body in shape_tables(found, data)
    ]


@dataclass
class RawTable:
    """A table found in a sheet: its cells under the header, not yet shaped."""

    info: TableInfo
    layout: TableLayout
    title: list  # the rows above the header
    positions: list[int]  # the columns read (0 = column A)
    texts: set[int]  # those read as text
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


def read_table(
    source: SheetSource,
    data: MembershipData,
    kind: str,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
    text_fields: set[str],
    subtotal_note: str = "subtotal_rows",
) -> tuple[ShapedBody, int] | None:
    """One sheet's table read and shaped (see `find_raw_table`, `shape_tables`): the shaped
    body (index: Excel row) and the table's number, or None if it has no rows."""
    found = find_raw_table(source, data, kind, patterns, metrics, text_fields)
    shaped = shape_tables([found], data, subtotal_note) if found else []
    return (shaped[0], len(data.tables) - 1) if shaped else None


def find_raw_table(
    source: SheetSource,
    data: MembershipData,
    kind: str,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
    text_fields: set[str],
) -> RawTable | None:
    """Find a sheet's table of `kind` (headers matched with `patterns`, naming one of
    `metrics`), note its header problems and read its body (`text_fields` read as text),
    or None."""
    where = {"file": source.file, "sheet": source.sheet}
    top_rows, converted_headers, layout = _find_table_in_any_font(source, patterns, metrics)
    # A list of people's first row can pass for a header: the rows down to it are looked at.
    people = people_header(top_rows[: layout.header_row + 1] if layout else top_rows, patterns)
    if people is not None:  # its cells are personal data: never echoed, not even as headers
        data.problems.append(Problem("warning", "people_list", row=people + 1, **where))
        return None
    if layout is None:
        data.problems.append(_no_table(top_rows, kind, where))
        return None
    mapping = layout.mapping
    header_row = layout.header_row + 1
    # a big sheet's or a CSV file's figures not read are counted in its top rows
    below = (source.rows if source.rows is not None else top_rows)[layout.body_start :]
    data.problems.extend(_header_problems(mapping, header_row, where, below))
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
    info = TableInfo(source.file, source.sheet, header_row, mapping, period=period, dated=dated)
    found = RawTable(info, layout, title, positions, texts)
    if source.rows is not None:
        found.cells = body_cells(source.rows, layout.header_row, positions)
    else:
        found.raw = read_body(source, layout.header_row, positions, texts)
        data.problems.extend(rows_written_twice(source.path, source.sheet))
    _check_pages(found, data, patterns)
    return found


def _check_pages(found: RawTable, data: MembershipData, patterns: HeaderPatterns) -> None:
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


def _no_table(rows: Sequence[Sequence[object]], wanted: str, where: dict) -> Problem:
    """A sheet without a table of the kind being read, passed over: said as such, or, when
    it holds a table of another kind shipped with danvan, said so, with how to read it (a
    workbook may hold one sheet of each kind; `wanted` may be a template's kind)."""
    from danvan_cli.kinds.detect import sheet_kind  # the models' wordings, loaded if needed

    found = sheet_kind(rows)
    if found is None or found == wanted:
        return Problem("warning", "no_table", **where)
    shipped = wanted in ("membership", "models")
    return Problem(
        "warning", f"{found}_table_here" if shipped else f"{found}_table_not_template", **where
    )


def shape_tables(
    found: Sequence[RawTable], data: MembershipData, subtotal_note: str = "subtotal_rows"
) -> list[ShapedBody]:
    """Shape the tables, those laid out alike in one batch each; every table with rows
    joins `data.tables` (in the order found), with its notes. A batch's rows carry
    `_table` and `_row` (Excel row); a batch of one keeps the Excel row as its index."""
    batches: dict[tuple, list[int]] = {}
    for number, table in enumerate(found):
        batches.setdefault(_batch_key(table, number), []).append(number)
    shaped: dict[int, tuple[ShapedBody, dict]] = {}  # table -> its batch, its rows left out
    title_notes: dict[int, list[Problem]] = {}
    bodies = []
    for numbers in batches.values():
        body = _shape_batch([found[n] for n in numbers], numbers, data, title_notes)
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
    data: MembershipData,
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
    shaped = shape_body(raw, first.info.mapping, first.layout.body_start + 1)
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


def _header_problems(
    mapping: HeaderMapping, header_row: int, where: dict, below: Sequence[Sequence[object]]
) -> list[Problem]:
    """Columns not used (each named by its header and letter, with how many figures it holds
    in the rows `below` the header) and fields given twice."""
    problems = []
    duplicates = {second for _, _, second in mapping.duplicates}  # reported below, once
    in_groups = {p for _, _, positions in mapping.unknown_groups for p in positions}
    for position, (header, name) in enumerate(zip(mapping.headers, mapping.fields, strict=True)):
        unmapped = bool(header) and name is None and header not in duplicates
        if not (unmapped and position not in in_groups) and name != RATIO:
            continue
        params = {"letter": column_letters(position), "figures": figures_in(below, position)}
        code = "header_ratio_ignored" if name == RATIO else "header_unmapped"
        if unmapped and params["figures"]:
            code = "column_not_used"
        problems.append(
            Problem("warning", code, row=header_row, column=header, params=params, **where)
        )
    for name, first, second in mapping.duplicates:
        params = {"other_column": first, "field": name}
        problems.append(
            Problem(
                "error", "header_duplicate", row=header_row, column=second, params=params, **where
            )
        )
    for group, closest, positions in mapping.unknown_groups:
        params = {
            "organization": closest,
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


def normalise_body(body: pd.DataFrame, levels: list[str], data: MembershipData) -> pd.DataFrame:
    """Unit names, organisation codes and figures of tables laid out alike (`body` has their
    shaped rows with `_table` and `_row`), with their problems."""
    records = base_records(body, levels, data)
    info = data.tables[int(body["_table"].iat[0])]
    if "organization" in body.columns:
        written = categorical(body["organization"], clean_text)
        records["_organization_written"] = written
        records["organization"] = categorical(pd.Series(written), organization_code)
    blank = {}
    for name in [m for m in MEMBERSHIP_METRICS if m in body.columns]:
        minimum = MEMBERSHIP.figure(name).minimum
        minimum = float("-inf") if minimum is None else minimum
        if name in HOUSEHOLD_METRICS:
            add_counts(records, body, name, info, data, False, minimum)
        else:
            blank[name] = add_counts(records, body, name, info, data, False, minimum, True)
    zero_blanks(records, blank, levels, info.mapping.wide)
    return records


def base_records(body: pd.DataFrame, levels: list[str], data: MembershipData) -> pd.DataFrame:
    """The records of shaped rows of tables laid out alike (any kind): their place, whether
    they are invalid or subtotals and what they cover, their units' names and keys."""
    records = pd.DataFrame(
        {"_table": body["_table"].to_numpy(), "_row": body["_row"].to_numpy()}, copy=False
    )
    records["_invalid"] = False
    for table, rows in data.invalid_rows.items():
        if rows:
            records.loc[(records["_table"] == table) & records["_row"].isin(rows), "_invalid"] = (
                True
            )
    for column in ("_subtotal", "_scope_first", "_scope_last"):
        set_column(records, column, body[column].to_numpy())
    records["_row_total"] = body["_row_total"].to_numpy() if "_row_total" in body else False
    add_unit_names(records, body, levels)
    note_control_characters(body, [*levels, "organization"], records, data)
    return records


def zero_blanks(
    records: pd.DataFrame, blank: dict[str, np.ndarray], levels: list[str], wide: bool
) -> None:
    """Blank cells of an organisation's figures count as 0 (offices leave a zero blank), except
    where the figure is not given: on a record whose figures are all blank, and in a column
    blank on all the rows of one table and unit above the lowest (a commune that does not
    report attendance); in a `wide` layout each organisation has its own columns. "-" is a
    0 typed. Household figures are per village and never made 0 (see `rollup`)."""
    if not any(cells.any() for cells in blank.values()):
        return
    row_given = ~np.logical_and.reduce(list(blank.values()))
    group = _group_numbers(records, levels, wide)
    for name, cells in blank.items():
        if not cells.any():
            continue
        column_given = np.bincount(group, weights=~cells) > 0
        zero = cells & row_given & column_given[group]
        values = records[name].to_numpy(dtype="float64", copy=True)
        values[zero] = 0.0
        set_column(records, name, values)


def _group_numbers(records: pd.DataFrame, levels: list[str], by_organization: bool) -> np.ndarray:
    """Each record's group for `zero_blanks`: its table, unit above the lowest (and
    organisation), as dense numbers."""
    keys = [records["_table"].to_numpy()]
    if len(levels) > 1:
        keys.append(records[f"_key_{levels[-2]}"].cat.codes.to_numpy())
    if by_organization and "organization" in records.columns:
        keys.append(records["organization"].cat.codes.to_numpy())
    group = np.zeros(len(records), dtype=np.int64)
    for key in keys:
        own, uniques = pd.factorize(key)
        group = pd.factorize(group * (len(uniques) + 1) + own)[0].astype(np.int64)
    return group


def add_unit_names(records: pd.DataFrame, body: pd.DataFrame, levels: Sequence[str]) -> None:
    """Each level's unit names (cleaned, as written) and matching keys, into `records`."""
    for level in levels:
        names = categorical(body[level], clean_text)
        records[level] = names
        records[f"_key_{level}"] = categorical(pd.Series(names), fold_key)


def note_control_characters(
    body: pd.DataFrame, names: Sequence[str], places: pd.DataFrame, data: MembershipData
) -> None:
    """A warning for each name cell of `body` that held control characters (ESC, BEL ...),
    which `clean_text` leaves out: its file, sheet, row and column, its value escaped.
    `places` gives each row of `body` its `_table` and `_row`."""
    tables, rows = places["_table"].to_numpy(), places["_row"].to_numpy()
    for name in [n for n in names if n in body.columns]:
        codes, values = distinct_values(body[name])
        held = [i for i, v in enumerate(values) if isinstance(v, str) and has_controls(v)]
        found = np.flatnonzero(np.isin(codes, held))
        # a wide row melted into a row per organisation: one warning
        for table_number, row, code in dict.fromkeys(
            (int(tables[p]), int(rows[p]), int(codes[p])) for p in found
        ):
            table = data.tables[table_number]
            column = _name_header(table.mapping, name)
            value, params = escape_controls(values[code]), {"name": clean_text(values[code])}
            problem = Problem(
                "warning", "control_characters", table.file, table.sheet, row, column, value, params
            )
            data.problems.append(problem)


def _name_header(mapping: HeaderMapping, name: str) -> str:
    """The header over a name column (the "Đơn vị" column when it gives the levels)."""
    if name in LEVELS and mapping.position_of(name) is None and UNIT in mapping.fields:
        return mapping.header_of(UNIT)
    return mapping.header_of(name)


def add_counts(
    records: pd.DataFrame,
    body: pd.DataFrame,
    name: str,
    info: TableInfo,
    data: MembershipData,
    blank_is_zero: bool = True,
    minimum: float = 0,
    dash_is_zero: bool = False,
    whole: bool = True,
    maximum: float = MAX_COUNT,
) -> np.ndarray:
    """Column `name` of `body` read as counts into `records` (one row each, same order);
    a cell that is not a number >= `minimum` and <= `maximum` (a whole one if `whole`) is
    an error and marks its row invalid. Blank cells and "-" are 0 with `blank_is_zero`,
    else missing ("-" is 0 with `dash_is_zero`). Returns which cells are blank (nothing
    typed in them)."""
    parsed = parse_counts(body[name], blank_is_zero, minimum, whole, maximum)
    values = parsed.values.to_numpy()
    blank = np.zeros(len(values), dtype=bool)
    unread = np.flatnonzero(np.isnan(values) & ~parsed.bad)  # blank or "-"
    if len(unread):
        codes, uniques = distinct_values(body[name].iloc[unread])
        empty = [pd.isna(u) or (isinstance(u, str) and not u.strip()) for u in uniques]
        blank[unread] = np.array([*empty, True], dtype=bool)[codes]
        if dash_is_zero:
            values = np.where(blank | parsed.bad, values, np.nan_to_num(values))
    set_column(records, name, values)
    codes = parsed.problem.to_numpy()
    params = decimal_limits(minimum, maximum) if not whole else _least(minimum)
    for position in np.flatnonzero(parsed.bad):
        table = data.tables[int(records["_table"].iat[position])] if "_table" in records else info
        row = records["_row"].iat[position] if "_row" in records else body.index[position]
        data.problems.append(
            Problem(
                "error",
                codes[position],
                table.file,
                table.sheet,
                int(row),
                _column_header(info.mapping, body, name, position),
                body[name].iat[position],
                params,
            )
        )
        records.loc[position, "_invalid"] = True
        if "_table" in records:  # a figure not known: no subtotal over it can be checked
            data.invalid_rows.setdefault(int(records["_table"].iat[position]), set()).add(int(row))
    return blank


def decimal_limits(minimum: float, maximum: float) -> dict[str, object]:
    """The params of a problem of a figure with decimals: its words say a number in
    `range` (not a whole one), as Vietnamese write it (see messages' `*_decimals`)."""
    words = {}
    for lang in ("vi", "en"):
        most = _number_text(maximum, lang)
        if np.isinf(minimum):
            words[lang] = ui("range_at_most", lang, maximum=most)
        else:
            least = _number_text(minimum, lang)
            words[lang] = ui("range_from_to", lang, minimum=least, maximum=most)
    return {"decimals": True, "range": words}


def _least(minimum: float) -> dict[str, object]:
    """The params of a problem of a whole figure whose minimum is not 0: that minimum, as
    each language writes it."""
    if minimum == 0 or np.isinf(minimum):
        return {}
    return {"minimum": {lang: _number_text(minimum, lang) for lang in ("vi", "en")}}


def _number_text(value: float, lang: str) -> str:
    return format_look(value, COUNT if float(value).is_integer() else DECIMAL, lang)


def set_column(frame: pd.DataFrame, name: str, values: np.ndarray) -> None:
    """`frame[name] = values`, the array taken as it is: pandas copies an array given
    plainly (a country's column, 5 MB of fresh memory each time)."""
    frame[name] = pd.Series(values, index=frame.index, copy=False)


def _column_header(mapping: HeaderMapping, body: pd.DataFrame, name: str, position: int) -> str:
    """The header of `name` as written; in a wide layout, that of the row's organisation."""
    if "organization" not in body.columns:
        return mapping.header_of(name)
    return mapping.header_of(name, organization_code(body["organization"].iat[position]))


def categorical(column: pd.Series, function: Callable[[object], object]) -> pd.Categorical:
    """`function` of each cell, computed once per distinct value (names repeat a lot).

    Results that are None become missing values.
    """
    codes, uniques = distinct_values(column)
    mapped = [function(value) for value in uniques]
    mapped.append(function(None))  # code -1: blank cells
    new_codes, categories = pd.factorize(pd.Series(mapped, dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(new_codes[codes], categories=categories.astype("str"))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables, merging the categories of categorical columns."""
    if len(frames) == 1:
        return frames[0]
    columns: dict[str, object] = {}
    for name in dict.fromkeys(c for f in frames for c in f.columns):
        parts = [f[name] if name in f.columns else _blank_like(f, frames, name) for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            columns[name] = union_categoricals([p.array for p in parts])
        elif all(isinstance(p.dtype, np.dtype) and p.dtype == parts[0].dtype for p in parts) and (
            parts[0].dtype.kind in "biuf"
        ):
            columns[name] = np.concatenate([p.to_numpy() for p in parts])  # numbers, flags
        else:
            columns[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns, copy=False)  # each column is new already: not copied again


def _blank_like(frame: pd.DataFrame, frames: list[pd.DataFrame], name: str) -> pd.Series:
    """A column missing from one table: blank names, missing figures."""
    sample = next(f[name] for f in frames if name in f.columns)
    if isinstance(sample.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical.from_codes(np.zeros(len(frame), int), categories=[""]))
    return pd.Series(np.nan, index=range(len(frame)))


def unit_codes(records: pd.DataFrame, levels: list[str]) -> None:
    """`_unit_<level>`: one integer per unit path down to that level (matching keys)."""
    path = np.zeros(len(records), dtype=np.int64)
    for level in levels:
        own, uniques = pd.factorize(records[f"_key_{level}"], use_na_sentinel=False)
        own = _unify_prefixes(path, own, uniques)
        path = pd.factorize(path * (len(uniques) + 1) + own)[0].astype(np.int64)
        set_column(records, f"_unit_{level}", path)


def _unify_prefixes(parent: np.ndarray, own: np.ndarray, keys: pd.Index) -> np.ndarray:
    """Under one parent, "Long Vĩnh" is the unit written "Xã Long Vĩnh" elsewhere, when
    exactly one prefixed name has that remainder ("Thị xã Long Mỹ" and "Huyện Long Mỹ"
    stay apart, and a bare "Long Mỹ" beside both stays itself)."""
    split = [split_unit_prefix(str(k)) for k in keys]
    if not any(prefix for prefix, _ in split):
        return own
    width = len(keys) + 1
    parents, codes = np.divmod(pd.unique(parent * width + own), width)  # each pair once
    pairs = pd.DataFrame({"parent": parents, "own": codes})
    pairs["prefixed"] = np.array([bool(p) for p, _ in split])[codes]
    pairs["rest"] = pd.factorize(np.array([r for _, r in split], dtype=object))[0][codes]
    prefixed = pairs[pairs["prefixed"]].groupby(["parent", "rest"])["own"].agg(["nunique", "first"])
    single = prefixed[prefixed["nunique"] == 1]["first"].rename("target")
    bare = pairs[~pairs["prefixed"]].join(single, on=["parent", "rest"], how="inner")
    mapping = np.arange(len(keys))
    mapping[bare["own"].to_numpy()] = bare["target"].to_numpy()
    return mapping[own]
