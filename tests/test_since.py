"""The changes since an earlier period (outputs/since.py): periods named as offices write
them, "tăng/giảm ... (…%)", "không đổi", a share's change in percentage points, and "so
với ..." said once a sentence."""

from __future__ import annotations

import pytest

from danvan_cli.ingest.periods import Period
from danvan_cli.outputs.since import Changes, Since, period_in_sentence
from danvan_cli.text.formatting import DECIMAL


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        (Period("month", 2026, 9), "tháng 9/2026", "September 2026"),
        (Period("month", None, 10), "tháng 10", "October"),
        (Period("quarter", 2026, 2), "quý II/2026", "Q2 2026"),
        (Period("half", 2026, 1), "6 tháng đầu năm 2026", "the first half of 2026"),
        (Period("half", 2026, 2), "6 tháng cuối năm 2026", "the second half of 2026"),
        (Period("nine_months", 2026), "9 tháng năm 2026", "the first nine months of 2026"),
        (Period("year", 2025), "năm 2025", "2025"),
    ],
)
def test_periods_as_offices_write_them(period, vi, en):
    assert period_in_sentence(period, "vi") == vi
    assert period_in_sentence(period, "en") == en


@pytest.mark.parametrize(
    ("before", "now", "vi", "en"),
    [
        (Period("month", 2026, 9), Period("month", 2026, 10), "tháng 9/2026", "September 2026"),
        (Period("quarter", 2025, 3), Period("quarter", 2026, 3), "cùng kỳ năm trước", None),
        (Period("month", 2025, 10), Period("month", 2026, 10), "cùng kỳ năm trước", None),
        (Period("year", 2025), Period("year", 2026), "năm 2025", "2025"),
        (Period("quarter", 2026, 2), Period("quarter", 2026, 3), "quý II/2026", "Q2 2026"),
        (None, None, "kỳ trước", "the previous report"),
        (Period("unknown"), Period("month", 2026, 10), "kỳ trước", "the previous report"),
    ],
)
def test_the_earlier_period_named(before, now, vi, en):
    since = Since({}, before, now)
    assert since.named("vi") == vi
    assert since.named("en") == (en or "the same period last year")


def test_changes_of_one_sentence():
    since = Since(
        {"members": 305983, "branches": 2095, "share": 0.8132, "kept": 40, "zero": 0},
        Period("month", 2026, 9),
        Period("month", 2026, 10),
    )
    total = {"members": 307217, "branches": 2090, "share": 0.8184, "kept": 40, "zero": 12}
    vi = Changes(since, total, "vi")
    assert vi.count("members", "người") == ", tăng 1.234 người (0,40%) so với tháng 9/2026"
    assert vi.count("branches", "chi hội") == ", giảm 5 chi hội (0,24%)"  # said once
    assert vi.ratio("share") == ", tăng 0,52 điểm phần trăm"
    assert vi.count("kept") == ", không đổi"
    assert vi.count("zero", "người") == ", tăng 12 người"  # from 0: no percent
    assert vi.count("absent") == "" and vi.ratio("absent", DECIMAL) == ""
    en = Changes(since, total, "en")
    assert en.ratio("share") == ", up 0.52 percentage points from September 2026"
    assert en.count("branches") == ", down 5 (0.24%)"
    assert Changes(None, total, "vi").count("members") == ""  # no earlier period
    unchanged = Changes(since, total, "vi")
    assert unchanged.count("kept", "người") == ", không đổi so với tháng 9/2026"


def test_units_missing_from_one_period_named_five_then_counted():
    lacking = tuple((f"Xã {n}",) for n in "ABCDEFG")
    since = Since({}, Period("month", 2026, 9), Period("month", 2026, 10), lacking=lacking)
    assert since.coverage("vi") == (
        " (Kỳ này chưa có số liệu của Xã A, Xã B, Xã C, Xã D, Xã E và 2 đơn vị khác, có ở "
        "tháng 9/2026: mức tăng, giảm trên có tính cả phần thiếu này.)"
    )
    added = (("Xã A", "Ấp 1"),)
    assert Since({}, None, None, added=added).coverage("en") == (
        " (This period has figures from Ấp 1 (Xã A), which the previous report did not have: "
        "the changes above include them.)"
    )
    assert Since({}).coverage("vi") == ""
