"""The dataset a load produces (bảng bản ghi): the records read, the tables they came from
and the problems met, with what a kind's records hold (`Dataset`, for any kind: its
figure lists all from the kind's declaration), and where each table came from (`TableInfo`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from danvan_cli.ingest.headers import UNIT, HeaderMapping
from danvan_cli.ingest.periods import Period
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.model.problems import Problem


@dataclass(frozen=True)
class TableInfo:
    """Where one table came from and how its columns were understood."""

    file: str
    sheet: str | None
    header_row: int  # Excel row number of the header
    mapping: HeaderMapping
    levels: tuple[str, ...] = ()  # levels its rows name (a "Đơn vị" column tells them)
    period: Period | None = None  # the report period its title states
    dated: date | None = None  # the day its title says it was written
    agency: str | None = None  # the issuing body written top left above it, lines joined


@dataclass
class Dataset:
    """All records read, the tables they came from and the problems met so far; `kind`,
    the declaration of what the records hold (membership's, models' or a template's)."""

    records: pd.DataFrame
    tables: list[TableInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    subtotals: pd.DataFrame = field(default_factory=pd.DataFrame)  # checks, never summed
    # table -> Excel rows with a figure not known (a formula without value, an unreadable cell)
    invalid_rows: dict[int, set[int]] = field(default_factory=dict)
    kind: ReportKind | None = None

    @property
    def levels(self) -> list[str]:
        return [lvl for lvl in LEVELS if lvl in self.records.columns]

    @property
    def metrics(self) -> list[str]:
        return [m for m in self.figure_fields if m in self.records.columns]

    @property
    def figure_fields(self) -> tuple[str, ...]:
        """Every figure a table of this kind may give."""
        return self.kind.figure_codes if self.kind is not None else ()

    @property
    def split_fields(self) -> tuple[str, ...]:
        """The figures given per value of the kind's splitting category (per organisation for
        membership: a wide table's groups)."""
        return self.kind.split_figures if self.kind is not None else ()

    @property
    def once_per_unit(self) -> tuple[str, ...]:
        """The figures of the lowest unit, taken once however many rows it has (households)."""
        return self.kind.once_per_unit if self.kind is not None else ()

    @property
    def unsplit(self) -> tuple[str, ...]:
        """Summed figures of a row that are not given per organisation (see
        `unsplit_figures`)."""
        return unsplit_figures(self.kind) if self.kind is not None else ()

    def place(self, index: int) -> Problem:
        """A problem template located at the record with this index (no code yet)."""
        table = self.tables[int(self.records.at[index, "_table"])]
        return Problem("error", "", table.file, table.sheet, int(self.records.at[index, "_row"]))

    def header(self, index: int, name: str) -> str:
        """The header of `name` as written in the record's table (its organisation's group)."""
        mapping = self.tables[int(self.records.at[index, "_table"])].mapping
        if name in LEVELS:
            return name_header(mapping, name)
        organization = (
            self.records.at[index, "organization"] if "organization" in self.records else None
        )
        return mapping.header_of(name, organization)  # a wide layout's own group, else the column


def unsplit_figures(kind: ReportKind) -> tuple[str, ...]:
    """The summed figures not split by the category others are split by ("Kinh phí" beside
    the groups of "Hội Nông dân" and "Hội LHPN"): a row's own, never a value's (none where
    no figure is split)."""
    split, once = kind.split_figures, kind.once_per_unit
    if not split:
        return ()
    return tuple(c for c in kind.figure_codes if c not in split and c not in once)


def name_header(mapping: HeaderMapping, name: str) -> str:
    """The header over a name column (the "Đơn vị" column when it gives the levels)."""
    if name in LEVELS and mapping.position_of(name) is None and UNIT in mapping.fields:
        return mapping.header_of(UNIT)
    return mapping.header_of(name)
