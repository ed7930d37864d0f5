"""Is screen's peak memory set by the number of files or by the largest file?

    python bench/memory.py [--n 1000 10000] [--largest 1000] [--rounds 2]

Screens the generated set of each N applications (``bench/generate.py``, seed 1), and a set of
``--largest`` hard links to the largest file of the first set, each ``--rounds`` times, and
prints the peak of the process tree's summed RSS (``bench/measure.py``, polled every 50 ms) and
the largest single process's peak (the kernel's ``ru_maxrss``: the parent in its serial tail, or
a worker). If memory were held per file, the larger N would need more; if it is set by the
largest file, the hard-linked set bounds every run, whatever its N.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from measure import run_tree  # noqa: E402


def largest_copies(directory: Path, count: int, into: Path) -> Path:
    """``count`` hard links (or copies, across devices) to the largest file of ``directory``."""
    files = sorted(directory.glob("*.xlsx"))
    largest = max(files, key=lambda p: p.stat().st_size)
    into.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        target = into / f"largest-{i:05d}.xlsx"
        if not target.exists():
            try:
                os.link(largest, target)
            except OSError:
                target.write_bytes(largest.read_bytes())
    return into


def screen_peak(directory: Path, out: Path) -> tuple[float, float, float]:
    """Peak tree RSS (MB), largest process's peak (MB) and wall seconds of one screen."""
    command = [sys.executable, "-m", "clusterctl", "screen", str(directory), "-o", str(out)]
    run = run_tree(command)
    if run.returncode not in (0, 1):
        raise SystemExit(f"screen failed ({run.returncode}): {run.stderr[-2000:]}")
    return run.peak_tree_mb, run.peak_process_mb, run.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--largest", type=int, default=1000, help="links to the largest file")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_OUT)
    args = parser.parse_args()

    print("| set | files | peak RSS of the tree (MB) | largest process (MB) | wall (s) |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        sets = [
            (f"seed {args.seed}", n, generate.generate_set(n, args.seed, args.cache) / "files")
            for n in args.n
        ]
        links = largest_copies(sets[0][2], args.largest, Path(scratch) / "largest")
        sets.append(("largest file", args.largest, links))
        for label, n, directory in sets:
            for _ in range(args.rounds):
                tree, single, seconds = screen_peak(directory, Path(scratch) / "s.xlsx")
                print(f"| {label} | {n:,} | {tree:.0f} | {single:.0f} | {seconds:.1f} |")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
