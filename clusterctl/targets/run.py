"""Read a batch of annual reports in the worker pool and sum them against a monitoring pack.

Per file, in a pooled worker (:class:`~clusterctl.batch.isolation.WorkerPool` with
``process=``:class:`TargetsTask`): preflight (the same limits as ``check``) → read the workbook
with the pack's indicators → the kind's required fields → the cluster's tier and contributions.
A crash, hang or memory blow-up costs that file one finding (the pool's F116–F118); nothing in
a file raises here. The parent then aggregates (:mod:`.aggregate`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from clusterctl.diagnostics import Finding, Location
from clusterctl.pipeline import Options, file_digest, path_finding
from clusterctl.targets.model import ClusterReport, ProvinceProgress, TargetPack

ANNUAL_REPORT = "annual-report"


@dataclass(frozen=True, slots=True)
class TargetsTask:
    """The per-file task of a ``targets`` batch (picklable: the pack travels as its path)."""

    pack_path: str

    def pack(self) -> TargetPack:
        from clusterctl.targets.loader import load_target_pack

        return load_target_pack(self.pack_path)

    def __call__(self, path: str, options: Options) -> ClusterReport:
        started = time.perf_counter()
        report = ClusterReport(path)
        try:
            _run(path, options, self.pack(), report)
        except Exception as exc:  # an input we did not foresee: one finding, not a crash
            report.result = None
            error = f"{type(exc).__name__}: {exc}"[:300]
            report.findings.append(Finding("F199", Location(path), {"error": error}))
        report.seconds = time.perf_counter() - started
        return report


def _run(path: str, options: Options, pack: TargetPack, report: ClusterReport) -> None:
    from clusterctl.targets.evaluate import evaluate_cluster
    from clusterctl.workbook.preflight import check_file
    from clusterctl.workbook.reader import read_workbook
    from clusterctl.workbook.structure import check_structure

    refused = path_finding(path)
    if refused is not None:
        report.findings.append(refused)
        return
    report.sha256, _size = file_digest(path, options.limits.max_file_mb * 1024 * 1024)
    checked = check_file(path, options.limits)
    report.findings.extend(checked.findings)
    if checked.fatal:
        return
    view = pack.workbook_pack()
    app, findings = read_workbook(path, options.limits, checked.package, pack=view)
    del checked
    report.findings.extend(findings)
    if app is None:
        return
    if app.kind != ANNUAL_REPORT:
        report.findings = [f for f in report.findings if f.code.startswith("F")]
        from clusterctl.workbook.grid import bi
        from clusterctl.workbook.kind import load_kind

        what = bi("what", load_kind(app.kind).title)
        params = {"kind": app.kind, "pack": pack.id, **what}
        report.findings.append(Finding("T501", Location(path), params))
        return
    if app.edition and app.edition != pack.id:
        where = app.cell("identity.edition") or Location(path)
        report.findings.append(Finding("S104", where, {"edition": app.edition, "pack": pack.id}))
    report.findings.extend(check_structure(app, view))
    result, found = evaluate_cluster(app, pack)
    report.findings.extend(found)
    report.result = result


def from_failure(report: Any) -> ClusterReport:
    """A pool's own report for a file whose worker failed (a FileReport) as a ClusterReport."""
    if isinstance(report, ClusterReport):
        return report
    return ClusterReport(report.path, report.sha256, list(report.findings), None, report.seconds)


def run_reports(
    paths: Sequence[str],
    pack: TargetPack,
    options: Options,
    jobs: int | None = None,
    on_report: Callable[[ClusterReport], None] | None = None,
) -> list[ClusterReport]:
    """Every path's report, in input order, read in isolated workers."""
    import os

    from clusterctl.batch.isolation import WorkerPool

    assert pack.path is not None
    task = TargetsTask(os.path.abspath(pack.path))
    reports: list[ClusterReport] = []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    with WorkerPool(options, workers, process=task) as pool:
        for outcome in pool.run(list(paths), ordered=True):
            report = from_failure(outcome)
            reports.append(report)
            if on_report is not None:
                on_report(report)
    return reports


def summarise(
    pack: TargetPack, reports: list[ClusterReport], year: int | None = None
) -> ProvinceProgress:
    """Aggregate the readable reports; the batch's findings are added to their reports."""
    from clusterctl.targets.aggregate import aggregate

    results = [r.result for r in reports if r.result is not None]
    province, notes = aggregate(pack, results, year)
    for report in reports:
        report.findings.extend(notes.get(report.path, ()))
    return province
