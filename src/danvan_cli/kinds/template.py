"""A report kind from a TOML template (mẫu báo cáo) that office staff write.

The file declares a kind in `declaration`'s terms, with names written as `vi = "..."` and
`en = "..."` (English may be left out: the Vietnamese is used) where the declaration has
`labels` (a rule's `message`). Every mistake is a `Problem` whose `row` is the line of the
file where the table or key at fault is written: TOML syntax, a key not known or missing, a
value not among the choices, a code, reference or wording that does not hold together
(`declaration.inconsistencies`). A ratio given `over_time`, `over_units` or `unit` is a
mistake of its own: a ratio is recomputed from its numerator and denominator at every level
and period, never carried itself. A percent ratio whose numerator and denominator are not
carried alike over time (a flow over a stock) is a warning: over a quarter it would divide
three months' sum by the last month's value.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from danvan_cli.ingest.paths import TABLE_FILE_SUFFIXES
from danvan_cli.kinds.toml_lines import (
    NOTHING,
    common_mistake,
    key_lines,
    key_of,
    line_of,
    misspelt_not_missing,
    shown_value,
    syntax_problem,
)
from danvan_cli.model import declaration
from danvan_cli.model.declaration import (
    Inconsistency,
    Loc,
    ReportKind,
    split_twice,
    unnamed_figures,
)
from danvan_cli.model.messages import REGEX_REASONS, os_reason
from danvan_cli.model.problems import Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Codes of the problems that mean the template could not be read at all (exit code 2).
UNREADABLE = frozenset(
    {"template_not_found", "template_unreadable", "template_not_utf8", "template_is_spreadsheet"}
)
# How a workbook file starts (an .xlsx or .ods is a zip archive, an .xls an OLE2 file),
# whatever its name.
_WORKBOOK_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")

# The choices of each key that takes one, as the declaration has them.
CHOICES: dict[str, tuple[str, ...]] = {
    "unit": get_args(declaration.Unit),
    "over_units": get_args(declaration.OverUnits),
    "over_time": get_args(declaration.OverTime),
    "op": get_args(declaration.Operator),
    "importance": get_args(declaration.Importance),
    "missing": get_args(declaration.Missing),
    "scope": get_args(declaration.Scope),
    "absent": get_args(declaration.Absent),
    "levels": declaration.LEVELS,
}
# Keys that say how a figure is carried: never on a ratio, which is recomputed.
CARRYING = ("over_time", "over_units", "unit")
# Tables whose names are written `vi` and `en`, and the declaration's key for them.
_NAMED = {"figures": "labels", "categories": "labels", "ratios": "labels", "rules": "message"}
LANGS = ("vi", "en")
# The keys a template writes for the declaration's names. The shipped kinds' own keys it
# never writes: `outputs`, their JSON and CSV contract (a template's outputs always carry
# its name and version, so a figure is traced to the rules that checked it), and `reading`
# (a template's tables are read as it declares).
_RENAMED = {"labels": LANGS, "message": LANGS, "outputs": (), "reading": ()}


@dataclass(frozen=True)
class Template:
    """What a template file declares (`kind`, None when it has errors) and its problems."""

    path: Path
    kind: ReportKind | None
    problems: list[Problem]

    @property
    def unreadable(self) -> bool:
        return any(p.code in UNREADABLE for p in self.problems)


class TemplateError(Exception):
    """A template that declares no kind; `problems` says why, line by line."""

    def __init__(self, template: Template) -> None:
        super().__init__(f"{template.path}: {len(template.problems)} problem(s)")
        self.template = template


def example_text() -> str:
    """The commented example template `danvan template init` writes."""
    return resources.files("danvan_cli.kinds").joinpath("example.toml").read_text("utf-8")


def load_template(path: str | Path) -> ReportKind:
    """The kind a template file declares; TemplateError when it has errors."""
    template = read_template(path)
    if template.kind is None:
        raise TemplateError(template)
    return template.kind


def read_template(path: str | Path) -> Template:
    """Read and check a template file: the kind it declares, or its mistakes by line."""
    path = Path(path)
    name = str(path)
    spreadsheet = Template(path, None, [Problem("error", "template_is_spreadsheet", file=name)])
    if path.suffix.lower() in TABLE_FILE_SUFFIXES and path.is_file():
        return spreadsheet  # not read: a workbook may be large
    try:
        raw = path.read_bytes()
        if raw.startswith(_WORKBOOK_STARTS):
            return spreadsheet
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        return Template(path, None, [Problem("error", "template_not_found", file=name)])
    except UnicodeDecodeError:
        return Template(path, None, [Problem("error", "template_not_utf8", file=name)])
    except OSError as error:
        reasons = {f"reason_{lang}": os_reason(error, lang) for lang in LANGS}
        problem = Problem("error", "template_unreadable", file=name, params=reasons)
        return Template(path, None, [problem])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Template(path, None, [syntax_problem(name, text, str(error))])
    return _declared(path, data, key_lines(text))


def _declared(path: Path, data: dict[str, Any], lines: dict[Loc, int]) -> Template:
    name = str(path)
    unwritten = [k for k, written in _RENAMED.items() if not written and k in data]
    errors = [{"type": "extra_forbidden", "loc": (k,), "input": data[k]} for k in unwritten]
    try:
        kind = ReportKind.model_validate(_as_declaration(data))
    except ValidationError as error:
        errors += error.errors()
    if errors:
        errors = misspelt_not_missing(errors, ReportKind, _RENAMED)
        problems = [p for e in errors for p in _problems(e, data, lines, name)]
        return Template(path, None, sorted(problems, key=lambda p: p.row or 0))
    found = [*split_twice(kind), *unnamed_figures(kind)]
    refused = [_inconsistency(one, data, lines, name) for one in found]
    if refused:
        return Template(path, None, refused)
    return Template(path, kind, list(_warnings(kind, lines, name)))


# --- the file's shape as the declaration's ------------------------------------------------


def _as_declaration(data: dict[str, Any]) -> dict[str, Any]:
    """The template's data in the declaration's shape: `vi`/`en` keys become `labels`
    (`message` for a rule), a version written as a number is text."""
    kind = _named(data, "labels")
    if isinstance(kind.get("version"), (int, float)) and not isinstance(kind["version"], bool):
        kind["version"] = str(kind["version"])
    for group, key in _NAMED.items():
        if isinstance(kind.get(group), list):
            kind[group] = [_named(item, key) for item in kind[group]]
    for category in kind.get("categories") or ():
        if isinstance(category, dict) and isinstance(category.get("values"), list):
            category["values"] = [_named(value, "labels") for value in category["values"]]
    return kind


def _named(table: Any, key: str) -> Any:
    """A table with its `vi` and `en` keys under `key`; English defaults to Vietnamese."""
    if not isinstance(table, dict) or not ({"vi", "en"} & table.keys()):
        return table  # `key` missing: said as `vi` missing (`_file_loc`)
    names = {lang: table[lang] for lang in ("vi", "en") if lang in table}
    if "en" not in names and isinstance(names.get("vi"), str):
        names["en"] = names["vi"]
    return {**{k: v for k, v in table.items() if k not in ("vi", "en")}, key: names}


def _file_loc(loc: Loc) -> Loc:
    """Where the declaration's `loc` is written in the file: ('rules', 0, 'message', 'vi')
    is written ('rules', 0, 'vi'); ('rules', 0, 'message') alone is its `vi`."""
    for index, part in enumerate(loc):
        if part in ("labels", "message"):
            rest = loc[index + 1 :] if loc[index + 1 : index + 2] in (("vi",), ("en",)) else ()
            return (*loc[:index], *(rest or ("vi",)))
    return loc


# --- mistakes as problems -------------------------------------------------------------------


def _problems(
    error: Any, data: dict[str, Any], lines: dict[Loc, int], file: str
) -> Iterator[Problem]:
    """The problems one of pydantic's errors stands for, at their lines."""
    if error["type"] == "kind_inconsistent":
        for found in error["ctx"]["found"]:
            yield _inconsistency(found, data, lines, file)
        return
    loc = _file_loc(tuple(error["loc"]))
    code, params = _mistake(error, loc)
    table = _table(loc, data) or None
    yield Problem("error", code, file=file, row=line_of(loc, lines), column=table, params=params)


