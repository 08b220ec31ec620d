"""`danvan rollup --config danvan.toml [--period 2026-10]`: the scheduled roll-up of one
period as its config describes it (`periods.config`).

A month is read from its submissions: the files are sorted (a unit's later file replaces
its earlier one, another period's file is left out: `periods.submissions`), the kept
ones run through the kind's summarize job, the outputs are written under the config's
name pattern (each replaced whole, atomically), who reported is told against the units
expected (`periods.completeness`), and the checked records are kept in the history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console

from danvan_cli.cli.commands import job_of, narrative_of, official_of
from danvan_cli.cli.compare import (
    comparison_view,
    naming_of,
    past_of,
    renamed_records,
    rolled_up,
    side_of,
    since_between,
)
from danvan_cli.cli.console import consoles, reading_progress, write_outputs
from danvan_cli.cli.declared import declared_job
from danvan_cli.cli.reported import print_report, reported_none, write_completeness, write_months
from danvan_cli.cli.template import problem_line
from danvan_cli.engine.rollup import Rollup, kept_order
from danvan_cli.engine.summarize import EXIT_DATA_ERRORS, EXIT_OK, EXIT_UNREADABLE, Job, Summary
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.paths import expand_paths
from danvan_cli.ingest.periods import Period
from danvan_cli.kinds.detect import SHIPPED, kind_to_run
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.messages import LEVEL_LABELS, label, os_reason, ui
from danvan_cli.model.problems import Problem, has_errors, is_unreadable, sort_problems
from danvan_cli.outputs.compared import write_comparison_file
from danvan_cli.outputs.heading import Heading, period_title
from danvan_cli.outputs.pdf import ConversionFailed, find_soffice
from danvan_cli.outputs.render import write_text_file
from danvan_cli.outputs.since import Since
from danvan_cli.outputs.terminal import print_problems, verdict
from danvan_cli.periods.calendar import PeriodCodeError, parse_period, period_before
from danvan_cli.periods.combine import (
    combine,
    months_reported,
    rollup_combined,
    unit_order,
)
from danvan_cli.periods.compare import MIN_PAST
from danvan_cli.periods.completeness import (
    Completeness,
    completeness,
    read_expected,
)
from danvan_cli.periods.config import Config, read_config
from danvan_cli.periods.history import History
from danvan_cli.periods.official import official_units
from danvan_cli.periods.renames import Renames, official_renames
from danvan_cli.periods.returning import units_expected
from danvan_cli.periods.store import sources_of
from danvan_cli.periods.submissions import PeriodFiles, sort_submissions
from danvan_cli.text.safe_text import escape_controls

EXIT_INCOMPLETE = 3  # ran, but units expected have not reported (--require-complete)


def run_rollup(
    config_path: Path,
    period_text: str | None,
    require_complete: bool,
    lang: str,
    quiet: bool,
    keep_order: bool = False,
) -> int:
    """`danvan rollup`: returns the exit code. With `keep_order`, units in the order of the
    config's expected-units list (else of the input)."""
    stdout, stderr = consoles()
    read = read_config(config_path)
    for problem in read.problems:
        stderr.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    if read.config is None:
        return EXIT_UNREADABLE
    config = read.config
    try:
        period = parse_period(period_text) if period_text else last_month(date.today())
    except PeriodCodeError as error:
        print_problems(stderr, [error.problem], lang)
        return EXIT_UNREADABLE
    if "pdf" in config.keys.outputs.formats and find_soffice() is None:
        pdf = config.output(period, ".pdf")
        _say(stderr, ConversionFailed("output_no_libreoffice").said(pdf, lang), "red")
        return EXIT_UNREADABLE
    folder = config.output(period, "").parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = os_reason(error, lang)
        _say(stderr, ui("write_failed", lang, path=folder, reason=reason), "red")
        return EXIT_UNREADABLE
    expected = _expected(config, lang, stderr) if keep_order else None
    if expected is False:
        return EXIT_UNREADABLE

    def ordered() -> AbstractContextManager:
        return kept_order(expected) if keep_order else nullcontext()

    paths, found = expand_paths([config.submissions(period)])
    if period.kind != "month" and not paths:  # no files sent for it: from its months
        with ordered():
            return _longer(config, period, lang, require_complete, quiet)
    # the period's folder (or the one above it) is there, no file in it (or only a lock file
    # Excel left): none sent yet
    nothing = {"file_not_found", "only_lock_files", "lock_file_skipped"}
    awaited = not paths and {p.code for p in found} <= nothing and config.awaited()
    if is_unreadable(found) and not awaited:
        print_problems(stderr, found, lang, quiet)
        return EXIT_UNREADABLE
    found_kind = _kind(config, [str(p) for p in paths], lang)
    if found_kind is None:
        return EXIT_UNREADABLE
    job, kind = found_kind
    if awaited:
        found = [p for p in found if p.is_note]  # a lock file passed over, said
        files, data = PeriodFiles(), Dataset(pd.DataFrame())
    else:
        with reading_progress(stderr, lang) as progress:
            data = job.check([str(p) for p in paths], None, progress, "error", config.unit)
            files = sort_submissions(data, paths, period)
            if len(files.kept) < len(paths):  # read again without the files left out
                data = job.check(files.kept, None, progress, "error", config.unit)
    if files.kept:
        with ordered():
            summary = job.roll_up(data, False)
    else:  # every file left out (each said): nothing read
        summary = Summary(Dataset(pd.DataFrame()), None, [], 0, EXIT_DATA_ERRORS)
    if not keep_order:  # read already
        expected = _expected(config, lang, stderr)
    source = "file"
    if expected is False:
        return EXIT_UNREADABLE
    crosswalk, renames = None, Renames(config.keys.renamed)
    compared_renames = renames  # who reported follows the crosswalk on its own
    if config.keys.official:
        compared_renames = official_renames(config.keys.renamed, expected)
        source, crosswalk = "official", compared_renames.crosswalk
    before = period_before(period)
    records_before = _records_of(config, kind, before)
    if expected is None:
        units = units_expected(config.history, kind.name, period, records_before, summary.data)
        expected, source = units, "history"
    received = {s.file: s.received for s in files.submissions}
    due = config.deadline(period)
    own_level = config.unit[0] if config.unit else None
    done = completeness(
        summary.data, received, expected, source, due, crosswalk, renames, own_level
    )
    problems = sort_problems([*found, *summary.problems, *files.problems, *done.problems])
    code = max(summary.exit_code, EXIT_DATA_ERRORS if has_errors(problems) else EXIT_OK)
    summary = dataclasses.replace(summary, problems=problems, exit_code=code)
    print_problems(stderr, problems, lang, quiet)
    print_report(stdout, period, files, done, lang)
    if awaited:  # nothing written or kept; exit 3 tells a script to run again later
        path = config.submissions(period)
        _say(stderr, ui("rollup_none_sent", lang, period=period.code, path=path), "yellow")
        return EXIT_INCOMPLETE
    previous = _previous(records_before, before, kind, compared_renames, lang)
    since = None
    if previous is not None and summary.rollup is not None and "txt" in config.keys.outputs.formats:
        old, new = side_of(before.code, previous), side_of(period.code, summary.rollup)
        since = since_between(old, new, before, period)
    if not _write(config, period, job, summary, files, done, lang, stderr, quiet, since):
        return EXIT_UNREADABLE
    if summary.rollup is not None:
        _keep(config, period, kind, summary, done)
        if not _compare(
            config, period, kind, lang, quiet, compared_renames, records_before, previous
        ):
            return EXIT_UNREADABLE
    stderr.print(
        verdict(problems, summary.skipped_rows, summary.rollup is not None, lang, False),
        highlight=False,
    )
    if require_complete and done.missing and code == EXIT_OK:
        _say(stderr, ui("rollup_incomplete", lang, missing=done.missing), "red")
        return EXIT_INCOMPLETE
    return code


