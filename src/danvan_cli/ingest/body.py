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

from danvan_cli.ingest.batchrows import (
    GRAND_TOTAL,
    LIST_GRAND_TOTAL,
    LIST_NAME,
    LIST_SECTION_TOTAL,
    ROMAN,
    ROW_SPAN,
    SECTION_TOTAL,
    STT,
    TOTAL_WORD,
    Tables,
    cell_text,
    distinct_values,
    letter_after_letter,
    level_by_word,
    named_like_total,
    set_scope,
    text_of,
)
from danvan_cli.ingest.headers import (
    GROUP_TOTAL,
    IGNORED,
    PAGE,
    UNIT,
    HeaderMapping,
    HeaderPatterns,
    header_text,
    match_text,
    value_code,
)
from danvan_cli.ingest.unitcolumn import resolve_each_hierarchy
from danvan_cli.model.declaration import LEVELS
from danvan_cli.text.numbers import NUMBER_TEXT, holds_only_numbers, is_figure

GROUP = "_group"  # a wide table's row: the code of the group it came from (see `_melt_wide`)
_LARGE_TABLE = 5000
# "TM." and "KT." (thay mặt, ký thay) as header_text folds them: "TM. BAN" reads "tm.ban".
_SIGNATURE = re.compile(
    r"\bnguoi lap\b|\blap bieu\b|\bt/?m[. ]|\bthu truong\b|\bxac nhan\b|\bky\b.*\bten\b|"
    r"\bnoi nhan\b|\bngay\W.*\bthang\W.*\bnam\b|\btruong ban\b|\bchu tich\b|\bpho ban\b|"
    r"\bk/?t[. ]|^(ghi chu|luu y|chu thich|chu y|note)\b"
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


def shape_body(
    raw: pd.DataFrame, mapping: HeaderMapping, body_start_row: int, patterns: HeaderPatterns
) -> ShapedBody:
    """`raw`: the cells under the header, columns by position, index the Excel row number
    (several tables: `table * ROW_SPAN + Excel row`, each table's rows in order).

    `body_start_row` is the Excel row of the first data row (after a numbering row);
    `patterns` the header wordings the table was found with (its group values name an
    organisation's group, or a section of a "Đơn vị" column).
    """
    excel_rows = raw.index.to_numpy() % ROW_SPAN
    numbering = (
        body_start_row - 1 if raw.index.size and body_start_row - 1 >= excel_rows.min() else None
    )
    raw = compact(raw[excel_rows >= body_start_row])
    raw, signatures, below = _drop_blank_and_signature(raw)
    named = _named_columns(raw, mapping)
    if UNIT in named.columns:
        named, levels = resolve_each_hierarchy(named, patterns)
    else:
        levels = [lv for lv in LEVELS if lv in named.columns]
        _mark_subtotals(named, levels)
        _fill_down(named, levels)
    subtotal_rows = sorted(set(named.index[named["_subtotal"]].tolist()))
    if mapping.wide:
        named = _melt_wide(named, mapping, patterns)
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
        tables = Tables(raw.index)
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


def _mark_subtotals(named: pd.DataFrame, levels: list[str]) -> None:
    """Subtotal rows of a table with one column per level: "Cộng", "Tổng cộng", Roman-numeral
    section rows, and unit rows (a higher level named, the lowest blank) above their rows.

    Candidates are found on whole columns; only they are walked through, in order."""
    if not levels:
        return
    rows = named.index.to_numpy()
    count = len(rows)
    # "Tổng cộng" is also written in the STT column (merged across the names, often).
    word_columns = [c for c in [STT, *levels, "organization", LIST_NAME] if c in named.columns]
    distinct = _Distinct(named)
    given = np.column_stack([~distinct.flags(lv, lambda t: t == "") for lv in levels])
    grand = np.zeros(count, dtype=bool)
    section = np.zeros(count, dtype=bool)
    closes = np.full(count, len(LEVELS))  # the level a "Cộng huyện/xã ..." row closes
    for column in word_columns:
        # A name in a higher level's column that reads like a total ("Tống Phan", "Cộng
        # Hòa") on a row naming its lowest unit is a data row.
        reach = ~given[:, -1] if column not in (levels[-1], "organization") else True
        listed = column == LIST_NAME
        grand_words = LIST_GRAND_TOTAL if listed else GRAND_TOTAL
        section_words = LIST_SECTION_TOTAL if listed else SECTION_TOTAL
        total = distinct.flags(column, lambda t, w=grand_words: w.match(t) is not None) & reach
        found = distinct.flags(column, lambda t, w=section_words: w.match(t) is not None) & reach
        # "Tống ...", "Cống ...": names (a model's, whatever its row names)
        for marks in (found, total) if listed else (found,):
            marks[[p for p in np.flatnonzero(marks) if named_like_total(named[column].iat[p])]] = 0
        if column == "organization":
            # "Cộng", "Tổng số" in the Đoàn thể column of a row naming its village: that village.
            own = (total | found) & given[:, -1]
            found |= own
            closes[own] = np.minimum(closes[own], LEVELS.index(levels[-1]))
            total &= ~own
        grand |= total
        section |= found
        for position in np.flatnonzero(found):
            word = match_text(cell_text(named[column].iat[position]))
            closed = level_by_word(TOTAL_WORD.sub("", word))
            if closed:
                closes[position] = min(closes[position], LEVELS.index(closed))
    tables = Tables(named.index)
    roman = np.zeros(count, dtype=bool)
    if STT in named.columns:
        roman = distinct.flags(STT, lambda t: ROMAN.match(t) is not None)
        roman &= ~letter_after_letter(named[STT], tables)
    if LIST_NAME in named.columns:  # a list's section heading typed with its numeral
        headings = distinct.flags(LIST_NAME, _roman_heading)
        if STT in named.columns:
            headings &= distinct.flags(STT, lambda t: t == "")
            headings |= distinct.flags(STT, _roman_heading)
        roman |= headings & ~given[:, -1]
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
            set_scope(named, row, *((row + 1, last_row) if below else (first_row, row - 1)))
            ends.append((-1, row))
        elif section[position]:
            # From the last total of its level or above: "Cộng huyện" spans its "Cộng xã" rows;
            # a "Cộng" naming no level, from the last total of any.
            level = int(closes[position])
            reach = len(LEVELS) if plain[position] else level
            # the latest such total (rows in sheet order): a province's "Cộng" rows are thousands
            start = next((end + 1 for closed, end in reversed(ends) if closed <= reach), first_row)
            set_scope(named, row, int(start), row - 1)
            ends.append((level, row))
        else:
            depth = int(deepest[position])
            while open_units and open_units[-1][0] >= depth:
                _, start = open_units.pop()
                set_scope(named, start, start + 1, row - 1)
            open_units.append((depth, row))
            named.at[row, "_subtotal"] = True
    _close_units(named, open_units, last_row)


_ROMAN_HEADING = re.compile(r"^(?P<number>[ivxlc]+)[.):-]\S")


def _roman_heading(folded: str) -> bool:
    """A section's heading opening with its Roman numeral: "I. LĨNH VỰC KINH TẾ", "II - ..."
    (folded: "i.linh vuc kinh te")."""
    found = _ROMAN_HEADING.match(folded)
    return found is not None and ROMAN.match(found["number"]) is not None


def _level_of_plain_totals(
    named: pd.DataFrame,
    levels: list[str],
    plain: np.ndarray,
    data_rows: np.ndarray,
    closes: np.ndarray,
    tables: Tables,
) -> None:
    """The level a "Cộng" row naming none closes, into `closes`, for the totals after it: the
    highest level whose unit changes from the data row above it to the next one below (a
    commune, when the next row starts another commune), deeper than the totals between them
    ("Cộng" then "Cộng huyện": the commune). A last "Cộng" of its table keeps none."""
    positions = np.arange(len(named))
    units = []
    for level in levels:  # names carried down within each table (merged cells)
        names = text_of(named, level).where(data_rows).replace("", pd.NA)
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
        set_scope(named, start, start + 1, last_row)
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
    tables = Tables(named.index)
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
            values = text_of(named, level).replace("", pd.NA)
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


def _melt_wide(
    named: pd.DataFrame, mapping: HeaderMapping, patterns: HeaderPatterns
) -> pd.DataFrame:
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
        part["organization"] = _group_header(mapping, organization, patterns)
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


def _group_header(mapping: HeaderMapping, organization: str, patterns: HeaderPatterns) -> str:
    """The parent header text that names an organisation's group, as written: "Hội ND" under
    an umbrella "Các tổ chức chính trị - xã hội", the nearest such parent as the columns'
    organisation was found (columns.column_meaning)."""
    for position, header in enumerate(mapping.headers):
        if mapping.organization_at(position) == organization:
            parents = header.split(" › ")[:-1]
            named = [p for p in parents if value_code(p, patterns) == organization]
            return (named or parents or [header])[-1 if named else 0]
    return organization
