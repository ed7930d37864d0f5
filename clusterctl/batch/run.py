"""Screen a batch: run every file (isolated), keep a compact row per file, spool the findings to
disk, rank, and run the checks across the batch.

Memory stays flat as the batch grows: a :class:`~clusterctl.report.FileReport` lives only until
its row is built; its findings go to a SQLite file in a temporary folder (:class:`FindingSpool`)
and are streamed back, in rank order, when the summary or the JSON output is written.

The per-file work (settings, row, rendering the findings) runs in the workers
(:class:`ScreenTransform`): the parent receives one compact :class:`Screened` per file and only
stores it, so it does not compete with the workers for the cores.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clusterctl.batch.crosscheck import KEY_COLUMNS, crosscheck_table, row_keys
from clusterctl.batch.pandas_loader import load_pandas
from clusterctl.batch.table import VERDICT_ORDER, FileRow, row_from_report
from clusterctl.criteria.loader import find_pack
from clusterctl.diagnostics import Finding, Severity
from clusterctl.i18n import Lang
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport
from clusterctl.reports.summary_xlsx import finding_cells

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.discover import Skipped
    from clusterctl.batch.isolation import WorkerPool
    from clusterctl.config.settings import Settings
    from clusterctl.criteria.model import Pack


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


class FindingSpool:
    """Findings of the whole batch on disk (SQLite), rendered in one language, by file index."""

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="clusterctl-screen-")
        self._db = sqlite3.connect(os.path.join(self._dir, "findings.sqlite3"))
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        # data: the finding as JSON; cells: its 问题明细 cells (summary_xlsx.finding_cells). A
        # file's findings are read back in the order they were added: by rowid, which the index
        # holds after the file (nothing is counted per file in memory).
        self._db.execute("CREATE TABLE findings (file INTEGER, data TEXT, cells TEXT)")
        self._db.execute("CREATE INDEX by_file ON findings (file)")
        self._db.execute("CREATE TABLE files (file INTEGER PRIMARY KEY, data TEXT)")
        self._db.execute(
            "CREATE TABLE rows (file INTEGER PRIMARY KEY, seq INTEGER, verdict INTEGER,"
            " noscore INTEGER, negscore REAL, name BLOB, path BLOB, basename BLOB,"
            " rank INTEGER, data BLOB)"
        )
        self._rows = 0
        self.total = 0
        self.version = 0  # changes when a stored row is replaced

    def add(
        self, index: int, findings: Sequence[Finding], lang: Lang, path: str | None = None
    ) -> None:
        """Findings of file ``index`` (``path``: its path, to render their 问题明细 cells now)."""
        records = [finding_dict(f, lang) for f in findings]
        cells = None if path is None else [finding_cells(r, path, lang) for r in records]
        self.add_rendered(index, [json.dumps(r) for r in records], cells)

    def add_rendered(
        self, index: int, findings: Sequence[str], cells: Sequence[str] | None = None
    ) -> None:
        """Findings already rendered (:func:`rendered_findings`), after those stored before;
        ``cells``: their 问题明细 cells, when rendered too (``finding_cells``)."""
        if cells is None:
            cells = [None] * len(findings)
        rows = [(index, data, xml) for data, xml in zip(findings, cells, strict=True)]
        self._db.executemany("INSERT INTO findings VALUES (?, ?, ?)", rows)
        self.total += len(rows)

    def of(self, index: int) -> Iterator[dict[str, Any]]:
        cursor = self._db.execute(
            "SELECT data FROM findings WHERE file = ? ORDER BY rowid", (index,)
        )
        for (data,) in cursor:
            yield json.loads(data)

    def cells_of(self, index: int, path: str, lang: Lang) -> Iterator[str]:
        """The 问题明细 cells of file ``index``'s findings (rendered now where not stored)."""
        cursor = self._db.execute(
            "SELECT data, cells FROM findings WHERE file = ? ORDER BY rowid", (index,)
        )
        for data, cells in cursor:
            yield cells if cells is not None else finding_cells(json.loads(data), path, lang)

    def add_file(self, index: int, data: dict[str, Any] | str) -> None:
        """A file's whole JSON record (``--format json``; as a dict or already as JSON)."""
        text = data if isinstance(data, str) else json.dumps(data)
        self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (index, text))

    def file_data(self, index: int) -> dict[str, Any] | None:
        found = self._db.execute("SELECT data FROM files WHERE file = ?", (index,)).fetchone()
        return json.loads(found[0]) if found else None

    def add_packed(self, index: int, packed: tuple) -> None:
        """A row as :func:`packed_row` gives it, stored as file ``index``."""
        seq, self._rows = self._rows, self._rows + 1
        self._db.execute(
            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (index, seq, *packed),
        )

    def put_row(self, row: FileRow) -> None:
        """Store a changed row again."""
        self.version += 1
        self._db.execute(
            "UPDATE rows SET data = ? WHERE file = ?",
            (pickle.dumps(row, pickle.HIGHEST_PROTOCOL), row.index),
        )

    def rank(self) -> list[int]:
        """Number the rows by :func:`rank_key` (ties in the order added); the indices by rank."""
        order = [
            index
            for (index,) in self._db.execute(
                "SELECT file FROM rows ORDER BY verdict, noscore, negscore, name, path, seq"
            )
        ]
        self._db.executemany(
            "UPDATE rows SET rank = ? WHERE file = ?", ((r, i) for r, i in enumerate(order, 1))
        )
        self._db.execute("CREATE INDEX by_rank ON rows (rank)")
        return order

    def row(self, index: int) -> FileRow:
        found = self._db.execute(
            "SELECT file, rank, data FROM rows WHERE file = ?", (index,)
        ).fetchone()
        return _loaded(*found)

    def iter_rows(self, by: str = "rank", start: int = 0, stop: int | None = None):
        """The stored rows by ``rank`` or by ``file`` (input order), from ``start`` to ``stop``."""
        column = "rank" if by == "rank" else "file"
        limit = -1 if stop is None else max(0, stop - start)
        cursor = self._db.execute(
            f"SELECT file, rank, data FROM rows ORDER BY {column} LIMIT ? OFFSET ?",
            (limit, start),
        )
        for index, rank, data in cursor:
            yield _loaded(index, rank, data)

    def names(self, indices: Sequence[int]) -> dict[int, str]:
        marks = ",".join("?" * len(indices))
        cursor = self._db.execute(
            f"SELECT file, basename FROM rows WHERE file IN ({marks})", list(indices)
        )
        return {index: name.decode("utf-8", "surrogatepass") for index, name in cursor}

    def close(self) -> None:
        self._db.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> FindingSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _utf8(text: str) -> bytes:
    """UTF-8 whose byte order is the text's code-point order (lone surrogates included)."""
    return text.encode("utf-8", "surrogatepass")


