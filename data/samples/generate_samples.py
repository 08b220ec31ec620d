#!/usr/bin/env python3
"""Deterministic generator for the sample workbooks in ``data/samples/``.

Run ``python data/samples/generate_samples.py`` to (re)write every sample into
this script's own folder.  The output is byte-for-byte reproducible: all
randomness comes from ``random.Random`` with fixed seeds, workbook properties
carry a fixed timestamp and the zip container is normalised (fixed entry
dates and attributes).

Only the standard library and openpyxl are used.

Layout of this file:

* shared helpers (apportioning, styling, reproducible saving, reading back);
* one ``write_<sample>(path)`` function per sample, each of which writes its
  file and then re-reads it to assert the figures it promises;
* ``SAMPLES`` maps file names to writers; ``main()`` runs them all.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

SAMPLES_DIR = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

#: Timestamp written into every workbook (docProps/core.xml) and zip entry.
FIXED_DATETIME = dt.datetime(2021, 1, 15, 8, 0, 0)
FIXED_ZIP_DATE = (2021, 1, 15, 8, 0, 0)
SAMPLE_AUTHOR = "danvan sample generator"

FONT_NAME = "Times New Roman"
FONT_SIZE = 12


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into non-negative ints proportional to ``weights``.

    Largest-remainder (Hamilton) method: the parts always sum to ``total``
    exactly.  Ties are broken by position, so the result is deterministic.
    """
    if total < 0:
        raise ValueError("total must be >= 0")
    if not weights or any(w < 0 for w in weights):
        raise ValueError("weights must be non-empty and non-negative")
    weight_sum = float(sum(weights))
    if weight_sum <= 0:
        raise ValueError("weights must not all be zero")
    quotas = [total * w / weight_sum for w in weights]
    parts = [int(q) for q in quotas]
    short = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:short]:
        parts[i] += 1
    assert sum(parts) == total
    return parts


def apportion_with_floor(total: int, weights: Sequence[float], floor: int) -> list[int]:
    """Like :func:`apportion` but every part is at least ``floor``."""
    if floor * len(weights) > total:
        raise ValueError("total too small for the floor")
    rest = apportion(total - floor * len(weights), weights)
    return [floor + r for r in rest]


def new_workbook() -> Workbook:
    """A workbook with fixed document properties (reproducible core.xml)."""
    wb = Workbook()
    props = wb.properties
    props.creator = SAMPLE_AUTHOR
    props.lastModifiedBy = SAMPLE_AUTHOR
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    return wb


def style_table(
    ws: Worksheet,
    header_row: int,
    widths: Sequence[float],
    text_columns: Sequence[int] = (),
) -> None:
    """Plain report styling: Times New Roman, bold wrapped header, widths.

    ``text_columns`` are 1-based column indexes aligned left; all other data
    columns are right-aligned (numbers).
    """
    body_font = Font(name=FONT_NAME, size=FONT_SIZE)
    head_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center")
    right = Alignment(horizontal="right", vertical="center")
    center = Alignment(horizontal="center", vertical="center")
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=header_row):
        for cell in row:
            if cell.row == header_row:
                cell.font = head_font
                cell.alignment = head_align
            else:
                cell.font = body_font
                if cell.column == 1:
                    cell.alignment = center
                elif cell.column in text_columns:
                    cell.alignment = left
                else:
                    cell.alignment = right
    ws.row_dimensions[header_row].height = 48
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def save_reproducible(wb: Workbook, path: Path) -> None:
    """Save ``wb`` so that identical content gives identical bytes.

    ``Workbook.save`` stamps the current time into docProps/core.xml and
    ``zipfile`` stamps it into every entry header; both are replaced here by
    :data:`FIXED_DATETIME`.  The file is written atomically.
    """
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()

    out = io.BytesIO()
    with zipfile.ZipFile(raw, "r") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the host
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename), compresslevel=6)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(out.getvalue())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_rows(
    path: Path, sheet: str, header_row: int = 1
) -> tuple[list[object], list[tuple[object, ...]]]:
    """Header row and data rows of ``sheet`` (header on row ``header_row``, 1-based)."""
    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet]
        rows = [tuple(r) for r in ws.iter_rows(min_row=header_row, values_only=True)]
    finally:
        wb.close()
    return list(rows[0]), rows[1:]


# ---------------------------------------------------------------------------
# Sample: Hậu Giang 2020 branch membership (kind `membership`, long layout)
# ---------------------------------------------------------------------------

HG_FILE_NAME = "hau_giang_2020_membership.xlsx"
HG_SHEET = "Số liệu"
HG_SEED = 2020_0093  # fixed: Hậu Giang (code 93), year 2020

HG_HEADER = [
    "STT",
    "Huyện/Thị xã/Thành phố",
    "Xã/Phường/Thị trấn",
    "Ấp/Khu vực",
    "Đoàn thể",
    "Số chi hội, chi đoàn",
    "Số đoàn viên, hội viên",
    "Số ĐV, HV tham gia sinh hoạt",
    "Tổng số hộ",
    "Số hộ có ĐV, HV",
    "Vững mạnh",
    "Khá",
    "Trung bình",
    "Yếu",
]
HG_WIDTHS = [6, 24, 22, 16, 22, 12, 13, 14, 10, 11, 10, 8, 10, 8]

# Totals published in seed 003 (Hậu Giang, 2020).
HG_TOTAL_BRANCHES = 2090
HG_TOTAL_MEMBERS = 307217
HG_TOTAL_HOUSEHOLDS = 196898
HG_TOTAL_HOUSEHOLDS_WITH_MEMBERS = 161135
HG_COVERAGE_TEXT = "81,84%"