def _longer(config: Config, period: Period, lang: str, require_complete: bool, quiet: bool) -> int:
    """A quarter, half-year, nine months or year from its months in the history
    (`periods.combine`): written as a month's outputs are; which months it is built from,
    which are missing, which units' stocks come from an earlier month and which units
    did not report every month (those expected that reported none too) said, and each
    unit's months written (`_write_months`)."""
    stdout, stderr = consoles()
    combined, earlier = None, None
    if config.history.is_file():
        with History.open(config.history) as history:
            stored = {s.kind for s in history.periods() if s.period in period.months}
            name = "models" if config.keys.kind == "auto" and stored == {"models"} else None
            found = _kind(config, [], lang, name)
            if found is None:
                return EXIT_UNREADABLE
            shipped, kind = found
            combined = combine(history, kind, period)
            if "txt" in config.keys.outputs.formats:
                earlier = _combined_before(history, kind, period)
            reported = months_reported(history, kind, combined)
    if combined is None or not combined.months:
        path = config.history
        _say(stderr, ui("rollup_no_months", lang, period=period.code, path=path), "red")
        return EXIT_DATA_ERRORS
    expected = _expected(config, lang, stderr)
    if expected is False:
        return EXIT_UNREADABLE
    absent = reported_none(config, combined, expected)
    reported = sorted([*reported, *absent], key=unit_order)
    # the declared writers take the roll-up `rollup_combined` gives; the kind's own narrative
    job = dataclasses.replace(declared_job(kind), narrate=shipped.narrate)
    rollup = rollup_combined(combined, kind)
    summary = Summary(Dataset(combined.records), rollup, [], 0, EXIT_OK)
    since = None
    if earlier is not None:
        before = period_before(period)
        since = since_between(
            side_of(before.code, earlier), side_of(period.code, rollup), before, period
        )
    months = ", ".join(m.code for m in combined.months)
    lines = [
        ui("rollup_combined", lang, period=period.code, count=len(combined.months), months=months)
    ]
    if combined.missing:
        missing = ", ".join(m.code for m in combined.missing)
        lines.append(ui("rollup_months_missing", lang, months=missing))
    carried = combined.carried()
    for row in carried.itertuples(index=False):
        unit = " / ".join(str(getattr(row, level)) for level in combined.levels)
        lines.append(ui("rollup_carried", lang, unit=unit, month=row.as_of))
    for unit in reported:
        # a lowest unit that missed a month is carried above; one that reported none is not
        if unit.missing and (unit.level != combined.levels[-1] or not unit.months):
            level = label(LEVEL_LABELS, unit.level, lang)
            unit_name, missing = " / ".join(unit.path), ", ".join(unit.missing)
            lines.append(
                ui("rollup_unit_months", lang, level=level, unit=unit_name, months=missing)
            )
    _say(stdout, escape_controls("\n".join(lines)))
    outputs = _outputs_of(config, period, job)
    official = _official(config, period, job, lang)
    printed = official_of(job, summary, summary.levels, lang, official and official[1])
    written = _writer(job, summary, lang, since, official and printed and (official[0], printed))
    if not write_outputs(stderr, outputs, True, lang, written, quiet, printed):
        return EXIT_UNREADABLE
    if not write_months(config, period, combined, reported, lang, quiet):
        return EXIT_UNREADABLE
    if require_complete and combined.missing:
        _say(stderr, ui("rollup_months_incomplete", lang, count=len(combined.missing)), "red")
    if require_complete and absent:
        _say(stderr, ui("rollup_incomplete", lang, missing=len(absent)), "red")
    return EXIT_INCOMPLETE if require_complete and (combined.missing or absent) else EXIT_OK


