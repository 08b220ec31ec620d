"""From files to one table of community-model records (đọc và chuẩn hoá mô hình).

The same readers, header mapping and problem reporting as membership, three layouts:

- a list (danh sách mô hình), one model per row: its name, unit path, programme, field,
  level, year, and its status as a word ("Đã công nhận") or as marks ("x") in columns
  such as "Đăng ký", "Công nhận", "Biểu dương";
- a long count table (bảng số lượng): unit path, category columns (programme, field,
  level, kind, status) and a count column, or one count column per status;
- a wide count table: unit path and one count column per field or kind of model
  ("Kinh tế", "VHXH", "Vệ sinh môi trường", ...), with maybe a total column as a check.

Records: one per model (list), per row (long), or per row and category column (wide),
each with the canonical codes of its categories and its numbers of registered,
recognized and commended models.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

import pandas as pd

from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import HeaderMapping
from danvan_cli.ingest.load import Progress, load_tables
from danvan_cli.ingest.normalise import (
    add_counts,
    add_unit_names,
    categorical,
    note_control_characters,
)
from danvan_cli.ingest.read import SheetSource
from danvan_cli.ingest.shape import read_table
from danvan_cli.kinds.detect import sheet_kind
from danvan_cli.kinds.models import MODELS
from danvan_cli.kinds.models_vocabulary import (
    CATEGORIES,
    MODEL_FIGURES,
    MODEL_HEADERS,
    STATUSES,
    TOPIC_FIELDS,
    WIDE_CODES,
    category_code,
    mark_value,
    program_in_text,
    status_marks,
)
from danvan_cli.model.problems import Problem
from danvan_cli.text.formatting import column_letters
from danvan_cli.text.normalize import clean_text, fold_key

_TEXT_FIELDS: tuple[str, ...] = (
    "model_name",
    "program",
    "field",
    "recognition_level",
    "topic",
    "status",
)


def reported_statuses(records: pd.DataFrame) -> list[str]:
    """The statuses some input reports (a wide table has registered models only)."""
    return [s for s in STATUSES if s in records and records[s].notna().any()]


def load_models(
    patterns: Sequence[str], sheet: str | None = None, progress: Progress | None = None
) -> Dataset:
    """Read every models table of every file into one dataset of the models kind."""
    data = Dataset(pd.DataFrame(), kind=MODELS)
    return load_tables(data, patterns, sheet, _load_table, progress)


def _load_table(source: SheetSource, data: Dataset) -> pd.DataFrame | None:
    text_fields = {*_TEXT_FIELDS, *STATUSES}  # a list's status columns hold marks ("x")
    found = read_table(
        source,
        data,
        MODELS,
        MODEL_HEADERS,
        MODEL_FIGURES,
        text_fields,
        "subtotal_rows_unchecked",
        sheet_kind,
    )
    if found is None:
        return None
    shaped, table = found
    body = shaped.rows[~shaped.rows["_subtotal"]]  # subtotal rows are never added
    info = data.tables[table]
    where = {"file": info.file, "sheet": info.sheet, "row": info.header_row}
    records = pd.DataFrame({"_table": table, "_row": body.index.to_numpy()})
    records["_invalid"] = False
    add_unit_names(records, body, shaped.levels)
    note_control_characters(body, [*shaped.levels, "model_name"], records, data)
    _categories(records, body, _title_program(source, info.header_row - 1))
    if "year" in body.columns:
        add_counts(records, body, "year", info, data, False, _minimum("year"))
    else:
        records["year"] = float("nan")
    if records["program"].isna().any():
        data.problems.append(Problem("warning", "program_not_given", **where))
    wide = [code for code in WIDE_CODES if code in body.columns]
    if "model_name" in body.columns:
        for code in wide:  # counts, in a list: not read
            position = info.mapping.position_of(code)
            letter = {"letter": column_letters(position)}
            column = info.mapping.headers[position]
            data.problems.append(
                Problem("warning", "header_unmapped", column=column, params=letter, **where)
            )
        return _list_records(records, body)
    if wide:
        return _wide_records(records, body, wide, info, data)
    return _count_records(records, body, info, data)


def _minimum(name: str) -> float:
    """The lowest count accepted: a status's as the kind declares it, a year's 0."""
    return MODELS.figure(name).lowest if name in STATUSES else 0.0


def _title_program(source: SheetSource, header_row: int) -> str | None:
    """The programme named above the table, by the sheet's name or by the file's name."""
    title = " ".join(str(cell) for row in source.top_rows[:header_row] for cell in row if cell)
    for text in (title, source.sheet or "", source.path.stem):
        found = program_in_text(text)
        if found is not None:
            return found
    return None


def _written(body: pd.DataFrame, name: str) -> pd.Series:
    """A text column as written (cleaned; "" for blank cells), indexed like the records."""
    return pd.Series(categorical(body[name], clean_text), dtype=object)


def _coded(written: pd.Series, function: Callable[[str], object]) -> pd.Series:
    """`function` of each value, computed once per distinct value."""
    return written.map({value: function(value) for value in written.unique()})


def _status(records: pd.DataFrame, body: pd.DataFrame) -> pd.Series:
    """The status each row's status column names (None where it names none), kept in
    `records` with the words as written."""
    written = _written(body, "status")
    records["_written_status"] = written.to_numpy()
    said = _coded(written, partial(category_code, "status"))
    records["_status"] = said.to_numpy()
    return said


def _categories(records: pd.DataFrame, body: pd.DataFrame, program: str | None) -> None:
    """Programme, field, level and kind as codes (None where not given), and as written.

    A blank programme is the one the title names; a blank field is the kind's field."""
    for category in CATEGORIES[:-1]:  # the year is a number
        if category not in body.columns:
            records[category] = program if category == "program" else None
            continue
        written = _written(body, category)
        records[f"_written_{category}"] = written.to_numpy()
        codes = _coded(written, partial(category_code, category))
        if category == "program":
            codes = codes.where(written.ne(""), program)
        records[category] = codes.to_numpy()
    by_topic = records["topic"].map(TOPIC_FIELDS)
    records["field"] = records["field"].where(records["field"].notna(), by_topic)


