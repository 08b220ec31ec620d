"""Finding the table on a sheet (tìm bảng): the header rows, what each column means.

Real sheets have title rows and the national motto above the table, headers over two
to five rows with merged cells (a parent "Hội Nông dân" over "Số chi hội | Số hội
viên"), and often a numbering row ("1 2 3 ...", "A | B | 1 | 2.1 | 6=10.3+13.3") under
the header. The header is found as the block of one to three rows whose composed column
labels name the most known fields, then carried down through the header rows under it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from danvan_cli.ingest.columns import (
    UNIT_HEADER,
    column_evidence,
    column_meaning,
    header_word,
    is_partial,
    split_fields,
    unknown_group,
)
from danvan_cli.ingest.headers import (
    GROUP_TOTAL,
    IGNORED,
    PAGE,
    RATIO,
    UNIT,
    HeaderMapping,
    HeaderPatterns,
    header_field,
    header_text,
)
from danvan_cli.model.declaration import LEVELS
from danvan_cli.text.normalize import clean_text
from danvan_cli.text.numbers import is_figure

NAME_FIELDS = frozenset({*LEVELS, UNIT, IGNORED, PAGE})  # always read as text
_MAX_HEADER_ROWS = 3  # rows scored together; lower header rows are added after
_DEEPEST_HEADER = 8
# "1", "(2)", "b", "10.1", "6=10.3+13.3", "(5)=(3)+(4)"
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}(\.[0-9]{1,2})*|[a-z])\)?(\s*=.*)?$")


@dataclass(frozen=True)
class TableLayout:
    """Where a table's header is and how its columns map.

    `header_row` is the last header row (0-based); data starts at `body_start`.
    """

    header_row: int
    body_start: int
    mapping: HeaderMapping
    first_header_row: int = -1

    @property
    def header_rows(self) -> range:
        first = self.header_row if self.first_header_row < 0 else self.first_header_row
        return range(first, self.header_row + 1)


def find_table(
    rows: Sequence[Sequence[object]], patterns: HeaderPatterns, metrics: Sequence[str]
) -> TableLayout | None:
    """The header block naming the most known fields (fewest rows on a tie), with the
    header rows under it (see `_deepened`), down to the numbering row or the first data row.

    A header must name at least one figure and one unit or organisation column.
    """
    best: tuple[int, int, HeaderMapping] | None = None
    best_key = (0, 0)
    for first in range(len(rows)):
        for height in range(1, _MAX_HEADER_ROWS + 1):
            if first + height > len(rows) or not _may_be_header(rows[first + height - 1]):
                break
            mapping = _composed(_block(rows, first, first + height - 1), patterns)
            key = (_score(mapping, metrics), -height)
            if key[0] and key > best_key:
                best, best_key = (first, first + height - 1, mapping), key
    if best is None:
        return None
    first, last, mapping = _deepened(rows, *best, patterns, metrics)
    after = rows[last + 1] if last + 1 < len(rows) else ()
    return TableLayout(last, last + 1 + int(_is_numbering_row(after)), mapping, first)


def _block(rows: Sequence[Sequence[object]], first: int, last: int) -> tuple:
    return tuple(tuple(row) for row in rows[first : last + 1])


def _deepened(
    rows: Sequence[Sequence[object]],
    first: int,
    last: int,
    mapping: HeaderMapping,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
) -> tuple[int, int, HeaderMapping]:
    """The header carried down through the header rows under it (a form's fourth and fifth
    rows: "Trong đó" over "Nữ | Đảng viên"), as long as the labels name no fewer fields.

    Two rows are taken together when the first alone does not read as header rows: a
    parent merged over two columns ("Tăng trong kỳ" over "Kết nạp | Chuyển đến") leaves
    a blank beside it that only the row under it shows to be part of the group."""
    while last + 1 - first < _DEEPEST_HEADER:
        deeper = next(
            (
                found
                for step in (1, 2)
                if (found := _lower_rows(rows, first, last, step, mapping, patterns, metrics))
            ),
            None,
        )
        if deeper is None:
            break
        last, mapping = deeper
    return first, last, mapping


def _lower_rows(
    rows: Sequence[Sequence[object]],
    first: int,
    last: int,
    step: int,
    mapping: HeaderMapping,
    patterns: HeaderPatterns,
    metrics: Sequence[str],
) -> tuple[int, HeaderMapping] | None:
    """(new last row, mapping) when the `step` rows under `last` are lower header rows,
    else None."""
    end = last + step
    if end >= len(rows) or end - first >= _DEEPEST_HEADER:
        return None
    if not all(_continues_header(rows[r], mapping) for r in range(last + 1, end + 1)):
        return None
    block = _block(rows, first, end)
    if not all(_splits_groups(block, r - first) for r in range(last + 1, end + 1)):
        return None
    deeper = _composed(block, patterns)
    if _score(deeper, metrics) < _score(mapping, metrics):
        return None
    return end, deeper


def _continues_header(row: Sequence[object], mapping: HeaderMapping) -> bool:
    """A lower header row: texts under the figure columns, no figure, nothing in the STT or
    name columns (merged down from above; a data row names its unit there)."""
    if _is_numbering_row(row):
        return False
    names = {p for p, f in enumerate(mapping.fields) if f in (*LEVELS, UNIT, IGNORED)}
    texts = 0
    for position, value in enumerate(row):
        text = _text(value)
        if not text:
            continue
        if position in names or is_figure(value):
            return False
        texts += 1
    return texts > 0


def body_columns(
    rows: Sequence[Sequence[object]],
    patterns: HeaderPatterns,
    metrics: Sequence[str],
    text_fields: frozenset[str],
) -> tuple[int, list[int], set[int]] | None:
    """What a load reads of the table in these top rows: (header row, 0-based; the column
    positions read; those read as text), or None without a table."""
    layout = find_table(rows, patterns, metrics)
    if layout is None:
        return None
    positions, texts = layout.mapping.columns_to_read({*NAME_FIELDS, *text_fields})
    return layout.header_row, positions, texts


def _score(mapping: HeaderMapping, metrics: Sequence[str]) -> int:
    known = [f for f in mapping.fields if f not in (None, IGNORED, RATIO, PAGE)]
    grouped = sum(len(positions) for _, positions in mapping.unknown_groups)  # an error
    has_metric = grouped or any(f in metrics for f in known)
    has_unit = any(f in (*LEVELS, "organization", UNIT) for f in known)
    return len(known) + grouped if has_metric and has_unit else 0


@functools.lru_cache(maxsize=4096)
def _composed(block: tuple[tuple[object, ...], ...], patterns: HeaderPatterns) -> HeaderMapping:
    """`compose_headers`, once per distinct block (files from one template share theirs)."""
    return compose_headers(block, patterns)


def compose_headers(block: Sequence[Sequence[object]], patterns: HeaderPatterns) -> HeaderMapping:
    """Map the columns under a header block of one or more rows.

    Each column's label is its texts top to bottom ("Hội Nông dân › Số hội viên"); the
    lowest text names the field, a parent naming an organisation makes a wide layout.
    """
    filled = _fill_merged(block)
    headers, fields, organizations = [], [], []
    taken: dict[tuple[str, str | None], str] = {}
    duplicates = []
    unknown: dict[str, list[int]] = {}  # groups naming no organisation known: their columns
    sub_branches = []  # "Tổ hội" columns: the branches only where no "Chi hội" column is
    partly: dict[tuple[str, str | None], int] = {}  # fields taken by a partial wording: where
    meanings = [column_meaning(texts, patterns) for texts in filled]
    # groups naming organisations over their figures ("HỘ NÔNG DÂN" over households is not)
    split = split_fields(patterns)
    wide = any(f in split and o not in (None, GROUP_TOTAL) for f, o in meanings)
    # a lone "Tổng số" group is the data itself: its figures keyed as those outside it, so
    # one given in both is a column named twice
    lone = not any(o not in (None, GROUP_TOTAL) for _, o in meanings)
    for texts, (field, organization) in zip(filled, meanings, strict=True):
        label = " › ".join(texts)
        key = (field, None if lone else organization)
        partial = is_partial(texts, patterns)
        group = unknown_group(texts, field, organization, wide, patterns)
        if group is not None:
            unknown.setdefault(group, []).append(len(fields))
            field = None
        elif wide and field in split and organization is None:
            field = None  # beside the groups, in none: no organisation's figure (not used)
        elif field == "branches" and header_word(texts[-1]) == "sub_branch":
            sub_branches.append(len(fields))
            field = None
        elif _starts_a_page(field, fields):
            field = PAGE
        elif field is not None and field not in (IGNORED, RATIO) and key in taken:
            if key in partly and not partial:  # the plain figure beside parts of it
                fields[partly.pop(key)] = None
                duplicates = [d for d in duplicates if d[:2] != (field, taken[key])]
                taken[key] = label
            elif partial and key not in partly:  # "Số hội viên thoát nghèo": a part, not used
                field = None
            else:
                duplicates.append((field, taken[key], label))
                field = None
        elif field is not None:
            taken[key] = label
            if partial:
                partly[key] = len(fields)
        headers.append(label)
        fields.append(field)
        organizations.append(organization)
    if lone:
        organizations = [None] * len(organizations)
    for position in sub_branches:
        if ("branches", organizations[position]) not in taken:
            fields[position] = "branches"
            taken["branches", organizations[position]] = headers[position]
    evidence = tuple(map(column_evidence, filled, fields, organizations, [patterns] * len(fields)))
    groups = tuple((g, tuple(p)) for g, p in unknown.items())
    return HeaderMapping(
        tuple(headers), tuple(fields), tuple(duplicates), tuple(organizations), evidence, groups
    )


def _starts_a_page(field: str | None, before: list[str | None]) -> bool:
    """An STT or unit column met again after figure columns: the next page of a report
    printed side by side ("STT | Tên đơn vị | ... | STT | Tên đơn vị | ...")."""
    names = (*LEVELS, UNIT, IGNORED)
    figures = [p for p, f in enumerate(before) if f not in (*names, PAGE, None, RATIO)]
    return field in names and bool(figures) and field in before[: figures[0]]


def repeated_column(mapping: HeaderMapping, position: int, patterns: HeaderPatterns) -> int | None:
    """The first page's column that a PAGE column at `position` repeats."""
    field, _ = column_meaning(mapping.headers[position].split(" › "), patterns)
    return mapping.position_of(field) if field is not None else None


