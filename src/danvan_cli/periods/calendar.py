"""The period codes users type and config files hold (mã kỳ báo cáo): month `2026-10`,
quarter `2026-Q3`, half-year `2026-H1`, nine months `2026-9M`, year `2026`.

A code is read into `ingest.periods.Period`, the one period type: `period.code` writes it
back, `period.months` are the months it covers, periods sort in time, `period_before` is
the one of the same kind before it. A period as a title words it, with its year ("Quý III
năm 2026", "6 tháng đầu năm 2026"), is read too.
Anything else is a `PeriodCodeError` carrying a usage `Problem` (exit code 2) that names
the forms accepted.
"""

from __future__ import annotations

import re

from danvan_cli.ingest.periods import Period
from danvan_cli.ingest.periods import parse_period as period_in_words
from danvan_cli.model.problems import Problem
from danvan_cli.text.normalize import clean_text

_CODE = re.compile(
    r"(?P<year>(?:19|20)\d\d)"
    r"(?:-(?:(?P<month>1[0-2]|0?[1-9])|q(?P<quarter>[1-4])|h(?P<half>[12])|(?P<nine>9m)))?"
)

# A month as offices write it: "12/2026", "T12/2026", "T12-2026"
_MONTH_WRITTEN = re.compile(r"t?(?P<month>1[0-2]|0?[1-9])[/-](?P<year>(?:19|20)\d\d)")


class PeriodCodeError(ValueError):
    """A text that is no period: `problem` says so and what is accepted (exit code 2)."""

    def __init__(self, text: str) -> None:
        self.problem = Problem("error", "period_code_unknown", value=text)
        super().__init__(self.problem.message("en"))


def parse_period(text: str) -> Period:
    """The period a code ("2026-10", "2026-q3"), a month as offices write it ("12/2026",
    "T12/2026") or a title's words with a year ("Tháng 10 năm 2026") names;
    `PeriodCodeError` for anything else."""
    written = text.strip()
    match = _CODE.fullmatch(written.lower())
    if match is not None:
        return _from_code(match, written)
    match = _MONTH_WRITTEN.fullmatch(written.lower())
    if match is not None:
        return Period("month", int(match["year"]), int(match["month"]), written)
    worded = period_in_words(written)
    if worded is None or worded.kind == "unknown" or worded.year is None:
        raise PeriodCodeError(text)
    if worded.text.lower() != clean_text(written).lower():  # "Quý III năm 2026 và ..."
        raise PeriodCodeError(text)
    return Period(worded.kind, worded.year, worded.number, written)


def _from_code(match: re.Match[str], written: str) -> Period:
    year = int(match["year"])
    if match["month"]:
        return Period("month", year, int(match["month"]), written)
    if match["quarter"]:
        return Period("quarter", year, int(match["quarter"]), written)
    if match["half"]:
        return Period("half", year, int(match["half"]), written)
    if match["nine"]:
        return Period("nine_months", year, None, written)
    return Period("year", year, None, written)


def period_before(period: Period) -> Period:
    """The period of the same kind before `period`: the month, quarter or half-year
    before, the nine months or year of the year before."""
    year, number = period.year or 0, period.number or 1
    if period.kind in ("nine_months", "year"):
        return Period(period.kind, year - 1)
    last = {"month": 12, "quarter": 4, "half": 2}[period.kind]
    year, number = (year - 1, last) if number == 1 else (year, number - 1)
    return Period(period.kind, year, number)
