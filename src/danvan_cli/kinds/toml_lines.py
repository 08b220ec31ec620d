"""Where a TOML text writes its tables and keys (their lines, for the mistakes of a
template or a run's config), tomllib's syntax errors as problems at the line of the mistake,
and pydantic's errors that any TOML file can have (a key missing, not known, of the wrong
type, a value not among the choices) as problem codes."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from typing import Any, get_args

from danvan_cli.model.declaration import Loc
from danvan_cli.model.messages import TEMPLATE_WANTED, label
from danvan_cli.model.problems import Problem

NOTHING = {"vi": "", "en": ""}  # a param said in neither language
LANGS = ("vi", "en")
# pydantic's error types, as the kind of value a key wants (messages.TEMPLATE_WANTED).
_WANTED = {
    "string_type": "text",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "int_type": "number",
    "int_parsing": "number",
    "float_type": "number",
    "float_parsing": "number",
    "tuple_type": "list",
    "list_type": "list",
    "model_type": "table",
    "dict_type": "table",
    "model_attributes_type": "table",
}


def common_mistake(
    error: Any,
    loc: Loc,
    model: Any,
    choices: Mapping[str, tuple[str, ...]],
    prefix: str,
    renamed: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[str, dict[str, Any]] | None:
    """The code (`prefix`_...) and values of a mistake any TOML file read into the pydantic
    `model` can have at `loc` (where the file writes it), or None for another mistake:
    a key missing, one the table does not know (the closest it knows suggested), a value
    not among `choices` (by key; else pydantic's), an infinite number, an empty list, a
    value of the wrong type. `renamed`: fields the file writes as other keys (`known_keys`)."""
    kind = error["type"]
    params = {"key": key_of(loc), "value": shown_value(error)}
    if kind == "missing":
        return f"{prefix}_missing_key", params
    if kind == "extra_forbidden":
        known = known_keys(model, loc, renamed)
        closest = _closest_key(params["key"], known)
        if closest:
            return f"{prefix}_misspelt_key", {**params, "closest": closest[0]}
        return f"{prefix}_unknown_key", {**params, "known": ", ".join(known)}
    if kind == "literal_error":
        said = ", ".join(choices.get(params["key"], ())) or error["ctx"]["expected"]
        return f"{prefix}_bad_choice", {**params, "choices": said}
    if kind == "finite_number":
        return f"{prefix}_not_finite", params
    if kind == "too_short":
        return f"{prefix}_empty", params
    if kind in _WANTED:
        wanted = {f"wanted_{lang}": label(TEMPLATE_WANTED, _WANTED[kind], lang) for lang in LANGS}
        return f"{prefix}_wrong_type", {**params, **wanted}
    return None


def misspelt_not_missing(
    errors: list[Any], model: Any, renamed: Mapping[str, tuple[str, ...]] | None = None
) -> list[Any]:
    """pydantic's `errors` without a key's "missing" where its table writes it misspelt
    (`over_tiem` for `over_time`): the misspelt key's own mistake names it already."""
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            closest = _closest_key(key_of(loc), known_keys(model, loc, renamed))
            misspelt |= {(*loc[:-1], key) for key in closest}
    return [e for e in errors if e["type"] != "missing" or tuple(e["loc"]) not in misspelt]


def _closest_key(key: str, known: list[str]) -> list[str]:
    """The known key a key not known is taken for ("over_tiem": "over_time"), if any."""
    return difflib.get_close_matches(key, known, n=1, cutoff=0.6)


def key_of(loc: Loc) -> str:
    """The last key of a loc (('figures', 0, 'unit') -> 'unit')."""
    return str(next((part for part in reversed(loc) if isinstance(part, str)), ""))


def shown_value(error: Any) -> str:
    """The value at fault as the file writes it (shortened)."""
    value = error.get("input")
    text = "{…}" if isinstance(value, dict) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def known_keys(
    model: Any, loc: Loc, renamed: Mapping[str, tuple[str, ...]] | None = None
) -> list[str]:
    """The keys a table at `loc` of the pydantic `model` may hold, as the file writes them
    (`renamed`: a field the file writes as other keys, `labels` as `vi` and `en`)."""
    renamed = renamed or {}
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        args = get_args(field.annotation) if field else ()
        model = next((a for a in (field.annotation, *args) if hasattr(a, "model_fields")), None)
        if model is None:
            return []
    keys = [k for k in model.model_fields if k not in renamed]
    return [*keys, *(key for k in model.model_fields if k in renamed for key in renamed[k])]


def line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    """The line where `loc` or the nearest table or key holding it is written."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def syntax_problem(file: str, text: str, said: str) -> Problem:
    """tomllib's error, at the line it names ("... (at line 3, column 9)"); a key or table
    written twice named with its first line; a bracket left open at the line it opens (tomllib
    finds it missing on a later line)."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", said)
    lines = text.splitlines()
    row = int(found.group(1)) if found else max(1, len(lines))
    detail = said[: found.start()] if found else re.sub(r"\s*\(at end of document\)$", "", said)
    if detail.startswith("Cannot "):
        return _twice_problem(file, lines, row)
    if detail in _UNCLOSED:
        opening, closing = _UNCLOSED[detail]
        row = _opened_at(lines, row) or row
        params = {"opening": opening, "closing": closing}
        return Problem("error", "template_unclosed", file=file, row=row, params=params)
    column = int(found.group(2)) if found else None
    place = {"vi": f", cột {column}", "en": f", column {column}"} if column else NOTHING
    params = {"detail": detail, "at": column or "", "place": place}
    code = "template_backslash" if detail in _BAD_ESCAPE else "template_syntax"
    return Problem("error", code, file=file, row=row, params=params)


