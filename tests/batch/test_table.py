"""The batch table: rows from reports, ranking, DataFrames."""

from __future__ import annotations

from clusterctl.batch.table import (
    criterion_codes,
    most_failed,
    pass_rate_frame,
    rank_rows,
    row_from_report,
    score_bins_frame,
    summary_columns,
    summary_values,
)
from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.model import CriterionResult, Evaluation, Status, Verdict
from clusterctl.report import FileReport


def test_ranking_groups_then_score_then_file_name(make_row):
    rows = [
        make_row(0, Verdict.INELIGIBLE, 95, path="z.xlsx"),
        make_row(1, Verdict.UNREADABLE, path="a.xlsx"),
        make_row(2, Verdict.ELIGIBLE, 60, path="y.xlsx"),
        make_row(3, Verdict.INCOMPLETE, 99, path="x.xlsx"),
        make_row(4, Verdict.ELIGIBLE, 70, path="b/B.xlsx"),
        make_row(5, Verdict.ELIGIBLE, 70, path="a/a.xlsx"),
    ]
    ranked = rank_rows(rows)
    assert [r.path for r in ranked] == [
        "a/a.xlsx",
        "b/B.xlsx",
        "y.xlsx",
        "x.xlsx",
        "z.xlsx",
        "a.xlsx",
    ]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5, 6]


def _report(path="in/a.xlsx"):
    pack = resolve_pack("beijing")
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


def test_frames_have_one_row_per_file_in_rank_order(make_row):
    pack = resolve_pack("beijing")
    a = make_row(0, Verdict.ELIGIBLE, 90, cluster_name="甲")
    b = make_row(1, Verdict.INELIGIBLE, 40, cluster_name="乙")
    c = make_row(2, Verdict.UNREADABLE)
    a.statuses = {"CR202": Status.MET, "CR203": Status.MET}
    b.statuses = {"CR202": Status.NOT_MET, "CR203": Status.NOT_APPLICABLE, "XX1": Status.MET}
    rows = rank_rows([b, c, a])
    columns = summary_columns("zh")
    frame = [dict(zip(columns, summary_values(r, "zh"), strict=True)) for r in rows]
    assert [f["排名"] for f in frame] == [1, 2, 3]
    assert [f["集群名称"] for f in frame][:2] == ["甲", "乙"]
    assert [f["结论"] for f in frame] == ["符合", "不符合", "无法读取"]
    assert summary_columns("en")[0] == "Rank"

    codes = criterion_codes(rows, pack)
    assert codes[: len(pack.criteria)] == [c.code for c in pack.criteria]
    assert codes[-1] == "XX1"

    rates = pass_rate_frame(rows, codes, pack, "en").set_index("Criterion")
    assert rates.loc["CR202", "Evaluated"] == 2 and rates.loc["CR202", "Pass rate (%)"] == 50.0
    assert rates.loc["CR203", "Evaluated"] == 1 and rates.loc["CR203", "Pass rate (%)"] == 100.0
    assert most_failed(rows) == [("CR202", 1)]


def test_score_bins_put_each_score_in_one_bin_and_100_in_the_last(make_row):
    rows = [make_row(i, Verdict.ELIGIBLE, s) for i, s in enumerate([0, 9.99, 10, 55, 100, 100])]
    rows.append(make_row(9, Verdict.UNREADABLE))
    bins = score_bins_frame(rows, "en")
    counts = dict(zip(bins["Score range"], bins["Applications"], strict=True))
    assert counts["0–10"] == 2 and counts["10–20"] == 1 and counts["50–60"] == 1
    assert counts["90–100"] == 2
    assert sum(counts.values()) == 6


def test_status_map_is_a_compact_read_only_mapping():
    from clusterctl.batch.table import StatusMap
    from clusterctl.evaluation.model import Status

    plain = {"CR202": Status.MET, "CR203": Status.NOT_MET, "CR101": Status.REVIEW}
    compact = StatusMap(plain.items())
    assert compact == plain and dict(compact.items()) == plain
    assert list(compact) == ["CR202", "CR203", "CR101"] and len(compact) == 3
    assert compact["CR203"] is Status.NOT_MET and compact.get("CR999") is None
    assert "CR101" in compact and "CR999" not in compact
    other = StatusMap({"CR202": Status.MISSING, "CR203": Status.MET, "CR101": Status.MET}.items())
    assert other._codes is compact._codes  # one shared tuple of codes per criteria set


def test_row_survives_the_spools_pickling(make_row) -> None:
    import pickle

    from clusterctl.batch.table import StatusMap
    from clusterctl.evaluation.model import Status

    row = make_row(7, cluster_name="集群A", province="北京市", operator_uscc="91110000X")
    row.statuses = StatusMap([("CR101", Status.MET), ("CR102", Status.NOT_MET)])
    row.indicators = {"sme_share": 71.5}
    back = pickle.loads(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
    assert back == row
    assert back.cells["province"] == row.cells["province"] and len(back.cells) == 3
    assert dict(back.statuses.items()) == {"CR101": Status.MET, "CR102": Status.NOT_MET}
