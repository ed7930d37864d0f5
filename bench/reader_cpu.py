"""CPU seconds of the per-file phases on a fixed subset, in this process (no isolation).

    python bench/reader_cpu.py --n 200 --repeats 3

Phases: ``calamine`` (the reader's sheet parsing: ``open_sheets``), ``reader`` (the rest of
``read_application``: sheet maps, values, the roster), ``validate``, ``evaluate`` (evaluate and
the criterion findings). CPU time (time.process_time), so other load on the machine matters
little; compare before/after on the same subset. Preflight and the summary are not included.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=str(HERE / "out" / "seed1-n1000" / "files"))
    parser.add_argument("--n", type=int, default=200, help="the first N files of the set")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.evaluation.engine import evaluate
    from clusterctl.evaluation.findings import criterion_findings
    from clusterctl.workbook import reader
    from clusterctl.workbook.limits import Limits
    from clusterctl.workbook.validate import validate

    spent = dict.fromkeys(("calamine", "reader", "validate", "evaluate"), 0.0)
    open_sheets = reader._Reader.open_sheets

    def timed_open_sheets(self):  # type: ignore[no-untyped-def]
        started = time.process_time()
        try:
            return open_sheets(self)
        finally:
            spent["calamine"] += time.process_time() - started

    reader._Reader.open_sheets = timed_open_sheets  # type: ignore[method-assign]
    files = sorted(str(p) for p in Path(args.set).glob("*.xlsx"))[: args.n]
    firms = 0
    for _ in range(args.repeats):
        for path in files:
            started = time.process_time()
            app, _findings = reader.read_application(path, Limits())
            spent["reader"] += time.process_time() - started
            if app is None:
                continue
            firms += len(app.roster)
            pack = resolve_pack(app.edition or "beijing-2023")
            started = time.process_time()
            validate(app, pack)
            spent["validate"] += time.process_time() - started
            started = time.process_time()
            criterion_findings(app, pack, evaluate(app, pack))
            spent["evaluate"] += time.process_time() - started
    spent["reader"] -= spent["calamine"]
    per_run = {k: v / args.repeats for k, v in spent.items()}
    own = per_run["reader"] + per_run["validate"] + per_run["evaluate"]
    print(f"{len(files)} files, {firms // args.repeats:,} firms; CPU s per run:")
    for phase, seconds in per_run.items():
        print(f"  {phase:<9} {seconds:6.2f}")
    print(f"  reader + validate + evaluate {own:.2f} s ({own * 1000 / len(files):.1f} s per 1,000)")


if __name__ == "__main__":
    main()
