"""One table from parts that share no key (or, where allowed, give a shared one alike)."""

from __future__ import annotations

from typing import TypeVar

Entry = TypeVar("Entry")


def joined(*parts: dict[str, Entry], same_allowed: bool = False) -> dict[str, Entry]:
    """The parts in one dict; a key two parts define is an error, never one silently lost
    (with `same_allowed`, unless both give it the same words)."""
    table: dict[str, Entry] = {}
    for part in parts:
        both = table.keys() & part.keys()
        twice = sorted(k for k in both if not (same_allowed and table[k] == part[k]))
        if twice:
            raise ValueError(f"defined twice: {', '.join(twice)}")
        table.update(part)
    return table
