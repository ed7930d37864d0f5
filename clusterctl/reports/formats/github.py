"""``github``: GitHub Actions workflow commands, one per finding.

``::error file=app.xlsx,line=7,col=2,title=V201 …::基本信息!B7: message``. Errors are ``::error``,
warnings ``::warning``, info ``::notice`` (info only with ``--verbose``). Escaping follows the
runner's rules: in the message ``%``, CR and LF; in properties also ``:`` and ``,``. The runner
reads UTF-8: a file name with undecodable bytes is shown as
:func:`~clusterctl.reports.safe_cell.readable` shows it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from clusterctl.diagnostics import Severity
from clusterctl.reports.formats.base import Streaming, finding_text, shown_findings
from clusterctl.reports.safe_cell import readable

if TYPE_CHECKING:
    from clusterctl.diagnostics import Finding
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return readable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str, cwd: str) -> str:
    absolute = os.path.abspath(os.path.join(cwd, path))
    rel = os.path.relpath(absolute, cwd)
    return (absolute if rel.startswith("..") else rel).replace(os.sep, "/")


def command(finding: Finding, report_path: str, ctx: RenderContext) -> str:
    loc = finding.location
    props = {"file": relative_path(loc.file or report_path, ctx.cwd)}
    if loc.row is not None:
        props["line"] = str(loc.row)
    if loc.col is not None:
        props["col"] = str(loc.col)
    props["title"] = f"{finding.code} {finding.type.title.get(ctx.lang)}"
    text = finding_text(finding, ctx.lang)
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{COMMANDS[finding.level]} {rendered}::{escape_data(text)}"


class GitHubFormat(Streaming):
    name = "github"
    machine = True

    def render_one(self, report: FileReport, ctx: RenderContext) -> str:
        return "".join(command(f, report.path, ctx) + "\n" for f in shown_findings(report, ctx))


FORMATTER = GitHubFormat()
