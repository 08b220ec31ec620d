"""Command-line interface (giao diện dòng lệnh): parses options and calls library functions.

Heavy libraries (pandas, calamine, openpyxl) are imported inside the commands, so
`danvan --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from danvan_cli.cli import options
from danvan_cli.cli.helptext import Group
from danvan_cli.cli.options import (
    CheckFormat,
    Kind,
    Lang,
    OutputFormat,
    Severity,
)
from danvan_cli.cli.template import template_app
from danvan_cli.ingest.limits import DEFAULT, Limits, set_limits

if TYPE_CHECKING:
    from danvan_cli.model.declaration import ReportKind

app = typer.Typer(
    name="danvan",
    help=(
        "Tổng hợp số liệu Dân vận: đọc các bảng tính chi hội, đoàn viên, hội viên gửi lên, "
        "kiểm tra từng dòng và cộng theo từng cấp (tỉnh, huyện, xã, thôn).\n\n"
        "Roll up Dân vận membership spreadsheets: read what units send, check every row, "
        "and add up the figures for every administrative level."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    cls=Group,
)
app.add_typer(template_app)
history_app = typer.Typer(
    name="history",
    help="Lịch sử số liệu (danvan.db): các kỳ đã lưu. The history (danvan.db): the periods kept.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(history_app)


@app.callback()
def danvan(version: options.Version = False) -> None:
    # `--version` only, which its callback answers; the help is app's
    pass


@app.command()
def summarize(
    paths: options.PathsArgument,
    sheet: options.Sheet = None,
    level: options.Levels = None,
    output_format: options.Format = OutputFormat.table,
    output: options.Outputs = None,
    skip_invalid: options.SkipInvalid = False,
    subtotal_mismatch: options.SubtotalMismatch = Severity.error,
    lang: options.Language = Lang.vi,
    kind: options.TableKind = Kind.auto,
    csv_raw: options.CsvRaw = False,
    max_cells: options.MaxCells = DEFAULT.max_cells,
    max_unzipped_mb: options.MaxUnzipped = DEFAULT.max_unzipped_mb,
    max_zip_ratio: options.MaxRatio = DEFAULT.max_zip_ratio,
    quiet: options.Quiet = False,
    template: options.Template = None,
    narrative: options.Narrative = False,
    feedback: options.Feedback = None,
    csv_sep: options.CsvSep = ",",
    keep_order: options.KeepOrder = False,
    official: options.Official = False,
    title: options.Title = None,
    period: options.ReportPeriod = None,
    org_name: options.OrgName = None,
    paper: options.Paper = "A4",
) -> None:
    """Cộng số liệu theo từng cấp: chi hội, đoàn viên, hội viên, hoặc mô hình tự quản, "Dân vận
    khéo". Roll up membership or community-model figures level by level."""
    if narrative and output_format is not OutputFormat.table:
        from danvan_cli.model.messages import ui

        raise typer.BadParameter(ui("narrative_format", lang.value), param_hint="--narrative")
    heading = _heading(official, output or [], title, period, org_name, lang.value, paper)
    limits = Limits(max_cells, max_unzipped_mb, max_zip_ratio)
    declared = _start_reading(paths, sheet, kind, template, lang, limits)
    from danvan_cli.cli.commands import run_summarize

    common = (paths, sheet, level, output_format.value, output or [], skip_invalid, lang.value)
    severity = subtotal_mismatch.value
    raise typer.Exit(
        run_summarize(
            *common,
            kind=kind.value,
            subtotal_severity=severity,
            csv_raw=csv_raw,
            quiet=quiet,
            template=declared,
            narrative=narrative,
            feedback=feedback,
            csv_sep=csv_sep,
            keep_order=keep_order,
            official=heading,
        )
    )


