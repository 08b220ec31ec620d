"""Membership's tables read (đọc bảng đoàn viên, hội viên): found with the kind's header
wordings, shaped by the readers every kind uses, and normalised into records (organisation
codes, the figures as counts). `ingest.load.load_tables` reads the files with these."""

from __future__ import annotations

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.normalise import add_counts, base_records, categorical, zero_blanks
from danvan_cli.ingest.rawtable import RawTable, find_raw_table
from danvan_cli.ingest.read import SheetSource
from danvan_cli.ingest.shape import shape_tables
from danvan_cli.kinds.detect import sheet_kind
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import (
    HOUSEHOLD_METRICS,
    MEMBERSHIP_HEADERS,
    MEMBERSHIP_METRICS,
    MEMBERSHIP_TEXTS,
    organization_code,
)
from danvan_cli.text.normalize import clean_text


def find_membership_table(source: SheetSource, data: Dataset) -> RawTable | None:
    return find_raw_table(
        source,
        data,
        MEMBERSHIP,
        MEMBERSHIP_HEADERS,
        MEMBERSHIP_METRICS,
        MEMBERSHIP_TEXTS,
        sheet_kind,
    )


def shape_records(found: list[RawTable], data: Dataset) -> list[pd.DataFrame]:
    """Tables laid out alike (one per commune, say) are shaped and normalised together: the
    cost of a file is then its reading, not a round of small pandas steps."""
    return [
        normalise_body(body.rows.reset_index(drop=True), body.levels, data)
        for body in shape_tables(found, data)
    ]


def normalise_body(body: pd.DataFrame, levels: list[str], data: Dataset) -> pd.DataFrame:
    """Unit names, organisation codes and figures of tables laid out alike (`body` has their
    shaped rows with `_table` and `_row`), with their problems."""
    records = base_records(body, levels, data)
    info = data.tables[int(body["_table"].iat[0])]
    if "organization" in body.columns:
        written = categorical(body["organization"], clean_text)
        records["_organization_written"] = written
        records["organization"] = categorical(pd.Series(written), organization_code)
    blank = {}
    for name in [m for m in MEMBERSHIP_METRICS if m in body.columns]:
        minimum = MEMBERSHIP.figure(name).minimum
        minimum = float("-inf") if minimum is None else minimum
        if name in HOUSEHOLD_METRICS:
            add_counts(records, body, name, info, data, False, minimum)
        else:
            blank[name] = add_counts(records, body, name, info, data, False, minimum, True)
    zero_blanks(records, blank, levels, info.mapping.wide)
    return records
