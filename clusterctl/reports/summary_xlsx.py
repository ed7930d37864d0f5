"""The Excel summary of ``clusterctl screen`` for reviewers.

Sheets (Chinese names by default, English with ``--lang en``): 汇总 (one ranked row per file),
指标矩阵 (status of every criterion, coloured, grouped by pack), 问题明细 (every error and
warning), 读取说明 (the info findings: how a value was read), 统计 (pass rates, statuses, score
distribution, charts), 标准 (every pack's criteria and thresholds), 运行信息 (version, packs,
time, options, SHA-256 and size of every input, skipped inputs). 统计 and 运行信息 are written by
:mod:`clusterctl.reports.summary_sheets`.

Every row is streamed (:mod:`clusterctl.reports.xlsx_rows`), with the height its wrapped text
needs (:func:`clusterctl.reports.sheet_layout.row_height`), so a batch of 10,000 files never
holds all its findings in memory and no text is cut. Every text that comes from an input is
written as text, never a formula. Each sheet prints on A4 with a page header (the report, the
packs) and footer (page x of y, when it was generated, in local time).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from clusterctl import __version__
from clusterctl.evaluation.model import Status
from clusterctl.reports.finding_cells import finding_cells, finding_widths, is_info
from clusterctl.reports.links import link_target
from clusterctl.reports.sheet_layout import (
    WIDTH_SAMPLE,
    autofilter,
    column_width,
    column_widths,
    frame_records,
    frame_widths,
    row_height,
    set_font,
)
from clusterctl.reports.summary_columns import (
    FILE_COLUMN,
    MATRIX_FIXED,
    MATRIX_WIDTHS,
    PRINTED,
    SUMMARY_WIDEST,
    VERDICT_COLUMN,
    criterion_codes,
    header,
    matrix_values,
    summary_columns,
    summary_values,
)
from clusterctl.reports.summary_context import TITLE, Context, L
from clusterctl.reports.summary_frames import criteria_frame

if TYPE_CHECKING:
    import pandas as pd

    from clusterctl.batch.result import BatchResult

MARKER = "clusterctl-screen-summary"  # in the document keywords: a summary we may overwrite
EXCEL_MAX_ROWS = 1_048_576

CODE_WIDTH = 10.0  # a criterion's column in 指标矩阵 (wider for a longer English word)


def is_our_summary(path: str) -> bool:
    """Is ``path`` a summary clusterctl wrote (so a new run may replace it)?"""
    from clusterctl.reports.xlsx_parts import has_marker

    return has_marker(path, MARKER)


def write_summary(result: BatchResult, path: str, link_base: str | None = None) -> None:
    """Write the summary workbook of ``result`` to ``path`` (callers write to a temporary file
    and rename it; ``link_base`` is the folder the final file lives in, for hyperlinks)."""
    from openpyxl import Workbook

    from clusterctl.reports.review_sheets import review_sheets
    from clusterctl.reports.summary_sheets import run_sheet, stats_sheet
    from clusterctl.reports.xlsx_rows import RowFolder

    link_base = link_base or os.path.dirname(os.path.abspath(path))
    wb = Workbook(write_only=True)
    set_font(wb)
    wb.properties.creator = f"clusterctl {__version__}"
    wb.properties.keywords = MARKER
    wb.properties.title = TITLE.get(result.lang)

    with RowFolder() as folder:
        ctx = Context(result, folder)
        codes = criterion_codes(result.rows, result.pack)
        _summary_sheet(wb, ctx, link_base)
        _matrix_sheet(wb, ctx, codes)
        _findings_sheets(wb, ctx)
        stats_sheet(wb, ctx, codes)
        _frame_sheet(wb, ctx, "criteria", criteria_frame(ctx.packs, ctx.lang))
        run_sheet(wb, ctx)
        review_sheets(wb, ctx)  # 专家评审 and 变化, when the run has them
        folder.save(wb, path)


def _summary_sheet(wb: Any, ctx: Context, link_base: str) -> None:
    from openpyxl.utils import get_column_letter

    result, lang = ctx.result, ctx.lang
    ws = wb.create_sheet(ctx.name("summary"))
    columns = summary_columns(lang)
    sample = [summary_values(r, lang, ctx.pack_names) for r in result.rows[:WIDTH_SAMPLE]]
    most = list(SUMMARY_WIDEST) + [14.0] * (len(columns) - len(SUMMARY_WIDEST))
    widths = column_widths(columns, sample, most)
    last = get_column_letter(PRINTED)
    page = ctx.page("summary", area=f"A:{last}")
    sheet = ctx.sheet(ws, widths, columns, page, freeze="C2")
    styles: list[str | None] = ["body"] * len(columns)
    styles[FILE_COLUMN] = "link"
    for row in result.rows:
        values = summary_values(row, lang, ctx.pack_names)
        styles[VERDICT_COLUMN] = f"verdict:{row.verdict.value}"
        height = row_height(values, widths)
        link = (FILE_COLUMN, link_target(row.path, link_base))
        sheet.append(values, styles, link=link, height=height)
    sheet.close()
    autofilter(ws, len(columns), sheet.rows)
    ws.print_area = f"A1:{last}{max(1, sheet.rows)}"


def _matrix_sheet(wb: Any, ctx: Context, codes: Sequence[str]) -> None:
    """指标矩阵: one row per file, grouped by pack (the batch's first), each group in rank
    order; the criteria's titles are the batch pack's (the packs share their codes)."""
    from clusterctl.reports.xlsx_rows import ROW, cell_xml, column_letter

    result, lang = ctx.result, ctx.lang
    ws = wb.create_sheet(ctx.name("matrix"))
    titles: dict[str, str] = {}
    for pack in reversed(ctx.packs):
        titles.update({c.code: c.title.get(lang) for c in pack.criteria})
    fixed = [header(k, lang) for k in MATRIX_FIXED]
    headers = fixed + [f"{code}\n{titles[code]}" if code in titles else code for code in codes]
    sample = [matrix_values(r, lang, ctx.pack_names) for r in result.rows[:WIDTH_SAMPLE]]
    widths = column_widths(fixed, sample, MATRIX_WIDTHS)
    statuses = [s.label.get(lang) for s in Status]
    widths += [
        column_width(statuses, headers[i], CODE_WIDTH) for i in range(len(fixed), len(headers))
    ]
    page = ctx.page("matrix", fit_width=False, key_cols="A:C")
    sheet = ctx.sheet(ws, widths, headers, page, freeze="D2")
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

    ids = [p.id for p in ctx.packs]
    groups: list[Any] = [None] if len(ids) <= 1 else [*ids, ()]  # (): rows of no pack listed
    for group in groups:
        for row in result.rows:
            if group is not None and (row.pack_id if row.pack_id in ids else ()) != group:
                continue
            statuses = dict(row.statuses.items())
            rendered = [
                cell(col, statuses[code])
                for col, code in enumerate(codes, first)
                if statuses.get(code) is not None  # None: not evaluated
            ]
            values = matrix_values(row, lang, ctx.pack_names)
            height = row_height(values, widths)
            sheet.append_rendered(values, _height_mark(height) + "".join(rendered), "body")
    sheet.close()
    autofilter(ws, len(headers), sheet.rows)


def _height_mark(height: float) -> str:
    from clusterctl.reports.xlsx_rows import with_height

    return with_height("", height)


def _findings_sheets(wb: Any, ctx: Context) -> None:
    """问题明细 (errors and warnings) and 读取说明 (infos), in one pass over the findings."""
    result, lang = ctx.result, ctx.lang
    names = [c.get(lang) for c in L["finding_cols"]]
    widths = finding_widths(lang)
    found_ws = wb.create_sheet(ctx.name("findings"))
    info_ws = wb.create_sheet(ctx.name("infos"))
    page = lambda key: ctx.page(key, key_cols=None)  # noqa: E731
    sheets = {
        False: ctx.sheet(found_ws, widths, names, page("findings"), freeze="C2"),
        True: ctx.sheet(info_ws, widths, names, page("infos"), freeze="C2"),
    }
    limit, dropped = EXCEL_MAX_ROWS - 2, 0
    for rank, path, cells, data in _ranked_findings(result):
        sheet = sheets[is_info(data)]
        if sheet.rows >= limit:
            dropped += 1
            continue
        if cells is None:  # not rendered in the worker: a batch check's, or a library call
            import json

            cells = finding_cells(json.loads(data), path(), lang)
        sheet.append_rendered((rank,), cells, "body")
    main, infos = sheets[False], sheets[True]
    if dropped:
        values = [None] * 6 + [L["truncated"].format(lang, count=dropped)]
        main.append(values, "bold", height=row_height(values, widths))
    for sheet in sheets.values():
        autofilter(sheet.ws, len(names), max(sheet.rows, 1))
    if infos.rows > 1:
        note = L["infos_moved"].format(lang, count=infos.rows - 1, sheet=ctx.name("infos"))
        values = [None, None, None, None, None, None, note]
        main.append(values, "bold", height=row_height(values, widths))
    for sheet in sheets.values():
        sheet.close()


def _ranked_findings(result: BatchResult) -> Iterator[tuple[int, Callable[[], str], Any, str]]:
    """Every finding as (its file's rank, its file's path on demand, its cells or None, its
    JSON), files in rank order: one ordered query when the rows are spooled (no row read
    back), else file by file."""
    rows = result.rows
    by_rank = getattr(rows, "findings_by_rank", None)
    if by_rank is None:
        for row in rows:
            path = lambda row=row: row.path  # noqa: E731
            for cells, data in result.spool.rendered_of(row.index):
                yield row.rank, path, cells, data
        return
    for rank, index, name, cells, data in by_rank():
        # the stored name is the path's last part, which is what the cells show
        path = (lambda name=name: name) if name else (lambda index=index: rows.path_of(index))
        yield rank, path, cells, data


def _frame_sheet(wb: Any, ctx: Context, key: str, frame: pd.DataFrame) -> None:
    ws = wb.create_sheet(ctx.name(key))
    widths = frame_widths(frame, most=36)  # longer wording wraps
    sheet = ctx.sheet(
        ws, widths, list(frame.columns), ctx.page(key, fit_width=False, key_cols="A:C"), "D2"
    )
    for values in frame_records(frame):
        sheet.append(values, "body", height=row_height(values, widths))
    sheet.close()
    autofilter(ws, len(frame.columns), sheet.rows)
