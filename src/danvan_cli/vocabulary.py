"""Canonical names of DOMAIN.md: levels, organisations, membership figures."""

from __future__ import annotations

import re

from danvan_cli.normalize import strip_diacritics

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

# Patterns on the diacritic-free, lower-case name; the first that matches wins.
_ORGANIZATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("mttq", r"mat tran|mttq|bctmt|cong tac mat tran|fatherland"),
    ("nong_dan", r"nong dan|\bhnd\b|farmer"),
    ("phu_nu", r"phu nu|lhpn|\bpn\b|women"),
    ("cuu_chien_binh", r"cuu chien binh|\bccb\b|veteran"),
    ("nguoi_cao_tuoi", r"nguoi cao tuoi|\bnct\b|elderly"),
    ("cong_doan", r"cong doan|\bldld\b|\bcd\b|trade union"),
    ("thanh_nien", r"thanh nien|\btn\b|tncs|chi doan|\bdoan tn|youth"),
)
_COMPILED_ORGANIZATIONS = tuple((code, re.compile(p)) for code, p in _ORGANIZATION_PATTERNS)

ACCEPTED_ORGANIZATION_WORDS = (
    "Mặt trận Tổ quốc/MTTQ/Ban Công tác Mặt trận, Hội Nông dân/HND, Hội LHPN/Phụ nữ, "
    "Đoàn Thanh niên/Đoàn TN, Hội Cựu chiến binh/CCB, Công đoàn/LĐLĐ, Hội Người cao tuổi/NCT"
)


def organization_code(name: object) -> str | None:
    """Canonical organisation code for a name as written, or None if not recognised."""
    text = strip_diacritics(name).replace("_", " ")
    if not text:
        return None
    if text.replace(" ", "_") in ORGANIZATIONS:
        return text.replace(" ", "_")
    for code, pattern in _COMPILED_ORGANIZATIONS:
        if pattern.search(text):
            return code
    return None
