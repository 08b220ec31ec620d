"""The history file's tables (bảng của tệp lịch sử), their version and the steps from each
version to the next.

The version is `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from version n to
n + 1 (version 0: an empty file), each step in its own transaction, so a new file and an
older one are brought up to date the same way. The tables (README "Lịch sử / History"):

- `units`: id, the four level names as first spelled, their keys (`unit_key`, unique
  together; files of versions 1 to 3 keyed them by `fold_key`, and version 4 re-keys them);
- `sources`: id, period, kind, file, sheet, sha256 (the file's), received (its time,
  UTC, ISO 8601);
- `loads`: period, kind, kind_version, levels ("commune,village"), figures (the codes
  stored, "branches,members"), loaded_at, records (how many);
- `kind_figures`: kind, code, labels (label_vi, label_en), unit, over_units, over_time, as
  the kind last stored declares them;
- `records`, clustered by kind, year, unit, category, period (a year's months of a unit
  side by side): kind, year, unit (units.id), category (the value code, "" for none),
  period ("2026-10"), seq (0, or 1, 2 ... for a unit's further records of one category),
  source (sources.id), row (the Excel row), then one REAL column per figure code of the
  kinds stored (NULL where not given);
- `completeness`: period, kind, level, expected (NULL without a list of units expected),
  reported, missing (NULL without a list): who reported, per level, when it was stored;
- the index `units_short_keyed` holds the units keyed with a type word short ("tp. huế",
  which `unit_key` writes "thành phố huế"): only units kept apart (`join_units`) and those
  of an older file being brought up to date, so storing a period finds them without
  reading every unit. Its condition is `_SHORT_KEYS`: a change of the type words
  (`TYPE_WORDS_IN_FULL`) needs a step that makes the index again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from danvan_cli.model.declaration import LEVELS
from danvan_cli.text.normalize import TYPE_WORDS_IN_FULL, unit_key

KEYS = tuple(f"key_{level}" for level in LEVELS)
# The records' own columns, in order: no figure may be named so.
RECORD_COLUMNS = ("kind", "year", "unit", "category", "period", "seq", "source", "row")


def _version_1(db: sqlite3.Connection) -> None:
    """Units, sources, loads and records (clustered by kind, unit, category, period)."""
    texts = ", ".join(f"{name} TEXT NOT NULL" for name in (*LEVELS, *KEYS))
    db.execute(
        f"""CREATE TABLE units (id INTEGER PRIMARY KEY, {texts},
        UNIQUE ({", ".join(KEYS)}))"""
    )
    db.execute(
        """CREATE TABLE sources (id INTEGER PRIMARY KEY, period TEXT NOT NULL,
        kind TEXT NOT NULL, file TEXT NOT NULL, sheet TEXT, sha256 TEXT, received TEXT)"""
    )
    db.execute("CREATE INDEX sources_period ON sources (period, kind)")
    db.execute(
        """CREATE TABLE loads (period TEXT NOT NULL, kind TEXT NOT NULL, kind_version TEXT,
        levels TEXT NOT NULL, figures TEXT NOT NULL, loaded_at TEXT NOT NULL,
        records INTEGER NOT NULL, PRIMARY KEY (period, kind))"""
    )
    db.execute(
        """CREATE TABLE records (kind TEXT NOT NULL, unit INTEGER NOT NULL,
        category TEXT NOT NULL, period TEXT NOT NULL, seq INTEGER NOT NULL,
        source INTEGER NOT NULL, row INTEGER,
        PRIMARY KEY (kind, unit, category, period, seq)) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX records_period ON records (period, kind)")


