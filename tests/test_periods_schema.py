"""periods.schema: the history file's version and the steps from an older file."""

from __future__ import annotations

import sqlite3

import pytest

from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.history import History
from danvan_cli.periods.schema import SCHEMA_VERSION, migrate


def _version_1_file(path):
    """A file as version 1 wrote it: one village's two records of October 2026."""
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 1)
    db.execute("ALTER TABLE records ADD COLUMN members REAL")
    db.execute("ALTER TABLE records ADD COLUMN houses REAL")
    db.execute(
        "INSERT INTO units VALUES (1, '', 'Huyện Châu Thành', 'Xã Tân An', 'Ấp 1',"
        " '', 'huyện châu thành', 'xã tân an', 'ấp 1')"
    )
    db.execute(
        "INSERT INTO sources VALUES (1, '2026-10', 'hoat_dong_thu', 'tan_an.xlsx', 'Báo cáo',"
        " 'ab12', '2026-11-02T01:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO loads VALUES ('2026-10', 'hoat_dong_thu', '2.1', 'district,commune,village',"
        " 'members,houses', '2026-11-05T08:30:00+00:00', 2)"
    )
    db.execute(
        "INSERT INTO records VALUES ('hoat_dong_thu', 1, 'nong_dan', '2026-10', 0, 1, 6, 120, 3)"
    )
    db.execute(
        "INSERT INTO records VALUES ('hoat_dong_thu', 1, 'phu_nu', '2026-10', 0, 1, 7, 90, NULL)"
    )
    db.close()


def test_a_version_1_file_is_brought_up_to_date_with_its_records(tmp_path):
    path = tmp_path / "danvan.db"
    _version_1_file(path)
    with History.open(path) as history:
        kept = history.records("hoat_dong_thu", [parse_period("2026-10")])
        stored = history.periods()
    assert kept["village"].tolist() == ["Ấp 1", "Ấp 1"]
    assert kept["organization"].tolist() == ["nong_dan", "phu_nu"]
    assert kept["members"].tolist() == [120, 90]
    assert kept["houses"].fillna(-1).tolist() == [3, -1]  # NULL: not given
    assert kept["_row"].tolist() == [6, 7]
    assert [(s.period.code, s.records, s.units, s.sources) for s in stored] == [
        ("2026-10", 2, 1, 1)
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("SELECT DISTINCT year FROM records").fetchall() == [(2026,)]
        assert db.execute("SELECT COUNT(*) FROM kind_figures").fetchone() == (0,)


def test_a_version_2_file_gains_who_reported_and_keeps_its_periods(tmp_path):
    path = tmp_path / "danvan.db"
    _version_1_file(path)
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 2)
    db.close()
    with History.open(path) as history:
        stored = history.periods()
    assert [(s.period.code, s.records, s.reported) for s in stored] == [("2026-10", 2, ())]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (3,)
        columns = [row[1] for row in db.execute("PRAGMA table_info(completeness)")]
    assert columns == ["period", "kind", "level", "expected", "reported", "missing"]


def test_a_new_file_is_every_step_from_an_empty_one(tmp_path):
    with History.open(tmp_path / "danvan.db"):
        pass
    with sqlite3.connect(tmp_path / "danvan.db") as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert tables == {"units", "sources", "loads", "records", "kind_figures", "completeness"}


def test_a_file_of_a_newer_danvan_is_refused(tmp_path):
    path = tmp_path / "danvan.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ValueError, match="newer"):
        History.open(path)
