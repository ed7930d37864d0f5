"""Start-up CPU and wall time of ``clusterctl --help`` and ``clusterctl check FILE``.

Runs each command N times, interleaving the working tree with an older tree when ``--old`` names
one (e.g. ``mkdir /tmp/old && git archive c5138cc clusterctl | tar -x -C /tmp/old``; it is put
first on ``PYTHONPATH``), and prints medians of wall time and of CPU (user + sys of the process
and its children, from ``os.times``). Run from anywhere; paths are relative to the repository.

    python bench/startup.py --runs 21 --old /tmp/old --file DIR/files/app-00717.xlsx

Both trees are byte-compiled first, as an installed wheel is (this environment sets
``PYTHONDONTWRITEBYTECODE=1``: every start would compile the sources again). ``--file`` adds a
``check`` of that workbook (bench/run.py's ``typical_file``: a clean application with the median
roster).
"""

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "01-eligible-beijing.xlsx"
GENERATED = ROOT / "bench" / "out" / "seed1-n1000" / "files" / "app-00191.xlsx"  # median size
MAIN = "import sys; sys.argv[0] = 'clusterctl'; from clusterctl.cli.app import main; main()"
CASES = {
    "--help": ["--help"],
    "check sample": ["check", str(SAMPLE)],
    "check generated": ["check", str(GENERATED)],
    "check json": ["check", str(SAMPLE), "--output-format", "json"],
}


def once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    before, start = os.times(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", MAIN, *args],
        env=env, cwd="/tmp", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    wall, after = time.perf_counter() - start, os.times()
    cpu = (
        after.children_user - before.children_user + after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--old", help="an older tree holding clusterctl/ to compare with")
    parser.add_argument("--file", type=Path, help="also time `check FILE` of this workbook")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "clusterctl"), quiet=1)
    if args.old:
        compileall.compile_dir(str(Path(args.old) / "clusterctl"), quiet=1)
    cases = dict(CASES)
    if args.file:
        cases["check FILE"] = ["check", str(args.file.resolve())]
    trees = {"new": dict(os.environ)}
    if args.old:
        trees = {"old": dict(os.environ, PYTHONPATH=args.old), **trees}
    for name, cli_args in cases.items():
        if cli_args[0] == "check" and not Path(cli_args[1]).exists():
            continue  # the generated set is not there
        times: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
        for _ in range(args.runs):
            for tree, env in trees.items():
                times[tree].append(once(cli_args, env))
        cells = []
        for tree, runs in times.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            cells.append(f"{tree}: wall {wall:.3f} s, CPU {cpu:.3f} s")
        print(f"{name:16} " + " | ".join(cells))


if __name__ == "__main__":
    main()
