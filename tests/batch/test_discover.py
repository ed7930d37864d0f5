"""Discovery of the files a batch screens."""

from __future__ import annotations

import os

from clusterctl.batch.discover import discover, identity


def touch(path, data=b"x"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    return str(path)


def test_folder_keeps_workbooks_and_skips_lock_and_other_files(tmp_path):
    a = touch(tmp_path / "b.xlsx")
    b = touch(tmp_path / "A.XLSX")
    touch(tmp_path / "~$b.xlsx")
    touch(tmp_path / "notes.txt")
    touch(tmp_path / "sub" / "deep.xlsx")
    found = discover([str(tmp_path)])
    assert found.files == sorted([a, b])
    reasons = {os.path.basename(s.path): s.message("en") for s in found.skipped}
    assert reasons["~$b.xlsx"].startswith("Office lock file")
    assert "extension .txt" in reasons["notes.txt"]
    assert found.missing == []


def test_recursive_descends_but_not_into_hidden_folders(tmp_path):
    top = touch(tmp_path / "top.xlsx")
    deep = touch(tmp_path / "sub" / "deep.xlsm")
    touch(tmp_path / ".git" / "hidden.xlsx")
    found = discover([str(tmp_path)], recursive=True)
    assert found.files == [deep, top] or found.files == [top, deep]
    assert len(found.files) == 2


def test_explicit_file_is_an_input_whatever_its_extension_but_lock_files_are_not(tmp_path):
    odd = touch(tmp_path / "data.csv")
    lock = touch(tmp_path / "~$x.xlsx")
    found = discover([odd, lock])
    assert found.files == [odd]
    assert identity(odd) in found.explicit
    assert [s.path for s in found.skipped] == [lock]


def test_glob_and_duplicates_and_missing(tmp_path):
    a = touch(tmp_path / "a.xlsx")
    touch(tmp_path / "b.txt")
    found = discover([str(tmp_path / "*"), a, str(tmp_path / "nothing*.xlsx"), "no/such/file"])
    assert found.files == [a]  # reached twice, screened once
    assert found.missing == [str(tmp_path / "nothing*.xlsx"), "no/such/file"]
    assert [os.path.basename(s.path) for s in found.skipped] == ["b.txt"]


def test_remove_drops_every_spelling_of_a_file(tmp_path):
    a = touch(tmp_path / "a.xlsx")
    found = discover([str(tmp_path)])
    found.remove(os.path.join(str(tmp_path), ".", "a.xlsx"))
    assert a not in found.files
    assert found.files == []


def test_temporary_files_of_an_interrupted_run_are_skipped(tmp_path):
    touch(tmp_path / ".~clusterctl-abc.xlsx")
    keep = touch(tmp_path / "a.xlsx")
    found = discover([str(tmp_path)])
    assert found.files == [keep]
    assert "interrupted" in found.skipped[0].message("en")


def test_every_spreadsheet_format_in_a_folder_is_an_input(tmp_path):
    # .xls/.xlsb/.ods are not read, but a reviewer must see a row saying how to convert them.
    names = ["a.xlsx", "b.xlsm", "c.xls", "d.xlsb", "e.ods"]
    for name in names:
        touch(tmp_path / name)
    touch(tmp_path / "notes.txt")
    found = discover([str(tmp_path)])
    assert sorted(os.path.basename(f) for f in found.files) == names
    assert [os.path.basename(s.path) for s in found.skipped] == ["notes.txt"]
