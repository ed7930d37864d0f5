"""Trend: an indicator that must keep falling (or rising) over the three years.

Example: 二氧化碳排放量强度持续下降. ``decreasing`` means strictly lower every year than the year
before (2020 > 2021 > 2022); a year equal to the one before breaks the trend. All three years are
needed; a missing year is 缺数据. The value shown is the change from the first to the last year, in
%. A hard trend not kept is 未达标; partial score credit counts the steps that went the right way.
"""

from __future__ import annotations

from clusterctl.criteria.keys import METRIC, Key
from clusterctl.criteria.model import Criterion, Kind, Severity, YearMode
from clusterctl.evaluation.growth import monotonic_steps
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.rules.threshold import suspect_sentence
from clusterctl.evaluation.sentences import fmt_number, missing, year_span
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


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    assert criterion.metric is not None
    metric = metric_for(ctx.pack, criterion.metric)
    values = metric.series(app)
    years = [y if isinstance(y, int) else i + 1 for i, y in enumerate(app.years or values)]
    result = CriterionResult(
        criterion.code,
        Status.MISSING,
        unit="%",
        years=years,
        per_year=dict(zip(years, values, strict=False)),
        locations=[
            loc
            for i in range(len(values))
            for k in metric.cell_keys(app, i)
            if (loc := app.cell(k))
        ],
    )
    gaps = [i for i, v in enumerate(values) if v is None]
    if gaps or len(values) < 2:
        labels = [
            Text(f"{years[i]}年{metric.title.zh}", f"{metric.title.en} {years[i]}") for i in gaps
        ]
        result.sentence = suspect_sentence(criterion, metric, app, ctx, gaps) or missing(
            criterion, labels or [metric.title]
        )
        return result
    series = [float(v) for v in values if v is not None]
    down = criterion.years is not YearMode.INCREASING
    steps = monotonic_steps(series, decreasing=down)
    if series[0] > 0:
        result.value = (series[-1] / series[0] - 1.0) * 100.0
    ok = all(steps)
    if ok:
        result.status = Status.MET
    else:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
        result.detail["closeness"] = sum(steps) / len(steps)
    result.detail["steps"] = steps
    path = " → ".join(fmt_number(v) for v in series)
    span = year_span(years)
    if down:
        zh_word, en_word = (
            ("逐年下降", "fell every year") if ok else ("未逐年下降", "did not fall every year")
        )
    else:
        zh_word, en_word = (
            ("逐年上升", "rose every year") if ok else ("未逐年上升", "did not rise every year")
        )
    verdict_zh = "达标" if ok else ("警示" if result.status is Status.WARNING else "未达标")
    verdict_en = "met" if ok else result.status.label.en
    prefix = (
        Text("", "")
        if criterion.title == metric.title
        else Text(f"{criterion.title.zh}：", f"{criterion.title.en}: ")
    )
    result.sentence = Text(
        f"{prefix.zh}{metric.title.zh}{span}年{zh_word}（{path}），{verdict_zh}。",
        f"{prefix.en}{metric.title.en} {en_word} in {span} ({path}): {verdict_en}.",
    )
    return result
