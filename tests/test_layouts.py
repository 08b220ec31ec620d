"""Messy report sheets, end to end: each layout rolls up exactly as the same data in a clean
long table, and names what it read but did not add (subtotal rows, the signature block).

The workbooks are built as staff build them: the national motto and titles above the table,
headers over two or three rows with merged cells, a numbering row, an STT column, blank rows,
names written once over merged cells, subtotal rows and a signature block below.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from pandas.testing import assert_frame_equal

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.outputs.jsoncsv import to_text, write_json
from tests.accounting import assert_accounted

pytestmark = pytest.mark.usefixtures("both_readers")  # each test, both readers

SHEET = "Số liệu"
ND, PN = "Hội Nông dân", "Hội LHPN"
ORGS = (ND, PN)
# Per organisation: branches, members, attending, then the ratings strong, good, average, weak.
ORG_FIGURES = (
    "branches",
    "members",
    "members_attending",
    "rating_strong",
    "rating_good",
    "rating_average",
    "rating_weak",
)


@dataclass(frozen=True)
class Village:
    district: str
    commune: str
    village: str
    households: int
    with_members: int
    figures: dict[str, tuple[int, ...]]  # organisation as written -> ORG_FIGURES


# Two districts, three communes, four villages, two organisations in each village.
# Totals: 13 branches, 3.434 members, 2.800 attending, 5.400 households, 3.880 with members.
VILLAGES = (
    Village(
        "Huyện Châu Thành",
        "Xã Đông Phước",
        "Ấp 10",
        1250,
        1000,
        {ND: (2, 620, 500, 1, 1, 0, 0), PN: (1, 480, 400, 1, 0, 0, 0)},
    ),
    Village(
        "Huyện Châu Thành",
        "Xã Đông Phước",
        "Ấp 2",
        800,
        700,
        {ND: (1, 350, 300, 0, 1, 0, 0), PN: (1, 150, 100, 0, 0, 1, 0)},
    ),
    Village(
        "Huyện Châu Thành",
        "Xã Phú Hữu",
        "Ấp Phú Lợi",
        900,
        600,
        {ND: (2, 400, 350, 1, 1, 0, 0), PN: (2, 300, 250, 1, 0, 1, 0)},
    ),
    Village(
        "Huyện Long Mỹ",
        "Xã Long Bình",
        "Ấp Dưới",
        2450,
        1580,
        {ND: (3, 900, 700, 1, 1, 1, 0), PN: (1, 234, 200, 0, 0, 0, 1)},
    ),
)
TOTAL = {
    "branches": 13,
    "members": 3434,
    "members_attending": 2800,
    "households": 5400,
    "households_with_members": 3880,
}


def org_sums(villages: Sequence[Village], org: str | None = None) -> list[int]:
    """ORG_FIGURES summed over `villages`, for one organisation or all."""
    orgs = ORGS if org is None else (org,)
    return [sum(v.figures[o][i] for v in villages for o in orgs) for i in range(len(ORG_FIGURES))]


def household_sums(villages: Sequence[Village]) -> list[int]:
    return [sum(v.households for v in villages), sum(v.with_members for v in villages)]


def of(district: str | None = None, commune: str | None = None, data=VILLAGES) -> list[Village]:
    return [v for v in data if district in (None, v.district) and commune in (None, v.commune)]


# --- building sheets ------------------------------------------------------------------------


class Sheet:
    """Rows appended from Excel row 1, merged ranges given by (column, row) corners (1-based)."""

    def __init__(self) -> None:
        self.rows: list[list[object]] = []
        self.merges: list[tuple[int, int, int, int]] = []

    @property
    def next_row(self) -> int:
        return len(self.rows) + 1

    def add(self, *cells: object) -> int:
        self.rows.append(list(cells))
        return len(self.rows)

    def merge(self, first_column: int, first_row: int, last_column: int, last_row: int) -> None:
        self.merges.append((first_column, first_row, last_column, last_row))

    def save(self, path: Path, sheet: str = SHEET) -> Path:
        workbook = Workbook()
        worksheet = workbook.active
        worksheet.title = sheet
        for row in self.rows:
            worksheet.append(row)
        for c1, r1, c2, r2 in self.merges:
            worksheet.merge_cells(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        workbook.save(path)
        return path


def national_motto(sheet: Sheet, width: int, title: str = "NĂM 2020") -> None:
    """Excel rows 1-6: the issuing body and the national motto side by side, the report's
    name and period, and a blank row."""
    half = width // 2
    sheet.add("ỦY BAN MTTQ VIỆT NAM", *[None] * (half - 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sheet.add("HUYỆN CHÂU THÀNH", *[None] * (half - 1), "Độc lập - Tự do - Hạnh phúc")
    sheet.add()
    sheet.add("BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN")
    sheet.add(f"(Kèm theo Báo cáo số 12/BC-MTTQ, {title})")
    sheet.add()
    for row in (1, 2):
        sheet.merge(1, row, half, row)
        sheet.merge(half + 1, row, width, row)
    sheet.merge(1, 4, width, 4)
    sheet.merge(1, 5, width, 5)


def signature_block(sheet: Sheet, width: int, left: int = 2) -> int:
    """A blank row, then the date and the signatures; returns the Excel row of the date."""
    right = width - 3
    sheet.add()
    date_row = sheet.add(*[None] * (right - 1), "Châu Thành, ngày 20 tháng 12 năm 2020")
    sheet.add(
        *[None] * (left - 1), "NGƯỜI LẬP BIỂU", *[None] * (right - left - 1), "TM. BAN THƯỜNG TRỰC"
    )
    sheet.add(*[None] * (right - 1), "CHỦ TỊCH")
    sheet.add()
    sheet.add(*[None] * (left - 1), "Nguyễn Văn An", *[None] * (right - left - 1), "Trần Thị Bình")
    for row in range(date_row, date_row + 5):
        sheet.merge(right, row, width, row)
    return date_row


# The clean long table: one row per village and organisation, every name on every row.
LONG_HEADER = [
    "Huyện",
    "Xã",
    "Ấp",
    "Đoàn thể",
    "Số chi hội",
    "Số hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
    "Vững mạnh",
    "Khá",
    "Trung bình",
    "Yếu",
]


def long_row(v: Village, org: str) -> list[object]:
    f = v.figures[org]
    return [v.district, v.commune, v.village, org, *f[:3], v.households, v.with_members, *f[3:]]


def write_clean(path: Path, data: Sequence[Village] = VILLAGES) -> Path:
    sheet = Sheet()
    sheet.add(*LONG_HEADER)
    for v in data:
        for org in ORGS:
            sheet.add(*long_row(v, org))
    return sheet.save(path)


# --- comparing roll-ups ---------------------------------------------------------------------


def summarize(path: Path):
    """The summary of one workbook, every figure of it accounted for (tests/accounting.py)."""
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert_accounted(summary.data)
    return summary


def plain(table: pd.DataFrame) -> pd.DataFrame:
    """Names and organisations as plain text (categories differ with what else was read)."""
    table = table.copy()
    for column in table.columns:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            table[column] = table[column].astype(str)
    return table


def assert_same_rollup(messy, clean) -> None:
    """Every level table, the grand total and the totals per organisation are identical."""
    assert clean.rollup is not None, clean.problems
    assert messy.rollup is not None, located(messy.problems)
    got, want = messy.rollup, clean.rollup
    assert got.levels == want.levels
    assert got.metrics == want.metrics
    assert list(got.tables) == list(want.tables)
    for level in want.levels:
        assert_frame_equal(plain(got.tables[level]), plain(want.tables[level]))
    assert got.total == want.total
    assert_frame_equal(plain(got.total_by_organization), plain(want.total_by_organization))
    as_json = [
        json.loads(to_text(write_json, MEMBERSHIP, s.rollup, [], s.levels, s.levels, "vi"))
        for s in (messy, clean)
    ]
    assert as_json[0] == as_json[1]


def located(problems) -> list[tuple]:
    return [(p.severity, p.code, p.row, p.column, p.value) for p in problems]


@pytest.fixture
def clean(tmp_path: Path):
    return summarize(write_clean(tmp_path / "sach.xlsx"))


def test_the_clean_table_has_no_problems_and_the_expected_totals(clean):
    assert clean.problems == []
    assert clean.exit_code == 0
    assert {k: clean.rollup.total[k] for k in TOTAL} == TOTAL
    assert clean.rollup.levels == ["district", "commune", "village"]


# --- long layout: titles, two-row header, numbering, merged names, blanks, signatures -------

LONG_MESSY_WIDTH = 15  # STT, 3 names, Đoàn thể, 3 figures, 2 household, Tỷ lệ %, 4 ratings


def write_long_messy(path: Path, numbering: str = "1") -> tuple[Path, dict]:
    """Long layout as submitted. Returns the path and the Excel rows worth naming."""
    sheet = Sheet()
    width = LONG_MESSY_WIDTH
    national_motto(sheet, width)
    top = sheet.add(
        "STT",
        "Huyện",
        "Xã",
        "Ấp",
        "Đoàn thể",
        "Số chi hội",
        "Số hội viên",
        "Số ĐV, HV tham gia sinh hoạt",
        "Tổng số hộ",
        "Số hộ có ĐV, HV",
        "Tỷ lệ %",
        "Xếp loại chi hội",
        None,
        None,
        None,
    )
    sheet.add(*[None] * 11, "Vững mạnh", "Khá", "Trung bình", "Yếu")
    for column in range(1, 12):
        sheet.merge(column, top, column, top + 1)
    sheet.merge(12, top, 15, top)
    if numbering == "1":
        sheet.add(*range(1, width + 1))
    else:
        sheet.add(*[f"({i})" for i in range(1, width + 1)])
    places = {"header": top + 1}
    number = 0
    previous: Village | None = None
    spans: dict[tuple[int, str], list[int]] = {}
    for v in VILLAGES:
        if previous is not None and previous.commune != v.commune:
            sheet.add()  # a blank row between communes
        first = sheet.next_row
        for position, org in enumerate(ORGS):
            number += 1
            row = long_row(v, org)
            names = row[:3]
            if position:  # the village's second row: names under merged cells
                names = [None, None, v.village]
            elif previous is not None:
                names = [
                    v.district if v.district != previous.district else None,
                    v.commune if v.commune != previous.commune else None,
                    v.village,
                ]
            ratio = round(100 * v.with_members / v.households, 2) if not position else None
            sheet.add(number, *names, org, *row[4:9], ratio, *row[9:])
        sheet.merge(11, first, 11, first + 1)  # the ratio, once per village
        spans.setdefault((2, v.district), [first]).append(first + 1)
        spans.setdefault((3, v.commune), [first]).append(first + 1)
        previous = v
    for (column, _), rows in spans.items():  # district and commune cells merged down
        sheet.merge(column, rows[0], column, rows[-1])
    places["signature"] = signature_block(sheet, width)
    return sheet.save(path), places


def test_long_layout_as_submitted_rolls_up_as_the_clean_table(tmp_path, clean):
    path, places = write_long_messy(tmp_path / "bao_cao.xlsx")
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert located(messy.problems) == [
        ("warning", "header_ratio_ignored", places["header"], "Tỷ lệ %", None),
        ("warning", "signature_block", places["signature"], None, None),
    ]
    assert messy.exit_code == 0


def test_numbering_row_in_brackets(tmp_path, clean):
    path, places = write_long_messy(tmp_path / "bao_cao.xlsx", numbering="(1)")
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert located(messy.problems) == [
        ("warning", "header_ratio_ignored", places["header"], "Tỷ lệ %", None),
        ("warning", "signature_block", places["signature"], None, None),
    ]


# --- wide layout: a column group per organisation under a three-row merged header -----------

GROUP = ["Số chi hội", "Số hội viên", "Số HV tham gia sinh hoạt", "Xếp loại", None, None, None]
RATINGS = ["Vững mạnh", "Khá", "Trung bình", "Yếu"]
WIDE_WIDTH = 6 + 7 * len(ORGS)


def wide_header(
    sheet: Sheet, names: Sequence[str] = ("Huyện", "Xã", "Ấp"), umbrella: str | None = None
) -> int:
    """Three header rows: "Hội Nông dân" over "Số chi hội | ... | Xếp loại", and "Xếp loại"
    over "Vững mạnh | Khá | Trung bình | Yếu"; names and households merged down all three.
    An `umbrella` ("Các tổ chức chính trị - xã hội") is a fourth row above, merged over
    every organisation. Returns the Excel row of the first header row."""
    lead = ["STT", *names, "Tổng số hộ", "Số hộ có ĐV, HV"]
    top = sheet.next_row
    if umbrella is not None:
        sheet.add(*lead, umbrella)
        sheet.merge(len(lead) + 1, top, len(lead) + 7 * len(ORGS), top)
    groups_row = [*(lead if umbrella is None else [None] * len(lead))]
    groups = sheet.add(*groups_row, *[cell for org in ORGS for cell in (org, *[None] * 6)])
    sheet.add(*[None] * len(lead), *GROUP * len(ORGS))
    sheet.add(*[None] * len(lead), *([None] * 3 + RATINGS) * len(ORGS))
    for column in range(1, len(lead) + 1):
        sheet.merge(column, top, column, groups + 2)
    for group in range(len(ORGS)):
        first = len(lead) + 1 + 7 * group
        sheet.merge(first, groups, first + 6, groups)
        for column in range(first, first + 3):
            sheet.merge(column, groups + 1, column, groups + 2)
        sheet.merge(first + 3, groups + 1, first + 6, groups + 1)
    return top


def wide_figures(villages: Sequence[Village]) -> list[int]:
    """A wide row's figures: households, then each organisation's group."""
    return [*household_sums(villages), *[x for org in ORGS for x in org_sums(villages, org)]]


def wide_column(org: str, figure: str) -> int:
    """1-based column of an organisation's figure in the wide layout."""
    return 7 + 7 * ORGS.index(org) + ORG_FIGURES.index(figure)