# Village naming style of a commune:
#   "kv"  -> Khu vực 1..n (wards)
#   "so"  -> Ấp 1..n, sometimes split into 2A/2B
#   "ten" -> named ấp (Ấp Tân Long, Ấp Mỹ Lợi A, ...)
# The 8 district-level units and their 76 commune-level units as of 2020.
HG_UNITS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Thành phố Vị Thanh",
        [
            ("Phường I", "kv"),
            ("Phường III", "kv"),
            ("Phường IV", "kv"),
            ("Phường V", "kv"),
            ("Phường VII", "kv"),
            ("Xã Hỏa Lựu", "so"),
            ("Xã Hỏa Tiến", "so"),
            ("Xã Tân Tiến", "so"),
            ("Xã Vị Tân", "so"),
        ],
    ),
    (
        "Thành phố Ngã Bảy",
        [
            ("Phường Ngã Bảy", "kv"),
            ("Phường Hiệp Thành", "kv"),
            ("Phường Lái Hiếu", "kv"),
            ("Phường Hiệp Lợi", "kv"),
            ("Xã Đại Thành", "ten"),
            ("Xã Tân Thành", "ten"),
        ],
    ),
    (
        "Thị xã Long Mỹ",
        [
            ("Phường Thuận An", "kv"),
            ("Phường Bình Thạnh", "kv"),
            ("Phường Vĩnh Tường", "kv"),
            ("Phường Trà Lồng", "kv"),
            ("Xã Long Bình", "ten"),
            ("Xã Long Phú", "ten"),
            ("Xã Long Trị", "ten"),
            ("Xã Long Trị A", "ten"),
            ("Xã Tân Phú", "ten"),
        ],
    ),
    (
        "Huyện Châu Thành A",
        [
            ("Thị trấn Một Ngàn", "so"),
            ("Thị trấn Bảy Ngàn", "so"),
            ("Thị trấn Cái Tắc", "ten"),
            ("Thị trấn Rạch Gòi", "so"),
            ("Xã Nhơn Nghĩa A", "so"),
            ("Xã Tân Hòa", "ten"),
            ("Xã Tân Phú Thạnh", "ten"),
            ("Xã Thạnh Xuân", "so"),
            ("Xã Trường Long A", "ten"),
            ("Xã Trường Long Tây", "ten"),
        ],
    ),
    (
        "Huyện Châu Thành",
        [
            ("Thị trấn Ngã Sáu", "ten"),
            ("Thị trấn Mái Dầm", "ten"),
            ("Xã Đông Phú", "ten"),
            ("Xã Đông Phước", "ten"),
            ("Xã Đông Phước A", "ten"),
            ("Xã Đông Thạnh", "ten"),
            ("Xã Phú An", "ten"),
            ("Xã Phú Hữu", "ten"),
            ("Xã Phú Tân", "ten"),
        ],
    ),
    (
        "Huyện Phụng Hiệp",
        [
            ("Thị trấn Cây Dương", "ten"),
            ("Thị trấn Kinh Cùng", "ten"),
            ("Thị trấn Búng Tàu", "ten"),
            ("Xã Bình Thành", "ten"),
            ("Xã Hiệp Hưng", "ten"),
            ("Xã Hòa An", "ten"),
            ("Xã Hòa Mỹ", "ten"),
            ("Xã Long Thạnh", "ten"),
            ("Xã Phụng Hiệp", "ten"),
            ("Xã Phương Bình", "ten"),
            ("Xã Phương Phú", "ten"),
            ("Xã Tân Bình", "ten"),
            ("Xã Tân Long", "ten"),
            ("Xã Tân Phước Hưng", "ten"),
            ("Xã Thạnh Hòa", "ten"),
        ],
    ),
    (
        "Huyện Vị Thủy",
        [
            ("Thị trấn Nàng Mau", "so"),
            ("Xã Vị Bình", "so"),
            ("Xã Vị Đông", "so"),
            ("Xã Vị Thanh", "so"),
            ("Xã Vị Thắng", "so"),
            ("Xã Vị Thủy", "so"),
            ("Xã Vị Trung", "so"),
            ("Xã Vĩnh Thuận Tây", "so"),
            ("Xã Vĩnh Trung", "so"),
            ("Xã Vĩnh Tường", "so"),
        ],
    ),
    (
        "Huyện Long Mỹ",
        [
            ("Thị trấn Vĩnh Viễn", "so"),
            ("Xã Lương Nghĩa", "so"),
            ("Xã Lương Tâm", "so"),
            ("Xã Thuận Hòa", "ten"),
            ("Xã Thuận Hưng", "ten"),
            ("Xã Vĩnh Thuận Đông", "so"),
            ("Xã Vĩnh Viễn A", "so"),
            ("Xã Xà Phiên", "so"),
        ],
    ),
]

# Stems of hamlet names common in the western Mekong delta.
HG_AP_STEMS = [
    "Mỹ Lợi",
    "Mỹ Hiệp",
    "Mỹ Phú",
    "Mỹ Thạnh",
    "Phú Lợi",
    "Phú Xuân",
    "Phú Nhơn",
    "Phú Thạnh",
    "Phú Hưng",
    "Tân Long",
    "Tân Hiệp",
    "Tân Thạnh",
    "Tân Phú",
    "Tân Hòa",
    "Tân Lợi",
    "Tân Quới",
    "Long Hòa",
    "Long Thạnh",
    "Long An",
    "Long Phú",
    "Long Trường",
    "Long Lợi",
    "Thạnh Lợi",
    "Thạnh Hòa",
    "Thạnh Mỹ",
    "Thạnh Phú",
    "Hòa Thuận",
    "Hòa Long",
    "Hòa Đức",
    "Hòa Lợi",
    "Bình Hòa",
    "Bình Thạnh",
    "Bình Lợi",
    "Bình Thuận",
    "Đông Lợi",
    "Đông An",
    "Đông Hòa",
    "Đông Bình",
    "Xẻo Vông",
    "Xẻo Môn",
    "Xẻo Cao",
    "Cái Sơn",
    "Cái Cao",
    "Cái Dầu",
    "Láng Sen",
    "Kinh Giữa",
    "Kinh Mới",
    "Kinh Đứng",
    "Sơn Phú",
    "Trường Thọ",
    "Trường Hòa",
    "Nhơn Thuận",
    "Nhơn Lộc",
    "Thị Tứ",
    "Mang Cá",
    "Tầm Vu",
    "Hậu Giang",
    "Lái Hiếu",
    "Phước Hòa",
    "Phước Thạnh",
    "Vĩnh Hòa",
    "Vĩnh Lợi",
    "Vĩnh Thạnh",
    "Thuận Hưng",
    "Thuận Lợi",
    "Búng Tàu",
    "Bào Môn",
    "Ngã Bát",
    "Rạch Sung",
    "Hưng Lợi",
]

# Organisations as staff write them, with (chance a village has a branch in
# a commune, chance in a ward, members per household weight).
HG_ORGS: list[tuple[str, float, float, float]] = [
    ("Hội Nông dân", 0.88, 0.25, 0.58),
    ("Hội LHPN", 1.0, 1.0, 0.62),
    ("Đoàn Thanh niên", 0.72, 0.70, 0.26),
    ("Hội Cựu chiến binh", 0.50, 0.55, 0.10),
    ("Hội Người cao tuổi", 0.48, 0.55, 0.36),
    ("Ban Công tác Mặt trận", 0.80, 0.85, 0.0),  # members set separately
]
HG_MTTQ = "Ban Công tác Mặt trận"


@dataclass
class HGVillage:
    district: str
    commune: str
    name: str
    is_ward: bool
    households: int = 0
    households_with_members: int = 0


@dataclass
class HGRow:
    village: HGVillage
    org: str
    branches: int = 1
    members: int = 0
    attending: int = 0
    ratings: tuple[int, int, int, int] = (0, 0, 0, 0)


def _hg_village_names(rng: random.Random, style: str, count: int) -> list[str]:
    """``count`` distinct village names for one commune in the given style."""
    if style == "kv":
        return [f"Khu vực {i}" for i in range(1, count + 1)]
    if style == "so":
        # Numbered hamlets; sometimes one number was split into A and B.
        names: list[str] = []
        n = 1
        while len(names) < count:
            if count - len(names) >= 2 and rng.random() < 0.15:
                names += [f"Ấp {n}A", f"Ấp {n}B"]
            else:
                names.append(f"Ấp {n}")
            n += 1
        return names
    if style == "ten":
        stems = rng.sample(HG_AP_STEMS, count)
        names = []
        for stem in stems:
            if len(names) >= count:
                break
            if count - len(names) >= 2 and rng.random() < 0.12:
                names += [f"Ấp {stem} A", f"Ấp {stem} B"]
            else:
                names.append(f"Ấp {stem}")
        return names[:count]
    raise ValueError(f"unknown village style {style!r}")


def _hg_villages(rng: random.Random) -> list[HGVillage]:
    villages: list[HGVillage] = []
    for district, communes in HG_UNITS:
        for commune, style in communes:
            is_ward = commune.startswith("Phường ")
            if is_ward:
                count = rng.choice([4, 4, 4, 5, 5, 6])
            else:
                count = rng.choice([4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 8, 9])
            names = _hg_village_names(rng, style, count)
            assert len(set(names)) == len(names) == count, (commune, names)
            villages += [HGVillage(district, commune, n, is_ward) for n in names]
    return villages


