"""Canonical names of DOMAIN.md: levels, organisations, membership figures, and the header
wordings a membership table is read with."""

from __future__ import annotations

from danvan_cli.ingest.headers import (
    COMMON_HEADER_PATTERNS,
    FIGURE,
    GROUP_SPLIT,
    NAMED_GROUPS,
    NEVER,
    UNIT_HEADER_PATTERNS,
    compile_patterns,
    declared_patterns,
    group_patterns,
    value_match,
)
from danvan_cli.kinds.membership import HEADER_ORDER, MEMBERSHIP, ORGANIZATION, ORGANIZATION_ORDER

LEVELS: tuple[str, ...] = MEMBERSHIP.levels

# Figures that belong to an organisation's branches (summed per organisation).
ORGANIZATION_METRICS: tuple[str, ...] = MEMBERSHIP.split_figures
# Figures that belong to the village (counted once per village, on the "all" rows).
HOUSEHOLD_METRICS: tuple[str, ...] = MEMBERSHIP.once_per_unit
MEMBERSHIP_METRICS: tuple[str, ...] = ORGANIZATION_METRICS + HOUSEHOLD_METRICS
RATING_METRICS: tuple[str, ...] = tuple(m for m in ORGANIZATION_METRICS if m.startswith("rating_"))

# Derived ratio -> (numerator, denominator), always computed from sums.
RATIOS: dict[str, tuple[str, str]] = {
    r.code: (r.numerator, r.denominator) for r in MEMBERSHIP.ratios
}

ORGANIZATIONS: tuple[str, ...] = tuple(v.code for v in ORGANIZATION.values)

# The organisations as group headers (and cells of an "Đoàn thể" column) name them: their
# names as written, with their marks (see `headers.first_match`), full names first, then the
# abbreviations offices use (weaker evidence); their codes too. Models tables' groups are
# read with these as well.
ORGANIZATION_GROUPS: tuple[tuple[str | None, str, str], ...] = (
    *group_patterns(declared_patterns([ORGANIZATION.value(c) for c in ORGANIZATION_ORDER])),
    (None, NEVER, NAMED_GROUPS),
)
# Headers naming no membership figure (the column is not used): who a member is (a list
# of people), not how many; a part of the members (women, Party members, honorary ones) or
# a flow in the period.
_NOT_FIGURES: tuple[tuple[None, str], ...] = (
    (
        None,
        r"^(họ (và )?tên|tên (chi hội|chi đoàn|tổ hội|hội viên|đoàn viên)|mã|ngày|năm sinh|"
        r"địa chỉ|(số )?điện thoại|(số )?(cccd|cmnd|định danh))\b",
    ),
    (
        None,
        r"(?<!phụ )\bnữ\b|phát triển|kết nạp|\bgiảm\b|\btăng\b|\bmới\b|trong kỳ|danh dự|"
        r"đảng viên|cấp uỷ|\bhđnd\b|hội đồng nhân dân|\bfemale\b|\bnew members?\b|honorary",
    ),
)
# The declared wordings in `HEADER_ORDER`, a figure's matched as a `FIGURE`.
_WORDINGS = tuple(
    (code, pattern, "".join(evidence) or (FIGURE if code in MEMBERSHIP.figure_codes else ""))
    for code, pattern, *evidence in declared_patterns(
        [MEMBERSHIP.wordings(c) for c in HEADER_ORDER]
    )
)
MEMBERSHIP_HEADERS = compile_patterns(
    COMMON_HEADER_PATTERNS,
    _NOT_FIGURES,
    _WORDINGS,
    UNIT_HEADER_PATTERNS,
    ORGANIZATION_GROUPS,
    [(code, NEVER, GROUP_SPLIT) for code in ORGANIZATION_METRICS],
)
MEMBERSHIP_TEXTS = frozenset({"organization"})  # text besides the names in a membership table


def organization_code(name: object) -> str | None:
    """Canonical organisation code for a name as written, or None if not recognised."""
    return organization_match(name)[0]


def organization_match(name: object) -> tuple[str | None, str]:
    """(code or None, evidence) for a name as written: evidence "" for a full name,
    ABBREVIATION or TONELESS (see `headers.first_match`)."""
    return value_match(name, MEMBERSHIP_HEADERS)
