"""usage: a mistake in the command told in Vietnamese (English with --lang en), exit 2."""

from __future__ import annotations

import pytest

from danvan_cli.cli.app import run
from danvan_cli.cli.usage import asked_lang
from tests.conftest import HAU_GIANG


def said(capsys, *args: object) -> tuple[int, str]:
    code = run([str(a) for a in args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["summarize", "--levle", "x", "a.xlsx"],
            "Lỗi: Không có tùy chọn --levle. Có phải là --level?",
        ),
        (
            ["summarize", "a.xlsx", "--format", "bogus"],
            "Lỗi: «bogus» không dùng được cho --format / -f; chọn một trong: table, json, csv, md.",
        ),
        (["summarize"], "Lỗi: Chưa có tệp nào để đọc"),
        (["summarize", "a.xlsx", "--level"], "Lỗi: Tùy chọn --level cần một giá trị đi kèm."),
        (["sumarize", "a.xlsx"], "Lỗi: Không có lệnh «sumarize». Có phải là summarize?"),
        (
            ["summarize", "a.xlsx", "-o", "tong_hop.docx"],
            "Lỗi: Giá trị không dùng được cho --output / -o: đuôi tệp phải là .csv, .json, .md, "
            ".pdf, .txt, .xlsx.",
        ),
        (
            ["summarize", "a.xlsx", "--skip-invalid=yes"],
            "Tùy chọn --skip-invalid không nhận giá trị nào; chỉ cần ghi --skip-invalid.",
        ),
        (
            ["validate", "a.xlsx", "--lang", "fr"],
            "«fr» không dùng được cho --lang; chọn một trong: vi, en.",
        ),
        (["compare", "thang_09.xlsx"], "Lỗi: Thiếu MỚI.\n"),
        (["template", "check"], "Lỗi: Thiếu TỆP.toml.\n"),
        (
            ["init", "Bao", "cao.toml"],
            "Lỗi: Thừa «cao.toml»: lệnh này không nhận thêm tên tệp hay giá trị ở đó (tên tệp "
            'có dấu cách thì đặt trong ngoặc kép: "Báo cáo tháng 10.xlsx").',
        ),
    ],
)
def test_usage_mistakes_in_vietnamese(capsys, args, expected):
    code, err = said(capsys, *args)
    assert code == 2
    assert expected in err
    assert "Error" not in err and "Usage" not in err


def test_output_naming_a_folder(capsys, tmp_path):
    code, err = said(capsys, "summarize", "a.xlsx", "-o", tmp_path)
    assert code == 2
    assert f"Lỗi: «{tmp_path}» là một thư mục; --output / -o cần tên một tệp." in err


def test_usage_line_and_help_hint(capsys):
    _, err = said(capsys, "summarize", "--levle", "x", "a.xlsx")
    assert err.splitlines()[:2] == [
        "Cách dùng: danvan summarize [OPTIONS] {TỆP}...",
        "Xem «danvan summarize --help» để biết các tùy chọn.",
    ]


def test_usage_mistakes_in_english(capsys):
    code, err = said(capsys, "summarize", "a.xlsx", "--level", "tính", "--lang", "en")
    assert code == 2
    assert err.splitlines()[:2] == [
        "Usage: danvan summarize [OPTIONS] {TỆP}...",
        "Try 'danvan summarize --help' for help.",
    ]
    assert (
        "Error: 'tính' cannot be given to --level; choose one of: province, tỉnh, tinh, district, "
        "huyện, huyen, commune, xã, xa, village, thôn, thon, ấp, ap." in err
    )
    assert "No file to read" in said(capsys, "summarize", "--lang=en")[1]
    assert "Error: Missing MỚI.\n" in said(capsys, "compare", "a.xlsx", "--lang", "en")[1]


def test_usage_line_names_the_config_file(capsys):
    _, err = said(capsys, "init", "a.toml", "b")
    assert err.splitlines()[0] == "Cách dùng: danvan init [OPTIONS] [TỆP.toml]"


def test_run_gives_the_commands_exit_codes(capsys):
    assert run(["summarize", str(HAU_GIANG), "--format", "json"]) == 0
    assert '"village"' in capsys.readouterr().out
    assert run(["summarize", "khong_co.xlsx"]) == 2
    assert run(["--help"]) == 0
    assert "Usage: danvan" in capsys.readouterr().out


def test_no_command_shows_the_help(capsys):
    code, err = said(capsys)
    assert code == 2
    assert "summarize" in err and "validate" in err


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        ([], "vi"),
        (["summarize", "x", "--lang", "en"], "en"),
        (["--lang=en"], "en"),
        (["--lang", "fr"], "vi"),
        (["--lang"], "vi"),
    ],
)
def test_asked_lang(args, lang):
    assert asked_lang(args) == lang
