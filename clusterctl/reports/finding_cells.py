"""A finding's 问题明细 cells, rendered where the finding is made (a screen's worker, through
:class:`clusterctl.batch.run.ScreenTransform`; the parent for the checks across the batch) and
placed by the summary (:mod:`clusterctl.reports.summary_xlsx`)."""

from __future__ import annotations

from typing import Any

from clusterctl.diagnostics import Severity
from clusterctl.i18n import Lang


def finding_cells(finding: dict[str, Any], path: str, lang: Lang) -> str:
    """A finding's 问题明细 cells after the rank (file, sheet, cell, code, severity, message,
    hint) as :func:`~clusterctl.reports.xlsx_rows.cells_xml` renders them: made where the
    finding is (a worker, or the parent for the batch checks), placed by the parent."""
    from clusterctl.reports.xlsx_rows import cells_xml

    severity = finding.get("severity") or ""
    try:
        label = Severity(severity).label.get(lang)
    except ValueError:  # not a severity we know: shown as given
        label = severity
    values = [
        path,
        finding.get("sheet"),
        finding.get("cell"),
        finding.get("code"),
        label,
        finding.get("message"),
        finding.get("hint"),
    ]
    return cells_xml(values, first_col=1)
