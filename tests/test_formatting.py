"""formatting: numbers as Vietnamese offices write them (307.217; 81,84%), and in English."""

from __future__ import annotations

import math

import pytest

from danvan_cli.text.formatting import format_value, plain_number, roman


@pytest.mark.parametrize(
    "value, metric, vi, en",
    [
        (307217, "members", "307.217", "307,217"),
        (307217.0, "members", "307.217", "307,217"),
        (2090, "branches", "2.090", "2,090"),
        (196898, "households", "196.898", "196,898"),
        (1234567, "members", "1.234.567", "1,234,567"),
        (999, "members", "999", "999"),
        (0, "members", "0", "0"),
        (161135 / 196898, "household_coverage", "81,84%", "81.84%"),
        (0.8237, "attendance_rate", "82,37%", "82.37%"),
        (1.0, "household_coverage", "100,00%", "100.00%"),
        (0, "household_coverage", "0,00%", "0.00%"),
        (146.99, "members_per_branch", "146,99", "146.99"),
        (1234.5, "members_per_branch", "1.234,50", "1,234.50"),
    ],
)
def test_format_value(value, metric, vi, en):
    assert format_value(value, metric, "vi") == vi
    assert format_value(value, metric, "en") == en


def test_vietnamese_is_the_default():
    assert format_value(307217, "members") == "307.217"


@pytest.mark.parametrize("value", [None, math.nan])
@pytest.mark.parametrize("metric", ["members", "household_coverage", "members_per_branch"])
def test_missing_values_show_a_dash(value, metric):
    assert format_value(value, metric, "vi") == "–"


@pytest.mark.parametrize(
    "value, expected",
    [(2090.0, 2090), (2090, 2090), (0.8184, 0.8184), (None, None), (math.nan, None), (0.0, 0)],
)
def test_plain_number(value, expected):
    result = plain_number(value)
    assert result == expected
    assert type(result) is type(expected)


def test_roman_numerals_number_groups_and_quarters():
    assert [roman(n) for n in (1, 3, 4, 9, 14, 34, 40)] == [
        "I",
        "III",
        "IV",
        "IX",
        "XIV",
        "XXXIV",
        "XL",
    ]