def _loaded(index: int, rank: int, data: bytes) -> FileRow:
    row = pickle.loads(data)  # our own temporary file, written by this run (workers included)
    row.index = index  # a row packed in a worker does not know its index
    row.rank = rank
    return row


def packed_row(row: FileRow) -> tuple:
    """The columns of a row in the spool after ``file`` and ``seq``: the keys it is ranked by
    (:func:`rank_key`, in SQL), its name and the pickled row."""
    return (
        VERDICT_ORDER[row.verdict],
        int(row.score is None),
        0.0 if row.score is None else -row.score,
        _utf8(row.name.casefold()),
        _utf8(row.path),
        _utf8(row.name),  # a name undecodable on this system holds lone surrogates
        pickle.dumps(row, pickle.HIGHEST_PROTOCOL),
    )


# The best-ranked rows SpooledRows keeps once read (every pass starts with them). Each costs
# ~8 KB of resident memory kept; a pass unpickles the rest again at ~17 µs a row (measured:
# docs/performance.md, "Memory").
HEAD_ROWS = 500


class SpooledRows(Sequence):
    """The batch's rows in rank order, read back from the spool as they are iterated: only
    their number, how many fail and the first :data:`HEAD_ROWS` rows (the summary's width
    sample and the overview's top; read once, not once per pass) stay in memory."""

    def __init__(self, spool: FindingSpool, count: int, failing: int) -> None:
        self._spool = spool
        self._count = count
        self.failing = failing
        self._head: list[FileRow] | None = None
        self._version = -1

    def __len__(self) -> int:
        return self._count

    def head(self) -> list[FileRow]:
        """The first :data:`HEAD_ROWS` rows (read again after a row was stored again)."""
        if self._head is None or self._version != self._spool.version:
            self._version = self._spool.version
            self._head = list(self._spool.iter_rows("rank", 0, HEAD_ROWS))
        return self._head

    def __iter__(self) -> Iterator[FileRow]:
        yield from self.head()
        if self._count > HEAD_ROWS:
            yield from self._spool.iter_rows("rank", HEAD_ROWS)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            start, stop, step = item.indices(self._count)
            if step == 1 and stop <= HEAD_ROWS:
                return self.head()[start:stop]
            rows = list(self._spool.iter_rows("rank", start, stop)) if start < stop else []
            return rows[::step] if step != 1 else rows
        position = item + self._count if item < 0 else item
        if not 0 <= position < self._count:
            raise IndexError(item)
        if position < HEAD_ROWS:
            return self.head()[position]
        return next(self._spool.iter_rows("rank", position, position + 1))

    def by_index(self) -> Iterator[FileRow]:
        """The rows in input order."""
        return self._spool.iter_rows("file")


def rows_by_index(rows: Sequence[FileRow]) -> Iterable[FileRow]:
    """``rows`` in input order (streamed when they are spooled)."""
    if isinstance(rows, SpooledRows):
        return rows.by_index()
    return sorted(rows, key=lambda r: r.index)


