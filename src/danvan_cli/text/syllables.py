"""Whether words read as Vietnamese (âm tiết tiếng Việt): each word checked against the
shape of a Vietnamese syllable (initial consonants, a rhyme, a tone mark where the rhyme
takes it, old and new placement alike), abbreviations such as "ĐV" allowed. Tells bytes
read in the right code page, and text typed in TCVN3/VNI once converted."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = frozenset((GRAVE, ACUTE, TILDE, HOOK, DOT))


_CONSONANTS = "bcdđfghjklmnpqrstvwxz"


def _words(text: str) -> list[str]:
    return text.split()


_OPEN_RHYMES = _words(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uy oa oe "
    "uê uơ oai oay oao oeo uây uôi ươi ươu iêu yêu uya uyu"
)


# Vowel groups before a consonant ending -c -k -m -n -ng -p -t (k: "Đắk Lắk"), and
# before -ch -nh.
_CLOSED_NUCLEI = _words("a ă â e ê i o ô ơ u ư oa oă oe oo ôô uâ uê uy iê yê uô ươ uyê")


_PALATAL_NUCLEI = _words("a ê i oa uê uy")


def _alternation(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(
    rf"(?:gi|qu|[{_CONSONANTS}]{{0,3}})"
    rf"(?:(?P<open>{_alternation(_OPEN_RHYMES)})"
    rf"|(?P<nucleus>{_alternation(_CLOSED_NUCLEI)})(?P<coda>ng|[ckmnpt])"
    rf"|(?P<pnucleus>{_alternation(_PALATAL_NUCLEI)})(?P<pcoda>ch|nh))"
)


ABBREVIATION = re.compile(rf"[{_CONSONANTS}]{{1,6}}")


_STOP_CODAS = frozenset(("c", "ch", "p", "t"))


_MARKED_VOWELS = "ăâêôơư"


# Where the tone mark may sit in a vowel group without ă â ê ô ơ ư (old and new style:
# "hòa"/"hoà", "thủy"/"thuỷ"); groups not listed take it on their first vowel when open
# ("cài", "sáo", "của") and on their last vowel when closed ("hoàn", "huýt").
_OPEN_TONE_POSITIONS = {
    "oa": (0, 1), "oe": (0, 1), "uy": (0, 1),
    "oai": (1,), "oay": (1,), "oao": (1,), "oeo": (1,), "uya": (1,), "uyu": (1,),
}  # fmt: skip


def _tone_positions(vowels: str, closed: bool) -> tuple[int, ...]:
    marked = [i for i, ch in enumerate(vowels) if ch in _MARKED_VOWELS]
    if marked:
        return (marked[-1],)  # ươ → on ơ; otherwise the one marked vowel
    if vowels == "oo":
        return (0, 1)
    if closed:
        return (len(vowels) - 1,)
    return _OPEN_TONE_POSITIONS.get(vowels, (0,))


def split_tone(word: str) -> tuple[str, str, int]:
    """(letters without tone mark in NFC, the tone mark or "", index of its letter).

    Returns ("", "", -1) when the word carries more than one tone mark.
    """
    letters: list[str] = []
    tone, position = "", -1
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONES:
            if tone or not letters:
                return "", "", -1
            tone, position = ch, len(letters) - 1
        elif unicodedata.combining(ch) and letters:
            letters[-1] += ch
        else:
            letters.append(ch)
    return "".join(unicodedata.normalize("NFC", ch) for ch in letters), tone, position


# Rhymes that exist but are rare: a reading that needs them loses a tie ("Coäng" is VNI
# "Cộng", not TCVN3 "Coọng").
_RARE_NUCLEI = frozenset(_words("oo ôô uơ oao oeo uyu"))


@lru_cache(maxsize=32768)
def word_quality(word: str) -> int:
    """2: a well-formed Vietnamese syllable (either tone placement) or an abbreviation
    such as ĐV; 1: well-formed with a rare rhyme; 0: not Vietnamese."""
    base, tone, position = split_tone(word)
    if not base:
        return 0  # two tone marks
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return 2 if not tone and ABBREVIATION.fullmatch(base) is not None else 0
    coda = match.group("coda") or match.group("pcoda")
    if coda in _STOP_CODAS and tone not in (ACUTE, DOT):
        return 0  # -c -ch -p -t take sắc or nặng: "ấp", "việt", never "âp"
    group = next(g for g in ("open", "nucleus", "pnucleus") if match.group(g) is not None)
    start, end = match.span(group)
    if tone and position - start not in _tone_positions(base[start:end], group != "open"):
        return 0
    return 1 if base[start:end] in _RARE_NUCLEI else 2


def is_vietnamese_word(word: str) -> bool:
    return word_quality(word) > 0


def reads_as_vietnamese(text: str) -> bool:
    """Whether nearly all words of `text` with letters beyond ASCII are Vietnamese syllables
    (at least nine in ten, and at least one such word): bytes read in the right code page."""
    words = [
        w
        for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text).lower())
        if not w.isascii()
    ]
    return bool(words) and 10 * sum(map(is_vietnamese_word, words)) >= 9 * len(words)
