"""A CSV file's text (văn bản CSV): its encoding told from its first bytes (UTF-8,
Windows-1258, text typed in the TCVN3/VNI fonts), its delimiter, its top lines, and its
body decoded by pyarrow (every cell as text), or by Python's reader when rows are uneven."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import mmap
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from danvan_cli.text.safe_text import NEUTRALISED, csv_cell_read

if TYPE_CHECKING:
    import pandas as pd

UTF8 = "utf-8-sig"
UTF16 = "utf-16"  # behind its byte order mark, either way round: Excel's "Unicode Text"


CSV_SAMPLE_BYTES = 1 << 16


CODE_PAGE_NAMES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}


TOP_ROWS = 60  # rows looked at to find the header (a sheet's top rows, a CSV file's lines)


def csv_encoding(start: bytes) -> str | None:
    """How a CSV file's bytes are read, told from its first bytes: UTF-8 (with or without a
    BOM); UTF-16 behind its BOM, as Excel saves "Unicode Text"; Windows-1258, as Excel
    saves "CSV (Comma delimited)" on a Vietnamese Windows, when its words read as
    Vietnamese; Windows-1252 when the text was typed in the TCVN3 or VNI fonts (converted
    later, as in a workbook); None when it is none of these."""
    from danvan_cli.text.legacy_encoding import dominant_legacy_encoding
    from danvan_cli.text.syllables import reads_as_vietnamese

    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    try:  # a letter cut at the end of a sample is fine, not at the end of the file
        final = len(start) < CSV_SAMPLE_BYTES
        codecs.getincrementaldecoder("utf-8")().decode(start, final=final)
        return UTF8
    except UnicodeDecodeError:
        pass
    tests = {
        "cp1258": reads_as_vietnamese,
        "cp1252": lambda text: dominant_legacy_encoding(_CSV_CELLS.split(text), 2) is not None,
    }
    for encoding, test in tests.items():
        try:
            text = start.decode(encoding)
        except UnicodeDecodeError:
            continue
        if test(text):
            return encoding
    return None


_CSV_CELLS = re.compile(r"[,;\t\r\n]+")


def as_utf8(data: bytes | memoryview, encoding: str) -> bytes | memoryview:
    """The bytes as UTF-8 without a BOM (UTF-8 is not copied: a view past the BOM); from
    UTF-16 or a code page, in NFC (Windows-1258 writes tone marks apart from their letters)."""
    data = memoryview(data)
    if encoding == UTF8:
        return data[3:] if data[:3] == codecs.BOM_UTF8 else data
    return unicodedata.normalize("NFC", str(data, encoding)).encode("utf-8")


def top_lines(data: bytes | memoryview) -> str:
    """The first `TOP_ROWS` lines of UTF-8 bytes (a letter cut at the end dropped)."""
    text = codecs.getincrementaldecoder("utf-8")().decode(data[: 1 << 20])
    lines = io.StringIO(text, newline="")
    return "".join(lines.readline() for _ in range(TOP_ROWS))


def csv_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


class UnevenRows(Exception):
    """A CSV file with rows shorter or longer than its header: read by Python's reader."""

    def __init__(self, data: bytes | memoryview, delimiter: str) -> None:
        super().__init__("uneven rows")
        self.data, self.delimiter = data, delimiter


def decode_csv(
    path: Path, header_row: int, positions: Sequence[int]
) -> tuple[object, dict[str, int]]:
    """Every cell as text ("1.234" is a Vietnamese thousand, parsed by numbers.parse_counts),
    by pyarrow's reader (several threads); `UnevenRows` when a row is not as wide as the
    header."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    data = _mapped(path)
    data = as_utf8(data, csv_encoding(bytes(data[:CSV_SAMPLE_BYTES])) or UTF8)
    _check_utf8(data)
    head = top_lines(data)
    delimiter = csv_delimiter(head)
    # Name every column of the header, or pyarrow drops each row as too wide. pyarrow skips
    # lines, not rows: a title or header cell may hold a line break.
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    header = list(itertools.islice(reader, header_row + 1))[header_row]
    lines_above_body = reader.line_num
    width = max(max(positions) + 1, len(header))
    names = [str(i) for i in range(width)]
    # Each distinct text factorised here, in the reader's threads while danvan is still
    # importing (the frame then holds categories, as `body.compact` would make them).
    text = pa.dictionary(pa.int32(), pa.string())
    uneven: list[int] = []

    def note_uneven(row) -> str:
        uneven.append(row.number)
        return "skip"

    table = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(skip_rows=lines_above_body, column_names=names),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, ignore_empty_lines=False, invalid_row_handler=note_uneven
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=[str(p) for p in positions],
            column_types={str(p): text for p in positions},
            strings_can_be_null=True,
            include_missing_columns=True,
        ),
    )
    if uneven:
        raise UnevenRows(data, delimiter)
    return table, {str(p): p for p in positions}


def _mapped(path: Path) -> memoryview:
    """A file's bytes mapped from the page cache, not copied (a country's CSV is 150 MB)."""
    with path.open("rb") as handle:
        try:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file, or one that cannot be mapped
            return memoryview(handle.read())
    return memoryview(mapped)


def _check_utf8(data: bytes | memoryview) -> None:
    """Raise if the bytes are not UTF-8 throughout (Arrow checks, without holding the
    interpreter): pyarrow's reader would otherwise stumble on them row by row."""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)]).validate(
        full=True
    )


def read_csv_body_slowly(
    data: bytes | memoryview, delimiter: str, header_row: int, positions: Sequence[int]
) -> pd.DataFrame:
    """Python's CSV reader, one record per row, short rows padded with blanks."""
    import pandas as pd

    records = list(csv.reader(io.StringIO(str(data, "utf-8")), delimiter=delimiter))
    body = records[header_row + 1 :]
    columns = {
        p: pd.Series([r[p] if p < len(r) and r[p] != "" else None for r in body], dtype="string")
        for p in positions
    }
    return pd.DataFrame(columns)


def csv_body_as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """A CSV body's cells as they were before danvan neutralised them ("'=...", written by
    `safe_text.csv_cell`), looked at once per distinct text."""
    import numpy as np
    import pandas as pd

    for name in frame.columns:
        column = frame[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):  # text, read row by row
            frame[name] = column.str.replace(NEUTRALISED.pattern, "", regex=True)
            continue
        read = [csv_cell_read(text) for text in column.cat.categories]
        if read != column.cat.categories.tolist():
            codes, categories = pd.factorize(pd.Series(read, dtype=object))
            old = column.cat.codes.to_numpy()
            new = np.where(old >= 0, codes[old], -1)
            frame[name] = pd.Categorical.from_codes(new, categories=categories)
    return frame
