"""Screen a batch: run every file (isolated), keep a compact row per file, spool the findings to
disk, rank, and run the checks across the batch.

Memory stays flat as the batch grows: a :class:`~clusterctl.report.FileReport` lives only until
its row is built; its row and findings go to a SQLite file in a temporary folder
(:class:`~clusterctl.batch.spool.FindingSpool`) and are streamed back, in rank order, when the
summary or the JSON output is written. The result is a
:class:`~clusterctl.batch.result.BatchResult`, which the reports read.

The per-file work (settings, row, rendering the findings) runs in the workers
(:class:`ScreenTransform`): the parent receives one compact :class:`Screened` per file and only
stores it, so it does not compete with the workers for the cores.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clusterctl.batch.compact import row_from_report
from clusterctl.batch.crosscheck import KEY_COLUMNS, Regime, crosscheck_table, pack_key, row_keys
from clusterctl.batch.pandas_loader import load_pandas, preload_in_background
from clusterctl.batch.result import BatchResult
from clusterctl.batch.spool import FindingSpool, SpooledRows, finding_dict, packed_row
from clusterctl.criteria.calls import get_call
from clusterctl.criteria.loader import find_pack
from clusterctl.diagnostics import Finding, Severity
from clusterctl.diagnostics.order import sorted_findings
from clusterctl.i18n import Lang
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.isolation import WorkerPool
    from clusterctl.config.settings import Settings

# A finding's 问题明细 cells (``clusterctl.reports.finding_cells.finding_cells``): given by the
# caller, since the batch does not import the reports (``clusterctl.screening`` plugs it in).
CellRenderer = Callable[[dict[str, Any], str, Lang], str]


def iter_reports(
    paths: Sequence[str],
    options: Options,
    jobs: int | None = None,
    isolate: bool = True,
    transform: Callable[[FileReport], Any] | None = None,
    pool: WorkerPool | None = None,
) -> Iterator[Any]:
    """One report per path (``transform(report)`` when given, made in the worker), as they
    complete, through the isolation layer (a crash, hang or out-of-memory costs one file); in
    this process when the isolation layer is unavailable. ``isolate=False``: every file in this
    process (measuring what isolation costs). ``pool``: workers already started (with
    ``transform``)."""
    try:
        from clusterctl.batch.isolation import run_files
    except ImportError:  # pragma: no cover - the isolation layer ships with the package
        reports = (process_file(p, options) for p in paths)
        return reports if transform is None else map(transform, reports)
    return run_files(
        paths, options, jobs=jobs, ordered=False, isolate=isolate, transform=transform, pool=pool
    )


def rendered_findings(findings: Iterable[Finding], lang: Lang) -> list[str]:
    """A report's findings as the spool stores them: sorted, each as JSON in ``lang``."""
    return [json.dumps(record) for record in _finding_records(findings, lang)]


def _finding_records(findings: Iterable[Finding], lang: Lang) -> list[dict[str, Any]]:
    return [finding_dict(f, lang) for f in sorted_findings(findings)]


@dataclass(frozen=True, slots=True)
class Screened:
    """What the batch keeps of one file, made in the worker: only tuples, strings and bytes."""

    path: str
    row: tuple  # packed_row() of its FileRow (whose index the parent sets)
    findings: list[str]  # rendered_findings()
    cells: list[str] | None  # each finding's 问题明细 cells (CellRenderer), when rendered
    record: str | None  # its --format json record, as JSON
    keys: tuple[int, ...]  # readable, then row_keys() in KEY_COLUMNS order
    pack_id: str | None
    fails: bool


class ScreenTransform:
    """The per-file work of a screen, done where the report is made (a worker): the run's
    settings, the row (with its pack), the findings rendered in the run's language (and their
    问题明细 cells by ``finding_cells``, when given), the ``--format json`` record and the
    crosscheck keys."""

    def __init__(
        self,
        settings: Settings,
        lang: Lang,
        file_record: Callable[[FileReport], dict[str, Any]] | None = None,
        finding_cells: CellRenderer | None = None,
    ) -> None:
        self.settings = settings
        self.lang = lang
        self.file_record = file_record
        self.finding_cells = finding_cells

    def __call__(self, report: FileReport) -> Screened:
        self.settings.apply(report)
        pack = find_pack(report.pack_id)
        fails = self.settings.fails(report)
        row = row_from_report(report, -1, pack, self.lang, fails=fails)
        record = self.file_record(report) if self.file_record is not None else None
        findings = _finding_records(report.findings, self.lang)
        render = self.finding_cells
        return Screened(
            path=report.path,
            row=packed_row(row),
            findings=[json.dumps(f) for f in findings],
            cells=None if render is None else [render(f, report.path, self.lang) for f in findings],
            record=None if record is None else json.dumps(record),
            keys=(int(bool(row.facts)), *row_keys(row, pack)),
            pack_id=row.pack_id,
            fails=row.fails,
        )


