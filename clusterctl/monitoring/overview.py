"""The terminal overview of ``clusterctl monitor``: counts per status, the ranked clusters, the
revocation grounds with their evidence and the run's findings. Colour from rich; every piece of
workbook text through ``clean`` (no escape sequence reaches the terminal); GBK-safe (the CLI's
stdout degrades what the console cannot encode)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from clusterctl.i18n import Count, Lang, t
from clusterctl.monitoring.model import (
    NOT_SHOWN_BY_DATA,
    REPORT_LABELS,
    REREVIEW_LABELS,
    STATUS_LABELS,
    ClusterStatus,
    MonitorResult,
)

MAX_GROUNDS = 30

L = {
    "title": t(
        "集群监测：{clusters}，截至 {as_of}（名录 {registry}）",
        "Cluster monitoring: {clusters} as of {as_of} (register {registry})",
    ),
    "counts": t("状态", "Status"),
    "rank": t("序", "#"),
    "cluster": t("集群", "Cluster"),
    "status": t("状态", "Status"),
    "report": t("年度报告", "Annual report"),
    "rereview": t("复核", "Re-review"),
    "grounds": t("撤销情形", "Grounds"),
    "grounds_title": t("发现的撤销情形（第十七条）", "Revocation grounds found (article 17)"),
    "more": t("……另有 {n} 条，见 Excel 或 JSON", "… {n} more: see the workbook or the JSON"),
    "findings": t("运行中的问题", "Findings of the run"),
    "written": t("监测结果已写入：{path}", "Monitoring workbook written to: {path}"),
    "no_output": t(
        "未写入 Excel：加 -o 监测结果.xlsx 保存",
        "no workbook written: add -o monitoring.xlsx to save one",
    ),
}
COLON = t("：", ": ")
LIST_SEP = t("、", ", ")
CLUSTERS = Count("{n} 个集群", "{n} cluster", "{n} clusters")
STYLES = {
    ClusterStatus.NORMAL: "green",
    ClusterStatus.ATTENTION: "yellow",
    ClusterStatus.REVOKE: "red",
}


def render_overview(result: MonitorResult, console: Any, lang: Lang, path: str | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from clusterctl.diagnostics import get_type
    from clusterctl.reports.formats.base import clean
    from clusterctl.reports.wrap import Wrapped

    n = len(result.assessments)
    title = L["title"].format(
        lang,
        clusters=CLUSTERS.format(lang, n),
        as_of=result.as_of.isoformat(),
        registry=clean(result.registry),
    )
    console.print(f"[bold]{escape(title)}[/bold]")
    counts = result.counts()
    parts = [
        f"[{STYLES[s]}]{STATUS_LABELS[s].get(lang)} {counts[s]}[/{STYLES[s]}]"
        for s in (ClusterStatus.REVOKE, ClusterStatus.ATTENTION, ClusterStatus.NORMAL)
    ]
    colon = COLON.get(lang)
    console.print(f"{L['counts'].get(lang)}{colon}" + "  ".join(parts))
    if result.assessments:
        table = Table()
        for key in ("rank", "cluster", "status", "report", "rereview", "grounds"):
            table.add_column(L[key].get(lang), justify="right" if key == "rank" else "left")
        for i, a in enumerate(result.assessments, 1):
            style = STYLES[a.status]
            last = a.reports[-1] if a.reports else None
            report = f"{last.year} {REPORT_LABELS[last.state].get(lang)}" if last else "—"
            numbers = sorted({g.number for g in a.grounds})
            table.add_row(
                str(i),
                Wrapped(clean(a.cluster.name or "—")),
                f"[{style}]{STATUS_LABELS[a.status].get(lang)}[/{style}]",
                Wrapped(report),
                Wrapped(REREVIEW_LABELS[a.rereview].get(lang)),
                LIST_SEP.get(lang).join(str(x) for x in numbers) or "—",
            )
        console.print(table)
    grounds = [(a, g) for a in result.assessments for g in a.grounds]
    if grounds:
        console.print(f"[bold]{L['grounds_title'].get(lang)}[/bold]")
        for a, g in grounds[:MAX_GROUNDS]:
            line = f"({g.number}) {a.cluster.name or '—'}{colon}{g.detail.get(lang)}"
            console.print(Wrapped(clean(line)))
            # the evidence on a line of its own, so a file name or Sheet!Cell is not cut
            console.print(Wrapped((clean(f"    [{g.evidence.ref()}]"), "bright_black")))
        if len(grounds) > MAX_GROUNDS:
            console.print(L["more"].format(lang, n=len(grounds) - MAX_GROUNDS))
    for text in NOT_SHOWN_BY_DATA.values():
        console.print(Wrapped(("  " + text.get(lang), "bright_black")))
    if result.findings:
        console.print(f"[bold]{L['findings'].get(lang)}[/bold]")
        for code, count in sorted(Counter(f.code for f in result.findings).items()):
            console.print(f"  {code} {escape(get_type(code).title.get(lang))}{colon}{count}")
    if path:
        console.print(escape(L["written"].format(lang, path=clean(path))))
    else:
        console.print(L["no_output"].get(lang))
