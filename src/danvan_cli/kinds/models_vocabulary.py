"""Canonical codes of community models (DOMAIN.md, "Community models") and their wordings.

- programme (chương trình): `tu_quan` mô hình tự quản, `dan_van_kheo` "Dân vận khéo";
- field (lĩnh vực): `kinh_te`, `van_hoa_xa_hoi`, `quoc_phong_an_ninh`,
  `xay_dung_he_thong_chinh_tri`;
- level of recognition (cấp): `tinh`, `huyen` (huyện, thị xã), `xa`, `co_so`;
- status (kết quả): `registered` đăng ký, `recognized` công nhận, `commended` biểu dương,
  each implying the ones before it;
- kind of self-managed model (loại mô hình tự quản), each in one field.

Wordings are written with their marks and matched as headers are (`headers.first_match`:
with marks, tone-less only for a text typed wholly without them), in Vietnamese or English;
the first pattern that matches wins, so narrower wordings come first.
"""

from __future__ import annotations

import re

from danvan_cli.ingest.headers import (
    COMMON_HEADER_PATTERNS,
    UNIT_HEADER_PATTERNS,
    compile_patterns,
    declared_patterns,
    first_match,
    header_text,
    match_text,
)
from danvan_cli.kinds.models import MODELS, ordered_values
from danvan_cli.kinds.vocabulary import ORGANIZATION_GROUPS
from danvan_cli.text.normalize import clean_text


def _codes(category: str) -> tuple[str, ...]:
    return tuple(value.code for value in MODELS.category(category).values)


PROGRAMS: tuple[str, ...] = _codes("program")
FIELDS: tuple[str, ...] = _codes("field")
RECOGNITION_LEVELS: tuple[str, ...] = _codes("recognition_level")
STATUSES: tuple[str, ...] = MODELS.figure_codes

# Kinds of self-managed model (seed 000) -> the field each belongs to.
TOPIC_FIELDS: dict[str, str | None] = {
    "ve_sinh_moi_truong": "van_hoa_xa_hoi",
    "van_hoa_dan_toc": "van_hoa_xa_hoi",
    "cuoi_tang_van_minh": "van_hoa_xa_hoi",
    "lien_ket_kinh_te": "kinh_te",
    "te_nan_xa_hoi": "quoc_phong_an_ninh",
    "toi_pham_giao_thong": "quoc_phong_an_ninh",
    "bao_luc_gia_dinh": "van_hoa_xa_hoi",
    "tao_hon": "van_hoa_xa_hoi",
    "gia_dinh_hanh_phuc": "van_hoa_xa_hoi",
    "khac": None,
}
TOPICS: tuple[str, ...] = _codes("topic")

# The columns that classify a model; roll-up rows carry them all.
CATEGORIES: tuple[str, ...] = ("program", "field", "recognition_level", "topic", "year")
CODES: dict[str, tuple[str, ...]] = {
    "program": PROGRAMS,
    "field": FIELDS,
    "recognition_level": RECOGNITION_LEVELS,
    "topic": TOPICS,
    "status": STATUSES,
}

_WORDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    **{
        category: declared_patterns(ordered_values(category))
        for category in ("program", "field", "recognition_level", "topic")
    },
    "status": (
        ("registered", r"\bchưa\b|\bkhông\b|đăng k[ýí]|đang xây dựng|register"),
        ("commended", r"biểu dương|tiêu biểu|khen|commend"),
        ("recognized", r"công nhận|^đạt$|recogni"),
    ),
}
_COMPILED = {category: compile_patterns(pairs) for category, pairs in _WORDINGS.items()}

# Shown to users next to an unknown or missing value.
ACCEPTED_WORDS: dict[str, str] = {
    "program": "Mô hình tự quản, Dân vận khéo",
    "field": (
        "Kinh tế; Văn hóa - Xã hội (VHXH); Quốc phòng - An ninh (QP-AN, ANQP); "
        "Xây dựng Đảng, chính quyền (hệ thống chính trị)"
    ),
    "recognition_level": "cấp tỉnh; cấp huyện, thị xã, thành phố; cấp xã, phường; cơ sở",
    "topic": (
        "vệ sinh môi trường; bản sắc văn hóa; việc cưới, việc tang; liên kết kinh tế; "
        "tệ nạn xã hội, cờ bạc; tội phạm, trật tự ATGT; bạo lực gia đình; tảo hôn; "
        "gia đình hạnh phúc; khác"
    ),
    "status": "Đăng ký / Chưa công nhận; Đã công nhận; Biểu dương / Tiêu biểu",
    "mark": "x, v, ✓, có, 1 (đã) hoặc để trống, 0, không (chưa)",
}

_YES = frozenset({"x", "v", "✓", "✔", "co", "c", "yes", "y", "true", "1", "1.0", "dat"})
_NO = frozenset({"", "-", "0", "0.0", "khong", "k", "no", "n", "false", "chua"})


