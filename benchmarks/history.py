"""Time the history at national scale beside DuckDB over the same SQLite tables.

    python benchmarks/history.py [--size 600k] [--repeat 1] [--keep FOLDER]

Twelve months of 2026 are made from `generate.py`'s data (600k: 596,268 records, 99,378
villages): month m has each row's members and attending up by m, each village's
households up by m (households with members by m as well, never above them), and in
December 0.5 % of the communes (every 200th) send nothing, so their villages' stocks are
carried from November. Each month's records are given to `History.store_period` as a
run's checked records are (names, keys, unit codes, organisation, the nine figures, the
table and row; one source per month, its hash that of the month's name: no file is
written).

Timed, each beside DuckDB doing the same over the same SQLite file:
- loading a national month: the first into an empty history, and December into the
  history of the eleven before it (DuckDB: the same rows, unit ids given, inserted into a
  copy of that file through its sqlite extension, the month deleted first);
- building the year from the twelve months and rolling it up (`periods.combine`: stocks
  from each unit's last month, ratios recomputed; province, commune, village tables per
  organisation and for all). DuckDB: one query per level over the attached file (arg_max
  of each stock by period, each unit's last month, households once per village, the
  ratios), each fetched as a pandas frame.

DuckDB's sqlite extension is loaded if it can be: already installed, or from the PyPI
package `duckdb-extension-sqlite-scanner` when its version is DuckDB's. A machine that
can neither download nor has it reads the tables into DuckDB through Python (sqlite3 to
pandas, registered), said in the output; the load is then not timed for DuckDB. Prints
the figures; never asserts a timing.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
from compare import timed

from danvan_cli.ingest.load import unit_codes
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import organization_code
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.combine import combine, rollup_combined
from danvan_cli.periods.history import History
from danvan_cli.periods.store import Source
from danvan_cli.text.normalize import fold_key

LEVELS = ["province", "commune", "village"]
FIGURES = list(generate.FIGURE_CODES)
ONCE = ["households", "households_with_members"]
YEAR = 2026


def base_records(size: str) -> pd.DataFrame:
    """A month's records as a run gives them, before the month's figures are set."""
    ds = generate.build(size)
    records = pd.DataFrame({"_table": 0, "_row": np.arange(ds.rows) + 2})
    for level, names in zip(LEVELS, (ds.province, ds.commune, ds.village), strict=True):
        written = pd.Categorical(names)
        records[level] = written
        keys = np.array([fold_key(name) for name in written.categories], dtype=object)
        records[f"_key_{level}"] = pd.Categorical(keys[written.codes])
    records["organization"] = pd.Categorical([organization_code(o) for o in ds.org])
    for index, figure in enumerate(FIGURES):
        records[figure] = ds.values[:, index].astype("float64")
    unit_codes(records, LEVELS)
    return records


def month_records(base: pd.DataFrame, month: int) -> pd.DataFrame:
    """Month `month`'s records (see the module's docstring)."""
    records = base.copy()
    for figure in ("members", "members_attending", *ONCE):
        records[figure] = records[figure] + month
    if month == 12:
        silent = records["_unit_commune"] % 200 == 0
        records = records[~silent.to_numpy()].reset_index(drop=True)
    return records


def source(month: int) -> list[Source]:
    name = f"thang_{month:02d}.csv"
    digest = hashlib.sha256(name.encode()).hexdigest()
    return [Source(name, None, digest, f"{YEAR}-{month:02d}-28T00:00:00+00:00")]


def period(month: int):
    return parse_period(f"{YEAR}-{month:02d}")


# --- DuckDB -------------------------------------------------------------------------------


def duckdb_sqlite():
    """A DuckDB connection with the sqlite extension loaded, and how it was loaded; or the
    connection and None with the reason it could not be."""
    import duckdb

    connection = duckdb.connect()
    try:
        connection.execute("LOAD sqlite")
        return connection, "its sqlite extension (installed)", None
    except duckdb.Error as error:
        reason = str(error).splitlines()[0]
    try:
        import duckdb_extension_sqlite_scanner as package

        found = sorted(Path(package.__file__).parent.rglob("*.duckdb_extension"))
        if found and f"v{duckdb.__version__}" in str(found[0]):
            connection.execute(f"LOAD '{found[0].as_posix()}'")
            return connection, "its sqlite extension (PyPI duckdb-extension-sqlite-scanner)", None
    except (ImportError, duckdb.Error) as error:
        reason += f"; {str(error).splitlines()[0]}"
    return connection, None, reason


def duckdb_load(connection, path: Path, rows: pd.DataFrame) -> None:
    """The month's rows (the records table's columns, unit ids given) into the file, which
    does not hold that month yet: DuckDB's sqlite extension deletes by ROWID, which the
    clustered `records` table has not, so it could not replace a month."""
    connection.execute(f"ATTACH '{path.as_posix()}' AS h (TYPE sqlite)")
    connection.register("month_rows", rows)
    connection.execute("BEGIN")
    connection.execute(
        f"INSERT INTO h.records ({', '.join(rows.columns)}) SELECT * FROM month_rows"
    )
    connection.execute("COMMIT")
    connection.execute("DETACH h")


def duckdb_year(connection, tables: str) -> dict[str, pd.DataFrame]:
    """The year of membership from its months, rolled up per level, each fetched.
    `tables`: where `records` and `units` are ("h." for the attached file, "" for tables
    registered from pandas)."""
    stocks = ", ".join(f"arg_max({f}, period) AS {f}" for f in FIGURES)
    kept = ", ".join(f"CASE WHEN g.last = g.as_of THEN g.{f} END AS {f}" for f in FIGURES)
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE year_records AS
        WITH s AS (SELECT unit, category, max(period) AS last, {stocks}
                   FROM {tables}records WHERE kind = 'membership' AND year = {YEAR}
                   GROUP BY unit, category),
        g AS (SELECT *, max(last) OVER (PARTITION BY unit) AS as_of FROM s)
        SELECT u.province, u.commune, u.village, g.category, {kept}, g.as_of
        FROM g JOIN {tables}units u ON u.id = g.unit"""
    )
    summed = [f for f in FIGURES if f not in ONCE]
    result = {}
    for depth, level in enumerate(LEVELS):
        names = ", ".join(LEVELS[: depth + 1])
        sums = ", ".join(f"sum({f}) AS {f}" for f in summed)
        ratios = (
            "households_with_members / nullif(households, 0) AS household_coverage, "
            "members_attending / nullif(members, 0) AS attendance_rate, "
            "members / nullif(branches, 0) AS members_per_branch"
        )
        query = f"""
            WITH villages AS (SELECT province, commune, village, max(households) AS households,
                   max(households_with_members) AS households_with_members
                   FROM year_records GROUP BY province, commune, village),
            once AS (SELECT {names}, sum(households) AS households,
                   sum(households_with_members) AS households_with_members
                   FROM villages GROUP BY {names}),
            per_org AS (SELECT {names}, category, {sums}, min(as_of) AS as_of
                   FROM year_records GROUP BY {names}, category),
            everything AS (SELECT {names}, 'all' AS category, {sums}, min(as_of) AS as_of
                   FROM year_records GROUP BY {names}),
            rows AS (SELECT e.*, o.households, o.households_with_members FROM everything e
                     JOIN once o USING ({names})
                   UNION ALL SELECT *, NULL, NULL FROM per_org)
            SELECT *, {ratios} FROM rows ORDER BY {names}, category"""
        result[level] = connection.execute(query).df()
    return result


