"""Which kind of report a table is (nhận loại bảng): membership or community models.

The one place the kind is decided: `--kind membership` or `--kind models` as asked,
`--kind auto` (the default) by the headers of the first table found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from danvan_cli.ingest.declared import declared_columns
from danvan_cli.ingest.headers import IGNORED, RATIO, HeaderMapping, header_field
from danvan_cli.ingest.paths import expand_paths
from danvan_cli.ingest.read import open_sheets
from danvan_cli.ingest.tablefind import body_columns, compose_headers, find_table
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.models import MODELS
from danvan_cli.kinds.models_vocabulary import MODEL_FIELDS, MODEL_FIGURES, MODEL_HEADERS
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS, MEMBERSHIP_TEXTS
from danvan_cli.model.declaration import ReportKind

# The kinds shipped with danvan, by name (`--kind`, the history's kind of a period).
SHIPPED: dict[str, ReportKind] = {kind.name: kind for kind in (MEMBERSHIP, MODELS)}

# What a load reads of the table in a sheet's top rows: header row, columns, text columns.
ColumnsOf = Callable[[Sequence[Sequence[object]]], tuple[int, list[int], set[int]] | None]


def kind_to_run(kind: str, patterns: Sequence[str], sheet: str | None = None) -> ReportKind:
    """The shipped kind a command reads its files as: the one named, or for "auto" the
    kind of the first table found (`detect_kind`)."""
    return SHIPPED[kind if kind in SHIPPED else detect_kind(patterns, sheet)]


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
    """The kind of the table on a sheet (by its top rows), None without a table.

    Where cells name fields of both kinds, the membership table's header rows (found once,
    as the load finds them) are read in the models' wording too: the kind whose wording
    names more of their columns. The models' own search runs only where none is found."""
    texts = {c for row in rows for c in row if isinstance(c, str) and c}
    membership = any(header_field(t, MEMBERSHIP_HEADERS) in MEMBERSHIP_METRICS for t in texts)
    if not any(header_field(t, MODEL_HEADERS) in MODEL_FIELDS for t in texts):
        return "membership" if membership else None
    found = find_table(rows, MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS) if membership else None
    if found is not None:
        header = rows[found.header_rows.start : found.header_row + 1]
        models = _known(compose_headers(header, MODEL_HEADERS))
        return "models" if models > _known(found.mapping) else "membership"
    if find_table(rows, MODEL_HEADERS, MODEL_FIGURES) is not None:  # it names a unit column
        return "models"
    return "membership" if membership else None


def _known(mapping: HeaderMapping) -> int:
    """How many columns of a table's header name a known field."""
    return sum(1 for f in mapping.fields if f not in (None, IGNORED, RATIO))


def membership_columns(rows: Sequence[Sequence[object]]) -> tuple[int, list[int], set[int]] | None:
    """What a load of membership reads of the table in a sheet's top rows (`body_columns`
    with its headers), for `read.start_reading` to decode ahead what the load will ask."""
    return body_columns(rows, MEMBERSHIP_HEADERS, MEMBERSHIP_METRICS, MEMBERSHIP_TEXTS)


def columns_read(kind: ReportKind | None) -> ColumnsOf | None:
    """What a load of `kind` reads of a sheet's table, for `read.start_reading` to decode
    ahead, by how its tables are read (`ReportKind.reading`): a template's kind's columns,
    membership's (also for a kind not known yet, `--kind auto`: the usual kind), none for
    models' lists, which are read otherwise."""
    if kind is None or kind.reading == "membership":
        return membership_columns
    return declared_columns(kind) if kind.reading == "declared" else None
