"""Shaped rows into records (chuẩn hoá bản ghi), for every kind: unit names and their
matching keys, figures read as counts (each cell that is not one an error naming its row),
blank cells made 0 where the figure is given."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from danvan_cli.ingest.batchrows import distinct_values
from danvan_cli.ingest.body import GROUP
from danvan_cli.ingest.dataset import Dataset, TableInfo, name_header, unsplit_figures
from danvan_cli.ingest.headers import GROUP_TOTAL, HeaderMapping
from danvan_cli.model.declaration import Figure, ReportKind
from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem
from danvan_cli.text.formatting import COUNT, DECIMAL, format_look
from danvan_cli.text.normalize import clean_text, unit_key
from danvan_cli.text.numbers import MAX_COUNT, parse_counts
from danvan_cli.text.safe_text import escape_controls, has_controls

CATEGORY = "organization"  # the records' column of the splitting category's value codes
# The largest amounts read: a province's year is some thousands of tỷ đồng (10^12 đồng).
MAXIMUM = {"count": MAX_COUNT, "dong": 10**15, "ty_dong": 10**6}
# How a kind reads its category's value codes: from the shaped rows and the category's
# cells as written (`_written_category`).
CategoryCodes = Callable[[pd.DataFrame, pd.Categorical], pd.Categorical]


def base_records(body: pd.DataFrame, levels: list[str], data: Dataset) -> pd.DataFrame:
    """The records of shaped rows of tables laid out alike (any kind): their place, whether
    they are invalid or subtotals and what they cover, their units' names and keys."""
    records = pd.DataFrame(
        {"_table": body["_table"].to_numpy(), "_row": body["_row"].to_numpy()}, copy=False
    )
    records["_invalid"] = False
    for table, rows in data.invalid_rows.items():
        if rows:
            records.loc[(records["_table"] == table) & records["_row"].isin(rows), "_invalid"] = (
                True
            )
    for column in ("_subtotal", "_scope_first", "_scope_last"):
        set_column(records, column, body[column].to_numpy())
    records["_row_total"] = body["_row_total"].to_numpy() if "_row_total" in body else False
    add_unit_names(records, body, levels)
    note_control_characters(body, [*levels, "organization"], records, data)
    return records


def kind_records(
    body: pd.DataFrame,
    levels: list[str],
    data: Dataset,
    kind: ReportKind,
    category_codes: CategoryCodes,
) -> pd.DataFrame:
    """Unit names, category value codes (as `category_codes` reads them) and figures of
    shaped rows of `kind` (tables laid out alike, with `_table` and `_row`), with their
    problems.

    A figure's blank cell is 0 where the row and the column give figures (see
    `zero_blanks`), except a figure taken once per lowest unit: blank is not given.
    In a wide table, an unsplit figure is given on the record of the row's first group only
    (not on each group's, nor on its "Tổng số" group's)."""
    records = base_records(body, levels, data)
    if kind.split_category is not None and CATEGORY in body.columns:
        records[CATEGORY] = category_codes(body, _written_category(records, body))
    unsplit = [c for c in unsplit_figures(kind) if c in body.columns and GROUP in body.columns]
    elsewhere = _beside_first_group(body) if unsplit else None
    for code in unsplit:  # read once per row: its problems said once
        body[code] = body[code].mask(elsewhere)
    _read_figures(records, body, kind.figures, levels, data)
    for code in unsplit:  # not given there, not a 0 left blank
        records[code] = records[code].mask(elsewhere.to_numpy())
    return records


def _written_category(records: pd.DataFrame, body: pd.DataFrame) -> pd.Categorical:
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


