"""The screening benchmark: every measurement of issue 21's target table, in one command.

    python bench/run.py --n 1000 --rounds 5       # the table at the top of docs/performance.md
    python bench/run.py --n 200 --rounds 5 --big-n 0 --doc -   # a few minutes while developing
    python bench/run.py --smoke --out /tmp/b --doc /tmp/b/perf.md

On one generated set (``bench/generate.py``) it times, each in a fresh process, wall time and CPU
time (user + system of the process and every descendant it waited for, from ``wait4``):

(a) ``clusterctl screen DIR -o summary.xlsx`` end to end; (a') with ``--jobs 1``; (a'') with the
    isolation layer off (every file in one process): (a') against (a'') is isolation's cost;
(p) the peer: ``pandas.read_excel(sheet_name=None, engine="calamine")``, file after file, the loop
    a reviewer who knows pandas would write (one core, reading only);
(b) the baseline: the same with pandas' default engine (openpyxl); ``--baseline-sample K`` reads K
    files and extrapolates by size, and the table says so;
(c) the floor: every cell of every file read on all cores by fastexcel to Arrow, nothing else;
    (c') the same with python-calamine;

``--rounds R`` runs these parts R times, interleaved (a slow minute of the machine hits every
part), and reports medians. Besides: the fixed cost (``screen`` of one file minus ``check`` of the
same file, medians), the serial tail after the last file and the peak RSS at N and at 10 x N
(``bench/timeline.py``), and the start-up of ``clusterctl --help`` and ``clusterctl check FILE``
including the interpreter (medians). Peak memory is the summed RSS of the process tree, polled
every 50 ms (an upper bound: pages shared between forked workers count twice).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import targets  # noqa: E402
from measure import Run, machine, median, run_tree  # noqa: E402

PY = sys.executable
ROUND_PARTS = (
    "screen",
    "screen-1job",
    "no-isolation",
    "peer",
    "baseline",
    "floor",
    "floor-calamine",
)
PARTS = (*ROUND_PARTS, "fixed", "tail", "startup")  # and "screen-old" with --old


@dataclass(slots=True)
class Row:
    key: str  # one of ROUND_PARTS
    name: str
    seconds: float
    files: int
    peak_mb: float | None
    cpu_s: float | None = None
    note: str = ""
    run: Run | None = None
    walls: list[float] = field(default_factory=list)  # every round's wall time, in order

    @property
    def rate(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def clusterctl() -> list[str]:
    script = Path(PY).parent / "clusterctl"
    return [str(script)] if script.exists() else [PY, "-m", "clusterctl"]


def screen(files: Path, out: Path, key: str, jobs: int | None, old: Path | None = None) -> Row:
    """``key``: "screen" (isolated, ``jobs`` workers), "screen-1job" (isolated, one worker),
    "no-isolation" (every file in the one screen process, see ``screen_no_isolation.py``) or
    "screen-old" (as "screen", with the package from the tree ``old``, first on PYTHONPATH)."""
    summary = (out / f"summary-{key}.xlsx").resolve()
    env = cwd = None
    summary.unlink(missing_ok=True)
    if key == "no-isolation":
        command = [PY, str(HERE / "screen_no_isolation.py")]
        name, jobs = "(a″) clusterctl screen, isolation off (one process)", None
    else:
        command = [*clusterctl(), "screen"]
        if key == "screen-old" and old is not None:
            command = [PY, "-m", "clusterctl", "screen"]
            env = {**os.environ, "PYTHONPATH": str(old.resolve())}
            # python -m puts the working directory first on sys.path: run it in the old tree,
            # or a checkout's own clusterctl shadows the old one
            cwd = old.resolve()
            name = f"(a⁰) clusterctl screen, the tree in {old}"
        elif key == "screen-1job":
            name, jobs = "(a′) clusterctl screen --jobs 1", 1
        else:
            name = "(a) clusterctl screen" + (f" --jobs {jobs}" if jobs else "")
    command += [str(files.resolve()), "-o", str(summary)]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = run_tree(command, env=env, cwd=cwd)
    if run.returncode not in (0, 1) or not summary.exists():
        raise SystemExit(
            f"screen failed (exit {run.returncode}): {shlex.join(command)}\n{run.stderr[-2000:]}"
        )
    return Row(key, name, run.seconds, _count(files), run.peak_tree_mb, run.cpu_seconds, run=run)


FLOORS = {
    "floor": ("fastexcel", "(c) floor: fastexcel to Arrow, every cell"),
    "floor-calamine": ("calamine", "(c′) floor: python-calamine, every cell"),
}


def floor(files: Path, jobs: int, key: str = "floor") -> Row:
    reader, name = FLOORS[key]
    command = [PY, str(HERE / "floor.py"), str(files), "--jobs", str(jobs), "--reader", reader]
    run = run_tree(command)
    if run.returncode != 0:
        raise SystemExit(f"floor failed (exit {run.returncode}): {shlex.join(command)}\n"
                         f"{run.stderr[-2000:]}")  # fmt: skip
    data = json.loads(run.stdout)
    note = f"{data['cells']:,} cells ({data['filled']:,} with a value), {jobs} processes"
    return Row(key, name, run.seconds, data["files"], run.peak_tree_mb, run.cpu_seconds, note)


BASELINES = {
    "baseline": (None, "(b) baseline: pandas.read_excel, default engine, one by one"),
    "peer": ("calamine", '(p) peer: pandas.read_excel(engine="calamine"), one by one'),
}


def baseline(files: Path, sample: int, seed: int, key: str = "baseline") -> Row:
    engine, name = BASELINES[key]
    command = [PY, str(HERE / "baseline.py"), str(files), "--seed", str(seed)]
    if sample:
        command += ["--sample", str(sample)]
    if engine:
        command += ["--engine", engine]
    run = run_tree(command)
    if run.returncode != 0:
        raise SystemExit(f"{key} failed (exit {run.returncode}): {run.stderr[-2000:]}")
    data = json.loads(run.stdout)
    n, read = data["files"], data["read"]
    seconds, cpu, note = run.seconds, run.cpu_seconds, "all files read"
    if read < n:
        scale = data["bytes"] / data["read_bytes"]  # by size: see baseline.py
        seconds = run.seconds + data["read_seconds"] * (scale - 1)  # start-up counted once
        cpu = run.cpu_seconds + data["read_cpu_seconds"] * (scale - 1)
        share = data["read_bytes"] / data["bytes"]
        note = (
            f"sampled: {read} of {n} files read ({share:.1%} of the bytes), times extrapolated "
            "by size"
        )
    return Row(key, name, seconds, n, run.peak_tree_mb, cpu, note)


def combine(runs: list[Row]) -> Row:
    """One row for the rounds of a part: median wall and CPU time, the highest peak."""
    if len(runs) == 1:
        runs[0].walls = [runs[0].seconds]
        return runs[0]
    first, walls = runs[0], sorted(r.seconds for r in runs)
    cpus = [r.cpu_s for r in runs if r.cpu_s is not None]
    peaks = [r.peak_mb for r in runs if r.peak_mb is not None]
    spread = f"median of {len(runs)} rounds ({walls[0]:.2f}–{walls[-1]:.2f} s)"
    return Row(
        first.key,
        first.name,
        median(walls),
        first.files,
        max(peaks) if peaks else None,
        median(cpus) if cpus else None,
        "; ".join(filter(None, (spread, first.note))),
        walls=[r.seconds for r in runs],
    )


def _count(files: Path) -> int:
    return sum(1 for _ in files.glob("*.xlsx"))


def startup(check_file: Path, repeats: int) -> dict[str, float | bool]:
    """Medians of ``clusterctl --help`` and ``clusterctl check FILE``, wall and CPU time, the
    interpreter's start included."""
    helps, checks = [], []
    for _ in range(repeats):
        helps.append(run_tree([*clusterctl(), "--help"]))
        checks.append(run_tree([*clusterctl(), "check", str(check_file)]))
    probe = run_tree([PY, "-X", "importtime", "-m", "clusterctl", "check", str(check_file)])
    imported = {
        line.split("|")[-1].strip()
        for line in probe.stderr.splitlines()
        if line.startswith("import time:")
    }
    return {
        "help_s": median([r.seconds for r in helps]),
        "help_cpu_s": median([r.cpu_seconds for r in helps]),
        "check_s": median([r.seconds for r in checks]),
        "check_cpu_s": median([r.cpu_seconds for r in checks]),
        "check_imports_pandas": "pandas" in imported,
        "check_imports_openpyxl": "openpyxl" in imported,
    }


