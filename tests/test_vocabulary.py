"""vocabulary: organisation names as written -> canonical codes (DOMAIN.md's table)."""

from __future__ import annotations

import pytest

from danvan_cli.vocabulary import ORGANIZATIONS, organization_code

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
