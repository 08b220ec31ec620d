"""Units' names across periods and lists (tên đơn vị qua các kỳ), matched and printed as a
period's roll-up matches and prints them: names compared by `normalize.unit_key` ("TP. Huế"
is "Thành phố Huế", "ấp đông hoà" is "Ấp Đông Hòa"), a name without its type word taken
as its parent's one unit written with it (`load.unit_codes`), and each unit printed as
`spellings.printed_names` gives it (`canonical_name` of its first spelling with the type
word).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from danvan_cli.ingest.load import unit_codes
from danvan_cli.ingest.spellings import printed_names
from danvan_cli.text.normalize import clean_text, unit_key


def unit_numbers(names: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """Per level of `levels` (top first), `_key_<level>` (`unit_key` of the name) and
    `_unit_<level>`: each row's unit down to that level, as one integer."""
    levels = list(levels)
    keys = pd.DataFrame({f"_key_{lv}": _keys(names[lv]) for lv in levels}, index=names.index)
    unit_codes(keys, levels)
    return keys


def _keys(names: pd.Series) -> np.ndarray:
    """`unit_key` of each name, taken once per distinct name."""
    codes, uniques = pd.factorize(names.astype(str))
    return np.array([unit_key(name) for name in uniques], dtype=object)[codes]


def printed(
    names: pd.DataFrame, levels: Sequence[str], units: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each row's names down `levels` as its units print; `units`: the rows' `_unit_<level>`
    columns when known (else `unit_numbers`). Units kept apart that would print alike
    (`History.apart`: "TP. Huế" and "Thành phố Huế") print as first written instead."""
    if units is None:
        units = unit_numbers(names, levels)
    named = _canonical(names, levels, units)
    for level, several, written in _alike(names, levels, units, named):
        named.loc[several, level] = written[several]
    return named


def told_apart(names: pd.DataFrame, levels: Sequence[str], units: pd.DataFrame) -> pd.DataFrame:
    """`names` down `levels` (`units`: the rows' `_unit_<level>` columns), those of units
    kept apart that would print alike (`History.apart`) as they print followed by their
    spelling as first written, in brackets where it differs ("Thành phố Huế (TP. Huế)"
    beside "Thành phố Huế"): a roll-up of them prints each on its own row, told apart."""
    named = _canonical(names, levels, units)
    told = names[list(levels)].astype(object)
    for level, several, written in _alike(names, levels, units, named):
        shown = named[level].to_numpy(dtype=object)
        bracketed = np.where(shown == written, shown, shown + " (" + written + ")")
        named.loc[several, level] = bracketed[several]
        told.loc[several, level] = bracketed[several]
    return told


def _canonical(names: pd.DataFrame, levels: Sequence[str], units: pd.DataFrame) -> pd.DataFrame:
    """Each row's names down `levels` as a roll-up prints its units (`printed_names`)."""
    columns = {}
    for level in levels:
        numbers = pd.factorize(units[f"_unit_{level}"])[0]
        count = int(numbers.max(initial=-1)) + 1
        spelled = printed_names(names[level].astype(str).reset_index(drop=True), numbers, count)
        columns[level] = np.asarray(spelled, dtype=object)[numbers]
    return pd.DataFrame(columns, index=names.index)


def _alike(
    names: pd.DataFrame, levels: Sequence[str], units: pd.DataFrame, named: pd.DataFrame
) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Per level, top first, where units that are not one print alike in `named` (which the
    caller tells apart level by level, before the next): the level, the rows of such units,
    and each row's unit's name as first written."""
    for depth, level in enumerate(levels):
        unit = pd.factorize(units[f"_unit_{level}"])[0]
        alike = pd.factorize(pd.MultiIndex.from_frame(named[list(levels[: depth + 1])]))[0]
        several = pd.Series(unit).groupby(alike).nunique().to_numpy()[alike] > 1
        if several.any():
            written = names[level].astype(str).groupby(unit).transform("first").map(clean_text)
            yield level, several, written.to_numpy(dtype=object)
