"""Threshold: an indicator compared with a number.

How the years are used:

- ``each``: every one of the three years must satisfy the comparison; the worst year is shown.
- ``latest``: the newest of the three years.

The three years are 近三年, the three full years before the application year, by their headings:
a year the workbook does not give makes the criterion 缺数据, never replaced by another year.
- ``cagr``: the compound annual growth rate over the years given, in %:
  ``(last ÷ first)^(1 ÷ (n − 1)) − 1``; the result carries a note saying so.
- none: a single value from basic information (e.g. the cluster area).

A value validation finds probably in the wrong unit (V211, ``app.suspect``) decides nothing: it
counts as missing, and the sentence says what it would be in the other unit.

Comparisons follow the Chinese wording: 高于/超过 is ``gt`` (strictly above), 不低于/以上/不少于 is
``ge``, 低于 is ``lt``, 不超过/以下 is ``le``. A value exactly at the threshold passes ``ge``/``le``
and fails ``gt``/``lt``. A hard criterion not met is 未达标 (the application is ineligible); a soft
one (一般不超过) only warns. A value that is missing or unreadable gives 缺数据.
"""

from __future__ import annotations

from clusterctl.criteria.keys import METRIC, OP, THRESHOLD, UNIT, Key
from clusterctl.criteria.model import Criterion, Kind, Op, Severity, YearMode
from clusterctl.evaluation.growth import CAGR_NOTE, cagr
from clusterctl.evaluation.metrics import Metric, metric_for, year_slots
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import compared, missing, suspect_note, with_suspects
from clusterctl.i18n import Text, t
from clusterctl.workbook.model import Application

KIND = Kind.THRESHOLD
TITLE = t("阈值：指标与数值比较", "threshold: an indicator compared with a number")
YEARS = Key(
    "years",
    "str",
    t(
        "年份用法：each 每年、latest 最近年度、cagr 复合年均增长率；基本信息中的指标不填",
        "how years are used: each, latest, cagr; none for a basic-information indicator",
    ),
    choices=("each", "latest", "cagr"),
)
KEYS: tuple[Key, ...] = (METRIC, OP, THRESHOLD, UNIT, YEARS)

PRECISION = 9  # decimals compared: float noise (e.g. 100 × 1.1² ≠ 121) never decides a result


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    return compare(criterion, app, ctx)


def holds(op: Op, value: float, threshold: float) -> bool:
    return op.holds(round(value, PRECISION), round(threshold, PRECISION))


def closeness(op: Op, value: float, threshold: float) -> float:
    """How close a value that misses is to its threshold, in [0, 1] (1: at the threshold).

    Ratio to the threshold for a positive threshold (value ÷ threshold when higher is better,
    threshold ÷ value when lower is better), otherwise one minus the shortfall in units."""
    if op.higher_is_better:
        if threshold > 0:
            share = value / threshold
        else:
            share = 1.0 - (threshold - value) / max(abs(threshold), 1.0)
    elif threshold > 0:
        share = threshold / value if value > 0 else 1.0
    else:
        share = 1.0 - (value - threshold) / max(abs(threshold), 1.0)
    return min(1.0, max(0.0, share))


def _label(metric: Metric, year: int | None) -> Text:
    if year is None or metric.static:
        return metric.title
    return Text(f"{year}年{metric.title.zh}", f"{metric.title.en} {year}")