def write_wide(
    path: Path,
    total: str | None = "bottom",
    wrong: dict[int, int] | None = None,
    data: Sequence[Village] = VILLAGES,
    umbrella: str | None = None,
) -> tuple[Path, dict]:
    """One row per village; "Tổng cộng" at the bottom, the top or nowhere; `wrong` adds to
    figures of the total row (1-based column -> difference); `umbrella` see wide_header."""
    sheet = Sheet()
    national_motto(sheet, WIDE_WIDTH)
    wide_header(sheet, umbrella=umbrella)
    sheet.add(*[f"({i})" for i in range(1, WIDE_WIDTH + 1)])
    places: dict = {"header": sheet.next_row - 2}

    def total_row() -> int:
        figures = wide_figures(data)
        for column, difference in (wrong or {}).items():
            figures[column - 5] += difference
        row = sheet.add(None, "Tổng cộng", None, None, *figures)
        sheet.merge(2, row, 4, row)
        places["total"] = row
        return row

    if total == "top":
        total_row()
    spans: dict[tuple[int, str], list[int]] = {}
    previous: Village | None = None
    for number, v in enumerate(data, start=1):
        if previous is not None and previous.district != v.district:
            sheet.add()  # a blank row between districts
        row = sheet.add(number, v.district, v.commune, v.village, *wide_figures([v]))
        spans.setdefault((2, v.district), []).append(row)
        spans.setdefault((3, v.commune), []).append(row)
        previous = v
    for (column, _), rows in spans.items():
        sheet.merge(column, rows[0], column, rows[-1])  # written once, merged down
    if total == "bottom":
        total_row()
    places["signature"] = signature_block(sheet, WIDE_WIDTH)
    return sheet.save(path), places


