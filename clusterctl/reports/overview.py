"""The terminal overview printed at the end of ``clusterctl screen``: counts per verdict, the top
of the ranking, the criteria most often failed and the checks across the batch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterctl.evaluation.model import Verdict
from clusterctl.i18n import Count, Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult

TOP = 10

L = {
    "title": t("批量筛查：{files}", "Batch screening: {files}"),
    "counts": t("结论", "Verdicts"),
    "top": t("排名前 {n} 位", "Top {n} of the ranking"),
    "failed": t("最常未达标的条件", "Criteria most often not met"),
    "batch": t("批次检查", "Checks across the batch"),
    "skipped": t("跳过 {files}非申报文件（见标准错误输出）", "{files} skipped (see stderr)"),
    "summary": t("汇总表已写入：{path}", "Summary written to: {path}"),
    "rank": t("排名", "Rank"),
    "file": t("文件", "File"),
    "cluster": t("集群", "Cluster"),
    "verdict": t("结论", "Verdict"),
    "score": t("得分", "Score"),
    "criterion": t("条件", "Criterion"),
    "count": t("未达标文件数", "Files not meeting it"),
    "no_output": t(
        "未写入 Excel 汇总表：加 -o 汇总表.xlsx 保存",
        "no Excel summary written: add -o summary.xlsx to save one",
    ),
}
FILES = Count("{n} 个文件", "{n} file", "{n} files")
SKIPPED = Count("{n} 个", "{n} file", "{n} files")

VERDICT_STYLES = {
    Verdict.ELIGIBLE: "green",
    Verdict.INCOMPLETE: "yellow",
    Verdict.INELIGIBLE: "red",
    Verdict.UNREADABLE: "bright_black",
}


def render_overview(result: BatchResult, console: Any, summary_path: str | None = None) -> None:
    """Print the overview of ``result`` on a rich ``Console``."""
    from rich.markup import escape
    from rich.table import Table

    from clusterctl.batch.result import most_failed, verdict_counts
    from clusterctl.diagnostics import get_type
    from clusterctl.reports.formats.base import clean
    from clusterctl.reports.wrap import Wrapped

    lang: Lang = result.lang
    rows = result.rows
    console.print(f"[bold]{L['title'].format(lang, files=FILES.format(lang, len(rows)))}[/bold]")

    counts = verdict_counts(rows)
    parts = [
        f"[{VERDICT_STYLES[v]}]{v.label.get(lang)} {counts[v]}[/{VERDICT_STYLES[v]}]"
        for v in Verdict
    ]
    console.print(f"{L['counts'].get(lang)}: " + "  ".join(parts))

    if rows:
        top = Table(title=L["top"].format(lang, n=min(TOP, len(rows))), title_justify="left")
        for key in ("rank", "file", "cluster", "verdict", "score"):
            top.add_column(L[key].get(lang))
        for row in rows[:TOP]:
            style = VERDICT_STYLES[row.verdict]
            top.add_row(
                str(row.rank),
                Wrapped(clean(row.name)),
                Wrapped(clean(row.facts.get("cluster_name", "—"))),
                f"[{style}]{row.verdict.label.get(lang)}[/{style}]",
                "—" if row.score is None else f"{row.score:.1f}",
            )
        console.print(top)

    failed = most_failed(rows)
    if failed:
        titles = {c.code: c.title.get(lang) for c in result.pack.criteria} if result.pack else {}
        table = Table(title=L["failed"].get(lang), title_justify="left")
        table.add_column(L["criterion"].get(lang))
        table.add_column(L["count"].get(lang), justify="right")
        for code, n in failed:
            table.add_row(Wrapped(f"{code} {titles.get(code, '')}".strip()), str(n))
        console.print(table)

    if result.batch_findings:
        console.print(f"[bold]{L['batch'].get(lang)}[/bold]")
        for code, n in sorted(result.batch_findings.items()):
            title = get_type(code).title.get(lang)
            console.print(f"  {code} {escape(title)}: {FILES.format(lang, n)}")

    if result.skipped:
        console.print(L["skipped"].format(lang, files=SKIPPED.format(lang, len(result.skipped))))
    if summary_path:
        console.print(escape(L["summary"].format(lang, path=clean(summary_path))))
    else:
        console.print(L["no_output"].get(lang))
