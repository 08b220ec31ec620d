"""Who reported (tính đầy đủ và đúng hạn): the units expected against those whose records
came in, level by level, as DHIS2's reporting-rate report counts them.

The units expected come from a list (a CSV file or a sheet whose first line names level
columns: Tỉnh, Huyện, Xã, Thôn) or from the units of the previous period. A unit matches
an expected one by its names down to that level, compared as written with their tone marks
(a type word such as "Xã" may be left out where that leaves one unit): "XÃ PHÚ LÔC" is not
"Xã Phú Lộc". A unit that reported but is not expected is a warning at its first row, with
the closest expected name (rapidfuzz) suggested. With a deadline, a unit that reported did
so on time or late by when its files were received (their modification time).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from rapidfuzz import fuzz, process

from danvan_cli.ingest.headers import UNIT_HEADER_PATTERNS
from danvan_cli.ingest.load import MembershipData
from danvan_cli.ingest.read import SPREADSHEET_SUFFIXES, csv_encoding
from danvan_cli.kinds.vocabulary import LEVELS
from danvan_cli.model.problems import Problem
from danvan_cli.text.collation import vietnamese_sort_key
from danvan_cli.text.normalize import clean_text, fold_key, split_unit_prefix

Status = Literal["on_time", "late", "reported", "missing", "not_expected"]
SUGGESTED_FROM = 80  # rapidfuzz's score (0-100) from which the closest name is suggested


@dataclass(frozen=True)
class UnitStatus:
    """One unit of a level: its names from the top down to it, whether and when it
    reported, and for a unit not expected the closest expected name."""

    level: str
    path: tuple[str, ...]
    status: Status
    received: datetime | None = None
    closest: str | None = None

    @property
    def name(self) -> str:
        return self.path[-1]

    def to_dict(self) -> dict[str, Any]:
        received = self.received.isoformat(timespec="seconds") if self.received else None
        return {
            "level": self.level,
            "unit": " / ".join(self.path),
            "status": self.status,
            "received": received,
            "closest": self.closest,
        }


@dataclass
class LevelCompleteness:
    """A level's counts: expected, reported of those, on time and late (with a deadline)."""

    level: str
    units: list[UnitStatus] = field(default_factory=list)

    def count(self, *statuses: Status) -> int:
        return sum(unit.status in statuses for unit in self.units)

    @property
    def expected(self) -> int:
        return self.count("on_time", "late", "reported", "missing")

    @property
    def reported(self) -> int:
        return self.count("on_time", "late", "reported")

    def to_dict(self) -> dict[str, Any]:
        def names(status: Status) -> list[str]:
            return [" / ".join(u.path) for u in self.units if u.status == status]

        return {
            "level": self.level,
            "expected": self.expected,
            "reported": self.reported,
            "on_time": self.count("on_time"),
            "late": self.count("late"),
            "missing": names("missing"),
            "not_expected": [
                {"unit": " / ".join(u.path), "closest": u.closest}
                for u in self.units
                if u.status == "not_expected"
            ],
        }


@dataclass
class Completeness:
    """Every level's completeness, where the expected units came from ("file", "history"
    or "" when none were known) and the deadline."""

    source: str
    deadline: datetime | None
    levels: list[LevelCompleteness] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(level.count("missing") for level in self.levels)

    def to_dict(self) -> dict[str, Any]:
        deadline = self.deadline.isoformat(timespec="seconds") if self.deadline else None
        return {
            "expected_from": self.source or None,
            "deadline": deadline,
            "levels": [level.to_dict() for level in self.levels],
            "units": [unit.to_dict() for level in self.levels for unit in level.units],
        }


