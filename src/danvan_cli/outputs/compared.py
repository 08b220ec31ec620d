"""Showing and writing a comparison of two roll-ups (xuất kết quả so sánh): terminal,
JSON, CSV, Markdown and Excel, through the writers the roll-ups use.

Per level: the unit's names, its status (in both, appeared, disappeared), and for each
figure its old and new value, the change and the change in percent (blank, said "cũ = 0",
where the old value is 0); then the flags, each with the values that raised it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import numpy as np
import pandas as pd
from rich.console import Console
from rich.text import Text

from danvan_cli.model.declaration import ALL
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.excel import Report
from danvan_cli.outputs.lacking import lacking_lines, mark_of, marks
from danvan_cli.outputs.lines import write_json_rows
from danvan_cli.outputs.render import (
    json_members,
    problem_table,
    write_binary_file,
    write_markdown_sections,
    write_table_csv,
    write_text_file,
)
from danvan_cli.outputs.terminal import print_table
from danvan_cli.periods.compare import (
    CHANGE,
    CHANGE_FLAG,
    FLAG_VALUES,
    FROM_ZERO_FLAG,
    MIN_PAST,
    NEW,
    OLD,
    PARTS,
    PERCENT_CHANGE,
    RANGE_FLAG,
    STATUSES,
    Compared,
    column,
)
from danvan_cli.text.formatting import (
    COUNT,
    DECIMAL,
    PERCENT,
    format_look,
    format_value,
    plain_number,
)
from danvan_cli.text.safe_text import json_text

TOTAL = "total"  # the grand total, beside the levels


@dataclass
class ComparisonView:
    """A comparison as it is shown: the kind's name, what was compared (`old`, `new`: files
    or periods), each shown level's `Compared`, each figure's label and look
    (`formatting.COUNT` ...), the category column and its values' labels, the thresholds,
    the language, lines said under the tables, the totals compared, the figures the
    terminal leaves out."""

    kind: str
    old: str
    new: str
    compared: dict[str, Compared]
    labels: dict[str, str]
    looks: dict[str, str]
    category: str | None
    values: dict[str, str]
    threshold: float
    z_threshold: float
    lang: str
    notes: list[str] = field(default_factory=list)
    total: Compared | None = None  # the grand totals compared (no names)
    hidden: frozenset[str] = frozenset()  # figures the terminal leaves out

    def parts(self) -> dict[str, Compared]:
        """The levels compared, then the total (under `TOTAL`)."""
        return self.compared | ({TOTAL: self.total} if self.total is not None else {})

    def name_label(self, name: str) -> str:
        """A name column's label: a level's, or the category's."""
        return self.labels.get(name) or label(FIELD_LABELS, name, self.lang)

    def counts(self, level: str) -> dict[str, int]:
        """Units (their "all" rows) in both, appeared and disappeared; the flags."""
        compared = self.compared[level]
        table = compared.table
        if self.category is not None and self.category in table.columns:
            table = table[table[self.category].astype(str) == ALL]
        status = table["status"].value_counts()
        return {s: int(status.get(s, 0)) for s in STATUSES} | {"flags": len(compared.flags)}

    def count_lines(self) -> list[str]:
        lines = []
        for level in self.compared:
            counts = {k: format_value(n, "units", self.lang) for k, n in self.counts(level).items()}
            words = _level(level, self.lang)
            lines.append(ui("compare_counts", self.lang, level=words, **counts))
            compared = self.compared[level]
            lines += lacking_lines(compared, self.category, words, self.old, self.new, self.lang)
        return lines

    def title(self, level: str) -> str:
        return ui(
            "compare_title", self.lang, level=_level(level, self.lang), old=self.old, new=self.new
        )

    def number(self, value: object, metric: str) -> str:
        """A figure as people read it, blank where not given."""
        if plain_number(value) is None:
            return ""
        return format_look(value, self.looks.get(metric, COUNT), self.lang)

    def percent(self, value: object) -> str:
        """A change in percent, signed ("+20,00%")."""
        number = plain_number(value)
        if number is None:
            return ""
        sign = "+" if number > 0 else ""
        return sign + format_look(number / 100, PERCENT, self.lang)

    def status(self, status: str) -> str:
        return ui(f"compare_{status}", self.lang)

    def names(self, row: dict[str, Any], names: Sequence[str]) -> list[str]:
        """A row's names, its category value by its label."""
        return [self.values.get(row[n], row[n]) if n == self.category else row[n] for n in names]

    def header(self, level: str) -> list[str]:
        """Names, status, then each figure's old, new, change and percent."""
        compared = self.compared[level]
        header = [self.name_label(n) for n in compared.names]
        header.append(ui("compare_status", self.lang))
        for metric in compared.metrics:
            name = self.labels.get(metric, metric)
            header += [f"{name} ({ui(f'compare_{p}', self.lang)})" for p in (OLD, NEW, CHANGE)]
            header.append(f"{name} ({ui('compare_percent', self.lang)})")
        return header

    def rows(self, level: str) -> Iterator[list[Any]]:
        """A level's rows (or the total's, `TOTAL`): names, status, each figure's four
        values (None where not given; the percent "cũ = 0" where the old value is 0 and
        the new is not), made a slice of the table at a time."""
        compared = self.parts()[level]
        old_zero = ui("compare_old_zero", self.lang)
        for start in range(0, len(compared.table), _SLICE_ROWS):
            for row in compared.table.iloc[start : start + _SLICE_ROWS].to_dict("records"):
                status = self.status(row["status"]) + mark_of(row)
                cells = [*self.names(row, compared.names), status]
                for metric in compared.metrics:
                    old, new, change, percent = (
                        plain_number(row[column(metric, p)]) for p in PARTS
                    )
                    if old == 0 and new:
                        percent = old_zero
                    cells += [old, new, change, percent]
                yield cells

    def total_row(self, level: str) -> list[Any]:
        """The totals' row under a level's table: "Tổng cộng" under the names."""
        width = len(self.compared[level].names) + 1
        row = next(self.rows(TOTAL)) if self.total is not None else []
        return [ui("total", self.lang), *[""] * (width - 1), *row[1:]]

    def text_columns(self, part: str, rows: np.ndarray | None = None) -> list[list[str]]:
        """The cells of a level's (or the total's) `rows` (all without) as people read
        them, a column at a time as `header` lists them: each distinct value of a column
        formatted once (a country's village level has 700,000 rows)."""
        compared = self.parts()[part]
        table = compared.table if rows is None else compared.table.iloc[rows]
        columns = []
        for name in compared.names:
            named = self.values if name == self.category else {}
            columns.append(_texts(table[name], lambda v, named=named: named.get(v, str(v))))
        columns.append(_texts(table["status"], self.status) + marks(table))
        old_zero = ui("compare_old_zero", self.lang)
        for metric in compared.metrics:
            for part_name in (OLD, NEW, CHANGE):
                values = table[column(metric, part_name)]
                columns.append(_texts(values, lambda v, m=metric: self.number(v, m)))
            percent = _texts(table[column(metric, PERCENT_CHANGE)], self.percent)
            old, new = table[column(metric, OLD)], table[column(metric, NEW)]
            percent[((old == 0) & new.notna() & (new != 0)).to_numpy()] = old_zero
            columns.append(percent)
        return [c.tolist() for c in columns]

    def text_rows(self, level: str, rows: np.ndarray | None = None) -> list[list[str]]:
        """A level's `rows` (all without) as people read them, the totals' row last."""
        width = len(self.compared[level].names) + 1
        lines = [list(line) for line in zip(*self.text_columns(level, rows), strict=True)]
        if self.total is not None:
            total = [column[0] for column in self.text_columns(TOTAL)]
            lines.append([ui("total", self.lang), *[""] * (width - 1), *total[1:]])
        return lines

    def flag_header(self) -> list[str]:
        keys = ("compare_level", "compare_unit", "compare_figure", "compare_flag", "compare_values")
        return [ui(k, self.lang) for k in keys]

    def flag_rows(self) -> list[list[str]]:
        """Each flag: level, unit (its names, the category value last), figure, kind, and
        the values that raised it, said."""
        rows = []
        for level, compared in self.parts().items():
            for flag in compared.flags.to_dict("records"):
                unit = " › ".join(str(n) for n in self.names(flag, compared.names) if n)
                metric = flag["figure"]
                rows.append(
                    [
                        _level(level, self.lang),
                        unit,
                        self.labels.get(metric, metric),
                        ui(f"flag_{flag['flag']}", self.lang),
                        self.said(flag, metric),
                    ]
                )
        return rows

    def said(self, flag: dict[str, Any], metric: str) -> str:
        """The values that raised a flag, in words."""
        kind = flag["flag"]
        values = {
            k: self.number(flag.get(k), metric)
            for k in ("old", "new", "value", "min", "max", "median")
        }
        values["periods"] = plain_number(flag.get("periods"))
        if kind == FROM_ZERO_FLAG:
            return ui("flag_from_zero_said", self.lang, **values)
        if kind == CHANGE_FLAG:
            values["threshold"] = _threshold(self.threshold, self.lang)
            return ui(
                "flag_change_said", self.lang, percent=self.percent(flag["percent"]), **values
            )
        if kind == RANGE_FLAG:
            return ui("flag_range_said", self.lang, **values)
        z = format_look(flag["z"], DECIMAL, self.lang)
        threshold = format_look(self.z_threshold, DECIMAL, self.lang)
        values |= {
            "z": z,
            "threshold": threshold,
            "mad": format_look(flag["mad"], DECIMAL, self.lang),
        }
        return ui("flag_robust_z_said", self.lang, **values)


