"""Conditional: a threshold that applies only when a flag of the basic information is 是.

Example: 属于高耗能行业的集群，能效水平高于行业基准值. The flag ``high_energy`` (是否属于高耗能行业)
decides: 否 makes the criterion 不适用 (its weight leaves the score's denominator); 是 makes it
a threshold criterion (see ``threshold``); a blank flag is 缺数据. "Efficiency better than the
benchmark" is written as the ratio of use per output to the benchmark, below 1.
"""

from __future__ import annotations

from clusterctl.criteria.model import Criterion
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.rules.threshold import compare
from clusterctl.i18n import Text
from clusterctl.workbook.fields import BASIC_FIELDS
from clusterctl.workbook.model import Application

_LABELS = {f.key: f.label for f in BASIC_FIELDS}


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    assert criterion.applies_if is not None
    flag = app.flag(criterion.applies_if)
    label = _LABELS.get(criterion.applies_if, Text(criterion.applies_if, criterion.applies_if))
    location = app.cell(f"basic.{criterion.applies_if}")
    if flag is None:
        return CriterionResult(
            criterion.code,
            Status.MISSING,
            sentence=Text(
                f"{criterion.title.zh}：“{label.zh}”未填写，无法判断是否适用。",
                f"{criterion.title.en}: '{label.en}' is blank; cannot tell whether it applies.",
            ),
            locations=[location] if location else [],
            detail={"applies": None},
        )
    if not flag:
        return CriterionResult(
            criterion.code,
            Status.NOT_APPLICABLE,
            sentence=Text(
                f"{criterion.title.zh}：“{label.zh}”为否，本条不适用。",
                f"{criterion.title.en}: '{label.en}' is no; not applicable.",
            ),
            locations=[location] if location else [],
            detail={"applies": False},
        )
    result = compare(criterion, app)
    result.detail["applies"] = True
    return result
