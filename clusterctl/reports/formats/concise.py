"""``concise``: one line per finding, ``file:Sheet!B7: error CODE message``.

Info findings only with ``--verbose``; with ``--quiet`` one verdict line per file instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clusterctl.reports.formats.base import Streaming, clean, number, shown_findings
from clusterctl.reports.formats.filing import verdict_value

if TYPE_CHECKING:
    from clusterctl.diagnostics import Finding
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext


def concise_line(report_path: str, finding: Finding, ctx: RenderContext) -> str:
    ref = finding.location.ref()
    where = f"{report_path}:{ref}" if ref else report_path
    message = clean(finding.message(ctx.lang))
    return f"{clean(where)}: {finding.level.value} {finding.code} {message}"


class ConciseFormat(Streaming):
    name = "concise"
    machine = False

    def render_one(self, report: FileReport, ctx: RenderContext) -> str:
        if ctx.quiet:
            score = "" if report.score is None else f" {number(round(report.score, 1))}"
            if report.filing is not None:  # a filing: its outcome, no application score
                score = ""
            return f"{clean(report.path)}: {verdict_value(report)}{score}\n"
        lines = (concise_line(report.path, f, ctx) for f in shown_findings(report, ctx))
        return "".join(line + "\n" for line in lines)


FORMATTER = ConciseFormat()
