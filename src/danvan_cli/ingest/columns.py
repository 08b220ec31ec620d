"""What a column's header texts mean (nghĩa của cột), read top to bottom ("Hội Nông dân ›
Số hội viên"): its field, the organisation (or a declared kind's category value) of
the group over it, how weakly that was read, and the words that make a header no figure
("Trong đó", "Đầu kỳ") or a group no organisation known."""

from __future__ import annotations

import functools
import re

from danvan_cli.ingest.headers import (
    GROUP,
    GROUP_ABBREVIATION,
    GROUP_SPLIT,
    GROUP_TOTAL,
    GROUP_VALUE,
    IGNORED,
    PAGE,
    PARTIAL,
    RATIO,
    UNIT,
    HeaderPatterns,
    compile_patterns,
    figure_fields,
    header_field,
    header_match,
    header_text,
    match_text,
    named_groups,
    value_code,
    value_match,
)
from danvan_cli.model.declaration import LEVELS

_TOTAL_WORDS = re.compile(r"^(tong cong|tong so|tong|cong|toan (tinh|huyen|xa)|total)$")


_TOTAL_START = re.compile(r"^(tong|cong|toan (tinh|huyen|xa)|total)\b")


# Words that say what a header is besides its field, compared with their marks ("không",
# not, is not "khóng"; "đầu kỳ", the start of the period, not "đầu ký"); a header typed
# wholly without marks by their tone-less forms.
_WORDS = compile_patterns(
    (
        ("part_of", r"^trong (đó|số)\b"),  # "Trong đó" over "Nữ | Đảng viên"
        (
            "not_counted",
            r"\b(không|chưa)\b|\b(đầu (kỳ|năm|quý|tháng)|kỳ trước|năm trước|cùng kỳ)\b",
        ),
        ("sub_branch", r"^(tổng )?(số )?tổ (hội|đoàn)\b"),  # a chi hội's groups
        ("person", r"^(họ (và )?tên|họ,tên|tên (hội|đoàn) viên|full name)\b"),
        (
            "personal",
            r"\b(ngày sinh|năm sinh|sinh ngày|giới tính|điện thoại|sđt|số đt|cccd|cmnd|"
            r"căn cước|chứng minh|định danh|địa chỉ|quê quán|thường trú|date of birth|phone)\b",
        ),
    )
)


UNIT_HEADER = re.compile(r"^(ten )?(don vi|dia ban|dia phuong|unit)\b")


def column_meaning(texts: list[str], patterns: HeaderPatterns) -> tuple[str | None, str | None]:
    """(field, organisation of a parent group) of a column's header texts. A part "of
    which" ("Trong đó" over "Nữ | Đảng viên") is never the figure it is part of, nor are
    those not counted ("Hội viên không sinh hoạt") or the stock at the start of the period
    ("Đầu kỳ" beside "Cuối kỳ"), nor any column under a group said not used or under a
    percent. (A models table's "Trong đó › Kinh tế" or "Chưa công nhận" are its categories.)"""
    if not texts:
        return None, None
    lowest = texts[-1]
    field = header_field(lowest, patterns)
    if field is None and len(texts) > 1 and not _said_not_used(lowest, patterns):
        field = header_field(" ".join(texts[-2:]), patterns) or header_field(
            " ".join(texts), patterns
        )
    if field in figure_fields(patterns) and any(
        header_word(t) in ("part_of", "not_counted") for t in texts
    ):
        return None, None
    if any(header_field(parent, patterns) == RATIO for parent in texts[:-1]):
        field = RATIO  # "Tỷ lệ %" over "Chi hội | Hội viên": percentages
    elif any(
        _said_not_used(parent, patterns) and not _reads_as_organization(parent, patterns)
        for parent in texts[:-1]
    ):
        return None, None  # "Phát triển trong kỳ › Hội viên": nothing under it is a figure
    if field is None and UNIT_HEADER.search(header_text(" ".join(texts))):
        field = UNIT
    organization = None
    for parent in texts[:-1]:
        organization = value_code(parent, patterns) or organization
        if _TOTAL_WORDS.match(header_text(parent)):
            organization = GROUP_TOTAL
    if field in (None, "organization", IGNORED, RATIO, UNIT, *LEVELS):
        organization = None
    return field, organization


