"""Units renamed between periods (đơn vị đổi tên), so that a unit's series is one series.

A name is taken as its new one by the config's `[renamed]` table (old name = new name,
compared with their tone marks, the type word optional where that leaves one), or, with the
official list, by the 2025 crosswalk (`periods.official`): a commune's name before 1 July
2025 that went whole into one commune of today, when no commune of today has that name. A
commune split over several, or an old name several communes had, keeps its own series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from danvan_cli.ingest.load import unit_codes
from danvan_cli.periods.official import Crosswalk, former_units, loose
from danvan_cli.text.normalize import canonical_name, unit_key


@dataclass(frozen=True)
class Rename:
    """A unit's old name, its new one, the periods it had the old one in, and what said so
    ("config" or "official")."""

    old: str
    new: str
    periods: tuple[str, ...]
    by: Literal["config", "official"]


@dataclass(frozen=True)
class Renames:
    """The renames a run knows: the config's table and the official crosswalk with the
    names of today's communes."""

    listed: Mapping[str, str]
    crosswalk: Crosswalk | None = None
    today: frozenset[str] = frozenset()

    def printed(self, name: str, level: str) -> str:
        """`name` as the unit of `level` prints now: its new name if renamed."""
        new = self.new_name(name, level)
        return name if new is None else canonical_name(new[0])

    def new_name(self, name: str, level: str) -> tuple[str, Literal["config", "official"]] | None:
        """The name `name` (a unit of `level`) has now, and what said so; None if not
        renamed."""
        if not self.listed and self.crosswalk is None:
            return None
        listed = {unit_key(old): new for old, new in self.listed.items()}
        new = listed.get(unit_key(name))
        if new is None:
            by_loose = [n for old, n in self.listed.items() if loose(old) == loose(name)]
            new = by_loose[0] if len(by_loose) == 1 else None
        if new is not None:
            return new, "config"
        crosswalk = self.crosswalk
        if crosswalk is None or level != "commune" or unit_key(name) in self.today:
            return None
        went = {today for former in crosswalk.find(name) for today in former.today}
        return (went.pop(), "official") if len(went) == 1 else None


def official_renames(renamed: Mapping[str, str], units: pd.DataFrame) -> Renames:
    """The config's `renamed` units with the 2025 crosswalk of the province the official
    list `units` (its province and commune columns) is of, today's communes kept as named."""
    today = frozenset(unit_key(name) for name in units["commune"])
    return Renames(renamed, former_units(units["province"].iloc[0]), today)


def rename_series(
    series: pd.DataFrame, level: str, renames: Renames
) -> tuple[pd.DataFrame, list[Rename]]:
    """`series` (period, level names, value) with each renamed unit of `level` under its
    new name (as `canonical_name` prints it), and the renames made."""
    names, found = _new_names(series, level, renames)
    renamed = series.assign(**{level: series[level].replace(names)}) if names else series
    return renamed, found


def rename_records(
    records: pd.DataFrame, levels: Sequence[str], renames: Renames
) -> tuple[pd.DataFrame, list[Rename]]:
    """`records` (as `History.records` gives them) with each renamed unit of any of
    `levels` under its new name and key (`unit_key`), their `_unit_<level>` codes taken
    again (`load.unit_codes`); and the renames made."""
    found: list[Rename] = []
    for level in levels:
        names, made = _new_names(records, level, renames)
        if not names:
            continue
        moved = records[level].isin(list(names)).to_numpy()
        records = records.assign(**{level: records[level].replace(names)})
        keys = records[f"_key_{level}"].astype(object).to_numpy(copy=True)
        keys[moved] = [unit_key(name) for name in records[level].to_numpy()[moved]]
        records[f"_key_{level}"] = keys
        found += made
    if found:
        unit_codes(records, list(levels))
    return records, sorted(found, key=lambda r: (r.new, r.old))


def _new_names(
    frame: pd.DataFrame, level: str, renames: Renames
) -> tuple[dict[str, str], list[Rename]]:
    """Each name of `level` in `frame` (with a `period` column) that is renamed, with its
    new name as `canonical_name` prints it; and the renames."""
    if frame.empty or level not in frame.columns:
        return {}, []
    found: list[Rename] = []
    names = {}
    for name in frame[level].dropna().unique():
        new = renames.new_name(str(name), level)
        printed = None if new is None else canonical_name(new[0])
        if new is None or printed == name:
            continue
        names[name] = printed
        periods = frame.loc[frame[level] == name, "period"].unique()
        found.append(Rename(str(name), printed, tuple(sorted(periods)), new[1]))
    return names, sorted(found, key=lambda r: (r.new, r.old))
