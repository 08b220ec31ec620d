"""The models kind (mô hình tự quản, mô hình "Dân vận khéo") as library calls (tổng hợp mô
hình): read (`kinds.models_load`), check (`models_validate`), roll up (`models_rollup`);
run by `engine.pipeline`, shown and written by `outputs.models`' writers."""

from __future__ import annotations

from danvan_cli.engine.models_rollup import rollup_models
from danvan_cli.engine.summarize import Summary, summarize_checked
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.kinds.models_load import reported_statuses


def roll_up_models(data: Dataset, skip_invalid: bool = False) -> Summary:
    """Roll up records `pipeline.check` read and checked."""
    return summarize_checked(
        data,
        skip_invalid,
        lambda valid: rollup_models(valid, data.levels, reported_statuses(data.records)),
    )
