"""The ranking's one rule (:func:`clusterctl.batch.ranking.rank_key`), as docs/screening.md
states it; the spool orders by the same stored key (tests/batch/test_run.py)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterctl.batch.ranking import rank_key, rank_rows
from clusterctl.batch.rows import FileRow
from clusterctl.evaluation.model import Verdict

GROUPS = [Verdict.ELIGIBLE, Verdict.INCOMPLETE, Verdict.INELIGIBLE, Verdict.UNREADABLE]


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


def test_scores_rank_highest_first_and_no_score_last_in_a_group(make_row):
    scores = [None, -5.0, -0.0, 0.0, 0.5, 99.99, 100.0, 1e-300, -1e-300]
    rows = [make_row(i, Verdict.INCOMPLETE, s) for i, s in enumerate(scores)]
    ranked = [r.score for r in rank_rows(rows)]
    assert ranked[:2] == [100.0, 99.99] and ranked[-2:] == [-5.0, None]
    assert rank_key(make_row(0, score=0.0)) == rank_key(make_row(0, score=-0.0))


def test_a_name_that_is_a_prefix_of_another_ranks_first(make_row):
    rows = [make_row(0, path="x/ab.xlsx"), make_row(1, path="y/a.xlsx"), make_row(2, path="a")]
    assert [r.path for r in rank_rows(rows)] == ["a", "y/a.xlsx", "x/ab.xlsx"]


NAMES = ["a.xlsx", "A.xlsx", "a", "ab", "b.xlsx", "ß.xlsx", "SS.xlsx", "集群.xlsx", "\udcff.xlsx"]
SCORES = st.one_of(st.none(), st.sampled_from([0.0, -0.0, 55.5, 80.0]), st.floats(-1e6, 1e6))


def _documented(row: FileRow) -> tuple:
    """docs/screening.md, "Ranking", written as a tuple."""
    score = -math.inf if row.score is None else row.score
    return (GROUPS.index(row.verdict), -score, row.name.casefold(), row.path)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(GROUPS), SCORES, st.sampled_from(NAMES), st.integers(0, 2)),
        max_size=12,
    )
)
def test_rank_key_orders_rows_as_the_documented_rule(specs: list) -> None:
    rows = [
        FileRow(i, f"in{folder}/{name}", None, None, verdict, score, None)
        for i, (verdict, score, name, folder) in enumerate(specs)
    ]
    by_key = sorted(rows, key=rank_key)
    assert [_documented(r) for r in by_key] == sorted(_documented(r) for r in rows)
