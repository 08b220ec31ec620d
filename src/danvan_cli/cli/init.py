"""`danvan init [FILE]`: the commented example config that `danvan rollup` accepts as it is."""

from __future__ import annotations

from pathlib import Path

from danvan_cli.cli.console import consoles, write_output
from danvan_cli.engine.summarize import EXIT_OK, EXIT_UNREADABLE
from danvan_cli.model.messages import ui
from danvan_cli.outputs.render import write_text_file
from danvan_cli.periods.config import example_text


def run_init(path: Path, force: bool, lang: str, quiet: bool = False) -> int:
    """`danvan init`: write the commented example config (never over a file, but with
    `force`; not said when `quiet`)."""
    _, stderr = consoles()
    if path.is_symlink() or (path.exists() and not force):
        key = "refuse_link" if path.is_symlink() else "template_exists"
        target = path.readlink() if path.is_symlink() else ""
        stderr.print(
            ui(key, lang, path=path, target=target), style="red", highlight=False, soft_wrap=True
        )
        return EXIT_UNREADABLE
    if not write_output(stderr, path, lang, lambda: write_text_file(path, example_text()), quiet):
        return EXIT_UNREADABLE
    return EXIT_OK