def rendered_findings(findings: Iterable[Finding], lang: Lang) -> list[str]:
    """A report's findings as the spool stores them: sorted, each as JSON in ``lang``."""
    return [json.dumps(record) for record in _finding_records(findings, lang)]


def _finding_records(findings: Iterable[Finding], lang: Lang) -> list[dict[str, Any]]:
    from clusterctl.reports.formats.base import sorted_findings

    return [finding_dict(f, lang) for f in sorted_findings(findings)]


def finding_dict(finding: Finding, lang: Lang) -> dict[str, Any]:
    """``Finding.to_dict``; a finding whose message cannot be rendered still yields a record."""
    try:
        return finding.to_dict(lang)
    except Exception:
        return {
            "code": finding.code,
            "name": finding.code,
            "severity": (finding.severity or Severity.ERROR).value,
            "message": f"{finding.code} {finding.params}"[:1000],
            "hint": None,
            **finding.location.to_dict(),
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
        if isinstance(self.rows, SpooledRows):
            return self.rows.failing > 0
        return any(r.fails for r in self.rows)


@dataclass(frozen=True, slots=True)
class Screened:
    """What the batch keeps of one file, made in the worker: only tuples, strings and bytes."""

    path: str
    row: tuple  # packed_row() of its FileRow (whose index the parent sets)
    findings: list[str]  # rendered_findings()
    cells: list[str]  # each finding's 问题明细 cells (summary_xlsx.finding_cells)
    record: str | None  # its --format json record, as JSON
    keys: tuple[int, ...]  # readable, then row_keys() in KEY_COLUMNS order
    pack_id: str | None
    fails: bool


class ScreenTransform:
    """The per-file work of a screen, done where the report is made (a worker): the run's
    settings, the row (with its pack), the findings rendered in the run's
    language, the ``--format json`` record and the crosscheck keys."""

    def __init__(
        self,
        settings: Settings,
        lang: Lang,
        file_record: Callable[[FileReport], dict[str, Any]] | None = None,
    ) -> None:
        self.settings = settings
        self.lang = lang
        self.file_record = file_record

    def __call__(self, report: FileReport) -> Screened:
        self.settings.apply(report)
        pack = find_pack(report.pack_id)
        fails = self.settings.fails(report)
        row = row_from_report(report, -1, pack, self.lang, fails=fails)
        record = self.file_record(report) if self.file_record is not None else None
        findings = _finding_records(report.findings, self.lang)
        return Screened(
            path=report.path,
            row=packed_row(row),
            findings=[json.dumps(f) for f in findings],
            cells=[finding_cells(f, report.path, self.lang) for f in findings],
            record=None if record is None else json.dumps(record),
            keys=(int(bool(row.facts)), *row_keys(row)),
            pack_id=row.pack_id,
            fails=row.fails,
        )


def screen_workers(
    options: Options,
    settings: Settings,
    lang: Lang,
    jobs: int | None = None,
    file_record: Callable[[FileReport], dict[str, Any]] | None = None,
) -> WorkerPool:
    """The workers for :func:`run_batch` (enter them, then gather the files): forked before
    the batch's paths exist, they do not carry them (see
    :class:`~clusterctl.batch.isolation.WorkerPool`)."""
    from clusterctl.batch.isolation import WorkerPool

    return WorkerPool(options, jobs, ScreenTransform(settings, lang, file_record))


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
) -> BatchResult:
    """Screen ``paths``. ``quota`` None: the pack's own quota, where it has one.

    ``file_record``: when given (``--format json``), each report's JSON record is spooled too
    (it runs in the workers: it should be picklable). ``on_report`` is called once per file
    (progress) with what the batch keeps of it. ``pool``: workers from :func:`screen_workers`
    with the same settings, language and ``file_record``, started before ``paths`` were
    gathered (otherwise the batch starts its own).
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
    transform = pool.transform if pool is not None else ScreenTransform(settings, lang, file_record)
    key_arrays = [keys[name] for name in ("readable", *KEY_COLUMNS)]
    reports = iter_reports(paths, options, jobs, isolate=isolate, transform=transform, pool=pool)
    for screened in reports:
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
    if quota is None and pack is not None:
        quota = pack.quota
    table = _key_table(keys, spool.rank())
    del keys
    result = BatchResult(SpooledRows(spool, len(table), failing), pack, spool, lang, quota, started)
    by_district = bool(pack is not None and pack.province_code)
    worst = Severity.WARNING if settings.fail_on == "warning" else Severity.ERROR
    for row, findings in crosscheck_table(table, spool.row, spool.names, quota, by_district):
        kept = settings.apply(FileReport(path=row.path, findings=findings)).findings
        spool.add(row.index, kept, lang, row.path)
        was_failing = row.fails
        for finding in kept:
            row.count(finding.level)
            row.fails = row.fails or finding.level.rank >= worst.rank
            result.batch_findings[finding.code] += 1
        result.rows.failing += row.fails and not was_failing
        spool.put_row(row)
    result.finished = datetime.now().astimezone()
    return result
