"""Nothing of danvan's stays in the output folder or the temporary folder, however a write
ends (Ctrl-C, SIGTERM, a full disk); what a SIGKILL left, the next run removes."""

from __future__ import annotations

import errno
import gc
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import pytest

from danvan_cli.outputs import excel, membership
from tests.conftest import SMALL_ROWS, write_workbook

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch) -> Path:
    """The system's temporary folder, for this test: a folder of its own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_ctrl_c_while_writing_xlsx_leaves_nothing(
    cli, small_workbook, temporary, outputs, monkeypatch
):
    """Interrupted half way through the village sheet: openpyxl's files of the sheets
    written so far, and the output's temporary file, are all removed."""
    rows = membership._level_rows

    def interrupted(*args):
        for number, row in enumerate(rows(*args)):
            if number == 2 and args[1][-1] == "village":  # the level's names, its own last
                raise KeyboardInterrupt
            yield row

    monkeypatch.setattr(membership, "_level_rows", interrupted)
    result = cli("summarize", small_workbook, "-o", outputs / "tong_hop.xlsx")
    assert result.exit_code == 130  # click's own ending of Ctrl-C (`cli.run` makes it 1)
    assert list(outputs.iterdir()) == []
    assert list(temporary.iterdir()) == []


def test_a_full_disk_while_writing_xlsx_leaves_nothing(
    cli, small_workbook, temporary, outputs, monkeypatch
):
    """Said in words (exit 2), with no file left and no traceback from ZipFile.__del__
    when the garbage collector meets the half-written archive."""

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "write", disk_full)
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    result = cli(
        "summarize", small_workbook, "-o", outputs / "tong_hop.xlsx", "-o", outputs / "a.json"
    )
    gc.collect()
    assert result.exit_code == 2
    assert f"Không ghi được {outputs / 'tong_hop.xlsx'}: ổ đĩa hết chỗ trống" in result.stderr
    assert [p.name for p in outputs.iterdir()] == ["a.json"]
    assert list(temporary.iterdir()) == []
    assert unraisable == []


def test_an_output_open_in_excel_is_said_so(cli, small_workbook, temporary, outputs, monkeypatch):
    """Windows refuses to replace a workbook Excel has open with "permission denied": the
    user is told the file may be open, not only that a permission is missing."""

    def in_use(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", in_use)
    result = cli("summarize", small_workbook, "-o", outputs / "tong_hop.xlsx")
    assert result.exit_code == 2
    assert (
        f"Không ghi được {outputs / 'tong_hop.xlsx'}: không có quyền, hoặc tệp đang mở trong "
        "Excel hay chương trình khác (đóng tệp rồi chạy lại)." in result.stderr
    )
    assert list(outputs.iterdir()) == [] and list(temporary.iterdir()) == []


def _run(script: str, cwd: Path, temporary: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TMPDIR": str(temporary)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# A workbook written by danvan's own code, its rows ending the process half way through
_HALF_WRITTEN = """
    import os, signal, sys
    from pathlib import Path
    from danvan_cli.outputs.excel import Report
    from danvan_cli.cli.launch import end_as_interrupted

    end_as_interrupted()

    def rows():
        for number in range(1000):
            if number == 500:
                os.kill(os.getpid(), signal.{signal})
            yield [number, "Thôn " + str(number)]

    report = Report("vi")
    report.add_table("Trước", ["STT", "Thôn"], [[1, "Thôn 1"]], None, [])
    report.add_table("Thôn", ["STT", "Thôn"], rows, None, [])
    try:
        report.save(Path("tong_hop.xlsx"))
    except KeyboardInterrupt:
        sys.exit(130)
"""


@POSIX_ONLY
def test_sigterm_while_writing_leaves_nothing(tmp_path, temporary, outputs):
    ended = _run(_HALF_WRITTEN.format(signal="SIGTERM"), outputs, temporary)
    assert ended.returncode == 130, ended.stderr
    assert list(outputs.iterdir()) == []
    assert list(temporary.iterdir()) == []


@POSIX_ONLY
def test_the_next_run_removes_what_a_sigkill_left(cli, small_workbook, temporary, outputs):
    killed = _run(_HALF_WRITTEN.format(signal="SIGKILL"), outputs, temporary)
    assert killed.returncode == -signal.SIGKILL
    left_beside = list(outputs.iterdir())
    left_in_temporary = list(temporary.iterdir())
    assert [p.name.startswith(".tong_hop.xlsx.danvan-") for p in left_beside] == [True]
    assert [p.name.startswith("danvan-") for p in left_in_temporary] == [True]
    assert any(left_in_temporary[0].iterdir())  # openpyxl's file of the first sheet
    other = outputs / f".other.md.danvan-{killed_pid()}-x.tmp"  # another killed run's
    other.touch()
    running = outputs / f".tong_hop.xlsx.danvan-{os.getpid()}-x.tmp"  # a run still going on
    running.touch()
    not_danvans = outputs / ".tong_hop.xlsx.1-x.tmp"  # not named by danvan: not its to remove
    not_danvans.touch()
    result = cli("summarize", small_workbook, "-o", outputs / "tong_hop.xlsx")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in outputs.iterdir()) == sorted(
        ["tong_hop.xlsx", running.name, not_danvans.name]
    )
    assert list(temporary.iterdir()) == []


def killed_pid() -> int:
    """The process id of a process that has ended."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(ended.stdout)


def test_a_written_workbook_leaves_only_itself(tmp_path, temporary):
    path = write_workbook(tmp_path / "in.xlsx", SMALL_ROWS)
    report = excel.Report("vi")
    report.add_table("Thôn", ["STT", "Thôn"], [[1, "Ấp 10"]], None, [])
    report.save(tmp_path / "tong_hop.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx", "tmp", "tong_hop.xlsx"]
    assert list(temporary.iterdir()) == []
    assert path.exists()


@POSIX_ONLY
def test_a_signal_ignored_stays_ignored(tmp_path, temporary):
    """`nohup danvan ...` ignores SIGHUP: danvan must not turn it into an interruption."""
    script = """
        import os, signal
        from danvan_cli.cli.launch import end_as_interrupted

        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        end_as_interrupted()
        os.kill(os.getpid(), signal.SIGHUP)
        print("still running")
    """
    ended = _run(script, tmp_path, temporary)
    assert (ended.returncode, ended.stdout) == (0, "still running\n"), ended.stderr
