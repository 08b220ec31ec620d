"""The JSON and the CSV of a roll-up, whatever its kind (cho chương trình đọc): one writer
each, what differs between kinds taken from the kind's declaration (`ReportKind.outputs`,
its figures' units, its ratios).

JSON: `kind`, (a template's `template`), `levels`, (its `figures` and `ratios`), `rollups`
(the levels shown: a row a line, streamed, or the whole document indented), `total` (with
the grand total per code of the categories the kind declares), `total_by_<category>`,
`ratio_units`, `problems`. CSV: one long table, `level`, the unit path, the category
columns, every figure and ratio (a template's name and version last), the total row last.
Sums of tỷ đồng are written as typed (0,1 + 0,2 is 0,3), with their decimals.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

import pandas as pd

from danvan_cli.engine.rollup import Rollup
from danvan_cli.model.declaration import ALL, Figure, ReportKind
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.lines import write_json_rows
from danvan_cli.outputs.render import json_members, rollup_rows, write_table_csv
from danvan_cli.text.formatting import plain_number
from danvan_cli.text.safe_text import json_text

DIGITS = 9  # decimals kept of a sum of tỷ đồng (amounts are typed with a few)


def write_json(
    stream: BinaryIO,
    kind: ReportKind,
    rollup: Rollup | None,
    problems: Sequence[Problem],
    levels_present: Sequence[str],
    shown: Sequence[str],
    lang: str,
) -> None:
    """The JSON contract of `kind` (UTF-8). A national file has about a million roll-up
    rows: unless the kind's JSON is indented, they are encoded column by column, a row a
    line, and streamed, never built up as one Python string (`lines`)."""
    head = _head(kind, levels_present)
    tables = rollup.tables if rollup is not None else {}
    levels = shown if rollup is not None else []
    tail = _tail(kind, rollup, problems, lang)
    indent = kind.outputs.indent
    if indent is not None:
        rollups = {level: rollup_rows(_rounded(tables[level], kind)) for level in levels}
        document = {**head, "rollups": rollups, **tail}
        stream.write((json_text(document, indent=indent) + "\n").encode("utf-8"))
        return
    stream.write(b"{\n" + json_members(head) + b',\n"rollups": {')
    exact = exact_columns(kind)
    for number, level in enumerate(levels):
        stream.write((b",\n" if number else b"\n") + json.dumps(level).encode() + b": [\n")
        write_json_rows(stream, _rounded(tables[level], kind), exact)
        stream.write(b"\n]")
    stream.write(b"},\n" + json_members(tail) + b"\n}\n")


def _head(kind: ReportKind, levels_present: Sequence[str]) -> dict[str, Any]:
    """The members before `rollups`: a traced kind's template, figures and ratios too."""
    if not kind.outputs.traced:
        return {"kind": kind.name, "levels": list(levels_present)}
    return {
        "kind": kind.name,
        "template": template_of(kind),
        "levels": list(levels_present),
        "figures": {f.code: _figure(f) for f in kind.figures},
        "ratios": {r.code: r.model_dump(exclude={"code"}) for r in kind.ratios},
    }


def _tail(
    kind: ReportKind, rollup: Rollup | None, problems: Sequence[Problem], lang: str
) -> dict[str, Any]:
    """The members after `rollups`: the total (null when nothing was summed), the total per
    value of the splitting category, how many units each ratio is taken over, problems."""
    tail: dict[str, Any] = {"total": None}
    if rollup is not None:
        tail["total"] = _numbers(rollup.total, kind) | _category_totals(kind, rollup)
        by = rollup.total_by_organization
        if by is not None:
            code = by.columns[0]
            rows = by.set_index(code).astype(object).to_dict("index")
            tail[f"total_by_{code}"] = {
                str(value): _numbers(row, kind) for value, row in rows.items()
            }
        if kind.outputs.ratio_units:
            units = {"level": rollup.levels[-1], "units": rollup.units, **rollup.ratio_units}
            tail["ratio_units"] = units
    tail["problems"] = [p.to_dict(lang) for p in problems]
    return tail


