"""Reading counts as people type them (số liệu): numbers, "1.234", "1,234", "-", blanks.

A figure with decimals (`whole` False) is read as Vietnamese write it: "1.234,5" is 1234.5
and "2,125" is 2.125; for a count "2,125" groups thousands (2125), as "2.125" does.

Works on whole columns. Each row gets a float value (NaN where blank and blanks are
not zero) or a problem code: `not_a_number`, `not_whole`, `negative`, `too_large`.
Digits are ASCII ones: "०१२" or a full-width "１２" is not a count (a regular expression's
digit class would take them, and the conversion then fail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_INTEGER = r"^[+-]?[0-9]+$"
_THOUSANDS = r"^[+-]?[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*$"
_DECIMAL = r"^[+-]?[0-9]*[.,][0-9]+$"
# A figure with decimals (tỷ đồng) as Vietnamese write it: "." groups thousands, "," is the
# decimal mark ("1.234,5", "2,125" = 2.125); a lone "." with no thousands after it ("1.5")
# can only be a decimal mark. "1,234,567" has two decimal marks: not a number.
_VI_DECIMAL = r"^[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?$"
_POINT_DECIMAL = r"^[+-]?[0-9]*\.[0-9]+$"
# No count reaches a billion (Việt Nam has about 100 million people): above it a cell is a
# mistake, and sums of a million such cells stay exact in float64 and within 64 bits.
MAX_COUNT = 10**9
_BLANKS = ("", "-", "–", "—")
_ONLY_NUMBERS = ("floating", "integer", "mixed-integer-float", "empty")
NUMBER_TEXT = re.compile(r"^[+-]?[\d.,]*\d%?$")  # text that reads as a figure: "1.234"


def is_figure(value: object) -> bool:
    """A number, or text that reads as one ("1.234")."""
    if isinstance(value, str):
        return NUMBER_TEXT.match(value.strip()) is not None
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass
class ParsedCounts:
    """A parsed column: values (float64), a problem code per row (None if fine), and
    which rows have one."""

    values: pd.Series
    problem: pd.Series
    bad: np.ndarray  # bool per row


def parse_counts(
    column: pd.Series,
    blank_is_zero: bool = True,
    minimum: float = 0,
    whole: bool = True,
    maximum: float = MAX_COUNT,
) -> ParsedCounts:
    """Parse a column of counts; values below `minimum` (`negative` when it is 0, else
    `below_minimum`) or above `maximum`, and fractions where the figure is `whole`, are
    flagged."""
    values, unparsed = _parse_any(column, not whole)
    numbers = values.to_numpy(dtype="float64")
    unparsed = unparsed.to_numpy(dtype=bool)
    given = ~np.isnan(numbers)
    not_whole = given & (np.isinf(numbers) | (whole & (np.floor(numbers) != numbers)))
    negative = numbers < minimum  # False where blank (NaN)
    too_large = np.abs(numbers) > maximum  # False where blank (NaN)
    bad = not_whole | negative | too_large | unparsed
    problem = np.full(len(numbers), None, dtype=object)
    if bad.any():
        problem[too_large] = "too_large"
        problem[not_whole] = "not_whole"
        problem[negative] = "negative" if minimum == 0 else "below_minimum"
        problem[unparsed] = "not_a_number"
        numbers = np.where(bad, np.nan, numbers)
    if blank_is_zero and not given.all():
        numbers = np.where(bad | given, numbers, 0.0)
    index = column.index
    return ParsedCounts(
        pd.Series(numbers, index=index, copy=False),
        pd.Series(problem, index=index, dtype=object, copy=False),
        bad,
    )


def _parse_any(column: pd.Series, decimals: bool = False) -> tuple[pd.Series, pd.Series]:
    """Values and "not a number" flags of a column of any dtype; text read as a figure
    with `decimals` ("2,125" = 2.125) or as a count ("2,125" = 2125)."""
    if isinstance(column.dtype, pd.CategoricalDtype):  # each distinct text parsed once
        codes = column.cat.codes.to_numpy()
        values, unparsed = _parse_any(pd.Series(column.cat.categories), decimals)
        values = np.append(values.to_numpy(dtype="float64"), np.nan)[codes]
        unparsed = np.append(unparsed.to_numpy(dtype=bool), False)[codes]
        return pd.Series(values, index=column.index), pd.Series(unparsed, index=column.index)
    if pd.api.types.is_bool_dtype(column):
        column = column.astype(object)
    if pd.api.types.is_numeric_dtype(column):
        return column.astype("float64"), pd.Series(False, index=column.index)
    if column.dtype == object:
        return _parse_mixed(column, decimals)
    return _parse_text(column, decimals)


def holds_only_numbers(column: pd.Series) -> bool:
    """A column of cells as read (object dtype) holding numbers and blanks only: no text,
    no TRUE/FALSE."""
    return pd.api.types.is_object_dtype(column) and (
        pd.api.types.infer_dtype(column, skipna=True) in _ONLY_NUMBERS
    )


def _plain_integers(column: pd.Series) -> pd.Series | None:
    """The fast path for a text column of plain whole numbers ("57"), cast by Arrow in C++;
    None when any cell needs reading as people type ("1.234", "-", " 5")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        numbers = pc.cast(pa.array(column, type=pa.string(), from_pandas=True), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=column.index, dtype="float64")


