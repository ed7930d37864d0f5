"""Named metrics a criterion can read: the workbook's indicators and a few derived ratios.

A metric turns an :class:`~clusterctl.workbook.model.Application` into one value per year (aligned
to ``app.years``) and names the cells each value came from, so results can point at them. Every
metric carries a formula in both languages, shown by ``clusterctl rule``. Shares are in % (0..100).

A metric can also run backwards (:meth:`Metric.example`): the indicator values that give a wanted
value. ``clusterctl rule`` uses that to build passing and failing examples for the real evaluator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import INDICATORS
from clusterctl.workbook.model import Application

Value = float | None


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    title: Text
    unit: str  # as shown next to numbers ("%", "亿元", …)
    formula: Text
    inputs: tuple[str, ...]  # indicator keys (or "basic.<field>" for a static metric)
    combine: Callable[..., Value] | None = None  # inputs of one year -> value; None: identity
    static: bool = False  # one value from basic information, not a yearly series
    invert: Callable[[float], dict[str, float]] | None = None  # value -> inputs (examples)

    def series(self, app: Application) -> list[Value]:
        """One value per year of ``app.years`` (a static metric: one value)."""
        if self.static:
            return [_number(app.basic.get(self.inputs[0].removeprefix("basic.")))]
        columns = [app.series(key) for key in self.inputs]
        width = len(app.years) or max((len(c) for c in columns), default=0)
        values: list[Value] = []
        for i in range(width):
            args = [_number(c[i]) if i < len(c) else None for c in columns]
            if any(a is None for a in args):
                values.append(None)
            elif self.combine is None:
                values.append(args[0])
            else:
                values.append(self.combine(*args))
        return values

    def cell_keys(self, app: Application, index: int | None) -> list[str]:
        """Cell keys (``app.cells``) the value of year ``index`` was computed from."""
        if self.static:
            return [self.inputs[0]]
        if index is None or index >= len(app.years):
            return []
        year = app.years[index]
        return [f"indicators.{key}.{year}" for key in self.inputs]

    def example(self, value: float) -> dict[str, float]:
        """Input values giving ``value`` (identity metrics: the indicator itself)."""
        if self.invert is not None:
            return self.invert(value)
        return {self.inputs[0]: value}


def _number(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _ratio(scale: float) -> Callable[[float, float], Value]:
    def combine(numerator: float, denominator: float) -> Value:
        return scale * numerator / denominator if denominator > 0 else None

    return combine


def _inverse(numerator: str, denominator: str, base: float, scale: float):
    def invert(value: float) -> dict[str, float]:
        return {denominator: base, numerator: value * base / scale}

    return invert


_DERIVED: tuple[Metric, ...] = (
    Metric(
        "sme_share",
        t("中小企业产值占比", "SME share of output"),
        "%",
        t("中小企业产值 ÷ 集群总产值 × 100%", "SME output ÷ total output × 100%"),
        ("sme_output", "total_output"),
        _ratio(100.0),
        invert=_inverse("sme_output", "total_output", 100.0, 100.0),
    ),
    Metric(
        "leading_share",
        t("主导产业产值占比", "Leading-industry share of output"),
        "%",
        t("主导产业产值 ÷ 集群总产值 × 100%", "leading-industry output ÷ total output × 100%"),
        ("leading_output", "total_output"),
        _ratio(100.0),
        invert=_inverse("leading_output", "total_output", 100.0, 100.0),
    ),
    Metric(
        "patents_per_10k",
        t("每万人有效发明专利拥有量", "Invention patents per 10,000 people"),
        "件/万人",
        t(
            "有效发明专利数 ÷ 从业人员数 × 10000",
            "effective invention patents ÷ employees × 10,000",
        ),
        ("invention_patents", "employees"),
        _ratio(10000.0),
        invert=_inverse("invention_patents", "employees", 100000.0, 10000.0),
    ),
    Metric(
        "platform_rate",
        t("工业互联网平台应用普及率", "Industrial-internet platform penetration"),
        "%",
        t(
            "应用工业互联网平台的企业数 ÷ 集群企业数量 × 100%",
            "firms on industrial-internet platforms ÷ number of firms × 100%",
        ),
        ("platform_firms", "firm_count"),
        _ratio(100.0),
        invert=_inverse("platform_firms", "firm_count", 1000.0, 100.0),
    ),
    Metric(
        "energy_ratio",
        t("单位产值能耗与行业能效基准值之比", "Energy use relative to the industry benchmark"),
        "倍",
        t(
            "单位产值能耗 ÷ 行业能效基准值（小于1即能效水平高于基准值）",
            "energy use per output ÷ industry benchmark (below 1: better than the benchmark)",
        ),
        ("energy_intensity", "energy_benchmark"),
        _ratio(1.0),
        invert=_inverse("energy_intensity", "energy_benchmark", 1.0, 1.0),
    ),
    Metric(
        "water_ratio",
        t("单位产值用水量与行业水效基准值之比", "Water use relative to the industry benchmark"),
        "倍",
        t(
            "单位产值用水量 ÷ 行业水效基准值（小于1即水效水平高于基准值）",
            "water use per output ÷ industry benchmark (below 1: better than the benchmark)",
        ),
        ("water_intensity", "water_benchmark"),
        _ratio(1.0),
        invert=_inverse("water_intensity", "water_benchmark", 1.0, 1.0),
    ),
    Metric(
        "area_km2",
        t("集群占地面积", "Cluster area"),
        "km²",
        t("基本信息表填报的集群占地面积", "the cluster area given in basic information"),
        ("basic.area_km2",),
        static=True,
    ),
)

METRICS: dict[str, Metric] = {
    **{
        i.key: Metric(
            i.key,
            i.label,
            i.unit.zh,
            t(f"指标数据表“{i.label.zh}”一行", f"the '{i.label.en}' row of the indicators sheet"),
            (i.key,),
        )
        for i in INDICATORS
    },
    **{m.key: m for m in _DERIVED},
}


def get_metric(key: str) -> Metric:
    """The metric called ``key``; ``KeyError`` when unknown."""
    return METRICS[key]


def metric_names() -> list[str]:
    return sorted(METRICS)
