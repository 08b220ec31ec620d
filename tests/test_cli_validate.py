"""`danvan validate`: lists problems without summing; exit codes 0, 1 and 2; JSON problems."""

from __future__ import annotations

import json

from tests.conftest import HAU_GIANG, HEADER, SMALL_ROWS, write_commune_report


def test_valid_file(cli, small_workbook):
    result = cli("validate", small_workbook)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == str(small_workbook)
    assert lines[1] == "  «Data», tiêu đề ở dòng 1:"
    assert "    Số hội viên -> members (Số ĐV, HV)" in lines
    assert "    Thôn -> village (Thôn)" in lines
    assert lines[-1] == "Dữ liệu hợp lệ."
    assert "Tổng cộng" not in result.stdout  # nothing is summed


def test_sample_is_valid(cli):
    result = cli("validate", HAU_GIANG, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": []}


def test_problems_are_listed_with_their_place(cli, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "12a"
    rows[3][3] = "Hội Bóng đá"
    path = make_workbook(rows)
    result = cli("validate", path)
    assert result.exit_code == 1
    assert (
        f"Lỗi {path}, trang «Data», dòng 3, cột «Số hội viên»: "
        "Giá trị «12a» ở cột «Số hội viên» không phải là số. (cần: một số nguyên ≥ 0)"
    ) in result.stdout
    assert (
        f"Lỗi {path}, trang «Data», dòng 5, cột «Đoàn thể»: Không nhận ra đoàn thể «Hội Bóng đá»."
        in result.stdout
    )
    assert result.stdout.splitlines()[-1].startswith("Có 2 lỗi và 0 cảnh báo")


def test_problems_as_json(cli, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "12a"
    rows[5][4] = 0  # members without branch: a warning
    path = make_workbook(rows)
    result = cli("validate", path, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(document) == ["problems"]
    assert [
        (p["severity"], p["file"], p["sheet"], p["row"], p["column"], p["value"], p["code"])
        for p in document["problems"]
    ] == [
        ("error", str(path), "Data", 3, "Số hội viên", "12a", "not_a_number"),
        ("warning", str(path), "Data", 7, "Số hội viên", 234, "members_without_branch"),
    ]
    assert document["problems"][0]["message"] == (
        "Value '12a' in column 'Số hội viên' is not a number."
    )


def test_warnings_only_exit_0(cli, make_workbook):
    rows = [list(r) for r in SMALL_ROWS]
    rows[5][4] = 0
    result = cli("validate", make_workbook(rows), "--format", "json")
    assert result.exit_code == 0
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["members_without_branch"]


def test_unmapped_columns_are_shown_and_warned(cli, make_workbook):
    path = make_workbook(SMALL_ROWS[:1], header=[*HEADER, "Ghi chú"])
    result = cli("validate", path)
    assert result.exit_code == 0
    assert "  Ghi chú -> (không dùng)" in result.stdout
    unused = (
        "Cột «Ghi chú» (cột J) không có số liệu (chỉ có chữ hoặc để trống), không khớp với "
        "trường số liệu nào: không dùng."
    )
    assert unused in result.stdout


def test_missing_file_exits_2(cli, tmp_path):
    result = cli("validate", tmp_path / "khong_co.xlsx", "--format", "json")
    assert result.exit_code == 2
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["file_not_found"]


def test_unsupported_extension_exits_2(cli, tmp_path):
    path = tmp_path / "bao_cao.pdf"
    path.write_bytes(b"%PDF")
    assert cli("validate", path).exit_code == 2


def test_usage_error_exits_2(cli, small_workbook):
    result = cli("validate", small_workbook, "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of" in result.stderr


def test_each_file_ends_with_its_own_verdict(cli, tmp_path):
    good = write_commune_report(tmp_path / "xa_tan_an.xlsx", "Tân An")
    bad = write_commune_report(tmp_path / "xa_phu_huu.xlsx", "Phú Hữu", members="12a")
    result = cli("validate", good, bad)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    verdicts = [(i, line) for i, line in enumerate(lines) if line.startswith("→")]
    # "12a" and the "Cộng" row it keeps from being checked: an error and a warning
    assert [line for _, line in verdicts] == ["→ Tệp này hợp lệ.", "→ Tệp này: 1 lỗi, 1 cảnh báo."]
    files = [i for i, line in enumerate(lines) if line in (str(good), str(bad))]
    assert files[0] < verdicts[0][0] < files[1] < verdicts[1][0]  # closing each file's part
    assert lines[-1] == "Có 1 lỗi và 1 cảnh báo."
