"""What monitoring finds per registered cluster: the reports due, the re-review, the revocation
grounds with their evidence, the concerns, and the status (docs/monitoring.md, "The rule").

Plain data, built in the parent from the registry and the filings the workers assessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clusterctl.diagnostics import Finding, Location
from clusterctl.i18n import Text, t
from clusterctl.lifecycle.model import CriterionCheck, Filing, FilingKind, PlanTarget


class ClusterStatus(StrEnum):
    NORMAL = "normal"  # 正常
    ATTENTION = "attention"  # 需关注
    REVOKE = "revoke"  # 建议撤销


STATUS_LABELS = {
    ClusterStatus.NORMAL: t("正常", "normal"),
    ClusterStatus.ATTENTION: t("需关注", "needs attention"),
    ClusterStatus.REVOKE: t("建议撤销", "revocation advised"),
}
STATUS_ORDER = {ClusterStatus.REVOKE: 0, ClusterStatus.ATTENTION: 1, ClusterStatus.NORMAL: 2}


class ReportState(StrEnum):
    FILED = "filed"  # 已报送 (on time, or no date given: see the concern)
    LATE = "late"  # 逾期报送: filed_on after the deadline
    MISSING = "missing"  # 未报送: the deadline passed without a report
    NOT_DUE = "not-due"  # 未到期: the deadline has not passed


REPORT_LABELS = {
    ReportState.FILED: t("已报送", "filed"),
    ReportState.LATE: t("逾期报送", "filed late"),
    ReportState.MISSING: t("未报送", "missing"),
    ReportState.NOT_DUE: t("未到截止日", "not yet due"),
}


class RereviewState(StrEnum):
    NOT_DUE = "not-due"  # expiry more than the warning period away
    DUE = "due"  # expiry within the warning period, no re-review filed
    EXPIRED = "expired"  # expiry passed, no re-review filed: ground 1
    PASSED = "passed"  # a re-review filed, every hard criterion met
    FAILED = "failed"  # a re-review filed with a failed item: ground 1
    UNKNOWN = "unknown"  # no expiry date in the registry


REREVIEW_LABELS = {
    RereviewState.NOT_DUE: t("未到复核期", "not yet due"),
    RereviewState.DUE: t("应启动复核", "re-review due"),
    RereviewState.EXPIRED: t("有效期满未复核", "expired without re-review"),
    RereviewState.PASSED: t("复核通过", "re-review passed"),
    RereviewState.FAILED: t("复核未通过", "re-review failed"),
    RereviewState.UNKNOWN: t("有效期不明", "validity unknown"),
}

KIND_LABELS = {
    FilingKind.ANNUAL_REPORT: t("年度报告", "annual report"),
    FilingKind.REREVIEW: t("复核申报表", "re-review"),
}

# Beijing measures 第十七条: the five revocation grounds
GROUND_TITLES = {
    1: t("有效期满未申请复核或经复核未通过", "expired without a re-review, or failed it"),
    2: t("虚假申报或违法违规", "false declaration or violations"),
    3: t("未及时报送年度情况，不配合监测", "annual report not filed; no cooperation"),
    4: t("重大变动未及时报备", "major change not reported"),
    5: t("发生较大及以上事故或偷税漏税、严重失信等", "serious incident, tax evasion, dishonesty"),
}
NOT_SHOWN_BY_DATA = {
    2: t(
        "第（二）项（虚假申报、违法违规）无法从报送数据判断，须核查材料或执法信息",
        "Ground 2 (false declaration, violations) cannot be shown by the filed data: it needs "
        "a review of the materials or enforcement records",
    ),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a ground or a concern was read: a file and, when known, its sheet and cell."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None

    @classmethod
    def of(cls, location: Location | None, file: str | None = None) -> Evidence:
        if location is None:
            return cls(file or "")
        return cls(location.file or file or "", location.sheet, location.cell, location.field)

    def ref(self) -> str:
        where = "!".join(p for p in (self.sheet, self.cell) if p)
        return f"{self.file} {where}".strip()


@dataclass(frozen=True, slots=True)
class Ground:
    """A revocation ground found (Beijing 第十七条 (一)–(五)) with its evidence."""

    number: int
    detail: Text
    evidence: Evidence

    @property
    def title(self) -> Text:
        return GROUND_TITLES[self.number]


@dataclass(frozen=True, slots=True)
class Concern:
    """Something that needs the bureau's attention without being a ground."""

    key: str  # late, rereview-due, plan-behind, criterion-not-met, registry, filing, undated
    detail: Text
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Registered:
    """One row of the registry."""

    row: int  # the worksheet row
    name: str | None
    operator_name: str | None
    operator_uscc: str | None  # normalised (upper case, no spaces)
    batch: str | None
    edition: str | None
    region: str | None
    valid_from: date | None
    valid_to: date | None
    note: str | None
    location: Location  # the row's cluster-name cell
    cells: dict[str, Location] = field(default_factory=dict)  # column key -> cell

    @property
    def list_year(self) -> int | None:
        """The recognition list's year: the batch's first year, else the validity's start."""
        import re

        found = re.search(r"(19|20)\d\d", self.batch or "")
        if found:
            return int(found.group(0))
        return self.valid_from.year if self.valid_from else None

    def evidence(self, column: str = "cluster_name") -> Evidence:
        return Evidence.of(self.cells.get(column, self.location))


@dataclass(frozen=True, slots=True)
class ReportCheck:
    """The annual report of one reporting year against its deadline."""

    year: int
    deadline: date
    state: ReportState
    file: str | None = None
    filed_on: date | None = None
    days_late: int | None = None
    evidence: Evidence | None = None  # the 填报日期 cell, or the registry row when missing


@dataclass(frozen=True, slots=True)
class PlanLine:
    file: str
    year: int | None
    kind: FilingKind
    target: PlanTarget


@dataclass(frozen=True, slots=True)
class CriterionLine:
    file: str
    year: int | None
    kind: FilingKind
    check: CriterionCheck


@dataclass(slots=True)
class Assessment:
    """One registered cluster, judged as of a date."""

    cluster: Registered
    status: ClusterStatus = ClusterStatus.NORMAL
    reports: list[ReportCheck] = field(default_factory=list)
    days_to_expiry: int | None = None
    rereview: RereviewState = RereviewState.UNKNOWN
    rereview_file: str | None = None
    grounds: list[Ground] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    plan: list[PlanLine] = field(default_factory=list)
    criteria_not_met: list[CriterionLine] = field(default_factory=list)
    filings: list[Filing] = field(default_factory=list)


@dataclass(slots=True)
class Collected:
    """What the worker keeps of one input file for monitoring (picklable, small)."""

    path: str
    kind: str
    filing: Filing | None
    errors: int
    first_error: Finding | None = None


@dataclass(slots=True)
class MonitorResult:
    """The whole run: every registered cluster assessed, ranked; the findings of the run."""

    registry: str
    as_of: date
    assessments: list[Assessment]
    findings: list[Finding]  # registry problems, unmatched / duplicate filings, non-filings
    files: list[Collected]
    options: dict[str, object] = field(default_factory=dict)

    def counts(self) -> dict[ClusterStatus, int]:
        counts = dict.fromkeys(ClusterStatus, 0)
        for a in self.assessments:
            counts[a.status] += 1
        return counts