def registered(connection, path: Path) -> None:
    """The file's `records` and `units` read by Python's sqlite3 into pandas, registered
    in DuckDB (without its sqlite extension)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        for table in ("records", "units"):
            frame = pd.read_sql_query(f"SELECT * FROM {table}", db)
            connection.register(table, frame)


# --- the run --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="600k", choices=list(generate.SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the history files in this folder")
    args = parser.parse_args(argv)
    base = base_records(args.size)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="danvan-history-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "danvan.db"
    path.unlink(missing_ok=True)
    connection, how, reason = duckdb_sqlite()
    print(f"twelve months of {len(base):,} records ({args.size}); history {path}")
    print(
        f"DuckDB {__import__('duckdb').__version__}: " + (how or f"no sqlite extension ({reason})")
    )
    with History.open(path) as history:
        first, _ = timed(
            lambda: history.store_period(period(1), MEMBERSHIP, month_records(base, 1), source(1)),
            1,
        )
        print(f"  load a national month into an empty history (danvan): {first:.1f} s")
        for month in range(2, 12):
            history.store_period(
                period(month), MEMBERSHIP, month_records(base, month), source(month)
            )
        december = month_records(base, 12)
        copy = folder / "danvan-duckdb.db"
        shutil.copyfile(path, copy)
        last, _ = timed(
            lambda: history.store_period(period(12), MEMBERSHIP, december, source(12)), 1
        )
        print(f"  load December into the history of 11 months (danvan): {last:.1f} s")
        if how is not None:  # the rows danvan wrote, read back
            query = f"SELECT * FROM records WHERE period = '{YEAR}-12'"
            rows = pd.read_sql_query(query, history.db)
            theirs, _ = timed(lambda: duckdb_load(connection, copy, rows), 1)
            print(
                f"  the same rows inserted by DuckDB into a copy (unit ids given): {theirs:.1f} s"
            )
        print(f"  history file: {path.stat().st_size / 1e6:,.0f} MB")
        year = parse_period(str(YEAR))
        ours, rollup = timed(
            lambda: rollup_combined(combine(history, MEMBERSHIP, year), MEMBERSHIP), args.repeat
        )
    rows = {level: len(rollup.tables[level]) for level in LEVELS}
    print(
        f"  the year from 12 months, rolled up (danvan), median of {args.repeat}: {ours:.1f} s; "
        + ", ".join(f"{level} {n:,} rows" for level, n in rows.items())
        + f"; members {rollup.total['members']:,.0f}, households {rollup.total['households']:,.0f}"
    )
    if how is not None:
        connection.execute(f"ATTACH '{path.as_posix()}' AS h (TYPE sqlite, READ_ONLY)")
        theirs, tables = timed(lambda: duckdb_year(connection, "h."), args.repeat)
        said = "over the attached file"
    else:
        theirs, tables = timed(
            lambda: (registered(connection, path), duckdb_year(connection, ""))[1], args.repeat
        )
        said = "over the tables read by Python's sqlite3 (no sqlite extension)"
    province = tables["province"]
    total = province[province["category"] == "all"][["members", "households"]].sum()
    print(
        f"  the same year in DuckDB {said}, median of {args.repeat}: {theirs:.1f} s; "
        + ", ".join(f"{level} {len(t):,} rows" for level, t in tables.items())
        + f"; members {total['members']:,.0f}, households {total['households']:,.0f}"
    )
    print(f"  danvan / DuckDB, the year: {ours / theirs:.2f}")
    same = (
        total["members"] == rollup.total["members"]
        and total["households"] == rollup.total["households"]
    )
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