def test_wide_layout_rolls_up_as_the_clean_table(tmp_path, clean):
    path, places = write_wide(tmp_path / "bao_cao.xlsx")
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, str(places["total"])),
        ("warning", "signature_block", places["signature"], None, None),
    ]


def test_organisations_under_an_umbrella_header_are_the_groups_under_it(tmp_path):
    """ "Các tổ chức chính trị - xã hội" merged over "Hội Nông dân | Hội LHPN": each group's
    figures belong to its organisation, and the total row is checked per organisation (the
    umbrella was taken for every row's organisation: not recognised, the total not
    matched)."""
    sheet = Sheet()
    national_motto(sheet, 8)
    top = sheet.add("STT", "Huyện", "Xã", "Ấp", "Các tổ chức chính trị - xã hội")
    sheet.add(*[None] * 4, ND, None, PN, None)
    sheet.add(*[None] * 4, *["Số chi hội", "Số hội viên"] * 2)
    sheet.merge(5, top, 8, top)
    sheet.merge(5, top + 1, 6, top + 1)
    sheet.merge(7, top + 1, 8, top + 1)
    for column in range(1, 5):
        sheet.merge(column, top, column, top + 2)
    for number, v in enumerate(VILLAGES, start=1):
        sheet.add(number, v.district, v.commune, v.village, *v.figures[ND][:2], *v.figures[PN][:2])
    sums = [*org_sums(VILLAGES, ND)[:2], *org_sums(VILLAGES, PN)[:2]]
    total = sheet.add(None, "Tổng cộng", None, None, *sums)
    summary = summarize(sheet.save(tmp_path / "bao_cao.xlsx"))
    assert located(summary.problems) == [("warning", "subtotal_rows", None, None, str(total))]
    by_org = summary.rollup.total_by_organization.set_index("organization")
    assert by_org["branches"].to_dict() == {"nong_dan": sums[0], "phu_nu": sums[2]}
    assert by_org["members"].to_dict() == {"nong_dan": sums[1], "phu_nu": sums[3]}


