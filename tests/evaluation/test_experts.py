"""Expert judgements as an input of the evaluation (clusterctl/evaluation/experts.py): the
verdict stays verdict_of's, the credit is the experts' mean."""

from __future__ import annotations

from pathlib import Path

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Severity
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.experts import Grade, Judgement, grade_of
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "01-eligible-beijing.xlsx"


def app_and_pack():
    pack = resolve_pack("beijing-2023")
    app, _ = read_application(str(SAMPLE), Limits())
    return app, pack


def test_grades_are_read_in_either_language_and_nothing_else():
    assert grade_of(" 基本 达标") is Grade.PARTLY
    assert grade_of("Not met") is Grade.NOT_MET and grade_of("met") is Grade.MET
    assert grade_of("通过") is None and grade_of(1) is None


def test_one_experts_not_met_on_a_hard_criterion_makes_it_ineligible_through_verdict_of():
    app, pack = app_and_pack()
    plain = evaluate(app, pack)
    assert plain.verdict is Verdict.ELIGIBLE and plain.result("CR206").status is Status.REVIEW
    assert pack.criterion("CR206").severity is Severity.HARD
    judged = {
        "CR206": [Judgement("CR206", Grade.MET, "甲"), Judgement("CR206", Grade.NOT_MET, "乙")]
    }
    result = evaluate(app, pack, judged=judged)
    assert result.result("CR206").status is Status.NOT_MET
    assert result.result("CR206").credit == 0.5  # the mean
    assert result.verdict is Verdict.INELIGIBLE
    assert result.score < plain.score
    # turned off by the configuration: the same result, no say in the verdict (one rule)
    assert evaluate(app, pack, judged=judged, off=["CR206"]).verdict is Verdict.ELIGIBLE


def test_a_soft_criterion_judged_not_met_warns_and_partly_met_earns_half():
    app, pack = app_and_pack()
    soft = next(
        c.code
        for c in pack.criteria
        if c.severity is Severity.SOFT
        and evaluate(app, pack).result(c.code).status is Status.REVIEW
    )
    result = evaluate(app, pack, judged={soft: [Judgement(soft, Grade.NOT_MET, "甲")]})
    assert result.result(soft).status is Status.WARNING and result.verdict is Verdict.ELIGIBLE
    half = evaluate(app, pack, judged={soft: [Judgement(soft, Grade.PARTLY, "甲")]})
    assert half.result(soft).status is Status.MET and half.result(soft).credit == 0.5


def test_a_criterion_the_applicant_answered_no_is_not_overridden():
    app, pack = app_and_pack()
    app.qualitative["CR206"]["met"] = False
    result = evaluate(app, pack, judged={"CR206": [Judgement("CR206", Grade.MET, "甲")]})
    assert result.result("CR206").status is Status.NOT_MET
    assert "experts" not in result.result("CR206").detail
