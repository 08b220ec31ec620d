"""periods.submissions: each file's unit, resubmissions and files of another period."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from danvan_cli.cli.commands import job_of
from danvan_cli.ingest.paths import expand_paths
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.periods.calendar import parse_period
from danvan_cli.periods.submissions import sort_submissions
from tests.commune_files import write_commune_file

OCTOBER = "Tháng 10 năm 2026"


def _sorted(folder: Path, period: str = "2026-10"):
    paths, _ = expand_paths([str(folder)])
    data = job_of(MEMBERSHIP).check([str(folder)], None, None, "error")
    return sort_submissions(data, paths, parse_period(period))


def test_a_units_later_file_replaces_its_earlier_one(tmp_path):
    first = write_commune_file(
        tmp_path / "tan_an.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 101)],
        dated="ngày 03 tháng 11 năm 2026",
        received=datetime(2026, 11, 9),
    )
    later = write_commune_file(  # the later date wins, whatever the files' times
        tmp_path / "tan_an_sua.xlsx",
        "XÃ TÂN AN",
        OCTOBER,
        [("Thôn 1", 3, 111), ("Thôn 2", 1, 9)],
        dated="ngày 06 tháng 11 năm 2026",
        received=datetime(2026, 11, 7),
    )
    other = write_commune_file(
        tmp_path / "long_vinh.xlsx", "Xã Long Vĩnh", OCTOBER, [("Ấp 1", 2, 70)]
    )
    found = _sorted(tmp_path)
    assert found.kept == [str(other), str(later)]
    assert [r.to_dict() for r in found.replacements] == [
        {
            "level": "commune",
            "unit": "Xã Tân An",
            "file": str(later),
            "date": "2026-11-06",
            "replaced_file": str(first),
            "replaced_date": "2026-11-03",
        }
    ]
    (said,) = found.problems
    assert (said.severity, said.code, said.file) == ("warning", "submission_replaced", str(later))
    assert said.message("en") == (
        f"This file replaces {first}, which Xã Tân An sent for this period earlier (dated "
        "2026-11-06, after 2026-11-03): only this one is added."
    )


def test_without_a_stated_date_the_later_modification_time_wins(tmp_path):
    write_commune_file(
        tmp_path / "a.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 101)],
        received=datetime(2026, 11, 4, 16),
    )
    write_commune_file(
        tmp_path / "b.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 99)],
        received=datetime(2026, 11, 4, 8),
    )
    found = _sorted(tmp_path)
    assert found.kept == [str(tmp_path / "a.xlsx")]
    assert found.replacements[0].replaced.file == str(tmp_path / "b.xlsx")


def test_two_files_of_one_unit_dated_alike_are_an_error_naming_both(tmp_path):
    day = "ngày 05 tháng 11 năm 2026"
    a = write_commune_file(
        tmp_path / "a.xlsx", "Xã Tân An", OCTOBER, [("Thôn 1", 3, 101)], dated=day
    )
    b = write_commune_file(
        tmp_path / "b.xlsx", "Xã Tân An", OCTOBER, [("Thôn 1", 3, 99)], dated=day
    )
    found = _sorted(tmp_path)
    assert found.kept == [] and found.replacements == []
    assert [(p.severity, p.code, p.file, p.params["other_file"]) for p in found.problems] == [
        ("error", "submission_same_date", str(a), str(b)),
        ("error", "submission_same_date", str(b), str(a)),
    ]
    assert (
        found.problems[0]
        .message("vi")
        .startswith("Xã Tân An có hai tệp cho kỳ này cùng ngày 05/11/2026: tệp này và ")
    )
    assert "dated 2026-11-05: this one and " in found.problems[0].message("en")


def test_copies_of_one_file_are_one_file_the_first_received(tmp_path):
    """A file downloaded twice ("tan_an (1).xlsx", and a copy made later): the same bytes
    are one submission, added once, the copy received first kept; a later file that differs
    still replaces it."""
    first = write_commune_file(
        tmp_path / "tan_an.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 101)],
        received=datetime(2026, 11, 3),
    )
    again = tmp_path / "tan_an (1).xlsx"
    again.write_bytes(first.read_bytes())
    os.utime(again, (datetime(2026, 11, 3).timestamp(),) * 2)  # downloaded at the same time
    later = tmp_path / "tan_an - Copy.xlsx"
    later.write_bytes(first.read_bytes())
    os.utime(later, (datetime(2026, 11, 8).timestamp(),) * 2)
    found = _sorted(tmp_path)
    assert found.kept == [str(first)]
    assert [(p.code, p.file, p.params["other_file"]) for p in found.problems] == [
        ("submission_copy", str(again), str(first)),
        ("submission_copy", str(later), str(first)),
    ]
    assert found.problems[0].message("vi") == (
        f"Tệp này giống hệt tệp {first} của Xã Tân An (cùng nội dung, có lẽ tải về hai lần): "
        "chỉ cộng một lần."
    )
    corrected = write_commune_file(
        tmp_path / "tan_an_sua.xlsx",
        "Xã Tân An",
        OCTOBER,
        [("Thôn 1", 3, 111)],
        received=datetime(2026, 11, 9),
    )
    found = _sorted(tmp_path)
    assert found.kept == [str(corrected)]
    assert [r.replaced.file for r in found.replacements] == [str(first)]


def test_a_file_of_another_period_is_an_error_naming_both_periods(tmp_path):
    write_commune_file(tmp_path / "a.xlsx", "Xã Tân An", OCTOBER, [("Thôn 1", 3, 101)])
    september = write_commune_file(
        tmp_path / "b.xlsx", "Xã Long Vĩnh", "Tháng 9 năm 2026", [("Ấp 1", 2, 70)]
    )
    found = _sorted(tmp_path)
    assert found.kept == [str(tmp_path / "a.xlsx")]
    (said,) = found.problems
    assert (said.code, said.file, said.sheet, said.row) == (
        "submission_other_period",
        str(september),
        "Báo cáo",
        4,
    )
    assert said.message("en") == (
        "The title states the period 'Tháng 9 năm 2026', not 2026-10, the period being rolled "
        "up; this file is not added."
    )
