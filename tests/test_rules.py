"""engine.rules: a kind's declared rules on whole columns, located as every problem is."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan_cli.engine import pipeline
from danvan_cli.engine.rules import check_rules, evaluate
from danvan_cli.model.declaration import ReportKind, Rule, terms
from tests.generic_kind import ACTIVITIES, TAN_AN_ROWS, TAN_AN_TOTAL, commune_report

FILE, SHEET = "xa_tan_an.xlsx", "Số liệu"


def _figure(code: str, vi: str, en: str, **more) -> dict:
    return {"code": code, "labels": {"vi": vi, "en": en}, "over_time": "flow", **more}


# A Hội Nông dân form declared in data: members at the start and end of the period, new and
# lost members, female members, houses built and their value (tỷ đồng), households.
FIGURES = [
    _figure("members_start", "Hội viên đầu kỳ", "Members at start", over_time="stock"),
    _figure("members_new", "Kết nạp mới", "New members"),
    _figure("members_lost", "Giảm", "Members lost"),
    _figure("members", "Hội viên cuối kỳ", "Members", over_time="stock"),
    _figure("female", "Hội viên nữ", "Female members", over_time="stock"),
    _figure("houses", "Nhà đại đoàn kết", "Houses built"),
    _figure("houses_value", "Trị giá nhà", "Houses' value", unit="ty_dong"),
    _figure(
        "households", "Tổng số hộ", "Households", over_units="once_per_lowest_unit", minimum=None
    ),
]
HEADERS = {
    "members_start": "Đầu kỳ",
    "members_new": "Kết nạp",
    "members_lost": "Giảm",
    "members": "Cuối kỳ",
    "female": "Nữ",
    "houses": "Số nhà",
    "houses_value": "Trị giá (tỷ đồng)",
    "households": "Tổng số hộ",
}
MESSAGE = {"vi": "Số hội viên cuối kỳ phải khớp", "en": "End members must add up"}


@dataclass
class Mapping:
    """A table's headers as written (what headers.HeaderMapping gives the engine)."""

    written: dict[str, str] = field(default_factory=lambda: dict(HEADERS))

    @property
    def fields(self) -> list[str]:
        return list(self.written)

    def header_of(self, code: str, group: object = None) -> str:
        return self.written.get(code, code)


@dataclass
class Table:
    file: str = FILE
    sheet: str = SHEET
    mapping: Mapping = field(default_factory=Mapping)


def kind(*rules: dict, figures: list[dict] = FIGURES) -> ReportKind:
    return ReportKind.model_validate(
        {
            "name": "hoi_nong_dan",
            "labels": {"vi": "Hội Nông dân", "en": "Farmers' Union"},
            "figures": figures,
            "rules": [{"code": "rule", "message": MESSAGE, **r} for r in rules],
        }
    )


def records(*rows: dict, first_row: int = 8) -> pd.DataFrame:
    """Records of one table from Excel row `first_row` on; None is a figure not given."""
    frame = pd.DataFrame(
        [{"commune": "Xã Tân An", "village": f"Ấp {n + 1}", **row} for n, row in enumerate(rows)]
    )
    frame["_table"] = 0
    frame["_row"] = range(first_row, first_row + len(frame))
    for code in HEADERS:
        if code in frame:
            frame[code] = frame[code].astype("float64")
    return frame


def run(report_kind: ReportKind, frame: pd.DataFrame, subtotals: pd.DataFrame | None = None):
    figures = {f.code: f for f in report_kind.figures}
    return check_rules(
        frame, report_kind.rules, [Table()], figures, ("commune", "village"), subtotals
    )


def broken(rule: dict, *rows: dict) -> list[tuple]:
    """(Excel row, column, left sum, right sum) of each problem of `rule` on `rows`."""
    found = run(kind(rule), records(*rows))
    for problem in found.problems:
        assert (problem.file, problem.sheet, problem.code) == (FILE, SHEET, "rule")
    return [(p.row, p.column, p.params["left"], p.params["right"]) for p in found.problems]


BALANCE = {"left": "members", "op": "==", "right": "members_start + members_new - members_lost"}


