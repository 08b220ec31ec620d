"""A mistake in the command itself (lỗi cách gõ lệnh), told in the user's language.

Typer (click) words these in English only: an unknown option, a missing file name, a value
not among the choices. `usage_message` says the same in Vietnamese, or in English with
`--lang en`; a mistake it does not know keeps click's own words. `show_output_error` tells,
likewise, why standard output could not take the result (a full disk).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from danvan_cli.model.messages import ui

# The help's usage line starts so (`helptext`), in both languages as the help is written
HELP_USAGE = f"{ui('usage', 'vi').rstrip(':')} / {ui('usage', 'en')} "
_CHOICE = re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.+)\.$")
_FOLDER = re.compile(r"[Ff]ile '(?P<path>.*)' is a directory")
_COMMAND = re.compile(r"No such command '(?P<name>[^']*)'\.(?: Did you mean '(?P<like>[^']*)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<extra>.*)\)$")


def asked_lang(args: Sequence[str]) -> str:
    """The `--lang` asked for on the command line ("vi" unless "en")."""
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args):
            return "en" if args[position + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "vi"
    return "vi"


def show_usage_error(error: Exception, args: Sequence[str], stream: TextIO) -> None:
    """The command's usage line, where to find help, and what was wrong, in the language
    `args` ask for; plain `danvan` shows the help."""
    if type(error).__name__ == "NoArgsIsHelpError":
        stream.write(error.format_message() + "\n")
        return
    lang = asked_lang(args)
    context = getattr(error, "ctx", None)
    if context is not None:
        usage = context.get_usage().strip().removeprefix(HELP_USAGE.strip()).strip()
        stream.write(f"{ui('usage', lang)} {usage}\n")
        stream.write(ui("usage_help", lang, command=context.command_path) + "\n\n")
    stream.write(f"{ui('usage_error', lang)} {usage_message(error, lang)}\n")


def show_output_error(error: OSError, args: Sequence[str], stream: TextIO) -> None:
    """Standard output could not take the result: why, in the language `args` ask for."""
    reason = error.strerror or str(error)
    stream.write(ui("output_failed", asked_lang(args), reason=reason) + "\n")


def usage_message(error: Exception, lang: str) -> str:
    """What was wrong with the command, in `lang`."""
    kind = type(error).__name__
    message = str(getattr(error, "message", "") or "")
    if kind == "NoSuchOption":
        likely = [p for p in error.possibilities or () if p != "--help"]
        text = ui("no_such_option", lang, option=error.option_name)
        return _with_guess(text, ", ".join(sorted(likely)), lang)
    if kind == "MissingParameter" and getattr(error, "param", None) is not None:
        if error.param.name == "paths":
            return ui("missing_paths", lang)
        return ui("missing_value", lang, name=_hint(error))
    if kind == "BadOptionUsage" and "requires" in message:
        return ui("option_needs_value", lang, option=error.option_name)
    if kind == "BadOptionUsage" and "does not take a value" in message:
        return ui("option_takes_no_value", lang, option=error.option_name)
    if kind == "BadParameter":
        choice = _CHOICE.search(message)
        if choice:
            choices = ", ".join(c.strip(" '") for c in choice["choices"].split(","))
            value = choice["value"]
            return ui("not_a_choice", lang, option=_hint(error), value=value, choices=choices)
        folder = _FOLDER.search(message)
        if folder:
            return ui("a_folder", lang, option=_hint(error), path=folder["path"])
        return ui("bad_value", lang, option=_hint(error), reason=message)
    command = _COMMAND.match(message)
    if command:
        text = ui("no_such_command", lang, name=command["name"])
        return _with_guess(text, command["like"], lang)
    extra = _EXTRA.match(message)
    if extra:
        return ui("extra_arguments", lang, extra=extra["extra"])
    return error.format_message() if hasattr(error, "format_message") else message


def _with_guess(text: str, likely: str | None, lang: str) -> str:
    return f"{text} {ui('did_you_mean', lang, like=likely)}" if likely else text


def _hint(error: Exception) -> str:
    """How the option was named on the command line ("--format / -f"); an argument as the
    usage line shows it ("MỚI")."""
    hint = getattr(error, "param_hint", None)
    if isinstance(hint, str):
        return hint
    param = getattr(error, "param", None)
    if param is not None and param.param_type_name == "argument":
        return param.metavar or param.name.upper()
    names = hint or (param.opts if param is not None else [])
    return " / ".join(names)
