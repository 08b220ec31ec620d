"""How the values of danvan's options are read and checked as the command line is read,
before any work (`options.SPECS` names these as its callbacks): the level names staff
write, the `-o` files (their ending, folder and access), `--feedback`'s folder,
`--csv-sep`, `--version`. A value refused is a usage error (`typer.BadParameter`) in the
language of `--lang`, which is read first. Typer is imported only when a value is refused.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Each level as staff write it: English, Vietnamese with its tone marks, and without; the
# southern "ấp" for a village too ("bản" is left out: without its mark it is "ban").
LEVEL_NAMES = {
    "province": "province",
    "tỉnh": "province",
    "tinh": "province",
    "district": "district",
    "huyện": "district",
    "huyen": "district",
    "commune": "commune",
    "xã": "commune",
    "xa": "commune",
    "village": "village",
    "thôn": "village",
    "thon": "village",
    "ấp": "village",
    "ap": "village",
}


def level_of(written: str) -> str | None:
    """The level a name given to `--level` means ("xã", "xa", "commune": "commune"), or
    None. Tone marks count: "xá" is no level."""
    return LEVEL_NAMES.get(unicodedata.normalize("NFC", written.strip().lower()))


def levels_named(values: Sequence[str] | None) -> list[str] | None:
    """`--level`'s values as the levels they name; a name naming none is a usage error
    (worded as click words a value not among the choices: `cli.usage` translates it)."""
    if not values:
        return None
    import typer

    levels = []
    for value in values:
        level = level_of(value)
        if level is None:
            choices = ", ".join(f"'{name}'" for name in LEVEL_NAMES)
            raise typer.BadParameter(f"'{value}' is not one of {choices}.")
        levels.append(level)
    return levels


def level_named(value: str | None) -> str | None:
    """One `--level` value as the level it names (see `levels_named`); None when not given."""
    return None if value is None else levels_named([value])[0]


def outputs_ending(suffixes: set[str]) -> Callable[[Any, Any, Sequence[Path] | None], list]:
    """The check of `-o` files, as the command line is read, before any work: a name not
    ending in one of `suffixes`, a missing folder or a read-only file is a usage error (in
    the language of `--lang`, which is read first)."""

    def check(ctx: Any, _param: Any, paths: Sequence[Path] | None) -> list[Path]:
        for path in paths or ():
            refused = output_refusal(path)
            if path.suffix.lower() not in suffixes:
                refused = "output_suffix", {"suffixes": ", ".join(sorted(suffixes))}
            if refused is not None:
                import typer

                from danvan_cli.model.messages import ui

                lang = getattr(ctx.params.get("lang"), "value", "vi")
                key, values = refused
                raise typer.BadParameter(ui(key, lang, **values))
        return list(paths or ())

    return check


def existing_folder(ctx: Any, _param: Any, folder: Path | None) -> Path | None:
    """`--feedback`'s folder must exist: a usage error as the command line is read, before
    any file is (in the language of `--lang`)."""
    if folder is not None and not folder.is_dir():
        import typer

        from danvan_cli.model.messages import ui

        lang = getattr(ctx.params.get("lang"), "value", "vi")
        raise typer.BadParameter(ui("feedback_folder", lang, folder=folder))
    return folder


# What `--csv-sep` takes: "," ";" or a tab ("tab", "\\t" or a tab typed).
CSV_SEPARATORS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


def csv_separator(ctx: Any, _param: Any, written: str) -> str:
    """The separator `--csv-sep` names; another one is a usage error (in `--lang`'s words)."""
    if written not in CSV_SEPARATORS:
        import typer

        from danvan_cli.model.messages import ui

        lang = getattr(ctx.params.get("lang"), "value", "vi")
        raise typer.BadParameter(ui("csv_sep", lang, value=written))
    return CSV_SEPARATORS[written]


def version_line() -> str:
    """What `--version` prints: "danvan 0.1.0", the installed package's version."""
    from importlib.metadata import version

    return f"danvan {version('danvan')}"


def show_version(asked: bool) -> None:
    """`--version` given with more (`launch` answers it alone): the version, then stop."""
    if asked:
        import typer

        print(version_line())
        raise typer.Exit(0)


def output_refusal(path: Path) -> tuple[str, dict[str, Any]] | None:
    """Why `-o path` cannot be written, before any work starts (a message key of
    `model.messages` and its values), or None: its folder missing or not a folder, the
    file marked read-only, the folder not writable, a PDF without LibreOffice to make it."""
    if path.suffix.lower() == ".pdf":
        from danvan_cli.outputs.pdf import find_soffice

        if find_soffice() is None:
            return "output_no_libreoffice", {"path": path}
    folder = path.absolute().parent
    if not folder.is_dir():
        return "output_no_folder", {"path": path, "folder": folder}
    try:
        mode = path.stat().st_mode
    except OSError:  # not there yet: the folder must take it
        if not os.access(folder, os.W_OK):
            return "output_folder_read_only", {"path": path, "folder": folder}
        return None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return "output_read_only", {"path": path}
    return None
