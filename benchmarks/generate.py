"""Deterministic generator of national-scale Dân vận membership data.

    python benchmarks/generate.py [--size 10k|60k|600k] [--data-dir DIR] [--force]

Writes, into ``benchmarks/.data/<size>/`` unless ``--data-dir`` says otherwise:

* ``membership-<size>.xlsx``: one long workbook, one sheet, one header row;
* ``membership-<size>.csv``: the same rows as UTF-8 with a BOM;
* ``communes/``: the same rows again, one ``.xlsx`` per commune;
* ``manifest.json``: sizes, file lists, expected totals and generation times.

A shape is written only if it is missing (or was written by another generator
version); ``--force`` rewrites everything.

The places are the 2025 list shipped by ``vietnam-provinces`` (34 provinces,
3,321 communes). That package is GPL and is used by the benchmarks only; if it
is not installed, synthesised names of the same counts are used instead and
the manifest says so (``"source": "synthesised"``).

Every village and every figure comes from one fixed seed. The national data
set (all communes) is always drawn in full and smaller sizes take a subset of
its communes, so a commune has the same villages and figures at every size.
The subset interleaves the provinces (first commune of each province, then the
second of each, ...), so even the 10k size covers all 34 provinces.

The ``.xlsx`` files are written by a small streaming writer (shared strings,
one worksheet, deflate level 1): at 600k rows it is about 15x faster than
openpyxl's write-only mode and produces files that openpyxl, calamine
(fastexcel) and Excel read.
"""

import argparse
import csv
import json
import os
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

GENERATOR_VERSION = 1
SEED = 20250701  # the day the two-tier local government started

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_DATA_ROOT = BENCH_DIR / ".data"

SIZES: dict[str, int | None] = {"10k": 10_000, "60k": 60_000, "600k": None}  # None: all communes

COLUMNS = [
    "Tỉnh/Thành phố",
    "Xã/Phường",
    "Thôn/Tổ dân phố",
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
STRING_COLUMNS = 4  # the first four columns are text, the other nine integers

ORGS = [
    "Hội Nông dân",
    "Hội LHPN",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Hội Người cao tuổi",
    "Ban Công tác Mặt trận",
]
# members as a share of the village's households, for a xã and for a phường
ORG_SHARE_XA = np.array([0.45, 0.42, 0.12, 0.06, 0.28, 0.0])
ORG_SHARE_PHUONG = np.array([0.06, 0.40, 0.10, 0.05, 0.25, 0.0])
ORG_BRANCH_SIZE = np.array([150, 150, 60, 80, 150, 1_000_000])  # members per branch, roughly
RATING_P = [0.55, 0.32, 0.11, 0.02]  # Vững mạnh, Khá, Trung bình, Yếu

VILLAGES_MIN, VILLAGES_MAX = 24, 36  # inclusive; mean 30

# First and second syllables of village names (Hán-Việt place words).
SYL1 = [
    "An",
    "Bình",
    "Bắc",
    "Cát",
    "Chánh",
    "Đại",
    "Đông",
    "Đồng",
    "Gia",
    "Hà",
    "Hạ",
    "Hòa",
    "Hưng",
    "Khánh",
    "Kim",
    "Lạc",
    "Long",
    "Lộc",
    "Mỹ",
    "Nam",
    "Ngọc",
    "Nhân",
    "Phú",
    "Phúc",
    "Phước",
    "Quang",
    "Tân",
    "Tây",
    "Thạnh",
    "Thái",
    "Thanh",
    "Thịnh",
    "Thượng",
    "Thuận",
    "Trung",
    "Trường",
    "Văn",
    "Vĩnh",
    "Xuân",
    "Yên",
]
SYL2 = [
    "An",
    "Bình",
    "Châu",
    "Điền",
    "Đông",
    "Đức",
    "Giang",
    "Hải",
    "Hạnh",
    "Hiệp",
    "Hòa",
    "Hội",
    "Hưng",
    "Khê",
    "Lâm",
    "Lợi",
    "Long",
    "Lộc",
    "Minh",
    "Mỹ",
    "Nam",
    "Nghĩa",
    "Ninh",
    "Phong",
    "Phú",
    "Phước",
    "Quý",
    "Sơn",
    "Tài",
    "Tân",
    "Thành",
    "Thắng",
    "Thịnh",
    "Thọ",
    "Thủy",
    "Tiến",
    "Trung",
    "Tú",
    "Vinh",
    "Xá",
]

SOUTH = {75, 79, 80, 82, 86, 91, 92, 96}  # ấp, khu phố
NORTHWEST = {11, 12, 14, 15}  # bản
HIGHLANDS = {52, 66}  # buôn, làng

VALUE_COLUMNS = COLUMNS[STRING_COLUMNS:]
FIGURE_CODES = (  # VALUE_COLUMNS as danvan names its figures, in that order
    "branches",
    "members",
    "members_attending",
    "households",
    "households_with_members",
    "rating_strong",
    "rating_good",
    "rating_average",
    "rating_weak",
)
XLSX_CHUNK_ROWS = 20_000


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Commune:
    province_code: int
    province: str
    code: int
    name: str
    kind: str  # "xa", "phuong", "dac_khu"
    codename: str


def load_communes() -> tuple[list[Commune], str]:
    """Return the 2025 communes (province order, then code order) and their source."""
    try:
        from vietnam_provinces import Province, Ward
    except ImportError:
        return _synthesised_communes(), "synthesised"
    provinces = {int(p.code): p for p in Province.iter_all()}
    kinds = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}
    communes = [
        Commune(
            province_code=int(w.province_code),
            province=provinces[int(w.province_code)].name,
            code=int(w.code),
            name=w.name,
            kind=kinds.get(str(w.division_type.value), "xa"),
            codename=w.codename,
        )
        for w in Ward.iter_all()
    ]
    communes.sort(key=lambda c: (c.province_code, c.code))
    return communes, "vietnam-provinces"