def _outputs_of(config: Config, period: Period, job: Job) -> list[Path]:
    """The files of a period's roll-up: one per format, and the official workbook when the
    config asks for it."""
    outputs = [config.output(period, f".{fmt}") for fmt in config.keys.outputs.formats]
    if config.keys.outputs.official and job.official is not None:
        outputs.append(config.output(period, OFFICIAL_SUFFIX))
    return outputs


OFFICIAL_SUFFIX = ".bao_cao.xlsx"


def _official(config: Config, period: Period, job: Job, lang: str) -> tuple[Path, Heading] | None:
    """Where the official workbook goes and its heading (the period in words), when the
    config asks for it."""
    if not config.keys.outputs.official or job.official is None:
        return None
    return config.output(period, OFFICIAL_SUFFIX), Heading(
        period=period_title(period, lang), paper=config.keys.outputs.paper
    )


def last_month(today: date) -> Period:
    """The month before `today`'s: the period a run early in a month is for."""
    return period_before(Period("month", today.year, today.month))


def _kind(
    config: Config, paths: list[str], lang: str, name: str | None = None
) -> tuple[Job, ReportKind] | None:
    """The job and kind of the config's template (None when it has mistakes, said), else
    of its kind (auto: `name`, else the kind of the first table of `paths`, membership
    without any)."""
    template = config.template
    if template is not None:
        from danvan_cli.cli.declared import load_kind

        kind = load_kind(template, lang)
        if kind is None:
            return None
    else:
        kind = SHIPPED[name] if name else kind_to_run(config.keys.kind, paths)
    return job_of(kind), kind


