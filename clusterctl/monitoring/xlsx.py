"""The monitoring workbook (``monitor -o monitoring.xlsx``): one ranked status sheet first, then
one sheet per concern: the annual reports, the revocation grounds with their evidence, the
concerns, the plan's progress (with a chart), the run's findings (unmatched and duplicate
filings, registry problems) and the run's information.

Every workbook text is written as text (reports/safe_cell.py: never a formula, never broken
XML), the sheets print like screen's summary (reports/sheet_layout.py: A4, repeated header,
page header and footer); the caller writes through a temporary file (clusterctl/atomic.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clusterctl import __version__
from clusterctl.i18n import Lang, Text, t
from clusterctl.lifecycle.model import FilingKind
from clusterctl.monitoring.model import (
    KIND_LABELS,
    NOT_SHOWN_BY_DATA,
    REPORT_LABELS,
    REREVIEW_LABELS,
    STATUS_LABELS,
    Assessment,
    ClusterStatus,
    Evidence,
    MonitorResult,
)
from clusterctl.monitoring.rules import REREVIEW_WARNING_DAYS

MARKER = "clusterctl-monitoring"
TITLE = t("中小企业特色产业集群监测结果", "SME cluster monitoring")
STATUS_FILL = {
    ClusterStatus.NORMAL: "C6EFCE",
    ClusterStatus.ATTENTION: "FFEB9C",
    ClusterStatus.REVOKE: "FFC7CE",
}
SHEETS = {
    "status": t("监测状态", "Status"),
    "reports": t("年度报告", "Annual reports"),
    "grounds": t("撤销情形", "Revocation grounds"),
    "concerns": t("需关注事项", "Concerns"),
    "plan": t("规划进展", "Plan progress"),
    "findings": t("报送问题", "Filing problems"),
    "run": t("运行信息", "Run information"),
}
H = {
    "rank": t("排名", "Rank"),
    "cluster": t("集群名称", "Cluster"),
    "operator": t("运营管理机构", "Operating body"),
    "uscc": t("统一社会信用代码", "Credit code"),
    "region": t("所属地区", "Region"),
    "batch": t("认定批次", "Batch"),
    "valid_to": t("有效期止", "Valid to"),
    "days": t("距到期天数", "Days to expiry"),
    "status": t("状态", "Status"),
    "grounds": t("撤销情形", "Grounds"),
    "report": t("应报年度报告", "Report due"),
    "rereview": t("复核", "Re-review"),
    "why": t("主要原因", "Main reasons"),
    "year": t("年度", "Year"),
    "deadline": t("截止日期", "Deadline"),
    "state": t("报送情况", "State"),
    "file": t("文件", "File"),
    "filed_on": t("填报日期", "Filed on"),
    "late": t("逾期天数", "Days late"),
    "ground": t("情形", "Ground"),
    "title": t("第十七条情形", "Article 17 ground"),
    "detail": t("情况", "Detail"),
    "sheet": t("工作表", "Sheet"),
    "cell": t("单元格", "Cell"),
    "kind": t("类型", "Kind"),
    "indicator": t("规划指标", "Plan indicator"),
    "unit": t("单位", "Unit"),
    "base": t("基准值", "Base"),
    "target": t("目标值", "Target"),
    "actual": t("实际值", "Actual"),
    "completion": t("完成度", "Completion"),
    "code": t("代码", "Code"),
    "severity": t("级别", "Severity"),
    "message": t("说明", "Message"),
    "item": t("项目", "Item"),
    "value": t("内容", "Value"),
}
CONCERN_LABELS = {
    "late": t("逾期报送", "late report"),
    "undated": t("未填填报日期", "undated report"),
    "rereview-due": t("应组织复核", "re-review due"),
    "plan-behind": t("规划目标未达进度", "plan target behind"),
    "criterion-not-met": t("不再满足认定条件", "criterion no longer met"),
    "twice": t("重复报送", "filed twice"),
    "filing-errors": t("报告有错误", "filing with errors"),
    "registry": t("名录问题", "register problem"),
    "no-deadline": t("无截止日期", "no deadline"),
}
RULE = t(
    "状态规则：发现第十七条任一撤销情形（一、三、四、五）为“建议撤销”；否则有任一需关注事项"
    f"（逾期报送、{REREVIEW_WARNING_DAYS} 天内到期应复核、规划目标未达进度、不再满足认定条件、"
    "重复报送、报告或名录有错误）为“需关注”；否则为“正常”。详见 docs/monitoring.md。",
    "The rule: any article 17 ground found (1, 3, 4, 5) is 'revocation advised'; else any "
    f"concern (a late report, expiry within {REREVIEW_WARNING_DAYS} days, a plan target "
    "behind, a criterion no longer met, a filing twice, errors in a filing or the register) "
    "is 'needs attention'; else 'normal'. See docs/monitoring.md.",
)


class _Book:
    def __init__(self, lang: Lang) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        from clusterctl.reports.sheet_layout import FONT_NAME, FONT_SIZE, HEADER_FILL, set_font

        self.lang = lang
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        set_font(self.wb)
        props = self.wb.properties
        props.creator = f"clusterctl {__version__}"
        props.keywords = MARKER
        props.title = TITLE.get(lang)
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.fills = {s: PatternFill("solid", fgColor=c) for s, c in STATUS_FILL.items()}

    def text(self, value: Text) -> str:
        return value.get(self.lang)

    def sheet(
        self,
        key: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Any]],
        most: Sequence[float] | None = None,
        fills: Sequence[ClusterStatus | None] | None = None,
        fill_col: int | None = None,
    ) -> Any:
        from clusterctl.reports.safe_cell import force_text
        from clusterctl.reports.sheet_layout import (
            MIN_SCALE,
            Page,
            autofilter,
            column_widths,
            fit_scale,
            row_height,
            setup,
        )

        ws = self.wb.create_sheet(self.text(SHEETS[key]))
        widths = column_widths(headers, rows, most)
        for col, header in enumerate(headers, 1):
            cell = ws.cell(1, col)
            force_text(cell, header)
            cell.font, cell.fill, cell.alignment = self.bold, self.header_fill, self.wrap
        ws.row_dimensions[1].height = row_height(headers, widths)
        for r, values in enumerate(rows, 2):
            for col, value in enumerate(values, 1):
                cell = ws.cell(r, col)
                if isinstance(value, str):
                    force_text(cell, value)
                elif value is not None:
                    cell.value = value
                cell.font, cell.alignment = self.font, self.wrap
            if fills and fill_col is not None and fills[r - 2] is not None:
                ws.cell(r, fill_col).fill = self.fills[fills[r - 2]]
            ws.row_dimensions[r].height = row_height(values, widths)
        title = f"{self.text(TITLE)} — {self.text(SHEETS[key])}"
        # one page across where that keeps the text at MIN_SCALE or above; a wider sheet
        # prints at 100 % on pages across, each repeating the cluster's column(s)
        fits = fit_scale(widths, Page(title)) >= MIN_SCALE
        keys = None if fits else ("A:B" if key == "status" else "A:A")
        page = Page(title, header_rows=1, fit_width=fits, key_cols=keys)
        setup(ws, widths, page, freeze="A2", lang=self.lang)
        autofilter(ws, len(headers), len(rows) + 1)
        return ws


def _ev(e: Evidence | None) -> list[Any]:
    return [e.file, e.sheet, e.cell] if e else [None, None, None]


def write_workbook(result: MonitorResult, path: str, lang: Lang) -> None:
    """The monitoring workbook of ``result`` at ``path`` (the caller makes it atomic)."""
    book = _Book(lang)
    _status(book, result)
    _reports(book, result)
    _grounds(book, result)
    _concerns(book, result)
    _plan(book, result)
    _findings(book, result)
    _run(book, result)
    book.wb.save(path)


def _why(a: Assessment, lang: Lang) -> str:
    lines = [f"({g.number}) {g.detail.get(lang)}" for g in a.grounds[:3]]
    lines += [c.detail.get(lang) for c in a.concerns[: max(0, 3 - len(lines))]]
    more = len(a.grounds) + len(a.concerns) - len(lines)
    if more > 0:
        lines.append(t(f"……另 {more} 项", f"… {more} more").get(lang))
    return "\n".join(lines)


def _status(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    keys = ("rank", "cluster", "operator", "uscc", "region", "batch", "valid_to", "days")
    keys += ("status", "grounds", "report", "rereview", "why")
    rows, fills = [], []
    for i, a in enumerate(result.assessments, 1):
        c = a.cluster
        last = a.reports[-1] if a.reports else None
        report = f"{last.year} {REPORT_LABELS[last.state].get(lang)}" if last else "—"
        rows.append(
            [
                i,
                c.name,
                c.operator_name,
                c.operator_uscc,
                c.region,
                c.batch,
                c.valid_to.isoformat() if c.valid_to else None,
                a.days_to_expiry,
                STATUS_LABELS[a.status].get(lang),
                "、".join(str(n) for n in sorted({g.number for g in a.grounds})) or None,
                report,
                REREVIEW_LABELS[a.rereview].get(lang),
                _why(a, lang),
            ]
        )
        fills.append(a.status)
    most = [6, 28, 24, 21, 10, 10, 12, 10, 12, 10, 16, 14, 56]
    headers = [book.text(H[k]) for k in keys]
    book.sheet("status", headers, rows, most, fills, fill_col=keys.index("status") + 1)


def _reports(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    keys = ("cluster", "year", "deadline", "state", "file", "filed_on", "late")
    rows = [
        [
            a.cluster.name,
            r.year,
            r.deadline.isoformat() if r.deadline.year < 9999 else None,
            REPORT_LABELS[r.state].get(lang),
            r.file,
            r.filed_on.isoformat() if r.filed_on else None,
            r.days_late,
        ]
        for a in result.assessments
        for r in a.reports
    ]
    book.sheet("reports", [book.text(H[k]) for k in keys], rows, [28, 8, 12, 12, 40, 12, 10])


def _grounds(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    keys = ("cluster", "ground", "title", "detail", "file", "sheet", "cell")
    rows = [
        [a.cluster.name, g.number, g.title.get(lang), g.detail.get(lang), *_ev(g.evidence)]
        for a in result.assessments
        for g in a.grounds
    ]
    for n, text in NOT_SHOWN_BY_DATA.items():
        rows.append([None, n, None, text.get(lang), None, None, None])
    most = [24, 6, 22, 40, 26, 12, 8]
    book.sheet("grounds", [book.text(H[k]) for k in keys], rows, most)


def _concerns(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    keys = ("cluster", "kind", "detail", "file", "sheet", "cell")
    rows = [
        [
            a.cluster.name,
            CONCERN_LABELS.get(c.key, Text(c.key, c.key)).get(lang),
            c.detail.get(lang),
            *_ev(c.evidence),
        ]
        for a in result.assessments
        for c in a.concerns
    ]
    book.sheet("concerns", [book.text(H[k]) for k in keys], rows, [26, 14, 50, 30, 14, 8])


def _plan(book: _Book, result: MonitorResult) -> None:
    from openpyxl.chart import BarChart, Reference

    from clusterctl.reports.xlsx_parts import axis_text

    lang = book.lang
    keys = ("cluster", "item", "completion", "kind", "year", "unit", "base", "target")
    keys += ("actual", "state", "file", "cell")
    rows = []
    # the latest annual reports' targets first (the chart's bars: one per cluster and target,
    # few enough for every label to show), then the re-reviews'; the ranking within each
    lines = [(a, p) for a in result.assessments for p in a.plan]
    lines.sort(key=lambda ap: ap[1].kind is not FilingKind.ANNUAL_REPORT)
    charted = sum(p.kind is FilingKind.ANNUAL_REPORT for _, p in lines) or len(lines)
    for a, p in lines:
        target = p.target
        completion = round(target.completion * 100, 1) if target.completion is not None else None
        rows.append(
            [
                a.cluster.name,
                f"{a.cluster.region or a.cluster.row}·{target.indicator}",
                completion,
                KIND_LABELS[p.kind].get(lang),
                p.year,
                target.unit,
                target.base,
                target.target,
                target.actual,
                target.state.label.get(lang),
                p.file,
                target.location.cell,
            ]
        )
    headers = [book.text(H[k]) for k in keys]
    headers[2] += " (%)"
    most = [20, 24, 10, 12, 6, 8, 10, 10, 10, 10, 22, 8]
    ws = book.sheet("plan", headers, rows, most)
    if rows:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t(
            "规划目标完成度（最近一期年度报告，%）", "Plan target completion (latest report, %)"
        ).get(lang)
        chart.x_axis.scaling.orientation = "maxMin"
        chart.x_axis.delete = False
        chart.x_axis.tickLblSkip = 1  # every target's label
        chart.x_axis.txPr = axis_text(800)
        chart.y_axis.delete = False
        chart.y_axis.scaling.min = 0
        chart.legend = None
        chart.height = max(7.5, min(15.5, 0.5 * charted))
        chart.width = 22
        chart.add_data(
            Reference(ws, min_col=3, min_row=1, max_row=charted + 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=charted + 1))
        ws.add_chart(chart, f"A{len(rows) + 3}")
        from openpyxl.worksheet.pagebreak import Break

        ws.row_breaks.append(Break(id=len(rows) + 2))


def _findings(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    keys = ("code", "severity", "message", "file", "sheet", "cell")
    labels = {
        "error": t("错误", "error"),
        "warning": t("警告", "warning"),
        "info": t("提示", "info"),
    }
    rows = [
        [
            f.code,
            labels[f.level.value].get(lang),
            f.message(lang),
            f.location.file,
            f.location.sheet,
            f.location.cell,
        ]
        for f in result.findings
    ]
    book.sheet("findings", [book.text(H[k]) for k in keys], rows, [8, 8, 60, 36, 14, 8])


def _run(book: _Book, result: MonitorResult) -> None:
    lang = book.lang
    counts = result.counts()
    rows: list[list[Any]] = [
        [t("截至日期", "As of").get(lang), result.as_of.isoformat()],
        [t("认定名录", "Register").get(lang), result.registry],
        [t("名录中的集群", "Registered clusters").get(lang), len(result.assessments)],
        [t("读取的文件", "Files read").get(lang), len(result.files)],
        *([STATUS_LABELS[s].get(lang), counts[s]] for s in ClusterStatus),
        [t("状态规则", "Status rule").get(lang), RULE.get(lang)],
        *(
            [t("无法判断", "Not shown by data").get(lang), x.get(lang)]
            for x in NOT_SHOWN_BY_DATA.values()
        ),
        [t("版本", "Version").get(lang), f"clusterctl {__version__}"],
    ]
    rows += [[str(k), str(v)] for k, v in result.options.items()]
    book.sheet("run", [book.text(H["item"]), book.text(H["value"])], rows, [18, 80])


def is_our_workbook(path: str) -> bool:
    """Is ``path`` a monitoring workbook clusterctl wrote (a new run may replace it)?"""
    from clusterctl.reports.xlsx_parts import has_marker

    return has_marker(path, MARKER)
