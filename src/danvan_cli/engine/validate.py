"""Checking membership records (kiểm tra số liệu): every rule, every row, whole columns at once."""

from __future__ import annotations

import pandas as pd

from danvan_cli.engine.checks import (
    check_names,
    check_once_per_unit,
    report,
    second_place,
    unit_path,
    unit_paths,
)
from danvan_cli.engine.rules import check_rules
from danvan_cli.engine.subtotals import check_subtotals, split_subtotals
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.kinds.membership import RULES
from danvan_cli.kinds.vocabulary import HOUSEHOLD_METRICS
from danvan_cli.model.problems import Severity


def validate_membership(data: Dataset, subtotal_severity: Severity = "error") -> None:
    """Add the problems of `data.records` to `data.problems`; mark rows with errors invalid.

    Subtotal rows are first moved to `data.subtotals`, then checked against their rows.
    """
    split_subtotals(data)
    if data.records.empty:
        return
    check_names(data)
    _check_rules(data)
    check_duplicates(data)
    check_once_per_unit(data, HOUSEHOLD_METRICS, "households_conflict")
    _check_household_pairs(data)
    check_subtotals(data, subtotal_severity)


def _check_rules(data: Dataset) -> None:
    """The kind's declared rules on each record (kinds/membership.py)."""
    found = check_rules(data.records, RULES, data.tables)
    data.problems.extend(found.problems)
    data.records.loc[found.invalid, "_invalid"] = True


def check_duplicates(data: Dataset, as_written: bool = False) -> None:
    """The same unit (and organisation) twice: each repeat names the first place, and its
    organisation; with `as_written`, a declared kind's category value as written."""
    records = data.records
    keys = [f"_unit_{data.levels[-1]}"]
    if "organization" in records.columns:
        keys.append("organization")
    named = records[records[data.levels].ne("").all(axis=1)]
    if "organization" in records.columns:
        # A blank or unknown organisation is an error of its own, not a repeat.
        named = named[named["organization"].notna()]
    repeated = named.duplicated(keys, keep="first")
    if not repeated.any():
        return
    # Each repeat's first place, for all repeats at once (a country's files compared
    # together can hold a hundred thousand repeats).
    first_of = named.index.to_series().groupby([named[k] for k in keys], sort=False, dropna=False)
    repeats = repeated[repeated].index
    originals = first_of.transform("first")[repeats].tolist()
    firsts = records.loc[originals, ["_table", "_row"]]
    lowest = data.levels[-1]
    found = {
        index: {
            "unit": unit,
            "organization": org,
            **second_place(data, table, row),
        }
        for index, unit, org, table, row in zip(
            repeats,
            unit_paths(data, repeats),
            records.loc[repeats, "_organization_written" if as_written else "organization"].tolist()
            if "organization" in records.columns
            else ["all"] * len(repeats),
            firsts["_table"].tolist(),
            firsts["_row"].tolist(),
            strict=True,
        )
    }
    names = dict(zip(repeats, records.loc[repeats, lowest].tolist(), strict=True))
    mask = pd.Series(False, index=records.index)
    mask[repeats] = True

    def place(index: int) -> tuple[str, object, dict]:
        return data.header(index, lowest), names[index], found[index]

    report(data, mask, "duplicate_unit" if not as_written else "duplicate_unit_value", place)


def _check_household_pairs(data: Dataset) -> None:
    """A village giving one household figure without the other: a warning at the blank cell,
    since its households are then left out of the coverage ratio."""
    records = data.records
    if not set(HOUSEHOLD_METRICS) <= set(records.columns):
        return
    given = records[list(HOUSEHOLD_METRICS)].notna()
    by_village = given.groupby(records[f"_unit_{data.levels[-1]}"]).transform("any")
    first_row = ~records[f"_unit_{data.levels[-1]}"].duplicated()
    for metric, other in (HOUSEHOLD_METRICS, HOUSEHOLD_METRICS[::-1]):
        missing = first_row & ~by_village[metric] & by_village[other]
        report(
            data,
            missing,
            "household_pair_missing",
            lambda i, m=metric, o=other: (
                data.header(i, m),
                None,
                {"unit": unit_path(data, i), "other_column": data.header(i, o)},
            ),
            "warning",
        )
