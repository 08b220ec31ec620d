"""The office's own unit (đơn vị của mình: a config's `unit`) above the files that name none
at its level, before the records are checked."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.load import unit_codes
from danvan_cli.model.declaration import LEVELS
from danvan_cli.model.problems import Problem
from danvan_cli.text.normalize import split_unit_prefix, unit_key


def place_under_unit(data: Dataset, unit: tuple[str, str] | None) -> None:
    """The office's own `unit` (level, name) as the level above the records of every table
    that names no unit at or above its level (a commune's file not naming its district, at
    a district office), whether or not other files name it: they roll up under it, and it is
    the outputs' top level when no file names one above; a note per table says so. A file
    naming another unit at that level is added as it names it, with a warning at its first
    row. Without `unit`, nothing."""
    if unit is None or data.records.empty:
        return
    level, name = unit
    records, top = data.records, LEVELS.index(level)
    if level in records.columns:
        _other_units(data, level, name)
    below = [
        number
        for number, table in enumerate(data.tables)
        if all(LEVELS.index(lv) > top for lv in table.levels)
    ]
    placed = records["_table"].isin(below).to_numpy()
    if not placed.any():
        return
    for column, value in ((level, name), (f"_key_{level}", unit_key(name))):
        written = records[column] if column in records else pd.Series("", index=records.index)
        records[column] = _filled(pd.Categorical(written), placed, value)
    for number in below:  # a table of no level (a read-back total sheet's) stays so
        table = data.tables[number]
        if table.levels:
            levels = tuple(lv for lv in LEVELS if lv == level or lv in table.levels)
            data.tables[number] = replace(table, levels=levels)
            data.problems.append(
                Problem(
                    "warning",
                    "unit_from_config",
                    table.file,
                    table.sheet,
                    value=name,
                    params={"level": level},
                )
            )
    unit_codes(records, data.levels)


def _filled(names: pd.Categorical, placed: np.ndarray, value: str) -> pd.Categorical:
    """`names` with `value` on the `placed` rows, set on the codes (a country's records),
    no category left that no row has."""
    if value not in names.categories:
        names = names.add_categories([value])
    codes = names.codes.copy()
    codes[placed] = names.categories.get_loc(value)
    return pd.Categorical.from_codes(codes, names.categories).remove_unused_categories()


def _other_units(data: Dataset, level: str, name: str) -> None:
    """A warning at the first record of each unit of `level` that is not `name` (compared
    by `unit_key`, as units are matched: with tone marks; the type word may be left out,
    but two written ("Huyện Long Mỹ", "Thị xã Long Mỹ") must be the same). A blank name is
    the level's own error (`missing_unit_name`, `missing_level_column`), not another unit."""
    names = data.records[level]
    own_type, own_name = split_unit_prefix(unit_key(name))
    for index, other in names[names.ne("")].drop_duplicates().items():
        other_type, other_name = split_unit_prefix(unit_key(str(other)))
        if other_name == own_name and (other_type == own_type or "" in (own_type, other_type)):
            continue
        place = data.place(index)
        params = {"level": level, "unit": name}
        data.problems.append(
            Problem(
                "warning",
                "unit_not_the_offices",
                place.file,
                place.sheet,
                place.row,
                value=other,
                params=params,
            )
        )
