"""The papers an official workbook prints on (`--paper`, `[outputs] paper`), as Excel
numbers them; the option, the config key and the writer all take their names from here."""

from __future__ import annotations

from typing import Literal

PAPER_SIZES = {"A4": 9, "A3": 8}
Paper = Literal[tuple(PAPER_SIZES)]  # "A4" | "A3", for the config's checks
