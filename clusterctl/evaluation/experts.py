"""Expert judgements as an input of the evaluation (docs/scoring.md, "Expert credit").

A qualitative criterion awaiting review (待专家评审) earns its weight provisionally. When experts
have judged it (``clusterctl screen --expert-scores``), each judgement is a grade: 达标 (credit
1), 基本达标 (0.5) or 未达标 (0). The criterion's credit is the mean of its experts' credits; its
status is 达标 unless an expert judged it 未达标, which makes it 未达标 (a hard criterion) or 警示
(a soft one). The verdict is still :func:`clusterctl.evaluation.engine.verdict_of`'s: an expert's
未达标 on a hard criterion is a hard criterion not met, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from clusterctl.criteria.model import Criterion, Kind, Severity
from clusterctl.evaluation.model import CriterionResult, Status
from clusterctl.i18n import Text, t


class Grade(StrEnum):
    MET = "met"  # 达标
    PARTLY = "partly"  # 基本达标
    NOT_MET = "not_met"  # 未达标

    @property
    def label(self) -> Text:
        return GRADE_LABELS[self]

    @property
    def credit(self) -> float:
        return GRADE_CREDITS[self]


GRADE_LABELS = {
    Grade.MET: t("达标", "met"),
    Grade.PARTLY: t("基本达标", "partly met"),
    Grade.NOT_MET: t("未达标", "not met"),
}
GRADE_CREDITS = {Grade.MET: 1.0, Grade.PARTLY: 0.5, Grade.NOT_MET: 0.0}


def grade_of(text: object) -> Grade | None:
    """A cell's text as a grade (Chinese or English label, or the value), else None."""
    if not isinstance(text, str):
        return None
    key = "".join(text.split()).casefold()
    for grade, label in GRADE_LABELS.items():
        if key in (label.zh, label.en.replace(" ", "").casefold(), grade.value):
            return grade
    return None


@dataclass(frozen=True, slots=True)
class Judgement:
    """One expert's judgement of one criterion of one application."""

    code: str
    grade: Grade
    expert: str
    date: str | None = None
    comment: str | None = None
    form: str = ""  # the form's path, for messages

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "grade": self.grade.value,
            "credit": self.grade.credit,
            "expert": self.expert,
            "date": self.date,
            "comment": self.comment,
            "form": self.form,
        }


def judgeable(criterion: Criterion) -> bool:
    """Criteria the experts judge: the qualitative ones."""
    return criterion.kind is Kind.QUALITATIVE


def apply_judgement(
    criterion: Criterion, result: CriterionResult, judgements: Sequence[Judgement]
) -> None:
    """Give ``result`` (awaiting review) the experts' status and credit, in place. A result not
    awaiting review (the applicant answered 否, or left it blank) is decided already: unchanged."""
    if not judgements or result.status is not Status.REVIEW or not judgeable(criterion):
        return
    credits = [j.grade.credit for j in judgements]
    mean = sum(credits) / len(credits)
    failed = any(j.grade is Grade.NOT_MET for j in judgements)
    if failed:
        result.status = Status.WARNING if criterion.severity is Severity.SOFT else Status.NOT_MET
    else:
        result.status = Status.MET
    names = "、".join(j.expert for j in judgements)
    grades_zh = "、".join(f"{j.expert}：{j.grade.label.zh}" for j in judgements)
    grades_en = "; ".join(f"{j.expert}: {j.grade.label.en}" for j in judgements)
    result.sentence = Text(
        f"{criterion.title.zh}：专家评审（{grades_zh}），得分比例{mean:.0%}。",
        f"{criterion.title.en}: judged by the experts ({grades_en}), credit {mean:.0%}.",
    )
    result.detail["expert_credit"] = mean
    result.detail["experts"] = [j.to_dict() for j in judgements]
    result.detail["judged_by"] = names
    result.detail["expert_spread"] = max(credits) - min(credits)


def apply_judgements(
    criteria: Sequence[Criterion],
    results: Sequence[CriterionResult],
    judged: Mapping[str, Sequence[Judgement]],
) -> None:
    """Apply every criterion's judgements (by code) to its result, in place."""
    by_code = {c.code: c for c in criteria}
    for result in results:
        criterion = by_code.get(result.code)
        if criterion is not None and result.code in judged:
            apply_judgement(criterion, result, judged[result.code])
