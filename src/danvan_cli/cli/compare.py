"""`danvan compare OLD NEW`: two roll-ups of one kind side by side, from two files (input
workbooks, or danvan's own outputs read back) or two periods of the history."""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from danvan_cli.cli.console import (
    consoles,
    levels_shown,
    reading_progress,
    refuses_output,
    stdout_bytes,
    write_outputs,
)
from danvan_cli.engine.declared_rollup import rollup_declared
from danvan_cli.engine.models_rollup import registered_by
from danvan_cli.engine.rollup import Rollup
from danvan_cli.engine.summarize import EXIT_DATA_ERRORS, EXIT_OK, EXIT_UNREADABLE
from danvan_cli.ingest.periods import Period, usual_period
from danvan_cli.kinds.detect import SHIPPED, kind_to_run
from danvan_cli.model.declaration import ALL, ReportKind
from danvan_cli.model.messages import ORGANIZATION_LABELS, label, ui
from danvan_cli.model.problems import Problem, sort_problems
from danvan_cli.outputs.compared import (
    ComparisonView,
    print_comparison,
    write_comparison_csv,
    write_comparison_file,
    write_comparison_json,
    write_comparison_markdown,
)
from danvan_cli.outputs.since import Since
from danvan_cli.outputs.terminal import print_problems
from danvan_cli.periods.compare import (
    MIN_PAST,
    Z_THRESHOLD,
    compare_level,
    mark_lower_missing,
    units_apart,
)
from danvan_cli.periods.renames import Renames, rename_records


@dataclass
class Side:
    """One side of a comparison as a roll-up's level tables: per level its rows, the
    columns naming a row (the unit's names down to the level, and the category), and the
    figures (and ratios) it gives."""

    name: str  # as the user gave it: a file or a period
    levels: list[str]
    tables: dict[str, pd.DataFrame]
    names: dict[str, list[str]]
    metrics: list[str]
    total: dict[str, object]  # the grand total's figures


@dataclass(frozen=True)
class Request:
    """What `danvan compare` was asked: levels, format, outputs, threshold, language;
    `narrative`: the new side told in sentences with its changes, instead of the table."""

    levels: Sequence[str] | None
    output_format: str
    outputs: Sequence[Path]
    threshold: float
    lang: str
    quiet: bool = False
    csv_raw: bool = False
    narrative: bool = False


def run_compare_files(
    old: str,
    new: str,
    request: Request,
    kind: str = "auto",
    sheet: str | None = None,
    template: ReportKind | None = None,
) -> int:
    """`danvan compare OLD NEW` of two files: each summarised as `summarize` does (danvan's
    own outputs read back), then compared. Returns the exit code."""
    _, stderr = consoles()
    if refuses_output(stderr, request.outputs, [old, new], request.lang):
        return EXIT_UNREADABLE
    job, declared = _job(kind, [old, new], sheet, template)
    with reading_progress(stderr, request.lang) as progress:
        summaries = [job.summarize([path], sheet, False, progress, "error") for path in (old, new)]
    problems = sort_problems([p for s in summaries for p in s.problems])
    print_problems(stderr, problems, request.lang, request.quiet)
    for path, summary in zip((old, new), summaries, strict=True):
        if summary.rollup is None:
            message = ui("compare_not_summed", request.lang, path=path)
            stderr.print(message, style="red", highlight=False, soft_wrap=True)
    if any(s.rollup is None for s in summaries):
        codes = [s.exit_code for s in summaries]
        return EXIT_UNREADABLE if EXIT_UNREADABLE in codes else EXIT_DATA_ERRORS
    sides = [side_of(path, s.rollup) for path, s in zip((old, new), summaries, strict=True)]
    told = None
    if request.narrative:
        from danvan_cli.cli.commands import narrative_of

        before, now = (_stated_period(s.data.tables) for s in summaries)
        since = since_between(*sides, before, now)
        told = narrative_of(job, summaries[1], request.lang, since)
    naming = naming_of(declared)
    return show_comparison(sides[0], sides[1], request, naming, problems, told=told)


def _stated_period(tables: Sequence) -> Period | None:
    """The period most of the tables' titles state, or None."""
    found = usual_period([t.period for t in tables])
    return found[0] if found else None