def _heading(
    official: bool,
    outputs: Sequence[Path],
    title: str | None,
    period: str | None,
    org_name: str | None,
    lang: str,
    paper: str,
):
    """What `--official` and its options ask for (`outputs.heading.Heading`; None: the
    data workbook); `--official` without an .xlsx or a .pdf (its print) to write, on a
    paper not known ("a3" is A3), or its options given without it, is a usage error."""
    from danvan_cli.model.messages import ui

    if not official:
        given = {"--title": title, "--period": period, "--org-name": org_name}
        named = [name for name, value in given.items() if value is not None]
        named += ["--paper"] if paper.strip().upper() != "A4" else []
        if named:
            options_given = ", ".join(named)
            hint = ui("official_options_alone", lang, options=options_given)
            raise typer.BadParameter(hint, param_hint=named[0])
        return None
    from danvan_cli.outputs.heading import Heading
    from danvan_cli.outputs.paper import PAPER_SIZES

    if not any(path.suffix.lower() in (".xlsx", ".pdf") for path in outputs):
        raise typer.BadParameter(ui("official_needs_xlsx", lang), param_hint="--official")
    if paper.strip().upper() not in PAPER_SIZES:
        papers = ", ".join(PAPER_SIZES)
        raise typer.BadParameter(
            ui("paper", lang, value=paper, papers=papers), param_hint="--paper"
        )
    org = org_name.replace("\\n", "\n").strip() if org_name else None
    return Heading(org or None, title, period, paper=paper.strip().upper())


@app.command()
def validate(
    paths: options.PathsArgument,
    sheet: options.Sheet = None,
    output_format: options.ValidateFormat = CheckFormat.table,
    subtotal_mismatch: options.SubtotalMismatch = Severity.error,
    lang: options.Language = Lang.vi,
    kind: options.TableKind = Kind.auto,
    max_cells: options.MaxCells = DEFAULT.max_cells,
    max_unzipped_mb: options.MaxUnzipped = DEFAULT.max_unzipped_mb,
    max_zip_ratio: options.MaxRatio = DEFAULT.max_zip_ratio,
    quiet: options.Quiet = False,
    template: options.Template = None,
    feedback: options.Feedback = None,
) -> None:
    """Chỉ kiểm tra, không cộng: liệt kê mọi lỗi theo tệp. Check the files without summing."""
    limits = Limits(max_cells, max_unzipped_mb, max_zip_ratio)
    declared = _start_reading(paths, sheet, kind, template, lang, limits)
    from danvan_cli.cli.commands import run_validate

    raise typer.Exit(
        run_validate(
            paths,
            sheet=sheet,
            output_format=output_format.value,
            lang=lang.value,
            kind=kind.value,
            subtotal_severity=subtotal_mismatch.value,
            quiet=quiet,
            template=declared,
            feedback=feedback,
        )
    )


@app.command()
def compare(
    old: Annotated[
        str,
        typer.Argument(
            help="Kỳ cũ: tệp, thư mục hoặc mẫu tên tệp (bảng tính gửi lên, hoặc kết quả danvan "
            "đã ghi); với --db, một kỳ (2026-09). The old side: files, or with --db a period.",
            metavar="CŨ",
            show_default=False,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="Kỳ mới, như CŨ. The new side, as the old.",
            metavar="MỚI",
            show_default=False,
        ),
    ],
    db: options.HistoryDb = None,
    config: options.TrendConfig = None,
    threshold: options.Threshold = 20.0,
    level: options.Levels = None,
    output_format: options.Format = OutputFormat.table,
    output: options.TableOutputs = None,
    sheet: options.Sheet = None,
    lang: options.Language = Lang.vi,
    kind: options.TableKind = Kind.auto,
    template: options.Template = None,
    csv_raw: options.CsvRaw = False,
    quiet: options.Quiet = False,
    narrative: options.Narrative = False,
) -> None:
    """So sánh hai kỳ: thay đổi của từng chỉ tiêu theo đơn vị và cấp, đơn vị mới có hoặc không
    còn, thay đổi quá ngưỡng. Compare two roll-ups: each figure's change per unit and level."""
    if narrative and output_format is not OutputFormat.table:
        from danvan_cli.model.messages import ui

        raise typer.BadParameter(ui("narrative_format", lang.value), param_hint="--narrative")
    outputs = output or []
    from danvan_cli.cli.compare import Request, run_compare_files, run_compare_periods

    request = Request(
        level, output_format.value, outputs, threshold, lang.value, quiet, csv_raw, narrative
    )
    declared = None
    if template is not None:
        from danvan_cli.cli.declared import load_kind

        declared = load_kind(template, lang.value)
        if declared is None:
            raise typer.Exit(2)
    if db is not None or config is not None:
        raise typer.Exit(run_compare_periods(old, new, db, request, kind.value, declared, config))
    raise typer.Exit(run_compare_files(old, new, request, kind.value, sheet, declared))


