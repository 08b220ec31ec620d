"""danvan rollup end to end: two months of commune files as units send them, run with a
config: outputs, who reported, the replacements, the history and a byte-identical re-run."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from danvan_cli.cli import rollup
from danvan_cli.cli.app import app
from danvan_cli.cli.compare import rolled_up
from danvan_cli.model.problems import NOTE_CODES
from danvan_cli.periods.calendar import parse_period, period_before
from danvan_cli.periods.history import History
from tests.commune_files import write_commune_file
from tests.conftest import write_commune_report

CONFIG = """\
submissions = "nop/{period}"
kind = "membership"
expected = "don_vi.csv"
deadline = 5
[outputs]
folder = "ket_qua"
name = "tong_hop_{period}"
formats = ["xlsx", "json", "csv"]
"""
UNITS = (
    "Huyện,Xã\nChâu Thành,Xã Tân An\nChâu Thành,Xã Long Vĩnh\nChâu Thành,Xã Phú Lộc\n"
    "Châu Thành,Xã Vị Thủy\n"
)


def _september(folder: Path) -> None:
    folder.mkdir(parents=True)
    month, on_time = "Tháng 9 năm 2026", datetime(2026, 10, 3, 9)
    write_commune_file(
        folder / "tan_an.xlsx",
        "Xã Tân An",
        month,
        [("Thôn 1", 3, 101), ("Thôn 2", 2, 50)],
        received=on_time,
    )
    write_commune_file(
        folder / "long_vinh.xlsx", "Xã Long Vĩnh", month, [("Ấp 1", 2, 70)], received=on_time
    )
    write_commune_file(
        folder / "phu_loc.xlsx", "Xã Phú Lộc", month, [("Ấp 1", 3, 60)], received=on_time
    )
    write_commune_file(
        folder / "vi_thuy.xlsx", "Xã Vị Thủy", month, [("Ấp 2", 2, 40)], received=on_time
    )


def _october(folder: Path) -> None:
    """Long Vĩnh has not sent; Phú Lộc's title misspells it; Tân An sent a corrected file;
    Vị Thủy's members jumped from 40 to 120."""
    folder.mkdir(parents=True)
    month = "Tháng 10 năm 2026"
    write_commune_file(
        folder / "tan_an.xlsx",
        "Xã Tân An",
        month,
        [("Thôn 1", 3, 101), ("Thôn 2", 2, 50)],
        dated="ngày 03 tháng 11 năm 2026",
        received=datetime(2026, 11, 3, 8),
    )
    write_commune_file(
        folder / "tan_an_sua_lai.xlsx",
        "Xã Tân An",
        month,
        [("Thôn 1", 3, 111), ("Thôn 2", 2, 50)],
        dated="ngày 06 tháng 11 năm 2026",
        received=datetime(2026, 11, 6, 15),
    )
    write_commune_file(
        folder / "phu_loc.xlsx",
        "XÃ PHÚ LÔC",
        month,
        [("Ấp 1", 3, 60)],
        received=datetime(2026, 11, 4, 9),
    )
    write_commune_file(
        folder / "vi_thuy.xlsx",
        "Xã Vị Thủy",
        month,
        [("Ấp 2", 2, 120)],
        received=datetime(2026, 11, 5, 12),
    )


def _office(tmp_path: Path) -> Path:
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG, encoding="utf-8")
    (tmp_path / "don_vi.csv").write_text(UNITS, encoding="utf-8")
    _september(tmp_path / "nop" / "2026-09")
    _october(tmp_path / "nop" / "2026-10")
    return config


def _outputs(tmp_path: Path, period: str) -> dict[str, bytes]:
    folder = tmp_path / "ket_qua"
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"tong_hop_{period}*"))}


def _cells(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_two_months_rolled_up_with_a_config(cli, tmp_path):
    config = _office(tmp_path)
    september = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert september.exit_code == 0, september.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.json").read_text("utf-8"))
    assert (document["total"]["branches"], document["total"]["members"]) == (12, 321)
    assert "Commune: 4 of 4 units reported; on time 4, late 0 (due 2026-10-05)" in september.stdout

    october = cli(
        "rollup", "--config", config, "--period", "2026-10", "--require-complete", "--lang", "en"
    )
    assert october.exit_code == 3, october.stderr  # ran, but units expected have not reported
    assert (
        "2 expected unit(s) have not reported: exit code 3 (--require-complete)." in october.stderr
    )
    folder = tmp_path / "ket_qua"
    assert sorted(_outputs(tmp_path, "2026-10")) == [
        "tong_hop_2026-10.compare.csv",
        "tong_hop_2026-10.compare.json",
        "tong_hop_2026-10.completeness.csv",
        "tong_hop_2026-10.completeness.json",
        "tong_hop_2026-10.csv",
        "tong_hop_2026-10.json",
        "tong_hop_2026-10.xlsx",
    ]
    document = json.loads((folder / "tong_hop_2026-10.json").read_text("utf-8"))
    # the corrected Tân An (161) replaced its first file (151), never added beside it
    assert (document["total"]["branches"], document["total"]["members"]) == (10, 341)
    communes = [row for row in document["rollups"]["commune"] if row["organization"] == "all"]
    members = {row["commune"]: row["members"] for row in communes}
    assert members == {"Xã Phú Lôc": 60, "Xã Tân An": 161, "Xã Vị Thủy": 120}
    codes = [
        (p["code"], Path(p["file"]).name)
        for p in document["problems"]
        if p["severity"] != "warning" or p["code"] in ("submission_replaced", "unit_not_expected")
    ]
    assert codes == [
        ("unit_not_expected", "phu_loc.xlsx"),
        ("submission_replaced", "tan_an_sua_lai.xlsx"),
    ]

    report = json.loads((folder / "tong_hop_2026-10.completeness.json").read_text("utf-8"))
    assert report["period"] == "2026-10" and report["deadline"] == "2026-11-05T23:59:59"
    assert report["levels"] == [
        {
            "level": "commune",
            "expected": 4,
            "reported": 2,
            "on_time": 1,
            "late": 1,
            "missing": ["Xã Long Vĩnh", "Xã Phú Lộc"],
            "not_expected": [{"unit": "Xã Phú Lôc", "closest": "Xã Phú Lộc"}],
            "formerly": [],
            "split": [],
        }
    ]
    assert [(u["unit"], u["status"], u["received"]) for u in report["units"]] == [
        ("Xã Long Vĩnh", "missing", None),
        ("Xã Phú Lôc", "not_expected", "2026-11-04T09:00:00"),
        ("Xã Phú Lộc", "missing", None),
        ("Xã Tân An", "late", "2026-11-06T15:00:00"),
        ("Xã Vị Thủy", "on_time", "2026-11-05T12:00:00"),
    ]
    october_folder = tmp_path / "nop" / "2026-10"
    assert report["replacements"] == [
        {
            "level": "commune",
            "unit": "Xã Tân An",
            "file": str(october_folder / "tan_an_sua_lai.xlsx"),
            "date": "2026-11-06",
            "replaced_file": str(october_folder / "tan_an.xlsx"),
            "replaced_date": "2026-11-03",
        }
    ]
    assert october.stdout.splitlines() == [
        "Period 2026-10: 4 file(s) sent, 3 added.",
        f"Replaced: Xã Tân An sent {october_folder / 'tan_an_sua_lai.xlsx'} again, replacing "
        f"{october_folder / 'tan_an.xlsx'}.",
        "Commune: 2 of 4 units reported; on time 1, late 1 (due 2026-11-05)",
        "  Not reported: Xã Long Vĩnh, Xã Phú Lộc",
        "  Not on the list: Xã Phú Lôc (Did you mean 'Xã Phú Lộc'?)",
        "By commune: 2 units in both, 1 appeared, 2 disappeared; 6 change(s) to look at.",
        "By village: 3 units in both, 1 appeared, 2 disappeared; 6 change(s) to look at.",
    ]
    compared = json.loads((folder / "tong_hop_2026-10.compare.json").read_text("utf-8"))
    assert (compared["old"], compared["new"], compared["threshold_percent"]) == (
        "2026-09",
        "2026-10",
        20,
    )
    jumps = [f for f in compared["flags"]["commune"]["change"] if f["organization"] == "all"]
    assert [(f["commune"], f["figure"], f["old"], f["new"], f["percent"]) for f in jumps] == [
        ("Xã Vị Thủy", "members", 40, 120, 200),
        ("Xã Vị Thủy", "members_per_branch", 20, 60, 200),
    ]  # Tân An's 151 -> 161 (6,6 %) is within the threshold
    csv_report = (folder / "tong_hop_2026-10.completeness.csv").read_text("utf-8-sig")
    assert csv_report.splitlines()[:2] == [
        "level,unit,status,received,closest,formerly,split_into",
        "commune,Xã Long Vĩnh,missing,,,,",
    ]

    with History.open(tmp_path / "danvan.db") as history:
        stored = [(s.period.code, s.kind, s.records) for s in history.periods()]
        kept = history.records("membership", [parse_period("2026-10")])
    assert stored == [("2026-09", "membership", 10), ("2026-10", "membership", 8)]
    assert kept["members"].sum() == 341 and set(kept["commune"]) == set(members)

    # the same inputs again: the same bytes, the same workbook, nothing added beside them
    first = _outputs(tmp_path, "2026-10")
    cells = _cells(folder / "tong_hop_2026-10.xlsx")
    again = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert again.exit_code == 0
    second = _outputs(tmp_path, "2026-10")
    assert sorted(first) == sorted(second)
    for name in first:
        if not name.endswith(".xlsx"):
            assert second[name] == first[name], name
    assert _cells(folder / "tong_hop_2026-10.xlsx") == cells
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*_outputs(tmp_path, "2026-09"), *second]
    )
    with History.open(tmp_path / "danvan.db") as history:  # the period replaced, not added
        assert [(s.period.code, s.records) for s in history.periods()] == [
            ("2026-09", 10),
            ("2026-10", 8),
        ]


