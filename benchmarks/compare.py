"""Time comparing two national months: `danvan compare`'s comparison beside DuckDB's join.

    python benchmarks/compare.py [--size 600k] [--repeat 3] [--process]

The first month is `generate.py`'s data (600k: 596,268 rows, 99,378 villages); the
second is the same places a month later, drawn from a fixed seed: members, attending and
the villages' households moved by -5 % to +10 %, 1 % of the rows' members up by half,
0.5 % of the villages renamed (gone, and as many new). Both months are rolled up by
danvan (province, commune, village: a row per unit and organisation and one for all),
then compared level by level and the totals (`periods.compare.compare_level`: units
matched by their names folded, each figure's old, new, change and percent, the change
flags). DuckDB does the same on the same roll-up tables (pandas frames registered): a
full outer join per level on the names (lower case) and organisation, the same four
columns per figure, the status, the flags counted, the result fetched as a pandas frame.
The median of `--repeat` runs of each; with `--process`, also the whole `danvan compare
a.csv b.csv -f json` (reading both months' CSV files). Prints the figures; never asserts
a timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

from danvan_cli.engine.rollup import rollup_levels
from danvan_cli.kinds.vocabulary import MEMBERSHIP_METRICS, organization_code
from danvan_cli.periods.compare import compare_level

LEVELS = ["province", "commune", "village"]
HOUSEHOLDS = ["households", "households_with_members"]
SEED = 20261206


def months(size: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two months' rows: the places' names, the organisation's code, the figures."""
    ds = generate.build(size)
    first = pd.DataFrame(ds.values, columns=list(generate.FIGURE_CODES))
    first.insert(0, "organization", [organization_code(o) for o in ds.org])
    first.insert(0, "village", ds.village)
    first.insert(0, "commune", ds.commune)
    first.insert(0, "province", ds.province)
    rng = np.random.default_rng(SEED)
    second = first.copy()
    village = (second["commune"] + "\0" + second["village"]).to_numpy()
    codes, _ = pd.factorize(village)
    for figures, per in ((["members", "members_attending"], len(second)), (HOUSEHOLDS, None)):
        moved = rng.uniform(0.95, 1.10, size=(per or codes.max() + 1, len(figures)))
        moved = moved if per else moved[codes]  # households: one move per village
        second[figures] = np.rint(second[figures].to_numpy() * moved).astype(np.int64)
    jumped = rng.random(len(second)) < 0.01
    second.loc[jumped, "members"] = np.rint(second.loc[jumped, "members"] * 1.5).astype(np.int64)
    for part, whole in (
        ("members_attending", "members"),
        ("households_with_members", "households"),
    ):
        second[part] = np.minimum(second[part], second[whole])
    gone = rng.random(codes.max() + 1) < 0.005
    renamed = gone[codes]
    second.loc[renamed, "village"] = second.loc[renamed, "village"] + " Mới"
    return first, second


assert set(generate.FIGURE_CODES) == set(MEMBERSHIP_METRICS)


def rolled_up(rows: pd.DataFrame):
    """danvan's roll-up of a month's rows (each level's unit codes from the names)."""
    records = rows.copy()
    path = np.zeros(len(records), dtype=np.int64)
    for level in LEVELS:
        own, names = pd.factorize(records[level])
        path = pd.factorize(path * (len(names) + 1) + own)[0]
        records[f"_unit_{level}"] = path
    return rollup_levels(records, LEVELS, list(MEMBERSHIP_METRICS))


def danvan_compare(old, new) -> dict[str, int]:
    """Each level and the totals compared; the flags counted per level."""
    flags = {}
    for depth, level in enumerate(LEVELS):
        names = [*LEVELS[: depth + 1], "organization"]
        compared = compare_level(old.tables[level], new.tables[level], names, new.metrics)
        flags[level] = len(compared.flags)
    totals = [pd.DataFrame([r.total]) for r in (old, new)]
    flags["total"] = len(compare_level(*totals, [], new.metrics).flags)
    return flags