def _mistake(error: Any, loc: Loc) -> tuple[str, dict[str, Any]]:
    """The code and values of a mistake in one table or key."""
    kind, key = error["type"], key_of(loc)
    params: dict[str, Any] = {"key": key, "value": shown_value(error)}
    if kind == "missing" and key in ("figures", "values"):
        table = "categories.values" if key == "values" else key
        return "template_missing_tables", {**params, "table": table}
    if kind == "extra_forbidden" and loc[0] == "ratios" and key in CARRYING:
        return "template_ratio_carried", params
    if kind == "literal_error" and key == "over_time":
        return "template_bad_over_time", params
    common = common_mistake(error, loc, ReportKind, CHOICES, "template", _RENAMED)
    if common is not None:
        return common
    if key in ("left", "right"):
        return "template_bad_side", params
    if kind == "bad_pattern":
        pattern, position = error["ctx"]["pattern"], error["ctx"]["position"]
        reason = REGEX_REASONS.get(error["ctx"]["reason"], NOTHING)
        return "template_bad_pattern", {**params, "pattern": pattern, "position": position} | {
            "reason": reason
        }
    return "template_wrong_value", {**params, "reason": error["msg"]}


def _inconsistency(
    found: Inconsistency, data: dict[str, Any], lines: dict[Loc, int], file: str
) -> Problem:
    params = {**found.params, "key": found.loc[-1]}
    if "other" in params:
        params["other_line"] = line_of(params.pop("other"), lines)
    code = f"template_{found.code}"
    if found.code in ("unknown_figure", "unknown_category"):
        group = "figures" if found.code == "unknown_figure" else "categories"
        params["known"] = ", ".join(_codes(data.get(group)))
    if found.code == "unknown_category" and not params["known"]:  # none to choose from
        code = "template_no_categories"
    row, table = line_of(found.loc, lines), _table(found.loc, data) or None
    return Problem("error", code, file=file, row=row, column=table, params=params)


