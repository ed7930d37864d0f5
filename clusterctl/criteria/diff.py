"""What differs between two editions (packs), criterion by criterion: ``clusterctl criteria diff``.

Criteria are matched in two passes:

1. by **code** (or an old code in ``aliases``): the same code means the same requirement across
   packs (docs/criteria-packs.md), so an edition that changes a number keeps the code;
2. the criteria left over on both sides are matched by **what they measure**: the same
   ``metric`` and the same years rule (``each``/``latest``/``cagr``/trend), or, for criteria
   without a metric (counts, qualitative items, declarations), the same kind and ``name``. A
   pair matched this way is reported with both codes.

What is left is *added* (only in B) or *removed* (only in A). For a matched pair the changes
compared are: the comparator (高于 > against 以上/不低于 ≥), the threshold, the unit, the years
rule, the count's alternatives, hard/soft, the weight, the provenance (confirmation), the metric
and the kind. The section a criterion sits in and its clause text are reported alongside but are
not changes by themselves (every edition words its clauses a little differently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clusterctl.criteria.model import Criterion, Pack
from clusterctl.i18n import Lang, Text, t

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

FIELD_LABELS: dict[str, Text] = {
    "kind": t("类型", "kind"),
    "metric": t("指标", "indicator"),
    "op": t("比较方式", "comparator"),
    "threshold": t("阈值", "threshold"),
    "unit": t("单位", "unit"),
    "years": t("年份规则", "years rule"),
    "count_rules": t("家数要求", "firm counts"),
    "applies_if": t("适用条件", "applies if"),
    "severity": t("约束", "hard/soft"),
    "weight": t("权重", "weight"),
    "provenance": t("来源核实", "confirmation"),
}
PACK_LABELS: dict[str, Text] = {
    "jurisdiction": t("地区", "jurisdiction"),
    "level": t("层级", "level"),
    "edition_year": t("年版", "edition year"),
    "call": t("申报通知（名额）", "call (quota)"),
    "quota": t("推荐名额", "quota"),
    "sections": t("章节", "sections"),
}
_OP = {
    "gt": t("高于（>，不含本数）", "above (>, excluding)"),
    "ge": t("不低于/以上（≥，含本数）", "at least (≥, including)"),
    "lt": t("低于（<，不含本数）", "below (<, excluding)"),
    "le": t("不超过（≤，含本数）", "at most (≤, including)"),
}
_YEARS = {
    "each": t("近三年每年", "each of the 3 years"),
    "latest": t("最近一年", "latest year"),
    "cagr": t("年均增长（复合）", "average annual growth (compound)"),
    "decreasing": t("逐年下降", "falling every year"),
    "increasing": t("逐年提升", "rising every year"),
}
_SEVERITY = {"hard": t("硬性", "hard"), "soft": t("软性（警示）", "soft (warns)")}
_LEVEL = {
    "区级": t("区级", "district"),
    "县级": t("县级", "county"),
    "市级": t("市级", "city"),
    "省级": t("省级", "province"),
}
_PROVENANCE = {
    "confirmed": t("已核实（官方文本）", "confirmed (official text)"),
    "reprint": t("已核实（转载文本）", "confirmed (reprint)"),
    "unconfirmed": t("未核实", "not confirmed"),
}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(slots=True)
class CriterionDiff:
    status: str  # added / removed / changed
    a: Criterion | None
    b: Criterion | None
    matched_by: str | None = None  # "code" or "metric" (a pair), None (added/removed)
    changes: list[Change] = field(default_factory=list)

    @property
    def criterion(self) -> Criterion:
        found = self.b or self.a
        assert found is not None
        return found


@dataclass(slots=True)
class PackDiff:
    a: Pack
    b: Pack
    pack: list[Change]
    criteria: list[CriterionDiff]

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.criteria)


def _value(c: Criterion, name: str) -> Any:
    if name == "count_rules":
        return [
            {
                "qualifications": list(r.qualifications),
                "minimum": r.minimum,
                "leading": r.leading_only,
            }
            for r in c.count_rules
        ]
    value = getattr(c, name)
    return getattr(value, "value", value)


def _changes(a: Criterion, b: Criterion) -> list[Change]:
    found = []
    for name in FIELD_LABELS:
        before, after = _value(a, name), _value(b, name)
        if before != after:
            found.append(Change(name, before, after))
    return found


def _codes(c: Criterion) -> set[str]:
    return {c.code.casefold(), *(x.casefold() for x in c.aliases)}


def _measure(c: Criterion) -> tuple[Any, ...]:
    if c.metric:
        return ("metric", c.metric, c.years.value if c.years else None)
    return ("name", c.kind.value, c.name)


def _both(text: Text) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def _sections(pack: Pack) -> list[dict[str, str]]:
    return [{"key": s.key, **_both(s.title)} for s in pack.sections]


def section_changes(before: list[dict[str, str]], after: list[dict[str, str]], lang: Lang):
    """The sections' changes by key, as (before, after) titles in ``lang``: a renamed section
    has both, an added one only ``after``, a removed one only ``before`` (None for the other)."""
    old = {s["key"]: s[lang] for s in before}
    new = {s["key"]: s[lang] for s in after}
    found = [(old.get(k), title) for k, title in new.items() if old.get(k) != title]
    return found + [(title, None) for k, title in old.items() if k not in new]


def _pack_changes(a: Pack, b: Pack) -> list[Change]:
    found = []
    pairs = {
        "jurisdiction": (_both(a.jurisdiction), _both(b.jurisdiction)),
        "level": (a.level, b.level),
        "edition_year": (a.edition_year, b.edition_year),
        "call": (a.call, b.call),
        "quota": (a.quota, b.quota),
        "sections": (_sections(a), _sections(b)),
    }
    for name, (before, after) in pairs.items():
        if before != after:
            found.append(Change(name, before, after))
    return found


def diff_packs(a: Pack, b: Pack) -> PackDiff:
    """The differences from edition ``a`` to edition ``b`` (in ``b``'s order, removed last)."""
    left = list(a.criteria)
    pairs: list[tuple[Criterion, Criterion, str]] = []
    unmatched_b: list[Criterion] = []
    for cb in b.criteria:
        match = next((ca for ca in left if _codes(ca) & _codes(cb)), None)
        if match is None:
            unmatched_b.append(cb)
        else:
            left.remove(match)
            pairs.append((match, cb, "code"))
    added: list[Criterion] = []
    for cb in unmatched_b:
        match = next((ca for ca in left if _measure(ca) == _measure(cb)), None)
        if match is None:
            added.append(cb)
        else:
            left.remove(match)
            pairs.append((match, cb, "metric"))
    order = {c.code: i for i, c in enumerate(b.criteria)}
    items = [
        CriterionDiff(CHANGED, ca, cb, how, _changes(ca, cb))
        for ca, cb, how in pairs
        if _changes(ca, cb) or how == "metric"
    ]
    items += [CriterionDiff(ADDED, None, cb) for cb in added]
    items.sort(key=lambda d: order[d.criterion.code])
    items += [CriterionDiff(REMOVED, ca, None) for ca in left]
    return PackDiff(a, b, _pack_changes(a, b), items)


# ---------------------------------------------------------------- values in words


def shown(name: str, value: Any, lang: Lang) -> str:
    if value is None or value == []:
        return t("（无）", "(none)").get(lang)
    table = {
        "op": _OP,
        "years": _YEARS,
        "severity": _SEVERITY,
        "provenance": _PROVENANCE,
        "level": _LEVEL,
    }
    if name in table and value in table[name]:
        return table[name][value].get(lang)
    if name == "count_rules":
        sep = " 或 " if lang == "zh" else " or "
        return sep.join(f"≥{r['minimum']}" for r in value)
    if name in ("threshold", "weight") and isinstance(value, float):
        return f"{value:g}"
    if name == "sections":
        return " / ".join(s[lang] for s in value)
    if name == "call":
        from clusterctl.criteria.calls import get_call

        call = get_call(value)
        if call is not None:
            return (
                f"{value}（{call.quota_text().zh}）"
                if lang == "zh"
                else (f"{value} ({call.quota_text().en})")
            )
    if isinstance(value, dict):
        return value[lang]
    return str(value)
