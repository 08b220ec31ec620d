"""Help as users type the commands (trợ giúp): `-h` beside `--help`, values shown as they
are written (`-o TỆP`, `--lang vi|en`), never Python's types (`<list[str]>`, `x>=0`), the
usage line in both languages as the help is ("Cách dùng / Usage: danvan rollup [OPTIONS]").

`Group` is the class of danvan's command groups (`typer.Typer(cls=Group)`): every command
under it, added now or later, shows its help so.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from danvan_cli.cli.usage import HELP_USAGE

HELP_NAMES = ["--help", "-h"]


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # its metavar says it ("TỆP...")


class _Option(TyperOption):
    def _get_number_range_help_str(self) -> str:
        return ""  # the help says it in words ("0: không giới hạn")


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    """`command`'s usage line in both languages, as its help is written: "Cách dùng /
    Usage: danvan rollup [OPTIONS]", not click's "Usage: " alone."""
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=HELP_USAGE)


class _Command(TyperCommand):
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)


class _Group(TyperGroup):
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)


class Group(_Group):
    """A command group whose commands (and their subcommands) show readable help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            readable(command)
        self.context_settings.setdefault("help_option_names", HELP_NAMES)


def readable(command: Any) -> None:
    """Give `command`'s parameters, and its subcommands', the readable help."""
    command.context_settings.setdefault("help_option_names", HELP_NAMES)
    if type(command) is TyperCommand:
        command.__class__ = _Command
    elif type(command) is TyperGroup:
        command.__class__ = _Group
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option
    for sub in getattr(command, "commands", {}).values():
        readable(sub)
