"""The layouts of models tables met in practice, read through the shared readers."""

from __future__ import annotations

import json

from danvan_cli.engine import pipeline
from danvan_cli.engine.models_rollup import registered_by
from danvan_cli.kinds.detect import detect_kind
from danvan_cli.kinds.models import MODELS


def test_long_count_table_with_programme_and_level_columns(make_workbook):
    header = ["Xã", "Chương trình", "Lĩnh vực", "Cấp", "Số lượng"]
    rows = [
        ["Xã A", "Dân vận khéo", "Kinh tế", "Cấp xã", 3],
        ["Xã A", "Mô hình tự quản", "VHXH", None, 4],  # no level for a self-managed model
        ["Xã B", "DVK", "Kinh tế", "Cấp huyện", 2],
    ]
    summary = pipeline.summarize(MODELS, [str(make_workbook(rows, header))])
    assert summary.problems == []
    assert registered_by(summary.rollup, "program") == {"tu_quan": 4, "dan_van_kheo": 5}
    assert registered_by(summary.rollup, "recognition_level") == {"huyen": 2, "xa": 3}
    assert registered_by(summary.rollup, "field") == {"kinh_te": 5, "van_hoa_xa_hoi": 4}
    rows = summary.rollup.tables["commune"].to_dict("records")
    assert [(r["commune"], r["program"], r["registered"]) for r in rows] == [
        ("Xã A", "tu_quan", 4),
        ("Xã A", "dan_van_kheo", 3),
        ("Xã B", "dan_van_kheo", 2),
    ]


def test_long_count_table_with_a_status_column(make_workbook):
    header = ["Xã", "Lĩnh vực", "Kết quả", "Số mô hình"]
    rows = [
        ["Xã A", "Kinh tế", "Đăng ký", 5],
        ["Xã A", "Kinh tế", "Đã công nhận", 3],
        ["Xã A", "Kinh tế", "Biểu dương", 1],
    ]
    summary = pipeline.summarize(MODELS, [str(make_workbook(rows, header, name="dvk.xlsx"))])
    assert summary.problems == []
    total = summary.rollup.total
    assert (total["registered"], total["recognized"], total["commended"]) == (5, 3, 1)
    [row] = summary.rollup.tables["commune"].to_dict("records")
    assert (row["registered"], row["recognized"], row["commended"]) == (5, 3, 1)


def test_hierarchy_in_one_unit_column_with_subtotal_rows(make_workbook):
    header = ["STT", "Đơn vị", "Vệ sinh môi trường", "Tảo hôn", "Tổng số"]
    rows = [
        ["I", "Huyện Lâm Bình", None, None, None],
        [1, "Xã Lăng Can", 5, 2, 7],
        [2, "Xã Bình An", 3, 1, 4],
        [None, "Tổng cộng", 8, 3, 11],
    ]
    path = make_workbook(rows, header, above=[["BẢNG TỔNG HỢP MÔ HÌNH TỰ QUẢN"]])
    summary = pipeline.summarize(MODELS, [str(path)])
    assert [p.code for p in summary.problems] == ["subtotal_rows_unchecked"]  # read, never added
    assert summary.levels == ["district", "commune"]
    total = summary.rollup.total
    assert total["registered"] == 11
    assert registered_by(summary.rollup, "topic") == {"ve_sinh_moi_truong": 8, "tao_hon": 3}
    assert registered_by(summary.rollup, "field") == {"van_hoa_xa_hoi": 11}
    assert list(summary.rollup.by_unit["district"]["registered"]) == [11]


def test_lists_from_several_files_add_up(make_workbook):
    header = ["Tên mô hình", "Phường", "Lĩnh vực", "Cấp", "Công nhận"]
    a = make_workbook([["Đường hoa", "Phường Bắc Hồng", "VHXH", "Cấp tỉnh", "x"]], header, "a.xlsx")
    b = make_workbook([["Đường hoa", "Phường Nam Hồng", "VHXH", "Cấp tỉnh", ""]], header, "b.xlsx")
    summary = pipeline.summarize(MODELS, [str(a), str(b)])
    assert [p.code for p in summary.problems] == ["program_not_given", "program_not_given"]
    assert summary.rollup.total["registered"] == 2
    assert summary.rollup.total["recognized"] == 1


def test_csv_input(make_csv):
    header = ["Xã", "Kinh tế", "Văn hóa - Xã hội"]
    path = make_csv([["Xã A", "2", "3"], ["Xã B", "1.234", "-"]], header, name="dvk.csv", bom=True)
    summary = pipeline.summarize(MODELS, [str(path)])
    assert summary.problems == []
    assert registered_by(summary.rollup, "field") == {"kinh_te": 1236, "van_hoa_xa_hoi": 3}


def test_kind_of_each_layout(make_workbook, small_workbook):
    listed = make_workbook([["Đường hoa", "Xã A", "VHXH"]], ["Tên mô hình", "Xã", "Lĩnh vực"])
    wide = make_workbook([["Xã A", 2, 3]], ["Xã", "Kinh tế", "VHXH"], name="wide.xlsx")
    long = make_workbook([["Xã A", "Kinh tế", 3]], ["Xã", "Lĩnh vực", "Số mô hình"], "l.xlsx")
    assert [detect_kind([str(p)]) for p in (listed, wide, long)] == ["models"] * 3
    assert detect_kind([str(small_workbook)]) == "membership"


def test_summarize_auto_and_forced_kinds(cli, make_workbook, small_workbook):
    wide = make_workbook([["Xã A", 2, 3]], ["Xã", "Kinh tế", "VHXH"], name="dvk.xlsx")
    assert "Tổng cộng theo lĩnh vực" in cli("summarize", wide).stdout
    forced = cli("summarize", small_workbook, "--kind", "models")
    assert forced.exit_code == 1  # nothing to add up is not a valid result
    assert "Trang này là bảng chi hội, đoàn viên, hội viên" in forced.stderr  # not models
    assert "Không đọc được dòng số liệu nào" in forced.stderr


