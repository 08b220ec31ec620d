"""The history (lịch sử số liệu): an SQLite file (default `danvan.db`) keeping, per period
and kind, the validated records and where each came from.

    history = History.open("danvan.db")            # creates it, or brings it up to date
    history.store_period(period, kind, records, sources_of(data.tables), done=done)
    history.records("membership", [p1, p2])        # a DataFrame with a "period" column
    history.periods()                              # [StoredPeriod(period, kind, counts ...)]
    history.kept("membership")                     # [Period ...] of that kind, in order
    history.series("membership", "members", "province")   # per period and unit
    history.close()                                # or: with History.open(path) as history

`store_period` is one transaction: a run stopped halfway (killed, a full disk, an error)
leaves the file as it was, and storing a period and kind again replaces them, with who
reported (`done`, a `Completeness`: per level, the units expected, reported and missing). `records`
gives what `store_period` took, as the roll-up takes records: the level names (as first
spelled) with their `_key_<level>` and `_unit_<level>` codes (units matched across
periods by their names' keys), `organization` (the category's value code), each figure,
and `period` (its code, "2026-10"), `_file`, `_sheet`, `_row` (where it came from).

The tables are plain, read by any SQLite tool or DuckDB: `schema` names them and holds
the steps that bring an older file up to date. `month_sums` is what `combine` builds a
longer period from: per unit and category, flows summed and stocks at their last month,
in one pass over the year's rows.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import TableInfo
from danvan_cli.ingest.declared import CATEGORY
from danvan_cli.ingest.load import unit_codes
from danvan_cli.ingest.periods import Period
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.completeness import Completeness
from danvan_cli.periods.names import printed
from danvan_cli.periods.schema import (
    KEYS,
    RECORD_COLUMNS,
    Apart,
    join_units,
    migrate,
    quoted,
    transaction,
    units_apart,
)

DEFAULT_PATH = "danvan.db"


@dataclass(frozen=True)
class Source:
    """Where records came from: a file's sheet, the file's SHA-256 and the time it was
    received (its modification time, UTC)."""

    file: str
    sheet: str | None
    sha256: str
    received: str


def sources_of(tables: Sequence[TableInfo]) -> list[Source]:
    """The source of each table (records' `_table` numbers index it); each file read once."""
    files: dict[str, tuple[str, str]] = {}
    for table in tables:
        if table.file not in files:
            files[table.file] = (_sha256(table.file), _modified(table.file))
    return [Source(t.file, t.sheet, *files[t.file]) for t in tables]


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _modified(path: str) -> str:
    return _iso(datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc))


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


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
        """Keep `records` (valid records, as `load` gives them: `_table` numbers index
        `sources`) as `kind`'s for `period`, and who reported (`done`), replacing what was
        kept for both; one transaction. Returns how many records were kept."""
        levels = [level for level in kind.levels if level in records.columns]
        clash = set(kind.figure_codes) & {*RECORD_COLUMNS, *LEVELS, *KEYS}
        if clash:
            raise ValueError(f"figure codes {sorted(clash)} name columns of the history")
        code = period.code
        with transaction(self.db):
            self._delete(code, kind.name)
            self._declare(kind)
            first_source = self._insert_sources(code, kind.name, sources)
            units = self._unit_ids(records, levels)
            rows = _record_rows(records, kind, units, first_source)
            figures = [c for c in kind.figure_codes if c in records.columns]
            names = ", ".join(quoted(c) for c in (*RECORD_COLUMNS, *figures))
            # the same kind, year and period on every row: written once, not bound per row
            same = [_literal(kind.name), str(period.year), _literal(code)]
            values = [*same[:2], "?, ?", same[2], *["?"] * (3 + len(figures))]
            self.db.executemany(f"INSERT INTO records ({names}) VALUES ({', '.join(values)})", rows)
            at = _iso(loaded_at or datetime.now(timezone.utc))
            self.db.execute(
                "INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    kind.name,
                    kind.version,
                    ",".join(levels),
                    ",".join(figures),
                    at,
                    len(records),
                ),
            )
            if done is not None:
                self._insert_completeness(code, kind.name, done)
            join_units(self.db)  # units kept apart that no period now keeps apart
        return len(records)

    def _delete(self, period: str, kind: str) -> None:
        for table in ("records", "sources", "loads", "completeness"):
            self.db.execute(f"DELETE FROM {table} WHERE period = ? AND kind = ?", (period, kind))

    def _insert_completeness(self, period: str, kind: str, done: Completeness) -> None:
        """Each level's units expected, reported and missing (expected and missing NULL
        without a list)."""
        listed = bool(done.source)
        self.db.executemany(
            "INSERT INTO completeness VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    period,
                    kind,
                    level.level,
                    level.expected if listed else None,
                    level.reported,
                    level.count("missing") if listed else None,
                )
                for level in done.levels
            ],
        )

    def _declare(self, kind: ReportKind) -> None:
        """A column in `records` for each figure of `kind`, and its figures as declared in
        `kind_figures`."""
        present = {row[1] for row in self.db.execute("PRAGMA table_info(records)")}
        for code in kind.figure_codes:
            if code not in present:
                self.db.execute(f"ALTER TABLE records ADD COLUMN {quoted(code)} REAL")
        self.db.execute("DELETE FROM kind_figures WHERE kind = ?", (kind.name,))
        self.db.executemany(
            "INSERT INTO kind_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (kind.name, f.code, f.labels.vi, f.labels.en, f.unit, f.over_units, f.over_time)
                for f in kind.figures
            ],
        )

    def _insert_sources(self, period: str, kind: str, sources: Sequence[Source]) -> int:
        """Insert `sources` in order; the id of the first (the others follow it)."""
        first = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sources").fetchone()[0]
        self.db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (first + n, period, kind, s.file, s.sheet, s.sha256, s.received)
                for n, s in enumerate(sources)
            ],
        )
        return first

    def _unit_ids(self, records: pd.DataFrame, levels: list[str]) -> np.ndarray:
        """Each record's unit id (`units`), new units inserted: a unit as the records'
        `_unit_<lowest level>` tells it, named and keyed as its first record is."""
        if records.empty:
            return np.zeros(0, dtype=np.int64)
        lowest = pd.factorize(records[f"_unit_{levels[-1]}"].to_numpy())[0]
        first = pd.Series(np.arange(len(records))).groupby(lowest).first().to_numpy()
        names = {lv: _texts(records, lv, first, levels) for lv in LEVELS}
        keys = {lv: _texts(records, f"_key_{lv}", first, levels) for lv in LEVELS}
        known = {
            tuple(row[1:]): row[0]
            for row in self.db.execute(f"SELECT id, {', '.join(KEYS)} FROM units")
        }
        paths = list(zip(*(keys[lv] for lv in LEVELS), strict=True))
        found = [known.get(path) for path in paths]
        new_ids = itertools.count(max(known.values(), default=0) + 1)
        new = []
        for n in [n for n, unit in enumerate(found) if unit is None]:
            unit = known.get(paths[n])
            if unit is None:
                unit = known[paths[n]] = next(new_ids)
                new.append((unit, *(names[lv][n] for lv in LEVELS), *paths[n]))
            found[n] = unit
        ids = np.array(found, dtype=np.int64)
        marks = ", ".join("?" * (1 + 2 * len(LEVELS)))
        self.db.executemany(f"INSERT INTO units VALUES ({marks})", new)
        return ids[lowest]

    def records(self, kind: str, periods: Sequence[Period]) -> pd.DataFrame:
        """The records kept for `kind` in `periods`, ordered by period, unit and category
        (see the module's docstring for the columns)."""
        codes = [p.code for p in periods]
        figures = self.figures(kind, periods)
        levels = self.levels(kind, periods)
        selected = {
            "period": "r.period",
            **{level: f"u.{level}" for level in levels},
            **{f"_key_{level}": f"u.key_{level}" for level in levels},
            CATEGORY: "r.category",
            **{figure: f"r.{quoted(figure)}" for figure in figures},
            "_file": "s.file",
            "_sheet": "s.sheet",
            "_row": "r.row",
        }
        query = f"""SELECT {", ".join(selected.values())}
            FROM records r JOIN units u ON u.id = r.unit JOIN sources s ON s.id = r.source
            WHERE r.kind = ? AND r.period IN ({", ".join("?" * len(codes))})
            ORDER BY r.period, r.unit, r.category, r.seq"""
        rows = self.db.execute(query, (kind, *codes)).fetchall()
        frame = pd.DataFrame.from_records(rows, columns=list(selected))
        frame[CATEGORY] = frame[CATEGORY].replace("", None)
        for figure in figures:
            frame[figure] = frame[figure].astype("float64")
        if levels:
            unit_codes(frame, levels)
        return frame

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
        """Units that are one by `unit_key` but kept apart (`schema.join_units`)."""
        return units_apart(self.db)

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


