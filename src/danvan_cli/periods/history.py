"""The history (lịch sử số liệu): an SQLite file (default `danvan.db`) keeping, per period
and kind, the validated records and where each came from.

    history = History.open("danvan.db")            # creates it, or brings it up to date
    history = History.read("danvan.db")            # to read only: the file is not written
    history.store_period(period, kind, records, sources_of(data.tables), done=done)
    history.records("membership", [p1, p2])        # a DataFrame with a "period" column
    history.periods()                              # [StoredPeriod(period, kind, counts ...)]
    history.kept("membership")                     # [Period ...] of that kind, in order
    history.series("membership", "members", "province")   # per period and unit
    history.close()                                # or: with History.open(path) as history

`store_period` (module `store`) is one transaction: a run stopped halfway (killed, a full
disk, an error) leaves the file as it was, and storing a period and kind again replaces
them, with who reported (`done`, a `Completeness`: per level, the units expected, reported
and missing). `records` gives what `store_period` took, as the roll-up takes records: the
level names (as first spelled) with their `_key_<level>` and `_unit_<level>` codes (units
matched across periods by their names' keys), `organization` (the category's value code),
each figure, and `period` (its code, "2026-10"), `_file`, `_sheet`, `_row` (where it came
from; left out with `where=False`, as the roll-ups and comparisons need it not).

The tables are plain, read by any SQLite tool or DuckDB: `schema` names them and holds
the steps that bring an older file up to date. `month_sums` is what `combine` builds a
longer period from: per unit and category, flows summed and stocks at their last month,
in one pass over the year's rows.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from danvan_cli.ingest.load import unit_codes
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.ingest.periods import Period
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.completeness import Completeness
from danvan_cli.periods.names import printed
from danvan_cli.periods.schema import SCHEMA_VERSION, Apart, migrate, quoted, units_apart
from danvan_cli.periods.store import Source, store_period

DEFAULT_PATH = "danvan.db"
_CHUNK_ROWS = 100_000  # records read from the file at a time


@dataclass(frozen=True)
class Reported:
    """Who of a level reported in a period: units expected and missing (None without a
    list of units expected) and units reported."""

    level: str
    expected: int | None
    reported: int
    missing: int | None


@dataclass(frozen=True)
class StoredPeriod:
    """A period and kind in the history, and how much of it: records, lowest units,
    source tables and who reported per level (top first; none when not stored)."""

    period: Period
    kind: str
    records: int
    units: int
    sources: int
    levels: tuple[str, ...]
    loaded_at: str
    reported: tuple[Reported, ...] = ()


class History:
    """An open history file (see the module's docstring)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str] = DEFAULT_PATH) -> History:
        """Open the history at `path`, created if missing, migrated if older."""
        db = sqlite3.connect(path, isolation_level=None)
        migrate(db)
        return cls(db, Path(path))

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> History:
        """Open the history at `path` to read, never writing it (it may be on a read-only
        share): a file of an older version is brought up to date in memory, for this run
        (on disk when `open` next opens it). A file that is missing, or not a history,
        is an sqlite3.DatabaseError; one of a newer danvan's, a ValueError."""
        if not Path(path).is_file():  # connecting would make it
            raise sqlite3.OperationalError(f"no history file at {path}")
        db = sqlite3.connect(path, isolation_level=None)  # read-only if the file is
        db.execute("PRAGMA query_only = ON")
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            copy = sqlite3.connect(":memory:", isolation_level=None)
            db.backup(copy)
            db.close()
            db = copy
        migrate(db)
        return cls(db, Path(path))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def store_period(
        self,
        period: Period,
        kind: ReportKind,
        records: pd.DataFrame,
        sources: Sequence[Source],
        loaded_at: datetime | None = None,
        done: Completeness | None = None,
    ) -> int:
        """`store.store_period` on this history: `records` kept as `kind`'s for `period`,
        replacing what was kept for both; one transaction. Returns how many were kept."""
        return store_period(self.db, period, kind, records, sources, loaded_at, done)

    def records(
        self,
        kind: str,
        periods: Sequence[Period],
        known: pd.DataFrame | None = None,
        where: bool = True,
    ) -> pd.DataFrame:
        """The records kept for `kind` in `periods`, ordered by period, unit and category
        (see the module's docstring for the columns; `_file`, `_sheet`, `_row` only with
        `where`). `known`: the records of some of `periods` as this gave them, taken as
        they are instead of read again (unless they lack a level of `periods`' or, with
        `where`, where they came from)."""
        figures = self.figures(kind, periods)
        levels = self.levels(kind, periods)
        came_from = ["_file", "_sheet", "_row"] if where else []
        keys = [f"_key_{level}" for level in levels]
        selected = ["period", *levels, *keys, CATEGORY, *figures, *came_from]
        if known is not None and not {*levels, *came_from} <= set(known.columns):
            known = None
        read = set() if known is None else set(known["period"])
        codes = [p.code for p in periods if p.code not in read]
        frame = self._records(kind, codes, levels, figures, where)
        if read:  # placed among the periods read, in order (sorted when that is not enough)
            at = int(frame["period"].searchsorted(min(read)))
            given = known.reindex(columns=selected)
            parts = [part for part in (frame.iloc[:at], given, frame.iloc[at:]) if len(part)]
            frame = pd.concat(parts, ignore_index=True)
            if not frame["period"].is_monotonic_increasing:
                frame = frame.sort_values("period", kind="stable", ignore_index=True)
        frame[CATEGORY] = frame[CATEGORY].replace("", None)
        for figure in figures:
            frame[figure] = frame[figure].astype("float64")
        if levels:
            unit_codes(frame, levels)
        return frame

    def _records(
        self,
        kind: str,
        codes: Sequence[str],
        levels: Sequence[str],
        figures: Sequence[str],
        where: bool,
    ) -> pd.DataFrame:
        """`records`' columns for the periods `codes`, each unit's names and each source's
        file and sheet taken from their tables (one Python object per record's cell would
        take gigabytes at a country's 600,000 records a month), each column's type as
        `DataFrame.from_records` infers it."""
        query = f"""SELECT r.period, r.category, {"r.row" if where else "NULL"}, r.unit, r.source
            {"".join(f", r.{quoted(figure)}" for figure in figures)}
            FROM records r JOIN units u ON u.id = r.unit JOIN sources s ON s.id = r.source
            WHERE r.kind = ? AND r.period IN ({", ".join("?" * len(codes))})
            ORDER BY r.period, r.unit, r.category, r.seq"""
        types = [object, object, object, np.int64, np.int64, *[np.float64] * len(figures)]
        period, category, row, unit, source, *values = _columns(
            self.db.execute(query, (kind, *codes)), types
        )
        named = {"period": period}
        if levels:
            units = self.units(levels)
            at = units.index.get_indexer(unit)
            named |= {name: units[name].to_numpy(dtype=object)[at] for name in units.columns}
        named[CATEGORY] = category
        after = {}
        if where:
            ids, files, sheets = _columns(
                self.db.execute("SELECT id, file, sheet FROM sources"), [np.int64, object, object]
            )
            at = pd.Index(ids).get_indexer(source)
            after = {"_file": files[at], "_sheet": sheets[at], "_row": row}
        return pd.DataFrame(
            {name: _inferred(v) for name, v in named.items()}
            | dict(zip(figures, values, strict=True))
            | {name: _inferred(v) for name, v in after.items()}
        )

    def month_sums(
        self, kind: str, months: Sequence[Period], flows: Sequence[str], stocks: Sequence[str]
    ) -> pd.DataFrame:
        """Per unit and category kept for `kind` in any of `months` (all of one year):
        `unit` (units.id), `organization` (the category's value code, None for none),
        `last` (the last of the months it has), each of `flows` summed over its months
        (NaN where none gives it) and each of `stocks` as its `last` month gives it."""
        codes = [m.code for m in months]
        years = {m.year for m in months}
        if len(years) != 1:
            raise ValueError(f"months of one year only: {codes}")
        # SQLite takes a bare column's value from the row holding the group's MAX(period);
        # the records are clustered by kind, year, unit, category: no sorting.
        query = f"""SELECT unit, category, MAX(period)
            {"".join(f", SUM({quoted(f)})" for f in flows)}
            {"".join(f", {quoted(s)}" for s in stocks)}
            FROM records WHERE kind = ? AND year = ? AND period IN ({", ".join("?" * len(codes))})
            GROUP BY unit, category"""
        rows = self.db.execute(query, (kind, years.pop(), *codes)).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=["unit", CATEGORY, "last", *flows, *stocks])
        frame[CATEGORY] = frame[CATEGORY].replace("", None)
        for figure in (*flows, *stocks):
            frame[figure] = frame[figure].astype("float64")
        return frame

    def unit_months(self, kind: str, months: Sequence[Period]) -> pd.DataFrame:
        """Each lowest unit kept for `kind` in `months` (all of one year) with each month
        it has records of: `unit` (units.id) and `period`."""
        codes = [m.code for m in months]
        query = f"""SELECT DISTINCT unit, period FROM records
            WHERE kind = ? AND year = ? AND period IN ({", ".join("?" * len(codes))})"""
        rows = self.db.execute(query, (kind, months[0].year, *codes)).fetchall()
        return pd.DataFrame.from_records(rows, columns=["unit", "period"])

    def units(self, levels: Sequence[str]) -> pd.DataFrame:
        """The units kept, indexed by id: each of `levels`' name (as first spelled) and
        `_key_<level>`."""
        columns = [*levels, *(f"key_{level}" for level in levels)]
        rows = self.db.execute(f"SELECT id, {', '.join(columns)} FROM units").fetchall()
        frame = pd.DataFrame.from_records(rows, columns=["id", *columns], index="id")
        return frame.rename(columns={f"key_{level}": f"_key_{level}" for level in levels})

    def units_within(
        self, kind: str, months: Sequence[Period], levels: Sequence[str]
    ) -> pd.DataFrame:
        """The units with records of `kind` in any of `months`, as `units` gives them."""
        codes = [m.code for m in months]
        query = f"""SELECT DISTINCT unit FROM records
            WHERE kind = ? AND period IN ({", ".join("?" * len(codes))})"""
        ids = [row[0] for row in self.db.execute(query, (kind, *codes))]
        return self.units(levels).loc[ids].reset_index(drop=True)

    def figures(self, kind: str, periods: Sequence[Period]) -> list[str]:
        """The figures `kind`'s records of `periods` give (the columns their tables had),
        in the order of the `records` table's columns."""
        given = {
            code for text in self._loaded(kind, periods, "figures") for code in text.split(",")
        }
        columns = [row[1] for row in self.db.execute("PRAGMA table_info(records)")]
        return [c for c in columns if c in given]

    def _loaded(self, kind: str, periods: Sequence[Period], column: str) -> list[str]:
        """A column of `loads` for `kind` and `periods`."""
        codes = [p.code for p in periods]
        marks = ", ".join("?" * len(codes))
        query = f"SELECT {column} FROM loads WHERE kind = ? AND period IN ({marks})"
        return [text for (text,) in self.db.execute(query, (kind, *codes)) if text]

    def levels(self, kind: str, periods: Sequence[Period]) -> list[str]:
        """The levels `kind`'s records of `periods` name, top first."""
        named = {
            level for text in self._loaded(kind, periods, "levels") for level in text.split(",")
        }
        return [level for level in LEVELS if level in named]

    def series(self, kind: str, figure: str, level: str) -> pd.DataFrame:
        """`figure` of `kind` summed per period and unit of `level` (units matched by
        their names' keys, named as first spelled): the period code, the names of the
        levels the records have from the top down to `level`, `value` (NaN where no record
        gives it). A figure taken
        once per lowest unit (households) counts once per unit, not once per category."""
        present = self.levels(kind, self.kept(kind))
        levels = [lv for lv in present if LEVELS.index(lv) <= LEVELS.index(level)]
        declared = self.db.execute(
            "SELECT over_units FROM kind_figures WHERE kind = ? AND code = ?", (kind, figure)
        ).fetchone()
        once = declared is not None and declared[0] == "once_per_lowest_unit"
        keys = ", ".join(f"u.key_{lv}" for lv in levels)
        query = f"""WITH per_unit AS (
                SELECT period, unit, {"MAX" if once else "SUM"}({quoted(figure)}) AS value
                FROM records WHERE kind = ? GROUP BY period, unit)
            SELECT p.period, {", ".join(f"MIN(u.{lv})" for lv in levels)}, {keys}, SUM(p.value)
            FROM per_unit p JOIN units u ON u.id = p.unit
            GROUP BY p.period, {keys} ORDER BY p.period"""
        rows = self.db.execute(query, (kind,)).fetchall()
        stored = [f"_key_{lv}" for lv in levels]
        frame = pd.DataFrame.from_records(rows, columns=["period", *levels, *stored, "value"])
        frame["value"] = frame["value"].astype("float64")
        return _one_name_per_unit(frame, levels)

    def apart(self) -> list[Apart]:
        """Units that are one by `unit_key` but kept apart (`schema.join_units`): found
        through temporary tables, which a history opened to `read` writes too (never the
        file: only the temporary ones are written meanwhile)."""
        only = self.db.execute("PRAGMA query_only").fetchone()[0]
        self.db.execute("PRAGMA query_only = OFF")
        try:
            return units_apart(self.db)
        finally:
            self.db.execute(f"PRAGMA query_only = {only}")

    def declared(self, kind: str) -> dict[str, dict[str, str]]:
        """Each figure's labels (`vi`, `en`), `unit` and `over_time` (flow, stock) as
        `kind` last declared them."""
        found = self.db.execute(
            "SELECT code, label_vi, label_en, unit, over_time FROM kind_figures WHERE kind = ?",
            (kind,),
        )
        return {
            code: {"vi": vi, "en": en, "unit": unit, "over_time": over_time}
            for code, vi, en, unit, over_time in found
        }

    def kept(self, kind: str) -> list[Period]:
        """The periods kept of `kind`, in time order (`periods` with no counting)."""
        found = self.db.execute("SELECT period FROM loads WHERE kind = ?", (kind,))
        return sorted(parse_period(code) for (code,) in found)

    def periods(self) -> list[StoredPeriod]:
        """Each period and kind kept, in time order, with its counts."""
        found = self.db.execute(
            """SELECT l.period, l.kind, l.records, l.levels, l.loaded_at,
            (SELECT COUNT(DISTINCT unit) FROM records r
                WHERE r.period = l.period AND r.kind = l.kind),
            (SELECT COUNT(*) FROM sources s WHERE s.period = l.period AND s.kind = l.kind)
            FROM loads l"""
        ).fetchall()
        reported = self._reported()
        stored = [
            StoredPeriod(
                parse_period(period),
                kind,
                records,
                units,
                sources,
                tuple(levels.split(",")),
                at,
                reported.get((period, kind), ()),
            )
            for period, kind, records, levels, at, units, sources in found
        ]
        return sorted(stored, key=lambda s: (s.period, s.kind))

    def _reported(self) -> dict[tuple[str, str], tuple[Reported, ...]]:
        """Who reported, per period and kind, its levels top first."""
        found: dict[tuple[str, str], list[Reported]] = {}
        for period, kind, *counts in self.db.execute("SELECT * FROM completeness"):
            found.setdefault((period, kind), []).append(Reported(*counts))
        return {
            key: tuple(sorted(levels, key=lambda r: LEVELS.index(r.level)))
            for key, levels in found.items()
        }


