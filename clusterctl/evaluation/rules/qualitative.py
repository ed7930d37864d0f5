"""Qualitative: a condition experts judge on the evidence the applicant gives.

The 定性条件 sheet has one row per condition: 是否满足 (是/否), 情况说明 and 佐证材料清单.

- 是 with both a description and an evidence list: 待专家评审 (needs review). It earns its weight
  provisionally, for the experts to confirm.
- 是 without a description or evidence: 缺数据 (no points until the evidence is given).
- 否: 未达标 for a hard condition (the official standards' sections 1–3), 警示 for a soft one (the
  qualitative items of sections 4–9, which experts weigh rather than gate on). No points.
- blank: 缺数据.
"""

from __future__ import annotations

from clusterctl.criteria.keys import Key
from clusterctl.criteria.model import Criterion, Kind, Severity
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.evaluation.rules import Context
from clusterctl.evaluation.sentences import status_line
from clusterctl.i18n import t
from clusterctl.workbook.model import Application

KIND = Kind.QUALITATIVE
TITLE = t(
    "定性：专家依据情况说明和佐证材料评审",
    "qualitative: experts judge the description and evidence",
)
KEYS: tuple[Key, ...] = ()  # only the keys every criterion has
MAX_TEXT = 4000  # of a description or evidence list kept for the experts' review form


def evaluate(criterion: Criterion, app: Application, ctx: Context) -> CriterionResult:
    answer = app.qualitative.get(criterion.code)
    if answer is None:
        for alias in criterion.aliases:
            answer = app.qualitative.get(alias)
            if answer is not None:
                break
    location = app.cell(f"qualitative.{criterion.code}")
    result = CriterionResult(
        criterion.code, Status.MISSING, locations=[location] if location else []
    )
    if answer is None or answer.met is None:
        result.sentence = status_line(criterion, "未填写是否满足。", "not answered.")
    elif answer.met and answer.has_evidence:
        result.status = Status.REVIEW
        result.sentence = status_line(
            criterion,
            "申报材料称已满足并附情况说明和佐证材料，待专家评审。",
            "declared met with a description and evidence; for expert review.",
        )
    elif answer.met:
        result.sentence = status_line(
            criterion,
            "填报“是”，但缺少情况说明或佐证材料清单。",
            "answered yes, but the description or the evidence list is missing.",
        )
    else:
        soft = criterion.severity is Severity.SOFT
        result.status = Status.WARNING if soft else Status.NOT_MET
        result.sentence = status_line(
            criterion,
            "填报“否”，将影响专家评分（警示）。" if soft else "填报“否”，不满足该条件，未达标。",
            "answered no; this lowers the expert score (warning)."
            if soft
            else "answered no: the condition is not met.",
        )
    result.detail["answer"] = None if answer is None else answer.met
    if result.status is Status.REVIEW:  # what the experts read (the review form)
        result.detail["description"] = str(answer.description)[:MAX_TEXT]
        result.detail["evidence"] = str(answer.evidence)[:MAX_TEXT]
    return result
