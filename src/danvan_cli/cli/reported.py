"""Who reported in a `danvan rollup` run (`periods.completeness`, and the months of a
longer period: `periods.combine.months_reported`): printed level by level, and written
beside the outputs as `NAME.completeness.json` (and `.csv` with CSV)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Console

from danvan_cli.cli.console import consoles, write_output
from danvan_cli.ingest.periods import Period
from danvan_cli.model.messages import LEVEL_LABELS, label, ui
from danvan_cli.outputs.render import write_binary_file, write_table_csv
from danvan_cli.periods.combine import Combined, UnitMonths
from danvan_cli.periods.completeness import Completeness, UnitStatus, never_reported
from danvan_cli.periods.config import Config
from danvan_cli.periods.renames import Renames, official_renames
from danvan_cli.periods.submissions import PeriodFiles
from danvan_cli.text.safe_text import escape_controls, json_text


def print_report(
    console: Console, period: Period, files: PeriodFiles, done: Completeness, lang: str
) -> None:
    """Files kept and replaced, then who reported, level by level."""
    kept = len(files.kept)
    lines = [ui("rollup_period", lang, period=period.code, files=len(files.submissions), kept=kept)]
    for replacement in files.replacements:
        lines.append(
            ui(
                "rollup_replacement",
                lang,
                unit=replacement.kept.unit,
                file=replacement.kept.file,
                replaced=replacement.replaced.file,
            )
        )
    day = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"  # as each language writes a date
    due = done.deadline.strftime(day) if done.deadline else ""
    for level in done.levels:
        name = label(LEVEL_LABELS, level.level, lang).capitalize()
        if not done.source:
            lines.append(ui("completeness_reported", lang, level=name, reported=level.reported))
            continue
        said = ui(
            "completeness_level", lang, level=name, reported=level.reported, expected=level.expected
        )
        if done.deadline:
            on_time, late = level.count("on_time"), level.count("late")
            said += ui("completeness_timely", lang, on_time=on_time, late=late, deadline=due)
        lines.append(said)
        for status, key in _LISTED:
            names = [
                _named(u, lang) for u in level.units if u.status == status and not u.split_into
            ]
            if names:
                lines.append(ui(key, lang, names=", ".join(names)))
        renamed = [
            f"{'; '.join(u.formerly)} → {' / '.join(u.path)}"
            for u in level.units
            if u.formerly and not u.split_into
        ]
        split = [
            f"{u.formerly[0]} → {', '.join(u.split_into)}" for u in level.units if u.split_into
        ]
        for key, names in (("completeness_formerly", renamed), ("completeness_split", split)):
            if names:
                lines.append(ui(key, lang, names="; ".join(names)))
    console.print(escape_controls("\n".join(lines)), highlight=False, soft_wrap=True)


def _named(unit: UnitStatus, lang: str) -> str:
    """A unit's names down to it; one not expected with the closest expected name."""
    name = " / ".join(unit.path)
    if unit.closest is None:
        return name
    like = f"'{unit.closest}'" if lang == "en" else f"«{unit.closest}»"
    return f"{name} ({ui('did_you_mean', lang, like=like)})"


_LISTED = (("missing", "completeness_missing"), ("not_expected", "completeness_not_expected"))


def write_months(
    config: Config,
    period: Period,
    combined: Combined,
    reported: list[UnitMonths],
    lang: str,
    quiet: bool,
) -> bool:
    """A longer period's completeness (`NAME.completeness.json`, and `.csv` with CSV): the
    months it is built from and those missing, and each unit's months reported and not."""
    _, stderr = consoles()
    report = {
        "period": period.code,
        "months": [m.code for m in combined.months],
        "months_missing": [m.code for m in combined.missing],
        "units": [unit.to_dict() for unit in reported],
    }
    rows = [
        [u.level, " / ".join(u.path), " ".join(u.months), " ".join(u.missing)] for u in reported
    ]
    table = pd.DataFrame(rows, columns=["level", "unit", "months", "missing"])
    return write_completeness(config, period, report, table, lang, stderr, quiet)


def write_completeness(
    config: Config,
    period: Period,
    report: dict[str, Any],
    table: pd.DataFrame,
    lang: str,
    stderr: Console,
    quiet: bool,
) -> bool:
    """Who reported: `report` as `NAME.completeness.json`, and `table` as `.csv` when CSV
    is among the formats; each replaced whole, said unless `quiet`."""
    path = config.output(period, ".completeness.json")
    text = (json_text(report, indent=2) + "\n").encode("utf-8")

    def write_json() -> None:
        write_binary_file(path, lambda stream: stream.write(text))

    written = write_output(stderr, path, lang, write_json, quiet)
    if "csv" in config.keys.outputs.formats:
        csv_path = config.output(period, ".completeness.csv")

        def write_csv() -> None:
            write_binary_file(csv_path, lambda stream: write_table_csv(stream, table, True, False))

        written &= write_output(stderr, csv_path, lang, write_csv, quiet)
    return written


def reported_none(config: Config, combined: Combined, expected: Any) -> list[UnitMonths]:
    """The units the config's list expects that reported in none of a longer period's months
    (none known without a list), each with every month missing."""
    if expected is None:
        return []
    renames = Renames(config.keys.renamed)
    crosswalk = None
    if config.keys.official:
        crosswalk = official_renames(config.keys.renamed, expected).crosswalk
    own_level = config.unit[0] if config.unit else None
    source = str(config.history)
    units = never_reported(combined.records, source, expected, crosswalk, renames, own_level)
    months = tuple(m.code for m in combined.months)
    return [UnitMonths(unit.level, unit.path, (), months) for unit in units]