def _version_2(db: sqlite3.Connection) -> None:
    """Records clustered by year after the kind (a longer period reads its year's rows
    only, not every year's), and the figures each kind declares."""
    figures = [row[1] for row in db.execute("PRAGMA table_info(records)")][7:]
    declared = "".join(f", {quoted(f)} REAL" for f in figures)
    db.execute(
        f"""CREATE TABLE records_by_year (kind TEXT NOT NULL, year INTEGER NOT NULL,
        unit INTEGER NOT NULL, category TEXT NOT NULL, period TEXT NOT NULL,
        seq INTEGER NOT NULL, source INTEGER NOT NULL, row INTEGER{declared},
        PRIMARY KEY (kind, year, unit, category, period, seq)) WITHOUT ROWID"""
    )
    copied = "".join(f", {quoted(f)}" for f in figures)
    db.execute(
        f"""INSERT INTO records_by_year SELECT kind, CAST(substr(period, 1, 4) AS INTEGER),
        unit, category, period, seq, source, row{copied} FROM records
        ORDER BY kind, substr(period, 1, 4), unit, category, period, seq"""
    )
    db.execute("DROP TABLE records")
    db.execute("ALTER TABLE records_by_year RENAME TO records")
    db.execute("CREATE INDEX records_period ON records (period, kind)")
    db.execute(
        """CREATE TABLE kind_figures (kind TEXT NOT NULL, code TEXT NOT NULL,
        label_vi TEXT NOT NULL, label_en TEXT NOT NULL, unit TEXT NOT NULL,
        over_units TEXT NOT NULL, over_time TEXT NOT NULL, PRIMARY KEY (kind, code))"""
    )


def _version_3(db: sqlite3.Connection) -> None:
    """Who reported, per period, kind and level (an older file's periods have none)."""
    db.execute(
        """CREATE TABLE completeness (period TEXT NOT NULL, kind TEXT NOT NULL,
        level TEXT NOT NULL, expected INTEGER, reported INTEGER NOT NULL, missing INTEGER,
        PRIMARY KEY (period, kind, level))"""
    )


# A key with its type word short ("tp. huế", "tdp 1"), which `unit_key` writes in full; the
# condition of the index `units_short_keyed`, which a query must repeat to use it
_SHORT_KEYS = " OR ".join(f"{k} GLOB '{word} *'" for k in KEYS for word in TYPE_WORDS_IN_FULL)


def _version_4(db: sqlite3.Connection) -> None:
    """Units keyed by `unit_key` ("tp. huế" is "thành phố huế"), as the roll-up matches
    them: units that become one are joined (`join_units`)."""
    join_units(db)


def _version_5(db: sqlite3.Connection) -> None:
    """The units keyed with a type word short in an index of their own (`join_units` reads
    them at every period stored)."""
    db.execute(f"CREATE INDEX units_short_keyed ON units (id) WHERE {_SHORT_KEYS}")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _version_1,
    _version_2,
    _version_3,
    _version_4,
    _version_5,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Bring the file to `version` (the newest unless told), each step in its own
    transaction; a file newer than this danvan's is a ValueError."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise ValueError(f"history version {found} is newer than this danvan's")
    for step in range(found, version):
        with transaction(db):
            MIGRATIONS[step](db)
            db.execute(f"PRAGMA user_version = {step + 1}")


@dataclass(frozen=True)
class Apart:
    """Units that are one by `unit_key` but kept apart: each one's names down the levels,
    and the periods (with their kinds) both have records of one category in."""

    names: tuple[tuple[str, ...], ...]
    periods: tuple[tuple[str, str], ...]


def join_units(db: sqlite3.Connection) -> list[Apart]:
    """Units keyed with their type word short joined to the unit their `unit_key` names
    (their records moved to it), or keyed by it when there is none; those that cannot be
    joined honestly, two of one unit having records of the same kind, period and category
    (a unit sent twice under two spellings), keep their keys and are returned. Run inside
    a transaction."""
    groups = _short_keyed(db)
    apart = _clashes(db, groups)
    moved = []
    for number, (path, ids) in enumerate(groups.items()):
        if number in apart:
            continue
        target, others = ids[0], ids[1:]
        moved += [(unit, target) for unit in others]
        db.executemany("DELETE FROM units WHERE id = ?", [(unit,) for unit in others])
        settings = ", ".join(f"{key} = ?" for key in KEYS)
        db.execute(f"UPDATE units SET {settings} WHERE id = ?", (*path, target))
    if moved:
        db.execute("CREATE TEMP TABLE joined (unit INTEGER PRIMARY KEY, target INTEGER)")
        db.executemany("INSERT INTO joined VALUES (?, ?)", moved)
        db.execute(
            """UPDATE records SET unit = (SELECT target FROM joined j WHERE j.unit = records.unit)
            WHERE unit IN (SELECT unit FROM joined)"""
        )
        db.execute("DROP TABLE temp.joined")
    return _named(db, groups, apart)


