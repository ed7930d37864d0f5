"""The status of one registered cluster as of a date: the one rule (docs/monitoring.md).

- **建议撤销** (revoke) when any revocation ground of Beijing 第十七条 is found: (1) the validity
  expired without a re-review, or a re-review failed (a hard criterion not met, by the figures
  or by the cluster's own assessment); (3) an annual report missing after its deadline; (4) a
  major change (leading industry, area, operating body) not reported; (5) an incident on the
  negative list. Ground (2) cannot be shown by data and is never found here.
- **需关注** (attention) when no ground but any concern: a report filed late or without a date,
  a re-review due within :data:`REREVIEW_WARNING_DAYS`, a plan target behind, a criterion no
  longer met, a filing twice for one year or with errors, a problem in the registry row, no
  known deadline.
- **正常** (normal) otherwise.

The reporting years judged: the one due for ``as_of`` (the year before its year) and the
:data:`LOOKBACK_YEARS` - 1 before it, each only when the cluster was recognised in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from clusterctl.evaluation.model import Status
from clusterctl.i18n import Text, t
from clusterctl.lifecycle.model import Filing, FilingKind, PlanState
from clusterctl.monitoring.model import (
    Assessment,
    ClusterStatus,
    Concern,
    CriterionLine,
    Evidence,
    Ground,
    PlanLine,
    Registered,
    ReportCheck,
    ReportState,
    RereviewState,
)
from clusterctl.workbook.normalize import CHOICE_LABELS

REREVIEW_WARNING_DAYS = 183  # about six months before expiry the re-review is due
LOOKBACK_YEARS = 2  # the reporting year due and the one before it

# (cluster, reporting year) -> the deadline, or None when the calendar knows none
Deadline = Callable[[Registered, int], date | None]

CHANGE_LABELS = {
    "leading_industry": t("主导产业", "leading industry"),
    "area": t("集群范围", "cluster area"),
    "operator": t("运营管理机构", "operating body"),
}


def first_filed(filings: Iterable[Filing]) -> Filing:
    """The filing judged among several for one year: the one filed first (undated last)."""
    return min(filings, key=lambda f: (f.filed_on is None, f.filed_on or date.max, f.file))


def by_year(filings: Iterable[Filing], kind: FilingKind) -> dict[int | None, list[Filing]]:
    found: dict[int | None, list[Filing]] = {}
    for f in filings:
        if f.kind is kind:
            found.setdefault(f.year, []).append(f)
    return found


def reporting_years(cluster: Registered, as_of: date) -> list[int]:
    due = as_of.year - 1
    years = range(due - LOOKBACK_YEARS + 1, due + 1)
    first = cluster.valid_from.year if cluster.valid_from else None
    last = cluster.valid_to.year if cluster.valid_to else None
    return [y for y in years if (first is None or y >= first) and (last is None or y <= last)]


def assess(
    cluster: Registered,
    filings: list[Filing],
    as_of: date,
    deadline_of: Deadline,
    registry_problems: Iterable[Concern] = (),
    filing_problems: Iterable[Concern] = (),
) -> Assessment:
    """The cluster's reports, re-review, grounds, concerns and status as of ``as_of``."""
    a = Assessment(cluster, filings=list(filings))
    a.concerns.extend(registry_problems)
    a.concerns.extend(filing_problems)
    _reports(a, as_of, deadline_of)
    _rereview(a, as_of)
    for f in a.filings:
        _changes_and_incidents(a, f)
    _plan_and_criteria(a)
    a.status = (
        ClusterStatus.REVOKE
        if a.grounds
        else ClusterStatus.ATTENTION
        if a.concerns
        else ClusterStatus.NORMAL
    )
    return a


def _reports(a: Assessment, as_of: date, deadline_of: Deadline) -> None:
    reports = by_year(a.filings, FilingKind.ANNUAL_REPORT)
    for year in reporting_years(a.cluster, as_of):
        deadline = deadline_of(a.cluster, year)
        filed = reports.get(year)
        report = first_filed(filed) if filed else None
        if deadline is None:
            a.concerns.append(
                Concern(
                    "no-deadline",
                    Text(
                        f"{year} 年度报告：日历中没有该认定标准的报送截止日，无法判断是否逾期",
                        f"the {year} report: the calendar has no deadline for this edition",
                    ),
                    a.cluster.evidence("edition"),
                )
            )
            if report is not None:
                a.reports.append(ReportCheck(year, date.max, ReportState.FILED, report.file))
            continue
        if report is None:
            state = ReportState.NOT_DUE if as_of <= deadline else ReportState.MISSING
            check = ReportCheck(year, deadline, state, evidence=a.cluster.evidence())
            a.reports.append(check)
            if state is ReportState.MISSING:
                a.grounds.append(
                    Ground(
                        3,
                        Text(
                            f"{year} 年度报告截至 {deadline.isoformat()} 未报送",
                            f"no {year} report by the deadline {deadline.isoformat()}",
                        ),
                        a.cluster.evidence(),
                    )
                )
            continue
        cell = report.cells.get("identity.filed_on")
        evidence = Evidence.of(cell, report.file)
        if report.filed_on is None:
            a.reports.append(ReportCheck(year, deadline, ReportState.FILED, report.file, None))
            a.concerns.append(
                Concern(
                    "undated",
                    Text(
                        f"{year} 年度报告未填写填报日期，无法判断是否按时报送",
                        f"the {year} report gives no filing date: timeliness unknown",
                    ),
                    evidence,
                )
            )
            continue
        late = (report.filed_on - deadline).days
        state = ReportState.LATE if late > 0 else ReportState.FILED
        a.reports.append(
            ReportCheck(year, deadline, state, report.file, report.filed_on, max(late, 0), evidence)
        )
        if state is ReportState.LATE:
            a.concerns.append(
                Concern(
                    "late",
                    Text(
                        f"{year} 年度报告于 {report.filed_on.isoformat()} 报送，"
                        f"逾期 {late} 天（截止 {deadline.isoformat()}）",
                        f"the {year} report was filed {report.filed_on.isoformat()}, {late} "
                        f"day(s) after the deadline {deadline.isoformat()}",
                    ),
                    evidence,
                )
            )


