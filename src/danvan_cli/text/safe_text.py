"""Text as danvan writes it (chữ ghi ra an toàn): never a formula, never a control character.

Names and values come from files anyone may send. What danvan writes must not run in the
program that opens it: a cell beginning with "=", "+", "-" or "@" is a formula to a
spreadsheet program reading a CSV file (OWASP: prefix it with "'"), and an escape sequence
(ESC, BEL ...) drives the terminal it is printed on. Tab and line feed are ordinary text.
"""

from __future__ import annotations

import html
import json
import re

# C0 controls but tab and line feed, DEL, and the C1 controls (0x9b is a terminal's CSI)
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a spreadsheet program takes for the start of a formula, in a CSV cell (OWASP)
FORMULA_START = "=+-@\t\r"
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f]")  # never outside a string in JSON
# what `markdown_cell` changes: HTML's "<>&", "|", controls, and what ends a line
_MARKDOWN_PLAIN = re.compile("[^|<>&\x00-\x1f\x7f-\x9f\u2028\u2029]*")
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def without_controls(text: str) -> str:
    """`text` with its control characters removed (tab and line feed kept)."""
    return text if text.isprintable() else CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """True when `text` holds a control character that is not white space."""
    return not text.isprintable() and CONTROLS.search(" ".join(text.split())) is not None


def escape_controls(text: str) -> str:
    """`text` with each control character shown as "\\x1b" (tab and line feed kept)."""
    if text.isprintable():
        return text
    return CONTROLS.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def json_text(value: object, **options: object) -> str:
    """`json.dumps(value, ensure_ascii=False)`, DEL and the C1 controls (0x9b is a
    terminal's CSI) written as "\\u009b": JSON escapes the others itself."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def csv_cell(text: str) -> str:
    """A text cell for CSV: a leading "=", "+", "-", "@", tab or carriage return
    neutralised by a "'" before it, as OWASP advises (a spreadsheet shows the text, and
    danvan reading the file back takes the "'" away: `csv_cell_read`)."""
    return "'" + text if text[:1] and text[0] in FORMULA_START else text


def csv_cell_read(text: str) -> str:
    """A CSV cell as it was before `csv_cell`."""
    return text[1:] if NEUTRALISED.match(text) else text


def markdown_cell(text: str) -> str:
    """A table cell for Markdown: HTML and "|" escaped, controls shown, one line."""
    one_line = " ".join(text.splitlines()).replace("\t", " ")
    return html.escape(escape_controls(one_line), quote=False).replace("|", "\\|")


def plain_in_markdown(text: str) -> bool:
    """True when `text` needs no escaping in Markdown (`markdown_cell` leaves it as it is)."""
    return _MARKDOWN_PLAIN.fullmatch(text) is not None
