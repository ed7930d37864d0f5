"""Where the wall time of one ``clusterctl screen`` goes: a timeline of its phases.

    python bench/timeline.py [DIR] [--out SUMMARY.xlsx]

Runs the screen in this process (the workers are forked from it, as from the real command) and
prints on stderr, at each phase boundary, the wall time since start and the CPU seconds of this
process (the parent) and of its finished children (the workers): pool start, first and last
result, ranking, the cross-checks, the Excel summary and the terminal overview. The time after
"last result" is the parent working alone: the serial tail.

``--tracemalloc``: the parent's Python allocations are traced from the first result on (every
worker is forked by then; a worker restarted later would trace too), each mark shows the traced
size and peak, and the largest allocation sites are printed at the last result and at the end:
what the parent holds per file shows there, as a size that grows with N.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
T0 = time.perf_counter()


def _rss_mb() -> float:
    """This process's resident set now (Linux ``/proc/self/statm``; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


TRACE = False  # --tracemalloc


def mark(what: str) -> None:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    traced = ""
    if TRACE:
        import tracemalloc

        if what == "first result":
            tracemalloc.start()
        if tracemalloc.is_tracing():
            now, peak = tracemalloc.get_traced_memory()
            traced = f"  traced {now / 2**20:5.1f} MB (peak {peak / 2**20:5.1f})"
    print(
        f"{time.perf_counter() - T0:7.2f}s  parent {me.ru_utime + me.ru_stime:6.2f}  "
        f"workers {kids.ru_utime + kids.ru_stime:6.2f}  "
        f"parent RSS {_rss_mb():5.0f} MB (peak {me.ru_maxrss / 1024:5.0f}){traced}  {what}",
        file=sys.stderr,
    )
    if TRACE and what in ("last result", "end"):
        _largest_sites()


def _largest_sites(top: int = 8) -> None:
    import tracemalloc

    if not tracemalloc.is_tracing():
        return
    imports = (
        tracemalloc.Filter(False, "<frozen importlib.*"),
        tracemalloc.Filter(False, "<frozen abc>"),
    )
    snapshot = tracemalloc.take_snapshot().filter_traces(imports)
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        print(f"    {stat.size / 2**20:6.2f} MB  {stat.count:8d} blocks  {where}", file=sys.stderr)


def instrument() -> None:
    import clusterctl.batch.run as run
    import clusterctl.reports.overview as overview
    import clusterctl.reports.summary_xlsx as summary

    iter_reports, crosscheck_table = run.iter_reports, run.crosscheck_table
    write_summary, render_overview = summary.write_summary, overview.render_overview

    def timed_reports(*args, **kwargs):  # type: ignore[no-untyped-def]
        mark("pool start")
        for n, report in enumerate(iter_reports(*args, **kwargs)):
            if n == 0:
                mark("first result")
            yield report
        mark("last result")

    def timed_crosscheck(*args, **kwargs):  # type: ignore[no-untyped-def]
        mark("ranked; cross-checks start")
        yield from crosscheck_table(*args, **kwargs)
        mark("cross-checks end")

    def timed_summary(*args, **kwargs):  # type: ignore[no-untyped-def]
        mark("summary start")
        write_summary(*args, **kwargs)
        mark("summary end")

    def timed_overview(*args, **kwargs):  # type: ignore[no-untyped-def]
        render_overview(*args, **kwargs)
        mark("overview end")

    run.iter_reports, run.crosscheck_table = timed_reports, timed_crosscheck
    summary.write_summary, overview.render_overview = timed_summary, timed_overview


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", default=str(HERE / "out" / "seed1-n1000" / "files"))
    parser.add_argument("--out", help="summary workbook (default: a temporary file)")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="trace the parent's allocations (see above)"
    )
    args = parser.parse_args()
    global TRACE
    TRACE = args.tracemalloc
    out = args.out or os.path.join(tempfile.mkdtemp(prefix="timeline-"), "summary.xlsx")
    instrument()
    from clusterctl.cli.app import main as cli

    mark("imported")
    sys.argv = ["clusterctl", "screen", args.directory, "-o", out]
    try:
        cli()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    else:
        code = 0
    mark("end")
    return 0 if code in (0, 1) else code


if __name__ == "__main__":
    sys.exit(main())
