"""A report kind as data (loại báo cáo): its levels, categories, figures, ratios and rules.

The shapes follow DHIS2's: a figure says how it is carried over units (summed, or taken
once per lowest unit as households are) and over time (a flow is summed over months, a
stock takes the latest value); a rule compares a left and a right expression over figure
codes, with an importance and a strategy for missing values. Membership and models are
two kinds shipped with danvan; an office's own form is a third, from a TOML template.

A kind checks itself when built: every code a rule, ratio or `split_by` names exists,
codes and wordings are not declared twice. Each mistake is a pydantic error whose `loc`
names the declaration (a template's loader turns it into a line of the file).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")
ALL = "all"  # a category's value on a unit's own row: all its values together

Code = str  # a lower-case identifier: letters, digits, "_", starting with a letter
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# A rule's side: figure codes and numbers joined by + and - ("rating_strong + rating_good").
_TERM = re.compile(r"\s*([+-])?\s*([a-z][a-z0-9_]*|\d+(?:\.\d+)?)\s*")

# "needs": where the left side is above 0 the right one must be too (members need a branch)
Operator = Literal["==", "!=", "<", "<=", ">", ">=", "compulsory_pair", "exclusive_pair", "needs"]
Importance = Literal["high", "medium", "low"]
Missing = Literal["skip_if_any", "skip_if_all", "never"]
Scope = Literal["row", "unit", "subtotal"]
# A figure a record's table does not give: missing (the strategy decides), or left out of its
# side (a form without a "Yếu" column rates no branch weak).
Absent = Literal["missing", "left_out"]
Unit = Literal["count", "dong", "ty_dong"]
OverUnits = Literal["sum", "once_per_lowest_unit"]
OverTime = Literal["flow", "stock"]


class _Declared(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labels(_Declared):
    """A name in Vietnamese and English."""

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Wordings(_Declared):
    """How a header or a cell names a thing: plain phrases compared as words with their
    marks (`headers` matching), and regular expressions for what phrases cannot say;
    `abbreviations`, regular expressions for short forms ("HND"), are weaker evidence."""

    headers: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()

    @field_validator("patterns", "abbreviations")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                params = {"pattern": pattern, "reason": error.msg, "position": (error.pos or 0) + 1}
                text = "not a regular expression: {pattern} ({reason} at {position})"
                raise PydanticCustomError("bad_pattern", text, params) from None
        return patterns


class Figure(Wordings):
    """A number the form reports (chỉ tiêu): a column of the table, or one per category."""

    code: Code
    labels: Labels
    unit: Unit = "count"
    minimum: float | None = Field(0, allow_inf_nan=False)
    split_by: tuple[Code, ...] = ()  # category codes the figure is given per value of
    over_units: OverUnits = "sum"
    over_time: OverTime

    @property
    def integral(self) -> bool:
        """Counts and đồng are whole numbers; tỷ đồng may have decimals."""
        return self.unit != "ty_dong"

    @property
    def lowest(self) -> float:
        """The lowest value accepted: the minimum, any value without one (-inf)."""
        return float("-inf") if self.minimum is None else self.minimum

    @property
    def taken_once(self) -> bool:
        """Taken once per lowest unit however many rows it has (households), not summed."""
        return self.over_units == "once_per_lowest_unit"


class CategoryValue(Wordings):
    """One value of a category (an organisation, a field ...) and the words that name it."""

    code: Code
    labels: Labels


class Category(Wordings):
    """What splits figures (the organisation; programme, field, level): its column's
    `headers`, its values named in that column's cells or in group headers over figures."""

    code: Code
    labels: Labels
    values: tuple[CategoryValue, ...] = Field(min_length=1)
    required: bool = False

    def value(self, code: str) -> CategoryValue:
        return next(v for v in self.values if v.code == code)


class Ratio(_Declared):
    """numerator / denominator, recomputed from sums at every level and period."""

    code: Code
    labels: Labels
    numerator: Code
    denominator: Code
    paired: bool = True  # only units giving both figures count
    percent: bool = True


