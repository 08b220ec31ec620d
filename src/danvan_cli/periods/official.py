"""The official list of communes since 1 July 2025, and their names before it (the
optional package `vietnamadminunits`, the extra `official`).

`official_units` gives a province's communes today. `former_units` gives the communes of
before the merger (in the provinces merged into it, each under its district) and today's
communes each went into, from the package's own table (data/converter_2025.json): one
that went whole into a commune of today names that one; one split over several names them
all. The package's `convert_address` picks one of those for a split commune (by a default,
or by looking the address up on a map over the network); a roll-up never guesses, so the
table is read as it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import pandas as pd
from rapidfuzz import fuzz, process

from danvan_cli.model.problems import Problem
from danvan_cli.text.normalize import fold_key, split_unit_prefix


def official_units(province: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A province's communes in the official list since 1 July 2025: province and commune
    columns; a problem when the package is not installed or names no such province (the
    closest suggested)."""
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


@dataclass(frozen=True)
class Former:
    """A commune before 1 July 2025, under its district, and today's communes it went
    into (one, or several when it was split)."""

    district: str  # "" for a province merged into another
    name: str
    today: tuple[str, ...]

    @property
    def named(self) -> str:
        """ "Xã Tân Thạnh (Huyện Thới Lai)"."""
        return f"{self.name} ({self.district})" if self.district else self.name


@dataclass(frozen=True)
class Crosswalk:
    """A province's communes before 1 July 2025, by their names without the type word
    (`loose`), and the names of the provinces merged into it (as `fold_key` gives them)."""

    province: str
    provinces: frozenset[str]
    formers: Mapping[str, tuple[Former, ...]]

    def find(self, commune: str, district: str = "") -> tuple[Former, ...]:
        """The communes before 2025 that `commune` names: with its type word where one
        has it ("Xã Long Phú" is not "Thị trấn Long Phú"), under `district` when given."""
        found = self.formers.get(loose(commune), ())
        typed = tuple(f for f in found if fold_key(f.name) == fold_key(commune))
        found = typed or found
        if district:
            found = tuple(f for f in found if loose(f.district) == loose(district))
        return found

    def names_province(self, name: str) -> bool:
        """Whether `name` is this province, or one merged into it, with or without its
        type word."""
        return fold_key(name) in self.provinces or loose(name) in {
            split_unit_prefix(key)[1] for key in self.provinces
        }

    def former_province(self, name: str) -> tuple[Former, ...]:
        """`name` as a province merged into this one (not this one's own name)."""
        if loose(name) == loose(self.province) or not self.names_province(name):
            return ()
        return (Former("", name, (self.province,)),)


def loose(name: str) -> str:
    """A unit's name without its type word, to compare names ("long vĩnh")."""
    return split_unit_prefix(fold_key(name))[1]


def former_units(province: str) -> Crosswalk:
    """`province`'s communes before 1 July 2025 (`province` as `official_units` names it,
    "Thành phố Cần Thơ"), from the package's table; the package must be installed."""
    from vietnamadminunits.database import get_data

    today = [r for r in get_data(["province", "provinceKey", "ward", "wardKey"])]
    today = [r for r in today if r["province"] == province]
    key = today[0]["provinceKey"]
    names = {row["wardKey"]: row["ward"] for row in today}
    table = json.loads(
        resources.files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8")
    )
    merged = set(table["DICT_PROVINCE"][key])
    went: dict[str, tuple[str, ...]] = {
        old: (new,)
        for new, olds in table["DICT_PROVINCE_WARD_NO_DIVIDED"].get(key, {}).items()
        for old in olds
    }
    for old, news in table["DICT_PROVINCE_WARD_DIVIDED"].get(key, {}).items():
        went[old] = tuple(new["newWardKey"] for new in news)
    fields = ["province", "district", "ward", "provinceKey", "districtKey", "wardKey"]
    provinces, formers = {fold_key(province)}, {}
    for row in get_data(fields, "admin_units_legacy"):
        if row["provinceKey"] not in merged:
            continue
        provinces.add(fold_key(row["province"]))
        into = went.get(f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}", ())
        into = tuple(names[k] for k in into if k in names)
        if row["ward"] and into:
            former = Former(row["district"], row["ward"], into)
            formers.setdefault(loose(row["ward"]), []).append(former)
    found = {name: tuple(each) for name, each in formers.items()}
    return Crosswalk(province, frozenset(provinces), found)
