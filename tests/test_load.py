"""load: many files are read by two processes and join as one table, renumbered."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.engine.summarize import load_membership
from danvan_cli.engine.validate import validate_membership
from danvan_cli.ingest import load
from danvan_cli.ingest.load import PARALLEL_FILES
from danvan_cli.kinds.membership import MEMBERSHIP

HEADER = "Tỉnh,Xã,Thôn,Đoàn thể,Số chi hội,Số hội viên,Tổng số hộ\n"


def write_communes(folder: Path, count: int, bad_commune: int | None = None) -> None:
    for number in range(count):
        members = "12a" if number == bad_commune else str(10 + number)
        lines = [
            f"Tỉnh A,Xã {number},Thôn 1,Hội Nông dân,1,{members},100\n",
            f"Tỉnh A,Xã {number},Thôn 1,Hội LHPN,1,5,100\n",
            f"Tỉnh A,Xã {number},Thôn 2,Hội Nông dân,1,3,50\n",
        ]
        (folder / f"xa_{number:03d}.csv").write_text(HEADER + "".join(lines), encoding="utf-8")


def test_many_files_add_up_as_one(tmp_path):
    count = PARALLEL_FILES + 5
    write_communes(tmp_path, count)
    summary = pipeline.summarize(MEMBERSHIP, [str(tmp_path / "*.csv")])
    assert summary.exit_code == 0
    total = summary.rollup.total
    assert total["members"] == sum(10 + n for n in range(count)) + 8 * count
    assert total["households"] == 150 * count
    assert total["branches"] == 3 * count
    communes = summary.rollup.tables["commune"]
    assert len(communes[communes["organization"] == "all"]) == count


def test_problems_from_worker_processes_name_their_own_file(tmp_path):
    count = PARALLEL_FILES + 5
    write_communes(tmp_path, count, bad_commune=37)
    data = load_membership([str(tmp_path / "*.csv")])
    validate_membership(data)
    errors = [
        (p.code, Path(p.file).name, p.row, p.value) for p in data.problems if p.severity == "error"
    ]
    assert errors == [("not_a_number", "xa_037.csv", 2, "12a")]
    assert len(data.tables) == count
    assert sorted(set(data.records["_table"])) == list(range(count))


def test_a_note_ends_the_table_and_figures_below_it_are_an_error(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Xã", "Ấp", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append(["Xã B", "Ấp 1", "Hội Nông dân", 2, 100])
    sheet.append([])
    sheet.append(["Ghi chú: số liệu tính đến 30/6"])
    sheet.append([None, None, None, "NGƯỜI LẬP BIỂU"])
    sheet.append(["Xã B", "Ấp 9", "Hội Nông dân", 5, 500])
    path = tmp_path / "ghi_chu.xlsx"
    workbook.save(path)
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert summary.exit_code == 1 and summary.rollup is None
    found = [(p.severity, p.code, p.row) for p in summary.problems]
    assert found == [("warning", "signature_block", 4), ("error", "figures_below_table", 6)]


def test_files_with_different_level_columns_get_one_error_each(tmp_path):
    before = tmp_path / "truoc.csv"
    before.write_text("Huyện,Xã,Thôn,Số hội viên\nHuyện A,Xã B,Thôn 1,5\nHuyện A,Xã B,Thôn 2,6\n")
    after = tmp_path / "sau.csv"
    after.write_text("Tỉnh,Xã,Thôn,Số hội viên\nTỉnh C,Xã D,Thôn 1,7\n")
    summary = pipeline.summarize(MEMBERSHIP, [str(before), str(after)])
    assert summary.exit_code == 1
    found = [(p.code, Path(p.file).name, p.row) for p in summary.problems]
    assert found == [
        ("missing_level_column", "sau.csv", 1),
        ("missing_level_column", "truoc.csv", 1),
    ]
    message = next(p for p in summary.problems if p.file == str(after)).message("vi")
    assert "không có cột cấp huyện" in message and "tỉnh, xã, thôn" in message


def test_a_commune_named_only_in_the_title_keeps_its_villages_apart(tmp_path):
    from openpyxl import Workbook

    for commune in ("LONG VĨNH", "LONG BÌNH"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
        sheet.append([f"ỦY BAN MTTQ VIỆT NAM XÃ {commune}"])
        sheet.append([])
        sheet.append(["Ấp", "Đoàn thể", "Số chi hội", "Số hội viên"])
        sheet.append(["Ấp 1", "Hội Nông dân", 1, 40])
        sheet.append(["Ấp 2", "Hội Nông dân", 1, 10])
        workbook.save(tmp_path / f"{commune}.xlsx")
    summary = pipeline.summarize(MEMBERSHIP, [str(tmp_path / "*.xlsx")])
    assert summary.exit_code == 0
    assert summary.levels == ["commune", "village"]
    communes = summary.rollup.tables["commune"]
    communes = communes[communes["organization"] == "all"]
    assert list(communes["commune"]) == ["Xã Long Bình", "Xã Long Vĩnh"]
    assert list(communes["members"]) == [50, 50]
    notes = [(p.code, p.row, p.value) for p in summary.problems]
    assert notes == [("unit_from_title", 2, "Xã Long Bình"), ("unit_from_title", 2, "Xã Long Vĩnh")]


def _commune_files(folder: Path) -> list[Path]:
    """Commune reports from one template, each with its own quirks (titles naming the
    commune, subtotal rows, names written once, a note ending the table, a bad cell)."""
    from tests.conftest import write_workbook

    header = ["Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Tổng số hộ"]
    files = []
    for number, commune in enumerate(["AN", "BÌNH", "CHÂU", "ĐÔNG", "GIANG", "HÒA"]):
        title = [[f"ỦY BAN MTTQ VIỆT NAM XÃ {commune}"], ["BÁO CÁO"]]
        rows = [
            ["Ấp 1", "Hội Nông dân", 1, 10 + number, 100],
            [None if number % 2 else "Ấp 1", "Hội LHPN", 1, 5, 100],
            ["Ấp 2", "Hội Nông dân", 1, "12a" if number == 3 else 3, 50],
        ]
        if number == 4:
            rows.append(["Cộng", None, 3, 22, 150])
        if number == 5:
            rows += [[], ["Ghi chú: số liệu đến 30/6"], ["Ấp 9", "Hội Nông dân", 9, 9, 9]]
        files.append(write_workbook(folder / f"xa_{number}.xlsx", rows, header, above=title))
    typed = [[1, "Hội Nông dân", 1, 4, 40], [2, "Hội LHPN", 1, 6, 60]]  # villages as numbers
    title = [["ỦY BAN MTTQ VIỆT NAM XÃ KHÁNH"], ["BÁO CÁO"]]  # as tall as the others: one batch
    files.append(write_workbook(folder / "xa_6.xlsx", typed, header, above=title))
    tcvn3 = [["Th«n §«ng", "Héi N«ng d©n", 1, 7, 70]]  # "Thôn Đông", "Hội Nông dân" in TCVN3
    title = [["ỦY BAN MTTQ VIỆT NAM XÃ LỘC"], ["BÁO CÁO"]]
    files.append(write_workbook(folder / "xa_7.xlsx", tcvn3, header, above=title))
    return files


def test_files_read_together_give_what_each_gives_alone(tmp_path):
    files = _commune_files(tmp_path)
    together = load_membership([str(tmp_path / "*.xlsx")])
    alone = [load_membership([str(f)]) for f in files]
    columns = ["commune", "village", "organization", "members", "households", "_row"]
    for number, data in enumerate(alone):
        assert data.tables[0].file == together.tables[number].file
        assert data.tables[0].levels == together.tables[number].levels == ("commune", "village")
        mine = together.records[together.records["_table"] == number]
        assert mine[columns].astype(str).values.tolist() == (
            data.records[columns].astype(str).values.tolist()
        )
    described = lambda ps: sorted((p.code, Path(p.file or "").name, p.row, p.value) for p in ps)  # noqa: E731
    assert described(together.problems) == described(p for d in alone for p in d.problems)
    codes = {p.code for p in together.problems}
    assert {"unit_from_title", "not_a_number", "subtotal_rows", "signature_block"} <= codes
    assert "figures_below_table" in codes
    villages = together.records[together.records["_table"] == 1]["village"].tolist()
    assert villages == ["Ấp 1", "Ấp 1", "Ấp 2"]  # written once, filled down in its own file
    # Names typed as numbers stay "1", "2" beside a file filled down and one typed in TCVN3.
    assert together.records[together.records["_table"] == 6]["village"].tolist() == ["1", "2"]
    assert together.records[together.records["_table"] == 7]["village"].tolist() == ["Thôn Đông"]


def test_a_true_cell_in_one_file_is_an_error_there_only(tmp_path, monkeypatch):
    from tests.conftest import write_workbook

    monkeypatch.setattr("danvan_cli.ingest.body._LARGE_TABLE", 3)  # a batch as big as a country's
    header = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"]
    for name, first in (("a.xlsx", True), ("b.xlsx", 1)):
        rows = [["Xã A", f"Thôn {i}", "Hội Nông dân", first if i == 0 else 1, 10] for i in range(4)]
        write_workbook(tmp_path / name, rows, header)
    data = load_membership([str(tmp_path)])
    errors = [(Path(p.file).name, p.code, p.row, p.value) for p in data.problems]
    assert errors == [("a.xlsx", "not_a_number", 2, "TRUE")]
    assert data.records["branches"].sum() == 7  # TRUE is not 1, and 1 is not TRUE


def test_files_decoded_ahead_are_done_before_worker_processes_start(tmp_path):
    """A big file still being decoded in a thread when the workers are forked: they must
    find it decoded (a child has no thread to finish it), not wait for ever."""
    import subprocess
    import sys

    write_communes(tmp_path, PARALLEL_FILES + 2)
    script = f"""
