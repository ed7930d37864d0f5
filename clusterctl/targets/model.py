"""A monitoring pack (province-wide targets over annual reports) and what evaluating it gives.

A monitoring pack is not a recognition standard: it has no verdict. It declares the indicators
each cluster's annual report gives for the year (``[[indicators]]``, as a criteria pack does),
the scale tiers a cluster falls in (``[[tiers]]``) and the province's targets
(``[[targets]]``), which the clusters' figures add up to. :mod:`.evaluate` gives each cluster
its tier and its contribution to each target; :mod:`.aggregate` the province's progress.

The annual-report workbook is written and read by the workbook package from
:meth:`TargetPack.workbook_pack`, a :class:`~clusterctl.criteria.model.Pack` whose input
indicators are exactly the ones the targets and tiers read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from clusterctl.criteria.model import IndicatorSpec, Op, Pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.i18n import Text, t


class TargetKind(StrEnum):
    TIER_COUNT = "tier-count"  # clusters in a scale tier (or higher, cumulative)
    TOTAL = "total"  # the sum of the clusters' figures
    WEIGHTED_AVERAGE = "weighted-average"  # a share averaged, weighted by the scale indicator
    MARGIN = "margin"  # a weighted average minus a reference (the provincial average)
    RATIO = "ratio"  # sum of a part over sum of its whole, in %


class ProgressState(StrEnum):
    REACHED = "reached"  # the comparison holds
    NOT_YET = "not-yet"  # it does not (yet): progress is the share of the target
    IN_BAND = "in-band"  # a 左右 target: within the band around it
    BELOW_BAND = "below-band"
    ABOVE_BAND = "above-band"
    COUNTED = "counted"  # no number in the text (一批): reported, not measured
    NO_DATA = "no-data"  # no cluster gave the figures


STATE_LABELS: dict[ProgressState, Text] = {
    ProgressState.REACHED: t("已达到", "reached"),
    ProgressState.NOT_YET: t("未达到", "not yet"),
    ProgressState.IN_BAND: t("在目标区间内", "within the band"),
    ProgressState.BELOW_BAND: t("低于目标区间", "below the band"),
    ProgressState.ABOVE_BAND: t("高于目标区间", "above the band"),
    ProgressState.COUNTED: t("仅统计", "counted only"),
    ProgressState.NO_DATA: t("缺数据", "no data"),
}


@dataclass(frozen=True, slots=True)
class Tier:
    """A scale tier: clusters whose scale indicator meets ``op threshold``; ``named`` are the
    words of the clusters the text names for it (matched in a cluster's name)."""

    key: str
    label: Text
    op: Op
    threshold: float
    clause: str
    named: tuple[str, ...] = ()

    def holds(self, scale: float) -> bool:
        return self.op.holds(scale, self.threshold)


@dataclass(frozen=True, slots=True)
class Target:
    """One province-wide target, quoted from the text (``clause``) for ``year``."""

    code: str
    title: Text
    kind: TargetKind
    clause: str
    year: int
    unit: str
    target: float | None = None  # None: the text gives no number (一批)
    op: Op | None = None  # None for a 左右 target
    metric: str | None = None  # total, weighted-average, margin
    reference: str | None = None  # margin: the indicator it is measured above
    numerator: str | None = None  # ratio
    denominator: str | None = None  # ratio
    tier: str | None = None  # tier-count
    cumulative: bool = False  # tier-count: this tier or a higher one
    about: bool = False  # 左右: a band, reported as progress, not pass/fail
    band: float | None = None  # the band's half width, in the target's unit (about)
    per_cluster: bool = False  # the text sets it for each cluster too (each is compared)
    unit_en: str | None = None  # the unit in English where it is not the usual one
    provenance: str = "reported"  # quoted by a news report of the official text
    interpretation: Text | None = None  # how the tool measures it where the text does not say

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(
            k for k in (self.metric, self.reference, self.numerator, self.denominator) if k
        )

    @property
    def bounds(self) -> tuple[float, float] | None:
        if not self.about or self.target is None or self.band is None:
            return None
        return self.target - self.band, self.target + self.band

    def state_of(self, value: float | None) -> ProgressState:
        """Where ``value`` stands against this target."""
        if self.target is None:
            return ProgressState.COUNTED
        if value is None:
            return ProgressState.NO_DATA
        bounds = self.bounds
        if bounds is not None:
            low, high = bounds
            if value < low:
                return ProgressState.BELOW_BAND
            return ProgressState.ABOVE_BAND if value > high else ProgressState.IN_BAND
        assert self.op is not None
        return ProgressState.REACHED if self.op.holds(value, self.target) else ProgressState.NOT_YET


@dataclass(frozen=True, slots=True)
class MonitoringPack(Pack):
    """The workbook's view of a monitoring pack: no criteria; its input indicators are every
    indicator the targets and tiers read (``extra["reads"]``), in declared order."""

    def input_indicators(self) -> tuple[IndicatorSpec, ...]:
        reads = set(self.extra.get("reads", ()))
        return tuple(i for i in self.indicators if not i.derived and i.key in reads)


@dataclass(frozen=True, slots=True)
class TargetPack:
    id: str
    title: Text
    jurisdiction: Text
    level: str
    edition_year: int
    target_year: int
    source: str
    template_version: str
    scale: str  # the indicator tiers are on and averages are weighted by
    indicators: tuple[IndicatorSpec, ...]
    tiers: tuple[Tier, ...]
    targets: tuple[Target, ...]
    province_code: str | None = None
    source_note: Text | None = None  # a plain string in the file reads the same in both
    path: str | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        """The indicators the tiers and targets read, in declared order."""
        used = {self.scale, *(k for tg in self.targets for k in tg.inputs)}
        return tuple(i.key for i in self.indicators if i.key in used)

    def indicator(self, key: str) -> IndicatorSpec:
        return next(i for i in self.indicators if i.key == key)

    def tier(self, key: str) -> Tier:
        return next(tr for tr in self.tiers if tr.key == key)

    def tier_of(self, scale: float | None) -> Tier | None:
        """The highest tier ``scale`` reaches (tiers are declared highest first)."""
        if scale is None:
            return None
        return next((tr for tr in self.tiers if tr.holds(scale)), None)

    def planned_tier(self, name: str | None) -> Tier | None:
        """The tier the text names a cluster for, by the words of its name (one match only)."""
        if not name:
            return None
        hits = [tr for tr in self.tiers if any(word in name for word in tr.named)]
        return hits[0] if len(hits) == 1 else None

    def workbook_pack(self) -> MonitoringPack:
        return MonitoringPack(
            id=self.id,
            title=self.title,
            jurisdiction=self.jurisdiction,
            level=self.level,
            edition_year=self.edition_year,
            source=self.source,
            template_version=self.template_version,
            criteria=(),
            province_code=self.province_code,
            path=self.path,
            extra={"purpose": "monitoring", "reads": self.reads},
            indicators=self.indicators,
        )


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Contribution:
    """One cluster's part in one target: its own figure (a count, a share, a gap), the weight
    it carries in an average, and for a per-cluster target where it stands."""

    code: str
    value: float | None
    weight: float | None = None
    numerator: float | None = None  # ratio
    denominator: float | None = None  # ratio
    state: ProgressState | None = None  # per-cluster targets and tiers
    location: Location | None = None  # the cell of its figure


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """One annual report evaluated against a monitoring pack."""

    path: str
    name: str | None
    operator_uscc: str | None
    year: int | None
    edition: str | None
    scale: float | None
    tier: str | None  # the key of the highest tier reached, None below every tier
    planned_tier: str | None  # the tier the text names the cluster for (by its name)
    values: dict[str, float | None]  # the indicators read (None: blank or not usable)
    contributions: tuple[Contribution, ...]

    def contribution(self, code: str) -> Contribution | None:
        return next((c for c in self.contributions if c.code == code), None)


@dataclass(slots=True)
class ClusterReport:
    """What the worker sends back for one file: its findings and, if it could be read as an
    annual report, its result."""

    path: str
    sha256: str | None = None
    findings: list[Finding] = field(default_factory=list)
    result: ClusterResult | None = None
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class TargetProgress:
    """The province's figure for one target and where it stands."""

    target: Target
    value: float | None  # the total, average, gap, ratio or count of clusters
    state: ProgressState
    share: float | None  # value / target (1.0 = reached); None when it means nothing
    reported: int  # clusters whose figures went into it
    counted: int  # clusters counted in the year
    reference: float | None = None  # margin: the provincial average used
    in_band: int | None = None  # per-cluster 左右 targets: clusters within the band
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class ProvinceProgress:
    """A batch of annual reports against a monitoring pack, for one reporting year."""

    pack: TargetPack
    year: int | None
    clusters: tuple[ClusterResult, ...]  # counted in the totals, in input order
    excluded: tuple[ClusterResult, ...]  # read but not counted (another year, a duplicate)
    tiers: dict[str, int]  # clusters whose highest tier is each (key "" = below every tier)
    progress: tuple[TargetProgress, ...]
