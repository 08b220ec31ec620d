"""Showing and writing a declared kind's roll-up (xuất kết quả theo mẫu): terminal, JSON,
CSV, Markdown and Excel (through `outputs.document`), with the kind's labels.

Counts and đồng are whole numbers with thousands grouped (307.217), tỷ đồng have two
decimals (89,25), ratios are percent (81,84%) unless declared otherwise. The template's
name and version go into every output: the JSON's `template` member, a `template` and a
`template_version` column last in the CSV, the title line of the table and the Markdown,
a note under each sheet of the workbook.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from danvan_cli.engine.rollup import Rollup
from danvan_cli.model.declaration import ALL, ReportKind
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, ORGANIZATION_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.document import (
    Document,
    Table,
    print_document,
    write_document_markdown,
)
from danvan_cli.outputs.jsoncsv import template_of
from danvan_cli.outputs.render import Column, category_totals, ratio_notes, table_rows
from danvan_cli.outputs.writers import Writers, document_writers, write_file
from danvan_cli.text.formatting import COUNT, DECIMAL, PERCENT, plain_number


class Labelled:
    """What a kind's roll-up shows: each column's label and look, the category's values'
    labels, the template's title line, in one language."""

    def __init__(self, kind: ReportKind, rollup: Rollup, lang: str) -> None:
        self.kind, self.rollup, self.lang = kind, rollup, lang
        self.metrics = list(rollup.metrics)
        labels = {f.code: f.labels(lang) for f in kind.figures}
        labels |= {r.code: r.labels(lang) for r in kind.ratios}
        self.labels = labels
        self.looks = [look(kind, m) for m in self.metrics]
        category = next((c for c in kind.categories if _is_column(rollup, c.code)), None)
        self.category = category
        self.values = {v.code: v.labels(lang) for v in category.values} if category else {}
        self.values[ALL] = label(ORGANIZATION_LABELS, ALL, lang)

    def header(self, level: str) -> list[str]:
        names = self.rollup.levels[: self.rollup.levels.index(level) + 1]
        header = [label(FIELD_LABELS, n, self.lang) for n in names]
        if self.category is not None:
            header.append(self.category.labels(self.lang))
        return header + [self.labels[m] for m in self.metrics]

    def rows(self, level: str) -> Iterator[list[Any]]:
        """A level's rows: unit names, the category value's label, the figures (None where
        not given)."""
        table = self.rollup.tables[level]
        names = [n for n in self.rollup.levels if n in table.columns]
        columns: list[Column] = [(table[n], str) for n in names]
        if self.category is not None:
            columns.append((table[self.category.code], self.value_label))
        columns += [(table[m], plain_number) for m in self.metrics]
        return table_rows(columns)

    def value_label(self, code: object) -> str:
        """The label of the category's value `code` (the code itself if not one)."""
        return self.values.get(str(code), str(code))

    def total(self, width: int) -> list[Any]:
        """The total row under a table whose names take `width` columns."""
        figures = [plain_number(self.rollup.total.get(m)) for m in self.metrics]
        return [ui("total", self.lang), *[""] * (width - 1), *figures]

    def table(self, level: str) -> Table:
        """A level's table: a unit's "all" row numbered in a workbook, its category values'
        rows following unnumbered."""
        header = self.header(level)
        width = len(header) - len(self.metrics)
        everything = self.values[ALL]

        def numbered(row: list[Any]) -> bool:
            return self.category is None or row[width - 1] == everything

        return Table(
            ui("level_title", self.lang, level=label(LEVEL_LABELS, level, self.lang)),
            label(LEVEL_LABELS, level, self.lang).capitalize(),
            header,
            functools.partial(self.rows, level),
            self.total(width),
            width,
            self.looks,
            numbered,
            level,
            by_category=(
                category_totals(self.rollup, width, self.value_label)
                if self.category is not None
                else None
            ),
        )

    def notes(self) -> list[str]:
        return ratio_notes(self.rollup, self.metrics, self.lang, self.labels)


def look(kind: ReportKind, metric: str) -> str:
    """How a figure or ratio of `kind` looks (`formatting.COUNT`, `DECIMAL`, `PERCENT`)."""
    ratio = next((r for r in kind.ratios if r.code == metric), None)
    if ratio is not None:
        return PERCENT if ratio.percent else DECIMAL
    return DECIMAL if kind.figure(metric).unit == "ty_dong" else COUNT


def _is_column(rollup: Rollup, name: str) -> bool:
    return any(name in table.columns for table in rollup.tables.values())


def template_title(kind: ReportKind, lang: str) -> str:
    """The kind's name for people, with the template's name and version."""
    return ui("template_title", lang, title=kind.labels(lang), **template_of(kind))


def declared_report(
    kind: ReportKind, rollup: Rollup | None, shown: Sequence[str], lang: str, _terminal: bool
) -> Document:
    """What a declared kind's roll-up shows: the template's title line (a template's kind
    only: a shipped kind's longer period is written as its month is), a table per shown
    level, the ratio notes; a figure not given left blank."""
    title = template_title(kind, lang) if kind.outputs.traced else None
    if rollup is None:
        return Document(title, [], missing="")
    labelled = Labelled(kind, rollup, lang)
    tables = [labelled.table(level) for level in shown]
    heading = ui("official_title_declared", lang, title=kind.labels(lang))
    return Document(title, tables, labelled.notes(), "", heading.upper())


def print_declared(
    console: Console, kind: ReportKind, rollup: Rollup, shown: Sequence[str], lang: str
) -> None:
    """The roll-up on screen under the template's title line, the total row of each table
    in bold, the ratio notes under the tables."""
    print_document(console, declared_report(kind, rollup, shown, lang, True), lang)


def write_declared_markdown(
    stream: TextIO,
    kind: ReportKind,
    rollup: Rollup,
    shown: Sequence[str],
    lang: str,
    problems: Sequence[Problem] = (),
) -> None:
    """The template's title line, a section per level, the ratio notes, the problems."""
    write_document_markdown(
        stream, declared_report(kind, rollup, shown, lang, False), lang, problems
    )


def declared_writers(kind: ReportKind) -> Writers:
    """A declared kind's writer per format (`writers.Writers`)."""
    return document_writers(kind, functools.partial(declared_report, kind))


def write_declared_file(path: Path, kind: ReportKind, *args: Any) -> None:
    """`-o FILE` of a declared kind (`writers.write_file`): path, kind, roll-up, problems,
    levels present, levels shown, language, CSV as is."""
    write_file(declared_writers(kind), path, *args)
