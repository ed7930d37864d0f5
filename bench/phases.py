"""CPU seconds of each phase of screen's per-file work, in this process (no isolation).

    python bench/phases.py [--n 1000]

Runs what a screen worker runs for each file (``clusterctl.pipeline.process_file`` and the
screen's ``ScreenTransform``) over the first N files of the set, and times each phase with
``time.process_time``: preflight, python-calamine (the reader's ``open_sheets``), the rest of the
reader, validation, evaluation, criterion findings, the summary, the file's SHA-256 and the
rendering for the summary. The parent's work (results, ranking, the Excel summary) is not
included: ``bench/timeline.py`` shows it.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def timed(spent: dict[str, float], label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=str(HERE / "out" / "seed1-n1000" / "files"))
    parser.add_argument("--n", type=int, default=1000, help="the first N files of the set")
    args = parser.parse_args()

    import clusterctl.evaluation.engine as engine
    import clusterctl.evaluation.findings as findings
    import clusterctl.pipeline as pipeline
    import clusterctl.workbook.preflight as preflight
    import clusterctl.workbook.reader as reader
    import clusterctl.workbook.summary as summary
    import clusterctl.workbook.validate as validate
    from clusterctl.batch.run import ScreenTransform
    from clusterctl.config.settings import Settings
    from clusterctl.reports.finding_cells import finding_cells

    spent: dict[str, float] = defaultdict(float)
    for module, name, label in (
        (preflight, "check_file", "preflight"),
        (reader, "read_workbook", "reader (with calamine)"),
        (reader._Reader, "open_sheets", "calamine"),
        (validate, "validate", "validate"),
        (engine, "evaluate", "evaluate"),
        (findings, "criterion_findings", "criterion findings"),
        (summary, "summarize", "summary"),
        (pipeline, "file_digest", "sha-256"),
    ):
        setattr(module, name, timed(spent, label, getattr(module, name)))
    transform = timed(
        spent, "render for the summary", ScreenTransform(Settings(), "zh", None, finding_cells)
    )
    options = pipeline.Options()
    files = sorted(str(p) for p in Path(args.set).glob("*.xlsx"))[: args.n]
    for path in files[:10]:  # warm: imports, packs, caches
        transform(pipeline.process_file(path, options))
    spent.clear()
    started = time.process_time()
    for path in files:
        transform(pipeline.process_file(path, options))
    total = time.process_time() - started
    spent["reader (with calamine)"] -= spent["calamine"]
    spent["reader's Python"] = spent.pop("reader (with calamine)")
    print(f"{len(files)} files, {total:.2f} CPU s in all")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {label:<24} {seconds:6.2f}  {100 * seconds / total:4.0f} %")


if __name__ == "__main__":
    main()
