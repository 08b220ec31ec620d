"""Units named in the title above a table (tên đơn vị trong tiêu đề).

A commune's own report often has no "Xã" column: the commune is in the title ("ỦY BAN
MTTQ VIỆT NAM XÃ LONG VĨNH"). When a table lacks a level column that its title names,
the title gives that level's name to every row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from danvan_cli.normalize import clean_text, strip_diacritics

# (level, unit-type words) with the name running to the end of a title line. The words
# keep their tone marks: without them "tự quản" would name a district ("quận"), "tình
# hình" a province ("tỉnh"), "vùng xa" a commune ("xã"). A title typed without any tone
# marks is read by the words without them.
_TITLE_UNITS: tuple[tuple[str, str, str], ...] = (
    ("province", "tỉnh", "tinh"),
    ("district", "huyện|quận|thị xã", "huyen|quan|thi xa"),
    ("commune", "xã|phường|thị trấn|đặc khu", "xa|phuong|thi tran|dac khu"),
)
_NOT_THI = r"(?<!thị )(?<!thi )"  # "Thị xã Hồng Lĩnh" is a district, not a commune "xã ..."
_MOTTO = re.compile(r"cong hoa xa hoi|doc lap|tu do|hanh phuc")


def units_in_title(rows: Sequence[Sequence[object]]) -> dict[str, tuple[str, int]]:
    """{level: (name as written with its type word, 0-based row)} from lines above a table."""
    found: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(rows):
        for cell in row:
            text = clean_text(cell) if isinstance(cell, str) else ""
            folded = strip_diacritics(text)
            if not text or len(folded) != len(text) or _MOTTO.search(folded):
                continue
            lowered = text.casefold()
            plain = folded == lowered  # typed without tone marks
            for level, words, plain_words in _TITLE_UNITS:
                pattern = rf"{_NOT_THI}\b({plain_words if plain else words})\s+([^\d,;:()/]+?)\s*$"
                match = re.search(pattern, lowered)
                if match and level not in found:
                    found[level] = (_display(text[match.start() :]), number)
    return found


def _display(name: str) -> str:
    """ "XÃ LONG VĨNH" as "Xã Long Vĩnh"; names already in mixed case are kept."""
    return name.title() if name.isupper() else name
