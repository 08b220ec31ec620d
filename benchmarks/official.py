"""Time writing the official workbook (`summarize --official`) of a national roll-up.

    python benchmarks/official.py [--size 600k] [--level commune] [--repeat 3] [--keep DIR]
                                  [--process] [--text]

`generate.py`'s data (600k: 596,268 rows, 34 provinces, 3,321 communes, 99,378 villages)
rolled up by danvan (province, commune, village), then its official workbook written with
the sheets of the province level and `--level` (commune: 3,321 commune rows grouped under
34 province rows, each organisation's branches and members beside the totals; village:
99,378 rows more), the problems sheet and the chart; beside it, the data workbook of the
same levels (`-o x.xlsx`). The median of `--repeat` runs of each, wall-clock and processor
time; with `--process`, also the whole `danvan summarize x.csv --official -o bao_cao.xlsx`
(reading the month's CSV). With `--text`, also the text outputs of every level (province,
commune, village) from the same roll-up: the Markdown (`-o x.md`) and the terminal's tables
(drawn to a discarded console 240 columns wide, as when the output is redirected). Prints
the figures, never asserts a timing. The goal: a country at commune level within 30 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare
import generate
from rich.console import Console

from danvan_cli.outputs.heading import Heading
from danvan_cli.outputs.membership import MEMBERSHIP_WRITERS, membership_report
from danvan_cli.outputs.official import write_official_xlsx
from danvan_cli.outputs.writers import write_file


def timed(work, repeat: int) -> tuple[float, float]:
    """The median wall-clock and processor seconds of `repeat` runs (the machine may be
    shared: the processor time is this process's own)."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def time_text(rollup, folder: Path, repeat: int) -> None:
    """Print the Markdown's and the terminal tables' times, every level shown."""
    levels = rollup.levels
    markdown = folder / "tong_hop.md"
    wall, cpu = timed(
        lambda: write_file(MEMBERSHIP_WRITERS, markdown, rollup, [], levels, levels, "vi"), repeat
    )
    size = markdown.stat().st_size / 1e6
    print(
        f"  Markdown (-o x.md, every level), median of {repeat}: "
        f"{wall:.2f} s ({cpu:.2f} s of processor), {size:.1f} MB"
    )

    def draw() -> None:
        with open(os.devnull, "w", encoding="utf-8") as discarded:
            console = Console(file=discarded, width=240, markup=False, emoji=False)
            MEMBERSHIP_WRITERS.table(console, rollup, levels, "vi")

    wall, cpu = timed(draw, repeat)
    print(
        f"  terminal tables (every level, to a discarded console), median of {repeat}: "
        f"{wall:.2f} s ({cpu:.2f} s of processor)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="600k", choices=list(generate.SIZES))
    parser.add_argument("--level", default="commune", choices=["commune", "village"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the workbooks into this folder")
    parser.add_argument("--process", action="store_true", help="also the whole command")
    parser.add_argument("--text", action="store_true", help="also Markdown and the terminal")
    args = parser.parse_args(argv)
    rows = compare.months(args.size)[0]
    started = time.perf_counter()
    rollup = compare.rolled_up(rows)
    rolled = time.perf_counter() - started
    shown = ["province", args.level]
    counts = ", ".join(f"{level} {len(rollup.tables[level]):,} rows" for level in shown)
    print(f"{len(rows):,} rows ({args.size}) rolled up in {rolled:.1f} s; tables: {counts}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        official, data = folder / "bao_cao.xlsx", folder / "tong_hop.xlsx"
        heading = Heading("ỦY BAN MTTQ VIỆT NAM\nBAN THƯỜNG TRỰC", None, "Tháng 10 năm 2026")

        def write_official() -> None:
            document = membership_report(rollup, rollup.levels, "vi")
            write_official_xlsx(official, document, rollup.levels, shown, [], "vi", heading)

        wall, cpu = timed(write_official, args.repeat)
        size = official.stat().st_size / 1e6
        print(
            f"  official workbook (province and {args.level} sheets, chart), median of "
            f"{args.repeat}: {wall:.2f} s ({cpu:.2f} s of processor), {size:.1f} MB"
        )
        wall, cpu = timed(
            lambda: MEMBERSHIP_WRITERS.xlsx(data, rollup, [], shown, "vi"), args.repeat
        )
        size = data.stat().st_size / 1e6
        print(
            f"  data workbook (-o x.xlsx, the same levels), median of {args.repeat}: "
            f"{wall:.2f} s ({cpu:.2f} s of processor), {size:.1f} MB"
        )
        if args.text:
            time_text(rollup, folder, args.repeat)
        if args.process:
            source = folder / "thang_10.csv"
            compare.write_month(source, rows)
            command = [sys.executable, "-m", "danvan_cli", "summarize", str(source), "-q"]
            command += ["--level", "province", "--level", args.level]
            command += ["--official", "-o", str(official), "-f", "json"]
            whole, code = compare.whole_process(command)
            print(
                f"  danvan summarize x.csv --level province --level {args.level} --official "
                f"-o bao_cao.xlsx, the whole process (reading the CSV): {whole:.1f} s "
                f"(exit {code})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
