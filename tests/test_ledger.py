"""Every figure accounted for: each number of a table ends summed, checked, in a column
reported as not used, or in a located problem; the check runs over every workbook the suite
has (the bundled ones here, the layouts' in tests/test_layouts.py, generated ones in
tests/test_properties.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from danvan_cli.engine import pipeline
from danvan_cli.engine.ledger import (
    CHECKED,
    LABEL,
    NOT_USED,
    PROBLEM,
    SUMMED,
    UNACCOUNTED,
    account_figures,
)
from danvan_cli.engine.summarize import load_membership
from danvan_cli.kinds.membership import MEMBERSHIP
from tests.accounting import assert_accounted
from tests.conftest import ROOT, SAMPLES, SMALL_ROWS
from tests.test_headers import commune_sheet

BUNDLED = sorted(
    [
        *(ROOT / "tests" / "fixtures").glob("*.xls*"),
        *(ROOT / "tests" / "fixtures").glob("*.ods"),
        *SAMPLES.glob("*.xlsx"),
    ]
)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_figure_of_the_bundled_workbooks_is_accounted_for(path: Path):
    assert_accounted(pipeline.summarize(MEMBERSHIP, [str(path)]).data)


def test_the_sample_and_a_fixture_end_summed_and_labelled():
    sample = account_figures(
        pipeline.summarize(MEMBERSHIP, [str(SAMPLES / "hau_giang_2020_membership.xlsx")]).data
    )
    assert Counter(f.place for f in sample.figures) == {SUMMED: 17253, LABEL: 1917}
    fixture = ROOT / "tests" / "fixtures" / "membership_clean.ods"
    assert Counter(f.place for f in account_figures(load_membership([str(fixture)])).figures) == {
        SUMMED: 80
    }


HEADER = ["STT", "Xã", "Thôn", "Đoàn thể", "Số chi hội", "Số hội viên", "Tỷ lệ %", "Năm"]


@pytest.fixture
def every_place(make_workbook) -> Path:
    """Rows 1-2 title, 3 header, 4 numbering, 5-7 data (row 6's members "12a"), 8 "Cộng",
    10 signature, 11 figures below it; column G a percent, H a year not used."""
    above = [["BÁO CÁO SỐ LIỆU"], [None]]
    rows = [
        [1, 2, 3, 4, 5, 6, 7, 8],
        [1, "Xã A", "Thôn 1", "Hội Nông dân", 2, 100, "80%", 1990],
        [2, "Xã A", "Thôn 2", "Hội Nông dân", 1, "12a", "75%", 1991],
        [3, "Xã A", "Thôn 3", "Hội LHPN", 1, 50, None, None],
        [None, "Cộng", None, None, 4, 150, None, None],
        [],
        [None, None, None, None, "NGƯỜI LẬP BIỂU"],
        [None, None, None, None, 7],
    ]
    return make_workbook(rows, header=HEADER, above=above)


def test_each_figure_ends_in_one_place(every_place):
    data = pipeline.summarize(MEMBERSHIP, [str(every_place)]).data
    ledger = account_figures(data)
    places = {(f.column, f.row): f.place for f in ledger.figures}
    assert places == {
        **{(c, 4): LABEL for c in "ABCDEFGH"},  # the numbering row
        **{("A", r): LABEL for r in (5, 6, 7)},  # STT
        ("E", 5): SUMMED,
        ("F", 5): SUMMED,
        ("E", 6): PROBLEM,  # its row's members are "12a": the row is left out, with an error
        ("F", 6): PROBLEM,
        ("E", 7): SUMMED,
        ("F", 7): SUMMED,
        ("E", 8): CHECKED,
        ("F", 8): CHECKED,
        **{(c, r): NOT_USED for c in "GH" for r in (5, 6)},
        ("E", 11): PROBLEM,  # below the signature: figures_below_table
    }
    assert ledger.unaccounted() == []


def test_a_figure_dropped_without_a_word_is_unaccounted(make_workbook):
    data = load_membership([str(make_workbook(SMALL_ROWS, name="bao_cao.xlsx"))])
    dropped = data.records.index[data.records["_row"] == 3]
    data.records = data.records.drop(dropped)
    lost = [(f.column, f.row, f.value, f.place) for f in account_figures(data).unaccounted()]
    assert lost == [(c, 3, v, UNACCOUNTED) for c, v in zip("EFGHI", SMALL_ROWS[1][4:], strict=True)]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_every_figure_of_danvan_s_own_output_is_accounted_for(cli, small_workbook, suffix):
    output = small_workbook.with_name(f"tong_hop{suffix}")
    assert cli("summarize", small_workbook, "-o", output).exit_code == 0
    ledger = account_figures(pipeline.summarize(MEMBERSHIP, [str(output)]).data)
    assert ledger.unaccounted() == []
    # each organisation's row, its 3 figures; the households are on the units' "Tất cả" rows
    assert ledger.count(SUMMED) == 6 * 3


@pytest.mark.parametrize(
    ("top", "bottom", "place"),
    [  # column C: under a group naming no organisation (an error), beside the groups (not used)
        (["Ấp", "H.ND", "", "HPN", ""], ["", *["Số chi hội", "Số hội viên"] * 2], PROBLEM),
        (["Ấp", "Số hội viên", "Hội ND", ""], ["", "", "Số chi hội", "Số hội viên"], NOT_USED),
    ],
)
def test_figures_of_no_organisation_in_a_wide_table_are_accounted_for(tmp_path, top, bottom, place):
    villages = [["Ấp 1", 2, 300, 1, 200][: len(top)], ["Ấp 2", 1, 250, 1, 150][: len(top)]]
    path = commune_sheet(tmp_path / "xa.xlsx", top, bottom, villages)
    data = pipeline.summarize(MEMBERSHIP, [str(path)]).data
    places = {(f.column, f.row): f.place for f in account_figures(data).figures}
    assert [places["C", row] for row in (8, 9, 10)] == [place] * 3
    assert_accounted(data)
