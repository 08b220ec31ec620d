"""Row numbers as an .xlsx sheet's XML gives them (số dòng trong tệp).

Each `<row>` element names its Excel row (`r="12"`). Two elements with the same number are
not valid, and every reader keeps only the cells of the last one: the figures of the first
would be lost without a word. Attributes may come in any order (`<row spans="1:13" r="2">`).
"""

from __future__ import annotations

import operator
import re
import sys
import zipfile
from collections import Counter
from typing import IO

from danvan_cli.ingest.fast.xlsxpeek import sheet_part

# A row's tag up to its number's opening quote, attributes in any order, quoted either way;
# read once (possessive), about as fast as matching `<row r="` alone. Python 3.10 has no
# possessive quantifiers: there the same match may backtrack.
_ONCE = rb"*+" if sys.version_info >= (3, 11) else rb"*"
ROW_NUMBER_AT = rb"""<row\s[^>r]%b(?:r(?!\s*=)[^>r]%b)%b(?<=\s)r\s*=\s*["']""" % ((_ONCE,) * 3)
_ROW_NUMBER = re.compile(ROW_NUMBER_AT + rb"(\d+)")
_CHUNK = 1 << 22


def repeated_rows(path: str | IO[bytes], sheet_name: str) -> dict[int, int]:
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


class RowOrder:
    """A sheet's XML read through this (as through the stream it wraps), each row element's
    number looked at as it passes: `in_order` is True once the XML is read to its end with
    every number above the one before, as writers write them (no number can then be given
    twice); False when one is not (`repeated_rows` then tells which); None before the end."""

    def __init__(self, xml: IO[bytes]) -> None:
        self._xml = xml
        self._pending = b""  # the end of the piece read last: a row tag may be cut there
        self._last = 0
        self._ordered = True
        self.in_order: bool | None = None

    def read(self, size: int = -1) -> bytes:
        data = self._xml.read(size)
        at_end = not data and size != 0
        if self.in_order is None and self._ordered and (data or at_end):
            text = self._pending + data
            whole = len(text) if at_end else _whole_tags(text)
            self._see(text, whole)
            self._pending = text[whole:]
        if at_end:
            self.in_order = self._ordered
        return data

    def _see(self, text: bytes, end: int) -> None:
        numbers = list(map(int, _ROW_NUMBER.findall(text, 0, end)))
        if not numbers:
            return
        if numbers[0] <= self._last or not all(map(operator.lt, numbers, numbers[1:])):
            self._ordered = False
        self._last = numbers[-1]

    def __enter__(self) -> RowOrder:
        return self

    def __exit__(self, *exc: object) -> None:
        self._xml.__exit__(*exc)


def _whole_tags(text: bytes) -> int:
    """Where a piece of XML stops holding only whole row tags: at the last one if its end is
    not there yet, else before a "<ro" that may be cut at the piece's end."""
    last = text.rfind(b"<row")
    closing = text.find(b">", last) if last >= 0 else -1
    if last >= 0 and closing < 0:
        return last
    return max(closing + 1, len(text) - len(b"<ro"))
