"""``human``: the coloured terminal report (rich), one block per workbook.

Header (cluster, region, edition, verdict, score), the nine dimensions with each criterion's value
against its threshold and status, then the findings with cell references and fix hints. Info
findings (how a value was normalised) are only counted unless ``--verbose``. Thresholds not
confirmed from the official text are marked ``*``. Workbook text never reaches rich as markup.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Severity
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.i18n import Count, t, unit_label
from clusterctl.reports.formats.base import (
    Streaming,
    clean,
    number,
    requirement,
    shown_findings,
    with_unit,
)
from clusterctl.reports.formats.filing import (
    kind_row,
    one_year_note,
    plan_lines,
    verdict_label,
    verdict_style,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from clusterctl.criteria.model import Pack
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext

STATUS_MARKS = {
    Status.MET: ("✓", "green"),
    Status.NOT_MET: ("✗", "bold red"),
    Status.WARNING: ("!", "yellow"),
    Status.MISSING: ("?", "magenta"),
    Status.REVIEW: ("~", "cyan"),
    Status.NOT_APPLICABLE: ("-", "dim"),
}
VERDICT_STYLES = {
    Verdict.ELIGIBLE: "bold green",
    Verdict.INELIGIBLE: "bold red",
    Verdict.INCOMPLETE: "bold yellow",
    Verdict.UNREADABLE: "bold red",
}
SEVERITY_STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}

L_CLUSTER = t("集群", "Cluster")
L_REGION = t("地区", "Region")
L_EDITION = t("标准", "Criteria")
L_VERDICT = t("结论", "Verdict")
L_SCORE = t("得分", "Score")
L_POINTS = t("分", "pts")
L_NEED = t("要求", "need")
L_OFF = t("已按配置关闭", "off (config)")
L_OTHER = t("其他", "Other")
L_FINDINGS = t("问题：{errors}，{warnings}", "Findings: {errors}, {warnings}")
ERRORS = Count("{n} 个错误", "{n} error", "{n} errors")
WARNINGS = Count("{n} 个警告", "{n} warning", "{n} warnings")
FILES = Count("{n} 个文件", "{n} file", "{n} files")
NOTES = Count(
    "{n} 条数值识别提示", "{n} note on how a value was read", "{n} notes on how values were read"
)
L_NO_FINDINGS = t("未发现问题", "No findings")
L_INFO_HIDDEN = t("（另有 {notes}，加 --verbose 查看）", " ({notes}: see --verbose)")
L_HINT = t("修改建议：", "Fix: ")
L_UNCONFIRMED = t(
    "* 阈值未经官方文本确认，仅供参考。", "* Threshold not confirmed from the official text."
)
L_IGNORED = t(
    "按配置关闭的条件不计入结论：{codes}", "Turned off by configuration, not counted: {codes}"
)
L_TOTAL = t("共 {files}：{parts}；{errors}，{warnings}", "{files}: {parts}; {errors}, {warnings}")


class HumanFormat(Streaming):
    name = "human"
    machine = False

    def render_one(self, report: FileReport, ctx: RenderContext) -> str:
        console, buffer = _console(ctx)
        if ctx.quiet:
            console.print(verdict_line(report, ctx))
        else:
            for part in file_block(report, ctx):
                console.print(part)
            console.print()
        return _text(buffer, ctx)

    def render_end(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        if len(reports) < 2 or ctx.quiet:
            return ""
        console, buffer = _console(ctx)
        console.print(totals_line(reports, ctx))
        return _text(buffer, ctx)


def _console(ctx: RenderContext) -> tuple[Console, io.StringIO]:
    from rich.console import Console

    buffer = io.StringIO()
    color = ctx.color
    console = Console(
        file=buffer,
        width=ctx.width or 80,
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    return console, buffer


def _text(buffer: io.StringIO, ctx: RenderContext) -> str:
    """The console's output; plain output loses the padding rich adds at line ends."""
    text = buffer.getvalue()
    if ctx.color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def verdict_line(report: FileReport, ctx: RenderContext):
    from rich.text import Text as RText

    line = RText()
    line.append(clean(report.path), style="bold")
    line.append(": ")
    line.append(verdict_label(report).get(ctx.lang), style=verdict_style(report, VERDICT_STYLES))
    if report.score is not None and report.filing is None:
        line.append(f"  {L_SCORE.get(ctx.lang)} {number(round(report.score, 1))}")
    return line