def _hg_households(rng: random.Random, villages: list[HGVillage]) -> None:
    """Give each village households and households with members (exact sums)."""
    hh_weights = [rng.uniform(520, 900) if v.is_ward else rng.uniform(300, 720) for v in villages]
    households = apportion(HG_TOTAL_HOUSEHOLDS, hh_weights)
    cover_weights = [hh * rng.uniform(0.70, 0.93) for hh in households]
    with_members = apportion(HG_TOTAL_HOUSEHOLDS_WITH_MEMBERS, cover_weights)
    for v, hh, hwm in zip(villages, households, with_members, strict=True):
        assert 0 < hwm <= hh, (v, hh, hwm)
        v.households, v.households_with_members = hh, hwm


def _hg_rows(rng: random.Random, villages: list[HGVillage]) -> list[HGRow]:
    """Rows (village, organisation) with branches, members, attendance, ratings."""
    rows: list[HGRow] = []
    for v in villages:
        for org, p_commune, p_ward, _ in HG_ORGS:
            # Every village has a Women's Union branch; the other
            # organisations may have none there (then no row).
            p = p_ward if v.is_ward else p_commune
            if p >= 1.0 or rng.random() < p:
                rows.append(HGRow(v, org))

    # Branches: 1 per row, then hand out the rest as 2s and a few 3s.  The
    # Front committee is one body per village, so it always stays at 1.
    extra = HG_TOTAL_BRANCHES - len(rows)
    if extra < 0:
        raise AssertionError(f"{len(rows)} rows exceed {HG_TOTAL_BRANCHES} branches")
    eligible = [i for i, r in enumerate(rows) if r.org != HG_MTTQ]
    threes = extra // 14
    twos = extra - 2 * threes
    chosen = rng.sample(eligible, twos + threes)
    for i in chosen[:threes]:
        rows[i].branches = 3
    for i in chosen[threes:]:
        rows[i].branches = 2

    # Members: the Front committee has a handful of members per village;
    # the rest of the total goes to the associations by weight.
    per_hh = {org: w for org, _, _, w in HG_ORGS}
    mttq_rows = [r for r in rows if r.org == HG_MTTQ]
    for r in mttq_rows:
        r.members = rng.randint(5, 13)
    rest = HG_TOTAL_MEMBERS - sum(r.members for r in mttq_rows)
    assoc_rows = [r for r in rows if r.org != HG_MTTQ]
    weights = [
        r.village.households
        * per_hh[r.org]
        * rng.uniform(0.8, 1.25)
        * (1 + 0.15 * (r.branches - 1))
        for r in assoc_rows
    ]
    for r, m in zip(assoc_rows, apportion(rest, weights), strict=True):
        r.members = m

    # Attendance (70-95 %) and ratings (one per branch).
    for r in rows:
        r.attending = min(r.members, round(r.members * rng.uniform(0.70, 0.95)))
        counts = [0, 0, 0, 0]
        for _ in range(r.branches):
            x = rng.random()
            counts[0 if x < 0.58 else 1 if x < 0.90 else 2 if x < 0.985 else 3] += 1
        r.ratings = (counts[0], counts[1], counts[2], counts[3])
    return rows


def _hg_check(path: Path) -> tuple[int, int, int]:
    """Re-read the written file and assert every promised figure and rule.

    Returns (rows, villages, communes).
    """
    header, rows = read_rows(path, HG_SHEET)
    assert header == HG_HEADER, header
    assert rows, "no data rows"
    villages: dict[tuple[str, str, str], tuple[int, int]] = {}
    communes: dict[tuple[str, str], set[str]] = {}
    seen: set[tuple[str, str, str, str]] = set()
    branches = members = 0
    for n, row in enumerate(rows, start=1):
        assert len(row) == len(HG_HEADER), row
        stt, district, commune, village, org = row[:5]
        nums = row[5:]
        assert stt == n and type(stt) is int, (n, stt)
        assert all(isinstance(x, str) and x for x in (district, commune, village, org)), row
        assert all(type(x) is int for x in nums), row
        br, mem, att, hh, hwm, strong, good, avg, weak = nums
        assert br >= 1 and mem >= br and 0 <= att <= mem, row
        assert min(strong, good, avg, weak) >= 0 and strong + good + avg + weak == br, row
        assert 0 < hwm <= hh, row
        key = (district, commune, village, org)
        assert key not in seen, f"duplicate row {key}"
        seen.add(key)
        vkey = (district, commune, village)
        if vkey in villages:
            assert villages[vkey] == (hh, hwm), f"household figures differ in {vkey}"
        villages[vkey] = (hh, hwm)
        communes.setdefault((district, commune), set()).add(village)
        prefix = "Khu vực " if commune.startswith("Phường ") else "Ấp "
        assert village.startswith(prefix), (commune, village)
        branches += br
        members += mem
    households = sum(h for h, _ in villages.values())
    with_members = sum(w for _, w in villages.values())
    assert branches == HG_TOTAL_BRANCHES, branches
    assert members == HG_TOTAL_MEMBERS, members
    assert households == HG_TOTAL_HOUSEHOLDS, households
    assert with_members == HG_TOTAL_HOUSEHOLDS_WITH_MEMBERS, with_members
    pct = f"{100 * with_members / households:.2f}%".replace(".", ",")
    assert pct == HG_COVERAGE_TEXT, pct
    assert len({d for d, _ in communes}) == len(HG_UNITS)
    assert all(4 <= len(names) <= 9 for names in communes.values())
    return len(rows), len(villages), len(communes)


def write_hau_giang_membership(path: Path) -> None:
    """Hậu Giang 2020 branch membership, long layout, header on row 1.

    One row per (ấp/khu vực, đoàn thể); household figures repeated on every
    row of a village.  Totals match seed 003: 2.090 branches, 307.217
    members, 161.135/196.898 households with members (81,84%).
    """
    rng = random.Random(HG_SEED)
    villages = _hg_villages(rng)
    _hg_households(rng, villages)
    rows = _hg_rows(rng, villages)

    wb = new_workbook()
    wb.properties.title = "Số liệu chi hội, đoàn viên, hội viên ấp/khu vực - Hậu Giang 2020"
    ws = wb.active
    ws.title = HG_SHEET
    ws.append(HG_HEADER)
    for stt, r in enumerate(rows, start=1):
        v = r.village
        ws.append(
            [
                stt,
                v.district,
                v.commune,
                v.name,
                r.org,
                r.branches,
                r.members,
                r.attending,
                v.households,
                v.households_with_members,
                *r.ratings,
            ]
        )
    style_table(ws, header_row=1, widths=HG_WIDTHS, text_columns=(2, 3, 4, 5))
    save_reproducible(wb, path)

    n_rows, n_villages, n_communes = _hg_check(path)
    print(
        f"{path.name}: {n_rows} rows, {n_villages} villages, {n_communes} communes, "
        f"{len(HG_UNITS)} districts; {HG_TOTAL_BRANCHES} branches, "
        f"{HG_TOTAL_MEMBERS} members, "
        f"{HG_TOTAL_HOUSEHOLDS_WITH_MEMBERS}/{HG_TOTAL_HOUSEHOLDS} households "
        f"= {HG_COVERAGE_TEXT}"
    )


