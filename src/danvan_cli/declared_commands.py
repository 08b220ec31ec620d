"""`danvan summarize|validate --template FILE`: the template read, a declared kind's job
run, its roll-up shown and written (validating is `commands.run_validate` with the kind's
check)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from pathlib import Path

from danvan_cli.console import (
    consoles,
    levels_shown,
    reading_progress,
    refuses_output,
    stdout_bytes,
    write_outputs,
)
from danvan_cli.engine.declared import summarize_declared
from danvan_cli.kinds.declaration import ReportKind
from danvan_cli.kinds.template import read_template
from danvan_cli.outputs.declared import (
    print_declared,
    write_declared_csv,
    write_declared_file,
    write_declared_json,
    write_declared_markdown,
)
from danvan_cli.summarize import EXIT_UNREADABLE
from danvan_cli.template_cli import problem_line
from danvan_cli.terminal import print_problems, verdict


def load_kind(path: Path, lang: str) -> ReportKind | None:
    """The kind a template file declares, its warnings said; None when it has mistakes,
    each said with its line."""
    template = read_template(path)
    _, stderr = consoles()
    for problem in template.problems:
        stderr.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    return template.kind


def run_summarize_declared(
    kind: ReportKind,
    paths: Sequence[str],
    sheet: str | None,
    levels: Sequence[str] | None,
    output_format: str,
    outputs: Sequence[Path],
    skip_invalid: bool,
    lang: str,
    subtotal_severity: str = "error",
    csv_raw: bool = False,
    quiet: bool = False,
) -> int:
    """`danvan summarize --template FILE` once the template is read: the exit code."""
    stdout, stderr = consoles()
    if refuses_output(stderr, outputs, paths, lang):
        return EXIT_UNREADABLE
    with reading_progress(stderr, lang) as progress:
        summary = summarize_declared(kind, paths, sheet, skip_invalid, progress, subtotal_severity)
    shown = levels_shown(summary.levels, levels, summary.problems)
    rollup, problems = summary.rollup, summary.problems
    print_problems(stderr, problems, lang, quiet)
    if output_format == "json":
        write_declared_json(stdout_bytes(), kind, rollup, problems, summary.levels, shown, lang)
    elif rollup is not None and output_format == "csv":
        write_declared_csv(stdout_bytes(), kind, rollup, shown, raw=csv_raw)
    elif rollup is not None and output_format == "md":
        write_declared_markdown(sys.stdout, kind, rollup, shown, lang, problems)
    elif rollup is not None:
        print_declared(stdout, kind, rollup, shown, lang)
    write = functools.partial(
        write_declared_file,
        kind=kind,
        rollup=rollup,
        problems=problems,
        levels_present=summary.levels,
        shown=shown,
        lang=lang,
        csv_raw=csv_raw,
    )
    if not write_outputs(stderr, outputs, rollup is not None, lang, write):
        return EXIT_UNREADABLE
    if summary.exit_code != EXIT_UNREADABLE:
        stderr.print(
            verdict(problems, summary.skipped_rows, rollup is not None, lang), highlight=False
        )
    return summary.exit_code
