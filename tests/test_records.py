"""records: the pydantic model (one row) and the columnar rules (whole columns) agree."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pandas as pd
import pytest
from pydantic import ValidationError

from danvan_cli.engine import pipeline
from danvan_cli.engine.records import MembershipRecord, field_minimum
from danvan_cli.engine.rules import evaluate
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import MEMBERSHIP_METRICS, RATING_METRICS
from danvan_cli.model.declaration import Rule, terms
from danvan_cli.text.numbers import parse_counts
from tests.conftest import write_workbook

ERROR_RULES = [r for r in MembershipRecord.RULES if r.severity == "error"]
WARNING_RULES = [r for r in MembershipRecord.RULES if r.severity == "warning"]

# Column sets a sheet may have: everything, no ratings, no households, two ratings only.
COLUMN_SETS = {
    "all": list(MEMBERSHIP_METRICS),
    "no_ratings": [m for m in MEMBERSHIP_METRICS if m not in RATING_METRICS],
    "no_households": [m for m in MEMBERSHIP_METRICS if not m.startswith("households")],
    "two_ratings": ["branches", "members", "rating_strong", "rating_good"],
}


def random_rows(count: int, seed: int, columns: list[str]) -> list[dict[str, int | None]]:
    """Small counts so every rule is broken now and then; household figures may be blank."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        members = rng.choice([0, rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 40)])
        households = rng.choice([None, rng.randint(0, 60), rng.randint(0, 60)])
        row: dict[str, int | None] = {
            "branches": rng.choice([0, 1, 2, 3, 4]),
            "members": members,
            "members_attending": rng.randint(0, members + 3),
            "households": households,
            "households_with_members": rng.choice([None, rng.randint(0, (households or 60) + 4)]),
        }
        for rating in RATING_METRICS:
            row[rating] = rng.randint(0, 1)
        rows.append({k: v for k, v in row.items() if k in columns})
    return rows


def model_verdict(row: dict[str, int | None]) -> tuple[str | None, list[str]]:
    """(error code the model raises or None, warning codes) for one row."""
    try:
        MembershipRecord(**row)
    except ValidationError as exc:
        errors = exc.errors()
        assert len(errors) == 1
        return str(errors[0]["ctx"]["error"]), MembershipRecord.warnings(row)
    return None, MembershipRecord.warnings(row)


def applies_to(rule: Rule, present: set[str]) -> bool:
    """Each side names a column the sheet has (all its figures, unless left out)."""
    sides = [{t for _, t in terms(s) if isinstance(t, str)} for s in (rule.left, rule.right)]
    if rule.absent == "left_out":
        return all(side & present for side in sides)
    return all(side <= present for side in sides)


def columnar_verdicts(frame: pd.DataFrame) -> list[tuple[list[Rule], list[Rule]]]:
    """Per row: (error rules broken, warning rules broken), as the columnar path sees them."""
    broken: dict[Rule, pd.Series] = {}
    for rule in MembershipRecord.RULES:
        verdict = evaluate(rule, frame)
        if verdict is not None:
            broken[rule] = pd.Series(verdict.broken, index=frame.index)
    verdicts = []
    for index in frame.index:
        errors = [r for r in ERROR_RULES if r in broken and broken[r][index]]
        warnings = [r for r in WARNING_RULES if r in broken and broken[r][index]]
        verdicts.append((errors, warnings))
    return verdicts


@pytest.mark.parametrize("seed, column_set", list(enumerate(COLUMN_SETS, start=1)))
def test_model_and_columns_agree_on_random_rows(seed, column_set):
    columns = COLUMN_SETS[column_set]
    rows = random_rows(400, seed=seed, columns=columns)
    # The loader stores counts as float64 with NaN for blank household figures.
    frame = pd.DataFrame(rows, columns=columns).astype("float64")
    seen: Counter[Rule | str] = Counter()
    for row, (broken_errors, broken_warnings) in zip(rows, columnar_verdicts(frame), strict=True):
        error, warnings = model_verdict(row)
        if broken_errors:
            # The model stops at the first broken rule, in RULES order.
            assert error == broken_errors[0].problem, row
        else:
            assert error is None, row
        assert warnings == [r.problem for r in broken_warnings], row
        seen.update(broken_errors or ["valid"])
        seen.update(broken_warnings)
    # The sample is not vacuous: valid rows, and every applicable rule broken many times.
    assert seen["valid"] >= 40
    for rule in MembershipRecord.RULES:
        if applies_to(rule, set(columns)):
            assert seen[rule] >= 10, (rule, seen)


