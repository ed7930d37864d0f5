"""Screen a batch: run every file (isolated), keep a compact row per file, spool the findings to
disk, rank, and run the checks across the batch.

Memory stays flat as the batch grows: a :class:`~clusterctl.report.FileReport` lives only until
its row is built; its findings go to a SQLite file in a temporary folder (:class:`FindingSpool`)
and are streamed back, in rank order, when the summary or the JSON output is written.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clusterctl.batch.crosscheck import crosscheck
from clusterctl.batch.table import FileRow, rank_rows, row_from_report
from clusterctl.diagnostics import Finding, Severity
from clusterctl.i18n import Lang
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport

if TYPE_CHECKING:
    from clusterctl.batch.discover import Skipped
    from clusterctl.config.settings import Settings
    from clusterctl.criteria.model import Pack


def iter_reports(
    paths: Sequence[str], options: Options, jobs: int | None = None, isolate: bool = True
) -> Iterator[FileReport]:
    """One report per path, as they complete, through the isolation layer (a crash, hang or
    out-of-memory costs one file); in this process when the isolation layer is unavailable.
    ``isolate=False``: every file in this process (measuring what isolation costs)."""
    try:
        from clusterctl.batch.isolation import run_files
    except ImportError:  # pragma: no cover - the isolation layer ships with the package
        return (process_file(p, options) for p in paths)
    return run_files(paths, options, jobs=jobs, ordered=False, isolate=isolate)


class FindingSpool:
    """Findings of the whole batch on disk (SQLite), rendered in one language, by file index."""

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="clusterctl-screen-")
        self._db = sqlite3.connect(os.path.join(self._dir, "findings.sqlite3"))
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE findings (file INTEGER, seq INTEGER, data TEXT)")
        self._db.execute("CREATE INDEX by_file ON findings (file, seq)")
        self._db.execute("CREATE TABLE files (file INTEGER PRIMARY KEY, data TEXT)")
        self._seq: Counter[int] = Counter()
        self.total = 0

    def add(self, index: int, findings: Sequence[Finding], lang: Lang) -> None:
        rows = []
        for finding in findings:
            self._seq[index] += 1
            rows.append((index, self._seq[index], json.dumps(finding_dict(finding, lang))))
        self._db.executemany("INSERT INTO findings VALUES (?, ?, ?)", rows)
        self.total += len(rows)

    def of(self, index: int) -> Iterator[dict[str, Any]]:
        cursor = self._db.execute("SELECT data FROM findings WHERE file = ? ORDER BY seq", (index,))
        for (data,) in cursor:
            yield json.loads(data)

    def add_file(self, index: int, data: dict[str, Any]) -> None:
        """A file's whole JSON record (``--format json``)."""
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (index, json.dumps(data)))

    def file_data(self, index: int) -> dict[str, Any] | None:
        found = self._db.execute("SELECT data FROM files WHERE file = ?", (index,)).fetchone()
        return json.loads(found[0]) if found else None

    def close(self) -> None:
        self._db.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> FindingSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def finding_dict(finding: Finding, lang: Lang) -> dict[str, Any]:
    """``Finding.to_dict``; a finding whose message cannot be rendered still yields a record."""
    try:
        return finding.to_dict(lang)
    except Exception:
        loc = finding.location
        return {
            "code": finding.code,
            "name": finding.code,
            "severity": (finding.severity or Severity.ERROR).value,
            "message": f"{finding.code} {finding.params}"[:1000],
            "hint": None,
            "file": loc.file,
            "sheet": loc.sheet,
            "cell": loc.cell,
            "row": loc.row,
            "column": loc.col,
            "field": loc.field,
            "params": {},
        }


@dataclass(slots=True)
class BatchResult:
    rows: list[FileRow]  # ranked
    pack: Pack | None  # the pack the batch is shown against (标准, 指标矩阵)
    spool: FindingSpool
    lang: Lang
    quota: int | None = None
    started: datetime = field(default_factory=lambda: datetime.now().astimezone())
    finished: datetime | None = None
    skipped: list[Skipped] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # as given, for 运行信息
    batch_findings: Counter[str] = field(default_factory=Counter)  # B4xx code -> files

    @property
    def fails(self) -> bool:
        return any(r.fails for r in self.rows)


class PackCache:
    """Packs by id, resolved once (``None`` for an id the loader does not know)."""

    def __init__(self) -> None:
        self._packs: dict[str, Pack | None] = {}

    def get(self, pack_id: str | None) -> Pack | None:
        if not pack_id:
            return None
        if pack_id not in self._packs:
            try:
                from clusterctl.criteria.loader import resolve_pack

                self._packs[pack_id] = resolve_pack(pack_id)
            except Exception:
                self._packs[pack_id] = None
        return self._packs[pack_id]


def run_batch(
    paths: Sequence[str],
    options: Options,
    settings: Settings,
    spool: FindingSpool,
    lang: Lang = "zh",
    jobs: int | None = None,
    quota: int | None = None,
    on_report: Callable[[FileReport], None] | None = None,
    file_record: Callable[[FileReport], dict[str, Any]] | None = None,
    isolate: bool = True,
) -> BatchResult:
    """Screen ``paths``. ``quota`` None: the pack's own quota, where it has one.

    ``file_record``: when given (``--format json``), each report's JSON record is spooled too.
    """
    from clusterctl.reports.formats.base import sorted_findings

    started = datetime.now().astimezone()
    packs = PackCache()
    index_of: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        index_of.setdefault(path, []).append(i)
    rows: list[FileRow] = []
    extra = len(paths)  # a report for a path we did not ask about (never expected) still counts
    for report in iter_reports(paths, options, jobs, isolate=isolate):
        if index_of.get(report.path):
            index = index_of[report.path].pop(0)
        else:
            index, extra = extra, extra + 1
        settings.apply(report)
        pack = packs.get(report.pack_id)
        row = row_from_report(report, index, pack, lang, fails=settings.fails(report))
        spool.add(index, sorted_findings(report.findings), lang)
        if file_record is not None:
            spool.add_file(index, file_record(report))
        rows.append(row)
        if on_report is not None:
            on_report(report)
        del report

    pack = packs.get(options.criteria) if options.criteria else None
    if pack is None:
        used = Counter(r.pack_id for r in rows if r.pack_id)
        pack = packs.get(used.most_common(1)[0][0] if used else options.default_criteria)
    if quota is None and pack is not None:
        quota = pack.quota
    rank_rows(rows)
    result = BatchResult(rows, pack, spool, lang, quota, started)
    by_district = bool(pack is not None and pack.province_code)
    worst = Severity.WARNING if settings.fail_on == "warning" else Severity.ERROR
    by_index = {r.index: r for r in rows}
    for index, findings in crosscheck(rows, quota, by_district).items():
        row = by_index[index]
        kept = settings.apply(FileReport(path=row.path, findings=findings)).findings
        spool.add(index, kept, lang)
        for finding in kept:
            row.count(finding.level)
            row.fails = row.fails or finding.level.rank >= worst.rank
            result.batch_findings[finding.code] += 1
    result.finished = datetime.now().astimezone()
    return result