def _record_rows(
    records: pd.DataFrame, kind: ReportKind, units: np.ndarray, first_source: int
) -> list[tuple]:
    """The `records` rows to insert (unit, category, seq, source, row, the figures), in the
    table's order (unit, category, seq)."""
    if CATEGORY in records.columns:
        codes, categories = pd.factorize(records[CATEGORY], use_na_sentinel=False)
        names = np.array(["" if pd.isna(c) else str(c) for c in categories], dtype=object)
    else:
        codes, names = np.zeros(len(records), dtype=np.int64), np.array([""], dtype=object)
    frame = pd.DataFrame({"unit": units, "category": codes})
    seq = frame.groupby(["unit", "category"], sort=False).cumcount().to_numpy()
    order = np.lexsort((seq, names[codes], units))
    figures = [c for c in kind.figure_codes if c in records.columns]
    columns = [
        units[order].tolist(),
        names[codes[order]].tolist(),
        seq[order].tolist(),
        (records["_table"].to_numpy()[order] + first_source).tolist(),
        records["_row"].to_numpy()[order].tolist(),
        # NaN, a figure not given, is stored as NULL
        *(records[f].to_numpy(dtype="float64")[order].tolist() for f in figures),
    ]
    return list(zip(*columns, strict=True))


def _texts(records: pd.DataFrame, column: str, at: np.ndarray, levels: list[str]) -> list[str]:
    """A level's names or keys at the records `at` ("" for a level the records lack)."""
    if column.removeprefix("_key_") not in levels:
        return [""] * len(at)
    return records[column].iloc[at].astype(str).tolist()


def _literal(text: str) -> str:
    """A text as an SQL literal."""
    return "'" + text.replace("'", "''") + "'"


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
