"""Problems found along the way (lỗi, cảnh báo): one value type, rendered at the end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from danvan_cli.model.messages import (
    FIELD_LABELS,
    LEVEL_LABELS,
    ORGANIZATION_LABELS,
    label,
    render_message,
    ui,
)

Severity = Literal["error", "warning"]

# Codes that mean the input could not be read at all: the command ends with exit code 2.
UNREADABLE_CODES = frozenset(
    {
        "file_not_found",
        "unsupported_format",
        "no_input",
        "only_lock_files",  # nothing named but Excel's lock files
        "sheet_not_found",  # --sheet names a sheet the file does not have: a usage error
    }
)
# Of those, a file that could not be read: with --skip-invalid it is listed and the other
# files are summed (exit code 1, as for skipped rows).
UNREADABLE_FILE_CODES = frozenset(
    {
        "file_unreadable",
        "file_reader_died",  # its reading process ended abruptly (a decoder's abort)
        "file_no_permission",
        "file_empty",
        "file_misnamed",
        "csv_encoding",  # a CSV file that cannot be read as UTF-8
    }
)
UNREADABLE_CODES |= UNREADABLE_FILE_CODES


# Warnings that only say how a table was read (what was read but not added, where a name
# came from): on the console, a note many files share is said once (terminal.py), and
# `--quiet` leaves notes out; JSON and the .xlsx problems sheet list every one.
NOTE_CODES = frozenset(
    {
        "subtotal_rows",
        "subtotal_rows_unchecked",
        "unit_from_title",
        "organization_from_title",
        "unit_from_config",
        "unit_spellings",
        "header_ratio_ignored",
        "column_no_figures",  # words or nothing: "Ghi chú" beside the figures
        "column_notes_figures",
        "signature_block",
        "lock_file_skipped",
    }
)


@dataclass(frozen=True)
class Problem:
    """One finding about the input, located as a spreadsheet user would find it.

    `row` is the row number Excel shows (1-based); `column` is the header as written.
    `params` fills the message template of `code` (see `model.messages`).
    """

    severity: Severity
    code: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return render_message(self._words, lang, self._template_values(lang))

    def expected(self, lang: str = "vi") -> str | None:
        return render_message(self._words, lang, self._template_values(lang), part="expected")

    @property
    def _words(self) -> str:
        """The message's code: a declared rule's problem (its message in `rule`) is worded
        as `rule_broken`; a figure with decimals' number as `<code>_decimals`."""
        if "rule" in self.params:
            return "rule_broken"
        return f"{self.code}_decimals" if self.params.get("decimals") else self.code

    def _template_values(self, lang: str) -> dict[str, Any]:
        """Params as the message shows them: codes become words, places become text, a
        {"vi": ..., "en": ...} param the words of `lang`."""
        values = {"column": self.column, "value": _json_value(self.value), **self.params}
        for key, value in values.items():
            if isinstance(value, Mapping) and value.keys() == {"vi", "en"}:
                values[key] = value[lang if lang == "en" else "vi"]
        if lang == "vi":  # 1,5 as Vietnamese write it, not 1.5
            for key in ("value", "computed", "limit_value", "other_value", "left", "right"):
                if isinstance(values.get(key), float):
                    values[key] = str(values[key]).replace(".", ",")
        if "organization" in values:
            values["organization"] = label(ORGANIZATION_LABELS, values["organization"], lang)
        if "level" in values:
            values["level_label"] = label(LEVEL_LABELS, values["level"], lang)
        for key in ("levels", "present"):
            if key in values:
                names = str(values[key]).split(", ") if values[key] else []
                values[key] = ", ".join(label(LEVEL_LABELS, n, lang) for n in names)
        for name in ("field", "status", "limit_status", "category"):
            if name in values:  # a code, or a list of codes (a category of models)
                codes = values[name] if isinstance(values[name], (list, tuple)) else [values[name]]
                values[f"{name}_label"] = ", ".join(label(FIELD_LABELS, c, lang) for c in codes)
        if "other_row" in values:
            values["other_place"] = place_text(
                values.get("other_file"), values.get("other_sheet"), values["other_row"], lang
            )
        return values

    @property
    def is_note(self) -> bool:
        return self.severity == "warning" and self.code in NOTE_CODES

    @property
    def shown_as(self) -> str:
        """What the user is told it is (Lỗi, Cảnh báo, Ghi chú): "error", "warning", or
        "note" for a warning that only says how a table was read. JSON keeps `severity`."""
        return "note" if self.is_note else self.severity

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The JSON contract's problem object."""
        return {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": _json_value(self.value),
            "code": self.code,
            "message": self.message(lang),
            "expected": self.expected(lang),
        }


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return str(value)


def place_text(file: str | None, sheet: str | None, row: int | None, lang: str) -> str:
    """ "tệp.xlsx, trang «Số liệu», dòng 12" in the user's language."""
    parts = [file] if file else []
    if sheet:
        parts.append(f"{ui('sheet', lang).lower()} «{sheet}»")
    if row is not None:
        parts.append(ui("place", lang, row=row))
    return ", ".join(parts)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def is_unreadable(problems: Iterable[Problem], skip_invalid: bool = False) -> bool:
    """An input could not be read; with `skip_invalid`, only a usage mistake counts (a file
    named that is not there, a sheet it does not have)."""
    codes = UNREADABLE_CODES - UNREADABLE_FILE_CODES if skip_invalid else UNREADABLE_CODES
    return any(p.code in codes for p in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order by file, sheet, row, then errors before warnings; each problem once (a wide
    row read as one record per organisation can break a village rule several times)."""
    unique = {}
    for problem in problems:
        key = (problem.severity, problem.code, problem.file, problem.sheet, problem.row)
        key += (problem.column, repr(problem.value), repr(sorted(problem.params.items())))
        unique.setdefault(key, problem)
    return sorted(
        unique.values(),
        key=lambda p: (
            p.file or "",
            p.sheet or "",
            p.row or 0,
            p.severity != "error",
            p.column or "",
        ),
    )
