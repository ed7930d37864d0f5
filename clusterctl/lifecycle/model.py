"""What one lifecycle filing (an annual report or a re-review workbook) says, as ``check``
assessed it: the facts ``monitor`` judges a registered cluster by.

Plain picklable data: a filing is built in the worker (the per-file pipeline) and travels back
to the parent in :class:`clusterctl.report.FileReport.filing`. Every fact carries the cell it
was read from, so a revocation ground or a missed target can name its evidence (file, sheet,
cell).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clusterctl.diagnostics import Location
from clusterctl.evaluation.model import Status
from clusterctl.i18n import Text


class FilingKind(StrEnum):
    ANNUAL_REPORT = "annual-report"  # 年度发展报告
    REREVIEW = "rereview"  # 复核申报表


class PlanState(StrEnum):
    MET = "met"  # the actual reached the target
    ON_TRACK = "on-track"  # not reached, but far enough along for the time elapsed
    BEHIND = "behind"  # not reached and not far enough along
    UNKNOWN = "unknown"  # a value is missing or doubted: no judgement

    @property
    def label(self) -> Text:
        """The state as every output shows it (check, monitor)."""
        return _PLAN_LABELS[self]


_PLAN_LABELS = {
    PlanState.MET: Text("已完成", "met"),
    PlanState.ON_TRACK: Text("接近完成", "on track"),
    PlanState.BEHIND: Text("未达进度", "behind"),
    PlanState.UNKNOWN: Text("无法判断", "unknown"),
}


class FilingOutcome(StrEnum):
    """A filing's verdict line (docs/scoring.md, "Lifecycle filings"). Application verdicts
    (:class:`~clusterctl.evaluation.model.Verdict`) are not these."""

    STILL_MEETS = "still-meets"  # annual report: every criterion judged on the year is met
    PARTLY_UNMET = "partly-unmet"  # annual report: a hard criterion judged is no longer met
    GROUNDS_FOUND = "grounds-found"  # annual report: a revocation ground (第十七条) is stated
    PASSES = "passes"  # re-review: every hard criterion met on the three years
    FAILS = "fails"  # re-review: a hard criterion not met (第十七条 (一))
    INCOMPLETE = "incomplete"  # data a hard criterion needs is missing

    @property
    def label(self) -> Text:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    FilingOutcome.STILL_MEETS: Text("仍符合认定标准", "still meets the standard"),
    FilingOutcome.PARTLY_UNMET: Text("部分条件不再满足", "some criteria no longer met"),
    FilingOutcome.GROUNDS_FOUND: Text("存在撤销认定情形", "a ground for revocation found"),
    FilingOutcome.PASSES: Text("复核条件均满足", "meets the re-review criteria"),
    FilingOutcome.FAILS: Text("复核不通过", "fails the re-review"),
    FilingOutcome.INCOMPLETE: Text("材料不全", "incomplete"),
}


@dataclass(frozen=True, slots=True)
class PlanTarget:
    """One measurable target of the cluster's three-year development plan against its actual."""

    indicator: str  # as the filing names it
    unit: str | None
    base: float | None  # the base-year value
    target: float | None  # the target the filing compares with (the year's, or the final one)
    actual: float | None
    completion: float | None  # share of the way from base to target (1.0 = reached); None: n/a
    state: PlanState
    location: Location  # the row's target cell


@dataclass(frozen=True, slots=True)
class MajorChange:
    """A change of leading industry, area or operating body (Beijing 第十七条 (四))."""

    item: str  # "leading_industry" | "area" | "operator"
    changed: bool | None
    reported: bool | None
    reported_on: date | None
    location: Location  # the 是否变化 cell

    @property
    def unreported(self) -> bool:
        return self.changed is True and self.reported is not True


@dataclass(frozen=True, slots=True)
class Incident:
    """An entry of the negative list in the year (accident, tax evasion, serious dishonesty)."""

    kind: str  # as chosen in the workbook: 安全事故, 质量事故, 环境污染, 偷税漏税, 严重失信, 其他
    on: date | None
    description: str | None
    location: Location  # the row's kind cell


@dataclass(frozen=True, slots=True)
class CriterionCheck:
    """One criterion of the edition re-checked on the filing's year(s)."""

    code: str
    title: Text
    status: Status  # as the evaluator found it on the filing's figures
    hard: bool
    self_assessed: bool | None = None  # the re-review's 自评 (是否满足), None when not given
    reason: str | None = None  # the re-review's stated reason for an item not met
    location: Location | None = None  # where the evidence is (the figure, or the 自评 row)


@dataclass(slots=True)
class Filing:
    """An annual report or a re-review, assessed: identity, criteria, plan, changes, incidents."""

    kind: FilingKind
    file: str
    operator_uscc: str | None  # normalised (upper case, no spaces): the registry's match key
    cluster_name: str | None = None
    operator_name: str | None = None
    batch: str | None = None
    edition: str | None = None  # the pack id the filing was assessed against
    valid_from: date | None = None
    valid_to: date | None = None
    year: int | None = None  # the reporting year, or the re-review year
    filed_on: date | None = None  # 填报日期 as the filing states it
    criteria: list[CriterionCheck] = field(default_factory=list)
    plan: list[PlanTarget] = field(default_factory=list)
    changes: list[MajorChange] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    # identity field key (e.g. "identity.operator_uscc") -> the cell it was read from
    cells: dict[str, Location] = field(default_factory=dict)
    outcome: FilingOutcome | None = None  # the verdict line check shows (None: not assessed)

    @property
    def criteria_not_met(self) -> list[CriterionCheck]:
        return [c for c in self.criteria if c.status is Status.NOT_MET]

    @property
    def unreported_changes(self) -> list[MajorChange]:
        return [c for c in self.changes if c.unreported]
