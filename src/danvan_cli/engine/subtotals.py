"""Subtotal rows as checks (đối chiếu dòng cộng): never added, compared with their rows.

A subtotal row ("Cộng", "Tổng cộng", a Roman-numeral section, a district row above its
communes) covers a contiguous run of data rows of its table (`_scope_first`..
`_scope_last`, Excel rows; of table `_scope_table` where given), of one organisation
when it names one. Households are taken
once per village, as in the roll-up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.headers import GROUP_TOTAL
from danvan_cli.ingest.shape import row_ranges
from danvan_cli.model.problems import Problem, Severity


def split_subtotals(data: Dataset) -> None:
    """Move subtotal rows out of `data.records` into `data.subtotals`."""
    records = data.records
    if "_subtotal" not in records.columns or not records["_subtotal"].any():
        return
    subtotal = records["_subtotal"].astype(bool)
    data.subtotals = records[subtotal]
    data.records = records[~subtotal]


def check_subtotals(data: Dataset, severity: Severity = "error") -> None:
    """A problem for every figure of a subtotal row that differs from the sum of its rows."""
    if data.subtotals.empty or data.records.empty:
        return
    lowest = f"_unit_{data.levels[-1]}"
    covered = data.subtotals["_table"]  # the table whose rows a subtotal covers: its own,
    if "_scope_table" in data.subtotals.columns:  # or another sheet of danvan's output
        covered = data.subtotals["_scope_table"].fillna(covered).astype(np.int64)
    columns = {metric: _floats(data.records[metric]) for metric in data.metrics}
    # each table's records by position, found in one pass (a country has thousands of tables)
    positions_of = data.records.groupby("_table", sort=False).indices
    once, unsplit = data.once_per_unit, data.unsplit
    for table, subtotals in data.subtotals.groupby(covered, sort=False):
        positions = positions_of.get(table, np.zeros(0, dtype=np.int64))
        sums = _RowSums(data.records, positions, columns, lowest, once, unsplit)
        households_checked: set[int] = set()  # a wide row gives a record per organisation
        inconsistent: set[int] = set()
        unknown = data.invalid_rows.get(int(table), set())  # figures not known
        unknown_rows = np.array(sorted(unknown), dtype=np.int64)
        passed_over: list[int] = []
        for subtotal in subtotals.to_dict("records"):
            row = int(subtotal["_row"])
            first, last = int(subtotal["_scope_first"]), int(subtotal["_scope_last"])
            if row in unknown:
                continue  # its own figures not known: said where they were read
            start, end = np.searchsorted(unknown_rows, [first, last + 1])
            if end > start:  # a row it covers has a figure not known (its own error)
                passed_over.append(row)
                continue
            skip = data.once_per_unit if row in households_checked else ()
            households_checked.add(row)
            if _check_one(data, subtotal, sums, severity, skip, data.tables[int(table)].sheet) and (
                subtotal.get("_row_total")
            ):
                inconsistent.add(row)
        if passed_over:
            _say_passed_over(data, int(table), passed_over, unknown_rows)
        if severity == "error" and inconsistent:  # a row at odds with its own "Tổng số"
            rows = data.records["_row"].to_numpy()[positions]
            at = positions[np.isin(rows, list(inconsistent))]
            data.records.loc[data.records.index[at], "_invalid"] = True


def _say_passed_over(data: Dataset, number: int, rows: list[int], unknown: np.ndarray) -> None:
    """One warning for a table's subtotal rows not compared, naming the rows they cover
    whose figures could not be read."""
    table = data.tables[number]
    scopes = data.subtotals[data.subtotals["_table"] == number]
    scopes = scopes[scopes["_row"].isin(rows)]
    covered = [
        int(r)
        for r in unknown
        if ((scopes["_scope_first"] <= r) & (r <= scopes["_scope_last"])).any()
    ]
    data.problems.append(
        Problem(
            "warning",
            "subtotal_not_checked",
            table.file,
            table.sheet,
            min(rows),
            value=row_ranges(rows),
            params={"rows": row_ranges(covered)},
        )
    )


class _RowSums:
    """A table's figures in sheet order, for all and per organisation, summed over any run
    of rows. Each run is summed from its own values: a difference of running sums would
    carry the rounding of every row above it (tỷ đồng with decimals, deep in a long table).
    The records' columns are read where they are, through the table's positions in sheet
    order: no copy of a table's figures is made per organisation."""

    def __init__(
        self,
        records: pd.DataFrame,
        positions: np.ndarray,
        columns: dict[str, np.ndarray],
        lowest: str,
        once: tuple[str, ...],
        unsplit: tuple[str, ...] = (),
    ) -> None:
        row_numbers = records["_row"].to_numpy()[positions]
        order = np.argsort(row_numbers, kind="stable")
        self.positions = positions[order]
        self.row_numbers = row_numbers[order]
        self.columns = columns  # every figure's column of `records` as float64
        self.once = once  # figures of the lowest unit, taken once (households)
        self.whole = (*once, *unsplit)  # compared with all rows, whatever group a total is
        self.first_of_unit = ~records[lowest].take(self.positions).duplicated().to_numpy()
        self.organizations = None
        if "organization" in records.columns:
            self.organizations = records["organization"].take(self.positions).to_numpy()

    def totals(
        self, metrics: list[str], first: int, last: int, organization: object
    ) -> tuple[dict[str, float], int]:
        """Sums of `metrics` over rows first..last (Excel numbers), of `organization`'s
        rows where it is given, and how many rows that is."""
        start = int(np.searchsorted(self.row_numbers, first, "left"))
        end = int(np.searchsorted(self.row_numbers, last, "right"))
        picked = self.positions[start:end]
        everyone = np.ones(end - start, dtype=bool)
        own = everyone
        if organization is not None:
            own = np.zeros(end - start, dtype=bool)
            if self.organizations is not None:
                own = self.organizations[start:end] == organization
        sums = {}
        for metric in metrics:
            values = self.columns[metric][picked]
            if metric in self.once:
                keep = self.first_of_unit[start:end]
            else:
                keep = everyone if metric in self.whole else own
            sums[metric] = float(np.where(keep & ~np.isnan(values), values, 0.0).sum())
        return sums, end - start


