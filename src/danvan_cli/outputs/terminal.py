"""Tables and the problems on screen (hiển thị), with rich."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from danvan_cli.model.messages import LEVEL_LABELS, NOTE_SUMMARIES, label, ui
from danvan_cli.model.problems import Problem, place_text
from danvan_cli.text.safe_text import escape_controls


def print_table(
    console: Console,
    title: str,
    header: list[str],
    rows: list[list[str]],
    total: list[str],
    text_columns: int,
) -> None:
    """A table under its title: names left, figures right, the total row in bold. Cells are
    text as written, never markup ("Thôn [cũ]" stays whole).

    rich lays a table out cell by cell, slow for long tables and a noticeable part of a small
    file's run. When every cell fits on one line, rich draws only the frame, the header and
    the total row, at the widths the cells need, and the rows go between as plain lines of
    the same layout. A table wider than the console is drawn so in blocks of figure columns,
    the names repeated before each, as a wide form is printed on pages side by side ("Tổng
    hợp cấp xã (2/3)"): rich would shrink it to fit, cutting figures short ("1.2…")."""
    lines = [header, *rows, total]
    sizes = _sizes_on_one_line(lines) if len(rows) >= _DRAWN_BY_RICH else None
    blocks = _blocks(sizes, lines, text_columns, console) if sizes is not None else None
    if blocks is None:  # control characters (ESC, BEL) shown, not sent to the terminal
        table = _table(title, header, text_columns)
        for row in rows:
            table.add_row(*[Text(escape_controls(cell)) for cell in row])
        table.add_row(*[Text(escape_controls(cell)) for cell in total], style="bold")
        console.print(table)
        return
    for number, (columns, widths) in enumerate(blocks, start=1):
        named = title if len(blocks) == 1 else f"{title} ({number}/{len(blocks)})"
        part = [[line[i] for i in columns] for line in lines]
        _print_plain(console, named, part, text_columns, widths, sizes)


def _print_plain(
    console: Console,
    title: str,
    lines: list[list[str]],
    text_columns: int,
    widths: list[int],
    sizes: dict[str, int],
) -> None:
    """A table whose cells are each one line and fit `widths`: rich draws the frame, the
    header and the total row; the rows go between as plain lines."""
    header, rows, total = lines[0], lines[1:-1], lines[-1]
    table = _table(title, header, text_columns, widths)
    table.add_row(*map(Text, total), style="bold")
    with console.capture() as capture:
        console.print(table)
    drawn = capture.get().splitlines(keepends=True)
    below_header = next(i for i, line in enumerate(drawn) if line.startswith(_HEADER_RULE)) + 1
    body = _plain_rows(rows, widths, sizes, text_columns)
    console.file.write("".join([*drawn[:below_header], body, *drawn[below_header:]]))
    console.file.flush()


# Rows from which tables are drawn as plain lines: all (the tests raise it to have rich lay
# out every cell, and compare the two drawings)
_DRAWN_BY_RICH = 0
_HEADER_RULE = "┡"  # the rule under the header of rich's HEAVY_HEAD box


def _sizes_on_one_line(lines: list[list[str]]) -> dict[str, int] | None:
    """Each distinct cell's width on screen, or None when a cell is not one line of
    printable text (rich then lays the table out)."""
    sizes: dict[str, int] = {}
    for line in lines:
        for cell in line:
            if cell not in sizes:
                if not cell.isprintable():
                    return None
                sizes[cell] = cell_len(cell)
    return sizes


def _blocks(
    sizes: dict[str, int], lines: list[list[str]], text_columns: int, console: Console
) -> list[tuple[list[int], list[int]]] | None:
    """The table's columns in blocks that each fit the console (the name columns, then as
    many figure columns as fit), with their widths: one block when the table fits. None
    where rich must lay it out: it writes through the Windows console API, records what it
    prints (for export) or draws with ASCII for want of UTF-8, or the names with one figure
    do not fit."""
    if console.legacy_windows or console.record or console.options.ascii_only:
        return None
    widths = [max(sizes[line[i]] for line in lines) for i in range(len(lines[0]))]
    names = list(range(text_columns))
    used = sum(widths[:text_columns]) + 3 * text_columns + 1  # a space each side, a rule after
    blocks: list[list[int]] = []
    room = -1
    for column in range(text_columns, len(widths)):
        need = widths[column] + 3
        if need > room:  # a new block
            if used + need > console.width:
                return None
            blocks.append([])
            room = console.width - used
        blocks[-1].append(column)
        room -= need
    if not blocks:  # names only
        return [(names, widths)] if used <= console.width else None
    return [([*names, *block], [widths[i] for i in [*names, *block]]) for block in blocks]


def _plain_rows(
    rows: list[list[str]], widths: list[int], sizes: dict[str, int], text_columns: int
) -> str:
    """Rows as rich draws them in its HEAVY_HEAD box: "│ name │   1.234 │"."""
    left = range(text_columns)
    lines = []
    for row in rows:
        cells = [
            cell + " " * (widths[i] - sizes[cell])
            if i in left
            else " " * (widths[i] - sizes[cell]) + cell
            for i, cell in enumerate(row)
        ]
        lines.append("│ " + " │ ".join(cells) + " │\n")
    return "".join(lines)


def _table(
    title: str, header: list[str], text_columns: int, widths: list[int] | None = None
) -> Table:
    table = Table(title=title, title_style="bold", header_style="bold")
    for index, name in enumerate(header):
        width = widths[index] if widths else None
        if index < text_columns:
            table.add_column(name, justify="left", ratio=2, width=width)
        else:
            table.add_column(name, justify="right", no_wrap=True, ratio=1, width=width)
    return table


def print_problems(
    console: Console, problems: Sequence[Problem], lang: str, quiet: bool = False
) -> None:
    """Each problem on one line: where, what, and what was expected (printed a thousand
    lines at a time: a country's files can hold a hundred thousand problems). A note that
    many files share is said once at the end (`fold_notes`); with `quiet`, no note."""
    problems, folded = fold_notes(problems, lang, quiet)
    lines = [_problem_line(problem, lang) for problem in problems] + folded
    for start in range(0, len(lines), _PROBLEMS_AT_ONCE):
        batch = Text("\n").join(lines[start : start + _PROBLEMS_AT_ONCE])
        console.print(batch, highlight=False, soft_wrap=True)


_PROBLEMS_AT_ONCE = 1000
NOTES_FOLDED_FROM = 3  # files sharing a note: from this many on, it is said once for all


def fold_notes(
    problems: Sequence[Problem], lang: str, quiet: bool = False
) -> tuple[list[Problem], list[Text]]:
    """The problems to print one by one, and a line for each note that `NOTES_FOLDED_FROM`
    files or more share (its kind, how many files, the files named compactly); with
    `quiet`, the notes are left out."""
    if quiet:
        return [p for p in problems if not p.is_note], []
    shared: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if problem.is_note:
            shared.setdefault((problem.code, problem.params.get("level")), []).append(problem)
    folded = []
    for (code, level), notes in shared.items():
        files = list(dict.fromkeys(p.file or "" for p in notes))
        if len(files) < NOTES_FOLDED_FROM:
            continue
        folded.append(_folded_line(code, level, files, lang))
        said = {id(p) for p in notes}
        problems = [p for p in problems if id(p) not in said]
    return list(problems), folded


def _folded_line(code: str, level: str | None, files: list[str], lang: str) -> Text:
    """'Ghi chú: 120 tệp trong «bao_cao» (xa_001.xlsx, xa_002.xlsx, …, xa_120.xlsx): có dòng
    cộng ...', the folder named once when every file is in it."""
    folders = {os.path.dirname(file) for file in files}
    folder = folders.pop() if len(folders) == 1 else ""
    if folder:
        files = [os.path.basename(file) for file in files]
    names = ", ".join([*files[:2], "…", files[-1]] if len(files) > 3 else files)
    where = ui("in_folder", lang, folder=folder) if folder else ""
    level_label = label(LEVEL_LABELS, level, lang) if level else ""
    note = label(NOTE_SUMMARIES, code, lang).format(level_label=level_label)
    said = ui("notes_folded", lang, files=len(files), folder=where, names=names, note=note)
    text = Text(ui("note", lang), style="blue")
    text.append(escape_controls(": " + said))  # a file name's ESC or BEL shown, not sent
    return text


def _problem_line(problem: Problem, lang: str) -> Text:
    style = "red" if problem.severity == "error" else "blue" if problem.is_note else "yellow"
    where = place_text(problem.file, problem.sheet, problem.row, lang)
    if problem.column:
        where += f", {ui('column', lang).lower()} «{problem.column}»"
    text = Text(ui(problem.shown_as, lang), style=style)
    said = f" {where}: {problem.message(lang)}" if where else f": {problem.message(lang)}"
    expected = problem.expected(lang)
    if expected:
        said += f" ({ui('expected', lang)}: {expected})"
    text.append(escape_controls(said))  # a value's ESC or BEL shown, not sent
    return text


def verdict(
    problems: Sequence[Problem],
    skipped_rows: int,
    summed: bool,
    lang: str,
    skip_option: bool = True,
) -> str:
    """The last line: errors and warnings counted (notes are not warnings). Without
    `skip_option` (a command that has no --skip-invalid: rollup) it names no such option."""
    errors, warnings = _counts(problems)
    if errors and summed and skipped_rows:
        return ui("verdict_skipped", lang, rows=skipped_rows)
    if errors and summed:
        said = "verdict_summed_with_errors" if skip_option else "verdict_files_left_out"
        return ui(said, lang, errors=errors, warnings=warnings)
    if any(p.code == "no_data" for p in problems):  # --skip-invalid would not help
        return ui("verdict_no_data", lang, errors=errors, warnings=warnings)
    if errors:
        said = "verdict_errors" if skip_option else "verdict_errors_fix_files"
        return ui(said, lang, errors=errors, warnings=warnings)
    if warnings:
        return ui("verdict_warnings", lang, warnings=warnings)
    return ui("verdict_ok", lang)


def check_verdict(problems: Sequence[Problem], lang: str) -> str:
    """The one-line verdict of `danvan validate` (nothing is summed there)."""
    errors, warnings = _counts(problems)
    if errors:
        return ui("verdict_check_errors", lang, errors=errors, warnings=warnings)
    return verdict(problems, 0, False, lang)


def file_verdict(problems: Sequence[Problem], lang: str) -> str:
    """The line closing one file's part of `danvan validate`."""
    errors, warnings = _counts(problems)
    if errors or warnings:
        return ui("file_verdict", lang, errors=errors, warnings=warnings)
    return ui("file_verdict_ok", lang)


def _counts(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings), notes not counted."""
    errors = sum(p.severity == "error" for p in problems)
    return errors, sum(p.severity == "warning" and not p.is_note for p in problems)
