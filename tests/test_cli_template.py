"""`danvan template init | check | show` end to end through the command line."""

from __future__ import annotations

import os

import pytest
from openpyxl import Workbook

from tests.test_template import GOOD


def test_init_writes_an_example_that_passes_check(cli, tmp_path):
    path = tmp_path / "mau.toml"
    result = cli("template", "init", path)
    assert result.exit_code == 0
    assert result.stderr.strip() == f"Đã ghi {path}"
    assert path.read_text(encoding="utf-8").startswith("# Mẫu báo cáo của danvan")
    checked = cli("template", "check", path)
    assert checked.exit_code == 0
    assert checked.stdout.strip() == (
        "Mẫu «hoat_dong_doan_the» (phiên bản 1) hợp lệ: 6 chỉ tiêu, 1 tỷ lệ, 3 quy tắc."
    )


def test_init_writes_its_default_name_in_the_current_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("template", "init").exit_code == 0
    assert (tmp_path / "mau_bao_cao.toml").is_file()
    assert os.listdir(tmp_path) == ["mau_bao_cao.toml"]  # nothing else left beside it


def test_init_never_overwrites_unless_forced(cli, tmp_path):
    path = tmp_path / "mau.toml"
    path.write_text("name = 'của tôi'\n", encoding="utf-8")
    result = cli("template", "init", path, "--lang", "en")
    assert result.exit_code == 2
    assert "already exists and was not overwritten" in result.stderr
    assert path.read_text(encoding="utf-8") == "name = 'của tôi'\n"
    assert cli("template", "init", path, "--force").exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# Mẫu báo cáo của danvan")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_init_refuses_a_link_even_forced(cli, tmp_path):
    target = tmp_path / "that.toml"
    target.write_text("x = 1\n", encoding="utf-8")
    link = tmp_path / "mau.toml"
    link.symlink_to(target)
    result = cli("template", "init", link, "--force")
    assert result.exit_code == 2
    assert "liên kết" in result.stderr
    assert target.read_text(encoding="utf-8") == "x = 1\n" and link.is_symlink()


def test_init_into_a_missing_folder_says_why(cli, tmp_path):
    result = cli("template", "init", tmp_path / "khong_co" / "mau.toml")
    assert result.exit_code == 2
    assert "không có thư mục này" in result.stderr


def test_check_lists_each_mistake_with_its_line(cli, tmp_path):
    text = GOOD.replace('op = "compulsory_pair"', 'op = "=<"').replace(
        'headers = ["Số nhà"]', 'header = ["Số nhà"]'
    )
    path = tmp_path / "mau.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("template", "check", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"Lỗi {path}, dòng 19, [[figures]] nha: Khóa «header» không có trong mẫu; có phải là "
        "«headers»? (cần: «headers»)",
        f'Lỗi {path}, dòng 45, [[rules]] nha_co_tri_gia: «op» = "=<" không phải một giá trị '
        "dùng được. (cần: một trong: ==, !=, <, <=, >, >=, compulsory_pair, exclusive_pair, "
        "needs)",
        "Tệp mẫu có 2 lỗi; sửa rồi chạy lại «danvan template check».",
    ]
    english = cli("template", "check", path, "--lang", "en")
    assert english.exit_code == 1
    assert english.stdout.splitlines()[1].startswith(
        f"Error {path}, line 45, [[rules]] nha_co_tri_gia: 'op' = \"=<\" is not one of its values."
    )


def test_check_tells_a_warning_and_passes(cli, tmp_path):
    path = tmp_path / "mau.toml"
    path.write_text(GOOD.replace('denominator = "nha"', 'denominator = "so_ho"'), "utf-8")
    result = cli("template", "check", path, "--lang", "en")
    assert result.exit_code == 0
    warning, verdict = result.stdout.splitlines()
    assert warning.startswith(f"Warning {path}, line 36: The ratio 'ty_le' divides 'nha'")
    assert verdict == (
        "The template 'hoat_dong' (version 2) is valid: 3 figure(s), 1 ratio(s), 1 rule(s). "
        "1 warning(s)."
    )


def test_check_of_a_file_that_cannot_be_read_exits_2(cli, tmp_path):
    result = cli("template", "check", tmp_path / "khong_co.toml")
    assert result.exit_code == 2
    assert "Không có tệp mẫu này." in result.stdout
    legacy = tmp_path / "cu.toml"
    legacy.write_bytes("vi = 'Hé'\n".encode("cp1258"))
    assert cli("template", "check", legacy).exit_code == 2


def test_show_prints_what_the_template_declares(cli, tmp_path):
    path = tmp_path / "mau.toml"
    cli("template", "init", path)
    result = cli("template", "show", path)
    assert result.exit_code == 0
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "Mẫu: Kết quả hoạt động của các đoàn thể (hoat_dong_doan_the, phiên bản 1)"
    assert lines[1] == "Các cấp: tỉnh, huyện, xã, thôn"
    for said in (
        "nong_dan: Hội Nông dân (Hội Nông dân, Hội ND, HND)",
        "│ so_ho             │ Tổng số hộ           │ số lượng ≥ 0 │ mỗi đơn vị thấp nhất một "
        "lần │ lấy số cuối kỳ (stock) │              │ Tổng số hộ          │",
        "│ nha_tri_gia       │ Trị giá nhà          │ đồng ≥ 0     │ cộng mọi dòng",
        "│ ty_le_ho_co_hoi_vien │ Tỷ lệ hộ có hội viên (%) │ so_ho_co_hoi_vien │ so_ho  │ có",
        "│ Số hộ có hội viên ≤ Tổng số hộ ",
        "│ Nhà đại đoàn kết, Trị giá nhà: có bên này thì phải có bên kia │",
        "│ cảnh báo │ luôn kiểm tra ",
    ):
        assert said in out, said
    english = cli("template", "show", path, "--lang", "en").stdout
    assert english.splitlines()[0] == (
        "Template: Results of the mass organisations (hoat_dong_doan_the, version 1)"
    )
    for said in (
        "Levels: province, district, commune, village",
        "│ once per lowest unit │ latest value (stock) │",
        "│ Households with members ≤ Households ",
        "Houses built, Value of the houses: either both given or neither",
        "│ warning  │ always checked ",
    ):
        assert said in english, said


