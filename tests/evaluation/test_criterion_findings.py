"""Criterion results reported as findings under the criterion's own code."""

from __future__ import annotations

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Criterion, Dimension, Kind
from clusterctl.evaluation.engine import evaluate
from clusterctl.evaluation.findings import (
    criterion_finding_type,
    criterion_finding_types,
    criterion_findings,
)
from clusterctl.i18n import Text
from clusterctl.workbook.model import Answer


def _findings(app, pack_id="beijing-2023"):
    pack = resolve_pack(pack_id)
    return criterion_findings(app, pack, evaluate(app, pack))


def test_no_findings_when_everything_is_met(good_app):
    assert _findings(good_app()) == []


def test_one_finding_per_result_needing_attention(good_app):
    app = good_app()
    app.indicators["sme_output"][2] = 40.0  # CR203 not met
    app.basic["area_km2"] = 200.0  # CR201 warning
    app.qualitative["CR401"] = Answer(None)  # soft missing: warning
    app.declarations["CR103"] = None  # hard missing: error
    rows = sorted(f.to_row() for f in _findings(app))
    assert rows == [
        ("CR103", "承诺声明", None, "error"),
        ("CR201", "基本信息", None, "warning"),
        ("CR203", "指标数据", "F5", "error"),  # the latest year's column
        ("CR401", "定性条件", None, "warning"),
    ]


def test_message_follows_the_language(good_app):
    app = good_app()
    app.indicators["sme_output"][2] = 52.5  # 70.0%
    (finding,) = _findings(app)
    assert finding.code == "CR203"
    assert finding.message("zh") == "中小企业产值占比（2022年）为70%，未高于70%，未达标。"
    assert finding.message("en") == "SME share of output (2022) is 70%, not above 70%: not met."
    assert "高于70%" in finding.hint("zh")
    assert finding.to_dict("en")["name"] == "sme-output-share"


def test_one_finding_type_per_criterion():
    pack = resolve_pack("national-2022")
    types = criterion_finding_types(pack)
    assert [ft.code for ft in types] == [c.code for c in pack.criteria]
    assert {ft.severity.value for ft in types} == {"error", "warning"}


def test_pack_text_with_braces_is_not_a_template():
    c = Criterion(
        "CR999",
        "odd",
        Dimension.GOVERNANCE,
        Text("{x}", "{0}"),
        "clause",
        Kind.QUALITATIVE,
        hint=Text("见 {0} 与 {a.b}", "see {0}"),
    )
    ft = criterion_finding_type(c)
    assert ft.hint.format("zh", sentence_zh="s") == "见 {0} 与 {a.b}"
    assert ft.hint.format("en") == "see {0}"