def test_wide_layout_without_a_total_row(tmp_path, clean):
    path, places = write_wide(tmp_path / "bao_cao.xlsx", total=None)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert located(messy.problems) == [
        ("warning", "signature_block", places["signature"], None, None),
    ]


def test_wide_layout_with_the_total_row_on_top(tmp_path, clean):
    path, places = write_wide(tmp_path / "bao_cao.xlsx", total="top")
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, str(places["total"])),
        ("warning", "signature_block", places["signature"], None, None),
    ]


@pytest.mark.parametrize("total", ["bottom", "top"])
def test_wide_layout_wrong_total_names_the_row_column_and_both_figures(tmp_path, total):
    column = wide_column(PN, "rating_good")
    path, places = write_wide(tmp_path / "bao_cao.xlsx", total=total, wrong={column: 1})
    messy = summarize(path)
    assert messy.rollup is None
    assert messy.exit_code == 1
    good = org_sums(VILLAGES, PN)[ORG_FIGURES.index("rating_good")]
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, str(places["total"])),
        ("error", "subtotal_mismatch", places["total"], "Hội LHPN › Xếp loại › Khá", good + 1),
        ("warning", "signature_block", places["signature"], None, None),
    ]
    mismatch = messy.problems[1]
    assert (mismatch.file, mismatch.sheet) == (str(path), SHEET)
    assert mismatch.params == {"computed": good, "rows": "11–15" if total == "bottom" else "12–16"}
    assert "«Hội LHPN › Xếp loại › Khá»" in mismatch.message("vi")


def test_wide_layout_wrong_household_total(tmp_path):
    path, places = write_wide(tmp_path / "bao_cao.xlsx", wrong={5: -100})
    messy = summarize(path)
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    assert located(mismatches) == [
        ("error", "subtotal_mismatch", places["total"], "Tổng số hộ", TOTAL["households"] - 100)
    ]
    assert mismatches[0].params["computed"] == TOTAL["households"]


# --- subtotal rows in a table with a column per level ---------------------------------------

LEVEL_HEADER = [
    "STT",
    "Huyện",
    "Xã",
    "Ấp",
    "Đoàn thể",
    "Số chi hội",
    "Số hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
    "Xếp loại",
    None,
    None,
    None,
]
LEVEL_COLUMN = {"households": 9, "households_with_members": 10} | {
    f: 6 + i if i < 3 else 8 + i for i, f in enumerate(ORG_FIGURES)
}  # 1-based columns of the figures


def level_header(sheet: Sheet) -> int:
    """ "Xếp loại" over the four ratings, every other header merged down two rows."""
    top = sheet.add(*LEVEL_HEADER)
    sheet.add(*[None] * 10, *RATINGS)
    for column in range(1, 11):
        sheet.merge(column, top, column, top + 1)
    sheet.merge(11, top, 14, top)
    return top


def level_figures(villages: Sequence[Village], org: str | None = None) -> list[int]:
    """A row's figures in LEVEL_HEADER order (households of all villages given)."""
    f = org_sums(villages, org)
    return [*f[:3], *household_sums(villages), *f[3:]]


def subtotal_row(
    sheet: Sheet, names: Sequence[object], villages, places: dict, wrong: dict | None = None
) -> int:
    figures = level_figures(villages)
    row = sheet.next_row
    for (at, figure), difference in (wrong or {}).items():
        if at == row:
            figures[LEVEL_COLUMN[figure] - 6] += difference
    places.setdefault("subtotals", []).append(row)
    return sheet.add(*names, *[None] * (5 - len(names)), *figures)


def one_wrong_subtotal(tmp_path: Path, write, unit: str, figure: str, more: int):
    """The report `write` writes with `unit`'s subtotal row (`total`: the grand total's)
    giving `more` of `figure` than its units: the summary, that row, and the figure's sum
    over the unit's villages."""
    _, places = write(tmp_path / "dung.xlsx")
    row = places[unit]
    path, _ = write(tmp_path / "bao_cao.xlsx", wrong={(row, figure): more})
    villages = VILLAGES if unit == "total" else of(unit) or of(commune=unit)
    return summarize(path), row, level_figures(villages)[LEVEL_COLUMN[figure] - 6]


