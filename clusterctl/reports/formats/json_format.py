"""``json``: one document with every file's result, versioned by ``schema_version``.

The schema ships in the package (``clusterctl/reports/schema/report-v1.schema.json``) and is
described in ``docs/output-formats.md``. Bump :data:`SCHEMA_VERSION` (and add a new schema file)
when a field changes meaning or disappears; adding fields keeps the version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from clusterctl.diagnostics import Location, Severity
from clusterctl.reports.formats.base import WholeDocument, finite, json_text, sorted_findings
from clusterctl.reports.formats.filing import filing_dict

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult
    from clusterctl.criteria.model import Pack
    from clusterctl.evaluation.model import CriterionResult
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext

SCHEMA_VERSION = 1
SCHEMA_RESOURCE = "report-v1.schema.json"


def schema_path():
    """The JSON schema of this version, from the installed package."""
    from importlib.resources import files

    return files("clusterctl.reports.schema").joinpath(SCHEMA_RESOURCE)


def load_schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def position(loc: Location) -> dict[str, Any]:
    return loc.to_dict()


def finding_dict(finding, ctx: RenderContext) -> dict[str, Any]:
    data = finding.to_dict(ctx.lang)
    data["title"] = finding.type.title.get(ctx.lang)
    return data


def criterion_dict(
    result: CriterionResult, pack: Pack | None, ignored: set[str], ctx: RenderContext
) -> dict[str, Any]:
    criterion = None
    if pack is not None:
        try:
            criterion = pack.criterion(result.code)
        except KeyError:
            criterion = None
    return {
        "code": result.code,
        "name": criterion.name if criterion else None,
        "title": criterion.title.get(ctx.lang) if criterion else None,
        "dimension": criterion.dimension.value if criterion else None,
        "status": result.status.value,
        "value": result.value,
        "unit": result.unit,
        "op": result.op,
        "threshold": result.threshold,
        "years": list(result.years),
        "per_year": {str(y): v for y, v in result.per_year.items()},
        "sentence": result.sentence.get(ctx.lang) or None,
        "note": result.note.get(ctx.lang) if result.note else None,
        "unconfirmed": result.unconfirmed,
        "ignored": result.code in ignored,
        "weight": result.weight,
        "credit": result.credit,
        "points": result.points,
        "locations": [position(loc) for loc in result.locations],
    }


def file_dict(report: FileReport, ctx: RenderContext) -> dict[str, Any]:
    """One file's result as the schema's ``file`` object."""
    evaluation = report.evaluation
    pack = ctx.pack_for(report)
    ignored = set(evaluation.ignored) if evaluation else set()
    return {
        "path": report.path,
        "sha256": report.sha256,
        "size": report.size,
        "pack_id": report.pack_id or (evaluation.pack_id if evaluation else None),
        "readable": report.readable,
        "verdict": report.verdict.value,
        "verdict_label": report.verdict.label.get(ctx.lang),
        "score": report.score,
        "counts": {s.value: report.count(s) for s in Severity},
        "summary": _jsonable(report.summary or {}),
        "criteria": [criterion_dict(r, pack, ignored, ctx) for r in evaluation.results]
        if evaluation
        else [],
        "dimensions": [
            {
                "dimension": d.dimension,
                "points": d.points,
                "possible": d.possible,
                "percent": d.percent,
            }
            for d in evaluation.dimensions
        ]
        if evaluation
        else [],
        "ignored_criteria": sorted(ignored),
        "findings": [finding_dict(f, ctx) for f in sorted_findings(report.findings)],
        "kind": report.kind,
        "filing": filing_dict(report.filing, ctx.lang) if report.filing is not None else None,
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return str(value)


def totals(reports: Sequence[FileReport]) -> dict[str, Any]:
    verdicts: dict[str, int] = {}
    for r in reports:
        verdicts[r.verdict.value] = verdicts.get(r.verdict.value, 0) + 1
    return {
        "files": len(reports),
        "verdicts": verdicts,
        "counts": {s.value: sum(r.count(s) for r in reports) for s in Severity},
    }


def document(reports: Sequence[FileReport], ctx: RenderContext) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "clusterctl", "version": ctx.tool_version},
        "lang": ctx.lang,
        "files": [file_dict(r, ctx) for r in reports],
        "totals": totals(reports),
    }


def dumps(data: Any) -> str:
    # allow_nan=False: NaN/Infinity are not JSON; the pipeline never produces them, and if it
    # did the JSON consumer would break silently, so turn them into null first.
    return json_text(finite(data), indent=2, allow_nan=False) + "\n"


class JsonFormat(WholeDocument):
    name = "json"
    machine = True

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        return dumps(document(reports, ctx))

    def write_batch(self, result: BatchResult, out: TextIO) -> None:
        """``screen``'s document: every file of a screened batch, streamed from its spool
        (:mod:`clusterctl.reports.formats.json_batch`)."""
        from clusterctl.reports.formats.json_batch import write_batch_json

        write_batch_json(result, out)


FORMATTER = JsonFormat()
