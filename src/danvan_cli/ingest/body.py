"""Shaping the rows under a header into records (đọc phần thân bảng).

Handles what real report sheets carry besides data rows: the numbering row, blank
rows, the signature block, names not repeated under merged cells, the whole hierarchy
in one "Đơn vị" column (levels told by STT numbering or unit-type words), subtotal
rows (kept apart as checks, never added), and the wide layout (one row per village,
a column group per organisation), which becomes the long layout.

Several tables laid out alike (one file per commune) are shaped in one batch: their
rows are indexed `table * ROW_SPAN + Excel row`, and every step keeps to each table's
own rows (a signature block ends its table only, names are filled down within it).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from danvan_cli.ingest.headers import (
    IGNORED,
    HeaderMapping,
    compile_patterns,
    header_text,
    match_text,
    match_words,
)
from danvan_cli.ingest.tablefind import GROUP_TOTAL, PAGE, UNIT
from danvan_cli.kinds.vocabulary import LEVELS, organization_code
from danvan_cli.text.numbers import NUMBER_TEXT, holds_only_numbers, is_figure

STT = "_stt"
GROUP = "_group"  # a wide table's row: the code of the group it came from (see `_melt_wide`)
ROW_SPAN = 2**32  # a batch's index: table * ROW_SPAN + Excel row
_LARGE_TABLE = 5000
# "TM." and "KT." (thay mặt, ký thay) as header_text folds them: "TM. BAN" reads "tm.ban".
_SIGNATURE = re.compile(
    r"\bnguoi lap\b|\blap bieu\b|\bt/?m[. ]|\bthu truong\b|\bxac nhan\b|\bky\b.*\bten\b|"
    r"\bnoi nhan\b|\bngay\W.*\bthang\W.*\bnam\b|\btruong ban\b|\bchu tich\b|\bpho ban\b|"
    r"\bk/?t[. ]|^(ghi chu|luu y|chu thich|chu y|note)\b"
)
# "Tổng"/"Cộng" alone or before a level word, never before a name: Xã Tống Phan, Cộng Hòa.
_GRAND_TOTAL = re.compile(
    r"^(tong cong|tong so|tong hop|tong(?!\s+\w)|((tong|cong) )?toan (tinh|huyen|thi xa|"
    r"thanh pho|xa|phuong)|total|cong chung)\b"
)
_SECTION_TOTAL = re.compile(
    r"^(cong(?!\s+\w)|cong [ivxlc]+$|(cong|tong) (cac )?(huyen|quan|thi xa|thanh pho|xa|"
    r"phuong|thi tran|dac khu|thon|ap|ban|buon|khom|khu|to|xom)\b.*|sub ?total)\b"
)
_TOTAL_OPENINGS = ("tổng", "tong", "cộng", "cong")
_ARABIC = re.compile(r"\d+(\.\d+)*\.?")  # STT of a unit row (1, 1.2), never of a total
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
# The word a unit's name opens with, with its marks ("Bản Mường"; "Ban CTMT" is no unit).
_UNIT_WORDS = compile_patterns(
    (
        ("province", r"^(tỉnh|thành phố trực thuộc)\b"),
        ("district", r"^(huyện|quận|thị xã|thành phố|tp\.?)\b"),
        ("commune", r"^(xã|phường|thị trấn|đặc khu)\b"),
        ("village", r"^(thôn|ấp|bản|buôn|làng|khóm|tổ dân phố|tdp|khu phố|khu vực|tổ|xóm|khu)\b"),
    )
)


@dataclass
class ShapedBody:
    """Long-layout rows (index: Excel row, in a batch `table * ROW_SPAN + Excel row`) with
    subtotal marks, and notes on what was left out (rows indexed alike)."""

    rows: pd.DataFrame
    levels: list[str]
    subtotal_rows: list[int] = field(default_factory=list)
    signature_rows: list[int] = field(default_factory=list)  # where a table's signature starts
    numbering_row: int | None = None
    figures_below: list[int] = field(default_factory=list)  # rows under the end, not read


def shape_body(raw: pd.DataFrame, mapping: HeaderMapping, body_start_row: int) -> ShapedBody:
    """`raw`: the cells under the header, columns by position, index the Excel row number
    (several tables: `table * ROW_SPAN + Excel row`, each table's rows in order).

    `body_start_row` is the Excel row of the first data row (after a numbering row).
    """
    excel_rows = raw.index.to_numpy() % ROW_SPAN
    numbering = (
        body_start_row - 1 if raw.index.size and body_start_row - 1 >= excel_rows.min() else None
    )
    raw = compact(raw[excel_rows >= body_start_row])
    raw, signatures, below = _drop_blank_and_signature(raw)
    named = _named_columns(raw, mapping)
    if UNIT in named.columns:
        named, levels = _resolve_each_hierarchy(named)
    else:
        levels = [lv for lv in LEVELS if lv in named.columns]
        _mark_subtotals(named, levels)
        _fill_down(named, levels)
    subtotal_rows = sorted(set(named.index[named["_subtotal"]].tolist()))
    if mapping.wide:
        named = _melt_wide(named, mapping)
    return ShapedBody(named, levels, subtotal_rows, signatures, numbering, below)


def compact(raw: pd.DataFrame) -> pd.DataFrame:
    """A big frame's columns made compact: those holding only numbers as float64, text as
    categories (each distinct value factorised once, here, for every test made on it)."""
    if len(raw) <= _LARGE_TABLE:
        return raw
    raw = raw.astype({c: "float64" for c in raw.columns if holds_only_numbers(raw[c])})
    texts = [c for c in raw.columns if _is_text(raw[c]) and raw[c].dtype != "category"]
    if texts:
        raw = raw.copy(deep=False)  # the caller's frame stays as it was
        for column in texts:
            raw[column] = _categories(raw[column])
    return raw


def _categories(column: pd.Series) -> pd.Categorical:
    """The column as categories in order of first appearance (`astype("category")` would
    first turn a column of Python objects into strings, then sort them)."""
    codes, uniques = pd.factorize(column)
    return pd.Categorical.from_codes(codes, categories=uniques)


def distinct_values(column: pd.Series) -> tuple[np.ndarray, list]:
    """Each cell's code (-1: blank) and the distinct values as a list, for a test made once
    per value: a categorical column's own codes and categories (no hashing of its rows),
    else `pd.factorize`. The values' order is not that of first appearance. (A list: text
    held by Arrow costs a microsecond a value to iterate over, a country's names 0.1 s.)"""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.tolist()
    codes, uniques = pd.factorize(column)
    return codes, uniques.tolist()


class _Tables:
    """Which table each row of a batch belongs to, and where each table starts and ends."""

    def __init__(self, index: pd.Index) -> None:
        self.code, uniques = pd.factorize(index.to_numpy() // ROW_SPAN)
        count = len(self.code)
        self.count = len(uniques)
        starts = np.flatnonzero(np.diff(self.code, prepend=-1) != 0)
        ends = np.append(starts[1:], count) - 1
        self.first = starts[self.code]  # per row: its table's first row
        self.last = ends[self.code]
        self.is_last = np.arange(count) == self.last


def _drop_blank_and_signature(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[int], list[int]]:
    """Drop blank rows, and each table's signature block: from its first row with signature
    words (or a note: "Ghi chú", "Lưu ý") and no figures down. Also returns where each
    block starts and the rows below that hold figures, which are not read. Each column is
    looked at once, on its distinct values."""
    filled = np.zeros(len(raw), dtype=bool)
    words = np.zeros(len(raw), dtype=bool)
    numbers = np.zeros(len(raw), dtype=bool)
    for column in raw.columns:
        values = raw[column]
        if not _is_text(values) or holds_only_numbers(values):
            given = values.notna().to_numpy()
            filled |= given
            numbers |= given
            continue
        codes, uniques = distinct_values(values)
        kinds = [_cell_kind(u) for u in uniques] + [_BLANK]
        kind = np.array(kinds, dtype=np.int8)[codes]
        filled |= kind != _BLANK
        words |= kind == _WORDS
        numbers |= kind == _NUMBER
    signature = words & ~numbers & filled
    before = np.ones(len(raw), dtype=bool)
    starts: list[int] = []
    if signature.any():
        tables = _Tables(raw.index)
        end = np.full(tables.count, len(raw))
        marked = np.flatnonzero(signature)
        np.minimum.at(end, tables.code[marked], marked)
        before = np.arange(len(raw)) < end[tables.code]
        starts = raw.index[end[end < len(raw)]].tolist()
    return raw[filled & before], starts, raw.index[numbers & ~before].tolist()


_BLANK, _TEXT, _WORDS, _NUMBER = 0, 1, 2, 3


def _cell_kind(value: object) -> int:
    """Blank, plain text, signature words, or a figure (a number, or text that reads as one)."""
    if not isinstance(value, str) or is_figure(value):
        return _NUMBER
    folded = _folded(value)
    if not folded:
        return _BLANK
    if NUMBER_TEXT.match(folded):
        return _NUMBER
    return _WORDS if _SIGNATURE.search(folded) else _TEXT


def _is_text(column: pd.Series) -> bool:
    dtype = column.dtype
    return (
        pd.api.types.is_string_dtype(dtype)
        or pd.api.types.is_object_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def _flag_values(column: pd.Series, test, numbers: bool = False) -> np.ndarray:
    """`test(folded text)` for each text cell (blank cells as ""), once per distinct value;
    cells holding numbers get `numbers`."""
    codes, uniques = distinct_values(column)
    return _flags_of(codes, uniques, test, numbers)


def _flags_of(codes: np.ndarray, uniques, test, numbers: bool = False) -> np.ndarray:
    flags = [bool(test(_folded(u))) if isinstance(u, str) else numbers for u in uniques]
    return np.array([*flags, bool(test(""))], dtype=bool)[codes]


class _Distinct:
    """Each column of a frame factorised once, for the several tests made on it."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.codes: dict[object, tuple[np.ndarray, object]] = {}

    def flags(self, column: object, test, numbers: bool = False) -> np.ndarray:
        if column not in self.codes:
            self.codes[column] = distinct_values(self.frame[column])
        return _flags_of(*self.codes[column], test, numbers)


@functools.lru_cache(maxsize=2**18)  # every distinct name of a country's villages
def _folded(text: str) -> str:
    return header_text(text.strip())


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip()


def _named_columns(raw: pd.DataFrame, mapping: HeaderMapping) -> pd.DataFrame:
    """Columns renamed to their fields; wide groups keep (field, organisation) names."""
    positions, names = [], []
    for position in raw.columns:
        name = mapping.fields[position]
        organization = mapping.organization_at(position)
        if name not in (None, PAGE):  # a page's repeated names are checked when read
            positions.append(position)
            names.append(STT if name == IGNORED else (name, organization) if organization else name)
    named = raw[positions]  # a new frame; copy-on-write keeps `raw` as it was
    named.columns = pd.Index(names, tupleize_cols=False)
    named["_subtotal"] = False
    named["_scope_first"] = named.index.to_numpy()
    named["_scope_last"] = named.index.to_numpy()
    return named


def _text_of(named: pd.DataFrame, column: str) -> pd.Series:
    if column not in named.columns:
        return pd.Series("", index=named.index, dtype="string")
    codes, uniques = distinct_values(named[column])
    texts = np.array([*(_cell_text(u) for u in uniques), ""], dtype=object)[codes]
    return pd.Series(texts, index=named.index, dtype="string")


def _set_scope(named: pd.DataFrame, row: int, first: int, last: int) -> None:
    named.at[row, "_subtotal"] = True
    named.at[row, "_scope_first"] = first
    named.at[row, "_scope_last"] = last


def _mark_subtotals(named: pd.DataFrame, levels: list[str]) -> None:
    """Subtotal rows of a table with one column per level: "Cộng", "Tổng cộng", Roman-numeral
    section rows, and unit rows (a higher level named, the lowest blank) above their rows.

    Candidates are found on whole columns; only they are walked through, in order."""
    if not levels:
        return
    rows = named.index.to_numpy()
    count = len(rows)
    # "Tổng cộng" is also written in the STT column (merged across the names, often).
    word_columns = [c for c in [STT, *levels, "organization"] if c in named.columns]
    distinct = _Distinct(named)
    given = np.column_stack([~distinct.flags(lv, lambda t: t == "") for lv in levels])
    grand = np.zeros(count, dtype=bool)
    section = np.zeros(count, dtype=bool)
    closes = np.full(count, len(LEVELS))  # the level a "Cộng huyện/xã ..." row closes
    for column in word_columns:
        # A name in a higher level's column that reads like a total ("Tống Phan", "Cộng
        # Hòa") on a row naming its lowest unit is a data row.
        reach = ~given[:, -1] if column not in (levels[-1], "organization") else True
        total = distinct.flags(column, lambda t: _GRAND_TOTAL.match(t) is not None) & reach
        found = distinct.flags(column, lambda t: _SECTION_TOTAL.match(t) is not None) & reach
        found[[p for p in np.flatnonzero(found) if _named_like_total(named[column].iat[p])]] = False
        if column == "organization":
            # "Cộng", "Tổng số" in the Đoàn thể column of a row naming its village: that village.
            own = (total | found) & given[:, -1]
            found |= own
            closes[own] = np.minimum(closes[own], LEVELS.index(levels[-1]))
            total &= ~own
        grand |= total
        section |= found
        for position in np.flatnonzero(found):
            word = match_text(_cell_text(named[column].iat[position]))
            closed = _level_by_word(_TOTAL_WORD.sub("", word))
            if closed:
                closes[position] = min(closes[position], LEVELS.index(closed))
    tables = _Tables(named.index)
    roman = np.zeros(count, dtype=bool)
    if STT in named.columns:
        roman = distinct.flags(STT, lambda t: _ROMAN.match(t) is not None)
        roman &= ~_letter_after_letter(named[STT], tables)
    deepest = np.where(
        given.any(axis=1), given.shape[1] - 1 - np.argmax(given[:, ::-1], axis=1), -1
    )
    heads = _heads_a_group(given, deepest, tables.is_last)
    plain = section & (closes == len(LEVELS))  # "Cộng" alone: its level told by the rows
    if plain.any():
        data_rows = ~(grand | section | roman | heads)
        _level_of_plain_totals(named, levels, plain, data_rows, closes, tables)
    ends: list[tuple[int, int]] = []  # (level closed, row) of the total rows so far
    open_units: list[tuple[int, int]] = []  # (depth, row) of unit rows awaiting their end
    table, last_row = -1, 0
    for position in np.flatnonzero(grand | section | roman | heads):
        row = int(rows[position])
        if tables.code[position] != table:  # a new table: close the last one's units
            _close_units(named, open_units, last_row)
            ends, table = [], tables.code[position]
        first_row, last_row = int(rows[tables.first[position]]), int(rows[tables.last[position]])
        if grand[position]:
            # A total row right under the header covers the rows below it.
            below = position == tables.first[position]
            _set_scope(named, row, *((row + 1, last_row) if below else (first_row, row - 1)))
            ends.append((-1, row))
        elif section[position]:
            # From the last total of its level or above: "Cộng huyện" spans its "Cộng xã" rows;
            # a "Cộng" naming no level, from the last total of any.
            level = int(closes[position])
            reach = len(LEVELS) if plain[position] else level
            start = max((end + 1 for closed, end in ends if closed <= reach), default=first_row)
            _set_scope(named, row, int(start), row - 1)
            ends.append((level, row))
        else:
            depth = int(deepest[position])
            while open_units and open_units[-1][0] >= depth:
                _, start = open_units.pop()
                _set_scope(named, start, start + 1, row - 1)
            open_units.append((depth, row))
            named.at[row, "_subtotal"] = True
    _close_units(named, open_units, last_row)


def _level_of_plain_totals(
    named: pd.DataFrame,
    levels: list[str],
    plain: np.ndarray,
    data_rows: np.ndarray,
    closes: np.ndarray,
    tables: _Tables,
) -> None:
    """The level a "Cộng" row naming none closes, into `closes`, for the totals after it: the
    highest level whose unit changes from the data row above it to the next one below (a
    commune, when the next row starts another commune), deeper than the totals between them
    ("Cộng" then "Cộng huyện": the commune). A last "Cộng" of its table keeps none."""
    positions = np.arange(len(named))
    units = []
    for level in levels:  # names carried down within each table (merged cells)
        names = _text_of(named, level).where(data_rows).replace("", pd.NA)
        units.append(names.groupby(tables.code).ffill().to_numpy(dtype=object))
    data_positions = positions[data_rows]
    for position in np.flatnonzero(plain):
        before = np.searchsorted(data_positions, position) - 1
        after = before + 1
        if before < 0 or after >= len(data_positions):
            continue
        above, below = data_positions[before], data_positions[after]
        if not tables.code[above] == tables.code[position] == tables.code[below]:
            continue
        changed = [i for i, names in enumerate(units) if names[above] != names[below]]
        level = LEVELS.index(levels[changed[0] if changed else -1])
        between = closes[position + 1 : below]
        between = between[between < len(LEVELS)]
        if between.size:
            level = max(level, min(int(between.max()) + 1, LEVELS.index(levels[-1])))
        closes[position] = level


def _close_units(named: pd.DataFrame, open_units: list[tuple[int, int]], last_row: int) -> None:
    """Unit rows still open at the end of their table cover the rows down to its last."""
    for _, start in open_units:
        _set_scope(named, start, start + 1, last_row)
    open_units.clear()


def _heads_a_group(given: np.ndarray, deepest: np.ndarray, is_last: np.ndarray) -> np.ndarray:
    """Unit rows above their rows: the lowest level blank, a higher one named, and the next
    row of its table leaves that higher name blank (written once for the group, as under
    merged cells). Otherwise a blank lowest name is a data row missing its name (an error,
    not a total)."""
    count, width = given.shape
    if width < 2 or count < 2:
        return np.zeros(count, dtype=bool)
    next_given = np.vstack([given[1:], np.ones((1, width), dtype=bool)])
    next_given[is_last] = True
    at_deepest = next_given[np.arange(count), np.clip(deepest, 0, width - 1)]
    return ~given[:, -1] & (deepest >= 0) & ~at_deepest


def _fill_down(named: pd.DataFrame, levels: list[str]) -> None:
    """Names of higher levels written once over merged cells: carried down to the rows below,
    within the unit above them (never across a new district, say, or into another table).

    Only where a table writes a column that way (a name never repeated on the next row): a
    blank among names repeated row by row is a missing name, reported as such. With a row
    per organisation, the village's name is written once over its rows as well."""
    tables = _Tables(named.index)
    same_table = ~tables.is_last[:-1]
    segment = tables.code.astype(np.int64)
    for level in levels if "organization" in named.columns else levels[:-1]:
        blank = _flag_values(named[level], lambda t: t == "")
        codes = pd.factorize(named[level])[0]
        repeated = ~blank[1:] & (codes[1:] == codes[:-1]) & same_table
        fill = np.zeros(tables.count, dtype=bool)
        fill[tables.code[blank]] = True
        fill[tables.code[1:][repeated]] = False
        if fill.any():
            values = _text_of(named, level).replace("", pd.NA)
            filled = values.groupby(segment).ffill().fillna("")
            if not fill.all():  # tables that write every name keep their cells as read
                kept = named[level].to_numpy(dtype=object)
                filled = pd.Series(
                    np.where(fill[tables.code], filled.to_numpy(dtype=object), kept),
                    index=named.index,
                    dtype=object,
                )
            named[level] = filled
        # a new segment where the unit above or this name changes (both only ever grow)
        segment = segment * 2 + np.cumsum(~blank)
        segment = np.cumsum(np.diff(segment, prepend=segment[:1]) != 0)


def _resolve_each_hierarchy(named: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """`_resolve_hierarchy` table by table."""
    tables = _Tables(named.index)
    if tables.count < 2:
        return _resolve_hierarchy(named)
    parts = [_resolve_hierarchy(part) for _, part in named.groupby(tables.code, sort=False)]
    levels = [lv for lv in LEVELS if any(lv in found for _, found in parts)]
    return pd.concat([part for part, _ in parts]), levels


def _resolve_hierarchy(named: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One "Đơn vị" column: each row's level from its unit-type word or STT numbering;
    parent rows become subtotals of the rows under them."""
    names = _text_of(named, UNIT)
    stt = _text_of(named, STT)
    by_word = [_level_by_word(n) for n in names]
    lettered = _letter_after_letter(stt, _Tables(named.index))
    by_number = [_LETTER_DEPTH if a else _stt_depth(s) for s, a in zip(stt, lettered, strict=True)]
    depth_level: dict[int, str] = {}
    for word_level, depth in zip(by_word, by_number, strict=True):
        if word_level and depth is not None:
            depth_level.setdefault(depth, word_level)
    present_words = [lv for lv in LEVELS if lv in by_word]
    numbered = sorted({d for d in by_number if d is not None})
    fallback = dict(zip(numbered, LEVELS[len(LEVELS) - len(numbered) :], strict=False))
    lowest = present_words[-1] if present_words else "village"
    row_levels = []
    for word_level, depth, text, number in zip(by_word, by_number, names, stt, strict=True):
        # "Tổng cộng" in the name, or in the STT cell merged across the names
        folded = header_text(text or number) or "-"
        if _GRAND_TOTAL.match(folded) and not _ARABIC.fullmatch(number):
            row_levels.append("_total")
        elif (
            _SECTION_TOTAL.match(folded)
            and not _ARABIC.fullmatch(number)
            and not _named_like_total(text or number)
        ):
            row_levels.append(_CLOSING)
        else:
            row_levels.append(word_level or depth_level.get(depth) or fallback.get(depth) or lowest)
    if "organization" not in named.columns:
        _mark_sections(row_levels, names, by_word)
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
                _set_scope(named, row, rows[start], rows[position - 1])
            organizations.append(current.get("organization", ""))
            continue
        if level == "_total":
            # A total row right under the header covers the rows below it.
            _set_scope(
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
                _set_scope(named, row, rows[position + 1], rows[end])
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
            _set_scope(named, row, rows[position + 1], rows[end])
    for lv in levels:
        named[lv] = pd.Series(columns[lv], index=named.index, dtype="string")
    if _SECTION in row_levels:
        named["organization"] = pd.Series(organizations, index=named.index, dtype="string")
    return named.drop(columns=[UNIT]), levels


_SECTION = "_organization"  # a row heading an organisation's rows in a "Đơn vị" column
_CLOSING = "_closing"  # a "Cộng" row ending a unit's rows in a "Đơn vị" column
_ORGANIZATION_NAME = re.compile(r"^(hoi|doan|mat tran|mttq|ban cong tac|cong doan)\b")


def _mark_sections(row_levels: list[str], names: pd.Series, by_word: list[str | None]) -> None:
    """A sheet without an "Đoàn thể" column may be laid out by organisation: its rows under
    "I  Hội Nông dân", "II  Hội LHPN" ... Those rows become sections (`_SECTION`) when the
    table opens with one, units follow it, and there are two or more; organisations listed
    under their commune, or a village that happens to be called "Thanh Niên", stay units."""

    def is_section(position: int) -> bool:
        text = names.iat[position]
        return (
            by_word[position] is None
            and _ORGANIZATION_NAME.match(header_text(text)) is not None
            and organization_code(text) is not None
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
        closed = _level_by_word(_TOTAL_WORD.sub("", match_text(names.iat[position])))
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


@functools.lru_cache(maxsize=2**16)
def _level_by_word(name: str) -> str | None:
    """The level a unit's name says it is by its opening word, or None."""
    return match_words(name, _UNIT_WORDS)[0]


def _named_like_total(value: object) -> bool:
    """A name whose first word reads "tong"/"cong" without its marks but is not "Tổng" or
    "Cộng" as written ("Tống Xá", "Cống Xã"): a unit, not a total."""
    first = match_text(_cell_text(value)).split(" ", 1)[0]
    return header_text(first) in ("tong", "cong") and first not in _TOTAL_OPENINGS


_TOTAL_WORD = re.compile(r"^(c[ộo]ng|t[ổo]ng)\s*")  # "Cộng xã Hai": the unit it closes follows


def _letter_after_letter(stt: pd.Series, tables: _Tables) -> np.ndarray:
    """Rows whose STT is a letter right after the letter of the last numbered row above it in
    its table ("b", then "c"; "v", then "x" in the Vietnamese alphabet): such a "c", "i",
    "v", "x" or "l" is a letter, not a Roman numeral. Rows without an STT do not count."""
    codes, uniques = pd.factorize(stt)
    folded = [header_text(_cell_text(u)).strip(".") for u in uniques]
    given = np.flatnonzero(np.array([bool(f) for f in folded] + [False])[codes])
    after = np.zeros(len(stt), dtype=bool)
    here, above = given[1:], given[:-1]
    follows = np.zeros(len(here), dtype=bool)
    for alphabet in _ALPHABETS:  # each letter's place in it, 0 for no letter of it
        place = {letter: i for i, letter in enumerate(alphabet, start=1)}
        rank = np.array([place.get(f, 0) if len(f) == 1 else 0 for f in folded] + [0])[codes]
        follows |= (rank[above] > 0) & (rank[here] == rank[above] + 1)
    after[here[follows & (tables.code[here] == tables.code[above])]] = True
    return after


# Lettered rows follow the Latin alphabet, or the Vietnamese one (no f, j, w, z; "đ" reads
# as "d" once folded)
_ALPHABETS = ("abcdefghijklmnopqrstuvwxyz", "abcdeghiklmnopqrstuvxy")


_LETTER_DEPTH = 3


def _stt_depth(stt: str) -> int | None:
    """I, II → 0; 1, 2 → 1; 1.1 → 2; 1.1.1 → 3; a, b → 3."""
    folded = header_text(stt).strip(".")
    if not folded:
        return None
    if _ROMAN.match(folded):
        return 0
    if re.fullmatch(r"\d+(\.\d+)*", folded):
        return 1 + folded.count(".")
    if re.fullmatch(r"[a-z]", folded):
        return _LETTER_DEPTH
    return None


def _melt_wide(named: pd.DataFrame, mapping: HeaderMapping) -> pd.DataFrame:
    """One row per village and organisation group; village columns repeated on each.

    A group left wholly blank on a row (the organisation has no branch in that village) is
    not given: it makes no row, as in a long table. A row all of whose groups are blank keeps
    its first group's, its figures not given, so that the village and its households stay."""
    grouped = [c for c in named.columns if isinstance(c, tuple)]
    shared = [c for c in named.columns if not isinstance(c, tuple)]
    organizations = list(dict.fromkeys(o for _, o in grouped))
    blank = {o: _all_blank(named, [c for c in grouped if c[1] == o]) for o in organizations}
    own_groups = [o for o in organizations if o != GROUP_TOTAL]
    none_given = np.logical_and.reduce([blank[o] for o in own_groups]) if own_groups else None
    parts = []
    for organization in organizations:
        columns = {f: named[(f, o)] for f, o in grouped if o == organization}
        keep = ~blank[organization]
        if own_groups and organization == own_groups[0]:
            keep |= none_given
        part = named.loc[keep, shared].assign(**{f: c[keep] for f, c in columns.items()})
        part["organization"] = _group_header(mapping, organization)
        part[GROUP] = organization
        part["_row_total"] = organization == GROUP_TOTAL
        if organization == GROUP_TOTAL:  # the row's "Tổng số" group: a check on the others
            part["_subtotal"] = True
        parts.append(part)
    return pd.concat(parts).sort_index(kind="stable")


def _all_blank(named: pd.DataFrame, columns: list) -> np.ndarray:
    """Rows whose cells in `columns` are all blank (nothing typed, or only spaces)."""
    blank = np.ones(len(named), dtype=bool)
    for column in columns:
        blank &= _flag_values(named[column], lambda t: t == "")
    return blank


def _group_header(mapping: HeaderMapping, organization: str) -> str:
    """The parent header text that names an organisation's group, as written: "Hội ND" under
    an umbrella "Các tổ chức chính trị - xã hội", the nearest such parent as the columns'
    organisation was found (tablefind._column_meaning)."""
    for position, header in enumerate(mapping.headers):
        if mapping.organization_at(position) == organization:
            parents = header.split(" › ")[:-1]
            named = [p for p in parents if organization_code(p) == organization]
            return (named or parents or [header])[-1 if named else 0]
    return organization
