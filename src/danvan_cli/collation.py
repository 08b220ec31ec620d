"""Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt): A Ă Â B C D Đ E Ê ... Y.

Tones sort after letters (không dấu, huyền, hỏi, ngã, sắc, nặng) and numbers inside
names sort by value ("Ấp 2" before "Ấp 10").
"""

from __future__ import annotations

import re
import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_MODIFIERS = frozenset({"\u0306", "\u0302", "\u031b"})
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_DIGITS = re.compile(r"\d+")


def vietnamese_sort_key(name: str) -> str:
    """A string that sorts in Vietnamese dictionary order (primary letters, then tones)."""
    text = _DIGITS.sub(lambda m: m.group().zfill(12), name.casefold())
    letters: list[str] = []
    tones: list[str] = []
    for cluster in _clusters(unicodedata.normalize("NFD", text)):
        base, marks = cluster[0], cluster[1:]
        letter = base
        for mark in marks:
            if mark in _MODIFIERS:
                letter = _modified(base, mark)
        tone = next((_TONES[m] for m in marks if m in _TONES), "0")
        rank = _LETTER_RANK.get(letter)
        letters.append(chr(0x4E00 + rank) if rank is not None else letter)
        tones.append(tone)
    return "".join(letters) + "\u0000" + "".join(tones)


def _modified(base: str, mark: str) -> str:
    if mark == "\u0306":
        return "ă"
    if mark == "\u0302":
        return {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
    return {"o": "ơ", "u": "ư"}.get(base, base)


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters
