"""The process tuned for tables of a whole country (bộ cấp phát bộ nhớ, luồng tính toán).

With glibc's defaults, every array over a few megabytes (a column of 600,000 rows) is
mapped fresh from the kernel and given back when freed, so the kernel zeroes its pages
again for the next one: measured at 600k rows, about a third of a run was system time,
and keeping freed memory for reuse cut the whole run by about an eighth. Elsewhere
(Windows, macOS, musl) nothing is changed.

numpy's OpenBLAS starts a thread per core that keeps spinning after work it never gets
here (danvan does no linear algebra): on a 2-core PC it took CPU time from danvan's own
threads (measured at 600k rows: 0.15-0.3 s of CPU). It is asked for one thread.
"""

from __future__ import annotations

import ctypes
import os
import sys

_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
_SETTINGS = (
    (_M_MMAP_THRESHOLD, 32 * 2**20),  # arrays up to 32 MB come from the reused heap
    (_M_TRIM_THRESHOLD, 2**31 - 1),  # freed memory is kept, not handed back
    (_M_TOP_PAD, 256 * 2**20),  # the heap grows in large steps
)


def tune_for_tables() -> None:
    """Before numpy is imported: freed memory kept for reuse, OpenBLAS on one thread
    (unless the user's environment says otherwise)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    keep_freed_memory()


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse; False where there is no glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:  # the C library already loaded (ctypes.util.find_library took 25 ms to import)
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # musl has no mallopt
        return False
    return all(mallopt(option, value) == 1 for option, value in _SETTINGS)
