"""The criteria pack model: an edition of a recognition standard and its criteria.

Packs are TOML files (see ``packs/`` and ``docs/criteria-packs.md``); :mod:`.loader` validates a
file against the schema and builds these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clusterctl.i18n import Text, t


@dataclass(frozen=True, slots=True)
class Section:
    """A section of a pack's standard (一、基本条件 …): declared by the pack, in order.

    ``number`` is its 1-based place in the pack's order. ``value`` is the key, so code written for
    the former ``Dimension`` enum (``c.dimension.value``, ``c.dimension.title``) keeps working.
    """

    key: str
    title: Text
    number: int = 0

    @property
    def value(self) -> str:
        return self.key


class Dimension(StrEnum):
    """COMPATIBILITY SHIM (hand-built packs in tests): the nine sections of the 2022/2023
    standards. Shipped and user packs declare their own ``[[sections]]``; use ``pack.sections``."""

    BASIC = "basic"  # 一、基本条件
    CORE = "core"  # 二、具有较强核心竞争力
    TIERED = "tiered"  # 三、优质中小企业梯度培育成效显著
    CHAIN = "chain"  # 四、产业链供应链协作高效
    INNOVATION = "innovation"  # 五、具有较强协同创新能力
    DIGITAL = "digital"  # 六、数字化转型效果明显
    GREEN = "green"  # 七、具有较高绿色化发展水平
    OPEN = "open"  # 八、积极参与产业开放合作
    GOVERNANCE = "governance"  # 九、具有较强治理和服务能力

    @property
    def key(self) -> str:
        return self.value

    @property
    def number(self) -> int:
        return list(Dimension).index(self) + 1

    @property
    def title(self) -> Text:
        return DIMENSION_TITLES[self]


DIMENSION_TITLES = {
    Dimension.BASIC: t("一、基本条件", "1 Basic conditions"),
    Dimension.CORE: t("二、核心竞争力", "2 Core competitiveness"),
    Dimension.TIERED: t("三、梯度培育", "3 Tiered SME cultivation"),
    Dimension.CHAIN: t("四、产业链供应链", "4 Supply-chain coordination"),
    Dimension.INNOVATION: t("五、协同创新", "5 Collaborative innovation"),
    Dimension.DIGITAL: t("六、数字化转型", "6 Digital transformation"),
    Dimension.GREEN: t("七、绿色化发展", "7 Green development"),
    Dimension.OPEN: t("八、开放合作", "8 Open cooperation"),
    Dimension.GOVERNANCE: t("九、治理和服务", "9 Governance and services"),
}


class Kind(StrEnum):
    THRESHOLD = "threshold"  # an indicator against a number
    COUNT = "count"  # firms of the roster by qualification (alternatives: any one suffices)
    TREND = "trend"  # e.g. keeps falling over the years
    CONDITIONAL = "conditional"  # a threshold that applies only when a flag is set
    QUALITATIVE = "qualitative"  # a condition judged by experts on the evidence given
    DECLARATION = "declaration"  # a commitment the applicant must confirm


class Op(StrEnum):
    """Comparison; the Chinese wording decides strict against inclusive."""

    GT = "gt"  # 高于 / 超过
    GE = "ge"  # 不低于 / 以上 / 不少于
    LT = "lt"  # 低于
    LE = "le"  # 不超过 / 以下

    @property
    def symbol(self) -> str:
        return {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}[self.value]

    @property
    def wording(self) -> Text:
        return {
            "gt": t("高于", "above"),
            "ge": t("不低于", "at least"),
            "lt": t("低于", "below"),
            "le": t("不超过", "at most"),
        }[self.value]

    def holds(self, value: float, threshold: float) -> bool:
        if self is Op.GT:
            return value > threshold
        if self is Op.GE:
            return value >= threshold
        if self is Op.LT:
            return value < threshold
        return value <= threshold

    @property
    def higher_is_better(self) -> bool:
        return self in (Op.GT, Op.GE)


class YearMode(StrEnum):
    EACH = "each"  # every one of the three years must satisfy the comparison
    LATEST = "latest"  # the latest of the three years
    CAGR = "cagr"  # compound annual growth rate over the years given, in %
    DECREASING = "decreasing"  # (trend) strictly falling from year to year
    INCREASING = "increasing"  # (trend) strictly rising from year to year


class Severity(StrEnum):
    HARD = "hard"  # not met makes the application ineligible
    SOFT = "soft"  # not met only warns (一般不超过)


class Provenance(StrEnum):
    """Where a criterion's number (or, without one, its wording) comes from. Confirmed and
    reprinted numbers decide the verdict; an unconfirmed one only warns (scoring.md, rule 8)."""

    CONFIRMED = "confirmed"  # read in the official text (its address in ``source_url``)
    REPRINT = "reprint"  # read in a verbatim reprint (its address in ``source_url``)
    UNCONFIRMED = "unconfirmed"  # not found in the text: a copy of another edition or a guess


@dataclass(frozen=True, slots=True)
class CountRule:
    """One alternative of a COUNT criterion: at least ``minimum`` firms holding any of
    ``qualifications`` (and, with ``leading_only``, in the leading industry)."""

    qualifications: tuple[str, ...]
    minimum: int
    leading_only: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    """An indicator a pack reads: a row of the workbook's year series, or derived from others.

    ``type`` is a workbook field type value (``number``, ``int``, ``percent``). A derived
    indicator has a ``formula`` over other indicators' keys (``inputs``) and no workbook row.
    """

    key: str
    label: Text
    unit: Text
    type: str = "number"
    required: bool = True
    help: Text | None = None
    formula: str | None = None
    inputs: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return self.formula is not None


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str  # stable, never reused, e.g. "CR203" (free-form, unique in its pack)
    name: str  # kebab-case, e.g. "sme-output-share"
    dimension: Section | Dimension  # its section (``section`` is the key)
    title: Text
    clause: str  # the official wording it comes from (Chinese)
    kind: Kind
    severity: Severity = Severity.HARD
    weight: float = 0.0
    provenance: Provenance = Provenance.CONFIRMED
    source_note: str | None = None  # where the number comes from, esp. when unconfirmed
    source_url: str | None = None  # the address of the text the clause was read in
    aliases: tuple[str, ...] = ()  # old codes after a rename
    metric: str | None = None  # the key of one of the pack's indicators
    op: Op | None = None
    threshold: float | None = None
    unit: str | None = None  # "%", "亿元", "km²", …
    years: YearMode | None = None
    applies_if: str | None = None  # CONDITIONAL: a basic flag such as "high_energy"
    count_rules: tuple[CountRule, ...] = ()  # COUNT alternatives
    hint: Text | None = None  # how to improve or fix
    description: Text | None = None  # how it is computed, for `clusterctl rule`

    @property
    def section(self) -> str:
        """The key of the section it belongs to."""
        return self.dimension.value

    @property
    def quantitative(self) -> bool:
        return self.kind in (Kind.THRESHOLD, Kind.COUNT, Kind.TREND, Kind.CONDITIONAL)

    @property
    def confirmed(self) -> bool:
        """Whether its number may decide: read in the official text or a verbatim reprint."""
        return self.provenance is not Provenance.UNCONFIRMED

    @property
    def has_number(self) -> bool:
        """Whether it states a number (a threshold or a count's minimum)."""
        return self.threshold is not None or bool(self.count_rules)

    def source_text(self, lang: str) -> str:
        """Its source note and address for a reader in ``lang``. The notes are research notes in
        Chinese: English gives the address and says that a Chinese note exists (``--lang zh``)
        rather than print Chinese in an English report."""
        note = self.source_note or ""
        if lang == "zh":
            return "；".join(x for x in (note, self.source_url) if x)
        if note and any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in note):
            note = "a note in Chinese (--lang zh)"
        return "; ".join(x for x in (self.source_url, note) if x)


