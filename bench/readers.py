"""CPU seconds of reading every cell of the first N files, in this process, by reader.

    python bench/readers.py [--n 300] [--repeats 3]

- ``calamine``: python-calamine, a Python list per row (what screen reads with);
- ``fastexcel``: fastexcel to Arrow columns (the floor);
- ``fastexcel+py``: fastexcel to Arrow, then each column to Python values (what screen would
  need to keep its per-cell checks).

Each reader's best of ``--repeats`` runs; needs the bench extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def calamine(path: str) -> None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def _arrow(path: str, to_python: bool) -> None:
    import fastexcel

    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        table = reader.load_sheet(name, header_row=None, schema_sample_rows=None).to_arrow()
        if to_python:
            for column in table.columns:
                column.to_pylist()


READERS: dict[str, Callable[[str], None]] = {
    "calamine": calamine,
    "fastexcel": lambda path: _arrow(path, to_python=False),
    "fastexcel+py": lambda path: _arrow(path, to_python=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=str(HERE / "out" / "seed1-n1000" / "files"))
    parser.add_argument("--n", type=int, default=300, help="the first N files of the set")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.set).glob("*.xlsx"))[: args.n]
    best = dict.fromkeys(READERS, float("inf"))
    for round_ in range(args.repeats + 1):  # round 0 warms up and is not counted
        for name, read in READERS.items():
            started = time.process_time()
            for path in files:
                with contextlib.suppress(Exception):  # the set's broken files
                    read(path)
            if round_:
                best[name] = min(best[name], time.process_time() - started)
    print(f"{len(files)} files, CPU s (best of {args.repeats}):")
    for name, seconds in best.items():
        print(f"  {name:<13} {seconds:6.2f}")


if __name__ == "__main__":
    main()
