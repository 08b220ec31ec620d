"""xlsxhalves: a big sheet decoded by two processes reads exactly as one decode of it."""

from __future__ import annotations

import json
import logging
import os
import re
import zipfile

import pyarrow as pa
import pytest
from openpyxl import Workbook

from danvan_cli.ingest import read
from danvan_cli.ingest.fast import xlsxhalves
from danvan_cli.ingest.fast.xlsxhalves import decode_first_half, load_columns, start_second_half
from danvan_cli.text.formatting import column_letters

TEXTS = [0, 1, 2, 3]
POSITIONS = list(range(9))
HEADER_ROW = 2  # 0-based: two title rows above


def national_like(path, rows: int = 3000, blank_every: int = 0, text_at: int | None = None):
    """Title rows, a header, then `rows` long-layout rows; a blank row after every
    `blank_every` rows; "12a" in the members column at data row `text_at`."""
    wb = Workbook()
    ws = wb.active
    ws.append(["BÁO CÁO SỐ LƯỢNG ĐOÀN VIÊN, HỘI VIÊN"])
    ws.append([])
    ws.append(["Tỉnh", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    ws["G3"], ws["H3"], ws["I3"] = "Số ĐV, HV tham gia sinh hoạt", "Tổng số hộ", "Số hộ có ĐV, HV"
    organizations = ["Hội Nông dân", "Hội LHPN", "Đoàn Thanh niên"]
    for i in range(rows):
        members = "12a" if i == text_at else 10 + i % 97
        village = f"Thôn {i // 3}"
        ws.append(
            [f"Tỉnh {i // 900}", f"Xã {i // 90}", village, organizations[i % 3], 1 + i % 4,
             members, i % 10, 300 + i // 3 % 7, 200 + i // 3 % 5]
        )  # fmt: skip
        if blank_every and i % blank_every == blank_every - 1:
            ws.append([])
    wb.save(path)
    return str(path)


def sheet_size(path: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo("xl/worksheets/sheet1.xml").file_size


def whole(path: str) -> pa.Table:
    return pa.Table.from_batches([load_columns(path, "Sheet", HEADER_ROW, POSITIONS, TEXTS)])


def in_halves(path: str) -> pa.Table | None:
    second = start_second_half(path, "Sheet", HEADER_ROW, POSITIONS, TEXTS)
    assert second is not None
    return decode_first_half(path, "Sheet", HEADER_ROW, POSITIONS, TEXTS, second)


@pytest.fixture
def split_small_sheets(monkeypatch):
    monkeypatch.setattr(xlsxhalves, "SPLIT_MIN_BYTES", 1)


@pytest.mark.parametrize("share", [0.1, 0.45, 0.5, 0.93])
@pytest.mark.parametrize("blank_every", [0, 1, 7])
def test_halves_read_as_the_whole_sheet(tmp_path, split_small_sheets, monkeypatch, share,
                                        blank_every):  # fmt: skip
    path = national_like(tmp_path / "quoc_gia.xlsx", blank_every=blank_every)
    monkeypatch.setattr(xlsxhalves, "FIRST_SHARE", share)
    expected = whole(path)
    joined = in_halves(path)
    assert joined is not None
    assert joined.schema.names == expected.schema.names
    assert joined.to_pandas().equals(expected.to_pandas())
    blank_rows = [i for i in range(2999) if blank_every and i % blank_every == blank_every - 1]
    assert len(joined) == 3000 + len(blank_rows)  # the blank rows between rows kept


def test_the_cut_falls_where_the_share_says(tmp_path, split_small_sheets, monkeypatch):
    path = national_like(tmp_path / "quoc_gia.xlsx")
    monkeypatch.setattr(xlsxhalves, "FIRST_SHARE", 0.5)
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as stream:
        row = xlsxhalves._read_to_cut(stream, sheet_size(path) // 2, None)
    assert 1400 < row < 1600  # rows are about as long as each other


def test_text_below_the_cut_in_a_figure_column_reads_whole(tmp_path, split_small_sheets):
    """Numbers above, "12a" below: decoded whole that column is text; the halves cannot
    tell, so the caller decodes the sheet whole."""
    path = national_like(tmp_path / "quoc_gia.xlsx", text_at=2900)
    assert in_halves(path) is None
    assert whole(path).schema.field(5).type == pa.dictionary(pa.int32(), pa.string())


def test_a_small_sheet_is_decoded_in_one_piece(tmp_path):
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=50)
    assert start_second_half(path, "Sheet", HEADER_ROW, POSITIONS, TEXTS) is None


def test_no_temporary_copy_is_left(tmp_path, split_small_sheets, monkeypatch):
    monkeypatch.setattr(xlsxhalves, "_temporary_folder", lambda size: str(tmp_path))
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    assert in_halves(path) is not None
    assert sorted(os.listdir(tmp_path)) == ["quoc_gia.xlsx"]


def test_a_sheet_without_row_numbers_reads_whole(tmp_path, split_small_sheets):
    """Rows written without r="..." cannot be pinned: decoded whole."""
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    change = lambda xml: xml.replace(b'<row r="', b'<row x="')  # noqa: E731
    assert in_halves(rewritten(path, tmp_path / "khong_so_dong.xlsx", change)) is None


def test_summarize_reads_a_big_workbook_in_halves(tmp_path, split_small_sheets, monkeypatch,
                                                  cli):  # fmt: skip
    """Through the command: the same JSON, and the split did happen."""
    path = national_like(tmp_path / "quoc_gia.xlsx", blank_every=11)
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)
    joined = []

    def decode_first_half(*args):
        joined.append(original(*args))
        return joined[-1]

    original = read.decode_first_half
    monkeypatch.setattr(read, "decode_first_half", decode_first_half)
    split = cli("summarize", path, "--format", "json")
    monkeypatch.setattr(xlsxhalves, "SPLIT_MIN_BYTES", 10**12)
    one_piece = cli("summarize", path, "--format", "json")
    assert len(joined) == 1 and joined[0] is not None
    assert split.exit_code == one_piece.exit_code == 0
    assert json.loads(split.stdout) == json.loads(one_piece.stdout)
    assert json.loads(split.stdout)["total"]["members"] == sum(10 + i % 97 for i in range(3000))


def test_column_letters():
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702, 16383)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"
    ]  # fmt: skip


def rewritten(path: str, target, change) -> str:
    """A copy of the workbook at `path` with its sheet's XML changed by `change`."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            copy.writestr(info, data)
    return str(target)


def test_a_row_out_of_order_below_the_cut_reads_whole(tmp_path, split_small_sheets):
    """Row 50 written after the last row: one decode places it at row 50; the child would
    drop it (it lies above its pinned header)."""
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)

    def move_row_50_to_the_end(xml: bytes) -> bytes:
        start = xml.index(b'<row r="50"')
        end = xml.index(b"</row>", start) + len(b"</row>")
        row = xml[start:end]
        xml = xml[:start] + xml[end:]
        return xml.replace(b"</sheetData>", row + b"</sheetData>")

    unordered = rewritten(path, tmp_path / "lon_xon.xlsx", move_row_50_to_the_end)
    assert in_halves(unordered) is None
    assert whole(unordered).to_pandas().equals(whole(path).to_pandas())


def test_rows_whose_cells_say_another_row_read_whole(tmp_path, split_small_sheets):
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    shifted = rewritten(
        path,
        tmp_path / "lech.xlsx",
        lambda xml: re.sub(rb'<row r="(\d+)"', lambda m: b'<row r="%d"' % (int(m[1]) + 1), xml),
    )
    assert in_halves(shifted) is None


def test_a_fork_that_fails_leaves_the_sheet_to_be_decoded_whole(tmp_path, split_small_sheets,
                                                                monkeypatch):  # fmt: skip
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    opened = len(os.listdir("/proc/self/fd"))

    def no_memory():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_memory)
    assert start_second_half(path, "Sheet", HEADER_ROW, POSITIONS, TEXTS) is None
    assert len(os.listdir("/proc/self/fd")) == opened


def test_a_column_blank_in_one_half_reads_as_the_other_half(tmp_path, split_small_sheets,
                                                            monkeypatch, cli, caplog):  # fmt: skip
    """Blank above the cut, numbers below: read as one decode reads it, without the
    library's English note on the console."""
    path = national_like(tmp_path / "quoc_gia.xlsx")
    blanked = rewritten(
        path,
        tmp_path / "trong.xlsx",
        lambda xml: re.sub(rb'<c r="I(?:\d{1,3}|1\d{3})"(?: t="n")?><v>\d+</v></c>', b"", xml),
    )
    expected = whole(blanked)
    assert expected.column(8).null_count == 1996  # rows 4 to 1999
    joined = in_halves(blanked)
    assert joined is not None and joined.to_pandas().equals(expected.to_pandas())
    logging.getLogger("fastexcel").setLevel(logging.NOTSET)  # as in a new process
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)
    caplog.clear()
    result = cli("summarize", blanked, "--format", "json")
    assert result.exit_code == 0
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fastexcel")] == []