def compare(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    """Evaluate a threshold criterion (also used by conditional criteria once they apply).

    The years are :func:`~clusterctl.evaluation.metrics.year_slots` (近三年, oldest first): a
    year the workbook does not give is missing, never replaced by another year; ``latest`` is
    the newest year and growth runs from the oldest to the newest."""
    assert criterion.metric and criterion.op is not None and criterion.threshold is not None
    metric = metric_for(ctx.pack, criterion.metric)
    op, threshold = criterion.op, criterion.threshold
    series = ctx.per_app(app, ("series", metric.key), metric.series)
    if metric.static:
        slots: list[tuple[int, int | None]] = [(0, 0)]
    else:
        slots = ctx.per_app(app, "year_slots", year_slots)
    values = [series[i] if i is not None and i < len(series) else None for _, i in slots]
    years = [y for y, _ in slots]
    per_year = {} if metric.static else dict(zip(years, values, strict=True))
    result = CriterionResult(
        criterion.code,
        Status.MISSING,
        unit=criterion.unit,
        threshold=threshold,
        op=op.value,
        per_year=per_year,
    )
    mode = None if metric.static else (criterion.years or YearMode.LATEST)
    picked = list(range(len(slots)))
    if mode is YearMode.LATEST:
        picked = picked[-1:]
    elif mode is YearMode.CAGR:
        result.note = CAGR_NOTE
        picked = [picked[0], picked[-1]] if len(picked) > 1 else picked
    result.years = [] if metric.static else [years[k] for k in picked]
    columns = {k: slots[k][1] for k in picked}
    result.locations = [
        loc
        for k in picked
        if columns[k] is not None
        for key in metric.cell_keys(app, columns[k])
        if (loc := app.cell(key))
    ]
    gaps = [k for k in picked if values[k] is None]
    present = [k for k in picked if values[k] is not None]
    label = (lambda k: metric.title) if metric.static else (lambda k: _label(metric, years[k]))
    gap_columns = [c for k in gaps if (c := columns[k]) is not None]

    if mode is YearMode.CAGR:
        if gaps or len(picked) < 2:
            result.sentence = suspect_sentence(criterion, metric, app, ctx, gap_columns) or missing(
                criterion, [label(k) for k in gaps or picked]
            )
            result.detail["missing"] = [years[k] for k in gaps]
            return result
        first, last = values[picked[0]], values[picked[-1]]
        value = cagr(first, last, years[picked[-1]] - years[picked[0]])  # type: ignore[arg-type]
        if value is None:
            result.sentence = (
                Text(
                    f"{criterion.title.zh}：首年数值为零或负数，无法计算复合增长率。",
                    f"{criterion.title.en}: the first year's value is zero or negative; "
                    "the compound growth rate is undefined.",
                )
                if first is not None and first <= 0
                else Text(
                    f"{criterion.title.zh}：末年数值为负数，无法计算复合增长率。",
                    f"{criterion.title.en}: the last year's value is negative; "
                    "the compound growth rate is undefined.",
                )
            )
            result.detail["undefined"] = True
            return result
        scope = Text(
            f"（{result.years[0]}–{result.years[-1]}年复合年均增长率）",
            f" ({result.years[0]}–{result.years[-1]}, compound annual rate)",
        )
        return _judge(criterion, result, value, metric.title, scope)

    # each / latest / static: the worst present value decides; a failing year decides even
    # when another year is missing.
    if present:
        pick = min if op.higher_is_better else max
        worst = pick(present, key=lambda k: values[k])  # type: ignore[arg-type,return-value]
        value = values[worst]
        assert value is not None
        if not holds(op, value, threshold) or not gaps:
            if metric.static:
                scope = Text("", "")
            elif mode is YearMode.EACH:
                low = op.higher_is_better
                year = years[worst]
                scope = Text(
                    f"（{year}年，三年中{'最低' if low else '最高'}）",
                    f" ({year}, the {'lowest' if low else 'highest'} year)",
                )
            else:
                year = years[worst]
                scope = Text(f"（{year}年）", f" ({year})")
            return _judge(criterion, result, value, metric.title, scope)
    result.sentence = suspect_sentence(criterion, metric, app, ctx, gap_columns) or missing(
        criterion, [label(k) for k in gaps]
    )
    result.detail["missing"] = [years[k] for k in gaps]
    return result


def suspect_sentence(
    criterion: Criterion, metric: Metric, app: Application, ctx: Context, columns: list[int]
) -> Text | None:
    """The sentence when values validation found suspect (probably in the wrong unit) leave the
    criterion undecided: what each was typed as and what it would be in the other unit.
    ``columns``: positions in ``app.years`` of the years left undecided."""
    notes = []
    for i in columns:
        year = app.years[i] if i < len(app.years) else None
        for key, value in metric.suspects(app, i):
            try:
                spec = ctx.pack.indicator(key)
                name, unit = spec.label, spec.unit.zh
            except KeyError:
                name, unit = Text(key, key), ""
            notes.append(suspect_note(name, year if isinstance(year, int) else i + 1, value, unit))
    if not notes:
        return None
    return with_suspects(criterion, notes)


def _judge(
    criterion: Criterion, result: CriterionResult, value: float, subject: Text, scope: Text
) -> CriterionResult:
    assert criterion.op is not None and criterion.threshold is not None
    result.value = value
    if holds(criterion.op, value, criterion.threshold):
        result.status = Status.MET
    else:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
        result.detail["closeness"] = closeness(criterion.op, value, criterion.threshold)
    result.sentence = compared(criterion, result.status, value, subject, scope)
    return result
