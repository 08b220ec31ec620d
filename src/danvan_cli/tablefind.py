"""Finding the table on a sheet (tìm bảng): which row is the header, what each column means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from danvan_cli.headers import (
    IGNORED,
    MEMBERSHIP_HEADERS,
    RATIO,
    HeaderMapping,
    HeaderPatterns,
    map_headers,
)
from danvan_cli.vocabulary import LEVELS, MEMBERSHIP_METRICS


@dataclass(frozen=True)
class TableLayout:
    """Where a table's header is (0-based row) and how its columns map."""

    header_row: int
    mapping: HeaderMapping


def find_table(
    rows: Sequence[Sequence[object]],
    patterns: HeaderPatterns = MEMBERSHIP_HEADERS,
    figures: Sequence[str] = MEMBERSHIP_METRICS,
    units: Sequence[str] = (*LEVELS, "organization"),
) -> TableLayout | None:
    """The header row: the one whose cells name the most known fields.

    A header must name at least one figure (metric) and one unit or organisation column;
    other kinds of table pass their own header `patterns`, `figures` and `units`.
    """
    best: TableLayout | None = None
    best_score = 0
    for index, row in enumerate(rows):
        mapping = map_headers(row, patterns)
        known = [f for f in mapping.fields if f not in (None, IGNORED, RATIO)]
        has_metric = any(f in figures for f in known)
        has_unit = any(f in units for f in known)
        if has_metric and has_unit and len(known) > best_score:
            best, best_score = TableLayout(index, mapping), len(known)
    return best
