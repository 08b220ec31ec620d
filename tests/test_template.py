"""A template file (kinds.template): read into a kind, each mistake at the line it is on."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook

from danvan_cli.kinds.template import (
    TemplateError,
    example_text,
    load_template,
    read_template,
)
from danvan_cli.kinds.toml_lines import key_lines

# A small template that holds together; the cases below break one line of it each.
GOOD = """\
name = "hoat_dong"
version = "2"
vi = "Kết quả hoạt động"

[[categories]]
code = "organization"
vi = "Đoàn thể"
headers = ["Đoàn thể"]

  [[categories.values]]
  code = "nong_dan"
  vi = "Hội Nông dân"
  headers = ["Hội Nông dân", "HND"]

[[figures]]
code = "nha"
vi = "Nhà đại đoàn kết"
en = "Houses"
headers = ["Số nhà"]
over_time = "flow"

[[figures]]
code = "tri_gia"
vi = "Trị giá nhà"
headers = ["Trị giá (đồng)"]
unit = "dong"
over_time = "flow"

[[figures]]
code = "so_ho"
vi = "Tổng số hộ"
headers = ["Tổng số hộ"]
over_units = "once_per_lowest_unit"
over_time = "stock"

[[ratios]]
code = "ty_le"
vi = "Tỷ lệ"
numerator = "nha"
denominator = "nha"

[[rules]]
code = "nha_co_tri_gia"
left = "nha"
op = "compulsory_pair"
right = "tri_gia"
vi = "Có nhà thì có trị giá"
"""


# A second category, then the first figure split by it (a case below adds the split).
_GIOI = """\
[[categories]]
code = "gioi"
vi = "Giới"
  [[categories.values]]
  code = "nu"
  vi = "Nữ"

