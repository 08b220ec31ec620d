"""Who reported (tính đầy đủ và đúng hạn): the units expected against those whose records
came in, level by level, as DHIS2's reporting-rate report counts them.

The units expected come from a list (a CSV file or a sheet whose first line names level
columns: Tỉnh, Huyện, Xã, Thôn) or from the units of the previous period. A unit matches
an expected one by its names down to that level, compared by `unit_key` with their tone
marks ("TP. Huế" is "Thành phố Huế"; a type word such as "Xã" may be left out where that
leaves one unit): "XÃ PHÚ LÔC" is not "Xã Phú Lộc". Units print as the roll-up prints
them (`names.printed`, `canonical_name`: "ấp đông hoà" is "Ấp Đông Hòa"), in Vietnamese
order (`unit_sort_key`). A unit that reported but is not expected is a warning at its
first row, with the closest expected name (rapidfuzz) suggested. With a deadline, a unit
that reported did so on time or late by when its files were received (their modification
time).

With the official list (`periods.official`), a commune still named as before 1 July 2025
(its old name, or under a district that no longer exists) counts for today's commune it
went into, with a note naming both; one split over several communes is named with them all
and counted for none.
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

from danvan_cli.ingest.csvtext import csv_encoding
from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import UNIT_HEADER_PATTERNS, HeaderMapping
from danvan_cli.ingest.paths import SPREADSHEET_SUFFIXES
from danvan_cli.kinds.vocabulary import LEVELS
from danvan_cli.model.problems import Problem
from danvan_cli.periods.names import printed
from danvan_cli.periods.official import Crosswalk, Former
from danvan_cli.periods.renames import Renames
from danvan_cli.text.collation import unit_sort_key
from danvan_cli.text.normalize import canonical_name, clean_text, split_unit_prefix, unit_key

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
    formerly: tuple[str, ...] = ()  # names before 1 July 2025 its records came under
    split_into: tuple[str, ...] = ()  # not expected: today's units its old name went into

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
            "formerly": "; ".join(self.formerly) or None,
            "split_into": "; ".join(self.split_into) or None,
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
                if u.status == "not_expected" and not u.split_into
            ],
            "formerly": [
                {"unit": " / ".join(u.path), "formerly": list(u.formerly)}
                for u in self.units
                if u.formerly and not u.split_into
            ],
            "split": [
                {"unit": " / ".join(u.path), "formerly": u.formerly[0], "into": list(u.split_into)}
                for u in self.units
                if u.split_into
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


def units_of(records: pd.DataFrame) -> pd.DataFrame:
    """The units some records name (the history's, last period's): one row per unit path."""
    levels = [lv for lv in LEVELS if lv in records.columns]
    return records[levels].astype(str).drop_duplicates().reset_index(drop=True)


def completeness(
    data: Dataset,
    received: Mapping[str, datetime],
    expected: pd.DataFrame | None,
    source: str,
    deadline: datetime | None,
    crosswalk: Crosswalk | None = None,
    renames: Renames | None = None,
    own_level: str | None = None,
) -> Completeness:
    """Who of the `expected` units (None: not known) reported in `data`'s records, level by
    level (those both have) below `own_level`, the office's own (config `unit`: a district
    office's own district reports to no one there); `received`: when each file came (by its
    name); `crosswalk`: the official list's names before 1 July 2025; `renames`: the config's
    `[renamed]`, a unit reported or listed under its old name taken as under its new one."""
    found = Completeness(source if expected is not None else "", deadline)
    levels = data.levels if not data.records.empty else []
    if expected is not None:
        levels = [lv for lv in expected.columns if lv in levels or not levels]
    named = _Naming(crosswalk, renames or Renames({}))
    reporting = LEVELS[LEVELS.index(own_level) + 1 :] if own_level in LEVELS else LEVELS
    for number in range(len(levels)):
        if levels[number] not in reporting:
            continue
        path = levels[: number + 1]
        level = _level(data, received, expected, path, deadline, found.problems, named)
        found.levels.append(level)
    return found


def never_reported(
    records: pd.DataFrame,
    source: str,
    expected: pd.DataFrame,
    crosswalk: Crosswalk | None,
    renames: Renames,
    own_level: str | None,
) -> list[UnitStatus]:
    """The `expected` units none of `records` name, matched as `completeness` matches them:
    for a longer period's records (read from `source`, the history), the units that
    reported in none of its months."""
    data = Dataset(records.assign(_table=0, _row=0), [TableInfo(source, None, 0, _NO_HEADER)])
    done = completeness(data, {}, expected, "file", None, crosswalk, renames, own_level)
    return [unit for level in done.levels for unit in level.units if unit.status == "missing"]


_NO_HEADER = HeaderMapping((), ())  # records from the history come from no table


def _level(
    data: Dataset,
    received: Mapping[str, datetime],
    expected: pd.DataFrame | None,
    path: list[str],
    deadline: datetime | None,
    problems: list[Problem],
    named: _Naming,
) -> LevelCompleteness:
    level, crosswalk, renames = path[-1], named.crosswalk, named.renames
    done = LevelCompleteness(level)
    levels = data.levels
    above = levels[: levels.index(level)] if level in levels else []
    above = "district" if crosswalk and "district" in above else ""
    reported = _as_renamed(_reported(data, received, path, above), path, renames)
    if expected is None:
        done.units = [
            UnitStatus(level, names, _status(when, deadline), when)
            for (names, _), (_, when) in reported.items()
        ]
        done.units.sort(key=_order)
        return done
    listed = {
        tuple(
            renames.printed(canonical_name(name), lv) for name, lv in zip(names, path, strict=True)
        )
        for names in expected[path].itertuples(index=False, name=None)
        if all(names)
    }
    find = _Finder(listed, path, crosswalk)
    matched: dict[tuple, datetime | None] = {}
    formerly: dict[tuple, list[str]] = {}
    for (names, district), (index, when) in reported.items():
        match, formers = find(names, district)
        if match is not None:
            matched[match] = _later(matched.get(match), when)
            if formers:
                formerly.setdefault(match, []).append(_former_name(names[-1], district, formers))
                problems.append(_renamed(data, index, level, names[-1], formers, match[-1]))
            continue
        if formers:  # split, or an old name of several units: counted for none
            into = tuple(sorted({t for f in formers for t in f.today}, key=unit_sort_key))
            before = (_former_name(names[-1], district, formers),)
            unit = UnitStatus(level, names, "not_expected", when, None, before, into)
            done.units.append(unit)
            problems.append(_renamed(data, index, level, names[-1], formers, ", ".join(into)))
            continue
        closest = _closest(names, find.choices)
        done.units.append(UnitStatus(level, names, "not_expected", when, closest))
        problems.append(_not_expected(data, index, level, names[-1], closest))
    for names in listed:
        if names in matched:
            when, before = matched[names], tuple(formerly.get(names, ()))
            status = _status(when, deadline)
            done.units.append(UnitStatus(level, names, status, when, formerly=before))
        else:
            done.units.append(UnitStatus(level, names, "missing"))
    done.units.sort(key=_order)
    return done


@dataclass(frozen=True)
class _Naming:
    """What names a unit besides its own: the official list's names before 1 July 2025
    (None without it) and the config's renamed units."""

    crosswalk: Crosswalk | None
    renames: Renames


