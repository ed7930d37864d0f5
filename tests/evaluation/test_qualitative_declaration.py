"""Qualitative conditions and declarations."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.workbook.model import Answer


@pytest.mark.parametrize(
    ("answer", "status", "credit"),
    [
        (Answer(True, "说明", "材料"), Status.REVIEW, 1.0),
        (Answer(True, "说明", ""), Status.MISSING, 0.0),
        (Answer(True, None, "材料"), Status.MISSING, 0.0),
        (Answer(False, "说明", "材料"), Status.NOT_MET, 0.0),
        (Answer(None), Status.MISSING, 0.0),
        (None, Status.MISSING, 0.0),
    ],
)
def test_hard_qualitative(good_app, answer, status, credit):
    app = good_app()
    if answer is None:
        del app.qualitative["CR206"]
    else:
        app.qualitative["CR206"] = answer
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    r = evaluation.result("CR206")
    assert (r.status, r.credit) == (status, credit)
    expected = {Status.REVIEW: Verdict.ELIGIBLE, Status.NOT_MET: Verdict.INELIGIBLE}
    assert evaluation.verdict is expected.get(status, Verdict.INCOMPLETE)


def test_soft_qualitative_no_only_warns(good_app):
    app = good_app()
    app.qualitative["CR401"] = Answer(False)
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR401").status is Status.WARNING
    assert evaluation.result("CR401").credit == 0.0
    assert evaluation.verdict is Verdict.ELIGIBLE


def test_soft_qualitative_blank_does_not_make_incomplete(good_app):
    app = good_app()
    del app.qualitative["CR906"]
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR906").status is Status.MISSING
    assert evaluation.verdict is Verdict.ELIGIBLE


@pytest.mark.parametrize(
    ("value", "status", "verdict"),
    [
        (True, Status.MET, Verdict.ELIGIBLE),
        (False, Status.NOT_MET, Verdict.INELIGIBLE),
        (None, Status.MISSING, Verdict.INCOMPLETE),
    ],
)
def test_declarations(good_app, value, status, verdict):
    app = good_app()
    app.declarations["CR102"] = value
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR102").status is status
    assert evaluation.verdict is verdict
