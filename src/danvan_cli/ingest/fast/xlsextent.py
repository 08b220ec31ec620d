"""How far the cells of an .xls workbook's sheets reach, from its records (phạm vi trang .xls).

An .xls file is a compound document (sectors chained by a table) holding a "Workbook"
stream of BIFF records; each cell record gives its row and column (16 bits each, so a
forged file can place a value at row 65,536, column 65,536: four billion cells for the
reader to lay out). The stream is followed sector by sector and its cell records read,
nothing decoded.
"""

from __future__ import annotations

import struct

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_STREAMS = ("Workbook", "Book")
_BOF, _BOUNDSHEET = 0x0809, 0x0085
# Records of a cell holding something: row and column first (MULRK: its last column at the end).
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6, 0x00BD})
_MULRK = 0x00BD


def xls_extents(data: bytes) -> dict[str, tuple[int, int]]:
    """Each sheet's (rows, columns) from A1 to its farthest cell holding a value; {} when
    the file is not laid out as expected (the reader then tells what is wrong)."""
    try:
        stream = _workbook_stream(data)
    except (struct.error, IndexError, ValueError):
        return {}
    return _extents(stream) if stream else {}


def _workbook_stream(data: bytes) -> bytes | None:
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    size = 1 << shift
    directory_start, cutoff, mini_fat_start = struct.unpack_from("<I4xII", data, 48)
    difat_start, difat_count = struct.unpack_from("<II", data, 68)
    table_sectors = list(struct.unpack_from("<109I", data, 76))
    for sector in _chain_of_difat(data, difat_start, difat_count, size):
        table_sectors.extend(struct.unpack_from(f"<{size // 4 - 1}I", data, 512 + sector * size))
    fat: list[int] = []
    for sector in table_sectors:
        if sector not in (_FREE, _END):
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, 512 + sector * size))
    directory = _read(data, fat, directory_start, size)
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    for entry in entries:
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
        start, stream_size = struct.unpack_from("<II", entry, 116)
        if entry[66] == 2 and name in _STREAMS:
            if stream_size >= cutoff:
                return _read(data, fat, start, size)[:stream_size]
            root = entries[0]
            mini_stream = _read(data, fat, struct.unpack_from("<I", root, 116)[0], size)
            mini_fat_bytes = _read(data, fat, mini_fat_start, size)
            mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
            return _read(mini_stream, mini_fat, start, 1 << mini_shift, 0)[:stream_size]
    return None


def _chain_of_difat(data: bytes, sector: int, count: int, size: int) -> list[int]:
    sectors = []
    for _ in range(count):
        if sector in (_FREE, _END):
            break
        sectors.append(sector)
        sector = struct.unpack_from("<I", data, 512 + sector * size + size - 4)[0]
    return sectors


def _read(data: bytes, table: list[int], sector: int, size: int, header: int = 512) -> bytes:
    """The sectors chained from `sector` by `table`, joined (a chain that loops ends)."""
    pieces = []
    for _ in range(len(table)):
        if sector >= len(table):
            break
        pieces.append(data[header + sector * size : header + (sector + 1) * size])
        sector = table[sector]
    return b"".join(pieces)


def _extents(stream: bytes) -> dict[str, tuple[int, int]]:
    names: dict[int, str] = {}  # where a sheet's records begin -> its name
    extents: dict[str, tuple[int, int]] = {}
    sheet = None
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind == _BOF:
            sheet = names.get(position)
        elif kind == _BOUNDSHEET and length >= 8:
            start, chars, flags = struct.unpack_from("<I2xBB", stream, body)
            text = stream[body + 8 : body + 8 + (chars * 2 if flags & 1 else chars)]
            names[start] = text.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
        elif kind in _CELLS and sheet is not None and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            if kind == _MULRK and length >= 6:
                column = struct.unpack_from("<H", stream, body + length - 2)[0]
            rows, columns = extents.get(sheet, (0, 0))
            extents[sheet] = (max(rows, row + 1), max(columns, column + 1))
        position = body + length
    return extents
