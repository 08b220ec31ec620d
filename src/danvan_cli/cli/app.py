"""Command-line interface (giao diện dòng lệnh): parses options and calls library functions.

Heavy libraries (pandas, calamine, openpyxl) are imported inside the commands, so
`danvan --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from danvan_cli.cli.template import template_app
from danvan_cli.ingest.limits import DEFAULT, Limits, set_limits

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
)
app.add_typer(template_app)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


class Severity(str, Enum):
    error = "error"
    warning = "warning"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class Kind(str, Enum):
    auto = "auto"
    membership = "membership"
    models = "models"


class Level(str, Enum):
    province = "province"
    district = "district"
    commune = "commune"
    village = "village"


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Tệp, thư mục hoặc mẫu tên tệp (*.xlsx) cần đọc: .xlsx, .xlsm, .xls, .ods, .csv. "
        "Files, folders or globs to read.",
        show_default=False,
        metavar="TỆP",
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option("--sheet", help="Chỉ đọc trang tính này. Read only this sheet."),
]
SubtotalOption = Annotated[
    Severity,
    typer.Option(
        "--subtotal-mismatch",
        help="Dòng cộng khác tổng các dòng của nó là lỗi (error, mặc định) hay cảnh báo "
        "(warning). A subtotal row that differs from its rows: error (default) or warning.",
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Ngôn ngữ thông báo: vi hoặc en. Message language.")
]
KindOption = Annotated[
    Kind,
    typer.Option(
        "--kind",
        help="Loại bảng: membership (chi hội, hội viên), models (mô hình tự quản, Dân vận "
        "khéo) hoặc auto (nhận theo tiêu đề cột). Kind of table; auto tells it by the headers.",
    ),
]

TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Đọc theo tệp mẫu báo cáo (.toml, xem «danvan template init») thay vì các loại có "
        "sẵn. Read the tables a template file declares instead of the built-in kinds.",
        dir_okay=False,
        show_default=False,
    ),
]

QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Chỉ hiện lỗi và cảnh báo, không hiện ghi chú (dòng cộng, phần chữ ký, tên lấy "
        "từ tiêu đề...). Show errors and warnings only, no notes.",
    ),
]

MaxCellsOption = Annotated[
    int,
    typer.Option(
        "--max-cells",
        min=0,
        help="Không đọc trang tính mà từ ô A1 tới ô có dữ liệu xa nhất có quá chừng này ô "
        "(0: không giới hạn). Refuse a sheet spanning more cells than this from A1 (0: no limit).",
    ),
]
MaxUnzippedOption = Annotated[
    int,
    typer.Option(
        "--max-unzipped-mb",
        min=0,
        help="Không đọc tệp giải nén ra quá chừng này MB (0: không giới hạn). Refuse a file "
        "inflating to more MB than this (0: no limit).",
    ),
]
MaxRatioOption = Annotated[
    int,
    typer.Option(
        "--max-zip-ratio",
        min=0,
        help="Không đọc tệp có phần bị nén chặt quá tỉ lệ này (0: không giới hạn). Refuse a "
        "file with a part compressed more than this ratio (0: no limit).",
    ),
]

TABLE_SUFFIXES = {".xlsx", ".csv", ".json", ".md"}  # what `compare` writes
OUTPUT_SUFFIXES = TABLE_SUFFIXES | {".txt"}  # `summarize`: .txt is the narrative


@app.command()
def summarize(
    paths: PathsArgument,
    sheet: SheetOption = None,
    level: Annotated[
        list[Level] | None,
        typer.Option(
            "--level",
            help="Chỉ hiện cấp này (lặp lại để chọn nhiều cấp). Show only this level (repeatable).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="Kết quả ra màn hình: table, json, csv, md. Stdout format."
        ),
    ] = OutputFormat.table,
    output: Annotated[
        list[Path] | None,
        typer.Option(
            "--output",
            "-o",
            help="Ghi kết quả ra tệp theo đuôi: .xlsx (mỗi cấp một trang), .csv, .json, .md "
            "(bảng), .txt (đoạn văn như --narrative); lặp lại để ghi nhiều tệp. Write to a file, "
            "format by extension; .txt: the narrative (repeatable).",
            dir_okay=False,
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Bỏ các dòng có lỗi ra khỏi tổng (liệt kê từng dòng) thay vì dừng lại. "
            "Leave invalid rows out of the sums (each one listed) instead of stopping.",
        ),
    ] = False,
    subtotal_mismatch: SubtotalOption = Severity.error,
    lang: LangOption = Lang.vi,
    kind: KindOption = Kind.auto,
    csv_raw: Annotated[
        bool,
        typer.Option(
            "--csv-raw",
            help="CSV ghi nguyên văn: không thêm dấu ' trước ô chữ bắt đầu bằng = + - @ "
            "(cho chương trình đọc lại). CSV as is: no ' before text cells starting with "
            "= + - @ (for scripts that read it back).",
        ),
    ] = False,
    max_cells: MaxCellsOption = DEFAULT.max_cells,
    max_unzipped_mb: MaxUnzippedOption = DEFAULT.max_unzipped_mb,
    max_zip_ratio: MaxRatioOption = DEFAULT.max_zip_ratio,
    quiet: QuietOption = False,
    template: TemplateOption = None,
    narrative: Annotated[
        bool,
        typer.Option(
            "--narrative",
            help="In đoạn văn tổng hợp («Toàn tỉnh hiện có ... đoàn viên, hội viên ...») thay "
            "cho bảng. Print the roll-up as the report's sentences instead of tables.",
        ),
    ] = False,
) -> None:
    """Cộng số liệu theo từng cấp: chi hội, đoàn viên, hội viên, hoặc mô hình tự quản, "Dân vận
    khéo". Roll up membership or community-model figures level by level."""
    outputs = output or []
    if any(path.suffix.lower() not in OUTPUT_SUFFIXES for path in outputs):
        from danvan_cli.model.messages import ui

        suffixes = ", ".join(sorted(OUTPUT_SUFFIXES))
        raise typer.BadParameter(
            ui("output_suffix", lang.value, suffixes=suffixes), param_hint="--output / -o"
        )
    if narrative and output_format is not OutputFormat.table:
        from danvan_cli.model.messages import ui

        raise typer.BadParameter(ui("narrative_format", lang.value), param_hint="--narrative")
    set_limits(Limits(max_cells, max_unzipped_mb, max_zip_ratio))
    from danvan_cli.ingest.read import start_reading

    start_reading(paths, sheet, kind.value)  # decodes while the rest is imported
    from danvan_cli.cli.commands import run_summarize

    levels = [lv.value for lv in level] if level else None
    common = (paths, sheet, levels, output_format.value, outputs, skip_invalid, lang.value)
    severity = subtotal_mismatch.value
    declared = None
    if template is not None:
        from danvan_cli.cli.declared import load_kind

        declared = load_kind(template, lang.value)
        if declared is None:
            raise typer.Exit(2)
    raise typer.Exit(
        run_summarize(
            *common,
            kind=kind.value,
            subtotal_severity=severity,
            csv_raw=csv_raw,
            quiet=quiet,
            template=declared,
            narrative=narrative,
        )
    )