def write_sections(path: Path, wrong: dict | None = None, grand_total: bool = True):
    """Top-down: "I  Huyện ..." section rows, "1  Xã ..." unit rows above their villages,
    "Tổng cộng" at the bottom. `wrong`: {(Excel row, figure): difference}."""
    sheet = Sheet()
    national_motto(sheet, len(LEVEL_HEADER))
    places: dict = {"header": level_header(sheet) + 1}
    districts = list(dict.fromkeys(v.district for v in VILLAGES))
    for roman, district in zip(("I", "II"), districts, strict=True):
        places[district] = subtotal_row(
            sheet, [roman, district, None, None], of(district), places, wrong
        )
        communes = list(dict.fromkeys(v.commune for v in of(district)))
        for number, commune in enumerate(communes, start=1):
            places[commune] = subtotal_row(
                sheet, [number, None, commune, None], of(commune=commune), places, wrong
            )
            for v in of(commune=commune):
                for org in ORGS:
                    sheet.add(None, None, None, *long_row(v, org)[2:4], *level_figures([v], org))
    if grand_total:
        places["total"] = subtotal_row(
            sheet, [None, "Tổng cộng", None, None], VILLAGES, places, wrong
        )
    places["signature"] = signature_block(sheet, len(LEVEL_HEADER))
    return sheet.save(path), places


def test_section_and_unit_rows_are_checks_not_added(tmp_path, clean):
    path, places = write_sections(tmp_path / "bao_cao.xlsx")
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    rows = ", ".join(str(r) for r in places["subtotals"])
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, rows),
        ("warning", "signature_block", places["signature"], None, None),
    ]


@pytest.mark.parametrize(
    "unit, figure, column",
    [
        ("Huyện Châu Thành", "members", "Số hội viên"),
        ("Huyện Long Mỹ", "households", "Tổng số hộ"),
        ("Xã Đông Phước", "members_attending", "Số ĐV, HV tham gia sinh hoạt"),
        ("Xã Phú Hữu", "rating_average", "Xếp loại › Trung bình"),
        ("total", "branches", "Số chi hội"),
    ],
)
def test_a_wrong_section_or_unit_row(tmp_path, unit, figure, column):
    messy, row, computed = one_wrong_subtotal(tmp_path, write_sections, unit, figure, 7)
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    assert located(mismatches) == [("error", "subtotal_mismatch", row, column, computed + 7)]
    codes = ["subtotal_rows", "subtotal_mismatch", "signature_block"]
    assert [p.code for p in messy.problems] == codes
    assert mismatches[0].params["computed"] == computed
    assert messy.exit_code == 1


def write_bottom_up(path: Path, wrong: dict | None = None, bare: bool = False):
    """Bottom-up: the villages of a commune, then "Cộng xã ...", the communes of a district,
    then "Cộng huyện ...", and "Tổng cộng". Names written once, merged down; `bare` writes
    just "Cộng" under each commune and no district subtotal."""
    sheet = Sheet()
    places: dict = {"header": level_header(sheet) + 1}
    number = 0
    districts = list(dict.fromkeys(v.district for v in VILLAGES))
    for district in districts:
        first_of_district = sheet.next_row
        communes = list(dict.fromkeys(v.commune for v in of(district)))
        for commune in communes:
            first = sheet.next_row
            for v in of(commune=commune):
                for org in ORGS:
                    number += 1
                    names = [
                        district if sheet.next_row == first_of_district else None,
                        commune if sheet.next_row == first else None,
                        v.village,
                    ]
                    sheet.add(number, *names, org, *level_figures([v], org))
            sheet.merge(3, first, 3, sheet.next_row - 1)
            label = "Cộng" if bare else f"Cộng {commune.replace('Xã', 'xã')}"
            places[commune] = subtotal_row(
                sheet, [None, None, label], of(commune=commune), places, wrong
            )
            sheet.merge(3, places[commune], 4, places[commune])
        sheet.merge(2, first_of_district, 2, sheet.next_row - 1)
        if not bare:
            label = f"Cộng {district.replace('Huyện', 'huyện')}"
            places[district] = subtotal_row(sheet, [None, label], of(district), places, wrong)
            sheet.merge(2, places[district], 4, places[district])
    places["total"] = subtotal_row(sheet, [None, "Tổng cộng"], VILLAGES, places, wrong)
    sheet.merge(2, places["total"], 4, places["total"])
    return sheet.save(path), places


@pytest.mark.parametrize("bare", [False, True])
def test_cong_rows_are_checks_not_added(tmp_path, clean, bare):
    path, places = write_bottom_up(tmp_path / "bao_cao.xlsx", bare=bare)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    rows = ", ".join(str(r) for r in places["subtotals"])
    assert located(messy.problems) == [("warning", "subtotal_rows", None, None, rows)]


@pytest.mark.parametrize(
    "unit, figure, column",
    [
        ("Xã Phú Hữu", "members", "Số hội viên"),
        ("Huyện Châu Thành", "members", "Số hội viên"),
        ("Huyện Long Mỹ", "households_with_members", "Số hộ có ĐV, HV"),
        ("total", "rating_weak", "Xếp loại › Yếu"),
    ],
)
def test_a_wrong_cong_row(tmp_path, unit, figure, column):
    messy, row, computed = one_wrong_subtotal(tmp_path, write_bottom_up, unit, figure, 3)
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    assert located(mismatches) == [("error", "subtotal_mismatch", row, column, computed + 3)]
    assert [p.code for p in messy.problems] == ["subtotal_rows", "subtotal_mismatch"]
    assert mismatches[0].params["computed"] == computed


# --- the whole hierarchy in one "Đơn vị" column ---------------------------------------------


