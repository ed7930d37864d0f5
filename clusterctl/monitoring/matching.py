"""Filings matched to the registry by the operating body's credit code, never by file name.

A name that differs from the registry's is at most an info (M612: names drift); a filing whose
code is in no row (M610) or that has none (M615), a cluster filing twice for one year (M611), a
file that is no filing (M613) or could not be assessed (M614) are findings of the run.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date
from typing import Any

from clusterctl.diagnostics import Finding, Location, Severity
from clusterctl.i18n import Text, t
from clusterctl.lifecycle.model import Filing, FilingKind
from clusterctl.monitoring.model import (
    KIND_LABELS,
    STATUS_ORDER,
    Assessment,
    Collected,
    Concern,
    Evidence,
    Registered,
)
from clusterctl.monitoring.registry import Registry, normalise_code, registry_concerns
from clusterctl.monitoring.rules import Deadline, assess, first_filed
from clusterctl.workbook.grid import bi

FILE_KINDS = {
    "application": t("认定申报表", "an application"),
    "registry": t("认定名录", "a register"),
}
NAME_FIELDS = (
    ("cluster_name", "name", t("集群名称", "cluster name")),
    ("operator_name", "operator_name", t("运营管理机构名称", "operating body's name")),
)


def _kind_label(kind: str) -> Text:
    try:
        return KIND_LABELS[FilingKind(kind)]
    except ValueError:
        return FILE_KINDS.get(kind, t("工作簿", "a workbook"))


def _same_name(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return "".join(unicodedata.normalize("NFKC", s or "").split()).casefold()

    return norm(a) == norm(b)


def _cell(filing: Filing, key: str) -> Location:
    return filing.cells.get(f"identity.{key}") or Location(filing.file)


def sort_key(a: Assessment) -> tuple[Any, ...]:
    """The ranking: revoke, attention, normal; more grounds, more concerns, sooner expiry first;
    then the registry's order."""
    expiry = a.days_to_expiry if a.days_to_expiry is not None else 10**6
    return (STATUS_ORDER[a.status], -len(a.grounds), -len(a.concerns), expiry, a.cluster.row)


def monitor(
    registry: Registry, collected: list[Collected], as_of: date, deadline_of: Deadline
) -> tuple[list[Assessment], list[Finding]]:
    """Every registered cluster assessed (ranked), and the run's findings."""
    findings: list[Finding] = list(registry.findings)
    codes = registry.by_code()
    matched: dict[int, list[Filing]] = defaultdict(list)  # registry row -> filings
    problems: dict[int, list[Concern]] = defaultdict(list)
    for item in collected:
        label = _kind_label(item.kind)
        filing = item.filing
        if filing is None:
            if item.errors:
                first = item.first_error
                params = {
                    "errors": item.errors,
                    "first_zh": first.message("zh") if first else "",
                    "first_en": first.message("en") if first else "",
                    **bi("kind", label),
                }
                where = first.location if first else Location(item.path)
                findings.append(Finding("M614", where, params))
            else:
                findings.append(Finding("M613", Location(item.path), bi("kind", label)))
            continue
        code = normalise_code(filing.operator_uscc)
        if code is None:
            findings.append(Finding("M615", _cell(filing, "operator_uscc"), bi("kind", label)))
            continue
        cluster = codes.get(code)
        if cluster is None:
            params = {"code": code, "name": filing.cluster_name or "", **bi("kind", label)}
            findings.append(Finding("M610", _cell(filing, "operator_uscc"), params))
            continue
        matched[cluster.row].append(filing)
        for key, attr, what in NAME_FIELDS:
            found, registered = getattr(filing, key), getattr(cluster, attr)
            if found and registered and not _same_name(found, registered):
                params = {"found": found, "registered": registered, **bi("field", what)}
                findings.append(Finding("M612", _cell(filing, key), params))
        if item.errors:
            first = item.first_error
            problems[cluster.row].append(
                Concern(
                    "filing-errors",
                    Text(
                        f"{label.zh}有 {item.errors} 个错误，请用 clusterctl check 查看",
                        f"the {label.en} has {item.errors} error(s): see clusterctl check",
                    ),
                    Evidence.of(first.location if first else None, item.path),
                )
            )
    for cluster in registry.clusters:
        _duplicates(cluster, matched.get(cluster.row, []), findings, problems)
    by_row = registry_concerns(registry.clusters, registry.findings)
    assessments = []
    for cluster in registry.clusters:
        own = [
            Concern("registry", Text(f.message("zh"), f.message("en")), Evidence.of(f.location))
            for f in by_row.get(cluster.row, [])
            if f.level is Severity.ERROR
        ]
        assessments.append(
            assess(
                cluster,
                _judged(matched.get(cluster.row, [])),
                as_of,
                deadline_of,
                registry_problems=own,
                filing_problems=problems.get(cluster.row, []),
            )
        )
    assessments.sort(key=sort_key)
    return assessments, findings


def _groups(filings: list[Filing]) -> dict[tuple[FilingKind, int | None], list[Filing]]:
    groups: dict[tuple[FilingKind, int | None], list[Filing]] = defaultdict(list)
    for f in filings:
        groups[(f.kind, f.year)].append(f)
    return groups


def _judged(filings: list[Filing]) -> list[Filing]:
    """One filing per kind and year: the one filed first."""
    return [first_filed(same) for same in _groups(filings).values()]


def _duplicates(
    cluster: Registered,
    filings: list[Filing],
    findings: list[Finding],
    problems: dict[int, list[Concern]],
) -> None:
    for (kind, year), same in _groups(filings).items():
        if len(same) < 2:
            continue
        label = KIND_LABELS[kind]
        for f in same:
            others = "、".join(o.file for o in same if o is not f)
            params = {
                "name": cluster.name or "",
                "year": year if year is not None else "?",
                "count": len(same),
                "others": others,
                **bi("kind", label),
            }
            findings.append(Finding("M611", _cell(f, "operator_uscc"), params))
        problems[cluster.row].append(
            Concern(
                "twice",
                Text(
                    f"{year} 年{label.zh}报送了 {len(same)} 份",
                    f"{len(same)} {label.en} files for {year}",
                ),
                Evidence.of(None, same[0].file),
            )
        )
