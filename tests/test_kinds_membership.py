"""kinds.membership: the membership kind declared once, and the reading, checking and
roll-up constants taken from it."""

from __future__ import annotations

import pytest

from danvan_cli.engine.rollup import MEMBERSHIP as MEMBERSHIP_SPEC
from danvan_cli.ingest.headers import ABBREVIATION, FIGURE, closest_value, header_field
from danvan_cli.kinds import vocabulary
from danvan_cli.kinds.membership import HEADER_ORDER, MEMBERSHIP, ORGANIZATION
from danvan_cli.kinds.vocabulary import MEMBERSHIP_HEADERS
from danvan_cli.model.messages import FIELD_LABELS, ORGANIZATION_LABELS, label
from danvan_cli.text import formatting


def test_the_figures_and_how_they_are_carried():
    branch = ("branches", "members", "members_attending", "rating_strong", "rating_good")
    assert MEMBERSHIP.figure_codes[:5] == branch
    assert (*branch, "rating_average", "rating_weak") == vocabulary.ORGANIZATION_METRICS
    assert vocabulary.HOUSEHOLD_METRICS == ("households", "households_with_members")
    assert vocabulary.RATING_METRICS == (
        "rating_strong",
        "rating_good",
        "rating_average",
        "rating_weak",
    )
    households = MEMBERSHIP.figure("households")
    assert (households.over_units, households.split_by) == ("once_per_lowest_unit", ())
    assert MEMBERSHIP.figure("members").split_by == ("organization",)
    assert {f.over_time for f in MEMBERSHIP.figures} == {"stock"}  # never summed over months
    assert {f.minimum for f in MEMBERSHIP.figures} == {0}


def test_the_roll_up_adds_as_declared():
    assert MEMBERSHIP_SPEC.summed == vocabulary.ORGANIZATION_METRICS
    assert MEMBERSHIP_SPEC.once == vocabulary.HOUSEHOLD_METRICS
    assert MEMBERSHIP_SPEC.ratios == {
        "household_coverage": ("households_with_members", "households"),
        "attendance_rate": ("members_attending", "members"),
        "members_per_branch": ("members", "branches"),
    }
    assert MEMBERSHIP_SPEC.values == (
        "mttq", "nong_dan", "phu_nu", "thanh_nien", "cuu_chien_binh", "cong_doan", "nguoi_cao_tuoi"
    )  # fmt: skip
    assert {"household_coverage", "attendance_rate"} == formatting.PERCENT_METRICS
    assert {"members_per_branch"} == formatting.DECIMAL_METRICS


def test_headers_are_matched_with_the_declared_wordings_narrower_first():
    declared = [name for name, *_, how in MEMBERSHIP_HEADERS if how in ("", FIGURE)]
    assert [name for name in declared if name in HEADER_ORDER] == list(HEADER_ORDER)
    assert set(HEADER_ORDER) == {*MEMBERSHIP.figure_codes, "organization"}
    assert header_field("Số hộ có hội viên", MEMBERSHIP_HEADERS) == "households_with_members"
    assert header_field("Tổng số hộ", MEMBERSHIP_HEADERS) == "households"
    assert header_field("Số chi hội", MEMBERSHIP_HEADERS) == "branches"
    assert header_field("Số hội viên", MEMBERSHIP_HEADERS) == "members"
    assert header_field("Đoàn thể", MEMBERSHIP_HEADERS) == "organization"


@pytest.mark.parametrize(
    ("written", "code", "evidence"),
    [
        ("Hội Nông dân", "nong_dan", ""),
        ("HND", "nong_dan", ABBREVIATION),
        ("Chi đoàn", "thanh_nien", ""),  # the youth union's, though "đoàn" is in "công đoàn"
        ("Công đoàn cơ sở", "cong_doan", ""),
        ("CĐCS", "cong_doan", ABBREVIATION),
        ("Ban CTMT", "mttq", ABBREVIATION),
        ("Hội Kiến trúc sư", None, ""),
    ],
)
def test_organisations_are_named_by_their_declared_wordings(written, code, evidence):
    assert vocabulary.organization_match(written) == (code, evidence)


def test_organisation_names_and_labels_come_from_the_declaration():
    assert tuple(v.code for v in ORGANIZATION.values) == vocabulary.ORGANIZATIONS
    assert ORGANIZATION.value("nong_dan").headers == ("Hội Nông dân", "Hội ND", "HND")
    assert closest_value(ORGANIZATION, "Hội Nông dâm") == "nong_dan"
    assert label(ORGANIZATION_LABELS, "phu_nu", "en") == "Women's Union"
    assert label(FIELD_LABELS, "households_with_members", "vi") == "Hộ có ĐV, HV"
    assert label(FIELD_LABELS, "members_per_branch", "en") == "Members per branch"
    assert label(FIELD_LABELS, "organization", "en") == "Organisation"
