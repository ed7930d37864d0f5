"""The summary's tables from batch rows: 汇总's columns and values, the matrix's codes, 统计's
pass rates and score bins."""

from __future__ import annotations

from clusterctl.batch.ranking import rank_rows
from clusterctl.batch.result import most_failed
from clusterctl.batch.rows import FileRow
from clusterctl.criteria.loader import resolve_pack
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.reports.summary_columns import criterion_codes, summary_columns, summary_values
from clusterctl.reports.summary_frames import pass_rate_frame, score_bins_frame


def make_row(index: int, verdict: Verdict = Verdict.ELIGIBLE, score: float | None = 80.0, **facts):
    unreadable = verdict is Verdict.UNREADABLE
    row = FileRow(
        index, f"in/f{index}.xlsx", None, None, verdict, None if unreadable else score, None
    )
    row.facts = facts
    return row


def test_frames_have_one_row_per_file_in_rank_order():
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


def test_score_bins_put_each_score_in_one_bin_and_100_in_the_last():
    rows = [make_row(i, Verdict.ELIGIBLE, s) for i, s in enumerate([0, 9.99, 10, 55, 100, 100])]
    rows.append(make_row(9, Verdict.UNREADABLE))
    bins = score_bins_frame(rows, "en")
    counts = dict(zip(bins["Score range"], bins["Applications"], strict=True))
    assert counts["0–10"] == 2 and counts["10–20"] == 1 and counts["50–60"] == 1
    assert counts["90–100"] == 2
    assert sum(counts.values()) == 6
