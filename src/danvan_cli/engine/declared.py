"""The stages of the summarize and validate jobs for a declared kind (tổng hợp theo khai
báo), run by `engine.pipeline`: check what `ingest.declared` read, roll up, taking the
kind as an argument.

Checks: each figure's minimum and whole numbers (while reading), the level columns and
unit names and the splitting category's values present and known, each unit (and value)
given once, a figure taken once per lowest unit the same on all its rows (as membership's
households), the kind's rules (engine/rules.py), subtotal rows against their rows.
"""

from __future__ import annotations

import pandas as pd

from danvan_cli.engine.checks import check_level_columns, check_once_per_unit
from danvan_cli.engine.declared_rollup import rollup_declared
from danvan_cli.engine.rules import check_rules
from danvan_cli.engine.subtotals import check_subtotals, split_subtotals
from danvan_cli.engine.summarize import Summary, summarize_checked
from danvan_cli.engine.validate import check_duplicates
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.normalise import CATEGORY
from danvan_cli.model.declaration import Category, ReportKind
from danvan_cli.model.problems import Problem, Severity


def roll_up_declared(kind: ReportKind, data: Dataset, skip_invalid: bool = False) -> Summary:
    """Roll up records `pipeline.check` read and checked."""
    return summarize_checked(
        data, skip_invalid, lambda valid: rollup_declared(valid, kind, data.levels, data.metrics)
    )


def validate_declared(data: Dataset, subtotal_severity: Severity = "error") -> None:
    """Add the problems of `data.records` to `data.problems`; mark rows with errors invalid.
    Subtotal rows are first moved to `data.subtotals`, then checked against their rows."""
    split_subtotals(data)
    if data.records.empty:
        return
    lacking = check_level_columns(data)
    for level in data.levels:
        missing = data.records[level].eq("") & ~lacking
        _report(data, missing, "missing_unit_name", level, {"level": level})
    category = data.kind.split_category
    if category is not None and CATEGORY in data.records.columns:
        _check_category(data, category)
    check_duplicates(data, as_written=True)
    check_once_per_unit(data, data.once_per_unit, "once_per_unit_conflict")
    _check_rules(data, category)
    check_subtotals(data, subtotal_severity)


def _check_rules(data: Dataset, category: Category | None) -> None:
    """The kind's rules on each record, each unit's sums and the subtotal rows."""
    kind = data.kind
    figures = {f.code: f for f in kind.figures}
    columns = {category.code: CATEGORY} if category is not None else {}
    found = check_rules(
        data.records, kind.rules, data.tables, figures, data.levels, data.subtotals, columns
    )
    data.problems.extend(found.problems)
    data.records.loc[found.invalid, "_invalid"] = True


def _check_category(data: Dataset, category: Category) -> None:
    """A blank cell of the category's column (an error where it is `required`), and words
    naming none of its values (an error: the row's figures belong to no value)."""
    accepted = {"accepted": ", ".join(v.labels.vi for v in category.values)}
    written = data.records["_organization_written"]
    blank = written.isna() | written.eq("")
    severity: Severity = "error" if category.required else "warning"
    _report(data, blank, "missing_category_value", CATEGORY, accepted, severity)
    unknown = data.records[CATEGORY].isna() & ~blank
    _report(data, unknown, "unknown_category_value", CATEGORY, accepted, value=written)


def _report(
    data: Dataset,
    mask: pd.Series,
    code: str,
    name: str,
    params: dict,
    severity: Severity = "error",
    value: pd.Series | None = None,
) -> None:
    """One problem per record in `mask`, at the column of `name`; errors mark it invalid."""
    records = data.records
    for index in mask[mask].index:
        place = data.place(index)
        shown = None if value is None else value.at[index]
        data.problems.append(
            Problem(
                severity,
                code,
                place.file,
                place.sheet,
                place.row,
                data.header(index, name),
                shown,
                params,
            )
        )
    if severity == "error":
        records.loc[mask, "_invalid"] = True