# ---------------------------------------------------------------------------
# Community models (kind `models`): shared title block
# ---------------------------------------------------------------------------

MODELS_TEXT_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
MODELS_TITLE_FONT = Font(name=FONT_NAME, size=13, bold=True)


def _titled_sheet(
    properties_title: str,
    sheet: str,
    issuer: str,
    title: str,
    subtitle: str,
    header: Sequence[str],
) -> tuple[Workbook, Worksheet, int]:
    """A workbook whose one sheet has the usual block above a report table (the issuer
    and the national motto, the title, a subtitle) and then the header, on row 7.

    Returns the workbook, the sheet and the header's row number.
    """
    wb = new_workbook()
    wb.properties.title = properties_title
    ws = wb.active
    ws.title = sheet
    width = len(header)
    motto_column = max(width - 3, 3)
    for row, column, text in (
        (1, 1, issuer),
        (1, motto_column, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (2, motto_column, "Độc lập - Tự do - Hạnh phúc"),
    ):
        ws.cell(row=row, column=column, value=text).font = MODELS_TITLE_FONT
    for row, text in ((4, title), (5, subtitle)):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = MODELS_TITLE_FONT if row == 4 else MODELS_TEXT_FONT
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header_row = 7
    for column, text in enumerate(header, start=1):
        ws.cell(row=header_row, column=column, value=text)
    return wb, ws, header_row


# ---------------------------------------------------------------------------
# Sample: Hồng Lĩnh 2018 "Dân vận khéo" models (kind `models`, list layout)
# ---------------------------------------------------------------------------

HL_FILE_NAME = "hong_linh_2018_dan_van_kheo.xlsx"
HL_SHEET = "Danh sách"
HL_SEED = 2018_4230  # fixed: Hồng Lĩnh, year 2018
HL_HEADER = [
    "STT",
    "Tên mô hình",
    "Thị xã",
    "Phường/Xã",
    "Lĩnh vực",
    "Cấp",
    "Năm",
    "Kết quả",
    "Biểu dương",
]
HL_WIDTHS = [6, 58, 16, 20, 30, 13, 8, 16, 11]
HL_TOWN = "Thị xã Hồng Lĩnh"
# The town's wards and commune in 2018, with a weight for how many models each registers.
HL_UNITS: list[tuple[str, float]] = [
    ("Phường Bắc Hồng", 1.3),
    ("Phường Nam Hồng", 1.25),
    ("Phường Trung Lương", 1.0),
    ("Phường Đức Thuận", 1.0),
    ("Phường Đậu Liêu", 0.9),
    ("Xã Thuận Lộc", 0.85),
]

# Seed 004: 112 models registered, 27 at province level and 85 at town level; by field
# economy 19, culture-society and urban 67, defence-security 12, party and government
# building 14; 65 recognised; 8 commended.
HL_TOTAL = 112
HL_BY_LEVEL = {"tinh": 27, "huyen": 85}
HL_BY_FIELD = {
    "kinh_te": 19,
    "van_hoa_xa_hoi": 67,
    "quoc_phong_an_ninh": 12,
    "xay_dung_he_thong_chinh_tri": 14,
}
HL_RECOGNISED = 65
HL_COMMENDED = 8

# How staff write each field and level (the code each wording must be read as).
HL_FIELD_WORDS = {
    "kinh_te": ["Kinh tế", "Kinh tế", "Lĩnh vực kinh tế"],
    "van_hoa_xa_hoi": [
        "Văn hóa - Xã hội",
        "VHXH và chỉnh trang đô thị",
        "VHXH",
        "Văn hoá - Xã hội",
    ],
    "quoc_phong_an_ninh": ["QP-AN", "Quốc phòng - An ninh", "ANQP"],
    "xay_dung_he_thong_chinh_tri": [
        "Xây dựng Đảng, chính quyền",
        "Xây dựng Đảng, xây dựng chính quyền",
    ],
}
HL_LEVEL_WORDS = {"tinh": ["Cấp tỉnh", "Cấp tỉnh", "Tỉnh"], "huyen": ["Cấp thị xã", "Thị xã"]}
HL_RECOGNISED_WORD = "Đã công nhận"
HL_REGISTERED_WORD = "Đăng ký"

# Names of models by field; a place (tổ dân phố, thôn) is added to make each one unique.
HL_NAMES = {
    "kinh_te": [
        "Tổ hợp tác trồng rau sạch",
        "Chi hội nghề nghiệp nuôi ong lấy mật",
        "Liên kết sản xuất lúa chất lượng cao",
        "Hộ kinh doanh giỏi giúp nhau thoát nghèo",
        "Tổ vay vốn tiết kiệm phát triển kinh tế",
        "Vườn mẫu, vườn hộ theo tiêu chí nông thôn mới",
    ],
    "van_hoa_xa_hoi": [
        "Tuyến đường hoa",
        "Tuyến phố văn minh, sáng - xanh - sạch - đẹp",
        "Khu dân cư không rác thải nhựa",
        "Chi hội phụ nữ 5 không 3 sạch",
        "Vận động hiến đất mở rộng đường",
        "Câu lạc bộ dân ca ví, giặm",
        "Thắp sáng đường quê",
        "Góc phố đọc sách",
        "Nhóm tình nguyện giúp người cao tuổi neo đơn",
        "Cổng trường an toàn, thân thiện",
        "Phân loại rác tại nguồn",
        "Vườn hoa khu dân cư kiểu mẫu",
    ],
    "quoc_phong_an_ninh": [
        "Camera an ninh khu dân cư",
        "Tổ tự quản an ninh trật tự",
        "Khu dân cư an toàn về an ninh trật tự",
        "Dòng họ không có người vi phạm pháp luật",
    ],
    "xay_dung_he_thong_chinh_tri": [
        "Chi bộ 4 tốt",
        "Đối thoại trực tiếp giữa chính quyền và nhân dân",
        "Một cửa liên thông hiện đại",
        "Đảng viên giúp hộ nghèo",
        "Sinh hoạt chi bộ theo chuyên đề",
    ],
}


@dataclass
class HLModel:
    unit: str
    name: str
    field: str
    level: str
    recognised: bool = False
    commended: bool = False


def _hl_place(rng: random.Random, unit: str) -> str:
    if unit.startswith("Xã "):
        return "thôn " + rng.choice(["Thuận Hòa", "Thuận Hồng", "Thuận Minh", "Thuận Tiến"])
    return f"tổ dân phố {rng.randint(1, 12)}"


def _hl_models(rng: random.Random) -> list[HLModel]:
    """112 models with the seed's exact counts by level, field, recognition and praise."""
    per_unit = apportion(HL_TOTAL, [w for _, w in HL_UNITS])
    units = [unit for (unit, _), n in zip(HL_UNITS, per_unit, strict=True) for _ in range(n)]
    levels = [code for code, n in HL_BY_LEVEL.items() for _ in range(n)]
    fields = [code for code, n in HL_BY_FIELD.items() for _ in range(n)]
    rng.shuffle(levels)
    rng.shuffle(fields)
    models: list[HLModel] = []
    taken: set[tuple[str, str]] = set()
    for unit, field, level in zip(units, fields, levels, strict=True):
        while True:
            name = f"{rng.choice(HL_NAMES[field])} ở {_hl_place(rng, unit)}"
            if (unit, name) not in taken:
                break
        taken.add((unit, name))
        models.append(HLModel(unit, name, field, level))
    # Province-level models are recognised more often; the commended are among them.
    by_level = {code: [m for m in models if m.level == code] for code in HL_BY_LEVEL}
    recognised = rng.sample(by_level["tinh"], 22) + rng.sample(by_level["huyen"], 43)
    assert len(recognised) == HL_RECOGNISED
    for m in recognised:
        m.recognised = True
    commended = rng.sample(recognised[:22], 5) + rng.sample(recognised[22:], 3)
    for m in commended:
        m.commended = True
    return models


def _hl_check(path: Path, header_row: int) -> None:
    """Re-read the file and assert the seed's figures from the words written."""
    header, rows = read_rows(path, HL_SHEET, header_row)
    assert header == HL_HEADER, header
    field_of = {w: code for code, words in HL_FIELD_WORDS.items() for w in words}
    level_of = {w: code for code, words in HL_LEVEL_WORDS.items() for w in words}
    fields: dict[str, int] = {}
    levels: dict[str, int] = {}
    recognised = commended = 0
    seen = set()
    for n, row in enumerate(rows, start=1):
        stt, name, town, unit, field, level, year, status, praise = row
        assert stt == n and town == HL_TOWN and year == 2018, row
        assert (unit, name) not in seen, row
        seen.add((unit, name))
        fields[field_of[field]] = fields.get(field_of[field], 0) + 1
        levels[level_of[level]] = levels.get(level_of[level], 0) + 1
        assert status in (HL_RECOGNISED_WORD, HL_REGISTERED_WORD), row
        recognised += status == HL_RECOGNISED_WORD
        assert praise in (None, "x") and (praise is None or status == HL_RECOGNISED_WORD), row
        commended += praise == "x"
    assert len(rows) == HL_TOTAL, len(rows)
    assert fields == HL_BY_FIELD, fields
    assert levels == HL_BY_LEVEL, levels
    assert (recognised, commended) == (HL_RECOGNISED, HL_COMMENDED), (recognised, commended)
    assert {u for u, _ in seen} == {u for u, _ in HL_UNITS}


def write_hong_linh_dan_van_kheo(path: Path) -> None:
    """Hồng Lĩnh town 2018: the "Dân vận khéo" models registered, one per row.

    Title rows above the header (row 7); the field and level as staff write them
    ("VHXH", "QP-AN", "Cấp thị xã"), the result as a word ("Đã công nhận") and the
    commended models marked "x". Totals match seed 004.
    """
    rng = random.Random(HL_SEED)
    models = _hl_models(rng)
    wb, ws, header_row = _titled_sheet(
        "Danh sách mô hình Dân vận khéo - Hồng Lĩnh 2018",
        HL_SHEET,
        "BAN DÂN VẬN THỊ ỦY HỒNG LĨNH",
        "DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM 2018",
        "(Kèm theo báo cáo sơ kết phong trào thi đua “Dân vận khéo” năm 2018)",
        HL_HEADER,
    )
    for stt, m in enumerate(models, start=1):
        ws.append(
            [
                stt,
                m.name,
                HL_TOWN,
                m.unit,
                rng.choice(HL_FIELD_WORDS[m.field]),
                rng.choice(HL_LEVEL_WORDS[m.level]),
                2018,
                HL_RECOGNISED_WORD if m.recognised else HL_REGISTERED_WORD,
                "x" if m.commended else None,
            ]
        )
    style_table(ws, header_row, HL_WIDTHS, text_columns=(2, 3, 4, 5, 6, 8, 9))
    save_reproducible(wb, path)
    _hl_check(path, header_row)
    print(
        f"{path.name}: {len(models)} models in {len(HL_UNITS)} wards and communes; "
        f"levels {HL_BY_LEVEL}; fields {HL_BY_FIELD}; "
        f"{HL_RECOGNISED} recognised, {HL_COMMENDED} commended"
    )


# ---------------------------------------------------------------------------
# Sample: Lâm Bình 2020 self-managed models (kind `models`, count table)
# ---------------------------------------------------------------------------

LB_FILE_NAME = "lam_binh_2020_tu_quan.xlsx"
LB_SHEET = "Tổng hợp"
LB_SEED = 2020_0807  # fixed: Lâm Bình (Tuyên Quang), June 2020
LB_TOTAL = 327  # seed 000: self-managed models in the district by June 2020
# The district's communes in 2020, with a weight for how many models each has.
LB_COMMUNES: list[tuple[str, float]] = [
    ("Xã Thượng Lâm", 1.2),
    ("Xã Lăng Can", 1.3),
    ("Xã Khuôn Hà", 1.0),
    ("Xã Phúc Yên", 0.8),
    ("Xã Xuân Lập", 0.85),
    ("Xã Bình An", 0.9),
    ("Xã Hồng Quang", 1.1),
    ("Xã Thổ Bình", 1.05),
]
# The kinds seed 000 names, as column headers (code they must be read as), with weights.
LB_KINDS: list[tuple[str, str, float]] = [
    ("Vệ sinh môi trường", "ve_sinh_moi_truong", 1.5),
    ("Giữ gìn bản sắc văn hóa dân tộc", "van_hoa_dan_toc", 1.0),
    ("Cưới, tang văn minh", "cuoi_tang_van_minh", 1.1),
    ("Liên kết phát triển kinh tế", "lien_ket_kinh_te", 1.0),
    ("Nói không với tệ nạn xã hội, cờ bạc", "te_nan_xa_hoi", 0.9),
    ("Phòng chống tội phạm, trật tự ATGT", "toi_pham_giao_thong", 1.0),
    ("Phòng chống bạo lực gia đình", "bao_luc_gia_dinh", 0.8),
    ("Nói không với tảo hôn", "tao_hon", 0.7),
    ("Xây dựng gia đình hạnh phúc", "gia_dinh_hanh_phuc", 0.9),
]
LB_HEADER = ["STT", "Xã", *[k for k, _, _ in LB_KINDS], "Tổng số"]
LB_WIDTHS = [6, 18, *[13] * len(LB_KINDS), 10]


def _lb_counts(rng: random.Random) -> list[list[int]]:
    """Per commune, the models of each kind (at least one): 327 in all."""
    per_commune = apportion(LB_TOTAL, [w for _, w in LB_COMMUNES])
    return [
        apportion_with_floor(n, [w * rng.uniform(0.7, 1.3) for _, _, w in LB_KINDS], 1)
        for n in per_commune
    ]


def _lb_check(path: Path, header_row: int) -> None:
    header, rows = read_rows(path, LB_SHEET, header_row)
    assert header == LB_HEADER, header
    assert [r[1] for r in rows] == [c for c, _ in LB_COMMUNES], rows
    total = 0
    for n, row in enumerate(rows, start=1):
        counts = row[2:-1]
        assert row[0] == n and all(type(c) is int and c >= 1 for c in counts), row
        assert sum(counts) == row[-1], row
        total += row[-1]
    assert total == LB_TOTAL, total


def write_lam_binh_tu_quan(path: Path) -> None:
    """Lâm Bình district, June 2020: self-managed models per commune and kind.

    A count table under title rows (header on row 7): one row per commune, one column
    per kind of model seed 000 names, and a "Tổng số" column (the row's sum, a check).
    The models add up to 327, as in seed 000.
    """
    rng = random.Random(LB_SEED)
    counts = _lb_counts(rng)
    wb, ws, header_row = _titled_sheet(
        "Tổng hợp mô hình tự quản - Lâm Bình 6/2020",
        LB_SHEET,
        "ỦY BAN MTTQ VIỆT NAM HUYỆN LÂM BÌNH",
        "BẢNG TỔNG HỢP MÔ HÌNH TỰ QUẢN Ở KHU DÂN CƯ",
        "(Giai đoạn 2018 - 2020, tính đến tháng 6 năm 2020)",
        LB_HEADER,
    )
    for stt, ((commune, _), row) in enumerate(zip(LB_COMMUNES, counts, strict=True), start=1):
        ws.append([stt, commune, *row, sum(row)])
    style_table(ws, header_row, LB_WIDTHS, text_columns=(2,))
    save_reproducible(wb, path)
    _lb_check(path, header_row)
    print(
        f"{path.name}: {len(LB_COMMUNES)} communes x {len(LB_KINDS)} kinds; "
        f"{LB_TOTAL} self-managed models"
    )


# ---------------------------------------------------------------------------
# Report forms as units send them (for templates): shared layout
# ---------------------------------------------------------------------------

#: A column of a form: its header over one row, or its group's header over it.
FormColumn = tuple[str | None, str]  # (group header or None, header)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
ITALIC = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
NUMBER_FORMAT = "#,##0"


def _form_sheet(
    properties_title: str,
    sheet: str,
    issuer: tuple[str, str],
    motto: tuple[str, str],
    titles: Sequence[str],
    columns: Sequence[FormColumn],
    texts: int,
) -> tuple[Workbook, Worksheet, int]:
    """A sheet as units send it: the issuer and the motto (or the Party's name) on rows
    1-2, the title and period on rows 4-5, a header over rows 7-8 (a column's own header
    merged over both rows, a group's header merged over its columns on row 7), and a
    numbering row on row 9: A, B, C over the `texts` text columns, 1, 2 ... over the
    figures. Returns the workbook, the sheet and the first data row's number."""
    wb = new_workbook()
    wb.properties.title = properties_title
    ws = wb.active
    ws.title = sheet
    width = len(columns)
    right = max(width - 3, 4)
    for row, (left_text, right_text) in enumerate(zip(issuer, motto, strict=True), start=1):
        ws.cell(row=row, column=1, value=left_text).font = MODELS_TITLE_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell = ws.cell(row=row, column=right, value=right_text)
        cell.font = ITALIC if ", ngày " in right_text else BOLD
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=right, end_row=row, end_column=width)
    for row, text in enumerate(titles, start=4):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = MODELS_TITLE_FONT if row == 4 else ITALIC
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[4].height = 36
    _form_header(ws, columns, header_row=7)
    for column in range(1, width + 1):
        mark = "ABCDEFGH"[column - 1] if column <= texts else column - texts
        cell = ws.cell(row=9, column=column, value=mark)
        cell.font = ITALIC
        cell.alignment = Alignment(horizontal="center")
    return wb, ws, 10