def file_block(report: FileReport, ctx: RenderContext) -> list[RenderableType]:
    from rich.rule import Rule

    pack = ctx.pack_for(report)
    parts: list[RenderableType] = [
        Rule(clean(report.path), align="left", style="bold"),
        _header(report, pack, ctx),
    ]
    if report.evaluation is not None:
        parts.append("")
        parts.append(_criteria(report, pack, ctx))
        notes = _notes(report, ctx)
        if notes:
            parts.append(notes)
    parts.append("")
    parts.append(_findings(report, ctx))
    return parts


def _header(report: FileReport, pack: Pack | None, ctx: RenderContext):
    from rich.table import Table
    from rich.text import Text as RText

    lang = ctx.lang
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column()
    summary = report.summary or {}
    name = summary.get("cluster_name") or summary.get("name")
    if name:
        grid.add_row(L_CLUSTER.get(lang), RText(clean(name)))
    region = _region(summary)
    if region:
        grid.add_row(L_REGION.get(lang), RText(clean(region)))
    pack_id = report.pack_id or (report.evaluation.pack_id if report.evaluation else None)
    if pack_id:
        edition = pack_id if pack is None else f"{pack.title.get(lang)} ({pack_id})"
        grid.add_row(L_EDITION.get(lang), RText(clean(edition)))
    if (kind := kind_row(report, lang)) is not None:  # a filing: its kind and year
        grid.add_row(kind[0], RText(clean(kind[1])))
    verdict = RText(verdict_label(report).get(lang), style=verdict_style(report, VERDICT_STYLES))
    if report.score is not None and report.filing is None:
        verdict.append(f"    {L_SCORE.get(lang)} {number(round(report.score, 1))}/100")
    grid.add_row(L_VERDICT.get(lang), verdict)
    return grid


def _region(summary: dict) -> str:
    parts: list[str] = []
    for key in ("province", "city", "district"):
        value = str(summary.get(key) or "")
        if value and value not in parts:  # 北京市 is both province and city
            parts.append(value)
    text = "".join(parts)
    if not text:
        text = str(summary.get("region") or "")
    code = summary.get("division_code")
    return f"{text} ({code})" if text and code else text