class Rule(_Declared):
    """`left op right` over figure codes (quy tắc kiểm tra), DHIS2's validation rule."""

    code: Code
    left: str
    op: Operator
    right: str
    importance: Importance = "high"
    missing: Missing = "skip_if_any"
    scope: Scope = "row"
    absent: Absent = "missing"
    message: Labels
    # The code its problems are reported with, one model.messages words (as `exceeds`, which
    # two membership rules share); without it, `code` and the declared message.
    problem: str | None = None

    @field_validator("left", "right")
    @classmethod
    def _parses(cls, side: str) -> str:
        terms(side)
        return side

    @field_validator("problem")
    @classmethod
    def _worded(cls, problem: str | None) -> str | None:
        from danvan_cli.model.messages import MESSAGES

        if problem is not None and problem not in MESSAGES:
            raise ValueError(f"no problem {problem!r} is worded in model.messages")
        return problem

    @property
    def severity(self) -> Literal["error", "warning"]:
        return "error" if self.importance == "high" else "warning"

    @property
    def codes(self) -> tuple[str, ...]:
        """The figure codes both sides name, left first."""
        return tuple(t for _, t in (*terms(self.left), *terms(self.right)) if isinstance(t, str))


def terms(side: str) -> list[tuple[int, str | float]]:
    """A rule's side as (sign, figure code or number): "a + b - 2" gives
    [(1, "a"), (1, "b"), (-1, 2.0)]."""
    found, position = [], 0
    while position < len(side):
        match = _TERM.match(side, position)
        if match is None or match.end() == position or (found and match.group(1) is None):
            raise ValueError(f"not a sum of figure codes and numbers: {side!r}")
        sign = -1 if match.group(1) == "-" else 1
        word = match.group(2)
        found.append((sign, word if word[0].isalpha() else float(word)))
        position = match.end()
    if not found:
        raise ValueError("an empty side")
    return found


class CategoryTotal(_Declared):
    """A category whose grand total per code the JSON's `total` holds: the kind's
    `Outputs.counted` figure per code as the member `counted`, every figure per code as the
    member `figures` (models: "by_field", "statuses_by_field")."""

    category: Code
    counted: str
    figures: str


class Outputs(_Declared):
    """What a kind's JSON and CSV hold besides its roll-up's rows: its documented contract
    (README: "JSON (for scripts; stable)", the models and the template sections); and what
    the terminal leaves out."""

    # The template's name and version (and in JSON its figures and ratios) in the output: a
    # template's kind is traced to the rules that checked it; the shipped kinds are not.
    traced: bool = True
    indent: int | None = None  # JSON: None, a roll-up row a line (streamed); else indented
    ratio_units: bool = True  # JSON: over how many lowest units each ratio is taken
    # The figure `totals` count per category code, per unit too: a kind giving one (models,
    # its rows split by all its categories at once) is compared unit by unit, those counts
    # its figures beside the others.
    counted: Code | None = None
    totals: tuple[CategoryTotal, ...] = ()
    # Figures, or codes whose `counted` figure is counted, the terminal's narrow tables leave
    # out (summarize's and compare's; the files keep them): membership's branch ratings.
    terminal_hidden: tuple[Code, ...] = ()