def _fill_merged(block: Sequence[Sequence[object]]) -> list[list[str]]:
    """Per column, its header texts top to bottom, a parent spread over the columns it spans
    (see `_spread`)."""
    grid = _spread(block)
    width = len(grid[0]) if grid else 0
    return [[grid[i][c] for i in range(len(grid)) if grid[i][c]] for c in range(width)]


def _spread(block: Sequence[Sequence[object]]) -> list[list[str]]:
    """The block's texts row by row, a blank cell in an upper row taking the text on its left
    when that text is a group parent (it has texts under it) and the blank cell has texts
    under it too."""
    width = max((len(r) for r in block), default=0)
    grid = [[_text(r[c]) if c < len(r) else "" for c in range(width)] for r in block]
    for i in range(len(grid) - 1):
        origin = -1
        for c in range(width):
            below = any(grid[j][c] for j in range(i + 1, len(grid)))
            if grid[i][c]:
                origin = c if below else -1
            elif origin >= 0 and below and not _starts_group(grid, i, c, origin):
                grid[i][c] = grid[i][origin]
            else:
                origin = -1
    return grid


def _splits_groups(block: Sequence[Sequence[object]], row: int) -> bool:
    """Each text of the block's row `row` sits under a group spanning two columns or more
    (a merged parent split into its parts), as a lower header row's do; a data row's texts
    sit under columns of their own ("Tên mô hình", "Lĩnh vực")."""
    grid = _spread(block)
    width = len(grid[row])
    above = [tuple(line[c] for line in grid[:row]) for c in range(width)]
    return all(
        any(above[c]) and any(above[n] == above[c] for n in (c - 1, c + 1) if 0 <= n < width)
        for c, text in enumerate(grid[row])
        if text
    )


