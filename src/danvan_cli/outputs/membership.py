"""Showing and writing the membership roll-up (xuất kết quả đoàn thể): terminal, JSON, CSV,
Markdown and Excel (`MEMBERSHIP_WRITERS`), its document built here.

A level's table has a row per unit and organisation (the unit's row for all of them first;
households only on that row); on the terminal, narrow, only the units' rows without the
ratings. The totals per organisation follow on the terminal and in the workbook (the
Markdown leaves them to the JSON).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd

from danvan_cli.engine.rollup import Rollup
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import HOUSEHOLD_METRICS
from danvan_cli.model.declaration import ALL
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, ORGANIZATION_LABELS, label, ui
from danvan_cli.outputs.document import Document, Table
from danvan_cli.outputs.render import Column, category_totals, ratio_notes, rollup_rows, table_rows
from danvan_cli.outputs.writers import Writers, document_writers
from danvan_cli.text.formatting import look_of, plain_number


def membership_report(
    rollup: Rollup | None, shown: Sequence[str], lang: str, terminal: bool = False
) -> Document:
    """A table per shown level, the totals per organisation, the ratio notes; a figure not
    given left blank; the official workbook charts members and branches."""
    if rollup is None:
        return Document(None, [], missing="")
    hidden = MEMBERSHIP.outputs.terminal_hidden
    metrics = [m for m in rollup.metrics if not terminal or m not in hidden]
    tables = [_level_table(rollup, level, metrics, lang, terminal) for level in shown]
    by_organization = rollup.total_by_organization
    if not terminal:
        tables.append(_totals(rollup, rollup.metrics, lang, markdown=False))
    elif by_organization is not None:
        present = [m for m in rollup.metrics if m in by_organization.columns]
        tables.append(_totals(rollup, present, lang))
    charted = tuple(rollup.metrics.index(m) for m in ("members", "branches") if m in rollup.metrics)
    return Document(
        None,
        tables,
        ratio_notes(rollup, metrics, lang),
        missing="",
        heading=ui("official_title_membership", lang),
        charted=charted or (0,),
        split_shown=tuple(sorted(charted)),  # each organisation's branches and members
    )


def _level_table(
    rollup: Rollup, level: str, metrics: list[str], lang: str, terminal: bool
) -> Table:
    """A level's table: a unit's "all" row numbered in a workbook, its organisations'
    following unnumbered (on the `terminal`, the units' rows only, with no organisation
    column)."""
    names = rollup.levels[: rollup.levels.index(level) + 1]
    header = [label(FIELD_LABELS, n, lang) for n in names]
    header += [] if terminal else [label(FIELD_LABELS, "organization", lang)]
    header += [label(FIELD_LABELS, m, lang) for m in metrics]
    width = len(header) - len(metrics)
    total = [ui("total", lang), *[None] * (width - 1), *[rollup.total.get(m) for m in metrics]]
    sheet = label(LEVEL_LABELS, level, lang).capitalize()
    everything = label(ORGANIZATION_LABELS, ALL, lang)
    return Table(
        ui("level_title", lang, level=label(LEVEL_LABELS, level, lang)),
        sheet,
        header,
        functools.partial(_level_rows, rollup.tables[level], names, metrics, lang, terminal),
        total,
        width,
        [look_of(m) for m in metrics],
        lambda row: row[len(names)] == everything,
        level,
        by_category=category_totals(
            rollup, width, lambda code: label(ORGANIZATION_LABELS, code, lang)
        ),
    )


def _level_rows(
    table: pd.DataFrame, names: list[str], metrics: list[str], lang: str, terminal: bool
) -> Iterator[list[Any]]:
    """A unit's row ("all"), then its organisations' (households left blank); on the
    `terminal`, the units' rows only (`render.table_rows`)."""
    everything = table["organization"] == ALL
    if terminal:
        table, everything = table[everything], everything[everything]
    columns: list[Column] = [(table[n], str) for n in names]
    if not terminal:
        organization = functools.partial(_organization_label, lang=lang)
        columns.append((table["organization"], organization))
    for metric in metrics:
        values = table.get(metric, pd.Series(None, table.index, float))
        columns.append(
            (values.where(everything) if metric in HOUSEHOLD_METRICS else values, plain_number)
        )
    yield from table_rows(columns)


def _organization_label(code: object, lang: str) -> str:
    return label(ORGANIZATION_LABELS, str(code), lang)


def _totals(rollup: Rollup, metrics: list[str], lang: str, markdown: bool = True) -> Table:
    """The totals per organisation, a row each, numbered."""
    header = [label(FIELD_LABELS, "organization", lang)]
    header += [label(FIELD_LABELS, m, lang) for m in metrics]
    rows = []
    if rollup.total_by_organization is not None:
        for row in rollup_rows(rollup.total_by_organization):
            org_label = label(ORGANIZATION_LABELS, row["organization"], lang)
            rows.append([org_label, *[row.get(m) for m in metrics]])
    total = [ui("total", lang), *[rollup.total.get(m) for m in metrics]]
    looks = [look_of(m) for m in metrics]
    title = ui("total", lang)
    return Table(title, title, header, lambda: rows, total, 1, looks, in_markdown=markdown)


MEMBERSHIP_WRITERS: Writers = document_writers(MEMBERSHIP, membership_report)
