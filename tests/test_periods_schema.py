"""periods.schema: the history file's version and the steps from an older file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from danvan_cli.periods import schema
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
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (5,)
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


# Units as files before version 4 keyed them (`fold_key`: the type word as written): Huế's
# villages under "TP. Huế" in August and "Thành phố Huế" in September, "TDP 2" then "Tổ
# dân phố 2"; (id, district, village)
OLD_UNITS = [
    (1, "TP. Huế", "Ấp 1"),
    (2, "TP. Huế", "TDP 2"),
    (3, "Thành phố Huế", "Ấp 1"),
    (4, "Thành phố Huế", "Tổ dân phố 2"),
]


def _version_3_file(path, records):
    """A version 3 file of membership, `records` (unit id, period, organisation, members)."""
    from danvan_cli.text.normalize import fold_key

    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 3)
    db.execute("ALTER TABLE records ADD COLUMN members REAL")
    for unit, district, village in OLD_UNITS:
        names = ("", district, "Xã Hương Vinh", village)
        keys = tuple(fold_key(name) for name in names)
        db.execute("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (unit, *names, *keys))
    for period in sorted({r[1] for r in records}):
        db.execute(
            "INSERT INTO sources VALUES (?, ?, 'membership', 'hue.xlsx', 'Data', 'ab', '')",
            (int(period[-2:]), period),
        )
        count = sum(r[1] == period for r in records)
        db.execute(
            "INSERT INTO loads VALUES (?, 'membership', '1', 'district,commune,village',"
            " 'members', '2026-10-01T00:00:00+00:00', ?)",
            (period, count),
        )
    for seq, (unit, period, organization, members) in enumerate(records):
        db.execute(
            "INSERT INTO records VALUES ('membership', 2026, ?, ?, ?, 0, ?, ?, ?)",
            (unit, organization, period, int(period[-2:]), seq + 2, members),
        )
    db.close()


def test_units_keyed_before_version_4_are_joined_as_one_series(cli, tmp_path):
    path = tmp_path / "danvan.db"
    _version_3_file(
        path,
        [
            (1, "2026-08", "nong_dan", 100),
            (2, "2026-08", "nong_dan", 50),
            (3, "2026-09", "nong_dan", 110),
            (4, "2026-09", "nong_dan", 55),
        ],
    )
    written = path.read_bytes()
    trend = cli("trend", "--level", "village", "--db", path, "--lang", "en")
    assert trend.exit_code == 0, trend.stderr
    assert _body(trend.stdout) == [
        ["Thành phố Huế", "Xã Hương Vinh", "Ấp 1", "100", "110", "_^"],
        ["Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 2", "50", "55", "_^"],
        ["Total", "", "", "150", "165", "_^"],
    ]
    compared = cli("compare", "2026-08", "2026-09", "--db", path, "-f", "json")
    assert compared.exit_code == 0, compared.stderr
    villages = json.loads(compared.stdout)["comparison"]["village"]
    assert [
        (v["district"], v["village"], v["status"], v["members_old"], v["members_new"])
        for v in villages
        if v["organization"] == "all"
    ] == [
        ("Thành phố Huế", "Ấp 1", "both", 100, 110),
        ("Thành phố Huế", "Tổ dân phố 2", "both", 50, 55),
    ]
    # trend and compare read the file only: brought up to date in memory, the file as it was
    assert path.read_bytes() == written
    History.open(path).close()  # as storing a period opens it: brought up to date on disk
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (5,)
        units = db.execute("SELECT id, district, key_district, key_village FROM units").fetchall()
        kept = db.execute("SELECT unit, period FROM records ORDER BY unit, period").fetchall()
    # each joined to the unit keyed by unit_key already: its records moved to it
    assert sorted(units) == [
        (3, "Thành phố Huế", "thành phố huế", "ấp 1"),
        (4, "Thành phố Huế", "thành phố huế", "tổ dân phố 2"),
    ]
    assert kept == [(3, "2026-08"), (3, "2026-09"), (4, "2026-08"), (4, "2026-09")]


def test_units_with_records_of_one_period_and_organisation_are_kept_apart_and_said(cli, tmp_path):
    """TP. Huế's and Thành phố Huế's Ấp 1 both sent the farmers' union's figures for
    August: joining would add a unit's report twice; they stay apart, with a warning, while
    TDP 2 and Tổ dân phố 2 (one report a month) are joined."""
    path = tmp_path / "danvan.db"
    records = [
        (1, "2026-08", "nong_dan", 100),
        (3, "2026-08", "nong_dan", 100),
        (3, "2026-08", "phu_nu", 30),
        (2, "2026-08", "nong_dan", 50),
        (4, "2026-09", "nong_dan", 55),
    ]
    _version_3_file(path, records)
    listed = cli("history", "list", "--db", path, "--lang", "en")
    assert listed.exit_code == 0, listed.stderr
    assert (
        "The history keeps the spellings of one unit apart (Thành phố Huế / Xã Hương Vinh / Ấp"
        " 1; TP. Huế / Xã Hương Vinh / Ấp 1): each has figures of one organisation or category"
        " in 2026-08 (membership), so they are not joined."
    ) in " ".join(listed.stderr.split())
    # apart in trend, under the names as written where they would print alike; and in
    # compare --db each on its own row, told apart by the spelling the files wrote in
    # brackets, none lost or paired at a guess
    trend = cli("trend", "--level", "village", "--db", path, "--lang", "en")
    assert _body(trend.stdout) == [
        ["Thành phố Huế", "Xã Hương Vinh", "Ấp 1", "130", "–", "-"],
        ["Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 2", "50", "55", "_^"],
        ["TP. Huế", "Xã Hương Vinh", "Ấp 1", "100", "–", "-"],
        ["Total", "", "", "280", "55*", "^_"],  # September lacks both Ấp 1
    ]
    compared = cli("compare", "2026-08", "2026-09", "--db", path, "-f", "json")
    levels = json.loads(compared.stdout)["comparison"]
    assert [
        (v["district"], v["village"], v["status"], v["members_old"], v["members_new"])
        for v in levels["village"]
        if v["organization"] == "all"
    ] == [
        ("Thành phố Huế", "Ấp 1", "disappeared", 130, None),
        ("Thành phố Huế", "Tổ dân phố 2", "both", 50, 55),
        ("Thành phố Huế (TP. Huế)", "Ấp 1", "disappeared", 100, None),
    ]
    assert [
        (d["district"], d["status"], d["members_old"], d["members_new"])
        for d in levels["district"]
        if d["organization"] == "all"
    ] == [("Thành phố Huế", "both", 180, 55), ("Thành phố Huế (TP. Huế)", "disappeared", 100, None)]
    table = cli("compare", "2026-08", "2026-09", "--db", path, "--lang", "en")
    assert "Thành phố Huế (TP. Huế)" in table.stdout
    History.open(path).close()  # as storing a period opens it: brought up to date on disk
    with sqlite3.connect(path) as db:
        units = db.execute("SELECT id, key_district, key_village FROM units").fetchall()
    assert sorted(units) == [
        (1, "tp. huế", "ấp 1"),
        (3, "thành phố huế", "ấp 1"),
        (4, "thành phố huế", "tổ dân phố 2"),
    ]
    # the August report corrected (Ấp 1 once, under Thành phố Huế) and stored again: joined
    from danvan_cli.engine import pipeline
    from danvan_cli.kinds.membership import MEMBERSHIP
    from danvan_cli.periods.store import sources_of
    from tests.conftest import write_workbook

    rows = [
        ["Thành phố Huế", "Xã Hương Vinh", "Ấp 1", "Hội Nông dân", 1, 100, 80],
        ["Thành phố Huế", "Xã Hương Vinh", "TDP 2", "Hội Nông dân", 1, 50, 40],
    ]
    header = [
        "Huyện",
        "Xã",
        "Thôn",
        "Đoàn thể",
        "Số chi hội",
        "Số hội viên",
        "Số ĐV, HV tham gia sinh hoạt",
    ]
    data = pipeline.check(MEMBERSHIP, [str(write_workbook(tmp_path / "hue.xlsx", rows, header))])
    with History.open(path) as history:
        history.store_period(
            parse_period("2026-08"), MEMBERSHIP, data.records, sources_of(data.tables)
        )
        assert history.apart() == []
    listed = cli("history", "list", "--db", path, "--lang", "en")
    assert "keeps" not in listed.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM units").fetchone() == (2,)


def test_units_kept_apart_are_found_by_their_index_and_named_in_one_query(tmp_path):
    """Both of Huế's pairs sent August twice: two groups apart. Storing a period looks for
    them through the index of short-keyed units (not every unit read), finds the units
    keyed in full beside them and names all the groups with one query each."""
    path = tmp_path / "danvan.db"
    records = [
        (1, "2026-08", "nong_dan", 100),
        (3, "2026-08", "nong_dan", 100),
        (2, "2026-08", "nong_dan", 50),
        (4, "2026-08", "nong_dan", 50),
    ]
    _version_3_file(path, records)
    statements: list[str] = []
    with History.open(path) as history:
        history.db.set_trace_callback(statements.append)
        apart = history.apart()
        history.db.set_trace_callback(None)
        reads = [sql for sql in statements if sql.startswith("SELECT") and "units" in sql]
        short = [sql for sql in reads if "GLOB" in sql]
        plan = history.db.execute(f"EXPLAIN QUERY PLAN {short[0]}").fetchall()
    assert [a.names for a in apart] == [
        (("Thành phố Huế", "Xã Hương Vinh", "Ấp 1"), ("TP. Huế", "Xã Hương Vinh", "Ấp 1")),
        (("Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 2"), ("TP. Huế", "Xã Hương Vinh", "TDP 2")),
    ]
    assert [row[3] for row in plan] == ["SCAN units USING INDEX units_short_keyed"]
    # the short-keyed units, those keyed in full beside them, all their names: three reads
    # of `units` for two groups (one per group and per unit before)
    assert len(reads) == 3


def test_a_migration_killed_halfway_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "danvan.db"
    _version_3_file(path, [(1, "2026-08", "nong_dan", 100), (3, "2026-09", "nong_dan", 110)])
    content = path.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path)],
        cwd=Path(schema.__file__).parents[2].parent,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 9, killed.stderr
    assert (tmp_path / "danvan.db-journal").exists()  # the unfinished transaction's
    with sqlite3.connect(path) as db:  # opening it rolls that back
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        assert db.execute("SELECT COUNT(*) FROM units").fetchone() == (4,)
    assert path.read_bytes() == content


KILLED = """
import os, sqlite3, sys
from danvan_cli.periods.history import History

