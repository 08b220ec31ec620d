"""Canonical names of DOMAIN.md: levels, organisations, membership figures."""

from __future__ import annotations

import difflib

from danvan_cli.ingest.headers import compile_patterns, declared_patterns, first_match, match_text
from danvan_cli.kinds.membership import MEMBERSHIP, ORGANIZATION, ORGANIZATION_ORDER
from danvan_cli.text.normalize import clean_text, strip_diacritics

LEVELS: tuple[str, ...] = MEMBERSHIP.levels

# Figures that belong to an organisation's branches (summed per organisation).
ORGANIZATION_METRICS: tuple[str, ...] = tuple(
    f.code for f in MEMBERSHIP.figures if "organization" in f.split_by
)
# Figures that belong to the village (counted once per village, on the "all" rows).
HOUSEHOLD_METRICS: tuple[str, ...] = tuple(
    f.code for f in MEMBERSHIP.figures if f.over_units == "once_per_lowest_unit"
)
MEMBERSHIP_METRICS: tuple[str, ...] = ORGANIZATION_METRICS + HOUSEHOLD_METRICS
RATING_METRICS: tuple[str, ...] = tuple(m for m in ORGANIZATION_METRICS if m.startswith("rating_"))

# Derived ratio -> (numerator, denominator), always computed from sums.
RATIOS: dict[str, tuple[str, str]] = {
    r.code: (r.numerator, r.denominator) for r in MEMBERSHIP.ratios
}

ORGANIZATIONS: tuple[str, ...] = tuple(v.code for v in ORGANIZATION.values)

# Names as written, with their marks (see `headers.first_match`); full names first, then
# the abbreviations offices use (a column group read from one is shown as weak evidence).
_COMPILED_ORGANIZATIONS = compile_patterns(
    declared_patterns([ORGANIZATION.value(code) for code in ORGANIZATION_ORDER])
)
# The names a group header is compared with to say which organisation it is closest to.
ORGANIZATION_NAMES: dict[str, tuple[str, ...]] = {v.code: v.headers for v in ORGANIZATION.values}

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
