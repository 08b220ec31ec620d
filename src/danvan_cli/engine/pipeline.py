"""One pipeline for every kind of report (tổng hợp): read and check a kind's tables, roll
them up, as library calls taking the kind as an argument.

A kind's `reading` says which stages read it: membership's and models' own readers
(`engine.summarize`, `engine.models`) or, for any other kind (a template's), the
declared reader (`engine.declared`); each is loaded only when a kind it reads is run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from danvan_cli.engine.summarize import Summary
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.load import Progress
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.problems import Severity


@dataclass(frozen=True)
class Stages:
    """How a kind's tables are read and checked (`check`: kind, files, sheet, progress,
    subtotal severity, the office's own unit or None) and what was checked rolled up
    (`roll_up`: kind, data, skip invalid rows)."""

    check: Callable[
        [ReportKind, Sequence[str], str | None, Progress | None, Severity, tuple[str, str] | None],
        Dataset,
    ]
    roll_up: Callable[[ReportKind, Dataset, bool], Summary]


def check(
    kind: ReportKind,
    patterns: Sequence[str],
    sheet: str | None = None,
    progress: Progress | None = None,
    subtotal_severity: Severity = "error",
    unit: tuple[str, str] | None = None,
) -> Dataset:
    """Read and validate a kind's tables without summing; a wrong subtotal is a
    `subtotal_severity`. The office's own `unit` (level, name), if given, is placed above
    the tables naming none at its level before they are checked: files naming it and files
    not naming it are added together (`ingest.ownunit`)."""
    return _stages(kind).check(kind, patterns, sheet, progress, subtotal_severity, unit)


def roll_up(kind: ReportKind, data: Dataset, skip_invalid: bool = False) -> Summary:
    """Roll up records `check` read and checked; with errors, nothing is summed unless
    `skip_invalid`."""
    return _stages(kind).roll_up(kind, data, skip_invalid)


def summarize(
    kind: ReportKind,
    patterns: Sequence[str],
    sheet: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    subtotal_severity: Severity = "error",
) -> Summary:
    """Read, validate and roll up; with errors, nothing is summed unless `skip_invalid`."""
    data = check(kind, patterns, sheet, progress, subtotal_severity)
    return roll_up(kind, data, skip_invalid)


def _stages(kind: ReportKind) -> Stages:
    """The stages that read `kind`, by its `reading`."""
    return _READERS[kind.reading]()


def _membership() -> Stages:
    from danvan_cli.engine.summarize import check_membership, roll_up_membership

    return Stages(
        lambda _kind, *args: check_membership(*args),
        lambda _kind, data, skip: roll_up_membership(data, skip),
    )


def _models() -> Stages:
    """Models' subtotal rows are noted, never checked: no severity to apply."""
    from danvan_cli.engine.models import check_models, roll_up_models

    return Stages(
        lambda _kind, paths, sheet, progress, _severity, unit: check_models(
            paths, sheet, progress, unit
        ),
        lambda _kind, data, skip: roll_up_models(data, skip),  # type: ignore[arg-type]
    )


def _declared() -> Stages:
    from danvan_cli.engine.declared import check_declared, roll_up_declared

    return Stages(check_declared, roll_up_declared)  # type: ignore[arg-type]


_READERS: dict[str, Callable[[], Stages]] = {
    "declared": _declared,
    "membership": _membership,
    "models": _models,
}