class _Finder:
    """The expected unit a reported one is: by its names as written (tone marks kept, type
    word optional where that leaves one), else by its name before 1 July 2025."""

    def __init__(self, listed: set[tuple], path: list[str], crosswalk: Crosswalk | None):
        self.exact = {_key(names): names for names in listed}
        self.loose: dict[tuple, list[tuple]] = {}
        for names in listed:
            self.loose.setdefault(_loose(names), []).append(names)
        self.choices = {names: " / ".join(_key(names)) for names in listed}
        self.by_name = {unit_key(names[-1]): names for names in listed}
        self.path, self.crosswalk = path, crosswalk

    def __call__(self, names: tuple, district: str) -> tuple[tuple | None, tuple[Former, ...]]:
        """The expected unit (None: not one), and the units before 2025 it was found by."""
        formers = self._formers(names, district)
        if not (district and formers):  # a unit under a former district: by the crosswalk
            match = self.exact.get(_key(names))
            if match is None and len(self.loose.get(_loose(names), [])) == 1:
                match = self.loose[_loose(names)][0]
            if match is not None:
                return match, ()
        today = {t for f in formers for t in f.today}
        return (self.by_name.get(unit_key(today.pop())) if len(today) == 1 else None), formers

    def _formers(self, names: tuple, district: str) -> tuple[Former, ...]:
        crosswalk, level = self.crosswalk, self.path[-1]
        if crosswalk is None:
            return ()
        if level == "province":
            return crosswalk.former_province(names[0])
        if self.path[0] == "province" and not crosswalk.names_province(names[0]):
            return ()
        return crosswalk.find(names[-1], district) if level == "commune" else ()


