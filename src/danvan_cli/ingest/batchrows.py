"""The rows of a batch of tables and what their name and STT cells say (dòng và chữ):
which table each row is of (`ROW_SPAN`, `Tables`), each column's distinct values, words
of a total ("Tổng cộng", "Cộng xã"), the unit-type word a name opens with ("Xã", "Thôn"),
and the depth an STT gives (I, 1, 1.1, a)."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from danvan_cli.ingest.headers import (
    compile_patterns,
    header_text,
    match_text,
    match_words,
)

STT = "_stt"


ROW_SPAN = 2**32  # a batch's index: table * ROW_SPAN + Excel row


# "Tổng"/"Cộng" alone or before a level word, never before a name: Xã Tống Phan, Cộng Hòa.
GRAND_TOTAL = re.compile(
    r"^(tong cong|tong so|tong hop|tong(?!\s+\w)|((tong|cong) )?toan (tinh|huyen|thi xa|"
    r"thanh pho|xa|phuong)|total|cong chung)\b"
)


SECTION_TOTAL = re.compile(
    r"^(cong(?!\s+\w)|cong [ivxlc]+$|(cong|tong) (cac )?(huyen|quan|thi xa|thanh pho|xa|"
    r"phuong|thi tran|dac khu|thon|ap|ban|buon|khom|khu|to|xom)\b.*|sub ?total)\b"
)


# A list's own name column (a model's name): its "Tổng cộng: 4 mô hình" is typed there too,
# on a row naming no unit. Only the plain words count there, not "Toàn xã ..." nor "Cộng
# đồng ...", which name models.
LIST_NAME = "model_name"
LIST_GRAND_TOTAL = re.compile(r"^(tong cong|tong so)(?!\w)")
LIST_SECTION_TOTAL = re.compile(r"^cong(?![ ]*[^\W\d_])")


_TOTAL_OPENINGS = ("tổng", "tong", "cộng", "cong")


ARABIC = re.compile(r"\d+(\.\d+)*\.?")  # STT of a unit row (1, 1.2), never of a total


ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


# The word a unit's name opens with, with its marks ("Bản Mường"; "Ban CTMT" is no unit).
_UNIT_WORDS = compile_patterns(
    (
        ("province", r"^(tỉnh|thành phố trực thuộc)\b"),
        ("district", r"^(huyện|quận|thị xã|thành phố|tp\.?)\b"),
        ("commune", r"^(xã|phường|thị trấn|đặc khu)\b"),
        ("village", r"^(thôn|ấp|bản|buôn|làng|khóm|tổ dân phố|tdp|khu phố|khu vực|tổ|xóm|khu)\b"),
    )
)


def distinct_values(column: pd.Series) -> tuple[np.ndarray, list]:
    """Each cell's code (-1: blank) and the distinct values as a list, for a test made once
    per value: a categorical column's own codes and categories (no hashing of its rows),
    else `pd.factorize`. The values' order is not that of first appearance. (A list: text
    held by Arrow costs a microsecond a value to iterate over, a country's names 0.1 s.)"""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.tolist()
    codes, uniques = pd.factorize(column)
    return codes, uniques.tolist()


class Tables:
    """Which table each row of a batch belongs to, and where each table starts and ends."""

    def __init__(self, index: pd.Index) -> None:
        self.code, uniques = pd.factorize(index.to_numpy() // ROW_SPAN)
        count = len(self.code)
        self.count = len(uniques)
        starts = np.flatnonzero(np.diff(self.code, prepend=-1) != 0)
        ends = np.append(starts[1:], count) - 1
        self.first = starts[self.code]  # per row: its table's first row
        self.last = ends[self.code]
        self.is_last = np.arange(count) == self.last


def cell_text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip()


def text_of(named: pd.DataFrame, column: str) -> pd.Series:
    if column not in named.columns:
        return pd.Series("", index=named.index, dtype="string")
    codes, uniques = distinct_values(named[column])
    texts = np.array([*(cell_text(u) for u in uniques), ""], dtype=object)[codes]
    return pd.Series(texts, index=named.index, dtype="string")


def set_scope(named: pd.DataFrame, row: int, first: int, last: int) -> None:
    named.at[row, "_subtotal"] = True
    named.at[row, "_scope_first"] = first
    named.at[row, "_scope_last"] = last


@functools.lru_cache(maxsize=2**16)
def level_by_word(name: str) -> str | None:
    """The level a unit's name says it is by its opening word, or None."""
    return match_words(name, _UNIT_WORDS)[0]


def named_like_total(value: object) -> bool:
    """A name whose first word reads "tong"/"cong" without its marks but is not "Tổng" or
    "Cộng" as written ("Tống Xá", "Cống Xã"): a unit, not a total."""
    first = match_text(cell_text(value)).split(" ", 1)[0]
    return header_text(first) in ("tong", "cong") and first not in _TOTAL_OPENINGS


TOTAL_WORD = re.compile(r"^(c[ộo]ng|t[ổo]ng)\s*")  # "Cộng xã Hai": the unit it closes follows


def letter_after_letter(stt: pd.Series, tables: Tables) -> np.ndarray:
    """Rows whose STT is a letter right after the letter of the last numbered row above it in
    its table ("b", then "c"; "v", then "x" in the Vietnamese alphabet): such a "c", "i",
    "v", "x" or "l" is a letter, not a Roman numeral. Rows without an STT do not count."""
    codes, uniques = pd.factorize(stt)
    folded = [header_text(cell_text(u)).strip(".") for u in uniques]
    given = np.flatnonzero(np.array([bool(f) for f in folded] + [False])[codes])
    after = np.zeros(len(stt), dtype=bool)
    here, above = given[1:], given[:-1]
    follows = np.zeros(len(here), dtype=bool)
    for alphabet in _ALPHABETS:  # each letter's place in it, 0 for no letter of it
        place = {letter: i for i, letter in enumerate(alphabet, start=1)}
        rank = np.array([place.get(f, 0) if len(f) == 1 else 0 for f in folded] + [0])[codes]
        follows |= (rank[above] > 0) & (rank[here] == rank[above] + 1)
    after[here[follows & (tables.code[here] == tables.code[above])]] = True
    return after


# Lettered rows follow the Latin alphabet, or the Vietnamese one (no f, j, w, z; "đ" reads
# as "d" once folded)
_ALPHABETS = ("abcdefghijklmnopqrstuvwxyz", "abcdeghiklmnopqrstuvxy")


LETTER_DEPTH = 3


def stt_depth(stt: str) -> int | None:
    """I, II → 0; 1, 2 → 1; 1.1 → 2; 1.1.1 → 3; a, b → 3."""
    folded = header_text(stt).strip(".")
    if not folded:
        return None
    if ROMAN.match(folded):
        return 0
    if re.fullmatch(r"\d+(\.\d+)*", folded):
        return 1 + folded.count(".")
    if re.fullmatch(r"[a-z]", folded):
        return LETTER_DEPTH
    return None
