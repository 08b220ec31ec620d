"""What each command does once its options are parsed: run the job, show and write results."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console
from rich.text import Text

from danvan_cli.cli.console import (
    consoles,
    levels_shown,
    reading_progress,
    refuses_output,
    write_outputs,
)
from danvan_cli.cli.jobs import MEMBERSHIP_JOB
from danvan_cli.engine.rollup import kept_order
from danvan_cli.engine.summarize import EXIT_DATA_ERRORS, EXIT_OK, EXIT_UNREADABLE, Job, Summary
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.headers import GROUP_TOTAL, IGNORED, PAGE, RATIO
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.kinds.detect import kind_to_run
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.messages import FIELD_LABELS, ORGANIZATION_LABELS, label, os_reason, ui
from danvan_cli.model.problems import Severity, has_errors, is_unreadable, sort_problems
from danvan_cli.outputs.feedback import files_read, write_feedback
from danvan_cli.outputs.heading import Heading
from danvan_cli.outputs.lines import csv_separator
from danvan_cli.outputs.render import write_text_file
from danvan_cli.outputs.since import Since
from danvan_cli.outputs.terminal import (
    check_verdict,
    file_verdict,
    fold_notes,
    print_problems,
    verdict,
)
from danvan_cli.text.safe_text import escape_controls, json_text


def run_summarize(
    paths: Sequence[str],
    sheet: str | None,
    levels: Sequence[str] | None,
    output_format: str,
    outputs: Sequence[Path],
    skip_invalid: bool,
    lang: str,
    kind: str = "auto",
    subtotal_severity: Severity = "error",
    csv_raw: bool = False,
    quiet: bool = False,
    template: ReportKind | None = None,
    narrative: bool = False,
    feedback: Path | None = None,
    csv_sep: str = ",",
    keep_order: bool = False,
    official: Heading | None = None,
) -> int:
    """`danvan summarize`: returns the exit code. With a `template`, its kind is read; with
    `narrative`, the roll-up is told in sentences on standard output instead of tables;
    CSV has its cells separated by `csv_sep`; with `keep_order`, units in input order;
    with `official`, .xlsx files are written as the official workbook under that heading."""
    job = _job(kind, paths, sheet, template)
    stdout, stderr = consoles()
    if refuses_output(stderr, outputs, paths, lang):
        return EXIT_UNREADABLE
    with reading_progress(stderr, lang) as progress, kept_order() if keep_order else nullcontext():
        summary = job.summarize(paths, sheet, skip_invalid, progress, subtotal_severity)
    shown = levels_shown(summary.levels, levels, summary.problems)
    print_problems(stderr, summary.problems, lang, quiet)
    if not narrative:
        with csv_separator(csv_sep):
            job.emit(stdout, summary, shown, output_format, lang, csv_raw)
    elif summary.rollup is not None:
        sys.stdout.write(narrative_of(job, summary, lang) + "\n")

    write_official = official_of(job, summary, shown, lang, official)

    def write(path: Path) -> None:
        if path.suffix.lower() == ".txt":
            write_text_file(path, narrative_of(job, summary, lang) + "\n")
            return
        if write_official is not None and path.suffix.lower() == ".xlsx":
            write_official(path)
            return
        with csv_separator(csv_sep):
            job.write(path, summary, shown, lang, csv_raw)

    if not write_outputs(stderr, outputs, summary.rollup is not None, lang, write, quiet):
        return EXIT_UNREADABLE
    if feedback is not None and not send_feedback(
        stderr, feedback, summary.data, summary.problems, lang, quiet
    ):
        return EXIT_UNREADABLE
    if summary.exit_code != EXIT_UNREADABLE:
        summed = summary.rollup is not None
        stderr.print(verdict(summary.problems, summary.skipped_rows, summed, lang), highlight=False)
    return summary.exit_code


def send_feedback(
    console: Console, folder: Path, data: Dataset, problems: list, lang: str, quiet: bool = False
) -> bool:
    """Write the feedback workbooks (`outputs.feedback`) and say how many, unless `quiet` (a
    note, as "Đã ghi ..." is); False (and why) when the folder cannot take them."""
    try:
        written = write_feedback(folder, data, problems, lang)
    except OSError as exc:
        message = ui("write_failed", lang, path=folder, reason=os_reason(exc, lang))
        console.print(message, style="red", highlight=False, soft_wrap=True)
        return False
    clean = len(files_read(data, problems)) - len(written)
    if not quiet:
        message = ui("feedback_written", lang, written=len(written), folder=folder, clean=clean)
        console.print(message, highlight=False, soft_wrap=True)
    return True


def official_of(
    job: Job, summary: Summary, shown: list[str], lang: str, heading: Heading | None
) -> Callable[[Path], None] | None:
    """How the official workbook of `summary` is written to a path, under `heading` (the
    kind's `Job.official`); None without a heading, or for a kind without one."""
    official = job.official
    if heading is None or official is None:
        return None
    return lambda path: official(path, summary, shown, lang, heading)


def narrative_of(job: Job, summary: Summary, lang: str, since: Since | None = None) -> str:
    """The roll-up of `summary` told in sentences by its kind's job (`outputs.narrative`),
    each figure's change `since` an earlier period, and the units only one of them has;
    rows left out by `--skip-invalid` said, so that no one quotes the figures as whole."""
    if job.narrate is None or summary.rollup is None:
        return ""
    text = job.narrate(summary.rollup, lang, since)
    if since is not None:
        text += since.coverage(lang)
    if summary.skipped_rows:
        text += " " + ui("narrative_skipped", lang, rows=summary.skipped_rows)
    return text


def run_validate(
    paths: Sequence[str],
    sheet: str | None,
    output_format: str,
    lang: str,
    kind: str = "auto",
    subtotal_severity: Severity = "error",
    quiet: bool = False,
    template: ReportKind | None = None,
    feedback: Path | None = None,
) -> int:
    """`danvan validate`: every problem grouped by file, how columns were read, each file's
    verdict, then the verdict of all. With a `template`, its kind's tables are read; with
    `feedback`, a workbook per file with problems is written into that folder."""
    job = _job(kind, paths, sheet, template)
    stdout, stderr = consoles()
    with reading_progress(stderr, lang) as progress:
        data = job.check(paths, sheet, progress, subtotal_severity, None)
    problems = sort_problems(data.problems)
    if output_format == "json":
        document = {"problems": [p.to_dict(lang) for p in problems]}
        sys.stdout.write(json_text(document, indent=2) + "\n")
    else:
        shown, folded = fold_notes(problems, lang, quiet)
        names = declared_names(template, lang) if template is not None else None
        _print_by_file(stdout, data.tables, shown, lang, names)
        if folded:
            stdout.print(Text("\n").join(folded), highlight=False, soft_wrap=True)
        stdout.print(check_verdict(problems, lang), highlight=False)
    if feedback is not None and not send_feedback(stderr, feedback, data, problems, lang, quiet):
        return EXIT_UNREADABLE
    if is_unreadable(problems):
        return EXIT_UNREADABLE
    return EXIT_DATA_ERRORS if has_errors(problems) else EXIT_OK


def _print_by_file(
    console: Console,
    tables: Sequence,
    problems: Sequence,
    lang: str,
    names: Mapping[str, str] | None = None,
) -> None:
    """For each file: how each table's columns were understood, then its problems (a
    file's lines printed at once: a country's folder has 3,321 files). A declared kind's
    fields and values are shown by `names` (see `declared_names`)."""
    by_file: dict[str, tuple[list, list]] = {}
    for table in tables:
        by_file.setdefault(table.file, ([], []))[0].append(table)
    for problem in problems:
        by_file.setdefault(problem.file or "", ([], []))[1].append(problem)
    for file, (file_tables, file_problems) in by_file.items():
        text = Text(escape_controls(file), style="bold")  # ESC or BEL shown, not sent
        for table in file_tables:
            sheet = f"«{escape_controls(table.sheet)}», " if table.sheet else ""
            text.append(f"\n  {sheet}{ui('header_at', lang, row=table.header_row)}")
            if table.period is not None:
                stated = ui("period_at", lang, period=table.period.text, row=table.period.row)
                text.append(f"\n    {escape_controls(stated)}")
            mapping = table.mapping
            for position, (header, name) in enumerate(
                zip(mapping.headers, mapping.fields, strict=True)
            ):
                if header:
                    group = mapping.organization_at(position)
                    understood = _field_name(name, lang, group, names)
                    how = mapping.evidence_at(position)
                    weak = f" [{ui('weak_evidence', lang)}: {ui(how, lang)}]" if how else ""
                    text.append(f"\n    {escape_controls(header)} -> {understood}{weak}")
        console.print(text, highlight=False)
        print_problems(console, file_problems, lang)
        if file:
            console.print(file_verdict(file_problems, lang), highlight=False)


def _field_name(
    name: str | None,
    lang: str,
    organization: str | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    if name is None:
        return ui("unused", lang)
    if name in (IGNORED, RATIO):
        return ui("unused_known", lang)
    if name == PAGE:
        return ui("page_repeat", lang)
    if names is not None:
        understood = names.get(name, name)
        group = names.get(f"{GROUP_PREFIX}{organization}", organization)
    else:
        understood = f"{name} ({label(FIELD_LABELS, name, lang)})"
        group = label(ORGANIZATION_LABELS, organization, lang) if organization else None
    if organization == GROUP_TOTAL:
        return f"{understood}, {ui('row_total_check', lang)}"
    if organization:
        return f"{understood}, {group}"
    return understood


GROUP_PREFIX = "group:"  # `declared_names`' keys of a category's values


def declared_names(kind: ReportKind, lang: str) -> dict[str, str]:
    """How `validate` names what a declared kind's columns were read as: "code (label)" of
    each figure, of the splitting category (its column: `ingest.declared.CATEGORY`) and
    of the levels; each value of the category (a wide table's group) by its label."""
    names = {level: f"{level} ({label(FIELD_LABELS, level, lang)})" for level in kind.levels}
    names |= {f.code: f"{f.code} ({f.labels(lang)})" for f in kind.figures}
    category = kind.split_category
    if category is not None:
        names[CATEGORY] = f"{category.code} ({category.labels(lang)})"
        names |= {f"{GROUP_PREFIX}{v.code}": v.labels(lang) for v in category.values}
    return names


def _job(kind: str, paths: Sequence[str], sheet: str | None, template: ReportKind | None) -> Job:
    """The job to run: the template's kind's, else that of the kind asked for or found."""
    return job_of(template or kind_to_run(kind, paths, sheet))


def job_of(kind: ReportKind) -> Job:
    """The job of `kind`, by how its tables are read (`ReportKind.reading`): a shipped
    kind's own, or a template's kind's (`cli.declared`)."""
    return _JOBS[kind.reading](kind)


def _models_job(_kind: ReportKind) -> Job:
    from danvan_cli.cli.models import MODELS_JOB  # its modules are loaded only for models

    return MODELS_JOB


def _declared_job(kind: ReportKind) -> Job:
    from danvan_cli.cli.declared import declared_job

    return declared_job(kind)


_JOBS: dict[str, Callable[[ReportKind], Job]] = {
    "declared": _declared_job,
    "membership": lambda _kind: MEMBERSHIP_JOB,
    "models": _models_job,
}
