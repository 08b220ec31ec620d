"""The changes since an earlier period, as reports tell them (tăng, giảm so với kỳ trước):
"tăng 1.234 người (0,40%) so với tháng 9/2026", "giảm 5 chi đoàn, chi hội (0,24%)",
"không đổi", a share "tăng 0,52 điểm phần trăm".

The earlier period is named as offices write it: "tháng 9/2026", "quý II/2026", "6 tháng
đầu năm 2026", "9 tháng năm 2026", "năm 2025"; the same period a year before is "cùng kỳ
năm trước"; a period not known (files whose titles state none) "kỳ trước".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from danvan_cli.ingest.periods import Period
from danvan_cli.model.messages import ui
from danvan_cli.text.formatting import COUNT, DECIMAL, PERCENT, format_look, roman

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Since:
    """An earlier period to tell the changes against: its grand total's figures (by code;
    counts and ratios, one flat mapping), the two periods, where known, and the units one
    of them has and the other not (`lacking`: the earlier's, with no figures now; `added`:
    now's, not in the earlier), each its names from the level `apart_from` down."""

    total: Mapping[str, Any]
    before: Period | None = None
    now: Period | None = None
    lacking: tuple[tuple[str, ...], ...] = ()
    added: tuple[tuple[str, ...], ...] = ()
    apart_from: str | None = None  # the top level not one same unit in both periods

    def coverage(self, lang: str) -> str:
        """What the changes take in besides the units' own: " (Kỳ này chưa có số liệu của Xã
        Đông Phước, có ở tháng 10/2026: ...)", so that no one reads a commune that did not
        report as members lost; "" when both periods have the same units."""
        said, before = "", self.named(lang)
        for code, units in (("narrative_lacking", self.lacking), ("narrative_added", self.added)):
            if units:
                said += " " + ui(code, lang, units=_units_named(units, lang), before=before)
        return said

    def named(self, lang: str) -> str:
        """How a sentence names the earlier period after "so với" ("from" in English)."""
        before, now = self.before, self.now
        if before is None or before.kind == "unknown":
            return "the previous report" if lang == "en" else "kỳ trước"
        if _a_year_before(before, now):
            return "the same period last year" if lang == "en" else "cùng kỳ năm trước"
        return period_in_sentence(before, lang)


UNITS_NAMED = 5  # units a sentence names; more are counted


def _units_named(units: tuple[tuple[str, ...], ...], lang: str) -> str:
    """Units by their names, the unit above each after it in brackets ("Xã Đông Phước, Ấp 3
    (Xã Tân An)"): the first `UNITS_NAMED`, then how many more."""
    names = [path[-1] if len(path) < 2 else f"{path[-1]} ({path[-2]})" for path in units]
    if len(names) <= UNITS_NAMED:
        return ", ".join(names)
    shown = ", ".join(names[:UNITS_NAMED])
    return ui("narrative_more_units", lang, units=shown, more=len(names) - UNITS_NAMED)


def _a_year_before(before: Period, now: Period | None) -> bool:
    """`before` is `now`'s period of the year before (not for whole years: "năm 2025")."""
    if now is None or before.kind != now.kind or before.kind == "year":
        return False
    years = before.year is not None and now.year is not None and before.year + 1 == now.year
    return years and before.number == now.number


def period_in_sentence(period: Period, lang: str) -> str:
    """A period as offices write it in a sentence: "tháng 9/2026", "quý III/2026", "6
    tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng năm 2026", "năm 2026";
    English "September 2026", "Q3 2026", "the first half of 2026", "the first nine months
    of 2026", "2026". A year not written is left out ("tháng 9")."""
    year, number = period.year, period.number or 1
    en = lang == "en"
    if period.kind == "month":
        if en:
            return f"{_MONTHS[number - 1]} {year}" if year else _MONTHS[number - 1]
        return f"tháng {number}/{year}" if year else f"tháng {number}"
    if period.kind == "quarter":
        if en:
            return f"Q{number} {year}" if year else f"Q{number}"
        return f"quý {roman(number)}/{year}" if year else f"quý {roman(number)}"
    of_year = (f" of {year}" if en else f" năm {year}") if year else ""
    if period.kind == "half":
        if en:
            return f"the {'first' if number == 1 else 'second'} half{of_year}"
        return f"6 tháng {'đầu' if number == 1 else 'cuối'}{of_year or ' năm'}"
    if period.kind == "nine_months":
        return f"the first nine months{of_year}" if en else f"9 tháng{of_year}"
    return str(year) if en else f"năm {year}"


class Changes:
    """The changes of one sentence: each figure's, and "so với ..." after the first one
    told (the sentence's later changes are against the same period)."""

    def __init__(self, since: Since | None, total: Mapping[str, Any], lang: str) -> None:
        self.since, self.total, self.lang = since, total, lang
        self.compared = False

    def count(self, code: str, unit: str = "", look: str = COUNT) -> str:
        """ ", tăng 1.234 người (0,40%) so với tháng 9/2026" (`unit`: "người"; English none:
        ", up 1,234 (0.40%) from September 2026"); "" when either period lacks it."""
        old, new = self._values(code)
        if old is None or new is None:
            return ""
        change = new - old
        if change == 0:
            return self._told(self._unchanged())
        amount = format_look(abs(change), look, self.lang)
        said = f"{self._way(change)} {amount}{f' {unit}' if unit else ''}"
        if old:
            said += f" ({format_look(abs(change) / abs(old), PERCENT, self.lang)})"
        return self._told(said)

    def ratio(self, code: str, look: str = PERCENT) -> str:
        """A ratio's change: a percent's in points (", tăng 0,52 điểm phần trăm"), a
        decimal's as is (", giảm 1,50": `look` DECIMAL)."""
        old, new = self._values(code)
        if old is None or new is None:
            return ""
        change = round(new - old, 10)
        if change == 0:
            return self._told(self._unchanged())
        if look == PERCENT:
            points = "percentage points" if self.lang == "en" else "điểm phần trăm"
            amount = f"{format_look(abs(change) * 100, DECIMAL, self.lang)} {points}"
        else:
            amount = format_look(abs(change), DECIMAL, self.lang)
        return self._told(f"{self._way(change)} {amount}")

    def _values(self, code: str) -> tuple[float | None, float | None]:
        if self.since is None:
            return None, None
        return _number(self.since.total.get(code)), _number(self.total.get(code))

    def _way(self, change: float) -> str:
        if self.lang == "en":
            return "up" if change > 0 else "down"
        return "tăng" if change > 0 else "giảm"

    def _unchanged(self) -> str:
        return "unchanged" if self.lang == "en" else "không đổi"

    def _told(self, said: str) -> str:
        if not self.compared and self.since is not None:
            self.compared = True
            against = "from" if self.lang == "en" else "so với"
            said += f" {against} {self.since.named(self.lang)}"
        return f", {said}"


def _number(value: object) -> float | None:
    """A figure as a number; None when not given."""
    if value is None or isinstance(value, (dict, str)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number
