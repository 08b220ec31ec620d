"""Reading a declared kind (đọc loại báo cáo khai báo): its wordings as header patterns,
its tables found and shaped by the readers membership uses, its records.

A figure's plain phrases are matched as whole words with their tone marks (tone-less only
for a header typed wholly without marks), the longest phrase first over every figure, so
"Số hộ có hội viên" is never taken for "Số hộ"; its regular expressions (written lower
case, as headers are matched) as they are; its `abbreviations` (regular expressions of
its short forms) after every full wording, a header read through one shown as weak
evidence (`SHORT`), a group header naming a value through one as membership's
organisations written short are. The category that splits a unit's rows is read
as membership's organisation is: a column whose cells name its values (long layout), or
group headers naming them over the figures (wide layout). Its records' column is named
`organization` (the name the shaping gives it) and holds the value codes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from danvan_cli.ingest.body import GROUP
from danvan_cli.ingest.dataset import Dataset, unsplit_figures
from danvan_cli.ingest.headers import (
    ABBREVIATION,
    COMMON_HEADER_PATTERNS,
    GROUP_SPLIT,
    GROUP_TOTAL,
    GROUP_VALUE,
    NEVER,
    UNIT_HEADER_PATTERNS,
    WHOLE,
    HeaderPatterns,
    compile_patterns,
    group_patterns,
    match_text,
    value_code,
)
from danvan_cli.ingest.load import Progress, load_tables
from danvan_cli.ingest.normalise import add_counts, base_records, categorical, zero_blanks
from danvan_cli.ingest.rawtable import RawTable, SheetKind, find_raw_table
from danvan_cli.ingest.shape import shape_tables
from danvan_cli.ingest.tablefind import body_columns
from danvan_cli.model.declaration import Category, Figure, ReportKind, Wordings
from danvan_cli.text.normalize import clean_text
from danvan_cli.text.numbers import MAX_COUNT

CATEGORY = "organization"  # the records' column of the splitting category's value codes
SHORT = "written_short"  # the evidence of a header read through an abbreviation
# The largest amounts read: a province's year is some thousands of tỷ đồng (10^12 đồng).
MAXIMUM = {"count": MAX_COUNT, "dong": 10**15, "ty_dong": 10**6}


def load_declared(
    kind: ReportKind,
    patterns: Sequence[str],
    sheet: str | None = None,
    progress: Progress | None = None,
    sheet_kind: SheetKind | None = None,
) -> Dataset:
    """Read every table of `kind` in every file into one dataset (a sheet without
    one is said to hold a shipped kind's table as `sheet_kind` tells)."""
    words = _table_words(kind)
    find = functools.partial(find_raw_table, kind=kind, sheet_kind=sheet_kind, **words)
    shape = functools.partial(shape_declared, kind=kind)
    return load_tables(Dataset(pd.DataFrame(), kind=kind), patterns, sheet, find, progress, shape)


def declared_columns(kind: ReportKind) -> Callable[[list], tuple | None]:
    """What a load of `kind` reads of the table in a sheet's top rows (`body_columns` with
    the kind's headers), for `read.start_reading` to decode ahead what the load will ask."""
    return functools.partial(body_columns, **_table_words(kind))


def _table_words(kind: ReportKind) -> dict[str, Any]:
    """How a table of `kind` is found and which of its columns are read as text."""
    category = kind.split_category
    return {
        "patterns": kind_patterns(kind),
        "metrics": kind.figure_codes,
        "text_fields": frozenset({CATEGORY} if category is not None else ()),
    }


@functools.lru_cache(maxsize=16)
def kind_patterns(kind: ReportKind) -> HeaderPatterns:
    """The header patterns of a kind's figures and splitting category's column, between the
    STT and percent columns every table knows and the unit-name columns."""
    category = kind.split_category
    declared: list[tuple[str, Wordings]] = [(f.code, f) for f in kind.figures]
    figures = [(*pair, WHOLE) for pair in wordings(declared)]
    named: list[tuple[str, Wordings]] = []
    groups = [(None, NEVER, GROUP_VALUE)]  # groups name no organisation, only these values
    if category is not None:
        named.append((CATEGORY, category))
        groups += group_patterns(_value_pairs(category))
        groups += [(code, NEVER, GROUP_SPLIT) for code in kind.split_figures]
    short = [(*pair, SHORT) for pair in short_forms([*declared, *named])]
    return compile_patterns(
        COMMON_HEADER_PATTERNS, figures, wordings(named), short, UNIT_HEADER_PATTERNS, groups
    )


def wordings(named: Sequence[tuple[str, Wordings]]) -> list[tuple[str, str]]:
    """(field, pattern) pairs: each plain phrase as whole words, the longest first, then
    each regular expression in the order declared."""
    phrases = [(name, match_text(p)) for name, item in named for p in item.headers]
    phrases.sort(key=lambda pair: len(pair[1]), reverse=True)
    found = [(name, rf"(?<!\w){re.escape(phrase)}(?!\w)") for name, phrase in phrases if phrase]
    return found + [(name, pattern) for name, item in named for pattern in item.patterns]


def short_forms(named: Sequence[tuple[str, Wordings]]) -> list[tuple[str, str]]:
    """(field, pattern) pairs of each item's abbreviations, in the order declared."""
    return [(name, pattern) for name, item in named for pattern in item.abbreviations]


def _value_pairs(category: Category) -> list[tuple[str, ...]]:
    """(code, pattern) of the words naming each value of `category` (`_value_wordings`),
    then (code, pattern, ABBREVIATION) of its abbreviations: in the order tried."""
    values = _value_wordings(category)
    return [*wordings(values), *((*pair, ABBREVIATION) for pair in short_forms(values))]


def _value_wordings(category: Category) -> list[tuple[str, Wordings]]:
    """Each value's phrases and labels, its patterns and its abbreviations."""
    return [
        (
            v.code,
            Wordings(
                headers=(*v.headers, v.labels.vi, v.labels.en),
                patterns=v.patterns,
                abbreviations=v.abbreviations,
            ),
        )
        for v in category.values
    ]


def shape_declared(found: list[RawTable], data: Dataset, kind: ReportKind) -> list[pd.DataFrame]:
    """Tables laid out alike shaped together (see `shape.shape_tables`), then their records."""
    return [
        declared_records(body.rows.reset_index(drop=True), body.levels, data, kind)
        for body in shape_tables(found, data)
    ]


def declared_records(
    body: pd.DataFrame, levels: list[str], data: Dataset, kind: ReportKind
) -> pd.DataFrame:
    """Unit names, category value codes and figures of shaped rows, with their problems.

    A figure's blank cell is 0 where the row and the column give figures (see
    `load.zero_blanks`), except a figure taken once per lowest unit: blank is not given.
    In a wide table, an unsplit figure is given on the record of the row's first group only
    (not on each group's, nor on its "Tổng số" group's)."""
    records = base_records(body, levels, data)
    category = kind.split_category
    if category is not None and CATEGORY in body.columns:
        written = written_category(records, body)
        if GROUP in body.columns:  # a wide table: the value its group header names
            codes = body[GROUP].where(body[GROUP] != GROUP_TOTAL).to_numpy(dtype=object)
            records[CATEGORY] = pd.Categorical(codes)
        else:
            code = functools.partial(value_code, patterns=kind_patterns(kind))
            records[CATEGORY] = categorical(pd.Series(written), code)
    unsplit = [c for c in unsplit_figures(kind) if c in body.columns and GROUP in body.columns]
    elsewhere = _beside_first_group(body) if unsplit else None
    for code in unsplit:  # read once per row: its problems said once
        body[code] = body[code].mask(elsewhere)
    read_figures(records, body, kind.figures, levels, data)
    for code in unsplit:  # not given there, not a 0 left blank
        records[code] = records[code].mask(elsewhere.to_numpy())
    return records


def written_category(records: pd.DataFrame, body: pd.DataFrame) -> pd.Categorical:
    """The splitting category's cells (`body`'s `CATEGORY`) cleaned, kept in `records` as
    written (`_organization_written`) and returned, for their value codes to be read."""
    written = categorical(body[CATEGORY], clean_text)
    records["_organization_written"] = written
    return written


def _beside_first_group(body: pd.DataFrame) -> pd.Series:
    """A wide table's records other than the first value's group of their sheet row."""
    own = body[GROUP].ne(GROUP_TOTAL)
    first = ~body.loc[own, ["_table", "_row"]].duplicated()
    return ~first.reindex(body.index, fill_value=False)


def read_figures(
    records: pd.DataFrame,
    body: pd.DataFrame,
    figures: Sequence[Figure],
    levels: list[str],
    data: Dataset,
) -> None:
    """Each of `figures` that `body` has read into `records` (`add_counts`) as declared:
    its lowest and largest value, whole or not, "-" as 0; a blank cell 0 where the row and
    the column give figures (`zero_blanks`), except a figure taken once per lowest unit
    (households): blank is not given, nor is "-"."""
    info = data.tables[int(body["_table"].iat[0])]
    blank: dict[str, np.ndarray] = {}
    for figure in [f for f in figures if f.code in body.columns]:
        once = figure.taken_once
        limits = (figure.lowest, not once, figure.integral, MAXIMUM[figure.unit])
        cells = add_counts(records, body, figure.code, info, data, False, *limits)
        if not once:
            blank[figure.code] = cells
    zero_blanks(records, blank, levels, info.mapping.wide)
