"""Words shown to users, in Vietnamese (default) and English (`--lang en`).

Each problem code has a message and, where it applies, what was expected.
Templates take named values: {column}, {value} and the problem's params.
The words live in one module per stage or subject; this one joins them.
"""

from __future__ import annotations

import errno
from typing import Any, Literal

from danvan_cli.model.messages import (
    figures,
    files,
    history,
    models,
    periods,
    rows,
    tables,
    templates,
)
from danvan_cli.model.messages.interface import COMMAND_TEXT
from danvan_cli.model.messages.joined import joined
from danvan_cli.model.messages.labels import (
    ACCEPTED_ORGANIZATION_WORDS,
    FIELD_LABELS,
    LEVEL_LABELS,
    MODEL_LABELS,
    ORGANIZATION_LABELS,
    REGEX_REASONS,
    RULE_RELATIONS,
    RULE_WORDS,
    TEMPLATE_LABELS,
    TEMPLATE_WANTED,
)
from danvan_cli.model.messages.outputs import (
    COMPARE_TEXT,
    HISTORY_TEXT,
    NOTE_SUMMARIES,
    OFFICIAL_TEXT,
    OS_REASONS,
)

__all__ = [
    "ACCEPTED_ORGANIZATION_WORDS",
    "COMMAND_TEXT",
    "COMPARE_TEXT",
    "FIELD_LABELS",
    "HISTORY_TEXT",
    "LEVEL_LABELS",
    "MESSAGES",
    "MESSAGE_PARTS",
    "MODEL_LABELS",
    "NOTE_SUMMARIES",
    "OFFICIAL_TEXT",
    "ORGANIZATION_LABELS",
    "OS_REASONS",
    "REGEX_REASONS",
    "RULE_RELATIONS",
    "RULE_WORDS",
    "TEMPLATE_LABELS",
    "TEMPLATE_WANTED",
    "UI_PARTS",
    "UI_TEXT",
    "Lang",
    "label",
    "os_reason",
    "render_message",
    "ui",
]

Lang = Literal["vi", "en"]

# code -> lang -> (message, expected or None), in the order a file meets its problems.
MESSAGE_PARTS = (
    files.MESSAGES,
    tables.MESSAGES,
    figures.MESSAGES,
    history.MESSAGES,
    rows.MESSAGES,
    models.MESSAGES,
    periods.MESSAGES,
    templates.MESSAGES,
)
MESSAGES: dict[str, dict[str, tuple[str, str | None]]] = joined(*MESSAGE_PARTS)
UI_PARTS = (COMMAND_TEXT, COMPARE_TEXT, HISTORY_TEXT, OFFICIAL_TEXT)
UI_TEXT: dict[str, dict[str, str]] = joined(*UI_PARTS)


def os_reason(error: OSError, lang: str) -> str:
    """An OS error's reason in the user's language, or as the system gives it."""
    name = errno.errorcode.get(error.errno or 0, "")
    known = OS_REASONS.get(name)
    return known[lang] if known else error.strerror or str(error)


def render_message(
    code: str, lang: str, values: dict[str, Any], part: Literal["message", "expected"] = "message"
) -> str | None:
    """Fill the template of `code` in `lang`; unknown codes fall back to the code itself."""
    entry = MESSAGES.get(code, {}).get(lang) or MESSAGES.get(code, {}).get("vi")
    if entry is None:
        return code if part == "message" else None
    template = entry[0] if part == "message" else entry[1]
    if template is None:
        return None
    return template.format_map(_Blank(values))


def ui(key: str, lang: str, **values: Any) -> str:
    """A piece of interface text."""
    return UI_TEXT[key].get(lang, UI_TEXT[key]["vi"]).format(**values)


def label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)


class _Blank(dict):
    """format_map helper: a missing value shows as an empty string, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""
