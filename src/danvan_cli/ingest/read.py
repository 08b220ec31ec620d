"""Reading spreadsheets (đọc bảng tính): files, globs and folders -> sheets -> raw tables.

A small file's sheet is decoded once, whole, with python-calamine (numbers stay numbers,
text stays text) and kept as lists of cells: tables from many such files become one
DataFrame later, in a batch. In a big .xlsx the top rows are peeked at from the XML to find the
header (xlsxpeek.py), then the body is decoded once, column by column, by fastexcel
(calamine into Arrow). CSV goes through pyarrow, every cell as text; a file in Windows-1258
or typed in the TCVN3/VNI fonts is turned into UTF-8 first (`csv_encoding`).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import sys
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from xml.etree.ElementTree import ParseError

from danvan_cli.ingest.csvtext import (
    CODE_PAGE_NAMES,
    CSV_SAMPLE_BYTES,
    TOP_ROWS,
    UnevenRows,
    as_utf8,
    csv_body_as_read,
    csv_delimiter,
    csv_encoding,
    decode_csv,
    read_csv_body_slowly,
    top_lines,
)
from danvan_cli.ingest.fast.xlsxhalves import (
    SecondHalf,
    decode_first_half,
    load_columns,
    start_second_half,
    stop_second_half,
)
from danvan_cli.ingest.fast.xlsxpeek import formulas_without_values as formulas_without_values
from danvan_cli.ingest.fast.xlsxpeek import peek_rows
from danvan_cli.ingest.fast.xlsxrows import repeated_rows
from danvan_cli.ingest.limits import (
    ZIP_MAGIC,
    check_archive_in_memory,
    check_sheet,
    check_sheet_in_memory,
    check_workbook,
    rows_in_order,
)
from danvan_cli.ingest.paths import STDIN, TEXT_SUFFIXES, is_glob, unreadable_file
from danvan_cli.model.problems import Problem
from danvan_cli.text.safe_text import csv_cell_read

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

SMALL_FILE_BYTES = 2_000_000  # up to this size a sheet is decoded once, whole


@dataclass
class SheetSource:
    """One sheet (or CSV file) to read: where it is, and its first rows as cells."""

    path: Path
    sheet: str | None  # None for CSV
    top_rows: list[list[object]]  # from Excel row 1 and column A
    rows: list[list[object]] | None = None  # a small sheet read whole, from Excel row 1

    @property
    def file(self) -> str:
        return str(self.path)


def open_sheets(path: Path, sheet_name: str | None) -> tuple[list[SheetSource], list[Problem]]:
    """The sheets of one file worth looking at (visible, or the one asked for)."""
    if str(path) == STDIN:
        return _open_stdin(sheet_name)
    try:
        path.open("rb").close()
    except PermissionError:  # the readers would call it damaged
        return [], [Problem("error", "file_no_permission", file=str(path))]
    except OSError:
        pass  # told by the reader
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _open_csv(path)
    return _open_workbook(path, sheet_name)


def _open_workbook(
    path: Path, sheet_name: str | None, data: bytes | None = None
) -> tuple[list[SheetSource], list[Problem]]:
    """A workbook's sheets; from `data` when it is held in memory (piped in)."""
    import python_calamine

    refused = check_workbook(path) if data is None else check_archive_in_memory(STDIN, data)
    if refused is not None:
        return [], [refused]
    try:
        if data is None:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        else:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several types for broken files
        return [], [unreadable_file(path, exc)]
    problems: list[Problem] = []
    sources = []
    metadata = workbook.sheets_metadata
    if sheet_name is not None and sheet_name not in workbook.sheet_names:
        available = ", ".join(workbook.sheet_names)
        params = {"wanted": sheet_name, "available": available}
        return [], [Problem("error", "sheet_not_found", file=str(path), params=params)]
    for meta in metadata:
        if sheet_name is not None and meta.name != sheet_name:
            continue
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
            continue
        # "SheetVisibleEnum.Hidden" contains "Visible" too: compare the member's name.
        if sheet_name is None and str(meta.visible).rsplit(".", 1)[-1] != "Visible":
            problems.append(Problem("warning", "sheet_hidden", file=str(path), sheet=meta.name))
            continue
        try:
            if data is None:
                sources.append(_sheet_source(workbook, path, meta.name))
            else:
                sources.append(_sheet_in_memory(workbook, data, meta.name))
        except UnreadableBody as refused:
            problems.append(refused.problem)
        except Exception as exc:
            problems.append(unreadable_file(path, exc, sheet=meta.name))
            continue
        if data is not None or path.stat().st_size <= SMALL_FILE_BYTES:  # a big sheet's:
            problems.extend(rows_written_twice(path, meta.name, data))  # once its body is read
    return sources, problems


