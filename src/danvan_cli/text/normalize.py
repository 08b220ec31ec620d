"""Text normalisation for names and headers (chuẩn hoá văn bản).

Display text keeps what the user wrote (in NFC, single spaces); matching uses
`fold_key`, which also unifies case and old/new tone placement ("Hoà" = "Hòa").
"""

from __future__ import annotations

import re
import unicodedata

from danvan_cli.text.safe_text import without_controls

# Old-style tone placement on the first vowel of oa/oe/uy → new style on the second.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(rf"([oOuU])([{_TONE_MARKS}])([aAeEyY])(?![^\W\d_])")


def clean_text(value: object) -> str:
    """NFC, non-breaking and repeated spaces collapsed, ends stripped, control characters
    removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed as a name ("1"), read as 1.0
    # str.split() splits at exactly what the pattern \s matches (non-breaking space too);
    # control characters (ESC, BEL) are left out: they would reach terminals and files
    return without_controls(" ".join(unicodedata.normalize("NFC", str(value)).split()))


def unify_tone_placement(text: str) -> str:
    """Write "oà", "oé", "uỷ" with the tone on the second vowel ("òa" → "oà")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(r"\1\3\2", decomposed))


def fold_key(value: object) -> str:
    """Matching key: cleaned, lower case, one tone placement."""
    return unify_tone_placement(clean_text(value).casefold())


def strip_diacritics(value: object) -> str:
    """Lower-case ASCII-ish form used to match header wordings ("Số hộ" → "so ho")."""
    text = clean_text(value).casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return decomposed if decomposed.isascii() else decomposed.translate(_WITHOUT_COMBINING)


class _CombiningMarks(dict):
    """str.translate's table: each combining mark (looked up once) deleted, the rest kept."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _CombiningMarks()


_UNIT_PREFIX = re.compile(
    r"^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|thôn|ấp|bản|buôn|"
    r"làng|khóm|tổ dân phố|tdp|khu phố|khu vực|xóm|tổ)\s+(?=\S)"
)
_NUMBER_LIKE = re.compile(r"^([0-9]+[a-z]?|[ivxlc]+)$")


def split_unit_prefix(key: str) -> tuple[str, str]:
    """("xã", "long vĩnh") from the matching key "xã long vĩnh"; ("", key) without a prefix.

    A prefix before a bare number is part of the name ("ấp 1", "phường i")."""
    match = _UNIT_PREFIX.match(key)
    if match is None or _NUMBER_LIKE.match(key[match.end() :]):
        return "", key
    return match.group(1), key[match.end() :]
