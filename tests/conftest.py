"""Shared fixtures: the bundled sample and small workbooks built in code."""

from __future__ import annotations

import csv
import io
import threading
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from danvan_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HAU_GIANG = SAMPLES / "hau_giang_2020_membership.xlsx"

HEADER = [
    "Huyện",
    "Xã",
    "Thôn",
    "Đoàn thể",
    "Số chi hội",
    "Số hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
]

# A small long-layout report with figures in the thousands, two districts, three villages.
# Totals: 9 branches, 2.734 members, 2.200 attending, 4.500 households (each village once:
# 1.250 + 800 + 2.450), 3.280 households with members (1.000 + 700 + 1.580) = 72,89%.
SMALL_ROWS: list[list[object]] = [
    ["Huyện Châu Thành", "Xã Đông Phước", "Ấp 10", "Hội Nông dân", 2, 620, 500, 1250, 1000],
    ["Huyện Châu Thành", "Xã Đông Phước", "Ấp 10", "Hội LHPN", 1, 480, 400, 1250, 1000],
    ["Huyện Châu Thành", "Xã Đông Phước", "Ấp 2", "Hội Nông dân", 1, 350, 300, 800, 700],
    ["Huyện Châu Thành", "Xã Đông Phước", "Ấp 2", "Đoàn Thanh niên", 1, 150, 100, 800, 700],
    ["Huyện Long Mỹ", "Xã Long Bình", "Ấp Dưới", "Hội Nông dân", 3, 900, 700, 2450, 1580],
    ["Huyện Long Mỹ", "Xã Long Bình", "Ấp Dưới", "Hội Cựu chiến binh", 1, 234, 200, 2450, 1580],
]
SMALL_TOTAL = {
    "branches": 9,
    "members": 2734,
    "members_attending": 2200,
    "households": 4500,
    "households_with_members": 3280,
}


def write_workbook(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[object] = HEADER,
    sheet: str = "Data",
    above: Sequence[Sequence[object]] = (),
) -> Path:
    """A one-sheet workbook: `above` (title rows), then the header, then `rows`.

    Without `above` the header is on row 1 and the first data row is Excel row 2.
    """
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in above:
        worksheet.append(list(row))
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[object] = HEADER,
    delimiter: str = ",",
    bom: bool = False,
    encode: Callable[[str], bytes] | None = None,
) -> Path:
    """A CSV file in UTF-8 (with a BOM if asked), quoted where needed; `encode` writes the
    text in another encoding."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    if encode is None:
        path.write_bytes(text.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    else:
        path.write_bytes(encode(text.getvalue()))
    return path


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows writes it in Windows-1258: a letter the code page has whole
    (ê, ơ, ă, đ), else that letter without its tone and the tone mark after it."""
    out = []
    for letter in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", letter)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        whole = letter.encode("cp1258", errors="ignore")
        out.append(whole if whole else (base + tones).encode("cp1258"))
    return b"".join(out)


COMMUNES = ("Tân An", "Tân Bình", "Phú Hữu", "Long Thạnh", "Vị Thủy")


def write_commune_report(path: Path, commune: str, extra: int = 0, members: object = None) -> Path:
    """A commune's report as sent: the province and the commune named in the titles, a
    percent column, two villages with two organisations each, a "Cộng" row and a signature
    block. Members 40..43 (+ `extra`; `members` replaces the first row's): 166 a file."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append(["UBMTTQ TỈNH HẬU GIANG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([f"BAN THƯỜNG TRỰC UBMTTQ XÃ {commune.upper()}"])
    sheet.append([f"BÁO CÁO SỐ LƯỢNG ĐOÀN VIÊN, HỘI VIÊN XÃ {commune.upper()}"])
    sheet.append(["STT", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên", "Tỷ lệ sinh hoạt (%)"])
    rows = [
        [1, "Ấp 1", "Hội Nông dân", 1, 40 + extra, 90],
        [2, "Ấp 1", "Hội LHPN", 1, 41, 85],
        [3, "Ấp 2", "Hội Nông dân", 1, 42, 80],
        [4, "Ấp 2", "Hội LHPN", 1, 43, 75],
    ]
    if members is not None:
        rows[0][4] = members
    for row in rows:
        sheet.append(row)
    total = 166 + extra
    sheet.append([None, "Cộng", None, 4, total, None])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path):
    """Build a workbook in the test's folder: make_workbook(rows, header=..., name=...)."""

    def make(rows, header=HEADER, name="report.xlsx", sheet="Data", above=()) -> Path:
        return write_workbook(tmp_path / name, rows, header, sheet, above)

    return make


