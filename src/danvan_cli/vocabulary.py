"""Canonical names of DOMAIN.md: levels, organisations, membership figures."""

from __future__ import annotations

import difflib

from danvan_cli.headers import ABBREVIATION, compile_patterns, first_match, match_text
from danvan_cli.normalize import clean_text, strip_diacritics

LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")

# Figures that belong to an organisation's branches (summed per organisation).
ORGANIZATION_METRICS: tuple[str, ...] = (
    "branches",
    "members",
    "members_attending",
    "rating_strong",
    "rating_good",
    "rating_average",
    "rating_weak",
)
# Figures that belong to the village (counted once per village, on the "all" rows).
HOUSEHOLD_METRICS: tuple[str, ...] = ("households", "households_with_members")
MEMBERSHIP_METRICS: tuple[str, ...] = ORGANIZATION_METRICS + HOUSEHOLD_METRICS
RATING_METRICS: tuple[str, ...] = ORGANIZATION_METRICS[3:]

# Derived ratio -> (numerator, denominator), always computed from sums.
RATIOS: dict[str, tuple[str, str]] = {
    "household_coverage": ("households_with_members", "households"),
    "attendance_rate": ("members_attending", "members"),
    "members_per_branch": ("members", "branches"),
}

ORGANIZATIONS: tuple[str, ...] = (
    "mttq",
    "nong_dan",
    "phu_nu",
    "thanh_nien",
    "cuu_chien_binh",
    "cong_doan",
    "nguoi_cao_tuoi",
)

# Names as written, with their marks (see `headers.first_match`); full names first, then
# the abbreviations offices use (a column group read from one is shown as weak evidence).
_ORGANIZATION_PATTERNS: tuple[tuple[str, str] | tuple[str, str, str], ...] = (
    ("mttq", r"mặt trận|fatherland"),
    ("nong_dan", r"nông dân|farmer"),
    ("phu_nu", r"phụ nữ|women"),
    ("cuu_chien_binh", r"cựu chiến binh|veteran"),
    ("nguoi_cao_tuoi", r"người cao tuổi|elderly"),
    ("cong_doan", r"công đoàn|trade union"),
    ("thanh_nien", r"thanh niên|chi đoàn|youth"),
    ("mttq", r"\b(ub|uỷ ban )?mttq\b|\bb?ctmt\b", ABBREVIATION),
    ("nong_dan", r"\bhnd\b|\bhội nd\b", ABBREVIATION),
    ("phu_nu", r"\b(h|hội )?(lh)?pn\b", ABBREVIATION),
    ("cuu_chien_binh", r"\bh?ccb\b", ABBREVIATION),
    ("nguoi_cao_tuoi", r"\bh?nct\b", ABBREVIATION),
    ("cong_doan", r"\bl[đd]l[đd]\b|\bc[đd](cs)?\b", ABBREVIATION),
    ("thanh_nien", r"\b([đd]|đoàn )tn(cs)?\b|\btn(cs)?\b", ABBREVIATION),
)
_COMPILED_ORGANIZATIONS = compile_patterns(_ORGANIZATION_PATTERNS)
# The names a group header is compared with to say which organisation it is closest to.
ORGANIZATION_NAMES: dict[str, tuple[str, ...]] = {
    "mttq": ("Mặt trận Tổ quốc", "MTTQ", "UBMTTQ", "Ban Công tác Mặt trận", "BCTMT"),
    "nong_dan": ("Hội Nông dân", "Hội ND", "HND"),
    "phu_nu": ("Hội Liên hiệp Phụ nữ", "Hội LHPN", "LHPN", "HPN", "Phụ nữ"),
    "thanh_nien": ("Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh", "Đoàn TN", "ĐTN", "Chi đoàn"),
    "cuu_chien_binh": ("Hội Cựu chiến binh", "Hội CCB", "HCCB", "CCB"),
    "cong_doan": ("Công đoàn", "Công đoàn cơ sở", "CĐ", "CĐCS", "LĐLĐ"),
    "nguoi_cao_tuoi": ("Hội Người cao tuổi", "Hội NCT", "NCT"),
}

ACCEPTED_ORGANIZATION_WORDS = (
    "Mặt trận Tổ quốc/MTTQ/Ban Công tác Mặt trận, Hội Nông dân/HND, Hội LHPN/HPN/Phụ nữ, "
    "Đoàn Thanh niên/Đoàn TN/ĐTN, Hội Cựu chiến binh/CCB, Công đoàn/CĐ/LĐLĐ, "
    "Hội Người cao tuổi/NCT"
)


def organization_code(name: object) -> str | None:
    """Canonical organisation code for a name as written, or None if not recognised."""
    return organization_match(name)[0]


def organization_match(name: object) -> tuple[str | None, str]:
    """(code or None, evidence) for a name as written: evidence "" for a full name,
    ABBREVIATION or TONELESS (see `headers.first_match`)."""
    text = clean_text(name)
    code = strip_diacritics(text).replace(" ", "_")
    if code in ORGANIZATIONS:
        return code, ""
    return first_match(text, _COMPILED_ORGANIZATIONS)


def closest_organization(name: str) -> str:
    """The organisation whose names (ORGANIZATION_NAMES) read most like `name`."""
    text = match_text(name)

    def likeness(code: str) -> float:
        names = ORGANIZATION_NAMES[code]
        return max(difflib.SequenceMatcher(None, text, match_text(n)).ratio() for n in names)

    return max(ORGANIZATIONS, key=likeness)
