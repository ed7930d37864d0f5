"""``json-lines``: one JSON object per file, written as each file finishes.

Each line is the schema's ``file`` object plus ``schema_version`` (see ``json_format``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clusterctl.reports.formats.base import Streaming, json_text
from clusterctl.reports.formats.json_format import SCHEMA_VERSION, file_dict, finite

if TYPE_CHECKING:
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext


class JsonLinesFormat(Streaming):
    name = "json-lines"
    machine = True

    def render_one(self, report: FileReport, ctx: RenderContext) -> str:
        line = {"schema_version": SCHEMA_VERSION, **file_dict(report, ctx)}
        return json_text(finite(line), allow_nan=False) + "\n"


FORMATTER = JsonLinesFormat()
