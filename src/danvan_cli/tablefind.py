"""Finding the table on a sheet (tìm bảng): which row is the header, what each column means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from danvan_cli.headers import IGNORED, RATIO, HeaderMapping, map_headers
from danvan_cli.vocabulary import LEVELS, MEMBERSHIP_METRICS


@dataclass(frozen=True)
class TableLayout:
    """Where a table's header is (0-based row) and how its columns map."""

    header_row: int
    mapping: HeaderMapping


def find_table(rows: Sequence[Sequence[object]]) -> TableLayout | None:
    """The header row: the one whose cells name the most known fields.

    A header must name at least one figure (metric) and one unit or organisation column.
    """
    best: TableLayout | None = None
    best_score = 0
    for index, row in enumerate(rows):
        mapping = map_headers(row)
        known = [f for f in mapping.fields if f not in (None, IGNORED, RATIO)]
        has_metric = any(f in MEMBERSHIP_METRICS for f in known)
        has_unit = any(f in (*LEVELS, "organization") for f in known)
        if has_metric and has_unit and len(known) > best_score:
            best, best_score = TableLayout(index, mapping), len(known)
    return best
