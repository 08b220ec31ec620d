"""periods.calendar: the period codes users type, read into the one Period type."""

from __future__ import annotations

import pytest

from danvan_cli.ingest.periods import Period
from danvan_cli.periods.calendar import PeriodCodeError, parse_period


@pytest.mark.parametrize(
    ("text", "period", "code"),
    [
        ("2026-10", Period("month", 2026, 10), "2026-10"),
        ("2026-1", Period("month", 2026, 1), "2026-01"),
        ("2026-Q3", Period("quarter", 2026, 3), "2026-Q3"),
        (" 2026-q4 ", Period("quarter", 2026, 4), "2026-Q4"),
        ("2026-H1", Period("half", 2026, 1), "2026-H1"),
        ("2026-h2", Period("half", 2026, 2), "2026-H2"),
        ("2026-9M", Period("nine_months", 2026), "2026-9M"),
        ("2026", Period("year", 2026), "2026"),
        ("Quý III năm 2026", Period("quarter", 2026, 3), "2026-Q3"),
        ("6 tháng cuối năm 2026", Period("half", 2026, 2), "2026-H2"),
        ("Tháng 10/2026", Period("month", 2026, 10), "2026-10"),
        ("12/2026", Period("month", 2026, 12), "2026-12"),  # as offices write a month
        ("T12/2026", Period("month", 2026, 12), "2026-12"),
        ("t9-2026", Period("month", 2026, 9), "2026-09"),
    ],
)
def test_a_period_code_and_back(text, period, code):
    parsed = parse_period(text)
    assert parsed == period
    assert parsed.code == code
    assert parse_period(code) == period


@pytest.mark.parametrize(
    "text",
    [
        "2026-13",
        "2026-Q5",
        "2026-H3",
        "2026-10-01",
        "10/2026x",
        "13/2026",
        "Q3",
        "Quý III",
        "",
        "26",
    ],
)
def test_a_wrong_code_names_the_forms_accepted(text):
    with pytest.raises(PeriodCodeError) as raised:
        parse_period(text)
    problem = raised.value.problem
    assert (problem.severity, problem.code, problem.value) == ("error", "period_code_unknown", text)
    assert problem.message("vi") == f"«{text}» không phải một kỳ báo cáo."
    for form in ("2026-10", "2026-Q3", "2026-H1", "2026-9M", "2026 (cả năm)"):
        assert form in problem.expected("vi")
    assert "2026-9M (nine months)" in problem.expected("en")


@pytest.mark.parametrize(
    ("code", "months"),
    [
        ("2026-10", ["2026-10"]),
        ("2026-Q3", ["2026-07", "2026-08", "2026-09"]),
        ("2026-H2", [f"2026-{m:02d}" for m in range(7, 13)]),
        ("2026-9M", [f"2026-{m:02d}" for m in range(1, 10)]),
        ("2026", [f"2026-{m:02d}" for m in range(1, 13)]),
    ],
)
def test_the_months_a_period_covers(code, months):
    assert [m.code for m in parse_period(code).months] == months


def test_periods_sort_in_time_the_shorter_first():
    codes = ["2026", "2026-Q1", "2025-12", "2026-03", "2026-H1", "2026-9M", "2026-Q3", "2026-10"]
    ordered = sorted(parse_period(c) for c in codes)
    assert [p.code for p in ordered] == [
        "2025-12",
        "2026-03",
        "2026-Q1",
        "2026-H1",
        "2026-Q3",
        "2026-9M",
        "2026-10",
        "2026",
    ]
