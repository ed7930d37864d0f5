"""The summary's tables from batch rows: 汇总's columns and values, the matrix's codes, 统计's
pass rates and score bins."""

from __future__ import annotations

import pandas as pd

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
    pack = resolve_pack("beijing-2023")
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
    rate = "Pass rate (%, review excluded)"
    assert rates.loc["CR202", "Evaluated"] == 2 and rates.loc["CR202", rate] == 50.0
    assert rates.loc["CR203", "Evaluated"] == 1 and rates.loc["CR203", rate] == 100.0
    assert most_failed(rows) == [("CR202", 1)]


def test_review_is_its_own_status_not_a_failed_pass_rate():
    """A criterion every file awaits expert review on has no pass rate (not 0 %); one with
    some decided files has the rate of those; the share awaiting review is shown."""
    pack = resolve_pack("beijing-2023")
    rows = [make_row(i, Verdict.ELIGIBLE, 90) for i in range(4)]
    for i, row in enumerate(rows):
        row.statuses = {
            "CR101": Status.REVIEW,
            "CR202": Status.REVIEW if i < 2 else (Status.MET if i == 2 else Status.NOT_MET),
        }
    rates = pass_rate_frame(rank_rows(rows), ["CR101", "CR202"], pack, "zh").set_index("条件编号")
    assert rates.loc["CR101", "待专家评审"] == 4
    assert pd.isna(rates.loc["CR101", "达标率（%，不含待评审）"])
    assert rates.loc["CR101", "待专家评审占比（%）"] == 100.0
    assert rates.loc["CR202", "达标率（%，不含待评审）"] == 50.0
    assert rates.loc["CR202", "待专家评审占比（%）"] == 50.0


def test_provisional_points_are_the_review_share_of_the_score():
    from clusterctl.batch.compact import provisional_points
    from clusterctl.evaluation.model import CriterionResult

    results = [
        CriterionResult("A", Status.REVIEW, weight=30, credit=1.0),
        CriterionResult("B", Status.MET, weight=50, credit=1.0),
        CriterionResult("C", Status.NOT_MET, weight=20, credit=0.0),
        CriterionResult("D", Status.NOT_APPLICABLE, weight=100, credit=0.0),
    ]
    assert provisional_points(results) == 30.0  # 30 of the 100 applicable points
    assert provisional_points([]) == 0.0


def test_summary_row_names_its_pack_and_the_provisional_points():
    a = make_row(0, Verdict.ELIGIBLE, 100, cluster_name="甲")
    a.pack_id, a.provisional = "national-2022", 35.04
    values = dict(
        zip(
            summary_columns("zh"),
            summary_values(a, "zh", {"national-2022": "全国 2022年版"}),
            strict=True,
        )
    )
    assert values["认定标准"] == "全国 2022年版"
    assert values["得分"] == 100 and values["其中待专家\n确认（分）"] == 35.0
    assert values["文件"] == "f0.xlsx"  # the file's name; the hyperlink and 运行信息 give the path


def test_score_bins_put_each_score_in_one_bin_and_100_in_the_last():
    rows = [make_row(i, Verdict.ELIGIBLE, s) for i, s in enumerate([0, 9.99, 10, 55, 100, 100])]
    rows.append(make_row(9, Verdict.UNREADABLE))
    bins = score_bins_frame(rows, "en")
    counts = dict(zip(bins["Score range"], bins["Applications"], strict=True))
    assert counts["0–10"] == 2 and counts["10–20"] == 1 and counts["50–60"] == 1
    assert counts["90–100"] == 2
    assert sum(counts.values()) == 6


def test_score_bins_show_the_mean_points_awaiting_review():
    rows = [make_row(i, Verdict.ELIGIBLE, s) for i, s in enumerate([95, 100, 55])]
    rows[0].provisional, rows[1].provisional, rows[2].provisional = 30.0, 40.0, 10.0
    bins = score_bins_frame(rows, "zh").set_index("得分区间")
    assert bins.loc["90–100", "其中待专家确认（平均分）"] == 35.0
    assert bins.loc["50–60", "其中待专家确认（平均分）"] == 10.0
    assert pd.isna(bins.loc["0–10", "其中待专家确认（平均分）"])
