"""Criterion results as findings, under the criterion's own code (``CR203``).

Each criterion of a pack becomes a :class:`~clusterctl.diagnostics.FindingType` built from the
pack (title and hint from the criterion; the message is the result's read-aloud sentence in the
report's language). One finding per result that needs attention:

- 未达标 → error; 警示 → warning;
- 缺数据 → error for a hard criterion (the application is incomplete), warning for a soft one;
- 达标, 待专家评审 and 不适用 give no finding.
"""

from __future__ import annotations

from clusterctl.criteria.model import Criterion, Kind, Pack, Severity
from clusterctl.diagnostics import Finding, FindingType, Location
from clusterctl.diagnostics import Severity as Level
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import Evaluation, Status
from clusterctl.evaluation.sentences import requirement
from clusterctl.i18n import Text
from clusterctl.workbook.fields import SHEET_BY_KEY
from clusterctl.workbook.model import Application

MESSAGE = Text("{sentence_zh}", "{sentence_en}")
_SHEET_OF_KIND = {
    Kind.THRESHOLD: "indicators",
    Kind.TREND: "indicators",
    Kind.CONDITIONAL: "indicators",
    Kind.COUNT: "roster",
    Kind.QUALITATIVE: "qualitative",
    Kind.DECLARATION: "declarations",
}


def criterion_finding_type(criterion: Criterion) -> FindingType:
    level = Level.ERROR if criterion.severity is Severity.HARD else Level.WARNING
    hint = _escaped(criterion.hint or default_hint(criterion))
    description = criterion.description or Text(criterion.clause, criterion.title.en)
    return FindingType(
        code=criterion.code,
        name=criterion.name,
        severity=level,
        title=criterion.title,
        message=MESSAGE,
        hint=hint,
        description=description,
    )


def default_hint(criterion: Criterion) -> Text:
    """The fix hint of a criterion whose pack gives none."""
    if criterion.kind is Kind.QUALITATIVE:
        return Text(
            "在定性条件表中填写“是否满足”，并写明情况说明和佐证材料清单。",
            "In the qualitative sheet answer Yes or No (是 or 否) and give a description and an "
            "evidence list.",
        )
    if criterion.kind is Kind.DECLARATION:
        return Text(
            "在承诺声明表中确认该项（填“是”）。", "Confirm it in the declarations sheet (Yes, 是)."
        )
    return Text(
        f"要求：{requirement(criterion, 'zh')}。", f"Required: {requirement(criterion, 'en')}."
    )


def _escaped(text: Text) -> Text:
    """Pack text is data, not a format template (a user's pack may contain braces)."""

    def esc(s: str) -> str:
        return s.replace("{", "{{").replace("}", "}}")

    return Text(esc(text.zh), esc(text.en))


def criterion_finding_types(pack: Pack) -> list[FindingType]:
    """One finding type per criterion of the pack (e.g. one SARIF rule per code)."""
    return [criterion_finding_type(c) for c in pack.criteria]


def _fallback_location(app: Application, criterion: Criterion, pack: Pack) -> Location:
    static = criterion.metric is not None and metric_for(pack, criterion.metric).static
    sheet = "basic" if static else _SHEET_OF_KIND[criterion.kind]
    return Location(app.file, SHEET_BY_KEY[sheet].title.zh)


def criterion_findings(app: Application, pack: Pack, evaluation: Evaluation) -> list[Finding]:
    """The findings of an evaluation, in the order of the pack's criteria."""
    criteria = {c.code: c for c in pack.criteria}
    findings = []
    for result in evaluation.results:
        if result.status in (Status.MET, Status.REVIEW, Status.NOT_APPLICABLE):
            continue
        criterion = criteria[result.code]
        ftype = criterion_finding_type(criterion)  # only for the criteria reported
        location = (
            result.locations[0] if result.locations else _fallback_location(app, criterion, pack)
        )
        params = {
            "sentence_zh": result.sentence.zh,
            "sentence_en": result.sentence.en,
            "status": result.status.value,
            "value": result.value,
            "threshold": result.threshold,
            "unit": result.unit,
            "years": list(result.years),
            "unconfirmed": result.unconfirmed,
        }
        findings.append(Finding(result.code, location, params, None, ftype))
    return findings