def _criteria(report: FileReport, pack: Pack | None, ctx: RenderContext):
    from rich.cells import cell_len
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RText

    lang = ctx.lang
    evaluation = report.evaluation
    assert evaluation is not None
    ignored = set(evaluation.ignored)
    sections = {s.key: s for s in pack.sections} if pack is not None else {}
    groups: dict[str, list] = {key: [] for key in sections}
    groups["other"] = []
    shown = [r for r in evaluation.results if r.detail.get("annual_report") != "not_decidable"]
    for result in shown:
        dimension = _dimension_of(pack, result.code)
        groups[dimension if dimension in groups else "other"].append(result)
    scores = {d.dimension: d for d in evaluation.dimensions}
    rows = {r.code: _criterion_row(r, pack, ignored, lang) for r in evaluation.results}
    widths = [
        max((cell_len(_plain_of(row[i])) for row in rows.values()), default=1) for i in range(6)
    ]

    parts = []
    for key, results in groups.items():
        if not results:
            continue
        heading = RText(
            sections[key].title.get(lang) if key != "other" else L_OTHER.get(lang), style="bold"
        )
        score = scores.get(key)
        if score is not None and score.possible:
            heading.append(
                f"  {number(round(score.points, 1))}/{number(score.possible)} {L_POINTS.get(lang)}",
                style="dim",
            )
        parts.append(heading)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1, no_wrap=True)  # mark
        table.add_column(min_width=widths[1], no_wrap=True)  # code
        # title: one line per criterion; cut with … when the terminal is narrow (`rule CODE`)
        table.add_column(min_width=min(widths[2], 24), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(min_width=widths[3], justify="right", no_wrap=True)  # value
        table.add_column(min_width=widths[4], no_wrap=True)  # requirement
        table.add_column(min_width=widths[5], no_wrap=True)  # status
        for r in results:
            table.add_row(*rows[r.code])
        parts.append(table)
    if len(shown) < len(evaluation.results):  # an annual report: one year decides only some
        parts.append(RText(one_year_note(len(evaluation.results) - len(shown), lang), style="dim"))
    parts.extend(RText(clean(line)) for line in plan_lines(report, lang))  # a filing's plan
    return Group(*parts)


def _criterion_row(result, pack: Pack | None, ignored: set[str], lang) -> tuple:
    from rich.text import Text as RText

    mark, style = STATUS_MARKS.get(result.status, ("?", ""))
    status = RText(result.status.label.get(lang), style=style)
    if result.code in ignored:
        mark, style = "-", "dim"
        status = RText(L_OFF.get(lang), style="dim")
    need = requirement(replace(result, unit=unit_label(result.unit, lang, result.threshold)))
    if need:
        need = f"{L_NEED.get(lang)} {need}{'*' if result.unconfirmed else ''}"
    return (
        RText(mark, style=style),
        RText(result.code),
        RText(clean(_criterion_title(pack, result.code, lang))),
        RText(_value(result, lang)),
        RText(need, style="dim"),
        status,
    )


def _plain_of(cell) -> str:
    return cell.plain if hasattr(cell, "plain") else str(cell)


def _dimension_of(pack: Pack | None, code: str) -> str:
    if pack is None:
        return "other"
    try:
        return pack.criterion(code).dimension.value
    except KeyError:
        return "other"


def _criterion_title(pack: Pack | None, code: str, lang) -> str:
    if pack is None:
        return ""
    try:
        return pack.criterion(code).title.get(lang)
    except KeyError:
        return ""


def _value(result, lang) -> str:
    if result.value is None:
        count = result.detail.get("count") if isinstance(result.detail, dict) else None
        return number(count) if isinstance(count, (int, float)) else ""
    return with_unit(result.value, unit_label(result.unit, lang, result.value))


def _notes(report: FileReport, ctx: RenderContext):
    from rich.text import Text as RText

    evaluation = report.evaluation
    assert evaluation is not None
    lines = []
    if any(r.unconfirmed for r in evaluation.results):
        lines.append(L_UNCONFIRMED.get(ctx.lang))
    if evaluation.ignored:
        lines.append(L_IGNORED.format(ctx.lang, codes=", ".join(evaluation.ignored)))
    return RText("\n".join(lines), style="dim") if lines else None


def _findings(report: FileReport, ctx: RenderContext):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RText

    from clusterctl.reports.wrap import Wrapped

    lang = ctx.lang
    shown = shown_findings(report, ctx)
    hidden = 0 if ctx.verbose else report.count(Severity.INFO)
    heading = RText(
        L_FINDINGS.format(
            lang,
            errors=ERRORS.format(lang, report.errors),
            warnings=WARNINGS.format(lang, report.warnings),
        )
        if report.errors or report.warnings
        else L_NO_FINDINGS.get(lang),
        style="bold",
    )
    if hidden:
        heading.append(L_INFO_HIDDEN.format(lang, notes=NOTES.format(lang, hidden)), style="dim")
    if not shown:
        return heading
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)  # severity
    table.add_column(no_wrap=True)  # code
    table.add_column(no_wrap=True, max_width=24, overflow="fold")  # Sheet!B7
    table.add_column(ratio=1)  # message, hint: broken by reports/wrap.py
    for f in shown:
        hint = f.hint(lang)
        parts: list[tuple[str, str]] = [(clean(f.message(lang)), "")]
        if hint:
            parts.append((L_HINT.get(lang) + clean(hint), "dim"))
        body = Wrapped(*parts)
        table.add_row(
            RText(f.level.label.get(lang), style=SEVERITY_STYLES[f.level]),
            f.code,
            RText(clean(f.location.ref()), style="bold"),
            body,
        )
    return Group(heading, table)


def totals_line(reports: Sequence[FileReport], ctx: RenderContext):
    from rich.text import Text as RText

    lang = ctx.lang
    counts: dict[str, int] = {}  # by the verdict line's words (a filing's outcome is its own)
    for r in reports:
        label = verdict_label(r).get(lang)
        counts[label] = counts.get(label, 0) + 1
    sep = "，" if lang == "zh" else ", "
    parts = sep.join(f"{n} {label}" for label, n in counts.items())
    return RText(
        L_TOTAL.format(
            lang,
            files=FILES.format(lang, len(reports)),
            parts=parts,
            errors=ERRORS.format(lang, sum(r.errors for r in reports)),
            warnings=WARNINGS.format(lang, sum(r.warnings for r in reports)),
        ),
        style="bold",
    )


FORMATTER = HumanFormat()