def test_equal_sides_pass_and_a_difference_is_named_with_both_sums() -> None:
    rows = (
        {"members": 120, "members_start": 110, "members_new": 15, "members_lost": 5},
        {"members": 130, "members_start": 110, "members_new": 15, "members_lost": 5},
    )
    assert broken(BALANCE, *rows) == [(9, "Cuối kỳ", 130, 120)]


@pytest.mark.parametrize(
    ("op", "right", "expected"),
    [
        ("!=", "members_lost", [(8, "Kết nạp", 5, 5)]),
        ("<", "members_lost", [(8, "Kết nạp", 5, 5), (10, "Kết nạp", 7, 5)]),
        ("<=", "members_lost", [(10, "Kết nạp", 7, 5)]),
        (">", "members_lost", [(8, "Kết nạp", 5, 5), (9, "Kết nạp", 3, 5)]),
        (">=", "members_lost", [(9, "Kết nạp", 3, 5)]),
        ("==", "members_lost + 2", [(8, "Kết nạp", 5, 7), (9, "Kết nạp", 3, 7)]),
    ],
)
def test_each_comparison(op: str, right: str, expected: list) -> None:
    rows = (
        {"members_new": 5, "members_lost": 5},
        {"members_new": 3, "members_lost": 5},
        {"members_new": 7, "members_lost": 5},
    )
    assert broken({"left": "members_new", "op": op, "right": right}, *rows) == expected


def test_tỷ_đồng_with_decimals_add_up_exactly_as_written() -> None:
    rule = {"left": "houses_value", "op": "==", "right": "0.1 + 0.2"}
    assert broken(rule, {"houses_value": 0.3}, {"houses_value": 0.31}) == [
        (9, "Trị giá (tỷ đồng)", 0.31, 0.3)
    ]


def test_compulsory_pair_both_given_or_neither() -> None:
    rule = {"left": "houses", "op": "compulsory_pair", "right": "houses_value"}
    rows = (
        {"houses": 3, "houses_value": 0.15},
        {"houses": 2, "houses_value": None},
        {"houses": None, "houses_value": 0.4},
        {"houses": None, "houses_value": None},
    )
    assert broken(rule, *rows) == [
        (9, "Số nhà", 2, {"vi": "trống", "en": "blank"}),
        (10, "Số nhà", {"vi": "trống", "en": "blank"}, 0.4),
    ]


def test_exclusive_pair_never_both() -> None:
    rule = {"left": "members_new", "op": "exclusive_pair", "right": "members_lost"}
    rows = (
        {"members_new": 4, "members_lost": None},
        {"members_new": 4, "members_lost": 0},
        {"members_new": None, "members_lost": 1},
    )
    assert broken(rule, *rows) == [(9, "Kết nạp", 4, 0)]


def test_needs_the_right_side_above_0_where_the_left_is() -> None:
    rule = {"left": "houses", "op": "needs", "right": "houses_value", "importance": "low"}
    rows = ({"houses": 2, "houses_value": 0}, {"houses": 0, "houses_value": 0})
    found = run(kind(rule), records(*rows))
    assert [(p.severity, p.row, p.value, p.params["right"]) for p in found.problems] == [
        ("warning", 8, 2, 0)
    ]
    assert not found.invalid.any()  # a warning marks no record


# One record per case: the end members 120 not given, or the new members not given.
END_BLANK = {"members": None, "members_start": 110, "members_new": 15, "members_lost": 5}
NEW_BLANK = {"members": 120, "members_start": 110, "members_new": None, "members_lost": 5}
ALL_BLANK = {"members": None, "members_start": None, "members_new": None, "members_lost": None}


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ("skip_if_any", []),
        # missing figures count as 0: 0 against 120, 120 against 105; all blank is skipped
        (
            "skip_if_all",
            [(8, "Cuối kỳ", {"vi": "trống", "en": "blank"}, 120), (9, "Cuối kỳ", 120, 105)],
        ),
        # and then 0 = 0 holds where all are blank
        ("never", [(8, "Cuối kỳ", {"vi": "trống", "en": "blank"}, 120), (9, "Cuối kỳ", 120, 105)]),
    ],
)
def test_each_missing_value_strategy(missing: str, expected: list) -> None:
    rule = {**BALANCE, "missing": missing}
    assert broken(rule, END_BLANK, NEW_BLANK, ALL_BLANK) == expected