def test_without_a_list_last_months_units_are_expected(cli, tmp_path):
    config = _office(tmp_path)
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    assert cli("rollup", "--config", config, "--period", "2026-09").exit_code == 0
    october = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert october.exit_code == 0
    assert october.stdout.splitlines()[2:] == [
        "Commune: 2 of 4 units reported; on time 1, late 1 (due 2026-11-05)",
        "  Not reported: Xã Long Vĩnh, Xã Phú Lộc",
        "  Not on the list: Xã Phú Lôc (Did you mean 'Xã Phú Lộc'?)",
        "Village: 3 of 5 units reported; on time 1, late 2 (due 2026-11-05)",
        "  Not reported: Xã Long Vĩnh / Ấp 1, Xã Phú Lộc / Ấp 1",
        "  Not on the list: Xã Phú Lôc / Ấp 1 (Did you mean 'Xã Phú Lộc / Ấp 1'?)",
        "By commune: 2 units in both, 1 appeared, 2 disappeared; 6 change(s) to look at.",
        "By village: 3 units in both, 1 appeared, 2 disappeared; 6 change(s) to look at.",
    ]
    report = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.completeness.json").read_text())
    assert report["expected_from"] == "history"
    listed = cli("history", "list", "--db", tmp_path / "danvan.db", "--lang", "en")
    assert listed.stdout.split("Units that reported, per period:\n")[1].splitlines() == [
        "2026-09 (membership), commune level: reported 4 (no list of units expected)",
        "2026-09 (membership), village level: reported 5 (no list of units expected)",
        "2026-10 (membership), commune level: expected 4, reported 2, missing 2",
        "2026-10 (membership), village level: expected 5, reported 3, missing 2",
    ]


def test_a_run_stopped_while_keeping_the_records_leaves_the_history_as_it_was(
    cli, tmp_path, monkeypatch
):
    config = _office(tmp_path)
    assert cli("rollup", "--config", config, "--period", "2026-10").exit_code == 0
    database = tmp_path / "danvan.db"
    with History.open(database) as history:
        before = history.records("membership", [parse_period("2026-10")])
    write_commune_file(  # a file more, then the run is stopped halfway through storing
        tmp_path / "nop" / "2026-10" / "long_vinh.xlsx",
        "Xã Long Vĩnh",
        "Tháng 10 năm 2026",
        [("Ấp 1", 2, 75)],
    )

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("danvan_cli.periods.store._record_rows", stopped)
    result = CliRunner().invoke(app, ["rollup", "--config", str(config), "--period", "2026-10"])
    assert result.exit_code != 0  # stopped (click says so with 130, as a shell does)
    with History.open(database) as history:
        after = history.records("membership", [parse_period("2026-10")])
        assert [(s.period.code, s.records) for s in history.periods()] == [("2026-10", 8)]
    pd.testing.assert_frame_equal(after, before)


