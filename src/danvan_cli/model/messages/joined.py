"""One table from parts that share no key."""

from __future__ import annotations

from typing import TypeVar

Entry = TypeVar("Entry")


def joined(*parts: dict[str, Entry]) -> dict[str, Entry]:
    """The parts in one dict; a key two parts define is an error, never one silently lost."""
    table: dict[str, Entry] = {}
    for part in parts:
        twice = sorted(table.keys() & part.keys())
        if twice:
            raise ValueError(f"defined twice: {', '.join(twice)}")
        table.update(part)
    return table
