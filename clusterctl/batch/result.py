"""A screened batch as the reports read it: :class:`BatchResult` (the ranked rows, the pack, the
spooled findings as :class:`FindingStore` describes them) and the counts over its rows.

The reports (``clusterctl.reports``) import this module, :mod:`~clusterctl.batch.rows`,
:mod:`~clusterctl.batch.ranking` and :mod:`~clusterctl.batch.indicators`: the batch's model. The
batch never imports the reports (tests/test_imports.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from clusterctl.batch.rows import FileRow
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.i18n import Lang

if TYPE_CHECKING:
    from clusterctl.batch.discover import Skipped
    from clusterctl.criteria.model import Pack


class FindingStore(Protocol):
    """The batch's findings by file index, rendered in the run's language
    (:class:`clusterctl.batch.spool.FindingSpool`)."""

    def of(self, index: int) -> Iterator[dict[str, Any]]:
        """File ``index``'s findings as ``Finding.to_dict`` gives them, in the order added."""
        ...

    def rendered_of(self, index: int) -> Iterator[tuple[str | None, str]]:
        """(its 问题明细 cells when rendered in the worker, else None; the finding as JSON)."""
        ...

    def file_data(self, index: int) -> dict[str, Any] | None:
        """File ``index``'s ``--format json`` record, when the run kept one."""
        ...


@runtime_checkable
class StreamedRows(Protocol):
    """Rows read back from disk as they are iterated (:class:`~clusterctl.batch.spool.SpooledRows`),
    which know how many of them fail and can stream in input order too."""

    failing: int

    def by_index(self) -> Iterator[FileRow]: ...


@dataclass(slots=True)
class BatchResult:
    rows: Sequence[FileRow]  # ranked
    pack: Pack | None  # the pack the batch is shown against (标准, 指标矩阵)
    spool: FindingStore
    lang: Lang
    quota: int | None = None
    started: datetime = field(default_factory=lambda: datetime.now().astimezone())
    finished: datetime | None = None
    skipped: list[Skipped] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # as given, for 运行信息
    batch_findings: Counter[str] = field(default_factory=Counter)  # B4xx code -> files
    # every pack the rows were evaluated against, the batch's pack first (:func:`packs_used`)
    packs: list[Pack] = field(default_factory=list)
    # a round of review (clusterctl.review): the expert forms applied (--expert-scores) and
    # each application compared with an earlier summary (--baseline)
    experts: Any = None
    changes: list[Any] | None = None
    baseline_path: str | None = None

    @property
    def fails(self) -> bool:
        if isinstance(self.rows, StreamedRows):
            return self.rows.failing > 0
        return any(r.fails for r in self.rows)


def packs_used(result: BatchResult) -> list[Pack]:
    """The packs of a batch: ``result.packs``, else the batch's one pack (a result made by a
    library call that did not say)."""
    if result.packs:
        return list(result.packs)
    return [result.pack] if result.pack is not None else []


def rows_by_index(rows: Sequence[FileRow]) -> Iterable[FileRow]:
    """``rows`` in input order (streamed when they are spooled)."""
    if isinstance(rows, StreamedRows):
        return rows.by_index()
    return sorted(rows, key=lambda r: r.index)


def verdict_counts(rows: Iterable[FileRow]) -> dict[Verdict, int]:
    counts = Counter(r.verdict for r in rows)
    return {v: counts.get(v, 0) for v in Verdict}


def most_failed(rows: Iterable[FileRow], top: int = 5) -> list[tuple[str, int]]:
    """Criteria most often not met, with how many files failed each."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(code for code, s in row.statuses.items() if s is Status.NOT_MET)
    return counts.most_common(top)
