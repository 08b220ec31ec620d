"""The declaration of a report kind checks itself: codes, references, wordings, rule sides."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from danvan_cli.kinds.declaration import ReportKind, Rule, terms


def _kind(**changes) -> dict:
    kind = {
        "name": "hoat_dong",
        "labels": {"vi": "Hoạt động", "en": "Activities"},
        "figures": [
            {
                "code": "houses",
                "labels": {"vi": "Nhà đại đoàn kết", "en": "Houses"},
                "headers": ["Số nhà đại đoàn kết"],
                "over_time": "flow",
            },
            {
                "code": "houses_value",
                "labels": {"vi": "Trị giá", "en": "Value"},
                "headers": ["Trị giá nhà"],
                "unit": "ty_dong",
                "over_time": "flow",
            },
        ],
        "rules": [
            {
                "code": "value_without_house",
                "left": "houses_value",
                "op": "compulsory_pair",
                "right": "houses",
                "message": {"vi": "Có trị giá mà không có nhà", "en": "A value without houses"},
            }
        ],
    }
    kind.update(changes)
    return kind


def test_a_kind_declared_in_data_is_read_with_its_defaults() -> None:
    kind = ReportKind.model_validate(_kind())
    assert kind.figure_codes == ("houses", "houses_value")
    assert kind.levels == ("province", "district", "commune", "village")
    assert kind.figure("houses").over_units == "sum"
    assert not kind.figure("houses_value").integral
    assert kind.rules[0].severity == "error"
    assert kind.rules[0].codes == ("houses_value", "houses")


def test_a_rule_naming_an_unknown_figure_is_refused() -> None:
    rules = _kind()["rules"]
    rules[0]["right"] = "houses + schools"
    with pytest.raises(
        ValidationError, match=r"rules\.value_without_house: names no figure 'schools'"
    ):
        ReportKind.model_validate(_kind(rules=rules))


def test_a_header_naming_two_figures_is_refused() -> None:
    figures = _kind()["figures"]
    figures[1]["headers"] = ["số nhà đại đoàn kết "]
    with pytest.raises(ValidationError, match="names both 'houses' and 'houses_value'"):
        ReportKind.model_validate(_kind(figures=figures))


def test_a_figure_split_by_no_category_is_refused() -> None:
    figures = _kind()["figures"]
    figures[0]["split_by"] = ["organization"]
    with pytest.raises(ValidationError, match="split_by names no category 'organization'"):
        ReportKind.model_validate(_kind(figures=figures))


def test_a_stock_or_flow_must_be_said() -> None:
    figures = _kind()["figures"]
    del figures[0]["over_time"]
    with pytest.raises(ValidationError, match="over_time"):
        ReportKind.model_validate(_kind(figures=figures))


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        ("a", [(1, "a")]),
        ("a + b_2 - 3", [(1, "a"), (1, "b_2"), (-1, 3.0)]),
        ("-a+0.5", [(-1, "a"), (1, 0.5)]),
    ],
)
def test_a_rule_side_is_a_sum_of_codes_and_numbers(side: str, expected: list) -> None:
    assert terms(side) == expected


@pytest.mark.parametrize("side", ["", "a b", "a * b", "A", "a +"])
def test_a_side_that_is_no_sum_is_refused(side: str) -> None:
    with pytest.raises(ValidationError):
        Rule(code="r", left=side, op="<=", right="b", message={"vi": "x", "en": "x"})
