"""`danvan summarize|validate --template FILE` end to end through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from danvan_cli.kinds.template import example_text, load_template
from tests.generic_kind import (
    ACTIVITIES_TEMPLATE,
    TAN_AN_ROWS,
    activities_kind,
    commune_report,
    two_communes,
)


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "hoat_dong.toml"
    path.write_text(ACTIVITIES_TEMPLATE, encoding="utf-8")
    return path


def test_the_template_file_declares_the_kind_the_tests_use(template):
    assert load_template(template) == activities_kind()


def test_summarize_with_a_template_prints_its_roll_up(cli, template, tmp_path):
    files = two_communes(tmp_path)
    result = cli("summarize", *files, "--template", template, "--level", "district")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)"
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert cells[0] == [
        "Huyện Châu Thành",
        "Tất cả",
        "11",
        "3,25",
        "700",
        "1.850",
        "1.300",
        "81,25%",
        "0,30",
    ]
    assert cells[-1][:3] == ["Tổng cộng", "", "11"]
    assert lines[-1] == "Ghi chú: Tỷ lệ hộ có hội viên tính trên 2/3 thôn có đủ cả hai số liệu."
    assert "Dữ liệu hợp lệ." in result.stderr


def test_summarize_with_a_template_writes_every_format(cli, template, tmp_path):
    files = two_communes(tmp_path)
    outputs = [tmp_path / f"out.{suffix}" for suffix in ("json", "csv", "md", "xlsx")]
    args = [a for path in outputs for a in ("-o", path)]
    result = cli("summarize", *files, "--template", template, "-f", "json", *args)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["template"] == {"name": "hoat_dong_thu", "version": "2.1"}
    assert document["total"]["houses"] == 11 and document["total"]["coverage"] == 0.8125
    assert json.loads(outputs[0].read_text(encoding="utf-8")) == document
    rows = list(csv.reader(io.StringIO(outputs[1].read_text(encoding="utf-8-sig"))))
    assert rows[-1][-2:] == ["hoat_dong_thu", "2.1"] and rows[-1][0] == "total"
    assert (
        outputs[2]
        .read_text(encoding="utf-8")
        .startswith("# Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)\n")
    )
    sheet = load_workbook(outputs[3])["Huyện"]
    notes = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert notes[-1] == "Kết quả hoạt động (mẫu «hoat_dong_thu», phiên bản 2.1)"


def test_a_template_with_mistakes_is_said_by_line_and_nothing_is_read(cli, tmp_path):
    broken = tmp_path / "sai.toml"
    broken.write_text(
        ACTIVITIES_TEMPLATE.replace('numerator = "households_with_members"', 'numerator = "ho"'),
        encoding="utf-8",
    )
    files = two_communes(tmp_path)
    for command in ("summarize", "validate"):
        result = cli(command, *files, "--template", broken, "--lang", "en")
        assert result.exit_code == 2
        assert "line 70, [[ratios]] coverage" in result.stderr and "'ho'" in result.stderr
        assert result.stdout == ""


def test_validate_with_a_template_names_each_problem(cli, template, tmp_path):
    rows = [*TAN_AN_ROWS[:3], [4, None, "Hội Cựu chiến binh", 1, 0.1, 60, 250, None]]
    path = commune_report(tmp_path / "tan_an.xlsx", "Tân An", rows, [None] * 5)
    result = cli("validate", path, "--template", template, "--lang", "en")
    assert result.exit_code == 1
    assert "Kết quả hoạt động › Số nhà đại đoàn kết -> houses (Houses built)" in result.stdout
    assert "'Hội Cựu chiến binh' in column 'Đoàn thể' is not recognised" in result.stdout
    good = commune_report(tmp_path / "good.xlsx", "Tân An", TAN_AN_ROWS, [6, 1.25, 350, None, None])
    assert cli("validate", good, "--template", template).exit_code == 0


SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_the_seed_003_sample_adds_up_to_its_published_totals(cli):
    """4.413 houses worth over 89 tỷ đồng, 48.403 scholarships worth nearly 28 tỷ, 208.951
    works, 7.097 members out of poverty (Hậu Giang 2020)."""
    workbook, template = SAMPLES / "hau_giang_2020_activities.xlsx", SAMPLES / "activities.toml"
    result = cli("summarize", workbook, "--template", template, "-f", "json")
    assert result.exit_code == 0
    total = json.loads(result.stdout)["total"]
    assert [total[c] for c in ("nha", "hoc_bong", "cong_trinh", "thoat_ngheo")] == [
        4413,
        48403,
        208951,
        7097,
    ]
    assert total["nha_tri_gia"] == 89_126_450_000 and total["hoc_bong_tri_gia"] == 27_936_200_000
    shown = cli("summarize", workbook, "--template", template, "--level", "province").stdout
    total_row = next(line for line in shown.splitlines() if "Tổng cộng" in line)
    cells = [c.strip() for c in total_row.split("│")[1:-1]]
    assert cells[1:7] == ["4.413", "89.126.450.000", "48.403", "27.936.200.000", "208.951", "7.097"]


def test_the_hoi_nong_dan_sample_counts_each_hamlet_households_once(cli):
    workbook, template = SAMPLES / "vi_thuy_2020_hoi_nong_dan.xlsx", SAMPLES / "hoi_nong_dan.toml"
    result = cli("summarize", workbook, "--template", template, "-f", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    total = document["total"]
    assert [total[c] for c in ("to_hoi", "hoi_vien", "hoi_vien_nu", "ket_nap", "giam")] == [
        412,
        9836,
        2317,
        354,
        127,
    ]
    assert (total["ho_nong_dan"], total["ho_co_hoi_vien"]) == (13452, 8961)
    assert round(total["ty_le_ho_co_hoi_vien"], 4) == 0.6661
    # its branch kinds are read from their column: a roll-up per kind, no column unused
    assert set(document["total_by_loai_chi_hoi"]) == {"chi_hoi_ap", "nghe_nghiep"}
    assert not [p for p in document["problems"] if p["code"] == "column_not_used"]


def test_a_figure_taken_once_per_village_differing_between_its_rows_is_an_error(
    cli, template, tmp_path
):
    """Ấp 1 gives 410 households on its Hội Nông dân row (Excel row 6), 400 on its Hội LHPN
    row (7): with no majority, each row is named with the other's value, as membership's."""
    rows = [[1, "Ấp 1", "Hội Nông dân", 3, 0.6, 120, 410, 300], *TAN_AN_ROWS[1:]]
    path = commune_report(tmp_path / "tan_an.xlsx", "Tân An", rows, [6, 1.25, 350, None, None])
    result = cli("validate", path, "--template", template, "--lang", "en")
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if "here but" in line]
    assert found == [
        f"Error {path}, sheet «Báo cáo», row 6, column «Số hộ › Tổng số»:"
        " Huyện Châu Thành / Xã Tân An / Ấp 1 has"
        f" 'Số hộ › Tổng số' 410 here but 400 at {path}, sheet «Báo cáo», row 7."
        " (expected: the same figure on every row of a unit)",
        f"Error {path}, sheet «Báo cáo», row 7, column «Số hộ › Tổng số»:"
        " Huyện Châu Thành / Xã Tân An / Ấp 1 has"
        f" 'Số hộ › Tổng số' 400 here but 410 at {path}, sheet «Báo cáo», row 6."
        " (expected: the same figure on every row of a unit)",
    ]


def _wide_example_report(path: Path, total_group: bool = False) -> Path:
    """A commune's report for `template init`'s example, wide: a group of columns per
    organisation (after a "Tổng số" group, if `total_group`), the houses and households
    beside the groups (the village's own)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append(["UBMTTQ HUYỆN CHÂU THÀNH"])
    sheet.append(["BAN THƯỜNG TRỰC UBMTTQ XÃ TÂN AN"])
    sheet.append(["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG NĂM 2026"])
    names = ["Tổng số"] * total_group + ["Hội Nông dân", "Hội LHPN"]
    beside = ["Số căn nhà", "Trị giá nhà (đồng)", "Tổng số hộ", "Số hộ có hội viên"]
    sheet.append(["STT", "Ấp", *[c for n in names for c in (n, None)], *beside])
    sheet.append([None, None, *["Số hội viên", "Kết nạp mới"] * len(names)])
    for column in [1, 2, *range(3 + 2 * len(names), 7 + 2 * len(names))]:
        sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
    for number in range(len(names)):
        sheet.merge_cells(
            start_row=4, end_row=4, start_column=3 + 2 * number, end_column=4 + 2 * number
        )
    rows = [  # STT, name, the groups (Hội Nông dân, Hội LHPN), houses, value, households
        ([1, "Ấp 1"], [[120, 5], [90, 3]], [2, 100_000_000, 400, 300]),
        ([2, "Ấp 2"], [[80, 2], [None, None]], [1, 60_000_000, 250, 150]),  # no Hội LHPN
        ([None, "Cộng"], [[200, 7], [90, 3]], [3, 160_000_000, 650, 450]),
    ]
    for head, groups, tail in rows:
        total = [sum(g[i] or 0 for g in groups) for i in (0, 1)]
        sheet.append([*head, *total * total_group, *[c for g in groups for c in g], *tail])
    sheet.append([])
    sheet.append([None, "NGƯỜI LẬP BIỂU", None, None, "TM. BAN THƯỜNG TRỰC"])
    workbook.save(path)
    return path


@pytest.mark.parametrize("total_group", [False, True])
def test_a_figure_beside_the_groups_is_the_row_s_own_taken_once(cli, tmp_path, total_group):
    """The example's houses (not split by organisation) beside the groups: 2 + 1 houses
    worth 160.000.000 đồng, not counted again for Ấp 1's second group (5 houses, 260.000.000
    đồng); the sheet's 'Cộng' row, right, is not called wrong, nor a 'Tổng số' group for
    the houses it does not give."""
    template = tmp_path / "mau.toml"
    template.write_text(example_text(), encoding="utf-8")
    path = _wide_example_report(tmp_path / "tan_an.xlsx", total_group)
    result = cli("summarize", path, "--template", template, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    total = document["total"]
    assert [total[c] for c in ("hoi_vien", "hoi_vien_moi", "nha", "nha_tri_gia", "so_ho")] == [
        290,
        10,
        3,
        160_000_000,
        650,
    ]
    assert document["total_by_organization"] == {  # the houses are no organisation's
        "nong_dan": {"hoi_vien": 200, "hoi_vien_moi": 7},
        "phu_nu": {"hoi_vien": 90, "hoi_vien_moi": 3},
    }


def test_a_membership_sheet_read_with_a_template_is_said_to_be_one(cli):
    template = SAMPLES / "activities.toml"
    result = cli("summarize", SAMPLES / "hau_giang_2020_membership.xlsx", "--template", template)
    assert result.exit_code == 1  # nothing of the template's kind to add up
    warnings = [line for line in result.stderr.splitlines() if "«Số liệu»" in line]
    assert warnings == [
        "Cảnh báo "
        + str(SAMPLES / "hau_giang_2020_membership.xlsx")
        + ", trang «Số liệu»: Trang này là bảng chi hội, đoàn viên, hội viên, không phải bảng"
        " theo mẫu báo cáo đang đọc, nên chưa đọc. (cần: đọc riêng bảng này, không có"
        " --template: danvan summarize ... (và --sheet nếu cần))"
    ]


SHORT_FORMS_TEMPLATE = """
name = "hoi_vien_tat"
vi = "Hội viên"
en = "Members"
levels = ["commune", "village"]

[[categories]]
code = "doan_the"
vi = "Đoàn thể"
en = "Organisation"
headers = ["Đoàn thể"]
required = true

  [[categories.values]]
  code = "hoi_nong_dan"
  vi = "Hội Nông dân"
  en = "Farmers' Union"
  headers = ["Hội Nông dân"]
  abbreviations = ['\\bhnd\\b']

  [[categories.values]]
  code = "hoi_phu_nu"
  vi = "Hội Liên hiệp Phụ nữ"
  en = "Women's Union"
  headers = ["Hội Liên hiệp Phụ nữ"]
  abbreviations = ['\\bh?lhpn\\b']

[[figures]]
code = "hoi_vien"
vi = "Số hội viên"
en = "Members"
headers = ["Số hội viên"]
abbreviations = ['^shv$']
split_by = ["doan_the"]
over_time = "stock"
"""


def _commune_form(path: Path, header: list[list[object]], rows: list[list[object]]) -> Path:
    """A commune's form: title rows, the header (merged over its rows), its rows, "Cộng",
    the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    for line in (["ỦY BAN MTTQ XÃ AN"], ["BÁO CÁO SỐ LƯỢNG HỘI VIÊN"], [], *header, *rows):
        sheet.append(line)
    if len(header) == 2:
        for column in "ABC":
            sheet.merge_cells(f"{column}4:{column}5")
    sheet.append([])
    sheet.append([None, None, None, "Người lập biểu"])
    workbook.save(path)
    return path


def test_a_templates_abbreviations_read_headers_and_values_as_weak_evidence(cli, tmp_path):
    template = tmp_path / "tat.toml"
    template.write_text(SHORT_FORMS_TEMPLATE, encoding="utf-8")
    long = _commune_form(
        tmp_path / "doc.xlsx",
        [["STT", "Xã", "Thôn", "Đoàn thể", "SHV"]],
        [
            [1, "Xã An", "Thôn 1", "HND", 30],
            [2, "Xã An", "Thôn 1", "LHPN", 25],
            [3, "Xã An", "Thôn 2", "Hội Nông dân", 20],
            [None, "Cộng", None, None, 75],
        ],
    )
    wide = _commune_form(
        tmp_path / "ngang.xlsx",
        [
            ["STT", "Xã", "Thôn", "HND", "Hội Liên hiệp Phụ nữ"],
            [None, None, None, "Số hội viên", "Số hội viên"],
        ],
        [
            [1, "Xã An", "Thôn 1", 30, 25],
            [2, "Xã An", "Thôn 2", 20, 10],
            [None, "Cộng", None, 50, 35],
        ],
    )
    checked = cli("validate", long, "--template", template)
    assert checked.exit_code == 0
    assert "    SHV -> hoi_vien (Số hội viên) [cần xem lại: khớp tên viết tắt]" in checked.stdout
    checked = cli("validate", wide, "--template", template, "--lang", "en")
    assert checked.exit_code == 0
    assert (
        "    HND › Số hội viên -> hoi_vien (Members), Farmers' Union"
        " [please check: organisation written short]\n"
        "    Hội Liên hiệp Phụ nữ › Số hội viên -> hoi_vien (Members), Women's Union\n"
    ) in checked.stdout
    for path, women in ((long, 25), (wide, 35)):
        summed = cli("summarize", path, "--template", template, "-f", "json")
        assert summed.exit_code == 0
        document = json.loads(summed.stdout)
        assert document["total"] == {"hoi_vien": 50 + women}
        assert document["total_by_doan_the"] == {
            "hoi_nong_dan": {"hoi_vien": 50},
            "hoi_phu_nu": {"hoi_vien": women},
        }


def _groups_beside_a_total(path: Path) -> Path:
    """A commune's wide membership form under title rows: its households, then a group of
    "Số chi hội | Số hội viên" per organisation ("HND", "HPN", "Hội Chữ thập đỏ") and a
    "Tổng số" group, two hamlets, "Cộng", the signature block."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Báo cáo"
    sheet.append(["ỦY BAN MTTQ XÃ VỊ THỦY"])
    sheet.append(["BÁO CÁO SỐ LƯỢNG CHI HỘI, HỘI VIÊN"])
    sheet.append([])
    groups = ["HND", "HPN", "Hội Chữ thập đỏ", "Tổng số"]
    sheet.append(["STT", "Ấp", "Tổng số hộ", *[c for g in groups for c in (g, None)]])
    sheet.append([None, None, None, *["Số chi hội", "Số hội viên"] * len(groups)])
    for column in (1, 2, 3):
        sheet.merge_cells(start_row=4, end_row=5, start_column=column, end_column=column)
    for number in range(len(groups)):
        sheet.merge_cells(
            start_row=4, end_row=4, start_column=4 + 2 * number, end_column=5 + 2 * number
        )
    sheet.append([1, "Ấp 1", 120, 2, 50, 1, 40, 1, 20, 4, 110])
    sheet.append([2, "Ấp 2", 100, 1, 30, 1, 35, 1, 15, 3, 80])
    sheet.append([None, "Cộng", 220, 3, 80, 2, 75, 2, 35, 7, 190])
    sheet.append([])
    sheet.append([None, "Người lập biểu"])
    workbook.save(path)
    return path


def test_a_total_group_beside_groups_naming_no_value_is_a_column_named_twice(cli, tmp_path):
    """The Hội Nông dân template reads "Số hội viên" under every group of a form whose
    groups name no kind of branch: the columns after the first are said to be the same
    figure and not read, the "Tổng số" group's too (not a traceback)."""
    path = _groups_beside_a_total(tmp_path / "vi_thuy.xlsx")
    template = SAMPLES / "hoi_nong_dan.toml"
    result = cli("summarize", path, "--template", template, "--lang", "en")
    assert result.exit_code == 1
    twice = [line for line in result.stderr.splitlines() if "both mean" in line]
    place = f"Error {path}, sheet «Báo cáo», row 5"
    assert twice[-1] == (
        f"{place}, column «Tổng số › Số hội viên»: Columns 'Tổng số › Số hội viên' and"
        " 'HND › Số hội viên' both mean 'Members'. (expected: one column per field)"
    )
    assert len(twice) == 3
    result = cli("validate", path, "--template", template)
    assert result.exit_code == 1
    assert "    Tổng số › Số hội viên -> (không dùng)" in result.stdout.splitlines()
    assert (
        f"Lỗi {path}, trang «Báo cáo», dòng 5, cột «Tổng số › Số hội viên»: Cột «Tổng số › Số"
        " hội viên» và cột «HND › Số hội viên» cùng là «Số hội viên». (cần: mỗi trường số liệu"
        " chỉ một cột)"
    ) in result.stdout.splitlines()
    for kind in ("membership", "models"):  # the shipped kinds read it without a traceback
        assert cli("summarize", path, "--kind", kind).exit_code == 1
