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

from danvan_cli.ingest.headers import (
    GROUP,
    GROUP_SPLIT,
    IGNORED,
    MEMBERSHIP_HEADERS,
    PARTIAL,
    RATIO,
    HeaderMapping,
    HeaderPatterns,
    compile_patterns,
    first_match,
    group_values,
    header_field,
    header_match,
    header_text,
    match_text,
)
from danvan_cli.kinds.vocabulary import (
    LEVELS,
    MEMBERSHIP_METRICS,
    ORGANIZATION_METRICS,
    closest_organization,
    organization_code,
    organization_match,
)
from danvan_cli.text.normalize import clean_text
from danvan_cli.text.numbers import is_figure

UNIT = "unit"  # one "Đơn vị" column holding the whole hierarchy
GROUP_TOTAL = "_total"  # as organisation: a "Tổng số" group beside per-organisation groups
# An STT or unit column repeated after figure columns: a report printed as pages side by
# side. Read to check that each row names the same unit on every page, never as data.
PAGE = "_page"
NAME_FIELDS = frozenset({*LEVELS, UNIT, IGNORED, PAGE})  # always read as text
MEMBERSHIP_TEXTS = frozenset({"organization"})  # text besides the names in a membership table
_MAX_HEADER_ROWS = 3  # rows scored together; lower header rows are added after
_DEEPEST_HEADER = 8
_TOTAL_WORDS = re.compile(r"^(tong cong|tong so|tong|cong|toan (tinh|huyen|xa)|total)$")
_TOTAL_START = re.compile(r"^(tong|cong|toan (tinh|huyen|xa)|total)\b")
# "1", "(2)", "b", "10.1", "6=10.3+13.3", "(5)=(3)+(4)"
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}(\.[0-9]{1,2})*|[a-z])\)?(\s*=.*)?$")
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
_UNIT_HEADER = re.compile(r"^(ten )?(don vi|dia ban|dia phuong|unit)\b")


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
    rows: Sequence[Sequence[object]],
    patterns: HeaderPatterns = MEMBERSHIP_HEADERS,
    metrics: Sequence[str] = MEMBERSHIP_METRICS,
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
    patterns: HeaderPatterns = MEMBERSHIP_HEADERS,
    metrics: Sequence[str] = MEMBERSHIP_METRICS,
    text_fields: frozenset[str] = MEMBERSHIP_TEXTS,
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
    grouped = sum(len(positions) for _, _, positions in mapping.unknown_groups)  # an error
    has_metric = grouped or any(f in metrics for f in known)
    has_unit = any(f in (*LEVELS, "organization", UNIT) for f in known)
    return len(known) + grouped if has_metric and has_unit else 0


@functools.lru_cache(maxsize=4096)
def _composed(block: tuple[tuple[object, ...], ...], patterns: HeaderPatterns) -> HeaderMapping:
    """`compose_headers`, once per distinct block (files from one template share theirs)."""
    return compose_headers(block, patterns)


def compose_headers(
    block: Sequence[Sequence[object]], patterns: HeaderPatterns = MEMBERSHIP_HEADERS
) -> HeaderMapping:
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
    meanings = [_column_meaning(texts, patterns) for texts in filled]
    # groups naming organisations over their figures ("HỘ NÔNG DÂN" over households is not)
    split = _split_fields(patterns)
    wide = any(f in split and o not in (None, GROUP_TOTAL) for f, o in meanings)
    for texts, (field, organization) in zip(filled, meanings, strict=True):
        label = " › ".join(texts)
        key = (field, organization)
        partial = _partial(texts, patterns)
        group = _unknown_group(texts, field, organization, wide, patterns)
        if group is not None:
            unknown.setdefault(group, []).append(len(fields))
            field = None
        elif wide and field in split and organization is None:
            field = None  # beside the groups, in none: no organisation's figure (not used)
        elif field == "branches" and _word(texts[-1]) == "sub_branch":
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
    for position in sub_branches:
        if ("branches", organizations[position]) not in taken:
            fields[position] = "branches"
            taken["branches", organizations[position]] = headers[position]
    if not any(o not in (None, GROUP_TOTAL) for o in organizations):
        organizations = [None] * len(organizations)  # a lone "Tổng số" group is the data itself
    evidence = tuple(map(_evidence, filled, fields, organizations, [patterns] * len(fields)))
    groups = tuple((g, closest_organization(g), tuple(p)) for g, p in unknown.items())
    return HeaderMapping(
        tuple(headers), tuple(fields), tuple(duplicates), tuple(organizations), evidence, groups
    )


def _starts_a_page(field: str | None, before: list[str | None]) -> bool:
    """An STT or unit column met again after figure columns: the next page of a report
    printed side by side ("STT | Tên đơn vị | ... | STT | Tên đơn vị | ...")."""
    names = (*LEVELS, UNIT, IGNORED)
    figures = [p for p, f in enumerate(before) if f not in (*names, PAGE, None, RATIO)]
    return field in names and bool(figures) and field in before[: figures[0]]