[[figures]]
code = "nha"
"""


def _write(tmp_path: Path, text: str, name: str = "mau.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, written: str, after: str = "") -> int:
    """The line number of `written` (the first after the line `after`) in `text`."""
    lines = text.splitlines()
    start = lines.index(after) + 1 if after else 0
    return lines.index(written, start) + 1


def test_a_good_template_is_a_kind(tmp_path):
    template = read_template(_write(tmp_path, GOOD))
    assert template.problems == []
    kind = template.kind
    assert (kind.name, kind.version, kind.labels("en")) == ("hoat_dong", "2", "Kết quả hoạt động")
    assert kind.figure_codes == ("nha", "tri_gia", "so_ho")
    assert kind.figure("nha").labels("en") == "Houses"
    assert kind.figure("tri_gia").labels("en") == "Trị giá nhà"  # English left out: the Vietnamese
    assert kind.figure("so_ho").over_units == "once_per_lowest_unit"
    assert kind.category("organization").value("nong_dan").headers == ("Hội Nông dân", "HND")
    assert kind.rules[0].message("vi") == "Có nhà thì có trị giá"


def test_the_example_holds_together_and_declares_each_part():
    kind = load_template(Path(__file__).parents[1] / "src/danvan_cli/kinds/example.toml")
    assert example_text().startswith("# Mẫu báo cáo của danvan")
    assert kind.name == "hoat_dong_doan_the"
    assert {f.over_time for f in kind.figures} == {"flow", "stock"}
    assert {f.over_units for f in kind.figures} == {"sum", "once_per_lowest_unit"}
    assert {f.unit for f in kind.figures} == {"count", "dong"}
    assert [r.code for r in kind.ratios] == ["ty_le_ho_co_hoi_vien"]
    assert {r.op for r in kind.rules} == {"<=", "compulsory_pair"}
    assert {r.severity for r in kind.rules} == {"error", "warning"}


def test_a_version_written_as_a_number_is_text(tmp_path):
    kind = load_template(_write(tmp_path, GOOD.replace('version = "2"', "version = 2")))
    assert kind.version == "2"


# Each case: what replaces what in GOOD, the line it is on (the new text, after a line),
# the problem's code and some of its values.
MISTAKES = [
    pytest.param(
        ('op = "compulsory_pair"', 'op = "=<"'),
        ('op = "=<"', ""),
        "template_bad_choice",
        {"key": "op", "value": '"=<"'},
        id="operator",
    ),
    pytest.param(
        ('unit = "dong"', 'unit = "VND"'),
        ('unit = "VND"', ""),
        "template_bad_choice",
        {"choices": "count, dong, ty_dong"},
        id="unit",
    ),
    pytest.param(
        ('right = "tri_gia"', 'right = "tri_gia"\nimportance = "cao"'),
        ('importance = "cao"', ""),
        "template_bad_choice",
        {"choices": "high, medium, low"},
        id="importance",
    ),
    pytest.param(
        ('right = "tri_gia"', 'right = "tri_gia"\nmissing = "skip"'),
        ('missing = "skip"', ""),
        "template_bad_choice",
        {"choices": "skip_if_any, skip_if_all, never"},
        id="missing",
    ),
    pytest.param(
        ('right = "tri_gia"', 'right = "tri_gia"\nscope = "village"'),
        ('scope = "village"', ""),
        "template_bad_choice",
        {"choices": "row, unit, subtotal"},
        id="scope",
    ),
    pytest.param(
        ('version = "2"', 'version = "2"\nlevels = ["province", "tinh"]'),
        ('levels = ["province", "tinh"]', ""),
        "template_bad_choice",
        {"value": '"tinh"', "choices": "province, district, commune, village"},
        id="level",
    ),
    pytest.param(
        ("[[ratios]]", "[[ratio]]"),
        ("[[ratio]]", ""),
        "template_misspelt_key",
        {"key": "ratio", "closest": "ratios"},
        id="table-typo",
    ),
    pytest.param(
        ('over_units = "once_per_lowest_unit"', 'over_units = "once"'),
        ('over_units = "once"', ""),
        "template_bad_choice",
        {"choices": "sum, once_per_lowest_unit"},
        id="over-units",
    ),
    pytest.param(
        ('over_time = "stock"', 'over_time = ["flow", "stock"]'),
        ('over_time = ["flow", "stock"]', ""),
        "template_bad_over_time",
        {"value": '["flow", "stock"]'},
        id="flow-and-stock",
    ),
    pytest.param(
        ('denominator = "nha"', 'denominator = "nha"\nover_time = "stock"'),
        ('over_time = "stock"', "[[ratios]]"),
        "template_ratio_carried",
        {"key": "over_time"},
        id="ratio-carried-over-time",
    ),
    pytest.param(
        ('denominator = "nha"', 'denominator = "nha"\nover_units = "sum"'),
        ('over_units = "sum"', "[[ratios]]"),
        "template_ratio_carried",
        {"key": "over_units"},
        id="ratio-carried-over-units",
    ),
    pytest.param(
        ('over_time = "stock"', ""),
        ("[[figures]]", 'unit = "dong"'),
        "template_missing_key",
        {"key": "over_time"},
        id="missing-key-at-its-table",
    ),
    pytest.param(
        ('vi = "Có nhà thì có trị giá"', ""),
        ("[[rules]]", ""),
        "template_missing_key",
        {"key": "vi"},
        id="missing-message",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', 'header = ["Số nhà"]'),
        ('header = ["Số nhà"]', ""),
        "template_misspelt_key",
        {"key": "header", "closest": "headers"},
        id="typo",
    ),
    pytest.param(
        ('over_time = "stock"', 'over_tiem = "stock"'),
        ('over_tiem = "stock"', ""),
        "template_misspelt_key",
        {"key": "over_tiem", "closest": "over_time"},
        id="misspelt-not-also-missing",
    ),
    pytest.param(
        ('version = "2"', 'version = "2"\nmau_so = 3'),
        ("mau_so = 3", ""),
        "template_unknown_key",
        {"key": "mau_so"},
        id="unknown-key",
    ),
    pytest.param(
        ('right = "tri_gia"', 'right = "tri_gia + hoc_bong"'),
        ('right = "tri_gia + hoc_bong"', ""),
        "template_unknown_figure",
        {"key": "right", "name": "hoc_bong", "known": "nha, tri_gia, so_ho"},
        id="rule-names-unknown-figure",
    ),
    pytest.param(
        (
            'left = "nha"\nop = "compulsory_pair"\nright = "tri_gia"',
            'left = "1"\nop = "<="\nright = "2"',
        ),
        ('left = "1"', ""),
        "template_rule_without_figure",
        {},
        id="rule-names-no-figure",
    ),
    pytest.param(
        ('numerator = "nha"', 'numerator = "nha_moi"'),
        ('numerator = "nha_moi"', ""),
        "template_unknown_figure",
        {"key": "numerator", "name": "nha_moi"},
        id="ratio-names-unknown-figure",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', 'headers = ["Số nhà"]\nsplit_by = ["doan_the"]'),
        ('split_by = ["doan_the"]', ""),
        "template_unknown_category",
        {"name": "doan_the", "known": "organization"},
        id="split-by-unknown-code",
    ),
    pytest.param(
        ('[[figures]]\ncode = "nha"\n', _GIOI + 'split_by = ["organization", "gioi"]\n'),
        ('split_by = ["organization", "gioi"]', ""),
        "template_split_twice",
        {"name": "gioi", "first": "organization"},
        id="split-by-two-categories",
    ),
    pytest.param(
        ('code = "so_ho"', 'code = "nha"'),
        ('code = "nha"', 'code = "tri_gia"'),
        "template_code_twice",
        {"code": "nha", "other_line": 16},
        id="code-twice",
    ),
    pytest.param(
        ('code = "so_ho"', 'code = "Số hộ"'),
        ('code = "Số hộ"', ""),
        "template_code_not_identifier",
        {"code": "Số hộ"},
        id="code-not-identifier",
    ),
    pytest.param(
        ('headers = ["Tổng số hộ"]', 'headers = ["số nhà "]'),
        ('headers = ["số nhà "]', ""),
        "template_wording_twice",
        {"phrase": "số nhà ", "name": "nha", "other_line": 19},
        id="wording-twice",
    ),
    pytest.param(
        ('left = "nha"', 'left = "nha * 2"'),
        ('left = "nha * 2"', ""),
        "template_bad_side",
        {"key": "left"},
        id="rule-side",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', 'headers = "Số nhà"'),
        ('headers = "Số nhà"', ""),
        "template_wrong_type",
        {"key": "headers", "wanted_en": 'a list in [ ], e.g. ["Houses"]'},
        id="wrong-type",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', 'headers = ["Số nhà"]\npatterns = ["(nhà"]'),
        ('patterns = ["(nhà"]', ""),
        "template_bad_pattern",
        {"key": "patterns"},
        id="pattern",
    ),
    pytest.param(
        ('en = "Houses"', 'en = "Houses"\nen = "Homes"'),
        ('en = "Homes"', ""),
        "template_key_twice",
        {},
        id="key-twice",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', "headers = []"),
        ("headers = []", ""),
        "template_figure_unnamed",
        {"code": "nha"},
        id="figure-without-headers",
    ),
    pytest.param(
        ('headers = ["Số nhà"]', 'headers = [" "]'),
        ('headers = [" "]', ""),
        "template_figure_unnamed",
        {"code": "nha"},
        id="figure-with-a-blank-header",
    ),
    pytest.param(
        ('headers = ["Số nhà"]\n', ""),
        ("[[figures]]", ""),
        "template_figure_unnamed",
        {"code": "nha"},
        id="figure-without-a-headers-key",
    ),
    pytest.param(
        ('version = "2"', 'version = "2"\nlevels = []'),
        ("levels = []", ""),
        "template_empty",
        {"key": "levels"},
        id="levels-empty",
    ),
    pytest.param(
        ('version = "2"', 'version = "2"\nlevels = ["village", "commune"]'),
        ('levels = ["village", "commune"]', ""),
        "template_levels_order",
        {"order": "commune, village"},
        id="levels-out-of-order",
    ),
    pytest.param(
        ('version = "2"', 'version = "2"\nlevels = ["commune", "village", "commune"]'),
        ('levels = ["commune", "village", "commune"]', ""),
        "template_levels_order",
        {"order": "commune, village"},
        id="a-level-twice",
    ),
    pytest.param(
        ('unit = "dong"', 'unit = "dong"\nminimum = 1e400'),
        ("minimum = 1e400", ""),
        "template_not_finite",
        {"key": "minimum"},
        id="minimum-infinite",
    ),
    pytest.param(
        ('vi = "Trị giá nhà"', "vi = Trị giá nhà"),
        ("vi = Trị giá nhà", ""),
        "template_syntax",
        {"at": 6},
        id="syntax",
    ),
]


@pytest.mark.parametrize(
    ("written", "key"),
    [("[outputs]\ntraced = false", "outputs"), ('reading = "membership"', "reading")],
)
def test_a_template_cannot_declare_the_shipped_kinds_own_keys(tmp_path, written, key):
    """`outputs` is the shipped kinds' JSON and CSV contract (a template's outputs always
    carry its name and version) and `reading` their own readers (a template's tables are
    read as it declares): keys a template does not have."""
    text = GOOD.replace("[[categories]]", f"{written}\n\n[[categories]]", 1)
    template = read_template(_write(tmp_path, text))
    assert template.kind is None
    (problem,) = template.problems
    at = _line(text, written.splitlines()[0])
    assert (problem.code, problem.row) == ("template_unknown_key", at)
    assert problem.params["key"] == key
    assert key not in problem.params["known"].split(", ")


@pytest.mark.parametrize(("change", "at", "code", "params"), MISTAKES)
def test_each_mistake_is_told_at_its_line(tmp_path, change, at, code, params):
    text = GOOD.replace(*change, 1)
    assert text != GOOD
    template = read_template(_write(tmp_path, text))
    assert template.kind is None and not template.unreadable
    (problem,) = template.problems
    assert (problem.severity, problem.code, problem.row) == ("error", code, _line(text, *at))
    assert {k: problem.params.get(k) for k in params} == params
    for lang in ("vi", "en"):
        assert problem.message(lang) and "{" not in problem.message(lang).replace("{…}", "")


def test_figures_split_by_different_categories_are_refused(tmp_path):
    text = GOOD.replace('en = "Houses"', 'en = "Houses"\nsplit_by = ["organization"]')
    text = text.replace('unit = "dong"', 'unit = "dong"\nsplit_by = ["gioi"]')
    text += _GIOI.split("[[figures]]")[0]
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row) == (
        "template_split_twice",
        _line(text, 'split_by = ["gioi"]'),
    )
    assert problem.params["first"] == "organization"


def test_a_template_without_figures_is_told_so(tmp_path):
    (problem,) = read_template(_write(tmp_path, 'name = "x"\nvi = "X"\n')).problems
    assert (problem.code, problem.row) == ("template_missing_tables", None)
    assert problem.message("vi") == "Chưa khai báo bảng [[figures]] nào."


def test_the_table_at_fault_is_named(tmp_path):
    text = GOOD.replace('unit = "dong"', 'unit = "VND"')
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert problem.column == "[[figures]] tri_gia"
    assert problem.message("vi") == '«unit» = "VND" không phải một giá trị dùng được.'
    assert problem.message("en") == "'unit' = \"VND\" is not one of its values."


def test_every_mistake_of_a_kind_is_told_at_once(tmp_path):
    text = GOOD.replace('numerator = "nha"', 'numerator = "nha_moi"').replace(
        'right = "tri_gia"', 'right = "tri_gia_nha"'
    )
    problems = read_template(_write(tmp_path, text)).problems
    assert [(p.code, p.row) for p in problems] == [
        ("template_unknown_figure", _line(text, 'numerator = "nha_moi"')),
        ("template_unknown_figure", _line(text, 'right = "tri_gia_nha"')),
    ]


def test_a_percent_ratio_of_a_flow_over_a_stock_is_a_warning(tmp_path):
    text = GOOD.replace('denominator = "nha"', 'denominator = "so_ho"')
    template = read_template(_write(tmp_path, text))
    assert template.kind is not None
    (problem,) = template.problems
    assert (problem.severity, problem.code, problem.row) == (
        "warning",
        "template_ratio_mixed",
        _line(text, "[[ratios]]"),
    )
    assert "«nha» (flow)" in problem.message("vi") and "«so_ho» (stock)" in problem.message("vi")
    not_percent = text.replace('denominator = "so_ho"', 'denominator = "so_ho"\npercent = false')
    assert read_template(_write(tmp_path, not_percent)).problems == []


def test_load_template_raises_with_the_problems(tmp_path):
    with pytest.raises(TemplateError) as caught:
        load_template(_write(tmp_path, GOOD.replace('op = "compulsory_pair"', 'op = "=<"')))
    assert [p.code for p in caught.value.template.problems] == ["template_bad_choice"]


def test_a_file_that_cannot_be_read(tmp_path):
    missing = read_template(tmp_path / "khong_co.toml")
    assert missing.unreadable and [p.code for p in missing.problems] == ["template_not_found"]
    legacy = tmp_path / "cu.toml"
    legacy.write_bytes(GOOD.encode("cp1258", errors="replace"))
    assert [p.code for p in read_template(legacy).problems] == ["template_not_utf8"]
    folder = read_template(tmp_path)
    assert folder.unreadable and [p.code for p in folder.problems] == ["template_unreadable"]
    assert folder.problems[0].message("vi").startswith("Không đọc được tệp mẫu: ")


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert read_template(path).problems == []


def test_key_lines_follow_tables_arrays_and_values_over_lines():
    text = textwrap.dedent(
        """\
        # [[figures]] in a comment is no table
        name = "x"  # [not a table]
        note = '''
        a = 1
        [[figures]]
        '''
        [[categories]]
        code = "a"
          [[categories.values]]
          code = "v0"
          [[categories.values]]
          labels.vi = "V1"
        [[categories]]
        headers = [
          "a = b",
          "[x]",
        ]
          [[categories.values]]
          code = "w0"
        [[figures]]
        code = "f" # ]
        labels = { vi = "F", en = "F" }
        """
    )
    lines = key_lines(text)
    assert lines[("name",)] == 2
    assert lines[("note",)] == 3
    assert ("a",) not in lines
    assert lines[("categories", 0)] == 7
    assert lines[("categories", 0, "values", 1)] == 11
    assert lines[("categories", 0, "values", 1, "labels", "vi")] == 12
    assert lines[("categories", 1, "headers")] == 14
    assert lines[("categories", 1, "values", 0, "code")] == 19
    assert lines[("figures", 0)] == 20
    assert lines[("figures", 0, "labels")] == 22
    assert ("x",) not in lines and ("figures", 1) not in lines


def test_the_example_is_shipped_with_danvan():
    import fnmatch

    from danvan_cli.kinds.template import tomllib  # tomli on Python 3.10

    root = Path(__file__).parents[1]
    settings = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["danvan_cli.kinds"]
    assert any(fnmatch.fnmatch("example.toml", pattern) for pattern in patterns)


def test_a_key_written_twice_is_named_with_its_first_line(tmp_path):
    text = GOOD.replace('en = "Houses"', 'en = "Houses"\nen = "Homes"')
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row) == ("template_key_twice", _line(text, 'en = "Homes"'))
    first = _line(text, 'en = "Houses"')
    assert problem.message("vi") == (
        f"Khóa «en» viết hai lần trong cùng một bảng (lần trước ở dòng {first})."
    )
    assert "over_time" not in problem.expected("vi")


def test_a_single_figures_table_among_a_list_of_them_is_told_at_its_line(tmp_path):
    text = GOOD.replace("[[figures]]", "[figures]", 1)
    (problem,) = read_template(_write(tmp_path, text)).problems
    listed = _line(text, "[[figures]]")
    assert (problem.code, problem.row) == ("template_table_not_array", _line(text, "[figures]"))
    assert problem.message("vi") == (
        f"Dòng này mở «[figures]» (một bảng duy nhất), nhưng dòng {listed} mở «[[figures]]» "
        "(một bảng trong danh sách)."
    )
    assert problem.expected("vi") == "hai dấu ngoặc [[figures]] ở đầu mỗi bảng figures"


def test_a_table_written_twice_is_named(tmp_path):
    text = 'name = "x"\n[a]\nb = 1\n[a]\nc = 2\n'
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row, problem.params["other_line"]) == (
        "template_table_twice",
        4,
        2,
    )


@pytest.mark.parametrize(
    "written, opened",
    [
        ('headers = ["Số nhà"', 'headers = ["Số nhà"'),  # tomllib says the next line
        ('headers = [\n  "Số nhà",\n  "Nhà"', "headers = ["),  # over lines: where it opens
    ],
)
def test_a_bracket_left_open_is_told_at_the_line_it_opens(tmp_path, written, opened):
    text = GOOD.replace('headers = ["Số nhà"]', written)
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row) == ("template_unclosed", _line(text, opened))
    assert problem.message("vi") == "Dấu «[» mở ở dòng này chưa được đóng."


def test_a_bad_pattern_is_named_in_the_users_language(tmp_path):
    text = GOOD.replace('headers = ["Số nhà"]', 'headers = ["Số nhà"]\npatterns = ["(["]')
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row) == ("template_bad_pattern", _line(text, 'patterns = ["(["]'))
    assert problem.message("vi") == (
        "Biểu thức chính quy «([» trong «patterns» viết sai ở ký tự thứ 2: dấu [ chưa được đóng."
    )
    assert problem.message("en") == (
        "The regular expression '([' in 'patterns' is wrong at character 2: a [ never closed."
    )


def test_levels_out_of_order_are_told_with_the_order_wanted(tmp_path):
    text = GOOD.replace('version = "2"', 'version = "2"\nlevels = ["village", "commune"]')
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert problem.message("vi") == "«levels» phải đi từ cấp lớn đến cấp nhỏ, mỗi cấp một lần."
    assert problem.expected("vi") == "levels theo thứ tự: commune, village"


@pytest.mark.parametrize("name", ["bao_cao.xlsx", "bao_cao.csv", "bao_cao_doi_ten.toml"])
def test_a_spreadsheet_given_as_a_template_is_told_so(tmp_path, name):
    workbook = Workbook()
    workbook.active.append(["STT", "Tên ấp", "Số hội viên"])
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("STT,Tên ấp,Số hội viên\n1,Ấp 1,5\n", encoding="utf-8")
    else:
        workbook.save(path)  # a workbook, whatever its name
    template = read_template(path)
    assert template.unreadable and [p.code for p in template.problems] == [
        "template_is_spreadsheet"
    ]
    assert template.problems[0].message("vi") == (
        "Tệp này là một bảng tính, không phải tệp mẫu báo cáo (.toml)."
    )


def test_a_template_notepad_saved_as_txt_is_read_as_a_template(tmp_path):
    """Notepad adds ".txt" to "mau.toml" unless told otherwise; danvan reads a .txt of
    tables when named, but a template so named is still a template."""
    template = read_template(_write(tmp_path, GOOD, name="mau.toml.txt"))
    assert template.problems == [] and template.kind is not None
    assert template.kind.name == "hoat_dong"


def test_a_split_by_in_a_template_without_categories_says_none_are_declared(tmp_path):
    start, end = GOOD.index("[[categories]]"), GOOD.index("[[figures]]")
    text = GOOD[:start] + GOOD[end:]
    text = text.replace('headers = ["Số nhà"]', 'headers = ["Số nhà"]\nsplit_by = ["doan_the"]')
    (problem,) = read_template(_write(tmp_path, text)).problems
    assert (problem.code, problem.row) == (
        "template_no_categories",
        _line(text, 'split_by = ["doan_the"]'),
    )
    assert problem.message("vi") == (
        "«split_by» nhắc tới phân loại «doan_the» nhưng mẫu chưa khai báo [[categories]] nào."
    )
    assert (
        problem.expected("vi")
        == 'một bảng [[categories]] có code = "doan_the", hoặc bỏ dòng split_by'
    )


def test_the_example_mentions_every_key_a_template_may_write():
    from danvan_cli.model import declaration

    models = [
        declaration.ReportKind,
        declaration.Category,
        declaration.CategoryValue,
        declaration.Figure,
        declaration.Ratio,
        declaration.Rule,
    ]
    keys = {key for model in models for key in model.model_fields} | {"vi", "en"}
    # labels and message are written vi/en; problem (a code model.messages words) and
    # outputs and reading are the shipped kinds' (a template cannot write them)
    keys -= {"labels", "message", "problem", "outputs", "reading"}
    text = example_text()
    assert sorted(k for k in keys if not re.search(rf"(?<!\w){k}(?!\w)", text)) == []
