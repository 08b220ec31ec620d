"""The options of danvan's commands (tùy chọn), declared once, as frictionless-py does.

Each option is a `Spec`: its names, its help, how its value is written (`metavar`; a flag
takes none). The declarations are plain data: `cli.launch` reads them before Typer is
imported, to start decoding a big file while the command line loads. A command takes an
option by its name here (`quiet: options.Quiet = False`): the Typer parameter is built
from the `Spec` on first use, Typer imported then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from danvan_cli.cli.option_values import (
    csv_separator,
    existing_folder,
    level_named,
    levels_named,
    outputs_ending,
    show_version,
)
from danvan_cli.outputs.paper import PAPER_SIZES


class Lang(str, Enum):
    vi = "vi"
    en = "en"


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


class Kind(str, Enum):
    auto = "auto"
    membership = "membership"
    models = "models"


class Level(str, Enum):
    province = "province"
    district = "district"
    commune = "commune"
    village = "village"


@dataclass(frozen=True)
class Spec:
    """One option: its names, help and Python type; `metavar` is how its value is written
    in the help (None: a flag, taking no value); `extra` goes to `typer.Option` as is."""

    names: tuple[str, ...]
    type: Any
    help: str
    metavar: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


TABLE_SUFFIXES = {".xlsx", ".csv", ".json", ".md"}  # what `compare` writes
# `summarize`: .txt is the narrative, .pdf the workbook printed (`outputs.pdf`)
OUTPUT_SUFFIXES = TABLE_SUFFIXES | {".txt", ".pdf"}
STDIN = "-"  # a path that reads standard input


PATHS_HELP = (
    "Tệp, thư mục hoặc mẫu tên tệp (*.xlsx) cần đọc: .xlsx, .xlsm, .xls, .ods, .csv; «-» đọc "
    "một tệp từ đầu vào chuẩn (... | danvan summarize -). Files, folders or globs to read; "
    "'-' reads one file (a workbook or CSV) piped in on standard input."
)


SPECS: dict[str, Spec] = {
    "Sheet": Spec(("--sheet",), str | None, "Chỉ đọc trang tính này. Read only this sheet.", "TÊN"),
    "Levels": Spec(
        ("--level",),
        list[str] | None,
        "Chỉ hiện cấp này: province|district|commune|village, hoặc tinh|huyen|xa|thon "
        "(tỉnh, huyện, xã, thôn); lặp lại để chọn nhiều cấp. Show only this level "
        "(repeatable), named in English or Vietnamese.",
        "CẤP",
        {"callback": levels_named},
    ),
    "Format": Spec(
        ("--format", "-f"),
        OutputFormat,
        "Kết quả ra màn hình: table, json, csv, md. Stdout format.",
        "table|json|csv|md",
    ),
    "ValidateFormat": Spec(
        ("--format", "-f"), CheckFormat, "table (mặc định) hoặc json. table or json.", "table|json"
    ),
    "Outputs": Spec(
        ("--output", "-o"),
        list[Path] | None,
        "Ghi kết quả ra tệp theo đuôi: .xlsx (mỗi cấp một trang), .csv, .json, .md (bảng), "
        ".txt (đoạn văn như --narrative); lặp lại để ghi nhiều tệp. Write to a file, format "
        "by extension; .txt: the narrative (repeatable).",
        "TỆP",
        {"dir_okay": False, "callback": outputs_ending(OUTPUT_SUFFIXES)},
    ),
    "TableOutputs": Spec(
        ("--output", "-o"),
        list[Path] | None,
        "Ghi kết quả ra tệp theo đuôi: .xlsx, .csv, .json, .md (lặp lại được). Write to a "
        "file, format by extension (repeatable).",
        "TỆP",
        {"dir_okay": False, "callback": outputs_ending(TABLE_SUFFIXES)},
    ),
    "Narrative": Spec(
        ("--narrative",),
        bool,
        "In đoạn văn tổng hợp («Toàn tỉnh hiện có ... đoàn viên, hội viên ...») thay cho bảng. "
        "Print the roll-up as the report's sentences instead of tables.",
    ),
    "Feedback": Spec(
        ("--feedback",),
        Path | None,
        "Ghi vào thư mục này mỗi tệp có lỗi, cảnh báo một tệp Excel phản hồi, đặt theo tên "
        "đơn vị, để gửi lại đơn vị. Write, into this folder, a feedback workbook for each file "
        "with problems, named after its unit.",
        "THƯ_MỤC",
        {"show_default": False, "callback": existing_folder},
    ),
    "HistoryDb": Spec(
        ("--db",),
        Path | None,
        "So sánh hai kỳ trong cơ sở dữ liệu lịch sử này (danvan.db); có cả cờ giá trị ngoài "
        "khoảng các kỳ trước. Compare two periods of this history database, with flags on "
        "values outside each unit's past.",
        "TỆP.db",
        {"dir_okay": False, "show_default": False},
    ),
    "History": Spec(
        ("--db",),
        Path,
        "Tệp lịch sử (SQLite) «danvan rollup» ghi. The history file danvan rollup writes.",
        "TỆP.db",
        {"dir_okay": False},
    ),
    "TrendConfig": Spec(
        ("--config", "-c"),
        Path | None,
        "Tệp cấu hình: lấy lịch sử, các đơn vị đổi tên ([renamed]) và tên xã trước 1/7/2025 "
        "(official) của nó. A run's config: its history, its renamed units and, with official, "
        "communes' names before 1 July 2025.",
        "TỆP.toml",
        {"dir_okay": False, "show_default": False},
    ),
    "Figure": Spec(
        ("--figure",),
        str,
        "Chỉ tiêu theo mã: members, branches, households ... hoặc mã trong mẫu báo cáo. The "
        "figure, by its code.",
        "MÃ",
    ),
    "TrendLevel": Spec(
        ("--level",),
        str | None,
        "Cấp: province|district|commune|village, hoặc tinh|huyen|xa|thon (tỉnh, huyện, xã, "
        "thôn); mặc định cấp cao nhất trong lịch sử. The level, named in English or "
        "Vietnamese; by default the history's top level.",
        "CẤP",
        {"callback": level_named},
    ),
    "HistoryKind": Spec(
        ("--kind",),
        str | None,
        "Loại báo cáo, khi chỉ tiêu có trong nhiều loại: membership, models hoặc tên mẫu. The "
        "kind, when several kinds have the figure.",
        "LOẠI",
        {"show_default": False},
    ),
    "KeepOrder": Spec(
        ("--keep-order",),
        bool,
        "Giữ thứ tự đơn vị như danh sách đơn vị phải gửi (expected trong tệp cấu hình) hoặc "
        "như trong tệp đọc vào, thay cho thứ tự chữ cái. Keep units in the order of the "
        "expected-units list or of the input, not alphabetical.",
    ),
    "SkipInvalid": Spec(
        ("--skip-invalid",),
        bool,
        "Bỏ các dòng có lỗi ra khỏi tổng (liệt kê từng dòng) thay vì dừng lại. "
        "Leave invalid rows out of the sums (each one listed) instead of stopping.",
    ),
    "SubtotalMismatch": Spec(
        ("--subtotal-mismatch",),
        Severity,
        "Dòng cộng khác tổng các dòng của nó là lỗi (error, mặc định) hay cảnh báo "
        "(warning). A subtotal row that differs from its rows: error (default) or warning.",
        "error|warning",
    ),
    "Language": Spec(
        ("--lang",),
        Lang,
        "Ngôn ngữ thông báo: vi hoặc en. Message language.",
        "vi|en",
        {"is_eager": True},  # read first: other options' mistakes are told in it
    ),
    "TableKind": Spec(
        ("--kind",),
        Kind,
        "Loại bảng: membership (chi hội, hội viên), models (mô hình tự quản, Dân vận "
        "khéo) hoặc auto (nhận theo tiêu đề cột). Kind of table; auto tells it by the headers.",
        "auto|membership|models",
    ),
    "CsvRaw": Spec(
        ("--csv-raw",),
        bool,
        "CSV ghi nguyên văn: không thêm dấu ' trước ô chữ bắt đầu bằng = + - @ (cho chương "
        "trình đọc lại). CSV as is: no ' before text cells starting with = + - @ (for "
        "scripts that read it back).",
    ),
    "CsvSep": Spec(
        ("--csv-sep",),
        str,
        "Dấu ngăn ô của CSV: «,» (mặc định), «;» (Excel trên Windows tiếng Việt, châu Âu: số "
        "lẻ ghi dấu phẩy) hoặc «tab». CSV cell separator: , (default), ; (decimals then with "
        "a comma) or tab.",
        ",|;|tab",
        {"callback": csv_separator},
    ),
    "MaxCells": Spec(
        ("--max-cells",),
        int,
        "Không đọc trang tính mà từ ô A1 tới ô có dữ liệu xa nhất có quá chừng này ô "
        "(0: không giới hạn). Refuse a sheet spanning more cells than this from A1 (0: no limit).",
        "SỐ",
        {"min": 0},
    ),
    "MaxUnzipped": Spec(
        ("--max-unzipped-mb",),
        int,
        "Không đọc tệp giải nén ra quá chừng này MB (0: không giới hạn). Refuse a file "
        "inflating to more MB than this (0: no limit).",
        "SỐ",
        {"min": 0},
    ),
    "MaxRatio": Spec(
        ("--max-zip-ratio",),
        int,
        "Không đọc tệp có phần bị nén chặt quá tỉ lệ này (0: không giới hạn). Refuse a "
        "file with a part compressed more than this ratio (0: no limit).",
        "SỐ",
        {"min": 0},
    ),
    "Quiet": Spec(
        ("--quiet", "-q"),
        bool,
        "Chỉ hiện lỗi và cảnh báo, không hiện ghi chú (dòng cộng, phần chữ ký, tên lấy từ "
        "tiêu đề, tệp đã ghi...). Show errors and warnings only, no notes.",
    ),
    "Template": Spec(
        ("--template",),
        Path | None,
        "Đọc theo tệp mẫu báo cáo (.toml, xem «danvan template init») thay vì các loại có "
        "sẵn. Read the tables a template file declares instead of the built-in kinds.",
        "TỆP.toml",
        {"dir_okay": False, "show_default": False},
    ),
    "Threshold": Spec(
        ("--threshold",),
        float,
        "Đánh dấu thay đổi vượt quá chừng này phần trăm (20: tăng hoặc giảm trên 20%). "
        "Flag changes beyond this many percent.",
        "PHẦN_TRĂM",
        {"min": 0},
    ),
    "Config": Spec(
        ("--config", "-c"),
        Path,
        "Tệp cấu hình (.toml, xem «danvan init»). The run's config file.",
        "TỆP.toml",
        {"dir_okay": False},
    ),
    "Period": Spec(
        ("--period", "-p"),
        str | None,
        "Kỳ báo cáo: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 (mặc định: tháng trước). "
        "The period (default: last month).",
        "KỲ",
        {"show_default": False},
    ),
    "RequireComplete": Spec(
        ("--require-complete",),
        bool,
        "Kết thúc với mã 3 khi còn đơn vị phải gửi mà chưa gửi. Exit with code 3 when units "
        "expected have not reported.",
    ),
    "Official": Spec(
        ("--official",),
        bool,
        "Tệp -o .xlsx (.pdf) là bảng báo cáo chính thức để in, ký, gửi. Write -o .xlsx (.pdf) "
        "as the official report table to print, sign and file (else: the data workbook).",
    ),
    "Title": Spec(("--title",), str | None, "Tên báo cáo (--official). The report's name.", "TÊN"),
    "ReportPeriod": Spec(
        ("--period",), str | None, "Kỳ báo cáo (--official): «Quý III năm 2026». The period.", "KỲ"
    ),
    "OrgName": Spec(
        ("--org-name",),
        str | None,
        "Cơ quan ban hành (--official), «\\n» xuống dòng. The issuing body ('\\n': a new line).",
        "TÊN",
    ),
    "Paper": Spec(
        ("--paper",),
        str,
        "Khổ giấy in bảng báo cáo chính thức (--official): A4 (mặc định) hoặc A3 cho bảng "
        "nhiều cột. The official workbook's paper size: A4 (default) or A3 for a wide table.",
        "|".join(PAPER_SIZES),
    ),
    "Force": Spec(("--force",), bool, "Ghi đè tệp đã có. Overwrite an existing file."),
    "Version": Spec(
        ("--version",),
        bool,
        "In số phiên bản của danvan rồi thôi. Print danvan's version and stop.",
        extra={"is_eager": True, "callback": show_version},
    ),
}
LIMITS = ("MaxCells", "MaxUnzipped", "MaxRatio")  # as `ingest.limits.Limits`, in its order


def names(spec: str) -> tuple[str, ...]:
    """An option's names on the command line ("--output", "-o")."""
    return SPECS[spec].names


def taking_values() -> frozenset[str]:
    """The names of every option that takes a value (`-o FILE`; not flags)."""
    return frozenset(n for spec in SPECS.values() if spec.metavar is not None for n in spec.names)


def __getattr__(name: str) -> Any:
    """`options.Quiet` and the like: the Typer parameter of `SPECS[name]` (built once);
    `options.PathsArgument`: the files to read."""
    from typing import Annotated

    import typer

    if name == "PathsArgument":
        argument = typer.Argument(help=PATHS_HELP, show_default=False, metavar="TỆP")
        built = Annotated[list[str], argument]
    elif name in SPECS:
        spec = SPECS[name]
        given = {"metavar": spec.metavar} if spec.metavar else {}
        option = typer.Option(*spec.names, help=spec.help, **given, **spec.extra)
        built = Annotated[spec.type, option]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = built
    return built