def test_the_copies_are_never_seen_in_the_temporary_folder(tmp_path, split_small_sheets,
                                                           monkeypatch):  # fmt: skip
    """Unlinked as soon as made, read through /proc: nothing is left, however the process
    ends (Ctrl-C, a kill, os._exit)."""
    folder = tmp_path / "tam"
    folder.mkdir()
    monkeypatch.setattr(xlsxhalves, "_temporary_folder", lambda size: str(folder))
    seen = []
    original = xlsxhalves.load_columns

    def load_columns(source, *args):
        seen.append((source, os.listdir(folder)))
        return original(source, *args)

    monkeypatch.setattr(xlsxhalves, "load_columns", load_columns)
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    assert in_halves(path) is not None
    assert seen
    assert all(source.startswith("/proc/self/fd/") and not listed for source, listed in seen)


SHEET_PART = "xl/worksheets/sheet1.xml"


def read_all(stream) -> bytes:
    return b"".join(iter(lambda: stream.read(1 << 22), b""))


def test_the_sheet_is_inflated_as_zipfile_inflates_it(tmp_path):
    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    with zipfile.ZipFile(path) as archive:
        with xlsxhalves.sheet_xml(path, archive, SHEET_PART) as xml:
            assert isinstance(xml, xlsxhalves._Inflated)  # python-isal is installed
            inflated = read_all(xml)
        assert inflated == archive.read(SHEET_PART)


