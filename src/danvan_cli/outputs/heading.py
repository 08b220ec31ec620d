"""What an official report table says around its figures (tiêu đề, thể thức): the issuing
body, the report's name and period, the place of the place-and-date line, and the units
some of whose rows were left out. Given on the command line (`--org-name`, `--title`,
`--period`), else read from the files summed, else left for the office to write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from danvan_cli.ingest.dataset import TableInfo
from danvan_cli.ingest.periods import Period, usual_period
from danvan_cli.ingest.titles import units_in_title
from danvan_cli.outputs.since import period_in_sentence
from danvan_cli.text.formatting import roman
from danvan_cli.text.normalize import clean_text, fold_key, without_type_word


@dataclass(frozen=True)
class Heading:
    """The issuing body (its lines; None: left for the office), the report's name (None:
    the kind's), its period and the place of the place-and-date line (None: dots to fill
    in); the paper its sheets print on; the units with rows left out by `--skip-invalid`
    (each path of names folded, see `skipped_units`) and how many rows were."""

    org: str | None = None
    title: str | None = None
    period: str | None = None
    place: str | None = None
    paper: str = "A4"  # the paper every sheet prints on (`--paper`)
    skipped: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    skipped_rows: int = 0


def completed(
    given: Heading,
    tables: Sequence[TableInfo],
    records: pd.DataFrame,
    levels: Sequence[str],
    skipped_rows: int,
    lang: str,
) -> Heading:
    """`given` with what the files tell where it says nothing: the issuing body all their
    tables state (one body: the file is the office's own), the period most state, the
    place the body names; the units with rows left out among `records`."""
    org = given.org or _one_agency(tables)
    period = given.period
    if period is None:
        usual = usual_period([t.period for t in tables])
        period = period_title(usual[0], lang) if usual is not None else None
    place = given.place or (place_of(org) if org else None)
    skipped = skipped_units(records, levels) if skipped_rows else frozenset()
    return replace(
        given, org=org, period=period, place=place, skipped=skipped, skipped_rows=skipped_rows
    )


def _one_agency(tables: Sequence[TableInfo]) -> str | None:
    agencies = {t.agency for t in tables}
    return agencies.pop() if len(agencies) == 1 else None


def place_of(org: str) -> str | None:
    """The place an issuing body names, for the place-and-date line: "ỦY BAN MTTQ VIỆT NAM
    TỈNH HẬU GIANG" -> "Hậu Giang" (its highest unit, without the unit-type word)."""
    found = units_in_title([[line] for line in org.split("\n")])
    for level in ("province", "district", "commune"):
        if level in found:
            name = without_type_word(found[level][0]).strip()
            return name.title() if name.isupper() else name
    return None


def skipped_units(records: pd.DataFrame, levels: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """Each unit (its path of names, folded: `fold_key`) and each of its ancestors that has
    a record left out (`_invalid`), at every level."""
    if "_invalid" not in records.columns or not levels:
        return frozenset()
    left_out = records.loc[records["_invalid"], list(levels)].drop_duplicates()
    paths: set[tuple[str, ...]] = set()
    for row in left_out.itertuples(index=False):
        names = tuple(fold_key(clean_text(name)) for name in row)
        paths.update(names[: depth + 1] for depth in range(len(names)))
    return frozenset(paths)


def period_title(period: Period, lang: str) -> str:
    """A period as a report's title writes it: "Quý III năm 2026", "6 tháng đầu năm 2026"
    ("October 2026", "Q3 2026", "H1 2026" in English); one of unknown kind as its title
    wrote it."""
    year, number = period.year, period.number or 0
    vi = {
        "month": f"Tháng {number} năm {year}",
        "quarter": f"Quý {roman(number)} năm {year}",
        "half": f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}",
        "nine_months": f"9 tháng năm {year}",
        "year": f"Năm {year}",
    }
    en = {
        "month": period_in_sentence(period, "en"),  # "October 2026"
        "quarter": f"Q{number} {year}",
        "half": f"H{number} {year}",
        "nine_months": f"Nine months of {year}",
        "year": f"Year {year}",
    }
    return (en if lang == "en" else vi).get(period.kind, period.text)