def _former_name(name: str, district: str, formers: tuple[Former, ...]) -> str:
    """A unit reported under its name before 2025, with its district."""
    districts = district or "; ".join(f.district for f in formers if f.district)
    return f"{name} ({districts})" if districts else name


def _renamed(
    data: Dataset,
    index: int,
    level: str,
    name: str,
    formers: tuple[Former, ...],
    today: str,
) -> Problem:
    """A note on a unit named as before 1 July 2025: counted for `today`'s unit, or, split
    over several (`today` names them all), for none."""
    place = data.place(index)
    several = len({t for f in formers for t in f.today}) > 1
    return Problem(
        "warning",
        "unit_former_unclear" if several else "unit_former_name",
        place.file,
        place.sheet,
        place.row,
        value=name,
        params={"level": level, "former": "; ".join(f.named for f in formers), "today": today},
    )


def _reported(
    data: Dataset, received: Mapping[str, datetime], path: list[str], above: str
) -> dict[tuple, tuple[int, datetime | None]]:
    """Each unit the records name down `path` (with its name at level `above`, "" without),
    by its names as its units print (`names.printed`): its first record and when its latest
    file came."""
    records = data.records
    found: dict[tuple, tuple[int, datetime | None]] = {}
    if records.empty:
        return found
    records = records[(records[path].astype(str) != "").all(axis="columns").to_numpy()]
    files = [table.file for table in data.tables]
    paths = printed(records[path], path).itertuples(index=False, name=None)
    aboves = records[above].astype(str) if above else [""] * len(records)
    for index, names, over, table in zip(
        records.index, paths, aboves, records["_table"], strict=True
    ):
        first, latest = found.get((names, over), (index, None))
        found[(names, over)] = (first, _later(latest, received.get(files[int(table)])))
    return found


def _as_renamed(
    reported: dict[tuple, tuple[int, datetime | None]], path: list[str], renames: Renames
) -> dict[tuple, tuple[int, datetime | None]]:
    """`reported` with each unit the config renames under its new name (one unit with one
    reported under that name already)."""
    found: dict[tuple, tuple[int, datetime | None]] = {}
    for (names, over), (index, when) in reported.items():
        key = (tuple(renames.printed(name, lv) for name, lv in zip(names, path, strict=True)), over)
        first, latest = found.get(key, (index, None))
        found[key] = (first, _later(latest, when))
    return found


def _later(one: datetime | None, other: datetime | None) -> datetime | None:
    return max((w for w in (one, other) if w is not None), default=None)


def _status(when: datetime | None, deadline: datetime | None) -> Status:
    if deadline is None or when is None:
        return "reported"
    return "on_time" if when <= deadline else "late"


def _key(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(unit_key(name) for name in names)


def _loose(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(split_unit_prefix(unit_key(name))[1] for name in names)


def _closest(names: tuple[str, ...], choices: Mapping[tuple, str]) -> str | None:
    """The expected unit closest to the one `names` name, its names down to it (compared
    with their marks, case aside), if close enough."""
    query = " / ".join(_key(names))
    # Each level must be close, not only the whole path, which the district two communes
    # share makes close; levels each that close make the whole path so close (the filter).
    found = process.extract(
        query, choices, scorer=fuzz.ratio, score_cutoff=SUGGESTED_FROM, limit=None
    )
    scored = [(_levels_ratio(query, choice), names) for choice, _, names in found]
    best = max(scored, default=None, key=lambda pair: pair[0])
    return " / ".join(best[1]) if best and best[0] >= SUGGESTED_FROM else None


def _levels_ratio(query: str, choice: str) -> float:
    """How alike two units' names are: their least alike level's score."""
    pairs = zip(query.split(" / "), choice.split(" / "), strict=False)
    return min((fuzz.ratio(a, b) for a, b in pairs), default=0.0)


def _not_expected(data: Dataset, index: int, level: str, name: str, closest: str | None) -> Problem:
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
    return tuple(unit_sort_key(name) for name in unit.path)