def _category_totals(kind: ReportKind, rollup: Rollup) -> dict[str, Any]:
    """The grand total per code of each category the kind's `outputs.totals` names: its
    counted figure, then every figure."""
    totals = kind.outputs.totals
    counted = {
        t.counted: {
            code: plain_number(n)
            for code, n in zip(
                rollup.by_category[t.category]["code"],
                rollup.by_category[t.category][kind.outputs.counted],
                strict=True,
            )
        }
        for t in totals
    }
    figures = {}
    for total in totals:
        rows = rollup_rows(rollup.by_category[total.category])
        figures[total.figures] = {row.pop("code"): row for row in rows}
    return counted | figures


def template_of(kind: ReportKind) -> dict[str, str]:
    """The template a kind was declared by: its name and version (traced outputs)."""
    return {"name": kind.name, "version": kind.version}


def _figure(figure: Figure) -> dict[str, Any]:
    return figure.model_dump(include={"labels", "unit", "split_by", "over_units", "over_time"})


def exact_columns(kind: ReportKind) -> frozenset[str]:
    """The columns written with their decimals: tỷ đồng figures and ratios."""
    return frozenset({*_amounts(kind), *(r.code for r in kind.ratios)})


def _amounts(kind: ReportKind) -> list[str]:
    return [f.code for f in kind.figures if f.unit == "ty_dong"]


def _rounded(table: pd.DataFrame, kind: ReportKind) -> pd.DataFrame:
    """Sums of tỷ đồng as typed, not as binary fractions add up (0,1 + 0,2 is 0,3)."""
    amounts = [c for c in _amounts(kind) if c in table.columns]
    return table.assign(**{c: table[c].round(DIGITS) for c in amounts})  # the others as they are


def _numbers(values: dict[str, Any], kind: ReportKind) -> dict[str, int | float | None]:
    """Figures as JSON numbers, sums of tỷ đồng rounded as `_rounded` does."""
    amounts = set(_amounts(kind))
    plain = {k: plain_number(v) for k, v in values.items()}
    return {k: round(v, DIGITS) if k in amounts and v is not None else v for k, v in plain.items()}


def write_csv(
    stream: BinaryIO,
    kind: ReportKind,
    rollup: Rollup,
    shown: Sequence[str],
    bom: bool = False,
    raw: bool = False,
) -> None:
    """One long table: `level`, the unit path, the category columns, every figure and
    ratio (a traced kind's template name and version last); the total row last, "all" in
    the column of the category splitting a unit's rows. Text a spreadsheet program would
    take for a formula is neutralised unless `raw` (`safe_text.csv_cell`)."""
    lowest = rollup.tables[rollup.levels[-1]]
    declared = [*kind.figure_codes, *(r.code for r in kind.ratios)]
    figures = [c for c in declared if c in lowest.columns]
    categories = [c for c in lowest.columns if c not in rollup.levels and c not in figures]
    total = {c: ALL for c in categories if _splits(lowest[c])}
    header = ["level", *rollup.levels, *categories, *figures]
    frames = [rollup.tables[level].assign(level=level) for level in shown]
    frames.append(pd.DataFrame([{"level": "total", **total, **rollup.total}]))
    table = _rounded(pd.concat(frames, ignore_index=True).reindex(columns=header), kind)
    if kind.outputs.traced:
        table["template"], table["template_version"] = kind.name, kind.version
    write_table_csv(stream, table, bom, raw, exact_columns(kind))


def _splits(column: pd.Series) -> bool:
    """Whether a category column holds a unit's row for all its values ("all")."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return ALL in column.cat.categories
    return bool(column.astype(object).eq(ALL).any())


def to_text(write: Callable[..., None], *args: Any) -> str:
    """What `write_json` or `write_csv` writes, as text."""
    buffer = io.BytesIO()
    write(buffer, *args)
    return buffer.getvalue().decode("utf-8-sig")