def fixed_cost(check_file: Path, out: Path, repeats: int) -> dict[str, float]:
    """``screen`` of a folder holding one file against ``check`` of that file (medians of
    ``repeats`` interleaved pairs): what a batch costs beyond its files' own work."""
    one = out / "one-file"
    one.mkdir(parents=True, exist_ok=True)
    for stale in one.glob("*.xlsx"):
        stale.unlink()
    (one / check_file.name).symlink_to(check_file.resolve())
    summary = out / "summary-one.xlsx"
    screens, checks = [], []
    for _ in range(repeats):
        screens.append(run_tree([*clusterctl(), "screen", str(one), "-o", str(summary)]).seconds)
        checks.append(run_tree([*clusterctl(), "check", str(check_file)]).seconds)
    screen_s, check_s = median(screens), median(checks)
    return {"screen_one_s": screen_s, "check_one_s": check_s, "fixed_s": screen_s - check_s}


MARK = re.compile(r"^\s*([\d.]+)s\s+parent.*?\)\s+(.+?)\s*$")


def tail(files: Path, out: Path) -> dict[str, float]:
    """One ``screen`` run by ``bench/timeline.py``: its wall time, the serial tail (last result
    to the end) and the tree's peak RSS."""
    summary = out / f"summary-tail-{files.parent.name}.xlsx"
    run = run_tree([PY, str(HERE / "timeline.py"), str(files), "--out", str(summary)])
    if run.returncode != 0:
        raise SystemExit(f"timeline failed (exit {run.returncode}): {run.stderr[-2000:]}")
    marks = {}
    for line in run.stderr.splitlines():
        if m := MARK.match(line):
            marks[m.group(2)] = float(m.group(1))
    total = marks["end"]
    last = marks["last result"]
    return {
        "files": _count(files),
        "total_s": total,
        "tail_s": total - last,
        "share": (total - last) / total if total else 0.0,
        "peak_mb": run.peak_tree_mb,
        "cpu_s": run.cpu_seconds,
    }


