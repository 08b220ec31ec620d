"""A kind declared only in data (as a template declares it), and workbooks of it built the
way communes send them, shared by the tests of reading, rolling up and writing it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from danvan_cli.model.declaration import ReportKind

ACTIVITIES = {
    "name": "hoat_dong_thu",
    "version": "2.1",
    "labels": {"vi": "Kết quả hoạt động", "en": "Activities"},
    "categories": [
        {
            "code": "doan_the",
            "labels": {"vi": "Đoàn thể", "en": "Organisation"},
            "headers": ["Đoàn thể"],
            "required": True,
            "values": [
                {
                    "code": "nong_dan",
                    "labels": {"vi": "Hội Nông dân", "en": "Farmers' Union"},
                    "headers": ["HND"],
                },
                {
                    "code": "phu_nu",
                    "labels": {"vi": "Hội LHPN", "en": "Women's Union"},
                    "headers": ["Phụ nữ"],
                },
            ],
        }
    ],
    "figures": [
        {
            "code": "houses",
            "labels": {"vi": "Nhà đại đoàn kết", "en": "Houses built"},
            "headers": ["Số nhà đại đoàn kết", "nhà đại đoàn kết"],
            "split_by": ["doan_the"],
            "over_time": "flow",
        },
        {
            "code": "houses_value",
            "labels": {"vi": "Kinh phí", "en": "Worth"},
            "headers": ["Kinh phí"],
            "unit": "ty_dong",
            "split_by": ["doan_the"],
            "over_time": "flow",
        },
        {
            "code": "members",
            "labels": {"vi": "Hội viên", "en": "Members"},
            "headers": ["Số hội viên"],
            "split_by": ["doan_the"],
            "over_time": "stock",
        },
        {
            "code": "households",
            "labels": {"vi": "Số hộ", "en": "Households"},
            "headers": ["Số hộ"],
            "over_units": "once_per_lowest_unit",
            "over_time": "stock",
        },
        {
            "code": "households_with_members",
            "labels": {"vi": "Hộ có hội viên", "en": "Households with members"},
            "headers": ["Số hộ có hội viên"],
            "over_units": "once_per_lowest_unit",
            "over_time": "stock",
        },
    ],
    "ratios": [
        {
            "code": "coverage",
            "labels": {"vi": "Tỷ lệ hộ có hội viên", "en": "Household coverage"},
            "numerator": "households_with_members",
            "denominator": "households",
        },
        {
            "code": "value_per_house",
            "labels": {"vi": "Kinh phí mỗi nhà", "en": "Worth per house"},
            "numerator": "houses_value",
            "denominator": "houses",
            "paired": False,
            "percent": False,
        },
    ],
}


def activities_kind() -> ReportKind:
    return ReportKind.model_validate(ACTIVITIES)


def commune_report(path: Path, commune: str, rows: list[list[object]], total: list[object]) -> Path:
    """A commune's report as sent: titles naming the district and the commune, a merged
    two-row header (a parent over three activity figures, "Số hộ" over two), an STT
    column, villages written once over their organisations' rows, a "Cộng" row and a
    signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append(["UBMTTQ HUYỆN CHÂU THÀNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([f"BAN THƯỜNG TRỰC UBMTTQ XÃ {commune.upper()}"])
    sheet.append(["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG NĂM 2026"])
    sheet.append(["STT", "Ấp", "Đoàn thể", "Kết quả hoạt động", None, None, "Số hộ", None])
    sheet.append(
        [
            None,
            None,
            None,
            "Số nhà đại đoàn kết",
            "Kinh phí (tỷ đồng)",
            "Số hội viên",
            "Tổng số",
            "Số hộ có hội viên",
        ]
    )
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:F4", "G4:H4"):
        sheet.merge_cells(cells)
    for row in rows:
        sheet.append(row)
    sheet.append([None, "Cộng", None, *total])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    return path


# Tân An: Ấp 2 gives no households with members (the coverage is taken over Ấp 1 only);
# "0,4" typed as text, "-" a zero typed.
TAN_AN_ROWS = [
    [1, "Ấp 1", "Hội Nông dân", 3, 0.6, 120, 400, 300],
    [2, None, "Hội LHPN", 2, "0,4", 90, 400, 300],
    [3, "Ấp 2", "HND", 1, 0.25, 80, 250, None],
    [4, None, "Phụ nữ", "-", "-", 60, 250, None],
]
TAN_AN_TOTAL = [6, 1.25, 350, None, None]
TAN_BINH_ROWS = [
    [1, "Ấp Mới", "Hội Nông dân", 4, "1,5", 200, "1.200", 1000],
    [2, None, "Hội LHPN", 1, 0.5, 150, 1200, 1000],
]
TAN_BINH_TOTAL = [5, 2, 350, 1200, 1000]


def two_communes(folder: Path) -> list[str]:
    """Tân An's and Tân Bình's reports, as files in `folder`."""
    return [
        str(commune_report(folder / "tan_an.xlsx", "Tân An", TAN_AN_ROWS, TAN_AN_TOTAL)),
        str(commune_report(folder / "tan_binh.xlsx", "Tân Bình", TAN_BINH_ROWS, TAN_BINH_TOTAL)),
    ]


def wide_commune_report(path: Path) -> Path:
    """Tân Bình's report in the wide layout: one row per village, a group of columns per
    organisation under its merged name, the households beside the groups."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append(["UBMTTQ HUYỆN CHÂU THÀNH"])
    sheet.append(["BAN THƯỜNG TRỰC UBMTTQ XÃ TÂN BÌNH"])
    sheet.append(["STT", "Tên ấp", "Hội Nông dân", None, None, "Hội LHPN", None, None, "Số hộ"])
    sheet.append([None, None, *["Số nhà đại đoàn kết", "Kinh phí", "Số hội viên"] * 2])
    sheet.cell(3, 10, "Số hộ có hội viên")
    for cells in ("A3:A4", "B3:B4", "C3:E3", "F3:H3", "I3:I4", "J3:J4"):
        sheet.merge_cells(cells)
    sheet.append([1, "Ấp Mới", 4, "1,5", 200, 1, 0.5, 150, "1.200", 1000])
    sheet.append([None, "Cộng", 4, 1.5, 200, 1, 0.5, 150, 1200, 1000])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    return path


# The same kind as a template file staff write (`kinds.template`).
ACTIVITIES_TEMPLATE = """\
name = "hoat_dong_thu"
version = "2.1"
vi = "Kết quả hoạt động"
en = "Activities"

[[categories]]
code = "doan_the"
vi = "Đoàn thể"
en = "Organisation"
headers = ["Đoàn thể"]
required = true

  [[categories.values]]
  code = "nong_dan"
  vi = "Hội Nông dân"
  en = "Farmers' Union"
  headers = ["HND"]

  [[categories.values]]
  code = "phu_nu"
  vi = "Hội LHPN"
  en = "Women's Union"
  headers = ["Phụ nữ"]

[[figures]]
code = "houses"
vi = "Nhà đại đoàn kết"
en = "Houses built"
headers = ["Số nhà đại đoàn kết", "nhà đại đoàn kết"]
split_by = ["doan_the"]
over_time = "flow"

[[figures]]
code = "houses_value"
vi = "Kinh phí"
en = "Worth"
headers = ["Kinh phí"]
unit = "ty_dong"
split_by = ["doan_the"]
over_time = "flow"

[[figures]]
code = "members"
vi = "Hội viên"
en = "Members"
headers = ["Số hội viên"]
split_by = ["doan_the"]
over_time = "stock"

[[figures]]
code = "households"
vi = "Số hộ"
en = "Households"
headers = ["Số hộ"]
over_units = "once_per_lowest_unit"
over_time = "stock"

[[figures]]
code = "households_with_members"
vi = "Hộ có hội viên"
en = "Households with members"
headers = ["Số hộ có hội viên"]
over_units = "once_per_lowest_unit"
over_time = "stock"

[[ratios]]
code = "coverage"
vi = "Tỷ lệ hộ có hội viên"
en = "Household coverage"
numerator = "households_with_members"
denominator = "households"

[[ratios]]
code = "value_per_house"
vi = "Kinh phí mỗi nhà"
en = "Worth per house"
numerator = "houses_value"
denominator = "houses"
paired = false
percent = false
"""


def benchmark_sheet(folder: Path, rows: int, edit=None) -> tuple[Path, Path]:
    """The rules benchmark's template (50 figures, 30 rules, six organisations) and a CSV of
    `rows` records with a "Cộng" row per commune (`edit`: a change to its DataFrame first)."""
    from tests.test_benchmarks import load_module

    rules = load_module("rules")
    template = folder / "bao_cao_50.toml"
    template.write_text(rules.template_text(), encoding="utf-8")
    sheet = rules.build(rows)
    if edit is not None:
        edit(sheet)
    data = folder / f"bao_cao_50_{rows}.csv"
    sheet.to_csv(data, index=False, encoding="utf-8-sig", decimal=",")
    return template, data
