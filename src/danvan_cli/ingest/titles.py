"""Units named in the title above a table (tên đơn vị trong tiêu đề).

A commune's own report often has no "Xã" column: the commune is in the title ("ỦY BAN
MTTQ VIỆT NAM XÃ LONG VĨNH"). When a table lacks a level column that its title names,
the title gives that level's name to every row.

A unit is a unit-type word followed by a proper name ("Xã Tân An", "Phường 3"): never a
phrase that only holds such a word ("chính trị - xã hội", "các xã", "cấp huyện").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from danvan_cli.ingest.headers import HeaderPatterns, group_values, match_text, value_code
from danvan_cli.text.normalize import canonical_name, clean_text, strip_diacritics

# Unit-type words per level, longest first. The words keep their tone marks: without them
# "tự quản" would name a district ("quận"), "tình hình" a province ("tỉnh"), "vùng xa" a
# commune ("xã"). A title typed without any tone marks is read by the words without them.
_TITLE_UNITS: tuple[tuple[str, str], ...] = (
    ("district", "thị xã|huyện|quận"),
    ("commune", "thị trấn|đặc khu|xã|phường"),
    ("province", "tỉnh"),
)
_NUMBERED = {"phường", "quận", "phuong", "quan"}  # "Phường 3", "Quận 5" ("các xã 135": no)
# Words before a type word that make it generic: "các xã", "cấp huyện", "toàn tỉnh".
_GENERIC_BEFORE = re.compile(r"(?:^|\s)(các|những|cấp|mỗi|từng|toàn|liên|mọi)\s*$")
# Words that end a name: "xã Long Vĩnh thuộc huyện ...", "... trên địa bàn".
_NOT_NAME = re.compile(r"(của|các|và|trên|thuộc|những|với|theo|về|tại|trong|cho|đến)$")
_NOT_NAME_PLAIN = re.compile(r"(cua|cac|va|tren|thuoc|nhung|voi|theo)$")
# "xã hội" (society) in phrases: "chính trị - xã hội", "an sinh xã hội", "xã hội chủ nghĩa".
_SOCIETY_AFTER = re.compile(
    r"hội(\s+(chủ nghĩa|hóa|hoá|học))?\s*$|hoi(\s+(chu nghia|hoa|hoc))?\s*$"
)
_PHRASE_BEFORE = re.compile(
    r"([-–]|chính trị|kinh tế|văn hóa|văn hoá|an sinh|bảo hiểm|chính sách|tệ nạn|trật tự|"
    r"công tác|dư luận|chinh tri|kinh te|van hoa|an sinh|bao hiem|chinh sach|te nan)\s*$"
)
# A unit's Party committee ("TỈNH ỦY HẬU GIANG", "Huyện uỷ Vị Thủy") names the unit itself.
_COMMITTEE = re.compile(
    r"(?<!\w)(tỉnh|huyện|quận|thị|thành|tinh|huyen|quan|thi|thanh)\s+(?:ủy|uỷ|uy)(?!\w)",
    re.IGNORECASE,
)
# A Party committee's word (tỉnh ủy, thị ủy, thành ủy) -> the unit-type word of its unit.
_COMMITTEE_UNIT = {"thị": "thị xã", "thành": "thành phố", "thi": "thi xa", "thanh": "thanh pho"}


def _committee_unit(match: re.Match[str]) -> str:
    """ "Thị ủy" -> "Thị xã", "THÀNH ỦY" -> "THÀNH PHỐ", "Tỉnh ủy" -> "Tỉnh"."""
    word = match.group(1)
    unit = _COMMITTEE_UNIT.get(word.casefold(), word.casefold())
    unit = word + unit[len(word) :]
    return unit.upper() if word.isupper() else unit


_PERIOD = re.compile(r"\s(?:cả\s+|ca\s+)?(?:tháng|quý|năm|thang|quy|nam)\s+(?:\d|[ivx]+\b)")
_MOTTO = re.compile(r"cong hoa xa hoi|doc lap|tu do|hanh phuc")


def _type_pattern(plain: bool) -> re.Pattern[str]:
    groups = []
    for level, words in _TITLE_UNITS:
        groups.append(f"(?P<{level}>{strip_diacritics(words) if plain else words})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


_TYPES = {plain: _type_pattern(plain) for plain in (False, True)}


def units_in_title(rows: Sequence[Sequence[object]]) -> dict[str, tuple[str, int]]:
    """{level: (name as written with its type word, 0-based row)} from lines above a table."""
    found: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(rows):
        for line in _lines(row):
            text = _COMMITTEE.sub(_committee_unit, clean_text(line))
            folded = strip_diacritics(text)
            if not text or len(folded) != len(text) or _MOTTO.search(folded):
                continue
            for level, name in _units_in_line(text, folded):
                found.setdefault(level, (name, number))
    return found


def _lines(row: Sequence[object]) -> list[str]:
    """Each line of the row's text cells: a merged cell often holds the issuing body over
    two lines ("TỈNH ỦY HẬU GIANG" above "BAN DÂN VẬN"), each a line of its own."""
    return [line for cell in row if isinstance(cell, str) for line in cell.splitlines()]


def _units_in_line(text: str, folded: str) -> list[tuple[str, str]]:
    """(level, name with its type word) of each unit a title line names."""
    lowered = text.casefold()
    plain = folded == lowered  # typed without tone marks
    mixed_case = text != text.upper() and text != lowered
    matches = list(_TYPES[plain].finditer(lowered))
    units = []
    for match, following in zip(matches, [*matches[1:], None], strict=False):
        end = following.start() if following else len(lowered)
        name_end = _name_end(lowered, match, end, plain)
        if name_end is None or _GENERIC_BEFORE.search(lowered[: match.start()]):
            continue
        first = text[match.end() :].lstrip()[:1]
        if mixed_case and not (first.isupper() or first.isdigit()):
            continue  # in a line written in mixed case, a proper name has a capital
        name = text[match.start() : name_end].strip()
        units.append((match.lastgroup or "", _display(name)))
    return units


def _name_end(lowered: str, match: re.Match[str], end: int, plain: bool) -> int | None:
    """Where the proper name after the type word `match` ends (before `end`), or None when
    no proper name follows it."""
    region = lowered[match.end() : end]
    cut = re.search(r"[,;:()/]|\s[-–]\s|\s[-–]$", region)
    region = region[: cut.start()] if cut else region
    period = _PERIOD.search(" " + region)
    region = region[: period.start()] if period else region
    words = re.finditer(r"\S+", region)
    stop = _NOT_NAME_PLAIN if plain else _NOT_NAME
    taken: list[re.Match[str]] = []
    for word in words:
        if stop.match(word.group()):
            break
        if any(ch.isdigit() for ch in word.group()):
            numbered = not taken and match.group() in _NUMBERED and word.group().isdigit()
            if numbered and len(word.group()) <= 3:
                taken.append(word)
            break
        taken.append(word)
    if not taken:
        return None
    if match.group() in ("xã", "xa"):
        name = " ".join(w.group() for w in taken)
        before = lowered[: match.start()]
        if _SOCIETY_AFTER.match(name) or (
            name.startswith(("hội", "hoi")) and _PHRASE_BEFORE.search(before)
        ):
            return None
    return match.end() + taken[-1].end()


def _display(name: str) -> str:
    """ "XÃ LONG VĨNH" as "Xã Long Vĩnh", "THỊ XÃ HỒNG LĨNH" as "Thị xã Hồng Lĩnh"; names
    already in mixed case are kept."""
    return canonical_name(name) if name.isupper() else name


# Lines top left that are not the issuing body: the report's name, its number, a date.
_NOT_AGENCY = re.compile(r"(bao cao|bang |bieu|danh sach|tong hop|so\s*:|ke hoach|thong ke)")
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b|\d{1,2}/\d{1,2}/\d{4}")


def agency_in_title(rows: Sequence[Sequence[object]]) -> str | None:
    """The issuing body written top left above a table, its lines joined by a line break
    ("ỦY BAN MTTQ VIỆT NAM" over "XÃ TÂN AN"): the text in the first two columns of the
    first lines, down to a blank one, the motto, the report's name or a date; None when
    the first such text is none of the body's."""
    return "\n".join(text for _, text in _agency_lines(rows)) or None