def renamed(names: dict[str, str], data: Sequence[Village] = VILLAGES) -> tuple[Village, ...]:
    """The same figures under other unit names."""
    return tuple(
        Village(
            names.get(v.district, v.district),
            names.get(v.commune, v.commune),
            names.get(v.village, v.village),
            v.households,
            v.with_members,
            v.figures,
        )
        for v in data
    )


# Names with no unit-type word: only the STT numbering (I, 1, 1.1) tells the levels.
BARE_NAMES = renamed(
    {
        "Huyện Châu Thành": "Châu Thành",
        "Huyện Long Mỹ": "Long Mỹ",
        "Xã Đông Phước": "Đông Phước",
        "Xã Phú Hữu": "Phú Hữu",
        "Xã Long Bình": "Long Bình",
        "Ấp 10": "Số 10",
        "Ấp 2": "Số 2",
        "Ấp Phú Lợi": "Phú Lợi",
        "Ấp Dưới": "Dưới",
    }
)
UNIT_WIDE_WIDTH = 4 + 7 * len(ORGS)


def unit_wide_column(org: str, figure: str) -> int:
    return 5 + 7 * ORGS.index(org) + ORG_FIGURES.index(figure)


def districts_and_communes(data: Sequence[Village]):
    for district in dict.fromkeys(v.district for v in data):
        in_district = [v for v in data if v.district == district]
        communes = {
            c: [v for v in in_district if v.commune == c]
            for c in dict.fromkeys(v.commune for v in in_district)
        }
        yield district, in_district, communes


def write_unit_wide(
    path: Path,
    data: Sequence[Village] = BARE_NAMES,
    total: str | None = "bottom",
    wrong: dict[tuple[str, int], int] | None = None,
    village_letters: bool = False,
) -> tuple[Path, dict]:
    """STT | Đơn vị | households | a group per organisation: "I" district rows, "1" commune
    rows and "1.1" village rows (or "a", "b", ...) one under another. `wrong`: {(unit,
    column): difference}."""
    sheet = Sheet()
    national_motto(sheet, UNIT_WIDE_WIDTH)
    top = wide_header(sheet, names=("Đơn vị",))
    sheet.add(*range(1, UNIT_WIDE_WIDTH + 1))
    places: dict = {"header": top + 2, "subtotals": []}

    def add(stt: object, name: str, villages, subtotal: bool) -> int:
        figures = wide_figures(villages)
        for (unit, column), difference in (wrong or {}).items():
            if unit == name:
                figures[column - 3] += difference
        row = sheet.add(stt, name, *figures)
        places[name] = row
        if subtotal:
            places["subtotals"].append(row)
        return row

    if total == "top":
        add(None, "Tổng cộng", data, True)
    for roman, (district, in_district, communes) in zip(
        ("I", "II", "III"), districts_and_communes(data), strict=False
    ):
        add(roman, district, in_district, True)
        for number, (commune, villages) in enumerate(communes.items(), start=1):
            add(number, commune, villages, True)
            for sub, v in enumerate(villages, start=1):
                stt = "abcdefgh"[sub - 1] if village_letters else float(f"{number}.{sub}")
                add(stt, v.village, [v], False)  # 1.1 typed as a number
    if total == "bottom":
        add(None, "Tổng cộng", data, True)
    places["signature"] = signature_block(sheet, UNIT_WIDE_WIDTH)
    return sheet.save(path), places


@pytest.mark.parametrize("total", ["bottom", "top", None])
def test_unit_column_levels_by_stt_numbering(tmp_path, total):
    clean = summarize(write_clean(tmp_path / "sach.xlsx", BARE_NAMES))
    path, places = write_unit_wide(tmp_path / "bao_cao.xlsx", total=total)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    rows = ", ".join(str(r) for r in sorted(places["subtotals"]))
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, rows),
        ("warning", "signature_block", places["signature"], None, None),
    ]


def test_unit_column_villages_lettered_a_to_d(tmp_path):
    """Villages numbered a, b, c, d under their commune: "c" is a letter there, not the
    Roman numeral of a district."""
    more = tuple(replace(BARE_NAMES[1], village=f"Số {n}") for n in (30, 40))
    data = (*BARE_NAMES[:2], *more, *BARE_NAMES[2:])
    clean = summarize(write_clean(tmp_path / "sach.xlsx", data))
    path, _ = write_unit_wide(tmp_path / "bao_cao.xlsx", data, village_letters=True)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    assert len(messy.rollup.tables["village"].query("organization == 'all'")) == 6


@pytest.mark.parametrize(
    "unit, org, figure",
    [
        ("Châu Thành", PN, "members"),
        ("Phú Hữu", ND, "rating_strong"),
        ("Long Bình", PN, "branches"),
        ("Tổng cộng", ND, "members_attending"),
    ],
)
def test_unit_column_wrong_subtotal(tmp_path, unit, org, figure):
    column = unit_wide_column(org, figure)
    path, places = write_unit_wide(tmp_path / "bao_cao.xlsx", wrong={(unit, column): 10})
    messy = summarize(path)
    under = {"Tổng cộng": BARE_NAMES, "Châu Thành": of("Châu Thành", data=BARE_NAMES)}.get(
        unit, of(commune=unit, data=BARE_NAMES)
    )
    computed = org_sums(under, org)[ORG_FIGURES.index(figure)]
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    header = {
        "members": "Số hội viên",
        "rating_strong": "Xếp loại › Vững mạnh",
        "branches": "Số chi hội",
        "members_attending": "Số HV tham gia sinh hoạt",
    }[figure]
    assert located(mismatches) == [
        ("error", "subtotal_mismatch", places[unit], f"{org} › {header}", computed + 10)
    ]
    codes = ["subtotal_rows", "subtotal_mismatch", "signature_block"]
    assert [p.code for p in messy.problems] == codes
    assert mismatches[0].params["computed"] == computed