@pytest.fixture
def make_csv(tmp_path: Path):
    """Build a CSV file in the test's folder: make_csv(rows, delimiter=";", bom=True)."""

    def make(rows, header=HEADER, name="report.csv", delimiter=",", bom=False) -> Path:
        return write_csv(tmp_path / name, rows, header, delimiter, bom)

    return make


@pytest.fixture
def small_workbook(make_workbook) -> Path:
    """`SMALL_ROWS` as a workbook named bao_cao.xlsx."""
    return make_workbook(SMALL_ROWS, name="bao_cao.xlsx")


# Rich must see a plain, non-interactive stream whatever the CI environment says.
_PLAIN_ENV = {
    "FORCE_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
    "NO_COLOR": "1",
}


@pytest.fixture
def cli():
    """Run `danvan ARGS...` in-process; fails the test on any Python traceback.

    Returns click's Result: `.exit_code`, `.stdout`, `.stderr` (kept apart in this Typer).
    """
    runner = CliRunner(env=_PLAIN_ENV)

    def invoke(*args: object):
        result = runner.invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(*result.exc_info))
            pytest.fail(f"danvan {' '.join(map(str, args))} raised:\n{trace}")
        return result

    return invoke


@pytest.fixture(params=["whole", "by_columns", "in_halves"])
def both_readers(request, monkeypatch):
    """Run a test with each way of reading a workbook: a small sheet decoded whole by
    python-calamine, and a big one's top rows peeked at and its body decoded by columns
    (fastexcel), here forced on small files; "in_halves" also decodes each such body by two
    processes (xlsxhalves, forced on small sheets) and holds it to the one decode."""
    if request.param != "whole":
        monkeypatch.setattr("danvan_cli.ingest.read.SMALL_FILE_BYTES", 0)
    if request.param == "in_halves":
        decode_also_in_halves(monkeypatch)
    return request.param


CUTS = (0.3, 0.55, 0.8)  # where the XML is cut, as shares of its bytes


def decode_also_in_halves(monkeypatch) -> list[bool]:
    """Each .xlsx body the load decodes is decoded again by two processes, cut at each of
    `CUTS`, and must come out exactly as the one decode whenever the halves are not refused
    as doubtful (a header over several rows makes its columns text: the halves, one of
    them all numbers, are then refused). Returns, per body and cut, whether it was decoded
    in halves."""
    import pyarrow as pa

    from danvan_cli.ingest import read
    from danvan_cli.ingest.fast import xlsxhalves

    monkeypatch.setattr(xlsxhalves, "SPLIT_MIN_BYTES", 1)
    one_decode, joined = read._decode, read.decode_first_half
    split: list[bool] = []

    def decode_first_half(*args):  # a command's own split (start_decoding)
        halves = joined(*args)
        split.append(halves is not None)
        return halves

    def decode(file, sheet, header_row, positions, texts):
        columns, names = one_decode(file, sheet, header_row, positions, texts)
        if sheet is None or threading.current_thread() is not threading.main_thread():
            return columns, names  # a CSV file; a fork waits for the decoding thread
        args = (file, sheet, header_row, positions, texts)
        whole = pa.Table.from_batches([columns])
        for share in CUTS:
            monkeypatch.setattr(xlsxhalves, "FIRST_SHARE", share)
            second = xlsxhalves.start_second_half(*args)
            halves = xlsxhalves.decode_first_half(*args, second) if second else None
            if halves is not None:
                assert halves.schema == whole.schema, (file, share)
                assert halves.to_pandas().equals(whole.to_pandas()), (file, share)
            split.append(halves is not None)
        return columns, names

    monkeypatch.setattr(read, "_decode", decode)
    monkeypatch.setattr(read, "decode_first_half", decode_first_half)
    return split
