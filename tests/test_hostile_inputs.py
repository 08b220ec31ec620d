"""Hostile files: a value placed far away, zip bombs, headers that lie (limits.py).

Each file is built here, small. Those that took gigabytes are read by `danvan` in a
subprocess under a memory limit (RLIMIT_AS, on Linux) and must end in seconds with a
located error, the other files of the run read and summed.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Border, Side

from danvan_cli.ingest import limits
from danvan_cli.ingest.fast.xlsxhalves import sheet_xml
from danvan_cli.ingest.load import _load_part
from danvan_cli.text.formatting import column_letters
from tests.conftest import HEADER, SMALL_ROWS, SMALL_TOTAL, write_workbook

SHEET = "xl/worksheets/sheet1.xml"
MEMORY = 3 << 29  # address space for a whole danvan process (reading these needs far less)
# Address space reserved but never used, which RLIMIT_AS counts: an arena of 64 MB per
# thread (glibc), a thread pool per core (rayon), jemalloc's (pyarrow).
_FEW_RESERVATIONS = {
    "MALLOC_ARENA_MAX": "2",
    "RAYON_NUM_THREADS": "2",
    "ARROW_DEFAULT_MEMORY_POOL": "system",
}
ROOT = Path(__file__).resolve().parent.parent


def danvan_limited(*args: object, setup: str = "") -> subprocess.CompletedProcess:
    """`danvan ARGS` in a process of its own, its memory limited on Linux (the test runner
    is not); `setup` runs first (module settings, say)."""
    script = "\n".join(
        [
            "import sys",
            "if sys.platform.startswith('linux'):",
            "    import resource",
            f"    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))",
            setup,
            f"sys.argv = ['danvan', *{[str(a) for a in args]!r}]",
            "from danvan_cli.cli.launch import main",
            "main()",
        ]
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "200"}
    env.update(_FEW_RESERVATIONS)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
    )


def commune_report(path: Path, rows=SMALL_ROWS) -> Path:
    """A report laid out as a commune sends one: title rows, the header, the rows."""
    above = [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN"], []]
    return write_workbook(path, rows, above=above)


def with_sheet_xml(path: Path, change) -> Path:
    """The workbook at `path` rewritten with its sheet's XML changed by `change(xml)`."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, change(data) if name == SHEET else data)
    return path


def with_far_value(path: Path, reference: str) -> Path:
    """One more row, holding one value at `reference` (Excel row and column)."""
    row = re.sub("[A-Z]", "", reference)
    cell = f'<row r="{row}"><c r="{reference}"><v>1</v></c></row>'.encode()
    return with_sheet_xml(path, lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"))


READERS = {  # module settings that make danvan read a small file as each reader does
    "whole": "",
    "by_columns": "import danvan_cli.ingest.read; danvan_cli.ingest.read.SMALL_FILE_BYTES = 0",
    "two_processes": "import danvan_cli.ingest.read, danvan_cli.ingest.fast.xlsxhalves as h; "
    "danvan_cli.ingest.read.SMALL_FILE_BYTES = h.SPLIT_MIN_BYTES = 0",
}


def problems_of(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)["problems"]


# --- a value far away ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "rows", "column"),
    [("XFD5000", 5000, "XFD"), ("XFD1048576", 1048576, "XFD"), ("B999999999", 999999999, "I")],
)
@pytest.mark.parametrize("reader", ["whole", "by_columns", "two_processes"])
def test_a_value_far_away_is_refused_before_it_is_laid_out(
    tmp_path, reference, rows, column, reader
):
    """Each reader: a small sheet decoded whole, a big one by columns, a big one in two
    processes (the second stopped: no process is left behind)."""
    path = with_far_value(commune_report(tmp_path / "xa_a.xlsx"), reference)
    setup = READERS[reader]
    result = danvan_limited("summarize", path, "-f", "json", setup=setup)
    assert result.returncode == 1, result.stderr
    [refused] = [p for p in problems_of(result) if p["code"] == "sheet_too_large"]
    assert (refused["file"], refused["sheet"], refused["row"], refused["column"]) == (
        str(path),
        "Data",
        rows,
        column,
    )
    assert "--max-cells" in refused["expected"]
    assert "Traceback" not in result.stderr


