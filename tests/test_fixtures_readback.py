"""The LibreOffice-written fixtures read back with python-calamine as they were built.

Only python_calamine is used here; the danvan pipeline is tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import HEADER

FIXTURES = Path(__file__).resolve().parent / "fixtures"

FIRST_FIGURES = [2, 620, 500, 1250, 1000]
LAST_FIGURES = [2, 630, 505, 515, 430]
CLEAN_FIRST = ["Huyện Châu Thành", "Xã Đông Phước", "Ấp Xẻo Vông A", "Hội Nông dân"]
CLEAN_LAST = ["Huyện Long Mỹ", "Xã Vĩnh Viễn", "Thôn Hòa Lợi", "Hội LHPN"]
# What a .VnTime (TCVN3) or VNI-Times cell holds: Windows-1252 characters of the bytes.
TCVN3_FIRST = ["HuyÖn Ch©u Thµnh", "X· §«ng Ph\u00adíc", "Êp XÎo V«ng A", "Héi N«ng d©n"]
TCVN3_LAST = ["HuyÖn Long Mü", "X· VÜnh ViÔn", "Th«n Hßa Lîi", "Héi LHPN"]
VNI_FIRST = ["Huyeän Chaâu Thaønh", "Xaõ Ñoâng Phöôùc", "AÁp Xeûo Voâng A", "Hoäi Noâng daân"]
VNI_LAST = ["Huyeän Long Myõ", "Xaõ Vónh Vieãn", "Thoân Hoøa Lôïi", "Hoäi LHPN"]


def _read(name: str) -> list[list[object]]:
    path = FIXTURES / name
    assert path.stat().st_size < 50_000
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["Sheet1"]
    return workbook.get_sheet_by_index(0).to_python()


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("membership_clean.xls", CLEAN_FIRST, CLEAN_LAST),
        ("membership_clean.ods", CLEAN_FIRST, CLEAN_LAST),
        ("membership_tcvn3.xls", TCVN3_FIRST, TCVN3_LAST),
        ("membership_vni.xls", VNI_FIRST, VNI_LAST),
    ],
)
def test_fixture_reads_back(name, first, last):
    rows = _read(name)
    assert len(rows) == 17  # header + 2 districts × 2 communes × 2 villages × 2 orgs
    assert rows[0] == HEADER
    assert rows[1][:4] == first
    assert rows[-1][:4] == last
    # .xls gives ints, .ods floats: compare as numbers.
    assert rows[1][4:] == FIRST_FIGURES
    assert rows[-1][4:] == LAST_FIGURES
    assert all(float(v).is_integer() for row in rows[1:] for v in row[4:])
    # Household figures belong to the village: repeated on both organisation rows.
    for a, b in zip(rows[1::2], rows[2::2], strict=True):
        assert a[:3] == b[:3]
        assert a[3] != b[3]
        assert a[7:] == b[7:]


def test_clean_xls_and_ods_hold_the_same_table():
    assert _read("membership_clean.xls") == _read("membership_clean.ods")


def test_legacy_fixtures_differ_from_clean_only_in_names():
    clean = _read("membership_clean.xls")
    for name in ("membership_tcvn3.xls", "membership_vni.xls"):
        legacy = _read(name)
        assert legacy[0] == clean[0]
        for got, want in zip(legacy[1:], clean[1:], strict=True):
            assert got[4:] == want[4:]
            changed = [g != w for g, w in zip(got[:4], want[:4], strict=True)]
            assert changed[:3] == [True, True, True]  # every unit name has a Vietnamese letter


@pytest.mark.parametrize(
    "name",
    ["membership_clean.xls", "membership_clean.ods", "membership_tcvn3.xls", "membership_vni.xls"],
)
def test_fixture_totals(name):
    rows = _read(name)[1:]
    assert [sum(row[i] for row in rows) for i in (4, 5, 6)] == [32, 10000, 8040]
    villages = {(row[1], row[2]): (row[7], row[8]) for row in rows}
    assert len(villages) == 8
    assert [sum(v[i] for v in villages.values()) for i in (0, 1)] == [8405, 6617]