def _synthesised_communes() -> list[Commune]:
    """34 provinces, 3,321 communes with made-up names (used only without vietnam-provinces)."""
    out = []
    code = 0
    for p in range(34):
        n = 97 + (1 if p < 23 else 0)  # 23 x 98 + 11 x 97 = 3,321
        for i in range(n):
            code += 1
            kind = "phuong" if i % 5 == 0 else "xa"
            label = "Phường" if kind == "phuong" else "Xã"
            out.append(
                Commune(
                    province_code=p + 1,
                    province=f"Tỉnh Số {p + 1:02d}",
                    code=code,
                    name=f"{label} Số {code:04d}",
                    kind=kind,
                    codename=f"{kind}_{code:05d}",
                )
            )
    return out


def interleaved(communes: list[Commune]) -> list[Commune]:
    """Communes round-robin over provinces: 1st of each province, then 2nd of each, ..."""
    by_province: dict[int, list[Commune]] = {}
    for c in communes:
        by_province.setdefault(c.province_code, []).append(c)
    lists = list(by_province.values())
    out = []
    for i in range(max(len(v) for v in lists)):
        out.extend(v[i] for v in lists if i < len(v))
    return out


# --------------------------------------------------------------------------- data


@dataclass
class Dataset:
    size: str
    source: str
    communes: list[Commune]  # in output order
    province: list[str]  # one per row
    commune: list[str]
    village: list[str]
    org: list[str]
    values: np.ndarray  # int64, rows x 9, in VALUE_COLUMNS order
    villages: int
    file_of_row: np.ndarray  # commune index of each row (into .communes)

    @property
    def rows(self) -> int:
        return len(self.org)