import time
import danvan_cli.ingest.read as read
from danvan_cli.engine import pipeline
from danvan_cli.kinds.detect import membership_columns
from danvan_cli.kinds.membership import MEMBERSHIP
decode = read._decode
read.SMALL_FILE_BYTES = 0
paths = sorted(str(p) for p in __import__("pathlib").Path({str(tmp_path)!r}).glob("*.csv"))
# the first file, decoded ahead, still decoding at the fork; the others at their own speed
read._decode = lambda file, *rest: (file == paths[0] and time.sleep(3)) or decode(file, *rest)
read.start_decoding(paths[:1], None, membership_columns)
assert read._DECODING
print(pipeline.summarize(MEMBERSHIP, paths).exit_code)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.strip()) == (0, "0"), done.stderr


def test_progress_counts_every_file_once_with_its_rows(tmp_path):
    """Each file is reported once, with the rows read from it and the number of files in
    all, whether read here or by the worker processes (a chunk's rows with its last file)."""
    for count in (3, PARALLEL_FILES + 5):
        folder = tmp_path / str(count)
        folder.mkdir()
        write_communes(folder, count)
        calls: list[tuple[str, int, int]] = []
        load_membership([str(folder)], progress=lambda *call, into=calls: into.append(call))
        names = sorted(Path(file).name for file, _rows, _files in calls)
        assert names == [f"xa_{n:03d}.csv" for n in range(count)]
        assert {files for _file, _rows, files in calls} == {count}
        assert sum(rows for _file, rows, _files in calls) == 3 * count


