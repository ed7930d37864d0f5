"""Declaration: a commitment the applicant confirms in the 承诺声明 sheet.

Example: 近三年未发生较大及以上安全、质量和环境污染等事故……无不良信用记录. 是 is 达标; 否 is 未达标
(the application is ineligible); blank is 缺数据 (the application is incomplete).
"""

from __future__ import annotations

from clusterctl.criteria.keys import Key
from clusterctl.criteria.model import Criterion, Kind
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import status_line
from clusterctl.i18n import t
from clusterctl.workbook.model import Application

KIND = Kind.DECLARATION
TITLE = t("承诺：申报单位在承诺声明中确认", "declaration: the applicant confirms it")
KEYS: tuple[Key, ...] = ()  # only the keys every criterion has


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    value = app.declarations.get(criterion.code)
    for alias in criterion.aliases:
        if value is None:
            value = app.declarations.get(alias)
    location = app.cell(f"declarations.{criterion.code}")
    result = CriterionResult(
        criterion.code, Status.MISSING, locations=[location] if location else []
    )
    if value is None:
        result.sentence = status_line(
            criterion, "承诺声明未填写。", "the declaration is not given."
        )
    elif value:
        result.status = Status.MET
        result.sentence = status_line(
            criterion, "申报单位已承诺，达标。", "declared by the applicant: met."
        )
    else:
        result.status = Status.NOT_MET
        result.sentence = status_line(
            criterion,
            "承诺声明填报“否”，不符合申报条件。",
            "the declaration says no: the application is not eligible.",
        )
    result.detail["answer"] = value
    return result
