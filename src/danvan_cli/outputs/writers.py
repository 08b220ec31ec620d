"""A kind's writers, one per format (trình ghi kết quả), and the `-o FILE` written by its
extension through them: every kind of report is shown and written the same way, only its
writers differ."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from danvan_cli.engine.rollup import Rollup
from danvan_cli.model.declaration import ReportKind
from danvan_cli.model.problems import Problem
from danvan_cli.outputs.document import Document, print_document, write_document_markdown
from danvan_cli.outputs.excel import write_document_xlsx
from danvan_cli.outputs.heading import Heading
from danvan_cli.outputs.jsoncsv import write_csv, write_json
from danvan_cli.outputs.official import write_official_xlsx
from danvan_cli.outputs.render import write_binary_file, write_text_file

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Writers:
    """How one kind's roll-up is drawn: on the terminal (console, roll-up, levels shown,
    language); as JSON (stream, roll-up or None, problems, levels present, levels shown,
    language); as CSV (stream, roll-up, levels shown, with a BOM, as is); as Markdown
    (stream, roll-up, levels shown, language, problems); as a workbook (path, roll-up or
    None, problems, levels shown, language); as the official workbook (the same, and its
    heading: `outputs.official`)."""

    table: Callable[[Console, Rollup, Sequence[str], str], None]
    json: Callable[
        [BinaryIO, Rollup | None, Sequence[Problem], Sequence[str], Sequence[str], str], None
    ]
    csv: Callable[[BinaryIO, Rollup, Sequence[str], bool, bool], None]
    markdown: Callable[[TextIO, Rollup, Sequence[str], str, Sequence[Problem]], None]
    xlsx: Callable[[Path, Rollup | None, Sequence[Problem], Sequence[str], str], None]
    official: (
        Callable[[Path, Rollup | None, Sequence[Problem], Sequence[str], str, Heading], None] | None
    ) = None


def write_file(
    writers: Writers,
    path: Path,
    rollup: Rollup | None,
    problems: Sequence[Problem],
    levels_present: Sequence[str],
    shown: Sequence[str],
    lang: str,
    csv_raw: bool = False,
) -> None:
    """`-o FILE`, its format by its extension: .xlsx, .json, .csv (UTF-8 with BOM), .md;
    atomically."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        writers.xlsx(path, rollup, problems, shown, lang)
    elif suffix == ".json":
        args = (rollup, problems, levels_present, shown, lang)
        write_binary_file(path, lambda stream: writers.json(stream, *args))
    elif suffix == ".csv":
        write_binary_file(path, lambda stream: writers.csv(stream, rollup, shown, True, csv_raw))
    else:
        args = (rollup, shown, lang, problems)
        write_text_file(path, lambda stream: writers.markdown(stream, *args))


# A kind's document of its roll-up (None: nothing summed): roll-up, levels shown, language,
# and whether it is for the terminal (narrow: a kind may leave columns out).
Build = Callable[[Any, Sequence[str], str, bool], Document]


def document_writers(kind: ReportKind, report: Build) -> Writers:
    """A kind's writers (`writers.Writers`): its JSON and CSV written as its declaration
    says (`jsoncsv`), and the terminal, Markdown, workbook and official workbook drawn from
    its `report`."""

    def json(stream: BinaryIO, *args: Any) -> None:
        write_json(stream, kind, *args)

    def csv(stream: BinaryIO, *args: Any) -> None:
        write_csv(stream, kind, *args)

    def table(console: Console, rollup: Any, shown: Sequence[str], lang: str) -> None:
        print_document(console, report(rollup, shown, lang, True), lang)

    def markdown(
        stream: TextIO, rollup: Any, shown: Sequence[str], lang: str, problems: Sequence[Problem]
    ) -> None:
        write_document_markdown(stream, report(rollup, shown, lang, False), lang, problems)

    def xlsx(
        path: Path, rollup: Any, problems: Sequence[Problem], shown: Sequence[str], lang: str
    ) -> None:
        write_document_xlsx(path, report(rollup, shown, lang, False), problems, lang)

    return Writers(table, json, csv, markdown, xlsx, official_writer(report))


def official_writer(
    report: Build,
) -> Callable[[Path, Any, Sequence[Problem], Sequence[str], str, Heading], None]:
    """The official workbook of a kind whose document is its `report` (every level's
    table: the shown levels' sheets group their units under the levels above)."""

    def official(
        path: Path,
        rollup: Any,
        problems: Sequence[Problem],
        shown: Sequence[str],
        lang: str,
        heading: Heading,
    ) -> None:
        levels = rollup.levels if rollup is not None else []
        document = report(rollup, levels, lang, False)
        write_official_xlsx(path, document, levels, shown, problems, lang, heading)

    return official
