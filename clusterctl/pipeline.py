"""The per-file pipeline shared by ``check`` and ``screen``.

preflight (is it a workbook we may open?) -> read (cells to an :class:`Application`) ->
validate (checks beyond types) -> evaluate (against the pack) -> :class:`FileReport`.

Runs inside an isolated worker (:mod:`clusterctl.batch.isolation`), so it may trust nothing but
must never raise: anything unexpected becomes an ``F`` finding for that file.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Finding, Location
from clusterctl.report import FileReport
from clusterctl.workbook.limits import Limits

if TYPE_CHECKING:
    from clusterctl.config.settings import Settings


@dataclass(frozen=True, slots=True)
class Options:
    criteria: str | None = None  # pack selector; None: the edition the workbook declares
    default_criteria: str = "beijing"  # when neither the option nor the workbook names one
    limits: Limits = field(default_factory=Limits)
    settings: Settings | None = None  # per-code levels and per-file ignores, for evaluation


def file_digest(path: str) -> tuple[str | None, int | None]:
    """SHA-256 and size of a file, read in chunks (bounded memory)."""
    try:
        h = hashlib.sha256()
        size = 0
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
        return h.hexdigest(), size
    except OSError:
        return None, None


def process_file(path: str, options: Options) -> FileReport:
    """Check one workbook. Never raises."""
    started = time.perf_counter()
    digest, size = file_digest(path)
    report = FileReport(path=path, sha256=digest, size=size)
    try:
        _run(path, options, report)
    except Exception as exc:  # a bug or an input we did not foresee: one finding, not a crash
        report.evaluation = None
        report.findings.append(
            Finding("F199", Location(path), {"error": f"{type(exc).__name__}: {exc}"[:300]})
        )
    report.seconds = time.perf_counter() - started
    return report


# Row checks of the qualitative and declaration sheets that the criterion's own finding (same
# cell, with the criterion code) already reports: the user sees the problem once.
SUPERSEDED_BY_CRITERIA = frozenset({"X305", "X306", "X308"})


def _without_superseded(validation: list[Finding], criteria: list[Finding]) -> list[Finding]:
    covered = {(f.location.sheet, f.location.row, f.location.col) for f in criteria}
    return [
        f
        for f in validation
        if f.code not in SUPERSEDED_BY_CRITERIA
        or (f.location.sheet, f.location.row, f.location.col) not in covered
    ]


def _run(path: str, options: Options, report: FileReport) -> None:
    from clusterctl.criteria.loader import find_pack, resolve_pack
    from clusterctl.evaluation.engine import evaluate
    from clusterctl.evaluation.findings import criterion_findings
    from clusterctl.workbook.preflight import check_file
    from clusterctl.workbook.reader import read_application
    from clusterctl.workbook.summary import summarize
    from clusterctl.workbook.validate import validate

    if not os.path.isfile(path):
        report.findings.append(Finding("F100", Location(path)))
        return
    checked = check_file(path, options.limits)
    report.findings.extend(checked.findings)
    if checked.fatal:
        return
    # the series rows are the indicators of --criteria's pack, else of the workbook's edition
    given = find_pack(options.criteria)
    app, findings = read_application(path, options.limits, checked.package, given)
    del checked  # the package is read: let it go before validation and evaluation
    report.findings.extend(findings)
    if app is None:
        return
    report.cells = {k: v for k, v in app.cells.items() if k.startswith("basic.")}
    selector = options.criteria or app.edition or options.default_criteria
    try:
        pack = resolve_pack(selector)
    except LookupError:  # the workbook declares an edition we do not know
        report.findings.append(
            Finding("S105", app.cell("basic.edition") or Location(path), {"edition": selector})
        )
        pack = resolve_pack(options.default_criteria)
    report.pack_id = pack.id
    off = options.settings.criteria_off(path, pack) if options.settings else ()
    checks = validate(app, pack)  # first: it marks suspect values (app.suspect) for evaluation
    evaluation = evaluate(app, pack, off=off)
    report.evaluation = evaluation
    criteria = criterion_findings(app, pack, evaluation)
    report.findings.extend(_without_superseded(checks, criteria))
    report.findings.extend(criteria)
    report.summary = summarize(app, evaluation)
