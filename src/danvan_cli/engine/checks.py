"""The checks every kind shares, and problems located at records (lỗi theo dòng): unit
names present, a figure taken once per lowest unit the same on all its rows, a problem per
row of a mask, the unit and second place a problem names."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.model.messages import ACCEPTED_ORGANIZATION_WORDS
from danvan_cli.model.problems import Problem, Severity


def report(
    data: Dataset, mask: pd.Series, code: str, column_of, severity: Severity = "error"
) -> None:
    """One problem per row in `mask`; errors mark the row invalid."""
    indexes = mask[mask].index
    tables = data.records.loc[indexes, "_table"].tolist()
    rows = data.records.loc[indexes, "_row"].tolist()
    for index, table_number, row in zip(indexes, tables, rows, strict=True):
        table = data.tables[int(table_number)]
        column, value, params = column_of(index)
        data.problems.append(
            Problem(severity, code, table.file, table.sheet, int(row), column, value, params)
        )
    if severity == "error":
        data.records.loc[mask, "_invalid"] = True


def check_level_columns(data: Dataset) -> pd.Series:
    """Tables without a level column that other tables have (files from before and after the
    2025 reform, say) cannot be added up together: one error per table, its rows invalid.
    Returns which records belong to such tables."""
    records = data.records
    lacking = pd.Series(False, index=records.index)
    titled = _named_in_titles(data)
    for number, table in enumerate(data.tables):
        absent = [lv for lv in data.levels if table.levels and lv not in table.levels]
        if not absent:
            continue
        rows = records["_table"] == number
        lacking |= rows
        records.loc[rows, "_invalid"] = True
        params = {"levels": ", ".join(absent), "present": ", ".join(table.levels)}
        # a commune's file of villages whose commune neither a column nor its title names; a
        # file lacking a level the other files name only in their titles (no column)
        unit_unknown = (absent == ["commune"] and table.levels[0] == "village") or all(
            (other.file, other.sheet, level) in titled
            for other in data.tables
            for level in absent
            if level in other.levels
        )
        data.problems.append(
            Problem(
                "error",
                "unit_not_found" if unit_unknown else "missing_level_column",
                table.file,
                table.sheet,
                table.header_row,
                params=params,
            )
        )
    return lacking


def _tables_naming_no_organization(data: Dataset, blank: pd.Series) -> pd.Series:
    """Tables with no organisation column whose rows name none, beside tables that do (the
    records have the column): one error per table, its rows invalid. Returns their rows."""
    records = data.records
    naming = set(records.loc[~blank, "_table"].unique().tolist())
    lacking = pd.Series(False, index=records.index)
    for number, table in enumerate(data.tables):
        if number in naming or "organization" in table.mapping.fields:
            continue
        rows = records["_table"] == number
        if not rows.any():
            continue
        lacking |= rows
        where = (table.file, table.sheet, table.header_row)
        data.problems.append(Problem("error", "missing_organization_column", *where))
    records.loc[lacking, "_invalid"] = True
    return lacking


def _named_in_titles(data: Dataset) -> set[tuple[str | None, str | None, str]]:
    """(file, sheet, level) of each level a table has from its title, not a column."""
    return {
        (p.file, p.sheet, p.params["level"]) for p in data.problems if p.code == "unit_from_title"
    }


def check_names(data: Dataset) -> None:
    records = data.records
    lacking = check_level_columns(data)
    for level in data.levels:
        missing = records[level].eq("") & ~lacking
        report(
            data,
            missing,
            "missing_unit_name",
            lambda i, lv=level: (data.header(i, lv), None, {"level": lv}),
        )
    if "organization" not in records.columns:
        return
    accepted = {"accepted": ACCEPTED_ORGANIZATION_WORDS}
    written = records["_organization_written"]
    blank = written.isna() | written.eq("")
    blank &= ~_tables_naming_no_organization(data, blank)
    report(
        data,
        blank,
        "missing_organization",
        lambda i: (data.header(i, "organization"), None, accepted),
    )
    unknown = records["organization"].isna() & ~blank
    report(
        data,
        unknown,
        "unknown_organization",
        lambda i: (
            data.header(i, "organization"),
            records.at[i, "_organization_written"],
            accepted,
        ),
    )


def check_once_per_unit(data: Dataset, metrics: Sequence[str], code: str) -> None:
    """Figures taken once per lowest unit (a village's households) must be the same on all
    its rows. A row departing from what most of the village's rows agree on is the error
    `code`, naming a row of that value; with no such majority (two rows that differ, say)
    every row giving the figure is, each naming a row that gives another value."""
    records = data.records
    unit = f"_unit_{data.levels[-1]}"
    for metric in metrics:
        if metric not in records.columns:
            continue
        given = records.loc[records[metric].notna(), [unit, metric]]
        first_value = given.groupby(unit, sort=False)[metric].transform("first")
        disputed = given[unit].isin(given.loc[given[metric].ne(first_value), unit].unique())
        if not disputed.any():
            continue
        conflicts, others = _departing_rows(given[disputed], unit, metric)
        places = records.loc[others, ["_table", "_row", metric]]
        found = {
            index: (
                plain(value),
                {
                    "unit": path,
                    "other_value": plain(other),
                    **second_place(data, table, row),
                },
            )
            for index, path, value, table, row, other in zip(
                conflicts,
                unit_paths(data, conflicts),
                records.loc[conflicts, metric].tolist(),
                places["_table"].tolist(),
                places["_row"].tolist(),
                places[metric].tolist(),
                strict=True,
            )
        }
        mask = pd.Series(False, index=records.index)
        mask[conflicts] = True

        def place(index: int, m: str = metric, found: dict = found) -> tuple:
            value, params = found[index]
            return data.header(index, m), value, params

        report(data, mask, code, place)


def _departing_rows(rows: pd.DataFrame, unit: str, metric: str) -> tuple[pd.Index, list[int]]:
    """Of the rows of villages whose `metric` differs between rows: those in the wrong, and
    for each the index of a row it disagrees with (the first of the majority's value, else
    the first of another value)."""
    villages = rows[unit]
    index = rows.index.to_series(index=rows.index)
    same = rows.groupby([unit, metric], sort=False)[metric].transform("size")
    majority = same * 2 > villages.map(villages.value_counts())
    first_agreed = index[majority].groupby(villages[majority]).first()
    first = index.groupby(villages).transform("first")
    differs = rows[metric].ne(rows.loc[first, metric].to_numpy())
    first_other = index[differs].groupby(villages[differs]).first()
    wrong = rows.index[~majority.to_numpy()]
    agreed = villages[wrong].map(first_agreed)
    # with no majority, a row of the first value names the first row of another one
    unruled = first[wrong].where(differs[wrong], villages[wrong].map(first_other))
    return wrong, agreed.fillna(unruled).astype("int64").tolist()


def unit_path(data: Dataset, index: int) -> str:
    return " / ".join(str(data.records.at[index, lv]) for lv in data.levels)


def unit_paths(data: Dataset, indexes: pd.Index) -> list[str]:
    """`unit_path` of many rows at once."""
    names = [map(str, data.records.loc[indexes, lv].tolist()) for lv in data.levels]
    return [" / ".join(path) for path in zip(*names, strict=True)]


def other_place(data: Dataset, index: int) -> dict[str, object]:
    """`second_place` of the record at `index`."""
    return second_place(data, data.records.at[index, "_table"], data.records.at[index, "_row"])


def second_place(data: Dataset, table: int, row: int) -> dict[str, object]:
    """Params naming a second place (a table's row), rendered in the user's language by
    `Problem`."""
    info = data.tables[int(table)]
    return {"other_file": info.file, "other_sheet": info.sheet, "other_row": int(row)}


def plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