def _parse_mixed(column: pd.Series, decimals: bool) -> tuple[pd.Series, pd.Series]:
    """Cells as read from a sheet: numbers taken as they are, text parsed as typed."""
    if holds_only_numbers(column):
        return column.astype("float64"), pd.Series(False, index=column.index)
    is_text = column.map(lambda v: isinstance(v, str)).astype(bool)
    is_number = column.map(_is_number).astype(bool)
    unparsed = ~(is_text | is_number | column.isna())  # TRUE/FALSE, dates, times
    # A Python int beyond 64 bits becomes a float here (pandas' to_numeric refuses it).
    values = column.where(is_number, None).astype("float64")
    if is_text.any():
        text_values, text_unparsed = _parse_text(column[is_text], decimals)
        values[is_text] = text_values
        unparsed[is_text] = text_unparsed
    return values, unparsed


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _parse_text(column: pd.Series, decimals: bool) -> tuple[pd.Series, pd.Series]:
    plain = _plain_integers(column)
    if plain is not None:
        return plain, pd.Series(False, index=column.index)
    text = column.astype("string").str.replace(r"[\s\u00a0]", "", regex=True)
    blank = text.isna() | text.isin(_BLANKS)
    if decimals:
        return _parse_decimals(text), ~blank & ~_matches(text, _VI_DECIMAL, _POINT_DECIMAL)
    integer = text.str.fullmatch(_INTEGER).fillna(False).astype(bool)
    thousands = text.str.fullmatch(_THOUSANDS).fillna(False).astype(bool) & ~integer
    decimal = text.str.fullmatch(_DECIMAL).fillna(False).astype(bool) & ~thousands
    cleaned = text.copy()
    cleaned[thousands] = text[thousands].str.replace(r"[.,]", "", regex=True)
    cleaned[decimal] = text[decimal].str.replace(",", ".", regex=False)
    numeric = integer | thousands | decimal
    values = pd.Series(np.nan, index=column.index, dtype="float64")
    if numeric.any():
        values[numeric] = cleaned[numeric].astype("float64")  # no 64-bit limit, unlike to_numeric
    return values, ~(blank | numeric)


def _matches(text: pd.Series, *patterns: str) -> pd.Series:
    """Which cells match any of `patterns` wholly (False where blank)."""
    found = pd.Series(False, index=text.index)
    for pattern in patterns:
        found |= text.str.fullmatch(pattern).fillna(False).astype(bool)
    return found


def _parse_decimals(text: pd.Series) -> pd.Series:
    """Values of text typed as a figure with decimals (see `_VI_DECIMAL`), NaN elsewhere."""
    values = pd.Series(np.nan, index=text.index, dtype="float64")
    written = _matches(text, _VI_DECIMAL)
    cleaned = text[written].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    values[written] = cleaned.astype("float64")
    point = _matches(text, _POINT_DECIMAL) & ~written
    values[point] = text[point].astype("float64")
    return values