def test_a_khac_column_is_counted_and_each_category_table_adds_up(cli, make_workbook):
    """ "Khác" (other kinds) beside field columns: its models are counted (they were lost),
    and the table by field shows them as not given, so its column adds up to the total."""
    rows = [["Xã P", 3, 2, 4], ["Xã Q", 1, 1, 5]]
    path = make_workbook(rows, ["Xã", "Kinh tế", "VHXH", "Khác"], name="dvk.xlsx")
    summary = pipeline.summarize(MODELS, [str(path)])
    assert summary.rollup.total["registered"] == 16
    assert registered_by(summary.rollup, "topic") == {"khac": 9}
    result = cli("summarize", path, "-f", "md")
    by_field = result.stdout.split("## Tổng cộng theo lĩnh vực\n\n", 1)[1].split("\n\n")[0]
    assert by_field.splitlines()[2:] == [
        "| Kinh tế | 4 |",
        "| Văn hóa - Xã hội | 3 |",
        "| (không ghi) | 9 |",
        "| Tổng cộng | 16 |",
    ]


def test_a_total_row_written_in_the_model_name_column_is_not_a_model(cli, make_workbook):
    """A list closed by "Tổng cộng" (or "Cộng", "Tổng số: 4 mô hình") typed in the name
    column, under title rows and sections: a total, not a model missing its unit, field and
    level; a model named "Cộng đồng ..." stays a model."""
    header = ["STT", "Tên mô hình", "Ấp", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        ["I", "Lĩnh vực kinh tế", None, None, None, None],
        [1, "Tiết kiệm vì chị em nghèo", "Ấp Tân Phú", "Kinh tế", "Cấp xã", "Đã công nhận"],
        [2, "Cộng đồng xanh", "Ấp Tân Lợi", "Kinh tế", "Cấp xã", "Đăng ký"],
        [None, "Cộng", None, None, None, None],
        ["II", "Lĩnh vực văn hóa - xã hội", None, None, None, None],
        [3, "Nhà an toàn", "Ấp Tân Hòa", "VHXH", "Cấp xã", "Biểu dương"],
        [None, "Tổng cộng: 3 mô hình", None, None, None, 3],
    ]
    above = [["HỘI LHPN XÃ TÂN AN"], ['DANH SÁCH MÔ HÌNH "DÂN VẬN KHÉO" NĂM 2026']]
    path = make_workbook(rows, header, name="dvk.xlsx", above=above)
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [p["code"] for p in summary["problems"] if p["severity"] == "error"] == []
    assert (summary["total"]["registered"], summary["total"]["recognized"]) == (3, 2)
    [note] = [p for p in summary["problems"] if p["code"] == "subtotal_rows_unchecked"]
    assert note["value"] == "4, 7, 8, 10"  # the sections, "Cộng" and "Tổng cộng"


def test_a_total_in_the_name_column_under_a_unit_column_is_not_a_model(cli, make_workbook):
    """The same "Tổng cộng" in a list whose units are in one "Đơn vị" column, and a "Cộng"
    closing a commune's models there."""
    header = ["STT", "Tên mô hình", "Đơn vị", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        [1, "Tiết kiệm vì chị em nghèo", "Xã Tân An", "Kinh tế", "Cấp xã", "Đã công nhận"],
        [2, "Cộng đồng xanh", "Xã Tân An", "Kinh tế", "Cấp xã", "Đăng ký"],
        [None, "Cộng:", None, None, None, 2],
        [3, "Nhà an toàn", "Xã Hòa An", "VHXH", "Cấp xã", "Biểu dương"],
        [None, "TỔNG CỘNG", None, None, None, None],
    ]
    path = make_workbook(rows, header, name="dvk.xlsx", above=[["HỘI LHPN TỈNH HẬU GIANG"]])
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["total"]["registered"], summary["total"]["recognized"]) == (3, 2)
    communes = summary["rollups"]["commune"]
    assert sorted({(r["commune"], r["registered"]) for r in communes if r["field"]}) == [
        ("Xã Hòa An", 1),
        ("Xã Tân An", 2),
    ]
    [note] = [p for p in summary["problems"] if p["code"] == "subtotal_rows_unchecked"]
    assert note["value"] == "5, 7"


def test_section_headings_of_a_list_written_with_their_numeral_are_not_models(cli, make_workbook):
    """A list in sections, each heading typed with its Roman numeral across the row ("I.
    LĨNH VỰC KINH TẾ" in the STT cell merged over the row, or in the name column with the
    STT blank): headings, not models missing their name, unit, field and level."""
    header = ["STT", "Tên mô hình", "Ấp", "Lĩnh vực", "Cấp", "Kết quả"]
    rows = [
        ["I. LĨNH VỰC KINH TẾ", None, None, None, None, None],
        [1, "Tiết kiệm vì chị em nghèo", "Ấp Tân Phú", "Kinh tế", "Cấp xã", "Đã công nhận"],
        [None, "II - LĨNH VỰC VĂN HÓA - XÃ HỘI", None, None, None, None],
        [2, "V.I.P an toàn", "Ấp Tân Hòa", "VHXH", "Cấp xã", "Đăng ký"],  # names its village
    ]
    path = make_workbook(rows, header, name="dvk.xlsx", above=[["HỘI LHPN XÃ TÂN AN"]])
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["total"]["registered"], summary["total"]["recognized"]) == (2, 1)
    [note] = [p for p in summary["problems"] if p["code"] == "subtotal_rows_unchecked"]
    assert note["value"] == "3, 5"
