"""`danvan history list` and `danvan trend` end to end (typer's CliRunner) over a history of
three months of commune reports."""

from __future__ import annotations

import sqlite3

import pytest

from danvan_cli.cli.history import shape
from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.history import History
from danvan_cli.periods.store import sources_of
from tests.conftest import write_commune_report, write_workbook

# Members added to each commune's first row (its file holds 166 + that); Tân Bình sends
# nothing in October.
MONTHS = {
    "2026-08": {"Tân An": 0, "Tân Bình": 0},
    "2026-09": {"Tân An": 4, "Tân Bình": 0},
    "2026-10": {"Tân An": 10},
}


@pytest.fixture
def db(tmp_path):
    """A history of August, September and October 2026, as the reports were sent."""
    path = tmp_path / "danvan.db"
    with History.open(path) as history:
        for month, communes in MONTHS.items():
            folder = tmp_path / month
            folder.mkdir()
            files = [
                str(write_commune_report(folder / f"{name}.xlsx", name, extra))
                for name, extra in communes.items()
            ]
            data = pipeline.check(MEMBERSHIP, files)
            assert not [p for p in data.problems if p.severity == "error"]
            history.store_period(
                parse_period(month), MEMBERSHIP, data.records, sources_of(data.tables)
            )
    return path


def _rows(text: str) -> list[list[str]]:
    """The cells of a table's body lines."""
    return [
        [cell.strip() for cell in line.strip("│\n").split("│")]
        for line in text.splitlines()
        if line.startswith("│")
    ]