def village_names(rng: np.random.Generator, commune: Commune, n: int) -> list[str]:
    """n village names, unique within the commune, in the commune's list order."""
    pc = commune.province_code
    if commune.kind == "phuong":
        prefix = "Khu phố" if pc in SOUTH else "Tổ dân phố"
        return [f"{prefix} {i}" for i in range(1, n + 1)]
    if pc in SOUTH:
        prefixes = ["Ấp"]
    elif pc in NORTHWEST:
        prefixes = ["Bản", "Thôn"]
    elif pc in HIGHLANDS:
        prefixes = ["Buôn", "Làng", "Thôn"]
    else:
        prefixes = ["Thôn", "Xóm"] if commune.kind == "xa" else ["Thôn", "Khu"]
    if rng.random() < 0.3:  # some communes just number their villages
        p = prefixes[0]
        return [f"{p} {i}" for i in range(1, n + 1)]
    pairs = rng.choice(len(SYL1) * len(SYL2), size=n, replace=False)
    names = []
    for k in pairs:
        a, b = SYL1[k // len(SYL2)], SYL2[k % len(SYL2)]
        p = prefixes[int(rng.integers(len(prefixes)))]
        second = b if a != b else "Thượng"
        names.append(f"{p} {a} {second}")
    # the same pair can't repeat, but "Thôn An Bình" from (An, Bình) is unique anyway;
    # guard against the same text from different prefixes/pairs all the same
    seen: dict[str, int] = {}
    for i, s in enumerate(names):
        if s in seen:
            seen[s] += 1
            names[i] = f"{s} {seen[s]}"
        else:
            seen[s] = 1
    return names


def draw_national(seed: int = SEED):
    """Draw every commune's villages and figures. Returns (communes, source, per-commune data)."""
    communes, source = load_communes()
    rng = np.random.default_rng(seed)
    n_org = len(ORGS)
    per_commune = []
    for c in communes:
        nv = int(rng.integers(VILLAGES_MIN, VILLAGES_MAX + 1))
        names = village_names(rng, c, nv)
        if c.kind == "phuong":
            hh = rng.integers(250, 901, size=nv)
            share = ORG_SHARE_PHUONG
        else:
            hh = rng.integers(100, 601, size=nv)
            share = ORG_SHARE_XA
        hwm = np.rint(hh * rng.uniform(0.62, 0.97, size=nv)).astype(np.int64)
        # members: village x org
        noise = rng.uniform(0.7, 1.3, size=(nv, n_org))
        members = np.rint(hh[:, None] * share[None, :] * noise).astype(np.int64)
        members[:, -1] = rng.integers(5, 16, size=nv)  # Ban Công tác Mặt trận: a committee
        members = np.maximum(members, 3)
        branches = np.maximum(1, -(-members // ORG_BRANCH_SIZE[None, :]))  # ceil
        attending = np.rint(members * rng.uniform(0.7, 0.98, size=(nv, n_org))).astype(np.int64)
        ratings = rng.multinomial(branches.ravel(), RATING_P).reshape(nv, n_org, 4)
        vals = np.empty((nv, n_org, 9), dtype=np.int64)
        vals[:, :, 0] = branches
        vals[:, :, 1] = members
        vals[:, :, 2] = attending
        vals[:, :, 3] = hh[:, None]
        vals[:, :, 4] = hwm[:, None]
        vals[:, :, 5:9] = ratings
        per_commune.append((names, vals.reshape(nv * n_org, 9)))
    return communes, source, per_commune


def build(size: str, seed: int = SEED) -> Dataset:
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    communes, source, per_commune = draw_national(seed)
    index = {c.code: i for i, c in enumerate(communes)}
    target = SIZES[size]
    if target is None:
        chosen = list(range(len(communes)))
    else:
        chosen, rows = [], 0
        for c in interleaved(communes):
            if rows >= target:
                break
            i = index[c.code]
            chosen.append(i)
            rows += len(per_commune[i][1])
        chosen.sort()  # back to province, commune order
    province, commune, village, org, blocks, file_of_row = [], [], [], [], [], []
    villages = 0
    n_org = len(ORGS)
    for k, i in enumerate(chosen):
        c = communes[i]
        names, vals = per_commune[i]
        villages += len(names)
        n = len(vals)
        province.extend([c.province] * n)
        commune.extend([c.name] * n)
        for v in names:
            village.extend([v] * n_org)
        org.extend(ORGS * len(names))
        blocks.append(vals)
        file_of_row.append(np.full(n, k, dtype=np.int32))
    return Dataset(
        size=size,
        source=source,
        communes=[communes[i] for i in chosen],
        province=province,
        commune=commune,
        village=village,
        org=org,
        values=np.concatenate(blocks),
        villages=villages,
        file_of_row=np.concatenate(file_of_row),
    )


def totals(ds: Dataset) -> dict:
    """The figures a correct national roll-up must print (households once per village)."""
    v = ds.values
    first_of_village = np.arange(ds.rows) % len(ORGS) == 0
    return {
        "rows": ds.rows,
        "provinces": len({c.province_code for c in ds.communes}),
        "communes": len(ds.communes),
        "villages": ds.villages,
        "branches": int(v[:, 0].sum()),
        "members": int(v[:, 1].sum()),
        "members_attending": int(v[:, 2].sum()),
        "households": int(v[first_of_village, 3].sum()),
        "households_with_members": int(v[first_of_village, 4].sum()),
        "households_summed_per_row": int(v[:, 3].sum()),  # the wrong answer, for spotting it
        "rating_strong": int(v[:, 5].sum()),
        "rating_good": int(v[:, 6].sum()),
        "rating_average": int(v[:, 7].sum()),
        "rating_weak": int(v[:, 8].sum()),
    }


def check(ds: Dataset) -> None:
    """Assert the invariants promised in the README (cheap; runs on every generation)."""
    v = ds.values
    assert v.dtype == np.int64 and (v >= 0).all()
    assert (v[:, 2] <= v[:, 1]).all(), "attending <= members"
    assert (v[:, 4] <= v[:, 3]).all(), "households with members <= households"
    assert (v[:, 5:9].sum(axis=1) == v[:, 0]).all(), "ratings sum to branches"
    hh = v[:, 3].reshape(-1, len(ORGS))
    hwm = v[:, 4].reshape(-1, len(ORGS))
    assert (hh == hh[:, :1]).all() and (hwm == hwm[:, :1]).all(), "household figures per village"
    keys = set(zip(ds.commune, ds.province, ds.village, ds.org, strict=True))
    assert len(keys) == ds.rows, "(village, organisation) unique within a commune"


# --------------------------------------------------------------------------- xlsx writer

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" '
    'Target="docProps/app.xml"/>'
    "</Relationships>"
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    "<cp:coreProperties "
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>danvan benchmarks</dc:creator>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2025-07-01T00:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Excel</Application></Properties>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>'
    '<font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<dimension ref="A1:{last}"/>'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/>'
    '<cols><col min="1" max="3" width="24" customWidth="1"/>'
    '<col min="4" max="4" width="22" customWidth="1"/>'
    '<col min="5" max="13" width="12" customWidth="1"/></cols>'
    "<sheetData>"
)
_SHEET_TAIL = "</sheetData></worksheet>"

_LETTERS = [chr(ord("A") + i) for i in range(len(COLUMNS))]
# One str.format template per row: {0} is the row number, {1}..{13} the cell values;
# the four text cells are indices into the shared-string table (t="s").
_ROW_TEMPLATE = (
    '<row r="{0}">'
    + "".join(
        f'<c r="{L}{{0}}" t="s"><v>{{{k}}}</v></c>'
        for k, L in enumerate(_LETTERS[:STRING_COLUMNS], start=1)
    )
    + "".join(
        f'<c r="{L}{{0}}"><v>{{{k}}}</v></c>'
        for k, L in enumerate(_LETTERS[STRING_COLUMNS:], start=1 + STRING_COLUMNS)
    )
    + "</row>"
)


def write_xlsx(
    path: Path,
    province: list[str],
    commune: list[str],
    village: list[str],
    org: list[str],
    values: np.ndarray,
    sheet_name: str = "Sheet1",
    compresslevel: int = 1,
) -> None:
    """Write one long sheet: header row, then one row per (village, organisation).

    A streaming writer: rows go to the zip member in chunks, strings go through a
    shared-string table, as Excel itself writes them.
    """
    sst: dict[str, int] = {}

    def sid(s: str) -> int:
        i = sst.get(s)
        if i is None:
            i = sst[s] = len(sst)
        return i

    header_ids = [sid(h) for h in COLUMNS]
    n = len(org)
    last = f"{_LETTERS[-1]}{n + 1}"
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("docProps/core.xml", _CORE)
        zf.writestr("docProps/app.xml", _APP)
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(_SHEET_HEAD.format(last=last).encode())
            out.write(
                (
                    '<row r="1">'
                    + "".join(
                        f'<c r="{L}1" s="1" t="s"><v>{i}</v></c>'
                        for L, i in zip(_LETTERS, header_ids, strict=True)
                    )
                    + "</row>"
                ).encode()
            )
            p_ids = [sid(s) for s in province]
            c_ids = [sid(s) for s in commune]
            v_ids = [sid(s) for s in village]
            o_ids = [sid(s) for s in org]
            vals = values.tolist()
            fmt = _ROW_TEMPLATE.format
            for start in range(0, n, XLSX_CHUNK_ROWS):
                parts = []
                for i in range(start, min(n, start + XLSX_CHUNK_ROWS)):
                    parts.append(fmt(i + 2, p_ids[i], c_ids[i], v_ids[i], o_ids[i], *vals[i]))
                out.write("".join(parts).encode())
            out.write(_SHEET_TAIL.encode())
        total_refs = len(COLUMNS) + STRING_COLUMNS * n
        strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in sst)
        zf.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{total_refs}" uniqueCount="{len(sst)}">{strings}</sst>',
        )
    os.replace(tmp, path)