def read_expected(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """The units a list names: one column per level its header line (the first line that
    names a level, as a table's unit columns are named) names, one unit a line below it;
    a problem when no line names a level."""
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _sheet_rows(path)
    for number, header in enumerate(rows[:TITLE_LINES]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(header):
            level = _level_of(clean_text(cell))
            if level is not None:
                columns.setdefault(level, position)
        if columns:
            cells = [[_cell(row, p) for p in columns.values()] for row in rows[number + 1 :]]
            units = pd.DataFrame(cells, columns=list(columns))
            return units[[lv for lv in LEVELS if lv in columns]], []
    return pd.DataFrame(), [Problem("error", "expected_no_units", file=str(path))]


TITLE_LINES = 10  # lines looked at for a list's header


def _cell(row: Sequence[object], position: int) -> str:
    return clean_text(row[position]) if position < len(row) else ""


def _level_of(header: str) -> str | None:
    text = header.casefold()
    return next((level for level, pattern in _LEVEL_HEADERS if pattern.search(text)), None)


_LEVEL_HEADERS = [(level, re.compile(pattern)) for level, pattern in UNIT_HEADER_PATTERNS]


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    text = data.decode(csv_encoding(data[:65536]) or "utf-8-sig", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(row)]


def _sheet_rows(path: Path) -> list[list[object]]:
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return []
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=True)
    return [row for row in rows if any(cell not in ("", None) for cell in row)]


def official_units(province: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A province's communes in the official list since 1 July 2025 (the optional package
    `vietnamadminunits`): province and commune columns; a problem when the package is not
    installed or names no such province (the closest suggested)."""
    try:
        from vietnamadminunits.database import get_data
    except ImportError:
        return pd.DataFrame(), [Problem("error", "official_not_installed")]
    rows = pd.DataFrame(get_data(["province", "provinceShort", "ward"]))
    wanted = fold_key(province)
    found = rows[
        (rows["province"].map(fold_key) == wanted) | (rows["provinceShort"].map(fold_key) == wanted)
    ]
    if found.empty:
        names = {name: fold_key(name) for name in rows["province"].unique()}
        closest = process.extractOne(wanted, names, scorer=fuzz.ratio)
        params = {"known": closest[2] if closest else ""}
        return pd.DataFrame(), [
            Problem("error", "official_no_province", value=province, params=params)
        ]
    units = found.rename(columns={"ward": "commune"})[["province", "commune"]]
    return units.reset_index(drop=True), []


def units_of(records: pd.DataFrame) -> pd.DataFrame:
    """The units some records name (the history's, last period's): one row per unit path."""
    levels = [lv for lv in LEVELS if lv in records.columns]
    return records[levels].astype(str).drop_duplicates().reset_index(drop=True)


def completeness(
    data: MembershipData,
    received: Mapping[str, datetime],
    expected: pd.DataFrame | None,
    source: str,
    deadline: datetime | None,
) -> Completeness:
    """Who of the `expected` units (None: not known) reported in `data`'s records, level by
    level (those both have); `received`: when each file came (by its name)."""
    found = Completeness(source if expected is not None else "", deadline)
    levels = data.levels if not data.records.empty else []
    if expected is not None:
        levels = [lv for lv in expected.columns if lv in levels or not levels]
    for number in range(len(levels)):
        path = levels[: number + 1]
        found.levels.append(_level(data, received, expected, path, deadline, found.problems))
    return found


def _level(
    data: MembershipData,
    received: Mapping[str, datetime],
    expected: pd.DataFrame | None,
    path: list[str],
    deadline: datetime | None,
    problems: list[Problem],
) -> LevelCompleteness:
    level = path[-1]
    done = LevelCompleteness(level)
    reported = _reported(data, received, path)
    if expected is None:
        done.units = [
            UnitStatus(level, names, _status(when, deadline), when)
            for names, (_, when) in reported.items()
        ]
        done.units.sort(key=_order)
        return done
    listed = {names for names in expected[path].itertuples(index=False, name=None) if all(names)}
    exact = {_key(names): names for names in listed}
    loose: dict[tuple, list[tuple]] = {}
    for names in listed:
        loose.setdefault(_loose(names), []).append(names)
    matched: dict[tuple, datetime | None] = {}
    choices = {names: " / ".join(_key(names)) for names in listed}
    for names, (index, when) in reported.items():
        match = exact.get(_key(names))
        if match is None and len(loose.get(_loose(names), [])) == 1:
            match = loose[_loose(names)][0]
        if match is not None:
            matched[match] = _later(matched.get(match), when)
            continue
        closest = _closest(names, choices)
        done.units.append(UnitStatus(level, names, "not_expected", when, closest))
        problems.append(_not_expected(data, index, level, names[-1], closest))
    for names in listed:
        if names in matched:
            when = matched[names]
            done.units.append(UnitStatus(level, names, _status(when, deadline), when))
        else:
            done.units.append(UnitStatus(level, names, "missing"))
    done.units.sort(key=_order)
    return done


def _reported(
    data: MembershipData, received: Mapping[str, datetime], path: list[str]
) -> dict[tuple, tuple[int, datetime | None]]:
    """Each unit path the records name: its first record and when its latest file came."""
    records = data.records
    found: dict[tuple, tuple[int, datetime | None]] = {}
    if records.empty:
        return found
    files = [table.file for table in data.tables]
    paths = records[path].astype(str).itertuples(index=False, name=None)
    for index, names, table in zip(records.index, paths, records["_table"], strict=True):
        if all(names):
            first, latest = found.get(names, (index, None))
            found[names] = (first, _later(latest, received.get(files[int(table)])))
    return found


def _later(one: datetime | None, other: datetime | None) -> datetime | None:
    return max((w for w in (one, other) if w is not None), default=None)


def _status(when: datetime | None, deadline: datetime | None) -> Status:
    if deadline is None or when is None:
        return "reported"
    return "on_time" if when <= deadline else "late"


def _key(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold_key(name) for name in names)


def _loose(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(split_unit_prefix(fold_key(name))[1] for name in names)


def _closest(names: tuple[str, ...], choices: Mapping[tuple, str]) -> str | None:
    """The expected unit closest to the one `names` name, its names down to it (compared
    with their marks, case aside), if close enough."""
    query = " / ".join(_key(names))
    found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=SUGGESTED_FROM)
    return " / ".join(found[2]) if found else None


def _not_expected(
    data: MembershipData, index: int, level: str, name: str, closest: str | None
) -> Problem:
    place = data.place(index)
    said = (
        {"vi": f" Có phải «{closest}»?", "en": f" Did you mean '{closest}'?"}
        if closest
        else {"vi": "", "en": ""}
    )
    return Problem(
        "warning",
        "unit_not_expected",
        place.file,
        place.sheet,
        place.row,
        value=name,
        params={"level": level, "closest": said},
    )


def _order(unit: UnitStatus) -> tuple:
    return tuple(vietnamese_sort_key(name) for name in unit.path)
