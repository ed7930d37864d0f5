"""How every output shows a lifecycle filing (an annual report, a re-review): its verdict line
(:class:`~clusterctl.lifecycle.model.FilingOutcome`, e.g. 仍符合认定标准 / 部分条件不再满足 /
复核不通过) instead of an application's 符合 / 不符合, its kind, and its facts as JSON.

An application's report has no ``filing``: every function here then gives what the formats
showed before (the application's :class:`~clusterctl.evaluation.model.Verdict`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Lang, Text
from clusterctl.lifecycle.model import Filing, FilingOutcome

if TYPE_CHECKING:
    from clusterctl.report import FileReport

KIND_LABELS = {
    "application": Text("认定申报表", "application"),
    "annual-report": Text("年度发展报告", "annual report"),
    "rereview": Text("复核申报表", "re-review"),
}
OUTCOME_STYLES = {
    FilingOutcome.STILL_MEETS: "bold green",
    FilingOutcome.PASSES: "bold green",
    FilingOutcome.PARTLY_UNMET: "bold yellow",
    FilingOutcome.INCOMPLETE: "bold yellow",
    FilingOutcome.GROUNDS_FOUND: "bold red",
    FilingOutcome.FAILS: "bold red",
}


def outcome_of(report: FileReport) -> FilingOutcome | None:
    filing = report.filing
    return filing.outcome if filing is not None else None


def verdict_label(report: FileReport) -> Text:
    """The verdict line's words: the filing's outcome, else the application's verdict."""
    outcome = outcome_of(report)
    return outcome.label if outcome is not None else report.verdict.label


def verdict_value(report: FileReport) -> str:
    outcome = outcome_of(report)
    return outcome.value if outcome is not None else report.verdict.value


def kind_label(report: FileReport) -> Text:
    return KIND_LABELS.get(report.kind, Text(report.kind, report.kind))


L_KIND = Text("类型", "Kind")
L_ONE_YEAR = Text(
    "另有 {n} 条需多年数据、定性条件、承诺或企业名录，年度报告不适用，在复核时判断。",
    "{n} more criteria need several years, qualitative answers, declarations or the roster: "
    "not applicable to an annual report, judged at the re-review.",
)
L_PLAN = Text("发展规划目标", "Plan targets")


def verdict_style(report: FileReport, application_styles: dict) -> str:
    """The verdict's rich style: the outcome's for a filing, else the application verdict's."""
    outcome = outcome_of(report)
    return OUTCOME_STYLES[outcome] if outcome is not None else application_styles[report.verdict]


def kind_row(report: FileReport, lang: Lang) -> tuple[str, str] | None:
    """The header row naming a filing's kind and year (None for an application)."""
    if report.filing is None:
        return None
    year = report.filing.year
    shown = ("（{}）" if lang == "zh" else " ({})").format(year) if year else ""
    return L_KIND.get(lang), kind_label(report).get(lang) + shown


def one_year_note(n: int, lang: Lang) -> str:
    return L_ONE_YEAR.format(lang, n=n)


def plan_lines(report: FileReport, lang: Lang) -> list[str]:
    """A filing's plan targets, one line each: indicator, actual / target, completion, state."""
    if report.filing is None or not report.filing.plan:
        return []
    lines = ["", L_PLAN.get(lang)]
    for p in report.filing.plan:
        done = "" if p.completion is None else f"  {p.completion * 100:.0f}%"
        figures = f"{_num(p.actual)} / {_num(p.target)}{(' ' + p.unit) if p.unit else ''}"
        state = p.state.label.get(lang)
        lines.append(f"- {p.indicator}  {figures}{done}  {state}")
    return lines


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def filing_dict(filing: Filing, lang: Lang) -> dict[str, Any]:
    """A filing's facts as JSON (every fact with its cell: ``sheet``, ``cell``)."""

    def where(location: Any) -> dict[str, Any] | None:
        return None if location is None else location.to_dict()

    return {
        "kind": filing.kind.value,
        "outcome": filing.outcome.value if filing.outcome else None,
        "outcome_label": filing.outcome.label.get(lang) if filing.outcome else None,
        "operator_uscc": filing.operator_uscc,
        "cluster_name": filing.cluster_name,
        "operator_name": filing.operator_name,
        "batch": filing.batch,
        "edition": filing.edition,
        "valid_from": _date(filing.valid_from),
        "valid_to": _date(filing.valid_to),
        "year": filing.year,
        "filed_on": _date(filing.filed_on),
        "criteria_not_met": [c.code for c in filing.criteria_not_met],
        "criteria": [
            {
                "code": c.code,
                "title": c.title.get(lang),
                "status": c.status.value,
                "hard": c.hard,
                "self_assessed": c.self_assessed,
                "reason": c.reason,
                "location": where(c.location),
            }
            for c in filing.criteria
        ],
        "plan": [
            {
                "indicator": p.indicator,
                "unit": p.unit,
                "base": p.base,
                "target": p.target,
                "actual": p.actual,
                "completion": p.completion,
                "state": p.state.value,
                "state_label": p.state.label.get(lang),
                "location": where(p.location),
            }
            for p in filing.plan
        ],
        "changes": [
            {
                "item": c.item,
                "changed": c.changed,
                "reported": c.reported,
                "reported_on": _date(c.reported_on),
                "unreported": c.unreported,
                "location": where(c.location),
            }
            for c in filing.changes
        ],
        "incidents": [
            {
                "kind": i.kind,
                "on": _date(i.on),
                "description": i.description,
                "location": where(i.location),
            }
            for i in filing.incidents
        ],
        "cells": {k: v.to_dict() for k, v in filing.cells.items()},
    }