def repeated_column(
    mapping: HeaderMapping, position: int, patterns: HeaderPatterns = MEMBERSHIP_HEADERS
) -> int | None:
    """The first page's column that a PAGE column at `position` repeats."""
    field, _ = _column_meaning(mapping.headers[position].split(" › "), patterns)
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


def _column_meaning(texts: list[str], patterns: HeaderPatterns) -> tuple[str | None, str | None]:
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
    if field in MEMBERSHIP_METRICS and any(_word(t) in ("part_of", "not_counted") for t in texts):
        return None, None
    if any(header_field(parent, patterns) == RATIO for parent in texts[:-1]):
        field = RATIO  # "Tỷ lệ %" over "Chi hội | Hội viên": percentages
    elif any(
        _said_not_used(parent, patterns) and not _reads_as_organization(parent)
        for parent in texts[:-1]
    ):
        return None, None  # "Phát triển trong kỳ › Hội viên": nothing under it is a figure
    if field is None and _UNIT_HEADER.search(header_text(" ".join(texts))):
        field = UNIT
    organization = None
    for parent in texts[:-1]:
        organization = _group_code(parent, patterns) or organization
        if _TOTAL_WORDS.match(header_text(parent)):
            organization = GROUP_TOTAL
    if field in (None, "organization", IGNORED, RATIO, UNIT, *LEVELS):
        organization = None
    return field, organization


def _group_code(parent: str, patterns: HeaderPatterns) -> str | None:
    """The value a group header names: of a declared kind's category (`GROUP_VALUE`
    patterns), else an organisation."""
    values = group_values(patterns)
    return organization_code(parent) if values is None else first_match(parent, values)[0]


@functools.lru_cache(maxsize=64)
def _split_fields(patterns: HeaderPatterns) -> frozenset[str]:
    """The figures a wide table gives per group: an organisation's (membership), or those
    of a declared kind its `GROUP_SPLIT` patterns name."""
    if group_values(patterns) is None:
        return frozenset(ORGANIZATION_METRICS)
    return frozenset(name for name, _, _, evidence in patterns if evidence == GROUP_SPLIT)


def _said_not_used(text: str, patterns: HeaderPatterns) -> bool:
    """A header whose words name no figure of danvan's (a flow, a part of the members,
    "HV danh dự"): the first pattern it matches has no field."""
    if header_field(text, patterns) is not None:
        return False
    marked, bare = match_text(text), header_text(text)
    words, which = (bare, 2) if marked == bare else (marked, 1)
    return any(p[0] is None and p[which].search(words) for p in patterns)


def _partial(texts: list[str], patterns: HeaderPatterns) -> bool:
    """A column whose figure's wording is found among other words ("Số hội viên thoát
    nghèo", "HỘI VIÊN › Dân tộc thiểu số"), in the texts `_column_meaning` reads it from."""
    for words in (texts[-1:], texts[-2:], texts):
        found, how = header_match(" ".join(words), patterns)
        if found is not None:
            return how == PARTIAL
    return False


def _unknown_group(
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
    if field not in ORGANIZATION_METRICS or organization is not None:
        return None
    if group_values(patterns) is not None:  # a declared kind's groups: its values or none
        return None
    names = _names_a_group if wide else _reads_as_organization
    return next((p for p in reversed(texts[:-1]) if names(p)), None)


def _names_a_group(text: str) -> bool:
    """A group header that is neither a figure's words nor a total ("Tổng số các đoàn thể")."""
    return not _figure_words(text) and not _TOTAL_START.match(header_text(text))


def _figure_words(text: str) -> bool:
    """ "Hội viên", "Chi hội", "Tổng số", "Hội viên danh dự": a figure's words, not a name."""
    if _TOTAL_WORDS.match(header_text(text)):
        return True
    marked, bare = match_text(text), header_text(text)
    words, which = (bare, 2) if marked == bare else (marked, 1)
    return any(p[0] not in (None, IGNORED) and p[which].search(words) for p in MEMBERSHIP_HEADERS)


def _reads_as_organization(text: str) -> bool:
    if header_field(text) is not None or _figure_words(text):
        return False
    if _ORGANIZATION_WORD.match(match_text(text)):
        return True
    return bool(_SHORT_NAME.fullmatch(text)) and not _NOT_A_NAME.fullmatch(text)


# The word an organisation's name opens with; a short name in capitals, and those not one.
_ORGANIZATION_WORD = re.compile(r"(hội|đoàn|ban|công đoàn|mặt trận|uỷ ban|liên (hiệp|đoàn))\b")
_SHORT_NAME = re.compile(r"[A-ZĐ]{2,6}")
_NOT_A_NAME = re.compile(r"STT|TT|HĐND|UBND|TDP|[IVXLC]+")


def _evidence(
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
    named = [organization_match(p) for p in texts[:-1]]
    return next((e for code, e in reversed(named) if code == organization), "")


def _word(text: str) -> str | None:
    """Which of `_WORDS` a header's words are, or None."""
    return header_match(text, _WORDS)[0]


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
            word = _word(value)
            if person is None and word == "person":
                person = position
            elif word == "personal":
                personal = True
            elif person is None and (
                header_field(value, patterns) in LEVELS or _UNIT_HEADER.search(header_text(value))
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
