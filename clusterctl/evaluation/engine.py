"""Evaluate an application against a criteria pack.

Every criterion gets a result from the rule of its kind (``rules/<kind>.py``, see
:mod:`clusterctl.evaluation.kinds`); then the verdict, derived in one place (:func:`verdict_of`,
stated in ``docs/scoring.md``): any hard criterion 未达标 → 不符合 (ineligible); else any hard
criterion 缺数据 → 材料不全 (incomplete); else 符合 (eligible). Soft criteria never change the
verdict, nor do criteria the configuration turns off (``off``). The score comes from
:mod:`clusterctl.evaluation.scoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from clusterctl.criteria.model import Criterion, Kind, Pack, Severity
from clusterctl.evaluation import scoring
from clusterctl.evaluation.kinds import MODULES
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status, Verdict
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import UNCONFIRMED, UNCONFIRMED_CONDITION
from clusterctl.i18n import Text
from clusterctl.workbook.model import Application

Rule = Callable[[Criterion, Application, Context], CriterionResult]

RULES: dict[Kind, Rule] = {kind: module.evaluate for kind, module in MODULES.items()}


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


def verdict_of(
    pack: Pack, results: Iterable[CriterionResult], off: Collection[str] = ()
) -> Verdict:
    """THE verdict rule: the statuses of the pack's hard criteria that are not turned off."""
    hard = {c.code for c in pack.criteria if c.severity is Severity.HARD and c.code not in off}
    statuses = {r.status for r in results if r.code in hard}
    if Status.NOT_MET in statuses:
        return Verdict.INELIGIBLE
    if Status.MISSING in statuses:
        return Verdict.INCOMPLETE
    return Verdict.ELIGIBLE


def evaluate(app: Application, pack: Pack, *, off: Collection[str] = ()) -> Evaluation:
    """Evaluate ``app`` against ``pack``.

    ``off``: codes (or old codes) the configuration turns off for this file (``levels``
    ``"off"``, ``per-file-ignores``). Their results are still computed and kept, listed in
    ``Evaluation.ignored``; they do not count toward the verdict. The score is computed from
    every result (it measures the application, not the run's policy)."""
    ctx = Context(pack)
    wanted = {code.casefold() for code in off}
    ignored = sorted(
        c.code
        for c in pack.criteria
        if wanted & {c.code.casefold(), *(a.casefold() for a in c.aliases)}
    )
    results = [evaluate_criterion(c, app, ctx) for c in pack.criteria]
    total, sections = scoring.score(pack, results)
    return Evaluation(
        pack_id=pack.id,
        verdict=verdict_of(pack, results, ignored),
        score=total,
        results=results,
        dimensions=sections,
        unconfirmed_used=[r.code for r in results if r.unconfirmed],
        ignored=ignored,
    )