def write_csv(path: Path, ds: Dataset) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(
            zip(ds.province, ds.commune, ds.village, ds.org, *ds.values.T.tolist(), strict=True)
        )
    os.replace(tmp, path)


def commune_file_name(c: Commune) -> str:
    return f"{c.province_code:02d}-{c.code:05d}-{c.codename}.xlsx"


def write_folder(folder: Path, ds: Dataset) -> list[str]:
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    bounds = np.flatnonzero(np.diff(ds.file_of_row)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), ds.rows]
    names = []
    for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
        name = commune_file_name(ds.communes[k])
        write_xlsx(
            tmp / name,
            ds.province[a:b],
            ds.commune[a:b],
            ds.village[a:b],
            ds.org[a:b],
            ds.values[a:b],
        )
        names.append(name)
    if folder.exists():
        shutil.rmtree(folder)
    os.replace(tmp, folder)
    return names


# --------------------------------------------------------------------------- cache


def data_dir_for(size: str, data_root: Path | None = None) -> Path:
    return (data_root or DEFAULT_DATA_ROOT) / size


def paths(size: str, data_dir: Path) -> dict[str, Path]:
    return {
        "xlsx": data_dir / f"membership-{size}.xlsx",
        "csv": data_dir / f"membership-{size}.csv",
        "folder": data_dir / "communes",
        "manifest": data_dir / "manifest.json",
    }