def _form_header(ws: Worksheet, columns: Sequence[FormColumn], header_row: int) -> None:
    """The two header rows: groups merged across, lone headers merged down."""
    align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    index = 0
    while index < len(columns):
        group, header = columns[index]
        column = index + 1
        if group is None:
            ws.cell(row=header_row, column=column, value=header)
            ws.merge_cells(
                start_row=header_row, start_column=column, end_row=header_row + 1, end_column=column
            )
            index += 1
            continue
        span = 1
        while index + span < len(columns) and columns[index + span][0] == group:
            span += 1
        ws.cell(row=header_row, column=column, value=group)
        ws.merge_cells(
            start_row=header_row,
            start_column=column,
            end_row=header_row,
            end_column=column + span - 1,
        )
        for offset in range(span):
            ws.cell(row=header_row + 1, column=column + offset, value=columns[index + offset][1])
        index += span
    for row in (header_row, header_row + 1):
        ws.row_dimensions[row].height = 45
        for cell in ws[row]:
            cell.font = BOLD
            cell.alignment = align


def _form_rows(ws: Worksheet, rows: Sequence[Sequence[object]], first_row: int, texts: int) -> int:
    """Write the body: text columns left, figures right with thousands separators; a row
    whose second cell is a subtotal word ("Cộng", "TỔNG CỘNG") in bold. Returns the next
    free row."""
    for number, values in enumerate(rows, start=first_row):
        subtotal = values[1] in ("Cộng", "TỔNG CỘNG")
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=number, column=column, value=value)
            cell.font = BOLD if subtotal else MODELS_TEXT_FONT
            if column == 1:
                cell.alignment = Alignment(horizontal="center")
            elif column <= texts:
                cell.alignment = Alignment(horizontal="left")
            else:
                cell.alignment = Alignment(horizontal="right")
                cell.number_format = NUMBER_FORMAT
    return first_row + len(rows)


