"""``screen --format json``: the ``json`` format's batch document (:meth:`JsonFormat.write_batch`
in :mod:`clusterctl.reports.formats.json_format`), streamed file by file from the batch's spool.

One document: ``schema_version``, ``kind`` (:data:`JSON_KIND`), ``tool``, ``lang``, ``pack_id``,
``quota``, ``skipped``, ``files`` in rank order (each the ``json`` format's file object, as
``check`` writes it, plus ``rank``, ``facts``, ``key_indicators`` and the batch's B4xx findings)
and ``totals`` (docs/screening.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from clusterctl import __version__
from clusterctl.batch.result import most_failed, verdict_counts
from clusterctl.evaluation.model import Verdict
from clusterctl.reports.formats.base import finite, json_text

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult
    from clusterctl.batch.rows import FileRow
    from clusterctl.i18n import Lang

JSON_KIND = "clusterctl-screen"


def row_record(row: FileRow, lang: Lang) -> dict[str, Any]:
    """A file's JSON record built from its row (when the json format gave none)."""
    return {
        "path": row.path,
        "sha256": row.sha256,
        "size": row.size,
        "pack_id": row.pack_id,
        "readable": row.verdict is not Verdict.UNREADABLE,
        "verdict": row.verdict.value,
        "verdict_label": row.verdict.label.get(lang),
        "score": row.score,
        "criteria": [{"code": c, "status": s.value} for c, s in row.statuses.items()],
        "findings": [],
        "counts": {"error": 0, "warning": 0, "info": 0},
    }


def batch_records(result: BatchResult) -> Iterable[dict[str, Any]]:
    """Every file's JSON record in rank order: the ``json`` format's file object (so ``check``
    and ``screen`` agree) plus ``rank``, ``facts``, ``key_indicators`` and the batch findings;
    with ``--baseline`` each file's ``baseline`` and each finding's ``baseline_state``."""
    changes = None
    if result.changes is not None:
        changes = {c.path: c for c in result.changes if c.state != "withdrawn"}
    for row in result.rows:
        record = result.spool.file_data(row.index)
        if record is None:
            record = row_record(row, result.lang)
            added = list(result.spool.of(row.index))
        else:
            added = [
                f for f in result.spool.of(row.index) if str(f.get("code", "")).startswith("B")
            ]
        record["findings"] = [*record.get("findings", []), *added]
        counts = record.setdefault("counts", {})
        for finding in added:
            level = finding.get("severity", "error")
            counts[level] = counts.get(level, 0) + 1
        record.pop("review_items", None)  # the review form's, not the document's
        if changes is not None:
            change = changes.get(row.path)
            if change is not None:
                record["baseline"] = change.to_dict()
                for finding in record["findings"]:
                    state = change.state_of(finding)
                    if state is not None:
                        finding["baseline_state"] = state
        record["rank"] = row.rank
        record["facts"] = dict(row.facts)
        record["key_indicators"] = dict(row.indicators)
        yield record


def write_batch_json(result: BatchResult, out: TextIO) -> None:
    """``screen --format json``: one JSON document, streamed file by file."""

    def dumps(value: Any) -> str:
        return json_text(finite(value), allow_nan=False)

    pack = result.pack
    head = {
        "schema_version": 1,
        "kind": JSON_KIND,
        "tool": {"name": "clusterctl", "version": __version__},
        "lang": result.lang,
        "pack_id": pack.id if pack else None,
        "quota": result.quota,
        "skipped": [{"path": s.path, "reason": s.message(result.lang)} for s in result.skipped],
    }
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {json.dumps(key)}: {dumps(value)},\n")
    out.write('  "files": [')
    for i, record in enumerate(batch_records(result)):
        out.write(("," if i else "") + "\n    " + dumps(record))
    out.write("\n  ],\n")
    for key, value in _review_head(result).items():
        out.write(f"  {json.dumps(key)}: {dumps(value)},\n")
    totals = {
        "files": len(result.rows),
        "verdicts": {v.value: n for v, n in verdict_counts(result.rows).items()},
        "counts": {
            "error": sum(r.errors for r in result.rows),
            "warning": sum(r.warnings for r in result.rows),
            "info": sum(r.infos for r in result.rows),
        },
        "batch_findings": dict(result.batch_findings),
        "most_failed": [{"code": c, "files": n} for c, n in most_failed(result.rows)],
    }
    out.write(f'  "totals": {dumps(totals)}\n}}\n')


def _review_head(result: BatchResult) -> dict[str, Any]:
    """``expert_review`` (the forms, who judged, the forms' findings) and ``baseline`` (the
    earlier summary, counts per state, the withdrawn applications), when the run has them."""
    head: dict[str, Any] = {}
    forms = result.experts
    if forms is not None:
        head["expert_review"] = {
            "forms": [{"path": f, "expert": forms.experts.get(f)} for f in forms.forms],
            "spread_limit": forms.spread,
            "findings": [f.to_dict(result.lang) for f in forms.findings],
        }
    if result.changes is not None:
        from collections import Counter

        counts = Counter(c.state for c in result.changes)
        head["baseline"] = {
            "path": result.baseline_path,
            "counts": {s: counts.get(s, 0) for s in ("new", "changed", "unchanged", "withdrawn")},
            "withdrawn": [
                {"path": c.path, **c.to_dict()} for c in result.changes if c.state == "withdrawn"
            ],
        }
    return head