def test_init_writes_a_config_rollup_accepts_as_it_is(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    assert cli("init", config).exit_code == 0
    text = config.read_text("utf-8")
    assert "# Tệp cấu hình" in text and "# The config" in text
    assert cli("init", config).exit_code == 2  # never over a file
    folder = tmp_path / "nop" / "2026-10"
    folder.mkdir(parents=True)
    write_commune_file(
        folder / "tan_an.xlsx", "Xã Tân An", "Tháng 10 năm 2026", [("Thôn 1", 3, 101)]
    )
    result = cli("rollup", "--config", config, "--period", "2026-10")
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.json").read_text("utf-8"))
    assert document["total"]["members"] == 101
    assert result.stdout.splitlines()[-2:] == [
        "Xã: 1 đơn vị đã gửi báo cáo (không có danh sách đơn vị phải gửi).",
        "Thôn: 1 đơn vị đã gửi báo cáo (không có danh sách đơn vị phải gửi).",
    ]


def test_a_config_with_mistakes_is_said_by_line_and_nothing_is_read(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    config.write_text('submissions = "nop"\nkind = "member"\n', encoding="utf-8")
    result = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error {config}, line 1: 'submissions' = \"nop\" has no {{period}} in it: every "
        "period would share one folder or one output file. (expected: {period} where the "
        'period goes, e.g. "nop/{period}/*.xlsx")',
        f"Error {config}, line 2: 'kind' = \"member\" is not one of its values. (expected: "
        "one of: auto, membership, models)",
    ]
    assert not (tmp_path / "ket_qua").exists()


def test_a_month_of_another_months_files_only_adds_nothing(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    _september(tmp_path / "nop" / "2026-10")  # September's files in October's folder
    result = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.json").read_text("utf-8"))
    assert document["total"] is None
    said = [(p["code"], Path(p["file"]).name, p["value"]) for p in document["problems"]]
    assert said[0] == ("submission_other_period", "long_vinh.xlsx", "Tháng 9 năm 2026")
    assert {code for code, _, _ in said} == {"submission_other_period"} and len(said) == 4
    assert not (tmp_path / "ket_qua" / "tong_hop_2026-10.csv").exists()  # no figures to write
    assert not (tmp_path / "danvan.db").exists()


def test_a_quarter_is_built_from_its_months_in_the_history(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    members = {7: (100, 50), 8: (110, 60), 9: (120, None)}  # Long Vĩnh has not sent September
    for month, (tan_an, long_vinh) in members.items():
        folder = tmp_path / "nop" / f"2026-{month:02d}"
        folder.mkdir(parents=True)
        title = f"Tháng {month} năm 2026"
        write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", title, [("Thôn 1", 3, tan_an)])
        if long_vinh:
            write_commune_file(folder / "lv.xlsx", "Xã Long Vĩnh", title, [("Ấp 1", 2, long_vinh)])
        assert cli("rollup", "--config", config, "--period", f"2026-{month:02d}").exit_code == 0
    quarter = cli("rollup", "--config", config, "--period", "2026-Q3", "--lang", "en")
    assert quarter.exit_code == 0, quarter.stderr
    assert quarter.stdout.splitlines() == [
        "Period 2026-Q3: built from 3 month(s) in the history (2026-07, 2026-08, 2026-09).",
        "  Xã Long Vĩnh / Ấp 1: stocks (branches, members ...) as of 2026-08",
        "  Xã Long Vĩnh (commune): no report for 2026-09",
    ]
    # which months each unit reported, in the quarter's completeness report
    folder = tmp_path / "ket_qua"
    report = json.loads((folder / "tong_hop_2026-Q3.completeness.json").read_text("utf-8"))
    assert report == {
        "period": "2026-Q3",
        "months": ["2026-07", "2026-08", "2026-09"],
        "months_missing": [],
        "units": [
            {
                "level": "commune",
                "unit": "Xã Long Vĩnh",
                "months": ["2026-07", "2026-08"],
                "missing": ["2026-09"],
            },
            {
                "level": "commune",
                "unit": "Xã Tân An",
                "months": ["2026-07", "2026-08", "2026-09"],
                "missing": [],
            },
            {
                "level": "village",
                "unit": "Xã Long Vĩnh / Ấp 1",
                "months": ["2026-07", "2026-08"],
                "missing": ["2026-09"],
            },
            {
                "level": "village",
                "unit": "Xã Tân An / Thôn 1",
                "months": ["2026-07", "2026-08", "2026-09"],
                "missing": [],
            },
        ],
    }
    csv_lines = (folder / "tong_hop_2026-Q3.completeness.csv").read_text("utf-8-sig").splitlines()
    assert csv_lines[:2] == [
        "level,unit,months,missing",
        "commune,Xã Long Vĩnh,2026-07 2026-08,2026-09",
    ]
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-Q3.json").read_text("utf-8"))
    # members are a stock: each commune's last month, never the sum of the three months
    assert (document["total"]["branches"], document["total"]["members"]) == (5, 180)
    communes = [r for r in document["rollups"]["commune"] if r["organization"] == "all"]
    assert [(r["commune"], r["members"], r.get("as_of")) for r in communes] == [
        ("Xã Long Vĩnh", 60, "2026-08"),
        ("Xã Tân An", 120, "2026-09"),
    ]
    half = cli("rollup", "--config", config, "--period", "2026-H2", "--require-complete")
    assert half.exit_code == 3  # October to December are not in the history


def test_a_longer_period_without_a_history_is_said(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG, encoding="utf-8")
    result = cli("rollup", "--config", config, "--period", "2026", "--lang", "en")
    assert result.exit_code == 1
    assert "holds no month of 2026: run danvan rollup for each month first." in result.stderr


def test_a_quarters_own_reports_are_read_and_compared_with_the_quarter_before(cli, tmp_path):
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    for code, title, members in (
        ("2026-Q2", "Quý II năm 2026", 100),
        ("2026-Q3", "QUÝ III/2026", 130),
    ):
        folder = tmp_path / "nop" / code
        folder.mkdir(parents=True)
        write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", title, [("Thôn 1", 3, members)])
        result = cli("rollup", "--config", config, "--period", code, "--lang", "en")
        assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Period 2026-Q3: 1 file(s) sent, 1 added."
    compared = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-Q3.compare.json").read_text())
    assert (compared["old"], compared["new"]) == ("2026-Q2", "2026-Q3")
    (flag,) = [
        f
        for f in compared["flags"]["commune"]["change"]
        if f["figure"] == "members" and f["organization"] == "all"
    ]
    assert (flag["old"], flag["new"], flag["percent"]) == (100, 130, 30)


@pytest.mark.parametrize(
    ("code", "before"),
    [
        ("2026-01", "2025-12"),
        ("2026-10", "2026-09"),
        ("2026-Q1", "2025-Q4"),
        ("2026-H2", "2026-H1"),
        ("2026-9M", "2025-9M"),
        ("2026", "2025"),
    ],
)
def test_the_period_before(code, before):
    assert period_before(parse_period(code)).code == before


def test_quiet_says_no_file_written(cli, tmp_path):
    config = _office(tmp_path)
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    assert cli("rollup", "--config", config, "--period", "2026-09").exit_code == 0
    said = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    quiet = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en", "-q")
    assert "Wrote" in said.stderr  # the outputs, the completeness and the comparison
    assert quiet.exit_code == 0
    assert "Wrote" not in quiet.stderr
    assert quiet.stdout == said.stdout


def _district_office(folder: Path, district: str, communes: dict[str, list]) -> Path:
    """A district office's config and September's files of its `communes` (name: villages),
    whose titles name the district."""
    config = folder / "danvan.toml"
    folder.mkdir()
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    (folder / "nop" / "2026-09").mkdir(parents=True)
    for number, (commune, villages) in enumerate(communes.items()):
        path = folder / "nop" / "2026-09" / f"xa_{number}.xlsx"
        write_commune_file(path, commune, "Tháng 9 năm 2026", villages, district=district)
    return config


def test_a_province_rolls_up_its_districts_outputs(cli, tmp_path):
    """Level by level: each district runs rollup on its communes' files; the province runs
    the same config on the districts' workbooks, summing their villages once."""
    districts = {
        "Huyện Châu Thành": {"Xã Tân An": [("Thôn 1", 3, 101)], "Xã Phú Hữu": [("Ấp 1", 2, 40)]},
        "Huyện Long Mỹ": {"Xã Tân An": [("Ấp 2", 4, 90), ("Ấp 3", 1, 9)]},
    }
    province = tmp_path / "tinh"
    (province / "nop" / "2026-09").mkdir(parents=True)
    (province / "danvan.toml").write_text(
        CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8"
    )
    for number, (district, communes) in enumerate(districts.items()):
        config = _district_office(tmp_path / f"huyen_{number}", district, communes)
        assert cli("rollup", "--config", config, "--period", "2026-09", "-q").exit_code == 0
        output = config.parent / "ket_qua" / "tong_hop_2026-09.xlsx"
        (province / "nop" / "2026-09" / f"huyen_{number}.xlsx").write_bytes(output.read_bytes())
    result = cli("rollup", "--config", province / "danvan.toml", "--period", "2026-09", "-q")
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(province / "ket_qua" / "tong_hop_2026-09.csv", encoding="utf-8-sig")
    alls = rows[rows["organization"] == "all"]
    by_district = alls[alls["level"] == "district"].set_index("district")["members"]
    assert by_district.to_dict() == {"Huyện Châu Thành": 141, "Huyện Long Mỹ": 99}
    by_commune = alls[alls["level"] == "commune"].set_index(["district", "commune"])["members"]
    assert by_commune.to_dict() == {  # two communes named alike, kept apart by their district
        ("Huyện Châu Thành", "Xã Phú Hữu"): 40,
        ("Huyện Châu Thành", "Xã Tân An"): 101,
        ("Huyện Long Mỹ", "Xã Tân An"): 99,
    }
    assert alls[alls["level"] == "village"]["branches"].sum() == 3 + 2 + 4 + 1


def test_history_list_shows_who_reported_in_each_period_a_rerun_replaces_it(cli, tmp_path):
    config = _office(tmp_path)
    for month in ("2026-09", "2026-10"):
        assert cli("rollup", "--config", config, "--period", month).exit_code == 0
    listed = cli("history", "list", "--db", tmp_path / "danvan.db")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.split("Đơn vị gửi báo cáo theo kỳ:\n")[1].splitlines() == [
        "2026-09 (membership), cấp xã: phải gửi 4, đã gửi 4, thiếu 0",
        "2026-10 (membership), cấp xã: phải gửi 4, đã gửi 2, thiếu 2",
    ]
    # Long Vĩnh sends October late: the period stored again, its counts replaced
    write_commune_file(
        tmp_path / "nop" / "2026-10" / "long_vinh.xlsx",
        "Xã Long Vĩnh",
        "Tháng 10 năm 2026",
        [("Ấp 1", 2, 70)],
        received=datetime(2026, 11, 9, 8),
    )
    assert cli("rollup", "--config", config, "--period", "2026-10").exit_code == 0
    english = cli("history", "list", "--db", tmp_path / "danvan.db", "--lang", "en")
    assert english.stdout.split("Units that reported, per period:\n")[1].splitlines() == [
        "2026-09 (membership), commune level: expected 4, reported 4, missing 0",
        "2026-10 (membership), commune level: expected 4, reported 3, missing 1",
    ]


def test_dates_are_written_day_first_in_vietnamese(cli, tmp_path):
    config = _office(tmp_path)
    september = cli("rollup", "--config", config, "--period", "2026-09", "-q")
    assert "đúng hạn 4, muộn 0 (hạn 05/10/2026)" in september.stdout
    october = cli("rollup", "--config", config, "--period", "2026-10", "-q")
    assert "(ngày 06/11/2026, sau ngày 03/11/2026)" in october.stderr  # the corrected file


def test_communes_named_as_before_2025_count_for_todays_with_a_note(cli, tmp_path):
    """With the official list: a commune file still under its old name (or under a district
    that no longer exists) counts for today's commune it went into, said with both names;
    one split over two communes of today is named with both and counted for neither."""
    pytest.importorskip("vietnamadminunits")
    config = tmp_path / "danvan.toml"
    config.write_text(
        CONFIG.replace('expected = "don_vi.csv"', 'official = "Cần Thơ"'), encoding="utf-8"
    )
    folder = tmp_path / "nop" / "2026-10"
    folder.mkdir(parents=True)
    month, sent = "Tháng 10 năm 2026", datetime(2026, 11, 2, 9)
    files = {  # file: (commune, district, villages); Phường Ninh Kiều is today's name
        "a.xlsx": ("Phường Ninh Kiều", "Quận Ninh Kiều", [("Khu vực 1", 2, 40)]),
        "b.xlsx": ("Phường Thới Bình", "Quận Ninh Kiều", [("Khu vực 2", 2, 15)]),
        "c.xlsx": ("Phường An Hòa", "Quận Ninh Kiều", [("Khu vực 3", 3, 30)]),
        "d.xlsx": ("Xã Tân Thạnh", "Huyện Thới Lai", [("Ấp 1", 2, 22)]),
    }
    for name, (commune, district, villages) in files.items():
        write_commune_file(folder / name, commune, month, villages, district=district)
    for path in folder.iterdir():
        os.utime(path, (sent.timestamp(), sent.timestamp()))
    result = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  Not reported")]
    assert lines[:4] == [
        "Period 2026-10: 4 file(s) sent, 4 added.",
        "Commune: 2 of 103 units reported; on time 2, late 0 (due 2026-11-05)",
        "  Named as before 1 July 2025: Phường An Hòa (Quận Ninh Kiều) → Phường Cái Khế; "
        "Phường Thới Bình (Quận Ninh Kiều) → Phường Ninh Kiều",
        "  Named as before 1 July 2025, now part of several units, counted for none: "
        "Xã Tân Thạnh (Huyện Thới Lai) → Xã Tân Thạnh, Xã Trường Thành",
    ]
    report = json.loads(
        (tmp_path / "ket_qua" / "tong_hop_2026-10.completeness.json").read_text("utf-8")
    )
    (commune,) = report["levels"]
    assert (commune["expected"], commune["reported"], commune["not_expected"]) == (103, 2, [])
    assert commune["formerly"] == [
        {"unit": "Phường Cái Khế", "formerly": ["Phường An Hòa (Quận Ninh Kiều)"]},
        {"unit": "Phường Ninh Kiều", "formerly": ["Phường Thới Bình (Quận Ninh Kiều)"]},
    ]
    assert commune["split"] == [
        {
            "unit": "Xã Tân Thạnh",
            "formerly": "Xã Tân Thạnh (Huyện Thới Lai)",
            "into": ["Xã Tân Thạnh", "Xã Trường Thành"],
        }
    ]
    problems = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.json").read_text("utf-8"))
    notes = [
        (Path(p["file"]).name, p["code"], p["message"])
        for p in problems["problems"]
        if p["code"].startswith("unit_former")
    ]
    assert notes == [
        (
            "b.xlsx",
            "unit_former_name",
            "The commune 'Phường Thới Bình' is named as before 1 July 2025 (Phường Thới Bình "
            "(Quận Ninh Kiều)); it is now 'Phường Ninh Kiều' and is counted as it.",
        ),
        (
            "c.xlsx",
            "unit_former_name",
            "The commune 'Phường An Hòa' is named as before 1 July 2025 (Phường An Hòa "
            "(Quận Ninh Kiều)); it is now 'Phường Cái Khế' and is counted as it.",
        ),
        (
            "d.xlsx",
            "unit_former_unclear",
            "The commune 'Xã Tân Thạnh' is named as before 1 July 2025 (Xã Tân Thạnh "
            "(Huyện Thới Lai)), which is now part of several units: Xã Tân Thạnh, "
            "Xã Trường Thành; it is counted for none of them.",
        ),
    ]
    # the roll-up keeps the communes as their files name them, under their districts
    rows = pd.read_csv(tmp_path / "ket_qua" / "tong_hop_2026-10.csv", encoding="utf-8-sig")
    alls = rows[(rows["organization"] == "all") & (rows["level"] == "commune")]
    assert alls.set_index("commune")["members"].to_dict() == {
        "Phường An Hòa": 30,
        "Phường Ninh Kiều": 40,
        "Phường Thới Bình": 15,
        "Xã Tân Thạnh": 22,
    }


def test_the_offices_own_unit_is_the_level_above_communes_that_do_not_name_it(cli, tmp_path):
    """`unit = "Huyện ..."`: the communes' files name no district, yet each district's
    outputs have it as their top level, and the province tells two Xã Tân An apart."""
    districts = {
        "Huyện Châu Thành": {"Xã Tân An": [("Thôn 1", 3, 101)], "Xã Phú Hữu": [("Ấp 1", 2, 40)]},
        "Huyện Long Mỹ": {"Xã Tân An": [("Ấp 2", 4, 90), ("Ấp 3", 1, 9)]},
    }
    province = tmp_path / "tinh"
    (province / "nop" / "2026-09").mkdir(parents=True)
    (province / "danvan.toml").write_text(
        CONFIG.replace('expected = "don_vi.csv"\n', 'unit = "Tỉnh Hậu Giang"\n'), encoding="utf-8"
    )
    for number, (district, communes) in enumerate(districts.items()):
        folder = tmp_path / f"huyen_{number}"
        (folder / "nop" / "2026-09").mkdir(parents=True)
        config = folder / "danvan.toml"
        config.write_text(
            CONFIG.replace('expected = "don_vi.csv"\n', f'unit = "{district}"\n'), encoding="utf-8"
        )
        for commune, villages in communes.items():
            path = folder / "nop" / "2026-09" / f"{commune}.xlsx"
            write_commune_file(path, commune, "Tháng 9 năm 2026", villages)  # no district named
        assert cli("rollup", "--config", config, "--period", "2026-09", "-q").exit_code == 0
        output = folder / "ket_qua" / "tong_hop_2026-09.xlsx"
        (province / "nop" / "2026-09" / f"huyen_{number}.xlsx").write_bytes(output.read_bytes())
    district_rows = pd.read_csv(
        tmp_path / "huyen_0" / "ket_qua" / "tong_hop_2026-09.csv", encoding="utf-8-sig"
    )
    assert list(district_rows.columns[:4]) == ["level", "district", "commune", "village"]
    top = district_rows[
        (district_rows["level"] == "district") & (district_rows["organization"] == "all")
    ]
    assert top[["district", "branches", "members"]].values.tolist() == [
        ["Huyện Châu Thành", 5, 141]
    ]

    result = cli("rollup", "--config", province / "danvan.toml", "--period", "2026-09", "-q")
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(province / "ket_qua" / "tong_hop_2026-09.csv", encoding="utf-8-sig")
    alls = rows[rows["organization"] == "all"]
    by_province = alls[alls["level"] == "province"].set_index("province")["members"]
    assert by_province.to_dict() == {"Tỉnh Hậu Giang": 240}
    by_commune = alls[alls["level"] == "commune"].set_index(["district", "commune"])["members"]
    assert by_commune.to_dict() == {
        ("Huyện Châu Thành", "Xã Phú Hữu"): 40,
        ("Huyện Châu Thành", "Xã Tân An"): 101,
        ("Huyện Long Mỹ", "Xã Tân An"): 99,
    }


def _trend_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("│\n").split("│")]
        for line in text.splitlines()
        if line.startswith("│")
    ]


def _months(cli, tmp_path: Path, config_text: str, months: dict[str, dict[str, int]]) -> Path:
    """A config and its months' commune files (commune: members, two branches each), each
    month rolled up into the history."""
    config = tmp_path / "danvan.toml"
    config.write_text(config_text, encoding="utf-8")
    for code, communes in months.items():
        folder = tmp_path / "nop" / code
        folder.mkdir(parents=True)
        year, month = code.split("-")
        for number, (commune, members) in enumerate(communes.items()):
            title = f"Tháng {int(month)} năm {year}"
            write_commune_file(folder / f"{number}.xlsx", commune, title, [("Ấp 1", 2, members)])
        assert cli("rollup", "--config", config, "--period", code, "-q").exit_code == 0
    return config


def test_without_a_list_a_unit_back_after_missing_a_month_is_expected(cli, tmp_path):
    """Without a list, a commune that missed October and reports in November is counted as
    reporting, not 'not on the list' with its neighbour's name suggested; a commune the
    history has never had still is."""
    months = {
        "2026-09": {"Xã Tân An": 100, "Xã Phú Lộc": 60, "Xã Phú Lợi": 70},
        "2026-10": {"Xã Tân An": 101, "Xã Phú Lợi": 71},
    }
    config = _months(cli, tmp_path, CONFIG.replace('expected = "don_vi.csv"\n', ""), months)
    folder = tmp_path / "nop" / "2026-11"
    folder.mkdir()
    for number, commune in enumerate(("Xã Tân An", "Xã Phú Lộc", "Xã Phú Lợi", "Xã Mỹ Hòa")):
        write_commune_file(
            folder / f"{number}.xlsx", commune, "Tháng 11 năm 2026", [("Ấp 1", 2, 50)]
        )
    november = cli("rollup", "--config", config, "--period", "2026-11", "--lang", "en")
    assert november.exit_code == 0
    lines = november.stdout.splitlines()
    assert lines[1].startswith("Commune: 3 of 3 units reported;")
    assert lines[2] == "  Not on the list: Xã Mỹ Hòa"
    assert lines[3].startswith("Village: 3 of 3 units reported;")
    assert lines[4] == "  Not on the list: Xã Mỹ Hòa / Ấp 1"
    not_expected = [line for line in november.stderr.splitlines() if "not on the list" in line]
    assert len(not_expected) == 2  # the commune and its village, both in Mỹ Hòa's file
    assert all("3.xlsx, sheet" in line for line in not_expected)


def test_trend_shows_a_unit_renamed_in_the_config_as_one_series(cli, tmp_path):
    text = CONFIG.replace('expected = "don_vi.csv"\n', "").replace(
        "[outputs]", '[renamed]\n"Xã Long Vĩnh" = "Xã Long Vĩnh Đông"\n[outputs]'
    )
    config = _months(
        cli,
        tmp_path,
        text,
        {
            "2026-09": {"Xã Tân An": 100, "Xã Long Vĩnh": 70},
            "2026-10": {"Xã Tân An": 104, "Xã Long Vĩnh Đông": 75},
        },
    )
    apart = cli("trend", "--level", "commune", "--db", tmp_path / "danvan.db", "--lang", "en")
    assert [row[0] for row in _trend_rows(apart.stdout)] == [
        "Xã Long Vĩnh",
        "Xã Long Vĩnh Đông",
        "Xã Tân An",
        "Total",
    ]  # the history alone knows no rename
    result = cli("trend", "--level", "commune", "--config", config, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert _trend_rows(result.stdout) == [
        ["Xã Long Vĩnh Đông", "70", "75", "_^"],
        ["Xã Tân An", "100", "104", "_^"],
        ["Total", "170", "179", "_^"],
    ]
    assert (
        "'Xã Long Vĩnh' (2026-09) is now 'Xã Long Vĩnh Đông' (renamed in the config): one "
        "series." in result.stdout
    )


def test_trend_follows_a_communes_name_before_2025_to_todays(cli, tmp_path):
    pytest.importorskip("vietnamadminunits")
    text = CONFIG.replace('expected = "don_vi.csv"', 'official = "Cần Thơ"')
    config = _months(
        cli,
        tmp_path,
        text,
        {
            "2026-09": {"Phường Thới Bình": 15, "Phường Cái Khế": 30},
            "2026-10": {"Phường Ninh Kiều": 18, "Phường Cái Khế": 31},
        },
    )
    result = cli("trend", "--level", "commune", "--config", config, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert _trend_rows(result.stdout) == [
        ["Phường Cái Khế", "30", "31", "_^"],
        ["Phường Ninh Kiều", "15", "18", "_^"],
        ["Total", "45", "49", "_^"],
    ]
    assert (
        "'Phường Thới Bình' (2026-09) is the name before 1 July 2025 of 'Phường Ninh Kiều': "
        "one series." in result.stdout
    )


def test_a_file_naming_another_unit_than_the_offices_is_said(cli, tmp_path):
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    config = tmp_path / "danvan.toml"
    config.write_text(
        CONFIG.replace('expected = "don_vi.csv"\n', 'unit = "Huyện Châu Thành"\n'), encoding="utf-8"
    )
    month = "Tháng 9 năm 2026"
    write_commune_file(
        folder / "a.xlsx", "Xã Tân An", month, [("Ấp 1", 2, 20)], district="Huyện Châu Thành"
    )
    write_commune_file(
        folder / "b.xlsx", "Xã Tân Phú", month, [("Ấp 2", 2, 30)], district="Huyện Long Mỹ"
    )
    result = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.json").read_text("utf-8"))
    said = [
        (Path(p["file"]).name, p["row"], p["message"])
        for p in document["problems"]
        if p["code"] == "unit_not_the_offices"
    ]
    assert said == [
        (
            "b.xlsx",
            8,
            "The file names the district 'Huyện Long Mỹ', not 'Huyện Châu Thành' (the config's "
            "own unit, key unit): it is added, under 'Huyện Long Mỹ'.",
        )
    ]
    districts = [
        r["district"] for r in document["rollups"]["district"] if r["organization"] == "all"
    ]
    assert districts == ["Huyện Châu Thành", "Huyện Long Mỹ"]


def _mixed_district(tmp_path: Path, unit: str | None) -> Path:
    """A district's September: Tân An's file names Huyện Châu Thành above it, Phú Hữu's
    names no district, Tân Phú's names Huyện Long Mỹ; the config names `unit` (or none)."""
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    config = tmp_path / "danvan.toml"
    own = "" if unit is None else f'unit = "{unit}"\n'
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', own), encoding="utf-8")
    month = "Tháng 9 năm 2026"
    write_commune_file(
        folder / "a.xlsx",
        "Xã Tân An",
        month,
        [("Ấp 1", 3, 101), ("Ấp 2", 2, 50)],
        district="Huyện Châu Thành",
    )
    write_commune_file(folder / "b.xlsx", "Xã Phú Hữu", month, [("Ấp 1", 2, 40)])
    write_commune_file(
        folder / "c.xlsx", "Xã Tân Phú", month, [("Ấp 2", 2, 30)], district="Huyện Long Mỹ"
    )
    return config


def test_files_naming_the_offices_district_and_files_not_naming_it_are_added_together(
    cli, tmp_path
):
    """`unit = "Huyện Châu Thành"`: Phú Hữu's file, naming no district, is under it beside
    Tân An's, which names it; Tân Phú's, naming Huyện Long Mỹ, is added under that, said."""
    config = _mixed_district(tmp_path, "Huyện Châu Thành")
    result = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.json").read_text("utf-8"))
    said = [
        (p["code"], Path(p["file"]).name, p["row"], p["value"])
        for p in document["problems"]
        if p["code"] not in NOTE_CODES
    ]
    assert said == [("unit_not_the_offices", "c.xlsx", 8, "Huyện Long Mỹ")]
    alls = [r for r in document["rollups"]["district"] if r["organization"] == "all"]
    # Châu Thành: Tân An 3 + 2 branches, 101 + 50 members; Phú Hữu 2 and 40
    assert [(r["district"], r["branches"], r["members"]) for r in alls] == [
        ("Huyện Châu Thành", 7, 191),
        ("Huyện Long Mỹ", 2, 30),
    ]
    communes = [r for r in document["rollups"]["commune"] if r["organization"] == "all"]
    assert [(r["district"], r["commune"], r["members"]) for r in communes] == [
        ("Huyện Châu Thành", "Xã Phú Hữu", 40),
        ("Huyện Châu Thành", "Xã Tân An", 151),
        ("Huyện Long Mỹ", "Xã Tân Phú", 30),
    ]


def test_without_the_offices_unit_files_with_and_without_a_district_are_not_mixed(cli, tmp_path):
    config = _mixed_district(tmp_path, None)
    result = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.json").read_text("utf-8"))
    errors = [
        (p["code"], Path(p["file"]).name, p["row"])
        for p in document["problems"]
        if p["severity"] == "error"
    ]
    assert errors == [("unit_not_found", "b.xlsx", 6)]  # no column, no title names it
    assert document["rollups"] == {}


def test_a_communes_file_naming_the_offices_district_replaces_its_earlier_one_not(cli, tmp_path):
    """Tân An's first file names no district, its corrected one names the office's: one
    commune, the corrected file counted alone."""
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    config = tmp_path / "danvan.toml"
    config.write_text(
        CONFIG.replace('expected = "don_vi.csv"\n', 'unit = "Huyện Châu Thành"\n'), encoding="utf-8"
    )
    month = "Tháng 9 năm 2026"
    write_commune_file(
        folder / "tan_an.xlsx",
        "Xã Tân An",
        month,
        [("Ấp 1", 3, 101)],
        received=datetime(2026, 10, 2, 8),
    )
    write_commune_file(
        folder / "tan_an_sua.xlsx",
        "Xã Tân An",
        month,
        [("Ấp 1", 3, 111)],
        received=datetime(2026, 10, 4, 8),
        district="Huyện Châu Thành",
    )
    result = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    document = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.json").read_text("utf-8"))
    alls = [r for r in document["rollups"]["district"] if r["organization"] == "all"]
    assert [(r["district"], r["members"]) for r in alls] == [("Huyện Châu Thành", 111)]


def test_official_true_writes_the_official_workbook_beside_the_data(cli, tmp_path):
    config = _office(tmp_path)
    text = config.read_text("utf-8").replace(
        'formats = ["xlsx", "json", "csv"]', 'formats = ["xlsx"]'
    )
    config.write_text(text + 'official = true\npaper = "A3"\n', encoding="utf-8")
    result = cli("rollup", "--config", config, "--period", "2026-09")
    assert result.exit_code == 0, result.stderr
    assert "tong_hop_2026-09.bao_cao.xlsx" in _outputs(tmp_path, "2026-09")
    official = load_workbook(tmp_path / "ket_qua" / "tong_hop_2026-09.bao_cao.xlsx")
    assert {s.page_setup.paperSize for s in official.worksheets} == {8}  # A3, every sheet
    sheet = official["Xã"]
    assert sheet["A6"].value == "Tháng 9 năm 2026"
    texts = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    total = texts[texts.index("Tổng cộng") :]
    assert total[1:3] == [12, 321]  # branches, members: the roll-up's
    data = _cells(tmp_path / "ket_qua" / "tong_hop_2026-09.xlsx")
    assert data["Xã"][0][0] == "STT"  # the data workbook, as without `official`


def test_a_unit_written_two_ways_over_two_months_is_one_unit_printed_canonically(cli, tmp_path):
    """August's files write "TDP 1" and "ấp đông hoà", September's "Tổ dân phố 1" and "Ấp
    Đông Hòa": one unit each in who reported (against August's units), in the quarter's
    months per unit, and in trend, printed as summarize prints them."""
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    villages = {8: ("TDP 1", "ấp đông hoà"), 9: ("Tổ dân phố 1", "Ấp Đông Hòa")}
    runs = {}
    for month, (first, second) in villages.items():
        folder = tmp_path / "nop" / f"2026-{month:02d}"
        folder.mkdir(parents=True)
        rows = [(first, 2, 40 + month), (second, 2, 60 + month)]
        write_commune_file(folder / "dong_hoa.xlsx", "XÃ ĐÔNG HOÀ", f"Tháng {month} năm 2026", rows)
        code = f"2026-{month:02d}"
        runs[code] = cli("rollup", "--config", config, "--period", code, "--lang", "en")
        assert runs[code].exit_code == 0, runs[code].stderr
    assert runs["2026-09"].stdout.splitlines()[1:3] == [
        "Commune: 1 of 1 units reported; on time 0, late 1 (due 2026-10-05)",
        "Village: 2 of 2 units reported; on time 0, late 2 (due 2026-10-05)",
    ]
    quarter = cli("rollup", "--config", config, "--period", "2026-Q3", "--lang", "en")
    assert quarter.exit_code == 0, quarter.stderr
    report = json.loads(
        (tmp_path / "ket_qua" / "tong_hop_2026-Q3.completeness.json").read_text("utf-8")
    )
    assert [(u["unit"], u["months"]) for u in report["units"]] == [
        ("Xã Đông Hòa", ["2026-08", "2026-09"]),
        ("Xã Đông Hòa / Ấp Đông Hòa", ["2026-08", "2026-09"]),
        ("Xã Đông Hòa / Tổ dân phố 1", ["2026-08", "2026-09"]),
    ]
    trend = cli("trend", "--level", "village", "--config", config, "--lang", "en")
    assert trend.exit_code == 0, trend.stderr
    assert _trend_rows(trend.stdout) == [
        ["Xã Đông Hòa", "Ấp Đông Hòa", "68", "69", "_^"],
        ["Xã Đông Hòa", "Tổ dân phố 1", "48", "49", "_^"],
        ["Total", "", "116", "118", "_^"],
    ]


def test_a_list_of_units_written_otherwise_than_the_files_is_matched_and_printed_canonically(
    cli, tmp_path
):
    """The list writes "xã đông hoà / TDP 1", the file "Xã Đông Hòa / Tổ dân phố 1": one
    unit; the missing and the unlisted units print as summarize prints them."""
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG, encoding="utf-8")
    (tmp_path / "don_vi.csv").write_text(
        "Xã,Thôn\nxã đông hoà,TDP 1\nxã đông hoà,ấp đông hoà\nxã đông hoà,ấp bình an\n",
        encoding="utf-8",
    )
    folder = tmp_path / "nop" / "2026-09"
    folder.mkdir(parents=True)
    rows = [("Tổ dân phố 1", 2, 40), ("Ấp Đông Hòa", 2, 60), ("ấp mới", 1, 10)]
    write_commune_file(
        folder / "dong_hoa.xlsx",
        "Xã Đông Hòa",
        "Tháng 9 năm 2026",
        rows,
        received=datetime(2026, 10, 2),
    )
    result = cli("rollup", "--config", config, "--period", "2026-09", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "Commune: 1 of 1 units reported; on time 1, late 0 (due 2026-10-05)",
        "Village: 2 of 3 units reported; on time 2, late 0 (due 2026-10-05)",
        "  Not reported: Xã Đông Hòa / Ấp Bình An",
        "  Not on the list: Xã Đông Hòa / Ấp Mới",
    ]


def test_a_unit_renamed_in_the_config_is_one_unit_in_who_reported_and_compare(cli, tmp_path):
    """[renamed] "Xã Long Vĩnh" = "Xã Long Vĩnh Đông": September's Long Vĩnh is expected
    as Long Vĩnh Đông in October (units expected from the month before), and the two months
    compare it as one unit, in the run's comparison and in compare --config."""
    text = CONFIG.replace('expected = "don_vi.csv"\n', "").replace(
        "[outputs]", '[renamed]\n"xã long vĩnh" = "Xã Long Vĩnh Đông"\n[outputs]'
    )
    config = tmp_path / "danvan.toml"
    config.write_text(text, encoding="utf-8")
    months = {
        "2026-09": {"Xã Tân An": 100, "Xã Long Vĩnh": 70},
        "2026-10": {"Xã Tân An": 104, "Xã Long Vĩnh Đông": 75},
    }
    runs = {}
    for code, communes in months.items():
        folder = tmp_path / "nop" / code
        folder.mkdir(parents=True)
        title = f"Tháng {int(code[-2:])} năm 2026"
        for number, (commune, members) in enumerate(communes.items()):
            write_commune_file(folder / f"{number}.xlsx", commune, title, [("Ấp 1", 2, members)])
        runs[code] = cli("rollup", "--config", config, "--period", code, "--lang", "en")
        assert runs[code].exit_code == 0, runs[code].stderr
    assert runs["2026-10"].stdout.splitlines()[1:] == [
        "Commune: 2 of 2 units reported; on time 0, late 2 (due 2026-11-05)",
        "Village: 2 of 2 units reported; on time 0, late 2 (due 2026-11-05)",
        "By commune: 2 units in both, 0 appeared, 0 disappeared; 0 change(s) to look at.",
        "By village: 2 units in both, 0 appeared, 0 disappeared; 0 change(s) to look at.",
    ]
    written = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.compare.json").read_text())
    renamed = "'Xã Long Vĩnh' (2026-09) is now 'Xã Long Vĩnh Đông' (renamed in the config): "
    assert written["notes"][0] == renamed + "compared as one unit."
    result = cli("compare", "2026-09", "2026-10", "--config", config, "-f", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    communes = [r for r in document["comparison"]["commune"] if r["organization"] == "all"]
    assert [(r["commune"], r["status"], r["members_old"], r["members_new"]) for r in communes] == [
        ("Xã Long Vĩnh Đông", "both", 70, 75),
        ("Xã Tân An", "both", 100, 104),
    ]
    assert document["notes"][0] == renamed + "compared as one unit."


def test_the_runs_comparison_follows_a_communes_name_before_2025_to_todays(cli, tmp_path):
    pytest.importorskip("vietnamadminunits")
    text = CONFIG.replace('expected = "don_vi.csv"', 'official = "Cần Thơ"')
    _months(
        cli,
        tmp_path,
        text,
        {
            "2026-09": {"Phường Thới Bình": 15, "Phường Cái Khế": 30},
            "2026-10": {"Phường Ninh Kiều": 18, "Phường Cái Khế": 31},
        },
    )
    written = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.compare.json").read_text())
    communes = [r for r in written["comparison"]["commune"] if r["organization"] == "all"]
    assert [(r["commune"], r["status"], r["members_old"], r["members_new"]) for r in communes] == [
        ("Phường Cái Khế", "both", 30, 31),
        ("Phường Ninh Kiều", "both", 15, 18),
    ]
    assert written["notes"][0] == (
        "«Phường Thới Bình» (2026-09) là tên trước 1/7/2025, nay là «Phường Ninh Kiều»: so sánh"
        " như một đơn vị."
    )


def test_the_month_before_is_rolled_up_once_for_the_narrative_and_the_comparison(
    cli, tmp_path, monkeypatch
):
    text = CONFIG.replace('expected = "don_vi.csv"\n', "").replace('"csv"]', '"csv", "txt"]')
    _months(cli, tmp_path, text, {"2026-09": {"Xã Tân An": 100}})
    rolled: list[str] = []

    def counted(records: pd.DataFrame, kind, leave_out=()):
        rollups = rolled_up(records, kind, leave_out)
        rolled.extend(rollups)
        return rollups

    monkeypatch.setattr(rollup, "rolled_up", counted)
    _months(cli, tmp_path, text, {"2026-10": {"Xã Tân An": 104}})
    assert sorted(rolled) == ["2026-09", "2026-10"]
    told = (tmp_path / "ket_qua" / "tong_hop_2026-10.txt").read_text("utf-8")
    assert "104 đoàn viên, hội viên, tăng 4 người (4,00%) so với tháng 9/2026" in told
    compared = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.compare.json").read_text())
    (commune, *_) = compared["comparison"]["commune"]
    assert (commune["members_old"], commune["members_new"]) == (100, 104)


def test_the_offices_own_unit_is_not_counted_as_a_unit_that_reports(cli, tmp_path):
    """`unit = "Huyện Châu Thành"`: the district is the office itself; who reported is
    counted from the communes down, the district's own line left out."""
    _september(tmp_path / "nop" / "2026-09")
    (tmp_path / "don_vi.csv").write_text(UNITS, encoding="utf-8")
    config = tmp_path / "danvan.toml"
    config.write_text('unit = "Huyện Châu Thành"\n' + CONFIG, encoding="utf-8")
    result = cli("rollup", "--config", config, "--period", "2026-09")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Xã: 4/4 đơn vị đã gửi báo cáo; đúng hạn 4, muộn 0"), lines
    assert not any(line.startswith("Huyện:") for line in lines)
    report = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-09.completeness.json").read_text())
    assert [level["level"] for level in report["levels"]] == ["commune"]
    assert {unit["level"] for unit in report["units"]} == {"commune"}


def test_the_month_before_is_read_once_for_the_units_expected_the_narrative_and_compare(
    cli, tmp_path, monkeypatch
):
    """No list of units expected: who reported is told against September's units, the
    narrative and the comparison against September's figures, all from one read of it."""
    text = CONFIG.replace('expected = "don_vi.csv"\n', "").replace('"csv"]', '"csv", "txt"]')
    _months(cli, tmp_path, text, {"2026-08": {"Xã Tân An": 90}})
    _months(cli, tmp_path, text, {"2026-09": {"Xã Tân An": 100, "Xã Phú Lộc": 60}})
    read: list[str] = []
    records = History.records

    def counted(history, kind, periods, known=None, where=True):
        found = records(history, kind, periods, known, where)
        read.extend(sorted(set(found["period"]) - set(() if known is None else known["period"])))
        return found

    monkeypatch.setattr(History, "records", counted)
    _months(cli, tmp_path, text, {"2026-10": {"Xã Tân An": 104}})
    assert sorted(read) == ["2026-08", "2026-09", "2026-10"]
    report = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.completeness.json").read_text())
    assert report["levels"][0]["missing"] == ["Xã Phú Lộc"]
    told = (tmp_path / "ket_qua" / "tong_hop_2026-10.txt").read_text("utf-8")
    assert "104 đoàn viên, hội viên, giảm 56 người" in told
    compared = json.loads((tmp_path / "ket_qua" / "tong_hop_2026-10.compare.json").read_text())
    communes = [r for r in compared["comparison"]["commune"] if r["organization"] == "all"]
    assert [(r["commune"], r["status"], r["members_old"], r["members_new"]) for r in communes] == [
        ("Xã Phú Lộc", "disappeared", 60, None),
        ("Xã Tân An", "both", 100, 104),
    ]


def test_the_runs_comparison_tells_apart_units_the_history_keeps_apart(cli, tmp_path):
    """The history keeps TP. Huế's and Thành phố Huế's Ấp 1 apart (both sent August's
    farmers' union figures); September has only TP. Huế's. October's run compares as
    compare --db does: each unit on its own row, the one the files wrote otherwise told by
    that spelling in brackets, over all the months read (September's TP. Huế too, though
    nothing in September alone prints like it); never paired at a guess."""
    from tests.conftest import write_workbook
    from tests.test_periods_schema import _version_3_file

    kept = [
        (1, "2026-08", "nong_dan", 100),
        (3, "2026-08", "nong_dan", 100),
        (3, "2026-08", "phu_nu", 30),
        (2, "2026-08", "nong_dan", 50),
        (1, "2026-09", "nong_dan", 105),
    ]
    _version_3_file(tmp_path / "danvan.db", kept)
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    (tmp_path / "nop" / "2026-10").mkdir(parents=True)
    header = ["Huyện", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên"]
    rows = [
        ["Thành phố Huế", "Xã Hương Vinh", "Ấp 1", "Hội Nông dân", 1, 110],
        ["Thành phố Huế", "Xã Hương Vinh", "Tổ dân phố 2", "Hội Nông dân", 1, 60],
    ]
    write_workbook(tmp_path / "nop" / "2026-10" / "hue.xlsx", rows, header)
    run = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en")
    assert run.exit_code == 0, run.stderr
    written = (tmp_path / "ket_qua" / "tong_hop_2026-10.compare.json").read_text("utf-8")
    levels = json.loads(written)["comparison"]
    assert [
        (v["district"], v["village"], v["status"], v["members_old"], v["members_new"])
        for v in levels["village"]
        if v["organization"] == "all"
    ] == [
        ("Thành phố Huế", "Ấp 1", "appeared", None, 110),
        ("Thành phố Huế", "Tổ dân phố 2", "appeared", None, 60),
        ("Thành phố Huế (TP. Huế)", "Ấp 1", "disappeared", 105, None),
    ]
    assert [
        (d["district"], d["status"], d["members_old"], d["members_new"])
        for d in levels["district"]
        if d["organization"] == "all"
    ] == [
        ("Thành phố Huế", "appeared", None, 170),
        ("Thành phố Huế (TP. Huế)", "disappeared", 105, None),
    ]
    assert "By village: 0 units in both, 2 appeared, 1 disappeared" in run.stdout
    compared = cli("compare", "2026-09", "2026-10", "--config", config, "-f", "json")
    assert compared.exit_code == 0, compared.stderr
    assert json.loads(compared.stdout)["comparison"] == levels


def test_a_month_with_a_figure_not_read_tells_to_fix_the_file_not_to_skip(cli, tmp_path):
    """rollup has no --skip-invalid: its last line says to fix the file sent, never to use
    an option it refuses; files left out (another month's) and the others summed are said
    without that option too."""
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    folder = tmp_path / "nop" / "2026-10"
    folder.mkdir(parents=True)
    write_commune_report(folder / "tan_an.xlsx", "Tân An", members="4O")
    result = cli("rollup", "--config", config, "--period", "2026-10")
    assert result.exit_code == 1
    assert "--skip-invalid" not in result.stderr
    assert " ".join(result.stderr.split()).endswith(
        "Có 1 lỗi và 1 cảnh báo; chưa cộng số liệu. Sửa lỗi trong tệp gửi lên (hoặc bỏ tệp đó "
        "ra khỏi thư mục của kỳ) rồi chạy lại."
    )
    write_commune_report(folder / "tan_an.xlsx", "Tân An")
    _september(tmp_path / "thang_9")
    (tmp_path / "thang_9" / "long_vinh.xlsx").rename(folder / "long_vinh.xlsx")
    result = cli("rollup", "--config", config, "--period", "2026-10", "--lang", "en", "-q")
    assert result.exit_code == 1
    assert "--skip-invalid" not in result.stderr
    assert " ".join(result.stderr.split()).endswith(
        "1 error(s) and 0 warning(s); the other files were summed, not what the errors above "
        "name: see to them."
    )


def test_a_quarter_names_the_units_expected_that_reported_in_none_of_its_months(cli, tmp_path):
    """Xã Phú Lộc, on the list of units expected, sent nothing all quarter: the quarter is
    short of it, so it is said beside the units that missed a month, listed in the
    completeness report with every month missing, and --require-complete ends with 3."""
    config = tmp_path / "danvan.toml"
    config.write_text(CONFIG, encoding="utf-8")
    (tmp_path / "don_vi.csv").write_text("Xã\nXã Tân An\nXã Long Vĩnh\nXã Phú Lộc\n", "utf-8")
    for month in (7, 8, 9):
        folder = tmp_path / "nop" / f"2026-{month:02d}"
        folder.mkdir(parents=True)
        title = f"Tháng {month} năm 2026"
        write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", title, [("Thôn 1", 3, 100)])
        if month < 9:
            write_commune_file(folder / "lv.xlsx", "Xã Long Vĩnh", title, [("Ấp 1", 2, 50)])
        cli("rollup", "--config", config, "--period", f"2026-{month:02d}")
    quarter = cli(
        "rollup", "--config", config, "--period", "2026-Q3", "--require-complete", "--lang", "en"
    )
    assert quarter.exit_code == 3, quarter.stderr
    assert quarter.stdout.splitlines() == [
        "Period 2026-Q3: built from 3 month(s) in the history (2026-07, 2026-08, 2026-09).",
        "  Xã Long Vĩnh / Ấp 1: stocks (branches, members ...) as of 2026-08",
        "  Xã Long Vĩnh (commune): no report for 2026-09",
        "  Xã Phú Lộc (commune): no report for 2026-07, 2026-08, 2026-09",
    ]
    assert "1 expected unit(s) have not reported: exit code 3 (--require-complete)." in (
        quarter.stderr
    )
    folder = tmp_path / "ket_qua"
    report = json.loads((folder / "tong_hop_2026-Q3.completeness.json").read_text("utf-8"))
    assert [(u["level"], u["unit"], u["months"]) for u in report["units"]] == [
        ("commune", "Xã Long Vĩnh", ["2026-07", "2026-08"]),
        ("commune", "Xã Phú Lộc", []),
        ("commune", "Xã Tân An", ["2026-07", "2026-08", "2026-09"]),
        ("village", "Xã Long Vĩnh / Ấp 1", ["2026-07", "2026-08"]),
        ("village", "Xã Tân An / Thôn 1", ["2026-07", "2026-08", "2026-09"]),
    ]
    assert cli("rollup", "--config", config, "--period", "2026-Q3").exit_code == 0


def test_a_month_no_unit_has_sent_yet_lists_the_units_expected_and_writes_nothing(cli, tmp_path):
    config = _office(tmp_path)
    assert cli("rollup", "--config", config, "--period", "2026-10").exit_code == 0
    stored = (tmp_path / "danvan.db").read_bytes()
    folder = tmp_path / "nop" / "2026-11"
    folder.mkdir()  # made on the 1st; nothing in it on the 3rd
    result = cli("rollup", "--config", config, "--period", "2026-11", "--lang", "en")
    assert result.exit_code == 3, result.stderr  # not done: run again later
    assert result.stdout.splitlines() == [
        "Period 2026-11: 0 file(s) sent, 0 added.",
        "District: 0 of 1 units reported; on time 0, late 0 (due 2026-12-05)",
        "  Not reported: Châu Thành",
        "Commune: 0 of 4 units reported; on time 0, late 0 (due 2026-12-05)",
        "  Not reported: Châu Thành / Xã Long Vĩnh, Châu Thành / Xã Phú Lộc, "
        "Châu Thành / Xã Tân An, Châu Thành / Xã Vị Thủy",
    ]
    assert result.stderr.replace("\n", " ") == (
        f"No unit has sent a file for 2026-11 yet (no file in '{folder}'): nothing rolled up, "
        "written or kept in the history; exit code 3. "
    )
    assert _outputs(tmp_path, "2026-11") == {}
    assert (tmp_path / "danvan.db").read_bytes() == stored
    # only the lock file Excel left of a file opened, then moved away: none sent either
    (folder / "~$tan_an.xlsx").write_bytes(b"\x00" * 165)
    locked = cli("rollup", "--config", config, "--period", "2026-11", "--lang", "en")
    assert locked.exit_code == 3, locked.stderr
    assert locked.stdout == result.stdout
    assert locked.stderr.startswith(f"Note {folder / '~$tan_an.xlsx'}: ")
    assert "No unit has sent a file for 2026-11 yet" in locked.stderr
    (folder / "~$tan_an.xlsx").unlink()
    # without a list, the units of the month before in the history; the folder not made yet
    folder.rmdir()
    config.write_text(CONFIG.replace('expected = "don_vi.csv"\n', ""), encoding="utf-8")
    result = cli("rollup", "--config", config, "--period", "2026-11", "--lang", "en")
    assert result.exit_code == 3, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "Commune: 0 of 3 units reported; on time 0, late 0 (due 2026-12-05)",
        "  Not reported: Xã Phú Lôc, Xã Tân An, Xã Vị Thủy",
        "Village: 0 of 4 units reported; on time 0, late 0 (due 2026-12-05)",
        "  Not reported: Xã Phú Lôc / Ấp 1, Xã Tân An / Thôn 1, Xã Tân An / Thôn 2, "
        "Xã Vị Thủy / Ấp 2",
    ]
    assert _outputs(tmp_path, "2026-11") == {}
    assert (tmp_path / "danvan.db").read_bytes() == stored
    config.write_text(CONFIG.replace("nop/{period}", "nopp/{period}"), encoding="utf-8")
    mistyped = cli("rollup", "--config", config, "--period", "2026-11", "--lang", "en")
    assert mistyped.exit_code == 2  # no folder "nopp": the pattern, not the units, is wrong
    assert "No file found at, or matching," in mistyped.stderr and mistyped.stdout == ""


def test_a_quarters_outputs_are_a_months_and_are_read_back(cli, tmp_path):
    """A quarter of membership is written as a month is: no "(mẫu «membership», phiên bản
    1)" line, as if membership were a template, above its Markdown nor under each sheet of its
    workbook; and its workbook and CSV file (with the `as_of` column) read back as danvan's own
    output, adding up to the quarter's figures."""
    config = tmp_path / "danvan.toml"
    text = CONFIG.replace('expected = "don_vi.csv"\n', "").replace('"csv"]', '"csv", "md"]')
    config.write_text(text, encoding="utf-8")
    for month, members in ((7, 100), (8, 110), (9, 120)):
        folder = tmp_path / "nop" / f"2026-{month:02d}"
        folder.mkdir(parents=True)
        title = f"Tháng {month} năm 2026"
        write_commune_file(folder / "tan_an.xlsx", "Xã Tân An", title, [("Thôn 1", 3, members)])
        if month < 9:
            write_commune_file(folder / "lv.xlsx", "Xã Long Vĩnh", title, [("Ấp 1", 2, 60)])
        assert cli("rollup", "--config", config, "--period", f"2026-{month:02d}").exit_code == 0
    assert cli("rollup", "--config", config, "--period", "2026-Q3").exit_code == 0
    folder = tmp_path / "ket_qua"
    markdown = (folder / "tong_hop_2026-Q3.md").read_text("utf-8")
    assert markdown.startswith("## Tổng hợp cấp xã\n"), markdown[:80]
    sheets = _cells(folder / "tong_hop_2026-Q3.xlsx")
    assert not [row for rows in sheets.values() for row in rows if "mẫu" in str(row[0])]
    for name in ("tong_hop_2026-Q3.xlsx", "tong_hop_2026-Q3.csv"):
        result = cli("summarize", folder / name, "-f", "json")
        assert result.exit_code == 0, result.stderr
        document = json.loads(result.stdout)
        assert (document["total"]["branches"], document["total"]["members"]) == (5, 180)
        assert "own_output" in [p["code"] for p in document["problems"]]


def test_a_month_typed_as_offices_write_it_is_that_month(cli, tmp_path):
    """`--period 9/2026` (or T9/2026) is September 2026, not a usage error."""
    config = _office(tmp_path)
    result = cli("rollup", "--config", config, "--period", "9/2026", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Period 2026-09: 4 file(s) sent, 4 added."