_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an .xls file (.xlsx and .ods are zip archives)


def _open_stdin(sheet_name: str | None) -> tuple[list[SheetSource], list[Problem]]:
    """A file piped in (`danvan summarize -`), held in memory: a workbook given to calamine,
    else CSV text; each sheet read whole, under the limits a file is read under."""
    data = _all_of(sys.stdin.buffer) if sys.stdin is not None else b""
    path = Path(STDIN)
    if not data:
        return [], [Problem("error", "file_empty", file=STDIN)]
    if data.startswith((ZIP_MAGIC, _OLE_MAGIC)):
        return _open_workbook(path, sheet_name, data)
    encoding = csv_encoding(data[:CSV_SAMPLE_BYTES])
    if encoding is None:
        return [], [Problem("error", "csv_encoding", file=STDIN)]
    text = str(as_utf8(data, encoding), "utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text[: 1 << 16]))
    rows = [[csv_cell_read(cell) if cell != "" else None for cell in row] for row in reader]
    notes = []
    if encoding in CODE_PAGE_NAMES:  # a code page, which may lack letters
        params = {"encoding": CODE_PAGE_NAMES[encoding]}
        notes.append(Problem("warning", "csv_code_page", file=STDIN, params=params))
    return [SheetSource(path, None, rows[:TOP_ROWS], rows)], notes


@functools.lru_cache(maxsize=1)
def _all_of(stream: BinaryIO) -> bytes:
    """What a stream holds, read once (the kind is told from it, then its tables read)."""
    return stream.read()


def _sheet_in_memory(workbook, data: bytes, sheet: str) -> SheetSource:
    """A sheet of a workbook held in memory, decoded whole once its cells are counted."""
    refused = check_sheet_in_memory(STDIN, data, sheet)
    if refused is not None:
        raise UnreadableBody(refused)
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return SheetSource(Path(STDIN), sheet, rows[:TOP_ROWS], rows)


def rows_written_twice(path: Path, sheet: str | None, data: bytes | None = None) -> list[Problem]:
    """A row number given to two rows of an .xlsx sheet's XML: readers keep the last row's
    cells, so the other's figures would be lost unsaid. The XML read before decoding (to
    refuse too many cells) tells whether the rows are in order; only when they are not is
    it read again, to name the rows. A workbook held in memory (`data`, piped in) is read
    for them whatever the order."""
    if data is not None and not data.startswith(ZIP_MAGIC):
        return []
    if sheet is None or (data is None and path.suffix.lower() not in (".xlsx", ".xlsm")):
        return []
    try:
        if data is None and rows_in_order(path, sheet):
            return []
        repeated = repeated_rows(str(path) if data is None else io.BytesIO(data), sheet)
    except (KeyError, StopIteration, zipfile.BadZipFile, ParseError, OSError, EOFError):
        return []  # an unusual package: read as calamine reads it
    return [
        Problem("error", "row_written_twice", str(path), sheet, row, params={"count": count})
        for row, count in sorted(repeated.items())
    ]


def _sheet_source(workbook, path: Path, sheet: str) -> SheetSource:
    """A small file's sheet is decoded once, whole; a big one's top rows are peeked at."""
    if path.stat().st_size <= SMALL_FILE_BYTES:
        refuse_far_cells(path, sheet)
        rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return SheetSource(path, sheet, rows[:TOP_ROWS], rows)
    return SheetSource(path, sheet, _top_rows(workbook, path, sheet))


def _top_rows(workbook, path: Path, sheet: str) -> list[list[object]]:
    """The first rows of a sheet; for .xlsx without decoding the whole sheet."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return peek_rows(str(path), sheet, TOP_ROWS)
        except (KeyError, StopIteration, ValueError, zipfile.BadZipFile, ParseError):
            pass  # an unusual package: let calamine read it
    refuse_far_cells(path, sheet)
    return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=TOP_ROWS)


def refuse_far_cells(path: Path, sheet: str) -> None:
    """Raise `UnreadableBody` when the sheet's cells would be too many to lay out
    (limits.py), before any reader lays them out."""
    refused = check_sheet(path, sheet)
    if refused is not None:
        raise UnreadableBody(refused)


def _open_csv(path: Path) -> tuple[list[SheetSource], list[Problem]]:
    if path.stat().st_size == 0:
        return [], [Problem("error", "file_empty", file=str(path))]
    try:
        with path.open("rb") as handle:
            start = handle.read(CSV_SAMPLE_BYTES)
    except OSError as exc:
        return [], [unreadable_file(path, exc)]
    encoding = csv_encoding(start)
    if encoding is None:
        return [], [Problem("error", "csv_encoding", file=str(path))]
    text = top_lines(as_utf8(start, encoding))
    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text))
    rows = [[csv_cell_read(cell) for cell in row] for row in reader]
    notes = []
    if encoding in CODE_PAGE_NAMES:  # a code page, which may lack letters
        params = {"encoding": CODE_PAGE_NAMES[encoding]}
        notes.append(Problem("warning", "csv_code_page", file=str(path), params=params))
    return [SheetSource(path, None, rows)], notes


def body_cells(rows: list[list[object]], header_row: int, positions: Sequence[int]) -> np.ndarray:
    """A small sheet's cells under the header (`header_row` 0-based), only the columns at
    `positions` (0 = column A), exactly as read: one 2-D object array, made in C (a
    country's rows pass through here; `cells_as_read` then treats whole columns)."""
    import numpy as np

    below = rows[header_row + 1 :]
    width = max(positions, default=-1) + 1
    try:
        cells = np.array(below, dtype=object) if below else np.empty((0, width), dtype=object)
    except ValueError:  # rows of different lengths: padded below
        cells = None
    if cells is None or cells.ndim != 2 or cells.shape[1] < width:
        cells = np.empty((len(below), width), dtype=object)
        cells[:] = ""
        for number, row in enumerate(below):
            cells[number, : min(len(row), width)] = row[:width]
    return cells[:, list(positions)]


def cells_as_read(column: np.ndarray) -> np.ndarray:
    """A column of cells as read by python-calamine, as a table holds them: blank as None,
    TRUE and FALSE as the words Excel shows (as booleans they would pass for 1 and 0);
    numbers stay numbers, text stays text."""
    import numpy as np
    import pandas as pd

    kind = pd.api.types.infer_dtype(column, skipna=True)
    if kind in _ONLY_NUMBERS:  # no blank text, no TRUE/FALSE: as it is
        return column
    column = column.copy()
    column[column == ""] = None
    if kind == "string" or pd.api.types.infer_dtype(column, skipna=True) in _NO_BOOLEANS:
        return column
    for number in np.flatnonzero([v.__class__ is bool for v in column]).tolist():
        column[number] = "TRUE" if column[number] else "FALSE"
    return column


_ONLY_NUMBERS = frozenset({"floating", "integer", "mixed-integer-float", "empty"})
_NO_BOOLEANS = _ONLY_NUMBERS | {"string"}


def read_body(
    source: SheetSource, header_row: int, positions: Sequence[int], text_positions: set[int]
) -> pd.DataFrame:
    """A big sheet's or a CSV file's rows under the header, only the columns at `positions`.

    `header_row` is 0-based; the frame's index is the Excel row number of each row.
    Columns are named by position; those in `text_positions` are read as text.
    """
    import pandas as pd

    key = (source.file, source.sheet, header_row, tuple(positions), frozenset(text_positions))
    started = _DECODING.pop(key, None)
    for other in [k for k in _DECODING if k[:2] == key[:2]]:  # read for another header
        del _DECODING[other]
    try:
        frame = _body_frame(started, key)
    except UnreadableBody:
        raise
    except UnicodeDecodeError as exc:  # a CSV file's bytes further down, not UTF-8
        raise UnreadableBody(Problem("error", "csv_encoding", file=source.file)) from exc
    except Exception as exc:  # fastexcel and pyarrow raise several types for broken files
        if source.sheet is None and "utf8" in str(exc).lower():
            raise UnreadableBody(Problem("error", "csv_encoding", file=source.file)) from exc
        raise UnreadableBody(unreadable_file(source.path, exc, source.sheet)) from exc
    frame.index = pd.RangeIndex(header_row + 2, header_row + 2 + len(frame))
    return csv_body_as_read(frame) if source.sheet is None else frame


class UnreadableBody(Exception):
    """A body that could not be decoded; `problem` tells the user why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _body_frame(started: Future | None, key: tuple) -> pd.DataFrame:
    """The body decoded (or its decoding ahead awaited) as a frame, columns by position."""
    try:
        columns, names = started.result() if started else _decode(*key)
        return columns.to_pandas().rename(columns=names)
    except UnevenRows as uneven:  # rows shorter or longer than the header: keep them all
        _, _, header_row, positions, _ = key
        return read_csv_body_slowly(uneven.data, uneven.delimiter, header_row, positions)


def _decode(
    file: str,
    sheet: str | None,
    header_row: int,
    positions: tuple[int, ...],
    texts: frozenset[int],
) -> tuple[object, dict[str, int]]:
    """A body decoded into Arrow columns, and each column's position: a big sheet by
    fastexcel, a CSV file by pyarrow."""
    if sheet is None:
        return decode_csv(Path(file), header_row, positions)
    refuse_far_cells(Path(file), sheet)
    columns = load_columns(file, sheet, header_row, positions, texts)
    return columns, _positions_by_name(columns, positions)


def _decode_in_halves(
    second: SecondHalf,
    file: str,
    sheet: str,
    header_row: int,
    positions: tuple[int, ...],
    texts: frozenset[int],
) -> tuple[object, dict[str, int]]:
    """A big sheet decoded by this process (the rows above the cut) and a child (below),
    or whole when the halves could read differently (xlsxhalves.py)."""
    try:
        refuse_far_cells(Path(file), sheet)
    except Exception:  # refused, or a damaged archive: the child's rows are not wanted
        stop_second_half(second)
        raise
    columns = decode_first_half(file, sheet, header_row, positions, texts, second)
    if columns is None:
        columns = load_columns(file, sheet, header_row, positions, texts)
    return columns, _positions_by_name(columns, positions)


def _positions_by_name(columns, positions: Sequence[int]) -> dict[str, int]:
    return dict(zip(columns.schema.names, sorted(positions), strict=True))


_DECODING: dict[tuple, Future] = {}  # bodies being decoded ahead, by what `read_body` asks
_STARTED_AHEAD: list[tuple] = []  # (patterns, sheet) of calls made ahead, until repeated


def start_decoding(
    patterns: Sequence[str],
    sheet: str | None,
    columns_of: Callable[[list], tuple | None],
    ahead: bool = False,
) -> None:
    """Start decoding the body of each big .xlsx or .csv named by a plain path, in a second
    thread, while the rest of danvan is imported (fastexcel and pyarrow let go of the
    interpreter while they work). `columns_of(top_rows)` tells (header row, positions, text
    positions) as the load will ask for them, or None; a body asked for otherwise is
    decoded when asked. A call made `ahead` (launch.py) makes the same call after it,
    the command's own, do nothing."""
    call = (tuple(patterns), sheet)
    if call in _STARTED_AHEAD:  # by `launch`, before the command line was parsed: once
        _STARTED_AHEAD.remove(call)
        return
    if ahead:
        _STARTED_AHEAD.append(call)
    for pattern in patterns:
        path = Path(pattern)
        if is_glob(pattern) or path.suffix.lower() not in (".xlsx", ".xlsm", *TEXT_SUFFIXES):
            continue
        if not path.is_file() or path.stat().st_size <= SMALL_FILE_BYTES:
            continue
        sources, _ = open_sheets(path, sheet)
        for source in sources:
            found = columns_of(source.top_rows)
            if found is not None:
                header_row, positions, texts = found
                key = (source.file, source.sheet, header_row, tuple(positions), frozenset(texts))
                if key not in _DECODING:  # a file named twice is decoded once
                    _DECODING[key] = _start(key)


def start_reading(
    paths: Sequence[str],
    sheet: str | None,
    columns_of: Callable[[list], tuple | None] | None,
    ahead: bool = False,
) -> None:
    """Each big file's body decoding started (`start_decoding`), its columns those
    `columns_of` tells (the kind's, `kinds.detect.columns_read`); none when the kind's
    tables are read otherwise (None: community models' lists). The process is to be tuned
    first (`tune_process`: `columns_of`'s table finder imports numpy). `launch` calls it
    from the raw arguments, `ahead`; the commands call it again."""
    if columns_of is not None:
        start_decoding(paths, sheet, columns_of, ahead=ahead)


def tune_process() -> None:
    """The process tuned for tables (allocator.py); to be called before numpy loads, which
    is when OpenBLAS reads its thread count."""
    from danvan_cli.ingest.fast.allocator import tune_for_tables

    tune_for_tables()


def _start(key: tuple) -> Future:
    """A body's decoding started: in two processes when it is a big .xlsx sheet."""
    file, sheet, header_row, positions, texts = key
    if sheet is not None:
        second = start_second_half(file, sheet, header_row, positions, texts)
        if second is not None:
            return _decoder().submit(_decode_in_halves, second, *key)
    return _decoder().submit(_decode, *key)


def _finish_decoding() -> None:
    """Before a fork (worker processes): let the decoding ahead end, so that the children
    find it done; a child has no thread to finish it."""
    for started in list(_DECODING.values()):
        started.exception()  # waits; an error shows where the body is read


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_finish_decoding)


@functools.cache
def _decoder() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="danvan-decode")
