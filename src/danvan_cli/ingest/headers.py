"""Header mapping (ánh xạ tiêu đề): column headers as written -> canonical fields."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from danvan_cli.model.declaration import Category, CategoryValue, Figure
from danvan_cli.text.normalize import clean_text, fold_key, strip_diacritics, unify_tone_placement

IGNORED = "_ignored"  # a known column that carries nothing to add up (STT)
RATIO = "_ratio"  # a percent column: a check, never summed
UNIT = "unit"  # one "Đơn vị" column holding the whole hierarchy
GROUP_TOTAL = "_total"  # as organisation: a "Tổng số" group beside per-organisation groups
# An STT or unit column repeated after figure columns: a report printed as pages side by
# side. Read to check that each row names the same unit on every page, never as data.
PAGE = "_page"

# How a column's meaning was found when the evidence is weak (shown by `validate`).
TONELESS = "toneless"  # a header typed wholly without tone marks, matched by its tone-less form
ABBREVIATION = "abbreviation"  # an organisation written short (HND, HPN, ĐTN, ...)
GROUP = "group"  # the column's own words name no field: read with its group header
PARTIAL = "partial"  # a figure's wording found among other words ("Số hội viên thoát nghèo")
# A pattern with this evidence names no column: it names a value of the category whose
# groups of columns split a wide table (membership's organisations, a declared kind's own);
# one with `GROUP_ABBREVIATION`, a value written short (weaker evidence: ABBREVIATION).
GROUP_VALUE = "group_value"
GROUP_ABBREVIATION = "group_abbreviation"
# A pattern with this evidence never matches; it says the values' codes name them too
# ("nong_dan", "Nong dan") and a group over split figures naming no value is an error
# (`HeaderMapping.unknown_groups`): the shipped kinds' groups, not a template's.
NAMED_GROUPS = "named_groups"
# A pattern with this evidence never matches: its field is a figure given per group.
GROUP_SPLIT = "group_split"
NEVER = "(?!)"  # the pattern of a `GROUP_SPLIT` entry
# A pattern with this evidence is a declared figure's phrase: it names a header holding it
# and no other words but totals' and a unit in brackets ("Số hộ › Tổng số", "Kinh phí (tỷ
# đồng)"); "Số hộ nghèo" is not "Số hộ" (a wrong figure is worse than a column not used).
WHOLE = "whole"
# A pattern with this evidence names a figure whose wording may be found among other words:
# then the match is PARTIAL ("Số hội viên thoát nghèo" is not plainly the members), and a
# part "of which" or a figure not counted is never it (`columns.column_meaning`).
FIGURE = "figure"
_GROUP_TAGS = (GROUP_VALUE, GROUP_ABBREVIATION, GROUP_SPLIT, NAMED_GROUPS)

# (field, pattern on the header as `match_text` writes it: lower case, with its marks); the
# first match wins, so the more specific wordings come first. A field None names figures
# that are none of the kind's: the column is not used. STT and percent columns are known to
# every kind of table; a kind's own wordings follow them.
COMMON_HEADER_PATTERNS: tuple[tuple[str | None, str], ...] = (
    (IGNORED, r"^(stt|tt|số tt|no|#)$"),
    (RATIO, r"t[ỷỉ] lệ|%|\brate\b|coverage|ratio|per branch"),
)
# Unit-name columns (one per administrative level), shared by every kind of table.
UNIT_HEADER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("province", r"^(tên )?(tỉnh|province)\b"),
    ("district", r"^(tên )?(huyện|quận|thị xã|district)\b"),
    ("commune", r"^(tên )?(xã|phường|thị trấn|đặc khu|commune|ward)\b"),
    (
        "village",
        r"^(tên )?(thôn|ấp|bản|buôn|làng|khóm|tổ dân phố|tdp|khu phố|khu vực|village|hamlet)\b",
    ),
)
HeaderPattern = tuple[str | None, re.Pattern[str], re.Pattern[str], str]
NOTES = "_notes"  # a column of remarks ("Ghi chú"): words, never figures


class HeaderPatterns(tuple[HeaderPattern, ...]):
    """(field, pattern with marks, its tone-less form, evidence: "" or ABBREVIATION) for
    each wording, tried in order. Hashed once: the caches below look every header and name
    up with its patterns, and a plain tuple would hash all its patterns at each look-up."""

    _hash: int

    def __new__(cls, patterns: Iterable[HeaderPattern] = ()) -> HeaderPatterns:
        made = super().__new__(cls, patterns)
        made._hash = tuple.__hash__(made)
        return made

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[HeaderPatterns], tuple[tuple[HeaderPattern, ...]]]:
        """Rebuilt, so hashed anew, in another process (whose strings hash differently)."""
        return HeaderPatterns, (tuple(self),)


def compile_patterns(*groups: Sequence[tuple[str | None, str]]) -> HeaderPatterns:
    """Each (field, pattern) pair, or (field, pattern, evidence), compiled in order: the
    first match wins. Patterns are written lower case with their marks."""
    compiled = []
    for group in groups:
        for name, pattern, *evidence in group:
            marked = unify_tone_placement(unicodedata.normalize("NFC", pattern))
            bare = _without_marks(marked)
            compiled.append((name, re.compile(marked), re.compile(bare), "".join(evidence)))
    return HeaderPatterns(compiled)


def is_notes_header(header: object) -> bool:
    """A header naming a column of remarks: "Ghi chú", "Chú thích", "Note" (and typed
    without marks, "Ghi chu")."""
    return header_field(header, _NOTES_PATTERNS) == NOTES


def _without_marks(text: str) -> str:
    """`text` with every tone and vowel mark dropped and đ written d (case kept)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def declared_patterns(
    items: Sequence[Figure | Category | CategoryValue],
) -> tuple[tuple[str, ...], ...]:
    """(code, pattern) for each item's `patterns`, in order, then (code, pattern,
    ABBREVIATION) for each item's `abbreviations`, as `compile_patterns` takes them."""
    full = [(item.code, pattern) for item in items for pattern in item.patterns]
    short = [(item.code, p, ABBREVIATION) for item in items for p in item.abbreviations]
    return (*full, *short)


