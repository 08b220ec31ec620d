"""Rendering roll-ups and problems (xuất kết quả): terminal, JSON, CSV, Markdown, Excel."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from danvan_cli.formatting import format_value, plain_number
from danvan_cli.messages import FIELD_LABELS, LEVEL_LABELS, ORGANIZATION_LABELS, label, ui
from danvan_cli.problems import Problem
from danvan_cli.rollup import ALL, Rollup
from danvan_cli.vocabulary import HOUSEHOLD_METRICS, LEVELS, RATING_METRICS

TERMINAL_HIDDEN = frozenset(RATING_METRICS)
TEXT_COLUMNS = frozenset({*LEVELS, "organization"})


def rollup_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of one level as plain dicts: names as text, numbers as int/float/None."""
    return [
        {k: (v if k in TEXT_COLUMNS else plain_number(v)) for k, v in record.items()}
        for record in table.to_dict("records")
    ]


def to_document(
    rollup: Rollup | None,
    problems: Sequence[Problem],
    levels_present: Sequence[str],
    shown: Sequence[str],
    lang: str,
    kind: str = "membership",
) -> dict[str, Any]:
    """The JSON contract: kind, levels, rollups, total, problems."""
    document: dict[str, Any] = {
        "kind": kind,
        "levels": list(levels_present),
        "rollups": {},
        "total": None,
    }
    if rollup is not None:
        document["rollups"] = {level: rollup_rows(rollup.tables[level]) for level in shown}
        document["total"] = {k: plain_number(v) for k, v in rollup.total.items()}
        if rollup.total_by_organization is not None:
            document["total_by_organization"] = {
                row.pop("organization"): row for row in rollup_rows(rollup.total_by_organization)
            }
    document["problems"] = [p.to_dict(lang) for p in problems]
    return document


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(rollup: Rollup, shown: Sequence[str]) -> str:
    """One long table: a `level` column, the unit path, organisation and every figure."""
    header = ["level", *rollup.levels, "organization", *rollup.metrics]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for level in shown:
        for row in rollup_rows(rollup.tables[level]):
            writer.writerow({"level": level, **row})
    writer.writerow({"level": "total", "organization": ALL, **rollup.total})
    return buffer.getvalue()


def localized_table(
    table: pd.DataFrame, level: str, metrics: Sequence[str], lang: str, organizations: bool = True
) -> tuple[list[str], list[list[str]]]:
    """Header and text rows of one level as people read them."""
    names = [c for c in table.columns if c in LEVELS]
    rows_table = table if organizations else table[table["organization"] == ALL]
    header = [label(FIELD_LABELS, n, lang) for n in names]
    if organizations:
        header.append(label(FIELD_LABELS, "organization", lang))
    header += [label(FIELD_LABELS, m, lang) for m in metrics]
    rows = []
    for record in rows_table.to_dict("records"):
        org = record["organization"]
        row = [str(record[n]) for n in names]
        if organizations:
            row.append(label(ORGANIZATION_LABELS, org, lang))
        for metric in metrics:
            value = record.get(metric)
            hidden = org != ALL and metric in HOUSEHOLD_METRICS
            row.append("" if hidden else format_value(value, metric, lang))
        rows.append(row)
    return header, rows


def total_row(rollup: Rollup, width_names: int, metrics: Sequence[str], lang: str) -> list[str]:
    return [ui("total", lang), *[""] * (width_names - 1)] + [
        format_value(rollup.total.get(m), m, lang) for m in metrics
    ]


def to_markdown(rollup: Rollup, shown: Sequence[str], lang: str) -> str:
    parts = []
    for level in shown:
        header, rows = localized_table(rollup.tables[level], level, rollup.metrics, lang)
        rows.append(total_row(rollup, len(header) - len(rollup.metrics), rollup.metrics, lang))
        title = ui("level_title", lang, level=label(LEVEL_LABELS, level, lang))
        parts.append(f"## {title}\n\n{_markdown_table(header, rows)}")
    return "\n\n".join(parts) + "\n"


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    separator = "|" + "|".join("---" for _ in header) + "|"
    return "\n".join([line(header), separator, *[line(r) for r in rows]])


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    path = path.resolve()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_file(path: Path, text: str, bom: bool = False) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))