def _read_figures(
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


def zero_blanks(
    records: pd.DataFrame, blank: dict[str, np.ndarray], levels: list[str], wide: bool
) -> None:
    """Blank cells of an organisation's figures count as 0 (offices leave a zero blank), except
    where the figure is not given: on a record whose figures are all blank, and in a column
    blank on all the rows of one table and unit above the lowest (a commune that does not
    report attendance); in a `wide` layout each organisation has its own columns. "-" is a
    0 typed. Household figures are per village and never made 0 (see `rollup`)."""
    if not any(cells.any() for cells in blank.values()):
        return
    row_given = ~np.logical_and.reduce(list(blank.values()))
    group = _group_numbers(records, levels, wide)
    for name, cells in blank.items():
        if not cells.any():
            continue
        column_given = np.bincount(group, weights=~cells) > 0
        zero = cells & row_given & column_given[group]
        values = records[name].to_numpy(dtype="float64", copy=True)
        values[zero] = 0.0
        set_column(records, name, values)


def _group_numbers(records: pd.DataFrame, levels: list[str], by_organization: bool) -> np.ndarray:
    """Each record's group for `zero_blanks`: its table, unit above the lowest (and
    organisation), as dense numbers."""
    keys = [records["_table"].to_numpy()]
    if len(levels) > 1:
        keys.append(records[f"_key_{levels[-2]}"].cat.codes.to_numpy())
    if by_organization and "organization" in records.columns:
        keys.append(records["organization"].cat.codes.to_numpy())
    group = np.zeros(len(records), dtype=np.int64)
    for key in keys:
        own, uniques = pd.factorize(key)
        group = pd.factorize(group * (len(uniques) + 1) + own)[0].astype(np.int64)
    return group


def add_unit_names(records: pd.DataFrame, body: pd.DataFrame, levels: Sequence[str]) -> None:
    """Each level's unit names (cleaned, as written) and matching keys, into `records`."""
    for level in levels:
        names = categorical(body[level], clean_text)
        records[level] = names
        records[f"_key_{level}"] = categorical(pd.Series(names), unit_key)


def note_control_characters(
    body: pd.DataFrame, names: Sequence[str], places: pd.DataFrame, data: Dataset
) -> None:
    """A warning for each name cell of `body` that held control characters (ESC, BEL ...),
    which `clean_text` leaves out: its file, sheet, row and column, its value escaped.
    `places` gives each row of `body` its `_table` and `_row`."""
    tables, rows = places["_table"].to_numpy(), places["_row"].to_numpy()
    for name in [n for n in names if n in body.columns]:
        codes, values = distinct_values(body[name])
        held = [i for i, v in enumerate(values) if isinstance(v, str) and has_controls(v)]
        found = np.flatnonzero(np.isin(codes, held))
        # a wide row melted into a row per organisation: one warning
        for table_number, row, code in dict.fromkeys(
            (int(tables[p]), int(rows[p]), int(codes[p])) for p in found
        ):
            table = data.tables[table_number]
            column = name_header(table.mapping, name)
            value, params = escape_controls(values[code]), {"name": clean_text(values[code])}
            problem = Problem(
                "warning", "control_characters", table.file, table.sheet, row, column, value, params
            )
            data.problems.append(problem)


def add_counts(
    records: pd.DataFrame,
    body: pd.DataFrame,
    name: str,
    info: TableInfo,
    data: Dataset,
    blank_is_zero: bool = True,
    minimum: float = 0,
    dash_is_zero: bool = False,
    whole: bool = True,
    maximum: float = MAX_COUNT,
) -> np.ndarray:
    """Column `name` of `body` read as counts into `records` (one row each, same order);
    a cell that is not a number >= `minimum` and <= `maximum` (a whole one if `whole`) is
    an error and marks its row invalid. Blank cells and "-" are 0 with `blank_is_zero`,
    else missing ("-" is 0 with `dash_is_zero`). Returns which cells are blank (nothing
    typed in them)."""
    parsed = parse_counts(body[name], blank_is_zero, minimum, whole, maximum)
    values = parsed.values.to_numpy()
    blank = np.zeros(len(values), dtype=bool)
    unread = np.flatnonzero(np.isnan(values) & ~parsed.bad)  # blank or "-"
    if len(unread):
        codes, uniques = distinct_values(body[name].iloc[unread])
        empty = [pd.isna(u) or (isinstance(u, str) and not u.strip()) for u in uniques]
        blank[unread] = np.array([*empty, True], dtype=bool)[codes]
        if dash_is_zero:
            values = np.where(blank | parsed.bad, values, np.nan_to_num(values))
    set_column(records, name, values)
    codes = parsed.problem.to_numpy()
    params = decimal_limits(minimum, maximum) if not whole else _least(minimum)
    for position in np.flatnonzero(parsed.bad):
        table = data.tables[int(records["_table"].iat[position])] if "_table" in records else info
        row = records["_row"].iat[position] if "_row" in records else body.index[position]
        data.problems.append(
            Problem(
                "error",
                codes[position],
                table.file,
                table.sheet,
                int(row),
                _column_header(info.mapping, body, name, position),
                body[name].iat[position],
                params,
            )
        )
        records.loc[position, "_invalid"] = True
        if "_table" in records:  # a figure not known: no subtotal over it can be checked
            data.invalid_rows.setdefault(int(records["_table"].iat[position]), set()).add(int(row))
    return blank


def decimal_limits(minimum: float, maximum: float) -> dict[str, object]:
    """The params of a problem of a figure with decimals: its words say a number in
    `range` (not a whole one), as Vietnamese write it (see messages' `*_decimals`)."""
    words = {}
    for lang in ("vi", "en"):
        most = _number_text(maximum, lang)
        if np.isinf(minimum):
            words[lang] = ui("range_at_most", lang, maximum=most)
        else:
            least = _number_text(minimum, lang)
            words[lang] = ui("range_from_to", lang, minimum=least, maximum=most)
    return {"decimals": True, "range": words}


def _least(minimum: float) -> dict[str, object]:
    """The params of a problem of a whole figure whose minimum is not 0: that minimum, as
    each language writes it."""
    if minimum == 0 or np.isinf(minimum):
        return {}
    return {"minimum": {lang: _number_text(minimum, lang) for lang in ("vi", "en")}}


def _number_text(value: float, lang: str) -> str:
    return format_look(value, COUNT if float(value).is_integer() else DECIMAL, lang)


def set_column(frame: pd.DataFrame, name: str, values: np.ndarray) -> None:
    """`frame[name] = values`, the array taken as it is: pandas copies an array given
    plainly (a country's column, 5 MB of fresh memory each time)."""
    frame[name] = pd.Series(values, index=frame.index, copy=False)


def _column_header(mapping: HeaderMapping, body: pd.DataFrame, name: str, position: int) -> str:
    """The header of `name` as written; in a wide layout, that of the row's organisation
    (a "Tổng số" group's row: the header of no group's)."""
    if GROUP not in body.columns:
        return mapping.header_of(name)
    group = body[GROUP].iat[position]
    return mapping.header_of(name, None if group == GROUP_TOTAL else group)


def categorical(column: pd.Series, function: Callable[[object], object]) -> pd.Categorical:
    """`function` of each cell, computed once per distinct value (names repeat a lot).

    Results that are None become missing values.
    """
    codes, uniques = distinct_values(column)
    mapped = [function(value) for value in uniques]
    mapped.append(function(None))  # code -1: blank cells
    new_codes, categories = pd.factorize(pd.Series(mapped, dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(new_codes[codes], categories=categories.astype("str"))
