"""What every output of ``clusterctl targets`` shows, built once: the labels and numbers of a
province's progress (:class:`~clusterctl.targets.model.ProvinceProgress`) and the JSON document.

The terminal overview (:mod:`.targets_overview`) and the Excel workbook (:mod:`.targets_xlsx`)
render these; the JSON document is :func:`progress_document`.
"""

from __future__ import annotations

from typing import Any

from clusterctl import __version__
from clusterctl.i18n import Lang, Text, t
from clusterctl.reports.formats.base import number
from clusterctl.targets.model import (
    STATE_LABELS,
    ClusterReport,
    ClusterResult,
    ProvinceProgress,
    Target,
    TargetKind,
    TargetPack,
    TargetProgress,
)

SCHEMA = "clusterctl-targets/1"
BELOW_TIERS = t("千亿元以下", "below 100bn")
_UNITS_EN = {"家": "firms", "个": "", "%": "%", "个百分点": "points"}
_OPS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def unit_of(target: Target, lang: Lang) -> str:
    """The target's unit in ``lang`` (a count of clusters says so in English)."""
    if lang == "zh":
        return target.unit
    if target.kind is TargetKind.TIER_COUNT:
        return "clusters"
    if target.unit_en:
        return target.unit_en
    return _UNITS_EN.get(target.unit, target.unit)


def with_unit(value: float | None, target: Target, lang: Lang) -> str:
    text = number(value)
    unit = unit_of(target, lang)
    if value is None or not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "个", "家") else f"{text} {unit}"


def requirement(target: Target, lang: Lang) -> str:
    """``≥ 5000家``, ``50%左右（45%–55%）`` or ``—`` (no number in the text)."""
    if target.target is None:
        return "—"
    goal = with_unit(target.target, target, lang)
    bounds = target.bounds
    if bounds is not None:
        low, high = number(bounds[0]), with_unit(bounds[1], target, lang)
        if lang == "zh":
            return f"{goal}左右（{low}–{high}）"
        if unit_of(target, lang) != "%":  # "about 15 firms (13–17)": the word unit once
            high = number(bounds[1])
        return f"about {goal} ({low}–{high})"
    return f"{_OPS[target.op.value]} {goal}" if target.op else goal


def tier_label(pack: TargetPack, key: str | None, lang: Lang) -> str:
    if not key:
        return BELOW_TIERS.get(lang)
    return pack.tier(key).label.get(lang)


def band_count(progress: TargetProgress, lang: Lang) -> str:
    """How many clusters are within a per-cluster band."""
    return Text(
        f"{progress.in_band}/{progress.counted} 个集群在目标区间内",
        f"{progress.in_band} of {progress.counted} clusters within the band",
    ).get(lang)


def state_text(progress: TargetProgress, lang: Lang) -> str:
    text = STATE_LABELS[progress.state].get(lang)
    if progress.in_band is not None:
        text += ("；" if lang == "zh" else "; ") + band_count(progress, lang)
    return text


def percent(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.0f}%"


def heading(province: ProvinceProgress, lang: Lang) -> str:
    pack = province.pack
    year = province.year if province.year is not None else "?"
    n = len(province.clusters)
    if lang == "zh":
        text = f"{year} 年度，{n} 个集群计入合计（目标年 {pack.target_year}）"
        if province.excluded:
            text += f"，另有 {len(province.excluded)} 份报告未计入"
        return text
    text = f"{year}: {n} cluster{'s' if n != 1 else ''} counted (target year {pack.target_year})"
    if province.excluded:
        text += f"; {len(province.excluded)} more report(s) not counted"
    return text


def tier_line(province: ProvinceProgress, lang: Lang) -> str:
    pack = province.pack
    parts = [(tr.label.get(lang), province.tiers.get(tr.key, 0)) for tr in pack.tiers]
    parts.append((BELOW_TIERS.get(lang), province.tiers.get("", 0)))
    if lang == "zh":
        return "规模分档（个）：" + " · ".join(f"{label} {n}" for label, n in parts)
    return "Scale tiers: " + " · ".join(f"{label} {n}" for label, n in parts)


# ---------------------------------------------------------------- JSON


def _target_dict(target: Target) -> dict[str, Any]:
    return {
        "code": target.code,
        "title": {"zh": target.title.zh, "en": target.title.en},
        "kind": target.kind.value,
        "clause": target.clause,
        "year": target.year,
        "target": target.target,
        "op": target.op.value if target.op else None,
        "about": target.about,
        "band": list(target.bounds) if target.bounds else None,
        "unit": target.unit,
        "metric": target.metric,
        "reference": target.reference,
        "numerator": target.numerator,
        "denominator": target.denominator,
        "tier": target.tier,
        "cumulative": target.cumulative,
        "provenance": target.provenance,
        "interpretation": (
            {"zh": target.interpretation.zh, "en": target.interpretation.en}
            if target.interpretation
            else None
        ),
    }


def _cluster_dict(r: ClusterResult, pack: TargetPack, lang: Lang) -> dict[str, Any]:
    return {
        "file": r.path,
        "cluster": r.name,
        "operator_uscc": r.operator_uscc,
        "year": r.year,
        "edition": r.edition,
        "scale": r.scale,
        "tier": r.tier,
        "tier_label": tier_label(pack, r.tier, lang),
        "planned_tier": r.planned_tier,
        "values": dict(r.values),
        "contributions": {
            c.code: {
                "value": c.value,
                "weight": c.weight,
                "numerator": c.numerator,
                "denominator": c.denominator,
                "state": c.state.value if c.state else None,
                "share_of_target": _share_of_target(pack, c.code, c.value),
                "cell": c.location.ref() if c.location else None,
            }
            for c in r.contributions
        },
    }


def _share_of_target(pack: TargetPack, code: str, value: float | None) -> float | None:
    """A cluster's part of a summed target (its count over the target)."""
    target = next(tg for tg in pack.targets if tg.code == code)
    if target.kind not in (TargetKind.TOTAL, TargetKind.TIER_COUNT) or value is None:
        return None
    return value / target.target if target.target else None


def progress_document(
    province: ProvinceProgress, reports: list[ClusterReport], lang: Lang
) -> dict[str, Any]:
    """The JSON document of a ``targets`` run."""
    pack = province.pack
    counted = {r.path for r in province.clusters}
    return {
        "schema": SCHEMA,
        "tool": {"name": "clusterctl", "version": __version__},
        "pack": {
            "id": pack.id,
            "title": {"zh": pack.title.zh, "en": pack.title.en},
            "jurisdiction": pack.jurisdiction.zh,
            "target_year": pack.target_year,
            "source": pack.source,
            "source_note": pack.source_note.get(lang) if pack.source_note else None,
        },
        "year": province.year,
        "tiers": {key or "below": n for key, n in province.tiers.items()},
        "totals": [
            {
                **_target_dict(p.target),
                "value": p.value,
                "share": p.share,
                "state": p.state.value,
                "state_label": STATE_LABELS[p.state].get(lang),
                "reported": p.reported,
                "counted": p.counted,
                "reference": p.reference,
                "in_band": p.in_band,
            }
            for p in province.progress
        ],
        "clusters": [_cluster_dict(r, pack, lang) for r in province.clusters],
        "files": [
            {
                "file": rep.path,
                "sha256": rep.sha256,
                "counted": rep.path in counted,
                "findings": [f.to_dict(lang) for f in rep.findings],
            }
            for rep in reports
        ],
    }
