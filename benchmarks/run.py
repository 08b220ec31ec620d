"""Time danvan against three references on national-scale membership data.

    python benchmarks/run.py [--size 10k|60k|600k] [--repeat 3] [--with-slow]
                             [--danvan-cmd "python -m danvan_cli"] [--json results.json]

Generates the data if it is missing (benchmarks/generate.py), then runs each
command as a whole process, ``--repeat`` times (in rounds: one run of each tool of a
shape a round, so that the ratios compare runs made under the same load), and prints
one table: shape, rows, files, tool, median wall seconds, rows per second, peak RSS,
and the ratios to the decoding floor, to DuckDB and to the pandas baseline. It then
prints the start-up time of ``danvan --help`` (median of 5), and the wall and CPU seconds
of ``danvan summarize`` on one commune's report (benchmarks/commune_form.py) and on the
bundled sample (median of 5 after a warm-up run).

Timings are printed, never asserted. The exit status is 1 only if a reference
fails or reads the wrong totals (and, with ``--strict``, if danvan does): a
danvan that does not run yet shows as "failed" in its rows.

Peak RSS is measured by a tiny launcher process (a bare Python interpreter,
about 10 MB) that spawns the command and reads its own child's resource usage
with ``os.wait4``. Linux carries the parent's peak RSS over into a child's
``ru_maxrss`` on exec, so measuring straight from this (bigger) process, or
with ``RUSAGE_CHILDREN`` (a maximum over all children), would be wrong.
"""

import argparse
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
GENERATE = BENCH_DIR / "generate.py"
REFERENCES = BENCH_DIR / "references.py"
COMMUNE_FORM = BENCH_DIR / "commune_form.py"
SAMPLE = REPO / "data" / "samples" / "hau_giang_2020_membership.xlsx"  # the README's first
DEFAULT_DATA_ROOT = BENCH_DIR / ".data"
SIZES = ("10k", "60k", "600k")
SHAPES = ("xlsx", "csv", "folder")
TOOLS = ("danvan", "floor", "duckdb", "pandas")
SLOW_FILES = 1000  # pandas is skipped on folders with more files than this unless --with-slow
STARTUP_REPEAT = 5

# Spawns argv[4:] with stdout/stderr to files, waits for it with wait4 and writes
# "wall maxrss_kb returncode user sys" to argv[1]. Imports nothing beyond builtins,
# so its own peak RSS (inherited by the child on exec) stays at a bare interpreter's.
LAUNCHER = r"""
import os, sys, time
res, out, err = sys.argv[1:4]
cmd = sys.argv[4:]
fo = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
fe = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
acts = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, fo, 1), (os.POSIX_SPAWN_DUP2, fe, 2)]
t0 = time.perf_counter()
try:
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=acts)
except OSError as e:
    os.write(fe, str(e).encode())
    open(res, "w").write("0 0 127 0 0")
    sys.exit(0)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
rc = os.waitstatus_to_exitcode(status)
open(res, "w").write("%r %d %d %r %r" % (wall, ru.ru_maxrss, rc, ru.ru_utime, ru.ru_stime))
"""


@dataclass
class Run:
    wall: float
    maxrss_mb: float
    rc: int
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system seconds


@dataclass
class Result:
    shape: str
    rows: int
    files: int
    tool: str
    status: str = "ok"  # ok | failed | skipped | wrong
    walls: list[float] = field(default_factory=list)
    peak_rss_mb: float | None = None
    check: str = ""
    note: str = ""

    @property
    def seconds(self) -> float | None:
        return (
            statistics.median(self.walls) if self.walls and self.status in ("ok", "wrong") else None
        )


def measure(
    cmd: list[str], *, env: dict | None = None, timeout: float | None = None, workdir: Path
) -> Run:
    """Run cmd once as a whole process under the launcher: wall time, the child's own peak RSS."""
    res, out, err = workdir / "res.txt", workdir / "stdout.txt", workdir / "stderr.txt"
    for p in (res, out, err):
        p.unlink(missing_ok=True)
    launcher = [sys.executable, "-S", "-c", LAUNCHER, str(res), str(out), str(err), *cmd]
    proc = subprocess.Popen(launcher, env=env, start_new_session=True, stdin=subprocess.DEVNULL)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the launcher's own session: it and its child
        proc.wait()
        return Run(float(timeout or 0), 0.0, -9, "", f"timed out after {timeout} s")
    try:
        wall, rss, rc, user, system = res.read_text().split()
    except (OSError, ValueError):
        return Run(0.0, 0.0, proc.returncode or -1, "", "launcher failed")
    return Run(
        wall=float(wall),
        maxrss_mb=int(rss) / 1024,  # Linux reports KiB
        rc=int(rc),
        stdout=out.read_text(errors="replace") if out.exists() else "",
        stderr=err.read_text(errors="replace") if err.exists() else "",
        cpu=float(user) + float(system),
    )


