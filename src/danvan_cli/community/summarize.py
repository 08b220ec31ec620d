"""The models job as library calls (tổng hợp mô hình): tell the kind, load, check, roll up."""

from __future__ import annotations

from collections.abc import Sequence

from danvan_cli.community.load import (
    MODEL_FIELDS,
    MODEL_HEADERS,
    ModelsData,
    find_models_table,
    load_models,
)
from danvan_cli.community.rollup import rollup_models
from danvan_cli.community.validate import validate_models
from danvan_cli.headers import IGNORED, RATIO, header_field
from danvan_cli.load import Progress
from danvan_cli.read import expand_paths, open_sheets
from danvan_cli.summarize import Summary, summarize_checked
from danvan_cli.tablefind import TableLayout, find_table
from danvan_cli.vocabulary import MEMBERSHIP_METRICS


def detect_kind(patterns: Sequence[str], sheet: str | None = None) -> str:
    """ "models" or "membership": the kind of the first table found, told by its headers
    (model names, fields, programmes, statuses, counts by category mean models).

    Only the top rows of the first files are read, until a sheet holds a table; the
    header search runs only where cells name fields of the models kind."""
    paths, _ = expand_paths(patterns)
    for path in paths:
        sources, _ = open_sheets(path, sheet)
        for source in sources:
            kind = sheet_kind(source.top_rows)
            if kind is not None:
                return kind
    return "membership"


def sheet_kind(rows: Sequence[Sequence[object]]) -> str | None:
    """The kind of the table on a sheet (by its top rows), None without a table."""
    texts = {c for row in rows for c in row if isinstance(c, str) and c}
    membership = any(header_field(t) in MEMBERSHIP_METRICS for t in texts)
    if not any(header_field(t, MODEL_HEADERS) in MODEL_FIELDS for t in texts):
        return "membership" if membership else None
    models = _known(find_models_table(rows))
    if membership:
        return "models" if models > _known(find_table(rows)) else "membership"
    return "models" if models else None


def _known(layout: TableLayout | None) -> int:
    """How many columns of a table's header name a known field (0 without a table)."""
    if layout is None:
        return 0
    return sum(1 for f in layout.mapping.fields if f not in (None, IGNORED, RATIO))


def check_models(
    patterns: Sequence[str], sheet: str | None = None, progress: Progress | None = None
) -> ModelsData:
    """Read and validate without summing."""
    data = load_models(patterns, sheet, progress)
    validate_models(data)
    return data


def summarize_models(
    patterns: Sequence[str],
    sheet: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Read, validate and roll up; with errors, nothing is summed unless `skip_invalid`."""
    data = check_models(patterns, sheet, progress)
    return summarize_checked(
        data, skip_invalid, lambda valid: rollup_models(valid, data.levels, data.metrics)
    )


def is_models(kind: str, paths: Sequence[str], sheet: str | None) -> bool:
    """Whether to run the models kind: asked for, or told by the headers (`auto`)."""
    return kind == "models" or (kind == "auto" and detect_kind(paths, sheet) == "models")
