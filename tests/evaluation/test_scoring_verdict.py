"""The score, per-dimension subtotals, the verdict and unconfirmed numbers."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.evaluation.scoring import PARTIAL
from clusterctl.workbook.model import Answer


@pytest.mark.parametrize("pack_id", ["beijing-2023", "national-2022"])
def test_an_application_meeting_everything_is_eligible_with_full_score(good_app, pack_id):
    evaluation = evaluate(good_app(pack_id), resolve_pack(pack_id))
    statuses = {r.status for r in evaluation.results}
    assert statuses <= {Status.MET, Status.REVIEW, Status.NOT_APPLICABLE}
    assert evaluation.verdict is Verdict.ELIGIBLE
    assert evaluation.score == 100.0
    assert len(evaluation.results) == len(resolve_pack(pack_id).criteria)


def test_subtotals_add_up_to_the_score(good_app):
    app = good_app()
    app.indicators["sme_output"][2] = 40.0
    app.qualitative["CR401"] = Answer(False)
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    points = sum(d.points for d in evaluation.dimensions)
    possible = sum(d.possible for d in evaluation.dimensions)
    assert evaluation.score == pytest.approx(round(100 * points / possible, 2))
    assert evaluation.dimensions[0].dimension == "basic"
    assert len(evaluation.dimensions) == 9
    chain = next(d for d in evaluation.dimensions if d.dimension == "chain")
    assert chain.points == pytest.approx(6.0) and chain.percent == pytest.approx(75.0)


def _sme_share(good_app, share: float) -> float:
    app = good_app()
    app.indicators["sme_output"][2] = 75.0 * share / 100.0
    return evaluate(app, resolve_pack("beijing-2023")).score


def test_near_miss_ranks_above_far_miss_and_below_pass(good_app):
    passed, near, far = (
        _sme_share(good_app, 70.5),
        _sme_share(good_app, 69.0),
        _sme_share(good_app, 30.0),
    )
    assert passed > near > far
    assert passed - near >= 5 * (1 - PARTIAL) - 1e-9  # a miss earns at most half the weight


def test_lower_is_better_near_miss_ranks_higher(good_app):
    def score(area):
        app = good_app()
        app.basic["area_km2"] = area
        return evaluate(app, resolve_pack("beijing-2023")).score

    assert score(100) > score(110) > score(400)


def test_qualitative_earns_points_only_with_evidence(good_app):
    with_evidence = evaluate(good_app(), resolve_pack("beijing-2023"))
    app = good_app()
    app.qualitative["CR504"] = Answer(True, "说明", None)
    without = evaluate(app, resolve_pack("beijing-2023"))
    assert with_evidence.result("CR504").points == 1.5
    assert without.result("CR504").points == 0.0
    possible = sum(d.possible for d in without.dimensions)  # N/A criteria left out
    assert without.score == pytest.approx(round(100 * (possible - 1.5) / possible, 2))


def test_unconfirmed_thresholds_are_reported(good_app):
    national = evaluate(good_app("national-2022"), resolve_pack("national-2022"))
    # R&D growth and platform penetration (provincial copies' numbers), the patent criteria and
    # 突破关键核心技术 (probably Beijing's additions)
    assert set(national.unconfirmed_used) == {"CR501", "CR502", "CR503", "CR507", "CR601"}
    r = national.result("CR501")
    assert r.unconfirmed
    assert "未经官方文本核实" in r.sentence.zh and "not confirmed" in r.sentence.en
    beijing = evaluate(good_app(), resolve_pack("beijing-2023"))
    assert beijing.unconfirmed_used == []
    assert "核实" not in beijing.result("CR501").sentence.zh


def test_national_patent_indicators_only_warn(good_app):
    app = good_app("national-2022")
    app.indicators["invention_patents"] = [1000.0, 1000.0, 1000.0]
    evaluation = evaluate(app, resolve_pack("national-2022"))
    assert evaluation.result("CR502").status is Status.WARNING
    assert evaluation.verdict is Verdict.ELIGIBLE
    assert evaluate(app, resolve_pack("beijing-2023")).verdict is Verdict.INELIGIBLE


def test_codes_turned_off_keep_their_result_and_the_score_but_not_the_verdict(good_app):
    app = good_app()
    app.declarations["CR102"] = False
    pack = resolve_pack("beijing-2023")
    assert evaluate(app, pack).verdict is Verdict.INELIGIBLE
    evaluation = evaluate(app, pack, off=["cr102"])
    assert evaluation.ignored == ["CR102"]
    assert evaluation.result("CR102").status is Status.NOT_MET  # the result stays
    assert evaluation.verdict is Verdict.ELIGIBLE
    assert evaluation.score == evaluate(app, pack).score  # the score is kept as computed


def test_the_verdict_rule_reads_only_hard_criteria_that_are_on(good_app):
    from clusterctl.evaluation.engine import verdict_of

    pack = resolve_pack("beijing-2023")
    app = good_app()
    app.basic["area_km2"] = None  # CR201 is soft: missing data there never decides
    app.indicators["sme_output"][2] = None  # CR203 is hard: incomplete
    evaluation = evaluate(app, pack)
    assert evaluation.result("CR201").status is Status.MISSING
    assert verdict_of(pack, evaluation.results) is Verdict.INCOMPLETE
    assert verdict_of(pack, evaluation.results, off={"CR203"}) is Verdict.ELIGIBLE


def test_every_result_has_a_sentence_in_both_languages(good_app):
    app = good_app()
    app.indicators = {}
    app.roster = []
    app.qualitative = {}
    app.declarations = {}
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.verdict is Verdict.INCOMPLETE
    for r in evaluation.results:
        assert r.sentence.zh and r.sentence.en and r.sentence.zh != r.sentence.en
