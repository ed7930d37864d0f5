"""``clusterctl targets -o progress.xlsx``: the province's progress as a workbook.

Sheets: 全省进度 (each target: goal, the province's figure, progress as a share of the goal,
state; the scale tiers; a bar chart of the progress), 目标出处 (each target's clause, how the
tool measures it, where the number comes from), 各集群 (one row
per cluster counted: tier, planned tier, every indicator it gave, its own gap and band
position), 问题明细 (every finding of every file). Text from workbooks is written as text
(:func:`~.safe_cell.force_text`); the caller writes through :func:`clusterctl.atomic.atomic_path`.
"""

from __future__ import annotations

from typing import Any

from clusterctl.i18n import Lang, t
from clusterctl.reports.safe_cell import force_text
from clusterctl.reports.targets_data import (
    BELOW_TIERS,
    heading,
    requirement,
    state_text,
    tier_label,
    tier_line,
    unit_of,
)
from clusterctl.targets.model import (
    STATE_LABELS,
    ClusterReport,
    ProgressState,
    ProvinceProgress,
    TargetKind,
)

L = {
    "province": t("全省进度", "Province"),
    "clusters": t("各集群", "Clusters"),
    "findings": t("问题明细", "Findings"),
    "sources": t("目标出处", "Sources"),
    "code": t("编号", "Code"),
    "target": t("目标", "Target"),
    "clause": t("原文", "Clause"),
    "year": t("目标年", "Year"),
    "goal": t("目标值", "Goal"),
    "value": t("全省", "Province"),
    "unit": t("单位", "Unit"),
    "share": t("进度（占目标）", "Progress (of goal)"),
    "state": t("状态", "State"),
    "reported": t("计入集群数", "Clusters counted"),
    "how": t("计算口径（本工具的解释）", "How it is measured (the tool's reading)"),
    "provenance": t("来源", "Source"),
    "reported_src": t("引自报道", "quoted by a news report"),
    "tier": t("规模档", "Tier"),
    "rule": t("条件", "Rule"),
    "count": t("集群数", "Clusters"),
    "chart": t("各目标进度（占目标值 %）", "Progress by target (% of goal)"),
    "file": t("文件", "File"),
    "cluster": t("集群", "Cluster"),
    "report_year": t("报告年度", "Year"),
    "scale_tier": t("档位", "Tier"),
    "planned": t("规划档位", "Planned tier"),
    "level": t("级别", "Level"),
    "where": t("位置", "Where"),
    "message": t("说明", "Message"),
    "hint": t("修改建议", "Hint"),
    "counted": t("计入合计", "Counted"),
    "yes": t("是", "yes"),
    "no": t("否", "no"),
}
HEADER_FILL = "DDEBF7"
STATE_FILLS = {
    ProgressState.REACHED: "C6EFCE",
    ProgressState.IN_BAND: "C6EFCE",
    ProgressState.NOT_YET: "FFEB9C",
    ProgressState.BELOW_BAND: "FFEB9C",
    ProgressState.ABOVE_BAND: "FFEB9C",
    ProgressState.NO_DATA: "FFC7CE",
}


def _put(ws: Any, row: int, col: int, value: Any, **style: Any) -> Any:
    cell = ws.cell(row, col)
    if isinstance(value, str):
        force_text(cell, value)
    else:
        cell.value = value
    for name, spec in style.items():
        setattr(cell, name, spec)
    return cell


