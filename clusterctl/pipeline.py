"""The per-file pipeline shared by ``check`` and ``screen``.

preflight (is it a workbook we may open?) -> read (cells to an :class:`Application`) ->
validate (checks beyond types) -> evaluate (against the pack) -> :class:`FileReport`.

Runs inside an isolated worker (:mod:`clusterctl.batch.isolation`), so it may trust nothing but
must never raise: anything unexpected becomes an ``F`` finding for that file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Finding, Location
from clusterctl.lifecycle.model import FilingKind
from clusterctl.report import FileReport
from clusterctl.workbook.limits import Limits

if TYPE_CHECKING:
    from clusterctl.config.settings import Settings
    from clusterctl.criteria.model import Pack
    from clusterctl.review.model import ExpertForms
    from clusterctl.workbook.model import Application


@dataclass(frozen=True, slots=True)
class Options:
    criteria: str | None = None  # pack selector; None: the edition the workbook declares
    default_criteria: str = "beijing"  # when neither the option nor the workbook names one
    limits: Limits = field(default_factory=Limits)
    settings: Settings | None = None  # per-code levels and per-file ignores, for evaluation
    experts: ExpertForms | None = None  # --expert-scores: the forms read back (review/model.py)
    # screen: a workbook of another kind (an annual report, a re-review) is a finding, not scored
    applications_only: bool = False


# What a path that is not a regular file is, for F121 (English, Chinese).
_KINDS = (
    (stat.S_ISDIR, "a folder", "文件夹"),
    (stat.S_ISFIFO, "a named pipe (FIFO)", "命名管道（FIFO）"),
    (stat.S_ISCHR, "a character device", "字符设备"),
    (stat.S_ISBLK, "a block device", "块设备"),
    (stat.S_ISSOCK, "a socket", "套接字"),
)


class NotRegularFile(OSError):
    """The path exists but is not a regular file (a FIFO, a device, a folder, a socket)."""

    def __init__(self, path: str, mode: int) -> None:
        kind, kind_zh = next(
            ((en, zh) for test, en, zh in _KINDS if test(mode)), ("a special file", "特殊文件")
        )
        super().__init__(f"not a regular file: {kind}")
        self.filename = path
        self.params = {"kind": kind, "kind_zh": kind_zh}


def open_regular(path: str) -> int:
    """A read-only descriptor of ``path`` if it is a regular file (following links); else
    :class:`NotRegularFile` or the ``OSError`` of ``stat``/``open``. Never blocks: the path is
    checked before it is opened, opened with ``O_NONBLOCK`` where the platform has it (a FIFO
    put in its place meanwhile does not wait for a writer) and checked again on the descriptor."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def path_finding(path: str) -> Finding | None:
    """Why ``path`` cannot be read as a file (F100 missing, F122 broken link, F121 not a regular
    file, F120 other errors), or None when it is a regular file. Opens nothing."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):  # a dangling link or a loop of links
            return Finding("F122", Location(path), {"error": exc.strerror or type(exc).__name__})
        if isinstance(exc, FileNotFoundError | NotADirectoryError):
            return Finding("F100", Location(path))
        return Finding("F120", Location(path), {"error": _error(exc)})
    if not stat.S_ISREG(mode):
        return Finding("F121", Location(path), NotRegularFile(path, mode).params)
    return None


def _error(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def file_digest(path: str, max_bytes: float | None = None) -> tuple[str | None, int | None]:
    """SHA-256 and size of a regular file, read in chunks (bounded memory) and never more than
    ``max_bytes`` (a file larger than that gets its size only). (None, None) for anything that
    is not a readable regular file: it is never opened in a way that could block."""
    try:
        fd = open_regular(path)
    except OSError:
        return None, None
    with open(fd, "rb", closefd=True) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                return None, size
            h = hashlib.sha256()
            read = 0
            budget = None if max_bytes is None else int(max_bytes) + 1
            while chunk := fh.read(1 << 20 if budget is None else min(1 << 20, budget - read)):
                h.update(chunk)
                read += len(chunk)
                if budget is not None and read >= budget:  # it grew past the limit meanwhile
                    return None, read
            return h.hexdigest(), read
        except OSError:
            return None, None


def _max_bytes(options: Options) -> float:
    return options.limits.max_file_mb * 1024 * 1024


def process_file(path: str, options: Options) -> FileReport:
    """Check one workbook. Never raises."""
    started = time.perf_counter()
    refused = path_finding(path)
    if refused is not None:  # missing, a broken link, a FIFO or device: nothing is opened
        report = FileReport(path=path, findings=[refused])
        report.seconds = time.perf_counter() - started
        return report
    digest, size = file_digest(path, _max_bytes(options))
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
    from clusterctl.criteria.loader import find_pack
    from clusterctl.workbook.preflight import check_file
    from clusterctl.workbook.reader import read_workbook

    if (refused := path_finding(path)) is not None:  # replaced since process_file looked
        report.findings.append(refused)
        return
    checked = check_file(path, options.limits)
    report.findings.extend(checked.findings)
    if checked.fatal:
        return
    # the series rows are the indicators of --criteria's pack, else of the workbook's edition
    given = find_pack(options.criteria)
    app, findings = read_workbook(path, options.limits, checked.package, pack=given)
    del checked  # the package is read: let it go before validation and evaluation
    report.findings.extend(findings)
    if app is None:
        return
    report.kind = app.kind
    if app.kind == "application":
        _application(app, options, report)
    elif options.applications_only:
        from clusterctl.lifecycle.assess import KIND_LABELS
        from clusterctl.workbook.grid import bi

        label = KIND_LABELS[FilingKind(app.kind)]
        report.findings.append(Finding("L509", Location(path), bi("kind", label)))
    else:
        _filing(app, options, report)


def _pack_of(app: Application, options: Options, report: FileReport, field_key: str) -> Pack:
    """The pack to evaluate ``app`` against: ``--criteria``, else the edition the workbook
    declares (S105 when it is unknown: the default pack)."""
    from clusterctl.criteria.loader import resolve_pack
    from clusterctl.workbook.series_specs import PATH_LIKE

    selector = options.criteria or app.edition or options.default_criteria
    try:
        if not options.criteria and app.edition and PATH_LIKE.search(app.edition):
            raise LookupError(app.edition)  # workbook text names an edition, never a file
        pack = resolve_pack(selector)
    # the workbook declares an edition we do not know (ValueError: resolve_pack reads "²" as a
    # year, str.isdigit says it is one, int() refuses it)
    except (LookupError, ValueError):
        pack = resolve_pack(options.default_criteria)
        where = app.cell(field_key) or Location(app.file)
        if _is_monitoring_pack(selector):  # known, but not a standard: say what it is
            params = {"edition": selector, "pack": pack.id}
            report.findings.append(Finding("T506", where, params))
        else:
            report.findings.append(Finding("S105", where, {"edition": selector}))
    report.pack_id = pack.id
    return pack


def _is_monitoring_pack(edition: str | None) -> bool:
    from clusterctl.targets.loader import monitoring_pack
    from clusterctl.workbook.series_specs import PATH_LIKE

    return bool(edition) and not PATH_LIKE.search(edition) and monitoring_pack(edition) is not None


def _application(app: Application, options: Options, report: FileReport) -> None:
    from clusterctl.evaluation.engine import evaluate
    from clusterctl.evaluation.findings import criterion_findings
    from clusterctl.workbook.structure import table_findings
    from clusterctl.workbook.summary import summarize
    from clusterctl.workbook.validate import validate

    report.cells = {k: v for k, v in app.cells.items() if k.startswith("basic.")}
    pack = _pack_of(app, options, report, "basic.edition")
    off = options.settings.criteria_off(report.path, pack) if options.settings else ()
    checks = validate(app, pack)  # first: it marks suspect values (app.suspect) for evaluation
    checks.extend(table_findings(app, "plan"))  # the optional plan targets: started rows complete
    judged: dict = {}
    if options.experts is not None:  # the experts' judgements that still apply to this file
        judged, refused = options.experts.for_report(report.path, report.sha256, pack.id)
        report.findings.extend(refused)
    evaluation = evaluate(app, pack, off=off, judged=judged)
    report.evaluation = evaluation
    if judged:
        from clusterctl.review.model import spread_findings

        spread = options.experts.spread  # type: ignore[union-attr]
        report.findings.extend(spread_findings(judged, evaluation.results, spread, report.path))
    criteria = criterion_findings(app, pack, evaluation)
    report.findings.extend(_without_superseded(checks, criteria))
    report.findings.extend(criteria)
    report.summary = summarize(app, evaluation)


def _filing(app: Application, options: Options, report: FileReport) -> None:
    """An annual report or a re-review: structure, the criteria re-checked, plan progress,
    changes and incidents (clusterctl.lifecycle), ``report.filing``."""
    from clusterctl.lifecycle.assess import assess
    from clusterctl.lifecycle.criteria import criteria_view, evaluate_filing
    from clusterctl.workbook.structure import check_structure, value_findings
    from clusterctl.workbook.summary import summarize

    kind = FilingKind(app.kind)
    pack = _pack_of(app, options, report, "identity.edition")
    off = options.settings.criteria_off(report.path, pack) if options.settings else ()
    report.findings.extend(check_structure(app, pack))
    report.findings.extend(value_findings(app, pack))
    evaluation = evaluate_filing(app, pack, kind, off=off)
    report.evaluation = evaluation
    assessed = assess(app, pack, evaluation)
    report.filing = assessed.filing
    report.cells = dict(assessed.filing.cells)
    report.findings.extend(assessed.findings)
    report.summary = summarize(criteria_view(app, pack, kind), evaluation)