def _floats(column: pd.Series) -> np.ndarray:
    """A figure's column as float64 (NaN where not given), without a copy where it is."""
    if column.dtype == np.float64:
        return column.to_numpy()
    return column.to_numpy(dtype="float64", na_value=np.nan)


def _check_one(
    data: Dataset,
    subtotal: Mapping[str, Any],
    sums: _RowSums,
    severity: Severity,
    skip: tuple[str, ...] = (),
    covered_sheet: str | None = None,
) -> bool:
    """A problem for each figure of `subtotal` that differs from its rows' (on sheet
    `covered_sheet`, named when it is not the subtotal's own); True if any."""
    table = data.tables[int(subtotal["_table"])]
    differs = False
    first, last = int(subtotal["_scope_first"]), int(subtotal["_scope_last"])
    rows = f"{first}–{last}"
    if covered_sheet is not None and covered_sheet != table.sheet:
        rows += f" («{covered_sheet}»)"
    organization = subtotal.get("organization")
    organization = None if organization is None or pd.isna(organization) else organization
    given = {m: subtotal[m] for m in data.metrics if m not in skip and not pd.isna(subtotal[m])}
    computed, count = sums.totals(list(given), first, last, organization)
    for metric, value in given.items():
        if count == 0 or math.isclose(computed[metric], value, rel_tol=1e-12):  # 0,1 + 0,2
            continue
        differs = True
        row_total = bool(subtotal.get("_row_total", False))
        group = GROUP_TOTAL if row_total else organization
        header = table.mapping.header_of(metric, group)
        data.problems.append(
            Problem(
                severity,
                "row_total_mismatch" if row_total else "subtotal_mismatch",
                table.file,
                table.sheet,
                int(subtotal["_row"]),
                header,
                _plain(value),
                {"computed": _plain(computed[metric]), "rows": rows},
            )
        )
    return differs


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(float(value), 9)  # 0,1 + 0,2