def _records_of(config: Config, kind: ReportKind, period: Period) -> pd.DataFrame | None:
    """The records the history holds for `kind` in `period` (None when it holds none):
    read once, for the units expected, the narrative and the comparison."""
    if not config.history.is_file():
        return None
    with History.open(config.history) as history:
        records = history.records(kind.name, [period], where=False)
    return None if records.empty else records


def _previous(
    records: pd.DataFrame | None, before: Period, kind: ReportKind, renames: Renames, lang: str
) -> Rollup | None:
    """The period `before` from its `records` in the history, rolled up with its units under
    the names `renames` gives them (None when the history does not hold it): the narrative
    tells the changes against it, the comparison compares with it (unless the history keeps
    units apart: `_compare` tells them apart over all the months it reads)."""
    if records is None:
        return None
    return rolled_up(renamed_records(records, kind, renames, lang, False)[0], kind)[before.code]


def _combined_before(history: History, kind: ReportKind, period: Period) -> Rollup | None:
    """The longer period before `period` built from its months in the history, to tell the
    narrative's changes against (None when the history holds none of them)."""
    earlier = combine(history, kind, period_before(period))
    return rollup_combined(earlier, kind) if earlier.months else None


def _writer(
    job: Job,
    summary: Summary,
    lang: str,
    since: Since | None,
    official: tuple[Path, Callable[[Path], None]] | None = None,
) -> Callable[[Path], None]:
    """How each output of a period is written: .txt the narrative (with the changes
    `since` the period before), the `official` workbook (its path, how it is written), the
    others by the kind's writers."""

    def write(path: Path) -> None:
        if path.suffix.lower() == ".txt":
            write_text_file(path, narrative_of(job, summary, lang, since) + "\n")
        elif official is not None and path == official[0]:
            official[1](path)
        else:
            job.write(path, summary, summary.levels, lang, False)

    return write


def _keep(
    config: Config, period: Period, kind: ReportKind, summary: Summary, done: Completeness
) -> None:
    """The period's valid records and who reported into the history, replacing what it
    held for the period and kind (one transaction)."""
    data = summary.data
    valid = data.records[~data.records["_invalid"]] if "_invalid" in data.records else data.records
    with History.open(config.history) as history:
        history.store_period(period, kind, valid, sources_of(data.tables), done=done)


def _expected(config: Config, lang: str, stderr: Console) -> Any:
    """The units the config's list names, or the official list's communes of its province
    (None without either; False when it cannot be read, said)."""
    path = config.expected
    if config.keys.official is not None:
        units, problems = official_units(config.keys.official)
        print_problems(stderr, problems, lang)
        return False if problems else units
    if path is None:
        return None
    if not path.is_file():
        problem = Problem("error", "file_not_found", file=str(path), params={"path": path})
        print_problems(stderr, [problem], lang)
        return False
    units, problems = read_expected(path)
    print_problems(stderr, problems, lang)
    return False if problems else units


