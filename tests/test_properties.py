"""One set of membership figures in many layouts (hypothesis): long, wide with a group per
organisation, the hierarchy in one "Đơn vị" column; title blocks, headers of 1-3 rows, an
STT column, a numbering row, organisations written short, "Cộng" (or "Cộng xã ...") subtotal
rows, figures typed as text ("1.234", "-"), villages without some organisation, a district
level or none, a signature block. Each rolls up exactly as the same figures in a clean long
table, every figure of it accounted for (tests/accounting.py); a damaged cell ("12a") is one
located error; no generated input ends in a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from danvan_cli.engine import pipeline
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.outputs.jsoncsv import to_text, write_json
from tests.accounting import assert_accounted

settings.register_profile(
    "layouts",
    max_examples=12,
    derandomize=True,  # the same examples on every run, here and in CI
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failing example is shown as found, unshrunk
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LAYOUTS = settings.get_profile("layouts")

# Each organisation as offices write it: in full, then short (DOMAIN.md).
SPELLINGS = {
    "nong_dan": ("Hội Nông dân", "Hội ND", "HND"),
    "phu_nu": ("Hội LHPN", "HPN", "LHPN"),
    "thanh_nien": ("Đoàn Thanh niên", "Đoàn TN", "ĐTN"),
    "cuu_chien_binh": ("Hội Cựu chiến binh", "Hội CCB", "CCB"),
    "nguoi_cao_tuoi": ("Hội Người cao tuổi", "Hội NCT", "NCT"),
    "mttq": ("Mặt trận Tổ quốc", "MTTQ", "BCTMT"),
}
COMMUNES = ("Xã Tân An", "Xã Long Bình", "Phường 3")
DISTRICTS = ("Huyện Châu Thành", "Huyện Long Mỹ")
FIGURES = ("branches", "members", "members_attending")
FIGURE_HEADERS = ("Số chi hội", "Số hội viên", "Số ĐV, HV tham gia sinh hoạt")
HOUSEHOLD_HEADERS = ("Tổng số hộ", "Số hộ có ĐV, HV")


@dataclass(frozen=True)
class Village:
    commune: str
    name: str
    households: int
    with_members: int
    figures: dict[str, tuple[int, int, int]]  # organisation code -> FIGURES
    district: str = ""  # "" in data without a district level (after the 2025 reform)


@st.composite
def villages(draw) -> list[Village]:
    """One to three communes of one to three villages, each with some of one to three
    organisations (a village without a branch of one has no figures for it)."""
    organizations = draw(st.lists(st.sampled_from(sorted(SPELLINGS)), min_size=1, max_size=3))
    organizations = list(dict.fromkeys(organizations))
    districts = DISTRICTS if draw(st.booleans()) else ("",)
    found = []
    for place, commune in enumerate(COMMUNES[: draw(st.integers(1, 3))]):
        district = districts[min(place, len(districts) - 1)]  # each district's communes together
        for number in range(1, draw(st.integers(1, 3)) + 1):
            households = draw(st.integers(1, 3000))
            figures = {}
            present = draw(st.sets(st.sampled_from(organizations), min_size=1))
            for organization in [o for o in organizations if o in present]:
                members = draw(st.integers(0, 2000))
                attending = draw(st.integers(0, members))
                branches = draw(st.integers(1 if members else 0, 9))
                figures[organization] = (branches, members, attending)
            with_members = draw(st.integers(0, households))
            name = f"Thôn {number}"
            found.append(Village(commune, name, households, with_members, figures, district))
    return found


@dataclass(frozen=True)
class Layout:
    shape: str  # "long", "wide" (a group per organisation), "unit" (one "Đơn vị" column)
    title: bool  # title block above, signature block below
    stt: bool
    header_rows: int  # 1-3 (a wide layout's groups take two)
    numbering: bool  # "1 2 3 ..." under the header
    subtotals: bool  # "Cộng" after each commune and "Tổng cộng" (always in "unit")
    spelling: int  # 0 in full, 1-2 short
    typed: bool  # figures typed as text: "1.234", "-" for no branch or member
    named_totals: bool  # "Cộng xã Tân An" rather than "Cộng"


layouts = st.builds(
    Layout,
    shape=st.sampled_from(["long", "wide", "unit"]),
    title=st.booleans(),
    stt=st.booleans(),
    header_rows=st.integers(1, 3),
    numbering=st.booleans(),
    subtotals=st.booleans(),
    spelling=st.integers(0, 2),
    typed=st.booleans(),
    named_totals=st.booleans(),
)


@dataclass
class Sheet:
    """Rows from Excel row 1, merged ranges, and where each figure of the data was written:
    (village index, organisation, figure) -> (Excel row, column header as danvan names it)."""

    rows: list[list[object]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    places: dict[tuple[int, str, str], tuple[int, int]] = field(default_factory=dict)

    def add(self, *cells: object) -> int:
        self.rows.append(list(cells))
        return len(self.rows)

    def merge(self, column: int, row: int, last_column: int, last_row: int) -> None:
        if (column, row) != (last_column, last_row):
            first, last = get_column_letter(column), get_column_letter(last_column)
            self.merges.append(f"{first}{row}:{last}{last_row}")

    def save(self, path: Path) -> Path:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Số liệu"
        for row in self.rows:
            sheet.append(row)
        for cells in self.merges:
            sheet.merge_cells(cells)
        workbook.save(path)
        return path


def write_clean(path: Path, data: list[Village]) -> Path:
    sheet = Sheet()
    sheet.add(*units(data), "Đoàn thể", *FIGURE_HEADERS, *HOUSEHOLD_HEADERS)
    for v in data:
        for organization, figures in v.figures.items():
            sheet.add(*path_of(v), organization, *figures, v.households, v.with_members)
    return sheet.save(path)


def units(data: list[Village]) -> list[str]:
    """The unit columns: Huyện (where the data has districts), Xã, Thôn."""
    return [*(["Huyện"] if data[0].district else []), "Xã", "Thôn"]


def path_of(v: Village) -> list[str]:
    return [*([v.district] if v.district else []), v.commune, v.name]


def organizations_of(data: list[Village]) -> list[str]:
    return list(dict.fromkeys(o for v in data for o in v.figures))


def typed(layout: Layout, values: list[object], counts: int = 0) -> list[object]:
    """Figures as typed by hand: "1.234"; "-" for the first `counts` when 0."""
    if not layout.typed:
        return values
    found = []
    for place, value in enumerate(values):
        if value == 0 and place < counts:
            found.append("-")
        elif isinstance(value, int) and value >= 1000:
            found.append(f"{value:,}".replace(",", "."))
        else:
            found.append(value)
    return found


def total_label(layout: Layout, commune: str) -> str:
    return f"Cộng {commune[0].lower()}{commune[1:]}" if layout.named_totals else "Cộng"


def sums(data: list[Village]) -> list[int]:
    """FIGURES over every organisation, then the households, of `data`."""
    total = [sum(f[i] for v in data for f in v.figures.values()) for i in range(3)]
    return [*total, sum(v.households for v in data), sum(v.with_members for v in data)]


def by_commune(data: list[Village]) -> dict[str, list[Village]]:
    found: dict[str, list[Village]] = {}
    for v in data:
        found.setdefault(v.commune, []).append(v)
    return found


def title_block(sheet: Sheet, width: int) -> None:
    half = max(width // 2, 1)
    sheet.add("ỦY BAN MTTQ VIỆT NAM", *[None] * (half - 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sheet.add("BÁO CÁO SỐ LIỆU ĐOÀN VIÊN, HỘI VIÊN CỦA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI")
    sheet.add("Năm 2024")
    sheet.add()


def signature_block(sheet: Sheet) -> None:
    sheet.add()
    sheet.add(None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC")
    sheet.add(None, "Nguyễn Văn An", None, None, "Trần Thị Bình")


def header(sheet: Sheet, names: list[str], groups: list[tuple[str, list[str]]], rows: int) -> None:
    """`names` over all the header's rows; each group's title over its columns (with
    `rows` 3, "SỐ LIỆU NĂM 2024" over all groups); with `rows` 1 the columns alone."""
    columns = [c for _, cs in groups for c in cs]
    if rows == 1:
        sheet.add(*names, *columns)
        return
    first = sheet.add(
        *names, *[cell for title, cs in groups for cell in (title, *[None] * (len(cs) - 1))]
    )
    if rows == 3:
        sheet.rows.insert(first - 1, [*[None] * len(names), "SỐ LIỆU NĂM 2024"])
        sheet.merge(len(names) + 1, first, len(names) + len(columns), first)
        first += 1
    last = sheet.add(*[None] * len(names), *columns)
    top = first - (rows == 3)
    for position in range(1, len(names) + 1):
        sheet.rows[top - 1][position - 1] = names[position - 1]
        if top != first:
            sheet.rows[first - 1][position - 1] = None
        sheet.merge(position, top, position, last)
    column = len(names) + 1
    for title, cs in groups:
        if title:
            sheet.merge(column, first, column + len(cs) - 1, first)
        column += len(cs)


def render(layout: Layout, data: list[Village]) -> Sheet:
    """The figures of `data` laid out as `layout` says."""
    sheet = Sheet()
    return {"long": _long, "wide": _wide, "unit": _unit}[layout.shape](sheet, layout, data)


def _spelled(layout: Layout, organization: str) -> str:
    return SPELLINGS[organization][layout.spelling]


def _long(sheet: Sheet, layout: Layout, data: list[Village]) -> Sheet:
    stt = int(layout.stt)
    names = [*(["STT"] * stt), *units(data), "Đoàn thể"]
    groups = [("Hội viên", list(FIGURE_HEADERS)), ("Hộ gia đình", list(HOUSEHOLD_HEADERS))]
    _begin(sheet, layout, names, groups)
    blanks = len(names) - stt - 1  # the name columns right of a total's label
    number = 0
    for commune, own in by_commune(data).items():
        for v in own:
            for organization, figures in v.figures.items():
                number += 1
                org = _spelled(layout, organization)
                cells = typed(layout, [*figures, v.households, v.with_members], 3)
                row = sheet.add(*[number] * stt, *path_of(v), org, *cells)
                _placed(sheet, data.index(v), organization, row, len(names))
        if layout.subtotals:
            label = total_label(layout, commune)
            sheet.add(*[None] * stt, label, *[None] * blanks, *sums(own))
    return _end(sheet, layout, data, stt, blanks)


def _wide(sheet: Sheet, layout: Layout, data: list[Village]) -> Sheet:
    stt = int(layout.stt)
    names = [*(["STT"] * stt), *units(data), *HOUSEHOLD_HEADERS]
    blanks = len(names) - stt - 3  # the name columns right of a total's label
    organizations = organizations_of(data)
    short = ("Số chi hội", "Số hội viên", "Sinh hoạt")
    groups = [(_spelled(layout, o), list(short)) for o in organizations]
    _begin(sheet, layout, names, groups, max(layout.header_rows, 2))
    number = 0
    for commune, own in by_commune(data).items():
        for v in own:
            number += 1
            figures = [
                f
                for o in organizations
                for f in typed(layout, list(v.figures.get(o, [None] * 3)), 3)
            ]  # a group left blank where the village has no branch of it
            row = sheet.add(*[number] * stt, *path_of(v), v.households, v.with_members, *figures)
            for place, organization in enumerate(organizations):
                if organization in v.figures:
                    _placed(sheet, data.index(v), organization, row, len(names) + 3 * place)
        if layout.subtotals:
            label = total_label(layout, commune)
            sheet.add(*[None] * stt, label, *[None] * blanks, *_wide_sums(own, organizations))
    return _end(sheet, layout, data, stt, blanks, organizations)


def _unit(sheet: Sheet, layout: Layout, data: list[Village]) -> Sheet:
    names = ["STT", "Đơn vị", "Đoàn thể"]
    groups = [("Hội viên", list(FIGURE_HEADERS)), ("Hộ gia đình", list(HOUSEHOLD_HEADERS))]
    _begin(sheet, layout, names, groups)
    districts = bool(data[0].district)  # then I, II the districts, 1, 2 the communes
    seen: set[str] = set()
    for number, (commune, own) in enumerate(by_commune(data).items()):
        district = own[0].district
        if districts and district not in seen:
            seen.add(district)
            in_district = [v for v in data if v.district == district]
            sheet.add("I" * len(seen), district, None, *sums(in_district))
        sheet.add(number + 1 if districts else "I" * (number + 1), commune, None, *sums(own))
        for place, v in enumerate(own, start=1):
            for first, (organization, figures) in enumerate(v.figures.items()):
                stt = place if first == 0 and not districts else None
                org = _spelled(layout, organization)
                cells = typed(layout, [*figures, v.households, v.with_members], 3)
                row = sheet.add(stt, v.name, org, *cells)
                _placed(sheet, data.index(v), organization, row, len(names))
    sheet.add(None, "Tổng cộng", None, *sums(data))
    return _end(sheet, layout, data, None)


def _begin(
    sheet: Sheet, layout: Layout, names: list[str], groups: list, rows: int | None = None
) -> None:
    width = len(names) + sum(len(cs) for _, cs in groups)
    if layout.title:
        title_block(sheet, width)
    header(sheet, names, groups, rows or layout.header_rows)
    if layout.numbering:
        sheet.add(*range(1, width + 1))


def _wide_sums(data: list[Village], organizations: list[str]) -> list[int | None]:
    """The households, then each organisation's FIGURES, summed over `data` (blank for an
    organisation none of them has)."""
    figures = [
        sum(v.figures[o][i] for v in data if o in v.figures)
        if any(o in v.figures for v in data)
        else None
        for o in organizations
        for i in range(3)
    ]
    return [*sums(data)[3:], *figures]


def _placed(sheet: Sheet, village: int, organization: str, row: int, first: int) -> None:
    """Where a village's figures of one organisation were written (0-based column)."""
    for offset, name in enumerate(FIGURES):
        sheet.places[(village, organization, name)] = (row, first + offset)


