"""A report made compact: the batch's row (facts, key indicators, statuses, cells) and its
compact parts (StatusMap, the row's pickled state)."""

from __future__ import annotations

import pickle

from clusterctl.batch.compact import row_from_report
from clusterctl.batch.rows import StatusMap
from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status, Verdict
from clusterctl.report import FileReport


def _report(path="in/a.xlsx"):
    pack = resolve_pack("beijing-2023")
    results = [
        CriterionResult(
            "CR202", Status.MET, value=41.0, per_year={2020: 40.0, 2021: 41.0, 2022: 45.5}
        ),
        CriterionResult("CR203", Status.NOT_MET, value=65.0, per_year={2022: 65.0}),
        CriterionResult("CR204", Status.MET, value=12.5),
        CriterionResult("CR206", Status.REVIEW),
    ]
    evaluation = Evaluation(pack.id, Verdict.INELIGIBLE, 55.0, results, [])
    report = FileReport(
        path=path,
        sha256="0" * 64,
        size=10,
        evaluation=evaluation,
        summary={"cluster_name": " 甲集群 ", "province": "北京市", "niche": ""},
        pack_id=pack.id,
        findings=[Finding("F100", Location(path)), Finding("F100", Location(path))],
        cells={"basic.cluster_name": Location(path, "基本信息", 3, 3, "basic.cluster_name")},
    )
    return report, pack


def test_row_from_report_keeps_facts_indicators_statuses_and_cells():
    report, pack = _report()
    row = row_from_report(report, 7, pack, "zh", fails=True)
    assert row.index == 7 and row.verdict is Verdict.INELIGIBLE and row.score == 55.0
    assert row.facts == {"cluster_name": "甲集群", "province": "北京市"}
    assert row.cells["cluster_name"].cell == "C3"
    assert row.indicators == {"total_output": 45.5, "sme_share": 65.0, "output_growth": 12.5}
    assert row.statuses["CR203"] is Status.NOT_MET
    assert row.errors == 2 and row.reason is None


def test_unreadable_row_carries_the_reason():
    report = FileReport(path="bad.xlsx", findings=[Finding("F100", Location("bad.xlsx"))])
    row = row_from_report(report, 0, None, "en", fails=True)
    assert row.verdict is Verdict.UNREADABLE
    assert row.reason == Finding("F100", Location("bad.xlsx")).message("en")


def test_status_map_is_a_compact_read_only_mapping():
    plain = {"CR202": Status.MET, "CR203": Status.NOT_MET, "CR101": Status.REVIEW}
    compact = StatusMap(plain.items())
    assert compact == plain and dict(compact.items()) == plain
    assert list(compact) == ["CR202", "CR203", "CR101"] and len(compact) == 3
    assert compact["CR203"] is Status.NOT_MET and compact.get("CR999") is None
    assert "CR101" in compact and "CR999" not in compact
    other = StatusMap({"CR202": Status.MISSING, "CR203": Status.MET, "CR101": Status.MET}.items())
    assert other._codes is compact._codes  # one shared tuple of codes per criteria set


def test_row_survives_the_spools_pickling(make_row) -> None:

    row = make_row(7, cluster_name="集群A", province="北京市", operator_uscc="91110000X")
    row.statuses = StatusMap([("CR101", Status.MET), ("CR102", Status.NOT_MET)])
    row.indicators = {"sme_share": 71.5}
    back = pickle.loads(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
    assert back == row
    assert back.cells["province"] == row.cells["province"] and len(back.cells) == 3
    assert dict(back.statuses.items()) == {"CR101": Status.MET, "CR102": Status.NOT_MET}