def test_never_skip_breaks_a_rule_on_records_giving_nothing() -> None:
    rule = {"left": "members", "op": ">=", "right": "1", "missing": "never"}
    assert broken(rule, {"members": None}, {"members": 3}) == [
        (8, "Cuối kỳ", {"vi": "trống", "en": "blank"}, 1)
    ]
    assert broken({**rule, "missing": "skip_if_all"}, {"members": None}, {"members": 3}) == []


def test_a_figure_no_table_gives_is_missing_or_left_out() -> None:
    rows = ({"members": 10, "female": 6, "members_new": 5},)
    rule = {"left": "female + members_new + members_lost", "op": "<=", "right": "members"}
    assert broken(rule, *rows) == []  # members_lost missing: skipped
    assert broken({**rule, "absent": "left_out"}, *rows) == [(8, "Nữ", 11, 10)]
    assert broken({**rule, "missing": "never"}, *rows) == [(8, "Nữ", 11, 10)]
    # a side with no figure left is not checked at all
    assert broken({**rule, "right": "households", "absent": "left_out"}, *rows) == []


def test_left_out_goes_by_each_records_table() -> None:
    """Table 0 gives members_lost, table 1 does not: its records sum the other two."""
    rule = {"left": "female + members_new + members_lost", "op": "<=", "right": "members"}
    frame = records(
        {"members": 10, "female": 6, "members_new": 5, "members_lost": None},
        {"members": 10, "female": 6, "members_new": 5, "members_lost": None},
    )
    frame["_table"] = [0, 1]
    lacking = Mapping({c: h for c, h in HEADERS.items() if c != "members_lost"})
    report_kind = kind({**rule, "absent": "left_out"})
    found = check_rules(frame, report_kind.rules, [Table(), Table(mapping=lacking)])
    assert [(p.row, p.params["left"], p.params["right"]) for p in found.problems] == [(9, 11, 10)]


def test_the_problem_names_the_declared_message_both_sides_and_what_was_expected() -> None:
    rows = ({"members": 130, "members_start": 110, "members_new": 15, "members_lost": 5},)
    (problem,) = run(kind(BALANCE), records(*rows)).problems
    assert (problem.severity, problem.value) == ("error", 130)
    assert problem.message("vi") == (
        "Vi phạm quy tắc «Số hội viên cuối kỳ phải khớp»: «Cuối kỳ» = 130, "
        "«Đầu kỳ» + «Kết nạp» - «Giảm» = 120."
    )
    assert problem.expected("vi") == "«Cuối kỳ» = «Đầu kỳ» + «Kết nạp» - «Giảm»"
    assert problem.message("en") == (
        "Rule 'End members must add up' broken: 'Cuối kỳ' = 130, "
        "'Đầu kỳ' + 'Kết nạp' - 'Giảm' = 120."
    )
    assert problem.to_dict("en")["expected"] == "'Cuối kỳ' = 'Đầu kỳ' + 'Kết nạp' - 'Giảm'"


def test_a_figure_its_table_lacks_is_named_by_its_label_and_decimals_with_a_comma() -> None:
    rule = {"left": "houses_value", "op": "<=", "right": "2.5", "missing": "never"}
    table = Table(mapping=Mapping({"houses": "Số nhà"}))
    report_kind = kind(rule)
    figures = {f.code: f for f in report_kind.figures}
    frame = records({"houses": 1, "houses_value": 3.25})
    (problem,) = check_rules(frame, report_kind.rules, [table], figures).problems
    assert problem.message("vi") == (
        "Vi phạm quy tắc «Số hội viên cuối kỳ phải khớp»: «Trị giá nhà» = 3,25, 2,5."
    )
    assert problem.expected("en") == "'Houses' value' ≤ 2.5"
    assert problem.message("en") == (
        "Rule 'End members must add up' broken: 'Houses' value' = 3.25, 2.5."
    )
    assert problem.column == "houses_value"


