"""The models kind's job (`summarize.Job`): its checks and roll-up, how it is shown and
written. `danvan_cli.cli.commands` runs it for `--kind models`, or when `--kind auto` (the
default) finds a models table first (`kinds.detect`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from danvan_cli.community.render import (
    models_csv,
    models_json,
    models_markdown,
    print_models,
    write_models_file,
)
from danvan_cli.community.summarize import check_models, summarize_models
from danvan_cli.engine.summarize import Job, Summary
from danvan_cli.ingest.load import MembershipData, Progress
from danvan_cli.model.problems import Severity
from danvan_cli.outputs.narrative import models_narrative


def _check(
    paths: Sequence[str], sheet: str | None, progress: Progress | None, _subtotals: Severity
) -> MembershipData:
    """Models' subtotal rows are noted, never checked: no severity to apply."""
    return check_models(paths, sheet, progress)


def _summarize(
    paths: Sequence[str],
    sheet: str | None,
    skip_invalid: bool,
    progress: Progress | None,
    _subtotals: Severity,
) -> Summary:
    return summarize_models(paths, sheet, skip_invalid, progress)


def _emit(
    console: Console,
    summary: Summary,
    shown: list[str],
    output_format: str,
    lang: str,
    csv_raw: bool = False,
) -> None:
    rollup, problems = summary.rollup, summary.problems
    if output_format == "json":
        sys.stdout.write(models_json(rollup, problems, summary.levels, shown, lang))
    elif rollup is not None and output_format == "csv":
        sys.stdout.write(models_csv(rollup, shown, csv_raw))
    elif rollup is not None and output_format == "md":
        sys.stdout.write(models_markdown(rollup, shown, lang, problems))
    elif rollup is not None:
        print_models(console, rollup, shown, lang)


def _write(
    path: Path, summary: Summary, shown: list[str], lang: str, csv_raw: bool = False
) -> None:
    rollup, problems = summary.rollup, summary.problems
    write_models_file(path, rollup, problems, summary.levels, shown, lang, csv_raw)


MODELS_JOB = Job(_check, _summarize, _emit, _write, models_narrative)
