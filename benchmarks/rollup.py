"""Time `danvan rollup` month after month at national scale, with each run's peak memory.

    python benchmarks/rollup.py [--size 600k] [--months 4] [--keep FOLDER]

Months from September 2026 are made from `generate.py`'s CSV (600k: 596,268 records):
month m has each row's members up by m, every seventh row's by 3m more (so that the
comparison flags changes and values outside a unit's past months), and the last month
leaves out every 997th row (villages that did not report). Each month is rolled up as a
scheduled run does, one process each, in order: `danvan rollup -c danvan.toml -p
2026-MM` with CSV and narrative outputs and the history in `danvan.db`; the first has no
history, the last is compared with every month before it (`NAME.compare.json` and
`.csv`: at 600k, about 2 million flags). Prints each run's seconds and peak RSS (the
process's own, measured as `run.py` measures it); never asserts them.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
import run

CONFIG = """submissions = "nop/{period}"
kind = "membership"
deadline = 5
threshold = 20
history = "danvan.db"
[outputs]
folder = "ket_qua"
name = "tong_hop_{period}"
formats = ["csv", "txt"]
"""
MEMBERS = 5  # the CSV's column of members (`generate.COLUMNS`)


def write_months(source: Path, folder: Path, months: list[int]) -> None:
    """Each month's `nop/2026-MM/thang.csv` from the generated CSV (see the docstring)."""
    with source.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    for month in months:
        path = folder / "nop" / f"2026-{month:02d}" / "thang.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as stream:
            out = csv.writer(stream)
            out.writerow(header)
            for number, row in enumerate(rows):
                if month == months[-1] and number % 997 == 0:
                    continue
                members = int(row[MEMBERS]) + month + (number % 7 == 0) * 3 * month
                out.writerow([*row[:MEMBERS], str(members), *row[MEMBERS + 1 :]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(generate.SIZES), default="10k")
    parser.add_argument("--months", type=int, default=4, help="2 to 4 (default 4)")
    parser.add_argument("--keep", type=Path, help="work in FOLDER and keep it")
    args = parser.parse_args(argv)
    months = list(range(9, 9 + max(2, min(args.months, 4))))
    data = run.ensure_data(args.size, generate.data_dir_for(args.size))
    source = generate.data_dir_for(args.size) / data["paths"]["csv"]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="danvan-rollup-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_months(source, folder, months)
        (folder / "danvan.toml").write_text(CONFIG, encoding="utf-8")
        (folder / "danvan.db").unlink(missing_ok=True)
        print(f"{args.size}: {data['totals']['rows']:,} rows a month")
        config = str(folder / "danvan.toml")  # its paths are taken from its folder
        for month in months:
            period = f"2026-{month:02d}"
            command = [sys.executable, "-m", "danvan_cli", "rollup", "-c", config, "-p", period]
            done = run.measure([*command, "-q"], env=run.danvan_env(), workdir=folder)
            if done.rc != 0:
                print(f"{period}: exit {done.rc}\n{done.stderr}")
                return 1
            kept = f"history: {month - months[0]} months"
            print(f"{period} ({kept}): {done.wall:.1f} s, peak RSS {done.maxrss_mb:,.0f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
