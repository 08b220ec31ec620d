"""The roll-up and the problems on screen (hiển thị), with rich."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from danvan_cli.messages import LEVEL_LABELS, label, ui
from danvan_cli.problems import Problem, place_text
from danvan_cli.render import TERMINAL_HIDDEN, localized_table, total_row
from danvan_cli.rollup import Rollup


def print_rollup(console: Console, rollup: Rollup, shown: Sequence[str], lang: str) -> None:
    """One table per level ("all" organisations), then the totals per organisation."""
    metrics = [m for m in rollup.metrics if m not in TERMINAL_HIDDEN]
    for level in shown:
        header, rows = localized_table(
            rollup.tables[level], level, metrics, lang, organizations=False
        )
        title = ui("level_title", lang, level=label(LEVEL_LABELS, level, lang))
        table = _table(title, header, len(header) - len(metrics))
        for row in rows:
            table.add_row(*row)
        table.add_row(*total_row(rollup, len(header) - len(metrics), metrics, lang), style="bold")
        console.print(table)
    by_org = rollup.total_by_organization
    if by_org is not None:
        org_metrics = [m for m in rollup.metrics if m in by_org.columns]
        header, rows = localized_table(by_org, "", org_metrics, lang)
        table = _table(ui("total", lang), header, 1)
        for row in rows:
            table.add_row(*row)
        table.add_row(*total_row(rollup, 1, org_metrics, lang), style="bold")
        console.print(table)


def _table(title: str, header: list[str], text_columns: int) -> Table:
    table = Table(title=title, title_style="bold", header_style="bold")
    for index, name in enumerate(header):
        if index < text_columns:
            table.add_column(name, justify="left", ratio=2)
        else:
            table.add_column(name, justify="right", no_wrap=True, ratio=1)
    return table


def print_problems(console: Console, problems: Sequence[Problem], lang: str) -> None:
    """Each problem on one line: where, what, and what was expected."""
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        where = place_text(problem.file, problem.sheet, problem.row, lang)
        if problem.column:
            where += f", {ui('column', lang).lower()} «{problem.column}»"
        text = Text(ui(problem.severity, lang), style=style)
        text.append(f" {where}: {problem.message(lang)}" if where else f" {problem.message(lang)}")
        expected = problem.expected(lang)
        if expected:
            text.append(f" ({ui('expected', lang)}: {expected})")
        console.print(text, highlight=False, soft_wrap=True)


def verdict(problems: Sequence[Problem], skipped_rows: int, summed: bool, lang: str) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors and skipped_rows and summed:
        return ui("verdict_skipped", lang, rows=skipped_rows)
    if errors:
        return ui("verdict_errors", lang, errors=errors, warnings=warnings)
    if warnings:
        return ui("verdict_warnings", lang, warnings=warnings)
    return ui("verdict_ok", lang)


def check_verdict(problems: Sequence[Problem], lang: str) -> str:
    """The one-line verdict of `danvan validate` (nothing is summed there)."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors:
        return ui("verdict_check_errors", lang, errors=errors, warnings=warnings)
    return verdict(problems, 0, False, lang)