def side_of(name: str, rollup: Rollup) -> Side:
    """A roll-up as a `Side`: its tables, or, for a kind counting per code (models), its
    tables of units with their counts (the total's too)."""
    levels = list(rollup.levels)
    tables = rollup.by_unit or rollup.tables
    metrics = [*rollup.metrics, *rollup.counted]
    total = dict(rollup.total)
    for category in rollup.by_category:
        total |= registered_by(rollup, category)
    names = {}
    for depth, level in enumerate(levels):
        columns = tables[level].columns
        category = [c for c in columns if c not in levels and c not in metrics][:1]
        names[level] = [*levels[: depth + 1], *([] if rollup.by_unit else category)]
    metrics = [m for m in metrics if any(m in t.columns for t in tables.values())]
    return Side(name, levels, dict(tables), names, metrics, total)


def since_between(old: Side, new: Side, before: Period | None, now: Period | None) -> Since:
    """`old`'s total to tell `new`'s changes against, with the units one side has and the
    other not (`units_apart`), named below the top levels both sides have as one same unit
    (a district office's district)."""
    common = [level for level in new.levels if level in old.levels]  # one names a district
    lacking, added, whole = units_apart(old.tables, new.tables, common)
    named = (tuple(path[whole:] for path in paths) for paths in (lacking, added))
    apart_from = common[whole] if whole < len(common) else None
    return Since(old.total, before, now, *named, apart_from)


@dataclass(frozen=True)
class Naming:
    """How a kind's comparison is named: the kind's name, each figure's label and look,
    its category column and that column's values' labels, the figures the terminal leaves
    out (as summarize's tables do: the branch ratings, the kinds of model)."""

    kind: str
    labels: dict[str, str]
    looks: dict[str, str]
    category: str | None
    values: dict[str, str]
    hidden: frozenset[str] = frozenset()


Namer = Callable[[Sequence[str], str], Naming]


def naming_of(kind: ReportKind, from_history: bool = False) -> Namer:
    """A function of (metrics, language) giving the `Naming` of `kind`, as it declares it.

    A kind counting a figure per code of its categories (`Outputs.counted`: models, whose
    rows are split by all their categories at once) is compared unit by unit, with those
    counts as figures named by the codes' labels: no category column. Any other, and such a
    kind's periods `from_history` (which keeps its figures per unit only, rolled up as any
    kind's), is compared per unit and value of the category its rows are split by."""
    from danvan_cli.outputs.declared import look

    counted = kind.outputs.counted
    per_code = [v for t in kind.outputs.totals for v in kind.category(t.category).values]
    counts = {v.code: counted for v in per_code}  # a code's count: of the counted figure
    category = None if counted and not from_history else kind.split_category

    def naming(metrics: Sequence[str], lang: str) -> Naming:
        labels = {f.code: f.labels(lang) for f in kind.figures}
        labels |= {r.code: r.labels(lang) for r in kind.ratios}
        labels |= {v.code: v.labels(lang) for v in per_code}
        values = {ALL: label(ORGANIZATION_LABELS, ALL, lang)}
        if category is not None:
            labels[category.code] = category.labels(lang)
            values |= {v.code: v.labels(lang) for v in category.values}
        looks = {m: look(kind, counts.get(m) or m) for m in metrics}
        hidden = frozenset(kind.outputs.terminal_hidden)
        return Naming(kind.name, labels, looks, category and category.code, values, hidden)

    return naming


def _job(kind: str, paths: Sequence[str], sheet: str | None, template: ReportKind | None):
    """The job that reads the files, and the kind it reads."""
    from danvan_cli.cli.commands import job_of

    found = template or kind_to_run(kind, paths, sheet)
    return job_of(found), found


def show_comparison(
    old: Side,
    new: Side,
    request: Request,
    naming: Namer,
    problems: list[Problem],
    past: dict[str, pd.DataFrame] | None = None,
    notes: Sequence[str] = (),
    told: str | None = None,
) -> int:
    """Compare the levels both sides have (those asked for), show and write the result;
    `past`: per level, the units' roll-up rows of earlier periods (history flags); `told`:
    the narrative, shown instead of the table."""
    stdout, stderr = consoles()
    lang = request.lang
    common = [level for level in new.levels if level in old.levels]
    if not common:
        message = ui(
            "compare_no_common_level",
            lang,
            old=old.name,
            new=new.name,
            old_levels=", ".join(old.levels),
            new_levels=", ".join(new.levels),
        )
        stderr.print(message, style="red", highlight=False, soft_wrap=True)
        return EXIT_DATA_ERRORS
    said = len(problems)
    shown = levels_shown(common, request.levels, problems)
    print_problems(stderr, problems[said:], lang, request.quiet)
    view = comparison_view(old, new, shown, request.threshold, lang, naming, past, notes)
    if told is not None:
        sys.stdout.write(told + "\n")
    else:
        _emit(stdout, view, problems, request)
    if request.output_format != "table":
        for line in view.count_lines():
            stderr.print(line, highlight=False, soft_wrap=True)

    def write(path: Path) -> None:
        write_comparison_file(path, view, problems, request.csv_raw)

    if not write_outputs(stderr, request.outputs, True, lang, write, request.quiet):
        return EXIT_UNREADABLE
    return EXIT_OK


