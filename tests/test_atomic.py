"""Atomic output: complete or not at all."""

from __future__ import annotations

import os

import pytest

from clusterctl.atomic import TEMP_PREFIX, atomic_path, write_text_atomically


def test_success_replaces_the_target_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    write_text_atomically(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_interrupted_write_keeps_the_old_file(tmp_path, error):
    target = tmp_path / "summary.xlsx"
    target.write_bytes(b"earlier summary")
    with pytest.raises(error), atomic_path(target, suffix=".xlsx") as tmp:
        assert os.path.basename(tmp).startswith(TEMP_PREFIX)
        with open(tmp, "wb") as fh:
            fh.write(b"half")
        raise error
    assert target.read_bytes() == b"earlier summary"
    assert os.listdir(tmp_path) == ["summary.xlsx"]


def test_unwritable_folder_is_an_oserror(tmp_path):
    with pytest.raises(OSError), atomic_path(tmp_path / "missing" / "out.txt"):
        pass
