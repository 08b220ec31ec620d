"""The first rows of an .xlsx sheet without decoding the whole sheet (đọc nhanh phần đầu).

Finding the header needs only the top of a sheet, but calamine decodes a sheet whole.
On a national file that doubles the cost, so for .xlsx/.xlsm the first rows are read
straight from the sheet's XML, stopping early, with shared strings resolved as needed.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO
from xml.etree.ElementTree import iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def peek_rows(path: str, sheet_name: str, nrows: int) -> list[list[object]]:
    """Cells of the first `nrows` rows, from row 1 and column A (blank cells as "")."""
    with zipfile.ZipFile(path) as archive:
        part = sheet_part(archive, sheet_name)
        cells: dict[tuple[int, int], tuple[str | None, str]] = {}
        with archive.open(part) as stream:
            for row, column, kind, value in _iter_cells(stream, nrows):
                cells[(row, column)] = (kind, value)
        wanted = {int(v) for kind, v in cells.values() if kind == "s" and v.isdigit()}
        strings = _shared_strings(archive, max(wanted) if wanted else -1)
    width = max((c for _, c in cells), default=-1) + 1
    height = max((r for r, _ in cells), default=-1) + 1
    grid: list[list[object]] = [[""] * width for _ in range(min(height, nrows))]
    for (row, column), (kind, value) in cells.items():
        grid[row][column] = _value(kind, value, strings)
    return grid


def sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str:
    workbook = _parse(archive, "xl/workbook.xml")
    relation = next(
        s.get(f"{_REL}id") for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == sheet_name
    )
    relations = _parse(archive, "xl/_rels/workbook.xml.rels")
    target = next(
        r.get("Target")
        for r in relations.iter(f"{_PACKAGE_REL}Relationship")
        if r.get("Id") == relation
    )
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _parse(archive: zipfile.ZipFile, name: str):
    from xml.etree.ElementTree import fromstring

    return fromstring(archive.read(name))


def _iter_cells(stream, nrows: int):
    """(row, column, type, raw value) of each cell, 0-based, until row `nrows`."""
    row_number = -1
    for event, element in iterparse(stream, events=("start", "end")):
        if event == "start" and element.tag == f"{_MAIN}row":
            reference = element.get("r")
            row_number = int(reference) - 1 if reference else row_number + 1
            if row_number >= nrows:
                return
            column_number = -1
        elif event == "end" and element.tag == f"{_MAIN}c":
            match = _CELL_REF.fullmatch(element.get("r") or "")
            column_number = _column_index(match.group(1)) if match else column_number + 1
            if column_number >= EXCEL_COLUMNS:  # no such column: the grid would not end
                raise ValueError(f"column {match.group(1) if match else column_number}")
            kind = element.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in element.iter(f"{_MAIN}t"))
            else:
                found = element.find(f"{_MAIN}v")
                value = found.text if found is not None and found.text is not None else ""
            yield row_number, column_number, kind, value
            element.clear()
        elif event == "end" and element.tag == f"{_MAIN}row":
            element.clear()


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _shared_strings(archive: zipfile.ZipFile, last: int) -> list[str]:
    """Shared strings up to index `last` (header strings come early: no need for all)."""
    strings: list[str] = []
    if last < 0 or "xl/sharedStrings.xml" not in archive.namelist():
        return strings
    data = archive.read("xl/sharedStrings.xml")
    if b":si>" in data or b":si " in data:  # elements named with a prefix: parsed in full
        return _parsed_strings(data, last)
    for match in _STRING_ITEM.finditer(data):
        plain, other = match.groups()
        strings.append(plain.decode("utf-8") if plain is not None else _item_text(other))
        if len(strings) > last:
            break
    return strings


# <si><t>text</t></si> with nothing to decode in the text (no entity, no carriage return),
# taken as it is; any other item (rich text, entities, empty) goes through the XML parser.
_STRING_ITEM = re.compile(
    rb'<si><t(?: xml:space="preserve")?>([^<&\r]*)</t></si>|(<si>.*?</si>|<si\s*/>)', re.S
)


def _item_text(item: bytes) -> str:
    from xml.etree.ElementTree import fromstring

    element = fromstring(item.replace(b"<si", _NAMESPACED_ITEM, 1))
    return "".join(t.text or "" for t in element.iter(f"{_MAIN}t"))


_NAMESPACED_ITEM = b'<si xmlns="' + _MAIN[1:-1].encode() + b'"'


def _parsed_strings(data: bytes, last: int) -> list[str]:
    strings: list[str] = []
    for _event, element in iterparse(io.BytesIO(data), events=("end",)):
        if element.tag == f"{_MAIN}si":
            strings.append("".join(t.text or "" for t in element.iter(f"{_MAIN}t")))
            element.clear()
            if len(strings) > last:
                break
    return strings


def _value(kind: str | None, value: str, strings: list[str]) -> object:
    if kind == "s":
        return strings[int(value)] if value.isdigit() and int(value) < len(strings) else ""
    if kind in ("str", "inlineStr", "e"):
        return value
    if kind == "b":
        return value == "1"
    if value == "":
        return ""
    number = float(value)
    return number


_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)'
    rb"\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"
)


def formulas_without_values(path: str, sheet_name: str) -> list[tuple[int, int]]:
    """(Excel row, column index from 0) of formula cells saved without a computed value.

    Files written by programs that do not calculate (scripts, some exporters) hold the
    formula only; every reader then sees a blank. Excel fills the values when it saves.
    """
    found = []
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(sheet_part(archive, sheet_name)) as stream:
        while chunk := stream.read(_SCAN_BYTES):
            text = tail + chunk
            if b"<f" in text:
                for match in _FORMULA_WITHOUT_VALUE.finditer(text):
                    found.append((int(match.group(2)), _column_index(match.group(1).decode())))
            cut = text.rfind(b"<c ", max(0, len(text) - _LONGEST_CELL))  # a cell cut in two
            tail = text[cut:] if cut >= 0 else b""
    return sorted(set(found))


_LONGEST_CELL = 1 << 16  # a formula of Excel's 8,192 characters, each written as an entity


EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # the largest sheet Excel makes


def far_corner(
    open_xml: Callable[[], AbstractContextManager[IO[bytes]]], max_cells: int
) -> tuple[int, int] | None:
    """None when the cells holding a value, counted from A1 as the readers lay them out
    (calamine allocates every cell of that rectangle), are at most `max_cells`; else the
    (rows, columns) they span. `open_xml()` opens the sheet's XML, once or twice.

    Read without making cells: when the `dimension` is small enough and no cell's reference
    goes past its count of letters and digits (one search over the XML), the sheet fits;
    otherwise every row and cell element is looked at (their references, or their places
    when written without one)."""
    with open_xml() as xml:
        fits = _fits_by_dimension(xml, max_cells)
    if fits:
        return None
    with open_xml() as xml:
        rows, columns = _extent(xml)
    return None if rows * columns <= max_cells else (rows, columns)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
_OVERLAP = 64  # bytes of a chunk searched again with the next: a reference cut in two


def _fits_by_dimension(xml: IO[bytes], max_cells: int) -> bool:
    """Whether every cell's reference has at most the letters and digits of the
    `dimension`'s last cell, and any cell so written fits in `max_cells` (plain elements
    only). One search over the XML."""
    first = xml.read(_PEEK_BYTES)
    found = _DIMENSION.search(first)
    if found is None or b"<worksheet" not in first:  # no dimension, or a namespace prefix
        return False
    letters, digits = len(found.group(1)), len(found.group(2))
    if _column_index("Z" * letters) + 1 > max_cells // (10**digits - 1):
        return False
    tail = b""
    chunk = first
    while chunk:
        following = xml.read(_SCAN_BYTES)
        text = tail + chunk
        if _unusual_cell(text, letters, digits, complete=not following):
            return False
        tail = text[-_OVERLAP:]
        chunk = following
    return True


def _unusual_cell(data: bytes, letters: int, digits: int, complete: bool) -> bool:
    """Whether a cell's reference has more letters or digits than given, or the cell has no
    reference first (placed by counting); unless `complete`, a cell at the very end, cut
    off, is left to the next piece. A big piece is searched by RE2 (pyarrow): twice as
    fast as Python's, and without holding the interpreter while danvan imports the rest; a
    small one (a commune's sheet) by Python's, which needs no pyarrow.compute."""
    more_letters = f"[A-Z]{{{letters + 1}}}"
    more_digits = f"[A-Z]{{0,{letters}}}[0-9]{{{digits + 1}}}"
    if len(data) < _RE2_BYTES:
        pattern = rf'<c(?: r="(?:{more_letters}|{more_digits})|(?! r=")[\s/>])'
        found = re.search(pattern.encode(), data)
        return found is not None and (complete or found.start() < len(data) - _OVERLAP // 2)
    import pyarrow as pa
    import pyarrow.compute as pc

    pattern = rf'<c(?: r="(?:{more_letters}|{more_digits})|>|/|\s(?:[^r]|r[^=]|r=[^"]))'
    offsets = pa.py_buffer(struct.pack("<qq", 0, len(data)))
    value = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    return pc.match_substring_regex(value, pattern)[0].as_py()  # matches only what is there


_RE2_BYTES = 1 << 20


_PEEK_BYTES = 1 << 16
_SCAN_BYTES = 1 << 22
_ELEMENT = re.compile(rb"<(/?)(?:\w+:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
_REFERENCE = re.compile(rb'\sr="([A-Z]*)(\d+)"')


def _extent(xml: IO[bytes]) -> tuple[int, int]:
    """(rows, columns) from A1 to the farthest cells holding something, placed as calamine
    places them: by their reference, else next to the cell before (rows likewise)."""
    rows = columns = 0
    row = column = 0  # of the element being read, 1-based
    tail = b""
    while chunk := xml.read(_SCAN_BYTES):
        text = tail + chunk
        end = 0
        for element in _ELEMENT.finditer(text):
            closing, name, attributes, empty = element.groups()
            end = element.end()
            if name == b"row":
                if closing:
                    column = 0
                    continue
                reference = _REFERENCE.search(attributes)
                row = int(reference.group(2)) if reference else row + 1
                column = 0
                continue
            if closing:
                continue
            reference = _REFERENCE.search(attributes)
            if reference and reference.group(1):
                row = int(reference.group(2))
                column = _column_index(reference.group(1).decode()) + 1
            else:
                column += 1
            if not empty:  # a cell written empty holds no value: never laid out
                rows, columns = max(rows, row), max(columns, column)
        last = text.rfind(b"<", end)
        tail = text[last:] if last >= 0 and b">" not in text[last:] else b""
    return rows, columns