def _write(
    config: Config,
    period: Period,
    job: Job,
    summary: Summary,
    files: PeriodFiles,
    done: Completeness,
    lang: str,
    stderr: Console,
    quiet: bool,
    since: Since | None = None,
) -> bool:
    """The outputs in the config's formats (the narrative with the changes `since` the
    period before), and the completeness report (JSON; CSV too when CSV is among the
    formats): each file replaced whole, said unless `quiet`."""
    outputs = _outputs_of(config, period, job)
    official = _official(config, period, job, lang)
    printed = official_of(job, summary, summary.levels, lang, official and official[1])
    write = _writer(job, summary, lang, since, official and printed and (official[0], printed))
    summed = summary.rollup is not None
    written = write_outputs(stderr, outputs, summed, lang, write, quiet, printed)
    report = {
        "period": period.code,
        **done.to_dict(),
        "replacements": [r.to_dict() for r in files.replacements],
    }
    table = pd.DataFrame(
        [u.to_dict() for level in done.levels for u in level.units],
        columns=["level", "unit", "status", "received", "closest", "formerly", "split_into"],
    )
    return written & write_completeness(config, period, report, table, lang, stderr, quiet)


def _compare(
    config: Config,
    period: Period,
    kind: ReportKind,
    lang: str,
    quiet: bool,
    renames: Renames,
    known: pd.DataFrame | None,
    previous: Rollup | None,
) -> bool:
    """The period against the one before in the history (`known`: its records, `previous`:
    them rolled up; None when the history does not hold it), as `danvan compare --config` does
    (`renames`: the config's, with the 2025 crosswalk when it names `official`):
    a line per level printed, the comparison written beside the outputs
    (`NAME.compare.json`, and `.csv` with CSV), changes beyond the config's threshold and
    values outside a unit's past months flagged. False when a file could not be written."""
    before = period_before(period)
    with History.open(config.history) as history:
        stored = sorted(s.period for s in history.periods() if s.kind == kind.name)
        if previous is None or period not in stored:
            return True
        earlier = [p for p in stored if p.kind == period.kind and p < period]
        records = history.records(kind.name, [*earlier, period], known, where=False)
        apart = bool(history.apart())
    records, notes = renamed_records(records, kind, renames, lang, apart)
    # units kept apart are told apart over all the periods read: the month before too
    rollups = {before.code: previous, **rolled_up(records, kind, () if apart else [before.code])}
    del records  # the largest of all: the roll-ups are compared
    old, new = (
        side_of(before.code, rollups[before.code]),
        side_of(period.code, rollups[period.code]),
    )
    levels = [level for level in new.levels if level in old.levels]
    past = past_of(rollups, [p.code for p in earlier])
    del rollups  # the earlier months' roll-ups are in `past`
    if len(earlier) < MIN_PAST:
        notes.append(
            ui("history_too_short", lang, periods=len(earlier), new=period.code, least=MIN_PAST)
        )
    naming = naming_of(kind, from_history=True)
    view = comparison_view(old, new, levels, config.keys.threshold, lang, naming, past, notes)
    del old, new, past  # what the view was made from: a country's is gigabytes
    stdout, stderr = consoles()
    _say(stdout, escape_controls("\n".join(view.count_lines())))
    formats = [f for f in (".json", ".csv") if f == ".json" or "csv" in config.keys.outputs.formats]
    outputs = [config.output(period, f".compare{suffix}") for suffix in formats]

    def write(path: Path) -> None:
        write_comparison_file(path, view, [], False)

    return write_outputs(stderr, outputs, True, lang, write, quiet)


def _say(console: Console, message: str, style: str | None = None) -> None:
    console.print(message, style=style, highlight=False, soft_wrap=True)
