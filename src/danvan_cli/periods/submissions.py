"""The files of one period (bài nộp của một kỳ): which unit sent each, which replaces which,
and which belong to another period.

A file's unit is the unit all its rows belong to at the lowest level they share above
their own (a commune's file of villages: the commune). Byte-identical copies of one file
(downloaded twice) are one file, the first received, each copy with a warning. When a unit
sent two files for the period, the later replaces the earlier: later by the date its title
states ("Tân An, ngày 05 tháng 10 năm 2026"), else by the file's modification time; two
files as late as each other are an error naming both, and neither is added. A file whose
title states another period is an error naming both periods, and is not added.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.paths import file_sha256
from danvan_cli.ingest.periods import Period
from danvan_cli.model.problems import Problem


@dataclass(frozen=True)
class Submission:
    """One file sent for a period: the unit it is from (level and name, None when its rows
    share no unit), the date its title states, when it was received (modification time)
    and the period its title states."""

    file: str
    level: str | None
    unit: str
    key: tuple | None  # the unit's identity within the run
    dated: date | None
    received: datetime
    stated: Period | None

    @property
    def when(self) -> str:
        """The date or time it is ordered by, as JSON gives it (ISO 8601)."""
        if self.dated is not None:
            return self.dated.isoformat()
        return self.received.isoformat(sep=" ", timespec="seconds")

    @property
    def when_said(self) -> dict[str, str]:
        """`when` as the messages say it: Vietnamese day first (05/11/2026 14:30:00)."""
        if self.dated is not None:
            return {"vi": self.dated.strftime("%d/%m/%Y"), "en": self.when}
        return {"vi": self.received.strftime("%d/%m/%Y %H:%M:%S"), "en": self.when}


@dataclass(frozen=True)
class Replacement:
    """A unit's later file (`kept`) taking the place of an earlier one (`replaced`)."""

    kept: Submission
    replaced: Submission

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.kept.level,
            "unit": self.kept.unit,
            "file": self.kept.file,
            "date": self.kept.when,
            "replaced_file": self.replaced.file,
            "replaced_date": self.replaced.when,
        }


@dataclass
class PeriodFiles:
    """The files to add up for a period (`kept`, in the order given), every file's
    submission, the replacements and the problems (files of another period, ties)."""

    kept: list[str] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def sort_submissions(data: Dataset, paths: Sequence[Path], period: Period) -> PeriodFiles:
    """Which of a period's files to add up, from their checked tables and records `data`."""
    found = PeriodFiles(submissions=[submission(data, path) for path in paths])
    left_out: set[str] = set()
    for one in found.submissions:
        stated = one.stated
        if stated is not None and stated.kind != "unknown" and not stated.agrees(period):
            sheet, params = _sheet_of(data, one.file), {"period": period.code}
            found.problems.append(
                Problem(
                    "error",
                    "submission_other_period",
                    one.file,
                    sheet,
                    stated.row,
                    value=stated.text,
                    params=params,
                )
            )
            left_out.add(one.file)
    by_unit: dict[tuple, list[Submission]] = {}
    for one in found.submissions:
        if one.key is not None and one.file not in left_out:
            by_unit.setdefault(one.key, []).append(one)
    for files in by_unit.values():
        distinct = _distinct(files, found)
        left_out |= {one.file for one in files if one not in distinct}
        left_out |= _latest(distinct, found)
    found.kept = [one.file for one in found.submissions if one.file not in left_out]
    return found


def submission(data: Dataset, path: Path) -> Submission:
    """What one file sent: its unit, dates and period (its tables and records in `data`)."""
    file = str(path)
    tables = [n for n, table in enumerate(data.tables) if table.file == file]
    dates = [d for n in tables if (d := data.tables[n].dated) is not None]
    periods = [p for n in tables if (p := data.tables[n].period) is not None]
    level, unit, key = _unit(data, tables)
    received = datetime.fromtimestamp(path.stat().st_mtime)
    stated = periods[0] if periods else None
    return Submission(file, level, unit, key, max(dates, default=None), received, stated)


def _unit(data: Dataset, tables: list[int]) -> tuple[str | None, str, tuple | None]:
    """(level, name, identity) of the unit all rows of these tables belong to at the lowest
    level they share above their own (a commune's villages: the commune, however many
    villages it has); (None, "", None) when they share none."""
    records = data.records
    if not tables or records.empty or "_table" not in records:
        return None, "", None
    rows = records[records["_table"].isin(tables)]
    found: tuple[str | None, str, tuple | None] = (None, "", None)
    levels = data.levels
    for level in levels[:-1] if len(levels) > 1 else levels:
        codes = rows[f"_unit_{level}"].unique()
        names = rows[level].astype(str).unique()
        if len(codes) != 1 or not names[0]:
            break
        found = (level, names[0], (level, int(codes[0])))
    return found


def _distinct(files: list[Submission], found: PeriodFiles) -> list[Submission]:
    """A unit's files, each content once: of byte-identical copies (a file downloaded twice),
    the one received first, of those received together the shortest name ("tan_an.xlsx",
    not "tan_an (1).xlsx"); each other copy with a warning naming it."""
    if len(files) == 1:
        return files
    first: dict[str, Submission] = {}
    for one in sorted(files, key=lambda one: (one.received, len(one.file))):
        kept = first.setdefault(file_sha256(one.file), one)
        if kept is not one:
            params = {"other_file": kept.file, "unit": one.unit}
            found.problems.append(Problem("warning", "submission_copy", one.file, params=params))
    return [one for one in files if one in first.values()]


def _latest(files: list[Submission], found: PeriodFiles) -> set[str]:
    """The files of one unit left out: all but the latest, each replacement listed; when
    the two latest are as late as each other, both, with an error naming them."""
    if len(files) == 1:
        return set()
    ordered = sorted(files, key=functools.cmp_to_key(_compare))
    latest, before = ordered[-1], ordered[-2]
    if not _later(latest, before):
        for one, other in ((before, latest), (latest, before)):
            params = {"unit": one.unit, "date": one.when_said, "other_file": other.file}
            found.problems.append(Problem("error", "submission_same_date", one.file, params=params))
        return {one.file for one in files}
    for one in ordered[:-1]:
        found.replacements.append(Replacement(latest, one))
        params = {"other_file": one.file, "unit": latest.unit}
        params |= {"date": latest.when_said, "other_date": one.when_said}
        found.problems.append(Problem("warning", "submission_replaced", latest.file, params=params))
    return {one.file for one in ordered[:-1]}


def _compare(one: Submission, other: Submission) -> int:
    return int(_later(one, other)) - int(_later(other, one))


def _later(one: Submission, other: Submission) -> bool:
    """`one` is later than `other`: by the dates their titles state, else by modification
    time; a stated date against a modification time by the day."""
    if one.dated is None and other.dated is None:
        return one.received > other.received
    return (one.dated or one.received.date()) > (other.dated or other.received.date())


def _sheet_of(data: Dataset, file: str) -> str | None:
    return next((t.sheet for t in data.tables if t.file == file and t.period), None)
