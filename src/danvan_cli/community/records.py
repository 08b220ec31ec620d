"""The rules of a community-model record (quy tắc kiểm tra mô hình), declared in pydantic.

`CommunityModelRecord` validates one record; `validate.py` applies the same declarations
to whole columns: the codes each category accepts, the lowest value of each count, and
the rules between statuses declared in kinds/models.py (checked on each model of a list,
and on the sums of each unit and category).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from danvan_cli.community.vocabulary import FIELDS, PROGRAMS, RECOGNITION_LEVELS, TOPICS
from danvan_cli.kinds.declaration import Rule
from danvan_cli.kinds.models import RULES
from danvan_cli.kinds.records import RuledRecord


class CommunityModelRecord(RuledRecord):
    """One model of a list (statuses 0 or 1), or one unit's count of models of a category."""

    program: Literal[PROGRAMS] | None = None  # type: ignore[valid-type]
    field: Literal[FIELDS] | None = None  # type: ignore[valid-type]
    recognition_level: Literal[RECOGNITION_LEVELS] | None = None  # type: ignore[valid-type]
    topic: Literal[TOPICS] | None = None  # type: ignore[valid-type]
    year: int | None = Field(None, ge=0)
    registered: int | None = Field(None, ge=0)
    recognized: int | None = Field(None, ge=0)
    commended: int | None = Field(None, ge=0)

    RULES: ClassVar[tuple[Rule, ...]] = tuple(r for r in RULES if r.scope == "row")
