"""``sarif``: SARIF 2.1.0 for code-scanning services (GitHub code scanning and others).

One rule per finding code (every registered type, plus the criterion codes of the packs used);
results point at the workbook (URI relative to the working directory under ``%SRCROOT%``), with
the cell as a region (startLine = row, startColumn = column) and a logical location
``Sheet!B7``; the message starts with ``Sheet!B7`` too, because viewers cannot show a cell of a
binary workbook.

Text from workbooks and file names may hold U+FFFE/U+FFFF. JSON allows them, but they are not
characters XML 1.0 (or many a viewer converting SARIF to HTML or XML) accepts, so the document
writes each as its ``\\uFFFE`` escape: a JSON reader gets back exactly the same string, and the
document's bytes hold no character outside XML 1.0's ``Char`` production (json.dumps escapes
the control characters already; :func:`~clusterctl.reports.formats.base.json_text` the lone
surrogates).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from clusterctl.diagnostics import Severity, all_types
from clusterctl.reports.formats.base import WholeDocument, finding_text, json_text
from clusterctl.reports.formats.filing import verdict_value

if TYPE_CHECKING:
    from clusterctl.diagnostics import Finding, FindingType
    from clusterctl.report import FileReport
    from clusterctl.reports.formats.context import RenderContext

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/clusterctl/"
SRCROOT = "%SRCROOT%"
NONCHARACTERS = re.compile("[\ufffe\uffff]")  # valid JSON, not valid XML: escaped
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str, cwd: str) -> tuple[str, bool]:
    """(URI, relative?) of a file: relative to ``cwd`` when inside it, else an absolute file URI."""
    absolute = Path(cwd, path).resolve() if not os.path.isabs(path) else Path(path).resolve()
    try:
        rel = absolute.relative_to(Path(cwd).resolve())
        return quote(rel.as_posix()), True
    except ValueError:
        return absolute.as_uri(), False


def _rule(ftype: FindingType, ctx: RenderContext) -> dict[str, Any]:
    lang = ctx.lang
    rule: dict[str, Any] = {
        "id": ftype.code,
        "name": _pascal(ftype.name),
        "shortDescription": {"text": ftype.title.get(lang)},
        "defaultConfiguration": {"level": LEVELS[ftype.severity]},
        "properties": {"kebabName": ftype.name},
    }
    full = ftype.description or ftype.title
    rule["fullDescription"] = {"text": full.get(lang)}
    hint = ftype.hint.get(lang) if ftype.hint else ftype.title.get(lang)
    rule["help"] = {"text": hint}
    return rule


def _pascal(kebab: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in kebab.split("-") if part)


def rule_types(reports: Sequence[FileReport], ctx: RenderContext) -> list[FindingType]:
    """Every registered type, the criterion types of each pack used, and any other type a
    finding carries, one per code."""
    types: dict[str, FindingType] = {ft.code: ft for ft in all_types()}
    pack_ids = sorted({r.pack_id for r in reports if r.pack_id})
    for pack_id in pack_ids:
        pack = ctx.pack(pack_id)
        if pack is None:
            continue
        try:
            from clusterctl.evaluation.findings import criterion_finding_types

            for ft in criterion_finding_types(pack):
                types.setdefault(ft.code, ft)
        except ImportError:  # evaluation not installed yet: the findings' own types suffice
            pass
    for report in reports:
        for f in report.findings:
            types.setdefault(f.code, f.type)
    return sorted(types.values(), key=lambda ft: ft.code)


def _result(
    finding: Finding, report: FileReport, rule_index: dict[str, int], ctx: RenderContext
) -> dict[str, Any]:
    loc = finding.location
    text = finding_text(finding, ctx.lang)
    uri, relative = artifact_uri(loc.file or report.path, ctx.cwd)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if loc.row is not None:
        region: dict[str, Any] = {"startLine": loc.row}
        if loc.col is not None:
            region["startColumn"] = loc.col
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.sheet is not None:
        location["logicalLocations"] = [
            {
                "name": loc.cell or loc.sheet,
                "fullyQualifiedName": loc.ref(),
                "kind": "element" if loc.cell else "module",
            }
        ]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.level],
        "message": {"text": text},
        "locations": [location],
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    properties: dict[str, Any] = {}
    if loc.sheet is not None:
        properties["sheet"] = loc.sheet
    if loc.cell is not None:
        properties["cell"] = loc.cell
    if loc.field is not None:
        properties["field"] = loc.field
    if properties:
        result["properties"] = properties
    return result


def sarif_document(reports: Sequence[FileReport], ctx: RenderContext) -> dict[str, Any]:
    types = rule_types(reports, ctx)
    rules = [_rule(ft, ctx) for ft in types]
    rule_index = {ft.code: i for i, ft in enumerate(types)}
    results = [_result(f, r, rule_index, ctx) for r in reports for f in r.findings]
    artifacts = []
    for r in reports:
        uri, relative = artifact_uri(r.path, ctx.cwd)
        artifact: dict[str, Any] = {"location": {"uri": uri}}
        if relative:
            artifact["location"]["uriBaseId"] = SRCROOT
        if r.sha256:
            artifact["hashes"] = {"sha-256": r.sha256}
        if r.size is not None:
            artifact["length"] = r.size
        artifact["properties"] = {"verdict": r.verdict.value, "score": r.score}
        if r.filing is not None:  # an annual report or a re-review: its kind and outcome
            artifact["properties"].update(kind=r.kind, outcome=verdict_value(r))
        artifacts.append(artifact)
    root = Path(ctx.cwd).resolve().as_uri().rstrip("/") + "/"
    run = {
        "tool": {
            "driver": {
                "name": "clusterctl",
                "version": ctx.tool_version,
                "semanticVersion": ctx.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifFormat(WholeDocument):
    name = "sarif"
    machine = True

    def render(self, reports: Sequence[FileReport], ctx: RenderContext) -> str:
        text = json_text(sarif_document(reports, ctx), indent=2)
        return NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


FORMATTER = SarifFormat()
