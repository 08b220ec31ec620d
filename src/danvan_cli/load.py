"""From files to one table of membership records (đọc và chuẩn hoá).

read -> find the table and map headers -> normalise text and numbers. The result is
a DataFrame with one row per input row, its place (`_table`, `_row`), the unit names
and matching keys per level, the organisation code and the canonical figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from danvan_cli.headers import RATIO, HeaderMapping, duplicate_fields
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
        data.records = pd.concat(frames, ignore_index=True, copy=False)
        for level in data.levels:
            data.records[level] = data.records[level].fillna("")
            data.records[f"_key_{level}"] = data.records[f"_key_{level}"].fillna("")
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
    for name, first, second in duplicate_fields(mapping.headers):
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
        names = _map_unique(body[level], clean_text)
        records[level] = names.to_numpy()
        records[f"_key_{level}"] = _map_unique(names, fold_key).to_numpy()
    if "organization" in body.columns:
        written = _map_unique(body["organization"], clean_text)
        records["_organization_written"] = written.to_numpy()
        records["organization"] = _map_unique(written, organization_code).to_numpy()
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


def _map_unique(column: pd.Series, function: Callable[[object], object]) -> pd.Series:
    """Apply `function` once per distinct value (names repeat a lot)."""
    column = column.astype(object).where(column.notna(), None)
    uniques = pd.unique(column.to_numpy())
    lookup = {value: function(value) for value in uniques}
    return column.map(lookup)