def test_pairs_and_needs_say_what_they_ask() -> None:
    rows = ({"houses": 2, "houses_value": None},)
    (pair,) = run(
        kind({"left": "houses", "op": "compulsory_pair", "right": "houses_value"}), records(*rows)
    ).problems
    assert pair.message("vi") == (
        "Vi phạm quy tắc «Số hội viên cuối kỳ phải khớp»: «Số nhà» = 2, "
        "«Trị giá (tỷ đồng)» = trống."
    )
    assert (
        pair.expected("vi") == "«Số nhà» và «Trị giá (tỷ đồng)» cùng có số liệu hoặc cùng để trống"
    )
    rows = ({"houses": 2, "houses_value": 0},)
    (needs,) = run(
        kind({"left": "houses", "op": "needs", "right": "houses_value"}), records(*rows)
    ).problems
    assert needs.expected("en") == "'Trị giá (tỷ đồng)' > 0 where 'Số nhà' > 0"


def test_a_rule_may_be_reported_with_a_problem_code_messages_py_words() -> None:
    rule = {"left": "female", "op": "<=", "right": "members", "problem": "exceeds"}
    (problem,) = run(kind(rule), records({"female": 70, "members": 65})).problems
    assert (problem.code, problem.row, problem.column, problem.value) == ("exceeds", 8, "Nữ", 70)
    assert problem.message("vi") == "«Nữ» (70) lớn hơn «Cuối kỳ» (65)."


def test_a_problem_code_messages_py_does_not_word_is_refused() -> None:
    with pytest.raises(ValueError, match="no problem 'too_many' is worded"):
        Rule(code="r", left="a", op="<=", right="b", message=MESSAGE, problem="too_many")


def test_an_error_marks_its_record_invalid() -> None:
    rows = (
        {"members": 120, "members_start": 110, "members_new": 15, "members_lost": 5},
        {"members": 130, "members_start": 110, "members_new": 15, "members_lost": 5},
    )
    assert run(kind(BALANCE), records(*rows)).invalid.tolist() == [False, True]


# Scopes


def unit_records() -> pd.DataFrame:
    """Ấp 1 given on two rows (one per organisation), Ấp 2 on one."""
    frame = records(
        {"organization": "nong_dan", "female": 40, "members": 60, "houses": 60, "households": 100},
        {"organization": "phu_nu", "female": 50, "members": None, "houses": 50, "households": 100},
        {"organization": "nong_dan", "female": 30, "members": 35, "houses": 20, "households": 80},
    )
    frame.loc[1, "village"] = "Ấp 1"
    frame.loc[2, "village"] = "Ấp 2"
    return frame


def test_a_unit_rule_compares_each_villages_sums_once_per_village_figures_once() -> None:
    """Ấp 1: houses 60 + 50 = 110 of its 100 households (given on both rows, taken once)."""
    rule = {"left": "houses", "op": "<=", "right": "households", "scope": "unit"}
    found = run(kind(rule), unit_records())
    assert [(p.row, p.column, p.params["left"], p.params["right"]) for p in found.problems] == [
        (8, "Số nhà", 110, 100)
    ]
    assert found.problems[0].message("vi") == (
        "Vi phạm quy tắc «Số hội viên cuối kỳ phải khớp» (tổng của Xã Tân An / Ấp 1): "
        "«Số nhà» = 110, «Tổng số hộ» = 100."
    )
    assert found.invalid.tolist() == [True, True, False]  # the village's records


def test_a_unit_rule_is_not_broken_by_a_row_alone() -> None:
    """Row 9 gives 50 female members and no members: the row rule skips it (the members not
    given), the unit rule sees Ấp 1's 90 female of its 60 members."""
    rule = {"left": "female", "op": "<=", "right": "members"}
    assert run(kind(rule), unit_records()).problems == []
    found = run(kind({**rule, "scope": "unit"}), unit_records())
    assert [(p.row, p.params["left"], p.params["right"]) for p in found.problems] == [(8, 90, 60)]


