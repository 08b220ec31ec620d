"""The declaration of a report kind checks itself: codes, references, wordings, rule sides."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from danvan_cli.model.declaration import ReportKind, Rule, terms


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


def _category(code: str, *values: str) -> dict:
    labels = {"vi": code, "en": code}
    return {
        "code": code,
        "labels": labels,
        "values": [{"code": v, "labels": labels} for v in values],
    }


def test_a_kind_says_which_figures_are_split_and_which_taken_once() -> None:
    """Split: the figures given per value of the first category a figure names (not the
    first declared); once: those taken once per lowest unit, whatever their split."""
    figures = _kind()["figures"] + [
        {
            "code": "households",
            "labels": {"vi": "Số hộ", "en": "Households"},
            "over_units": "once_per_lowest_unit",
            "over_time": "stock",
        }
    ]
    figures[0] = {**figures[0], "split_by": ["field"]}
    categories = [_category("level", "xa"), _category("field", "kinh_te", "van_hoa")]
    kind = ReportKind.model_validate(_kind(figures=figures, categories=categories))
    assert kind.split_category.code == "field"
    assert kind.split_figures == ("houses",)
    assert kind.once_per_unit == ("households",)
    assert [f.taken_once for f in kind.figures] == [False, False, True]
    unsplit = ReportKind.model_validate(_kind(categories=categories))
    assert (unsplit.split_category.code, unsplit.split_figures) == ("level", ())
    assert unsplit.once_per_unit == ()


def test_a_figure_without_a_minimum_takes_any_value() -> None:
    houses = ReportKind.model_validate(_kind()).figure("houses")
    assert houses.lowest == 0  # the default minimum
    assert houses.model_copy(update={"minimum": -5.5}).lowest == -5.5
    assert houses.model_copy(update={"minimum": None}).lowest == float("-inf")


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


def test_every_inconsistency_is_found_with_its_place() -> None:
    data = _kind()
    data["figures"][1]["code"] = "houses"  # twice
    data["figures"][1]["split_by"] = ["organization"]
    data["rules"][0]["right"] = "houses + schools"
    data["rules"].append({**data["rules"][0], "left": "houses"})  # a rule code twice
    with pytest.raises(ValidationError) as caught:
        ReportKind.model_validate(data)
    (error,) = caught.value.errors()
    found = [(f.loc, f.code, f.params) for f in error["ctx"]["found"]]
    assert found == [
        (("figures", 1, "code"), "code_twice", {"code": "houses", "other": ("figures", 0, "code")}),
        (
            ("rules", 1, "code"),
            "code_twice",
            {"code": "value_without_house", "other": ("rules", 0, "code")},
        ),
        (("figures", 1, "split_by"), "unknown_category", {"name": "organization"}),
        (("rules", 0, "left"), "unknown_figure", {"name": "houses_value"}),
        (("rules", 0, "right"), "unknown_figure", {"name": "schools"}),
        (("rules", 1, "right"), "unknown_figure", {"name": "schools"}),
    ]


def test_a_value_of_a_category_named_by_two_headers_alike_is_refused() -> None:
    category = {
        "code": "organization",
        "labels": {"vi": "Đoàn thể", "en": "Organisation"},
        "values": [
            {"code": "nong_dan", "labels": {"vi": "Hội ND", "en": "Farmers"}, "headers": ["HND"]},
            {"code": "phu_nu", "labels": {"vi": "Hội PN", "en": "Women"}, "headers": ["hnd"]},
        ],
    }
    with pytest.raises(ValidationError) as caught:
        ReportKind.model_validate(_kind(categories=[category]))
    (found,) = caught.value.errors()[0]["ctx"]["found"]
    assert found.loc == ("categories", 0, "values", 1, "headers")
    assert found.params == {
        "phrase": "hnd",
        "name": "nong_dan",
        "other": ("categories", 0, "values", 0, "headers"),
    }
