"""A table's rows as lines of JSON or CSV (dòng JSON, CSV), made column by column.

A country's roll-up has about 720,000 rows. Each column becomes its cells' text at once
(Arrow's kernels for the figures, each distinct name encoded once), Arrow joins a row's
cells into its line, and the lines go to the output 100,000 rows at a time: no Python
object per row, and memory reused rather than grown by the size of the output.

Cells: a name is a JSON string (`safe_text.json_text`), or in CSV as it is, quoted when it
holds a comma, a quote or a line break, or is empty; a count is a whole number; a ratio or
another figure the writer names `exact` (as its kind declares them) is its shortest exact
decimal (as Python's `repr`), written positionally from 1e-5 (0.00001) and with an
unpadded exponent beyond (1e-6, 1e+16); a cell not given is `null` in JSON and empty in
CSV. CSV cells are separated as `csv_separator` sets (a comma unless told otherwise).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from danvan_cli.text.safe_text import json_text

CHUNK_ROWS = 50_000
# glibc's heap, which danvan keeps from handing freed memory back (`allocator`): each chunk
# reuses the last one's memory (with Arrow's own pool, measured at 600k rows: 0.2 s of
# system time a JSON output, zeroing pages fresh from the kernel; 0.02 s with this one)
_POOL = pa.system_memory_pool()
_ARROW_DECIMALS = (1e-5, 1e10)  # |x| where Arrow writes a float as `float_text` does

Cells = Callable[[slice], pa.Array]  # a column's cells in these rows, as text

CSV_SEPARATORS = (",", ";", "\t")
_SEPARATOR: ContextVar[str] = ContextVar("csv_separator", default=",")


@contextmanager
def csv_separator(separator: str) -> Iterator[None]:
    """CSV written within has its cells separated by `separator` (one of `CSV_SEPARATORS`).
    With ";", decimals are written with a comma ("0,8184"): where ";" separates a list
    (Vietnamese Windows, most of Europe) Excel reads "0.8184" as text, or "." as grouping."""
    token = _SEPARATOR.set(separator)
    try:
        yield
    finally:
        _SEPARATOR.reset(token)


def current_csv_separator() -> str:
    """The separator `csv_separator` set (a comma by default)."""
    return _SEPARATOR.get()


def write_json_rows(stream: BinaryIO, table: pd.DataFrame, exact: Collection[str] = ()) -> None:
    """The rows as JSON objects, one a line, ",\\n" after each but the last; figures of the
    columns named `exact` written as ratios are."""
    pieces: list[str | Cells] = []
    for number, name in enumerate(table.columns):
        pieces += [("{" if number == 0 else ",") + json_text(name) + ":"]
        pieces.append(column_cells(table[name], name, json_text, exact))
    _write_lines(stream, [*pieces, "},\n"], len(table), "null", drop_last=len(",\n"))


def write_csv_rows(
    stream: BinaryIO,
    table: pd.DataFrame,
    text_cell: Callable[[str], str] = str,
    exact: Collection[str] = (),
    header: bool = True,
) -> None:
    """The header line (unless not `header`) and the rows as CSV records, each ended by
    "\\n", cells separated as `csv_separator` says; each name goes through `text_cell`
    before it is quoted; figures of the columns named `exact` written as ratios are."""
    separator = current_csv_separator()  # read here: the lines are made in other threads

    def quoted(text: str) -> str:
        return csv_quoted(text, separator)

    if header:
        names = separator.join(quoted(str(name)) for name in table.columns)
        stream.write((names + "\n").encode("utf-8"))
    pieces: list[str | Cells] = []
    for number, name in enumerate(table.columns):
        pieces += [separator] if number else []
        cells = column_cells(table[name], name, lambda t: quoted(text_cell(t)), exact)
        if separator == ";" and pd.api.types.is_float_dtype(table[name].dtype):
            cells = _decimal_comma(cells)
        pieces.append(cells)
    _write_lines(stream, [*pieces, "\n"], len(table), "")


def _decimal_comma(cells: Cells) -> Cells:
    """Figures written with a decimal comma ("0,8184"; "1e-6" has no point to change)."""
    return lambda rows: pc.replace_substring(cells(rows), ".", ",", memory_pool=_POOL)


def csv_quoted(text: str, separator: str = ",") -> str:
    """A CSV cell: quoted (its quotes doubled) when it holds the separator, a quote or a
    line break, or is empty (an empty text, not a cell not given)."""
    if text and not any(c in text for c in f'{separator}"\n\r'):
        return text
    return '"' + text.replace('"', '""') + '"'


def column_cells(
    values: pd.Series, name: str, text: Callable[[str], str], exact: Collection[str] = ()
) -> Cells:
    """A column's cells as text: names through `text` (each distinct one once), figures as
    numbers (`number_cells`: decimals for a ratio and the columns named `exact`), integers
    and booleans as they are, null where there is none."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, distinct = values.cat.codes.to_numpy(), values.cat.categories
    elif pd.api.types.is_float_dtype(values.dtype):
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        ratio = name in exact
        return lambda rows: number_cells(numbers[rows], ratio)
    elif pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        given = pa.array(values, from_pandas=True)  # "true"/"false" for a boolean
        return lambda rows: _texts(given[rows])
    else:
        codes, distinct = pd.factorize(values)
    texts = pa.array([text(str(value)) for value in distinct], pa.string())
    indices = pa.array(codes, mask=codes < 0)  # -1: not given
    return lambda rows: pc.take(texts, indices[rows], memory_pool=_POOL)


