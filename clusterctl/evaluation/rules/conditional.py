"""Conditional: a threshold that applies only when a flag of the basic information is 是.

Example: 属于高耗能行业的集群，能效水平高于行业基准值. The flag ``high_energy`` (是否属于高耗能行业)
decides: 否 makes the criterion 不适用 (its weight leaves the score's denominator); 是 makes it
a threshold criterion (see ``threshold``); a blank flag is 缺数据. "Efficiency better than the
benchmark" is written as the ratio of use per output to the benchmark, below 1.
"""

from __future__ import annotations

from clusterctl.criteria.keys import Key
from clusterctl.criteria.model import Criterion, Kind
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context, threshold
from clusterctl.evaluation.rules.threshold import compare
from clusterctl.i18n import Text, t
from clusterctl.workbook.fields import BASIC_FIELDS, FieldType
from clusterctl.workbook.model import Application

KIND = Kind.CONDITIONAL
TITLE = t(
    "条件：仅当基本信息中的是/否项为“是”时适用",
    "conditional: applies only when a flag of the basic information is yes",
)
FLAGS = tuple(f.key for f in BASIC_FIELDS if f.type is FieldType.BOOL)
APPLIES_IF = Key(
    "applies_if",
    "str",
    t("适用条件：基本信息中的是/否项", "the yes/no field of basic information it applies to"),
    True,
    FLAGS,
)
KEYS: tuple[Key, ...] = (*threshold.KEYS, APPLIES_IF)

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
    result = compare(criterion, app, ctx)
    result.detail["applies"] = True
    return result