def _codes(tables: Any) -> list[str]:
    """The codes a list of tables declares."""
    if not isinstance(tables, list):
        return []
    codes = [t.get("code") for t in tables if isinstance(t, dict)]
    return list(dict.fromkeys(code for code in codes if isinstance(code, str)))


def _table(loc: Loc, data: dict[str, Any]) -> str:
    """The table a loc is in, as the file heads it: '[[figures]] houses', or '' at the top."""
    path, node, names = [], data, []
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                break
            node = node[part]
            code = node.get("code") if isinstance(node, dict) else None
            names.append(f"[[{'.'.join(path)}]] {code}" if isinstance(code, str) else "")
        elif isinstance(node, dict) and isinstance(node.get(part), (list, dict)):
            path.append(part)
            node = node[part]
        else:
            break
    return next((name for name in reversed(names) if name), "")


def _warnings(kind: ReportKind, lines: dict[Loc, int], file: str) -> Iterator[Problem]:
    """A percent ratio whose numerator and denominator are carried unlike over time."""
    for index, ratio in enumerate(kind.ratios):
        over = [kind.figure(code).over_time for code in (ratio.numerator, ratio.denominator)]
        if ratio.percent and over[0] != over[1]:
            params = {"ratio": ratio.code, "numerator": ratio.numerator, "over": over[0]}
            params |= {"denominator": ratio.denominator, "under": over[1]}
            row = line_of(("ratios", index), lines)
            yield Problem("warning", "template_ratio_mixed", file=file, row=row, params=params)