def category_code(category: str, value: object) -> str | None:
    """Canonical code of a value as written in a `category` column, or None."""
    text = clean_text(value)
    if not text:
        return None
    code = header_text(text).replace(" ", "_")
    if code in CODES[category]:
        return code
    if category == "status":
        return _status_code(match_text(text))
    return _first_match(category, text)


def _first_match(category: str, text: str) -> str | None:
    return first_match(text, _COMPILED[category])[0]


_CLAUSES = re.compile(r"\s*(?:[,;+]|\bv[àa]\b|\bnh[ưu]ng\b)\s*")
# A status not reached: "chưa công nhận", "đề nghị công nhận", "phấn đấu được công nhận".
_NOT_GRANTED = compile_patterns((("registered", r"^(chưa|không|đề nghị|phấn đấu|đang đề nghị)\b"),))


def _status_code(text: str) -> str | None:
    """The highest status a phrase grants: "Đã đăng ký, đã công nhận" and "Đã công nhận,
    chưa biểu dương" are recognised; a status not reached ("chưa công nhận", "đề nghị công
    nhận") leaves the model registered. Parts naming no status ("QĐ số 12", "năm 2023",
    "nhân rộng") are passed over; None when no part names one."""
    found = [
        first_match(clause, _NOT_GRANTED)[0] or _first_match("status", clause)
        for clause in filter(None, _CLAUSES.split(text))
    ]
    return max(filter(None, found), key=STATUSES.index, default=None)


def status_marks(status: str | None) -> tuple[float, ...]:
    """(registered, recognized, commended) of a model whose status is `status`."""
    if status not in STATUSES:  # not given, or not understood (reported as such)
        return (1.0, 0.0, 0.0)
    rank = STATUSES.index(status)
    return tuple(1.0 if i <= rank else 0.0 for i in range(len(STATUSES)))


def mark_value(status: str, value: object) -> float | None:
    """1 for a mark that says yes in the `status` column (x, có, "Đã công nhận"), 0 for a
    blank or a no, None for a word not understood. A higher status implies a lower one."""
    text = header_text(value)
    if text in _NO:
        return 0.0
    if text in _YES:
        return 1.0
    said = category_code("status", value)
    if said is None:
        return None
    return status_marks(said)[STATUSES.index(status)]


def program_in_text(text: str) -> str | None:
    """The one programme a title names ("Danh sách mô hình Dân vận khéo ..."), else None."""
    found = [code for code, wording in _PROGRAM_WORDINGS.items() if first_match(text, wording)[0]]
    return found[0] if len(found) == 1 else None


_PROGRAM_WORDINGS = {code: compile_patterns([(code, p)]) for code, p in _WORDINGS["program"]}


def wide_header_patterns() -> tuple[tuple[str, str], ...]:
    """(code, pattern) for columns named after a kind or a field (a count per column);
    a "Khác" column counts the models of other kinds, which no other column counts."""
    return _WORDINGS["topic"] + _WORDINGS["field"]


# The columns only a table's layout has, by their wordings (see `headers.first_match`).
_LAYOUT_HEADER_PATTERNS: dict[str, str] = {
    "model_name": r"^(tên )?mô hình$|^tên (của )?mô hình|^tên$|model name|^models?$|^name$",
    "year": r"^(năm|year)( đăng k[ýí]| xây dựng| thực hiện| công nhận)?$",
    "status": r"^(kết quả|trạng thái|tình trạng|status)( đánh giá| công nhận)?$",
    "count": r"^(số|số lượng)( mô hình)?( tự quản| dân vận khéo)?$|^count$|number of models",
    "count_total": r"^(tổng|tổng số|tổng cộng|cộng|total)( số)?( mô hình)?( tự quản)?$",
}
# The order header wordings are tried in: the first that matches wins.
_HEADER_ORDER: tuple[str, ...] = (
    "model_name",
    "program",
    "topic",
    "field",
    "recognition_level",
    "year",
    "status",
    "commended",
    "recognized",
    "registered",
    "count",
    "count_total",
)
_MODEL_HEADER_PATTERNS: tuple[tuple[str, ...], ...] = tuple(
    pair
    for code in _HEADER_ORDER
    for pair in (
        [(code, _LAYOUT_HEADER_PATTERNS[code])]
        if code in _LAYOUT_HEADER_PATTERNS
        else declared_patterns([MODELS.wordings(code)])
    )
)
# Groups over a models table's columns are read as membership's organisations.
MODEL_HEADERS = compile_patterns(
    COMMON_HEADER_PATTERNS,
    _MODEL_HEADER_PATTERNS,
    wide_header_patterns(),
    UNIT_HEADER_PATTERNS,
    ORGANIZATION_GROUPS,
)
WIDE_CODES: tuple[str, ...] = (*TOPICS, *FIELDS)  # a count column per kind or field
COUNTS: tuple[str, ...] = ("count", "count_total", *STATUSES)
# A header row is a models table when it names one of these and a unit column.
MODEL_FIGURES: tuple[str, ...] = ("model_name", *COUNTS, *WIDE_CODES)
# The fields only a models table has (a cell naming one hints at the kind).
MODEL_FIELDS = frozenset({*MODEL_FIGURES, *CATEGORIES, "status"})