def test_history_list_shows_each_period_with_its_counts(cli, db):
    result = cli("history", "list", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert [row[:6] for row in _rows(result.stdout)] == [
        ["2026-08", "membership", "tỉnh, xã, thôn", "4", "8", "2"],
        ["2026-09", "membership", "tỉnh, xã, thôn", "4", "8", "2"],
        ["2026-10", "membership", "tỉnh, xã, thôn", "2", "4", "1"],
        ["Tổng cộng", "", "", "", "20", ""],
    ]
    english = cli("history", "list", "--db", db, "--lang", "en")
    assert "History:" in english.stdout and "Lowest units" in english.stdout


def test_trend_per_commune_with_its_shape_and_the_total_chart(cli, db):
    result = cli("trend", "--figure", "members", "--level", "commune", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Số ĐV, HV theo kỳ, cấp xã" in result.stdout
    # Tân An 166, 170, 176 rising; Tân Bình 166, 166 and nothing in October (not 0)
    assert _rows(result.stdout) == [
        ["Tỉnh Hậu Giang", "Xã Tân An", "166", "170", "176", "_-^"],
        ["Tỉnh Hậu Giang", "Xã Tân Bình", "166", "166", "–", "--"],
        ["Tổng cộng", "", "332", "336", "176*", "^^_"],
    ]
    # members are a stock: October's 176 lacks Tân Bình, said, not carried from September
    assert (
        "* 2026-10: tổng chưa đủ, 1 đơn vị không có số liệu kỳ này (số tồn không lấy từ kỳ "
        "khác): Tỉnh Hậu Giang / Xã Tân Bình\n"
    ) in result.stdout
    chart = result.stdout.split("Số ĐV, HV, tổng cộng theo kỳ:\n")[1].splitlines()
    assert chart == [
        "2026-08  " + "#" * 40 + "  332",
        "2026-09  " + "#" * 40 + "  336",
        "2026-10  " + "#" * 21 + " " * 19 + "  176*",
    ]
    assert all(line.isascii() for line in chart)  # as a Windows console shows it


def test_trend_in_english_by_province(cli, db):
    result = cli("trend", "--level", "province", "--db", db, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Members per period, by province" in result.stdout
    assert _rows(result.stdout)[0] == ["Tỉnh Hậu Giang", "332", "336", "176*", "^^_"]
    assert "Members, total per period:" in result.stdout


def test_a_missing_or_foreign_history_file_is_said(cli, tmp_path):
    missing = cli("trend", "--db", tmp_path / "none.db")
    assert missing.exit_code == 2
    assert "Không có tệp lịch sử" in missing.stderr and "none.db" in missing.stderr
    assert not (tmp_path / "none.db").exists()  # never made by looking
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")
    foreign = cli("history", "list", "--db", tmp_path / "notes.db", "--lang", "en")
    assert foreign.exit_code == 2
    assert "The history file" in foreign.stderr and "cannot be read" in foreign.stderr
    assert "Traceback" not in foreign.stderr


def test_a_figure_or_level_the_history_lacks_is_said(cli, db):
    figure = cli("trend", "--figure", "thanh_vien", "--db", db)
    assert figure.exit_code == 2
    assert "Lịch sử không có chỉ tiêu «thanh_vien»" in figure.stderr
    assert "branches, members" in figure.stderr
    level = cli("trend", "--level", "district", "--db", db, "--lang", "en")
    assert level.exit_code == 2
    assert "no district level" in level.stderr and "province, commune, village" in level.stderr


def test_an_empty_history_says_so(cli, tmp_path):
    History.open(tmp_path / "danvan.db").close()
    result = cli("history", "list", "--db", tmp_path / "danvan.db")
    assert result.exit_code == 0
    assert "chưa có kỳ nào" in result.stdout
    with sqlite3.connect(tmp_path / "danvan.db") as opened:
        assert opened.execute("SELECT COUNT(*) FROM loads").fetchone() == (0,)


@pytest.mark.parametrize(
    ("values", "drawn"),
    [
        ([1, 2, 3, 4, 5], "_.-=^"),
        ([5, 5, 5], "---"),
        ([10, float("nan"), 0], "^ _"),
        ([float("nan")], " "),
    ],
)
def test_a_series_shape_in_plain_characters(values, drawn):
    assert shape(values) == drawn


def test_a_unit_written_with_and_without_its_type_word_is_one_series(cli, tmp_path):
    """'Xã Long Vĩnh' in September, 'Long Vĩnh' in October: one unit, as the roll-up of
    one period takes them, shown by its name with the type word; and only the units there
    are (no Xã Tân Phú under Huyện Châu Thành)."""
    path = tmp_path / "danvan.db"
    months = {
        "2026-09": ("Huyện Châu Thành", "Xã Long Vĩnh", 40),
        "2026-10": ("Châu Thành", "Long Vĩnh", 45),
    }
    with History.open(path) as history:
        for month, (district, commune, members) in months.items():
            rows = [
                [district, commune, "Ấp 1", "Hội Nông dân", 1, members, 30],
                [district, "Xã Tân An", "Ấp 2", "Hội Nông dân", 1, 50, 30],
                ["Huyện Long Mỹ", "Xã Tân Phú", "Ấp 3", "Hội Nông dân", 1, 20, 10],
            ]
            data = pipeline.check(
                MEMBERSHIP, [str(write_workbook(tmp_path / f"{month}.xlsx", rows))]
            )
            assert not [p for p in data.problems if p.severity == "error"]
            history.store_period(
                parse_period(month), MEMBERSHIP, data.records, sources_of(data.tables)
            )
    result = cli("trend", "--level", "commune", "--db", path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert _rows(result.stdout) == [
        ["Huyện Châu Thành", "Xã Long Vĩnh", "40", "45", "_^"],
        ["Huyện Châu Thành", "Xã Tân An", "50", "50", "-" * 2],
        ["Huyện Long Mỹ", "Xã Tân Phú", "20", "20", "-" * 2],
        ["Total", "", "110", "115", "_^"],
    ]


def test_a_stock_summed_without_a_village_that_did_not_report_is_marked_and_named(cli, tmp_path):
    """Ấp 2 of Xã Tân An sends nothing in October: Tân An's 45 members and the total 65 lack
    it (marked, Ấp 2 named), September's 70 and 90 do not; Xã Tân Phú's 20 lacks nothing."""
    path = tmp_path / "danvan.db"
    months = {
        "2026-09": [
            ("Xã Tân An", "Ấp 1", 40),
            ("Xã Tân An", "Ấp 2", 30),
            ("Xã Tân Phú", "Ấp 3", 20),
        ],
        "2026-10": [("Xã Tân An", "Ấp 1", 45), ("Xã Tân Phú", "Ấp 3", 20)],
    }
    with History.open(path) as history:
        for month, villages in months.items():
            rows = [
                ["Huyện Châu Thành", commune, village, "Hội Nông dân", 1, members, 10]
                for commune, village, members in villages
            ]
            data = pipeline.check(
                MEMBERSHIP, [str(write_workbook(tmp_path / f"{month}.xlsx", rows))]
            )
            assert not [p for p in data.problems if p.severity == "error"]
            history.store_period(
                parse_period(month), MEMBERSHIP, data.records, sources_of(data.tables)
            )
    result = cli("trend", "--level", "commune", "--db", path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert _rows(result.stdout) == [
        ["Huyện Châu Thành", "Xã Tân An", "70", "45*", "^_"],
        ["Huyện Châu Thành", "Xã Tân Phú", "20", "20", "--"],
        ["Total", "", "90", "65*", "^_"],
    ]
    assert (
        "* 2026-10: total incomplete, no figure for this period from 1 unit(s) (a stock is "
        "not carried from another period): Huyện Châu Thành / Xã Tân An / Ấp 2\n"
    ) in result.stdout
    assert "2026-09:" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith("  65*")


def test_a_unit_first_reporting_later_marks_no_earlier_period_and_flows_are_marked(cli, tmp_path):
    """Tân An's Ấp 3 reports first in September: August's sums do not lack it. Ấp 2 sends
    nothing in October: October's members (a stock) and houses built (a flow) both lack it,
    marked and Ấp 2 named. Tân Bình's Ấp Mới reports every month."""
    from tests.generic_kind import activities_kind, commune_report

    # (village, houses, members) per month; households 100 per village, 50 with members
    tan_an = {
        "2026-08": [("Ấp 1", 3, 100), ("Ấp 2", 1, 50)],
        "2026-09": [("Ấp 1", 2, 102), ("Ấp 2", 1, 50), ("Ấp 3", 4, 20)],
        "2026-10": [("Ấp 1", 5, 105), ("Ấp 3", 1, 21)],
    }
    path = tmp_path / "danvan.db"
    with History.open(path) as history:
        for month, villages in tan_an.items():
            folder = tmp_path / month
            folder.mkdir()
            rows = [
                [n, village, "Hội Nông dân", houses, 0.1, members, 100, 50]
                for n, (village, houses, members) in enumerate(villages, 1)
            ]
            total = [sum(r[3] for r in rows), 0.1 * len(rows), sum(r[5] for r in rows)]
            files = [
                commune_report(folder / "tan_an.xlsx", "Tân An", rows, [*total, None, None]),
                commune_report(
                    folder / "tan_binh.xlsx",
                    "Tân Bình",
                    [[1, "Ấp Mới", "Hội Nông dân", 2, 0.1, 200, 100, 50]],
                    [2, 0.1, 200, 100, 50],
                ),
            ]
            data = pipeline.check(activities_kind(), [str(f) for f in files])
            assert not [p for p in data.problems if p.severity == "error"], data.problems
            history.store_period(
                parse_period(month), activities_kind(), data.records, sources_of(data.tables)
            )
    # members: Tân An 100 + 50 = 150; 102 + 50 + 20 = 172; 105 + 21 = 126, lacking Ấp 2
    members = cli("trend", "--figure", "members", "--level", "commune", "--db", path)
    assert members.exit_code == 0, members.stderr
    assert [row[-4:] for row in _rows(members.stdout)] == [
        ["150", "172", "126*", "-^_"],
        ["200", "200", "200", "---"],
        ["350", "372", "326*", "-^_"],
    ]
    assert "2026-08:" not in members.stdout
    assert (
        "* 2026-10: tổng chưa đủ, 1 đơn vị không có số liệu kỳ này (số tồn không lấy từ kỳ "
        "khác): Huyện Châu Thành / Xã Tân An / Ấp 2\n"
    ) in members.stdout
    # houses built, a flow: Tân An 3 + 1 = 4; 2 + 1 + 4 = 7; 5 + 1 = 6, lacking Ấp 2
    houses = cli("trend", "--figure", "houses", "--level", "commune", "--db", path)
    assert houses.exit_code == 0, houses.stderr
    assert [row[-4:] for row in _rows(houses.stdout)] == [
        ["4", "7", "6*", "_^="],
        ["2", "2", "2", "---"],
        ["6", "9", "8*", "_^="],
    ]
    assert "2026-08:" not in houses.stdout
    assert (
        "* 2026-10: tổng chưa đủ, 1 đơn vị không có số liệu kỳ này: "
        "Huyện Châu Thành / Xã Tân An / Ấp 2\n"
    ) in houses.stdout
    assert houses.stdout.splitlines()[-1].endswith("  8*")


def test_trend_of_a_district_offices_history_starts_at_its_district(cli, tmp_path):
    """Without --level, the top level the history has: a district office's history holds no
    province. "ấp", the southern word for a village, names the village level."""
    from tests.commune_files import write_commune_file

    for month, members in (("2026-09", 101), ("2026-10", 111)):
        folder = tmp_path / "nop" / month
        folder.mkdir(parents=True)
        period = f"Tháng {int(month[-2:])} năm 2026"
        villages = [("Ấp 1", 3, members)]
        write_commune_file(
            folder / "a.xlsx", "Xã Tân An", period, villages, district="Huyện Châu Thành"
        )
    config = tmp_path / "danvan.toml"
    config.write_text('submissions = "nop/{period}"\nkind = "membership"\n', encoding="utf-8")
    for month in ("2026-09", "2026-10"):
        assert cli("rollup", "--config", config, "--period", month, "-q").exit_code == 0
    db = tmp_path / "danvan.db"
    result = cli("trend", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Số ĐV, HV theo kỳ, cấp huyện" in result.stdout
    assert _rows(result.stdout)[0] == ["Huyện Châu Thành", "101", "111", "_^"]
    villages = cli("trend", "--db", db, "--level", "ấp")
    assert _rows(villages.stdout)[0][-4:] == ["Ấp 1", "101", "111", "_^"]