def test_a_far_value_in_one_file_of_many_leaves_the_others_summed(tmp_path):
    """Read by two worker processes, as a folder of many communes is: the far value is one
    file's error (once it ended the pool: BrokenProcessPool, nothing written)."""
    good = [
        commune_report(tmp_path / f"xa_{i}.xlsx", [SMALL_ROWS[i]]) for i in range(len(SMALL_ROWS))
    ]
    bad = with_far_value(commune_report(tmp_path / "xa_xa.xlsx", SMALL_ROWS[:1]), "XFD1048576")
    setup = "import danvan_cli.ingest.load; danvan_cli.ingest.load.PARALLEL_FILES = 2"
    result = danvan_limited("summarize", tmp_path, "--skip-invalid", "-f", "json", setup=setup)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert {k: document["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL
    codes = [(p["file"], p["code"]) for p in document["problems"] if p["severity"] == "error"]
    assert codes == [(str(bad), "sheet_too_large")]
    assert len(good) == 6


def test_a_file_whose_decoder_aborts_its_worker_is_that_files_error(tmp_path):
    """Without the cells limit, the far value makes the decoder abort its worker process
    (out of memory, SIGABRT); that share is read again apart, down to the file: one file's
    error (it was a BrokenProcessPool traceback, nothing written), the others summed."""
    good = [
        commune_report(tmp_path / f"xa_{i}.xlsx", [SMALL_ROWS[i]]) for i in range(len(SMALL_ROWS))
    ]
    bad = with_far_value(commune_report(tmp_path / "xa_xa.xlsx", SMALL_ROWS[:1]), "XFD1048576")
    setup = "import danvan_cli.ingest.load; danvan_cli.ingest.load.PARALLEL_FILES = 2"
    args = ("summarize", tmp_path, "--max-cells", "0", "-f", "json")
    result = danvan_limited(*args, setup=setup)
    assert result.returncode == 2, result.stderr
    assert [(p["file"], p["code"]) for p in problems_of(result)] == [(str(bad), "file_reader_died")]
    result = danvan_limited(*args, "--skip-invalid", setup=setup)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert {k: document["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL
    assert "Traceback" not in result.stderr
    assert len(good) == 6


def test_the_limit_is_raised_by_an_option(tmp_path):
    path = with_far_value(commune_report(tmp_path / "xa_a.xlsx"), "Z100")
    result = danvan_limited("validate", path, "--max-cells", "1000", "-f", "json")
    assert "sheet_too_large" in [p["code"] for p in problems_of(result)]
    result = danvan_limited("validate", path, "--max-cells", "2600", "-f", "json")
    assert "sheet_too_large" not in [p["code"] for p in problems_of(result)]


def test_cells_placed_by_their_order_are_counted_too(tmp_path):
    """Cells and rows written without a reference are placed one after the other."""
    far = b"<row>" + b"<c/>" * 20000 + b"<c><v>1</v></c></row>" + b"<row><c/></row>" * 2000

    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    path = with_sheet_xml(commune_report(tmp_path / "xa_a.xlsx"), change)
    result = danvan_limited("summarize", path, "-f", "json", "--max-cells", "100000")
    [refused] = [p for p in problems_of(result) if p["code"] == "sheet_too_large"]
    assert (refused["row"], refused["column"]) == (11, column_letters(20000))  # the 20,001st


def test_ordinary_sheets_are_read_as_before(tmp_path, cli):
    """Cells formatted far away but holding nothing, rows written without a reference,
    an unusual attribute order: read, not refused."""
    path = commune_report(tmp_path / "xa_a.xlsx")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(HEADER)
    for row in SMALL_ROWS:
        sheet.append(row)
    sheet["XFD1048576"].border = Border(left=Side(style="thin"))
    workbook.save(formatted := tmp_path / "xa_b.xlsx")
    assert b'r="XFD1048576"' in zipfile.ZipFile(formatted).read(SHEET)
    unnumbered = with_sheet_xml(
        commune_report(tmp_path / "xa_c.xlsx"),
        lambda xml: re.sub(rb'<row r="\d+"', b"<row", re.sub(rb'<c r="[A-Z]+\d+"', b"<c", xml)),
    )
    for file in (path, formatted, unnumbered):
        result = cli("summarize", file, "-f", "json")
        assert result.exit_code == 0, result.stderr
        total = json.loads(result.stdout)["total"]
        assert {k: total[k] for k in SMALL_TOTAL} == SMALL_TOTAL


def test_an_ods_sheet_with_repeated_values_is_refused(tmp_path):
    """.ods repeats a cell or a row by a count: 2 KB can stand for billions of cells."""
    source = Path(__file__).parent / "fixtures" / "membership_clean.ods"
    with zipfile.ZipFile(source) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    blank_rows = b'<table:table-row table:style-name="ro1" table:number-rows-repeated='
    repeated = (
        b'<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        b'office:value-type="float" office:value="7" table:number-columns-repeated="16384">'
        b"<text:p>7</text:p></table:table-cell></table:table-row>" + blank_rows
    )
    path = tmp_path / "xa_a.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "content.xml":
                data = data.replace(blank_rows, repeated, 1)  # after its 17 rows
            archive.writestr(info, data)
    result = danvan_limited("summarize", path, "-f", "json")
    [refused] = [p for p in problems_of(result) if p["code"] == "sheet_too_large"]
    assert (refused["row"], refused["column"]) == (100017, "XFD")


# --- zip bombs ----------------------------------------------------------------------------


def bomb(path: Path, inflated: int) -> Path:
    """A workbook whose sheet inflates to `inflated` bytes of blanks after its table
    (made from one compressed piece repeated: a few MB of file)."""
    commune_report(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET)
    head, end = xml.split(b"</sheetData>")
    piece = 1 << 20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = [packer.compress(head + b"</sheetData>"), packer.flush(zlib.Z_FULL_FLUSH)]
    repeated = packer.compress(b" " * piece) + packer.flush(zlib.Z_FULL_FLUSH)
    count = (inflated - len(xml)) // piece
    data += [repeated] * count + [packer.compress(end), packer.flush()]
    size = len(xml) + count * piece
    return _replaced_member(path, SHEET, b"".join(data), size)


def _replaced_member(path: Path, name: str, deflated: bytes, size: int) -> Path:
    """The archive with member `name` holding `deflated` and declaring `size` (CRC 0)."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            if info.filename == name:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, deflated)
            else:
                archive.writestr(info, data)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<HHHIII", raw, offset + 8, 8, 0, 0, 0, len(deflated), size)
    end = raw.rfind(b"PK\x05\x06")  # the end of the central directory: where it starts
    count, _, central = struct.unpack_from("<HII", raw, end + 10)
    for _ in range(count):
        lengths = struct.unpack_from("<HHH", raw, central + 28)
        if raw[central + 46 : central + 46 + lengths[0]] == name.encode():
            struct.pack_into("<HHHIII", raw, central + 10, 8, 0, 0, 0, len(deflated), size)
        central += 46 + sum(lengths)
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """3 GB of XML in 3 MB: once 120 s and 5.3 GB before the reader gave up."""
    path = bomb(tmp_path / "xa_a.xlsx", 3 << 30)
    assert path.stat().st_size < 4 << 20
    good = commune_report(tmp_path / "xa_b.xlsx", SMALL_ROWS[:2])
    result = danvan_limited("summarize", path, good, "--skip-invalid", "-f", "json", "--lang", "en")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    [refused] = [p for p in document["problems"] if p["severity"] == "error"]
    assert (refused["file"], refused["code"]) == (str(path), "archive_too_large")
    assert "3072 MB" in refused["message"] and "--max-unzipped-mb 3072" in refused["expected"]
    assert document["total"]["members"] == 620 + 480


def test_a_member_compressed_too_much_is_refused(tmp_path):
    path = bomb(tmp_path / "xa_a.xlsx", 200 << 20)
    result = danvan_limited("validate", path, "-f", "json")
    [problem] = [p for p in problems_of(result) if p["code"] == "archive_ratio"]
    assert f"«{SHEET}»" in problem["message"] and "--max-zip-ratio" in problem["expected"]


def test_a_bomb_named_beside_a_usage_mistake_costs_nothing(tmp_path):
    """The decoding started before the command line is parsed sees the limit too."""
    path = bomb(tmp_path / "xa_a.xlsx", 3 << 30)
    started = time.monotonic()
    result = danvan_limited("summarize", path, "--format", "nope")
    assert time.monotonic() - started < 15  # 24 s under this memory limit before
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_a_member_larger_than_it_declares_is_not_inflated_past_it(tmp_path):
    """The sheet's XML inflated by ISA-L stops at the declared size, as zipfile does."""
    path = commune_report(tmp_path / "xa_a.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    padded = xml.replace(b"</sheetData>", b"</sheetData>" + b" " * (64 << 20))
    _replaced_member(path, SHEET, packer.compress(padded) + packer.flush(), len(xml))
    inflated = 0
    with zipfile.ZipFile(path) as archive:
        stream = sheet_xml(str(path), archive, SHEET)
        with stream, pytest.raises(zipfile.BadZipFile):
            while chunk := stream.read():
                inflated += len(chunk)
    assert inflated <= len(xml)


def test_the_limits_reach_the_worker_processes(monkeypatch):
    monkeypatch.setattr(limits, "_current", [limits.DEFAULT])
    chosen = limits.Limits(max_cells=7, max_unzipped_mb=8, max_zip_ratio=9)
    _load_part((None, [], None, None, None, None, chosen))  # no files: only limits
    assert limits.current() == chosen


def test_an_xls_cell_far_away_is_refused(tmp_path):
    """.xls places each cell by a 16-bit row and column: up to four billion cells."""
    data = bytearray((Path(__file__).parent / "fixtures" / "membership_clean.xls").read_bytes())
    header_cell = data.find(b"\xfd\x00\x0a\x00\x00\x00\x00\x00")  # LABELSST at A1
    struct.pack_into("<HH", data, header_cell + 4, 0xFFFF, 0x3FFF)
    path = tmp_path / "xa_a.xls"
    path.write_bytes(bytes(data))
    result = danvan_limited("summarize", path, "-f", "json")
    [refused] = [p for p in problems_of(result) if p["code"] == "sheet_too_large"]
    assert (refused["sheet"], refused["row"], refused["column"]) == ("Sheet1", 65536, "XFD")
