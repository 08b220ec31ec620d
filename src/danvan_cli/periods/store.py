"""Storing a period in the history (lịch sử số liệu): where its records came from
(`Source`, `sources_of`) and `store_period`, the one transaction that replaces a period
and kind's records, sources and who reported (`History.store_period` calls it).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import TableInfo
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.ingest.paths import file_sha256
from danvan_cli.ingest.periods import Period
from danvan_cli.model.declaration import LEVELS, ReportKind
from danvan_cli.periods.completeness import Completeness
from danvan_cli.periods.schema import KEYS, RECORD_COLUMNS, join_units, quoted, transaction


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
            files[table.file] = (file_sha256(table.file), _modified(table.file))
    return [Source(t.file, t.sheet, *files[t.file]) for t in tables]


def _modified(path: str) -> str:
    return _iso(datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc))


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def store_period(
    db: sqlite3.Connection,
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
    with transaction(db):
        _delete(db, code, kind.name)
        _declare(db, kind)
        first_source = _insert_sources(db, code, kind.name, sources)
        units = _unit_ids(db, records, levels)
        rows = _record_rows(records, kind, units, first_source)
        figures = [c for c in kind.figure_codes if c in records.columns]
        names = ", ".join(quoted(c) for c in (*RECORD_COLUMNS, *figures))
        # the same kind, year and period on every row: written once, not bound per row
        same = [_literal(kind.name), str(period.year), _literal(code)]
        values = [*same[:2], "?, ?", same[2], *["?"] * (3 + len(figures))]
        db.executemany(f"INSERT INTO records ({names}) VALUES ({', '.join(values)})", rows)
        at = _iso(loaded_at or datetime.now(timezone.utc))
        db.execute(
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
            _insert_completeness(db, code, kind.name, done)
        # units kept apart that no period now keeps apart joined: found through the index
        # of short-keyed units, nothing read when there are none
        join_units(db)
    return len(records)


def _delete(db: sqlite3.Connection, period: str, kind: str) -> None:
    for table in ("records", "sources", "loads", "completeness"):
        db.execute(f"DELETE FROM {table} WHERE period = ? AND kind = ?", (period, kind))


def _insert_completeness(
    db: sqlite3.Connection, period: str, kind: str, done: Completeness
) -> None:
    """Each level's units expected, reported and missing (expected and missing NULL
    without a list)."""
    listed = bool(done.source)
    db.executemany(
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


def _declare(db: sqlite3.Connection, kind: ReportKind) -> None:
    """A column in `records` for each figure of `kind`, and its figures as declared in
    `kind_figures`."""
    present = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    for code in kind.figure_codes:
        if code not in present:
            db.execute(f"ALTER TABLE records ADD COLUMN {quoted(code)} REAL")
    db.execute("DELETE FROM kind_figures WHERE kind = ?", (kind.name,))
    db.executemany(
        "INSERT INTO kind_figures VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (kind.name, f.code, f.labels.vi, f.labels.en, f.unit, f.over_units, f.over_time)
            for f in kind.figures
        ],
    )


def _insert_sources(
    db: sqlite3.Connection, period: str, kind: str, sources: Sequence[Source]
) -> int:
    """Insert `sources` in order; the id of the first (the others follow it)."""
    first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sources").fetchone()[0]
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (first + n, period, kind, s.file, s.sheet, s.sha256, s.received)
            for n, s in enumerate(sources)
        ],
    )
    return first


def _unit_ids(db: sqlite3.Connection, records: pd.DataFrame, levels: list[str]) -> np.ndarray:
    """Each record's unit id (`units`), new units inserted: a unit as the records'
    `_unit_<lowest level>` tells it, named and keyed as its first record is."""
    if records.empty:
        return np.zeros(0, dtype=np.int64)
    lowest = pd.factorize(records[f"_unit_{levels[-1]}"].to_numpy())[0]
    first = pd.Series(np.arange(len(records))).groupby(lowest).first().to_numpy()
    names = {lv: _texts(records, lv, first, levels) for lv in LEVELS}
    keys = {lv: _texts(records, f"_key_{lv}", first, levels) for lv in LEVELS}
    known = {
        tuple(row[1:]): row[0] for row in db.execute(f"SELECT id, {', '.join(KEYS)} FROM units")
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
    db.executemany(f"INSERT INTO units VALUES ({marks})", new)
    return ids[lowest]


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