class Dying(sqlite3.Connection):
    def execute(self, sql, *args):
        if sql.startswith("UPDATE records"):  # units re-keyed and deleted already
            os._exit(9)  # the process ends at once, mid-migration, as when killed
        return super().execute(sql, *args)

connect = sqlite3.connect
sqlite3.connect = lambda *args, **kwargs: connect(*args, factory=Dying, **kwargs)
History.open(sys.argv[1])
"""


def _body(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("│\\n").split("│")]
        for line in text.splitlines()
        if line.startswith("│")
    ]


def test_reading_an_older_history_leaves_the_file_as_it_was(cli, tmp_path):
    """trend, history list and compare --db read only (the file may be on a read-only
    share): an older version is brought up to date in memory for the run, not on disk."""
    path = tmp_path / "danvan.db"
    _version_3_file(path, [(3, "2026-08", "nong_dan", 110), (3, "2026-09", "nong_dan", 120)])
    written = path.read_bytes()
    listed = cli("history", "list", "--db", path, "--lang", "en")
    assert listed.exit_code == 0, listed.stderr
    assert "2026-09" in listed.stdout
    trend = cli("trend", "--level", "village", "--db", path, "--lang", "en")
    assert _body(trend.stdout)[-1] == ["Total", "", "", "110", "120", "_^"]
    assert path.read_bytes() == written
    with History.read(path) as history:
        assert history.db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)


def test_a_history_read_is_never_written(tmp_path):
    path = tmp_path / "danvan.db"
    History.open(path).close()
    with History.read(path) as history, pytest.raises(sqlite3.OperationalError, match="readonly"):
        history.db.execute("CREATE TABLE x (y)")
    with pytest.raises(sqlite3.DatabaseError):
        History.read(tmp_path / "missing.db")


def test_a_history_up_to_date_on_disk_keeping_units_apart_is_read_and_never_written(cli, tmp_path):
    """Once storing a period has brought the file up to date on disk, the commands that only
    read it (query_only) still find the units kept apart, through temporary tables."""
    path = tmp_path / "danvan.db"
    _version_3_file(path, [(1, "2026-08", "nong_dan", 100), (3, "2026-08", "nong_dan", 100)])
    History.open(path).close()
    written = path.read_bytes()
    listed = cli("history", "list", "--db", path, "--lang", "en")
    trend = cli("trend", "--level", "village", "--db", path, "--lang", "en")
    compared = cli("compare", "2026-08", "2026-08", "--db", path, "--lang", "en")
    for result in (listed, trend, compared):
        assert result.exit_code == 0, result.stderr
        assert "The history keeps the spellings of one unit apart" in " ".join(
            result.stderr.split()
        )
    assert "Thành phố Huế (TP. Huế)" in compared.stdout
    assert path.read_bytes() == written
    with History.read(path) as history:
        assert len(history.apart()) == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            history.db.execute("DELETE FROM records")
