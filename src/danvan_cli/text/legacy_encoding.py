"""Legacy Vietnamese font encodings: TCVN3 (ABC) and VNI (mã cũ TCVN3, VNI).

Offices still type in the 8-bit fonts of the 1990s: ``.VnTime``/``.VnArial`` (TCVN3,
also called ABC) and ``VNI-Times`` (VNI). Those fonts draw Vietnamese letters at the
positions of Western characters, so when a cell is read as Unicode (calamine, openpyxl)
we get the Windows-1252 characters of the font's bytes: "Hµ Néi" (TCVN3) and "Haø Noäi"
(VNI) for "Hà Nội". This module recognises such text and converts it to NFC Unicode.

Public functions: :func:`detect_legacy_encoding`, :func:`to_unicode`,
:func:`fix_legacy_text`, :func:`from_unicode` (the inverse, for test data and fixtures)
and :func:`dominant_legacy_encoding` (a vote over many texts, e.g. one sheet).

Sources of the tables
---------------------
TCVN3 (TCVN 5712:1993, the VN3 repertoire used by the ``.Vn*`` fonts): the byte → letter
table below agrees position by position with

* glibc's iconv charset ``TCVN5712-1`` (checked with ``iconv -f TCVN5712-1`` for bytes
  0xA1-0xFF),
* ``apple-open-source/macos`` ``X11/xc/extras/X-TrueType/TCVN/TCVNtoUCS2.c`` (XFree86
  X-TrueType ``tblTCVNToUcs2``),
* ``lamdao/xvnkb`` ``tcvn.h`` (the xvnkb keyboard's TCVN output table), and
* ``duydev/vietnamese-conversion`` ``src/charsets.ts`` (``TCVN3`` array, lower case and
  the seven capitals Ă Â Ê Ô Ơ Ư Đ).

VNI (VNI for Windows, ``VNI-Times``): a base letter followed by a mark character
(``aø`` = à, ``oä`` = ộ, ``aê`` = ă), plus single characters for đ, ơ, ư and the toned
i and ỵ. The pair and single tables built below agree entry by entry with
``lamdao/xvnkb`` ``vni.h`` and ``duydev/vietnamese-conversion`` ``src/charsets.ts``
(``VNI`` array).

Capital letters with tone marks in TCVN3
----------------------------------------
VN3 has codes only for the capitals Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7). A capital with a tone
mark (Ấ, Ộ, ...) has no code: typists use the lower-case code, and the ``.VnTimeH``
("H" = hoa, capitals) fonts draw every lower-case code as a capital. The font is not
stored with the cell text, so :func:`to_unicode` decides case as follows:

* every code decodes to its lower-case letter (0xA1-0xA7 to the seven capitals);
* if all ASCII letters of the text are capitals and a word shows that it was typed in
  capitals (as for a ``.VnTimeH`` font) rather than as a capitalised name — two or
  more ASCII capitals with a vowel other than U or forming a syllable ("NAM", "EA",
  "TRUNG", but not "HV", "UBND"), or a capital next to a code inside a word ("HéI",
  "§øC", "C¤") — the whole result is upper-cased: "HéI N«NG D©N" → "HỘI NÔNG DÂN",
  "X· NAM" → "XÃ NAM", "Sè §V, HV, UBND" → "Số ĐV, HV, UBND". Short names in capitals
  stay ambiguous: "X· Mü Lý" gives "Xã Mỹ Lý" even where "XÃ MỸ LÝ" was meant;
* otherwise a word that begins with a toned lower-case code is capitalised when it is
  the first word of the text (a cell starts with a capital), or when no other word of
  the text begins with a lower-case letter: "Êp T©n Long" → "Ấp Tân Long", "Êp 1" →
  "Ấp 1", "ë x· T©n Long" → "Ở xã Tân Long", "Héi Cùu chiÕn binh" unchanged in case.

Only the VN3 repertoire is decoded. TCVN 5712 VN1/VN2 also put capitals with tones in
the positions VN3 leaves free (0xAF, 0xBA, 0xBF-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0,
0xFF, and 0x01-0x17, 0x80-0x9F) and combining marks at 0xB0-0xB4 (per glibc), but the
.Vn* fonts and keyboard drivers do not produce them, and decoding them would turn
VNI capitals (VNI "PHUÙ" is "PHÚ") and Windows-1252 punctuation (– — “ ” … ° ± ² ³,
which .VnTime text contains as themselves) into letters.

Detection
---------
A text is a candidate only if it has a non-ASCII character and every character is in
the Windows-1252 repertoire (real Unicode Vietnamese almost always has a letter outside
it: ộ, ư, đ, ...). Its words that contain non-ASCII characters are then read three
ways — as Unicode, as TCVN3, as VNI — and each reading is scored by how many of those
words are well-formed Vietnamese syllables (onset, rhyme, at most one tone mark, stop
endings -c -ch -p -t only with sắc or nặng) or abbreviations such as ĐV, HĐND. A legacy
reading wins when at least half of the words are valid in it (names of ethnic-minority
places such as "Đakrông" or "Chư Păh" are not single Vietnamese syllables), strictly
more than in the Unicode reading, and one valid word has two or more letters. A tone
mark must sit where Vietnamese puts it, in the old or the new style ("hòa" or "hoà",
never "haò"): that is what tells VNI "Xaõ" (xã) from a Unicode word.

A text that reads validly both as Unicode and in a legacy encoding is left alone:
"Hoà Bình" stays (VNI would read "Hồ Bình"), and so, unavoidably, do short legacy
texts that are also well-formed Unicode, such as TCVN3 "Céng" (Cộng), "Sè" (Số) or VNI
"Sôn La" (Sơn La). Letting the sheet's encoding decide them would be worse: sheets mix
legacy data with Unicode headers, and "Xã", "Thôn" would become TCVN3 "Xó", "Thụn" and
VNI "Thơn". Longer texts carry enough evidence ("Tæng céng" is TCVN3 "Tổng cộng").

Ties between TCVN3 and VNI ("Cæ": TCVN3 "Cổ", VNI "Cỉ") go to the `prefer` argument
when given (the sheet's encoding, from :func:`dominant_legacy_encoding`), then to the
reading without rare rhymes ("Coäng" is VNI "Cộng", not TCVN3 "Coọng"), then to VNI
for a text without lower-case letters (VNI capitals are upper-case Latin-1 letters:
"VÓNH" is VNI "VĨNH"), else to TCVN3.

Everything is precompiled: ``str.translate`` tables, one regex for the VNI pairs, a
cached syllable check; plain ASCII and real Unicode Vietnamese leave at the first test.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Literal

from danvan_cli.text.syllables import (
    ABBREVIATION,
    ACUTE,
    DOT,
    GRAVE,
    HOOK,
    TILDE,
    is_vietnamese_word,
    split_tone,
    word_quality,
)

LegacyEncoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")

# ---------------------------------------------------------------------------------------
# TCVN3 table: byte (as its Windows-1252 / Latin-1 character) → Unicode letter.
# Bytes 0xA0-0xFF are the same character in Windows-1252 and Latin-1.
# ---------------------------------------------------------------------------------------
_TCVN3_VN3: dict[int, str] = {
    # capitals that VN3 has
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    # lower case without tone
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    # a, ă, â with tones (huyền, hỏi, ngã, sắc, nặng)
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    # e, ê
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    # i
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    # o, ô, ơ
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    # u, ư
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    # y
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_TABLE: dict[int, str] = dict(_TCVN3_VN3)  # for str.translate
# Unicode letter → TCVN3 character (VN3 only, as a .VnTime typist produces).
_TCVN3_ENCODE: dict[str, str] = {letter: chr(code) for code, letter in _TCVN3_VN3.items()}
_TCVN3_PLAIN_LOWER_CODES = frozenset(chr(c) for c in range(0xA8, 0xAF))
_TCVN3_TONED_LOWER_CODES = frozenset(
    chr(code) for code, letter in _TCVN3_VN3.items() if code >= 0xB5 and letter.islower()
)

# ---------------------------------------------------------------------------------------
# VNI table: a base letter followed by a mark character, plus single characters.
# ---------------------------------------------------------------------------------------
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"

# mark character → (diacritic added to the base, tone)
_VNI_TONE_MARKS = {"ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT}
_VNI_CIRCUMFLEX_MARKS = {"â": "", "á": ACUTE, "à": GRAVE, "å": HOOK, "ã": TILDE, "ä": DOT}
_VNI_BREVE_MARKS = {"ê": "", "é": ACUTE, "è": GRAVE, "ú": HOOK, "ü": TILDE, "ë": DOT}
# base character → Unicode base letter
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "ô": "ơ", "u": "u", "ö": "ư", "y": "y"}
_VNI_SINGLES_LOWER = {
    "ñ": "đ", "ô": "ơ", "ö": "ư",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "î": "ỵ",
}  # fmt: skip


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    """(pair → letter, single character → letter), lower and upper case."""
    pairs: dict[str, str] = {}
    for base, letter in _VNI_BASES.items():
        for mark, tone in _VNI_TONE_MARKS.items():
            if base == "y" and tone == DOT:
                continue  # ỵ is the single character î
            pairs[base + mark] = unicodedata.normalize("NFC", letter + tone)
        if base in "aeo":
            for mark, tone in _VNI_CIRCUMFLEX_MARKS.items():
                pairs[base + mark] = unicodedata.normalize("NFC", letter + _CIRCUMFLEX + tone)
        if base == "a":
            for mark, tone in _VNI_BREVE_MARKS.items():
                pairs[base + mark] = unicodedata.normalize("NFC", letter + _BREVE + tone)
    all_pairs: dict[str, str] = {}
    for pair, letter in pairs.items():
        base, mark = pair
        # Case follows the base letter; the mark may be in either case (text that went
        # through UPPER() or a change-case command).
        for b, m in ((base, mark), (base, mark.upper())):
            all_pairs[b + m] = letter
        for b, m in ((base.upper(), mark.upper()), (base.upper(), mark)):
            all_pairs[b + m] = letter.upper()
    singles: dict[str, str] = {}
    for char, letter in _VNI_SINGLES_LOWER.items():
        singles[char] = letter
        singles[char.upper()] = letter.upper()
    return all_pairs, singles


_VNI_PAIRS, _VNI_SINGLES = _build_vni()
# One pass: a pair wins over its first character read alone ("ôù" = ớ, "ô" = ơ), and
# letters produced by a pair are never read again ("oâ" = ô must not become ơ).
_VNI_ALL = {**_VNI_SINGLES, **_VNI_PAIRS}
_VNI_RE = re.compile(
    "|".join(sorted(_VNI_PAIRS, key=len, reverse=True)) + "|[" + "".join(_VNI_SINGLES) + "]"
)
# Unicode letter → VNI text (canonical: mark in the case of its base).
_VNI_ENCODE: dict[str, str] = {}
for _pair, _letter in _VNI_PAIRS.items():
    if _pair[0].islower() == _pair[1].islower():
        _VNI_ENCODE.setdefault(_letter, _pair)
for _char, _letter in _VNI_SINGLES.items():
    if _letter not in ("í", "ì", "Í", "Ì"):  # identical in both: nothing to encode
        _VNI_ENCODE.setdefault(_letter, _char)

# ---------------------------------------------------------------------------------------
# Candidates and words
# ---------------------------------------------------------------------------------------
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
# A character that Windows-1252 text (or Latin-1 with C1 controls) cannot contain.
_NOT_CP1252 = re.compile("[^\x00-\xff" + re.escape(_CP1252_HIGH) + "]")
# Runs of letters in any of the three readings: ASCII letters and 0xA1-0xFF except
# ° ± ² ³ ´ (0xB0-0xB4), which none of the tables use as letters.
_WORD = re.compile("[A-Za-z\u00a1-\u00af\u00b5-\u00ff]+")


def _decode_tcvn3_raw(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def _decode_vni_raw(text: str) -> str:
    return _VNI_RE.sub(_vni_letter, text)


def _vni_letter(match: re.Match[str]) -> str:
    return _VNI_ALL[match.group()]


_RAW_DECODERS = {"tcvn3": _decode_tcvn3_raw, "vni": _decode_vni_raw}


def _score(words: list[str], decode: Callable[[str], str] | None) -> tuple[int, int, bool]:
    """(valid words, valid words without a rare rhyme, whether a valid word has two or
    more letters)."""
    valid = common = 0
    long_word = False
    for word in words:
        decoded = decode(word) if decode else word
        quality = word_quality(decoded)
        if quality:
            valid += 1
            common += quality == 2
            long_word = long_word or len(decoded) >= 2
    return valid, common, long_word


def _passing_encodings(text: str) -> dict[LegacyEncoding, tuple[int, int]]:
    """Legacy readings that pass, with their (valid, common) word counts."""
    if text.isascii() or _NOT_CP1252.search(text):
        return {}
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return {}
    unicode_valid, _, _ = _score(words, None)
    if unicode_valid == len(words):
        return {}
    passing: dict[LegacyEncoding, tuple[int, int]] = {}
    for encoding in ENCODINGS:
        valid, common, long_word = _score(words, _RAW_DECODERS[encoding])
        if long_word and valid > unicode_valid and 2 * valid >= len(words):
            passing[encoding] = (valid, common)
    return passing


def _choose(
    text: str, passing: dict[LegacyEncoding, tuple[int, int]], prefer: str | None
) -> LegacyEncoding | None:
    if not passing:
        return None
    if prefer in passing:
        return prefer  # type: ignore[return-value]
    top = max(passing.values())
    best = [enc for enc in ENCODINGS if passing.get(enc) == top]
    if len(best) == 2 and not any(ch.islower() for ch in text):
        # Text in capitals only: VNI capitals are all upper-case Latin-1 letters, while
        # TCVN3 capitals with tones use lower-case codes ("VÓNH" is VNI "VĨNH").
        return "vni"
    return best[0]


def detect_legacy_encoding(text: str, prefer: str | None = None) -> LegacyEncoding | None:
    """Return "tcvn3" or "vni" when `text` is legacy-font gibberish, else None.

    `prefer` ("tcvn3" or "vni"), normally what :func:`dominant_legacy_encoding` found
    for the text's sheet, settles a text that reads validly in both encodings. It never
    overrides a valid Unicode reading.
    """
    if not isinstance(text, str) or text.isascii() or max(text) > "\u2122":
        return None  # plain ASCII, or letters no legacy font text read as Windows-1252 has
    return _choose(text, _passing_encodings(text), prefer)


def _is_capitals_word(raw_word: str) -> bool:
    """Two or more ASCII capitals in a word with a vowel other than U ("NAM", "EA") or
    that reads as a syllable ("TRUNG"): a word, not an abbreviation ("HV", "UBND")."""
    if sum(ch.isascii() for ch in raw_word) < 2:
        return False
    if re.search("[AEIOY]", raw_word):  # U is left out: "UBND", "UBMTTQ"
        return True
    decoded = _decode_tcvn3_raw(raw_word)
    return is_vietnamese_word(decoded) and ABBREVIATION.fullmatch(split_tone(decoded)[0]) is None


# A capital next to a code inside a word: "HéI", "§øC" (a lower-case code before a
# capital), "C¤", "§¡K" (a vowel capital code beside a capital; "§V" does not count).
_LOWER_CODES = "".join(sorted(_TCVN3_PLAIN_LOWER_CODES | _TCVN3_TONED_LOWER_CODES))
_CAPS_AROUND_CODE = re.compile(f"[{_LOWER_CODES}][A-Z]|[A-Z][¡-¦]|[¡-¦][A-Z]")


def _capitalise_tcvn3(raw: str, decoded: str) -> str:
    """Case of TCVN3 capitals with tone marks (see the module docstring)."""
    ascii_letters = [ch for ch in raw if ch.isascii() and ch.isalpha()]
    if all(ch.isupper() for ch in ascii_letters) and any(
        _CAPS_AROUND_CODE.search(word) or _is_capitals_word(word) for word in _WORD.findall(raw)
    ):
        return decoded.upper()
    # translate() maps one character to one character: positions line up.
    spans = [m.span() for m in _WORD.finditer(raw)]
    toned = [start for start, _ in spans if raw[start] in _TCVN3_TONED_LOWER_CODES]
    if not toned:
        return decoded
    lower_evidence = any(
        raw[start].islower() or raw[start] in _TCVN3_PLAIN_LOWER_CODES
        for start, _ in spans
        if raw[start] not in _TCVN3_TONED_LOWER_CODES
    )
    chars = list(decoded)
    for start in toned:
        if start == spans[0][0] or not lower_evidence:
            chars[start] = chars[start].upper()
    return "".join(chars)


def to_unicode(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI text (as read through Windows-1252) to NFC Unicode."""
    if encoding == "tcvn3":
        decoded = _capitalise_tcvn3(text, _decode_tcvn3_raw(text))
    elif encoding == "vni":
        decoded = _decode_vni_raw(text)
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    return unicodedata.normalize("NFC", decoded)