def comparison_view(
    old: Side,
    new: Side,
    levels: Sequence[str],
    threshold: float,
    lang: str,
    naming: Namer,
    past: dict[str, pd.DataFrame] | None = None,
    notes: Sequence[str] = (),
) -> ComparisonView:
    """`old` and `new` compared at `levels` (both sides have them) and for the totals,
    changes beyond `threshold` percent flagged; `past` as for `show_comparison`."""
    metrics = list(dict.fromkeys([*new.metrics, *old.metrics]))
    compared = {}
    for level in levels:  # named by the levels both sides name (one may name its district)
        names = [name for name in new.names[level] if name in old.names[level]]
        compared[level] = compare_level(
            old.tables[level],
            new.tables[level],
            names,
            metrics,
            threshold,
            past.get(level) if past else None,
        )
    total = compare_level(
        pd.DataFrame([old.total]), pd.DataFrame([new.total]), [], metrics, threshold
    )
    common = [level for level in new.levels if level in old.levels]
    lacking, added, _ = units_apart(old.tables, new.tables, common)
    for part in [*compared.values(), total]:
        mark_lower_missing(part, lacking, added)
    named = naming(metrics, lang)
    return ComparisonView(
        named.kind,
        old.name,
        new.name,
        compared,
        named.labels,
        named.looks,
        named.category,
        named.values,
        threshold,
        Z_THRESHOLD,
        lang,
        list(notes),
        total,
        named.hidden,
    )


def _emit(console, view: ComparisonView, problems: list[Problem], request: Request) -> None:
    if request.output_format == "json":
        write_comparison_json(stdout_bytes(), view, problems)
    elif request.output_format == "csv":
        write_comparison_csv(stdout_bytes(), view, raw=request.csv_raw)
    elif request.output_format == "md":
        write_comparison_markdown(sys.stdout, view, problems)
    else:
        print_comparison(console, view)


def run_compare_periods(
    old: str,
    new: str,
    db: Path | None,
    request: Request,
    kind: str = "auto",
    template: ReportKind | None = None,
    config: Path | None = None,
) -> int:
    """`danvan compare OLD NEW --db PATH`: two periods of the history, each rolled up as
    its kind declares; the earlier periods of the same length (months before a month)
    give each unit's past, for the range and robust z flags. With a `config`, its history
    (unless `db` names one) and its renamed units, each compared as one unit. Units the
    history keeps apart that would print alike are told apart (`names.told_apart`)."""
    import sqlite3

    from danvan_cli.cli.history import apart_problems, config_renames
    from danvan_cli.periods.calendar import PeriodCodeError, parse_period
    from danvan_cli.periods.history import History

    _, stderr = consoles()
    lang = request.lang
    renames = Renames({})
    if config is not None:
        found = config_renames(config, stderr, lang)
        if found is None:
            return EXIT_UNREADABLE
        renames, db = found[0], db or found[1]
    assert db is not None  # the command asks for --db or --config
    try:
        periods = [parse_period(code) for code in (old, new)]
    except PeriodCodeError as error:
        problem = error.problem
        if Path(str(problem.value)).exists():  # files named, as compare without --db takes
            problem = Problem("error", "period_is_a_path", value=problem.value)
        print_problems(stderr, [problem], lang)
        return EXIT_UNREADABLE
    if not db.is_file():
        problem = Problem("error", "history_not_found", params={"path": str(db)})
        print_problems(stderr, [problem], lang)
        return EXIT_UNREADABLE
    if refuses_output(stderr, request.outputs, [str(db)], lang):
        return EXIT_UNREADABLE
    try:
        with History.read(db) as history:
            stored = history.periods()
            declared = template or _stored_kind(kind, stored, periods[1])
            if declared is None:
                kinds = ", ".join(sorted({s.kind for s in stored}))
                return _refused(stderr, ui("history_which_kind", lang, kinds=kinds or "–"))
            mine = sorted(s.period for s in stored if s.kind == declared.name)
            missing = [p for p in periods if p not in mine]
            if missing:
                codes = ", ".join(p.code for p in mine) or "–"
                message = ui(
                    "history_period_missing",
                    lang,
                    period=missing[0].code,
                    kind=declared.name,
                    periods=codes,
                )
                return _refused(stderr, message)
            earlier = [p for p in mine if p.kind == periods[1].kind and p < periods[1]]
            records = history.records(declared.name, sorted({*earlier, *periods}), where=False)
            apart = apart_problems(history)
            print_problems(stderr, apart, lang, request.quiet)
    except (sqlite3.DatabaseError, ValueError) as error:
        params = {"path": str(db), "reason": str(error)}
        print_problems(stderr, [Problem("error", "history_not_readable", params=params)], lang)
        return EXIT_UNREADABLE
    records, notes = renamed_records(records, declared, renames, lang, bool(apart))
    rollups = rolled_up(records, declared)
    sides = [side_of(p.code, rollups[p.code]) for p in periods]
    past = past_of(rollups, [p.code for p in earlier])
    if len(earlier) < MIN_PAST:
        notes.append(ui("history_too_short", lang, periods=len(earlier), new=new, least=MIN_PAST))
    naming = naming_of(declared, from_history=True)
    told = None
    if request.narrative:
        from danvan_cli.cli.commands import job_of

        narrate = job_of(declared)
        since = since_between(*sides, *periods)
        told = narrate.narrate(rollups[periods[1].code], lang, since) + since.coverage(lang)
    return show_comparison(*sides, request, naming, [], past, notes, told)


