"""Membership's stages of the summarize job (tổng hợp): load, roll up (run with
`engine.validate`'s checks by `engine.pipeline`); `Summary`, what a roll-up produced, and
`Job`, what the commands run for one kind of report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from danvan_cli.engine.rollup import Rollup, rollup_levels
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.load import Progress, load_tables
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.membership_load import find_membership_table, shape_membership
from danvan_cli.kinds.membership_readback import read_own_output
from danvan_cli.model.problems import Problem, Severity, has_errors, is_unreadable, sort_problems

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNREADABLE = 0, 1, 2


@dataclass
class Summary:
    """What `summarize` produced: the roll-up (None when nothing was summed) and the problems."""

    data: Dataset
    rollup: Rollup | None
    problems: list[Problem]
    skipped_rows: int
    exit_code: int

    @property
    def levels(self) -> list[str]:
        return self.data.levels


def load_membership(
    patterns: Sequence[str], sheet: str | None = None, progress: Progress | None = None
) -> Dataset:
    """Read every membership table of every file (danvan's own outputs among them, read
    back whole) into one `Dataset`."""
    data = Dataset(pd.DataFrame(), kind=MEMBERSHIP)
    return load_tables(
        data, patterns, sheet, find_membership_table, progress, shape_membership, read_own_output
    )


def roll_up_membership(data: Dataset, skip_invalid: bool = False) -> Summary:
    """Roll up records `pipeline.check` read and checked."""
    return summarize_checked(
        data, skip_invalid, lambda valid: rollup_levels(valid, data.levels, data.metrics)
    )


def summarize_checked(
    data: Dataset, skip_invalid: bool, roll_up: Callable[[pd.DataFrame], Rollup]
) -> Summary:
    """Roll up checked `data` with `roll_up(valid records)`; with errors, nothing is summed
    unless `skip_invalid`. A row that gave several records is skipped (and listed) once."""
    problems = list(data.problems)
    if is_unreadable(problems, skip_invalid and not data.records.empty):
        return Summary(data, None, sort_problems(problems), 0, EXIT_UNREADABLE)
    errors = has_errors(problems)
    if data.records.empty or (errors and not skip_invalid):
        return Summary(
            data, None, sort_problems(problems), 0, EXIT_DATA_ERRORS if errors else EXIT_OK
        )
    invalid = data.records["_invalid"]
    skipped = data.records.loc[invalid, ["_table", "_row"]].drop_duplicates()
    for index in skipped.index:
        place = data.place(index)
        problems.append(Problem("warning", "row_skipped", place.file, place.sheet, place.row))
    rollup = roll_up(data.records[~invalid])
    exit_code = EXIT_DATA_ERRORS if errors else EXIT_OK
    return Summary(data, rollup, sort_problems(problems), len(skipped), exit_code)


@dataclass(frozen=True)
class Job:
    """What `danvan summarize` and `danvan validate` run for one kind of report: read and
    check (`check`, the office's own unit or None last), and roll up (`summarize`), each
    with (files, sheet, progress, subtotal severity); show a summary on standard output
    (`emit`: console, summary, levels shown, format, language, CSV as is), write it to an
    `-o` file (`write`) and tell it in a language's sentences (`narrate`: roll-up,
    language, and an earlier period's `outputs.since.Since` or None, for the changes),
    and write the official workbook (`official`: path, summary, levels shown, language,
    `outputs.heading.Heading`)."""

    check: Callable[
        [Sequence[str], str | None, Progress | None, Severity, tuple[str, str] | None], Dataset
    ]
    summarize: Callable[[Sequence[str], str | None, bool, Progress | None, Severity], Summary]
    # roll up what `check` read and checked (data, skip invalid rows): `summarize` in two steps
    roll_up: Callable[[Dataset, bool], Summary]
    emit: Callable[[Console, Summary, list[str], str, str, bool], None]
    write: Callable[[Path, Summary, list[str], str, bool], None]
    narrate: Callable[..., str] | None = None  # the roll-up told in sentences
    official: Callable[..., None] | None = None  # the official workbook
