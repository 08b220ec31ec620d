"""`danvan template init | check | show` (mẫu báo cáo): write, check and show a template file.

A template declares a report kind in TOML (`kinds.template`); `init` writes the commented
example every template can start from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from danvan_cli.cli import options
from danvan_cli.cli.options import Lang

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.text import Text

    from danvan_cli.kinds.template import Template
    from danvan_cli.model.declaration import CategoryValue, ReportKind, Rule, Wordings
    from danvan_cli.model.problems import Problem

template_app = typer.Typer(
    name="template",
    help=(
        "Mẫu báo cáo (tệp .toml) khai báo các chỉ tiêu, tỷ lệ và quy tắc kiểm tra của một loại "
        "bảng tính: tạo, kiểm tra, xem. Report templates (.toml files) declaring a kind of "
        "table's figures, ratios and rules: write, check, show."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_MISTAKES, EXIT_UNREADABLE = 0, 1, 2
DEFAULT_FILE = Path("mau_bao_cao.toml")


FileArgument = Annotated[
    Path,
    typer.Argument(
        help="Tệp mẫu (.toml). The template file.", show_default=False, metavar="TỆP.toml"
    ),
]


@template_app.command("init")
def init(
    file: Annotated[
        Path,
        typer.Argument(help="Tệp mẫu sẽ ghi. The template file to write.", metavar="[TỆP.toml]"),
    ] = DEFAULT_FILE,
    force: options.Force = False,
    language: options.Language = Lang.vi,
    quiet: options.Quiet = False,
) -> None:
    """Ghi một tệp mẫu có ghi chú để sửa theo bảng tính của mình. Write a commented example
    template to adapt."""
    from danvan_cli.cli.console import consoles, write_output
    from danvan_cli.kinds.template import example_text
    from danvan_cli.model.messages import ui
    from danvan_cli.outputs.render import write_text_file

    lang, (_, stderr) = language.value, consoles()
    if file.is_symlink() or (file.exists() and not force):
        key = "refuse_link" if file.is_symlink() else "template_exists"
        target = file.readlink() if file.is_symlink() else ""
        message = ui(key, lang, path=file, target=target)
        stderr.print(message, style="red", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNREADABLE)

    def write() -> None:
        write_text_file(file, example_text())

    if not write_output(stderr, file, lang, write, quiet):
        raise typer.Exit(EXIT_UNREADABLE)


@template_app.command("check")
def check(
    file: FileArgument, language: options.Language = Lang.vi, quiet: options.Quiet = False
) -> None:
    """Kiểm tra tệp mẫu: liệt kê từng lỗi với số dòng của nó. Check a template file: each
    mistake with its line."""
    from danvan_cli.cli.console import consoles
    from danvan_cli.kinds.template import read_template

    lang, template, (stdout, _) = language.value, read_template(file), consoles()
    _print_check(stdout, template, lang, quiet)
    raise typer.Exit(_exit_code(template))


@template_app.command("show")
def show(
    file: FileArgument, language: options.Language = Lang.vi, quiet: options.Quiet = False
) -> None:
    """In ra những gì tệp mẫu khai báo: các cấp, phân loại, chỉ tiêu, tỷ lệ, quy tắc. Print
    what a template declares."""
    from danvan_cli.cli.console import consoles
    from danvan_cli.kinds.template import read_template

    lang, template, (stdout, _) = language.value, read_template(file), consoles()
    if template.kind is None:
        _print_check(stdout, template, lang, quiet)
        raise typer.Exit(_exit_code(template))
    print_kind(stdout, template.kind, lang)


def _print_check(console: Console, template: Template, lang: str, quiet: bool = False) -> None:
    """Each problem of the template on a line, then the verdict (not when `quiet`: the exit
    code tells it)."""
    for problem in template.problems:
        console.print(problem_line(problem, lang), highlight=False, soft_wrap=True)
    if not quiet:
        console.print(_verdict(template, lang), highlight=False, soft_wrap=True)


def _exit_code(template: Template) -> int:
    if template.unreadable:
        return EXIT_UNREADABLE
    return EXIT_MISTAKES if template.kind is None else EXIT_OK


def problem_line(problem: Problem, lang: str) -> Text:
    """'Lỗi mau.toml, dòng 12, [[figures]] nha: ... (cần: ...)'."""
    from rich.text import Text

    from danvan_cli.model.messages import ui
    from danvan_cli.text.safe_text import escape_controls

    where = [problem.file or ""]
    if problem.row is not None:
        where.append(ui("template_line", lang, line=problem.row))
    if problem.column:
        where.append(problem.column)
    said = f" {', '.join(where)}: {problem.message(lang)}"
    expected = problem.expected(lang)
    if expected:
        said += f" ({ui('expected', lang)}: {expected})"
    style = "red" if problem.severity == "error" else "yellow"
    text = Text(ui(problem.severity, lang), style=style)
    text.append(escape_controls(said))
    return text


def _verdict(template: Template, lang: str) -> str:
    from danvan_cli.model.messages import ui

    kind = template.kind
    if kind is None:
        return ui("template_invalid", lang, errors=len(template.problems))
    counts = {"figures": len(kind.figures), "ratios": len(kind.ratios), "rules": len(kind.rules)}
    said = ui("template_valid", lang, name=kind.name, version=kind.version, **counts)
    if template.problems:
        said += " " + ui("template_warnings", lang, warnings=len(template.problems))
    return said


def print_kind(console: Console, kind: ReportKind, lang: str) -> None:
    """What a kind declares, a table for each part: categories with their values, figures
    with how they are carried, ratios, rules in words."""
    from rich.table import Table
    from rich.text import Text

    from danvan_cli.model.messages import LEVEL_LABELS, TEMPLATE_LABELS, label

    def word(key: str) -> str:
        return label(TEMPLATE_LABELS, key, lang)

    def table(title: str, *columns: str) -> Table:
        shown = Table(title=title, title_style="bold", header_style="bold", title_justify="left")
        for column in columns:
            shown.add_column(word(column))
        return shown

    levels = ", ".join(label(LEVEL_LABELS, level, lang) for level in kind.levels)
    head = (
        f"{word('template')}: {kind.labels(lang)} ({kind.name}, {word('version')} {kind.version})"
    )
    console.print(Text(head, style="bold"))
    console.print(f"{word('levels')}: {levels}")
    if kind.categories:
        shown = table(word("categories"), "code", "name", "headers", "values")
        for category in kind.categories:
            values = "\n".join(_value_said(v, lang, word) for v in category.values)
            shown.add_row(category.code, category.labels(lang), _phrases(category, word), values)
        console.print(shown)
    shown = table(
        word("figures"), "code", "name", "unit", "over_units", "over_time", "split_by", "headers"
    )
    for figure in kind.figures:
        minimum = "" if figure.minimum is None else f" ≥ {figure.minimum:g}"
        shown.add_row(
            figure.code,
            figure.labels(lang),
            word(figure.unit) + minimum,
            word(figure.over_units),
            word(figure.over_time),
            ", ".join(figure.split_by),
            _phrases(figure, word),
        )
    console.print(shown)
    if kind.ratios:
        shown = table(word("ratios"), "code", "name", "numerator", "denominator", "paired")
        for ratio in kind.ratios:
            paired = word("yes" if ratio.paired else "no")
            name = ratio.labels(lang) + (" (%)" if ratio.percent else "")
            shown.add_row(ratio.code, name, ratio.numerator, ratio.denominator, paired)
        console.print(shown)
    if kind.rules:
        shown = table(word("rules"), "code", "rule", "importance", "missing", "scope", "message")
        for rule in kind.rules:
            shown.add_row(
                rule.code,
                _rule_words(rule, kind, lang),
                word(rule.importance),
                _missing_words(rule, word),
                word(f"scope_{rule.scope}"),
                _message_words(rule, kind, lang),
            )
        console.print(shown)


def _missing_words(rule: Rule, word: Callable[[str], str]) -> str:
    """What a rule does with figures not given: a pair asks exactly that, whatever its
    `missing` says."""
    pair = rule.op in ("compulsory_pair", "exclusive_pair")
    said = word("pair_missing" if pair else rule.missing)
    return said + ("; " + word("left_out") if rule.absent == "left_out" else "")


def _phrases(item: Wordings, word: Callable[[str], str]) -> str:
    """Its headers, its patterns between slashes, its abbreviations said to be short forms."""
    short = [f"/{p}/ ({word('short_form')})" for p in item.abbreviations]
    return "\n".join([*item.headers, *(f"/{p}/" for p in item.patterns), *short])


def _value_said(value: CategoryValue, lang: str, word: Callable[[str], str]) -> str:
    """'nong_dan: Hội Nông dân (Hội ND, /\\bhnd\\b/ (viết tắt))': a category value, its
    headers and its abbreviations."""
    short = [f"/{p}/ ({word('short_form')})" for p in value.abbreviations]
    said = ", ".join([*value.headers, *short])
    return f"{value.code}: {value.labels(lang)}" + (f" ({said})" if said else "")


def _message_words(rule: Rule, kind: ReportKind, lang: str) -> str:
    """The rule's message; for a rule whose problems are another code's (`problem`), that
    code and its words too, the sides named by their figures and the values left out:
    'báo theo mã exceeds: «Nữ» (…) lớn hơn «Số hội viên» (…).'"""
    from danvan_cli.model.messages import TEMPLATE_LABELS, label, render_message

    if rule.problem is None:
        return rule.message(lang)
    left, right = _side_words(rule.left, kind, lang), _side_words(rule.right, kind, lang)
    sides = {"column": left, "left_expr": left, "limit_column": right, "right_expr": right}
    values = dict.fromkeys(("value", "limit_value", "left", "right"), "…")
    words = render_message(rule.problem, lang, {**sides, **values})
    reported = label(TEMPLATE_LABELS, "reported_as", lang)
    return f"{rule.message(lang)}\n{reported} {rule.problem}: {words}"


def _side_words(side: str, kind: ReportKind, lang: str) -> str:
    """A rule's side by its figures' names and its numbers as written."""
    from danvan_cli.model.declaration import terms

    said = []
    for sign, term in terms(side):
        name = kind.figure(term).labels(lang) if isinstance(term, str) else _number(term, lang)
        said.append(("- " if sign < 0 else "+ " if said else "") + name)
    return " ".join(said)


def _rule_words(rule: Rule, kind: ReportKind, lang: str) -> str:
    """'Số hộ có hội viên ≤ Tổng số hộ'; a pair: 'Nhà, Trị giá nhà: có bên này thì phải có
    bên kia'."""
    from danvan_cli.model.messages import TEMPLATE_LABELS, label

    left, right = _side_words(rule.left, kind, lang), _side_words(rule.right, kind, lang)
    if rule.op in ("compulsory_pair", "exclusive_pair"):
        return f"{left}, {right}: {label(TEMPLATE_LABELS, rule.op, lang)}"
    if rule.op == "needs":
        return f"{left} > 0 → {right} > 0"
    return f"{left} {_OPERATORS[rule.op]} {right}"


def _number(value: float, lang: str) -> str:
    """A rule's number as written, thousands grouped: 2,125 and 1.000 (English 2.125, 1,000)."""
    text = f"{int(value):,}" if value.is_integer() else f"{value:,}"
    return text if lang == "en" else text.translate(str.maketrans(",.", ".,"))


_OPERATORS = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