def group_patterns(patterns: Sequence[tuple[str, ...]]) -> tuple[tuple[str, str, str], ...]:
    """A category's values' patterns, (code, pattern) or (code, pattern, ABBREVIATION) as
    `declared_patterns` gives them, in the order tried, as group headers name the values
    (`GROUP_VALUE`, `GROUP_ABBREVIATION`)."""
    return tuple(
        (code, pattern, GROUP_ABBREVIATION if evidence else GROUP_VALUE)
        for code, pattern, *evidence in patterns
    )


def header_text(header: object) -> str:
    """A header as matched: lower case, no diacritics, no spaces around punctuation."""
    return _spaced(strip_diacritics(header).replace("_", " "))


def match_text(header: object) -> str:
    """A header as its words are matched: lower case with its marks (one tone placement),
    no spaces around punctuation."""
    return _spaced(fold_key(header).replace("_", " "))


def _spaced(text: str) -> str:
    if _PUNCTUATION.search(text):  # most names have none: the substitution is skipped
        text = _SPACED_PUNCTUATION.sub(r"\1", text)
    return text.strip(" .:")


_PUNCTUATION = re.compile(r"[/,;.:()-]")
_SPACED_PUNCTUATION = re.compile(r"\s*([/,;.:()-])\s*")


def header_field(header: object, patterns: HeaderPatterns) -> str | None:
    """Canonical field for one header as written, IGNORED, RATIO, or None."""
    return header_match(header, patterns)[0]


def header_match(header: object, patterns: HeaderPatterns) -> tuple[str | None, str]:
    """(field or None, evidence) for one header: evidence is "" for a wording found as
    written; when weak, TONELESS, PARTIAL or the pattern's own (ABBREVIATION)."""
    return first_match(str(header) if header is not None else "", patterns)


@functools.lru_cache(maxsize=8192)
def first_match(text: str, patterns: HeaderPatterns) -> tuple[str | None, str]:
    """`match_words`, once per distinct text (headers and names of a template repeat)."""
    return match_words(text, patterns)


def match_words(text: str, patterns: HeaderPatterns) -> tuple[str | None, str]:
    """The first of `patterns` naming `text`'s words, and how (see `header_match`).

    Words are compared with their marks ("Ban" is not "Bản"); a text typed wholly without
    marks is compared with the wordings' tone-less forms, and such a match is TONELESS."""
    text = match_text(text)
    if not text:
        return None, ""
    if _without_marks(text) != text:
        for name, marked, _, evidence in patterns:
            if evidence == WHOLE and marked.search(text):
                if not _besides(text, marked):
                    return name, ""
            elif evidence == FIGURE and marked.search(text):
                return name, PARTIAL if _partial(text, marked) else ""
            elif evidence not in _GROUP_TAGS and marked.search(text):
                return name, evidence
        return None, ""
    for name, marked, bare, evidence in patterns:
        if evidence == WHOLE and bare.search(text):
            if not _besides(text, bare):
                return name, "" if marked.search(text) else TONELESS
        elif evidence not in _GROUP_TAGS and bare.search(text):
            own = "" if evidence == FIGURE else evidence
            return name, own or ("" if marked.search(text) else TONELESS)
    return None, ""


def _besides(text: str, wording: re.Pattern[str]) -> bool:
    """`text` holds words besides `wording`, a total's words and a bracketed unit."""
    rest = _TOTAL_OR_UNIT.sub(" ", wording.sub(" ", text, count=1))
    return _WORD.search(rest) is not None


