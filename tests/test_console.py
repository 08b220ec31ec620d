"""console: the progress bar is drawn on a terminal only."""

from __future__ import annotations

import io
import os
import stat

import pytest
from rich.console import Console

from danvan_cli.cli.console import reading_progress


def test_progress_bar_shows_files_of_all_and_rows_on_a_terminal():
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=100)
    with reading_progress(console, "vi") as advance:
        for number in range(3):
            advance(f"xa_{number}.xlsx", 20_000, 3)
    drawn = stream.getvalue()
    assert "3/3" in drawn
    assert "60.000 dòng" in drawn


def test_no_progress_bar_when_output_is_redirected():
    stream = io.StringIO()
    with reading_progress(Console(file=stream), "vi") as advance:
        assert advance is None
    assert stream.getvalue() == ""


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")
@pytest.mark.parametrize("suffix", ["xlsx", "csv", "md", "json"])
def test_output_through_a_link_is_refused(cli, small_workbook, tmp_path, suffix):
    """`-o` naming a link would replace the file it points to (anywhere: ~/.bashrc):
    refused before anything is read, exit 2, and the target is left as it was."""
    target = tmp_path / "elsewhere" / f"precious.{suffix}"
    target.parent.mkdir()
    target.write_text("do not touch")
    link = tmp_path / f"out.{suffix}"
    link.symlink_to(target)
    result = cli("summarize", small_workbook, "-o", link)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Không ghi vào {link}: đó là liên kết (symlink) tới {target}")
    assert target.read_text() == "do not touch"
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao_cao.xlsx", "elsewhere", link.name]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_an_overwritten_output_keeps_its_permissions(cli, small_workbook, tmp_path):
    outputs = [tmp_path / f"out.{suffix}" for suffix in ("xlsx", "csv", "md", "json")]
    for output in outputs:
        output.write_text("old")
        output.chmod(0o600)
    fresh = tmp_path / "fresh.json"
    result = cli("summarize", small_workbook, *[a for o in [*outputs, fresh] for a in ("-o", o)])
    assert result.exit_code == 0, result.stderr
    assert [stat.S_IMODE(o.stat().st_mode) for o in outputs] == [0o600] * 4
    assert outputs[1].read_text("utf-8-sig").startswith("level,")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
