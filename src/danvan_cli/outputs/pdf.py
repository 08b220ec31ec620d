"""The PDF (bản PDF để in): the workbook danvan writes for `-o x.xlsx`, converted by
LibreOffice (`soffice --headless --convert-to pdf`), which prints it as Calc does (A4
landscape, header rows repeated, page numbers: the workbook's own print settings).

LibreOffice is not a dependency: it is looked for on PATH (`soffice`, `libreoffice`) and
where its installers put it. It runs with a profile of its own in danvan's temporary
folder, so that it neither waits on nor disturbs a LibreOffice the user has open, and is
stopped (with the processes it started) when it takes longer than `TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from danvan_cli.model.messages import ui
from danvan_cli.outputs.leftovers import temporary_folder

TIMEOUT = 600.0  # seconds: a country's workbook prints to some thousand pages
PROGRAMS = ("soffice", "libreoffice")
# where LibreOffice's installers put the program, when it is not on PATH
INSTALLED = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


class ConversionFailed(Exception):
    """LibreOffice did not make the PDF: `key` names why (a message of `model.messages`:
    "output_no_libreoffice", "pdf_failed", "pdf_timeout"), `detail` is what it said."""

    def __init__(self, key: str, detail: str = "", seconds: float = 0) -> None:
        super().__init__(key, detail)
        self.key, self.detail, self.seconds = key, detail, seconds

    def said(self, path: Path, lang: str) -> str:
        """Why `path` was not written, as a sentence in `lang`."""
        text = ui(self.key, lang, path=path, detail=self.detail, seconds=f"{self.seconds:g}")
        return text[:1].upper() + text[1:]


def find_soffice() -> str | None:
    """LibreOffice's program (`soffice`), or None when it is not installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in INSTALLED if Path(path).is_file()), None)


def write_pdf(
    path: Path, write_xlsx: Callable[[Path], None], lang: str = "vi", timeout: float | None = None
) -> None:
    """Write `path` as the PDF of the workbook `write_xlsx(xlsx_path)` writes: the workbook
    in danvan's temporary folder, converted there, the PDF moved into place atomically;
    figures written as `lang` writes them (307.217 and 81,84%; English 307,217, 81.84%).
    `ConversionFailed` when LibreOffice is missing, fails or takes over `timeout` s
    (`TIMEOUT` by default)."""
    from danvan_cli.outputs.render import write_atomic  # pandas: not to find LibreOffice

    program = find_soffice()
    if program is None:
        raise ConversionFailed("output_no_libreoffice")
    with temporary_folder() as folder:
        workbook = folder / f"{path.stem or 'danvan'}.xlsx"
        write_xlsx(workbook)
        profile = folder / "profile"
        _set_locale(profile, LOCALES.get(lang, LOCALES["vi"]))
        made = _convert(program, workbook, folder / "pdf", profile, timeout or TIMEOUT)
        write_atomic(path, lambda temporary: shutil.copyfile(made, temporary))


# The locale LibreOffice formats figures in (`#,##0`: 307.217 in Vietnam), by language.
LOCALES = {"vi": "vi-VN", "en": "en-US"}
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
</oor:items>
"""


def _set_locale(profile: Path, locale: str) -> None:
    """A new LibreOffice profile whose figures are formatted as `locale` writes them (the
    locale of the computer otherwise)."""
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True)
    settings.write_text(_SETTINGS.format(locale=locale), encoding="utf-8")


def _convert(program: str, workbook: Path, out: Path, profile: Path, timeout: float) -> Path:
    """The PDF LibreOffice makes of `workbook` in the folder `out`."""
    command = [
        program,
        f"-env:UserInstallation={profile.absolute().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(workbook),
    ]
    own_group = {"start_new_session": True} if os.name == "posix" else {}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **own_group,
        )
    except OSError as error:  # found, but cannot be run (not executable, removed since)
        raise ConversionFailed("pdf_failed", error.strerror or str(error)) from error
    try:
        said, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionFailed("pdf_timeout", seconds=timeout) from None
    except BaseException:  # Ctrl-C: LibreOffice is not left running
        _stop(process)
        raise
    made = out / f"{workbook.stem}.pdf"
    if process.returncode != 0 or not made.is_file():
        text = said.decode(sys.getfilesystemencoding() or "utf-8", "replace").strip()
        lines = [line for line in text.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit code {process.returncode}"
        raise ConversionFailed("pdf_failed", detail)
    return made


def _stop(process: subprocess.Popen) -> None:
    """End LibreOffice and the processes it started (on POSIX its whole process group:
    `soffice` is a script starting `soffice.bin`)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):  # ended just now
            os.killpg(process.pid, signal.SIGKILL)
    else:  # the tree of processes `soffice.exe` started
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
        )
        process.kill()
    process.communicate()