@app.command()
def validate(
    paths: PathsArgument,
    sheet: SheetOption = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="table (mặc định) hoặc json. table or json."),
    ] = CheckFormat.table,
    subtotal_mismatch: SubtotalOption = Severity.error,
    lang: LangOption = Lang.vi,
    kind: KindOption = Kind.auto,
    max_cells: MaxCellsOption = DEFAULT.max_cells,
    max_unzipped_mb: MaxUnzippedOption = DEFAULT.max_unzipped_mb,
    max_zip_ratio: MaxRatioOption = DEFAULT.max_zip_ratio,
    quiet: QuietOption = False,
    template: TemplateOption = None,
) -> None:
    """Chỉ kiểm tra, không cộng: liệt kê mọi lỗi theo tệp. Check the files without summing."""
    set_limits(Limits(max_cells, max_unzipped_mb, max_zip_ratio))
    from danvan_cli.ingest.read import start_reading

    start_reading(paths, sheet, kind.value)  # decodes while the rest is imported
    from danvan_cli.cli.commands import run_validate

    declared = None
    if template is not None:
        from danvan_cli.cli.declared import load_kind

        declared = load_kind(template, lang.value)
        if declared is None:
            raise typer.Exit(2)
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
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="So sánh hai kỳ trong cơ sở dữ liệu lịch sử này (danvan.db); có cả cờ giá trị "
            "ngoài khoảng các kỳ trước. Compare two periods of this history database, with "
            "flags on values outside each unit's past.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0,
            help="Đánh dấu thay đổi vượt quá chừng này phần trăm (20: tăng hoặc giảm trên 20%). "
            "Flag changes beyond this many percent.",
        ),
    ] = 20.0,
    level: Annotated[
        list[Level] | None,
        typer.Option(
            "--level",
            help="Chỉ so sánh cấp này (lặp lại để chọn nhiều cấp). Compare only this level.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="Kết quả ra màn hình: table, json, csv, md. Stdout format."
        ),
    ] = OutputFormat.table,
    output: Annotated[
        list[Path] | None,
        typer.Option(
            "--output",
            "-o",
            help="Ghi kết quả ra tệp theo đuôi: .xlsx, .csv, .json, .md (lặp lại được). "
            "Write to a file, format by extension (repeatable).",
            dir_okay=False,
        ),
    ] = None,
    sheet: SheetOption = None,
    lang: LangOption = Lang.vi,
    kind: KindOption = Kind.auto,
    template: TemplateOption = None,
    csv_raw: Annotated[
        bool,
        typer.Option("--csv-raw", help="CSV ghi nguyên văn (như summarize). CSV as is."),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """So sánh hai kỳ: thay đổi của từng chỉ tiêu theo đơn vị và cấp, đơn vị mới có hoặc không
    còn, thay đổi quá ngưỡng. Compare two roll-ups: each figure's change per unit and level."""
    outputs = output or []
    if any(path.suffix.lower() not in TABLE_SUFFIXES for path in outputs):
        from danvan_cli.model.messages import ui

        suffixes = ", ".join(sorted(TABLE_SUFFIXES))
        raise typer.BadParameter(
            ui("output_suffix", lang.value, suffixes=suffixes), param_hint="--output / -o"
        )
    from danvan_cli.cli.compare import Request, run_compare_files, run_compare_periods

    levels = [lv.value for lv in level] if level else None
    request = Request(levels, output_format.value, outputs, threshold, lang.value, quiet, csv_raw)
    declared = None
    if template is not None:
        from danvan_cli.cli.declared import load_kind

        declared = load_kind(template, lang.value)
        if declared is None:
            raise typer.Exit(2)
    if db is not None:
        raise typer.Exit(run_compare_periods(old, new, db, request, kind.value, declared))
    raise typer.Exit(run_compare_files(old, new, request, kind.value, sheet, declared))


@app.command()
def rollup(
    config: Annotated[
        Path,
        typer.Option(
            "--config",
            "-c",
            help="Tệp cấu hình (.toml, xem «danvan init»). The run's config file.",
            dir_okay=False,
        ),
    ] = Path("danvan.toml"),
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Kỳ báo cáo: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 (mặc định: tháng trước). "
            "The period (default: last month).",
            show_default=False,
        ),
    ] = None,
    require_complete: Annotated[
        bool,
        typer.Option(
            "--require-complete",
            help="Kết thúc với mã 3 khi còn đơn vị phải gửi mà chưa gửi. Exit with code 3 when "
            "units expected have not reported.",
        ),
    ] = False,
    lang: LangOption = Lang.vi,
    quiet: QuietOption = False,
) -> None:
    """Tổng hợp một kỳ theo tệp cấu hình: đọc các tệp gửi lên, ghi kết quả, báo đơn vị chưa
    gửi, lưu vào lịch sử. Roll up one period as a config says: read what units sent, write
    the outputs, say who has not reported, keep the records in the history."""
    from danvan_cli.cli.rollup import run_rollup

    raise typer.Exit(run_rollup(config, period, require_complete, lang.value, quiet))


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(help="Tệp cấu hình sẽ ghi. The config file to write.", dir_okay=False),
    ] = Path("danvan.toml"),
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè tệp đã có. Overwrite an existing file.")
    ] = False,
    lang: LangOption = Lang.vi,
) -> None:
    """Ghi một tệp cấu hình mẫu có ghi chú cho «danvan rollup». Write a commented example
    config for danvan rollup."""
    from danvan_cli.cli.rollup import run_init

    raise typer.Exit(run_init(path, force, lang.value))


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
