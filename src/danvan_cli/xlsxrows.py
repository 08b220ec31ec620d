"""Row numbers as an .xlsx sheet's XML gives them (số dòng trong tệp).

Each `<row>` element names its Excel row (`r="12"`). Two elements with the same number are
not valid, and every reader keeps only the cells of the last one: the figures of the first
would be lost without a word. Attributes may come in any order (`<row spans="1:13" r="2">`).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter

from danvan_cli.xlsxpeek import sheet_part

# A row's tag up to its number's opening quote, attributes in any order, quoted either way;
# read once (possessive), about as fast as matching `<row r="` alone.
ROW_NUMBER_AT = rb"""<row\s[^>r]*+(?:r(?!\s*=)[^>r]*+)*+(?<=\s)r\s*=\s*["']"""
_ROW_NUMBER = re.compile(ROW_NUMBER_AT + rb"(\d+)")
_CHUNK = 1 << 22


def repeated_rows(path: str, sheet_name: str) -> dict[int, int]:
    """Excel row numbers that more than one row element of the sheet gives, with how many."""
    numbers: list[bytes] = []
    with zipfile.ZipFile(path) as archive, archive.open(sheet_part(archive, sheet_name)) as xml:
        pending = b""
        while chunk := xml.read(_CHUNK):
            pending += chunk
            last = pending.rfind(b"<row")  # a tag cut by the chunk's end waits for the next
            whole = pending[:last] if last >= 0 else pending[: -len(b"<row")]
            numbers += _ROW_NUMBER.findall(whole)
            pending = pending[len(whole) :]
        numbers += _ROW_NUMBER.findall(pending)
    counts = Counter(int(n) for n in numbers)
    return {row: count for row, count in counts.items() if count > 1}