def _starts_group(grid: list[list[str]], row: int, column: int, origin: int) -> bool:
    """A higher row starts a new group here (so the parent on the left does not reach).

    Higher rows are already spread: under one merged grandparent ("Hội Nông dân" over
    "Xếp loại" over "Khá") the column has the same texts above as the origin column."""
    return any(grid[i][column] != grid[i][origin] for i in range(row))


def people_header(rows: Sequence[Sequence[object]], patterns: HeaderPatterns) -> int | None:
    """The row (0-based) heading a list of people, one person a row: a person's name column
    ("Họ và tên") left of any unit column, and a column of personal data beside it (birth
    date, phone, ID number, address). A table of figures naming each branch's leader has
    its unit column first."""
    for number, row in enumerate(rows):
        person, personal = None, False
        for position, value in enumerate(row):
            if not isinstance(value, str) or not value.strip() or ":" in value:
                continue  # "Họ và tên: ..." in a title is a line, not a column
            word = header_word(value)
            if person is None and word == "person":
                person = position
            elif word == "personal":
                personal = True
            elif person is None and (
                header_field(value, patterns) in LEVELS or UNIT_HEADER.search(header_text(value))
            ):
                break  # a unit column first: a table of figures per unit
        if person is not None and personal:
            return number
    return None


def _may_be_header(row: Sequence[object]) -> bool:
    """At least two texts and at most one number: a header row, not a title or data row.

    A data row is told at its second number, a number typed as text ("1.234", every cell
    of a CSV file) among them (each file's top rows pass through here)."""
    numbers = texts = 0
    for cell in row:
        if is_figure(cell):
            numbers += 1
            if numbers > 1:
                return False
        elif isinstance(cell, str):
            texts += bool(cell) and not cell.isspace()
    return texts + numbers >= 2


def _is_numbering_row(row: Sequence[object]) -> bool:
    """The "1 2 3 ...", "(1) (2) ...", "A | B | 1 | 2 | 2.1 | 6=10.3+13.3" row many
    templates put under the header: its numbers in increasing order."""
    cells = []
    for value in row:  # a data row (every file's first) is told at its first name
        text = _text(value)  # 1.0 as read is "1"
        if text:
            cells.append(header_text(text))
            if not _NUMBERING.match(cells[-1]):
                return False
    if len(cells) < 2:
        return False
    numbers = [
        tuple(int(part) for part in re.sub(r"[()]|=.*", "", c).split("."))
        for c in cells
        if c.strip("()")[:1].isdigit()
    ]
    return all(a < b for a, b in pairwise(numbers))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value) if value is not None else ""
