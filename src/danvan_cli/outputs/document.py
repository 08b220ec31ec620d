"""A roll-up as people read it (báo cáo), whatever its kind: a title line, titled tables of
names and figures each with its total row, notes; drawn on the terminal and in Markdown
here, in a workbook by `excel.write_document_xlsx`, one writer each. A kind says only what
its document holds."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from rich.console import Console

from danvan_cli.model.messages import ui
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.render import problem_table, write_markdown_sections
from danvan_cli.outputs.terminal import print_table
from danvan_cli.text.formatting import format_look, is_blank


def _every_row(row: list[Any]) -> bool:
    return True


@dataclass
class Table:
    """One table: its title (on the terminal and in Markdown) and its sheet's name in a
    workbook, the header, the body's rows (made afresh at each call: a country's village
    table is never held twice), the total row; each row `names` text cells, then the
    figures (numbers, None where not given), each drawn with its look (`formatting.COUNT`,
    `DECIMAL`, `PERCENT`). A workbook's STT numbers the rows `numbered` says.

    A table of a level's units (`level`; None: another table) names each unit by its path
    (its ancestors' names, then its own), then, when more names follow, by a category's
    value (a unit's row for all values first: the one `numbered`). The official workbook
    (`outputs.official`) spreads the values side by side under `groups` (header groups
    over the figures: a label and how many figures it spans; none: each figure its own),
    and adds `by_category` under them: the grand total's row per category value, as the
    body's rows are. A table not `in_markdown` is left out of the Markdown (membership's
    totals per organisation: its JSON holds them)."""

    title: str
    sheet: str
    header: list[str]
    rows: Callable[[], Iterable[list[Any]]]
    total: list[Any]
    names: int
    looks: list[str]
    numbered: Callable[[list[Any]], bool] = _every_row
    level: str | None = None
    groups: Sequence[tuple[str, int]] = ()
    by_category: Callable[[], Iterable[list[Any]]] | None = None
    in_markdown: bool = True

    def texts(self, rows: Iterable[list[Any]], missing: str, lang: str) -> Iterator[list[str]]:
        """Rows as people read them: names as they are (blank where None), figures in the
        user's number format, `missing` where not given; each distinct figure of a column
        formatted once (a country's village table has ten million)."""
        names, looks = self.names, self.looks
        said: list[dict[Any, str]] = [{} for _ in looks]
        for row in rows:
            texts = row[:names]
            texts += map(dict.get, said, row[names:])
            if None in texts:  # a blank name, a figure met first (or NaN: never found)
                for at in [at for at, text in enumerate(texts) if text is None]:
                    figure = at - names
                    texts[at] = (
                        _said(said[figure], row[at], looks[figure], missing, lang)
                        if figure >= 0
                        else ""
                    )
            yield texts


def _said(seen: dict[Any, str], value: Any, look: str, missing: str, lang: str) -> str:
    """A figure as text, kept in `seen` (but NaN, which no lookup finds)."""
    if is_blank(value):
        seen[None] = missing
        return missing
    text = seen[value] = format_look(value, look, lang)
    return text


@dataclass
class Document:
    """What a kind's roll-up shows: a title line (a template's name and version; None: no
    such line), the tables, the notes under them (how ratios were taken), and the text of a
    figure not given; for the official workbook, the report's name (`heading`), the
    figures its chart shows (their positions among a table's figures) and those shown
    under each category value (None: all; the row for all values shows all)."""

    title: str | None
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    missing: str = "–"
    heading: str = ""
    charted: tuple[int, ...] = (0,)
    split_shown: tuple[int, ...] | None = None

    def section(self, table: Table, lang: str) -> tuple[str, list[str], list[list[str]]]:
        """A table's title, header and rows as text, the total row last."""
        return (
            table.title,
            table.header,
            list(table.texts(itertools.chain(table.rows(), [table.total]), self.missing, lang)),
        )


def print_document(console: Console, document: Document, lang: str) -> None:
    """The title line in bold, each table with its total row in bold, the notes."""
    if document.title is not None:
        console.print(document.title, style="bold", highlight=False)
    for table in document.tables:
        title, header, rows = document.section(table, lang)
        print_table(console, title, header, rows[:-1], rows[-1], table.names)
    for note in document.notes:
        console.print(note, highlight=False)


def write_document_markdown(
    stream: TextIO, document: Document, lang: str, problems: Sequence[Problem] = ()
) -> None:
    """The title line, a section per table, the notes, the problems (rows left out with
    --skip-invalid among them)."""
    if document.title is not None:
        stream.write(f"# {document.title}\n\n")
    tables = (table for table in document.tables if table.in_markdown)
    write_markdown_sections(stream, (document.section(table, lang) for table in tables))
    if document.notes:
        stream.write("\n" + "\n".join(f"- {note}" for note in document.notes) + "\n")
    if problems:
        stream.write("\n")
        write_markdown_sections(
            stream, [(ui("problems_title", lang), *problem_table(problems, lang))]
        )
