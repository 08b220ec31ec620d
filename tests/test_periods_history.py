"""periods.history: the SQLite history of validated records per period and kind."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from danvan_cli.engine import pipeline
from danvan_cli.periods import history as history_module
from danvan_cli.periods import store as store_module
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.history import History
from danvan_cli.periods.store import sources_of
from tests.generic_kind import activities_kind, two_communes

OCTOBER, NOVEMBER = parse_period("2026-10"), parse_period("2026-11")


def _read(folder):
    """Tân An's and Tân Bình's reports read and checked: (valid records, sources)."""
    data = pipeline.check(activities_kind(), two_communes(folder))
    return data.records[~data.records["_invalid"]], sources_of(data.tables)


def _rows(path):
    """Every table's rows, to compare a file's content before and after."""
    with sqlite3.connect(path) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_a_period_is_kept_with_where_each_record_came_from(tmp_path):
    records, sources = _read(tmp_path)
    at = datetime(2026, 11, 5, 8, 30, tzinfo=timezone.utc)
    with History.open(tmp_path / "danvan.db") as history:
        assert history.store_period(OCTOBER, activities_kind(), records, sources, at) == 6
        kept = history.records("hoat_dong_thu", [OCTOBER])
        stored = history.periods()
    assert kept["period"].unique().tolist() == ["2026-10"]
    assert kept["commune"].tolist() == ["Xã Tân An"] * 4 + ["Xã Tân Bình"] * 2
    assert kept["village"].tolist() == ["Ấp 1", "Ấp 1", "Ấp 2", "Ấp 2", "Ấp Mới", "Ấp Mới"]
    assert kept["organization"].tolist() == ["nong_dan", "phu_nu"] * 3
    assert kept["houses"].tolist() == [3, 2, 1, 0, 4, 1]
    assert kept["houses_value"].tolist() == [0.6, 0.4, 0.25, 0.0, 1.5, 0.5]
    # Ấp 2 gives no households with members: not given, never 0
    assert (
        kept["households_with_members"].isna().tolist() == [False, False, True, True] + [False] * 2
    )
    assert kept["_file"].str.endswith(("tan_an.xlsx", "tan_binh.xlsx")).all()
    assert kept["_row"].tolist() == [6, 7, 8, 9, 6, 7]
    assert kept["_unit_village"].tolist() == [0, 0, 1, 1, 2, 2]
    assert [(s.period.code, s.kind, s.records, s.units, s.sources) for s in stored] == [
        ("2026-10", "hoat_dong_thu", 6, 3, 2)
    ]
    assert stored[0].levels == ("district", "commune", "village")
    with sqlite3.connect(tmp_path / "danvan.db") as db:
        declared = db.execute("SELECT code, over_time FROM kind_figures ORDER BY code").fetchall()
    assert declared == [
        ("households", "stock"),
        ("households_with_members", "stock"),
        ("houses", "flow"),
        ("houses_value", "flow"),
        ("members", "stock"),
    ]
    assert stored[0].loaded_at == "2026-11-05T08:30:00+00:00"
    with sqlite3.connect(tmp_path / "danvan.db") as db:
        file, sha256, received = db.execute("SELECT file, sha256, received FROM sources").fetchone()
    assert sha256 == hashlib.sha256(Path(file).read_bytes()).hexdigest()
    modified = datetime.fromtimestamp(Path(file).stat().st_mtime, timezone.utc)
    assert received == modified.isoformat(timespec="seconds")


def test_a_period_stored_again_replaces_it_and_others_stay(tmp_path):
    records, sources = _read(tmp_path)
    kind = activities_kind()
    with History.open(tmp_path / "danvan.db") as history:
        history.store_period(OCTOBER, kind, records, sources)
        history.store_period(NOVEMBER, kind, records, sources)
        fewer = records[records["commune"] == "Xã Tân Bình"]
        history.store_period(OCTOBER, kind, fewer, sources)
        assert [(s.period.code, s.records) for s in history.periods()] == [
            ("2026-10", 2),
            ("2026-11", 6),
        ]
        assert history.kept(kind.name) == [OCTOBER, NOVEMBER]
        assert history.kept("membership") == []
        both = history.records(kind.name, [OCTOBER, NOVEMBER])
    assert both.groupby("period").size().to_dict() == {"2026-10": 2, "2026-11": 6}
    with sqlite3.connect(tmp_path / "danvan.db") as db:
        assert db.execute("SELECT period, COUNT(*) FROM sources GROUP BY period").fetchall() == [
            ("2026-10", 2),
            ("2026-11", 2),
        ]
        assert db.execute("SELECT COUNT(*) FROM units").fetchone() == (3,)


def test_records_read_already_are_taken_as_the_read_of_every_period_gives_them(tmp_path):
    """October read once and given back: the three months as one read gives them (row
    order, columns, unit codes over all), though October lacks a figure November gives;
    so too September and November given, October read between them; records lacking a
    level of the periods are read again instead."""
    records, sources = _read(tmp_path)
    kind = activities_kind()
    september = parse_period("2026-09")
    with History.open(tmp_path / "danvan.db") as history:
        history.store_period(september, kind, records[records["commune"] == "Xã Tân Bình"], sources)
        history.store_period(OCTOBER, kind, records.drop(columns="houses_value"), sources)
        history.store_period(NOVEMBER, kind, records[::-1], sources)
        months = [september, OCTOBER, NOVEMBER]
        whole = history.records(kind.name, months)
        october = history.records(kind.name, [OCTOBER])
        given = history.records(kind.name, months, october)
        lacking = history.records(kind.name, months, october.drop(columns="village"))
        around = history.records(kind.name, months, history.records(kind.name, months[::2]))
    assert "houses_value" not in october
    assert whole.groupby("period").size().to_dict() == {"2026-09": 2, "2026-10": 6, "2026-11": 6}
    pd.testing.assert_frame_equal(given, whole)
    pd.testing.assert_frame_equal(lacking, whole)
    pd.testing.assert_frame_equal(around, whole)  # October read between the two given


def test_records_read_some_rows_at_a_time_are_as_one_read_gives_them_where_if_asked(
    tmp_path, monkeypatch
):
    """Records read a few rows at a time (a country's months are millions) are the records
    one read gives; without `where`, the same but where each came from (`_file`, `_sheet`,
    `_row`); records given without it are read again when it is asked for."""
    records, sources = _read(tmp_path)
    kind = activities_kind()
    with History.open(tmp_path / "danvan.db") as history:
        history.store_period(OCTOBER, kind, records, sources)
        history.store_period(NOVEMBER, kind, records[::-1], sources)
        whole = history.records(kind.name, [OCTOBER, NOVEMBER])
        monkeypatch.setattr(history_module, "_CHUNK_ROWS", 5)
        chunked = history.records(kind.name, [OCTOBER, NOVEMBER])
        plain = history.records(kind.name, [OCTOBER, NOVEMBER], where=False)
        october = history.records(kind.name, [OCTOBER], where=False)
        given = history.records(kind.name, [OCTOBER, NOVEMBER], october)
    assert len(whole) == 12
    pd.testing.assert_frame_equal(chunked, whole)
    pd.testing.assert_frame_equal(plain, whole.drop(columns=["_file", "_sheet", "_row"]))
    pd.testing.assert_frame_equal(given, whole)


def test_an_error_halfway_through_a_load_leaves_the_history_as_it_was(tmp_path, monkeypatch):
    records, sources = _read(tmp_path)
    path = tmp_path / "danvan.db"
    with History.open(path) as history:
        history.store_period(OCTOBER, activities_kind(), records, sources)
    before, content = _rows(path), path.read_bytes()

    def failing(*args):
        for number, row in enumerate(real(*args)):
            if number == 3:
                raise OSError("disk full")
            yield row

    real = store_module._record_rows
    monkeypatch.setattr(store_module, "_record_rows", failing)
    with History.open(path) as history, pytest.raises(OSError):
        history.store_period(NOVEMBER, activities_kind(), records, sources)
    assert _rows(path) == before
    assert path.read_bytes() == content


KILLED = """
import os, sys
from danvan_cli.engine import pipeline
from danvan_cli.periods import store as module
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.history import History
from danvan_cli.periods.store import sources_of
from tests.generic_kind import activities_kind, two_communes
from pathlib import Path

data = pipeline.check(activities_kind(), two_communes(Path(sys.argv[2])))
real = module._record_rows

def dying(*args):
    for number, row in enumerate(real(*args)):
        if number == 3:
            os._exit(9)  # the process ends at once, mid-insert, as when killed
        yield row

module._record_rows = dying
with History.open(sys.argv[1]) as history:
    sources = sources_of(data.tables)
    history.store_period(parse_period("2026-11"), activities_kind(), data.records, sources)
"""


def test_a_load_killed_halfway_leaves_the_history_as_it_was(tmp_path):
    records, sources = _read(tmp_path)
    path = tmp_path / "danvan.db"
    with History.open(path) as history:
        history.store_period(OCTOBER, activities_kind(), records, sources)
    before, content = _rows(path), path.read_bytes()
    folder = tmp_path / "november"
    folder.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path), str(folder)],
        cwd=store_module.__file__.rsplit("src", 1)[0],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 9, killed.stderr
    assert (tmp_path / "danvan.db-journal").exists()  # the unfinished transaction's
    with History.open(path) as history:  # opening it rolls that back
        assert [s.period.code for s in history.periods()] == ["2026-10"]
    assert _rows(path) == before
    assert path.read_bytes() == content


def test_a_series_counts_a_villages_households_once(tmp_path):
    records, sources = _read(tmp_path)
    kind = activities_kind()
    with History.open(tmp_path / "danvan.db") as history:
        history.store_period(OCTOBER, kind, records, sources)
        history.store_period(NOVEMBER, kind, records[records["village"] != "Ấp 2"], sources)
        households = history.series(kind.name, "households", "commune")
        members = history.series(kind.name, "members", "commune")
    # Tân An: Ấp 1 400 + Ấp 2 250 (each given on both organisations' rows, taken once);
    # in November without Ấp 2
    assert households.to_dict("list") == {
        "period": ["2026-10", "2026-10", "2026-11", "2026-11"],
        "district": ["Huyện Châu Thành"] * 4,
        "commune": ["Xã Tân An", "Xã Tân Bình", "Xã Tân An", "Xã Tân Bình"],
        "value": [650.0, 1200.0, 400.0, 1200.0],
    }
    assert members["value"].tolist() == [350, 350, 210, 350]
