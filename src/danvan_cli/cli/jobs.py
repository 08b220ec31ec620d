"""Each kind's job (`summarize.Job`): its checks and roll-up, and its writers (`Writers`)
run the one way every kind is shown on standard output and written to `-o` files."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from danvan_cli.cli.console import stdout_bytes
from danvan_cli.engine import pipeline
from danvan_cli.engine.summarize import Job, Summary
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.model.declaration import ReportKind
from danvan_cli.outputs.heading import Heading, completed
from danvan_cli.outputs.membership import MEMBERSHIP_WRITERS
from danvan_cli.outputs.narrative import membership_narrative
from danvan_cli.outputs.writers import Writers, write_file


def kind_job(kind: ReportKind, writers: Writers, narrate: Callable[..., str] | None = None) -> Job:
    """The job of `kind`: read, checked and rolled up by the one pipeline
    (`engine.pipeline`), shown and written by `writers`, told in sentences by `narrate`
    (roll-up, language, since)."""

    def emit(
        console: Console,
        summary: Summary,
        shown: list[str],
        output_format: str,
        lang: str,
        csv_raw: bool = False,
    ) -> None:
        rollup, problems = summary.rollup, summary.problems
        if output_format == "json":  # nothing summed: JSON still says why
            writers.json(stdout_bytes(), rollup, problems, summary.levels, shown, lang)
        elif rollup is not None and output_format == "csv":
            writers.csv(stdout_bytes(), rollup, shown, False, csv_raw)
        elif rollup is not None and output_format == "md":
            writers.markdown(sys.stdout, rollup, shown, lang, problems)
        elif rollup is not None:
            writers.table(console, rollup, shown, lang)

    def write(
        path: Path, summary: Summary, shown: list[str], lang: str, csv_raw: bool = False
    ) -> None:
        rollup, problems, levels = summary.rollup, summary.problems, summary.levels
        write_file(writers, path, rollup, problems, levels, shown, lang, csv_raw)

    def official(path: Path, summary: Summary, shown: list[str], lang: str, given: Heading):
        """The official workbook, its heading completed from the files read."""
        data = summary.data
        heading = completed(
            given, data.tables, data.records, data.levels, summary.skipped_rows, lang
        )
        writers.official(path, summary.rollup, summary.problems, shown, lang, heading)

    return Job(
        functools.partial(pipeline.check, kind),
        functools.partial(pipeline.summarize, kind),
        functools.partial(pipeline.roll_up, kind),
        emit,
        write,
        narrate,
        official if writers.official else None,
    )


MEMBERSHIP_JOB = kind_job(MEMBERSHIP, MEMBERSHIP_WRITERS, membership_narrative)
