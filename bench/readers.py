"""CPU seconds of reading every cell of the first N files, in this process, by reader.

    python bench/readers.py [--n 300] [--repeats 3]

- ``calamine``: python-calamine, a Python list per row (what screen reads with);
- ``fastexcel``: fastexcel to Arrow columns (the floor);
- ``fastexcel+py``: fastexcel to Arrow, then each column to Python values (what screen would
  need to keep its per-cell checks);
- ``fastexcel split``: what a reader keeping the per-cell findings would have to do with
  fastexcel: Arrow types a whole column, and the template's label rows (marker, keys, headers)
  sit above the values in the same columns, so the top rows are loaded as text first (to find
  the key row) and the body then with the types of its own cells (``dtype_coercion="strict"``,
  a mixed column failing over to the per-cell path). fastexcel parses the sheet's XML again for
  each ``load_sheet``, whatever ``n_rows`` says, so this parses every sheet twice.

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


def _split(path: str) -> None:
    import fastexcel

    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        top = reader.load_sheet(name, header_row=None, n_rows=TOP_ROWS, dtypes="string")
        top.to_arrow()
        with contextlib.suppress(Exception):  # a mixed column: the per-cell path would read it
            body = reader.load_sheet(
                name,
                header_row=None,
                skip_rows=BODY_START,
                schema_sample_rows=None,
                dtype_coercion="strict",
            )
            for column in body.to_arrow().columns:
                column.to_pylist()


TOP_ROWS = 50  # how far down the reader looks for the key row (reader.KEY_ROW_SCAN)
BODY_START = 3  # the template's marker, key and header rows

READERS: dict[str, Callable[[str], None]] = {
    "calamine": calamine,
    "fastexcel": lambda path: _arrow(path, to_python=False),
    "fastexcel+py": lambda path: _arrow(path, to_python=True),
    "fastexcel split": _split,
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
        print(f"  {name:<16} {seconds:6.2f}")


if __name__ == "__main__":
    main()
