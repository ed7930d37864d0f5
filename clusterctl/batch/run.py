"""Screen a batch: run every file (isolated), keep a compact row per file, spool the findings to
disk, rank, and run the checks across the batch.

Memory stays flat as the batch grows: a :class:`~clusterctl.report.FileReport` lives only until
its row is built; its findings go to a SQLite file in a temporary folder (:class:`FindingSpool`)
and are streamed back, in rank order, when the summary or the JSON output is written.
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
from clusterctl.batch.table import VERDICT_ORDER, FileRow, row_from_report
from clusterctl.diagnostics import Finding, Severity
from clusterctl.i18n import Lang
from clusterctl.pipeline import Options, process_file
from clusterctl.report import FileReport

if TYPE_CHECKING:
    import pandas as pd

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
        self._db.execute(
            "CREATE TABLE rows (file INTEGER PRIMARY KEY, seq INTEGER, verdict INTEGER,"
            " noscore INTEGER, negscore REAL, name BLOB, path BLOB, basename TEXT,"
            " rank INTEGER, data BLOB)"
        )
        self._seq: Counter[int] = Counter()
        self._rows = 0
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

    def add_row(self, row: FileRow) -> None:
        """A file's whole row, with the keys it is ranked by (:func:`rank_key`, in SQL)."""
        seq, self._rows = self._rows, self._rows + 1
        self._db.execute(
            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                row.index,
                seq,
                VERDICT_ORDER[row.verdict],
                int(row.score is None),
                0.0 if row.score is None else -row.score,
                _utf8(row.name.casefold()),
                _utf8(row.path),
                row.name,
                pickle.dumps(row, pickle.HIGHEST_PROTOCOL),
            ),
        )

    def put_row(self, row: FileRow) -> None:
        """Store a changed row again."""
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
        found = self._db.execute("SELECT rank, data FROM rows WHERE file = ?", (index,)).fetchone()
        return _loaded(*found)

    def iter_rows(self, by: str = "rank", start: int = 0, stop: int | None = None):
        """The stored rows by ``rank`` or by ``file`` (input order), from ``start`` to ``stop``."""
        column = "rank" if by == "rank" else "file"
        limit = -1 if stop is None else max(0, stop - start)
        cursor = self._db.execute(
            f"SELECT rank, data FROM rows ORDER BY {column} LIMIT ? OFFSET ?", (limit, start)
        )
        for rank, data in cursor:
            yield _loaded(rank, data)

    def names(self, indices: Sequence[int]) -> dict[int, str]:
        marks = ",".join("?" * len(indices))
        cursor = self._db.execute(
            f"SELECT file, basename FROM rows WHERE file IN ({marks})", list(indices)
        )
        return dict(cursor)

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


def _loaded(rank: int, data: bytes) -> FileRow:
    row = pickle.loads(data)  # our own temporary file, written by this process
    row.rank = rank
    return row


class SpooledRows(Sequence):
    """The batch's rows in rank order, read back from the spool as they are iterated: only
    their number and how many fail stay in memory."""

    def __init__(self, spool: FindingSpool, count: int, failing: int) -> None:
        self._spool = spool
        self._count = count
        self.failing = failing

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[FileRow]:
        return self._spool.iter_rows("rank")

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            start, stop, step = item.indices(self._count)
            rows = list(self._spool.iter_rows("rank", start, stop)) if start < stop else []
            return rows[::step] if step != 1 else rows
        position = item + self._count if item < 0 else item
        if not 0 <= position < self._count:
            raise IndexError(item)
        return next(self._spool.iter_rows("rank", position, position + 1))

    def by_index(self) -> Iterator[FileRow]:
        """The rows in input order."""
        return self._spool.iter_rows("file")


def rows_by_index(rows: Sequence[FileRow]) -> Iterable[FileRow]:
    """``rows`` in input order (streamed when they are spooled)."""
    if isinstance(rows, SpooledRows):
        return rows.by_index()
    return sorted(rows, key=lambda r: r.index)


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
        if isinstance(self.rows, SpooledRows):
            return self.rows.failing > 0
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


def _key_table(keys: dict[str, array], order: list[int]) -> pd.DataFrame:
    """The compact numeric table of the batch: index, rank, readable and the hashed keys."""
    import numpy as np
    import pandas as pd

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
    keys = {name: array("q") for name in ("index", "readable", *KEY_COLUMNS)}
    pack_uses: Counter[str] = Counter()
    failing = 0
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
        spool.add_row(row)
        keys["index"].append(index)
        keys["readable"].append(int(bool(row.facts)))
        for name, value in zip(KEY_COLUMNS, row_keys(row), strict=True):
            keys[name].append(value)
        if row.pack_id:
            pack_uses[row.pack_id] += 1
        failing += row.fails
        if on_report is not None:
            on_report(report)
        del report, row

    pack = packs.get(options.criteria) if options.criteria else None
    if pack is None:
        pack = packs.get(pack_uses.most_common(1)[0][0] if pack_uses else options.default_criteria)
    if quota is None and pack is not None:
        quota = pack.quota
    table = _key_table(keys, spool.rank())
    del keys
    result = BatchResult(SpooledRows(spool, len(table), failing), pack, spool, lang, quota, started)
    by_district = bool(pack is not None and pack.province_code)
    worst = Severity.WARNING if settings.fail_on == "warning" else Severity.ERROR
    for row, findings in crosscheck_table(table, spool.row, spool.names, quota, by_district):
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
