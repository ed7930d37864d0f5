"""Evaluate an application against a criteria pack.

Every criterion gets a result from the rule of its kind (``rules/<kind>.py``); then the verdict:
any hard criterion 未达标 → 不符合 (ineligible); else any hard criterion 缺数据 → 材料不全
(incomplete); else 符合 (eligible). Soft criteria never change the verdict. The score comes from
:mod:`clusterctl.evaluation.scoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from clusterctl.criteria.model import Criterion, Kind, Pack, Severity
from clusterctl.evaluation import scoring
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status, Verdict
from clusterctl.evaluation.rules import (
    Context,
    conditional,
    count,
    declaration,
    qualitative,
    threshold,
    trend,
)
from clusterctl.evaluation.sentences import UNCONFIRMED, UNCONFIRMED_CONDITION
from clusterctl.i18n import Text
from clusterctl.workbook.model import Application

Rule = Callable[[Criterion, Application, Context], CriterionResult]

RULES: dict[Kind, Rule] = {
    Kind.THRESHOLD: threshold.evaluate,
    Kind.COUNT: count.evaluate,
    Kind.TREND: trend.evaluate,
    Kind.CONDITIONAL: conditional.evaluate,
    Kind.QUALITATIVE: qualitative.evaluate,
    Kind.DECLARATION: declaration.evaluate,
}


def evaluate_criterion(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    """One criterion's result, with its weight, credit and the unconfirmed remark filled in."""
    result = RULES[criterion.kind](criterion, app, ctx)
    result.weight = criterion.weight
    if not criterion.confirmed and result.status is not Status.NOT_APPLICABLE:
        result.unconfirmed = True
        suffix = UNCONFIRMED if criterion.quantitative else UNCONFIRMED_CONDITION
        s = result.sentence
        result.sentence = Text(s.zh + suffix.zh, s.en + suffix.en)
    result.credit = scoring.credit(criterion, result)
    return result


def verdict_of(pack: Pack, results: list[CriterionResult]) -> Verdict:
    hard = {c.code for c in pack.criteria if c.severity is Severity.HARD}
    statuses = {r.status for r in results if r.code in hard}
    if Status.NOT_MET in statuses:
        return Verdict.INELIGIBLE
    if Status.MISSING in statuses:
        return Verdict.INCOMPLETE
    return Verdict.ELIGIBLE


def evaluate(app: Application, pack: Pack, *, ignore: Collection[str] = ()) -> Evaluation:
    """Evaluate ``app`` against ``pack``. Criteria whose code is in ``ignore`` (turned off by
    configuration) are left out of the results, the verdict and the score."""
    ctx = Context(pack)
    skipped = {code.upper() for code in ignore}
    results = [evaluate_criterion(c, app, ctx) for c in pack.criteria if c.code not in skipped]
    total, dimensions = scoring.score(pack, results)
    return Evaluation(
        pack_id=pack.id,
        verdict=verdict_of(pack, results),
        score=total,
        results=results,
        dimensions=dimensions,
        unconfirmed_used=[r.code for r in results if r.unconfirmed],
        ignored=sorted(c.code for c in pack.criteria if c.code in skipped),
    )
