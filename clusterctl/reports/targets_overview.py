"""``clusterctl targets`` in the terminal: the province's progress against each target as a bar,
the clusters with their tiers, and the findings. Fits 80 columns; every character it draws has a
GBK encoding (█ · ─), and workbook text goes through :func:`~.formats.base.clean`."""

from __future__ import annotations

from typing import Any

from clusterctl.i18n import Lang, t
from clusterctl.reports.formats.base import clean, number
from clusterctl.reports.targets_data import (
    band_count,
    heading,
    percent,
    requirement,
    tier_label,
    tier_line,
    with_unit,
)
from clusterctl.targets.model import STATE_LABELS, ClusterReport, ProgressState, ProvinceProgress

BAR = 20
COLON = {"zh": "：", "en": ": "}
HINT = t("修改建议：", "How to fix: ")
INDENT = "     "
FIGURES = 30  # display cells of "value / goal" before the bar (more when one is longer)
WIDTH = 80  # a line of a target's figures fits in it
FULL, EMPTY = "█", "·"
STYLES = {
    ProgressState.REACHED: "green",
    ProgressState.IN_BAND: "green",
    ProgressState.NOT_YET: "yellow",
    ProgressState.BELOW_BAND: "yellow",
    ProgressState.ABOVE_BAND: "yellow",
    ProgressState.NO_DATA: "red",
    ProgressState.COUNTED: "",
}
H = {
    "target": t("目标", "Target"),
    "value": t("全省", "Province"),
    "goal": t("目标值", "Goal"),
    "progress": t("进度", "Progress"),
    "cluster": t("集群", "Cluster"),
    "scale": t("营业收入（亿元）", "Revenue (100M CNY)"),
    "tier": t("档位", "Tier"),
    "planned": t("规划档位", "Planned tier"),
    "findings": t("问题", "Findings"),
    "none": t("没有问题", "no findings"),
    "unplanned": t("—", "—"),
}


def bar(share: float | None, width: int = BAR) -> str:
    """``█████·········``: the share of the target reached (capped at the full width)."""
    if share is None:
        return " " * width
    filled = max(0, min(width, int(share * width)))  # full only when reached
    return FULL * filled + EMPTY * (width - filled)


def render_targets(
    province: ProvinceProgress, reports: list[ClusterReport], console: Any, lang: Lang
) -> None:
    """Write the overview to a rich ``console``."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text as RichText

    pack = province.pack
    console.print(RichText(f"{pack.title.get(lang)} ({pack.id})", style="bold"))
    console.print(heading(province, lang))
    console.print(tier_line(province, lang))
    console.print()
    figures_of = {
        p.target.code: f"{with_unit(p.value, p.target, lang)} / {requirement(p.target, lang)}"
        for p in province.progress
    }
    column = max([FIGURES, *(cell_len(f) + 1 for f in figures_of.values())])
    for p in province.progress:
        tg = p.target
        style = STYLES[p.state]
        console.print(RichText(f"{tg.code} {tg.title.get(lang)}", style="bold"))
        figures, state = figures_of[tg.code], STATE_LABELS[p.state].get(lang)
        # the bar, " 100%" and the state after it; a long line gives up padding first
        room = WIDTH - len(INDENT) - BAR - 7 - cell_len(state)
        line = RichText(INDENT + figures + " " * max(1, min(column, room) - cell_len(figures)))
        if p.share is not None:
            line.append(bar(p.share), style=style)
            gap = "  " if cell_len(line.plain) + 7 + cell_len(state) <= WIDTH else " "
            line.append(f" {percent(p.share):>4}{gap}")
        line.append(state, style=style)
        console.print(line)
        if p.in_band is not None:
            console.print(INDENT + band_count(p, lang))
    console.print()
    clusters = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    clusters.add_column(H["cluster"].get(lang), overflow="fold", ratio=1)
    clusters.add_column(H["scale"].get(lang), justify="right", no_wrap=True)
    clusters.add_column(H["tier"].get(lang), no_wrap=True)
    clusters.add_column(H["planned"].get(lang), no_wrap=True)
    for r in province.clusters:
        planned = tier_label(pack, r.planned_tier, lang) if r.planned_tier else "—"
        cells = (clean(r.name or r.path), number(r.scale), tier_label(pack, r.tier, lang), planned)
        clusters.add_row(*(RichText(c) for c in cells))
    console.print(clusters)
    _findings(reports, console, lang)


def _findings(reports: list[ClusterReport], console: Any, lang: Lang) -> None:
    from rich.markup import escape

    from clusterctl.diagnostics import Severity
    from clusterctl.diagnostics.order import sorted_findings

    shown = [
        (rep, f)
        for rep in reports
        for f in sorted_findings(rep.findings)
        if f.level is not Severity.INFO
    ]
    console.print()
    if not shown:
        console.print(f"{H['findings'].get(lang)}{COLON[lang]}{H['none'].get(lang)}")
        return
    console.print(f"{H['findings'].get(lang)}{COLON[lang]}")
    for rep, f in shown:
        level = {"error": t("错误", "error"), "warning": t("警告", "warning")}[f.level.value]
        ref = f.location.ref()
        where = clean(rep.path) + (f" {clean(ref)}" if ref else "")
        console.print(escape(f"{level.get(lang)} {f.code} {where}: {clean(f.message(lang))}"))
        hint = f.hint(lang)
        if hint:
            console.print(escape(f"{INDENT}{HINT.get(lang)}{clean(hint)}"), style="dim")