def test_unit_column_wrong_household_subtotal_is_reported_once(tmp_path):
    path, places = write_unit_wide(tmp_path / "bao_cao.xlsx", wrong={("Long Mỹ", 4): 1})
    messy = summarize(path)
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    computed = household_sums(of("Long Mỹ", data=BARE_NAMES))[1]
    assert located(mismatches) == [
        ("error", "subtotal_mismatch", places["Long Mỹ"], "Số hộ có ĐV, HV", computed + 1)
    ]
    assert mismatches[0].params["computed"] == computed


# Unit-type words tell the levels (no STT): Huyện, Thị xã, Xã, Thị trấn, Ấp, Tổ dân phố, Thôn.
WORD_NAMES = renamed(
    {
        "Xã Phú Hữu": "Thị trấn Ngã Sáu",
        "Ấp Phú Lợi": "Tổ dân phố 3",
        "Huyện Long Mỹ": "Thị xã Long Mỹ",
        "Ấp Dưới": "Thôn Dưới",
    }
)
UNIT_LONG_HEADER = ["Đơn vị", "Đoàn thể", *LEVEL_HEADER[5:]]


def write_unit_long(
    path: Path, data: Sequence[Village] = WORD_NAMES, village_once: bool = False
) -> tuple[Path, dict]:
    """Đơn vị | Đoàn thể | figures: a district row, its commune rows, each followed by its
    villages' rows (one per organisation), "Tổng cộng" at the bottom; no STT column."""
    sheet = Sheet()
    top = sheet.add(*UNIT_LONG_HEADER)
    sheet.add(*[None] * 7, *RATINGS)
    for column in range(1, 8):
        sheet.merge(column, top, column, top + 1)
    sheet.merge(8, top, 11, top)
    places: dict = {"subtotals": []}

    def subtotal(name: str, villages) -> None:
        places[name] = sheet.add(name, None, *level_figures(villages))
        places["subtotals"].append(places[name])

    for district, in_district, communes in districts_and_communes(data):
        subtotal(district, in_district)
        for commune, villages in communes.items():
            subtotal(commune, villages)
            for v in villages:
                first = sheet.next_row
                for org in ORGS:
                    name = None if village_once and org != ORGS[0] else v.village
                    sheet.add(name, org, *level_figures([v], org))
                if village_once:
                    sheet.merge(1, first, 1, sheet.next_row - 1)
    subtotal("Tổng cộng", data)
    return sheet.save(path), places


@pytest.mark.parametrize(
    "village_once",
    [False, pytest.param(True, id="village-written-once")],
)
def test_unit_column_levels_by_unit_type_words(tmp_path, village_once):
    clean = summarize(write_clean(tmp_path / "sach.xlsx", WORD_NAMES))
    path, places = write_unit_long(tmp_path / "bao_cao.xlsx", village_once=village_once)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    rows = ", ".join(str(r) for r in places["subtotals"])
    assert located(messy.problems) == [("warning", "subtotal_rows", None, None, rows)]


def test_unit_column_by_words_wrong_commune_row(tmp_path):
    path, places = write_unit_long(tmp_path / "bao_cao.xlsx")
    # Spoil Thị trấn Ngã Sáu's "Số hội viên" (column D) and re-save.
    workbook = load_workbook(path)
    row = places["Thị trấn Ngã Sáu"]
    workbook[SHEET].cell(row, 4).value += 5
    workbook.save(path)
    messy = summarize(path)
    computed = org_sums(of(commune="Thị trấn Ngã Sáu", data=WORD_NAMES))[1]
    mismatches = [p for p in messy.problems if p.code == "subtotal_mismatch"]
    assert located(mismatches) == [("error", "subtotal_mismatch", row, "Số hội viên", computed + 5)]
    assert mismatches[0].params == {"computed": computed, "rows": f"{row + 1}–{row + 2}"}


# --- names written once over merged cells ---------------------------------------------------


def test_every_name_written_once_over_merged_cells(tmp_path, clean):
    """District, commune and village each written on their first row only, cells merged."""
    sheet = Sheet()
    sheet.add(*LONG_HEADER)
    spans: dict[tuple[int, str], list[int]] = {}
    for v in VILLAGES:
        for org in ORGS:
            row = sheet.next_row
            names = [v.district, v.commune, v.village]
            for column, name in enumerate(names, start=1):
                span = spans.setdefault((column, name), [])
                if span:
                    names[column - 1] = None
                span.append(row)
            sheet.add(*names, *long_row(v, org)[3:])
    for (column, _), rows in spans.items():
        sheet.merge(column, rows[0], column, rows[-1])
    messy = summarize(sheet.save(tmp_path / "bao_cao.xlsx"))
    assert_same_rollup(messy, clean)
    assert messy.problems == []


def test_a_blank_name_among_names_written_on_every_row_is_missing(tmp_path):
    """Names repeated row by row: a blank one is an error, never taken from the row above."""
    sheet = Sheet()
    sheet.add(*LONG_HEADER)
    for v in VILLAGES:
        for org in ORGS:
            sheet.add(*long_row(v, org))
    sheet.rows[4][2] = None  # Excel row 5: Ấp Phú Lợi, Hội Nông dân
    sheet.rows[4][1] = None
    messy = summarize(sheet.save(tmp_path / "bao_cao.xlsx"))
    assert located(messy.problems) == [
        ("error", "missing_unit_name", 5, "Xã", None),
        ("error", "missing_unit_name", 5, "Ấp", None),
    ]
    assert messy.rollup is None


