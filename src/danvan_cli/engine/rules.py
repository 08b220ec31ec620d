"""A kind's validation rules on whole columns (quy tắc kiểm tra), as DHIS2 runs them.

A rule compares the sums of its two sides (each a sum of figure codes and numbers) with
`==`, `!=`, `<`, `<=`, `>`, `>=` (equal within a billionth, so that tỷ đồng written with
decimals add up), or asks which sides are given: `compulsory_pair` (both or neither),
`exclusive_pair` (never both), `needs` (the right side above 0 where the left one is).

A figure is missing where it is not given: a cell left blank where blank is not 0 (NaN, as
normalise.py leaves it), or a column no table gives. The rule's `missing` strategy decides:
`skip_if_any` passes over a record where any figure of either side is missing,
`skip_if_all` only where all are (the missing ones count as 0), `never` counts them as 0.
The pairs are about missing values themselves: a side is given where any of its figures
is, whatever the strategy. With `absent = "left_out"` a figure the record's table does not
give is dropped from its side, and a record (a rule) keeping no figure of a side is not
checked.

Where a rule applies (`scope`):
- `row`: each record;
- `unit`: the sums of each lowest unit's records (a village given over several rows, one
  per organisation or status), per the categories all the rule's figures are split by; a
  figure taken once per lowest unit is taken once. Higher units are not checked again:
  their sums are sums of the lowest units', so a rule (`==`, `<=` ...) holding in every
  village holds in the commune, and checking it there would repeat a village's problem or
  set a village giving one figure against another giving the other. A commune's figures as
  the sheet writes them are the `subtotal` scope;
- `subtotal`: the sheet's own subtotal rows ("Cộng", a commune's row above its villages) as
  written (subtotals.py finds them).

Each violation is one `Problem` at the record's file, sheet and Excel row, under the header
of the left side's first given figure; its value is the left sum, its params both sums and
sides (and `limit_column`, `limit_value`, as `exceeds` shows them). Its code is the rule's,
worded as `rule_broken` with the declared message; or the rule's `problem`, a code
model.messages words (membership's `exceeds`). High importance is an error and marks the
records involved invalid (not a subtotal row's, which is no record).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

from danvan_cli.model.declaration import Figure, Rule, terms
from danvan_cli.model.messages import RULE_RELATIONS, RULE_WORDS
from danvan_cli.model.problems import Problem

_RELATIVE, _ABSOLUTE = 1e-12, 1e-9  # how near two sums are to count as equal
_SYMBOLS = {"==": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}


class Table(Protocol):
    """Where a table was read: its file, sheet and how its headers were understood."""

    file: str
    sheet: str | None
    mapping: Any  # with `fields` and `header_of(code, group)`, as headers.HeaderMapping


@dataclass(frozen=True)
class Verdict:
    """A rule on each record: both sides' sums (missing figures as 0), whether each side is
    given (any of its figures is), and where the rule is broken."""

    left: np.ndarray
    right: np.ndarray
    left_given: np.ndarray
    right_given: np.ndarray
    broken: np.ndarray


@dataclass
class Findings:
    """The problems the rules found, and the records an error makes invalid."""

    problems: list[Problem] = field(default_factory=list)
    invalid: pd.Series | None = None


@dataclass
class _Side:
    total: np.ndarray
    given: np.ndarray
    any_missing: np.ndarray
    all_missing: np.ndarray
    figures: int = 0  # how many figures it sums
    keeps: np.ndarray | bool = True  # the records keeping a figure of it (`left_out`)


def evaluate(
    rule: Rule,
    values: Mapping[str, Any],
    rows: int | None = None,
    lacking: Mapping[str, np.ndarray] | None = None,
) -> Verdict | None:
    """`rule` on each record of `values` (a DataFrame, or figure code -> column or scalar;
    `rows` records when it may hold no column); None when it does not apply (a side left
    with no figure, with `absent = "left_out"`). `lacking`: for a figure, the records
    whose table does not give it, where `left_out` leaves it out (a record keeping no
    figure of a side is not checked)."""
    shape = (rows,) if rows is not None else _shape(values)
    lacking = lacking if rule.absent == "left_out" and lacking else {}
    left = _side(rule.left, values, shape, rule.absent, lacking)
    right = _side(rule.right, values, shape, rule.absent, lacking)
    if left is None or right is None:
        return None
    if rule.op == "compulsory_pair":
        broken = left.given != right.given
    elif rule.op == "exclusive_pair":
        broken = left.given & right.given
    else:
        skip = {
            "skip_if_any": left.any_missing | right.any_missing,
            "skip_if_all": left.all_missing
            & right.all_missing
            & (left.figures + right.figures > 0),
            "never": np.zeros(shape, dtype=bool),
        }[rule.missing]
        broken = ~_holds(rule.op, left.total, right.total) & ~skip
    broken = broken & left.keeps & right.keeps
    return Verdict(left.total, right.total, left.given, right.given, broken)


def _shape(values: Mapping[str, Any]) -> tuple[int, ...]:
    if isinstance(values, pd.DataFrame):
        return (len(values),)
    return np.broadcast_shapes(*(np.shape(v) for v in values.values() if v is not None))


def _side(
    side: str,
    values: Mapping[str, Any],
    shape: tuple,
    absent: str,
    lacking: Mapping[str, np.ndarray],
) -> _Side | None:
    """A side's sum and which records give its figures."""
    numbers = sum(sign * term for sign, term in terms(side) if not isinstance(term, str))
    named = [(sign, term) for sign, term in terms(side) if isinstance(term, str)]
    kept = [(s, t) for s, t in named if t in values or absent == "missing"]
    if named and not kept:
        return None
    if not named:  # a side of numbers only is always given, and misses nothing of its own
        nothing = np.zeros(shape, bool)
        return _Side(np.full(shape, float(numbers)), ~nothing, nothing, ~nothing)
    found = None
    for sign, term in kept:
        column = np.broadcast_to(_floats(values.get(term)), shape)
        missing = np.isnan(column)
        value = np.where(missing, 0.0, column) if sign > 0 else np.where(missing, 0.0, -column)
        lack = lacking.get(term)
        given = ~missing
        counts, neutral = (missing, missing) if lack is None else (missing & ~lack, missing | lack)
        keeps = True if lack is None else ~lack
        if found is None:
            found = _Side(value, given, counts, neutral, len(kept), keeps)
            continue
        found.total = found.total + value
        found.given = found.given | given
        found.any_missing = found.any_missing | counts
        found.all_missing = found.all_missing & neutral
        found.keeps = found.keeps | keeps
    if numbers:
        found.total = found.total + numbers
    return found