def _list_records(records: pd.DataFrame, body: pd.DataFrame) -> pd.DataFrame:
    """One record per model: statuses 0/1 from the status word and the marks."""
    records["_layout"] = "list"
    names = _written(body, "model_name")
    records["_name"] = names.to_numpy()
    records["_name_key"] = _coded(names, model_key).to_numpy()
    said = pd.Series(None, index=names.index, dtype=object)
    if "status" in body.columns:
        said = _status(records, body)
    marks = pd.DataFrame([status_marks(s) for s in said], columns=list(STATUSES))
    for status in STATUSES:
        if status not in body.columns:
            continue
        written = _written(body, status)
        values = _coded(written, partial(mark_value, status)).astype("float64")
        records[f"_written_{status}"] = written.to_numpy()
        records[f"_unknown_{status}"] = values.isna().to_numpy()
        given = values.fillna(0.0).to_numpy()
        if status == "registered" and "status" not in body.columns:
            marks[status] = given  # a listed model counts only where marked registered
        else:
            marks[status] = marks[status].clip(lower=given)
    for status in STATUSES:
        records[status] = marks[status].to_numpy()
    return records


def model_key(name: object) -> str:
    """A model's name for matching: case, tones, quotes and a leading "Mô hình" set aside."""
    text = re.sub(r"[\W_]+", " ", fold_key(name)).strip()
    return re.sub(r"^mô hình ", "", text)


def _count_records(
    records: pd.DataFrame, body: pd.DataFrame, info: TableInfo, data: Dataset
) -> pd.DataFrame:
    """One record per row: a count column (for the row's status), or a column per status."""
    records["_layout"] = "count"
    count = "count" if "count" in body.columns else "count_total"
    for status in STATUSES:
        if status in body.columns:
            add_counts(records, body, status, info, data, True, _minimum(status))
        else:
            records[status] = float("nan")
    if count in body.columns:
        add_counts(records, body, count, info, data, True, _minimum("registered"))
        if "status" in body.columns:
            said = _status(records, body)
            target = said.where(said.notna(), "registered").to_numpy()
        else:
            target = ["registered"] * len(records)
        for status in STATUSES:
            chosen = pd.Series(target).eq(status).to_numpy()
            records.loc[chosen, status] = records.loc[chosen, count]
            records.loc[chosen, f"_column_{status}"] = info.mapping.header_of(count)
        records = records.drop(columns=[count])
    return records


def _wide_records(
    records: pd.DataFrame,
    body: pd.DataFrame,
    wide: list[str],
    info: TableInfo,
    data: Dataset,
) -> pd.DataFrame:
    """One record per row and category column; a total column, if any, is kept as a check."""
    records["_layout"] = "count"
    total = next((c for c in ("count_total", "count") if c in body.columns), None)
    if total is not None:
        add_counts(records, body, total, info, data, False, _minimum("registered"))
        records = records.rename(columns={total: "_row_total"})
        records["_total_column"] = info.mapping.header_of(total)
    for code in wide:
        add_counts(records, body, code, info, data, True, _minimum("registered"))
    parts = []
    base = records.drop(columns=wide)
    for code in wide:
        part = base.copy()
        if code in TOPIC_FIELDS:
            part["topic"] = code
            part["field"] = TOPIC_FIELDS[code]
        else:
            part["field"] = code
        part["registered"] = records[code].to_numpy()
        part["recognized"] = part["commended"] = float("nan")
        part["_column_registered"] = info.mapping.header_of(code)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def status_column(data: Dataset, index: int, status: str) -> str:
    """The header, as written, of the column a record's `status` figure came from."""
    records = data.records
    column = f"_column_{status}"
    if column in records and isinstance(records.at[index, column], str):
        return records.at[index, column]
    mapping: HeaderMapping = data.tables[int(records.at[index, "_table"])].mapping
    if status in mapping.fields:
        return mapping.header_of(status)
    return mapping.header_of("status")