# Village-level warnings (a household figure without the other) are not row rules.
VILLAGE_WARNINGS = {"household_pair_missing"}


def test_the_validator_reports_what_the_model_decides(tmp_path):
    """Load and validate 300 random rows from a workbook; compare each row with the model."""
    rows = random_rows(300, seed=2020, columns=list(MEMBERSHIP_METRICS))
    header = ["Xã", "Thôn", "Đoàn thể", *MEMBERSHIP_METRICS]
    cells = [
        ["Xã A", f"Thôn {i}", "Hội Nông dân", *[row[m] for m in MEMBERSHIP_METRICS]]
        for i, row in enumerate(rows)
    ]
    path = write_workbook(tmp_path / "random.xlsx", cells, header)
    data = pipeline.check(MEMBERSHIP, [str(path)])
    assert data.tables[0].mapping.fields[3:] == MEMBERSHIP_METRICS
    by_row: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"error": [], "warning": []})
    for problem in data.problems:
        by_row[problem.row][problem.severity].append(problem.code)
    for i, row in enumerate(rows):
        excel_row = i + 2
        error, warnings = model_verdict(row)
        found = by_row[excel_row]
        if error is None:
            assert found["error"] == [], (excel_row, row)
        else:
            assert error in found["error"], (excel_row, row)
        row_warnings = [w for w in found["warning"] if w not in VILLAGE_WARNINGS]
        assert row_warnings == warnings, (excel_row, row)
        assert bool(data.records.at[i, "_invalid"]) == (error is not None)


@pytest.mark.parametrize("name", MEMBERSHIP_METRICS)
def test_every_figure_is_a_whole_number_from_zero(name):
    assert field_minimum(MembershipRecord, name) == 0
    MembershipRecord(**{name: 0})
    with pytest.raises(ValidationError):
        MembershipRecord(**{name: -1})
    with pytest.raises(ValidationError):
        MembershipRecord(**{name: 1.5})


def test_parse_counts_and_the_model_agree_on_single_values():
    rng = random.Random(7)
    values = [rng.choice([rng.randint(-50, 50), rng.randint(-50, 50) + 0.5]) for _ in range(300)]
    parsed = parse_counts(
        pd.Series(values, dtype="float64"), minimum=field_minimum(MembershipRecord, "members")
    )
    for value, problem in zip(values, parsed.problem, strict=True):
        try:
            MembershipRecord(members=value)
            model_ok = True
        except ValidationError:
            model_ok = False
        assert model_ok == pd.isna(problem), value


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        MembershipRecord(member=3)


@pytest.mark.parametrize(
    "row, code",
    [
        ({"members": 10, "members_attending": 11}, "exceeds"),
        ({"households": 100, "households_with_members": 101}, "exceeds"),
        (
            {"branches": 2, "rating_strong": 1, "rating_good": 1, "rating_weak": 1},
            "ratings_exceed_branches",
        ),
    ],
)
def test_error_rules_on_one_row(row, code):
    with pytest.raises(ValidationError, match=code):
        MembershipRecord(**row)


@pytest.mark.parametrize(
    "row",
    [
        {"members": 10, "members_attending": 10},
        {"households": 100, "households_with_members": 100},
        {"branches": 3, "rating_strong": 1, "rating_good": 1, "rating_weak": 1},
        {"households_with_members": 50},  # no household total to compare with
        {"members_attending": 5},
    ],
)
def test_limits_are_inclusive_and_missing_limits_pass(row):
    MembershipRecord(**row)


def test_members_without_branch_is_a_warning_not_an_error():
    row = {"branches": 0, "members": 12}
    MembershipRecord(**row)
    assert MembershipRecord.warnings(row) == ["members_without_branch"]
    assert MembershipRecord.warnings({"branches": 0, "members": 0}) == []
    assert MembershipRecord.warnings({"branches": 1, "members": 12}) == []
