"""Membership's tables read (đọc bảng đoàn viên, hội viên): found with the kind's header
wordings, shaped by the readers every kind uses, and normalised into records (organisation
codes, the figures as counts). `ingest.load.load_tables` reads the files with these."""

from __future__ import annotations

import pandas as pd

from danvan_cli.ingest.dataset import Dataset
from danvan_cli.ingest.normalise import categorical, kind_records
from danvan_cli.ingest.rawtable import RawTable, find_raw_table
from danvan_cli.ingest.read import SheetSource
from danvan_cli.ingest.shape import shape_records
from danvan_cli.kinds.detect import sheet_kind
from danvan_cli.kinds.membership import MEMBERSHIP
from danvan_cli.kinds.vocabulary import (
    MEMBERSHIP_HEADERS,
    MEMBERSHIP_METRICS,
    MEMBERSHIP_TEXTS,
    organization_code,
)


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


def shape_membership(found: list[RawTable], data: Dataset) -> list[pd.DataFrame]:
    """Membership's records of the tables found (`shape.shape_records`), the organisation
    read by its own wordings."""
    return shape_records(found, data, MEMBERSHIP, _organization_codes)


def normalise_body(body: pd.DataFrame, levels: list[str], data: Dataset) -> pd.DataFrame:
    """Unit names, organisation codes and figures of tables laid out alike (`body` has their
    shaped rows with `_table` and `_row`), with their problems: read as every kind's
    (`normalise.kind_records`), the organisation by its own wordings."""
    return kind_records(body, levels, data, MEMBERSHIP, _organization_codes)


def _organization_codes(body: pd.DataFrame, written: pd.Categorical) -> pd.Categorical:
    """The organisation each cell or group header names as `written`, read with membership's
    own wordings (`vocabulary.organization_code`: its organisations in their order, a name
    naming two the first of them), in a wide table too."""
    return categorical(pd.Series(written), organization_code)
