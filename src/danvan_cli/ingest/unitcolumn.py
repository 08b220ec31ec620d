"""One "Đơn vị" column holding the whole hierarchy (cột đơn vị): each row's level told by
its unit-type word or STT numbering, parent rows made subtotals of the rows under them,
"Cộng" rows closing a unit, and a sheet laid out by organisation ("I  Hội Nông dân")."""

from __future__ import annotations

import re

import pandas as pd

from danvan_cli.ingest.batchrows import (
    ARABIC,
    GRAND_TOTAL,
    LETTER_DEPTH,
    LIST_GRAND_TOTAL,
    LIST_NAME,
    LIST_SECTION_TOTAL,
    SECTION_TOTAL,
    STT,
    TOTAL_WORD,
    Tables,
    letter_after_letter,
    level_by_word,
    named_like_total,
    set_scope,
    stt_depth,
    text_of,
)
from danvan_cli.ingest.headers import (
    UNIT,
    HeaderPatterns,
    header_text,
    match_text,
    value_code,
)
from danvan_cli.model.declaration import LEVELS


def resolve_each_hierarchy(
    named: pd.DataFrame, patterns: HeaderPatterns
) -> tuple[pd.DataFrame, list[str]]:
    """`_resolve_hierarchy` table by table (`patterns`' group values name the sections of a
    sheet laid out by organisation)."""
    tables = Tables(named.index)
    if tables.count < 2:
        return _resolve_hierarchy(named, patterns)
    parts = [
        _resolve_hierarchy(part, patterns) for _, part in named.groupby(tables.code, sort=False)
    ]
    levels = [lv for lv in LEVELS if any(lv in found for _, found in parts)]
    return pd.concat([part for part, _ in parts]), levels


def _resolve_hierarchy(
    named: pd.DataFrame, patterns: HeaderPatterns
) -> tuple[pd.DataFrame, list[str]]:
    """One "Đơn vị" column: each row's level from its unit-type word or STT numbering;
    parent rows become subtotals of the rows under them."""
    names = text_of(named, UNIT)
    stt = text_of(named, STT)
    by_word = [level_by_word(n) for n in names]
    lettered = letter_after_letter(stt, Tables(named.index))
    by_number = [LETTER_DEPTH if a else stt_depth(s) for s, a in zip(stt, lettered, strict=True)]
    depth_level: dict[int, str] = {}
    for word_level, depth in zip(by_word, by_number, strict=True):
        if word_level and depth is not None:
            depth_level.setdefault(depth, word_level)
    present_words = [lv for lv in LEVELS if lv in by_word]
    numbered = sorted({d for d in by_number if d is not None})
    fallback = dict(zip(numbered, LEVELS[len(LEVELS) - len(numbered) :], strict=False))
    lowest = present_words[-1] if present_words else "village"
    listed = [header_text(n) if not named_like_total(n) else "" for n in text_of(named, LIST_NAME)]
    row_levels = []
    for word_level, depth, text, number, own in zip(
        by_word, by_number, names, stt, listed, strict=True
    ):
        # "Tổng cộng" in the name, or in the STT cell merged across the names
        folded = header_text(text or number) or "-"
        if not (text or number) and LIST_GRAND_TOTAL.match(own):  # in a list's name column
            row_levels.append("_total")
        elif not (text or number) and LIST_SECTION_TOTAL.match(own):
            row_levels.append(_CLOSING)
        elif GRAND_TOTAL.match(folded) and not ARABIC.fullmatch(number):
            row_levels.append("_total")
        elif (
            SECTION_TOTAL.match(folded)
            and not ARABIC.fullmatch(number)
            and not named_like_total(text or number)
        ):
            row_levels.append(_CLOSING)
        else:
            row_levels.append(word_level or depth_level.get(depth) or fallback.get(depth) or lowest)
    if "organization" not in named.columns:
        _mark_sections(row_levels, names, by_word, patterns)
    levels = [lv for lv in LEVELS if lv in row_levels]
    rank = {lv: i for i, lv in enumerate(levels)}
    per_organization = "organization" in named.columns  # a village's rows, its name once
    current: dict[str, str] = {}
    rows = named.index.to_list()
    columns = {lv: [] for lv in levels}
    organizations: list[str] = []  # per row, the section it is in ("" outside one)
    for position, (row, level) in enumerate(zip(rows, row_levels, strict=True)):
        if level in ("_total", _SECTION, _CLOSING):
            for lv in levels:
                columns[lv].append("")
        if level == _CLOSING:
            start = _closed_unit(row_levels, rank, names, position)
            if start < position:
                set_scope(named, row, rows[start], rows[position - 1])
            organizations.append(current.get("organization", ""))
            continue
        if level == "_total":
            # A total row right under the header covers the rows below it.
            set_scope(
                named, row, *((rows[0], rows[position - 1]) if position else (row + 1, rows[-1]))
            )
            organizations.append("")
            continue
        if level == _SECTION:  # its rows run to the next section or total: its subtotal
            current = {"organization": names.iat[position]}
            later = range(position + 1, len(rows))
            ends = (n - 1 for n in later if row_levels[n] in ("_total", _SECTION))
            end = next(ends, len(rows) - 1)
            if end > position:
                set_scope(named, row, rows[position + 1], rows[end])
            organizations.append(current["organization"])
            continue
        organizations.append(current.get("organization", ""))
        continued = per_organization and position and row_levels[position - 1] == level == lowest
        if names.iat[position] or not continued:
            current[level] = names.iat[position]
        for lv in levels:
            if rank[lv] > rank[level]:
                current.pop(lv, None)
        for lv in levels:
            columns[lv].append(current.get(lv, "") if rank[lv] <= rank[level] else "")
        end = _children_end(row_levels, rank, position)
        if end > position:
            set_scope(named, row, rows[position + 1], rows[end])
    for lv in levels:
        named[lv] = pd.Series(columns[lv], index=named.index, dtype="string")
    if _SECTION in row_levels:
        named["organization"] = pd.Series(organizations, index=named.index, dtype="string")
    return named.drop(columns=[UNIT]), levels