_SLICE_ROWS = 10_000


def _texts(values: pd.Series, said) -> np.ndarray:
    """A column's cells as text by `said(value)`, each distinct value said once; blank
    where not given."""
    codes, distinct = pd.factorize(values)
    texts = [said(v) for v in distinct.tolist()]
    return np.array([*texts, ""], dtype=object)[codes]


def _level(level: str, lang: str) -> str:
    return ui("total", lang) if level == TOTAL else label(LEVEL_LABELS, level, lang)


def _threshold(threshold: float, lang: str) -> str:
    return format_look(threshold / 100, PERCENT, lang)


def print_comparison(console: Console, view: ComparisonView) -> None:
    """Per level, the units ("all" rows): their status and each figure's new value with
    its change in percent; then the flags, and the counts."""
    for level, compared in view.compared.items():
        table = compared.table
        rows = None
        if view.category is not None and view.category in table.columns:
            rows = np.flatnonzero((table[view.category].astype(str) == ALL).to_numpy())
        lines = view.text_rows(level, rows)
        if view.total is None:
            lines.append([""] * len(lines[0]) if lines else [])
        names = [n for n in compared.names if n != view.category]
        header = [view.name_label(n) for n in names] + [ui("compare_status", view.lang)]
        metrics = [m for m in compared.metrics if m not in view.hidden]
        header += [view.labels.get(m, m) for m in metrics]
        status = len(compared.names)
        at = [status + 1 + 4 * compared.metrics.index(m) for m in metrics]
        cells = [
            [*line[: len(names)], line[status], *(_shown(line, i) for i in at)] for line in lines
        ]
        width = len(names) + 1
        print_table(console, view.title(level), header, cells[:-1], cells[-1], width)
    flags = view.flag_rows()
    if flags:
        count = [ui("flags_count", view.lang), "", "", "", str(len(flags))]
        print_table(console, ui("flags_title", view.lang), view.flag_header(), flags, count, 4)
    for line in [*view.count_lines(), *view.notes]:
        console.print(Text(line))


