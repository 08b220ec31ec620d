"""One pipeline for every kind of report (tổng hợp): read and check a kind's tables, roll
them up, as library calls taking the kind as an argument.

A kind's `reading` says which stages read it: membership's and models' own readers and
checks (`engine.summarize`, `engine.models`) or, for any other kind (a template's), the
declared ones (`engine.declared`); each is loaded only when a kind it reads is run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from danvan_cli.engine.summarize import Summary
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.load import Progress
from danvan_cli.ingest.ownunit import place_under_unit
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.problems import Severity


@dataclass(frozen=True)
class Stages:
    """How a kind's tables are read (`load`: kind, files, sheet, progress), checked
    (`validate`: data, subtotal severity) and rolled up (`roll_up`: kind, data, skip invalid
    rows)."""

    load: Callable[[ReportKind, Sequence[str], str | None, Progress | None], Dataset]
    validate: Callable[[Dataset, Severity], None]
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
    stages = _stages(kind)
    data = stages.load(kind, patterns, sheet, progress)
    place_under_unit(data, unit)
    stages.validate(data, subtotal_severity)
    return data


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
    from danvan_cli.engine.summarize import load_membership, roll_up_membership
    from danvan_cli.engine.validate import validate_membership

    return Stages(
        lambda _kind, *args: load_membership(*args),
        validate_membership,
        lambda _kind, data, skip: roll_up_membership(data, skip),
    )


def _models() -> Stages:
    """Models' subtotal rows are noted, never checked: no severity to apply."""
    from danvan_cli.engine.models import roll_up_models
    from danvan_cli.engine.models_validate import validate_models
    from danvan_cli.kinds.models_load import load_models

    return Stages(
        lambda _kind, *args: load_models(*args),
        lambda data, _severity: validate_models(data),
        lambda _kind, data, skip: roll_up_models(data, skip),  # type: ignore[arg-type]
    )


def _declared() -> Stages:
    """A sheet without the kind's table is said to hold a shipped kind's as
    `kinds.detect.sheet_kind` tells."""
    from danvan_cli.engine.declared import roll_up_declared, validate_declared
    from danvan_cli.ingest.declared import load_declared
    from danvan_cli.kinds.detect import sheet_kind

    return Stages(
        functools.partial(load_declared, sheet_kind=sheet_kind),
        validate_declared,
        roll_up_declared,
    )


_READERS: dict[str, Callable[[], Stages]] = {
    "declared": _declared,
    "membership": _membership,
    "models": _models,
}
