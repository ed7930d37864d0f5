"""The floor: read every cell of every workbook with python-calamine on all cores, nothing else.

python bench/floor.py DIR [--jobs N]     # prints JSON: files, cells, errors, seconds
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path


def read_all(path: str) -> tuple[int, bool]:
    """Number of cells read; False when the file is not a readable workbook."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(path)
        cells = 0
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                cells += len(row)
        return cells, True
    except Exception:
        return 0, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args(argv)
    files = sorted(str(p) for p in args.directory.glob("*.xlsx"))
    started = time.perf_counter()
    with Pool(args.jobs) as pool:
        results = pool.map(read_all, files, chunksize=max(1, len(files) // (args.jobs * 8)))
    seconds = time.perf_counter() - started
    json.dump(
        {
            "files": len(files),
            "cells": sum(c for c, _ in results),
            "errors": sum(1 for _, ok in results if not ok),
            "seconds": seconds,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
