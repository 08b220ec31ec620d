"""Header mapping (ánh xạ tiêu đề): column headers as written -> canonical fields."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from danvan_cli.normalize import clean_text, strip_diacritics

IGNORED = "_ignored"  # a known column that carries nothing to add up (STT)
RATIO = "_ratio"  # a percent column: a check, never summed

# (field, pattern on the diacritic-free lower-case header); the first match wins,
# so the more specific wordings come first.
_HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    (IGNORED, r"^(stt|tt|so tt|no|#)$"),
    (RATIO, r"ty le|%|\brate\b|coverage|ratio|per branch"),
    ("households_with_members", r"\bho\b.*\bco\b|households? with"),
    ("households", r"^(tong )?(so )?ho( dan| gia dinh)?$|^households?$|^tong so ho\b"),
    ("members_attending", r"sinh hoat|tham gia|attend"),
    ("rating_strong", r"vung manh|\bstrong\b|xuat sac"),
    ("rating_good", r"^(xep loai )?kha$|\bgood\b"),
    ("rating_average", r"trung binh|\baverage\b"),
    ("rating_weak", r"\byeu\b|\bkem\b|\bweak\b"),
    ("branches", r"\bchi (hoi|doan)|\bso chi\b|\bto hoi\b|phan hoi|cong doan co so|branch"),
    ("members", r"hoi vien|doan vien|\bdv\b|\bhv\b|member"),
    ("organization", r"^(ten )?(doan the|to chuc|hoi|organi[sz]ations?)$"),
)
# Unit-name columns (one per administrative level), shared by every kind of table.
UNIT_HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("province", r"^(ten )?(tinh|province)\b|^tinh/thanh"),
    ("district", r"^(ten )?(huyen|quan|thi xa|district)\b"),
    ("commune", r"^(ten )?(xa|phuong|thi tran|dac khu|commune|ward)\b"),
    (
        "village",
        r"^(ten )?(thon|ap|ban|buon|lang|khom|to dan pho|tdp|khu pho|khu vuc|village|hamlet)\b",
    ),
)
HeaderPatterns = tuple[tuple[str, re.Pattern[str]], ...]


def compile_patterns(*groups: Sequence[tuple[str, str]]) -> HeaderPatterns:
    """(field, compiled pattern) pairs in order: the first match wins."""
    return tuple((name, re.compile(p)) for group in groups for name, p in group)


# STT and percent columns (the first two) are known to every kind of table.
COMMON_HEADER_PATTERNS = _HEADER_PATTERNS[:2]
MEMBERSHIP_HEADERS = compile_patterns(_HEADER_PATTERNS, UNIT_HEADER_PATTERNS)


def header_text(header: object) -> str:
    """A header as matched: lower case, no diacritics, no spaces around punctuation."""
    text = strip_diacritics(header).replace("_", " ")
    if _PUNCTUATION.search(text):  # most names have none: the substitution is skipped
        text = _SPACED_PUNCTUATION.sub(r"\1", text)
    return text.strip(" .:")


_PUNCTUATION = re.compile(r"[/,;.:()-]")
_SPACED_PUNCTUATION = re.compile(r"\s*([/,;.:()-])\s*")


def header_field(header: object, patterns: HeaderPatterns = MEMBERSHIP_HEADERS) -> str | None:
    """Canonical field for one header as written, IGNORED, RATIO, or None."""
    return _header_field(str(header) if header is not None else "", patterns)


@functools.lru_cache(maxsize=8192)
def _header_field(header: str, patterns: HeaderPatterns) -> str | None:
    text = header_text(header)
    if not text:
        return None
    for name, pattern in patterns:
        if pattern.search(text):
            return name
    return None


@dataclass(frozen=True)
class HeaderMapping:
    """How the columns of one table were understood."""

    headers: tuple[str, ...]  # as written, one per column position
    fields: tuple[str | None, ...]  # canonical field (or IGNORED/RATIO/None) per position
    duplicates: tuple[tuple[str, str, str], ...] = ()  # (field, first header, second header)
    organizations: tuple[str | None, ...] = ()  # organisation of a parent header (wide layout)

    def position_of(self, field: str, organization: str | None = None) -> int | None:
        for position, name in enumerate(self.fields):
            if name == field and self.organization_at(position) == organization:
                return position
        return None

    def organization_at(self, position: int) -> str | None:
        return self.organizations[position] if self.organizations else None

    def header_of(self, field: str, organization: str | None = None) -> str:
        position = self.position_of(field, organization)
        if position is None and organization is not None:
            position = self.position_of(field)
        return self.headers[position] if position is not None else field

    @property
    def wide(self) -> bool:
        """Metrics under organisation headers: one row per village, a group per organisation."""
        return any(o is not None and not o.startswith("_") for o in self.organizations)

    def present(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n in self.fields]

    def columns_to_read(self, text_fields: set[str]) -> tuple[list[int], set[int]]:
        """The positions of the columns worth reading, and those of them read as text."""
        positions = [p for p, f in enumerate(self.fields) if f is not None and f != RATIO]
        return positions, {p for p in positions if self.fields[p] in text_fields}


def map_headers(
    headers: Sequence[object], patterns: HeaderPatterns = MEMBERSHIP_HEADERS
) -> HeaderMapping:
    """Map each header; a second column for an already-taken field maps to None."""
    written = tuple(clean_text(h) for h in headers)
    fields: list[str | None] = []
    duplicates = []
    for text in written:
        found = header_field(text, patterns) if text else None
        if found in fields and found not in (IGNORED, RATIO):
            duplicates.append((found, written[fields.index(found)], text))
            found = None
        fields.append(found)
    return HeaderMapping(written, tuple(fields), tuple(duplicates))


def duplicate_fields(
    headers: Sequence[object], patterns: HeaderPatterns = MEMBERSHIP_HEADERS
) -> list[tuple[str, str, str]]:
    """(field, first header, second header) for fields met twice in one header row."""
    return list(map_headers(headers, patterns).duplicates)
