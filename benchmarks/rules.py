"""Time a template kind's rules on whole columns: 50 figures, 30 rules, 600k records.

    python benchmarks/rules.py [--rows 600000] [--repeat 3] [--keep DIR]

Writes the kind as a TOML template and reads it with kinds/template.py (a kind an office
could write: six organisations, 46 figures given per organisation, 4 once per village),
and its data as a CSV a province could send (one row per village and organisation, a
"Cộng" row closing each commune, two figures each given by half of the communes only,
0.1% of rows with a figure broken). Times `danvan validate --template` on it as a whole
process and danvan's validation in this one (engine.pipeline.check: reading,
checking, the 30 rules, the subtotal rows), then the rules alone on the records read
(engine.rules.check_rules, the median of `--repeat`): each operator, each missing-value
strategy, row, unit and subtotal scopes.
Prints the figures; never asserts a timing.
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

from danvan_cli.engine import pipeline
from danvan_cli.engine.rules import check_rules
from danvan_cli.kinds.template import load_template

FIGURES = 50
ORGANIZATIONS = {
    "nong_dan": "Hội Nông dân",
    "phu_nu": "Hội LHPN",
    "thanh_nien": "Đoàn Thanh niên",
    "cuu_chien_binh": "Hội Cựu chiến binh",
    "nguoi_cao_tuoi": "Hội Người cao tuổi",
    "chu_thap_do": "Hội Chữ thập đỏ",
}
VILLAGES_PER_COMMUNE = 30
COMMUNES_PER_PROVINCE = 98
SEED = 20261206

# 30 rules (left, op, right, missing, scope): f<i> grows with i on every record, f40 is
# f01 + f02, f41 and f42 are never given together, f43..f46 are tỷ đồng, f47..f50 are
# taken once per village.
RULES = [
    ("f01", "<=", "f02", "skip_if_any", "row"),
    ("f03 + f04", "<=", "f09", "skip_if_any", "row"),
    ("f05", "<=", "f06", "skip_if_all", "row"),
    ("f07 + f08 + f09", "<=", "f30", "never", "row"),
    ("f10", "<=", "f11", "skip_if_any", "row"),
    ("f12", "<=", "f13 + f14", "skip_if_all", "row"),
    ("f15", "<=", "f16", "never", "row"),
    ("f17", "<=", "f18", "skip_if_any", "row"),
    ("f19 - f18", ">=", "0", "skip_if_any", "row"),
    ("f20", ">=", "f19", "skip_if_all", "row"),
    ("f40", "==", "f01 + f02", "skip_if_any", "row"),
    ("f40 - f01", "==", "f02", "never", "row"),
    ("f21", "<", "f39 + 1", "skip_if_any", "row"),
    ("f22", "<", "f38 + 1", "skip_if_all", "row"),
    ("f39", ">", "f23 - 1", "skip_if_any", "row"),
    ("f37", ">", "f24 - 1", "never", "row"),
    ("f25", "!=", "f25 + 1", "skip_if_any", "row"),
    ("f26 + 1", "!=", "f26", "never", "row"),
    ("f43", "compulsory_pair", "f44", "skip_if_any", "row"),
    ("f45", "compulsory_pair", "f46", "skip_if_any", "row"),
    ("f27", "compulsory_pair", "f28", "skip_if_any", "row"),
    ("f41", "exclusive_pair", "f42", "skip_if_any", "row"),
    ("f42", "exclusive_pair", "f41", "never", "row"),
    ("f32", "needs", "f33", "skip_if_any", "row"),
    ("f34", "needs", "f35 + f36", "never", "row"),
    ("f32", "<=", "f47", "skip_if_any", "unit"),
    ("f33 + f34", "<=", "f48 + f49", "skip_if_all", "unit"),
    ("f36", "<=", "f50", "never", "unit"),
    ("f01", "<=", "f02", "skip_if_any", "subtotal"),
    ("f40", "==", "f01 + f02", "skip_if_any", "subtotal"),
]


def template_text() -> str:
    """The kind as an office would write it in TOML."""
    lines = [
        'name = "bao_cao_50_chi_tieu"',
        'version = "1"',
        'vi = "Báo cáo 50 chỉ tiêu"',
        'en = "A form of 50 figures"',
        'levels = ["province", "commune", "village"]',
        "",
        "[[categories]]",
        'code = "doan_the"',
        'vi = "Đoàn thể"',
        'headers = ["Đoàn thể"]',
        "required = true",
    ]
    for code, name in ORGANIZATIONS.items():
        lines += ["", "  [[categories.values]]", f'  code = "{code}"', f'  vi = "{name}"']
        lines.append(f'  headers = ["{name}"]')
    for number in range(1, FIGURES + 1):
        code = f"f{number:02d}"
        lines += ["", "[[figures]]", f'code = "{code}"', f'vi = "Chỉ tiêu {number}"']
        lines += [f'en = "Figure {number}"', f'headers = ["Chỉ tiêu số {number}"]']
        lines.append('over_time = "stock"' if number % 2 else 'over_time = "flow"')
        if 43 <= number <= 46:
            lines.append('unit = "ty_dong"')
        if number >= 47:
            lines.append('over_units = "once_per_lowest_unit"')
        else:
            lines.append('split_by = ["doan_the"]')
    for number, (left, op, right, missing, scope) in enumerate(RULES, start=1):
        lines += ["", "[[rules]]", f'code = "quy_tac_{number:02d}"', f'left = "{left}"']
        lines += [f'op = "{op}"', f'right = "{right}"', f'missing = "{missing}"']
        lines += [f'scope = "{scope}"', f'vi = "Quy tắc {number}"', f'en = "Rule {number}"']
        if number % 5 == 0:
            lines.append('importance = "medium"')
    return "\n".join(lines) + "\n"


def build(rows: int, seed: int = SEED) -> pd.DataFrame:
    """The sheet's rows: one per village and organisation, a "Cộng" row after each commune."""
    rng = np.random.default_rng(seed)
    count = len(ORGANIZATIONS)
    village = np.arange(rows) // count
    commune = village // VILLAGES_PER_COMMUNE
    base = rng.uniform(50, 500, rows)
    figures = {f"f{n:02d}": np.floor(base * n / FIGURES) for n in range(1, FIGURES + 1)}
    figures["f40"] = figures["f01"] + figures["f02"]
    # f41 given by even communes only, f42 by odd ones (a blank column is not given there)
    figures["f41"] = np.where(commune % 2 == 0, figures["f41"], np.nan)
    figures["f42"] = np.where(commune % 2 == 1, figures["f42"], np.nan)
    for code in ("f43", "f44", "f45", "f46"):
        figures[code] = np.round(base / 1000, 2)  # "0,43": "0,433" would read as 433
    for code in ("f47", "f48", "f49", "f50"):
        figures[code] = np.floor(2000 + base[village * count] * 10)  # the village's, each row
    for position in np.flatnonzero(rng.random(rows) < 0.001):
        code = f"f{rng.integers(1, FIGURES + 1):02d}"
        figures[code][position] += 1000
    for values in figures.values():  # about 1% of cells left blank: a 0 not written
        values[(rng.random(rows) < 0.01) & (values == 0)] = np.nan
    cells = pd.DataFrame(figures)
    cells.insert(0, "Tỉnh", [f"Tỉnh {c // COMMUNES_PER_PROVINCE + 1}" for c in commune])
    cells.insert(1, "Xã", [f"Xã {c + 1}" for c in commune])
    cells.insert(2, "Thôn", [f"Thôn {v % VILLAGES_PER_COMMUNE + 1}" for v in village])
    cells.insert(3, "Đoàn thể", np.array(list(ORGANIZATIONS.values()))[np.arange(rows) % count])
    totals = cells.groupby(commune, sort=False)[list(figures)].sum(min_count=1).round(2)
    once = ["f47", "f48", "f49", "f50"]
    totals[once] = (
        cells[once]
        .groupby(village)
        .first()
        .groupby(np.arange(village[-1] + 1) // VILLAGES_PER_COMMUNE)
        .sum()
        .to_numpy()
    )
    totals.insert(0, "Tỉnh", "")
    totals.insert(1, "Xã", "")
    totals.insert(2, "Thôn", "Cộng")
    totals.insert(3, "Đoàn thể", "")
    order = np.concatenate([commune * 2, np.arange(len(totals)) * 2 + 1])
    sheet = pd.concat([cells, totals.reset_index(drop=True)], ignore_index=True)
    sheet = sheet.iloc[np.argsort(order, kind="stable")]
    counts = [c for c in figures if c not in ("f43", "f44", "f45", "f46")]
    sheet[counts] = sheet[counts].astype("Int64")  # written 12, not 12,0
    return sheet.rename(columns={f"f{n:02d}": f"Chỉ tiêu số {n}" for n in range(1, 51)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the template and CSV here, and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        template = folder / "bao_cao_50.toml"
        template.write_text(template_text(), encoding="utf-8")
        kind = load_template(template)
        started = time.perf_counter()
        data_file = folder / f"bao_cao_50_{args.rows}.csv"
        build(args.rows).to_csv(data_file, index=False, encoding="utf-8-sig", decimal=",")
        built = time.perf_counter() - started
        command = [sys.executable, "-m", "danvan_cli", "validate", "--template", str(template)]
        started = time.perf_counter()
        done = subprocess.run([*command, str(data_file), "-f", "json"], stdout=subprocess.DEVNULL)
        process = time.perf_counter() - started
        started = time.perf_counter()
        data = pipeline.check(kind, [str(data_file)])
        whole = time.perf_counter() - started
    figures = {f.code: f for f in kind.figures}
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = check_rules(
            data.records, kind.rules, data.tables, figures, data.levels, data.subtotals,
            {"doan_the": "organization"},
        )  # fmt: skip
        timings.append(time.perf_counter() - started)
    codes = {r.code for r in kind.rules}
    broken = [p for p in data.problems if p.code in codes]
    others = len(data.problems) - len(broken)
    print(f"{len(kind.figures)} figures, {len(kind.rules)} rules (template {template.name})")
    print(
        f"{len(data.records):,} records, {len(data.subtotals):,} subtotal rows "
        f"(CSV written in {built:.1f} s)"
    )
    print(
        f"  danvan validate --template -f json, the whole process: {process:.1f} s "
        f"(exit {done.returncode})"
    )
    print(
        f"  whole validation (read, check, rules, subtotals): {whole:.1f} s; "
        f"{len(broken):,} rules broken, {others:,} other problems"
    )
    print(
        f"  the 30 rules alone, median of {args.repeat}: {statistics.median(timings):.2f} s "
        f"({len(found.problems):,} problems, {int(found.invalid.sum()):,} records invalid)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