def fix_legacy_text(text: str, prefer: str | None = None) -> tuple[str, LegacyEncoding | None]:
    """(Unicode text, encoding found) for legacy text; (text, None) for anything else."""
    encoding = detect_legacy_encoding(text, prefer)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding), encoding


def dominant_legacy_encoding(texts: Iterable[object], min_count: int = 1) -> LegacyEncoding | None:
    """The encoding most texts are unambiguously in (at least `min_count` of them).

    Use it once per sheet (on its distinct text values), then pass the result as
    `prefer` to :func:`fix_legacy_text` so that ambiguous texts follow their sheet.
    None when no text is legacy text.
    """
    votes: Counter[str] = Counter()
    for text in texts:
        if isinstance(text, str):
            passing = _passing_encodings(text)
            scores = sorted(passing.values(), reverse=True)
            if len(scores) == 1 or (len(scores) == 2 and scores[0] != scores[1]):
                votes[_choose(text, passing, None)] += 1
    if not votes:
        return None
    encoding, count = max(votes.items(), key=lambda item: (item[1], item[0] == "tcvn3"))
    return encoding if count >= min_count else None  # type: ignore[return-value]


def from_unicode(text: str, encoding: str) -> str:
    """Unicode → TCVN3 or VNI text as a legacy font would store it (test data, fixtures).

    TCVN3 capitals with tone marks have no VN3 code and are written with the lower-case
    code, as a .VnTime typist does; :func:`to_unicode` restores their case heuristically.
    """
    if encoding == "tcvn3":
        table = _TCVN3_ENCODE
    elif encoding == "vni":
        table = _VNI_ENCODE
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif encoding == "tcvn3" and ch.lower() in table:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


LEGACY_NAMES: dict[str, str] = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI (VNI-Times)"}


def fix_legacy_rows(
    rows: list[list[object]],
) -> tuple[list[list[object]], dict[tuple[int, int], LegacyEncoding]]:
    """Rows with their legacy-encoded text cells converted, and which cells (0-based) were."""
    converted: dict[tuple[int, int], LegacyEncoding] = {}
    fixed_rows = []
    for r, row in enumerate(rows):
        fixed_row = list(row)
        for c, cell in enumerate(row):
            if isinstance(cell, str) and cell:
                text, encoding = fix_legacy_text(cell)
                if encoding:
                    fixed_row[c] = text
                    converted[(r, c)] = encoding
        fixed_rows.append(fixed_row)
    return fixed_rows, converted
