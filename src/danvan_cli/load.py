"""From files to one table of membership records (đọc và chuẩn hoá).

read -> find the table and map headers -> normalise text and numbers. The result is
a DataFrame with one row per input row, its place (`_table`, `_row`), the unit names
and matching keys per level, the organisation code and the canonical figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from danvan_cli.headers import RATIO, HeaderMapping
from danvan_cli.normalize import clean_text, fold_key
from danvan_cli.numbers import parse_counts
from danvan_cli.problems import Problem
from danvan_cli.read import SheetSource, expand_paths, open_sheets, read_body
from danvan_cli.records import MembershipRecord, field_minimum
from danvan_cli.tablefind import find_table
from danvan_cli.vocabulary import HOUSEHOLD_METRICS, LEVELS, MEMBERSHIP_METRICS, organization_code

Progress = Callable[[str, int], None]  # (file done, rows read)


@dataclass(frozen=True)
class TableInfo:
    """Where one table came from and how its columns were understood."""

    file: str
    sheet: str | None
    header_row: int  # Excel row number of the header
    mapping: HeaderMapping


@dataclass
class MembershipData:
    """All records read, the tables they came from and the problems met so far."""

    records: pd.DataFrame
    tables: list[TableInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def levels(self) -> list[str]:
        return [lvl for lvl in LEVELS if lvl in self.records.columns]

    @property
    def metrics(self) -> list[str]:
        return [m for m in MEMBERSHIP_METRICS if m in self.records.columns]

    def place(self, index: int) -> Problem:
        """A problem template located at the record with this index (no code yet)."""
        table = self.tables[int(self.records.at[index, "_table"])]
        return Problem("error", "", table.file, table.sheet, int(self.records.at[index, "_row"]))

    def header(self, index: int, name: str) -> str:
        return self.tables[int(self.records.at[index, "_table"])].mapping.header_of(name)


def load_membership(
    patterns: Sequence[str], sheet: str | None = None, progress: Progress | None = None
) -> MembershipData:
    """Read every table of every file into one `MembershipData`."""
    paths, problems = expand_paths(patterns)
    data = MembershipData(pd.DataFrame(), problems=problems)
    frames = []
    for path in paths:
        sources, found = open_sheets(path, sheet)
        data.problems.extend(found)
        rows = 0
        for source in sources:
            frame = _load_table(source, data)
            if frame is not None:
                frames.append(frame)
                rows += len(frame)
        if progress:
            progress(str(path), rows)
    if frames:
        data.records = _concat(frames)
        _unit_codes(data.records, data.levels)
    return data


def _load_table(source: SheetSource, data: MembershipData) -> pd.DataFrame | None:
    where = {"file": source.file, "sheet": source.sheet}
    layout = find_table(source.top_rows)
    if layout is None:
        data.problems.append(Problem("warning", "no_table", **where))
        return None
    mapping = layout.mapping
    header_row = layout.header_row + 1
    data.problems.extend(_header_problems(mapping, header_row, where))
    levels = mapping.present(LEVELS)
    if not levels:
        data.problems.append(Problem("error", "no_unit_column", row=header_row, **where))
        return None
    text_fields = [*levels, *mapping.present(["organization"])]
    wanted = [*text_fields, *mapping.present(MEMBERSHIP_METRICS)]
    positions = {name: mapping.position_of(name) for name in wanted}
    body = read_body(
        source, layout.header_row, sorted(positions.values()), {positions[f] for f in text_fields}
    )
    body = body.rename(columns={pos: name for name, pos in positions.items()})
    body = body[_not_blank(body)]
    if body.empty:
        data.problems.append(Problem("warning", "no_data_rows", row=header_row, **where))
        return None
    data.tables.append(TableInfo(source.file, source.sheet, header_row, mapping))
    return _normalise(body, len(data.tables) - 1, data)


def _header_problems(mapping: HeaderMapping, header_row: int, where: dict) -> list[Problem]:
    problems = []
    for header, name in zip(mapping.headers, mapping.fields, strict=True):
        if header and name is None:
            problems.append(
                Problem("warning", "header_unmapped", row=header_row, column=header, **where)
            )
        elif name == RATIO:
            problems.append(
                Problem("warning", "header_ratio_ignored", row=header_row, column=header, **where)
            )
    for name, first, second in mapping.duplicates:
        params = {"other_column": first, "field": name}
        problems.append(
            Problem(
                "error", "header_duplicate", row=header_row, column=second, params=params, **where
            )
        )
    return problems


def _not_blank(body: pd.DataFrame) -> pd.Series:
    filled = body.notna()
    for name in body.columns:
        if body[name].dtype == object or pd.api.types.is_string_dtype(body[name]):
            filled[name] &= body[name].astype("string").str.strip().ne("").fillna(False)
    return filled.any(axis=1)


def _normalise(body: pd.DataFrame, table: int, data: MembershipData) -> pd.DataFrame:
    """Unit names, organisation codes and figures of one table, with their problems."""
    records = pd.DataFrame({"_table": table, "_row": body.index.to_numpy()})
    records["_invalid"] = False
    info = data.tables[table]
    for level in info.mapping.present(LEVELS):
        names = _categorical(body[level], clean_text)
        records[level] = names
        records[f"_key_{level}"] = _categorical(pd.Series(names), fold_key)
    if "organization" in body.columns:
        written = _categorical(body["organization"], clean_text)
        records["_organization_written"] = written
        records["organization"] = _categorical(pd.Series(written), organization_code)
    for name in info.mapping.present(MEMBERSHIP_METRICS):
        parsed = parse_counts(
            body[name],
            blank_is_zero=name not in HOUSEHOLD_METRICS,
            minimum=field_minimum(MembershipRecord, name),
        )
        records[name] = parsed.values.to_numpy()
        bad = parsed.problem.to_numpy()
        for position in pd.Series(bad).dropna().index:
            data.problems.append(
                Problem(
                    "error",
                    bad[position],
                    info.file,
                    info.sheet,
                    int(body.index[position]),
                    info.mapping.header_of(name),
                    body[name].iat[position],
                )
            )
            records.loc[position, "_invalid"] = True
    return records


def _categorical(column: pd.Series, function: Callable[[object], object]) -> pd.Categorical:
    """`function` of each cell, computed once per distinct value (names repeat a lot).

    Results that are None become missing values.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = column.cat.codes.to_numpy(), column.cat.categories
    else:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
    mapped = [function(value) for value in uniques]
    mapped.append(function(None))  # code -1: blank cells
    new_codes, categories = pd.factorize(pd.Series(mapped, dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(new_codes[codes], categories=categories.astype("str"))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables, merging the categories of categorical columns."""
    if len(frames) == 1:
        return frames[0]
    columns: dict[str, object] = {}
    for name in dict.fromkeys(c for f in frames for c in f.columns):
        parts = [f[name] if name in f.columns else _blank_like(f, frames, name) for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            columns[name] = union_categoricals([p.array for p in parts])
        else:
            columns[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns)


def _blank_like(frame: pd.DataFrame, frames: list[pd.DataFrame], name: str) -> pd.Series:
    """A column missing from one table: blank names, missing figures."""
    sample = next(f[name] for f in frames if name in f.columns)
    if isinstance(sample.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical.from_codes(np.zeros(len(frame), int), categories=[""]))
    return pd.Series(np.nan, index=range(len(frame)))


def _unit_codes(records: pd.DataFrame, levels: list[str]) -> None:
    """`_unit_<level>`: one integer per unit path down to that level (matching keys)."""
    path = np.zeros(len(records), dtype=np.int64)
    for level in levels:
        own, uniques = pd.factorize(records[f"_key_{level}"], use_na_sentinel=False)
        path = pd.factorize(path * (len(uniques) + 1) + own)[0].astype(np.int64)
        records[f"_unit_{level}"] = path
