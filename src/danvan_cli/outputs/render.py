"""Rendering roll-ups and problems (xuất kết quả): terminal, JSON, CSV, Markdown, Excel."""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import numpy as np
import pandas as pd

from danvan_cli.engine.rollup import ALL, Rollup
from danvan_cli.kinds.vocabulary import HOUSEHOLD_METRICS, LEVELS, RATING_METRICS
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, ORGANIZATION_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs import lines
from danvan_cli.outputs.leftovers import temporary_output
from danvan_cli.text.formatting import format_value, plain_number
from danvan_cli.text.safe_text import csv_cell, json_text, markdown_cell, plain_in_markdown

TERMINAL_HIDDEN = frozenset(RATING_METRICS)
TEXT_COLUMNS = frozenset({*LEVELS, "organization"})


def rollup_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of one level as plain dicts: names as text, numbers as int/float/None."""
    return [
        {k: (v if k in TEXT_COLUMNS else plain_number(v)) for k, v in record.items()}
        for record in table.to_dict("records")
    ]


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
    stream: BinaryIO, table: pd.DataFrame, bom: bool, raw: bool, exact: Collection[str] = ()
) -> None:
    """`table` as CSV, figures whole numbers but the ratios and the columns named `exact`;
    text a spreadsheet program would take for a formula neutralised unless `raw`."""
    if bom:
        stream.write("\ufeff".encode("utf-8"))
    lines.write_csv_rows(stream, table, str if raw else csv_cell, exact)


def localized_table(
    table: pd.DataFrame, level: str, metrics: Sequence[str], lang: str, organizations: bool = True
) -> tuple[list[str], list[list[str]]]:
    """Header and text rows of one level as people read them (each distinct figure of a
    column formatted once: a country's village level has a million cells)."""
    names = [c for c in table.columns if c in LEVELS]
    rows_table = table if organizations else table[table["organization"] == ALL]
    header = [label(FIELD_LABELS, n, lang) for n in names]
    columns = [rows_table[n].astype(str).to_list() for n in names]
    if organizations:
        header.append(label(FIELD_LABELS, "organization", lang))
        orgs = rows_table["organization"].astype(str)
        columns.append([label(ORGANIZATION_LABELS, org, lang) for org in orgs])
    header += [label(FIELD_LABELS, m, lang) for m in metrics]
    hidden = (rows_table["organization"] != ALL).to_numpy()
    for metric in metrics:
        texts = _formatted(rows_table.get(metric), len(rows_table), metric, lang)
        if metric in HOUSEHOLD_METRICS:
            texts[hidden] = ""
        columns.append(texts.tolist())
    return header, [list(row) for row in zip(*columns, strict=True)]


def _formatted(values: pd.Series | None, rows: int, metric: str, lang: str) -> np.ndarray:
    """A column's figures as text (blank where not given, or no such column)."""
    if values is None:
        return np.full(rows, "", dtype=object)
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    texts = [_shown(v, metric, lang) for v in distinct.tolist()]
    return np.array([*texts, ""], dtype=object)[codes]


def _shown(value: object, metric: str, lang: str) -> str:
    """A figure as people read it; blank where not given (or no ratio can be taken)."""
    return "" if plain_number(value) is None else format_value(value, metric, lang)


def total_row(rollup: Rollup, width_names: int, metrics: Sequence[str], lang: str) -> list[str]:
    return [ui("total", lang), *[""] * (width_names - 1)] + [
        _shown(rollup.total.get(m), m, lang) for m in metrics
    ]


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


def write_markdown(
    stream: TextIO,
    rollup: Rollup,
    shown: Sequence[str],
    lang: str,
    problems: Sequence[Problem] = (),
) -> None:
    """A section per level, then the problems (rows left out with --skip-invalid among them).

    A country's village section is about 100 MB of text: each section is made when it is
    written (see `write_markdown_sections`)."""

    def sections() -> Iterator[MarkdownSection]:
        for level in shown:
            header, rows = localized_table(rollup.tables[level], level, rollup.metrics, lang)
            rows.append(total_row(rollup, len(header) - len(rollup.metrics), rollup.metrics, lang))
            yield ui("level_title", lang, level=label(LEVEL_LABELS, level, lang)), header, rows

    write_markdown_sections(stream, sections())
    notes = ratio_notes(rollup, rollup.metrics, lang)
    if notes:
        stream.write("\n" + "\n".join(f"- {note}" for note in notes) + "\n")
    if problems:
        stream.write("\n")
        write_markdown_sections(
            stream, [(ui("problems_title", lang), *problem_table(problems, lang))]
        )


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
        record["severity"] = ui(problem.severity, lang)
        rows.append(["" if record[k] is None else str(record[k]) for k in keys])
    return header, rows


def to_markdown(
    rollup: Rollup, shown: Sequence[str], lang: str, problems: Sequence[Problem] = ()
) -> str:
    """`write_markdown` into a string."""
    buffer = io.StringIO()
    write_markdown(buffer, rollup, shown, lang, problems)
    return buffer.getvalue()


def _markdown_lines(header: list[str], rows: list[list[str]]) -> Iterator[str]:
    def line(cells: list[str]) -> str:
        text = " | ".join(cells)  # looked at whole: a cell needing care is rare
        if not plain_in_markdown(text):
            text = " | ".join(map(markdown_cell, cells))
        return "| " + text + " |"

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
