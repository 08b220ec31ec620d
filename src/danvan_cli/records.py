"""The validation rules of a membership row (quy tắc kiểm tra), declared once in pydantic.

`MembershipRecord` validates one row; validate.py applies the very same rules to whole
columns at once (the fast path used on big files): `RowRule.violated` takes scalars or
columns alike, and `field_minimum` reads the bounds declared on the model's fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, model_validator

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class RowRule:
    """`sum(fields) <= limit` (or, with `positive_implies`, fields > 0 implies limit > 0)."""

    code: str
    fields: tuple[str, ...]
    limit: str
    severity: Severity = "error"
    positive_implies: bool = False

    def violated(self, values: Mapping[str, Any]) -> Any:
        """True where the rule is broken; `values` holds scalars or whole columns alike.

        Only the given fields count: a rating column left out of a sheet adds nothing.
        """
        total = sum(values[f] for f in self.fields if f in values)
        if self.positive_implies:
            return (total > 0) & (values[self.limit] == 0)
        return total > values[self.limit]

    def applies_to(self, present: set[str]) -> bool:
        return self.limit in present and any(f in present for f in self.fields)


class RuledRecord(BaseModel):
    """A row whose cross-field rules are declared in `RULES`: checked here on one row,
    and on whole columns by the validators."""

    model_config = ConfigDict(extra="forbid")

    RULES: ClassVar[tuple[RowRule, ...]] = ()

    @model_validator(mode="after")
    def _check_rules(self) -> RuledRecord:
        given = {k: v for k, v in self.model_dump().items() if v is not None}
        for rule in self.RULES:
            if rule.severity == "error" and rule.applies_to(set(given)) and rule.violated(given):
                raise ValueError(rule.code)
        return self

    @classmethod
    def warnings(cls, values: Mapping[str, int]) -> list[str]:
        """Codes of the warning rules one row breaks."""
        given = {k: v for k, v in values.items() if v is not None}
        return [
            r.code
            for r in cls.RULES
            if r.severity == "warning" and r.applies_to(set(given)) and r.violated(given)
        ]


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

    RULES: ClassVar[tuple[RowRule, ...]] = (
        RowRule("exceeds", ("members_attending",), "members"),
        RowRule("exceeds", ("households_with_members",), "households"),
        RowRule(
            "ratings_exceed_branches",
            ("rating_strong", "rating_good", "rating_average", "rating_weak"),
            "branches",
        ),
        RowRule("members_without_branch", ("members",), "branches", "warning", True),
    )


def field_minimum(model: type[BaseModel], name: str) -> float:
    """The lowest value a numeric field accepts, read from its declared constraints."""
    for item in model.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            return float(item.ge)
    return float("-inf")