def _one_name_per_unit(series: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Each unit (by its stored keys) under one name, as a period's roll-up matches and
    prints them (`names.printed`: "Long Vĩnh" is the "Xã Long Vĩnh" of its district, "TP.
    Huế" prints "Thành phố Huế"); its values of one period summed."""
    if series.empty or not levels:
        return series[["period", *levels, "value"]]
    unit_codes(series, levels)
    named = series[["period", "value"]].assign(**printed(series, levels, series))
    grouped = named.groupby(["period", *levels], sort=False, as_index=False)
    return grouped["value"].sum(min_count=1)[["period", *levels, "value"]]


def _columns(found: sqlite3.Cursor, types: Sequence[type]) -> list[np.ndarray]:
    """What `found` gives, a column of each of `types` per selected column, fetched a chunk
    of rows at a time; of the `object` ones, one object per distinct value (a period's
    code, a category's: not one per record)."""
    chunks: list[list[np.ndarray]] = [[] for _ in types]
    seen: list[dict[object, object]] = [{} for _ in types]
    while rows := found.fetchmany(_CHUNK_ROWS):
        given = zip(chunks, seen, zip(*rows, strict=True), types, strict=True)
        for chunk, distinct, cells, kind in given:
            if kind is object:
                cells = [distinct.setdefault(cell, cell) for cell in cells]
            chunk.append(np.array(cells, dtype=kind))
    return [
        np.concatenate(chunk) if chunk else np.array([], dtype=kind)
        for chunk, kind in zip(chunks, types, strict=True)
    ]


def _inferred(values: np.ndarray) -> pd.Series:
    """Python objects as a column of the type `DataFrame.from_records` gives them."""
    return pd.Series(values, copy=False).infer_objects()
