"""A report made compact: :func:`row_from_report` keeps what the batch needs of one
:class:`~clusterctl.report.FileReport` (made in the worker, so the parent only stores it)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from clusterctl.batch.indicators import key_indicators
from clusterctl.batch.rows import FileRow, StatusMap
from clusterctl.diagnostics import Location, Severity
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Lang
from clusterctl.workbook.summary import TEXT_FACTS

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack
    from clusterctl.evaluation.model import CriterionResult
    from clusterctl.report import FileReport

# Facts whose values repeat across a batch: one shared string per distinct value.
SHARED_FACTS = frozenset(
    {"province", "city", "district", "division_code", "leading_industry", "niche"}
)


def row_from_report(
    report: FileReport, index: int, pack: Pack | None, lang: Lang, fails: bool
) -> FileRow:
    """The compact row of one (already configured) report."""
    row = FileRow(
        index=index,
        path=report.path,
        sha256=report.sha256,
        size=report.size,
        verdict=report.verdict,
        score=report.score,
        pack_id=report.pack_id or (report.evaluation.pack_id if report.evaluation else None),
        reason=_reason(report, lang),
        facts=_facts(report.summary),
        cells=_cells(report),
        indicators=key_indicators(report.evaluation, pack),
        fails=fails,
        seconds=report.seconds,
    )
    for finding in report.findings:
        row.count(finding.level)
    if report.evaluation is not None:
        row.statuses = StatusMap((r.code, r.status) for r in report.evaluation.results)
        row.provisional = provisional_points(report.evaluation.results)
    return row


def provisional_points(results: Iterable[CriterionResult]) -> float:
    """The points of the score (0-100, as :func:`clusterctl.evaluation.scoring.score` scales
    them) that criteria awaiting expert review earn provisionally."""
    possible = review = 0.0
    for result in results:
        if result.status is Status.NOT_APPLICABLE:
            continue
        possible += result.weight
        if result.status is Status.REVIEW:
            review += result.points
    return round(100.0 * review / possible, 2) if possible else 0.0


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _facts(summary: dict[str, Any]) -> dict[str, str]:
    """Basic facts from a report's summary (flat, or under ``basic``)."""
    nested = summary.get("basic") if isinstance(summary.get("basic"), dict) else {}
    facts = {}
    for key in TEXT_FACTS:  # kept per file: the batch checks and the 汇总 sheet
        value = _text(summary.get(key, nested.get(key)))
        if value is not None:
            facts[key] = sys.intern(value) if key in SHARED_FACTS else value
    return facts


def _cells(report: FileReport) -> dict[str, Location]:
    """Where each fact sits: ``report.cells`` (``basic.<key>``) when the pipeline recorded it."""
    found: dict[str, Location] = {}
    sources = [getattr(report, "cells", None), report.summary.get("cells")]
    for source in sources:
        if not isinstance(source, dict):
            continue
        for key in TEXT_FACTS:  # kept per file: the batch checks and the 汇总 sheet
            loc = source.get(f"basic.{key}", source.get(key))
            if isinstance(loc, Location) and key not in found:
                found[key] = _shared(loc, report.path)
    return found


def _shared(loc: Location, path: str) -> Location:
    """The same location with its texts shared (the file as the row's path when equal)."""
    return Location(
        path if loc.file == path else loc.file,
        sys.intern(loc.sheet) if loc.sheet else loc.sheet,
        loc.row,
        loc.col,
        sys.intern(loc.field) if loc.field else loc.field,
    )


def _reason(report: FileReport, lang: Lang) -> str | None:
    if report.evaluation is not None:
        return None
    fatal = [f for f in report.findings if f.level is Severity.ERROR] or report.findings
    if not fatal:
        return None
    try:
        return fatal[0].message(lang)
    except Exception:  # an unknown code: still say something
        return fatal[0].code
