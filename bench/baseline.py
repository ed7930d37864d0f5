"""The baseline: what a user would write by hand, ``pandas.read_excel(path, sheet_name=None)``
with its default engine, one file after another; with ``--engine calamine`` the peer, the loop a
reviewer who knows pandas would write today.

    python bench/baseline.py DIR [--sample K --seed S] [--engine calamine]   # prints JSON

With ``--sample K`` only K files (a seeded random sample) are read; the caller extrapolates by
size (the sizes of the files read and of all files are in the output): read time follows size,
and seed 1's sample of 100 files holds only 8.6 % of the set's bytes.

pandas is imported as a plain ``pip install pandas openpyxl`` has it, without pyarrow, even where
the bench extra installed pyarrow (pandas 3 would import it): the same pandas ``clusterctl screen``
uses (clusterctl.batch.pandas_loader). Its read time is the same either way within this
machine's noise (40 files: 4.09 and 4.14 CPU s with pyarrow, 3.86 and 4.43 without).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="read only K files (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--engine",
        default=None,
        help="read_excel's engine (default: pandas' own, openpyxl; 'calamine': the peer)",
    )
    args = parser.parse_args(argv)
    files = sorted(str(p) for p in args.directory.glob("*.xlsx"))
    chosen = files
    if 0 < args.sample < len(files):
        chosen = sorted(random.Random(args.seed).sample(files, args.sample))
    started = time.perf_counter()
    sys.modules.setdefault("pyarrow", None)  # type: ignore[arg-type]  # absent, as said above
    import pandas as pd

    imported = time.perf_counter()
    cpu_start = time.process_time()
    errors = 0
    for path in chosen:
        try:
            pd.read_excel(path, sheet_name=None, engine=args.engine)
        except Exception:  # a hand-written loop would stop here; we count and go on
            errors += 1
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    json.dump(
        {
            "engine": args.engine or "default",
            "files": len(files),
            "read": len(chosen),
            "bytes": sum(os.path.getsize(f) for f in files),
            "read_bytes": sum(os.path.getsize(f) for f in chosen),
            "errors": errors,
            "import_seconds": imported - started,
            "read_seconds": done - imported,
            "read_cpu_seconds": cpu,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
