"""Trend: an indicator that must keep falling (or rising) over the three years.

Example: 二氧化碳排放量强度持续下降. ``decreasing`` means strictly lower every year than the year
before (2020 > 2021 > 2022); a year equal to the one before breaks the trend. All three years are
needed (近三年, by year, oldest first); a missing year is 缺数据. The result shows the indicator's
own values by year and the requirement (逐年下降 / 稳步提升); its value is the newest year's, in
the indicator's unit, never a relative change. A hard trend not kept is 未达标; partial score
credit counts the steps that went the right way.
"""

from __future__ import annotations

from clusterctl.criteria.keys import METRIC, Key
from clusterctl.criteria.model import Criterion, Kind, Severity, YearMode
from clusterctl.evaluation.growth import monotonic_steps
from clusterctl.evaluation.metrics import metric_for, year_slots
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.rules.threshold import suspect_sentence
from clusterctl.evaluation.sentences import missing, quantity
from clusterctl.i18n import Text, t
from clusterctl.workbook.model import Application

KIND = Kind.TREND
TITLE = t("趋势：指标须逐年变化（严格单调）", "trend: the indicator must move every year")
YEARS = Key(
    "years",
    "str",
    t("趋势：decreasing 逐年下降、increasing 逐年上升", "the trend: decreasing or increasing"),
    True,
    ("decreasing", "increasing"),
)
KEYS: tuple[Key, ...] = (METRIC, YEARS)
# the requirement as the standards word it, by ``decreasing``
REQUIREMENTS = {
    True: t("逐年下降", "falling every year"),
    False: t("稳步提升", "rising every year"),
}


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    assert criterion.metric is not None
    metric = metric_for(ctx.pack, criterion.metric)
    series = ctx.per_app(app, ("series", metric.key), metric.series)
    slots = ctx.per_app(app, "year_slots", year_slots)  # 近三年, oldest first: follows time
    years = [y for y, _ in slots]
    values = [series[i] if i is not None and i < len(series) else None for _, i in slots]
    result = CriterionResult(
        criterion.code,
        Status.MISSING,
        unit=metric.unit or None,
        years=years,
        per_year=dict(zip(years, values, strict=True)),
        locations=[
            loc
            for _, i in slots
            if i is not None
            for k in metric.cell_keys(app, i)
            if (loc := app.cell(k))
        ],
    )
    down = criterion.years is not YearMode.INCREASING
    requirement = REQUIREMENTS[down]
    result.detail["requirement"] = requirement.zh
    gaps = [k for k, v in enumerate(values) if v is None]
    if gaps or len(values) < 2:
        labels = [
            Text(f"{years[k]}年{metric.title.zh}", f"{metric.title.en} {years[k]}") for k in gaps
        ]
        columns = [i for k in gaps if (i := slots[k][1]) is not None]
        result.sentence = suspect_sentence(criterion, metric, app, ctx, columns) or missing(
            criterion, labels or [metric.title]
        )
        result.detail["missing"] = [years[k] for k in gaps]
        return result
    chain = [float(v) for v in values if v is not None]
    steps = monotonic_steps(chain, decreasing=down)
    result.value = chain[-1]  # the indicator itself, newest year (never a relative change)
    if chain[0] > 0:
        result.detail["change_percent"] = (chain[-1] / chain[0] - 1.0) * 100.0
    ok = all(steps)
    if ok:
        result.status = Status.MET
    else:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
        result.detail["closeness"] = sum(steps) / len(steps)
    result.detail["steps"] = steps
    unit = metric.unit
    shown_zh = "、".join(
        f"{y}年{quantity(v, unit, 'zh')}" for y, v in zip(years, chain, strict=True)
    )
    shown_en = ", ".join(
        f"{y}: {quantity(v, unit, 'en')}" for y, v in zip(years, chain, strict=True)
    )
    verdict = result.status.label
    prefix = (
        Text("", "")
        if criterion.title == metric.title
        else Text(f"{criterion.title.zh}：", f"{criterion.title.en}: ")
    )
    kept_zh = "符合" if ok else "不符合"
    kept_en = "kept" if ok else "not kept"
    result.sentence = Text(
        f"{prefix.zh}{metric.title.zh}{shown_zh}，要求{requirement.zh}，{kept_zh}，{verdict.zh}。",
        f"{prefix.en}{metric.title.en} {shown_en}; required: {requirement.en}, {kept_en}:"
        f" {verdict.en}.",
    )
    return result
