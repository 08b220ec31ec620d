"""Checking community-model records (kiểm tra mô hình): each rule on whole columns.

- unit names present; a list's model names present;
- a field, level, programme, kind or status that is not recognised, or a blank field
  (or a blank level of a "Dân vận khéo" model) where the column is given, is an error
  that lists the accepted words;
- statuses in order: a model commended (biểu dương) must be recognised (công nhận),
  and recognised models must be registered (đăng ký): on each model of a list, and on
  the sums of each unit and category;
- the same model twice (same unit, same name after normalising, same year), or the
  same unit and category twice in a count table: an error naming both rows;
- a count table's total column equal to the sum of its category columns.

The rules between statuses are declared in kinds/models.py. A wide table gives
several records per row: a row's problems are reported once and the whole row is
marked invalid.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from danvan_cli.engine.checks import check_names, other_place, plain, report, unit_path
from danvan_cli.engine.rules import evaluate
from danvan_cli.ingest.dataset import Dataset
from danvan_cli.kinds.models import RULES
from danvan_cli.kinds.models_load import status_column
from danvan_cli.kinds.models_vocabulary import ACCEPTED_WORDS, CATEGORIES, STATUSES
from danvan_cli.model.declaration import Rule
from danvan_cli.model.problems import Problem

_ROW = ["_table", "_row"]


def validate_models(data: Dataset) -> None:
    """Add the problems of `data.records` to `data.problems`; mark rows with errors invalid."""
    records = data.records
    if records.empty:
        return
    checked_from = len(data.problems)
    check_names(data)
    _check_model_names(data)
    _check_codes(data)
    broken = _check_model_status_order(data)
    _check_status_sums(data, broken)
    _check_duplicates(data)
    _check_row_totals(data)
    records["_invalid"] = records.groupby(_ROW, sort=False)["_invalid"].transform("any")
    data.problems[checked_from:] = _once(data.problems[checked_from:])


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once (the records of one wide row share their row's problems)."""
    seen: dict[tuple, Problem] = {}
    for problem in problems:
        key = (problem.code, problem.file, problem.sheet, problem.row, problem.column)
        seen.setdefault((*key, repr(problem.value), repr(sorted(problem.params.items()))), problem)
    return list(seen.values())


def _is_list(data: Dataset) -> pd.Series:
    return data.records["_layout"].eq("list")


def _check_model_names(data: Dataset) -> None:
    records = data.records
    if "_name" not in records:
        return
    missing = _is_list(data) & records["_name"].eq("")
    report(data, missing, "missing_model_name", lambda i: (data.header(i, "model_name"), None, {}))


def _check_codes(data: Dataset) -> None:
    """Words not understood in the category, status and mark columns."""
    records = data.records
    for category in (*CATEGORIES[:-1], "status"):
        written = f"_written_{category}"
        if written not in records:
            continue
        code = "_status" if category == "status" else category
        blank = records[written].eq("")
        accepted = {"accepted": ACCEPTED_WORDS[category]}
        column_of = _written_place(data, category, accepted)
        unknown = records[written].notna() & ~blank & records[code].isna()
        report(data, unknown, "unknown_model_value", column_of)
        missing = blank & records[code].isna()
        if category == "recognition_level":  # self-managed models are not recognised by level
            missing &= records["program"].ne("tu_quan")
        if category in ("field", "recognition_level"):
            report(data, missing, "missing_model_value", column_of)
    for status in STATUSES:
        if f"_unknown_{status}" in records:
            unknown = records[f"_unknown_{status}"].eq(True)
            accepted = {"accepted": ACCEPTED_WORDS["mark"]}
            report(data, unknown, "unknown_model_value", _written_place(data, status, accepted))


def _written_place(data: Dataset, name: str, params: dict) -> Callable[[int], tuple]:
    def place(index: int) -> tuple[str, object, dict]:
        value = data.records.at[index, f"_written_{name}"]
        return data.header(index, name), value or None, params

    return place


def _check_model_status_order(data: Dataset) -> pd.Series:
    """Each model of a list: commended only if recognised, recognised only if registered."""
    records = data.records
    broken_any = pd.Series(False, index=records.index)
    listed = _is_list(data)
    for rule in [r for r in RULES if r.scope == "row"]:
        broken = listed & _violated(rule, records)
        status, limit = rule.codes

        def place(index: int, status: str = status, limit: str = limit) -> tuple:
            params = {
                "model": records.at[index, "_name"],
                "unit": unit_path(data, index),
                "status": status,
                "limit_status": limit,
            }
            written = records.get(f"_written_{status}")
            value = written.at[index] if written is not None else None
            return status_column(data, index, status), value or None, params

        report(data, broken, rule.problem, place)
        broken_any |= broken
    return broken_any


