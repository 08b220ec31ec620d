"""Where a TOML text writes its tables and keys (their lines, for a template's mistakes),
and tomllib's syntax errors as problems at the line of the mistake."""

from __future__ import annotations

import re

from danvan_cli.kinds.declaration import Loc
from danvan_cli.model.problems import Problem

NOTHING = {"vi": "", "en": ""}  # a param said in neither language


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
    return Problem("error", "template_syntax", file=file, row=row, params=params)


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
