"""The status rule of one registered cluster, on Filing objects built here (docs/monitoring.md).

Beijing's deadline: the report on year Y by Y+1-03-31 (lifecycle/calendars.toml); judged as of
2026-04-15, the reports on 2024 (due 2025-03-31) and 2025 (due 2026-03-31) are due.
"""

from __future__ import annotations

from datetime import date, timedelta

from clusterctl.diagnostics import Location
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Text
from clusterctl.lifecycle.model import (
    CriterionCheck,
    Filing,
    FilingKind,
    Incident,
    MajorChange,
    PlanState,
    PlanTarget,
)
from clusterctl.monitoring.model import ClusterStatus, Registered, ReportState, RereviewState
from clusterctl.monitoring.rules import REREVIEW_WARNING_DAYS, assess
from clusterctl.monitoring.run import calendar_deadline

AS_OF = date(2026, 4, 15)
CODE = "12110108MB0000001L"
DEADLINE = calendar_deadline()


def cluster(list_year: int = 2024, **over) -> Registered:
    loc = Location("registry.xlsx", "认定名录", 4, 2, "clusters.0.cluster_name")
    fields = {
        "row": 4,
        "name": "北京市海淀区智能网联汽车产业集群",
        "operator_name": "促进中心",
        "operator_uscc": CODE,
        "batch": f"{list_year}年度",
        "edition": "beijing-2023",
        "region": "海淀区",
        "valid_from": date(list_year, 1, 1),
        "valid_to": date(list_year + 2, 12, 31),
        "note": None,
        "location": loc,
        "cells": {
            "cluster_name": loc,
            "valid_to": Location("registry.xlsx", "认定名录", 4, 9, "clusters.0.valid_to"),
        },
    }
    fields.update(over)
    return Registered(**fields)


def report(year: int, filed_on: date | None, **over) -> Filing:
    file = f"r{year}.xlsx"
    cell = Location(file, "集群基本情况", 12, 3, "identity.filed_on")
    f = Filing(FilingKind.ANNUAL_REPORT, file, CODE, year=year, filed_on=filed_on)
    f.cells["identity.filed_on"] = cell
    for key, value in over.items():
        setattr(f, key, value)
    return f


def test_reports_on_time_are_normal():
    a = assess(
        cluster(),
        [report(2024, date(2025, 3, 20)), report(2025, date(2026, 3, 31))],
        AS_OF,
        DEADLINE,
    )
    assert [(r.year, r.state) for r in a.reports] == [
        (2024, ReportState.FILED),
        (2025, ReportState.FILED),  # on the deadline day itself: on time
    ]
    assert a.status is ClusterStatus.NORMAL and not a.grounds and not a.concerns
    assert a.days_to_expiry == (date(2026, 12, 31) - AS_OF).days  # 260
    assert a.rereview is RereviewState.NOT_DUE


def test_a_report_filed_after_the_deadline_is_late_and_needs_attention():
    a = assess(
        cluster(), [report(2024, date(2025, 3, 1)), report(2025, date(2026, 4, 8))], AS_OF, DEADLINE
    )
    late = a.reports[-1]
    assert (late.state, late.days_late, late.deadline) == (ReportState.LATE, 8, date(2026, 3, 31))
    assert late.evidence.cell == "C12"
    assert a.status is ClusterStatus.ATTENTION and [c.key for c in a.concerns] == ["late"]


def test_a_missing_report_is_ground_3_with_the_registry_row_as_evidence():
    a = assess(cluster(), [report(2024, date(2025, 3, 1))], AS_OF, DEADLINE)
    assert a.reports[-1].state is ReportState.MISSING
    assert [(g.number, g.evidence.file, g.evidence.cell) for g in a.grounds] == [
        (3, "registry.xlsx", "B4")
    ]
    assert a.status is ClusterStatus.REVOKE


def test_before_the_deadline_the_report_is_not_yet_due():
    a = assess(cluster(), [report(2024, date(2025, 3, 1))], date(2026, 3, 1), DEADLINE)
    assert a.reports[-1].state is ReportState.NOT_DUE
    assert a.status is ClusterStatus.NORMAL


def test_years_before_the_recognition_are_not_judged():
    a = assess(cluster(2025), [report(2025, date(2026, 3, 10))], AS_OF, DEADLINE)
    assert [r.year for r in a.reports] == [2025]


