"""`danvan summarize|validate --template FILE`: the template read, and the declared kind's
job (`summarize.Job`: its checks and roll-up, how it is shown and written), which
`commands.run_summarize` and `commands.run_validate` run as they run the shipped kinds'."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from rich.console import Console

from danvan_cli.cli.console import consoles, stdout_bytes
from danvan_cli.cli.template import problem_line
from danvan_cli.engine.declared import check_declared, summarize_declared
from danvan_cli.engine.summarize import Job, Summary
from danvan_cli.kinds.declaration import ReportKind
from danvan_cli.kinds.template import read_template
from danvan_cli.outputs.declared import (
    print_declared,
    write_declared_csv,
    write_declared_file,
    write_declared_json,
    write_declared_markdown,
)
from danvan_cli.outputs.narrative import declared_narrative


def load_kind(path: Path, lang: str) -> ReportKind | None:
    """The kind a template file declares, its warnings said; None when it has mistakes,
    each said with its line."""
    template = read_template(path)
    _, stderr = consoles()
    for problem in template.problems:
        stderr.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    return template.kind


def declared_job(kind: ReportKind) -> Job:
    """The job of a kind declared in a template (`summarize.Job`)."""

    def emit(
        console: Console,
        summary: Summary,
        shown: list[str],
        output_format: str,
        lang: str,
        csv_raw: bool = False,
    ) -> None:
        rollup, problems = summary.rollup, summary.problems
        if output_format == "json":
            write_declared_json(stdout_bytes(), kind, rollup, problems, summary.levels, shown, lang)
        elif rollup is not None and output_format == "csv":
            write_declared_csv(stdout_bytes(), kind, rollup, shown, raw=csv_raw)
        elif rollup is not None and output_format == "md":
            write_declared_markdown(sys.stdout, kind, rollup, shown, lang, problems)
        elif rollup is not None:
            print_declared(console, kind, rollup, shown, lang)

    def write(
        path: Path, summary: Summary, shown: list[str], lang: str, csv_raw: bool = False
    ) -> None:
        rollup, problems, levels = summary.rollup, summary.problems, summary.levels
        write_declared_file(path, kind, rollup, problems, levels, shown, lang, csv_raw)

    return Job(
        functools.partial(check_declared, kind),
        functools.partial(summarize_declared, kind),
        emit,
        write,
        functools.partial(declared_narrative, kind),
    )
