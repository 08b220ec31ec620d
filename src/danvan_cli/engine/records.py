"""A membership row in pydantic (quy tắc kiểm tra): its fields' bounds and declared rules.

`MembershipRecord` validates one row: the lowest value of each figure (`field_minimum`
reads it for the loader) and the kind's rules (kinds/membership.py), evaluated by
engine/rules.py on the row's values as validate.py evaluates them on whole columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, model_validator

from danvan_cli.engine.rules import evaluate
from danvan_cli.kinds.membership import RULES
from danvan_cli.model.declaration import Rule


class RuledRecord(BaseModel):
    """A row whose declared `RULES` are checked on it: a broken error rule raises its
    problem code, `warnings` lists the warning rules' codes."""

    model_config = ConfigDict(extra="forbid")

    RULES: ClassVar[tuple[Rule, ...]] = ()

    @model_validator(mode="after")
    def _check_rules(self) -> RuledRecord:
        broken = self.broken(self.model_dump(), "error")
        if broken:
            raise ValueError(broken[0])
        return self

    @classmethod
    def warnings(cls, values: Mapping[str, Any]) -> list[str]:
        """Codes of the warning rules one row breaks."""
        return cls.broken(values, "warning")

    @classmethod
    def broken(cls, values: Mapping[str, Any], severity: str) -> list[str]:
        """Problem codes of the `severity` rules one row breaks (None: a figure not given)."""
        given = {k: v for k, v in values.items() if v is not None}
        codes = []
        for rule in cls.RULES:
            verdict = evaluate(rule, given) if rule.severity == severity else None
            if verdict is not None and verdict.broken:
                codes.append(rule.problem or rule.code)
        return codes


class MembershipRecord(RuledRecord):
    """One row of a membership table: a branch unit's figures for one organisation."""

    branches: int | None = Field(None, ge=0)
    members: int | None = Field(None, ge=0)
    members_attending: int | None = Field(None, ge=0)
    households: int | None = Field(None, ge=0)
    households_with_members: int | None = Field(None, ge=0)
    rating_strong: int | None = Field(None, ge=0)
    rating_good: int | None = Field(None, ge=0)
    rating_average: int | None = Field(None, ge=0)
    rating_weak: int | None = Field(None, ge=0)

    RULES: ClassVar[tuple[Rule, ...]] = RULES


def field_minimum(model: type[BaseModel], name: str) -> float:
    """The lowest value a numeric field accepts, read from its declared constraints."""
    for item in model.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            return float(item.ge)
    return float("-inf")