# tomllib's words for a backslash in double quotes that starts no escape ("D:\BaoCao",
# "C:\Users"): a Windows path or a regular expression typed as written.
_BAD_ESCAPE = {"Unescaped '\\' in a string", "Invalid hex value"}


_UNCLOSED = {"Unclosed array": ("[", "]"), "Unclosed inline table": ("{", "}")}


def _opened_at(lines: list[str], row: int) -> int | None:
    """The line where a value still open before line `row` begins, None if none is."""
    value, start = _Value(), None
    for number, line in enumerate(lines[: row - 1], start=1):
        if value.open:
            value.scan(line)
            continue
        key = None if _HEADER.match(line) else _DOTTED.match(line)
        if key:
            start = number
            value.scan(line[key.end() :])
    return start if value.open else None


def _twice_problem(file: str, lines: list[str], row: int) -> Problem:
    """A key or table written twice, at line `row`: which, and where it was first written.
    A table written once `[figures]` and once `[[figures]]` is told at the single one."""
    line = lines[row - 1] if row <= len(lines) else ""
    header = _HEADER.match(line)
    if header:
        name, array = _dotted(header.group(2)), header.group(1) == "[["
        earlier = [
            (n, m.group(1) == "[[")
            for n, m in ((n, _HEADER.match(lines[n - 1])) for n in range(1, row))
            if m and _dotted(m.group(2)) == name
        ]
        other, other_array = earlier[-1] if earlier else (None, array)
        if other is not None and other_array != array:
            single, listed = (row, other) if not array else (other, row)
            params = {"key": name, "other_line": listed}
            code = "template_table_not_array"
            return Problem("error", code, file=file, row=single, params=params)
        params = {"key": name, "other_line": other or ""}
        return Problem("error", "template_table_twice", file=file, row=row, params=params)
    key = _DOTTED.match(line)
    name = _dotted(key.group(1)) if key else ""
    other = None
    for number in range(row - 1, 0, -1):
        if _HEADER.match(lines[number - 1]):
            break
        written = _DOTTED.match(lines[number - 1])
        if written and _dotted(written.group(1)) == name:
            other = number
            break
    earlier = {"vi": f" (lần trước ở dòng {other})", "en": f" (first on line {other})"}
    params = {"key": name, "earlier": earlier if other else NOTHING}
    return Problem("error", "template_key_twice", file=file, row=row, params=params)


def _dotted(written: str) -> str:
    return ".".join(_parts(written))


# --- where each table and key is written --------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE}|\"[^\"]*\"|'[^']*')"
_DOTTED = re.compile(rf"^\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]?")


def key_lines(text: str) -> dict[Loc, int]:
    """The line (1-based) of each table and key of a TOML text that tomllib has read, by
    their place in the data: ('figures', 1) for the second `[[figures]]`, ('figures', 1,
    'unit') for its `unit = ...`."""
    lines: dict[Loc, int] = {}
    last: dict[Loc, int] = {}  # each array of tables: the index of its last table
    table: Loc = ()
    open_value = _Value()
    for number, line in enumerate(text.splitlines(), start=1):
        if open_value.open:
            open_value.scan(line)
            continue
        header = _HEADER.match(line)
        if header:
            array = header.group(1) == "[["
            table = _table_loc(_parts(header.group(2)), array, last)
            lines.setdefault(table[:-1] if array else table, number)
            lines.setdefault(table, number)
            continue
        key = _DOTTED.match(line)
        if key:
            parts = _parts(key.group(1))
            for end in range(1, len(parts) + 1):
                lines.setdefault((*table, *parts[:end]), number)
            open_value.scan(line[key.end() :])
    return lines


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(rf"\s*{_KEY}\s*", dotted))


def _table_loc(parts: tuple[str, ...], array: bool, last: dict[Loc, int]) -> Loc:
    loc: Loc = ()
    for part in parts[:-1]:
        loc = (*loc, part)
        if loc in last:
            loc = (*loc, last[loc])
    loc = (*loc, parts[-1])
    if not array:
        return loc
    last[loc] = last.get(loc, -1) + 1
    return (*loc, last[loc])  # the array itself is where its first table is


class _Value:
    """A value being read over lines: open brackets and multi-line strings."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None  # the delimiter of a multi-line string read

    @property
    def open(self) -> bool:
        return self.depth > 0 or self.quote is not None

    def scan(self, text: str) -> None:
        position = 0
        while position < len(text):
            if self.quote is not None:
                end = _string_end(text, position, self.quote)
                if end < 0:
                    return
                self.quote, position = None, end
                continue
            char = text[position]
            if char == "#":
                return
            if text.startswith(('"""', "'''"), position):
                self.quote, position = text[position : position + 3], position + 3
            elif char in "\"'":
                end = _string_end(text, position + 1, char)
                position = end if end >= 0 else len(text)
            else:
                self.depth += (char in "[{") - (char in "]}")
                position += 1


def _string_end(text: str, start: int, quote: str) -> int:
    """The index after the `quote` closing a string that goes on at `start` (-1: not on
    this line). Basic strings take escapes."""
    position = start
    while position < len(text):
        if quote[0] == '"' and text[position] == "\\":
            position += 2
            continue
        if text.startswith(quote, position):
            return position + len(quote)
        position += 1
    return -1
