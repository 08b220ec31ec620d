"""document: one writer per format draws any kind's roll-up from what its document holds."""

from __future__ import annotations

import io
import math

from openpyxl import load_workbook
from rich.console import Console

from danvan_cli.model.problems import Problem
from danvan_cli.outputs import document
from danvan_cli.outputs.document import (
    Document,
    Table,
    print_document,
    write_document_markdown,
)
from danvan_cli.outputs.excel import write_document_xlsx
from danvan_cli.text.formatting import COUNT, PERCENT


def _document(missing: str = "") -> Document:
    rows = [["Xã A", "Tất cả", 1200, 0.5], ["Xã A", "Nhóm 1", None, None], ["Xã B", "Tất cả", 7, 1]]
    table = Table(
        "Tổng hợp cấp xã",
        "Xã",
        ["Xã", "Nhóm", "Số", "Tỉ lệ"],
        lambda: rows,
        ["Tổng cộng", "", 1207, 0.75],
        2,
        [COUNT, PERCENT],
        numbered=lambda row: row[1] == "Tất cả",
    )
    return Document("Mẫu X (bản 2)", [table], ["Tỉ lệ lấy trên 2 xã."], missing)


def test_markdown_has_the_title_the_tables_the_notes_and_the_problems():
    stream = io.StringIO()
    problem = Problem("warning", "program_not_given", "a.xlsx", "S", 4)
    write_document_markdown(stream, _document(), "vi", [problem])
    text = stream.getvalue()
    assert text.startswith(
        "# Mẫu X (bản 2)\n\n## Tổng hợp cấp xã\n\n"
        "| Xã | Nhóm | Số | Tỉ lệ |\n|---|---|---|---|\n"
        "| Xã A | Tất cả | 1.200 | 50,00% |\n| Xã A | Nhóm 1 |  |  |\n"
        "| Xã B | Tất cả | 7 | 100,00% |\n| Tổng cộng |  | 1.207 | 75,00% |\n"
        "\n- Tỉ lệ lấy trên 2 xã.\n\n## "
    )
    assert "a.xlsx" in text.splitlines()[-1]


def test_a_figure_not_given_is_the_documents_missing_text():
    stream = io.StringIO()
    print_document(Console(file=stream, width=120), _document("–"), "en")
    text = stream.getvalue()
    assert text.startswith("Mẫu X (bản 2)\n")
    assert "│ Xã A      │ Nhóm 1 │     – │       – │" in text
    assert text.endswith("Tỉ lệ lấy trên 2 xã.\n")


def test_workbook_numbers_the_rows_it_is_told_and_notes_the_title(tmp_path):
    path = tmp_path / "a.xlsx"
    write_document_xlsx(path, _document(), [], "vi")
    book = load_workbook(path)
    assert book.sheetnames[0] == "Xã" and len(book.sheetnames) == 2
    rows = list(book["Xã"].iter_rows(values_only=True))
    assert [row[0] for row in rows[:5]] == ["STT", 1, None, 2, None]
    assert rows[4][1:] == ("Tổng cộng", None, 1207, 0.75)
    assert [row[0] for row in rows[-2:]] == ["Tỉ lệ lấy trên 2 xã.", "Mẫu X (bản 2)"]
    problems = list(book.worksheets[-1].iter_rows(values_only=True))
    assert problems[-1][0] == "Mẫu X (bản 2)"


def test_each_distinct_figure_is_formatted_once(monkeypatch):
    formatted = []
    format_look = document.format_look
    monkeypatch.setattr(
        document, "format_look", lambda *args: formatted.append(args[0]) or format_look(*args)
    )
    rows = [["Xã A", 5, 0.5], ["Xã B", 5, 0.5], ["Xã C", 7, None], ["Xã D", 5.0, math.nan]]
    table = Table(
        "T", "T", ["Xã", "Số", "Tỉ lệ"], lambda: rows, [None, 17, 0.5], 1, [COUNT, PERCENT]
    )
    texts = list(table.texts([*rows, table.total], "–", "vi"))
    assert texts == [
        ["Xã A", "5", "50,00%"],
        ["Xã B", "5", "50,00%"],
        ["Xã C", "7", "–"],
        ["Xã D", "5", "–"],
        ["", "17", "50,00%"],
    ]
    assert formatted == [5, 0.5, 7, 17]


def test_a_table_left_out_of_the_markdown_is_still_on_the_terminal():
    shown = _document()
    totals = Table(
        "Tổng theo nhóm",
        "Tổng",
        ["Nhóm", "Số"],
        lambda: [["Nhóm 1", 3]],
        ["Tổng cộng", 3],
        1,
        [COUNT],
    )
    totals.in_markdown = False
    shown.tables.append(totals)
    stream = io.StringIO()
    write_document_markdown(stream, shown, "vi")
    assert "Tổng theo nhóm" not in stream.getvalue()
    assert stream.getvalue().count("## ") == 1
    screen = io.StringIO()
    print_document(Console(file=screen, width=120), shown, "vi")
    assert "Tổng theo nhóm" in screen.getvalue()
    assert "│ Nhóm 1    │  3 │" in screen.getvalue()
