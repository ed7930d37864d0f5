"""Compound growth, trends and their notes."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.growth import CAGR_NOTE, cagr, monotonic_steps, periods_between
from clusterctl.evaluation.model import Status


def test_cagr_is_the_compound_rate():
    assert cagr(100.0, 121.0, 2) == pytest.approx(10.0)
    assert cagr(100.0, 150.0, 2) == pytest.approx((1.5**0.5 - 1) * 100)
    assert cagr(100.0, 81.0, 2) == pytest.approx(-10.0)


@pytest.mark.parametrize(
    ("first", "last", "periods"), [(0.0, 5.0, 2), (-1.0, 5.0, 2), (5.0, -1.0, 2), (5.0, 6.0, 0)]
)
def test_cagr_undefined(first, last, periods):
    assert cagr(first, last, periods) is None


def test_periods_follow_year_labels_when_known():
    assert periods_between([2019, 2020, 2022], 0, 2) == 3
    assert periods_between([None, 2021, 2022], 0, 2) == 2


def test_monotonic_steps_are_strict():
    assert monotonic_steps([3.0, 2.0, 1.0], decreasing=True) == [True, True]
    assert monotonic_steps([3.0, 3.0, 1.0], decreasing=True) == [False, True]
    assert monotonic_steps([1.0, 2.0, 2.0], decreasing=False) == [True, False]


def test_growth_result_uses_first_and_last_year_and_says_compound(good_app):
    app = good_app()
    app.indicators["total_output"] = [50.0, 10.0, 60.5]  # the middle year does not matter
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR204")
    assert r.value == pytest.approx(10.0)
    assert r.status is Status.NOT_MET  # exactly 10% is not 高于10%
    assert r.years == [2020, 2022]
    assert r.note == CAGR_NOTE
    assert "复合" in r.sentence.zh


def test_growth_exactly_at_inclusive_threshold_passes(good_app):
    app = good_app()
    app.indicators["invention_patents"] = [100.0, 115.0, 132.25]  # exactly 15% a year
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR502").status is Status.MET


def test_negative_growth_fails_with_zero_partial_credit(good_app):
    app = good_app()
    app.indicators["sme_rd_spending"] = [100.0, 90.0, 80.0]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR501")
    assert r.status is Status.NOT_MET and r.value < 0 and r.credit == 0.0


def test_growth_from_zero_is_missing_with_reason(good_app):
    app = good_app()
    app.indicators["sme_rd_spending"] = [0.0, 10.0, 20.0]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR501")
    assert r.status is Status.MISSING
    assert "无法计算" in r.sentence.zh


def test_growth_missing_last_year(good_app):
    app = good_app()
    app.indicators["total_output"][2] = None
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR204").status is Status.MISSING


@pytest.mark.parametrize(
    ("series", "status"),
    [
        ([1.0, 0.9, 0.8], Status.MET),
        ([1.0, 1.0, 0.8], Status.NOT_MET),  # flat is not falling
        ([1.0, 0.9, 0.95], Status.NOT_MET),
        ([1.0, None, 0.8], Status.MISSING),
    ],
)
def test_co2_intensity_keeps_falling(good_app, series, status):
    app = good_app()
    app.indicators["co2_intensity"] = series
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR701")
    assert r.status is status


def test_trend_partial_credit_counts_good_steps(good_app):
    app = good_app()
    app.indicators["co2_intensity"] = [1.0, 0.9, 0.95]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR701")
    assert r.credit == pytest.approx(0.25)


def test_software_rate_rising_is_soft(good_app):
    app = good_app()
    app.indicators["software_rate"] = [50.0, 45.0, 40.0]
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR606").status is Status.WARNING
    assert evaluation.verdict.value == "eligible"