def _signature(ws: Worksheet, row: int, left: str, right: Sequence[str], right_column: int) -> None:
    """The block under the table: who made it, who signs for the issuer, and the names."""
    ws.cell(row=row + 1, column=2, value=left).font = BOLD
    for offset, text in enumerate(right, start=1):
        ws.cell(row=row + offset, column=right_column, value=text).font = BOLD
    ws.cell(row=row + 5, column=2, value="(đã ký)").font = ITALIC
    ws.cell(row=row + 5, column=right_column, value="(đã ký)").font = ITALIC


def _subtotal(label: str, rows: Sequence[Sequence[object]], texts: int) -> list[object]:
    """A subtotal row: the word in the second cell, each figure column summed."""
    width = len(rows[0])
    sums = [sum(r[c] for r in rows) for c in range(texts, width)]
    return [None, label, *[None] * (texts - 2), *sums]


# ---------------------------------------------------------------------------
# Sample: Hậu Giang 2020 activities (template data/samples/activities.toml)
# ---------------------------------------------------------------------------

HGA_FILE_NAME = "hau_giang_2020_activities.xlsx"
HGA_SHEET = "Kết quả"
HGA_SEED = 2020_0393  # fixed: Hậu Giang, activities, 2020

HGA_COLUMNS: list[FormColumn] = [
    (None, "STT"),
    (None, "Huyện, thị xã, thành phố"),
    (None, "Xã, phường, thị trấn"),
    ("Nhà đại đoàn kết, nhà tình nghĩa, nhà nhân ái (xây mới, sửa chữa)", "Số căn"),
    ("Nhà đại đoàn kết, nhà tình nghĩa, nhà nhân ái (xây mới, sửa chữa)", "Trị giá nhà (đồng)"),
    ("Học bổng", "Số suất"),
    ("Học bổng", "Trị giá học bổng (đồng)"),
    (None, "Công trình, phần việc"),
    (None, "Đoàn viên, hội viên thoát nghèo"),
]
HGA_WIDTHS = [6, 24, 22, 11, 18, 11, 18, 14, 14]

# Seed 003: 4.413 houses "worth over 89 tỷ đồng", 48.403 scholarships "worth nearly 28
# tỷ đồng", 208.951 works, 7.097 members out of poverty. The đồng amounts are chosen
# (the article rounds them) and written in data/samples/activities.toml.
HGA_TOTALS = {
    "nha": 4413,
    "nha_tri_gia": 89_126_450_000,
    "hoc_bong": 48403,
    "hoc_bong_tri_gia": 27_936_200_000,
    "cong_trinh": 208951,
    "thoat_ngheo": 7097,
}
HGA_AMOUNT_STEP = 10_000  # đồng amounts are whole ten thousands


