"""`danvan summarize` end to end through the command line (typer's CliRunner).

The `cli` fixture fails a test on any Python traceback: a user's mistake must end in a
message and an exit code, never in a stack trace.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import (
    COMMUNES,
    HAU_GIANG,
    SMALL_ROWS,
    SMALL_TOTAL,
    write_commune_report,
)

SEED_FIGURES_VI = ["2.090", "307.217", "161.135", "196.898", "81,84%"]
SEED_FIGURES_EN = ["2,090", "307,217", "161,135", "196,898", "81.84%"]


def total_lines(text: str) -> list[str]:
    """The totals rows of the tables on screen."""
    return [line for line in text.splitlines() if line.startswith(("│ Tổng cộng", "│ Total"))]


def bad_rows() -> list[list[object]]:
    """SMALL_ROWS with two errors: Excel row 3 (not a number), row 6 (attending > members)."""
    rows = [list(row) for row in SMALL_ROWS]
    rows[1][5] = "12a"
    rows[4][6] = 901
    return rows


# --- the bundled sample: seed 003 ---------------------------------------------------------


def test_sample_table_shows_the_published_figures(cli):
    result = cli("summarize", HAU_GIANG)
    assert result.exit_code == 0
    lines = total_lines(result.stdout)
    assert len(lines) == 4  # district, commune and village tables, and the organisations' one
    for line in lines[:3]:
        for figure in SEED_FIGURES_VI:
            assert figure in line, (figure, line)
    assert "Tổng hợp cấp huyện" in result.stdout
    assert result.stderr.strip() == "Dữ liệu hợp lệ."


def test_sample_table_in_english(cli):
    result = cli("summarize", HAU_GIANG, "--lang", "en", "--level", "district")
    assert result.exit_code == 0
    [line, _] = total_lines(result.stdout)
    for figure in SEED_FIGURES_EN:
        assert figure in line, (figure, line)
    assert "Roll-up by district" in result.stdout
    assert "Roll-up by commune" not in result.stdout
    assert result.stderr.strip() == "The data is valid."


def test_sample_json(cli):
    result = cli("summarize", HAU_GIANG, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    total = document["total"]
    assert (total["branches"], total["members"]) == (2090, 307217)
    assert (total["households_with_members"], total["households"]) == (161135, 196898)
    assert round(total["household_coverage"] * 100, 2) == 81.84
    assert document["levels"] == ["district", "commune", "village"]
    assert len(document["rollups"]["district"]) > 8
    assert document["problems"] == []


# --- one run per output format to standard output -----------------------------------------


def test_format_table(cli, small_workbook):
    result = cli("summarize", small_workbook, "--format", "table")
    assert result.exit_code == 0
    [district, commune, village, _organisations] = total_lines(result.stdout)
    for line in (district, commune, village):
        for figure in ("2.734", "2.200", "4.500", "3.280", "72,89%", "80,47%", "303,78"):
            assert figure in line
    assert "Ấp 10" in result.stdout
    assert "Hội Cựu chiến binh" in result.stdout


def test_format_json(cli, small_workbook):
    result = cli("summarize", small_workbook, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {k: document["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL
    assert list(document["rollups"]) == ["district", "commune", "village"]
    villages = [r for r in document["rollups"]["village"] if r["organization"] == "all"]
    assert [(v["village"], v["households"]) for v in villages] == [
        ("Ấp 2", 800),
        ("Ấp 10", 1250),
        ("Ấp Dưới", 2450),
    ]
    assert result.stderr.strip() == "Dữ liệu hợp lệ."


def test_format_csv(cli, small_workbook):
    result = cli("summarize", small_workbook, "--format", "csv")
    assert result.exit_code == 0
    assert not result.stdout.startswith("\ufeff")  # the BOM is for files Excel opens
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    total = rows[-1]
    assert total["level"] == "total"
    assert {k: int(total[k]) for k in SMALL_TOTAL} == SMALL_TOTAL
    communes = [r for r in rows if r["level"] == "commune" and r["organization"] == "all"]
    assert [(c["commune"], c["members"]) for c in communes] == [
        ("Xã Đông Phước", "1600"),
        ("Xã Long Bình", "1134"),
    ]


def test_format_md(cli, small_workbook):
    result = cli("summarize", small_workbook, "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Tổng hợp cấp huyện\n")
    assert "| Tổng cộng |  | 9 | 2.734 | 2.200 | 4.500 | 3.280 | 72,89% |" in result.stdout


def test_level_option_limits_what_is_shown(cli, small_workbook):
    result = cli(
        "summarize", small_workbook, "--format", "json", "--level", "commune", "--level", "village"
    )
    document = json.loads(result.stdout)
    assert list(document["rollups"]) == ["commune", "village"]
    assert document["levels"] == ["district", "commune", "village"]


def test_several_files_by_glob(cli, make_workbook, tmp_path):
    make_workbook(SMALL_ROWS[:4], name="xa_dong_phuoc.xlsx")
    make_workbook(SMALL_ROWS[4:], name="xa_long_binh.xlsx")
    result = cli("summarize", tmp_path / "xa_*.xlsx", "--format", "json")
    assert result.exit_code == 0
    assert {k: json.loads(result.stdout)["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL


def test_csv_input(cli, make_csv):
    path = make_csv(SMALL_ROWS, delimiter=";", bom=True)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    assert {k: json.loads(result.stdout)["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL


def test_csv_saved_in_windows_1258(cli, tmp_path):
    from tests.conftest import cp1258, write_csv

    path = write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS, encode=cp1258)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    assert {k: json.loads(result.stdout)["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL
    assert "không ở mã UTF-8 mà ở mã Windows-1258" in result.stderr
    villages = json.loads(result.stdout)["rollups"]["village"]
    assert "Xã Đông Phước" in {row["commune"] for row in villages}


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "bao_cao.txt"), ("utf-16-be", "bao_cao.csv")]
)
def test_csv_saved_as_unicode_text(cli, tmp_path, encoding, name):
    """Excel's "Unicode Text" (.txt): UTF-16 behind a byte order mark, cells apart by tabs
    (the only way Excel before 2016 saves Vietnamese whole as text)."""
    from tests.conftest import write_csv

    def encode(text: str) -> bytes:  # "utf-16" writes its mark; the big-endian one by hand
        mark = b"" if encoding == "utf-16" else b"\xfe\xff"
        return mark + text.encode(encoding)

    path = write_csv(tmp_path / name, SMALL_ROWS, delimiter="\t", encode=encode)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {k: json.loads(result.stdout)["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL
    villages = json.loads(result.stdout)["rollups"]["village"]
    assert "Xã Đông Phước" in {row["commune"] for row in villages}
    assert result.stderr == "Dữ liệu hợp lệ.\n"  # read as written: nothing to warn about


# --- one run per -o extension -------------------------------------------------------------


def test_output_xlsx(cli, small_workbook, tmp_path):
    out = tmp_path / "tong_hop.xlsx"
    result = cli("summarize", small_workbook, "-o", out)
    assert result.exit_code == 0
    assert f"Đã ghi {out}" in result.stderr
    assert "Tổng hợp cấp huyện" in result.stdout  # the table still goes to the screen
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Huyện", "Xã", "Thôn", "Tổng cộng", "Các vấn đề trong dữ liệu"]
    last = [c.value for c in workbook["Xã"][workbook["Xã"].max_row]]
    assert last[1] == "Tổng cộng"
    assert last[4:9] == [9, 2734, 2200, 4500, 3280]


def test_output_csv_has_a_bom_for_excel(cli, small_workbook, tmp_path):
    out = tmp_path / "tong_hop.csv"
    result = cli("summarize", small_workbook, "-o", out, "--format", "json")
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["district"] == "Huyện Châu Thành"
    assert {k: int(rows[-1][k]) for k in SMALL_TOTAL} == SMALL_TOTAL
    json.loads(result.stdout)  # stdout keeps its own format


def test_output_json(cli, small_workbook, tmp_path):
    out = tmp_path / "tong_hop.json"
    result = cli("summarize", small_workbook, "-o", out, "--level", "district")
    assert result.exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(document["rollups"]) == ["district"]
    assert {k: document["total"][k] for k in SMALL_TOTAL} == SMALL_TOTAL


def test_names_in_brackets_are_printed_as_written(cli, small_workbook, tmp_path):
    """Square brackets are not rich markup: "[cũ]" stays in the file names said."""
    source = tmp_path / "bao_cao[cũ].xlsx"
    source.write_bytes(small_workbook.read_bytes())
    out = tmp_path / "tong_hop[cũ].json"
    result = cli("summarize", source, "-o", out)
    assert result.exit_code == 0
    assert f"Đã ghi {out}" in result.stderr
    refused = cli("summarize", source, "-o", source)
    assert refused.exit_code == 2
    assert f"tệp đầu vào {source};" in refused.stderr
    assert f"{source}\n" in cli("validate", source).stdout


def test_output_md(cli, small_workbook, tmp_path):
    out = tmp_path / "tong_hop.md"
    result = cli("summarize", small_workbook, "-o", out, "--lang", "en")
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Roll-up by district\n")
    assert "| Total |  | 9 | 2,734 | 2,200 | 4,500 | 3,280 | 72.89% |" in text
    assert f"Wrote {out}" in result.stderr


def test_output_leaves_no_temporary_files(cli, small_workbook, tmp_path):
    for suffix in (".xlsx", ".csv", ".json", ".md"):
        assert cli("summarize", small_workbook, "-o", tmp_path / f"tong_hop{suffix}").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bao_cao.xlsx",
        "tong_hop.csv",
        "tong_hop.json",
        "tong_hop.md",
        "tong_hop.xlsx",
    ]


def test_inputs_are_never_written_to(cli, small_workbook, tmp_path):
    before = (small_workbook.read_bytes(), os.stat(small_workbook).st_mtime_ns)
    for args in (["--format", "json"], ["-o", tmp_path / "a.xlsx"], ["--skip-invalid"]):
        cli("summarize", small_workbook, *args)
    assert (small_workbook.read_bytes(), os.stat(small_workbook).st_mtime_ns) == before


# --- exit code 1: the data has errors -----------------------------------------------------


def test_data_errors_exit_1_and_nothing_is_summed(cli, make_workbook):
    path = make_workbook(bad_rows())
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["rollups"] == {}
    assert document["total"] is None
    assert [(p["row"], p["code"], p["severity"]) for p in document["problems"]] == [
        (3, "not_a_number", "error"),
        (6, "exceeds", "error"),
    ]
    assert "Có 2 lỗi và 0 cảnh báo; chưa cộng số liệu." in result.stderr


def test_data_errors_print_no_table(cli, make_workbook):
    result = cli("summarize", make_workbook(bad_rows()))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "dòng 3, cột «Số hội viên»: Giá trị «12a»" in result.stderr


def test_with_errors_xlsx_and_json_outputs_carry_the_problems_only(cli, make_workbook, tmp_path):
    path = make_workbook(bad_rows())
    workbook, document = tmp_path / "tong_hop.xlsx", tmp_path / "cu.json"
    document.write_text("last month's result")
    assert cli("summarize", path, "-o", workbook).exit_code == 1
    assert cli("summarize", path, "-o", document).exit_code == 1
    assert load_workbook(workbook).sheetnames == ["Các vấn đề trong dữ liệu"]
    written = json.loads(document.read_text(encoding="utf-8"))
    assert written["rollups"] == {} and written["total"] is None
    assert [p["code"] for p in written["problems"]] == ["not_a_number", "exceeds"]


def test_with_errors_csv_and_md_are_not_written_and_it_is_said(cli, make_workbook, tmp_path):
    path = make_workbook(bad_rows())
    kept = tmp_path / "tong_hop.csv"
    kept.write_text("last month's result")
    result = cli("summarize", path, "-o", kept)
    assert result.exit_code == 1
    assert kept.read_text() == "last month's result"
    assert "Chưa ghi" in result.stderr and "tong_hop.csv" in result.stderr


def test_skip_invalid_sums_the_valid_rows_and_lists_each_skipped_one(cli, make_workbook, tmp_path):
    path = make_workbook(bad_rows())
    out = tmp_path / "tong_hop.json"
    result = cli("summarize", path, "--skip-invalid", "--format", "json", "-o", out)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    total = document["total"]
    # Left out: row 3 (Ấp 10, Hội LHPN: 1 branch, 480 members) and
    # row 6 (Ấp Dưới, Hội Nông dân: 3 branches, 900 members).
    assert total["branches"] == 9 - 1 - 3
    assert total["members"] == 2734 - 480 - 900
    assert total["households"] == 4500  # both villages keep their figures from valid rows
    skipped = [p for p in document["problems"] if p["code"] == "row_skipped"]
    assert [(p["severity"], p["file"], p["sheet"], p["row"]) for p in skipped] == [
        ("warning", str(path), "Data", 3),
        ("warning", str(path), "Data", 6),
    ]
    assert "Đã bỏ 2 dòng có lỗi ra khỏi tổng (--skip-invalid)." in result.stderr
    assert json.loads(out.read_text())["total"] == total


def test_warnings_alone_exit_0(cli, make_workbook):
    rows = [list(row) for row in SMALL_ROWS]
    rows[5][4] = 0  # Ấp Dưới, Hội CCB: members without a branch
    result = cli("summarize", make_workbook(rows), "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [(p["row"], p["code"]) for p in document["problems"]] == [(7, "members_without_branch")]
    assert document["total"]["branches"] == 8
    assert "Dữ liệu hợp lệ, có 1 cảnh báo." in result.stderr


# --- exit code 2: usage errors and unreadable files ---------------------------------------


def test_missing_file_exits_2(cli, tmp_path):
    missing = tmp_path / "khong_co.xlsx"
    result = cli("summarize", missing)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Không tìm thấy tệp hoặc không có tệp nào khớp với «{missing}»." in result.stderr


def test_missing_file_exits_2_even_with_good_files(cli, small_workbook, tmp_path):
    result = cli("summarize", small_workbook, tmp_path / "khong_co.xlsx", "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert (document["rollups"], document["total"]) == ({}, None)
    assert [p["code"] for p in document["problems"]] == ["file_not_found"]


def test_a_markdown_not_written_for_a_missing_file_says_why(cli, small_workbook, tmp_path):
    """A mistyped folder beside good files: nothing is summed and the .md is not written,
    for the reason said above it (not "the data has errors": the data has none)."""
    target = tmp_path / "tong_hop.md"
    result = cli("summarize", small_workbook, tmp_path / "thang_1O", "-o", target)
    assert result.exit_code == 2 and not target.exists()
    assert f"Chưa ghi {target}: có lỗi (xem ở trên) nên chưa có số liệu tổng hợp." in (
        result.stderr
    )


def test_unsupported_extension_exits_2(cli, tmp_path):
    path = tmp_path / "bao_cao.docx"
    path.write_bytes(b"PK\x03\x04")
    result = cli("summarize", path)
    assert result.exit_code == 2
    assert "Không đọc được loại tệp «.docx»." in result.stderr
    assert "--template" not in result.stderr


def test_a_template_named_without_template_is_told_where_it_goes(cli, small_workbook, tmp_path):
    """`danvan summarize mau.toml bao_cao.xlsx`, --template forgotten: said where it goes."""
    template = tmp_path / "mau.toml"
    template.write_text('name = "mau"\n', encoding="utf-8")
    result = cli("summarize", template, small_workbook)
    assert result.exit_code == 2
    assert (
        f"Lỗi {template}: Không đọc được loại tệp «.toml». (cần: tệp .xlsx, .xlsm, .xls, .ods "
        "hoặc .csv; tệp mẫu .toml thì ghi sau --template (--template mau.toml), tệp cấu hình "
        ".toml thì dùng với danvan rollup --config mau.toml)" in " ".join(result.stderr.split())
    )


def test_broken_workbook_exits_2(cli, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"\x00\xff\xfe not a workbook")
    result = cli("summarize", path, "--lang", "en")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "The file could not be opened: it is damaged, password-protected or not a" in said
    assert "(technical detail: " in said


def test_a_file_without_read_permission_is_said_to_be_so(cli, small_workbook, monkeypatch):
    """Not "damaged, password protected or not a spreadsheet" (root reads any file: the
    denial is simulated where the file is opened)."""
    opened = Path.open

    def denied(self, *args, **kwargs):
        if self.name == small_workbook.name:
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    result = cli("summarize", small_workbook, "--format", "json")
    assert result.exit_code == 2
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["file"], p["message"]) for p in problems] == [
        ("file_no_permission", str(small_workbook), "Không có quyền đọc tệp này.")
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_file_made_unreadable_by_its_permissions(cli, make_workbook, make_csv, suffix):
    make = make_workbook if suffix == ".xlsx" else make_csv
    path = make(SMALL_ROWS, name=f"bao_cao{suffix}")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user reads any file (root)")
        result = cli("summarize", path, "--lang", "en")
    finally:
        path.chmod(0o644)
    assert result.exit_code == 2
    assert "You have no permission to read this file." in result.stderr


def test_an_excel_lock_file_is_passed_over_with_a_note(cli, small_workbook, tmp_path):
    lock = tmp_path / "~$bao_cao.xlsx"
    lock.write_bytes(b"\x0bNguyen Van A" + b" " * 40 + b"\x00" * 110)  # as Excel writes it
    result = cli("summarize", tmp_path, "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found["total"]["members"] == SMALL_TOTAL["members"]
    assert [(p["severity"], p["code"], p["file"]) for p in found["problems"]] == [
        ("warning", "lock_file_skipped", str(lock))
    ]


def test_only_an_excel_lock_file_named_is_not_valid_data(cli, tmp_path):
    """Nothing read is never "Dữ liệu hợp lệ." with exit 0 beside an output not written."""
    lock = tmp_path / "~$bao_cao.xlsx"
    lock.write_bytes(b"\x0bNguyen Van A" + b" " * 40 + b"\x00" * 110)
    result = cli("summarize", lock, "-o", tmp_path / "tong_hop.md")
    assert result.exit_code == 2
    assert "Dữ liệu hợp lệ" not in result.stderr
    assert (
        "Lỗi: Không có bảng tính nào để đọc, chỉ có tệp khóa (~$) mà Excel tạo ra khi một bảng "
        "tính đang mở." in " ".join(result.stderr.split())
    )
    assert not (tmp_path / "tong_hop.md").exists()


def test_skip_invalid_lists_an_unreadable_file_and_sums_the_others(cli, small_workbook, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    assert cli("summarize", tmp_path).exit_code == 2
    result = cli("summarize", tmp_path, "--skip-invalid", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["total"]["members"] == SMALL_TOTAL["members"]
    assert [(p["code"], p["file"]) for p in found["problems"]] == [("file_unreadable", str(broken))]
    assert "đã cộng các dòng số liệu" in result.stderr


def test_skip_invalid_with_no_file_readable_exits_2(cli, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    assert cli("summarize", broken, "--skip-invalid").exit_code == 2


def test_a_csv_still_being_written_is_said_to_be_a_partial_snapshot(cli, make_csv, monkeypatch):
    """The writer adds a row while the body is read: what was read is summed, with a word."""
    from danvan_cli.ingest import read

    path = make_csv(SMALL_ROWS)
    decode = read.decode_csv

    def decode_while_written(*args):
        decoded = decode(*args)
        with path.open("a", encoding="utf-8") as writer:
            writer.write("Huyện Long Mỹ,Xã Long Bình,Ấp Trên,Hội Nông dân,1,50,40,300,200\n")
        return decoded

    monkeypatch.setattr(read, "decode_csv", decode_while_written)
    result = cli("summarize", path, "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found["total"]["members"] == SMALL_TOTAL["members"]
    assert [(p["severity"], p["code"], p["file"]) for p in found["problems"]] == [
        ("warning", "file_changed_while_read", str(path))
    ]
    monkeypatch.setattr(read, "decode_csv", decode)
    again = json.loads(cli("summarize", path, "--format", "json").stdout)
    assert again["problems"] == []
    assert again["total"]["members"] == SMALL_TOTAL["members"] + 50


def test_a_csv_named_xlsx_and_an_empty_file_are_told_apart(cli, tmp_path):
    misnamed = tmp_path / "bao_cao.xlsx"
    misnamed.write_text("Xã,Số hội viên\nXã A,3\n", encoding="utf-8")
    result = cli("summarize", misnamed)
    assert result.exit_code == 2
    assert "Tệp có đuôi «.xlsx» nhưng thực ra là tệp .csv" in result.stderr
    misnamed.write_text("Xã\tSố hội viên\nXã A\t3\n", encoding="utf-16")  # Unicode Text
    result = cli("summarize", misnamed)
    assert result.exit_code == 2
    assert "Tệp có đuôi «.xlsx» nhưng thực ra là tệp .csv" in result.stderr
    empty = tmp_path / "trong.xls"
    empty.write_bytes(b"")
    result = cli("summarize", empty)
    assert result.exit_code == 2
    assert "Tệp rỗng" in result.stderr


def test_a_file_without_any_table_is_not_valid(cli, tmp_path):
    title_only = tmp_path / "tieu_de.csv"
    title_only.write_text("BÁO CÁO SỐ LIỆU NĂM 2020\n", encoding="utf-8")
    result = cli("summarize", title_only)
    assert result.exit_code == 1
    assert "Không đọc được dòng số liệu nào" in result.stderr


def test_output_that_would_overwrite_an_input_exits_2(cli, small_workbook):
    before = small_workbook.read_bytes()
    result = cli("summarize", small_workbook, "-o", small_workbook)
    assert result.exit_code == 2
    assert "Không ghi đè lên tệp đầu vào" in result.stderr
    assert result.stdout == ""
    assert small_workbook.read_bytes() == before


def test_several_outputs_in_one_run(cli, small_workbook, tmp_path):
    xlsx, data = tmp_path / "tong_hop.xlsx", tmp_path / "tong_hop.json"
    result = cli("summarize", small_workbook, "-o", xlsx, "--output", data)
    assert result.exit_code == 0
    assert result.stderr.count("Đã ghi") == 2  # (rich wraps the long paths)
    assert load_workbook(xlsx).sheetnames[0] == "Huyện"
    assert json.loads(data.read_text(encoding="utf-8"))["total"]["members"] == 2734


def test_one_output_onto_an_input_stops_them_all(cli, small_workbook, tmp_path):
    data = tmp_path / "tong_hop.json"
    result = cli("summarize", small_workbook, "-o", data, "-o", small_workbook)
    assert result.exit_code == 2
    assert "Không ghi đè lên tệp đầu vào" in result.stderr
    assert not data.exists()


def test_an_output_in_a_missing_folder_is_said_before_anything_is_read(
    cli, small_workbook, tmp_path, monkeypatch
):
    """A national run's -o naming a folder not there: said at once (exit 2), not after
    reading every file; no other output written."""
    opened: list = []
    monkeypatch.setattr("danvan_cli.ingest.read.open_sheets", lambda *a: opened.append(a))
    data = tmp_path / "tong_hop.json"
    missing = tmp_path / "khong_co" / "a.xlsx"
    result = cli("summarize", small_workbook, "-o", data, "-o", missing)
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"không ghi được {missing}: không có thư mục {missing.parent}." in said
    assert opened == [] and not data.exists()


def test_output_onto_an_input_named_by_a_glob_or_another_path(cli, small_workbook, tmp_path):
    before = small_workbook.read_bytes()
    other_spelling = tmp_path / "." / small_workbook.name
    assert cli("summarize", tmp_path / "*.xlsx", "-o", small_workbook).exit_code == 2
    assert cli("summarize", small_workbook, "-o", other_spelling).exit_code == 2
    assert small_workbook.read_bytes() == before


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["-o", "tong_hop.docx"], "--output"),
        (["--lang", "fr"], "'fr' is not one of"),
        (["--level", "hamlet"], "'hamlet' is not one of"),
        (["--unknown-option"], "No such option"),
    ],
)
def test_usage_errors_exit_2(cli, small_workbook, args, complaint):
    result = cli("summarize", small_workbook, *args)
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert result.stdout == ""


def test_no_paths_exits_2(cli):
    result = cli("summarize")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_sheet_not_found_exits_2(cli, small_workbook):
    result = cli("summarize", small_workbook, "--sheet", "Tổng hợp")
    assert result.exit_code == 2
    assert "Không có trang tính «Tổng hợp» (các trang có: Data)." in result.stderr


def test_csv_not_in_utf8_exits_2(cli, tmp_path):
    path = tmp_path / "bao_cao.csv"
    path.write_bytes(b"X\xe3;Th\xf4n;S\xf4 h\xf4i vi\xean\nA;B;1\n")
    result = cli("summarize", path)
    assert result.exit_code == 2
    assert "Tệp CSV không ở mã UTF-8" in result.stderr


def test_output_into_a_missing_folder_exits_2(cli, small_workbook, tmp_path):
    result = cli("summarize", small_workbook, "-o", tmp_path / "khong_co" / "tong_hop.json")
    assert result.exit_code == 2
    assert str(tmp_path / "khong_co" / "tong_hop.json") in result.stderr


def test_help_lists_both_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    assert "summarize" in result.stdout
    assert "validate" in result.stdout


def test_a_folder_reads_the_spreadsheets_in_it(cli, make_workbook, tmp_path):
    make_workbook(SMALL_ROWS, name="xa_a.xlsx")
    (tmp_path / "ghi_chu.txt").write_text("not a spreadsheet", encoding="utf-8")
    result = cli("summarize", tmp_path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["total"]["members"] == SMALL_TOTAL["members"]


def test_a_level_the_data_lacks_is_said(cli, small_workbook):
    result = cli("summarize", small_workbook, "--level", "province")
    assert result.exit_code == 0
    assert "Dữ liệu không có cấp tỉnh" in result.stderr


def test_markdown_lists_the_rows_left_out(cli, make_workbook):
    result = cli("summarize", make_workbook(bad_rows()), "--format", "md", "--skip-invalid")
    assert result.exit_code == 1
    assert "## Các vấn đề trong dữ liệu" in result.stdout
    assert "row_skipped" not in result.stdout and "bị bỏ ra khỏi tổng" in result.stdout


# --- a big workbook or CSV starts decoding before the rest is imported --------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_big_file_decoded_ahead_gives_what_a_plain_read_gives(
    cli, make_workbook, make_csv, monkeypatch, suffix
):
    import threading

    from danvan_cli.ingest import read

    path = make_workbook(bad_rows()) if suffix == ".xlsx" else make_csv(bad_rows())
    plain = cli("summarize", path, "-f", "json")
    decoded_ahead = []
    decode = read._decode
    monkeypatch.setattr(read, "SMALL_FILE_BYTES", 0)  # every file counts as big
    monkeypatch.setattr(
        read,
        "_decode",
        lambda *key: decoded_ahead.append(threading.current_thread().name) or decode(*key),
    )
    ahead = cli("summarize", path, "-f", "json")
    assert decoded_ahead == ["danvan-decode_0"]  # once, in the second thread
    assert read._DECODING == {}  # and used
    assert ahead.exit_code == plain.exit_code == 1
    assert json.loads(ahead.stdout) == json.loads(plain.stdout)
    problems = json.loads(ahead.stdout)["problems"]
    assert [(p["code"], p["row"]) for p in problems if p["severity"] == "error"] == [
        ("not_a_number", 3),
        ("exceeds", 6),
    ]


def test_a_csv_not_utf8_further_down_is_a_message_not_a_traceback(cli, tmp_path):
    lines = ["Xã,Thôn,Đoàn thể,Số chi hội,Số hội viên\n"]
    lines += [f"Xã A,Thôn {i},Hội Nông dân,1,10\n" for i in range(2000)]  # past what is peeked
    path = tmp_path / "latin1.csv"
    path.write_bytes("".join(lines).encode() + b"Xa A,Th\xf4n x,Hoi Nong dan,1,10\n")
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 2
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["file"]) for p in problems] == [("csv_encoding", str(path))]


# --- the console script as a process: exit codes, flushing, a reader that goes away ------


def _danvan(*args: object, **options):
    import subprocess
    import sys

    command = [sys.executable, "-m", "danvan_cli", *map(str, args)]
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | options
    return subprocess.run(command, timeout=120, **streams)


def test_process_prints_everything_and_keeps_the_exit_code(make_workbook):
    """The process ends without tearing the interpreter down: what was printed is flushed
    first, and the exit code is the command's."""
    done = _danvan("summarize", HAU_GIANG, "--format", "json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["rollups"]["village"]) == 2358
    bad = make_workbook([[*SMALL_ROWS[0][:5], "nhiều", *SMALL_ROWS[0][6:]]])
    done = _danvan("summarize", bad, "--format", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["problems"][0]["code"] == "not_a_number"
    assert _danvan("summarize", "khong_co.xlsx").returncode == 2
    done = _danvan("summarize", "--levle", "x", HAU_GIANG)
    assert done.returncode == 2
    assert "Không có tùy chọn --levle" in done.stderr.decode()


def test_process_with_stdout_closed_still_writes_its_file(tmp_path):
    """`danvan summarize ... -o out.json >&-` (or no console at all): exit 0, no traceback."""
    out = tmp_path / "tong_hop.json"
    done = _danvan("summarize", HAU_GIANG, "-o", out, preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr.decode()
    assert len(json.loads(out.read_text(encoding="utf-8"))["rollups"]["village"]) == 2358


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_output_on_a_full_disk_is_a_message(tmp_path):
    with open("/dev/full", "wb") as full:
        done = _danvan("summarize", HAU_GIANG, "--format", "json", stdout=full)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "Không ghi được kết quả ra đầu ra chuẩn: No space left on device." in err
    assert "Traceback" not in err


def test_a_csv_cut_in_the_middle_of_a_letter(cli, tmp_path):
    """A small file whose last letter is cut (a copy that stopped): the encoding error, not
    pyarrow's complaints."""
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "bao_cao.csv", SMALL_ROWS)
    path.write_bytes(path.read_bytes() + "Huyện A,Xã Mớ".encode()[:-1])  # "ớ" cut
    result = cli("summarize", path)
    assert result.exit_code == 2
    assert "không ở mã UTF-8" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_reader_that_stops_early_ends_quietly(output_format):
    """`danvan summarize ... | head`: the pipe closes under the rows' writer; exit 1 as for
    any closed pipe, no traceback."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "danvan_cli", "summarize", str(HAU_GIANG)]
    process = subprocess.Popen(
        [*command, "--format", output_format], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "Error" not in stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize(
    "typed, code",
    [
        ("०१२", "not_a_number"),  # Devanagari
        ("١٢٣", "not_a_number"),  # Arabic-Indic
        ("１２３", "not_a_number"),  # full-width
        ("9223372036854775807", "too_large"),  # the largest 64-bit integer
        ("123456789012345678901234567890", "too_large"),
    ],
)
def test_digits_of_other_scripts_and_huge_numbers_are_located_errors(
    cli, make_workbook, make_csv, suffix, typed, code
):
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = typed
    make = make_workbook if suffix == ".xlsx" else make_csv
    result = cli("summarize", make(rows, name=f"bao_cao{suffix}"), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["row"], p["column"], str(p["value"])) for p in problems] == [
        (code, 3, "Số hội viên", typed)
    ]


def test_a_number_cell_beyond_64_bits_is_a_located_error(cli, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[0][5], rows[2][7] = 9.2e18, 1e300
    result = cli("summarize", make_workbook(rows), "--skip-invalid", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    errors = [
        (p["row"], p["column"], p["value"]) for p in found["problems"] if p["code"] == "too_large"
    ]
    assert errors == [(2, "Số hội viên", 9.2e18), (4, "Tổng số hộ", 1e300)]
    assert found["total"]["members"] == 2734 - 620 - 350


# --- figures not given ------------------------------------------------------------------------


@pytest.fixture
def partly_given(make_workbook, tmp_path):
    """Two communes' files; only Xã A gives "Số ĐV, HV tham gia sinh hoạt" (110 of 150)."""
    header = ["Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Số ĐV, HV tham gia sinh hoạt"]
    rows_a = [["Xã A", "Thôn 1", "HND", 2, 100, 80], ["Xã A", "Thôn 2", "HND", 1, 50, 30]]
    make_workbook(rows_a, header, name="xa_a.xlsx")
    make_workbook([["Xã B", "Thôn 1", "HND", 3, 300]], header[:-1], name="xa_b.xlsx")
    return tmp_path


def test_a_figure_not_given_is_null_in_json_with_the_units_each_ratio_covers(cli, partly_given):
    result = cli("summarize", partly_given, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    b = [r for r in data["rollups"]["commune"] if r["commune"] == "Xã B"]
    assert [(r["members"], r["members_attending"], r["attendance_rate"]) for r in b] == [
        (300, None, None),
        (300, None, None),
    ]
    assert data["total"]["members_attending"] == 110
    assert data["total"]["attendance_rate"] == pytest.approx(110 / 150)
    assert data["ratio_units"] == {
        "level": "village",
        "units": 3,
        "attendance_rate": 2,
        "members_per_branch": 3,
    }


def test_a_figure_not_given_is_blank_in_tables_with_a_note(cli, partly_given, tmp_path):
    note = "Ghi chú: Tỷ lệ sinh hoạt tính trên 2/3 thôn có đủ cả hai số liệu."
    result = cli("summarize", partly_given, "--level", "commune")
    assert "│ Xã B      │          3 │       300 │                  │                 │" in (
        result.stdout
    )
    assert "│ Tổng cộng │          6 │       450 │              110 │          73,33% │" in (
        result.stdout
    )
    assert note in result.stdout
    english = cli("summarize", partly_given, "--level", "commune", "--lang", "en").stdout
    english_note = (
        "Note: Attendance rate taken over the 2 of 3 units (village) giving both figures."
    )
    assert english_note in english
    markdown = cli("summarize", partly_given, "--level", "commune", "--format", "md").stdout
    assert "| Xã B | Tất cả | 3 | 300 |  |  | 100,00 |" in markdown
    assert markdown.endswith(f"| Tổng cộng |  | 6 | 450 | 110 | 73,33% | 75,00 |\n\n- {note}\n")
    csv_text = cli("summarize", partly_given, "--level", "commune", "--format", "csv").stdout
    assert "commune,Xã B,,all,3,300,,,100" in csv_text.replace("\ufeff", "")
    out = tmp_path / "tong_hop.xlsx"
    assert cli("summarize", partly_given, "-o", out).exit_code == 0
    sheet = load_workbook(out)["Xã"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][3:7] == (3, 300, None, None)
    assert rows[-1][0] == note and rows[-2] == (None,) * len(rows[0])


def communes(folder: Path, count: int = 4) -> list[Path]:
    return [write_commune_report(folder / f"xa_{n:02d}.xlsx", COMMUNES[n]) for n in range(count)]


def test_notes_that_files_share_are_said_once_with_their_count(cli, tmp_path):
    """Four clean commune files: five kinds of note, said once each for the four files;
    JSON lists every one."""
    communes(tmp_path)
    result = cli("summarize", tmp_path)
    assert result.exit_code == 0
    said = [" ".join(line.split()) for line in result.stderr.splitlines()]
    files = f"4 tệp trong «{tmp_path}» (xa_00.xlsx, xa_01.xlsx, …, xa_03.xlsx)"
    assert said == [
        f"Ghi chú: {files}: có dòng cộng, dùng để đối chiếu, không cộng thêm.",
        f"Ghi chú: {files}: bảng không có cột tỉnh; tên tỉnh lấy từ dòng tiêu đề.",
        f"Ghi chú: {files}: bảng không có cột xã; tên xã lấy từ dòng tiêu đề.",
        f"Ghi chú: {files}: cột tỷ lệ không được cộng; tỷ lệ được tính lại từ các tổng.",
        f"Ghi chú: {files}: phần chữ ký dưới bảng, không phải số liệu.",
        "Dữ liệu hợp lệ.",
    ]
    found = json.loads(cli("summarize", tmp_path, "--format", "json").stdout)
    assert found["total"]["members"] == 4 * 166
    assert len(found["problems"]) == 4 * 5
    assert {p["severity"] for p in found["problems"]} == {"warning"}


def test_quiet_shows_errors_and_warnings_only(cli, tmp_path):
    communes(tmp_path, 2)
    write_commune_report(tmp_path / "xa_09.xlsx", "Vị Thủy", members="12a")
    result = cli("summarize", tmp_path, "--quiet", "--lang", "en")
    assert result.exit_code == 1
    said = [line.split(" ")[0] for line in result.stderr.splitlines()]
    assert said[:2] == ["Error", "Warning"]  # "12a", and the "Cộng" row it keeps unchecked
    assert "Note" not in said and "Note:" not in said
    assert " ".join(result.stderr.split()).endswith(
        "1 error(s) and 1 warning(s); nothing was summed. Fix the errors, or use "
        "--skip-invalid to leave the invalid rows out."
    )
    notes = cli("summarize", tmp_path, "--lang", "en").stderr
    assert "\nNote: 3 files in " in notes  # the notes the three files share, said once


@pytest.mark.parametrize(("option", "separator"), [(";", ";"), ("tab", "\t"), ("\\t", "\t")])
def test_csv_separator_and_read_back(cli, tmp_path, option, separator):
    """`--csv-sep`: the file keeps its BOM, cells are separated as asked, decimals take a
    comma with ";"; danvan reads the file back to the sample's published totals."""
    out = tmp_path / "tong_hop.csv"
    result = cli("summarize", HAU_GIANG, "-o", out, "--csv-sep", option, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
    assert rows[0][:3] == ["level", "district", "commune"]
    total = dict(zip(rows[0], rows[-1], strict=True))
    assert total["members"] == "307217"
    assert total["household_coverage"].startswith("0,8183" if separator == ";" else "0.8183")
    again = cli("summarize", out, "--level", "district")
    assert again.exit_code == 0, again.stderr
    assert all(figure in again.stdout for figure in SEED_FIGURES_VI)


def test_csv_separator_on_standard_output_without_bom(cli):
    models = HAU_GIANG.parent / "hong_linh_2018_dan_van_kheo.xlsx"
    result = cli("summarize", models, "-f", "csv", "--csv-sep", ";", "--level", "district")
    assert result.exit_code == 0
    assert not result.stdout.startswith("\ufeff")
    assert result.stdout.splitlines()[0].startswith("level;district;commune;")
    assert result.stdout.splitlines()[-1].startswith("total;")


def test_csv_separator_not_known(cli):
    result = cli("summarize", HAU_GIANG, "--csv-sep", "|")
    assert result.exit_code == 2
    assert "--csv-sep" in result.stderr
    assert "«|» không dùng được; chọn «,», «;» hoặc «tab»." in result.stderr
