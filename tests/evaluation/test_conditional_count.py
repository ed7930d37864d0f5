"""Conditional criteria (high-energy, high-water) and firm counts."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.workbook.fields import Qualification
from clusterctl.workbook.model import Firm


def test_not_high_energy_is_not_applicable_and_leaves_the_denominator(good_app):
    app = good_app()
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR702").status is Status.NOT_APPLICABLE
    green = next(d for d in evaluation.dimensions if d.dimension == "green")
    pack = resolve_pack("beijing-2023")
    all_green = sum(c.weight for c in pack.criteria if c.dimension.value == "green")
    assert green.possible == pytest.approx(all_green - 3.0)  # CR702 and CR703 weigh 1.5 each


@pytest.mark.parametrize(
    ("intensity", "status"), [(0.95, Status.MET), (1.0, Status.NOT_MET), (1.2, Status.NOT_MET)]
)
def test_high_energy_compares_use_with_benchmark(good_app, intensity, status):
    app = good_app()
    app.basic["high_energy"] = True
    app.indicators["energy_intensity"] = [1.0, 1.0, intensity]
    app.indicators["energy_benchmark"] = [1.0, 1.0, 1.0]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR702")
    assert r.status is status
    assert r.value == pytest.approx(intensity)


def test_high_energy_without_figures_is_missing(good_app):
    app = good_app()
    app.basic["high_water"] = True
    evaluation = evaluate(app, resolve_pack("beijing-2023"))
    assert evaluation.result("CR703").status is Status.MISSING
    assert evaluation.verdict is Verdict.INCOMPLETE


def test_blank_flag_is_missing(good_app):
    app = good_app()
    del app.basic["high_energy"]
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR702").status is Status.MISSING


def _firms(n, qualification, in_leading=True):
    return [
        Firm(f"{qualification}{i}", in_leading=in_leading, qualifications={qualification: 2020})
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("roster", "status"),
    [
        (_firms(1, Qualification.LITTLE_GIANT), Status.MET),
        (_firms(1, Qualification.CHAMPION, in_leading=False), Status.NOT_MET),  # not leading
        (_firms(10, Qualification.HIGH_TECH, in_leading=False), Status.MET),
        (_firms(9, Qualification.SPECIALISED), Status.NOT_MET),
        (_firms(5, Qualification.INNOVATIVE) + _firms(5, Qualification.HIGH_TECH), Status.MET),
        ([Firm("none", in_leading=True)], Status.NOT_MET),
        ([], Status.MISSING),
    ],
)
def test_tiered_cultivation_alternatives(good_app, roster, status):
    app = good_app()
    app.roster = roster
    assert evaluate(app, resolve_pack("beijing-2023")).result("CR301").status is status


def test_a_firm_with_several_qualifications_counts_once(good_app):
    app = good_app()
    both = {Qualification.SPECIALISED: 2020, Qualification.HIGH_TECH: 2021}
    app.roster = [Firm(f"f{i}", in_leading=False, qualifications=dict(both)) for i in range(9)]
    r = evaluate(app, resolve_pack("beijing-2023")).result("CR301")
    assert r.status is Status.NOT_MET
    assert r.detail["counts"] == [0, 9]


def test_yunnan_needs_only_three_firms(good_app):
    from pathlib import Path

    from clusterctl.criteria.loader import load_pack_file

    yunnan = load_pack_file(
        Path(__file__).parents[2] / "tests/fixtures/packs/example-unconfirmed.toml"
    )
    app = good_app("national-2022")
    app.roster = _firms(3, Qualification.INNOVATIVE, in_leading=False)
    assert evaluate(app, yunnan).result("CR301").status is Status.MET
    assert evaluate(app, resolve_pack("national-2022")).result("CR301").status is Status.NOT_MET
