"""`danvan history list` and `danvan trend`: what the history (danvan.db) keeps, and one
figure's series over its periods, as a table and a small chart in plain characters.

The chart is drawn with ASCII only (a Windows console in an old code page shows it as
well as a Linux terminal): each unit's trend as a line of characters from low to high
(`_.-=^`), and the total per period as a bar of `#` from 0.

A sum lacking a unit that gave the figure in an earlier period is not the period's
figure, for a stock (members, branches: what there is at a moment) as for a flow (houses
built: what happened in the period): it is marked `*` (INCOMPLETE), and a line names the
units missing. Nothing is carried from another period. A unit counts from its first
report on: the periods before it (the unit did not exist yet, or was not yet counted) are
not marked.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.text import Text

from danvan_cli.cli.console import consoles
from danvan_cli.engine.summarize import EXIT_OK, EXIT_UNREADABLE
from danvan_cli.model.messages import FIELD_LABELS, LEVEL_LABELS, label, ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.terminal import print_problems, print_table
from danvan_cli.periods.history import History, StoredPeriod
from danvan_cli.periods.renames import Renames, official_renames, rename_series
from danvan_cli.text.collation import unit_sort_key
from danvan_cli.text.formatting import COUNT, DECIMAL, format_look, is_blank
from danvan_cli.text.safe_text import escape_controls

SHAPES = "_.-=^"  # a unit's values from its lowest to its highest
BAR_WIDTH = 40  # the total's longest bar, in characters
INCOMPLETE = "*"  # after a sum that lacks a unit not reporting the period


def run_history_list(db: Path, lang: str) -> int:
    """`danvan history list`: each period and kind kept, with its counts, then who
    reported in each, level by level."""
    stdout, stderr = consoles()
    opened = _open(db, stderr, lang)
    if opened is None:
        return EXIT_UNREADABLE
    with opened as history:
        stored = history.periods()
        print_problems(stderr, apart_problems(history), lang)
    if not stored:
        stdout.print(ui("history_empty", lang, path=db), highlight=False)
        return EXIT_OK
    header = [
        ui(key, lang)
        for key in (
            "history_period",
            "history_kind",
            "history_levels",
            "history_units",
            "history_records",
            "history_sources",
            "history_loaded",
        )
    ]
    rows = [_stored_row(s, lang) for s in stored]
    total = [ui("total", lang), "", "", "", _count(sum(s.records for s in stored), lang), "", ""]
    print_table(stdout, ui("history_title", lang, path=db), header, rows, total, 3)
    lines = [line for s in stored for line in _reported_lines(s, lang)]
    if lines:
        text = "\n".join([ui("history_reported_title", lang), *lines])
        stdout.print(Text(escape_controls(text)))
    return EXIT_OK


def _reported_lines(stored: StoredPeriod, lang: str) -> list[str]:
    """Who reported in a period, a line per level."""
    lines = []
    for counts in stored.reported:
        words = {
            "period": stored.period.code,
            "kind": stored.kind,
            "level": label(LEVEL_LABELS, counts.level, lang),
            "reported": _count(counts.reported, lang),
        }
        if counts.expected is None or counts.missing is None:
            lines.append(ui("history_reported_unlisted", lang, **words))
            continue
        expected, missing = _count(counts.expected, lang), _count(counts.missing, lang)
        lines.append(ui("history_reported", lang, expected=expected, missing=missing, **words))
    return lines


def _stored_row(stored: StoredPeriod, lang: str) -> list[str]:
    levels = ", ".join(label(LEVEL_LABELS, level, lang) for level in stored.levels)
    return [
        stored.period.code,
        stored.kind,
        levels,
        _count(stored.units, lang),
        _count(stored.records, lang),
        _count(stored.sources, lang),
        stored.loaded_at.replace("T", " ").removesuffix("+00:00"),
    ]


def _count(value: float, lang: str, look: str = COUNT) -> str:
    return format_look(value, look, lang)


def run_trend(
    db: Path,
    figure: str,
    level: str | None,
    kind: str | None,
    lang: str,
    config: Path | None = None,
) -> int:
    """`danvan trend`: `figure` per period and unit of `level` (None: the top level the
    history has: a district office's district), and a chart of its total;
    with a `config`, its history (unless `db` names another) and its renamed units as one
    series each."""
    stdout, stderr = consoles()
    renames = Renames({})
    if config is not None:
        found = config_renames(config, stderr, lang)
        if found is None:
            return EXIT_UNREADABLE
        renames, history_path = found
        db = history_path if db == Path("danvan.db") else db
    opened = _open(db, stderr, lang)
    if opened is None:
        return EXIT_UNREADABLE
    with opened as history:
        stored = history.periods()
        chosen = _kind_of(history, stored, figure, kind)
        if isinstance(chosen, Problem):
            print_problems(stderr, [chosen], lang)
            return EXIT_UNREADABLE
        periods = [s.period for s in stored if s.kind == chosen]
        present = history.levels(chosen, periods)
        level = level or (present[0] if present else "province")
        if level not in present:
            params = {"kind": chosen, "level": level, "levels": _level_names(present, lang)}
            print_problems(stderr, [Problem("error", "trend_level_missing", params=params)], lang)
            return EXIT_UNREADABLE
        series = history.series(chosen, figure, level)
        declared = history.declared(chosen)
        stock = declared.get(figure, {}).get("over_time") == "stock"
        lowest = series if level == present[-1] else history.series(chosen, figure, present[-1])
        print_problems(stderr, apart_problems(history), lang)
    name, look = _figure_words(figure, declared.get(figure), lang)
    codes = [p.code for p in periods]
    names = present[: present.index(level) + 1]
    series, renamed = rename_series(series, level, renames)
    missing = missing_units(rename_series(lowest, level, renames)[0], present, codes)
    _print_series(stdout, series, codes, names, (name, look), level, lang, missing)
    key = "trend_missing" if stock else "trend_missing_flow"
    for period, units in missing.items():
        paths = "; ".join(" / ".join(path) for path in units)
        count = _count(len(units), lang)
        said = ui(key, lang, mark=INCOMPLETE, period=period, count=count, units=paths)
        stdout.print(Text(escape_controls(said)))
    for rename in renamed:
        key = "trend_renamed_2025" if rename.by == "official" else "trend_renamed"
        said = ui(key, lang, old=rename.old, new=rename.new, periods=", ".join(rename.periods))
        stdout.print(Text(escape_controls(said)))
    _print_chart(stdout, series, codes, (name, look), lang, missing)
    return EXIT_OK


def missing_units(
    lowest: pd.DataFrame, levels: Sequence[str], periods: Sequence[str]
) -> dict[str, list[tuple[str, ...]]]:
    """Per period of `periods` (in time order), the lowest units (their names from the top)
    that gave the figure in an earlier period of `lowest` (a `History.series` of the lowest
    level) but not in this one, in Vietnamese order, a unit all of whose lowest units
    known by then lack it named instead of them (a commune, not its villages); periods
    lacking none are left out."""
    given = lowest.loc[lowest["value"].notna(), ["period", *levels]]
    reported: dict[str, set[tuple[str, ...]]] = {period: set() for period in periods}
    for period, *names in given.itertuples(index=False, name=None):
        reported.setdefault(period, set()).add(tuple(str(n) for n in names))
    known: set[tuple[str, ...]] = set()  # the units that reported before the period
    under: Counter[tuple[str, ...]] = Counter()  # of them, how many under each unit
    found = {}
    for period in periods:
        lacking = known - reported[period]
        missed = Counter(path[:depth] for path in lacking for depth in range(1, len(path) + 1))
        named = {
            next(path[:d] for d in range(1, len(path) + 1) if missed[path[:d]] == under[path[:d]])
            for path in lacking
        }
        if named:
            found[period] = sorted(named, key=lambda path: [unit_sort_key(n) for n in path])
        first = reported[period] - known
        known |= first
        under.update(path[:depth] for path in first for depth in range(1, len(path) + 1))
    return found


def config_renames(config: Path, stderr: Console, lang: str) -> tuple[Renames, Path] | None:
    """The config's renamed units, with the official list's names before 2025 when it has
    `official`, and its history; None when it cannot be read (said)."""
    from danvan_cli.cli.template import problem_line
    from danvan_cli.periods.config import read_config

    read = read_config(config)
    for problem in read.problems:
        stderr.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    if read.config is None:
        return None
    keys = read.config.keys
    if keys.official is None:
        return Renames(keys.renamed), read.config.history
    from danvan_cli.periods.official import official_units

    units, problems = official_units(keys.official)
    if problems:
        print_problems(stderr, problems, lang)
        return None
    return official_renames(keys.renamed, units), read.config.history


def apart_problems(history: History) -> list[Problem]:
    """A warning per group of units the history keeps apart though they are one unit."""
    return [
        Problem(
            "warning",
            "history_units_apart",
            params={
                "units": "; ".join(" / ".join(names) for names in apart.names),
                "periods": ", ".join(f"{period} ({kind})" for kind, period in apart.periods),
            },
        )
        for apart in history.apart()
    ]


def _open(db: Path, stderr: Console, lang: str) -> History | None:
    """The history at `db`, or None (said as a problem) when missing or not one."""
    if not db.is_file():
        problem = Problem("error", "history_not_found", params={"path": str(db)})
        print_problems(stderr, [problem], lang)
        return None
    try:
        return History.read(db)
    except (sqlite3.DatabaseError, ValueError) as error:
        params = {"path": str(db), "reason": str(error)}
        print_problems(stderr, [Problem("error", "history_not_readable", params=params)], lang)
        return None


def _kind_of(
    history: History, stored: Sequence[StoredPeriod], figure: str, kind: str | None
) -> str | Problem:
    """The kind whose records give `figure` (the one asked for, or the only one)."""
    kinds = sorted({s.kind for s in stored if kind in (None, s.kind)})
    given = {k: history.figures(k, [s.period for s in stored if s.kind == k]) for k in kinds}
    having = [k for k in kinds if figure in given[k]]
    if len(having) == 1:
        return having[0]
    if having:
        params = {"kinds": ", ".join(having)}
        return Problem("error", "trend_kind_ambiguous", value=figure, params=params)
    figures = ", ".join(sorted({f for codes in given.values() for f in codes})) or "–"
    return Problem("error", "trend_figure_unknown", value=figure, params={"figures": figures})


def _figure_words(figure: str, declared: dict[str, str] | None, lang: str) -> tuple[str, str]:
    """The figure's label and how its values look (tỷ đồng with decimals)."""
    if declared is None:
        return (label(FIELD_LABELS, figure, lang) if figure in FIELD_LABELS else figure), COUNT
    return declared["en" if lang == "en" else "vi"], DECIMAL if declared[
        "unit"
    ] == "ty_dong" else COUNT


def _level_names(levels: Sequence[str], lang: str) -> str:
    return ", ".join(label(LEVEL_LABELS, level, lang) for level in levels) or "–"


def _print_series(
    console: Console,
    series: pd.DataFrame,
    periods: list[str],
    levels: list[str],
    figure: tuple[str, str],
    level: str,
    lang: str,
    missing: dict[str, list[tuple[str, ...]]],
) -> None:
    """One row per unit, in Vietnamese order: its names, its value in each period (marked
    where a unit under it is `missing`), its shape."""
    name, look = figure
    grouped = series.groupby([*levels, "period"], sort=False)["value"].sum(min_count=1)
    wide = grouped.unstack("period").reindex(columns=periods)  # the units there are, only
    order = sorted(wide.index, key=lambda n: [unit_sort_key(x) for x in _as_tuple(n)])
    wide = wide.reindex(order)
    header = [label(FIELD_LABELS, lv, lang) for lv in levels] + periods + [ui("trend_shape", lang)]
    rows = []
    for names, values in wide.iterrows():
        path = _as_tuple(names)
        cells = [
            _marked(v, lang, look, [u for u in missing.get(p, []) if u[: len(path)] == path])
            for p, v in zip(periods, values, strict=True)
        ]
        rows.append([*_as_tuple(names), *cells, shape(values.tolist())])
    totals = series.groupby("period")["value"].sum(min_count=1).reindex(periods)
    total = ["", *([""] * (len(levels) - 1))]
    total[0] = ui("total", lang)
    total += [_marked(v, lang, look, missing.get(p, [])) for p, v in totals.items()]
    total += [shape(totals.tolist())]
    title = ui("trend_title", lang, figure=name, level=label(LEVEL_LABELS, level, lang))
    print_table(console, title, header, rows, total, len(levels))


def _marked(value: float, lang: str, look: str, lacking: Sequence[object]) -> str:
    """`value` as written, `INCOMPLETE` after it when units are `lacking` from it."""
    mark = INCOMPLETE if lacking and not is_blank(value) else ""
    return _count(value, lang, look) + mark


def _as_tuple(names: object) -> tuple[str, ...]:
    return tuple(str(n) for n in names) if isinstance(names, tuple) else (str(names),)


def shape(values: Sequence[float]) -> str:
    """A series as characters from its lowest value to its highest (`SHAPES`); a value
    not given is a space, a flat series its middle character."""
    given = [v for v in values if not is_blank(v)]
    if not given:
        return " " * len(values)
    low, high = min(given), max(given)
    steps = len(SHAPES) - 1
    marks = []
    for value in values:
        if is_blank(value):
            marks.append(" ")
        elif high == low:
            marks.append(SHAPES[steps // 2])
        else:
            marks.append(SHAPES[round((value - low) / (high - low) * steps)])
    return "".join(marks)


def _print_chart(
    console: Console,
    series: pd.DataFrame,
    periods: list[str],
    figure: tuple[str, str],
    lang: str,
    missing: dict[str, list[tuple[str, ...]]],
) -> None:
    """The total of each period as a bar of `#` from 0, the longest `BAR_WIDTH` long."""
    name, look = figure
    totals = series.groupby("period")["value"].sum(min_count=1).reindex(periods)
    largest = max((abs(v) for v in totals if not is_blank(v)), default=0)
    console.print(Text(ui("trend_chart", lang, figure=name)))
    width = max(len(code) for code in periods) if periods else 0
    for code, value in totals.items():
        if is_blank(value):
            bar = ""
        else:
            bar = "#" * (round(abs(value) / largest * BAR_WIDTH) if largest else 0)
        written = _marked(value, lang, look, missing.get(code, []))
        line = f"{code:<{width}}  {bar:<{BAR_WIDTH}}  {written}"
        console.print(Text(line.rstrip()))