def _header(ws: Any, row: int, labels: list[str], widths: list[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from clusterctl.reports.sheet_layout import row_height

    ws.row_dimensions[row].height = row_height(labels, widths)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        _put(ws, row, col, label, font=Font(bold=True), fill=fill)
        ws.cell(row, col).alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width


def _print(ws: Any, title_rows: str | None = None, pages_wide: int = 1) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows


def write_progress(
    province: ProvinceProgress, reports: list[ClusterReport], path: str, lang: Lang
) -> None:
    """Write the workbook to ``path`` (a temporary file the caller renames)."""
    from openpyxl import Workbook

    wb = Workbook()
    _province_sheet(wb.active, province, lang)
    _cluster_sheet(wb.create_sheet(), province, lang)
    _sources_sheet(wb.create_sheet(), province, lang)
    _finding_sheet(wb.create_sheet(), reports, province, lang)
    wb.save(path)


def _province_sheet(ws: Any, province: ProvinceProgress, lang: Lang) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    from clusterctl.reports.sheet_layout import row_height

    pack = province.pack
    ws.title = L["province"].get(lang)
    _put(ws, 1, 1, f"{pack.title.get(lang)} ({pack.id})", font=Font(bold=True, size=13))
    _put(ws, 2, 1, heading(province, lang))
    _put(ws, 3, 1, tier_line(province, lang))
    keys = ["code", "target", "goal", "value", "unit", "share", "state", "reported"]
    widths = [7, 26, 18, 11, 8, 11, 20, 9]
    top = 5
    _header(ws, top, [L[k].get(lang) for k in keys], widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, p in enumerate(province.progress, start=top + 1):
        tg = p.target
        values = [
            tg.code,
            tg.title.get(lang),
            requirement(tg, lang),
            round(p.value, 4) if p.value is not None else None,
            unit_of(tg, lang),
            round(p.share, 4) if p.share is not None else None,
            state_text(p, lang),
            p.reported,
        ]
        for col, value in enumerate(values, start=1):
            _put(ws, i, col, value, alignment=wrap)
        ws.row_dimensions[i].height = row_height(values, widths)
        ws.cell(i, 6).number_format = "0%"
        if p.value is not None and not float(p.value).is_integer():
            ws.cell(i, 4).number_format = "0.00"
        fill = STATE_FILLS.get(p.state)
        if fill:
            ws.cell(i, 7).fill = PatternFill("solid", fgColor=fill)
    last = top + len(province.progress)
    # the scale tiers
    row = last + 2
    _header(ws, row, ["", *(L[k].get(lang) for k in ("tier", "rule", "count"))], widths[:4])
    for tr in pack.tiers:
        row += 1
        symbol = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}[tr.op.value]
        _put(ws, row, 2, tr.label.get(lang))
        _put(ws, row, 3, f"{symbol} {tr.threshold:g}")
        _put(ws, row, 4, province.tiers.get(tr.key, 0))
    row += 1
    _put(ws, row, 2, BELOW_TIERS.get(lang))
    _put(ws, row, 4, province.tiers.get("", 0))
    # the progress of every target with a goal, from the share column
    chart = BarChart()
    chart.type = "bar"
    chart.title = L["chart"].get(lang)
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # the first target on top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.numFmt = "0%"
    chart.y_axis.majorGridlines = None
    chart.height, chart.width = 11, 24
    data = Reference(ws, min_col=6, min_row=top, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    ws.add_chart(chart, f"A{row + 2}")
    # the tiers and the chart begin a page of their own: a chart is never split across pages
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=last))
    ws.freeze_panes = ws.cell(top + 1, 3)
    _print(ws, f"{top}:{top}")


def _sources_sheet(ws: Any, province: ProvinceProgress, lang: Lang) -> None:
    """Each target's clause, how the tool measures it and where the number comes from."""
    from openpyxl.styles import Alignment, Font

    from clusterctl.reports.sheet_layout import row_height

    pack = province.pack
    ws.title = L["sources"].get(lang)
    _put(ws, 1, 1, pack.source, font=Font(bold=True))
    _put(ws, 2, 1, pack.source_note.get(lang) if pack.source_note else "")
    keys = ["code", "target", "clause", "year", "how", "provenance"]
    widths = [7, 24, 46, 7, 60, 14]
    _header(ws, 4, [L[k].get(lang) for k in keys], widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    rows = [(tg.code, tg.title.get(lang), tg.clause, tg.year,
             tg.interpretation.get(lang) if tg.interpretation else "")
            for tg in pack.targets]  # fmt: skip
    rows += [(tr.key, tr.label.get(lang), tr.clause, pack.target_year, "") for tr in pack.tiers]
    for i, values in enumerate(rows, start=5):
        cells = [*values, L["reported_src"].get(lang)]
        for col, value in enumerate(cells, start=1):
            _put(ws, i, col, value, alignment=wrap)
        ws.row_dimensions[i].height = row_height(cells, widths)
    ws.freeze_panes = "C5"
    _print(ws, "4:4")


def _cluster_sheet(ws: Any, province: ProvinceProgress, lang: Lang) -> None:
    pack = province.pack
    ws.title = L["clusters"].get(lang)
    specs = [pack.indicator(k) for k in pack.reads]
    extra = [
        tg
        for tg in pack.targets
        if tg.kind in (TargetKind.MARGIN, TargetKind.RATIO) or tg.per_cluster
    ]
    labels = [L[k].get(lang) for k in ("file", "cluster", "report_year", "scale_tier", "planned")]
    unit = "{}（{}）" if lang == "zh" else "{} ({})"
    labels += [unit.format(s.label.get(lang), s.unit.get(lang)) for s in specs]
    labels += [f"{tg.code} {tg.title.get(lang)}" for tg in extra]
    widths = [22, 26, 8, 12, 12] + [12] * len(specs) + [16] * len(extra)
    _header(ws, 1, labels, widths)
    for i, r in enumerate(province.clusters, start=2):
        values: list[Any] = [
            r.path,
            r.name or "",
            r.year,
            tier_label(pack, r.tier, lang),
            tier_label(pack, r.planned_tier, lang) if r.planned_tier else "",
        ]
        values += [r.values.get(s.key) for s in specs]
        for tg in extra:
            c = r.contribution(tg.code)
            if c is None:
                values.append(None)
            elif tg.per_cluster and c.state is not None:
                values.append(STATE_LABELS[c.state].get(lang))
            else:
                values.append(round(c.value, 4) if c.value is not None else None)
        for col, value in enumerate(values, start=1):
            _put(ws, i, col, value)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_cols = "A:B"  # each page of a wide table names its clusters
    _print(ws, "1:1", pages_wide=3)


def _finding_sheet(
    ws: Any, reports: list[ClusterReport], province: ProvinceProgress, lang: Lang
) -> None:
    from openpyxl.styles import Alignment

    from clusterctl.diagnostics.order import sorted_findings

    ws.title = L["findings"].get(lang)
    counted = {r.path for r in province.clusters}
    keys = ["file", "counted", "level", "code", "where", "message", "hint"]
    _header(ws, 1, [L[k].get(lang) for k in keys], [24, 8, 8, 8, 18, 60, 40])
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    levels = {
        "error": t("错误", "error"),
        "warning": t("警告", "warning"),
        "info": t("提示", "info"),
    }
    for rep in reports:
        yes = L["yes" if rep.path in counted else "no"].get(lang)
        for f in sorted_findings(rep.findings):
            row += 1
            values = [
                rep.path,
                yes,
                levels[f.level.value].get(lang),
                f.code,
                f.location.ref(),
                f.message(lang),
                f.hint(lang) or "",
            ]
            for col, value in enumerate(values, start=1):
                _put(ws, row, col, value, alignment=wrap)
    ws.freeze_panes = "A2"
    _print(ws, "1:1")