def units_apart(db: sqlite3.Connection) -> list[Apart]:
    """The units `join_units` keeps apart, as it finds them now."""
    groups = _short_keyed(db)
    return _named(db, groups, _clashes(db, groups))


def _short_keyed(db: sqlite3.Connection) -> dict[tuple[str, ...], list[int]]:
    """Per `unit_key` path of a unit keyed with a type word short, the units it names: the
    one keyed so already first (when there is one), then the others by id."""
    groups: dict[tuple[str, ...], list[int]] = {}
    found = db.execute(f"SELECT id, {', '.join(KEYS)} FROM units WHERE {_SHORT_KEYS} ORDER BY id")
    for unit, *keys in found.fetchall():
        path = tuple(unit_key(key) for key in keys)
        if path != tuple(keys):
            groups.setdefault(path, []).append(unit)
    if not groups:
        return groups
    # the units keyed by each path already, one query (a temporary table: no bound
    # parameter per group, whose number SQLite limits)
    db.execute(f"CREATE TEMP TABLE paths (grp INTEGER, {', '.join(KEYS)})")
    marks = ", ".join("?" * (1 + len(KEYS)))
    db.executemany(f"INSERT INTO paths VALUES ({marks})", [(n, *p) for n, p in enumerate(groups)])
    same = " AND ".join(f"u.{key} = p.{key}" for key in KEYS)
    keyed = db.execute(f"SELECT p.grp, u.id FROM paths p JOIN units u ON {same}").fetchall()
    db.execute("DROP TABLE temp.paths")
    ids = list(groups.values())
    for number, unit in keyed:
        ids[number].insert(0, unit)
    return groups


def _clashes(
    db: sqlite3.Connection, groups: dict[tuple[str, ...], list[int]]
) -> dict[int, list[tuple[str, str]]]:
    """Per group (its number in `groups`) whose units cannot be joined, the kinds and
    periods two of them have records of one category in; one pass over the records."""
    if not groups:
        return {}
    db.execute("CREATE TEMP TABLE grouped (unit INTEGER PRIMARY KEY, grp INTEGER)")
    db.executemany(
        "INSERT INTO grouped VALUES (?, ?)",
        [(unit, number) for number, ids in enumerate(groups.values()) for unit in ids],
    )
    found: dict[int, list[tuple[str, str]]] = {}
    query = """SELECT DISTINCT g.grp, r.kind, r.period FROM records r
        JOIN grouped g ON g.unit = r.unit GROUP BY g.grp, r.kind, r.period, r.category
        HAVING COUNT(DISTINCT r.unit) > 1 ORDER BY g.grp, r.period, r.kind"""
    for number, kind, period in db.execute(query).fetchall():
        found.setdefault(number, []).append((kind, period))
    db.execute("DROP TABLE temp.grouped")
    return found


def _named(
    db: sqlite3.Connection,
    groups: dict[tuple[str, ...], list[int]],
    apart: dict[int, list[tuple[str, str]]],
) -> list[Apart]:
    """The groups kept `apart` (their numbers in `groups`, with their kinds and periods),
    each unit by its names down the levels; one query."""
    if not apart:
        return []
    ids = list(groups.values())
    db.execute("CREATE TEMP TABLE wanted (unit INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO wanted VALUES (?)", [(u,) for n in apart for u in ids[n]])
    query = f"SELECT id, {', '.join(LEVELS)} FROM units WHERE id IN (SELECT unit FROM wanted)"
    names = {unit: tuple(n for n in found if n) for unit, *found in db.execute(query).fetchall()}
    db.execute("DROP TABLE temp.wanted")
    return [
        Apart(tuple(names[unit] for unit in ids[number]), tuple(periods))
        for number, periods in apart.items()
    ]


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT on `db` (opened with isolation_level=None), ROLLBACK on
    any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def quoted(name: str) -> str:
    """A column's name as SQL writes it."""
    return '"' + name.replace('"', '""') + '"'
