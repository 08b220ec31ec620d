"""Roll-ups of a declared kind (tổng hợp theo khai báo): `rollup.rollup_levels` run with
what the kind says of each figure.

Per level, top to bottom, per value of the splitting category and for all: a figure
`over_units = "sum"` is summed; one taken `once_per_lowest_unit` (households) counts once
per lowest unit and is shown on the "all" rows only; ratios are recomputed from the sums
at every level, a `paired` one over the units giving both its figures. Flows and stocks
alike are summed over units within one period (`over_time` matters across periods).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from danvan_cli.engine.rollup import Rollup, RollupSpec, rollup_levels
from danvan_cli.ingest.dataset import unsplit_figures
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.model.declaration import ReportKind


def declared_spec(kind: ReportKind) -> RollupSpec:
    """How `rollup_levels` adds up a kind's figures (its records' category column:
    `ingest.declared.CATEGORY`)."""
    category, once = kind.split_category, kind.once_per_unit
    return RollupSpec(
        tuple(c for c in kind.figure_codes if c not in once),
        once,
        {r.code: (r.numerator, r.denominator) for r in kind.ratios},
        frozenset(r.code for r in kind.ratios if r.paired),
        CATEGORY if category is not None else None,
        tuple(v.code for v in category.values) if category is not None else (),
        unsplit_figures(kind),
    )


def rollup_declared(
    records: pd.DataFrame, kind: ReportKind, levels: Sequence[str], metrics: Sequence[str]
) -> Rollup:
    """The roll-up of a kind's valid `records` for each of `levels`: tables with a column per
    level, the category's (named by its code: "all" or a value's code), each figure of
    `metrics` given, each ratio both of whose figures are."""
    rollup = rollup_levels(records, levels, metrics, declared_spec(kind))
    category = kind.split_category
    if category is not None:
        renamed = {CATEGORY: category.code}
        rollup.tables = {level: t.rename(columns=renamed) for level, t in rollup.tables.items()}
        if rollup.total_by_organization is not None:
            rollup.total_by_organization = rollup.total_by_organization.rename(columns=renamed)
    return rollup