class ReportKind(_Declared):
    """A kind of report, declared once: what reading, checking, rolling up and writing
    need to know about it."""

    name: str = Field(min_length=1)
    version: str = "1"
    labels: Labels
    levels: tuple[Literal["province", "district", "commune", "village"], ...] = Field(
        LEVELS, min_length=1
    )
    categories: tuple[Category, ...] = ()
    figures: tuple[Figure, ...] = Field(min_length=1)
    ratios: tuple[Ratio, ...] = ()
    rules: tuple[Rule, ...] = ()
    outputs: Outputs = Outputs()
    # How its tables are read: as its wordings declare (a template's kind), or by the
    # reader of a shipped kind's own layouts (membership's wide forms, models' lists).
    reading: Literal["declared", "membership", "models"] = "declared"

    def figure(self, code: str) -> Figure:
        return next(f for f in self.figures if f.code == code)

    def category(self, code: str) -> Category:
        return next(c for c in self.categories if c.code == code)

    def wordings(self, code: str) -> Figure | Category:
        """The figure or the category named `code`."""
        return next(w for w in (*self.figures, *self.categories) if w.code == code)

    @property
    def figure_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.figures)

    @property
    def split_category(self) -> Category | None:
        """The category a unit's rows are split by (its column read, its values checked, the
        roll-up given per value): the first one a figure is given per value of, else the
        first declared."""
        named = [code for figure in self.figures for code in figure.split_by]
        if named:
            return self.category(named[0])
        return self.categories[0] if self.categories else None

    @property
    def split_figures(self) -> tuple[Code, ...]:
        """The figures given per value of `split_category` (per organisation for membership:
        a wide table's groups); none where no category splits a figure."""
        category = self.split_category
        if category is None:
            return ()
        return tuple(f.code for f in self.figures if category.code in f.split_by)

    @property
    def once_per_unit(self) -> tuple[Code, ...]:
        """The figures of the lowest unit, taken once however many rows it has (households)."""
        return tuple(f.code for f in self.figures if f.taken_once)

    @model_validator(mode="after")
    def _consistent(self) -> ReportKind:
        found = inconsistencies(self)
        if found:
            text = "; ".join(f.text for f in found)
            raise PydanticCustomError("kind_inconsistent", "{text}", {"text": text, "found": found})
        return self


Loc = tuple[str | int, ...]  # where in the declaration, as pydantic locates errors


@dataclass(frozen=True)
class Inconsistency:
    """A mistake between declarations: where (`loc`, as ("rules", 2, "right")), what
    (`code`: model.messages' `template_<code>`), its values (`params`; `other` the loc of an
    earlier declaration it clashes with), and the English `text` of the ValidationError."""

    loc: Loc
    code: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)


def inconsistencies(kind: ReportKind) -> list[Inconsistency]:
    """Every code, reference and wording of `kind` that does not hold together."""
    return [
        *_check_levels(kind),
        *_check_codes(kind),
        *_check_references(kind),
        *_check_wordings(kind),
    ]


def _check_levels(kind: ReportKind) -> Iterator[Inconsistency]:
    """Levels go from the largest unit to the smallest, each once (a village is in a
    commune: the roll-up goes up the levels in that order)."""
    ordered = tuple(level for level in LEVELS if level in kind.levels)
    if kind.levels != ordered:
        text = f"levels {kind.levels} are not in the order {ordered}, each once"
        yield Inconsistency(("levels",), "levels_order", text, {"order": ", ".join(ordered)})


def _check_codes(kind: ReportKind) -> Iterator[Inconsistency]:
    """Codes are identifiers, each declared once: figures, categories and ratios share one
    set of codes (a roll-up's columns), rules have their own."""
    columns: dict[str, Loc] = {}
    rules: dict[str, Loc] = {}
    for group, items in (
        ("figures", kind.figures),
        ("categories", kind.categories),
        ("ratios", kind.ratios),
        ("rules", kind.rules),
    ):
        declared = rules if group == "rules" else columns
        for index, item in enumerate(items):
            loc, code = (group, index, "code"), item.code
            if not _CODE.match(code):
                text = f"{group}: code {code!r} is not a lower-case identifier"
                yield Inconsistency(loc, "code_not_identifier", text, {"code": code})
            elif code in declared:
                text = f"{group}: code {code!r} declared twice"
                yield Inconsistency(
                    loc, "code_twice", text, {"code": code, "other": declared[code]}
                )
            declared.setdefault(code, loc)
    for index, category in enumerate(kind.categories):
        seen: dict[str, Loc] = {}
        for number, value in enumerate(category.values):
            loc = ("categories", index, "values", number, "code")
            if value.code in seen:
                text = f"categories.{category.code}: a value declared twice"
                params = {"code": value.code, "other": seen[value.code]}
                yield Inconsistency(loc, "value_twice", text, params)
            seen.setdefault(value.code, loc)


