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

import pandas as pd

from danvan_cli.ingest.body import GROUP
from danvan_cli.ingest.dataset import Dataset
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
from danvan_cli.ingest.normalise import CATEGORY, categorical
from danvan_cli.ingest.rawtable import SheetKind, find_raw_table
from danvan_cli.ingest.shape import shape_records
from danvan_cli.ingest.tablefind import body_columns
from danvan_cli.model.declaration import Category, ReportKind, Wordings

SHORT = "written_short"  # the evidence of a header read through an abbreviation


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
    codes = functools.partial(_category_codes, kind=kind)
    shape = functools.partial(shape_records, kind=kind, category_codes=codes)
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


def _category_codes(
    body: pd.DataFrame, written: pd.Categorical, kind: ReportKind
) -> pd.Categorical:
    """The value codes of the category: in a wide table those its group headers name (found
    with the columns), else those its cells as `written` name in the kind's own wordings."""
    if GROUP in body.columns:
        codes = body[GROUP].where(body[GROUP] != GROUP_TOTAL).to_numpy(dtype=object)
        return pd.Categorical(codes)
    code = functools.partial(value_code, patterns=kind_patterns(kind))
    return categorical(pd.Series(written), code)
