"""A unit written more than one way (cách viết tên đơn vị): one unit, printed once.

Records of one unit (`load.unit_codes`: names matched by `normalize.unit_key`, a bare name
by the one prefixed name of its parent) may spell it differently: "thôn Đông Hoà" and
"Thôn Đông Hòa", "Long Vĩnh" and "Xã Long Vĩnh". The unit prints in `canonical_name` of its
first spelling naming the unit-type word (else of its first). A note says where a name
without its type word was taken as the unit named with it; spellings that differ only in
case, spaces, tone placement or a type word written short are one name, and not said.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from danvan_cli.model.problems import Problem
from danvan_cli.text.normalize import canonical_name, split_unit_prefix


def spelling_rows(names: pd.Series, units: np.ndarray, count: int) -> np.ndarray:
    """Per unit (`units`: each record's unit number, 0 to `count` - 1) the position of the
    record whose spelling it prints in: its first naming the type word, else its first."""
    codes, uniques = pd.factorize(names)
    typed = np.array([bool(split_unit_prefix(str(u).casefold())[0]) for u in uniques] + [False])
    rows = np.arange(len(units))
    first = np.full(count, len(units), dtype=np.int64)
    np.minimum.at(first, units, rows)
    named = typed[codes]
    first_typed = np.full(count, len(units), dtype=np.int64)
    np.minimum.at(first_typed, units[named], rows[named])
    return np.where(first_typed < len(units), first_typed, first)


def printed_names(names: pd.Series, units: np.ndarray, count: int) -> pd.Categorical:
    """Each unit's name as printed (`canonical_name` of its spelling of `spelling_rows`)."""
    spelled = names.iloc[spelling_rows(names, units, count)]
    codes, uniques = pd.factorize(spelled)
    printed = [_canonical(str(u)) for u in uniques]
    numbers, categories = pd.factorize(pd.Series(printed, dtype=object))
    return pd.Categorical.from_codes(
        np.where(codes >= 0, numbers[codes], -1), categories=categories.astype(str)
    )


_canonical = functools.cache(canonical_name)  # a name is spelled once per process


def spelling_notes(
    records: pd.DataFrame, levels: Sequence[str], place: Callable[[int], Problem]
) -> list[Problem]:
    """A note at the first record of each name of a unit other than the one it prints in
    (`place`: a problem located at a record's index): the two names, and the one printed."""
    notes = []
    for level in levels:
        units, _ = pd.factorize(records[f"_unit_{level}"])
        keys, distinct = pd.factorize(records[f"_key_{level}"])
        firsts = np.flatnonzero(~pd.Series(units * (len(distinct) + 1) + keys).duplicated())
        several = np.bincount(units[firsts], minlength=units.max(initial=-1) + 1) > 1
        if not several.any():  # each unit under one matching key (`normalize.unit_key`)
            continue
        names = records[level]
        chosen = spelling_rows(names, units, len(several))
        for position in firsts[several[units[firsts]]]:
            other = names.iat[chosen[units[position]]]
            if keys[position] == keys[chosen[units[position]]]:
                continue
            where = place(records.index[position])
            params = {"level": level, "other": other, "name": _canonical(other)}
            notes.append(
                Problem(
                    "warning",
                    "unit_spellings",
                    where.file,
                    where.sheet,
                    where.row,
                    value=names.iat[position],
                    params=params,
                )
            )
    return notes
