"""The summary's 统计 and 运行信息 sheets (:mod:`clusterctl.reports.summary_xlsx` writes the
others and calls these with its :class:`~clusterctl.reports.summary_context.Context`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clusterctl import __version__
from clusterctl.batch.result import rows_by_index
from clusterctl.evaluation.model import Status
from clusterctl.i18n import t
from clusterctl.reports.labels import local_time, option_name, option_value, pack_short
from clusterctl.reports.sheet_layout import frame_records, frame_widths, row_height
from clusterctl.reports.summary_frames import pass_rate_frame, score_bins_frame
from clusterctl.reports.xlsx_parts import axis_text

if TYPE_CHECKING:
    from clusterctl.reports.summary_context import Context

# strong colours for the charts (the matrix's fills are too pale on paper)
CHART_COLOURS = {
    Status.MET: "70AD47",
    Status.NOT_MET: "C00000",
    Status.WARNING: "FFC000",
    Status.MISSING: "ED7D31",
    Status.REVIEW: "5B9BD5",
}

L = {
    "status_chart": t("各条件评估结果（%）", "Results by criterion (%)"),
    "score_chart": t("得分分布", "Score distribution"),
    "mean_score": t("平均得分", "Mean score"),
    "mean_provisional": t("其中待专家确认（平均分）", "Of which awaiting review (mean points)"),
    "with_provisional": t("得分含待评审项的申报数", "Applications whose score awaits review"),
    "key": t("项目", "Item"),
    "value": t("内容", "Value"),
    "tool": t("工具版本", "Tool version"),
    "pack": t("认定标准", "Criteria pack"),
    "pack_source": t("标准出处", "Source"),
    "quota": t("推荐名额", "Quota"),
    "quota_district": t("每区（县）最多 {n} 个", "at most {n} per district"),
    "quota_province": t("每省最多 {n} 个", "at most {n} per province"),
    "quota_given": t("{n} 个（--quota 指定）", "{n} (set with --quota)"),
    "pack_files": t("按此标准评估的文件数", "Files evaluated on it"),
    "started": t("开始时间", "Started"),
    "finished": t("结束时间", "Finished"),
    "files": t("申报文件数", "Files screened"),
    "skipped_n": t("跳过的文件数", "Files skipped"),
    "inputs": t("输入文件", "Inputs"),
    "skipped": t("跳过的文件", "Skipped files"),
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


def stats_sheet(wb: Any, ctx: Context, codes: Sequence[str]) -> None:
    """统计: per criterion the count of each status, the pass rate of the files decided and the
    share awaiting review (columns A…), and below them the mean score and how much of it awaits
    review; two columns to their right the score distribution; below the tables a stacked chart
    of the statuses (review its own colour, never an empty bar) and a histogram of the scores."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.utils import get_column_letter

    result, lang = ctx.result, ctx.lang
    rates = pass_rate_frame(result.rows, codes, result.pack, lang)
    bins = score_bins_frame(result.rows, lang)
    ws = wb.create_sheet(ctx.name("stats"))
    n_rate_cols = len(rates.columns)
    bin_col = n_rate_cols + 2  # 1-based column of the score table
    rate_widths = frame_widths(rates, most=24)
    widths = [*rate_widths, 3.0, *frame_widths(bins, most=14)]
    heads = [*map(str, rates.columns), None, *map(str, bins.columns)]
    sheet = ctx.sheet(ws, widths, heads, ctx.page("stats"), freeze="C2")
    rate_rows = list(frame_records(rates))
    bin_rows = list(frame_records(bins))
    pairs = [(r.score, r.provisional or 0.0) for r in result.rows if r.score is not None]
    provisional = [points for _, points in pairs]
    extra = [  # below the pass rates: label under 名称, value under 参评数
        [None, L["mean_score"].get(lang), _mean([score for score, _ in pairs])],
        [None, L["mean_provisional"].get(lang), _mean(provisional)],
        [None, L["with_provisional"].get(lang), sum(1 for p in provisional if p > 0)],
    ]
    left_rows = [*rate_rows, [], *extra]
    for i in range(max(len(left_rows), len(bin_rows))):
        left = left_rows[i] if i < len(left_rows) else []
        left = [*left, *[None] * (n_rate_cols - len(left))]
        right = bin_rows[i] if i < len(bin_rows) else []
        values = [*left, None, *right]
        sheet.append(values, "body", height=row_height(values, widths))
    sheet.close()
    n_rates, n_bins = len(rates), len(bins)
    ws.auto_filter.ref = f"A1:{get_column_letter(n_rate_cols)}{n_rates + 1}"
    # the charts go below the tables, each from the top of a page of its own (a chart is never
    # split across pages), so the statuses' chart can be a page tall
    below = len(left_rows) + 3
    anchor = f"A{below}"

    if n_rates:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "percentStacked"
        chart.overlap = 100
        chart.gapWidth = 40
        chart.title = L["status_chart"].get(lang)
        chart.x_axis.scaling.orientation = "maxMin"  # first criterion on top
        chart.x_axis.tickLblSkip = 1  # every criterion's code, small enough to show them all
        chart.x_axis.txPr = axis_text(700 if n_rates > 30 else 900)
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.height = max(7.5, min(15.5, 0.34 * n_rates))  # a landscape page at most
        chart.width = 24
        first_status = 4  # code, name, evaluated, then the statuses in Status order
        for offset, status in enumerate(Status):
            if status not in CHART_COLOURS:
                continue
            col = first_status + offset
            data = Reference(ws, min_col=col, min_row=1, max_row=n_rates + 1)
            chart.add_data(data, titles_from_data=True)
            series = chart.series[-1]
            series.graphicalProperties = GraphicalProperties(solidFill=CHART_COLOURS[status])
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n_rates + 1))
        chart.legend.position = "b"
        ws.add_chart(chart, anchor)

    hist = BarChart()
    hist.type = "col"
    hist.gapWidth = 10
    hist.title = L["score_chart"].get(lang)
    hist.legend = None
    hist.width = 16
    hist.add_data(
        Reference(ws, min_col=bin_col + 1, min_row=1, max_row=n_bins + 1), titles_from_data=True
    )
    hist.set_categories(Reference(ws, min_col=bin_col, min_row=2, max_row=n_bins + 1))
    rows_down = int(chart.height / 0.58) + 1 if n_rates else 0  # rows of 16.5 pt
    ws.add_chart(hist, f"A{below + rows_down}")
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=below - 1))
    if n_rates:
        ws.row_breaks.append(Break(id=below + rows_down - 1))


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _pack_name(ctx: Context, selector: str) -> str:
    from clusterctl.criteria.loader import find_pack

    pack = find_pack(selector)
    return pack_short(pack, ctx.lang) if pack is not None else selector