@functools.lru_cache(maxsize=64)
def split_fields(patterns: HeaderPatterns) -> frozenset[str]:
    """The figures a wide table gives per group (an organisation's branches and members),
    those its `GROUP_SPLIT` patterns name."""
    return frozenset(name for name, _, _, evidence in patterns if evidence == GROUP_SPLIT)


def _said_not_used(text: str, patterns: HeaderPatterns) -> bool:
    """A header whose words name no figure of danvan's (a flow, a part of the members,
    "HV danh dự"): the first pattern it matches has no field."""
    if header_field(text, patterns) is not None:
        return False
    marked, bare = match_text(text), header_text(text)
    words, which = (bare, 2) if marked == bare else (marked, 1)
    return any(p[0] is None and p[which].search(words) for p in patterns)


def is_partial(texts: list[str], patterns: HeaderPatterns) -> bool:
    """A column whose figure's wording is found among other words ("Số hội viên thoát
    nghèo", "HỘI VIÊN › Dân tộc thiểu số"), in the texts `column_meaning` reads it from."""
    for words in (texts[-1:], texts[-2:], texts):
        found, how = header_match(" ".join(words), patterns)
        if found is not None:
            return how == PARTIAL
    return False


def unknown_group(
    texts: list[str],
    field: str | None,
    organization: str | None,
    wide: bool,
    patterns: HeaderPatterns,
) -> str | None:
    """The parent header of a branch or member figure that reads as an organisation's name
    ("Hội Chữ thập đỏ", "HCTĐ") yet names none known, or None. Beside groups naming
    organisations (`wide`), any parent but a figure's words or a total ("H.ND", "Khối đoàn
    thể"): its figures belong to no organisation."""
    if field not in split_fields(patterns) or organization is not None:
        return None
    if not named_groups(patterns):  # a template's groups: its values or none
        return None
    names = _names_a_group if wide else _reads_as_organization
    return next((p for p in reversed(texts[:-1]) if names(p, patterns)), None)


def _names_a_group(text: str, patterns: HeaderPatterns) -> bool:
    """A group header that is neither a figure's words nor a total ("Tổng số các đoàn thể")."""
    return not _figure_words(text, patterns) and not _TOTAL_START.match(header_text(text))


def _figure_words(text: str, patterns: HeaderPatterns) -> bool:
    """ "Hội viên", "Chi hội", "Tổng số", "Hội viên danh dự": a figure's words, not a name."""
    if _TOTAL_WORDS.match(header_text(text)):
        return True
    marked, bare = match_text(text), header_text(text)
    words, which = (bare, 2) if marked == bare else (marked, 1)
    return any(
        p[0] not in (None, IGNORED) and p[3] not in _GROUP_ENTRIES and p[which].search(words)
        for p in patterns
    )


def _reads_as_organization(text: str, patterns: HeaderPatterns) -> bool:
    if header_field(text, patterns) is not None or _figure_words(text, patterns):
        return False
    if _ORGANIZATION_WORD.match(match_text(text)):
        return True
    return bool(_SHORT_NAME.fullmatch(text)) and not _NOT_A_NAME.fullmatch(text)


# The word an organisation's name opens with; a short name in capitals, and those not one.
_ORGANIZATION_WORD = re.compile(r"(hội|đoàn|ban|công đoàn|mặt trận|uỷ ban|liên (hiệp|đoàn))\b")


_SHORT_NAME = re.compile(r"[A-ZĐ]{2,6}")
# The patterns naming group values: an organisation's name is no figure's words.
_GROUP_ENTRIES = (GROUP_VALUE, GROUP_ABBREVIATION)


_NOT_A_NAME = re.compile(r"STT|TT|HĐND|UBND|TDP|[IVXLC]+")


def column_evidence(
    texts: list[str], field: str | None, organization: str | None, patterns: HeaderPatterns
) -> str:
    """How weakly a column was read: "" as written, else TONELESS, GROUP (its own words name
    no field) or ABBREVIATION (its organisation written short)."""
    if field in (None, UNIT, PAGE):
        return ""
    found, how = header_match(texts[-1], patterns)
    if found is None:
        return GROUP
    if how or organization in (None, GROUP_TOTAL):
        return how
    named = [value_match(p, patterns) for p in texts[:-1]]
    return next((e for code, e in reversed(named) if code == organization), "")


def header_word(text: str) -> str | None:
    """Which of `_WORDS` a header's words are, or None."""
    return header_match(text, _WORDS)[0]
