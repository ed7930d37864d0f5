"""The score: 0–100 from the pack's weights, with subtotals per section.

Each criterion earns a credit in [0, 1] of its weight (see ``docs/scoring.md``):

- 达标 (met): 1; 待专家评审 (qualitative, declared met with evidence): 1, provisionally.
- quantitative 未达标 or 警示: ``0.5 × closeness``, closeness in [0, 1] growing as the value nears
  its threshold (:func:`clusterctl.evaluation.rules.threshold.closeness`), so a near miss ranks
  above a far miss and never reaches a pass.
- qualitative 未达标 or 警示 (否), 缺数据: 0. A qualitative criterion earns points only with
  evidence.
- 不适用: left out of the denominator.
- judged by experts (``--expert-scores``): the mean of the experts' credits (达标 1, 基本达标
  0.5, 未达标 0; :mod:`clusterctl.evaluation.experts`).

score = 100 × Σ weight × credit ÷ Σ weight (over applicable criteria).
"""

from __future__ import annotations

from clusterctl.criteria.model import Criterion, Pack
from clusterctl.evaluation.model import CriterionResult, DimensionScore, Status

PARTIAL = 0.5  # the most a quantitative miss can earn


def credit(criterion: Criterion, result: CriterionResult) -> float:
    """Share of the criterion's weight the result earns, in [0, 1]."""
    if "expert_credit" in result.detail:  # judged by the experts (evaluation/experts.py)
        return float(result.detail["expert_credit"])
    if result.status in (Status.MET, Status.REVIEW):
        return 1.0
    if result.status in (Status.NOT_MET, Status.WARNING) and criterion.quantitative:
        return PARTIAL * float(result.detail.get("closeness", 0.0))
    return 0.0


def score(pack: Pack, results: list[CriterionResult]) -> tuple[float, list[DimensionScore]]:
    """The total score (0–100) and one subtotal per section that has criteria, in the pack's
    order of sections."""
    by_code = {c.code: c for c in pack.criteria}
    totals: dict[str, DimensionScore] = {}
    for result in results:
        section = by_code[result.code].section
        sub = totals.setdefault(section, DimensionScore(section, 0.0, 0.0))
        if result.status is Status.NOT_APPLICABLE:
            continue
        sub.points += result.points
        sub.possible += result.weight
    order = {s.key: i for i, s in enumerate(pack.sections)}
    dimensions = sorted(totals.values(), key=lambda d: order.get(d.dimension, len(order)))
    possible = sum(d.possible for d in dimensions)
    points = sum(d.points for d in dimensions)
    return (round(100.0 * points / possible, 2) if possible else 0.0), dimensions
