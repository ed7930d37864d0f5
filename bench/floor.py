"""The floor: read every cell of every workbook on all cores with the fastest reader, nothing else.

python bench/floor.py DIR [--jobs N] [--reader fastexcel|calamine]   # prints JSON

Two readers, both on calamine's Rust parser: ``fastexcel`` builds Arrow columns (every sheet
without a header row, the column types inferred from all rows, so no cell is dropped), and
``calamine`` (python-calamine) builds a Python list per row. fastexcel is the faster of the two
(docs/performance.md, "The floor's reader") and the default; it needs the ``bench`` extra
(``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path


def read_calamine(path: str) -> tuple[int, int]:
    """(cells in the sheets' grids, cells holding a value); python-calamine."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    cells = filled = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            cells += len(row)
            filled += len(row) - row.count("")
    return cells, filled


def read_fastexcel(path: str) -> tuple[int, int]:
    """(cells in the sheets' grids, cells holding a value); fastexcel, to Arrow."""
    import fastexcel

    reader = fastexcel.read_excel(path)
    cells = filled = 0
    for name in reader.sheet_names:
        sheet = reader.load_sheet(name, header_row=None, schema_sample_rows=None)
        table = sheet.to_arrow()
        cells += table.num_rows * table.num_columns
        filled += sum(len(column) - column.null_count for column in table.columns)
    return cells, filled


READERS = {"fastexcel": read_fastexcel, "calamine": read_calamine}


def read_all(job: tuple[str, str]) -> tuple[int, int, bool]:
    """Cells read and cells with a value; False when the file is not a readable workbook."""
    reader, path = job
    try:
        return (*READERS[reader](path), True)
    except Exception:
        return 0, 0, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--reader", choices=sorted(READERS), default="fastexcel")
    args = parser.parse_args(argv)
    if args.reader == "fastexcel":
        try:
            import fastexcel  # noqa: F401
            import pyarrow  # noqa: F401
        except ImportError as exc:
            parser.error(f"{exc.name} is not installed: pip install -e '.[bench]'")
    files = sorted(str(p) for p in args.directory.glob("*.xlsx"))
    started = time.perf_counter()
    with Pool(args.jobs) as pool:
        jobs = [(args.reader, f) for f in files]
        results = pool.map(read_all, jobs, chunksize=max(1, len(files) // (args.jobs * 8)))
    seconds = time.perf_counter() - started
    json.dump(
        {
            "reader": args.reader,
            "files": len(files),
            "cells": sum(r[0] for r in results),
            "filled": sum(r[1] for r in results),
            "errors": sum(1 for r in results if not r[2]),
            "seconds": seconds,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