def screen_workers(
    options: Options,
    settings: Settings,
    lang: Lang,
    jobs: int | None = None,
    file_record: Callable[[FileReport], dict[str, Any]] | None = None,
    finding_cells: CellRenderer | None = None,
) -> WorkerPool:
    """The workers for :func:`run_batch` (enter them, then gather the files): forked before
    the batch's paths exist, they do not carry them (see
    :class:`~clusterctl.batch.isolation.WorkerPool`)."""
    from clusterctl.batch.isolation import WorkerPool

    return WorkerPool(options, jobs, ScreenTransform(settings, lang, file_record, finding_cells))


def _key_table(keys: dict[str, array], order: list[int]) -> pd.DataFrame:
    """The compact numeric table of the batch: index, rank, readable and the hashed keys."""
    import numpy as np

    pd = load_pandas()

    columns = {name: np.frombuffer(values, dtype=np.int64) for name, values in keys.items()}
    table = pd.DataFrame(columns)
    table["readable"] = table["readable"].astype(bool)
    rank_of = pd.Series(np.arange(1, len(order) + 1, dtype=np.int64), index=order)
    table["rank"] = rank_of.reindex(table["index"]).to_numpy()
    return table


def run_batch(
    paths: Sequence[str],
    options: Options,
    settings: Settings,
    spool: FindingSpool,
    lang: Lang = "zh",
    jobs: int | None = None,
    quota: int | None = None,
    on_report: Callable[[Screened], None] | None = None,
    file_record: Callable[[FileReport], dict[str, Any]] | None = None,
    isolate: bool = True,
    pool: WorkerPool | None = None,
    finding_cells: CellRenderer | None = None,
) -> BatchResult:
    """Screen ``paths``. ``quota`` None: the pack's own quota, where it has one.

    ``file_record``: when given (``--format json``), each report's JSON record is spooled too
    (it runs in the workers: it should be picklable). ``on_report`` is called once per file
    (progress) with what the batch keeps of it. ``pool``: workers from :func:`screen_workers`
    with the same settings, language, ``file_record`` and ``finding_cells``, started before
    ``paths`` were gathered (otherwise the batch starts its own). ``finding_cells``: renders
    each finding's 问题明细 cells in the workers (the summary renders them otherwise).
    """
    started = datetime.now().astimezone()
    # each path's index, taken when its report comes back (a path given twice: in turn)
    index_of: dict[str, int] = {}
    again: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        if path in index_of:
            again.setdefault(path, []).append(i)
        else:
            index_of[path] = i
    keys = {name: array("q") for name in ("index", "readable", *KEY_COLUMNS)}
    pack_uses: Counter[str] = Counter()
    failing = 0
    extra = len(paths)  # a report for a path we did not ask about (never expected) still counts
    transform = (
        pool.transform
        if pool is not None
        else ScreenTransform(settings, lang, file_record, finding_cells)
    )
    key_arrays = [keys[name] for name in ("readable", *KEY_COLUMNS)]
    reports = iter_reports(paths, options, jobs, isolate=isolate, transform=transform, pool=pool)
    for screened in reports:
        if isolate:  # the workers run: the tail's imports overlap them
            preload_in_background()
        index = index_of.pop(screened.path, None)
        if index is None:
            index, extra = extra, extra + 1
        elif again.get(screened.path):
            index_of[screened.path] = again[screened.path].pop(0)
        spool.add_rendered(index, screened.findings, screened.cells)
        if screened.record is not None:
            spool.add_file(index, screened.record)
        spool.add_packed(index, screened.row)
        keys["index"].append(index)
        for values, value in zip(key_arrays, screened.keys, strict=True):
            values.append(value)
        if screened.pack_id:
            pack_uses[screened.pack_id] += 1
        failing += screened.fails
        if on_report is not None:
            on_report(screened)
        del screened

    pack = find_pack(options.criteria)
    if pack is None:
        pack = find_pack(pack_uses.most_common(1)[0][0] if pack_uses else options.default_criteria)
    options_quota = quota
    if quota is None and pack is not None:
        quota = pack.quota
    table = _key_table(keys, spool.rank())
    del keys
    result = BatchResult(SpooledRows(spool, len(table), failing), pack, spool, lang, quota, started)
    by_district = bool(pack is not None and pack.province_code)
    # every pack used, the batch's first; each counts its own call (--quota: every call)
    used = {i: find_pack(i) for i, _ in pack_uses.most_common()}
    others = [p for p in used.values() if p is not None and (pack is None or p.id != pack.id)]
    result.packs = ([pack] if pack is not None else []) + list({p.id: p for p in others}.values())
    regimes = {
        pack_key(i): Regime(
            (None if p.call else p.quota) if options_quota is None else options_quota,
            bool(p.province_code),
            get_call(p.call),
        )
        for i, p in used.items()
        if p is not None
    }
    worst = Severity.WARNING if settings.fail_on == "warning" else Severity.ERROR
    found = crosscheck_table(table, spool.row, spool.names, quota, by_district, regimes)
    for row, findings in found:
        kept = settings.apply(FileReport(path=row.path, findings=findings)).findings
        spool.add(row.index, kept, lang)
        was_failing = row.fails
        for finding in kept:
            row.count(finding.level)
            row.fails = row.fails or finding.level.rank >= worst.rank
            result.batch_findings[finding.code] += 1
        result.rows.failing += row.fails and not was_failing
        spool.put_row(row)
    result.finished = datetime.now().astimezone()
    return result