_SECTION = "_organization"  # a row heading an organisation's rows in a "Đơn vị" column


_CLOSING = "_closing"  # a "Cộng" row ending a unit's rows in a "Đơn vị" column


_ORGANIZATION_NAME = re.compile(r"^(hoi|doan|mat tran|mttq|ban cong tac|cong doan)\b")


def _mark_sections(
    row_levels: list[str], names: pd.Series, by_word: list[str | None], patterns: HeaderPatterns
) -> None:
    """A sheet without an "Đoàn thể" column may be laid out by organisation: its rows under
    "I  Hội Nông dân", "II  Hội LHPN" ... Those rows become sections (`_SECTION`) when the
    table opens with one, units follow it, and there are two or more; organisations listed
    under their commune, or a village that happens to be called "Thanh Niên", stay units."""

    def is_section(position: int) -> bool:
        text = names.iat[position]
        return (
            by_word[position] is None
            and _ORGANIZATION_NAME.match(header_text(text)) is not None
            and value_code(text, patterns) is not None
        )

    rows = [p for p, level in enumerate(row_levels) if level != "_total"]
    if len(rows) < 2 or not is_section(rows[0]) or is_section(rows[1]):
        return
    sections = [position for position in rows if is_section(position)]
    if len(sections) < 2:  # "Mặt trận Tổ quốc xã" atop its villages is a unit with figures
        return
    for position in sections:
        row_levels[position] = _SECTION


def _children_end(row_levels: list[str], rank: dict[str, int], position: int) -> int:
    """Position of the last row under the unit at `position` (itself if it has none)."""
    own = rank[row_levels[position]]
    end = position
    for later in range(position + 1, len(row_levels)):
        level = row_levels[later]
        if level in ("_total", _SECTION, _CLOSING) or rank[level] <= own:
            break
        end = later
    return end


def _closed_unit(row_levels: list[str], rank: dict[str, int], names: pd.Series, at: int) -> int:
    """Position of the first row a "Cộng" row at `at` covers: the rows since the last unit,
    or "Cộng" row, of the level it names ("Cộng xã Hai") or above; naming none, since the
    last unit above the lowest level or the last "Cộng" row (the group of rows it ends)."""
    lowest = max(rank.values(), default=0)

    def closes(position: int) -> int | None:
        closed = level_by_word(TOTAL_WORD.sub("", match_text(names.iat[position])))
        return rank.get(closed) if closed else None

    own = closes(at)
    for earlier in range(at - 1, -1, -1):
        level = row_levels[earlier]
        if level == _CLOSING:
            other = closes(earlier)
            ends_here = own is None or (other is not None and other <= own)
        else:
            top = lowest - 1 if own is None else own
            ends_here = level in ("_total", _SECTION) or (level in rank and rank[level] <= top)
        if ends_here:
            return earlier + 1
    return 0
