"""The models kind's job (`summarize.Job`). `danvan_cli.cli.commands` runs it for `--kind
models`, or when `--kind auto` (the default) finds a models table first (`kinds.detect`)."""

from __future__ import annotations

from collections.abc import Sequence

from danvan_cli.cli.jobs import kind_job
from danvan_cli.engine.models import check_models, roll_up_models, summarize_models
from danvan_cli.engine.summarize import Summary
from danvan_cli.ingest.dataset import MembershipData
from danvan_cli.ingest.load import Progress
from danvan_cli.model.problems import Severity
from danvan_cli.outputs.models import MODELS_WRITERS
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


MODELS_JOB = kind_job(_check, _summarize, MODELS_WRITERS, models_narrative, roll_up_models)