def duckdb_compare(old, new, threshold: float = 20.0) -> dict[str, int]:
    """The same per level in DuckDB: a full outer join, four columns per figure, the status,
    the change flags counted; the result fetched into pandas."""
    import duckdb

    connection = duckdb.connect()
    flags = {}
    for depth, level in enumerate(LEVELS):
        names = [*LEVELS[: depth + 1], "organization"]
        connection.register("old_t", old.tables[level].astype({"organization": str}))
        connection.register("new_t", new.tables[level].astype({"organization": str}))
        on = " AND ".join(f"lower(o.{n}) = lower(n.{n})" for n in names)
        spelled = ", ".join(f"coalesce(n.{n}, o.{n}) AS {n}" for n in names)
        parts, flagged = [], []
        for m in new.metrics:
            parts += [
                f"o.{m} AS {m}_old",
                f"n.{m} AS {m}_new",
                f"n.{m} - o.{m} AS {m}_change",
                f"CASE WHEN o.{m} <> 0 THEN (n.{m} - o.{m}) * 100 / o.{m} END AS {m}_percent",
            ]
            flagged.append(
                f"(abs(n.{m} - o.{m}) * 100 > {threshold} * abs(o.{m}) "
                f"OR (o.{m} = 0 AND n.{m} <> 0))::INT"
            )
        status = (
            "CASE WHEN o.organization IS NULL THEN 'appeared' "
            "WHEN n.organization IS NULL THEN 'disappeared' ELSE 'both' END AS status"
        )
        query = (
            f"SELECT {spelled}, {status}, {', '.join(parts)}, "
            f"coalesce({' + '.join(f'coalesce({f}, 0)' for f in flagged)}, 0) AS flags "
            f"FROM old_t o FULL OUTER JOIN new_t n ON {on}"
        )
        table = connection.execute(query).df()
        flags[level] = int(table["flags"].sum())
    return flags


def write_month(path: Path, rows: pd.DataFrame) -> None:
    """A month's rows as the CSV file a unit sends (`generate.COLUMNS`, UTF-8 with a BOM)."""
    names = {organization_code(name): name for name in generate.ORGS}
    written = rows.assign(organization=rows["organization"].map(names))
    written.columns = generate.COLUMNS
    written.to_csv(path, index=False, encoding="utf-8-sig")


def timed(work, repeat: int) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def whole_process(command: list[str]) -> tuple[float, int]:
    """The wall-clock seconds and exit code of one run of `command`, its output discarded."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="600k", choices=list(generate.SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--process", action="store_true", help="also the whole command")
    args = parser.parse_args(argv)
    first, second = months(args.size)
    rollup_time, (old, new) = timed(lambda: (rolled_up(first), rolled_up(second)), 1)
    rows = {level: len(new.tables[level]) for level in LEVELS}
    print(f"two months of {len(first):,} and {len(second):,} rows ({args.size})")
    print(
        "  roll-up tables of the new month: "
        + ", ".join(f"{level} {n:,} rows" for level, n in rows.items())
        + f" (both months rolled up in {rollup_time:.1f} s)"
    )
    ours, flags = timed(lambda: danvan_compare(old, new), args.repeat)
    print(
        f"  danvan (periods.compare, every level and the totals), median of {args.repeat}: "
        f"{ours:.2f} s; flags: {', '.join(f'{k} {v:,}' for k, v in flags.items())}"
    )
    theirs, their_flags = timed(lambda: duckdb_compare(old, new), args.repeat)
    print(
        f"  DuckDB (full outer join per level, fetched to pandas), median of {args.repeat}: "
        f"{theirs:.2f} s; flags: {', '.join(f'{k} {v:,}' for k, v in their_flags.items())}"
    )
    if args.process:
        with tempfile.TemporaryDirectory() as folder:
            files = [Path(folder) / f"thang_{n}.csv" for n in (9, 10)]
            for path, rows_of in zip(files, (first, second), strict=True):
                write_month(path, rows_of)
            command = [sys.executable, "-m", "danvan_cli", "compare", *map(str, files)]
            command += ["-f", "json"]
            whole, code = whole_process(command)
        print(
            f"  danvan compare a.csv b.csv -f json, the whole process (reading both months): "
            f"{whole:.1f} s (exit {code})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
