"""Every quantitative threshold of every pack at, just above and just below its threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterctl.criteria.loader import list_packs, load_pack_file, resolve_pack
from clusterctl.criteria.model import Kind, Op, YearMode
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import Status, Verdict

YUNNAN = Path(__file__).parents[2] / "tests" / "fixtures" / "packs" / "example-unconfirmed.toml"


def _packs():
    return [*list_packs(), load_pack_file(YUNNAN)]


CASES = [
    (pack.id, c.code)
    for pack in _packs()
    for c in pack.criteria
    if c.kind in (Kind.THRESHOLD, Kind.CONDITIONAL)
]
DELTA = 0.001


def _expected(op: Op, where: str) -> bool:
    """Does a value at/above/below the threshold pass? Straight from the wording."""
    return {
        Op.GT: {"at": False, "above": True, "below": False},
        Op.GE: {"at": True, "above": True, "below": False},
        Op.LT: {"at": False, "above": False, "below": True},
        Op.LE: {"at": True, "above": False, "below": True},
    }[op][where]


def _pack(pack_id: str):
    return load_pack_file(YUNNAN) if pack_id == "example-unconfirmed" else resolve_pack(pack_id)


def _with_metric(app, criterion, value: float, pack):
    """Set the inputs of the criterion's metric so that it equals ``value`` (every year, or as
    growth for cagr)."""
    metric = metric_for(pack, criterion.metric)
    if metric.static:
        app.basic[metric.inputs[0].removeprefix("basic.")] = value
        return app
    if criterion.years is YearMode.CAGR:
        series = [100.0 * (1 + value / 100.0) ** i for i in range(3)]
    else:
        series = [value] * 3
    for key in metric.inputs:
        app.indicators[key] = [None] * 3
    for i, v in enumerate(series):
        for key, x in metric.example(v).items():
            app.indicators[key][i] = x
    if criterion.applies_if:
        app.basic[criterion.applies_if] = True
    return app


@pytest.mark.parametrize(("pack_id", "code"), CASES)
@pytest.mark.parametrize("where", ["at", "above", "below"])
def test_threshold_boundary(pack_id, code, where, good_app):
    pack = _pack(pack_id)
    c = pack.criterion(code)
    value = c.threshold + {"at": 0.0, "above": DELTA, "below": -DELTA}[where]
    base = good_app(pack_id if pack_id != "example-unconfirmed" else "national-2022")
    app = _with_metric(base, c, value, pack)
    result = evaluate(app, pack).result(code)
    # a soft criterion (一般不超过) only warns; so does one whose threshold is unconfirmed
    # (docs/scoring.md: unconfirmed numbers never decide alone)
    fail = Status.WARNING if c.severity.value == "soft" or not c.confirmed else Status.NOT_MET
    assert result.status is (Status.MET if _expected(c.op, where) else fail)
    assert result.value == pytest.approx(value, abs=1e-9)
    assert result.threshold == c.threshold and result.op == c.op.value


def test_sme_share_of_exactly_70_fails_beijing_and_passes_national(good_app):
    app = good_app()
    app.indicators["total_output"][2] = 80.0
    app.indicators["sme_output"][2] = 56.0  # 70.0%
    beijing = evaluate(app, resolve_pack("beijing-2023"))
    national = evaluate(app, resolve_pack("national-2022"))
    assert beijing.result("CR203").status is Status.NOT_MET
    assert beijing.result("CR203").value == pytest.approx(70.0)
    assert beijing.verdict is Verdict.INELIGIBLE
    assert national.result("CR203").status is Status.MET


def test_each_year_one_low_year_fails_and_is_named(good_app):
    app = good_app()
    app.indicators["total_output"] = [50.0, 39.99, 75.0]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR202")
    assert r.status is Status.NOT_MET
    assert r.value == pytest.approx(39.99)
    assert "2021" in r.sentence.zh and "39.99亿元" in r.sentence.zh
    assert r.years == [2020, 2021, 2022]


def test_each_year_failing_year_decides_even_with_a_missing_year(good_app):
    app = good_app()
    app.indicators["total_output"] = [None, 30.0, 75.0]
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR202").status is Status.NOT_MET
    app.indicators["total_output"] = [None, 45.0, 75.0]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR202")
    assert r.status is Status.MISSING
    assert "2020" in r.sentence.zh


def test_latest_year_missing_is_missing_and_incomplete(good_app):
    app = good_app()
    app.indicators["sme_output"][2] = None
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR203").status is Status.MISSING
    assert evaluation.verdict is Verdict.INCOMPLETE


def test_latest_uses_the_last_year_only(good_app):
    app = good_app()
    app.indicators["sme_output"] = [10.0, 10.0, 60.0]  # early years far below 70%
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR203")
    assert r.status is Status.MET and r.years == [2022]


def test_area_is_soft_and_only_warns(good_app):
    app = good_app()
    app.basic["area_km2"] = 150.0
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR201").status is Status.WARNING
    assert evaluation.verdict is Verdict.ELIGIBLE


def test_result_points_at_the_cells_it_read(good_app):
    r = evaluate(good_app(), resolve_pack("beijing-2023")).result("CR203")
    fields = {loc.field for loc in r.locations}
    assert fields == {"indicators.sme_output.2022", "indicators.total_output.2022"}


def test_zero_total_output_does_not_divide_by_zero(good_app):
    app = good_app()
    app.indicators["total_output"][2] = 0.0
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR203").status is Status.MISSING
