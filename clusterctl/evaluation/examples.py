"""Passing and failing examples of a criterion, run through the real evaluator.

``clusterctl rule CODE`` shows them: the example data are built from the criterion itself (a
threshold ``gt 70`` passes at 70.1 and fails at exactly 70; ``ge 40`` passes at 40 and fails at
39.9), so the examples can never drift from what the evaluator does.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterctl.criteria.model import Criterion, Kind, Op, Pack, YearMode
from clusterctl.evaluation.engine import evaluate_criterion
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import CriterionResult
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import fmt_number
from clusterctl.i18n import Text
from clusterctl.workbook.fields import BASIC_FIELDS, Qualification
from clusterctl.workbook.model import Answer, Application, Firm

_BASIC_LABELS = {f.key: f.label for f in BASIC_FIELDS}


@dataclass(frozen=True, slots=True)
class Example:
    passing: bool  # built to pass (it is the evaluator that says whether it does)
    inputs: Text  # the data, briefly
    result: CriterionResult


def step(threshold: float) -> float:
    """The smallest difference worth showing next to a threshold."""
    return 0.1 if abs(threshold) >= 10 else 0.01


def boundary_values(op: Op, threshold: float) -> tuple[float, float]:
    """(passing, failing) values right at the boundary: strict against inclusive."""
    d = step(threshold)
    return {
        Op.GT: (threshold + d, threshold),
        Op.GE: (threshold, threshold - d),
        Op.LT: (threshold - d, threshold),
        Op.LE: (threshold, threshold + d),
    }[op]


def _years(pack: Pack) -> list[int]:
    return [pack.edition_year - 3, pack.edition_year - 2, pack.edition_year - 1]


def _series_app(
    criterion: Criterion, pack: Pack, yearly: list[float], like: float | None = None
) -> Application:
    """An application whose metric takes the values ``yearly`` (one per year)."""
    assert criterion.metric is not None
    metric = metric_for(pack, criterion.metric)
    app = Application("example.xlsx", years=_years(pack))
    values = yearly[-1:] if metric.static else yearly
    for i, value in enumerate(values):
        for key, v in metric.example(value, like).items():
            if key.startswith("basic."):  # one value, whatever the year
                app.basic[key.removeprefix("basic.")] = v
            else:
                app.indicators.setdefault(key, [None] * len(yearly))[i] = v
    return app


def _metric_values(criterion: Criterion, value: float) -> list[float]:
    if criterion.years is YearMode.CAGR:
        growth = value / 100.0
        return [100.0 * (1.0 + growth) ** i for i in range(3)]
    return [value] * 3


def _describe(app: Application, pack: Pack) -> Text:
    parts_zh, parts_en = [], []
    for key, flag in app.basic.items():
        label = _BASIC_LABELS.get(key, Text(key, key))
        shown = (
            ("是" if flag else "否", "yes" if flag else "no")
            if isinstance(flag, bool)
            else (fmt_number(flag), fmt_number(flag))
        )
        parts_zh.append(f"{label.zh} {shown[0]}")
        parts_en.append(f"{label.en} {shown[1]}")
    for key, values in app.indicators.items():
        try:
            label = pack.indicator(key).label
        except KeyError:
            label = Text(key, key)
        series = "、".join(fmt_number(v) for v in values if v is not None)
        parts_zh.append(f"{label.zh} {series}")
        parts_en.append(f"{label.en} {series.replace('、', ', ')}")
    if app.roster:
        parts_zh.append(f"企业名录 {len(app.roster)} 家")
        parts_en.append(f"{len(app.roster)} firms in the roster")
    for code, answer in app.qualitative.items():
        evidence = "，附情况说明和佐证材料" if answer.has_evidence else ""
        parts_zh.append(f"{code} 填报“{'是' if answer.met else '否'}”{evidence}")
        parts_en.append(
            f"{code} answered {'yes' if answer.met else 'no'}"
            + (" with description and evidence" if answer.has_evidence else "")
        )
    for code, value in app.declarations.items():
        parts_zh.append(f"{code} 承诺“{'是' if value else '否'}”")
        parts_en.append(f"{code} declared {'yes' if value else 'no'}")
    return Text("；".join(parts_zh), "; ".join(parts_en))


def _apps(criterion: Criterion, pack: Pack) -> tuple[Application, Application]:
    kind = criterion.kind
    if kind in (Kind.THRESHOLD, Kind.CONDITIONAL):
        assert criterion.op is not None and criterion.threshold is not None
        good, bad = boundary_values(criterion.op, criterion.threshold)
        like = None if criterion.years is YearMode.CAGR else criterion.threshold
        apps = (
            _series_app(criterion, pack, _metric_values(criterion, good), like),
            _series_app(criterion, pack, _metric_values(criterion, bad), like),
        )
        if kind is Kind.CONDITIONAL and criterion.applies_if:
            for app in apps:
                app.basic[criterion.applies_if] = True
        return apps
    if kind is Kind.TREND:
        falling, flat = [3.0, 2.8, 2.6], [3.0, 3.0, 2.6]
        if criterion.years is YearMode.INCREASING:
            falling, flat = falling[::-1], flat[::-1]
        return _series_app(criterion, pack, falling), _series_app(criterion, pack, flat)
    if kind is Kind.COUNT:
        first = criterion.count_rules[0]
        passing = Application("example.xlsx", years=_years(pack))
        passing.roster = [
            Firm(
                f"企业{i + 1}",
                in_leading=True,
                qualifications={Qualification(first.qualifications[0]): 2021},
            )
            for i in range(first.minimum)
        ]
        failing = Application("example.xlsx", years=_years(pack))
        for rule in criterion.count_rules:
            failing.roster += [
                Firm(
                    f"企业{len(failing.roster) + 1}",
                    in_leading=True,
                    qualifications={Qualification(rule.qualifications[0]): 2021},
                )
                for _ in range(rule.minimum - 1)
            ]
        if not failing.roster:  # every alternative needs 1: a firm with nothing counts for none
            failing.roster = [Firm("企业1", in_leading=True)]
        return passing, failing
    passing = Application("example.xlsx", years=_years(pack))
    failing = Application("example.xlsx", years=_years(pack))
    if kind is Kind.QUALITATIVE:
        passing.qualitative[criterion.code] = Answer(True, "情况说明", "佐证材料清单")
        failing.qualitative[criterion.code] = Answer(False)
    else:
        passing.declarations[criterion.code] = True
        failing.declarations[criterion.code] = False
    return passing, failing


def examples(criterion: Criterion, pack: Pack) -> list[Example]:
    """A passing and a failing example of ``criterion``, evaluated."""
    ctx = Context(pack)
    passing, failing = _apps(criterion, pack)
    return [
        Example(True, _describe(passing, pack), evaluate_criterion(criterion, passing, ctx)),
        Example(False, _describe(failing, pack), evaluate_criterion(criterion, failing, ctx)),
    ]
