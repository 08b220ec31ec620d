"""What danvan refuses to read (giới hạn): files that would take the office PC down.

A workbook is a zip archive of XML. A few megabytes can inflate to gigabytes (a "zip
bomb"), and one value placed far away (`XFD1048576`, a legal address) makes the reader lay
out every blank cell up to it: billions of cells. Both are told before anything is decoded,
from the archive's directory and from the sheet's XML read as bytes; such a file is one
file's error, the others are read as usual. The limits are set by the command line.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import IO, TypeVar

from danvan_cli.ingest.fast.xlsextent import xls_extents
from danvan_cli.ingest.fast.xlsxhalves import sheet_xml
from danvan_cli.ingest.fast.xlsxpeek import far_corner, sheet_part
from danvan_cli.ingest.fast.xlsxrows import RowOrder
from danvan_cli.model.problems import Problem
from danvan_cli.text.formatting import column_letters

MB = 1 << 20
T = TypeVar("T")
RATIO_GRACE = MB  # a member inflating to less than this is never judged by its ratio


@dataclass(frozen=True)
class Limits:
    """The largest input read; 0 means no limit."""

    max_cells: int = 30_000_000  # a sheet's rows × columns, counted from A1
    max_unzipped_mb: int = 1024  # all members of an archive, inflated
    max_zip_ratio: int = 100  # a member's inflated size over its compressed size


DEFAULT = Limits()
_current = [DEFAULT]


def set_limits(limits: Limits) -> None:
    """The limits every file is read under, from now on (worker processes get them too)."""
    _current[0] = limits


def current() -> Limits:
    return _current[0]


ARCHIVE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".ods"})


def check_workbook(path: Path) -> Problem | None:
    """An error when a workbook is too large to open: see `check_archive`; an .xls file
    holding a sheet of too many cells (opening one reads every sheet's records)."""
    return _once(_check_workbook, path)


def check_sheet(path: Path, sheet: str) -> Problem | None:
    """An error when an .xlsx sheet's cells, from A1 to the farthest holding a value, are
    more than the limit (the readers would lay out every one of them)."""
    checked = _once(_check_sheet, path, sheet)
    return checked.refused if checked else None


def rows_in_order(path: Path, sheet: str) -> bool:
    """Whether each row element of an .xlsx sheet is numbered above the one before (two
    rows can then not share a number), seen in the same reading of its XML as
    `check_sheet`; True for other files."""
    checked = _once(_check_sheet, path, sheet)
    return checked is None or checked.rows_in_order


@dataclass(frozen=True)
class _SheetCheck:
    refused: Problem | None
    rows_in_order: bool


def _once(check: Callable[..., T], path: Path, *args: str) -> T | None:
    """`check(path, *args)`, made once per file as it is and limits (a file is opened to
    tell the kind of its tables, then to read them; worker processes inherit the answers)."""
    try:
        status = path.stat()
    except OSError:  # the reader tells
        return None
    return _checked(check, path, (status.st_size, status.st_mtime_ns), current(), *args)


@functools.lru_cache(maxsize=8192)
def _checked(check, path: Path, _identity: tuple, _limits: Limits, *args: str):
    return check(path, *args)


def _check_workbook(path: Path) -> Problem | None:
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return check_archive(path)
    limits = current()
    if suffix != ".xls" or not limits.max_cells:
        return None
    try:
        extents = xls_extents(path.read_bytes())
    except OSError:  # the reader tells
        return None
    return _first_too_large(path, extents, limits)


def check_archive(path: Path) -> Problem | None:
    """An error when the archive would inflate past the limits, by what its directory
    declares (the readers never inflate a member past its declared size); for .ods, also
    when a sheet is too large (opening one lays out every sheet)."""
    limits = current()
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            refused = _too_much_inflated(path, members, limits)
            if refused is None and path.suffix.lower() == ".ods" and limits.max_cells:
                with archive.open("content.xml") as xml:
                    return _first_too_large(path, ods_extents(xml), limits)
            return refused
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):  # the reader tells
        return None


ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .ods: a zip archive; .xls is an OLE file


def check_archive_in_memory(name: str, data: bytes) -> Problem | None:
    """`check_workbook` for a workbook held in memory (piped in), named `name`: what its
    archive declares inflated and an .ods sheet's cells; an .xls sheet's records."""
    limits, path = current(), Path(name)
    if not data.startswith(ZIP_MAGIC):
        return _first_too_large(path, xls_extents(data), limits) if limits.max_cells else None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            refused = _too_much_inflated(path, archive.infolist(), limits)
            if refused is None and limits.max_cells and "content.xml" in archive.namelist():
                with archive.open("content.xml") as xml:
                    return _first_too_large(path, ods_extents(xml), limits)
            return refused
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):  # the reader tells
        return None


def check_sheet_in_memory(name: str, data: bytes, sheet: str) -> Problem | None:
    """`check_sheet` for an .xlsx sheet of a workbook held in memory (piped in)."""
    limits = current()
    if not data.startswith(ZIP_MAGIC) or not limits.max_cells:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _part(archive, sheet)
            corner = far_corner(lambda: archive.open(part), limits.max_cells)
    except (zipfile.BadZipFile, KeyError, StopIteration, OSError, ValueError, EOFError):
        return None  # not an .xlsx (an .ods), or an unusual package: the reader tells
    return None if corner is None else _too_many_cells(Path(name), sheet, *corner, limits)


