"""Rendering roll-ups and problems (xuất kết quả): terminal, JSON, CSV, Markdown, Excel."""

from __future__ import annotations

import itertools
import json
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import numpy as np
import pandas as pd

from danvan_cli.engine.rollup import Rollup
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs import lines
from danvan_cli.outputs.leftovers import temporary_output
from danvan_cli.text.formatting import format_value, plain_number
from danvan_cli.text.safe_text import csv_cell, json_text, markdown_cell, plain_in_markdown


def rollup_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts (JSON values): names and codes as text, figures as int/float,
    None where not given."""
    return [
        {k: v if isinstance(v, str) else plain_number(v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]


# A table's column for `table_rows`: its values, and how a value is made a cell.
Column = tuple[pd.Series, Callable[[Any], Any]]


def table_rows(columns: Sequence[Column]) -> Iterator[list[Any]]:
    """A table's rows of cells, made column by column: each distinct value of a column's
    values made once by its function (a country's village level has ten million figures),
    None where not given; handed out a slice of rows at a time."""
    cells = [_cells(values, made) for values, made in columns]
    for start in range(0, len(cells[0]) if cells else 0, _SLICE_ROWS):
        rows = slice(start, start + _SLICE_ROWS)
        yield from map(list, zip(*[column[rows].tolist() for column in cells], strict=True))


_SLICE_ROWS = 10_000


def _cells(values: pd.Series, made: Callable[[Any], Any]) -> np.ndarray:
    """A column's cells, each distinct value `made` once; None where not given."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    return np.array([*map(made, distinct.tolist()), None], dtype=object)[codes]


def category_totals(
    rollup: Rollup, width: int, labels: Callable[[str], str]
) -> Callable[[], list[list[Any]]]:
    """The grand total's rows per category value (`document.Table.by_category`), as a
    level's rows are: `width` names, the last the value's label; then the figures."""

    def rows() -> list[list[Any]]:
        by = rollup.total_by_organization
        if by is None:
            return []
        code = by.columns[0]
        names = [""] * (width - 1)
        return [
            [*names, labels(str(row[code])), *[plain_number(row.get(m)) for m in rollup.metrics]]
            for row in by.to_dict("records")
        ]

    return rows


def json_members(values: dict[str, Any]) -> bytes:
    return ",\n".join(f"{json.dumps(k)}: {json_text(v)}" for k, v in values.items()).encode("utf-8")


def write_table_csv(
    stream: BinaryIO,
    table: pd.DataFrame,
    bom: bool,
    raw: bool,
    exact: Collection[str] = (),
    header: bool = True,
) -> None:
    """`table` as CSV (its header line unless not `header`), figures whole numbers but the
    ratios and the columns named `exact`; text a spreadsheet program would take for a
    formula neutralised unless `raw`."""
    if bom:
        stream.write("\ufeff".encode("utf-8"))
    lines.write_csv_rows(stream, table, str if raw else csv_cell, exact, header)


def ratio_notes(
    rollup: Rollup,
    metrics: Sequence[str],
    lang: str,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """A line for each ratio of `metrics` taken over fewer than all the lowest units (the
    others do not give both its figures), saying over how many; a ratio named by `labels`
    (in `lang`), or by its membership label."""
    level = label(LEVEL_LABELS, rollup.levels[-1], lang)
    return [
        ui(
            "ratio_units_note",
            lang,
            ratio=labels[ratio] if labels else label(FIELD_LABELS, ratio, lang),
            units=format_value(units, "units", lang),
            of=format_value(rollup.units, "units", lang),
            level=level,
        )
        for ratio, units in rollup.ratio_units.items()
        if ratio in metrics and units < rollup.units
    ]


MarkdownSection = tuple[str, list[str], list[list[str]]]  # title, header, rows


def write_markdown_sections(stream: TextIO, sections: Iterable[MarkdownSection]) -> None:
    """A Markdown document: per section "## title" and its table, its lines written 10,000
    at a time (a section is never held whole as text)."""
    for number, (title, header, rows) in enumerate(sections):
        stream.write(("\n\n" if number else "") + f"## {title}\n\n")
        lines = _markdown_lines(header, rows)
        stream.write(next(lines))
        while batch := list(itertools.islice(lines, _MARKDOWN_BATCH_LINES)):
            stream.write("\n" + "\n".join(batch))
    stream.write("\n")


_MARKDOWN_BATCH_LINES = 10_000


def problem_table(problems: Sequence[Problem], lang: str) -> tuple[list[str], list[list[str]]]:
    """The problems as a text table (Markdown's last section): where, what, the value."""
    keys = ("severity", "file", "sheet", "row", "column", "value", "message")
    header = [ui(k if k != "message" else "content", lang) for k in keys]
    rows = []
    for problem in problems:
        record = problem.to_dict(lang)
        record["severity"] = ui(problem.shown_as, lang)
        rows.append(["" if record[k] is None else str(record[k]) for k in keys])
    return header, rows


def _markdown_lines(header: list[str], rows: list[list[str]]) -> Iterator[str]:
    def line(cells: list[str]) -> str:
        if plain_in_markdown("".join(cells)):  # looked at whole: a cell needing care is rare
            return "| " + " | ".join(cells) + " |"
        return "| " + " | ".join(map(markdown_cell, cells)) + " |"

    yield line(header)
    yield "|" + "|".join("---" for _ in header) + "|"
    for row in rows:
        yield line(row)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename it into place. A file
    replaced keeps its permissions (one readable by its owner only stays so); a new one
    gets an ordinary new file's. A link is replaced, never the file it points to (the
    commands refuse a link before: `console.refuses_output`)."""
    temporary = temporary_output(path)
    try:
        write(temporary)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions of the file `path` replaces, or a new file's (not mkstemp's 0600)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        return stat.S_IMODE(status.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_file(path: Path, text: str | Callable[[TextIO], None]) -> None:
    """Atomically write UTF-8 text: a string, or what `text(stream)` writes."""

    def fill(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            if callable(text):
                text(stream)
            else:
                stream.write(text)

    write_atomic(path, fill)


def write_binary_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Atomically write a file through `write(stream)`."""

    def fill(temporary: Path) -> None:
        with temporary.open("wb") as stream:
            write(stream)

    write_atomic(path, fill)