def test_a_damaged_sheet_fails_its_check(tmp_path):
    from isal import isal_zlib

    path = national_like(tmp_path / "quoc_gia.xlsx", rows=600)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET_PART)
        info.CRC ^= 1
        with (
            xlsxhalves._Inflated(path, info, isal_zlib) as xml,
            pytest.raises(zipfile.BadZipFile, match="CRC"),
        ):
            read_all(xml)


def test_without_isal_the_halves_are_read_by_zipfile(tmp_path, split_small_sheets,
                                                     monkeypatch):  # fmt: skip
    monkeypatch.setitem(__import__("sys").modules, "isal", None)  # "import isal" fails
    path = national_like(tmp_path / "quoc_gia.xlsx", blank_every=7)
    with zipfile.ZipFile(path) as archive:
        assert not isinstance(xlsxhalves.sheet_xml(path, archive, SHEET_PART),
                              xlsxhalves._Inflated)  # fmt: skip
    joined = in_halves(path)
    assert joined is not None and joined.to_pandas().equals(whole(path).to_pandas())


def spans_first(xml: bytes) -> bytes:
    """Row tags as other writers make them: `<row spans="1:9" r="2">`."""
    return re.sub(rb'<row r="(\d+)"', rb'<row spans="1:9" r="\1"', xml)


def a_row_moved_last(xml: bytes) -> bytes:
    """A row a third of the way down moved to the end of the sheet's rows (valid: a reader
    places a row by its number)."""
    starts = [m.start() for m in re.finditer(rb"<row ", xml)]
    start = starts[len(starts) // 3]
    end = xml.index(b"</row>", start) + len(b"</row>")
    row, xml = xml[start:end], xml[:start] + xml[end:]
    return xml.replace(b"</sheetData>", row + b"</sheetData>")


def layout_workbook(name: str, folder) -> str:
    """A workbook of a layout the test suite builds, with its writer's defaults."""
    from tests import test_layouts as layouts
    from tests import test_subtotals as subtotals
    from tests.conftest import SMALL_ROWS, write_workbook

    writers = {
        "small": lambda path: write_workbook(path, SMALL_ROWS),
        "clean": layouts.write_clean,
        "long_messy": lambda path: layouts.write_long_messy(path)[0],
        "wide": lambda path: layouts.write_wide(path)[0],
        "sections": lambda path: layouts.write_sections(path)[0],
        "bottom_up": lambda path: layouts.write_bottom_up(path)[0],
        "unit_wide": lambda path: layouts.write_unit_wide(path)[0],
        "unit_long": lambda path: layouts.write_unit_long(path)[0],
        "typed": layouts.write_typed,
        "cong": lambda path: subtotals.write(path, 25),
        "wide_total": lambda path: subtotals.write_wide(path, 30),
    }
    return str(writers[name](folder / f"{name}.xlsx"))


# Headers of one row: a column reads as numbers in both halves (a deeper header's text makes
# it text, and the halves of it, one all numbers, are refused).
ONE_HEADER_ROW = {"small", "clean", "bottom_up", "unit_long", "typed"}
LAYOUTS = [
    "small", "clean", "long_messy", "wide", "sections", "bottom_up", "unit_wide", "unit_long",
    "typed", "cong", "wide_total",
]  # fmt: skip


@pytest.mark.parametrize(
    "form",
    [None, spans_first, lambda xml: a_row_moved_last(spans_first(xml))],
    ids=["as_written", "spans_first", "spans_first_row_moved"],  # r first and moved: see above
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_alike_in_one_process_and_in_two(tmp_path, monkeypatch, cli, layout,
                                                            form):  # fmt: skip
    """Summarized with the sheet cut in two (forced on small sheets, at several places) and
    decoded whole: the same JSON, figures and problems. A row out of order or a tag whose
    attributes come in another order never loses a row's figures."""
    path = layout_workbook(layout, tmp_path)
    if form is not None:
        path = rewritten(path, tmp_path / f"{layout}_changed.xlsx", form)
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)
    monkeypatch.setattr(xlsxhalves, "SPLIT_MIN_BYTES", 10**12)
    one_piece = cli("summarize", path, "--format", "json")
    monkeypatch.setattr(xlsxhalves, "SPLIT_MIN_BYTES", 1)
    joined = []
    original = read.decode_first_half
    monkeypatch.setattr(
        read, "decode_first_half", lambda *a: joined.append(original(*a)) or joined[-1]
    )
    for share in (0.3, 0.55, 0.8):
        monkeypatch.setattr(xlsxhalves, "FIRST_SHARE", share)
        split = cli("summarize", path, "--format", "json")
        assert split.exit_code == one_piece.exit_code, share
        assert json.loads(split.stdout) == json.loads(one_piece.stdout), share
    if layout in ONE_HEADER_ROW and form in (None, spans_first):
        assert any(j is not None for j in joined)  # the halves were not refused every time
