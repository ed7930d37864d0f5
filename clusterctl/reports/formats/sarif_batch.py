"""``screen --output-format sarif``: the batch as one SARIF 2.1.0 run, streamed from the spool in
rank order: one artifact per application (SHA-256, verdict, score, rank), one result per error
and warning (as ``check``'s SARIF writes them). With ``--baseline`` every result has SARIF's
``baselineState`` (new, unchanged, updated) and each finding fixed since the baseline is a result
with ``baselineState: absent``; with ``--expert-scores`` a judged criterion's result carries the
experts' judgements in its ``properties.experts`` and each artifact the judgements applied."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from clusterctl import __version__
from clusterctl.diagnostics import Severity, all_types
from clusterctl.reports.formats.base import json_text
from clusterctl.reports.formats.context import RenderContext
from clusterctl.reports.formats.sarif import (
    INFORMATION_URI,
    LEVELS,
    NONCHARACTERS,
    SARIF_SCHEMA,
    SRCROOT,
    SarifFormat,
    _rule,
    artifact_uri,
)

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult


def _types(result: BatchResult) -> list[Any]:
    from clusterctl.batch.result import packs_used
    from clusterctl.evaluation.findings import criterion_finding_types

    types = {ft.code: ft for ft in all_types()}
    for pack in packs_used(result):
        for ft in criterion_finding_types(pack):
            types.setdefault(ft.code, ft)
    return sorted(types.values(), key=lambda ft: ft.code)


def _location(path: str, data: dict[str, Any], cwd: str) -> dict[str, Any]:
    uri, relative = artifact_uri(data.get("file") or path, cwd)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if data.get("row") is not None:
        physical["region"] = {"startLine": data["row"]}
        if data.get("column") is not None:
            physical["region"]["startColumn"] = data["column"]
    location: dict[str, Any] = {"physicalLocation": physical}
    sheet, cell = data.get("sheet"), data.get("cell")
    if sheet:
        name = f"{sheet}!{cell}" if cell else sheet
        location["logicalLocations"] = [
            {
                "name": cell or sheet,
                "fullyQualifiedName": name,
                "kind": "element" if cell else "module",
            }
        ]
    return location


def _result(
    path: str, data: dict[str, Any], index: dict[str, int], cwd: str, level: str | None = None
) -> dict[str, Any]:
    sheet, cell = data.get("sheet"), data.get("cell")
    ref = f"{sheet}!{cell}" if sheet and cell else (sheet or "")
    message = str(data.get("message") or data.get("code"))
    text = f"{ref}: {message}" if ref else message
    if data.get("hint"):
        text += "\n" + str(data["hint"])
    code = str(data.get("code"))
    out: dict[str, Any] = {
        "ruleId": code,
        "level": level or LEVELS.get(Severity(data.get("severity", "error")), "error"),
        "message": {"text": text},
        "locations": [_location(path, data, cwd)],
    }
    if code in index:
        out["ruleIndex"] = index[code]
    properties = {k: data[k] for k in ("sheet", "cell", "field") if data.get(k) is not None}
    if properties:
        out["properties"] = properties
    return out


def write_batch_sarif(result: BatchResult, out: TextIO) -> None:
    """The batch's SARIF document on ``out``."""
    cwd = os.getcwd()
    ctx = RenderContext(lang=result.lang)
    types = _types(result)
    index = {ft.code: i for i, ft in enumerate(types)}
    changes = {c.path: c for c in (result.changes or [])}
    forms = result.experts
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for row in result.rows:
        uri, relative = artifact_uri(row.path, cwd)
        artifact: dict[str, Any] = {"location": {"uri": uri}}
        if relative:
            artifact["location"]["uriBaseId"] = SRCROOT
        if row.sha256:
            artifact["hashes"] = {"sha-256": row.sha256}
        if row.size is not None:
            artifact["length"] = row.size
        props: dict[str, Any] = {"verdict": row.verdict.value, "score": row.score, "rank": row.rank}
        change = changes.get(row.path)
        if change is not None:
            props["baseline"] = change.state
        judged: dict[str, list[dict[str, Any]]] = {}
        if forms is not None:
            for entry in forms.applied_rows(row.path, row.sha256, row.pack_id):
                for j in entry.judgements:
                    judged.setdefault(j.code, []).append(j.to_dict())
            props["experts"] = [j for js in judged.values() for j in js]
        artifact["properties"] = props
        artifacts.append(artifact)
        for data in result.spool.of(row.index):
            if data.get("severity") == "info":
                continue
            item = _result(row.path, data, index, cwd)
            if change is not None:
                item["baselineState"] = change.state_of(data) or "new"
            if data.get("code") in judged:
                item.setdefault("properties", {})["experts"] = judged[data["code"]]
            results.append(item)
        if change is not None:
            results += _absent(row.path, change, index, cwd)
    for change in changes.values():
        if change.state == "withdrawn":
            results += _absent(change.path, change, index, cwd)
    run = {
        "tool": {
            "driver": {
                "name": "clusterctl",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(ft, ctx) for ft in types],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path(cwd).resolve().as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    text = json_text(document, indent=2)
    out.write(NONCHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _absent(path: str, change: Any, index: dict[str, int], cwd: str) -> list[dict[str, Any]]:
    """The findings fixed since the baseline: results with ``baselineState: absent``."""
    found = []
    old = change.old.findings if change.old is not None else {}
    for code, sheet, cell in change.findings.get("absent", []):
        data = {"code": code, "sheet": sheet or None, "cell": cell or None}
        data["message"] = old.get((code, sheet, cell)) or code
        item = _result(path, data, index, cwd, level="none")
        item["baselineState"] = "absent"
        item["kind"] = "pass"
        found.append(item)
    return found


class SarifBatchFormat(SarifFormat):
    """``sarif`` as the registry gives it: ``check``'s document, and ``screen``'s batch."""

    def write_batch(self, result: BatchResult, out: TextIO) -> None:
        write_batch_sarif(result, out)


FORMATTER = SarifBatchFormat()
