"""The Excel summary of ``clusterctl screen`` for reviewers.

Sheets (Chinese names by default, English with ``--lang en``): 汇总 (one ranked row per file),
指标矩阵 (status of every criterion, coloured), 问题明细 (every finding), 统计 (pass rates, score
distribution, charts), 标准 (the pack's criteria and thresholds), 运行信息 (version, pack, time,
options, SHA-256 and size of every input, skipped inputs).

The workbook is written in openpyxl's write-only mode, row by row: the findings are streamed from
the batch's spool, so a batch of 10,000 files never holds all its findings in memory. Every text
that comes from an input goes through :mod:`clusterctl.reports.safe_cell` (never a formula).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clusterctl import __version__
from clusterctl.batch.result import rows_by_index
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Lang, t
from clusterctl.reports.finding_cells import finding_cells
from clusterctl.reports.links import link_target
from clusterctl.reports.safe_cell import safe_value
from clusterctl.reports.sheet_layout import (
    WIDTH_SAMPLE,
    Styles,
    autofilter,
    column_widths,
    display_width,
    frame_records,
    frame_widths,
    header_row,
    setup,
)
from clusterctl.reports.summary_columns import (
    MATRIX_FIXED,
    criterion_codes,
    header,
    matrix_values,
    summary_columns,
    summary_values,
)
from clusterctl.reports.summary_frames import criteria_frame, pass_rate_frame, score_bins_frame

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.result import BatchResult
    from clusterctl.reports.xlsx_rows import RowFolder

MARKER = "clusterctl-screen-summary"  # in the document keywords: a summary we may overwrite
EXCEL_MAX_ROWS = 1_048_576

SHEET_NAMES = {
    "summary": t("汇总", "Summary"),
    "matrix": t("指标矩阵", "Criteria matrix"),
    "findings": t("问题明细", "Findings"),
    "stats": t("统计", "Statistics"),
    "criteria": t("标准", "Criteria"),
    "run": t("运行信息", "Run information"),
}

L = {
    "finding_cols": (
        t("排名", "Rank"),
        t("文件", "File"),
        t("工作表", "Sheet"),
        t("单元格", "Cell"),
        t("代码", "Code"),
        t("级别", "Severity"),
        t("问题", "Message"),
        t("修改建议", "Hint"),
    ),
    "truncated": t(
        "……另有 {count} 条问题超出 Excel 行数上限，未列出",
        "… {count} more findings exceed Excel's row limit and are not listed",
    ),
    "pass_chart": t("各条件达标率（%）", "Pass rate by criterion (%)"),
    "score_chart": t("得分分布", "Score distribution"),
    "key": t("项目", "Item"),
    "value": t("内容", "Value"),
    "tool": t("工具版本", "Tool version"),
    "pack": t("认定标准", "Criteria pack"),
    "pack_title": t("标准名称", "Pack title"),
    "pack_source": t("标准出处", "Source"),
    "quota": t("推荐名额", "Quota"),
    "started": t("开始时间", "Started"),
    "finished": t("结束时间", "Finished"),
    "options": t("运行参数", "Options"),
    "files": t("申报文件数", "Files screened"),
    "skipped_n": t("跳过的文件数", "Files skipped"),
    "inputs": t("输入文件", "Inputs"),
    "skipped": t("跳过的文件", "Skipped files"),
    "reason": t("原因", "Reason"),
    "sha256": t("SHA-256", "SHA-256"),
    "size": t("大小（字节）", "Size (bytes)"),
    "seconds": t("用时（秒）", "Seconds"),
    "index": t("输入序号", "Input no."),
    "verdict": t("结论", "Verdict"),
    "ranking_rule": t("排名规则", "Ranking rule"),
    "ranking_text": t(
        "符合 → 材料不全 → 不符合 → 无法读取；同组内按得分从高到低；得分相同按文件名",
        "eligible → incomplete → ineligible → unreadable; within a group by score, highest "
        "first; ties by file name",
    ),
}


def is_our_summary(path: str) -> bool:
    """Is ``path`` a summary clusterctl wrote (so a new run may replace it)?"""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            return MARKER in zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False


def write_summary(result: BatchResult, path: str, link_base: str | None = None) -> None:
    """Write the summary workbook of ``result`` to ``path`` (callers write to a temporary file
    and rename it; ``link_base`` is the folder the final file lives in, for hyperlinks)."""
    from openpyxl import Workbook

    from clusterctl.reports.xlsx_rows import RowFolder

    lang = result.lang
    link_base = link_base or os.path.dirname(os.path.abspath(path))
    st = Styles()
    wb = Workbook(write_only=True)
    wb.properties.creator = f"clusterctl {__version__}"
    wb.properties.keywords = MARKER
    wb.properties.title = SHEET_NAMES["summary"].get(lang)

    codes = criterion_codes(result.rows, result.pack)
    with RowFolder() as folder:
        _summary_sheet(wb, result, link_base, st, folder)
        _matrix_sheet(wb, result, codes, st, folder)
        _findings_sheet(wb, result, st, folder)
        _stats_sheet(
            wb,
            pass_rate_frame(result.rows, codes, result.pack, lang),
            score_bins_frame(result.rows, lang),
            lang,
            st,
        )
        _frame_sheet(wb, SHEET_NAMES["criteria"].get(lang), criteria_frame(result.pack, lang), st)
        _run_sheet(wb, result, st, folder)
        folder.save(wb, path)


def _summary_sheet(
    wb: Any, result: BatchResult, link_base: str, st: Styles, folder: RowFolder
) -> None:
    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["summary"].get(lang))
    columns = summary_columns(lang)
    sample = [summary_values(r, lang) for r in result.rows[:WIDTH_SAMPLE]]
    setup(ws, column_widths(columns, sample), freeze="C2")
    header_row(ws, columns, st)
    file_col, verdict_col = 1, 7
    styles: list[str | None] = [None] * len(columns)
    styles[file_col] = "link"
    sheet = folder.sheet(ws, st.specs)
    for row in result.rows:
        values = summary_values(row, lang)
        styles[verdict_col] = f"verdict:{row.verdict.value}"
        sheet.append(values, styles, link=(file_col, link_target(row.path, link_base)))
    sheet.close()
    autofilter(ws, len(columns), len(result.rows) + 1)


def _matrix_sheet(
    wb: Any, result: BatchResult, codes: Sequence[str], st: Styles, folder: RowFolder
) -> None:
    from clusterctl.reports.xlsx_rows import ROW, cell_xml, column_letter

    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["matrix"].get(lang))
    titles = {c.code: c.title.get(lang) for c in result.pack.criteria} if result.pack else {}
    fixed = [header(k, lang) for k in MATRIX_FIXED]
    headers = fixed + [f"{code}\n{titles[code]}" if code in titles else code for code in codes]
    sample = [matrix_values(r, lang) for r in result.rows[:WIDTH_SAMPLE]]
    widths = column_widths(fixed, sample) + [
        float(min(24, max(10, display_width(titles.get(c, c)) / 2 + 2))) for c in codes
    ]
    setup(ws, widths, freeze="D2")
    header_row(ws, headers, st)
    sheet = folder.sheet(ws, st.specs)
    first = len(fixed)
    cells: dict[tuple[int, Any], str] = {}  # (column, status) -> its cell, row number left open

    def cell(col: int, status: Any) -> str:
        found = cells.get((col, status))
        if found is None:
            status_ = Status(status)
            name = f"status:{status_.value}"
            found = cell_xml(
                column_letter(col) + ROW,
                status_.label.get(lang),
                lambda quote: sheet.style_attr(name, quote),
            )
            cells[(col, status)] = found
        return found

    for row in result.rows:
        statuses = dict(row.statuses.items())
        rendered = [
            cell(col, statuses[code])
            for col, code in enumerate(codes, first)
            if statuses.get(code) is not None  # None: not evaluated
        ]
        sheet.append_rendered(matrix_values(row, lang), "".join(rendered))
    sheet.close()
    autofilter(ws, len(headers), len(result.rows) + 1)


def _findings_sheet(wb: Any, result: BatchResult, st: Styles, folder: RowFolder) -> None:
    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["findings"].get(lang))
    names = [c.get(lang) for c in L["finding_cols"]]
    setup(ws, [6, 40, 14, 8, 8, 8, 60, 50])
    header_row(ws, names, st)
    sheet = folder.sheet(ws, st.specs)
    written, limit, dropped = 1, EXCEL_MAX_ROWS - 1, 0
    for row in result.rows:
        rank = (row.rank,)
        for cells, data in result.spool.rendered_of(row.index):
            if written >= limit:
                dropped += 1
                continue
            if cells is None:  # not rendered in the worker: a batch check's, or a library call
                cells = finding_cells(json.loads(data), row.path, lang)
            sheet.append_rendered(rank, cells)
            written += 1
    if dropped:
        sheet.append([None, L["truncated"].format(lang, count=dropped)])
        written += 1
    sheet.close()
    autofilter(ws, len(names), written)


def _stats_sheet(wb: Any, rates: pd.DataFrame, bins: pd.DataFrame, lang: Lang, st: Styles) -> None:
    """Pass rates (columns A…) and, two columns to their right, the score distribution; a bar
    chart of the pass rates and a histogram of the scores to the right of both."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET_NAMES["stats"].get(lang))
    n_rate_cols = len(rates.columns)
    bin_col = n_rate_cols + 2  # 1-based column of the score table
    widths = [*frame_widths(rates), 3.0, *frame_widths(bins)]
    setup(ws, widths)
    rate_rows = [[safe_value(ws, v) for v in values] for values in frame_records(rates)]
    bin_rows = [[safe_value(ws, v) for v in values] for values in frame_records(bins)]
    head = [st.text(ws, str(c), "header") for c in rates.columns]
    head += [None] + [st.text(ws, str(c), "header") for c in bins.columns]
    ws.append(head)
    for i in range(max(len(rate_rows), len(bin_rows))):
        left = rate_rows[i] if i < len(rate_rows) else [None] * n_rate_cols
        right = bin_rows[i] if i < len(bin_rows) else []
        ws.append([*left, None, *right])
    n_rates, n_bins = len(rates), len(bins)
    autofilter(ws, n_rate_cols, n_rates + 1)
    anchor = get_column_letter(bin_col + len(bins.columns) + 1)

    hist = BarChart()
    hist.type = "col"
    hist.gapWidth = 10
    hist.title = L["score_chart"].get(lang)
    hist.legend = None
    hist.width = 18
    hist.add_data(
        Reference(ws, min_col=bin_col + 1, min_row=1, max_row=n_bins + 1), titles_from_data=True
    )
    hist.set_categories(Reference(ws, min_col=bin_col, min_row=2, max_row=n_bins + 1))
    ws.add_chart(hist, f"{anchor}2")
    if n_rates:
        chart = BarChart()
        chart.type = "bar"
        chart.title = L["pass_chart"].get(lang)
        chart.x_axis.scaling.orientation = "maxMin"  # first criterion on top
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.legend = None
        chart.height = max(7.5, 0.5 * n_rates)
        chart.width = 18
        data = Reference(ws, min_col=n_rate_cols, min_row=1, max_row=n_rates + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n_rates + 1))
        ws.add_chart(chart, f"{anchor}18")