def _end(
    sheet: Sheet,
    layout: Layout,
    data: list[Village],
    stt: int | None,
    blanks: int = 0,
    wide: list | None = None,
) -> Sheet:
    """The "Tổng cộng" row (after `stt` columns, `blanks` name columns right of it), then the
    signature block."""
    if layout.subtotals and stt is not None:
        total = _wide_sums(data, wide) if wide else sums(data)
        sheet.add(*[None] * stt, "Tổng cộng", *[None] * blanks, *total)
    if layout.title:
        signature_block(sheet)
    return sheet


def figures_of(path: Path) -> tuple[dict | None, object]:
    summary = pipeline.summarize(MEMBERSHIP, [str(path)])
    assert_accounted(summary.data)
    if summary.rollup is None:
        return None, summary
    text = to_text(write_json, MEMBERSHIP, summary.rollup, [], summary.levels, summary.levels, "vi")
    out = json.loads(text)
    return {k: out.get(k) for k in ("levels", "rollups", "total", "total_by_organization")}, summary


def located(problems) -> list[tuple]:
    return [(p.severity, p.code, p.row, p.column, p.value) for p in problems]


@LAYOUTS
@given(data=villages(), layout=layouts)
def test_every_layout_rolls_up_as_the_clean_long_table(tmp_path_factory, data, layout):
    folder = tmp_path_factory.mktemp("layout")
    clean, _ = figures_of(write_clean(folder / "sach.xlsx", data))
    messy, summary = figures_of(render(layout, data).save(folder / "bao_cao.xlsx"))
    errors = [p for p in summary.problems if p.severity == "error"]
    assert not errors, (layout, located(errors))
    assert messy == clean, layout


