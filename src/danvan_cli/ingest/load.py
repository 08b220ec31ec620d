"""From files to one table of records (đọc và chuẩn hoá), for any kind.

read -> find the table and map headers -> normalise text and numbers, each by the
functions the kind's reader passes. The result is a DataFrame with one row per input
row, its place (`_table`, `_row`), the unit names and matching keys per level, the
category codes and the canonical figures.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from danvan_cli.ingest import limits
from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.normalise import CATEGORY, set_column
from danvan_cli.ingest.paths import expand_paths, file_state
from danvan_cli.ingest.periods import usual_period
from danvan_cli.ingest.rawtable import RawTable
from danvan_cli.ingest.read import SheetSource, UnreadableBody, open_sheets
from danvan_cli.ingest.spellings import spelling_notes
from danvan_cli.model.problems import Problem, is_unreadable
from danvan_cli.text.normalize import split_unit_prefix

Progress = Callable[[str, int, int], None]  # (file done, rows read from it, files in all)


LoadTable = Callable[[SheetSource, "Dataset"], "pd.DataFrame | RawTable | None"]
Prepare = Callable[[list, "Dataset"], list[pd.DataFrame]]
# A whole file's sheets -> its records when it is read as one (danvan's own output), and
# the sheets left to read table by table
ReadFile = Callable[[list[SheetSource], "Dataset"], tuple[list, list[SheetSource]]]
PARALLEL_FILES = 48  # from this many files on, both cores read, each its share


def load_tables(
    data: Dataset,
    patterns: Sequence[str],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None = None,
    prepare: Prepare | None = None,
    read_file: ReadFile | None = None,
) -> Dataset:
    """Read every sheet of every file with `load_table(source, data)` into `data.records`;
    `prepare(frames, data)`, if given, turns what the tables gave into records;
    `read_file(sources, data)`, if given, reads the files it knows whole.

    Many files (one per commune) are shared between two processes."""
    paths, problems = expand_paths(patterns)
    data.problems.extend(problems)
    workers = min(2, os.cpu_count() or 1)
    if len(paths) < PARALLEL_FILES or workers < 2:
        frames = _load_paths(data, paths, sheet, load_table, progress, prepare, read_file)
    else:
        frames = _load_in_parallel(
            data, paths, sheet, load_table, progress, prepare, read_file, workers
        )
    if frames:
        data.records = _concat(frames)
        _organizations_from_titles_for_all(data)
        unit_codes(data.records, data.levels)
        data.problems.extend(spelling_notes(data.records, data.levels, data.place))
    elif paths and not is_unreadable(data.problems):
        data.problems.append(Problem("error", "no_data"))  # nothing to add up is not "valid"
    data.problems.extend(_periods_apart(data.tables))
    return data


def _organizations_from_titles_for_all(data: Dataset) -> None:
    """Organisations read only from titles (`organization_from_title`) are let go when a
    table names none: a Hội LHPN office's files titled "HỘI LHPN XÃ ..." beside CSV files
    naming none are added up together without organisations, as when no title is read,
    not told row by row that the CSV files lack one. (Beside a table with the column, a
    table naming none is told so, as ever.)"""
    records = data.records
    titled = {(p.file, p.sheet) for p in data.problems if p.code == "organization_from_title"}
    if not titled or CATEGORY not in records.columns:
        return
    written = records["_organization_written"]
    named = written.notna() & written.astype(object).ne("")
    if set(records["_table"].unique()) <= set(records["_table"][named].unique()):
        return
    from_titles = [n for n, t in enumerate(data.tables) if (t.file, t.sheet) in titled]
    if (named & ~records["_table"].isin(from_titles)).any():
        return
    data.problems[:] = [p for p in data.problems if p.code != "organization_from_title"]
    data.records = records.drop(columns=[CATEGORY, "_organization_written"])


def _periods_apart(tables: Sequence[TableInfo]) -> list[Problem]:
    """A warning for each table whose title states another period than most tables do
    (last month's file among this month's)."""
    found = usual_period([t.period for t in tables])
    if found is None:
        return []
    usual, count = found
    problems = []
    for table in tables:
        period = table.period
        if period is None or period.kind == "unknown" or period.agrees(usual):
            continue
        params = {"usual": usual.text, "count": count}
        problems.append(
            Problem(
                "warning",
                "period_differs",
                table.file,
                table.sheet,
                period.row,
                None,
                period.text,
                params,
            )
        )
    return problems


def _load_paths(
    data: Dataset,
    paths: Sequence[Path],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None,
    prepare: Prepare | None,
    read_file: ReadFile | None = None,
) -> list[pd.DataFrame]:
    frames = []
    whole: list[pd.DataFrame] = []  # records of files read whole
    for path in paths:
        before = file_state(path)
        sources, found = open_sheets(path, sheet)
        data.problems.extend(found)
        rows = 0
        if read_file is not None:
            records, sources = read_file(sources, data)
            whole.extend(records)
            rows += sum(map(len, records))
        for source in sources:
            try:
                frame = load_table(source, data)
            except UnreadableBody as unreadable:
                data.problems.append(unreadable.problem)
                continue
            if frame is not None:
                frames.append(frame)
                rows += len(frame)
        if file_state(path) != before:  # still being written or copied: a partial snapshot
            data.problems.append(Problem("warning", "file_changed_while_read", str(path)))
        if progress:
            progress(str(path), rows, len(paths))
    prepared = prepare(frames, data) if frames and prepare is not None else frames
    return prepared + whole


def _load_in_parallel(
    data: Dataset,
    paths: Sequence[Path],
    sheet: str | None,
    load_table: LoadTable,
    progress: Progress | None,
    prepare: Prepare | None,
    read_file: ReadFile | None,
    workers: int,
) -> list[pd.DataFrame]:
    """Chunks of files read in worker processes; their tables are renumbered as they join.
    A chunk whose worker died is read again apart (`_load_apart`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, len(paths) // (workers * 8))
    chunks = [list(paths[i : i + size]) for i in range(0, len(paths), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    jobs = [
        (data.kind, chunk, sheet, load_table, prepare, read_file, limits.current())
        for chunk in chunks
    ]
    frames = []
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(_load_part, job) for job in jobs]
        for chunk, job, future in zip(chunks, jobs, futures, strict=True):
            try:
                parts = [future.result()]
            except BrokenProcessPool:  # a worker died: killed, or a decoder's abort
                parts = _load_apart(job, context)
            read = 0
            for part_frames, tables, problems, invalid, part_read in parts:
                offset = len(data.tables)
                data.tables.extend(tables)
                data.problems.extend(problems)
                data.invalid_rows.update({t + offset: rows for t, rows in invalid.items()})
                frames.extend(_renumbered(f, offset) for f in part_frames)
                read += part_read
            if progress:  # a chunk's rows counted with its last file
                for path, rows in zip(chunk, [0] * (len(chunk) - 1) + [read], strict=True):
                    progress(str(path), rows, len(paths))
    return frames


def _load_apart(job: tuple, context) -> list[tuple]:
    """A chunk of files (`job`, as for `_load_part`) read in a process of its own; if that
    one dies too, in halves, each apart, down to the files that end their reader: each
    such file is its own error, and the others are read."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    paths = job[1]
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            return [pool.submit(_load_part, job).result()]
    except BrokenProcessPool:
        if len(paths) == 1:
            died = Problem("error", "file_reader_died", file=str(paths[0]))
            return [([], [], [died], {}, 0)]
    half = len(paths) // 2
    return [
        *_load_apart((job[0], paths[:half], *job[2:]), context),
        *_load_apart((job[0], paths[half:], *job[2:]), context),
    ]


def _renumbered(frame: pd.DataFrame, offset: int) -> pd.DataFrame:
    """A worker's records with their tables numbered after those already joined."""
    tables = [c for c in ("_table", "_scope_table") if c in frame.columns]
    return frame.assign(**{c: frame[c] + offset for c in tables})


def _load_part(job: tuple) -> tuple:
    """In a worker: one chunk of files, read and prepared as `load_tables` would; also
    the rows read, for the progress bar."""
    kind, paths, sheet, load_table, prepare, read_file, read_under = job
    limits.set_limits(read_under)  # as the command line set them (a spawned worker starts anew)
    data = Dataset(pd.DataFrame(), kind=kind)
    read = 0

    def count(_file: str, rows: int, _files: int) -> None:
        nonlocal read
        read += rows

    frames = _load_paths(data, paths, sheet, load_table, count, prepare, read_file)
    return frames, data.tables, data.problems, data.invalid_rows, read


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables, merging the categories of categorical columns."""
    if len(frames) == 1:
        return frames[0]
    columns: dict[str, object] = {}
    for name in dict.fromkeys(c for f in frames for c in f.columns):
        parts = [f[name] if name in f.columns else _blank_like(f, frames, name) for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            columns[name] = union_categoricals([p.array for p in parts])
        elif all(isinstance(p.dtype, np.dtype) and p.dtype == parts[0].dtype for p in parts) and (
            parts[0].dtype.kind in "biuf"
        ):
            columns[name] = np.concatenate([p.to_numpy() for p in parts])  # numbers, flags
        else:
            columns[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns, copy=False)  # each column is new already: not copied again


def _blank_like(frame: pd.DataFrame, frames: list[pd.DataFrame], name: str) -> pd.Series:
    """A column missing from one table: blank names, missing figures."""
    sample = next(f[name] for f in frames if name in f.columns)
    if isinstance(sample.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical.from_codes(np.zeros(len(frame), int), categories=[""]))
    return pd.Series(np.nan, index=range(len(frame)))


def unit_codes(records: pd.DataFrame, levels: list[str]) -> None:
    """`_unit_<level>`: one integer per unit path down to that level (matching keys)."""
    path = np.zeros(len(records), dtype=np.int64)
    for level in levels:
        own, uniques = pd.factorize(records[f"_key_{level}"], use_na_sentinel=False)
        own = _unify_prefixes(path, own, uniques)
        path = pd.factorize(path * (len(uniques) + 1) + own)[0].astype(np.int64)
        set_column(records, f"_unit_{level}", path)


def _unify_prefixes(parent: np.ndarray, own: np.ndarray, keys: pd.Index) -> np.ndarray:
    """Under one parent, "Long Vĩnh" is the unit written "Xã Long Vĩnh" elsewhere, when
    exactly one prefixed name has that remainder ("Thị xã Long Mỹ" and "Huyện Long Mỹ"
    stay apart, and a bare "Long Mỹ" beside both stays itself)."""
    split = [split_unit_prefix(str(k)) for k in keys]
    if not any(prefix for prefix, _ in split):
        return own
    width = len(keys) + 1
    parents, codes = np.divmod(pd.unique(parent * width + own), width)  # each pair once
    pairs = pd.DataFrame({"parent": parents, "own": codes})
    pairs["prefixed"] = np.array([bool(p) for p, _ in split])[codes]
    pairs["rest"] = pd.factorize(np.array([r for _, r in split], dtype=object))[0][codes]
    prefixed = pairs[pairs["prefixed"]].groupby(["parent", "rest"])["own"].agg(["nunique", "first"])
    single = prefixed[prefixed["nunique"] == 1]["first"].rename("target")
    bare = pairs[~pairs["prefixed"]].join(single, on=["parent", "rest"], how="inner")
    mapping = np.arange(len(keys))
    mapping[bare["own"].to_numpy()] = bare["target"].to_numpy()
    return mapping[own]
