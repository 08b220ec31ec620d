"""numbers.parse_counts: counts as people type them, a problem code where they are not counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from danvan_cli.text.numbers import parse_counts


def parse_one(text: object, **kwargs) -> tuple[float, object]:
    parsed = parse_counts(pd.Series([text], dtype=object), **kwargs)
    value, problem = parsed.values.iat[0], parsed.problem.iat[0]
    return value, (None if pd.isna(problem) else problem)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("+5", 5),
        ("1.234", 1234),  # Vietnamese thousands
        ("1,234", 1234),  # English thousands
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("12.000", 12000),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("307.217", 307217),
    ],
)
def test_counts_as_typed(text, expected):
    assert parse_one(text) == (expected, None)


@pytest.mark.parametrize("text", ["", "-", "–", "—", None, "   "])
def test_blanks_and_dashes_are_zero_for_counts(text):
    assert parse_one(text) == (0, None)


@pytest.mark.parametrize("text", ["", "-", None])
def test_blanks_stay_missing_where_blank_is_not_zero(text):
    value, problem = parse_one(text, blank_is_zero=False)
    assert math.isnan(value)
    assert problem is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("12a", "not_a_number"),
        ("abc", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("12%", "not_a_number"),
        ("1.23", "not_whole"),
        ("1,5", "not_whole"),
        ("0.5", "not_whole"),
        ("-3", "negative"),
        ("-1.234", "negative"),
        ("०१२", "not_a_number"),  # Devanagari digits
        ("١٢", "not_a_number"),  # Arabic-Indic digits
        ("１２３", "not_a_number"),  # full-width digits
        ("1.２34", "not_a_number"),
        ("9223372036854775807", "too_large"),  # the largest 64-bit integer
        ("99999999999999999999999", "too_large"),  # beyond 64 bits
        ("1.000.000.001", "too_large"),
    ],
)
def test_problem_codes(text, code):
    value, problem = parse_one(text)
    assert problem == code
    assert math.isnan(value)  # a bad value is never summed, not even as zero


def test_a_negative_minimum_lets_negatives_through():
    assert parse_one("-3", minimum=float("-inf")) == (-3, None)


def codes(problem: pd.Series) -> list[object]:
    return [None if pd.isna(code) else code for code in problem]


def values(parsed_values: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in parsed_values]


def test_numeric_column():
    parsed = parse_counts(pd.Series([3.0, 2.5, -1.0, float("nan"), 1234.0]))
    assert values(parsed.values) == [3.0, None, None, 0.0, 1234.0]
    assert codes(parsed.problem) == [None, "not_whole", "negative", None, None]


def test_numbers_beyond_a_count_are_too_large():
    parsed = parse_counts(pd.Series([1e9, 1e9 + 1, 9.2e18, 1e300, float("inf")]))
    assert values(parsed.values) == [1e9, None, None, None, None]
    assert codes(parsed.problem) == [None, "too_large", "too_large", "too_large", "not_whole"]


def test_true_false_cells_are_not_counts():
    parsed = parse_counts(pd.Series([True, False]))
    assert codes(parsed.problem) == ["not_a_number", "not_a_number"]


def test_index_is_kept():
    column = pd.Series(["1", "x", "3"], index=[7, 8, 9], dtype=object)
    parsed = parse_counts(column)
    assert parsed.values.index.tolist() == [7, 8, 9]
    assert parsed.problem.index.tolist() == [7, 8, 9]
    assert parsed.problem[8] == "not_a_number"
    assert parsed.values[9] == 3.0


def test_string_dtype_column():
    parsed = parse_counts(pd.Series(["1.234", None, "5"], dtype="string"))
    assert parsed.values.tolist() == [1234.0, 0.0, 5.0]
    assert parsed.problem.isna().all()


def test_dates_and_times_in_a_figure_cell_are_not_counts():
    import datetime

    cells = [datetime.date(2020, 5, 1), datetime.datetime(2021, 1, 1, 8, 0), 5.0, None]
    parsed = parse_counts(pd.Series(cells, dtype=object))
    assert codes(parsed.problem) == ["not_a_number", "not_a_number", None, None]
    assert parsed.values.tolist()[2:] == [5.0, 0.0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,25", 1.25),
        ("0,5", 0.5),
        ("2,125", 2.125),  # "," the decimal mark: 2,125 tỷ đồng, not 2125
        ("1.234,5", 1234.5),
        ("1.234.567,25", 1234567.25),
        ("1 234,5", 1234.5),
        ("1.250", 1250),  # "." groups thousands
        ("1.5", 1.5),  # no thousands after the ".": it can only be a decimal mark
        ("-0,25", -0.25),
        ("12", 12),
    ],
)
def test_a_figure_with_decimals_reads_them_as_vietnamese_write_them(text, expected):
    assert parse_one(text, whole=False, minimum=-math.inf) == (expected, None)


@pytest.mark.parametrize("text", ["1,234,567", "1,234,5", "1.234.5", "1,2.5", "12a"])
def test_a_figure_with_decimals_refuses_text_with_two_decimal_marks(text):
    value, problem = parse_one(text, whole=False)
    assert math.isnan(value) and problem == "not_a_number"


def test_a_count_still_reads_a_comma_as_grouping_thousands():
    assert parse_one("2,125") == (2125, None)
    value, problem = parse_one("1.234,5")
    assert math.isnan(value) and problem == "not_a_number"


def test_a_categorical_column_of_decimals_is_read_as_its_text_is():
    column = pd.Series(["2,125", "1.234,5", "2,125"], dtype="category")
    assert parse_counts(column, whole=False).values.tolist() == [2.125, 1234.5, 2.125]
    assert parse_counts(column).problem.tolist() == [None, "not_a_number", None]
