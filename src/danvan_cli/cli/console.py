"""The terminal side shared by every command (màn hình): consoles, the progress bar,
standard output for the big writers, and the guard that keeps inputs from being written."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from danvan_cli.ingest.paths import expand_paths
from danvan_cli.model.messages import os_reason, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.pdf import ConversionFailed, write_pdf
from danvan_cli.text.formatting import format_value

if TYPE_CHECKING:  # a type only: loading tables (pandas) is not needed to print
    from danvan_cli.ingest.load import Progress as ProgressCallback


def stdout_bytes() -> BinaryIO:
    """Standard output as bytes (flushed text first), for the big writers."""
    sys.stdout.flush()
    return sys.stdout.buffer


def consoles() -> tuple[Console, Console]:
    """Stdout and stderr consoles; redirected output gets room enough never to cut a figure.
    What they print is text as written: a path or a name holding "[cũ]" or ":x:" is never
    read as rich's markup or emoji codes."""
    plain = {"markup": False, "emoji": False}
    stdout, stderr = Console(**plain), Console(stderr=True, **plain)
    if not stdout.is_terminal:
        stdout = Console(width=240, **plain)
    return stdout, stderr


def levels_shown(
    present: Sequence[str], asked: Sequence[str] | None, problems: list[Problem]
) -> list[str]:
    """The levels to show: those asked for with `--level` (all without it) that the data
    has; a level asked for that the data lacks is a warning in `problems`."""
    for level in [lv for lv in asked or () if lv not in present and present]:
        problems.append(Problem("warning", "level_not_present", params={"level": level}))
    return [lv for lv in present if asked is None or lv in asked]


def refuses_output(
    console: Console, outputs: Sequence[Path], patterns: Sequence[str], lang: str
) -> bool:
    """True (and says so) when a `-o` names one of the input files (inputs are never
    written) or a symbolic link (writing would replace the file it points to, wherever
    that is: danvan writes no file but the one named)."""
    for output in outputs:
        if is_input(output, patterns):
            message = ui("refuse_overwrite", lang, path=output)
        elif output.is_symlink():
            message = ui("refuse_link", lang, path=output, target=os.readlink(output))
        else:
            continue
        console.print(message, style="red", highlight=False, soft_wrap=True)
        return True
    return False


def write_outputs(
    stderr: Console,
    outputs: Sequence[Path],
    summed: bool,
    lang: str,
    write: Callable[[Path], None],
    quiet: bool = False,
    printed: Callable[[Path], None] | None = None,
) -> bool:
    """Write each `-o` file with `write(path)`, saying so; False if one could not be written.
    A .pdf is the workbook `printed` writes (else `write` for an .xlsx), printed by
    LibreOffice (`outputs.pdf`). When nothing was summed (the data has errors), .xlsx and
    .json still carry the problems; .csv, .md, .txt and .pdf, which would hold only
    figures, are not written, and that is said."""
    written = True
    for output in outputs:
        suffix = output.suffix.lower()
        if not summed and suffix in (".csv", ".md", ".txt", ".pdf"):
            message = ui("not_written", lang, path=output)
            stderr.print(message, style="red", highlight=False, soft_wrap=True)
        elif suffix == ".pdf":
            pdf = functools.partial(write_pdf, output, printed or write, lang)
            written &= write_output(stderr, output, lang, pdf, quiet)
        else:
            written &= write_output(stderr, output, lang, lambda path=output: write(path), quiet)
    return written


def write_output(
    stderr: Console, output: Path, lang: str, write: Callable[[], None], quiet: bool = False
) -> bool:
    """Run `write` (it writes `output`) and say so (not when `quiet`); on an OS error (no
    such folder, no permission, disk full) say why instead: False."""
    try:
        write()
    except OSError as exc:
        message = ui("write_failed", lang, path=output, reason=os_reason(exc, lang))
        stderr.print(message, style="red", highlight=False, soft_wrap=True)
        return False
    except ConversionFailed as failed:
        stderr.print(failed.said(output, lang), style="red", highlight=False, soft_wrap=True)
        return False
    if not quiet:
        stderr.print(ui("written", lang, path=output), highlight=False, soft_wrap=True)
    return True


def is_input(output: Path, patterns: Sequence[str]) -> bool:
    files, _ = expand_paths(patterns)
    target = output.resolve()
    return any(f.resolve() == target for f in files)


@contextmanager
def reading_progress(console: Console, lang: str) -> Iterator[ProgressCallback | None]:
    """A progress bar (files read of all, rows read, time), on a terminal only."""
    if not console.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn(ui("reading", lang)),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]} " + ui("rows_read", lang)),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=None, rows="0")
    rows_read = 0

    def advance(_file: str, rows: int, files: int) -> None:
        nonlocal rows_read
        rows_read += rows
        bar.update(task, total=files, advance=1, rows=format_value(rows_read, "rows", lang))

    with bar:
        yield advance
