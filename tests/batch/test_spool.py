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
