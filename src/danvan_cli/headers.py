"""Header mapping (ánh xạ tiêu đề): column headers as written -> canonical fields."""

from __future__ import annotations

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
    ("province", r"^(ten )?(tinh|province)\b|^tinh/thanh"),
    ("district", r"^(ten )?(huyen|quan|thi xa|district)\b"),
    ("commune", r"^(ten )?(xa|phuong|thi tran|dac khu|commune|ward)\b"),
    (
        "village",
        r"^(ten )?(thon|ap|ban|buon|lang|khom|to dan pho|tdp|khu pho|khu vuc|village|hamlet)\b",
    ),
)
_COMPILED = tuple((name, re.compile(p)) for name, p in _HEADER_PATTERNS)


def header_field(header: object) -> str | None:
    """Canonical field for one header as written, IGNORED, RATIO, or None."""
    text = strip_diacritics(header).replace("_", " ")
    text = re.sub(r"\s*([/,;.:()-])\s*", r"\1", text).strip(" .:")
    if not text:
        return None
    for name, pattern in _COMPILED:
        if pattern.search(text):
            return name
    return None


@dataclass(frozen=True)
class HeaderMapping:
    """How the columns of one table were understood."""

    headers: tuple[str, ...]  # as written, one per column position
    fields: tuple[str | None, ...]  # canonical field (or IGNORED/RATIO/None) per position

    def position_of(self, field: str) -> int | None:
        return self.fields.index(field) if field in self.fields else None

    def header_of(self, field: str) -> str:
        position = self.position_of(field)
        return self.headers[position] if position is not None else field

    def present(self, names: Sequence[str]) -> list[str]:
        return [n for n in names if n in self.fields]


def map_headers(headers: Sequence[object]) -> HeaderMapping:
    """Map each header; a second column for an already-taken field maps to None."""
    written = tuple(clean_text(h) for h in headers)
    fields: list[str | None] = []
    for text in written:
        found = header_field(text) if text else None
        if found in fields and found not in (IGNORED, RATIO):
            found = None
        fields.append(found)
    return HeaderMapping(written, tuple(fields))


def duplicate_fields(headers: Sequence[object]) -> list[tuple[str, str, str]]:
    """(field, first header, second header) for fields met twice in one header row."""
    seen: dict[str, str] = {}
    duplicates = []
    for h in headers:
        text = clean_text(h)
        found = header_field(text) if text else None
        if found is None or found in (IGNORED, RATIO):
            continue
        if found in seen:
            duplicates.append((found, seen[found], text))
        else:
            seen[found] = text
    return duplicates
