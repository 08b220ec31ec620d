"""danvan's temporary files (tệp tạm), named so that it knows them, and never left behind.

An output is written through a temporary file beside it (`.tong_hop.xlsx.danvan-PID-XXXX.tmp`)
and openpyxl keeps each sheet in a temporary file until the workbook is saved: those go in
a folder of danvan's own (`danvan-PID-XXXX` in the system's temporary folder). Both are
removed when the run ends, whatever ends it but SIGKILL (danvan ends with `os._exit`, which
skips openpyxl's own clean-up at exit); what a killed run left, a later run removes: on
POSIX once the process that made it is gone, on Windows after a day.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_MARK = "danvan-"
_OWNER = re.compile(rf"{_MARK}(\d+)-")
_DAY = 24 * 3600


def temporary_output(path: Path) -> Path:
    """A new, empty file beside `path` to write it through (what killed runs left removed)."""
    remove_leftovers(path)
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name}.{_MARK}{os.getpid()}-", suffix=".tmp", dir=path.parent
    )
    os.close(handle)
    return Path(name)


@contextmanager
def temporary_folder() -> Iterator[Path]:
    """A folder of danvan's own, made the temporary folder while the block runs (openpyxl
    makes its files there), and removed with all it holds when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"{_MARK}{os.getpid()}-"))
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(path: Path) -> None:
    """Remove what runs that were killed left: danvan's temporary files in the folder of
    `path`, its folders in the temporary folder."""
    beside = os.path.join(glob.escape(str(path.parent)), f".*.{_MARK}*.tmp")
    folders = os.path.join(glob.escape(tempfile.gettempdir()), f"{_MARK}*")
    for leftover in map(Path, [*glob.glob(beside), *glob.glob(folders)]):
        if _abandoned(leftover):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _abandoned(leftover: Path) -> bool:
    """True when the run that made `leftover` has ended (the process id in its name is
    gone); where that cannot be asked safely (Windows), when it is a day old."""
    owner = _OWNER.search(leftover.name)
    if owner is None or int(owner.group(1)) == os.getpid():
        return False
    try:
        if os.name != "posix":
            return time.time() - leftover.stat().st_mtime > _DAY
        os.kill(int(owner.group(1)), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # another user's process, or a leftover already gone
        return False
    return False