def number_cells(numbers: np.ndarray, ratio: bool) -> pa.Array:
    """Figures as text, null where not given (NaN): a ratio as `float_text` writes it, a
    count as a whole number (rounded half to even)."""
    given = ~np.isnan(numbers)
    if not ratio:
        counts = np.round(np.where(given, numbers, 0)).astype("int64")
        return _texts(pa.array(counts, mask=~given, memory_pool=_POOL))
    texts = _texts(pa.array(numbers, mask=~given, memory_pool=_POOL))
    whole = given & (numbers == np.round(numbers))  # Arrow writes 100.0 as "100"
    texts = pc.if_else(whole, _joined([texts, ".0"]), texts, memory_pool=_POOL)
    size = np.abs(numbers)
    elsewhere = np.flatnonzero(given & (size != 0) & ~_between(size, *_ARROW_DECIMALS))
    if not len(elsewhere):
        return texts
    cells = texts.to_numpy(zero_copy_only=False)
    cells[elsewhere] = [float_text(x) for x in numbers[elsewhere].tolist()]
    return pa.array(cells, pa.string(), memory_pool=_POOL)


def _texts(numbers: pa.Array) -> pa.Array:
    return pc.cast(numbers, pa.string(), memory_pool=_POOL)


def _joined(pieces: Sequence[str | pa.Array], missing: str = "") -> pa.Array:
    """Each row's pieces one after another, `missing` for a null."""
    return pc.binary_join_element_wise(
        *pieces, "", null_handling="replace", null_replacement=missing, memory_pool=_POOL
    )


def _between(size: np.ndarray, low: float, high: float) -> np.ndarray:
    return (size >= low) & (size < high)


def float_text(number: float) -> str:
    """A ratio as written: Python's `repr`, but positional down to 1e-5 and with the
    exponent unpadded ("1e-6", "1e+16")."""
    text = repr(number)
    mantissa, mark, exponent = text.partition("e")
    if not mark:
        return text
    power = int(exponent)
    if power == -5:
        sign, digits = ("-", mantissa[1:]) if mantissa[0] == "-" else ("", mantissa)
        return sign + "0.0000" + digits.replace(".", "")
    return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"


def _write_lines(
    stream: BinaryIO, pieces: Sequence[str | Cells], rows: int, missing: str, drop_last: int = 0
) -> None:
    """Each row's pieces joined into its line (`missing` for a cell not given), less the
    last `drop_last` bytes of all (a
    JSON array's last item has no ",\\n" after it). Two threads make the lines of a chunk
    of rows each (Arrow's kernels let go of the GIL), written in order as they are done."""

    def lines(start: int) -> pa.Array:
        rows = slice(start, start + CHUNK_ROWS)
        return _joined([p if isinstance(p, str) else p(rows) for p in pieces], missing)

    with ThreadPoolExecutor(2) as pool:
        made: deque = deque()
        for start in range(0, rows, CHUNK_ROWS):
            made.append(pool.submit(lines, start))
            if len(made) == 2:
                _write_text(stream, made.popleft().result())
        while made:
            done = made.popleft().result()
            _write_text(stream, done, 0 if made else drop_last)


def _write_text(stream: BinaryIO, lines: pa.Array, drop_last: int = 0) -> None:
    """The text of `lines` as it is in memory (one after another), less its last bytes."""
    offsets = np.frombuffer(lines.buffers()[1], np.int32, len(lines) + 1, 4 * lines.offset)
    first, end = int(offsets[0]), int(offsets[-1]) - drop_last
    stream.write(memoryview(lines.buffers()[2])[first:end])
