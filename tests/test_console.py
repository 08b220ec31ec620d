"""console: the progress bar is drawn on a terminal only."""

from __future__ import annotations

import io

from rich.console import Console

from danvan_cli.console import reading_progress


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