def test_figures_above_the_header_are_a_warning_on_each_row(tmp_path):
    """Two tables on one sheet: the one with more known columns is read; the rows of the
    other, above its header, are never dropped without a word."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "BC"
    sheet.append(["I. SỐ LIỆU CHI HỘI, HỘI VIÊN"])
    sheet.append(["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Tổng số hộ"])
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 100, 200])
    sheet.append(["Xã A", "Thôn 2", "Hội Nông dân", "1", "100", "300"])
    sheet.append([])
    sheet.append(["II. XẾP LOẠI CHI HỘI", None, None, None, 2024])  # one number: a title
    sheet.append(["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Vững mạnh", "Khá", "Trung bình", "Yếu"])
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 1, 0, 0, 0])
    path = tmp_path / "hai_bang.xlsx"
    workbook.save(path)
    data = load_membership([str(path)])
    assert data.tables[0].header_row == 7
    found = [(p.severity, p.code, p.sheet, p.row) for p in data.problems]
    assert found == [
        ("warning", "figures_above_table", "BC", 3),
        ("warning", "figures_above_table", "BC", 4),
    ]


def test_a_column_of_figures_without_a_header_is_a_warning_naming_it(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "S"
    sheet.append(["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", None, "Ghi chú"])
    sheet.append(["Xã A", "Thôn 1", "Hội Nông dân", 1, 100, 110, "mới"])
    sheet.append(["Xã A", "Thôn 2", "Hội Nông dân", 1, 100, 105, None, 7, 8])
    path = tmp_path / "cot_trong.xlsx"
    workbook.save(path)
    data = load_membership([str(path)])
    found = [(p.code, p.row, p.column) for p in data.problems if p.code == "column_without_header"]
    assert found == [("column_without_header", 1, c) for c in "FHI"]
    assert data.records["members"].sum() == 200


@pytest.mark.parametrize("numbers", [[1, 2, 3], [1, 3, 4], ["1", "1.1", "1.2"]])
def test_an_unnamed_numbering_column_left_of_the_names_is_an_stt(tmp_path, numbers):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append([None, "Xã", "Thôn", "Đoàn thể", "Số hội viên"])
    for number, village in zip(numbers, ["Thôn 1", "Thôn 2", "Thôn 3"], strict=True):
        workbook.active.append([number, "Xã A", village, "Hội Nông dân", 10])
    path = tmp_path / "stt.xlsx"
    workbook.save(path)
    assert [p.code for p in load_membership([str(path)]).problems] == []


def test_titles_with_numbers_and_an_unnamed_stt_column_are_not_taken_for_data(tmp_path):
    """Lines above the header with two numbers ("BÁO CÁO QUÝ | 1 | NĂM | 2024", "Tổng số
    thôn: | 2 | Tổng số hộ: | 500") are titles; an STT column left unnamed counts 1, 2, 3."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BÁO CÁO QUÝ", 1, "NĂM", 2024])
    sheet.append(["Tổng số thôn:", 2, "Tổng số hộ:", 500])
    sheet.append([None, "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"])
    sheet.append([1, "Xã A", "Thôn 1", "Hội Nông dân", 1, 100])
    sheet.append([2, "Xã A", "Thôn 2", "Hội Nông dân", 1, 120])
    path = tmp_path / "tieu_de.xlsx"
    workbook.save(path)
    data = load_membership([str(path)])
    assert [p.code for p in data.problems] == []
    assert data.records["members"].sum() == 220


def test_a_title_line_over_a_wide_table_is_not_taken_for_data(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([None, "Số: 12/BC-MTTQ", None, None, "ngày", 15, 3, 2024])
    sheet.append([None, "BÁO CÁO SỐ LIỆU TỔ CHỨC HỘI", None, None, "Năm", 2024, "Kỳ", 1])
    sheet.append(["STT", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Tổng số hộ"])
    sheet.append([1, "Xã A", "Thôn 1", "Hội Nông dân", 1, 100, 200])
    path = tmp_path / "tieu_de_rong.xlsx"
    workbook.save(path)
    assert [p.code for p in load_membership([str(path)]).problems] == []


@pytest.mark.parametrize("readers", ["whole", "by_columns"])
def test_a_column_not_used_is_named_by_header_and_letter_with_its_figures(
    make_workbook, monkeypatch, readers
):
    if readers == "by_columns":  # a big sheet's figures not read are counted in its top rows
        monkeypatch.setattr("danvan_cli.ingest.read.SMALL_FILE_BYTES", 0)
    header = ["Xã", "Thôn", "Đoàn thể", "Số hội viên", "Năm thành lập", "Tỷ lệ %", "Ghi chú"]
    rows = [
        ["Xã A", "Thôn 1", "Hội Nông dân", 100, 1990, "81,5%", "mới"],
        ["Xã A", "Thôn 2", "Hội Nông dân", 90, 1992, 0.8, None, 7],
        ["Xã A", "Thôn 3", "Hội Nông dân", 80, None, None, None, 9],
    ]
    data = load_membership([str(make_workbook(rows, header=header))])
    found = [(p.code, p.column, dict(p.params)) for p in data.problems]
    assert found == [
        ("column_not_used", "Năm thành lập", {"letter": "E", "figures": 2}),
        ("header_ratio_ignored", "Tỷ lệ %", {"letter": "F", "figures": 2}),
        ("column_no_figures", "Ghi chú", {"letter": "G", "figures": 0}),
        ("column_without_header", "H", {"figures": 2}),
    ]
    assert data.problems[0].message() == (
        "Cột «Năm thành lập» (cột E) có 2 số liệu nhưng không khớp với trường số liệu nào nên "
        "không được dùng."
    )


def test_a_file_that_ends_its_worker_is_that_files_error(tmp_path, monkeypatch, cli):
    """A worker process that dies (here `os._exit`, as a decoder's abort or a kill ends it)
    ended the pool with a traceback and nothing written; its share is read again apart,
    down to the file that ends its reader: one file's error, exit 2, or with
    `--skip-invalid` the others summed (the workers are forked with this monkeypatch)."""
    count = PARALLEL_FILES + 5
    write_communes(tmp_path, count)
    fatal = tmp_path / "xa_030.csv"
    parent, open_sheets = os.getpid(), load.open_sheets

    def open_or_die(path: Path, sheet: str | None):
        if path == fatal:
            assert os.getpid() != parent, "read in the test's own process"
            os._exit(134)
        return open_sheets(path, sheet)

    monkeypatch.setattr(load, "open_sheets", open_or_die)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # read by worker processes
    result = cli("summarize", tmp_path, "--format", "json")
    assert result.exit_code == 2
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["file"]) for p in problems] == [("file_reader_died", str(fatal))]
    result = cli("summarize", tmp_path, "--format", "json", "--skip-invalid", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    others = [n for n in range(count) if n != 30]
    assert document["total"]["members"] == sum(10 + n for n in others) + 8 * len(others)
    [died] = document["problems"]
    assert died["message"].startswith("This file could not be read: the process reading it")
