"""Each kind's job (`summarize.Job`): its checks and roll-up, and its writers (`Writers`)
run the one way every kind is shown on standard output and written to `-o` files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from danvan_cli.cli.console import stdout_bytes
from danvan_cli.engine.summarize import (
    Job,
    Summary,
    check_membership,
    roll_up_membership,
    summarize_membership,
)
from danvan_cli.ingest.dataset import MembershipData
from danvan_cli.ingest.load import Progress
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.model.problems import Severity
from danvan_cli.outputs.excel import membership_document, write_xlsx
from danvan_cli.outputs.heading import Heading, completed
from danvan_cli.outputs.narrative import membership_narrative
from danvan_cli.outputs.render import write_markdown
from danvan_cli.outputs.terminal import print_rollup
from danvan_cli.outputs.writers import Writers, kind_writers, official_writer, write_file


def kind_job(
    check: Callable[[Sequence[str], str | None, Progress | None, Severity], MembershipData],
    summarize: Callable[[Sequence[str], str | None, bool, Progress | None, Severity], Summary],
    writers: Writers,
    narrate: Callable[..., str] | None = None,
    roll_up: Callable[[MembershipData, bool], Summary] | None = None,
) -> Job:
    """The job of a kind read and checked by `check`, rolled up by `summarize` (or in two
    steps: `check`, then `roll_up`), shown and written by `writers`, told in sentences by
    `narrate` (roll-up, language, since)."""

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
        check, summarize, emit, write, narrate, roll_up, official if writers.official else None
    )


MEMBERSHIP_WRITERS: Writers = kind_writers(
    MEMBERSHIP,
    print_rollup,
    write_markdown,
    write_xlsx,
    official_writer(
        lambda rollup, shown, lang, _terminal: membership_document(rollup, shown, lang)
    ),
)
MEMBERSHIP_JOB = kind_job(
    check_membership,
    summarize_membership,
    MEMBERSHIP_WRITERS,
    membership_narrative,
    roll_up_membership,
)