@LAYOUTS
@given(data=villages(), layout=layouts, pick=st.integers(0, 10**6))
def test_a_damaged_cell_is_one_located_error(tmp_path_factory, data, layout, pick):
    sheet = render(layout, data)
    places = sorted(sheet.places.items())  # (village, organisation, figure) -> cell
    _, (row, column) = places[pick % len(places)]
    sheet.rows[row - 1][column] = "12a"
    path = sheet.save(tmp_path_factory.mktemp("damaged") / "bao_cao.xlsx")
    _, summary = figures_of(path)
    errors = [(p.code, p.row, p.value) for p in summary.problems if p.severity == "error"]
    assert errors == [("not_a_number", row, "12a")], (layout, located(summary.problems))
    assert summary.exit_code == 1


@settings(LAYOUTS, max_examples=6)
@given(
    data=villages(),
    suffix=st.sampled_from([".xlsx", ".csv"]),
    lang=st.sampled_from(["vi", "en"]),
    level=st.sampled_from([None, "commune"]),
)
def test_danvan_s_outputs_sum_as_their_inputs(tmp_path_factory, cli, data, suffix, lang, level):
    """Summing two districts' `-o` outputs gives the figures of summing their inputs."""
    folder = tmp_path_factory.mktemp("outputs")
    communes = list(by_commune(data).values())  # a commune is in one district's file
    parts = [[v for c in part for v in c] for part in (communes[:1], communes[1:]) if part]
    inputs = [write_clean(folder / f"{n}.xlsx", part) for n, part in enumerate(parts)]
    options = ["--lang", lang, *(["--level", level] if level else [])]
    outputs = []
    for path in inputs:
        output = path.with_name(f"tong_hop_{path.stem}{suffix}")
        assert cli("summarize", path, "-o", output, *options).exit_code == 0
        outputs.append(output)
    direct = json.loads(cli("summarize", *inputs, "--format", "json").stdout)
    result = cli("summarize", *outputs, "--format", "json")
    read_back = json.loads(result.stdout)
    assert result.exit_code == 0, read_back["problems"]
    shown = level or "village"
    assert read_back["rollups"][shown] == direct["rollups"][shown]
    assert read_back["total"] == direct["total"]
    assert read_back["total_by_organization"] == direct["total_by_organization"]
    assert_accounted(pipeline.summarize(MEMBERSHIP, [str(p) for p in outputs]).data)


def test_a_title_over_one_organisation_s_group(tmp_path):
    figures = {"nong_dan": (1, 100, 80)}
    data = [Village("Xã Tân An", "Thôn 1", 300, 200, figures)]
    layout = Layout("wide", False, False, 3, False, False, 1, False, False)
    clean, _ = figures_of(write_clean(tmp_path / "sach.xlsx", data))
    messy, summary = figures_of(render(layout, data).save(tmp_path / "bao_cao.xlsx"))
    assert located(summary.problems) == []
    assert messy == clean