def _violated(rule: Rule, table: pd.DataFrame) -> pd.Series:
    """Where `rule` is broken (never where one of its figures is not given)."""
    verdict = evaluate(rule, table)
    return pd.Series(False if verdict is None else verdict.broken, index=table.index, dtype=bool)


def _check_status_sums(data: Dataset, broken_rows: pd.Series) -> None:
    """The same rules on the sums of each unit and category (count tables give statuses on
    separate rows or columns); a group holding a model already reported is passed over."""
    records = data.records
    keys = [records[f"_unit_{data.levels[-1]}"], *[records[c] for c in CATEGORIES]]
    groups = records.groupby(keys, sort=False, dropna=False)
    group_of = groups.ngroup()
    sums = groups[list(STATUSES)].sum(min_count=1).reset_index(drop=True)
    reported = broken_rows.groupby(group_of).any()
    for rule in [r for r in RULES if r.scope == "unit"]:
        status, limit = rule.codes
        bad_groups = _violated(rule, sums) & ~reported.reindex(sums.index, fill_value=False)
        if not bad_groups.any():
            continue
        members = group_of.isin(bad_groups[bad_groups].index)
        giving = members & records[status].fillna(0).gt(0)
        first = giving & ~group_of.where(giving).duplicated()  # one problem per group

        def place(index: int, status: str = status, limit: str = limit) -> tuple:
            group = sums.loc[group_of.at[index]]
            params = {
                "unit": unit_path(data, index),
                "category": _category(records, index),
                "status": status,
                "limit_status": limit,
                "limit_value": plain(group[limit]),
            }
            return status_column(data, index, status), plain(group[status]), params

        report(data, first, rule.problem, place)
        records.loc[members, "_invalid"] = True


def _category(records: pd.DataFrame, index: int) -> list[str]:
    """The codes that classify a record (programme, field, level, kind)."""
    values = [records.at[index, c] for c in CATEGORIES[:-1]]
    return [v for v in values if isinstance(v, str) and v]


def _check_duplicates(data: Dataset) -> None:
    """A model listed twice, or a unit's category counted on two rows."""
    records = data.records
    unit = records[f"_unit_{data.levels[-1]}"]
    named = records[data.levels].ne("").all(axis=1)
    listed = _is_list(data) & named
    if listed.any():
        listed &= records["_name"].ne("")
        firsts = _first_of(records, listed, [unit, records["_name_key"], records["year"]])

        def model_place(index: int) -> tuple[str, object, dict]:
            params = {"unit": unit_path(data, index), **other_place(data, int(firsts[index]))}
            return data.header(index, "model_name"), records.at[index, "_name"], params

        report(data, _repeated(records, firsts), "duplicate_model", model_place)
    counted = ~_is_list(data) & named
    if counted.any():
        status = (
            records["_status"] if "_status" in records else pd.Series(None, index=records.index)
        )
        keys = [unit, *[records[c] for c in CATEGORIES], status]
        firsts = _first_of(records, counted, keys)
        repeated = _repeated(records, firsts)
        again = records.loc[repeated, _ROW].duplicated().reindex(records.index, fill_value=True)
        once = repeated & ~again  # one problem per repeated row

        def count_place(index: int) -> tuple[str, object, dict]:
            params = {
                "unit": unit_path(data, index),
                "category": _category(records, index),
                **other_place(data, int(firsts[index])),
            }
            level = data.levels[-1]
            return data.header(index, level), records.at[index, level], params

        report(data, once, "duplicate_model_count", count_place)


def _first_of(records: pd.DataFrame, mask: pd.Series, keys: list[pd.Series]) -> pd.Series:
    """For each record in `mask`: the index of the first record with the same keys."""
    chosen = records.index[mask]
    grouping = [key[mask].astype(object).where(key[mask].notna(), "\0") for key in keys]
    return chosen.to_series().groupby(grouping, sort=False).transform("first")


def _repeated(records: pd.DataFrame, firsts: pd.Series) -> pd.Series:
    repeated = firsts.ne(firsts.index.to_series())
    return repeated.reindex(records.index, fill_value=False)


def _check_row_totals(data: Dataset) -> None:
    """A wide table's total column against the sum of its category columns."""
    records = data.records
    if "_row_total" not in records:
        return
    sums = records.groupby(_ROW, sort=False)["registered"].transform("sum")
    given = records["_row_total"].notna() & ~records[_ROW].duplicated()
    wrong = given & records["_row_total"].ne(sums)

    def place(index: int) -> tuple[str, object, dict]:
        total = plain(records.at[index, "_row_total"])
        return records.at[index, "_total_column"], total, {"sum": plain(sums.at[index])}

    report(data, wrong, "count_total_mismatch", place)
