"""The files a command is given (fichiers): paths, globs and folders turned into files,
each once, in the order given (Excel's lock files passed over), a file's state to tell
whether it changed while read, and what a file that cannot be read really is (empty,
misnamed, damaged)."""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from danvan_cli.model.problems import Problem

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
# Cells apart by commas, semicolons or tabs; Excel saves "Unicode Text" as a .txt.
TEXT_SUFFIXES = frozenset({".csv", ".txt"})
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
# Files that hold tables for sure: what a folder given is read for, and never a template
# (a .txt is more often notes, or a template Notepad saved as "mau.toml.txt").
TABLE_FILE_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


def expand_paths(patterns: Sequence[str]) -> tuple[list[Path], list[Problem]]:
    """Paths and globs -> existing files, in the order given, each once (a file named two
    ways, "a.xlsx" and "sub/../a.xlsx" or a link to it, is read once, under its first name)."""
    problems: list[Problem] = []
    found: dict[tuple[int, int | str], Path] = {}  # (device, inode) -> path, in order
    if not patterns:
        return [], [Problem("error", "no_input")]
    for pattern in patterns:
        if pattern == STDIN:
            found.setdefault((-1, STDIN), Path(STDIN))
            continue
        matches = _glob(pattern) if is_glob(pattern) else [pattern]
        if len(matches) == 1 and Path(matches[0]).is_dir():  # a folder: the spreadsheets in it
            folder = Path(matches[0])
            matches = sorted(
                str(p) for p in folder.iterdir() if p.suffix.lower() in TABLE_FILE_SUFFIXES
            )
        files = _regular_files(matches)
        if not files:
            problems.append(
                Problem("error", "file_not_found", file=pattern, params={"path": pattern})
            )
        for path, identity in files:
            if _is_lock_file(path):
                problems.append(Problem("warning", "lock_file_skipped", file=str(path)))
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                params: dict = {"suffix": path.suffix}
                if path.suffix.lower() == ".toml":
                    params["hint"] = _toml_hint(path.name)
                problems.append(
                    Problem("error", "unsupported_format", file=str(path), params=params)
                )
            else:
                found.setdefault(identity, path)
    if not found and all(p.code == "lock_file_skipped" for p in problems):  # nothing else said
        problems.append(Problem("error", "only_lock_files"))
    return list(found.values()), problems


def _toml_hint(name: str) -> dict[str, str]:
    """A .toml named where the tables go is a template or a config (`--template` forgotten):
    where it goes."""
    return {
        "vi": f"; tệp mẫu .toml thì ghi sau --template (--template {name}), tệp cấu hình .toml "
        f"thì dùng với danvan rollup --config {name}",
        "en": f"; a .toml template goes after --template (--template {name}), a .toml config "
        f"with danvan rollup --config {name}",
    }


LOCK_FILE_BYTES = 4096  # Excel's lock files hold a user name: 165 bytes


def _is_lock_file(path: Path) -> bool:
    """The lock file Excel leaves beside an open workbook ("~$xa_tan_phu.xlsx"): no figures."""
    try:
        return path.name.startswith("~$") and path.stat().st_size <= LOCK_FILE_BYTES
    except OSError:
        return False


def _regular_files(names: Sequence[str]) -> list[tuple[Path, tuple[int, int | str]]]:
    """The names that are files, each with what tells the file itself: (device, inode)."""
    files = []
    for name in names:
        try:
            status = os.stat(name)
        except (OSError, ValueError):  # gone, unreadable, a name the OS cannot take
            continue
        if stat.S_ISREG(status.st_mode):
            # st_ino is 0 where a file system has none (FAT on Windows): the full path then
            identity = (status.st_dev, status.st_ino or os.path.realpath(name))
            files.append((Path(name), identity))
    return files


def _glob(pattern: str) -> list[str]:
    """The files a pattern matches, in name order. Folders that exist as written are taken
    as written: "Báo cáo [2018]/*.xlsx" looks in that folder (never in "Báo cáo 2")."""
    parts = Path(pattern).parts
    for end in range(len(parts) - 1, 0, -1):
        folder = os.path.join(*parts[:end])
        if glob.has_magic(folder) and os.path.isdir(folder):
            pattern = os.path.join(glob.escape(folder), *parts[end:])
            break
    return sorted(glob.glob(pattern, recursive=True))


def is_glob(pattern: str) -> bool:
    """A pattern to expand, not a name: a file named "bao_cao[1].xlsx" is that file."""
    return glob.has_magic(pattern) and not os.path.exists(pattern)


def file_state(path: Path) -> tuple[int, int] | None:
    """A file's size and time of last change: a file read while it changes (a CSV still
    being written, a workbook being copied in) is not the same before and after."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


STDIN = "-"  # the path naming standard input


_SIGNATURES = ((b"PK\x03\x04", ".xlsx"), (b"\xd0\xcf\x11\xe0", ".xls"))


def _actual_kind(path: Path) -> str | None:
    """What a file really is, by its first bytes: ".xlsx" (or .ods), ".xls", "empty", "text"."""
    try:
        with path.open("rb") as handle:
            start = handle.read(2048)
    except OSError:
        return None
    if not start:
        return "empty"
    for magic, kind in _SIGNATURES:
        if start.startswith(magic):
            return kind
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's Unicode Text
        return "text"
    try:
        start.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


def unreadable_file(path: Path, exc: Exception, sheet: str | None = None) -> Problem:
    actual = _actual_kind(path)
    if actual == "empty":
        return Problem("error", "file_empty", file=str(path), sheet=sheet)
    actual = ".csv" if actual == "text" else actual
    if (
        actual is not None
        and actual != path.suffix.lower()
        and not (actual == ".xlsx" and path.suffix.lower() in (".xlsm", ".ods", ".xlsb"))
        and not (actual == ".csv" and path.suffix.lower() in TEXT_SUFFIXES)
    ):
        params = {"suffix": path.suffix, "actual": actual}
        return Problem("error", "file_misnamed", file=str(path), sheet=sheet, params=params)
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return Problem(
        "error", "file_unreadable", file=str(path), sheet=sheet, params={"reason": reason}
    )


def file_sha256(path: str) -> str:
    """A file's SHA-256, hexadecimal: what it holds, whatever its name."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
