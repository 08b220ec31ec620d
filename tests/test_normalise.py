"""normalise: shaped rows into records for every kind, the category's cells read as the
kind's reader says (membership: its organisations in their order; a template: its own
wordings)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from danvan_cli.ingest.dataset import Dataset, TableInfo
from danvan_cli.ingest.headers import HeaderMapping
from danvan_cli.ingest.normalise import CATEGORY, categorical, kind_records
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.membership_load import normalise_body

HEADERS = ("Xã", "Thôn", "Đoàn thể", "Số hội viên", "Tổng số hộ")
FIELDS = ("commune", "village", "organization", "members", "households")
ROWS = [  # Excel row 5 on: a commune's villages and their organisations, as written
    ("Xã An Bình", "Thôn 1", "Hội Nông dân", "12", "40"),
    ("Xã An Bình", "Thôn 1", "Phụ nữ - Nông dân", "", "40"),
    ("Xã An Bình", "Thôn 2", "Hội LHPN", "mười", ""),
]


def _read(read=normalise_body) -> tuple[pd.DataFrame, Dataset]:
    body = pd.DataFrame(ROWS, columns=FIELDS, dtype=object)
    body["_table"], body["_row"] = 0, np.arange(5, 5 + len(ROWS))
    body["_subtotal"], body["_scope_first"], body["_scope_last"] = False, -1, -1
    data = Dataset(pd.DataFrame(), kind=MEMBERSHIP)
    data.tables.append(TableInfo("xa.xlsx", "Sheet1", 4, HeaderMapping(HEADERS, FIELDS)))
    return read(body, ["commune", "village"], data), data


def test_membership_rows_become_records_with_their_figures_and_problems():
    """A blank member count on a row giving no other organisation figure stays blank; a
    household count is never made 0; a word for a count is an error at its cell."""
    records, data = _read()
    assert records[CATEGORY].tolist() == ["nong_dan", "nong_dan", "phu_nu"]
    assert records["_organization_written"].tolist() == [r[2] for r in ROWS]
    assert records["members"].tolist()[:1] == [12.0]
    assert np.isnan(records["members"].tolist()[1:]).all()
    assert records["households"].tolist()[:2] == [40.0, 40.0]
    assert np.isnan(records.at[2, "households"])
    assert records["_invalid"].tolist() == [False, False, True]
    assert [(p.row, p.column, p.value) for p in data.problems] == [(7, "Số hội viên", "mười")]


def test_the_kinds_reader_alone_says_which_value_a_cell_names():
    """The same rows read with another reader of the category's cells: only the codes
    differ (a cell naming two organisations is the reader's to settle)."""

    def second_named(_body: pd.DataFrame, written: pd.Categorical) -> pd.Categorical:
        return categorical(pd.Series(written), lambda t: "phu_nu" if "Phụ nữ" in str(t) else None)

    own, _ = _read()
    other, _ = _read(lambda *args: kind_records(*args, MEMBERSHIP, second_named))
    assert other[CATEGORY].isna().tolist() == [True, False, True]  # "Hội LHPN": not its words
    assert other.at[1, CATEGORY] == "phu_nu"
    pd.testing.assert_frame_equal(own.drop(columns=CATEGORY), other.drop(columns=CATEGORY))
