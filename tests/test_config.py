"""periods.config: a run's config read, its paths and deadline, each mistake at its line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.config import example_text, read_config


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "danvan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_config_is_read_as_it_is(tmp_path):
    read = read_config(_config(tmp_path, example_text()))
    assert read.problems == []
    config = read.config
    october = parse_period("2026-10")
    assert config.submissions(october) == str(tmp_path / "nop" / "2026-10")
    assert config.output(october, ".json") == tmp_path / "ket_qua" / "tong_hop_2026-10.json"
    assert config.history == tmp_path / "danvan.db"
    assert config.keys.threshold == 20
    assert config.keys.outputs.paper == "A4"
    assert config.deadline(october) == datetime(2026, 11, 5, 23, 59, 59, 999999)


@pytest.mark.parametrize(
    ("deadline", "period", "due"),
    [
        ("31", "2026-01", datetime(2026, 2, 28, 23, 59, 59, 999999)),  # February has 28 days
        ("10", "2026-12", datetime(2027, 1, 10, 23, 59, 59, 999999)),
        ("10", "2026-Q3", datetime(2026, 10, 10, 23, 59, 59, 999999)),
        ("2026-11-20", "2026-10", datetime(2026, 11, 20, 23, 59, 59, 999999)),
    ],
)
def test_the_deadline_of_a_period(tmp_path, deadline, period, due):
    path = _config(tmp_path, f'submissions = "nop/{{period}}"\ndeadline = {deadline}\n')
    assert read_config(path).config.deadline(parse_period(period)) == due


def test_each_mistake_is_said_at_its_line(tmp_path):
    path = _config(
        tmp_path,
        'submissions = "nop/*.xlsx"\n'
        'kindd = "membership"\n'
        'deadline = "ngày 5"\n'
        "threshold = -1\n"
        'kind = "models"\n'
        'template = "mau.toml"\n'
        "[outputs]\n"
        'formats = ["docx"]\n'
        "name = 3\n"
        'paper = "A5"\n',
    )
    read = read_config(path)
    assert read.config is None and not read.unreadable
    said = [(p.row, p.column, p.code) for p in read.problems]
    assert said == [
        (1, None, "config_no_period"),
        (2, None, "config_misspelt_key"),
        (3, None, "config_bad_deadline"),
        (4, None, "config_bad_threshold"),
        (6, None, "config_kind_and_template"),
        (8, "[outputs]", "config_bad_choice"),
        (9, "[outputs]", "config_wrong_type"),
        (10, "[outputs]", "config_bad_choice"),
    ]
    first, misspelt, _, _, _, choice, _, paper = read.problems
    assert first.message("en") == (
        "'submissions' = \"nop/*.xlsx\" has no {period} in it: every period would share one "
        "folder or one output file."
    )
    assert misspelt.message("vi") == (
        "Khóa «kindd» không có trong tệp cấu hình; có phải là «kind»?"
    )
    assert choice.expected("en") == "one of: xlsx, json, csv, md, txt, pdf"
    assert paper.message("vi") == '«paper» = "A5" không phải một giá trị dùng được.'
    assert paper.expected("vi") == "một trong: A4, A3"


def test_a_missing_key_a_syntax_error_and_a_missing_file(tmp_path):
    missing = read_config(_config(tmp_path, "kind = 'membership'\n")).problems
    assert [(p.row, p.code, p.params["key"]) for p in missing] == [
        (None, "config_missing_key", "submissions")
    ]
    misspelt = read_config(_config(tmp_path, "submision = 'nop/{period}'\n")).problems
    assert [(p.row, p.code, p.params["key"]) for p in misspelt] == [
        (1, "config_misspelt_key", "submision")  # not also "submissions" missing
    ]
    broken = read_config(_config(tmp_path, 'submissions = "nop/{period}\n')).problems
    assert [(p.row, p.code) for p in broken] == [(1, "template_syntax")]
    assert "[outputs]" in broken[0].expected() and "[outputs]" in broken[0].expected("en")
    absent = read_config(tmp_path / "none.toml")
    assert absent.unreadable and absent.problems[0].code == "config_not_found"


@pytest.mark.parametrize(
    ("written", "column"),
    [('submissions = "D:\\BaoCao\\{period}"', 20), ('history = "C:\\Users\\ban\\danvan.db"', 16)],
)
def test_a_windows_path_in_double_quotes_is_told_how_to_write_it(tmp_path, written, column):
    """A backslash in double quotes starts a TOML escape: the mistake says to use single
    quotes or /, not only that the line is not TOML."""
    text = f'kind = "membership"\n{written}\n'
    (problem,) = read_config(_config(tmp_path, text)).problems
    assert (problem.row, problem.code, problem.params["at"]) == (2, "template_backslash", column)
    assert problem.message().startswith('Dấu \\ trong chữ đặt trong ngoặc kép "..." là ký tự')
    assert "'D:\\BaoCao\\{period}'" in problem.expected()
    assert '"D:/BaoCao/{period}"' in problem.expected("en")


def test_a_path_in_single_quotes_or_with_slashes_is_read(tmp_path):
    for written in ("'nop\\{period}'", '"nop/{period}"'):
        read = read_config(_config(tmp_path, f"submissions = {written}\n"))
        assert read.problems == [] and read.config is not None


@pytest.mark.parametrize(
    ("unit", "placed"),
    [
        ("Huyện Châu Thành", ("district", "Huyện Châu Thành")),
        ("  Thị xã  Long Mỹ ", ("district", "Thị xã Long Mỹ")),
        ("Thành phố Cần Thơ", ("province", "Thành phố Cần Thơ")),
        ("TP. Huế", ("province", "TP. Huế")),
        ("Tỉnh Hậu Giang", ("province", "Tỉnh Hậu Giang")),
        ("Phường 3", ("commune", "Phường 3")),
    ],
)
def test_the_offices_own_unit_placed_by_its_type_word(tmp_path, unit, placed):
    path = _config(tmp_path, f'submissions = "nop/{{period}}"\nunit = "{unit}"\n')
    assert read_config(path).config.unit == placed


def test_a_unit_not_saying_its_level_is_a_mistake(tmp_path):
    path = _config(tmp_path, 'submissions = "nop/{period}"\nunit = "Châu Thành"\n')
    (problem,) = read_config(path).problems
    assert (problem.row, problem.code) == (2, "config_bad_unit")
    assert problem.message("en") == "The unit 'unit' = \"Châu Thành\" does not say its level."