def _refused(stderr, message: str) -> int:
    stderr.print(message, style="red", highlight=False, soft_wrap=True)
    return EXIT_UNREADABLE


def _stored_kind(kind: str, stored: Sequence, period) -> ReportKind | None:
    """The shipped kind asked for, or with "auto" the one kind the history keeps for
    `period` (for any period, when it keeps none for that one); None when it keeps
    several, or one of a template."""
    if kind in SHIPPED:
        return SHIPPED[kind]
    found = {s.kind for s in stored if s.period == period} or {s.kind for s in stored}
    return SHIPPED.get(found.pop()) if len(found) == 1 else None


def renamed_records(
    records: pd.DataFrame, kind: ReportKind, renames: Renames, lang: str, apart: bool
) -> tuple[pd.DataFrame, list[str]]:
    """The history's `records` with each unit `renames` renames under its new name, and a
    note per rename; when the history keeps units `apart` (`History.apart`), those that
    would print alike told apart (`names.told_apart`: each on its own row of a roll-up,
    "Thành phố Huế (TP. Huế)" beside "Thành phố Huế")."""
    from danvan_cli.periods.names import told_apart

    levels = [level for level in kind.levels if level in records.columns]
    records, made = rename_records(records, levels, renames)
    notes = []
    for rename in made:
        key = "compare_renamed_2025" if rename.by == "official" else "compare_renamed"
        periods = ", ".join(rename.periods)
        notes.append(ui(key, lang, old=rename.old, new=rename.new, periods=periods))
    if not apart:  # nothing would print alike: the names as they are
        return records, notes
    told = told_apart(records, levels, records)
    return records.assign(**{level: told[level] for level in levels}), notes


def rolled_up(
    records: pd.DataFrame, kind: ReportKind, leave_out: Collection[str] = ()
) -> dict[str, Rollup]:
    """Each period's records rolled up as `kind` declares, by period code, but those of the
    periods `leave_out` names (skipped here: taking them out of a country's records first
    would copy the rest)."""
    levels = [level for level in kind.levels if level in records.columns]
    rollups = {}
    periods = records["period"]
    for period in periods.unique():
        if period in leave_out:
            continue
        at = np.flatnonzero((periods == period).to_numpy())
        together = at[-1] - at[0] + 1 == len(at)  # as History.records gives them: not copied
        rows = records.iloc[at[0] : at[-1] + 1] if together else records.iloc[at]
        figures = [f for f in kind.figure_codes if f in rows.columns and rows[f].notna().any()]
        rollups[period] = rollup_declared(rows.reset_index(drop=True), kind, levels, figures)
    return rollups


def past_of(rollups: dict[str, Rollup], periods: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Per level, the roll-up rows of `periods` one under another, with their `period`."""
    tables: dict[str, list[pd.DataFrame]] = {}
    for period in periods:
        for level, table in rollups[period].tables.items():
            tables.setdefault(level, []).append(table.assign(period=period))
    return {level: pd.concat(found, ignore_index=True) for level, found in tables.items()}