def test_expired_without_a_rereview_is_ground_1_and_a_failed_item_too():
    reports = [report(2024, date(2025, 3, 1)), report(2025, date(2026, 3, 1))]
    expired = assess(cluster(2023), reports, AS_OF, DEADLINE)
    assert expired.rereview is RereviewState.EXPIRED
    assert [(g.number, g.evidence.cell) for g in expired.grounds] == [(1, "I4")]

    where = Location("rr.xlsx", "逐项自评", 9, 6, "assessment.CR203")
    failed = CriterionCheck(
        "CR203",
        Text("中小企业产值占比", "SME share"),
        Status.NOT_MET,
        True,
        False,
        "订单下降",
        where,
    )
    met = CriterionCheck("CR202", Text("产值", "output"), Status.MET, True, True)
    review = Filing(FilingKind.REREVIEW, "rr.xlsx", CODE, year=2026, criteria=[met, failed])
    a = assess(cluster(2023), [*reports, review], AS_OF, DEADLINE)
    assert a.rereview is RereviewState.FAILED
    assert [(g.number, g.evidence.file, g.evidence.cell) for g in a.grounds] == [
        (1, "rr.xlsx", "F9")
    ]
    assert "订单下降" in a.grounds[0].detail.zh
    passed = Filing(FilingKind.REREVIEW, "rr.xlsx", CODE, year=2026, criteria=[met])
    ok = assess(cluster(2023), [*reports, passed], AS_OF, DEADLINE)
    assert ok.rereview is RereviewState.PASSED and ok.status is ClusterStatus.NORMAL


def test_expiry_within_the_warning_period_makes_the_rereview_due():
    soon = cluster(valid_to=AS_OF + timedelta(REREVIEW_WARNING_DAYS))
    reports = [report(2024, date(2025, 3, 1)), report(2025, date(2026, 3, 1))]
    a = assess(soon, reports, AS_OF, DEADLINE)
    assert (a.rereview, a.days_to_expiry) == (RereviewState.DUE, REREVIEW_WARNING_DAYS)
    assert a.status is ClusterStatus.ATTENTION


def test_an_unreported_change_is_ground_4_and_an_incident_ground_5():
    change_cell = Location("r2025.xlsx", "重大变化", 6, 3, "changes.operator")
    incident_cell = Location("r2025.xlsx", "负面事项", 4, 3, "incidents.0.kind")
    changes = [
        MajorChange("operator", True, False, None, change_cell),
        MajorChange("area", True, True, date(2025, 6, 1), change_cell),  # reported: no ground
    ]
    incidents = [Incident("安全事故", date(2025, 8, 12), "火灾", incident_cell)]
    reports = [
        report(2024, date(2025, 3, 1)),
        report(2025, date(2026, 3, 1), changes=changes, incidents=incidents),
    ]
    a = assess(cluster(), reports, AS_OF, DEADLINE)
    assert [(g.number, g.evidence.sheet, g.evidence.cell) for g in a.grounds] == [
        (4, "重大变化", "C6"),
        (5, "负面事项", "C4"),
    ]
    assert a.status is ClusterStatus.REVOKE


def test_plan_behind_and_criteria_no_longer_met_need_attention():
    where = Location("r2025.xlsx", "发展规划目标进展", 4, 4, "plan.0.target")
    behind = PlanTarget("集群总产值", "亿元", 50, 60, 51, 0.1, PlanState.BEHIND, where)
    met = PlanTarget("专利", "件", 250, 310, 312, 1.0, PlanState.MET, where)
    not_met = CriterionCheck("CR203", Text("中小企业产值占比", "SME share"), Status.NOT_MET, True)
    reports = [
        report(2024, date(2025, 3, 1)),
        report(2025, date(2026, 3, 1), plan=[behind, met], criteria=[not_met]),
    ]
    a = assess(cluster(), reports, AS_OF, DEADLINE)
    assert sorted(c.key for c in a.concerns) == ["criterion-not-met", "plan-behind"]
    assert len(a.plan) == 2 and a.criteria_not_met[0].check.code == "CR203"
    assert a.status is ClusterStatus.ATTENTION


def test_an_undated_report_is_filed_but_needs_attention():
    a = assess(cluster(), [report(2024, date(2025, 3, 1)), report(2025, None)], AS_OF, DEADLINE)
    assert a.reports[-1].state is ReportState.FILED
    assert [c.key for c in a.concerns] == ["undated"]


def test_a_list_year_the_calendar_does_not_cover_has_no_deadline():
    old = cluster(2021)  # Beijing's calendar starts with the 2023 list
    a = assess(old, [], date(2023, 6, 1), DEADLINE)
    assert {c.key for c in a.concerns} == {"no-deadline"}
    assert not any(g.number == 3 for g in a.grounds)