@app.command()
def rollup(
    config: options.Config = Path("danvan.toml"),
    period: options.Period = None,
    require_complete: options.RequireComplete = False,
    lang: options.Language = Lang.vi,
    quiet: options.Quiet = False,
    keep_order: options.KeepOrder = False,
) -> None:
    """Tổng hợp một kỳ theo tệp cấu hình: đọc các tệp gửi lên, ghi kết quả, báo đơn vị chưa
    gửi, lưu vào lịch sử. Roll up one period as a config says: read what units sent, write
    the outputs, say who has not reported, keep the records in the history."""
    from danvan_cli.cli.rollup import run_rollup

    raise typer.Exit(run_rollup(config, period, require_complete, lang.value, quiet, keep_order))


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(
            help="Tệp cấu hình sẽ ghi. The config file to write.",
            dir_okay=False,
            metavar="TỆP.toml",
        ),
    ] = Path("danvan.toml"),
    force: options.Force = False,
    lang: options.Language = Lang.vi,
    quiet: options.Quiet = False,
) -> None:
    """Ghi một tệp cấu hình mẫu có ghi chú cho «danvan rollup». Write a commented example
    config for danvan rollup."""
    from danvan_cli.cli.init import run_init

    raise typer.Exit(run_init(path, force, lang.value, quiet))


def _start_reading(
    paths: list[str],
    sheet: str | None,
    kind: Kind,
    template: Path | None,
    lang: Lang,
    limits: Limits,
) -> ReportKind | None:
    """The limits set and each big file's decoding started (while the rest is imported),
    its columns the template's kind's when one is given: that kind (exit 2 when the
    template has mistakes, each said)."""
    set_limits(limits)
    from danvan_cli.ingest.read import start_reading, tune_process

    tune_process()  # before the table finder and the template's loader import numpy
    from danvan_cli.kinds.detect import SHIPPED, columns_read

    if template is None:
        start_reading(paths, sheet, columns_read(SHIPPED.get(kind.value)))
        return None
    from danvan_cli.cli.declared import load_kind

    declared = load_kind(template, lang.value)
    if declared is None:
        raise typer.Exit(2)
    start_reading(paths, sheet, columns_read(declared))
    return declared


@history_app.command("list")
def history_list(
    db: options.History = Path("danvan.db"),
    lang: options.Language = Lang.vi,
    quiet: options.Quiet = False,
) -> None:
    """Các kỳ đã lưu: loại báo cáo, các cấp, số đơn vị, dòng số liệu, bảng nguồn. The periods
    kept: kind, levels, units, records, source tables."""
    from danvan_cli.cli.history import run_history_list

    raise typer.Exit(run_history_list(db, lang.value))


@app.command()
def trend(
    figure: options.Figure = "members",
    level: options.TrendLevel = None,
    kind: options.HistoryKind = None,
    db: options.History = Path("danvan.db"),
    config: options.TrendConfig = None,
    lang: options.Language = Lang.vi,
    quiet: options.Quiet = False,
) -> None:
    """Một chỉ tiêu qua các kỳ trong lịch sử: bảng theo đơn vị và biểu đồ nhỏ; với
    --config, đơn vị đổi tên là một dòng. One figure over the history's periods: a table per
    unit and a small chart; with --config, a renamed unit is one series."""
    from danvan_cli.cli.history import run_trend

    raise typer.Exit(run_trend(db, figure, level, kind, lang.value, config))


def run(args: Sequence[str] | None = None) -> int:
    """danvan with these arguments (the command line's by default): its exit code. A mistake
    in the command is told in the language asked for with `--lang`, Vietnamese by default."""
    args = list(sys.argv[1:] if args is None else args)
    try:
        code = app(args=args, prog_name="danvan", standalone_mode=False)
    except typer.Abort:
        return 1
    except typer.TyperException as error:  # a usage mistake (click's UsageError and kin)
        from danvan_cli.cli.usage import show_usage_error

        show_usage_error(error, args, sys.stderr)
        return error.exit_code
    except SystemExit as done:  # a reader that went away (`| head`), as click ends it
        return done.code if isinstance(done.code, int) else 1
    except OSError as error:  # standard output that cannot take the result (a full disk)
        from danvan_cli.cli.usage import show_output_error

        show_output_error(error, args, sys.stderr)
        return 2
    return code if isinstance(code, int) else 0


def main() -> None:
    """Run the command line (the `danvan` console script, after `launch.main`).

    Once the command is done and what it printed is flushed, the process ends without
    tearing the interpreter down object by object (a country's tables: measured at about
    a tenth of a run). Everything danvan writes to files is closed by then."""
    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the stream was closed (`>&-`), or no console
                stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`)
            code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
