"""Results of evaluating one application against one pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clusterctl.diagnostics import Location
from clusterctl.i18n import Text, t


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    WARNING = "warning"  # a soft criterion not met
    MISSING = "missing"  # data needed is missing or unreadable
    REVIEW = "review"  # qualitative: needs expert review of the evidence
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> Text:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.MET: t("达标", "met"),
    Status.NOT_MET: t("未达标", "not met"),
    Status.WARNING: t("警示", "warning"),
    Status.MISSING: t("缺数据", "missing data"),
    Status.REVIEW: t("待专家评审", "needs review"),
    Status.NOT_APPLICABLE: t("不适用", "n/a"),
}


class Verdict(StrEnum):
    ELIGIBLE = "eligible"  # 符合
    INELIGIBLE = "ineligible"  # 不符合
    INCOMPLETE = "incomplete"  # 材料不全
    UNREADABLE = "unreadable"  # 无法读取 (file level; no evaluation)

    @property
    def label(self) -> Text:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.ELIGIBLE: t("符合", "eligible"),
    Verdict.INELIGIBLE: t("不符合", "ineligible"),
    Verdict.INCOMPLETE: t("材料不全", "incomplete"),
    Verdict.UNREADABLE: t("无法读取", "unreadable"),
}


@dataclass(slots=True)
class CriterionResult:
    code: str
    status: Status
    value: float | None = None  # the computed value compared with the threshold
    unit: str | None = None
    threshold: float | None = None
    op: str | None = None  # Op value
    years: list[int] = field(default_factory=list)  # years used
    per_year: dict[int, float | None] = field(default_factory=dict)  # the series it came from
    sentence: Text = field(default_factory=lambda: Text("", ""))  # read-aloud explanation
    note: Text | None = None  # e.g. "年均增速按复合增长率计算"
    unconfirmed: bool = False  # the threshold is not confirmed from the official text
    credit: float = 0.0  # 0..1, share of the weight earned
    weight: float = 0.0
    locations: list[Location] = field(default_factory=list)  # cells the value was read from
    detail: dict[str, Any] = field(default_factory=dict)  # kind-specific facts (counts, …)

    @property
    def points(self) -> float:
        return self.credit * self.weight


@dataclass(slots=True)
class DimensionScore:
    dimension: str  # Dimension value
    points: float
    possible: float

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.possible if self.possible else 0.0


@dataclass(slots=True)
class Evaluation:
    pack_id: str
    verdict: Verdict
    score: float  # 0..100
    results: list[CriterionResult]
    dimensions: list[DimensionScore]
    unconfirmed_used: list[str] = field(default_factory=list)  # codes with unconfirmed numbers
    ignored: list[str] = field(default_factory=list)  # criterion codes turned off by config

    def result(self, code: str) -> CriterionResult:
        for r in self.results:
            if r.code == code:
                return r
        raise KeyError(code)

    def to_rows(self) -> list[tuple[str, str]]:
        """Flattened for one-line test assertions: (code, status)."""
        return [(r.code, r.status.value) for r in self.results]
