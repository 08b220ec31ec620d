"""Text normalisation for names and headers (chuẩn hoá văn bản).

Display text keeps what the user wrote (in NFC, single spaces); matching uses
`fold_key`, which also unifies case and old/new tone placement ("Hoà" = "Hòa"), and unit
names use `unit_key`, the type word also spelled in full ("TP." = "Thành phố"). A unit's
name prints as `canonical_name` writes it ("thôn đông hoà" → "Thôn Đông Hòa").
"""

from __future__ import annotations

import re
import unicodedata

from danvan_cli.text.safe_text import without_controls

# Old-style tone placement on the first vowel of oa/oe/uy → new style on the second.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(rf"([oOuU])([{_TONE_MARKS}])([aAeEyY])(?![^\W\d_])")
# The same pairs with the tone on the second vowel → on the first, as the official list
# of units writes them ("Hòa", "Thụy"); after q the u is a consonant's ("Quý" stays).
_NEW_TONE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])")


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


def unify_tone_placement(text: str, first: bool = False) -> str:
    """Write "oà", "oé", "uỷ" with the tone on the second vowel ("òa" → "oà"); with `first`,
    on the first ("oà" → "òa", "thuỷ" → "thủy"), as unit names print."""
    decomposed = unicodedata.normalize("NFD", text)
    if first:
        return unicodedata.normalize("NFC", _NEW_TONE.sub(r"\1\3\2", decomposed))
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


def without_type_word(name: str) -> str:
    """A unit's name as written without its leading unit-type word (`_UNIT_PREFIX`, in any
    case): "TỈNH HẬU GIANG" → "HẬU GIANG"; a name without one as it is."""
    folded = name.casefold()  # of the name's length: its positions are the name's
    match = _UNIT_PREFIX.match(folded) if len(folded) == len(name) else None
    return name[match.end() :] if match is not None else name


def split_unit_prefix(key: str) -> tuple[str, str]:
    """("xã", "long vĩnh") from the matching key "xã long vĩnh"; ("", key) without a prefix.

    A prefix before a bare number is part of the name ("ấp 1", "phường i")."""
    match = _UNIT_PREFIX.match(key)
    if match is None or _NUMBER_LIKE.match(key[match.end() :]):
        return "", key
    return match.group(1), key[match.end() :]


# Unit-type words written short, as `_UNIT_PREFIX` matches them -> in full.
TYPE_WORDS_IN_FULL = {"tp": "thành phố", "tp.": "thành phố", "tdp": "tổ dân phố"}
# Every vowel letter, with its marks and tones, in lower case
_VOWELS = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
)
_PLAIN_NAME = re.compile(r"[\w\s\-'’.()/]*")
_LETTER = re.compile(r"[^\W\d_]")
_WORD_PARTS = re.compile(r"[^\s\-'’]+")  # "h'leo" → "h", "leo": each capitalised


def unit_key(value: object) -> str:
    """A unit name's matching key: `fold_key` with its type word in full ("tp. huế" is
    "thành phố huế")."""
    key = fold_key(value)
    match = _UNIT_PREFIX.match(key)
    if match is None or match.group(1) not in TYPE_WORDS_IN_FULL:
        return key
    return TYPE_WORDS_IN_FULL[match.group(1)] + key[match.end(1) :]


def canonical_name(value: object) -> str:
    """A unit's name as offices print it: the type word capitalised and in full, each word
    of the name capitalised, the tone on the first vowel of "oa", "oe", "uy" ("thôn đông
    hoà" → "Thôn Đông Hòa", "TDP 3a" → "Tổ dân phố 3A", "phường ii" → "Phường II"); a word
    without a vowel is an abbreviation, in capitals ("Thành phố HCM"). Text with other signs
    than words, numbers and - ' . ( ) / is not a place name: kept as written (cleaned)."""
    text = clean_text(value)
    if not _PLAIN_NAME.fullmatch(text):
        return text
    key = unify_tone_placement(unit_key(text), first=True)
    match = _UNIT_PREFIX.match(key)
    type_word, name = ("", key) if match is None else (match.group(1), key[match.end() :])
    if _NUMBER_LIKE.match(name):
        words = [name.upper()]
    else:
        words = [_capitalised_parts(word) for word in name.split()]
    return " ".join([type_word.capitalize(), *words] if type_word else words)


def _capitalised_parts(word: str) -> str:
    """Each part of a word capitalised ("h'leo" → "H'Leo")."""
    if "-" in word or "'" in word or "’" in word:
        return _WORD_PARTS.sub(lambda m: _capitalised(m.group()), word)
    return _capitalised(word)


def _capitalised(word: str) -> str:
    """A word's first letter in capitals ("đông" → "Đông", "(cũ)" → "(Cũ)"); a word
    without a vowel all in capitals ("hcm" → "HCM": an abbreviation)."""
    if _VOWELS.isdisjoint(word):
        return word.upper()
    if word[:1].isalpha():
        return word[0].upper() + word[1:]
    return _LETTER.sub(lambda m: m.group().upper(), word, count=1)
