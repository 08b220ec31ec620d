"""Reference programs that the benchmark times next to danvan, each as a whole process.

    python benchmarks/references.py floor-xlsx FILE_OR_DIR...   # fastexcel -> Arrow, nothing else
    python benchmarks/references.py floor-csv FILE.csv...       # pyarrow.csv.read_csv, nothing else
    python benchmarks/references.py duckdb FILE.csv             # GROUP BY ROLLUP in DuckDB
    python benchmarks/references.py pandas FILE_OR_DIR...       # read_excel(openpyxl) + groupby

Each prints one line, ``<tool>: rows=<data rows read> members=<grand total of
"Số đoàn viên, hội viên"> ...``, which run.py checks against the generator's
manifest. A directory argument means every ``*.xlsx`` in it, in name order.

Each subcommand imports only what it needs, so its process pays for nothing
else (the floor does not import pandas, DuckDB does not import pyarrow).
"""

from __future__ import annotations

import sys
from pathlib import Path

PROVINCE = "Tỉnh/Thành phố"
COMMUNE = "Xã/Phường"
VILLAGE = "Thôn/Tổ dân phố"
ORG = "Đoàn thể"
BRANCHES = "Số chi hội, chi đoàn"
MEMBERS = "Số đoàn viên, hội viên"
ATTENDING = "Số ĐV, HV tham gia sinh hoạt"
HOUSEHOLDS = "Tổng số hộ"
HWM = "Số hộ có ĐV, HV"
RATINGS = ["Vững mạnh", "Khá", "Trung bình", "Yếu"]
# summed over organisations within a village
ORG_METRICS = [BRANCHES, MEMBERS, ATTENDING, *RATINGS]
# belong to the village: counted once per village, never once per organisation
VILLAGE_METRICS = [HOUSEHOLDS, HWM]
LEVELS = [PROVINCE, COMMUNE, VILLAGE]


def expand(args: list[str], ext: str = ".xlsx") -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out.extend(sorted(p.glob(f"*{ext}")) if p.is_dir() else [p])
    if not out:
        raise SystemExit("no input files")
    return out


# --------------------------------------------------------------------------- floors


def floor_xlsx(args: list[str]) -> str:
    """Decode every sheet of every workbook into an Arrow record batch; keep nothing else."""
    import fastexcel

    files = expand(args)
    rows = sheets = members = 0
    for f in files:
        reader = fastexcel.read_excel(f)
        for name in reader.sheet_names:
            batch = reader.load_sheet(name, eager=True)  # pyarrow.RecordBatch
            sheets += 1
            rows += batch.num_rows
            if MEMBERS in batch.schema.names:
                # a sanity figure, not work: one pass over one column in C
                import pyarrow.compute as pc

                members += int(pc.sum(batch.column(MEMBERS)).as_py() or 0)
    return f"floor-xlsx: files={len(files)} sheets={sheets} rows={rows} members={members}"


def floor_csv(args: list[str]) -> str:
    """Decode the CSV into an Arrow table with pyarrow's (multi-threaded) reader."""
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    files = expand(args, ".csv")
    rows = members = 0
    for f in files:
        table = pacsv.read_csv(f)
        rows += table.num_rows
        members += int(pc.sum(table.column(MEMBERS)).as_py() or 0)
    return f"floor-csv: files={len(files)} rows={rows} members={members}"


# --------------------------------------------------------------------------- DuckDB


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


DUCKDB_SQL = """
WITH src AS (
    SELECT * FROM read_csv($path, header = true)
),
villages AS (  -- one row per village: organisation figures summed, household figures taken once
    SELECT {province} AS province, {commune} AS commune, {village} AS village,
           count(*) AS source_rows,
           {org_sums},
           max({households}) AS households,
           max({hwm}) AS households_with_members
    FROM src
    GROUP BY 1, 2, 3
)
SELECT province, commune, village,
       sum(source_rows) AS source_rows,
       {rollup_sums},
       sum(households) AS households,
       sum(households_with_members) AS households_with_members,
       round(100.0 * sum(households_with_members) / nullif(sum(households), 0), 2) AS coverage_pct
FROM villages
GROUP BY ROLLUP (province, commune, village)
ORDER BY province NULLS FIRST, commune NULLS FIRST, village NULLS FIRST
"""


def duckdb_sql() -> str:
    aliases = [
        "branches",
        "members",
        "members_attending",
        "rating_strong",
        "rating_good",
        "rating_average",
        "rating_weak",
    ]
    return DUCKDB_SQL.format(
        province=_q(PROVINCE),
        commune=_q(COMMUNE),
        village=_q(VILLAGE),
        households=_q(HOUSEHOLDS),
        hwm=_q(HWM),
        org_sums=",\n           ".join(
            f"sum({_q(c)}) AS {a}" for c, a in zip(ORG_METRICS, aliases, strict=True)
        ),
        rollup_sums=",\n       ".join(f"sum({a}) AS {a}" for a in aliases),
    )


def duckdb_rollup(args: list[str]) -> str:
    """Roll the CSV up to village, commune, province and country in DuckDB."""
    import duckdb

    if len(args) != 1:
        raise SystemExit("duckdb: give exactly one CSV file")
    con = duckdb.connect()
    cur = con.execute(duckdb_sql(), {"path": str(args[0])})
    cols = [d[0] for d in cur.description]
    result = cur.fetchall()  # materialise every group, as danvan must
    grand = dict(zip(cols, result[0], strict=True))  # NULLS FIRST: the grand total comes first
    assert grand["province"] is None
    return (
        f"duckdb: rows={grand['source_rows']} groups={len(result)} members={grand['members']} "
        f"households={grand['households']} "
        f"households_with_members={grand['households_with_members']}"
    )


# --------------------------------------------------------------------------- pandas


def pandas_baseline(args: list[str]) -> str:
    """pandas.read_excel(engine="openpyxl") (read_csv for .csv) + groupby().sum() per level."""
    import pandas as pd

    files = expand(args)
    frames = []
    for f in files:
        if f.suffix.lower() == ".csv":
            frames.append(pd.read_csv(f, encoding="utf-8-sig"))
        else:
            frames.append(pd.read_excel(f, engine="openpyxl"))  # first sheet, header row 1
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    # village level: organisations summed, household figures taken once per village
    agg = {c: "sum" for c in ORG_METRICS} | {c: "first" for c in VILLAGE_METRICS}
    villages = df.groupby(LEVELS, sort=False).agg(agg)
    levels = {"village": villages}
    levels["commune"] = villages.groupby(level=[0, 1], sort=False).sum()
    levels["province"] = villages.groupby(level=0, sort=False).sum()
    total = villages.sum()
    for t in levels.values():
        t["coverage_pct"] = (100 * t[HWM] / t[HOUSEHOLDS]).round(2)
    groups = sum(len(t) for t in levels.values()) + 1
    return (
        f"pandas: files={len(files)} rows={len(df)} groups={groups} members={int(total[MEMBERS])} "
        f"households={int(total[HOUSEHOLDS])} households_with_members={int(total[HWM])}"
    )


COMMANDS = {
    "floor-xlsx": floor_xlsx,
    "floor-csv": floor_csv,
    "duckdb": duckdb_rollup,
    "pandas": pandas_baseline,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS or len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(COMMANDS[argv[0]](argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