def test_show_says_a_rule_needing_the_other_side(cli, tmp_path):
    path = tmp_path / "mau.toml"
    path.write_text(GOOD.replace('op = "compulsory_pair"', 'op = "needs"'), "utf-8")
    result = cli("template", "show", path)
    assert result.exit_code == 0, result.stdout
    assert "│ Nhà đại đoàn kết > 0 → Trị giá nhà > 0" in result.stdout


def test_show_says_a_figure_no_table_gives_is_left_out(cli, tmp_path):
    path = tmp_path / "mau.toml"
    path.write_text(
        GOOD.replace('right = "tri_gia"', 'right = "tri_gia"\nabsent = "left_out"'), "utf-8"
    )
    result = cli("template", "show", path, "--lang", "en")
    assert result.exit_code == 0
    said = "a pair: whether figures are given is what it checks; a figure no table gives: left "
    assert said + "out of its side" in " ".join(result.stdout.split())


def test_show_of_a_template_with_mistakes_lists_them(cli, tmp_path):
    path = tmp_path / "mau.toml"
    path.write_text(GOOD.replace('right = "tri_gia"', 'right = "tri_gia_nha"'), "utf-8")
    result = cli("template", "show", path)
    assert result.exit_code == 1
    assert "«right» nhắc tới chỉ tiêu «tri_gia_nha» chưa khai báo." in result.stdout


def test_a_workbook_given_as_the_template_is_said_to_be_a_spreadsheet(cli, tmp_path):
    workbook = tmp_path / "xa_tan_an.xlsx"
    Workbook().save(workbook)
    for args in (("template", "check", workbook), ("summarize", "--template", workbook, workbook)):
        result = cli(*args)
        assert result.exit_code == 2
        assert "là một bảng tính, không phải tệp mẫu báo cáo (.toml)" in result.output


def test_show_gives_a_pair_no_missing_strategy_it_ignores(cli, tmp_path):
    path = tmp_path / "mau.toml"
    text = GOOD.replace('op = "compulsory_pair"', 'op = "exclusive_pair"\nmissing = "never"')
    path.write_text(text, "utf-8")
    result = cli("template", "show", path)
    assert result.exit_code == 0, result.stdout
    row = next(line for line in result.stdout.splitlines() if "nha_co_tri_gia" in line)
    assert "│ cặp: xét chính việc có hay thiếu số liệu │" in row
    assert "luôn kiểm tra" not in row


def test_show_gives_a_rules_numbers_as_written(cli, tmp_path):
    path = tmp_path / "mau.toml"
    rule = 'op = "<="\nright = "2.125 + 1000"'
    path.write_text(GOOD.replace('op = "compulsory_pair"\nright = "tri_gia"', rule), "utf-8")
    assert "│ Nhà đại đoàn kết ≤ 2,125 + 1.000 " in cli("template", "show", path).stdout
    english = cli("template", "show", path, "--lang", "en").stdout
    assert "│ Houses ≤ 2.125 + 1,000 " in english


def test_show_gives_the_problem_a_rule_is_reported_as(cli, tmp_path):
    path = tmp_path / "mau.toml"
    rule = 'op = "<="\nright = "tri_gia"\nproblem = "exceeds"'
    path.write_text(GOOD.replace('op = "compulsory_pair"\nright = "tri_gia"', rule), "utf-8")
    lines = cli("template", "show", path).stdout.splitlines()
    row = next(n for n, line in enumerate(lines) if "│ nha_co_tri_gia " in line)
    assert lines[row].split("│")[-2].strip() == "Có nhà thì có trị giá"
    assert lines[row + 1].endswith(
        "│ báo theo mã exceeds: «Nhà đại đoàn kết» (…) lớn hơn «Trị giá nhà» (…). │"
    )
    english = cli("template", "show", path, "--lang", "en").stdout
    said = "│ reported as exceeds: 'Houses' (…) is greater than 'Trị giá nhà' (…). │"
    assert said in english


def test_show_gives_the_abbreviations_as_short_forms(cli, tmp_path):
    from tests.test_declared_commands import SHORT_FORMS_TEMPLATE

    path = tmp_path / "tat.toml"
    path.write_text(SHORT_FORMS_TEMPLATE, "utf-8")
    out = cli("template", "show", path).stdout
    assert "│ hoi_nong_dan: Hội Nông dân (Hội Nông dân, /\\bhnd\\b/ (viết tắt))" in out
    lines = out.splitlines()
    row = next(n for n, line in enumerate(lines) if "│ hoi_vien " in line)
    assert [lines[n].split("│")[-2].strip() for n in (row, row + 1)] == [
        "Số hội viên",
        "/^shv$/ (viết tắt)",
    ]
    assert "/^shv$/ (short form)" in cli("template", "show", path, "--lang", "en").stdout
