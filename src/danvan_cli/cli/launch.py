"""Starting danvan (khởi động): a big workbook's decoding begins before anything else loads.

Parsing the command line with Typer means importing it (about 0.2 s on an office PC), and
on a country's workbook the second core would wait all that time. So the file arguments
of `summarize` and `validate` are looked at first, from the raw arguments: each big
.xlsx/.csv named plainly starts decoding at once (`read.start_decoding`), and the command,
parsed as usual, finds it under way. Nothing here decides anything: a body decoded ahead
is used only when the load asks for exactly that body (same file, sheet, header row and
columns).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from danvan_cli.cli import option_values, options

COMMANDS = ("summarize", "validate")  # the commands that read tables
LIMIT_OPTIONS = tuple(options.names(spec)[0] for spec in options.LIMITS)  # as `limits.Limits`
VALUE_OPTIONS = options.taking_values()  # the options taking a value, as the commands declare


def main() -> None:
    """Entry point of the `danvan` console script."""
    standard_streams()
    if sys.argv[1:] == list(options.names("Version")):  # answered without loading Typer
        print(option_values.version_line())
        return
    end_as_interrupted()
    gc.disable()  # until danvan has loaded (`collect_from_now`)
    try:
        decode_ahead(sys.argv[1:])
        from danvan_cli.cli.app import main as run_command_line
    except KeyboardInterrupt:  # before the command began: nothing written, nothing to say
        os._exit(1)  # as Ctrl-C during a command ends; the decoding thread with it
    collect_from_now()
    run_command_line()


def collect_from_now() -> None:
    """Python's cycle collector on again, leaving out everything loaded so far.

    Loading pandas, numpy, pyarrow, Typer and danvan makes objects that live as long as the
    process (modules, classes, functions); each collection while they load walked them all
    again: about 0.05 s of the 0.6 s a commune's file takes. So the collector is off while
    they load, and what they made is frozen out of its later passes (`gc.freeze`)."""
    gc.freeze()
    gc.enable()


def standard_streams() -> None:
    """Standard streams danvan can always write to, and in Vietnamese.

    A stream closed (`>&-`) is opened on the null device: Python leaves it None (an
    AttributeError at the first write), and with all three closed the files danvan opens
    would take their numbers (an `-o` file then received what was printed, or was lost).
    Output that cannot encode Vietnamese (redirected on a Vietnamese Windows without UTF-8
    mode: Windows-1258 lacks most letters with tone marks whole) is written in UTF-8 when
    it goes to a file or a pipe, and on a terminal shows what it cannot as "?"."""
    for number, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(number)
        except OSError:  # closed: the null device in its place (the lowest free number)
            null = os.open(os.devnull, os.O_RDWR)
            if null != number:
                os.dup2(null, number)
                os.close(null)
        stream = getattr(sys, name)
        if stream is None:
            # the process's own stream, open until it ends
            setattr(sys, name, open(number, mode, encoding="utf-8", closefd=False))  # noqa: SIM115
        elif mode == "w" and not _writes_vietnamese(stream):
            terminal = stream.isatty()
            with contextlib.suppress(AttributeError, ValueError, OSError):
                if terminal:
                    stream.reconfigure(errors="replace")
                else:
                    stream.reconfigure(encoding="utf-8")


def _writes_vietnamese(stream) -> bool:
    try:
        "Tổng cộng Đảng ủy".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def end_as_interrupted() -> None:
    """SIGTERM (`kill`, a shutdown) and SIGHUP (the terminal closed) end danvan as Ctrl-C
    does: what it was writing is removed (by default they end the process on the spot,
    leaving temporary files behind). A worker process forked from this one ends by the
    signal's default."""
    import signal

    main_process = os.getpid()

    def interrupt(number: int, _frame: object) -> None:
        if os.getpid() != main_process:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        # a signal ignored stays so (`nohup danvan ...` goes on when the terminal closes)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, interrupt)


def decode_ahead(args: Sequence[str]) -> None:
    """For `danvan summarize ...` or `danvan validate ...`: start reading the files it
    names (not with -h or --help; not with --template, whose columns the command knows once
    it has read the template; not when an `-o` file cannot be written, which the command
    says before reading anything)."""
    if not args or args[0] not in COMMANDS:
        return
    paths, given = _split(args[1:])
    if not given.keys().isdisjoint({"-h", "--help", *options.names("Template")}):
        return
    outputs = [name for o in options.names("Outputs") for name in given.get(o, [])]
    if any(option_values.output_refusal(Path(name)) for name in outputs):
        return
    last = {name: values[-1] for name, values in given.items()}
    _set_limits(last)
    from danvan_cli.ingest.read import start_reading, tune_process

    tune_process()  # first: the table finder imports numpy
    from danvan_cli.kinds.detect import SHIPPED, columns_read

    kind = SHIPPED.get(last.get("--kind", "auto"))  # None for "auto": not known yet
    start_reading(paths, last.get("--sheet"), columns_read(kind), ahead=True)


def _set_limits(given: dict[str, str]) -> None:
    """The limits given on the command line (limits.py), for the files read ahead; a value
    that is not a number is left to the command line's parser to tell."""
    from dataclasses import astuple

    from danvan_cli.ingest.limits import DEFAULT, Limits, set_limits

    defaults = astuple(DEFAULT)
    try:
        limits = [int(given.get(n, d)) for n, d in zip(LIMIT_OPTIONS, defaults, strict=True)]
    except ValueError:
        return
    set_limits(Limits(*limits))


def _split(args: Sequence[str]) -> tuple[list[str], dict[str, list[str]]]:
    """(file arguments, {option: its values in order}) as click reads them."""
    paths: list[str] = []
    given: dict[str, list[str]] = {}
    rest: Iterator[str] = iter(args)
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
        elif arg.startswith("--"):
            name, equals, value = arg.partition("=")
            value = value if equals or name not in VALUE_OPTIONS else next(rest, "")
            given.setdefault(name, []).append(value)
        elif arg.startswith("-") and arg != options.STDIN:
            for name, value in _short_options(arg[1:], rest):
                given.setdefault(name, []).append(value)
        else:
            paths.append(arg)
    return paths, given


def _short_options(letters: str, rest: Iterator[str]) -> Iterator[tuple[str, str]]:
    """`-qh` as `-q -h`, and `-oFILE` as `-o FILE`: letters are flags up to one that takes
    a value, whose value is the letters after it, else the next argument."""
    for at, letter in enumerate(letters):
        name = f"-{letter}"
        if name in VALUE_OPTIONS:
            yield name, letters[at + 1 :] or next(rest, "")
            return
        yield name, ""
