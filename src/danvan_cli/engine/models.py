"""The models kind (mô hình tự quản, mô hình "Dân vận khéo") as library calls (tổng hợp mô
hình): read (`kinds.models_load`), check (`models_validate`), roll up (`models_rollup`);
run by `engine.pipeline`, shown and written by `outputs.models`' writers."""

from __future__ import annotations

from collections.abc import Sequence

from danvan_cli.engine.models_rollup import rollup_models
from danvan_cli.engine.models_validate import validate_models
from danvan_cli.engine.summarize import Summary, summarize_checked
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.load import Progress
from danvan_cli.ingest.ownunit import place_under_unit
from danvan_cli.kinds.models_load import load_models, reported_statuses


def check_models(
    patterns: Sequence[str],
    sheet: str | None = None,
    progress: Progress | None = None,
    unit: tuple[str, str] | None = None,
) -> Dataset:
    """Read and validate without summing, the office's own `unit` placed first
    (`ingest.ownunit`)."""
    data = load_models(patterns, sheet, progress)
    place_under_unit(data, unit)
    validate_models(data)
    return data


def roll_up_models(data: Dataset, skip_invalid: bool = False) -> Summary:
    """Roll up records `check_models` read and checked."""
    return summarize_checked(
        data,
        skip_invalid,
        lambda valid: rollup_models(valid, data.levels, reported_statuses(data.records)),
    )