# --- numbers typed as text ------------------------------------------------------------------

# Hội Nông dân in Ấp Dưới with 1.234 members (typed "1.234"), Hội LHPN there with 1.234
# (typed "1,234"); zeros typed "-" or left blank.
THOUSANDS = tuple(
    v
    if v.village != "Ấp Dưới"
    else Village(
        v.district,
        v.commune,
        v.village,
        2450,
        1580,
        {ND: (3, 1234, 700, 1, 1, 1, 0), PN: (1, 1234, 200, 0, 0, 0, 1)},
    )
    for v in VILLAGES
)


def write_typed(path: Path, bad: str | None = None) -> Path:
    """The long table with figures typed as text: "1.234", "1,234", "-" and blanks for 0,
    households "2.450"; `bad` replaces Hội LHPN's members in Ấp 2 (Excel row 5)."""
    sheet = Sheet()
    sheet.add(*LONG_HEADER)
    for v in THOUSANDS:
        for org in ORGS:
            row = long_row(v, org)
            row = [str(x) if isinstance(x, int) else x for x in row]
            if v.village == "Ấp Dưới":
                row[5] = "1.234" if org == ND else "1,234"
                row[7] = "2.450"
                row[8] = "1.580"
            row[9:] = ["-" if x == "0" else x for x in row[9:]]
            if row[12] == "-" and org == ND:
                row[12] = None  # blank
            sheet.add(*row)
    if bad is not None:
        sheet.rows[4][5] = bad
    return sheet.save(path)


def test_numbers_typed_as_text_roll_up_as_numbers(tmp_path):
    clean = summarize(write_clean(tmp_path / "sach.xlsx", THOUSANDS))
    messy = summarize(write_typed(tmp_path / "bao_cao.xlsx"))
    assert_same_rollup(messy, clean)
    assert messy.problems == []
    assert messy.rollup.total["members"] == TOTAL["members"] - 900 - 234 + 2 * 1234


@pytest.mark.parametrize(
    "bad, code", [("12a", "not_a_number"), ("1.5", "not_whole"), ("-3", "negative")]
)
def test_a_figure_that_is_not_a_count_names_its_cell(tmp_path, bad, code):
    path = write_typed(tmp_path / "bao_cao.xlsx", bad=bad)
    messy = summarize(path)
    assert [
        (p.severity, p.file, p.sheet, p.row, p.column, p.value, p.code) for p in messy.problems
    ] == [("error", str(path), SHEET, 5, "Số hội viên", bad, code)]
    assert messy.rollup is None
    assert messy.exit_code == 1


# --- unit names that read like total words --------------------------------------------------


LIKE_TOTALS = {
    "Xã Đông Phước": "Tống Phan",
    "Xã Phú Hữu": "Cộng Hòa",
    "Xã Long Bình": "Công Liêm",
    "Ấp 2": "Cộng Lạc",
    "Ấp Dưới": "Tổng Long",
}


def test_units_named_like_total_words_are_data(tmp_path):
    """Xã Tống Phan (Hưng Yên), Cộng Hòa, Cộng Lạc (Hải Dương), Công Liêm (Thanh Hóa) written
    without "Xã"/"Thôn" are units, not "Tổng"/"Cộng" rows, in any column."""
    data = renamed(LIKE_TOTALS)
    clean = summarize(write_clean(tmp_path / "sach.xlsx", data))
    assert clean.problems == []
    assert {k: clean.rollup.total[k] for k in TOTAL} == TOTAL
    communes = clean.rollup.tables["commune"]
    assert sorted(communes.loc[communes["organization"] == "all", "commune"]) == [
        "Công Liêm",
        "Cộng Hòa",
        "Tống Phan",
    ]


def test_units_named_like_total_words_in_a_numbered_unit_column(tmp_path):
    data = renamed({"Đông Phước": "Tống Phan", "Phú Hữu": "Cộng Hòa"}, BARE_NAMES)
    clean = summarize(write_clean(tmp_path / "sach.xlsx", data))
    path, places = write_unit_wide(tmp_path / "bao_cao.xlsx", data=data)
    messy = summarize(path)
    assert_same_rollup(messy, clean)
    rows = ", ".join(str(r) for r in sorted(places["subtotals"]))
    assert located(messy.problems) == [
        ("warning", "subtotal_rows", None, None, rows),
        ("warning", "signature_block", places["signature"], None, None),
    ]


# --- problems on a wide row are named once --------------------------------------------------


def test_a_household_rule_on_a_wide_row_is_reported_once(tmp_path):
    data = tuple(
        Village(v.district, v.commune, v.village, v.households, v.households + 5, v.figures)
        if v.village == "Ấp 2"
        else v
        for v in VILLAGES
    )
    path, _ = write_wide(tmp_path / "bao_cao.xlsx", total=None, data=data)
    row = 12  # Ấp 2: after six title rows, three header rows, the numbering row and Ấp 10
    messy = summarize(path)
    assert located([p for p in messy.problems if p.severity == "error"]) == [
        ("error", "exceeds", row, "Số hộ có ĐV, HV", 805)
    ]


def test_a_missing_name_in_the_unit_column_names_that_column_once(tmp_path):
    data = renamed({"Số 2": ""}, BARE_NAMES)
    path, places = write_unit_wide(tmp_path / "bao_cao.xlsx", data=data, total=None)
    messy = summarize(path)
    assert located([p for p in messy.problems if p.severity == "error"]) == [
        ("error", "missing_unit_name", places[""], "Đơn vị", None)
    ]
