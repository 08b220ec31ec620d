"""A big .xlsx sheet decoded by two processes (giải mã bảng tính lớn bằng hai tiến trình).

calamine parses a sheet's XML on one core (about 2.3 s for a country's 600,000 rows) while
the other core of an office PC waits. Here the XML is cut at a row element a little after
its middle: a forked child inflates the sheet's XML once, writes the rows above the cut into
a copy for this process (which meanwhile imports the rest of danvan), tells it the cut, and
goes on to write and decode the rows below while this process decodes the rows above; the
two Arrow tables are then joined. Each half is a copy of the workbook holding only its rows
(stored uncompressed, in a temporary file unlinked as soon as it is made), plus one cell, in
a column that is not read, that pins where its rows begin (the child's) or end (ours), so
that blank rows keep their places. The result has the columns, types and rows of one decode
of the whole sheet; whenever the halves could differ from it (no fork, rows without numbers
or out of order, a column read as numbers in one half and as text in the other), `None`
tells the caller to decode the sheet whole instead.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import signal
import struct
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from danvan_cli.ingest.fast.xlsxpeek import sheet_part
from danvan_cli.ingest.fast.xlsxrows import ROW_NUMBER_AT
from danvan_cli.text.formatting import column_letters

if TYPE_CHECKING:
    import pyarrow as pa

SPLIT_MIN_BYTES = 40_000_000  # a sheet's XML (uncompressed) below this is decoded in one piece
# Of the XML, above the cut (ours): the child reads the XML to its end before it decodes.
FIRST_SHARE = 0.55
_CHUNK = 1 << 22
_RAW_CHUNK = 1 << 19  # deflated bytes inflated at a time: pieces of about 4 MB of XML
_ROW_START = re.compile(rb"<row[\s>/]")
# Attributes in any order, quoted either way, with or without spaces around "=".
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_FIRST_CELL = re.compile(rb"""\s*<c\s[^>]*?(?<=\s)r\s*=\s*["'][A-Z]+(\d+)["']""")
_SHEET_DATA = b"<sheetData>"
_SHEET_END = b"</sheetData>"
_EMPTY_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


def load_columns(
    source: str, sheet: str, header_row: int, positions: Sequence[int], texts: Collection[int]
) -> pa.RecordBatch:
    """The columns at `positions` under the header, decoded by fastexcel (calamine into
    Arrow); those in `texts` as text. Types are told from whole columns, so a text cell far
    down a figure column stays text, never a blank. Text comes as dictionaries (categories
    in pandas), each distinct value once, factorised here in the decoding thread or child."""
    import fastexcel
    import pyarrow as pa
    import pyarrow.compute as pc

    # "Could not determine dtype for column 6, falling back to string" (a column without a
    # value) is fastexcel's note to programmers: the column reads as blanks all the same.
    logging.getLogger("fastexcel").setLevel(logging.ERROR)
    # Eager: straight into Arrow (measured 0.4 s less at 600k rows than lazily).
    batch = fastexcel.read_excel(source).load_sheet(
        sheet,
        header_row=header_row,
        use_columns=list(positions),
        dtypes={p: "string" for p in texts},
        schema_sample_rows=None,
        eager=True,
    )
    columns = [pc.dictionary_encode(c) if pa.types.is_string(c.type) else c for c in batch]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


@dataclass
class SecondHalf:
    """The child decoding the rows below the cut, the pipe it answers on (the cut's row number
    once our copy is written, then its rows) and our copy, which it writes."""

    pid: int
    pipe: int  # read end
    part: str  # the sheet's XML in the package, found once for both processes
    first: int  # our copy of the workbook: an unlinked file, read through /proc


def start_second_half(
    file: str, sheet: str, header_row: int, positions: Sequence[int], texts: Collection[int]
) -> SecondHalf | None:
    """Fork a child that reads the sheet's XML once, writes both copies (ours first) and
    decodes the rows below the cut; None when the sheet is small, or forking is not safe
    here (not Linux, threads other than danvan's decoders, no /proc to read the unlinked
    copies through), or fails."""
    if not sys.platform.startswith("linux") or not _only_decoder_threads():
        return None
    if not os.path.isdir("/proc/self/fd"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            part = sheet_part(archive, sheet)
            size = archive.getinfo(part).file_size
            if size < SPLIT_MIN_BYTES:
                return None
            first = _unlinked_file(_copies_size(archive, part))
    except Exception:  # an unusual package: decoded whole, where its problem is told
        return None
    try:
        read_end, write_end = os.pipe()
    except OSError:
        os.close(first)
        return None
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: decoded whole
        for descriptor in (read_end, write_end, first):
            os.close(descriptor)
        return None
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        code = 1
        try:
            _leave_parent_streams(read_end)
            _send_second_half(file, part, sheet, header_row, positions, texts, first, write_end)
            code = 0
        finally:
            os._exit(code)  # nothing of the parent's may run in the child
    os.close(write_end)
    return SecondHalf(pid, read_end, part, first)


def _leave_parent_streams(read_end: int) -> None:  # pragma: no cover - runs in the child
    """The child holds none of the parent's streams (a reader of danvan's output sees its
    end when the parent ends) and is killed when the parent dies."""
    os.close(read_end)
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1
_CUT_BYTES = 8  # the cut's row number, as the child tells it


def decode_first_half(
    file: str,
    sheet: str,
    header_row: int,
    positions: Sequence[int],
    texts: Collection[int],
    second: SecondHalf,
) -> pa.Table | None:
    """Our rows above the cut (in the copy the child wrote for us) joined to the child's
    below it, or None (decode it whole)."""
    import pyarrow as pa

    try:
        with os.fdopen(second.pipe, "rb", closefd=False) as pipe:
            told = pipe.read(_CUT_BYTES)
            if len(told) < _CUT_BYTES:  # the child could not cut the sheet, or failed
                return None
            row = int.from_bytes(told, "little")
            path = f"/proc/self/fd/{second.first}"
            first = load_columns(path, sheet, header_row, positions, texts)
            below = pa.ipc.open_stream(pipe).read_all()
    except Exception:  # the child or a copy failed: decoded whole, where it is told
        return None
    finally:
        os.close(second.first)
        os.close(second.pipe)  # a child still writing ends (broken pipe) before we wait
        os.waitpid(second.pid, 0)
    if first.num_rows != row - header_row - 1 or _has_values(first, first.num_rows - 1):
        return None
    return _joined(pa.Table.from_batches([first.slice(0, first.num_rows - 1)]), below)


def stop_second_half(second: SecondHalf) -> None:
    """The child ended (its rows are not wanted) and what it shared with us closed."""
    os.close(second.first)
    os.close(second.pipe)
    os.kill(second.pid, signal.SIGKILL)  # not waited for yet: never gone
    os.waitpid(second.pid, 0)


def _send_second_half(
    file: str,
    part: str,
    sheet: str,
    header_row: int,
    positions: Sequence[int],
    texts: Collection[int],
    first: int,
    pipe: int,
) -> None:  # pragma: no cover - runs in the child
    """The sheet's XML read once: the rows above the cut into the parent's copy (`first`),
    whose cut is then told on `pipe`; the rest into ours, decoded and sent on `pipe`."""
    import pyarrow as pa

    pin = max(positions) + 1
    with zipfile.ZipFile(file) as archive, sheet_xml(file, archive, part) as xml:
        above = _SheetCopy(archive, part, first)
        below = _SheetCopy(archive, part)
        try:

            def keep(head: bytes, rest: Iterator[bytes], cut: int) -> None:
                if cut - 2 <= header_row:
                    raise _NoCut
                above.write(_pin_row(cut, pin) + _SHEET_END + b"</worksheet>")
                above.finish()
                os.write(pipe, cut.to_bytes(_CUT_BYTES, "little"))  # the parent decodes now
                _copied_in_order(below.write)(head, rest, cut)

            row = _read_to_cut(xml, above.target, above.write, keep, pin)
            below.finish()
            columns = load_columns(below.path, sheet, row - 2, positions, texts)
        finally:
            above.close()
            below.close()
    with os.fdopen(pipe, "wb") as out, pa.ipc.new_stream(out, columns.schema) as stream:
        stream.write_batch(columns)


def sheet_xml(file: str, archive: zipfile.ZipFile, part: str) -> IO[bytes]:
    """The sheet's XML, inflated by ISA-L (python-isal: about three times as fast as zlib,
    0.14 s against 0.46 s for a country's sheet) when the member is plainly deflated; by
    zipfile otherwise, or without python-isal."""
    info = archive.getinfo(part)
    try:
        from isal import isal_zlib
    except ImportError:
        return archive.open(part)
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1:  # 1: encrypted
        return archive.open(part)
    return _Inflated(file, info, isal_zlib)


class _Inflated:
    """A deflated member of a zip file read straight from the file, its CRC checked at the
    end (a damaged sheet fails here, and is then decoded whole, where its problem is told).
    It never gives more than the size the archive declares (a zip bomb's may lie)."""

    def __init__(self, file: str, info: zipfile.ZipInfo, inflater) -> None:
        self._file = open(file, "rb")  # noqa: SIM115 - closed with this reader
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        signature, name, extra = _LOCAL_HEADER.unpack(header)
        if signature != b"PK\x03\x04":
            self._file.close()
            raise zipfile.BadZipFile("no local header")
        self._file.seek(name + extra, os.SEEK_CUR)
        self._left = info.compress_size
        self._inflate = inflater.decompressobj(-15)
        self._crc32 = inflater.crc32
        self._crc, self._expected = 0, info.CRC
        self._room = info.file_size  # bytes still to come, as declared

    def read(self, _size: int = -1) -> bytes:
        """The next piece of the XML (at most a chunk); b"" at the end."""
        while self._left or self._inflate.unconsumed_tail:
            raw = self._inflate.unconsumed_tail
            if not raw:
                raw = self._file.read(min(self._left, _RAW_CHUNK))
                if not raw:
                    raise zipfile.BadZipFile("the member ends early")
                self._left -= len(raw)
            data = self._inflate.decompress(raw, _CHUNK)
            if data:
                return self._counted(data)
        return self._counted(self._inflate.flush())

    def _counted(self, data: bytes) -> bytes:
        self._room -= len(data)
        if self._room < 0:
            raise zipfile.BadZipFile("File is larger than its declared uncompressed size")
        self._crc = self._crc32(data, self._crc)
        if not data and self._crc != self._expected:
            raise zipfile.BadZipFile("bad CRC-32")
        return data

    def __enter__(self) -> _Inflated:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._file.close()


# The local file header: signature, then (after 22 bytes) the lengths of the name and extra.
_LOCAL_HEADER = struct.Struct("<4s22xHH")


class _NoCut(Exception):
    """The sheet's XML cannot be cut safely: no numbered row where it should be cut, or a
    row numbered above the cut comes after it."""


class _SheetCopy:
    """A copy of the workbook in an unlinked temporary file (nothing is left behind, however
    the process ends): every member but the sheet as it is (other sheets emptied); the
    sheet's XML is written by the caller (`write`), then `finish`ed. `path` reads it.
    `handle`: a file made for it already (`_unlinked_file`), else one is made."""

    def __init__(self, archive: zipfile.ZipFile, part: str, handle: int | None = None) -> None:
        self.part = part
        size = archive.getinfo(self.part).file_size
        self.target = int(size * FIRST_SHARE)  # the cut is at the first row from this byte
        if handle is None:
            handle = _unlinked_file(_copies_size(archive, part))
        self._file = os.fdopen(handle, "w+b")
        self.path = f"/proc/self/fd/{handle}"
        self._zip = zipfile.ZipFile(self._file, "w", zipfile.ZIP_STORED)
        for info in archive.infolist():
            if info.filename != self.part:
                is_sheet = info.filename.startswith("xl/worksheets/sheet")
                self._zip.writestr(info.filename, _EMPTY_SHEET if is_sheet else archive.read(info))
        self._sheet = self._zip.open(self.part, "w", force_zip64=size > 2**31 - 2**20)
        self.write = self._sheet.write

    def finish(self) -> None:
        self._sheet.close()
        self._zip.close()
        self._file.flush()

    def close(self) -> None:
        try:
            self.finish()
        finally:
            self._file.close()


def _copies_size(archive: zipfile.ZipFile, part: str) -> int:
    """Bytes the two copies take together, at most: the sheet's XML once, the rest twice."""
    size = archive.getinfo(part).file_size
    return size + 2 * sum(m.file_size for m in archive.infolist() if m.filename != part)


def _unlinked_file(needed: int) -> int:
    """A new temporary file, already unlinked (`needed`: bytes the copies take)."""
    handle, name = tempfile.mkstemp(".xlsx", "danvan-", _temporary_folder(needed))
    os.unlink(name)
    return handle


def _temporary_folder(needed: int) -> str | None:
    """/dev/shm (memory) when it has room for both copies, else the system's temporary
    folder."""
    memory = "/dev/shm"
    if os.path.isdir(memory) and os.access(memory, os.W_OK):
        return memory if shutil.disk_usage(memory).free > needed * 1.5 else None
    return None


def _copied_in_order(write: Callable[[bytes], object]) -> Callable:
    """`keep` for `_read_to_cut`: the XML from the cut on, written with `write`; _NoCut if
    a row numbered above the cut comes after it (rows out of order: one decode of the whole
    sheet places it above, the child would drop it)."""

    def keep(head: bytes, rest: Iterator[bytes], cut: int) -> None:
        above_cut = _numbers_below(cut)
        write(head)
        tail = b""
        for chunk in rest:
            if above_cut.search(tail + chunk[:_TAG_BYTES]) or above_cut.search(chunk):
                raise _NoCut
            tail = chunk[-_TAG_BYTES:]
            write(chunk)

    return keep


_TAG_BYTES = 512  # a row's tag is shorter: one cut between two pieces of XML is seen whole


def _read_to_cut(
    stream: IO[bytes],
    target: int,
    above: Callable[[bytes], object] | None,
    keep: Callable[[bytes, Iterator[bytes], int], None] | None = None,
    pin_column: int = 0,
) -> int:
    """Read a sheet's XML to the first row element at or after byte `target`: the number of
    the row at the cut. The bytes above the cut go to `above`; with `keep`, it is given the
    XML's start (to `<sheetData>`) with a row pinning the cut (a cell at `pin_column`), then
    everything from the cut on, and the cut's number."""
    pending, start, prefix = b"", 0, None
    while chunk := stream.read(_CHUNK):
        pending += chunk
        if prefix is None:
            found = pending.find(_SHEET_DATA)
            if found < 0:
                continue
            prefix = pending[: found + len(_SHEET_DATA)]
        row = _ROW_START.search(pending, max(0, target - start))
        closing = pending.find(b">", row.start()) if row else -1
        if closing >= 0 and len(pending) - closing > _TAG_BYTES:  # the first cell's tag read whole
            number = _cut_number(pending, row.start(), closing)
            if above is not None:
                above(pending[: row.start()])
            if keep is not None:
                head = prefix + _pin_row(number - 1, pin_column)
                keep(head, _rest(pending[row.start() :], stream), number)
            return number
        if _SHEET_END in pending:
            raise _NoCut
        given = max(0, len(pending) - _TAG_BYTES)  # a row's tag may run into the next chunk
        if above is not None:
            above(pending[:given])
        start, pending = start + given, pending[given:]
    raise _NoCut


def _cut_number(xml: bytes, start: int, closing: int) -> int:
    """The number of the row whose tag is at `start`, which its first cell (if any) must
    agree with: the pins are placed by it."""
    number = _ROW_NUMBER.search(xml, start, closing)
    if number is None:
        raise _NoCut
    cell = _FIRST_CELL.match(xml, closing + 1)
    if cell is not None and cell.group(1) != number.group(1):
        raise _NoCut
    return int(number.group(1))


def _rest(first: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    yield first
    while chunk := stream.read(_CHUNK):
        yield chunk


def _numbers_below(cut: int) -> re.Pattern[bytes]:
    """A row tag numbered below `cut`, its attributes in any order (Excel writes r first,
    other writers `<row spans="1:13" r="2">`)."""
    digits = str(cut)
    shorter = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    same_length = [
        rf"{digits[:i]}[0-{int(d) - 1}]\d{{{len(digits) - i - 1}}}"
        for i, d in enumerate(digits)
        if d != "0"
    ]
    below = "|".join(shorter + same_length).encode()
    return re.compile(ROW_NUMBER_AT + rb"0*(?:" + below + rb""")["']""")


def _pin_row(number: int, column: int) -> bytes:
    """A row holding one cell, in a column that is not read."""
    letters = column_letters(column).encode()
    return b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>.</t></is></c></row>' % (
        number,
        letters,
        number,
    )


def _has_values(batch: pa.RecordBatch, index: int) -> bool:
    return any(column[index].is_valid for column in batch.columns)


def _joined(above: pa.Table, below: pa.Table) -> pa.Table | None:
    """The two halves as one table, or None when a column's values are of different types
    in each (a column of numbers above, with text below, reads as text when decoded whole)."""
    import pyarrow as pa

    columns = []
    for top, bottom in zip(above.columns, below.columns, strict=True):
        if top.type != bottom.type:  # a half without a value takes the other's type
            if top.null_count == len(top):
                top = pa.chunked_array([pa.nulls(len(top), bottom.type)])
            elif bottom.null_count == len(bottom):
                bottom = pa.chunked_array([pa.nulls(len(bottom), top.type)])
            else:
                return None
        columns.append(pa.chunked_array(top.chunks + bottom.chunks, type=top.type))
    return pa.table(columns, names=above.column_names).unify_dictionaries()


def _only_decoder_threads() -> bool:
    main = threading.main_thread()
    return all(t is main or t.name.startswith("danvan-decode") for t in threading.enumerate())
