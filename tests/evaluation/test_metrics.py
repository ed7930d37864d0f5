"""A pack's indicators as yearly series: rows, formulas, basic-information values."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Criterion, Dimension, Kind, Op, Pack, YearMode
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.metrics import metric_for
from clusterctl.evaluation.model import Status
from clusterctl.i18n import t
from clusterctl.workbook.model import Application


def test_shipped_shares_are_computed_from_their_formula():
    pack = resolve_pack("beijing-2023")
    app = Application(
        "x.xlsx",
        years=[2020, 2021, 2022],
        indicators={"sme_output": [35.0, None, 49.0], "total_output": [50.0, 58.0, 0.0]},
    )
    share = metric_for(pack, "sme_share")
    assert share.series(app) == [pytest.approx(70.0), None, None]  # missing; zero total
    assert share.inputs == ("sme_output", "total_output") and not share.static
    area = metric_for(pack, "area_km2")
    app.basic["area_km2"] = 88.5
    assert (
        area.static and area.series(app) == [88.5] and area.cell_keys(app, 0) == ["basic.area_km2"]
    )
    assert metric_for(pack, "total_output").series(app) == [50.0, 58.0, 0.0]


def test_examples_run_backwards_through_the_formula():
    pack = resolve_pack("beijing-2023")
    for key, value in (("sme_share", 70.1), ("patents_per_10k", 15.0), ("energy_ratio", 0.99)):
        metric = metric_for(pack, key)
        inputs = metric.example(value)
        assert set(inputs) == set(metric.inputs)
        assert metric.compute(inputs) == pytest.approx(value)


def test_a_pack_built_in_code_reads_the_row_of_its_metric():
    criterion = Criterion(
        "CR202",
        "output",
        Dimension.CORE,
        t("产值", "Output"),
        "近三年产值均在40亿元以上",
        Kind.THRESHOLD,
        metric="total_output",
        op=Op.GE,
        threshold=40,
        years=YearMode.EACH,
    )
    pack = Pack(
        "code-2023", t("a", "a"), t("b", "b"), "区级", 2023, "s", "1", criteria=(criterion,)
    )
    assert [s.key for s in pack.sections] == ["core"]  # taken from its criteria
    app = Application("x.xlsx", years=[2020, 2021, 2022], indicators={"total_output": [41, 42, 39]})
    assert evaluate(app, pack).result("CR202").status is Status.NOT_MET
