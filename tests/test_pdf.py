"""`-o x.pdf` (outputs/pdf.py): the workbook printed by LibreOffice; without LibreOffice a
message naming what to install, before anything is read; a conversion that fails or hangs
said, LibreOffice stopped, nothing left behind. Tests that need LibreOffice itself skip
when it is not installed; the others hide it from PATH or put a stand-in there."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from danvan_cli.ingest import read
from danvan_cli.outputs import pdf
from tests.commune_files import write_commune_file

HAS_LIBREOFFICE = pdf.find_soffice() is not None
needs_libreoffice = pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice not installed")
SEPTEMBER = "Tháng 9 năm 2026"
posix_only = pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for it")


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """LibreOffice hidden: PATH holds an empty folder, no install folder is looked in."""
    empty = tmp_path / "empty_path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pdf, "INSTALLED", ())


def _stand_in(monkeypatch, folder: Path, script: str) -> Path:
    """A `soffice` on PATH running `script` (a shell script's body)."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return program


def _said(result) -> str:
    return " ".join(result.stderr.split())


def test_without_libreoffice_nothing_is_read_and_what_to_install_is_said(
    cli, small_workbook, no_libreoffice, monkeypatch
):
    opened: list = []
    monkeypatch.setattr(read, "open_sheets", lambda *a: opened.append(a))
    target = small_workbook.with_name("bao_cao.pdf")
    result = cli("summarize", small_workbook, "-o", target)
    assert result.exit_code == 2
    assert (
        f"không ghi được {target}: tệp PDF cần LibreOffice mà máy này chưa cài (không tìm thấy "
        "soffice hay libreoffice). Hãy cài LibreOffice (miễn phí, "
        "https://www.libreoffice.org/download/; Ubuntu, Debian: sudo apt install "
        "libreoffice-calc) rồi chạy lại, hoặc ghi tệp .xlsx rồi in ra PDF từ Excel."
    ) in _said(result)
    english = cli("summarize", small_workbook, "-o", target, "--lang", "en")
    assert english.exit_code == 2
    assert f"cannot write {target}: a PDF needs LibreOffice, which is not installed" in _said(
        english
    )
    assert opened == [] and not target.exists()


def test_libreoffice_is_found_where_windows_installs_it(no_libreoffice, monkeypatch, tmp_path):
    assert pdf.find_soffice() is None
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setattr(pdf, "INSTALLED", (str(tmp_path / "missing.exe"), str(program)))
    assert pdf.find_soffice() == str(program)


@posix_only
def test_a_failed_conversion_is_said_and_leaves_nothing(cli, small_workbook, monkeypatch, tmp_path):
    _stand_in(monkeypatch, tmp_path / "bin", "echo 'Error: source file could not be loaded'")
    target = small_workbook.with_name("bao_cao.pdf")
    result = cli("summarize", small_workbook, "-o", target, "-o", tmp_path / "bao_cao.json")
    assert result.exit_code == 2
    assert (
        f"Không ghi được {target}: LibreOffice không chuyển được bảng tính sang PDF (Error: "
        "source file could not be loaded). Tệp .xlsx vẫn ghi được như thường."
    ) in _said(result)
    assert not target.exists() and (tmp_path / "bao_cao.json").is_file()  # the rest written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@posix_only
def test_a_conversion_that_hangs_is_stopped_with_what_it_started(
    cli, small_workbook, monkeypatch, tmp_path
):
    child = tmp_path / "child.pid"
    _stand_in(monkeypatch, tmp_path / "bin", f"sleep 60 &\necho $! > {child}\nwait")
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    target = small_workbook.with_name("bao_cao.pdf")
    started = time.monotonic()
    result = cli("summarize", small_workbook, "-o", target, "--lang", "en")
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    assert (
        f"Could not write {target}: LibreOffice had not finished the PDF after 1 seconds and "
        "was stopped. For a big roll-up print fewer levels (--level district), or write an "
        ".xlsx and print the part needed."
    ) in _said(result)
    assert _ended(int(child.read_text()))  # the process LibreOffice started, too
    assert not target.exists()


def _ended(pid: int) -> bool:
    """The process has ended (gone, or a zombie its new parent has not reaped yet)."""
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        stat = Path(f"/proc/{pid}/stat")
        if stat.is_file() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.1)
    return False


@posix_only
def test_nothing_summed_no_pdf(cli, make_workbook, monkeypatch, tmp_path):
    program = _stand_in(monkeypatch, tmp_path / "bin", f"touch {tmp_path / 'ran'}")
    broken = make_workbook([["Huyện A", "Xã B", "Thôn C", "Hội Nông dân", "hai", 10, 5, 9, 8]])
    target = tmp_path / "bao_cao.pdf"
    result = cli("summarize", broken, "-o", target)
    assert result.exit_code == 1
    assert f"Chưa ghi {target}: có lỗi (xem ở trên) nên chưa có số liệu tổng hợp." in _said(result)
    assert program.is_file() and not (tmp_path / "ran").exists() and not target.exists()


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@needs_libreoffice
def test_the_workbook_printed_with_figures_as_offices_write_them(cli, small_workbook):
    target = small_workbook.with_name("bao_cao.pdf")
    result = cli("summarize", small_workbook, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert f"Đã ghi {target}" in _said(result)
    assert target.read_bytes().startswith(b"%PDF-")
    text = " ".join(_text(target).split())
    assert "Xã Đông Phước" in text and "Huyện Long Mỹ" in text
    assert "2.734" in text and "72,89%" in text  # the totals, Vietnamese style
    english = small_workbook.with_name("report.pdf")
    assert cli("summarize", small_workbook, "-o", english, "--lang", "en").exit_code == 0
    assert "2,734" in _text(english) and "72.89%" in _text(english)


@needs_libreoffice
def test_a_config_run_writes_the_pdf(cli, tmp_path):
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", SEPTEMBER, [("Thôn 1", 3, 101)])
    config = tmp_path / "danvan.toml"
    config.write_text(
        'submissions = "nop/{period}"\nkind = "membership"\n[outputs]\nformats = ["pdf"]\n',
        encoding="utf-8",
    )
    result = cli("rollup", "--config", config, "--period", "2026-09")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "ket_qua" / "tong_hop_2026-09.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert "Thôn 1" in _text(written) and "CỘNG HÒA" not in _text(written)  # the data
    with config.open("a", encoding="utf-8") as more:
        more.write("official = true\n")  # in [outputs]: the PDF prints the official workbook
    assert cli("rollup", "--config", config, "--period", "2026-09").exit_code == 0
    text = " ".join(_text(written).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Tháng 9 năm 2026" in text
    assert "NGƯỜI LẬP BIỂU" in text


def test_a_config_asking_for_a_pdf_without_libreoffice_reads_nothing(
    cli, tmp_path, no_libreoffice, monkeypatch
):
    opened: list = []
    monkeypatch.setattr(read, "open_sheets", lambda *a: opened.append(a))
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", SEPTEMBER, [("Thôn 1", 3, 101)])
    config = tmp_path / "danvan.toml"
    config.write_text(
        'submissions = "nop/{period}"\n[outputs]\nformats = ["xlsx", "pdf"]\n', encoding="utf-8"
    )
    result = cli("rollup", "--config", config, "--period", "2026-09")
    assert result.exit_code == 2
    target = tmp_path / "ket_qua" / "tong_hop_2026-09.pdf"
    assert f"Không ghi được {target}: tệp PDF cần LibreOffice" in _said(result)
    assert opened == [] and not (tmp_path / "ket_qua" / "tong_hop_2026-09.xlsx").exists()
    assert not (tmp_path / "danvan.db").exists()