def _shown(line: list[str], at: int) -> str:
    """A figure's new value and its change in percent ("121 +21,00%"; the value alone when
    unchanged), from its four cells at `at` of a text row."""
    new, percent = line[at + 1], line[at + 3]
    return f"{new} {percent}" if new and percent not in ("", *_UNCHANGED) else new


_UNCHANGED = ("0,00%", "0.00%")  # a change in percent of exactly 0, in either language


def write_comparison_json(
    stream: BinaryIO, view: ComparisonView, problems: Sequence[Problem]
) -> None:
    """The JSON of a comparison: kind, old, new, thresholds, levels, figures; `comparison`
    (per level, a row a line: names, status, each figure's `_old`, `_new`, `_change`,
    `_percent`, the percent null where the old value is 0), `counts` (per level), `flags`
    (per level and kind of flag, each with its values), problems."""
    levels = list(view.compared)
    metrics = list(dict.fromkeys(m for c in view.compared.values() for m in c.metrics))
    head = {
        "kind": view.kind,
        "old": view.old,
        "new": view.new,
        "threshold_percent": plain_number(view.threshold),
        "z_threshold": plain_number(view.z_threshold),
        "min_past_periods": MIN_PAST,
        "levels": levels,
        "figures": metrics,
    }
    stream.write(b"{\n" + json_members(head) + b',\n"comparison": {')
    for number, level in enumerate(levels):
        stream.write((b",\n" if number else b"\n") + json.dumps(level).encode() + b": [\n")
        write_json_rows(stream, view.compared[level].table, _exact(view))
        stream.write(b"\n]")
    counts = {"counts": {level: view.counts(level) for level in levels}, "total": _total_json(view)}
    stream.write(b"},\n" + json_members(counts) + b',\n"flags": {')
    for number, (part, compared) in enumerate(view.parts().items()):
        stream.write((b", " if number else b"") + json_text(part).encode() + b": ")
        _write_flags_json(stream, compared)
    tail = {"notes": view.notes, "problems": [p.to_dict(view.lang) for p in problems]}
    stream.write(b"},\n" + json_members(tail) + b"\n}\n")