@dataclass(frozen=True, slots=True)
class Pack:
    id: str  # e.g. "beijing-2023"
    title: Text
    jurisdiction: Text
    level: str  # 区级 / 县级
    edition_year: int
    source: str  # the source document
    template_version: str
    criteria: tuple[Criterion, ...]
    family: str = ""  # alias group, e.g. "beijing" (the newest edition answers to it)
    extends: str | None = None
    province_code: str | None = None  # first two digits of division codes, if bound to one
    quota: int | None = None  # recommendations per province/district, where known
    quota_note: str | None = None
    call: str | None = None  # the id of the call (calls.toml) its quota comes from
    path: str | None = None  # where it was loaded from
    extra: dict[str, Any] = field(default_factory=dict)
    indicators: tuple[IndicatorSpec, ...] = ()  # every indicator it declares, in order
    sections: tuple[Section, ...] = ()  # its sections, in order (default: those its criteria use)
    # answers computed from the fields above, asked for every file (input_indicators, indicator,
    # the evaluation's metrics): a pack is frozen, so they are computed once (docs/performance.md)
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sections:  # a pack built in code: the sections its criteria name, in order
            seen: dict[str, Section] = {}
            for c in sorted(self.criteria, key=lambda c: c.dimension.number):
                d = c.dimension
                seen.setdefault(d.value, Section(d.value, d.title, d.number))
            object.__setattr__(self, "sections", tuple(seen.values()))

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def indicator(self, key: str) -> IndicatorSpec:
        by_key = self.memo.get("indicators")
        if by_key is None:
            by_key = self.memo["indicators"] = {}
            for i in self.indicators:
                by_key.setdefault(i.key, i)  # the first of a key, as a scan finds it
        return by_key[key]

    def inputs_of(self, key: str) -> tuple[str, ...]:
        """The workbook indicators a (possibly derived) indicator is computed from (a derived
        one's ``inputs`` are already resolved through other derived ones)."""
        spec = self.indicator(key)
        return spec.inputs if spec.derived else (spec.key,)

    def input_indicators(self) -> tuple[IndicatorSpec, ...]:
        """The indicators the workbook must hold for this pack: every non-derived indicator
        its criteria read, directly or through a derived one, in declared order."""
        found = self.memo.get("input_indicators")
        if found is None:
            found = self.memo["input_indicators"] = self._input_indicators()
        return found

    def _input_indicators(self) -> tuple[IndicatorSpec, ...]:
        declared = {i.key for i in self.indicators}
        read: set[str] = set()
        for c in self.criteria:
            if c.metric and c.metric in declared:
                read.update(self.inputs_of(c.metric))
        return tuple(i for i in self.indicators if not i.derived and i.key in read)

    @property
    def confirmed(self) -> bool:
        return all(c.confirmed for c in self.criteria)

    def numbers_confirmed(self) -> tuple[int, int]:
        """(confirmed or reprinted, all) of the criteria that state a number."""
        numbered = [c for c in self.criteria if c.has_number]
        return sum(c.confirmed for c in numbered), len(numbered)

    def criterion(self, code: str) -> Criterion:
        """The criterion with this code, an old code (alias) or name; case-insensitive."""
        wanted = code.casefold()
        for c in self.criteria:
            if wanted in (c.code.casefold(), c.name.casefold(), *(a.casefold() for a in c.aliases)):
                return c
        raise KeyError(code)

    def by_section(self) -> dict[Section, list[Criterion]]:
        """The criteria of each section, in the pack's order of sections."""
        groups: dict[str, list[Criterion]] = {s.key: [] for s in self.sections}
        for c in self.criteria:
            groups.setdefault(c.section, []).append(c)
        sections = {s.key: s for s in self.sections}
        return {
            sections.get(k) or Section(k, Text(k, k), len(sections) + 1): v
            for k, v in groups.items()
        }

    def of_kind(self, *kinds: Kind) -> list[Criterion]:
        found = self.memo.get(("of_kind", kinds))
        if found is None:
            found = self.memo[("of_kind", kinds)] = tuple(
                c for c in self.criteria if c.kind in kinds
            )
        return list(found)
