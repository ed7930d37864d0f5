"""The screening benchmark: ``clusterctl screen`` against a hand-written baseline and the floor.

    python bench/run.py --n 1000 --baseline-sample 100     # appends to docs/performance.md
    python bench/run.py --smoke --out /tmp/b --doc /tmp/b/perf.md

On one generated set (``bench/generate.py``) it times, each in a fresh process:

(a) ``clusterctl screen DIR -o summary.xlsx`` end to end (reading, validating, scoring, writing
    the summary), with the isolation layer on (the default) and off;
(b) the baseline: ``pandas.read_excel(sheet_name=None)`` with its default engine, file after file
    (``--baseline-sample K`` reads K files and extrapolates, and the table says so);
(c) the floor: every cell of every file read on all cores by the fastest reader we found
    (fastexcel, to Arrow columns), nothing else; (c') the same with python-calamine, the reader
    clusterctl itself uses;

plus the start-up of ``clusterctl --help`` and of ``clusterctl check`` on one file (medians), and
whether ``check`` imports pandas or openpyxl. Peak memory is the summed RSS of the process tree,
polled every 50 ms (an upper bound: pages shared between forked workers count twice).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from measure import Run, machine, median, run_tree  # noqa: E402

PY = sys.executable
PARTS = (
    "screen",
    "screen-1job",
    "no-isolation",
    "baseline",
    "floor",
    "floor-calamine",
    "startup",
)
TARGETS = {"vs_baseline": 0.1, "vs_floor": 2.0, "memory_mb": 300.0, "check_s": 0.5, "help_s": 0.25}


@dataclass(slots=True)
class Row:
    key: str  # one of PARTS
    name: str
    seconds: float
    files: int
    peak_mb: float | None
    cpu_s: float | None = None
    note: str = ""
    run: Run | None = None

    @property
    def rate(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def clusterctl() -> list[str]:
    script = Path(PY).parent / "clusterctl"
    return [str(script)] if script.exists() else [PY, "-m", "clusterctl"]


def screen(files: Path, out: Path, key: str, jobs: int | None) -> Row:
    """``key``: "screen" (isolated, ``jobs`` workers), "screen-1job" (isolated, one worker) or
    "no-isolation" (every file in the one screen process, see ``screen_no_isolation.py``)."""
    summary = out / f"summary-{key}.xlsx"
    summary.unlink(missing_ok=True)
    if key == "no-isolation":
        command = [PY, str(HERE / "screen_no_isolation.py")]
        name, jobs = "(a″) clusterctl screen, isolation off (one process)", None
    else:
        command = [*clusterctl(), "screen"]
        if key == "screen-1job":
            name, jobs = "(a′) clusterctl screen --jobs 1", 1
        else:
            name = "(a) clusterctl screen" + (f" --jobs {jobs}" if jobs else "")
    command += [str(files), "-o", str(summary)]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = run_tree(command)
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


def baseline(files: Path, sample: int, seed: int) -> Row:
    command = [PY, str(HERE / "baseline.py"), str(files), "--seed", str(seed)]
    if sample:
        command += ["--sample", str(sample)]
    run = run_tree(command)
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
    name = "(b) baseline: pandas.read_excel, one by one"
    return Row("baseline", name, seconds, n, run.peak_tree_mb, cpu, note)


def combine(runs: list[Row]) -> Row:
    """One row for the rounds of a part: median wall and CPU time, the highest peak."""
    if len(runs) == 1:
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
    )


def _count(files: Path) -> int:
    return sum(1 for _ in files.glob("*.xlsx"))


def startup(check_file: Path, repeats: int) -> dict[str, float | bool]:
    """Medians of ``clusterctl --help`` and ``clusterctl check FILE`` wall times."""
    helps, checks = [], []
    for _ in range(repeats):
        helps.append(run_tree([*clusterctl(), "--help"]).seconds)
        checks.append(run_tree([*clusterctl(), "check", str(check_file)]).seconds)
    probe = run_tree([PY, "-X", "importtime", "-m", "clusterctl", "check", str(check_file)])
    imported = {
        line.split("|")[-1].strip()
        for line in probe.stderr.splitlines()
        if line.startswith("import time:")
    }
    return {
        "help_s": median(helps),
        "check_s": median(checks),
        "check_imports_pandas": "pandas" in imported,
        "check_imports_openpyxl": "openpyxl" in imported,
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


def render(
    rows: list[Row], info: dict, start: dict, args: argparse.Namespace, m: dict[str, str]
) -> str:
    a, b, c = _find(rows, "screen"), _find(rows, "baseline"), _find(rows, "floor")
    lines = [
        f"### N = {info['n']:,} applications (seed {info['seed']}), "
        f"{time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, Python {m['python']}, "
        f"{m['os']}; load average before the run {m['load']}",
        f"- Command: `{args.command_line}`",
        f"- Set: {info['n']:,} files, {info['bytes'] / 2**20:.0f} MB; quality "
        + ", ".join(f"{k} {v}" for k, v in info["qualities"].items())
        + f"; roster rows min {info['roster_rows']['min']}, median "
        f"{info['roster_rows']['median']}, max {info['roster_rows']['max']}, total "
        f"{info['roster_rows']['total']:,}",
        "",
        "| measurement | wall s | CPU s | files/s | peak RSS MB | time ÷ (b) | time ÷ (c) | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "–"
        vs_b = f"{r.seconds / b.seconds:.3f}" if b else "–"
        vs_c = f"{r.seconds / c.seconds:.2f}" if c else "–"
        cpu = f"{r.cpu_s:.1f}" if r.cpu_s is not None else "–"
        lines.append(
            f"| {r.name} | {r.seconds:.2f} | {cpu} | {r.rate:.1f} | {peak} | {vs_b} | {vs_c} "
            f"| {r.note} |"
        )
    lines.append("")
    if a and b and c:
        lines.append(
            f"- screen vs baseline: **{b.seconds / a.seconds:.1f}× faster** "
            f"(target ≥ {1 / TARGETS['vs_baseline']:.0f}×); screen vs floor: "
            f"**{a.seconds / c.seconds:.2f}× the floor's time** "
            f"(target ≤ {TARGETS['vs_floor']:.0f}×); "
            f"screen peak RSS **{a.peak_mb:.0f} MB** (target < {TARGETS['memory_mb']:.0f} MB)."
        )
    c2 = _find(rows, "floor-calamine")
    if a and c2:
        lines.append(
            f"- screen vs the python-calamine floor (c′), the reader screen itself uses: "
            f"**{a.seconds / c2.seconds:.2f}×**."
        )
    if start:
        lines.append(
            f"- Start-up (median of {args.repeats}): `clusterctl --help` "
            f"**{start['help_s']:.3f} s** (target < {TARGETS['help_s']} s); `clusterctl check` "
            f"on one typical file ({start['file']}) **{start['check_s']:.3f} s** "
            f"(target < {TARGETS['check_s']} s); check imports pandas: "
            f"{'yes' if start['check_imports_pandas'] else 'no'}, openpyxl: "
            f"{'yes' if start['check_imports_openpyxl'] else 'no'}."
        )
    return "\n".join(lines) + "\n"


def _find(rows: list[Row], key: str) -> Row | None:
    return next((r for r in rows if r.key == key), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of applications")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=0,
        metavar="K",
        help="time the baseline on K files and extrapolate (0: all)",
    )
    parser.add_argument("--jobs", type=int, default=None, help="screen --jobs (default: its own)")
    parser.add_argument("--repeats", type=int, default=11, help="start-up runs (median)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
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
        help="markdown file to append the table to ('-': none)",
    )
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny run to prove the harness works (N=20, few repeats)",
    )
    args = parser.parse_args(argv)
    args.command_line = shlex.join(["python", "bench/run.py", *(argv or sys.argv[1:])])
    if args.smoke:
        args.n, args.repeats = min(args.n, 20), min(args.repeats, 2)
        args.rounds = min(args.rounds, 2)
        args.baseline_sample = args.baseline_sample or 5
    directory = generate.generate_set(args.n, args.seed, args.cache)
    info = json.loads((directory / "manifest.json").read_text())
    files = directory / "files"
    out = args.out or directory / "results"
    out.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    host = machine()  # before the runs: the load average says whether others were busy

    parts = {p.strip() for p in args.parts.split(",")}
    if unknown := parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    measures: dict[str, Callable[[], Row]] = {
        **{
            key: partial(screen, files, out, key, args.jobs)
            for key in ("screen", "screen-1job", "no-isolation")
        },
        "baseline": partial(baseline, files, args.baseline_sample, args.seed),
        **{key: partial(floor, files, cores, key) for key in FLOORS},
    }
    runs: dict[str, list[Row]] = {key: [] for key in measures if key in parts}
    for _ in range(args.rounds):  # interleaved: a slow minute of the machine hits every part
        for key, measured in runs.items():
            measured.append(measures[key]())
    rows = [combine(measured) for measured in runs.values()]
    start: dict = {}
    if "startup" in parts:
        check_file = typical_file(directory)
        start = startup(check_file, args.repeats)
        start["file"] = f"{check_file.name}, {check_file.stat().st_size // 1024} KB"
    text = render(rows, info, start, args, host)
    print(text)
    if str(args.doc) != "-":
        args.doc.parent.mkdir(parents=True, exist_ok=True)
        with open(args.doc, "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    (out / "results.json").write_text(
        json.dumps(
            {
                "set": info,
                "rows": [
                    {
                        "name": r.name,
                        "seconds": r.seconds,
                        "files": r.files,
                        "peak_mb": r.peak_mb,
                        "note": r.note,
                    }
                    for r in rows
                ],
                "startup": start,
                "machine": host,
                "command": args.command_line,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
