"""Rows of a comparison whose unit lacks, in one of the two periods, lower units the other
has (a district one of whose communes did not report this month): their changes are not
the units' own. Such a row is marked "*" beside its status, and a line under the level's
counts says how many lower units each period lacks (`periods.compare.mark_lower_missing`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from danvan_cli.model.declaration import ALL
from danvan_cli.model.messages import ui
from danvan_cli.outputs.since import UNITS_NAMED
from danvan_cli.periods.compare import LOWER_MISSING, Compared
from danvan_cli.text.formatting import format_value

MARK = "*"


def marks(table: pd.DataFrame) -> np.ndarray:
    """`MARK` on each row of a compared table whose unit lacks lower units in a period,
    "" on the others (all "" for a table without the counts)."""
    if LOWER_MISSING[0] not in table.columns:
        return np.full(len(table), "", dtype=object)
    lacks = table[list(LOWER_MISSING)].to_numpy().sum(axis=1) > 0
    return np.where(lacks, MARK, "").astype(object)


def mark_of(row: Mapping[str, Any]) -> str:
    """`MARK` for one row of a compared table (a record) whose unit lacks lower units in a
    period, else ""."""
    return MARK if any(row.get(name) for name in LOWER_MISSING) else ""


def lacking_lines(
    compared: Compared, category: str | None, words: str, old: str, new: str, lang: str
) -> list[str]:
    """The line under a level's counts (`words`: how it names the level) when units of it
    are marked: the units (the first `UNITS_NAMED`, then how many more), and how many
    lower units each period lacks."""
    table = compared.table
    if category is not None and category in table.columns:
        table = table[table[category].astype(str) == ALL]
    marked = table[marks(table) == MARK]
    if marked.empty:
        return []
    level = [name for name in compared.names if name != category][-1]
    names = marked[level].astype(str).tolist()
    units = ", ".join(names[:UNITS_NAMED])
    if len(names) > UNITS_NAMED:
        units = ui("narrative_more_units", lang, units=units, more=len(names) - UNITS_NAMED)
    in_old, in_new = (format_value(int(marked[n].sum()), "units", lang) for n in LOWER_MISSING)
    return [
        ui(
            "compare_lower_missing",
            lang,
            level=words,
            units=units,
            old=old,
            new=new,
            lacking_old=in_old,
            lacking_new=in_new,
        )
    ]
