"""``monitor --output-format json``: every registered cluster with its status, each revocation
ground with its file and cell (docs/monitoring.md, "JSON")."""

from __future__ import annotations

import json
from typing import Any, TextIO

from clusterctl import __version__
from clusterctl.i18n import Lang
from clusterctl.monitoring.model import (
    NOT_SHOWN_BY_DATA,
    REPORT_LABELS,
    REREVIEW_LABELS,
    STATUS_LABELS,
    Assessment,
    Evidence,
    MonitorResult,
)

SCHEMA_VERSION = 1


def _where(e: Evidence | None) -> dict[str, Any]:
    if e is None:
        return {"file": None, "sheet": None, "cell": None}
    return {"file": e.file, "sheet": e.sheet, "cell": e.cell}


def _day(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def cluster_dict(rank: int, a: Assessment, lang: Lang) -> dict[str, Any]:
    c = a.cluster
    return {
        "rank": rank,
        "cluster_name": c.name,
        "operator_name": c.operator_name,
        "operator_uscc": c.operator_uscc,
        "batch": c.batch,
        "edition": c.edition,
        "region": c.region,
        "valid_from": _day(c.valid_from),
        "valid_to": _day(c.valid_to),
        "registry": _where(c.evidence()),
        "status": a.status.value,
        "status_label": STATUS_LABELS[a.status].get(lang),
        "days_to_expiry": a.days_to_expiry,
        "rereview": a.rereview.value,
        "rereview_label": REREVIEW_LABELS[a.rereview].get(lang),
        "rereview_file": a.rereview_file,
        "reports": [
            {
                "year": r.year,
                "deadline": _day(r.deadline) if r.deadline.year < 9999 else None,
                "state": r.state.value,
                "state_label": REPORT_LABELS[r.state].get(lang),
                "file": r.file,
                "filed_on": _day(r.filed_on),
                "days_late": r.days_late,
            }
            for r in a.reports
        ],
        "grounds": [
            {
                "ground": g.number,
                "title": g.title.get(lang),
                "detail": g.detail.get(lang),
                **_where(g.evidence),
            }
            for g in a.grounds
        ],
        "concerns": [
            {"key": k.key, "detail": k.detail.get(lang), **_where(k.evidence)} for k in a.concerns
        ],
        "plan": [
            {
                "file": p.file,
                "year": p.year,
                "indicator": p.target.indicator,
                "unit": p.target.unit,
                "base": p.target.base,
                "target": p.target.target,
                "actual": p.target.actual,
                "completion": p.target.completion,
                "state": p.target.state.value,
                "cell": p.target.location.cell,
                "sheet": p.target.location.sheet,
            }
            for p in a.plan
        ],
        "criteria_not_met": [
            {
                "file": k.file,
                "year": k.year,
                "code": k.check.code,
                "title": k.check.title.get(lang),
                **{
                    key: value
                    for key, value in _where(Evidence.of(k.check.location, k.file)).items()
                    if key != "file"
                },
            }
            for k in a.criteria_not_met
        ],
        "filings": sorted({f.file for f in a.filings}),
    }


def result_dict(result: MonitorResult, lang: Lang) -> dict[str, Any]:
    used = {f.file for a in result.assessments for f in a.filings}
    return {
        "tool": "clusterctl",
        "version": __version__,
        "command": "monitor",
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "registry": result.registry,
        "counts": {s.value: n for s, n in result.counts().items()},
        "grounds_not_assessed": [
            {"ground": n, "reason": text.get(lang)} for n, text in NOT_SHOWN_BY_DATA.items()
        ],
        "clusters": [cluster_dict(i, a, lang) for i, a in enumerate(result.assessments, 1)],
        "findings": [f.to_dict(lang) for f in result.findings],
        "files": [
            {"path": c.path, "kind": c.kind, "used": c.path in used, "errors": c.errors}
            for c in result.files
        ],
        "options": {k: v for k, v in result.options.items()},
    }


def write_json(result: MonitorResult, out: TextIO, lang: Lang) -> None:
    json.dump(result_dict(result, lang), out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