def _exact(view: ComparisonView) -> set[str]:
    """The columns written with their decimals: the percent of each figure, and every
    column of the figures that are not counts (ratios, tỷ đồng)."""
    exact = set()
    for compared in view.compared.values():
        for metric in compared.metrics:
            exact.add(column(metric, PERCENT_CHANGE))
            if view.looks.get(metric, COUNT) != COUNT:
                exact |= {column(metric, p) for p in PARTS}
    return exact


def _total_json(view: ComparisonView) -> dict[str, Any] | None:
    """The grand totals compared: each figure's `_old`, `_new`, `_change`, `_percent`."""
    if view.total is None:
        return None
    row = view.total.table.drop(columns="status").iloc[0].to_dict()
    return {k: plain_number(v) for k, v in row.items()}


def _write_flags_json(stream: BinaryIO, compared: Compared) -> None:
    """The flags of a level by kind, each with the unit's names, the figure and its own
    values: a slice of them made at a time (a country's villages raise millions)."""
    flags = compared.flags
    stream.write(b"{")
    found = 0
    for kind, values in FLAG_VALUES.items():
        rows = np.flatnonzero((flags["flag"] == kind).to_numpy()) if len(flags) else []
        if not len(rows):
            continue
        stream.write((b", " if found else b"") + json_text(kind).encode() + b": [")
        found += 1
        columns = [flags.columns.get_loc(c) for c in [*compared.names, "figure", *values]]
        for start in range(0, len(rows), _SLICE_ROWS):
            chosen = flags.iloc[rows[start : start + _SLICE_ROWS], columns].to_dict("records")
            said = [
                {k: v if isinstance(v, str) else plain_number(v) for k, v in row.items()}
                for row in chosen
            ]
            stream.write((b", " if start else b"") + json_text(said)[1:-1].encode())
        stream.write(b"]")
    stream.write(b"}")