@functools.lru_cache(maxsize=64)
def group_values(patterns: HeaderPatterns) -> HeaderPatterns:
    """The patterns naming the values of the category whose groups split a wide table, in
    the order tried, to be matched with `first_match` (empty: the kind has none)."""
    short = {GROUP_VALUE: "", GROUP_ABBREVIATION: ABBREVIATION}
    return HeaderPatterns(
        (n, m, b, short[evidence])
        for n, m, b, evidence in patterns
        if evidence in short and n is not None
    )


@functools.lru_cache(maxsize=64)
def named_groups(patterns: HeaderPatterns) -> bool:
    """The patterns' group values are named by their codes too, and a group naming none is
    an error (see `NAMED_GROUPS`)."""
    return any(evidence == NAMED_GROUPS for *_, evidence in patterns)


@functools.lru_cache(maxsize=64)
def _group_codes(patterns: HeaderPatterns) -> frozenset[str]:
    return frozenset(name for name, *_ in group_values(patterns))


def value_match(name: object, patterns: HeaderPatterns) -> tuple[str | None, str]:
    """(code or None, evidence) of the group value a text names (a group header, a cell of
    the category's column): evidence "" for a full name, ABBREVIATION or TONELESS."""
    text = clean_text(name)
    if named_groups(patterns):
        code = strip_diacritics(text).replace(" ", "_")
        if code in _group_codes(patterns):
            return code, ""
    return first_match(text, group_values(patterns))


def value_code(name: object, patterns: HeaderPatterns) -> str | None:
    """The code of the group value a text names, or None (see `value_match`)."""
    return value_match(name, patterns)[0]


def closest_value(category: Category, name: str) -> str:
    """The code of the value of `category` whose names (its `headers`) read most like
    `name` (the first of the closest, in the order declared)."""
    text = match_text(name)

    def likeness(value: CategoryValue) -> float:
        return max(
            difflib.SequenceMatcher(None, text, match_text(n)).ratio() for n in value.headers
        )

    return max(category.values, key=likeness).code


@functools.lru_cache(maxsize=64)
def figure_fields(patterns: HeaderPatterns) -> frozenset[str]:
    """The figures named by `FIGURE` patterns."""
    return frozenset(name for name, *_, evidence in patterns if evidence == FIGURE)


def _partial(text: str, wording: re.Pattern[str]) -> bool:
    """A figure's header holding words besides its wording and the words every such header
    uses ("Số hội viên thoát nghèo" is not plainly the members)."""
    rest = _USUAL_WORDS.sub(" ", wording.sub(" ", text))
    return _WORD.search(rest) is not None


_USUAL_WORDS = re.compile(
    r"\b(tổng|số|lượng|người|có|của|các|và|đv|hv|hội|đoàn|viên|thành viên|tham gia|chi|tổ|"
    r"trong đó|xếp loại|cuối kỳ|hiện có|đang hoạt động)\b"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_TOTAL_OR_UNIT = re.compile(r"\([^)]*\)|\b(tổng|tong|số|so|lượng|luong|cộng|cong|chung)\b")


@dataclass(frozen=True)
class HeaderMapping:
    """How the columns of one table were understood."""

    headers: tuple[str, ...]  # as written, one per column position
    fields: tuple[str | None, ...]  # canonical field (or IGNORED/RATIO/None) per position
    duplicates: tuple[tuple[str, str, str], ...] = ()  # (field, first header, second header)
    organizations: tuple[str | None, ...] = ()  # organisation of a parent header (wide layout)
    evidence: tuple[str, ...] = ()  # per position: "" or how weakly it was read (TONELESS ...)
    # (group header, its columns): a group naming no organisation (group value) known
    unknown_groups: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def position_of(self, field: str, organization: str | None = None) -> int | None:
        for position, name in enumerate(self.fields):
            if name == field and self.organization_at(position) == organization:
                return position
        return None

    def organization_at(self, position: int) -> str | None:
        return self.organizations[position] if self.organizations else None

    def evidence_at(self, position: int) -> str:
        return self.evidence[position] if self.evidence else ""

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


def map_headers(headers: Sequence[object], patterns: HeaderPatterns) -> HeaderMapping:
    """Map each header; a second column for an already-taken field maps to None."""
    written = tuple(clean_text(h) for h in headers)
    fields: list[str | None] = []
    evidence = []
    duplicates = []
    for text in written:
        found, how = header_match(text, patterns)
        if found in fields and found not in (IGNORED, RATIO):
            duplicates.append((found, written[fields.index(found)], text))
            found = None
        fields.append(found)
        evidence.append(how if found is not None else "")
    return HeaderMapping(written, tuple(fields), tuple(duplicates), evidence=tuple(evidence))


def duplicate_fields(
    headers: Sequence[object], patterns: HeaderPatterns
) -> list[tuple[str, str, str]]:
    """(field, first header, second header) for fields met twice in one header row."""
    return list(map_headers(headers, patterns).duplicates)


_NOTES_PATTERNS = compile_patterns([(NOTES, r"^(ghi chú|chú thích|lưu ý|notes?|remarks?)$")])
