"""How fast can the commune files be decoded at all, cell by cell?

    python benchmarks/decode_cells.py [FOLDER]    # default: benchmarks/.data/600k/communes

danvan needs each cell with its type (to find the header under title rows), which only
python-calamine gives; its `get_sheet_by_name` also reads the sheet's merged cells, a
second pass over the sheet's XML. This prints, per file, what python-calamine's decoding
costs against fastexcel's (the decoding floor of `run.py`), and how long two processes
take to do nothing but python-calamine's decoding of every file: the part of danvan's
time on the folder that no work of its own can remove.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent / ".data" / "600k" / "communes"


def calamine_cells(paths: list[str]) -> int:
    """Every sheet's cells as Python values, as danvan reads a small file."""
    import python_calamine

    rows = 0
    for path in paths:
        workbook = python_calamine.CalamineWorkbook.from_path(path)
        for name in workbook.sheet_names:
            rows += len(workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return rows


def fastexcel_columns(paths: list[str]) -> int:
    """Every sheet into Arrow columns: the decoding floor."""
    import fastexcel

    rows = 0
    for path in paths:
        reader = fastexcel.read_excel(path)
        for name in reader.sheet_names:
            rows += reader.load_sheet(name, eager=True).num_rows
    return rows


def _timed(work, *args) -> float:
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else DEFAULT
    paths = sorted(str(p) for p in folder.glob("*.xlsx"))
    if not paths:
        sys.exit(f"no .xlsx files in {folder} (python benchmarks/generate.py --size 600k)")
    one = _timed(calamine_cells, paths)
    floor = _timed(fastexcel_columns, paths)
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    chunks = [paths[i::16] for i in range(16)]
    start = time.perf_counter()
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        list(pool.map(calamine_cells, chunks))
    two = time.perf_counter() - start
    each = 1000 / len(paths)
    print(f"{len(paths)} files in {folder}")
    print(f"python-calamine cells, one process:   {one:5.2f} s  {one * each:.2f} ms a file")
    print(f"fastexcel columns (the floor), one:   {floor:5.2f} s  {floor * each:.2f} ms a file")
    print(f"python-calamine cells, two processes: {two:5.2f} s  ({two / floor:.2f}x the floor)")


if __name__ == "__main__":
    main(sys.argv[1:])