def _agency_lines(rows: Sequence[Sequence[object]]) -> list[tuple[int, str]]:
    """(0-based row, text) of each line of the issuing body (see `agency_in_title`)."""
    lines: list[tuple[int, str]] = []
    for number, row in enumerate(rows[:_AGENCY_LINES]):
        text = next((clean_text(c) for c in row[:2] if isinstance(c, str) and clean_text(c)), "")
        plain = strip_diacritics(text).lower()
        if not text and not lines:
            continue
        if not text or len(text) > 80 or _MOTTO.search(plain) or _NOT_AGENCY.match(plain):
            break
        if _DATE_LINE.search(plain):
            break
        lines.append((number, text))
    return lines


_AGENCY_LINES = 4


# An issuing body over several organisations, or none of them: the Front ("ỦY BAN MTTQ",
# "Ban Công tác Mặt trận"), a Party committee and its Ban Dân vận, "các đoàn thể", "Hội
# LHPN và Hội Nông dân". Compared with the marks ("Đảng" is not "đang").
_NOT_ONE_ORGANIZATION = re.compile(
    r"mặt trận|mttq|ctmt|dân vận|đoàn thể|(?<!\w)(các|và|những)(?!\w)|"
    r"(?<!\w)(đảng|tỉnh|huyện|quận|thị|thành|xã|phường)\s+(ủy|uỷ)(?!\w)"
)


def organization_in_title(
    rows: Sequence[Sequence[object]], patterns: HeaderPatterns
) -> tuple[str, str, int] | None:
    """(value code, line as written, 0-based row) of the one category value (membership:
    the organisation) that the issuing body above a table names ("HỘI LHPN XÃ TÂN AN"), by
    the wordings `patterns` read the category's cells with; the last line naming it (the
    body itself, under its superior's "HỘI LHPN TỈNH HẬU GIANG"). None when the body's
    lines name none, several, or a body over several (`_NOT_ONE_ORGANIZATION`); the report's
    name ("BÁO CÁO SỐ LƯỢNG HỘI VIÊN PHỤ NỮ") is not the body's."""
    values = group_values(patterns)
    named: dict[str, tuple[str, int]] = {}
    for number, text in _agency_lines(rows):
        words = match_text(text)
        if _NOT_ONE_ORGANIZATION.search(words):
            return None
        for code in {code for code, marked, _, _ in values if marked.search(words)}:
            named[code] = (text, number)
    if len(named) != 1:
        return None
    code, (text, number) = named.popitem()
    # read as the category's cell would be: the same value, or none
    return (code, text, number) if value_code(text, patterns) == code else None
