"""The batch on disk: every file's row and findings in a SQLite file in a temporary folder.

Memory stays flat as the batch grows: a :class:`~clusterctl.report.FileReport` lives only until
its row is built; its findings and its row go to the spool (:class:`FindingSpool`) and are
streamed back, in rank order, when the summary or the JSON output is written
(:class:`SpooledRows`; docs/performance.md, "Memory").
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from clusterctl.batch.ranking import rank_key
from clusterctl.diagnostics import Finding, Severity

if TYPE_CHECKING:
    from clusterctl.batch.rows import FileRow
    from clusterctl.i18n import Lang


class FindingSpool:
    """Findings of the whole batch on disk (SQLite), rendered in one language, by file index."""

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="clusterctl-screen-")
        try:
            self._db = sqlite3.connect(os.path.join(self._dir, "findings.sqlite3"))
            self._create()
        except BaseException:  # a full disk while creating it: nothing is left behind
            if hasattr(self, "_db"):
                self._db.close()
            shutil.rmtree(self._dir, ignore_errors=True)
            raise
        self._rows = 0
        self.total = 0
        self.version = 0  # changes when a stored row is replaced

    def add(self, index: int, findings: Sequence[Finding], lang: Lang) -> None:
        """Findings of file ``index``, rendered in ``lang`` now (their 问题明细 cells later)."""
        self.add_rendered(index, [json.dumps(finding_dict(f, lang)) for f in findings])

    def add_rendered(
        self, index: int, findings: Sequence[str], cells: Sequence[str] | None = None
    ) -> None:
        """Findings already rendered (:func:`clusterctl.batch.run.rendered_findings`), after
        those stored before; ``cells``: their 问题明细 cells, when rendered too (``None`` for
        a finding whose cells the summary renders)."""
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

    def rendered_of(self, index: int) -> Iterator[tuple[str | None, str]]:
        """File ``index``'s findings as stored: (their 问题明细 cells or None, the JSON)."""
        cursor = self._db.execute(
            "SELECT cells, data FROM findings WHERE file = ? ORDER BY rowid", (index,)
        )
        yield from cursor

    def rendered_by_rank(self) -> Iterator[tuple[int, int, str, str | None, str]]:
        """Every stored finding as (its file's rank, index and file name, its cells or None,
        its JSON): files in rank order, each file's findings in the order added. One ordered
        query (the rows by their rank index, each file's findings by theirs), no row unpickled."""
        cursor = self._db.execute(
            "SELECT r.rank, r.file, r.basename, f.cells, f.data FROM rows r"
            " CROSS JOIN findings f ON f.file = r.file ORDER BY r.rank, f.rowid"
        )
        for rank, index, name, cells, data in cursor:
            yield rank, index, name.decode("utf-8", "surrogatepass"), cells, data

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
        key, basename, data = packed
        self._db.execute(
            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?, ?, 0, ?)",
            (index, seq, key, basename, data),
        )

    def put_row(self, row: FileRow) -> None:
        """Store a changed row again."""
        self.version += 1
        self._db.execute(
            "UPDATE rows SET data = ? WHERE file = ?",
            (pickle.dumps(row, pickle.HIGHEST_PROTOCOL), row.index),
        )

    def rank(self) -> list[int]:
        """Number the rows by their stored :func:`~clusterctl.batch.ranking.rank_key` (ties in
        the order added); the indices by rank."""
        order = [index for (index,) in self._db.execute("SELECT file FROM rows ORDER BY key, seq")]
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

    def _create(self) -> None:
        """The tables, and on POSIX no name left for the database (see below)."""
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        # data: the finding as JSON; cells: its 问题明细 cells when they were rendered in the
        # worker (the summary renders the others). A file's findings are read back in the order
        # they were added: by rowid, which the index holds after the file (nothing is counted
        # per file in memory).
        self._db.execute("CREATE TABLE findings (file INTEGER, data TEXT, cells TEXT)")
        self._db.execute("CREATE INDEX by_file ON findings (file)")
        self._db.execute("CREATE TABLE files (file INTEGER PRIMARY KEY, data TEXT)")
        # key: the row's rank_key (the ranking's one rule), which SQL only orders by
        self._db.execute(
            "CREATE TABLE rows (file INTEGER PRIMARY KEY, seq INTEGER, key BLOB, basename BLOB,"
            " rank INTEGER, data BLOB)"
        )
        self._db.commit()
        if os.name == "posix":
            # Nothing to clean up whatever ends the run (SIGKILL, a crash, a full disk): the
            # open database lives on after its name is gone (one connection, no journal).
            self._forget_names()

    def _forget_names(self) -> None:
        try:
            os.unlink(os.path.join(self._dir, "findings.sqlite3"))
            os.rmdir(self._dir)
        except OSError:  # the folder is removed on close instead
            pass

    def close(self) -> None:
        try:
            self._db.close()
        finally:  # even when closing fails (a full disk): the folder goes
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> FindingSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _loaded(index: int, rank: int, data: bytes) -> FileRow:
    row = pickle.loads(data)  # our own temporary file, written by this run (workers included)
    row.index = index  # a row packed in a worker does not know its index
    row.rank = rank
    return row


def packed_row(row: FileRow) -> tuple[bytes, bytes, bytes]:
    """A row as the spool stores it after ``file`` and ``seq`` (made in the worker): its
    :func:`~clusterctl.batch.ranking.rank_key`, its file name and the pickled row."""
    return (
        rank_key(row),
        row.name.encode("utf-8", "surrogatepass"),  # a name undecodable here: lone surrogates
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

    def findings_by_rank(self) -> Iterator[tuple[int, int, str, str | None, str]]:
        """Every finding of the rows in rank order (:meth:`FindingSpool.rendered_by_rank`)."""
        return self._spool.rendered_by_rank()

    def path_of(self, index: int) -> str:
        """The path of the file ``index``."""
        return self._spool.row(index).path


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
