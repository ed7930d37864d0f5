"""The key indicators the batch keeps per file (the 汇总 sheet's indicator columns, the JSON's
``key_indicators``), read from the criterion results: the value each criterion computed, so the
summary shows what the verdict was based on (growth: the criterion's compound rate,
:mod:`clusterctl.evaluation.growth`; no second computation here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clusterctl.i18n import Text, t

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack
    from clusterctl.evaluation.model import Evaluation


@dataclass(frozen=True, slots=True)
class KeyIndicator:
    key: str
    label: Text
    unit: str
    metric: str
    growth: bool = False  # the criterion's value (a CAGR) rather than the latest year


KEY_INDICATORS: tuple[KeyIndicator, ...] = (
    KeyIndicator(
        "total_output", t("最近年度总产值", "Latest total output"), "亿元", "total_output"
    ),
    KeyIndicator("sme_share", t("中小企业产值占比", "SME share"), "%", "sme_share"),
    KeyIndicator(
        "leading_share", t("主导产业占比", "Leading-industry share"), "%", "leading_share"
    ),
    KeyIndicator(
        "output_growth", t("产值年均增速", "Output growth (CAGR)"), "%", "total_output", growth=True
    ),
    KeyIndicator(
        "rd_growth", t("研发经费年均增速", "R&D growth (CAGR)"), "%", "sme_rd_spending", growth=True
    ),
    KeyIndicator(
        "patents_per_10k",
        t("每万人发明专利", "Patents per 10k people"),
        "件/万人",
        "patents_per_10k",
    ),
    KeyIndicator(
        "platform_rate", t("工业互联网普及率", "Platform penetration"), "%", "platform_rate"
    ),
    KeyIndicator("area_km2", t("占地面积", "Area"), "km²", "area_km2"),
)


def _latest(per_year: dict[int, float | None]) -> float | None:
    for year in sorted(per_year, reverse=True):
        if per_year[year] is not None:
            return per_year[year]
    return None


def key_indicators(evaluation: Evaluation | None, pack: Pack | None) -> dict[str, float]:
    """Key indicator -> value, from the results of the criteria that read its metric (the
    first such criterion gives it): a growth indicator takes a ``cagr`` criterion's value, the
    others a criterion's latest year (or its value when it has no years)."""
    values: dict[str, float] = {}
    if evaluation is None or pack is None:
        return values
    metric_of = {c.code: (c.metric, c.years.value if c.years else None) for c in pack.criteria}
    for result in evaluation.results:
        metric, years = metric_of.get(result.code, (None, None))
        if metric is None:
            continue
        for ki in KEY_INDICATORS:
            if ki.key in values or ki.metric != metric:
                continue
            if ki.growth:
                if years == "cagr" and result.value is not None:
                    values[ki.key] = float(result.value)
            else:
                latest = _latest(result.per_year) if years != "cagr" else None
                if latest is None and years != "cagr":
                    latest = result.value
                if latest is not None:
                    values[ki.key] = float(latest)
    return values
