"""vocabulary: organisation names as written -> canonical codes (DOMAIN.md's table)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from danvan_cli.ingest.headers import ABBREVIATION, TONELESS, closest_value
from danvan_cli.kinds.membership import ORGANIZATION
from danvan_cli.kinds.vocabulary import (
    ORGANIZATIONS,
    organization_code,
    organization_match,
)

NAMES = {
    "mttq": ["Mặt trận Tổ quốc", "MTTQ", "Ban Công tác Mặt trận", "BCTMT", "Ủy ban MTTQ xã"],
    "nong_dan": ["Hội Nông dân", "HND", "hội nông dân"],
    "phu_nu": ["Hội Liên hiệp Phụ nữ", "Hội LHPN", "Phụ nữ"],
    "thanh_nien": ["Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh", "Đoàn TN", "Chi đoàn"],
    "cuu_chien_binh": ["Hội Cựu chiến binh", "Hội CCB", "CCB"],
    "cong_doan": ["Công đoàn", "Công đoàn cơ sở", "LĐLĐ"],
    "nguoi_cao_tuoi": ["Hội Người cao tuổi", "NCT"],
}


@pytest.mark.parametrize("name, code", [(n, code) for code, names in NAMES.items() for n in names])
def test_organisation_names(name, code):
    assert organization_code(name) == code


@pytest.mark.parametrize("code", ORGANIZATIONS)
def test_canonical_codes_are_accepted_as_written(code):
    assert organization_code(code) == code


@pytest.mark.parametrize("name", ["Hội Bóng đá", "Câu lạc bộ", "", None, "   "])
def test_unknown_or_blank_names(name):
    assert organization_code(name) is None


# The abbreviations offices write in headers (README, "Organisations written short").
ABBREVIATIONS = {
    "mttq": ["UBMTTQ", "Ủy ban MTTQ", "BCTMT", "Ban CTMT"],
    "nong_dan": ["Hội ND", "HND"],
    "phu_nu": ["HPN", "Hội LHPN", "LHPN", "Hội PN"],
    "thanh_nien": ["ĐTN", "Đoàn TN", "Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS HCM"],
    "cuu_chien_binh": ["HCCB", "CCB", "Hội CCB"],
    "cong_doan": ["LĐLĐ", "CĐ", "CĐCS"],
    "nguoi_cao_tuoi": ["NCT", "Hội NCT"],
}


@pytest.mark.parametrize(
    "name, code", [(n, code) for code, names in ABBREVIATIONS.items() for n in names]
)
def test_abbreviations_are_read_and_said_to_be_abbreviations(name, code):
    assert organization_match(name) == (code, ABBREVIATION)


@pytest.mark.parametrize(
    "name, found",
    [
        ("Hội Nông dân", ("nong_dan", "")),
        ("Hoi Nong dan", ("nong_dan", TONELESS)),
        ("Trẻ vị thành niên", (None, "")),  # not "thanh niên"
        ("Hội Chữ thập đỏ", (None, "")),
    ],
)
def test_full_names_compared_with_their_marks(name, found):
    assert organization_match(name) == found


@pytest.mark.parametrize(
    "name, closest",
    [
        ("Hội Nông dâ", "nong_dan"),
        ("Hội Phụ nứ", "phu_nu"),
        ("Đoàn Thanh Nien CS", "thanh_nien"),
        ("Hội Cựu chiến sĩ", "cuu_chien_binh"),
    ],
)
def test_closest_organisation_to_a_name_not_known(name, closest):
    assert closest_value(ORGANIZATION, name) == closest


def _readme_organisation_table() -> list[tuple[str, str]]:
    """(code, name) for every name in the README's table of organisations."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+) \| (.+) \|$", readme, re.MULTILINE)
    return [
        (code, name.strip())
        for code, full, short in rows
        if code in ORGANIZATIONS
        for name in f"{full}, {short}".split(",")
    ]


def test_every_name_in_the_readme_table_is_read():
    names = _readme_organisation_table()
    assert len(names) > 30
    assert [(code, n) for code, n in names if organization_code(n) != code] == []
