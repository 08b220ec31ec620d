"""Numbers as Vietnamese offices write them: 307.217 and 81,84% (English: 307,217, 81.84%);
columns as Excel names them (A, AB)."""

from __future__ import annotations

import math

PERCENT_METRICS = frozenset({"household_coverage", "attendance_rate"})
DECIMAL_METRICS = frozenset({"members_per_branch"})


COUNT, DECIMAL, PERCENT = "count", "decimal", "percent"  # how a figure looks


def look_of(metric: str) -> str:
    """How a membership figure looks: a count unless the metric is a ratio."""
    if metric in PERCENT_METRICS:
        return PERCENT
    return DECIMAL if metric in DECIMAL_METRICS else COUNT


def format_value(value: object, metric: str, lang: str = "vi") -> str:
    """One figure for people: thousands grouped, ratios as percent with two decimals."""
    return format_look(value, look_of(metric), lang)


def is_blank(value: object) -> bool:
    """A figure not given: None, or NaN (a roll-up's empty cell)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_look(value: object, look: str, lang: str = "vi") -> str:
    """One figure for people as `look` says: a COUNT rounded, thousands grouped; a DECIMAL
    with two decimals; a PERCENT with two decimals and "%"."""
    if is_blank(value):
        return "–"
    number = float(value)  # type: ignore[arg-type]
    if look == PERCENT:
        return _localise(f"{number * 100:,.2f}", lang) + "%"
    if look == DECIMAL:
        return _localise(f"{number:,.2f}", lang)
    return _localise(f"{round(number):,d}", lang)


def _localise(text: str, lang: str) -> str:
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def plain_number(value: object) -> int | float | None:
    """A JSON/CSV number: whole numbers as int, NaN as None."""
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() else number


def column_letters(index: int) -> str:
    """The letters Excel names a column by (0 -> "A", 27 -> "AB")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """1 -> "I", 34 -> "XXXIV" (up to 399)."""
    text = "C" * (number // 100)
    number %= 100
    for value, letters in ((90, "XC"), (50, "L"), (40, "XL"), *_ROMAN):
        text += letters * (number // value)
        number %= value
    return text
