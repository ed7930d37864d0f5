"""Read the registry of recognised clusters (``monitor --registry``) and check it.

The registry is the ``registry`` workbook kind (kinds/registry.toml), read by the shared reader:
by the template's hidden keys, else by the visible header labels (a plain Excel list as bureaus
keep it, workbook/recover.py). Preflight first, as for any input: the registry is untrusted too.
Its own checks point at its cells: a credit code twice (M601) or invalid (M602), a validity date
missing (M603) or reversed (M604).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import clusterctl.diagnostics.codes_monitor  # noqa: F401  (registers the M6xx codes)
from clusterctl.diagnostics import Finding, Location, Severity
from clusterctl.i18n import Text, t
from clusterctl.monitoring.model import Registered
from clusterctl.workbook.grid import bi
from clusterctl.workbook.identifiers import uscc_problem
from clusterctl.workbook.limits import Limits

KIND = "registry"
PREFIX = "clusters"
DATE_LABELS = {
    "valid_from": t("有效期起", "validity start"),
    "valid_to": t("有效期止", "validity end"),
}


@dataclass(slots=True)
class Registry:
    path: str
    clusters: list[Registered] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unreadable: Text | None = None  # why no cluster could be read at all

    def by_code(self) -> dict[str, Registered]:
        """Credit code -> its first row (a duplicate code is M601; later rows do not match)."""
        found: dict[str, Registered] = {}
        for cluster in self.clusters:
            if cluster.operator_uscc:
                found.setdefault(cluster.operator_uscc, cluster)
        return found


def normalise_code(value: object) -> str | None:
    """A credit code as matched: text without spaces, upper case; None when blank."""
    if value is None:
        return None
    text = "".join(str(value).split()).upper()
    return text or None


def as_date(value: object) -> date | None:
    """A date as the reader gives it (an ISO string for a date column), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_registry(path: str, limits: Limits | None = None) -> Registry:
    """The registry at ``path`` with its findings; never raises for any content."""
    from clusterctl.workbook.kind import load_kind
    from clusterctl.workbook.preflight import check_file
    from clusterctl.workbook.reader import read_workbook

    limits = limits or Limits()
    registry = Registry(path)
    checked = check_file(path, limits)
    registry.findings.extend(checked.findings)
    if checked.fatal:
        registry.unreadable = _first_error(checked.findings)
        return registry
    app, findings = read_workbook(path, limits, checked.package, kind=load_kind(KIND))
    registry.findings.extend(findings)
    if app is None:
        registry.unreadable = _first_error(findings) or t("不是认定名录", "not a register")
        return registry
    sheet = load_kind(KIND).sheet("registry_clusters")
    for index, row in enumerate(app.table(PREFIX)):
        cells = {
            c.key: loc
            for c in sheet.columns
            if (loc := app.cells.get(f"{PREFIX}.{index}.{c.key}")) is not None
        }
        name_cell = cells.get("cluster_name") or next(iter(cells.values()), Location(path))
        registry.clusters.append(
            Registered(
                row=name_cell.row or 0,
                name=_text(row.get("cluster_name")),
                operator_name=_text(row.get("operator_name")),
                operator_uscc=normalise_code(row.get("operator_uscc")),
                batch=_text(row.get("batch")),
                edition=_text(row.get("edition")),
                region=_text(row.get("region")),
                valid_from=as_date(row.get("valid_from")),
                valid_to=as_date(row.get("valid_to")),
                note=_text(row.get("note")),
                location=name_cell,
                cells=cells,
            )
        )
    if not registry.clusters:
        registry.findings.append(Finding("M605", Location(path), {"path": path}))
    registry.findings.extend(check_registry(registry.clusters, path))
    return registry


def _first_error(findings: list[Finding]) -> Text | None:
    error = next((f for f in findings if f.level is Severity.ERROR), None)
    return Text(error.message("zh"), error.message("en")) if error else None


def check_registry(clusters: list[Registered], path: str) -> list[Finding]:
    """Duplicate and invalid credit codes, missing and reversed validity dates."""
    findings: list[Finding] = []
    rows: dict[str, list[Registered]] = defaultdict(list)
    for c in clusters:
        name = c.name or f"#{c.row}"
        code_cell = c.cells.get("operator_uscc", c.location)
        if c.operator_uscc:
            rows[c.operator_uscc].append(c)
            problem = uscc_problem(c.operator_uscc)
            if problem is not None:
                params = {"name": name, "code": c.operator_uscc, **bi("problem", problem)}
                findings.append(Finding("M602", code_cell, params))
        for key in ("valid_from", "valid_to"):
            if getattr(c, key) is None:
                params = {"name": name, **bi("field", DATE_LABELS[key])}
                findings.append(Finding("M603", c.cells.get(key, c.location), params))
        if c.valid_from and c.valid_to and c.valid_to < c.valid_from:
            params = {"name": name, "start": c.valid_from.isoformat(), "to": c.valid_to.isoformat()}
            findings.append(Finding("M604", c.cells.get("valid_to", c.location), params))
    for code, same in rows.items():
        if len(same) > 1:
            listed = "、".join(str(c.row) for c in same)
            for c in same:
                params = {"code": code, "count": len(same), "rows": listed}
                findings.append(Finding("M601", c.cells.get("operator_uscc", c.location), params))
    return findings


def registry_concerns(clusters: list[Registered], findings: list[Finding]) -> dict[int, list]:
    """Registry row -> the registry findings on it (each becomes a concern of that cluster)."""
    by_row: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.code.startswith("M60") and f.location.row is not None:
            by_row[f.location.row].append(f)
    return by_row