def _summary_numbers(line: str) -> dict[str, int]:
    out = {}
    for tok in line.split():
        k, sep, v = tok.partition("=")
        if sep and v.isdigit():
            out[k] = int(v)
    return out


def check_reference(stdout: str, totals: dict) -> str:
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if not lines:
        return "no output"
    got = _summary_numbers(lines[-1])
    bad = [
        k
        for k in ("rows", "members", "households", "households_with_members")
        if k in got and got[k] != totals[k]
    ]
    return "ok" if not bad else "wrong " + ",".join(f"{k}={got[k]}" for k in bad)


def _numbers_under(obj, keys: set[str], found: dict[str, set]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool) and str(k) in keys:
                found.setdefault(str(k), set()).add(v)
            else:
                _numbers_under(v, keys, found)
    elif isinstance(obj, list):
        for v in obj:
            _numbers_under(v, keys, found)


def check_danvan(path: Path, totals: dict) -> str:
    """Look for the national totals in danvan's JSON (its schema is danvan's: a heuristic)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return f"bad json ({type(e).__name__})"
    found: dict[str, set] = {}
    _numbers_under(data, {"members", "households", "households_with_members"}, found)
    if not found:
        return "?"
    notes = []
    for k in ("members", "households", "households_with_members"):
        if k not in found:
            continue
        if totals[k] in found[k]:
            continue
        if k == "households" and totals["households_summed_per_row"] in found[k]:
            notes.append("households counted per organisation")
        else:
            notes.append(f"no {k} total {totals[k]}")
    return "ok" if not notes else "wrong: " + "; ".join(notes)


def danvan_env(base: dict | None = None) -> dict:
    env = dict(os.environ if base is None else base)
    # As installed by pip, danvan's modules are byte-compiled: let the first run write its
    # bytecode, where the shell says not to, rather than compile every module every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    src = REPO / "src"
    if (src / "danvan_cli").is_dir():  # run from the work tree even if not installed
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
    return env


def ensure_data(size: str, data_dir: Path) -> dict:
    cmd = [sys.executable, str(GENERATE), "--size", size, "--data-dir", str(data_dir)]
    subprocess.run(cmd, check=True)  # a separate process: this one stays small
    return json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))


def plan(
    manifest: dict,
    data_dir: Path,
    danvan: list[str],
    tools: list[str],
    shapes: list[str],
    with_slow: bool,
    out_dir: Path,
):
    """Yield (Result, (argv, danvan output file or None) or None) for every cell of the table."""
    t = manifest["totals"]
    files = {
        "xlsx": [data_dir / manifest["paths"]["xlsx"]],
        "csv": [data_dir / manifest["paths"]["csv"]],
        "folder": [data_dir / manifest["paths"]["folder"] / n for n in manifest["folder_files"]],
    }
    py, ref = sys.executable, str(REFERENCES)
    for shape in shapes:
        fs = [str(f) for f in files[shape]]
        for tool in tools:
            r = Result(shape, t["rows"], len(fs), tool)
            cmd = None
            if tool == "danvan":
                out = out_dir / f"danvan-{shape}.json"
                cmd = ([*danvan, "summarize", *fs, "--format", "json"], out)
            elif tool == "floor":
                cmd = ([py, ref, "floor-csv" if shape == "csv" else "floor-xlsx", *fs], None)
            elif tool == "duckdb":
                if shape != "csv":
                    continue  # DuckDB reads the CSV only; other shapes are compared with that run
                cmd = ([py, ref, "duckdb", *fs], None)
            elif tool == "pandas":
                # openpyxl needs about 1.5 minutes for 600k rows; pandas' CSV reader does not
                slow = shape != "csv" and (manifest["size"] == "600k" or len(fs) > SLOW_FILES)
                if slow and not with_slow:
                    r.status, r.note = "skipped", "takes minutes; --with-slow"
                else:
                    cmd = ([py, ref, "pandas", *fs], None)
            yield r, cmd


def run_cells(
    cells: list,
    repeat: int,
    totals: dict,
    env_danvan: dict,
    timeout: float | None,
    workdir: Path,
    log,
) -> None:
    """Run the cells of one shape in rounds, one run of each tool a round, so that the
    ratios compare runs made under the same load on this (shared, noisy) machine."""
    for i in range(repeat):
        for r, (argv, out_file) in cells:
            if r.status == "failed":
                continue
            env = env_danvan if r.tool == "danvan" else None
            run = measure(argv, env=env, timeout=timeout, workdir=workdir)
            if run.rc != 0:
                r.status = "failed"
                tail = (run.stderr.strip().splitlines() or ["(no stderr)"])[-1]
                r.note = f"exit {run.rc}: {tail[:120]}"
                log(f"  {r.shape:6} {r.tool:7} failed: {r.note}")
                continue
            r.walls.append(run.wall)
            r.peak_rss_mb = max(r.peak_rss_mb or 0.0, run.maxrss_mb)
            if i == 0:
                _check_first_run(r, run, out_file, totals)
            log(
                f"  {r.shape:6} {r.tool:7} run {i + 1}/{repeat}: {run.wall:7.3f} s "
                f"{run.maxrss_mb:8.1f} MB"
            )


def _check_first_run(r: Result, run, out_file: Path | None, totals: dict) -> None:
    """The totals read by a cell's first run, checked against the generator's."""
    if out_file is not None:
        out_file.write_text(run.stdout, encoding="utf-8")
        r.check = check_danvan(out_file, totals)
    else:
        r.check = check_reference(run.stdout, totals)
        r.note = (run.stdout.strip().splitlines() or [""])[-1]
    if r.tool != "danvan" and r.check != "ok":
        r.status = "wrong"  # a reference that reads the wrong totals: flagged with (!)


def startup(
    danvan: list[str], env: dict, workdir: Path, n: int = STARTUP_REPEAT
) -> tuple[str, list[float]]:
    walls = []
    for _ in range(n):
        run = measure([*danvan, "--help"], env=env, timeout=60, workdir=workdir)
        if run.rc != 0:
            tail = (run.stderr.strip().splitlines() or ["(no stderr)"])[-1]
            return f"failed (exit {run.rc}: {tail[:120]})", walls
        walls.append(run.wall)
    return "ok", walls


def small_files(danvan: list[str], env: dict, workdir: Path, n: int = STARTUP_REPEAT) -> list[dict]:
    """`danvan summarize FILE` on what a commune sends (benchmarks/commune_form.py, 30
    villages) and on the bundled sample: wall and CPU seconds of each of `n` runs after one
    that warms the disk cache."""
    form = workdir / "commune_form.xlsx"
    subprocess.run([sys.executable, str(COMMUNE_FORM), str(form)], check=True)
    cases = []
    for name, path in (("one commune (commune_form.py)", form), ("bundled sample", SAMPLE)):
        runs = [
            measure([*danvan, "summarize", str(path)], env=env, timeout=60, workdir=workdir)
            for _ in range(n + 1)
        ][1:]
        failed = [r for r in runs if r.rc != 0]
        cases.append(
            {
                "case": name,
                "file": path.name,
                "status": f"failed (exit {failed[0].rc})" if failed else "ok",
                "walls": [r.wall for r in runs],
                "cpus": [r.cpu for r in runs],
            }
        )
    return cases


def _fmt_ratio(x: float | None, ref: float | None) -> str:
    if x is None or not ref:
        return "—"
    return f"{x / ref:.2f}x"


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def table_rows(results: list[Result]) -> list[list[str]]:
    def ref(shape: str, tool: str) -> float | None:
        for r in results:
            if r.shape == shape and r.tool == tool:
                return r.seconds
        return None

    duck = ref("csv", "duckdb")  # DuckDB only reads the CSV: every shape is compared with it
    rows = []
    for r in results:
        s = r.seconds
        if s is None:
            secs = r.status
            rate = rss = "—"
        else:
            secs = f"{s:.3f}" + (" (!)" if r.status == "wrong" else "")
            rate = f"{r.rows / s:,.0f}"
            rss = f"{r.peak_rss_mb:,.0f}" if r.peak_rss_mb else "—"
        rows.append(
            [
                r.shape,
                f"{r.rows:,}",
                f"{r.files:,}",
                r.tool,
                secs,
                rate,
                rss,
                _fmt_ratio(s, ref(r.shape, "floor")),
                _fmt_ratio(s, duck),
                _fmt_ratio(s, ref(r.shape, "pandas")),
                _short(r.check if s is not None else r.note),
            ]
        )
    return rows


HEADERS = [
    "shape",
    "rows",
    "files",
    "tool",
    "seconds",
    "rows/s",
    "peak RSS MB",
    "vs floor",
    "vs DuckDB",
    "vs pandas",
    "check",
]


def print_table(title: str, rows: list[list[str]], plain: bool = False) -> None:
    if not plain:
        try:
            from rich.console import Console
            from rich.table import Table
        except ImportError:
            plain = True
    if plain:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
        print(title)
        print("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)))
        print("  ".join("-" * w for w in widths))
        for r in rows:
            print(
                "  ".join(
                    c.rjust(w) if 1 <= i <= 2 or 4 <= i <= 9 else c.ljust(w)
                    for i, (c, w) in enumerate(zip(r, widths, strict=True))
                )
            )
        return
    t = Table(title=title, title_justify="left")
    for i, h in enumerate(HEADERS):
        t.add_column(h, justify="right" if 1 <= i <= 2 or 4 <= i <= 9 else "left", overflow="fold")
    prev = None
    for r in rows:
        if prev is not None and r[0] != prev:
            t.add_section()
        prev = r[0]
        t.add_row(*r)
    console = Console()
    if not console.is_terminal:
        console = Console(width=150)  # not the 80 columns rich assumes for a pipe
    console.print(t)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()}", f"{os.cpu_count()} CPUs"]
    for p in ("fastexcel", "pyarrow", "duckdb", "pandas", "openpyxl"):
        try:
            parts.append(f"{p} {version(p)}")
        except PackageNotFoundError:
            parts.append(f"{p} missing")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", choices=SIZES, default="10k")
    ap.add_argument("--repeat", type=int, default=3, help="runs per cell; the median is shown")
    ap.add_argument(
        "--danvan-cmd",
        default=None,
        help='command prefix for danvan (default: "<this python> -m danvan_cli")',
    )
    ap.add_argument(
        "--with-slow",
        action="store_true",
        help="also run pandas at 600k and on the 3,321-file folder",
    )
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"subset of {','.join(TOOLS)}")
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"subset of {','.join(SHAPES)}")
    ap.add_argument("--data-dir", type=Path, help="default: benchmarks/.data/<size>/")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--plain", action="store_true", help="plain-text table instead of rich")
    ap.add_argument(
        "--strict", action="store_true", help="exit 1 if danvan fails or its totals look wrong"
    )
    ap.add_argument("--quiet", action="store_true", help="no per-run progress lines")
    args = ap.parse_args(argv)

    tools = [t for t in args.tools.split(",") if t]
    shapes = [s for s in args.shapes.split(",") if s]
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}")
    for s in shapes:
        if s not in SHAPES:
            ap.error(f"unknown shape {s!r}")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    danvan = (
        shlex.split(args.danvan_cmd) if args.danvan_cmd else [sys.executable, "-m", "danvan_cli"]
    )
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, flush=True))

    data_dir = args.data_dir or DEFAULT_DATA_ROOT / args.size
    manifest = ensure_data(args.size, data_dir)
    totals = manifest["totals"]
    env_danvan = danvan_env()

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        work = Path(tmp)
        by_shape: dict[str, list] = {}
        for r, cmd in plan(manifest, data_dir, danvan, tools, shapes, args.with_slow, work):
            results.append(r)
            if cmd is not None:
                by_shape.setdefault(r.shape, []).append((r, cmd))
        for cells in by_shape.values():
            run_cells(cells, args.repeat, totals, env_danvan, args.timeout, work, log)
        su_status, su_walls = ("skipped", [])
        small: list[dict] = []
        if "danvan" in tools:
            su_status, su_walls = startup(danvan, env_danvan, work)
            small = small_files(danvan, env_danvan, work)

    gen = manifest.get("generation_seconds", {})
    title = (
        f"danvan benchmark, size {args.size}: {totals['rows']:,} rows, "
        f"{totals['villages']:,} villages, "
        f"{totals['communes']:,} communes, {totals['provinces']} provinces "
        f"(places: {manifest['source']}); median of {args.repeat}\n{_versions()}"
    )
    print()
    print_table(title, table_rows(results), plain=args.plain)
    if su_walls and su_status == "ok":
        print(
            f"start-up: {' '.join(danvan)} --help: {statistics.median(su_walls):.3f} s "
            f"(median of {len(su_walls)})"
        )
    else:
        print(f"start-up: {' '.join(danvan)} --help: {su_status}")
    for case in small:
        figures = case["status"]
        if case["status"] == "ok":
            wall, cpu = statistics.median(case["walls"]), statistics.median(case["cpus"])
            figures = f"{wall:.3f} s wall, {cpu:.3f} s CPU (median of {len(case['walls'])})"
        print(f"small file, {case['case']}: summarize {case['file']}: {figures}")
    if gen:
        print(
            "generation (s, when last written): "
            + ", ".join(f"{k} {v:.1f}" for k, v in gen.items())
        )

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "size": args.size,
                    "repeat": args.repeat,
                    "totals": totals,
                    "startup": {"status": su_status, "walls": su_walls},
                    "small_files": small,
                    "results": [r.__dict__ | {"seconds": r.seconds} for r in results],
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )

    bad_ref = [r for r in results if r.tool != "danvan" and r.status in ("failed", "wrong")]
    bad_danvan = [
        r
        for r in results
        if r.tool == "danvan"
        and (r.status == "failed" or r.check.startswith(("wrong", "bad json")))
    ]
    if bad_ref or (args.strict and (bad_danvan or (su_status != "ok" and "danvan" in tools))):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