def _check_references(kind: ReportKind) -> Iterator[Inconsistency]:
    figures = set(kind.figure_codes)
    categories = {c.code for c in kind.categories}
    for index, figure in enumerate(kind.figures):
        for name in figure.split_by:
            if name not in categories:
                text = f"figures.{figure.code}: split_by names no category {name!r}"
                loc = ("figures", index, "split_by")
                yield Inconsistency(loc, "unknown_category", text, {"name": name})
    for index, ratio in enumerate(kind.ratios):
        for key in ("numerator", "denominator"):
            name = getattr(ratio, key)
            if name not in figures:
                text = f"ratios.{ratio.code}: names no figure {name!r}"
                yield Inconsistency(("ratios", index, key), "unknown_figure", text, {"name": name})
    for index, rule in enumerate(kind.rules):
        for key in ("left", "right"):
            for _, name in terms(getattr(rule, key)):
                if isinstance(name, str) and name not in figures:
                    text = f"rules.{rule.code}: names no figure {name!r}"
                    loc = ("rules", index, key)
                    yield Inconsistency(loc, "unknown_figure", text, {"name": name})
        if not rule.codes:  # "1 <= 2": holds or fails everywhere, checks nothing given
            text = f"rules.{rule.code}: names no figure on either side"
            yield Inconsistency(("rules", index, "left"), "rule_without_figure", text)


def split_twice(kind: ReportKind) -> Iterator[Inconsistency]:
    """A second category in any figure's `split_by`: a template's tables are read split by
    one category (ingest.declared.split_category), so a second would be read as no
    breakdown at all. (Models' own reader splits by four.)"""
    first: str | None = None
    for index, figure in enumerate(kind.figures):
        for name in figure.split_by:
            first = first or name
            if name != first:
                text = f"figures.{figure.code}: split_by {name!r} besides {first!r}"
                params = {"name": name, "first": first}
                yield Inconsistency(("figures", index, "split_by"), "split_twice", text, params)


def unnamed_figures(kind: ReportKind) -> Iterator[Inconsistency]:
    """A template's figure is read from the columns its headers or patterns name: one
    naming none (`headers = []` or `[""]`) would never be read. (The shipped kinds' figures
    are named by their own readers' patterns.)"""
    for index, figure in enumerate(kind.figures):
        if not any(phrase.strip() for phrase in figure.headers) and not figure.patterns:
            text = f"figures.{figure.code}: no header or pattern names its column"
            loc = ("figures", index, "headers")
            yield Inconsistency(loc, "figure_unnamed", text, {"code": figure.code})


def _check_wordings(kind: ReportKind) -> Iterator[Inconsistency]:
    """A phrase names one figure or one category column, never two; and one value of a
    category, never two."""
    owners = [(("figures", i), item) for i, item in enumerate(kind.figures)] + [
        (("categories", i), item) for i, item in enumerate(kind.categories)
    ]
    yield from _wordings_once(owners)
    for index, category in enumerate(kind.categories):
        values = [(("categories", index, "values", j), v) for j, v in enumerate(category.values)]
        yield from _wordings_once(values)


def _wordings_once(
    items: list[tuple[Loc, Figure | Category | CategoryValue]],
) -> Iterator[Inconsistency]:
    owner: dict[str, tuple[Loc, str]] = {}
    for loc, item in items:
        for phrase in item.headers:
            key = phrase.strip().lower()
            first = owner.setdefault(key, (loc, item.code))
            if first[1] != item.code:
                text = f"header {phrase!r} names both {first[1]!r} and {item.code!r}"
                params = {"phrase": phrase, "name": first[1], "other": (*first[0], "headers")}
                yield Inconsistency((*loc, "headers"), "wording_twice", text, params)