def _too_much_inflated(path: Path, members: list[zipfile.ZipInfo], limits: Limits):
    total = sum(member.file_size for member in members)
    if limits.max_unzipped_mb and total > limits.max_unzipped_mb * MB:
        params = {"size": _megabytes(total), "limit": _number(limits.max_unzipped_mb)}
        return Problem("error", "archive_too_large", file=str(path), params=params)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if limits.max_zip_ratio and member.file_size > RATIO_GRACE and ratio > limits.max_zip_ratio:
            params = {
                "member": member.filename,
                "size": _megabytes(member.file_size),
                "packed": -(-member.compress_size // 1024),
                "ratio": int(ratio),
                "limit": limits.max_zip_ratio,
            }
            return Problem("error", "archive_ratio", file=str(path), params=params)
    return None


def _check_sheet(path: Path, sheet: str) -> _SheetCheck:
    """The sheet's cells against the limit (xlsxpeek.far_corner) and its rows' order, in
    one reading of its XML (or two: see `far_corner`; the rows are seen in the last)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return _SheetCheck(None, True)
    limits = current()
    with zipfile.ZipFile(path) as archive:
        try:
            part = _part(archive, sheet)
        except (KeyError, StopIteration):  # an unusual package: the reader tells
            return _SheetCheck(None, True)
        small = archive.getinfo(part).file_size < MB  # read by zipfile, without a second open
        readings: list[RowOrder] = []

        def open_xml() -> IO[bytes]:
            xml = archive.open(part) if small else sheet_xml(str(path), archive, part)
            readings.append(RowOrder(xml))
            return readings[-1]

        if limits.max_cells:
            corner = far_corner(open_xml, limits.max_cells)
        else:
            corner = None
            with open_xml() as xml:
                while xml.read(_PIECE):
                    pass
    refused = None if corner is None else _too_many_cells(path, sheet, *corner, limits)
    return _SheetCheck(refused, readings[-1].in_order is True)


_PIECE = 1 << 22


def _part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The sheet's XML in the package: the only worksheet there is (a commune's file; no
    need to read the workbook's parts), else as the workbook names it."""
    sheets = [n for n in archive.namelist() if _WORKSHEET.fullmatch(n)]
    part = sheets[0] if len(sheets) == 1 else sheet_part(archive, sheet)
    archive.getinfo(part)
    return part


_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


def _first_too_large(
    path: Path, extents: dict[str, tuple[int, int]], limits: Limits
) -> Problem | None:
    for sheet, (rows, columns) in extents.items():
        if rows * columns > limits.max_cells:
            return _too_many_cells(path, sheet, rows, columns, limits)
    return None


def _too_many_cells(path: Path, sheet: str, rows: int, columns: int, limits: Limits) -> Problem:
    params = {
        "rows": _number(rows),
        "columns": _number(columns),
        "cells": _number(rows * columns),
        "limit": _number(limits.max_cells),
        "needed": rows * columns,
    }
    column = column_letters(columns - 1)
    return Problem("error", "sheet_too_large", str(path), sheet, rows, column, params=params)


_ODS_ELEMENT = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)/?>"
)
_TABLE_NAME = re.compile(rb'table:name="([^"]*)"')
_REPEATED = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')


def ods_extents(xml: IO[bytes]) -> dict[str, tuple[int, int]]:
    """Each sheet of an .ods `content.xml`: (rows, columns) from A1 to its farthest cell
    holding a value, repeated rows and cells counted as the reader repeats them."""
    extents: dict[str, tuple[int, int]] = {}
    sheet = None
    row = column = 0  # rows passed in the sheet, cells in the row being read
    tail = b""
    while chunk := xml.read(1 << 22):
        text = tail + chunk
        end = 0
        for element in _ODS_ELEMENT.finditer(text):
            closing, name, attributes = element.groups()
            end = element.end()
            repeated = _REPEATED.search(attributes)
            count = int(repeated.group(1)) if repeated else 1
            if name == b"table":
                named = _TABLE_NAME.search(attributes)
                sheet = _text(named.group(1)) if named and not closing else None
                row = 0
            elif sheet is None or closing:
                continue
            elif name == b"table-row":  # `row`: the last of the rows it stands for
                row, column = row + count, 0
            else:
                column += count
                if b"value-type=" in attributes:  # a cell holding a value
                    rows, columns = extents.get(sheet, (0, 0))
                    extents[sheet] = (max(rows, row), max(columns, column))
        last = text.rfind(b"<", end)
        tail = text[last:] if last >= 0 and b">" not in text[last:] else b""
    return extents


def _text(value: bytes) -> str:
    return unescape(value.decode("utf-8", "replace"))


def _number(count: int) -> str:
    """12 345 678: read alike in Vietnamese and English."""
    return f"{count:,}".replace(",", " ")


def _megabytes(size: int) -> int:
    return -(-size // MB)