def _hga_figures(rng: random.Random, communes: int) -> list[list[int]]:
    """Per commune: houses, their value, scholarships, their value, works, out of
    poverty; each column adds up to its total in `HGA_TOTALS`."""
    weights = [rng.uniform(0.55, 1.45) for _ in range(communes)]
    houses = apportion_with_floor(HGA_TOTALS["nha"], weights, 8)
    house_value = [
        v * HGA_AMOUNT_STEP
        for v in apportion(
            HGA_TOTALS["nha_tri_gia"] // HGA_AMOUNT_STEP,
            [h * rng.uniform(0.8, 1.2) for h in houses],
        )
    ]
    grants = apportion_with_floor(
        HGA_TOTALS["hoc_bong"], [w * rng.uniform(0.8, 1.2) for w in weights], 120
    )
    grant_value = [
        v * HGA_AMOUNT_STEP
        for v in apportion(
            HGA_TOTALS["hoc_bong_tri_gia"] // HGA_AMOUNT_STEP,
            [g * rng.uniform(0.85, 1.15) for g in grants],
        )
    ]
    works = apportion_with_floor(
        HGA_TOTALS["cong_trinh"], [w * rng.uniform(0.7, 1.3) for w in weights], 600
    )
    poverty = apportion_with_floor(
        HGA_TOTALS["thoat_ngheo"], [w * rng.uniform(0.6, 1.4) for w in weights], 20
    )
    return [
        list(r) for r in zip(houses, house_value, grants, grant_value, works, poverty, strict=True)
    ]


def _hga_rows(rng: random.Random) -> list[list[object]]:
    """The body: the communes of each district, a "Cộng" row after each district, and
    the "TỔNG CỘNG" row."""
    communes = [(d, c) for d, cs in HG_UNITS for c, _ in cs]
    figures = iter(_hga_figures(rng, len(communes)))
    body: list[list[object]] = []
    every: list[list[object]] = []
    number = 0
    for district, district_communes in HG_UNITS:
        rows = []
        for commune, _ in district_communes:
            number += 1
            rows.append([number, district, commune, *next(figures)])
        body += [*rows, _subtotal("Cộng", rows, 3)]
        every += rows
    return [*body, _subtotal("TỔNG CỘNG", every, 3)]


def _hga_check(path: Path, first_row: int) -> None:
    wb = load_workbook(path, read_only=True)
    try:
        rows = [r for r in wb[HGA_SHEET].iter_rows(min_row=first_row, values_only=True)]
    finally:
        wb.close()
    data = [r for r in rows if isinstance(r[0], int)]
    assert len(data) == sum(len(cs) for _, cs in HG_UNITS), len(data)
    for column, code in enumerate(HGA_TOTALS, start=3):
        assert sum(r[column] for r in data) == HGA_TOTALS[code], code
    totals = next(r for r in rows if r[1] == "TỔNG CỘNG")
    assert list(totals[3:9]) == list(HGA_TOTALS.values()), totals
    for row in data:
        houses, house_value, grants, grant_value = row[3:7]
        assert 10_000_000 <= house_value / houses <= 30_000_000, row
        assert 400_000 <= grant_value / grants <= 800_000, row


def write_hau_giang_activities(path: Path) -> None:
    """Hậu Giang 2020: the activities seed 003 counts, per commune, as the province's
    Ban Dân vận sends them (title rows, a 2-row header with groups, a numbering row,
    "Cộng" after each district, "TỔNG CỘNG", a signature block). Totals: `HGA_TOTALS`."""
    rng = random.Random(HGA_SEED)
    rows = _hga_rows(rng)
    wb, ws, first_row = _form_sheet(
        "Kết quả phong trào thi đua, cuộc vận động - Hậu Giang 2020",
        HGA_SHEET,
        ("TỈNH ỦY HẬU GIANG", "BAN DÂN VẬN"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "Hậu Giang, ngày 15 tháng 12 năm 2020"),
        (
            "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA, CUỘC VẬN ĐỘNG CỦA MẶT TRẬN "
            "TỔ QUỐC VÀ CÁC ĐOÀN THỂ CHÍNH TRỊ - XÃ HỘI TỈNH HẬU GIANG",
            "Năm 2020",
        ),
        HGA_COLUMNS,
        texts=3,
    )
    end = _form_rows(ws, rows, first_row, texts=3)
    _signature(ws, end + 1, "NGƯỜI LẬP BIỂU", ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), 7)
    for column, width in enumerate(HGA_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=first_row, column=4)
    save_reproducible(wb, path)
    _hga_check(path, first_row)
    print(
        f"{path.name}: {len(rows) - len(HG_UNITS) - 1} communes in {len(HG_UNITS)} "
        f"districts; " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in HGA_TOTALS.items())
    )


# ---------------------------------------------------------------------------
# Sample: Hội Nông dân Vị Thủy, first half of 2020 (template hoi_nong_dan.toml)
# ---------------------------------------------------------------------------

HND_FILE_NAME = "vi_thuy_2020_hoi_nong_dan.xlsx"
HND_SHEET = "Hội viên"
HND_SEED = 2020_0607  # fixed: Vị Thủy, Hội Nông dân, first half of 2020

HND_COLUMNS: list[FormColumn] = [
    (None, "STT"),
    (None, "Xã, thị trấn"),
    (None, "Ấp"),
    (None, "Loại chi hội"),
    (None, "Số tổ hội"),
    ("Hội viên", "Tổng số hội viên"),
    ("Hội viên", "Hội viên nữ"),
    ("Biến động trong kỳ", "Kết nạp mới"),
    ("Biến động trong kỳ", "Giảm trong kỳ"),
    ("Hộ nông dân", "Tổng số hộ nông dân"),
    ("Hộ nông dân", "Số hộ nông dân có hội viên"),
]
HND_WIDTHS = [6, 22, 10, 20, 9, 11, 10, 10, 10, 12, 13]
# The district's communes in 2020 (HG_UNITS) and how many numbered hamlets each has.
HND_DISTRICT = "Huyện Vị Thủy"
HND_VILLAGES = {
    "Thị trấn Nàng Mau": 5,
    "Xã Vị Bình": 6,
    "Xã Vị Đông": 9,
    "Xã Vị Thanh": 7,
    "Xã Vị Thắng": 8,
    "Xã Vị Thủy": 7,
    "Xã Vị Trung": 6,
    "Xã Vĩnh Thuận Tây": 9,
    "Xã Vĩnh Trung": 6,
    "Xã Vĩnh Tường": 7,
}
HND_BRANCH_KINDS = ("Chi hội ấp", "Chi hội nghề nghiệp")
# Chosen totals (no published figures): written in data/samples/hoi_nong_dan.toml.
HND_TOTALS = {
    "to_hoi": 412,
    "hoi_vien": 9836,
    "hoi_vien_nu": 2317,
    "ket_nap": 354,
    "giam": 127,
    "ho_nong_dan": 13452,
    "ho_co_hoi_vien": 8961,
}
HND_PROFESSIONAL_BRANCH = 0.3  # chance a hamlet also has a professional branch (nuôi cá...)


@dataclass
class HNDRow:
    commune: str
    village: str
    kind: str
    figures: list[int]  # to_hoi, hoi_vien, hoi_vien_nu, ket_nap, giam
    households: tuple[int, int]  # the village's, repeated on each of its rows