def test_a_unit_rule_goes_by_the_categories_splitting_its_figures() -> None:
    figures = [
        {**f, "split_by": ["organization"]} if f["code"] in ("female", "members") else f
        for f in FIGURES
    ]
    report_kind = ReportKind.model_validate(
        {
            **kind().model_dump(exclude={"rules", "figures", "categories"}),
            "figures": figures,
            "categories": [
                {
                    "code": "organization",
                    "labels": {"vi": "Đoàn thể", "en": "Organisation"},
                    "values": [
                        {"code": c, "labels": {"vi": c, "en": c}} for c in ("nong_dan", "phu_nu")
                    ],
                }
            ],
            "rules": [
                {"code": "rule", "message": MESSAGE, "left": "female", "op": "<=",
                 "right": "members", "scope": "unit"}
            ],
        }
    )  # fmt: skip
    frame = unit_records()
    frame.loc[2, "female"] = 36
    found = run(report_kind, frame)
    # Ấp 1 by organisation: 40 of 60 (nông dân), 50 of members not given (phụ nữ, skipped)
    assert [(p.row, p.params["left"], p.params["right"]) for p in found.problems] == [(10, 36, 35)]


def test_a_subtotal_rule_checks_the_sheets_own_total_rows() -> None:
    rule = {"left": "female", "op": "<=", "right": "members", "scope": "subtotal"}
    rows = records({"female": 40, "members": 60}, {"female": 30, "members": 35})
    total = records({"female": 70, "members": 65}, first_row=10)
    found = run(kind(rule), rows, total)
    assert [(p.row, p.column, p.params["left"], p.params["right"]) for p in found.problems] == [
        (10, "Nữ", 70, 65)
    ]
    assert not found.invalid.any()  # a subtotal row is no record
    assert run(kind({**rule, "scope": "row"}), rows, total).problems == []


def test_a_declared_kinds_rules_are_checked_on_a_commune_report_as_sent(tmp_path) -> None:
    """Tân An's report (title rows, merged header, STT, villages written once, a "Cộng" row,
    a signature block): data rows 6-9, the "Cộng" row 10."""
    message = {"vi": "Quy tắc", "en": "Rule"}
    rules = [
        {"code": "houses_have_worth", "left": "houses", "op": "needs", "right": "houses_value"},
        # houses split by organisation, households not: each village's sums (Ấp 2's
        # households with members not given: skipped)
        {"code": "houses_per_village", "left": "houses", "op": "<=",
         "right": "households_with_members - 296", "scope": "unit"},
        # members split by organisation: each village's organisation
        {"code": "members_per_group", "left": "members", "op": "<=", "right": "100",
         "scope": "unit", "importance": "low"},
        {"code": "commune_members", "left": "members", "op": "<=", "right": "300",
         "scope": "subtotal"},
    ]  # fmt: skip
    kind = ReportKind.model_validate(
        {**ACTIVITIES, "rules": [{**r, "message": message} for r in rules]}
    )
    rows = [list(r) for r in TAN_AN_ROWS]
    rows[3][3] = 1  # Ấp 2's women: a house, its worth "-"
    total = [7, *TAN_AN_TOTAL[1:]]
    path = commune_report(tmp_path / "tan_an.xlsx", "Tân An", rows, total)
    data = pipeline.check(kind, [str(path)])
    found = [
        (p.code, p.severity, p.row, p.column.split(" › ")[-1], p.params["left"], p.params["right"])
        for p in data.problems
        if p.code in {r["code"] for r in rules}
    ]
    assert found == [
        ("houses_have_worth", "error", 9, "Số nhà đại đoàn kết", 1, 0),
        ("houses_per_village", "error", 6, "Số nhà đại đoàn kết", 5, 4),
        ("members_per_group", "warning", 6, "Số hội viên", 120, 100),
        ("commune_members", "error", 10, "Số hội viên", 350, 300),
    ]
    assert data.records["_invalid"].tolist() == [True, True, False, True]
    problem = next(p for p in data.problems if p.code == "houses_per_village")
    assert problem.message("en") == (
        "Rule 'Rule' broken (sums of Huyện Châu Thành / Xã Tân An / Ấp 1): "
        "'Kết quả hoạt động › Số nhà đại đoàn kết' = 5, 'Số hộ › Số hộ có hội viên' - 296 = 4."
    )