def _quota_text(ctx: Context, pack: Any) -> str | None:
    lang = ctx.lang
    given = ctx.result.options.get("quota")
    if isinstance(given, int) and not isinstance(given, bool):
        return L["quota_given"].format(lang, n=given)
    from clusterctl.criteria.calls import get_call

    call = get_call(getattr(pack, "call", None))
    if call is not None:  # the call the pack names: its jurisdictions and quotas (calls.toml)
        where = f"（{call.title.zh}）" if lang == "zh" else f" ({call.title.en})"
        return call.quota_text().get(lang) + where
    if pack.quota is None:
        return None
    key = "quota_district" if pack.province_code else "quota_province"
    text = L[key].format(lang, n=pack.quota)
    return f"{text}（{pack.quota_note}）" if pack.quota_note and lang == "zh" else text


def run_sheet(wb: Any, ctx: Context) -> None:
    """运行信息: the tool, every pack used (with its source, quota and file count), times in
    local time, the options in words, then every input (SHA-256, size) and every skip."""
    result, lang = ctx.result, ctx.lang
    ws = wb.create_sheet(ctx.name("run"))
    widths = [20.0, 50.0, 68.0, 12.0, 10.0, 9.0]
    head = [L["key"].get(lang), L["value"].get(lang)]
    sheet = ctx.sheet(ws, widths, head, ctx.page("run", fit_width=False, key_cols="A:B"))
    uses = Counter(r.pack_id for r in result.rows)
    pairs: list[tuple[str, Any]] = [(L["tool"].get(lang), f"clusterctl {__version__}")]
    for pack in ctx.packs:
        name = f"{ctx.pack_names[pack.id]}（{pack.id}）：{pack.title.get(lang)}"
        if lang == "en":
            name = f"{ctx.pack_names[pack.id]} ({pack.id}): {pack.title.get(lang)}"
        pairs += [
            (L["pack"].get(lang), name),
            (L["pack_source"].get(lang), pack.source),
            (L["quota"].get(lang), _quota_text(ctx, pack)),
            (L["pack_files"].get(lang), uses.get(pack.id, 0)),
        ]
    pairs += [
        (L["started"].get(lang), local_time(result.started, lang)),
        (L["finished"].get(lang), local_time(result.finished, lang)),
    ]
    for key, value in result.options.items():
        shown = option_value(key, value, lang)
        if key == "criteria":  # "(beijing)": the default pack, by its name
            shown = shown.replace(str(value)[1:-1], _pack_name(ctx, str(value)[1:-1]))
        pairs.append((option_name(key, lang), shown))
    pairs += [
        (L["files"].get(lang), len(result.rows)),
        (L["skipped_n"].get(lang), len(result.skipped)),
        (L["ranking_rule"].get(lang), L["ranking_text"].get(lang)),
    ]
    for key, value in pairs:
        sheet.append([key, value], ["bold", "body"], height=row_height([key, value], widths))
    sheet.append([])
    sheet.append([L["inputs"].get(lang)], "bold")
    cols = [L[c].get(lang) for c in ("index", "inputs", "sha256", "size", "verdict", "seconds")]
    sheet.append(cols, "header", height=row_height(cols, widths))
    for row in rows_by_index(result.rows):
        seconds = None if row.seconds is None else round(row.seconds, 3)
        values = [row.index + 1, row.path, row.sha256, row.size, row.verdict.label.get(lang)]
        values.append(seconds)
        sheet.append(values, "body", height=row_height(values, widths))
    if result.skipped:
        sheet.append([])
        sheet.append([L["skipped"].get(lang)], "bold")
        for skipped in result.skipped:
            values = [None, skipped.path, skipped.message(lang)]
            sheet.append(values, "body", height=row_height(values, widths))
    sheet.close()