def _hnd_rows(rng: random.Random) -> list[HNDRow]:
    """One row per branch: a hamlet's branch, and in some hamlets a professional branch
    too; each column adds up to `HND_TOTALS`, households counted once per hamlet."""
    assert {c for c, _ in dict(HG_UNITS)[HND_DISTRICT]} == set(HND_VILLAGES)
    villages = [(c, f"Ấp {n}") for c, count in HND_VILLAGES.items() for n in range(1, count + 1)]
    branches = [
        (commune, village, kind)
        for commune, village in villages
        for kind in HND_BRANCH_KINDS
        if kind == HND_BRANCH_KINDS[0] or rng.random() < HND_PROFESSIONAL_BRANCH
    ]
    size = [rng.uniform(0.7, 1.3) * (1 if k == HND_BRANCH_KINDS[0] else 0.2) for *_, k in branches]
    groups = apportion_with_floor(HND_TOTALS["to_hoi"], size, 1)
    members = apportion_with_floor(
        HND_TOTALS["hoi_vien"], [s * rng.uniform(0.9, 1.1) for s in size], 12
    )
    female = apportion(HND_TOTALS["hoi_vien_nu"], [m * rng.uniform(0.6, 1.4) for m in members])
    joined = apportion(HND_TOTALS["ket_nap"], [m * rng.uniform(0.5, 1.5) for m in members])
    left = _at_most(rng, HND_TOTALS["giam"], joined)
    village_members = {}
    for (commune, village, _), count in zip(branches, members, strict=True):
        village_members[commune, village] = village_members.get((commune, village), 0) + count
    weights = [village_members[v] * rng.uniform(1.2, 1.6) for v in villages]
    households = apportion(HND_TOTALS["ho_nong_dan"], weights)
    reached = _at_most(rng, HND_TOTALS["ho_co_hoi_vien"], households)
    by_village = dict(zip(villages, zip(households, reached, strict=True), strict=True))
    return [
        HNDRow(c, v, k, [g, m, f, j, lost], by_village[c, v])
        for (c, v, k), g, m, f, j, lost in zip(
            branches, groups, members, female, joined, left, strict=True
        )
    ]


def _at_most(rng: random.Random, total: int, limits: Sequence[int]) -> list[int]:
    """`total` split over the parts, each at most its limit (the sum of the limits is
    larger): apportioned by the limits, the excess moved to parts with room."""
    parts = apportion(total, [limit * rng.uniform(0.5, 1.0) for limit in limits])
    excess = sum(max(0, p - limit) for p, limit in zip(parts, limits, strict=True))
    parts = [min(p, limit) for p, limit in zip(parts, limits, strict=True)]
    for index, limit in enumerate(limits):
        moved = min(excess, limit - parts[index])
        parts[index] += moved
        excess -= moved
    assert sum(parts) == total and all(p <= q for p, q in zip(parts, limits, strict=True))
    return parts


def _hnd_body(rows: Sequence[HNDRow]) -> list[list[object]]:
    """The body: each commune's branches, then its "Cộng" row (households counted once
    per hamlet), then the "TỔNG CỘNG" row."""
    body: list[list[object]] = []
    number = 0
    totals = [0] * 7
    for commune in HND_VILLAGES:
        own = [r for r in rows if r.commune == commune]
        for row in own:
            number += 1
            body.append([number, commune, row.village, row.kind, *row.figures, *row.households])
        households = {r.village: r.households for r in own}.values()
        sums = [sum(r.figures[i] for r in own) for i in range(5)]
        sums += [sum(h[0] for h in households), sum(h[1] for h in households)]
        body.append([None, "Cộng", None, None, *sums])
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
    return [*body, [None, "TỔNG CỘNG", None, None, *totals]]


def _hnd_check(path: Path, first_row: int) -> None:
    wb = load_workbook(path, read_only=True)
    try:
        rows = [r for r in wb[HND_SHEET].iter_rows(min_row=first_row, values_only=True)]
    finally:
        wb.close()
    data = [r for r in rows if isinstance(r[0], int)]
    for column, code in enumerate(list(HND_TOTALS)[:5], start=4):
        assert sum(r[column] for r in data) == HND_TOTALS[code], code
    villages = {(r[1], r[2]): (r[9], r[10]) for r in data}
    assert sum(h for h, _ in villages.values()) == HND_TOTALS["ho_nong_dan"]
    assert sum(w for _, w in villages.values()) == HND_TOTALS["ho_co_hoi_vien"]
    totals = next(r for r in rows if r[1] == "TỔNG CỘNG")
    assert list(totals[4:11]) == list(HND_TOTALS.values()), totals
    for row in data:
        groups, members, female, joined, left, households, reached = row[4:11]
        assert 1 <= groups <= members and female <= members and left <= joined, row
        assert reached <= households, row
    assert any(r[3] == HND_BRANCH_KINDS[1] for r in data)


def write_vi_thuy_hoi_nong_dan(path: Path) -> None:
    """Hội Nông dân of Vị Thủy district, first half of 2020: one row per branch (a
    hamlet's, and some hamlets' professional branch), with female members, members
    joined and lost in the period, and the hamlet's farm households repeated on each of
    its rows. "Cộng" after each commune, "TỔNG CỘNG", a signature block."""
    rng = random.Random(HND_SEED)
    body = _hnd_body(_hnd_rows(rng))
    wb, ws, first_row = _form_sheet(
        "Số lượng chi hội, hội viên Hội Nông dân - Vị Thủy 6 tháng đầu năm 2020",
        HND_SHEET,
        ("HỘI NÔNG DÂN TỈNH HẬU GIANG", "BCH HỘI NÔNG DÂN HUYỆN VỊ THỦY"),
        ("HỘI NÔNG DÂN VIỆT NAM", "Vị Thủy, ngày 25 tháng 6 năm 2020"),
        (
            "BÁO CÁO SỐ LƯỢNG CHI HỘI, TỔ HỘI VÀ HỘI VIÊN HỘI NÔNG DÂN HUYỆN VỊ THỦY",
            "6 tháng đầu năm 2020",
        ),
        HND_COLUMNS,
        texts=4,
    )
    end = _form_rows(ws, body, first_row, texts=4)
    _signature(ws, end + 1, "NGƯỜI LẬP BIỂU", ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"), 8)
    for column, width in enumerate(HND_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=first_row, column=5)
    save_reproducible(wb, path)
    _hnd_check(path, first_row)
    branches = sum(isinstance(r[0], int) for r in body)
    print(
        f"{path.name}: {branches} branches in {sum(HND_VILLAGES.values())} hamlets; "
        + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in HND_TOTALS.items())
    )


# ---------------------------------------------------------------------------
# Registry and entry point
# ---------------------------------------------------------------------------

#: File name (inside SAMPLES_DIR) -> writer.  Add new samples here.
SAMPLES: dict[str, Callable[[Path], None]] = {
    HG_FILE_NAME: write_hau_giang_membership,
    HL_FILE_NAME: write_hong_linh_dan_van_kheo,
    LB_FILE_NAME: write_lam_binh_tu_quan,
    HGA_FILE_NAME: write_hau_giang_activities,
    HND_FILE_NAME: write_vi_thuy_hoi_nong_dan,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate every sample into this script's folder."""
    del argv  # no options yet
    for name, writer in SAMPLES.items():
        writer(SAMPLES_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