# The engine against a per-row evaluation, on random frames

CODES = ("a", "b", "c")


def _reference(rule: Rule, row: dict[str, float | None], present: set[str]) -> bool:
    """Whether `rule` is broken on one record, term by term, as the rules say in words."""
    sides = []
    for side in (rule.left, rule.right):
        named = [t for _, t in terms(side) if isinstance(t, str)]
        kept = [t for t in named if t in present or rule.absent == "missing"]
        if named and not kept:
            return False
        values = {t: row.get(t) if t in present else None for t in kept}
        total = sum(
            s * (t if not isinstance(t, str) else values[t] or 0)
            for s, t in terms(side)
            if not isinstance(t, str) or t in kept
        )
        given = not named or any(values[t] is not None for t in kept)
        sides.append((total, given, [values[t] is None for t in kept]))
    (left, left_given, left_missing), (right, right_given, right_missing) = sides
    if rule.op == "compulsory_pair":
        return left_given != right_given
    if rule.op == "exclusive_pair":
        return left_given and right_given
    missing = left_missing + right_missing
    if rule.missing == "skip_if_any" and any(missing):
        return False
    if rule.missing == "skip_if_all" and missing and all(missing):
        return False
    if rule.op == "needs":
        return left > 0 and not right > 0
    holds = {
        "==": math.isclose(left, right, abs_tol=1e-9),
        "!=": not math.isclose(left, right, abs_tol=1e-9),
        "<": left < right and not math.isclose(left, right, abs_tol=1e-9),
        "<=": left <= right or math.isclose(left, right, abs_tol=1e-9),
        ">": left > right and not math.isclose(left, right, abs_tol=1e-9),
        ">=": left >= right or math.isclose(left, right, abs_tol=1e-9),
    }[rule.op]
    return not holds


_side = st.lists(
    st.tuples(st.sampled_from(["+", "-"]), st.sampled_from([*CODES, "2", "0.5"])),
    min_size=1,
    max_size=3,
).map(lambda ts: "".join(f" {s} {t}" for s, t in ts).strip().lstrip("+ "))
_rules = st.builds(
    lambda left, op, right, missing, absent: Rule(
        code="r", left=left, op=op, right=right, missing=missing, absent=absent, message=MESSAGE
    ),
    _side,
    st.sampled_from(
        ["==", "!=", "<", "<=", ">", ">=", "compulsory_pair", "exclusive_pair", "needs"]
    ),
    _side,
    st.sampled_from(["skip_if_any", "skip_if_all", "never"]),
    st.sampled_from(["missing", "left_out"]),
)
_cell = st.one_of(st.none(), st.integers(0, 6).map(float), st.sampled_from([0.1, 0.2, 0.3]))


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    rule=_rules,
    rows=st.lists(st.fixed_dictionaries({c: _cell for c in CODES}), min_size=1, max_size=8),
    present=st.sets(st.sampled_from(CODES)),
)
def test_the_engine_agrees_with_a_per_row_evaluation(rule: Rule, rows: list, present: set) -> None:
    frame = pd.DataFrame(rows, columns=list(CODES)).astype("float64")[sorted(present)]
    verdict = evaluate(rule, frame)
    expected = [_reference(rule, row, present) for row in rows]
    got = [False] * len(rows) if verdict is None else verdict.broken.tolist()
    assert got == expected
    for n, row in enumerate(rows):  # and one record given as scalars
        scalar = evaluate(rule, {c: row[c] for c in present})
        assert (scalar is not None and bool(scalar.broken)) == expected[n]


def test_numpy_columns_and_series_give_the_same_verdict() -> None:
    rule = Rule(code="r", left="a + b", op="<=", right="c", message=MESSAGE)
    columns = {"a": np.array([1.0, np.nan]), "b": np.array([2.0, 1.0]), "c": np.array([2.0, 9.0])}
    frame = pd.DataFrame(columns)
    assert (
        evaluate(rule, columns).broken.tolist()
        == evaluate(rule, frame).broken.tolist()
        == [
            True,
            False,
        ]
    )