def typical_file(directory: Path) -> Path:
    """A clean application with the median roster: what one user checks."""
    import profiles

    files = directory / "files"
    rows = json.loads((directory / "manifest.json").read_text())["roster_rows"]
    median_rows = rows.get("median", 0)
    best, best_gap = None, None
    for path in sorted(files.glob("*.xlsx")):
        index = int(path.stem.split("-")[1])
        app = profiles.make_application(_seed_of(directory), index, set())
        if app.quality != "clean":
            continue
        gap = abs(app.roster_size - median_rows)
        if best_gap is None or gap < best_gap:
            best, best_gap = path, gap
    return best or next(files.glob("*.xlsx"))


def _seed_of(directory: Path) -> int:
    return json.loads((directory / "manifest.json").read_text())["seed"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of applications")
    parser.add_argument(
        "--big-n",
        type=int,
        default=None,
        help="the larger set for memory and the tail (default 10 × N; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=0,
        metavar="K",
        help="time the default-engine baseline on K files and extrapolate (0: all)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="screen --jobs (default: its own)")
    parser.add_argument("--repeats", type=int, default=11, help="start-up runs (median)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="run every part this many times, interleaved, and report the medians",
    )
    parser.add_argument(
        "--cache", type=Path, default=generate.DEFAULT_OUT, help="where generated sets are cached"
    )
    parser.add_argument("--out", type=Path, default=None, help="scratch directory for outputs")
    parser.add_argument(
        "--doc",
        type=Path,
        default=ROOT / "docs" / "performance.md",
        help="markdown file whose generated block is replaced ('-': none)",
    )
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}"
    )
    parser.add_argument(
        "--old",
        type=Path,
        default=None,
        metavar="TREE",
        help="also screen with the clusterctl package in TREE (git archive REV clusterctl), "
        "interleaved with the others: before against after in one run",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny run to prove the harness works (N=20, big N=40, few repeats)",
    )
    args = parser.parse_args(argv)
    command = shlex.join(["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    if args.smoke:
        args.n, args.repeats = min(args.n, 20), min(args.repeats, 2)
        args.rounds = min(args.rounds, 2)
        args.baseline_sample = args.baseline_sample or 5
        args.big_n = 40 if args.big_n is None else args.big_n
    big_n = 10 * args.n if args.big_n is None else args.big_n
    parts = {p.strip() for p in args.parts.split(",")} | ({"screen-old"} if args.old else set())
    if unknown := parts - {*PARTS, "screen-old"}:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    directory = generate.generate_set(args.n, args.seed, args.cache)
    big = generate.generate_set(big_n, args.seed, args.cache) if big_n and "tail" in parts else None
    info = json.loads((directory / "manifest.json").read_text())
    files = directory / "files"
    out = args.out or directory / "results"
    out.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    host = machine()  # before the runs: the load average says whether others were busy
    # as an installed wheel has them: start-up is not compiling (PYTHONDONTWRITEBYTECODE=1 here)
    compileall.compile_dir(str(ROOT / "clusterctl"), quiet=1)

    measures: dict[str, Callable[[], Row]] = {
        **{
            key: partial(screen, files, out, key, args.jobs, args.old)
            for key in ("screen", "screen-old", "screen-1job", "no-isolation")
        },
        "peer": partial(baseline, files, 0, args.seed, "peer"),
        "baseline": partial(baseline, files, args.baseline_sample, args.seed, "baseline"),
        **{key: partial(floor, files, cores, key) for key in FLOORS},
    }
    order = ("screen", "screen-old", *ROUND_PARTS[1:])
    runs: dict[str, list[Row]] = {key: [] for key in order if key in parts}
    for _ in range(args.rounds):  # interleaved: a slow minute of the machine hits every part
        for key, measured in runs.items():
            measured.append(measures[key]())
    rows = [combine(measured) for measured in runs.values()]
    extra: dict = {}
    check_file = typical_file(directory)
    if "fixed" in parts:
        extra["fixed"] = fixed_cost(check_file, out, max(args.repeats // 2, 1))
    if "tail" in parts:
        extra["tail"] = [tail(files, out)] + ([tail(big / "files", out)] if big else [])
    if "startup" in parts:
        extra["startup"] = startup(check_file, args.repeats)
        extra["startup"]["file"] = f"{check_file.name}, {check_file.stat().st_size // 1024} KB"
    host["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = targets.render(rows, extra, info, host, command)
    print(text)
    if str(args.doc) != "-":
        args.doc.parent.mkdir(parents=True, exist_ok=True)
        targets.write_doc(args.doc, text)
    (out / "results.json").write_text(
        json.dumps(
            {
                "set": info,
                "rows": [
                    {
                        "key": r.key,
                        "name": r.name,
                        "seconds": r.seconds,
                        "cpu_seconds": r.cpu_s,
                        "walls": r.walls,
                        "files": r.files,
                        "peak_mb": r.peak_mb,
                        "note": r.note,
                    }
                    for r in rows
                ],
                **extra,
                "machine": host,
                "command": command,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
