"""A finding's 问题明细 cells, rendered where the finding is made (a screen's worker, through
:class:`clusterctl.batch.run.ScreenTransform`; the parent for the checks across the batch) and
placed by the summary (:mod:`clusterctl.reports.summary_xlsx`), with the height of its row (the
widths of the sheet are fixed: :data:`FINDING_WIDTHS`)."""

from __future__ import annotations

import os
from typing import Any

from clusterctl.i18n import Lang
from clusterctl.reports.labels import label

# 排名, 文件, 工作表, 单元格, 代码, 级别, 问题, 修改建议 (a landscape A4 page across; English
# words need a wider 级别)
FINDING_WIDTHS = {
    "zh": (5.0, 18.0, 9.0, 6.0, 6.0, 5.0, 44.0, 34.0),
    "en": (5.0, 18.0, 9.0, 6.0, 6.0, 8.0, 42.0, 33.0),
}


def finding_widths(lang: Lang) -> tuple[float, ...]:
    return FINDING_WIDTHS.get(lang, FINDING_WIDTHS["zh"])


def finding_cells(finding: dict[str, Any], path: str, lang: Lang) -> str:
    """A finding's 问题明细 cells after the rank (file name, sheet, cell, code, severity,
    message, hint) as :func:`~clusterctl.reports.xlsx_rows.cells_xml` renders them, with their
    row's height (:func:`~clusterctl.reports.xlsx_rows.with_height`): made where the finding
    is (a worker, or the parent for the batch checks), placed by the parent."""
    from clusterctl.reports.sheet_layout import row_height
    from clusterctl.reports.xlsx_rows import cells_xml, with_height

    values = [
        os.path.basename(path) or path,
        finding.get("sheet"),
        finding.get("cell"),
        finding.get("code"),
        label("severity", finding.get("severity") or "", lang),
        finding.get("message"),
        finding.get("hint"),
    ]
    height = row_height(values, finding_widths(lang)[1:])
    return with_height(cells_xml(values, first_col=1), height)


def is_info(data: str) -> bool:
    """Is the spooled finding ``data`` (its JSON) an info finding (how a value was read)?"""
    if '"severity": "info"' not in data:
        return False
    import json

    return json.loads(data).get("severity") == "info"