def comparison_tables(view: ComparisonView) -> Iterator[pd.DataFrame]:
    """Every level's rows (CSV), the totals last (`level` "total"), a level at a time, each
    on the columns of one long table: `level`, the names of all levels (blank above a row's
    own), status, the figures' columns, and `flags` ("members:change ...")."""
    parts = view.parts()
    names = list(dict.fromkeys(n for c in view.compared.values() for n in c.names))
    names = [n for n in names if n != view.category] + ([view.category] if view.category else [])
    given = dict.fromkeys(c for compared in parts.values() for c in compared.table.columns)
    rest = [c for c in given if c not in {*names, "status"}]
    for level, compared in parts.items():
        table, blank = compared.table, np.full(len(compared.table), np.nan)
        columns = {"level": np.full(len(table), level, dtype=object)}
        columns |= {c: table[c] if c in table.columns else blank for c in [*names, "status", *rest]}
        yield pd.DataFrame(columns | {"flags": compared.flag_words()}, copy=False)


def write_comparison_csv(
    stream: BinaryIO, view: ComparisonView, bom: bool = False, raw: bool = False
) -> None:
    """`comparison_tables` as one CSV table (figures of counts whole, the rest with
    decimals)."""
    for number, table in enumerate(comparison_tables(view)):
        write_table_csv(stream, table, bom and not number, raw, _exact(view), not number)


def write_comparison_markdown(
    stream: TextIO, view: ComparisonView, problems: Sequence[Problem] = ()
) -> None:
    """A section per level, the flags, the counts and notes, the problems."""
    sections = [
        (view.title(level), view.header(level), view.text_rows(level)) for level in view.compared
    ]
    flags = view.flag_rows()
    if flags:
        sections.append((ui("flags_title", view.lang), view.flag_header(), flags))
    write_markdown_sections(stream, sections)
    stream.write(
        "\n" + "\n".join(f"- {line}" for line in [*view.count_lines(), *view.notes]) + "\n"
    )
    if problems:
        stream.write("\n")
        write_markdown_sections(
            stream, [(ui("problems_title", view.lang), *problem_table(problems, view.lang))]
        )


def write_comparison_xlsx(path: Path, view: ComparisonView, problems: Sequence[Problem]) -> None:
    """A sheet per level (figures as numbers; the percent a percentage), the flags sheet,
    the problems sheet, atomically."""
    report = Report(view.lang)
    for level, compared in view.compared.items():
        looks = []
        for metric in compared.metrics:
            look = view.looks.get(metric, COUNT)
            looks += [look, look, look, PERCENT]
        width = len(compared.names) + 1
        rows = [_as_fractions(row, width) for row in view.rows(level)]
        total = _as_fractions(view.total_row(level), width) if view.total is not None else None
        title = _level(level, view.lang).capitalize()
        notes = [view.title(level), *view.count_lines(), *view.notes]
        report.add_table(title, view.header(level), rows, total, looks, notes=notes)
    flags = view.flag_rows()
    if flags:
        report.add_table(
            ui("flags_title", view.lang)[:31],
            view.flag_header(),
            flags,
            None,
            [],
            [10, 50, 24, 28, 80],
        )
    report.add_problems(problems)
    report.save(path)


def _as_fractions(row: list[Any], width: int) -> list[Any]:
    """A row with each percent change as a fraction (Excel's percent format shows 0,2 as
    20,00%)."""
    for index in range(width + 3, len(row), 4):
        if isinstance(row[index], (int, float)) and not math.isnan(row[index]):
            row[index] = row[index] / 100
    return row


def write_comparison_file(
    path: Path, view: ComparisonView, problems: Sequence[Problem], csv_raw: bool = False
) -> None:
    """`-o FILE`, its format by its extension: .xlsx, .json, .csv (UTF-8 with BOM), .md."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_comparison_xlsx(path, view, problems)
    elif suffix == ".json":
        write_binary_file(path, lambda stream: write_comparison_json(stream, view, problems))
    elif suffix == ".csv":
        write_binary_file(path, lambda stream: write_comparison_csv(stream, view, True, csv_raw))
    else:
        write_text_file(path, lambda stream: write_comparison_markdown(stream, view, problems))
