"""The report period a title states (kỳ báo cáo): "Tháng 10 năm 2026", "Quý III/2026",
"6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026".

Dates are not periods: "Tân An, ngày 05 tháng 10 năm 2026" (the day it was signed) and
"tính đến ngày 30/9/2026" are passed over; "từ ... đến ..." is a period of unknown kind.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from danvan_cli.text.normalize import clean_text, strip_diacritics

Kind = Literal["month", "quarter", "half", "nine_months", "year", "unknown"]
_LAST_MONTH = {"quarter": 3, "half": 6}  # a quarter ends in month 3n, a half in 6n
# How many months each kind of period covers.
SPAN = {"month": 1, "quarter": 3, "half": 6, "nine_months": 9, "year": 12, "unknown": 0}


@functools.total_ordering
@dataclass(frozen=True)
class Period:
    """A report period: its kind, year and number (month 1-12, quarter 1-4, half 1-2).

    Two periods are the same when these are; `text` is as the title writes it and `row`
    the Excel row of that title line. Periods sort by the month they end in, the shorter
    first (2026-03 before 2026-Q1 before 2026-H1); `code` is as users type it."""

    kind: Kind
    year: int | None = None
    number: int | None = None
    text: str = field(default="", compare=False)
    row: int | None = field(default=None, compare=False)

    @property
    def last_month(self) -> tuple[int, int]:
        """(year, month) the period ends in, to tell the later of two periods."""
        if self.kind == "month":
            month = self.number or 0
        elif self.kind in _LAST_MONTH:
            month = _LAST_MONTH[self.kind] * (self.number or 0)
        else:
            month = {"nine_months": 9, "year": 12}.get(self.kind, 0)
        return self.year or 0, month

    @property
    def code(self) -> str:
        """As users type it and the history stores it: "2026-10", "2026-Q3", "2026-H1",
        "2026-9M", "2026"."""
        if self.year is None or self.kind == "unknown":
            raise ValueError(f"a period without a year or kind has no code: {self!r}")
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        tail = {"quarter": f"-Q{self.number}", "half": f"-H{self.number}", "nine_months": "-9M"}
        return f"{self.year}{tail.get(self.kind, '')}"

    @property
    def months(self) -> list[Period]:
        """The months the period covers, in order (a month: itself)."""
        last = self.last_month[1]
        first = last - SPAN[self.kind] + 1
        return [Period("month", self.year, month) for month in range(first, last + 1)]

    def __lt__(self, other: Period) -> bool:
        return self._order < other._order

    @property
    def _order(self) -> tuple[int, int, int]:
        return (*self.last_month, SPAN[self.kind])

    def agrees(self, other: Period) -> bool:
        """The same period, a year not written taken as agreeing ("Tháng 10", "10/2026")."""
        years = self.year is None or other.year is None or self.year == other.year
        return (self.kind, self.number) == (other.kind, other.number) and years

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "year": self.year, "number": self.number, "text": self.text}


_YEAR = r"(?:\s*(?:năm|/|-|\.)\s*(?P<year>(?:19|20)\d\d))?"
_THE_YEAR = r"(?:\s*(?P<year>(?:19|20)\d\d))?"
_PATTERNS: tuple[tuple[Kind, str], ...] = (
    ("unknown", r"từ\s+.{0,40}?đến\s+(?:ngày\s*|tháng\s*)?[\d/.\-]+(?:\s*năm\s*\d{4})?"),
    ("half", r"(?:6|sáu)\s*tháng(?:\s*(?P<half>đầu|cuối))?\s*năm" + _THE_YEAR),
    ("nine_months", r"(?:9|chín)\s*tháng(?:\s*đầu)?\s*năm" + _THE_YEAR),
    ("quarter", r"quý\s*(?P<quarter>iv|i{1,3}|[1-4])(?!\w)" + _YEAR),
    ("month", r"tháng\s*(?P<month>1[0-2]|0?[1-9])(?!\d)" + _YEAR),
    ("year", r"(?:cả\s*)?năm\s*(?P<year>(?:19|20)\d\d)"),
)
# The day a report is signed or figures are counted to: "ngày 05 tháng 10 năm 2026",
# "ngày ... tháng ... năm 2026", "30/9/2026".
_DATES = (
    r"ngày[\s.…_]*\d{0,2}[\s.…_]*(?:tháng[\s.…_]*\d{0,2}[\s.…_]*năm[\s.…_]*\d{0,4}|"
    r"[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})|\d{1,2}/\d{1,2}/\d{2,4}"
)


def _compiled(plain: bool) -> tuple[list[tuple[Kind, re.Pattern[str]]], re.Pattern[str]]:
    """The period patterns and the dates; `plain`: for a line typed without tone marks."""
    words = _without_marks if plain else (lambda text: text)
    periods = [(kind, re.compile(rf"(?<!\w){words(pattern)}")) for kind, pattern in _PATTERNS]
    return periods, re.compile(words(_DATES))


def _without_marks(pattern: str) -> str:
    decomposed = unicodedata.normalize("NFD", pattern.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_COMPILED = {plain: _compiled(plain) for plain in (False, True)}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def parse_period(line: str) -> Period | None:
    """The first period a title line states, or None."""
    text = clean_text(line)
    lowered = text.lower()
    if len(lowered) != len(text):
        text = lowered
    plain = strip_diacritics(text) == lowered
    periods, dates = _COMPILED[plain]
    masked = dates.sub(lambda m: " " * len(m.group()), lowered)
    found = [  # a range "từ ... đến ..." is read with its dates, the rest without them
        (m.start(), n, kind, m)
        for n, (kind, p) in enumerate(periods)
        if (m := p.search(lowered if kind == "unknown" else masked))
    ]
    if not found:
        return None
    # the first; of two at one place, the more specific ("6 tháng đầu năm 2026", "năm 2026")
    _, _, kind, match = min(found, key=lambda f: (f[0], f[1]))
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    year = int(groups["year"]) if "year" in groups else None
    written = text[match.start() : match.end()]
    if kind == "month":
        return Period("month", year, int(groups["month"]), written)
    if kind == "quarter":
        quarter = groups["quarter"]
        return Period("quarter", year, int(_ROMAN.get(quarter, quarter)), written)
    if kind == "half":
        second = groups.get("half") in ("cuối", "cuoi")
        return Period("half", year, 2 if second else 1, written)
    if kind in ("nine_months", "year"):
        return Period(kind, year, None, written)
    return Period("unknown", None, None, written)


def period_in_title(rows: Sequence[Sequence[object]]) -> Period | None:
    """The first period stated in the lines above a table (each row's cells read as one
    line: "BÁO CÁO | QUÝ | 1 | NĂM | 2024"), with its Excel row; a whole year gives way to
    a part of that year stated below it ("BÁO CÁO ... NĂM 2026" over "Quý III năm 2026")."""
    found: Period | None = None
    for number, row in enumerate(rows, start=1):
        cells = [_cell_text(cell) for cell in row]
        period = parse_period(" ".join(cell for cell in cells if cell))
        if period is None:
            continue
        period = Period(period.kind, period.year, period.number, period.text, number)
        if found is None:
            found = period
        elif period.kind not in ("year", "unknown") and period.year in (None, found.year):
            return period
        if found.kind != "year":
            return found
    return found


# The day a report is dated, after its place ("Tân An, ngày 05 tháng 10 năm 2026"), never a
# day figures are counted to or from ("tính đến ngày 30/9/2026", "từ ngày ...").
_DATED = re.compile(
    r"(?<!đến )(?<!tới )(?<!từ )(?<!den )(?<!toi )(?<!tu )\bng(?:ày|ay)\s*(?P<day>\d{1,2})\s*"
    r"(?:th(?:áng|ang)\s*(?P<month>\d{1,2})\s*n(?:ăm|am)\s*|"
    r"[/.-]\s*(?P<month2>\d{1,2})\s*[/.-]\s*)(?P<year>(?:19|20)\d\d)"
)


def date_in_title(rows: Sequence[Sequence[object]]) -> date | None:
    """The day the lines above a table say the report was written ("Tân An, ngày 05 tháng
    10 năm 2026", "ngày 05/10/2026"): the first such date, None if none or not a day."""
    for row in rows:
        line = " ".join(text for cell in row if (text := _cell_text(cell))).lower()
        for found in _DATED.finditer(line):
            month = found.group("month") or found.group("month2")
            try:
                return date(int(found.group("year")), int(month), int(found.group("day")))
            except ValueError:
                continue
    return None


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return clean_text(cell) if isinstance(cell, (str, int, float)) else ""


def usual_period(periods: Sequence[Period | None]) -> tuple[Period, int] | None:
    """The period most tables state (of two as common, the later) and how many state it;
    tables stating none (None) and periods of unknown kind ("từ ... đến ...") aside."""
    counts = Counter(p for p in periods if p is not None and p.kind != "unknown")
    if not counts:
        return None
    usual = max(counts, key=lambda p: (counts[p], p.last_month))
    return usual, counts[usual]