def _frame_sheet(wb: Any, title: str, frame: pd.DataFrame, st: Styles) -> None:
    ws = wb.create_sheet(title)
    setup(ws, frame_widths(frame), freeze="B2")
    header_row(ws, list(frame.columns), st)
    for values in frame_records(frame):
        ws.append([safe_value(ws, v) for v in values])
    autofilter(ws, len(frame.columns), len(frame) + 1)


def _run_sheet(wb: Any, result: BatchResult, st: Styles, folder: RowFolder) -> None:
    lang = result.lang
    ws = wb.create_sheet(SHEET_NAMES["run"].get(lang))
    setup(ws, [16, 44, 72, 14, 12, 10], freeze="A2")
    header_row(ws, [L["key"].get(lang), L["value"].get(lang)], st)
    pack = result.pack

    pairs = [
        (L["tool"], f"clusterctl {__version__}"),
        (L["pack"], pack.id if pack else None),
        (L["pack_title"], pack.title.get(lang) if pack else None),
        (L["pack_source"], pack.source if pack else None),
        (L["quota"], result.quota),
        (L["started"], result.started.isoformat(timespec="seconds")),
        (L["finished"], result.finished.isoformat(timespec="seconds") if result.finished else None),
        (L["options"], " ".join(f"{k}={v}" for k, v in result.options.items())),
        (L["files"], len(result.rows)),
        (L["skipped_n"], len(result.skipped)),
        (L["ranking_rule"], L["ranking_text"].get(lang)),
    ]
    for key, value in pairs:
        ws.append([st.text(ws, key.get(lang), "bold"), safe_value(ws, value)])
    ws.append([])
    ws.append([st.text(ws, L["inputs"].get(lang), "bold")])
    cols = ("index", "inputs", "sha256", "size", "verdict", "seconds")
    ws.append([st.text(ws, L[c].get(lang), "header") for c in cols])
    sheet = folder.sheet(ws, st.specs, first_row=5 + len(pairs))
    for row in rows_by_index(result.rows):
        seconds = None if row.seconds is None else round(row.seconds, 3)
        values = [
            row.index + 1,
            row.path,
            row.sha256,
            row.size,
            row.verdict.label.get(lang),
            seconds,
        ]
        sheet.append(values)
    if result.skipped:
        sheet.append([])
        sheet.append([L["skipped"].get(lang)], ["bold"])
        for skipped in result.skipped:
            sheet.append([None, skipped.path, skipped.message(lang)])
    sheet.close()