def failed_items(filing: Filing) -> list:
    """A re-review's failed items: hard criteria not met by the figures, or assessed as not met
    by the cluster itself."""
    return [
        c
        for c in filing.criteria
        if (c.hard and c.status is Status.NOT_MET) or c.self_assessed is False
    ]


def _rereview(a: Assessment, as_of: date) -> None:
    valid_to = a.cluster.valid_to
    if valid_to is not None:
        a.days_to_expiry = (valid_to - as_of).days
    reviews = [f for f in a.filings if f.kind is FilingKind.REREVIEW]
    if reviews:
        review = max(reviews, key=lambda f: (f.year or 0, f.filed_on or date.min, f.file))
        a.rereview_file = review.file
        failed = failed_items(review)
        a.rereview = RereviewState.FAILED if failed else RereviewState.PASSED
        for c in failed:
            reason = c.reason or "（未说明原因）"
            reason_en = c.reason or "(no reason given)"
            a.grounds.append(
                Ground(
                    1,
                    Text(
                        f"复核未通过：{c.code} {c.title.zh}不满足；原因：{reason}",
                        f"re-review failed: {c.code} {c.title.en} not met; reason: {reason_en}",
                    ),
                    Evidence.of(c.location, review.file),
                )
            )
        return
    if a.days_to_expiry is None:
        a.rereview = RereviewState.UNKNOWN
    elif a.days_to_expiry < 0:
        a.rereview = RereviewState.EXPIRED
        assert valid_to is not None
        a.grounds.append(
            Ground(
                1,
                Text(
                    f"有效期已于 {valid_to.isoformat()} 届满，未报送复核申报表",
                    f"the validity ended {valid_to.isoformat()}; no re-review was filed",
                ),
                a.cluster.evidence("valid_to"),
            )
        )
    elif a.days_to_expiry <= REREVIEW_WARNING_DAYS:
        a.rereview = RereviewState.DUE
        a.concerns.append(
            Concern(
                "rereview-due",
                Text(
                    f"有效期 {a.days_to_expiry} 天后届满（{valid_to}）：应组织复核",
                    f"the validity ends in {a.days_to_expiry} day(s) ({valid_to}): "
                    "a re-review is due",
                ),
                a.cluster.evidence("valid_to"),
            )
        )
    else:
        a.rereview = RereviewState.NOT_DUE


def _changes_and_incidents(a: Assessment, f: Filing) -> None:
    for change in f.unreported_changes:
        label = CHANGE_LABELS.get(change.item, Text(change.item, change.item))
        a.grounds.append(
            Ground(
                4,
                Text(
                    f"{f.year or ''} 年{label.zh}发生变化，未报备",
                    f"the {label.en} changed in {f.year or '?'} and was not reported",
                ),
                Evidence.of(change.location, f.file),
            )
        )
    for incident in f.incidents:
        on = incident.on.isoformat() if incident.on else "?"
        text = (incident.description or "").strip()
        kind = CHOICE_LABELS.get(incident.kind, Text(incident.kind, incident.kind))
        a.grounds.append(
            Ground(
                5,
                Text(
                    f"{on} {kind.zh}：{text}（须核实等级）",
                    f"{on} {kind.en}: {text} (its severity to be verified)",
                ),
                Evidence.of(incident.location, f.file),
            )
        )


def _plan_and_criteria(a: Assessment) -> None:
    """Plan progress and criteria from the latest annual report and the re-review."""
    latest: list[Filing] = []
    reports = [f for f in a.filings if f.kind is FilingKind.ANNUAL_REPORT]
    if reports:
        latest.append(max(reports, key=lambda f: (f.year or 0, f.filed_on or date.min, f.file)))
    latest += [f for f in a.filings if f.kind is FilingKind.REREVIEW and f.file == a.rereview_file]
    for f in latest:
        for target in f.plan:
            a.plan.append(PlanLine(f.file, f.year, f.kind, target))
            if target.state is PlanState.BEHIND:
                a.concerns.append(
                    Concern(
                        "plan-behind",
                        Text(
                            f"规划目标“{target.indicator}”未达进度（目标 {_n(target.target)}，"
                            f"实际 {_n(target.actual)}）",
                            f"plan target '{target.indicator}' behind (target "
                            f"{_n(target.target)}, actual {_n(target.actual)})",
                        ),
                        Evidence.of(target.location, f.file),
                    )
                )
        if f.kind is FilingKind.ANNUAL_REPORT:
            for c in f.criteria_not_met:
                a.criteria_not_met.append(CriterionLine(f.file, f.year, f.kind, c))
                a.concerns.append(
                    Concern(
                        "criterion-not-met",
                        Text(
                            f"{f.year} 年度已不满足：{c.code} {c.title.zh}",
                            f"no longer met in {f.year}: {c.code} {c.title.en}",
                        ),
                        Evidence.of(c.location, f.file),
                    )
                )


def _n(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"