def _read_manifest(p: Path) -> dict | None:
    try:
        m = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if m.get("generator_version") != GENERATOR_VERSION or m.get("seed") != SEED:
        return None
    return m


def ensure(
    size: str,
    data_dir: Path | None = None,
    *,
    force: bool = False,
    log=print,
) -> dict:
    """Make sure all three shapes exist for ``size``; return the manifest."""
    data_dir = Path(data_dir) if data_dir else data_dir_for(size)
    data_dir.mkdir(parents=True, exist_ok=True)
    p = paths(size, data_dir)
    manifest = None if force else _read_manifest(p["manifest"])
    if (
        manifest is not None
        and all(p[k].exists() for k in ("xlsx", "csv", "folder"))
        and len(list(p["folder"].glob("*.xlsx"))) == manifest["files"]["folder"]
    ):
        return manifest

    t0 = time.perf_counter()
    ds = build(size)
    check(ds)
    gen = {"draw": round(time.perf_counter() - t0, 3)}
    log(
        f"[generate] {size}: {ds.rows:,} rows, {ds.villages:,} villages, "
        f"{len(ds.communes):,} communes (drawn in {gen['draw']:.1f} s, source: {ds.source})"
    )
    old = manifest or {}
    reuse = not force and old.get("totals", {}).get("rows") == ds.rows

    t = time.perf_counter()
    if not (reuse and p["xlsx"].exists()):
        write_xlsx(p["xlsx"], ds.province, ds.commune, ds.village, ds.org, ds.values)
        gen["xlsx"] = round(time.perf_counter() - t, 3)
        log(f"[generate] {p['xlsx'].name}: {gen['xlsx']:.1f} s")
    t = time.perf_counter()
    if not (reuse and p["csv"].exists()):
        write_csv(p["csv"], ds)
        gen["csv"] = round(time.perf_counter() - t, 3)
        log(f"[generate] {p['csv'].name}: {gen['csv']:.1f} s")
    t = time.perf_counter()
    names = [commune_file_name(c) for c in ds.communes]
    if not (
        reuse
        and p["folder"].exists()
        and sorted(x.name for x in p["folder"].glob("*.xlsx")) == sorted(names)
    ):
        names = write_folder(p["folder"], ds)
        gen["folder"] = round(time.perf_counter() - t, 3)
        log(f"[generate] {p['folder'].name}/: {len(names):,} files, {gen['folder']:.1f} s")

    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": SEED,
        "size": size,
        "source": ds.source,
        "columns": COLUMNS,
        "organisations": ORGS,
        "totals": totals(ds),
        "files": {"xlsx": 1, "csv": 1, "folder": len(names)},
        "paths": {
            "xlsx": p["xlsx"].name,
            "csv": p["csv"].name,
            "folder": p["folder"].name,
        },
        "folder_files": names,
        "generation_seconds": {**old.get("generation_seconds", {}), **gen},
    }
    tmp = p["manifest"].with_name("manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, p["manifest"])
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", choices=list(SIZES), default="10k")
    ap.add_argument("--data-dir", type=Path, help="default: benchmarks/.data/<size>/")
    ap.add_argument("--force", action="store_true", help="rewrite even if present")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    m = ensure(args.size, args.data_dir, force=args.force)
    d = args.data_dir or data_dir_for(args.size)
    t = m["totals"]
    print(
        f"{args.size}: {t['rows']:,} rows, {t['villages']:,} villages, {t['communes']:,} communes, "
        f"{t['provinces']} provinces, members {t['members']:,}, households {t['households']:,} "
        f"-> {d} ({time.perf_counter() - t0:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