def _floats(value: Any) -> np.ndarray:
    if value is None:
        return np.array(np.nan)
    if isinstance(value, pd.Series):
        return value.to_numpy(dtype="float64", na_value=np.nan)
    return np.asarray(value, dtype="float64")


_EXACT = {
    "==": lambda difference: difference == 0,
    "!=": lambda difference: difference != 0,
    "<": lambda difference: difference < 0,
    "<=": lambda difference: difference <= 0,
    ">": lambda difference: difference > 0,
    ">=": lambda difference: difference >= 0,
}


def _holds(op: str, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Where `left op right` holds, sums within a billionth of each other being equal (only
    the few records whose sums are that close are looked at again)."""
    if op == "needs":
        return ~((left > 0) & ~(right > 0))
    shape = np.shape(left)
    left, right = np.atleast_1d(left, right)
    difference = left - right
    holds = _EXACT[op](difference)
    band = max(_ABSOLUTE, _RELATIVE * max(_largest(left), _largest(right)))
    close = np.flatnonzero(np.abs(difference) <= band)
    if len(close):
        largest = np.maximum(np.abs(left[close]), np.abs(right[close]))
        equal = np.abs(difference[close]) <= np.maximum(_ABSOLUTE, _RELATIVE * largest)
        holds[close[equal]] = op in ("==", "<=", ">=")
    return holds.reshape(shape)


def _largest(values: np.ndarray) -> float:
    return float(max(values.max(), -values.min())) if values.size else 0.0


def check_rules(
    records: pd.DataFrame,
    rules: Sequence[Rule],
    tables: Sequence[Table],
    figures: Mapping[str, Figure] | None = None,
    levels: Sequence[str] = (),
    subtotals: pd.DataFrame | None = None,
    categories: Mapping[str, str] | None = None,
) -> Findings:
    """Each of `rules` on `records` (with `_table`, `_row`, and each level's unit names),
    the unit sums or the `subtotals` rows, as its scope says. `figures` give what the
    unit sums need (split_by, over_units) and the names of figures a table lacks;
    `categories` the column holding each category's value codes (its code, if not said)."""
    figures = figures or {}
    found = Findings(invalid=pd.Series(False, index=records.index))
    columns = _columns(records, [r for r in rules if r.scope != "subtotal"])
    written = [r for r in rules if r.scope == "subtotal"]
    if subtotals is None or subtotals.empty:
        subtotals, written = pd.DataFrame(), []
    totals = _columns(subtotals, written)
    for rule in rules:
        if rule.scope == "subtotal" and written:
            _report_rows(found, rule, subtotals, totals, tables, figures, mark=False)
        elif rule.scope == "unit" and not records.empty:
            groups = _unit_groups(records, rule, figures, levels, categories or {})
            _check_units(found, rule, records, columns, groups, tables, figures, levels)
        elif rule.scope == "row":
            _report_rows(found, rule, records, columns, tables, figures, mark=True)
    return found


def _lacking(
    frame: pd.DataFrame, rules: Sequence[Rule], tables: Sequence[Table]
) -> dict[str, np.ndarray]:
    """For each figure a `left_out` rule names, the records whose table does not give it."""
    codes = dict.fromkeys(c for r in rules if r.absent == "left_out" for c in r.codes)
    if not codes or frame.empty:
        return {}
    numbers = frame["_table"].to_numpy().astype(np.int64)
    return {
        code: np.array([code not in t.mapping.fields for t in tables])[numbers] for code in codes
    }


def _columns(frame: pd.DataFrame, rules: Sequence[Rule]) -> dict[str, np.ndarray]:
    """The figures `rules` name that `frame` has, as float64 arrays (each converted once)."""
    codes = dict.fromkeys(code for rule in rules for code in rule.codes)
    return {code: _floats(frame[code]) for code in codes if code in frame}


def _report_rows(
    found: Findings,
    rule: Rule,
    frame: pd.DataFrame,
    columns: Mapping[str, np.ndarray],
    tables: Sequence[Table],
    figures: Mapping[str, Figure],
    mark: bool,
) -> None:
    verdict = evaluate(rule, columns, len(frame), _lacking(frame, [rule], tables))
    if verdict is None or not verdict.broken.any():
        return
    at = np.flatnonzero(verdict.broken)
    found.problems.extend(_problems(rule, frame, columns, at, at, verdict, tables, figures))
    if mark and rule.severity == "error":
        found.invalid |= pd.Series(verdict.broken, index=frame.index)


def _check_units(
    found: Findings,
    rule: Rule,
    records: pd.DataFrame,
    columns: Mapping[str, np.ndarray],
    group_of: np.ndarray,
    tables: Sequence[Table],
    figures: Mapping[str, Figure],
    levels: Sequence[str],
) -> None:
    """The rule on each lowest unit's sums, located at its first record giving a figure of
    the left side."""
    count = int(group_of.max()) + 1
    verdict = evaluate(rule, _unit_sums(columns, rule, figures, group_of, count), count)
    if verdict is None or not verdict.broken.any():
        return
    broken_groups = np.flatnonzero(verdict.broken)
    at = _first_giving(columns, rule, group_of, count)[broken_groups]
    words = {"where": _unit_words(records, at, levels)}
    found.problems.extend(
        _problems(rule, records, columns, at, broken_groups, verdict, tables, figures, words)
    )
    if rule.severity == "error":
        found.invalid |= pd.Series(np.isin(group_of, broken_groups), index=records.index)


def _unit_groups(
    records: pd.DataFrame,
    rule: Rule,
    figures: Mapping[str, Figure],
    levels: Sequence[str],
    categories: Mapping[str, str],
) -> np.ndarray:
    """Each record's group, numbered from 0: its lowest unit, and the categories splitting
    all the rule's figures."""
    lowest = f"_unit_{levels[-1]}" if levels else None
    keys = [lowest] if lowest in records else [lv for lv in levels if lv in records]
    declared = [figures[c].split_by for c in rule.codes if c in figures]
    shared = set.intersection(*map(set, declared)) if declared else set()
    keys += [c for c in (categories.get(c, c) for c in sorted(shared)) if c in records]
    if not keys:
        return np.zeros(len(records), dtype=np.int64)
    grouped = records.groupby(keys, sort=False, dropna=False, observed=True)
    return grouped.ngroup().to_numpy()


def _unit_sums(
    columns: Mapping[str, np.ndarray],
    rule: Rule,
    figures: Mapping[str, Figure],
    group_of: np.ndarray,
    count: int,
) -> dict[str, np.ndarray]:
    """Each group's figures: summed where given (blank where none is), or the first given
    for a figure taken once per lowest unit."""
    sums = {}
    for code in [c for c in dict.fromkeys(rule.codes) if c in columns]:
        values = columns[code]
        given = ~np.isnan(values)
        if code in figures and figures[code].taken_once:
            rows = np.flatnonzero(given)
            groups, first = np.unique(group_of[rows], return_index=True)
            total = np.full(count, np.nan)
            total[groups] = values[rows[first]]
        else:
            total = np.bincount(group_of, np.where(given, values, 0.0), count)
            total[np.bincount(group_of[given], minlength=count) == 0] = np.nan
        sums[code] = total
    return sums


def _first_giving(
    columns: Mapping[str, np.ndarray], rule: Rule, group_of: np.ndarray, count: int
) -> np.ndarray:
    """Each group's first record giving a figure of the left side, else its first record."""
    left = [t for _, t in terms(rule.left) if isinstance(t, str) and t in columns]
    gives = np.zeros(len(group_of), dtype=bool)
    for code in left:
        gives |= ~np.isnan(columns[code])
    first = np.zeros(count, dtype=np.int64)
    for rows in (np.arange(len(group_of)), np.flatnonzero(gives)):  # the giving ones win
        groups, found = np.unique(group_of[rows], return_index=True)
        first[groups] = rows[found]
    return first


def _unit_words(records: pd.DataFrame, at: np.ndarray, levels: Sequence[str]) -> list[dict]:
    names = [records[lv].iloc[at].astype(str).tolist() for lv in levels if lv in records]
    paths = [" / ".join(path) for path in zip(*names, strict=True)] if names else [""] * len(at)
    return [{key: text.format(unit=p) for key, text in RULE_WORDS["unit"].items()} for p in paths]


def _problems(
    rule: Rule,
    frame: pd.DataFrame,
    columns: Mapping[str, np.ndarray],
    at: np.ndarray,
    picks: np.ndarray,
    verdict: Verdict,
    tables: Sequence[Table],
    figures: Mapping[str, Figure],
    extra: Mapping[str, list] | None = None,
) -> list[Problem]:
    """One problem for each record at positions `at` of `frame`, with the verdict's values
    at positions `picks`."""
    left_codes = [t for _, t in terms(rule.left) if isinstance(t, str)]
    right_codes = [t for _, t in terms(rule.right) if isinstance(t, str)]
    table_numbers = frame["_table"].to_numpy()[at].astype(np.int64).tolist()
    rows = frame["_row"].to_numpy()[at].astype(np.int64).tolist()
    groups = frame["organization"].iloc[at].to_numpy() if "organization" in frame else None
    given = {c: ~np.isnan(columns[c][at]) for c in left_codes if c in columns}
    headers = _Headers(tables, figures)
    code = rule.problem or rule.code
    problems = []
    for n, (table_number, row, pick) in enumerate(zip(table_numbers, rows, picks, strict=True)):
        table, group = tables[table_number], None if groups is None else _group(groups[n])
        first = next((c for c in left_codes if c in given and given[c][n]), None)
        left_given, right_given = bool(verdict.left_given[pick]), bool(verdict.right_given[pick])
        left = _plain(verdict.left[pick]) if left_given else None
        right = _plain(verdict.right[pick]) if right_given else None
        sides = {
            "left_expr": headers.expression(rule.left, table_number, group),
            "right_expr": headers.expression(rule.right, table_number, group),
        }
        params = {
            "limit_column": headers.column(right_codes, table_number, group),
            "limit_value": right,
            "left": left if left_given else RULE_WORDS["blank"],
            "right": right if right_given else RULE_WORDS["blank"],
            **sides,
            "relation": _relation(rule.op, sides),
            "where": "",
        }
        for key, codes in (("left", left_codes), ("right", right_codes)):
            params[f"{key}_said"] = _side_said(sides[f"{key}_expr"], params[key], bool(codes))
        if rule.problem is None:
            params["rule"] = rule.message.model_dump()
        for key, values in (extra or {}).items():
            params[key] = values[n]
        column = headers.column([first] if first else left_codes, table_number, group)
        problems.append(
            Problem(rule.severity, code, table.file, table.sheet, row, column, left, params)
        )
    return problems


def _side_said(expression: Mapping[str, str], value: Any, named: bool) -> dict[str, str]:
    """A side and its value in both languages: "«Nữ» = 130"; a side naming no figure is
    its number alone ("0", not "0 = 0")."""
    said = {}
    for lang in ("vi", "en"):
        if not named:
            said[lang] = expression[lang]
            continue
        shown = value[lang] if isinstance(value, Mapping) else str(value)
        shown = shown.replace(".", ",") if lang == "vi" and isinstance(value, float) else shown
        said[lang] = f"{expression[lang]} = {shown}"
    return said


def _relation(op: str, sides: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """What the rule asks, in both languages: "«A» ≤ «B»"."""
    compared = f"{{left_expr}} {_SYMBOLS.get(op)} {{right_expr}}"
    words = {lang: RULE_RELATIONS.get(op, {}).get(lang, compared) for lang in ("vi", "en")}
    return {
        lang: text.format(left_expr=sides["left_expr"][lang], right_expr=sides["right_expr"][lang])
        for lang, text in words.items()
    }


class _Headers:
    """Headers as written in each table, looked up once each."""

    def __init__(self, tables: Sequence[Table], figures: Mapping[str, Figure]) -> None:
        self.tables = tables
        self.figures = figures
        self.known: dict[tuple, str | None] = {}

    def header(self, code: str, table: int, group: object) -> str | None:
        key = (code, table, group)
        if key not in self.known:
            mapping = self.tables[table].mapping
            self.known[key] = mapping.header_of(code, group) if code in mapping.fields else None
        return self.known[key]

    def column(self, codes: Sequence[str], table: int, group: object) -> str | None:
        """The header of the first of `codes` (its code where its table has none)."""
        if not codes:
            return None
        return self.header(codes[0], table, group) or codes[0]

    def expression(self, side: str, table: int, group: object) -> dict[str, str]:
        """A side as the sheet names it: «Vững mạnh» + «Khá» (a figure the table lacks by
        its declared label)."""
        texts = {}
        for lang, (opening, closing) in (("vi", ("«", "»")), ("en", ("'", "'"))):
            parts = []
            for sign, term in terms(side):
                if isinstance(term, str):
                    figure = self.figures.get(term)
                    name = self.header(term, table, group)
                    name = name or (figure.labels(lang) if figure else term)
                    word = f"{opening}{name}{closing}"
                else:
                    word = str(_plain(term))
                    word = word.replace(".", ",") if lang == "vi" else word
                if parts:
                    parts.append(("- " if sign < 0 else "+ ") + word)
                else:
                    parts.append(("-" if sign < 0 else "") + word)
            texts[lang] = " ".join(parts)
        return texts


def _group(value: object) -> object:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def _plain(value: float) -> int | float:
    """A sum as shown: 0.1 + 0.2 is 0.3, 5.0 is 5."""
    value = round(float(value), 9)
    return int(value) if value.is_integer() else value
