"""The finding spool leaves nothing behind, however the run ends."""

from __future__ import annotations

import os
import sqlite3
import tempfile

import pytest

from clusterctl.batch.spool import FindingSpool


def _ours(folder: str) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith("clusterctl-screen-")]


@pytest.fixture
def tmpdir_env(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return str(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX only: an open file without a name")
def test_an_open_spool_has_no_name_on_posix(tmpdir_env):
    with FindingSpool() as spool:
        assert _ours(tmpdir_env) == []  # a SIGKILL now would leave nothing
        spool.add_rendered(0, ['{"code": "V201"}'])
        assert list(spool.of(0)) == [{"code": "V201"}]
    assert _ours(tmpdir_env) == []


def test_a_spool_that_cannot_be_created_leaves_no_folder(tmpdir_env, monkeypatch):
    real = sqlite3.connect

    class Full:
        def __init__(self, path):
            self.db = real(path)

        def execute(self, sql, *args):
            if sql.startswith("CREATE TABLE rows"):
                raise sqlite3.OperationalError("disk I/O error")  # as on a full disk
            return self.db.execute(sql, *args)

        def close(self):
            self.db.close()

    monkeypatch.setattr(sqlite3, "connect", Full)
    with pytest.raises(sqlite3.OperationalError):
        FindingSpool()
    assert _ours(tmpdir_env) == []


def test_findings_by_rank_is_the_rows_in_rank_order_each_with_its_findings(make_row):
    from clusterctl.batch.spool import SpooledRows, packed_row
    from clusterctl.evaluation.model import Verdict

    with FindingSpool() as spool:
        scores = [40.0, 90.0, 70.0, 90.0, 10.0]
        for i, score in enumerate(scores):
            row = make_row(i, Verdict.ELIGIBLE, score, path=f"in/sub/申报-{i}.xlsx")
            # added out of input order, findings in two batches (a batch check's come later)
            spool.add_rendered(i, [f'{{"n": {i}, "k": {k}}}' for k in range(i % 3)])
            spool.add_packed(i, packed_row(row))
        for i in (4, 1):
            spool.add_rendered(i, ['{"batch": 1}'], ["<c/>"])
        spool.rank()
        rows = SpooledRows(spool, len(scores), 0)
        expected = [
            (row.rank, row.index, os.path.basename(row.path), cells, data)
            for row in rows
            for cells, data in spool.rendered_of(row.index)
        ]
        assert [r.index for r in rows] == [1, 3, 2, 0, 4]  # ranked by score, ties by order
        assert list(rows.findings_by_rank()) == expected
        assert expected[0] == (1, 1, "申报-1.xlsx", None, '{"n": 1, "k": 0}')
        assert expected[1][3:] == ("<c/>", '{"batch": 1}')
        assert rows.path_of(2) == "in/sub/申报-2.xlsx"
