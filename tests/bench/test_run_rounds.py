"""Rounds of one part become one row: median times, the highest peak, the spread in the note."""

from __future__ import annotations

from pathlib import Path

from run import Row, combine


def row(seconds: float, cpu: float, peak: float) -> Row:
    return Row("screen", "(a) clusterctl screen", seconds, 1000, peak, cpu, "note")


def test_three_rounds_give_medians_and_the_highest_peak():
    combined = combine([row(9.0, 16.0, 120.0), row(12.5, 17.5, 131.0), row(10.0, 15.0, 126.0)])
    assert (combined.seconds, combined.cpu_s, combined.peak_mb) == (10.0, 16.0, 131.0)
    assert (combined.key, combined.files) == ("screen", 1000)
    assert combined.note == "median of 3 rounds (9.00–12.50 s); note"


def test_one_round_is_kept_as_it_is():
    single = row(9.0, 16.0, 120.0)
    assert combine([single]) is single


def test_the_old_tree_is_the_package_that_screens(tmp_path, monkeypatch):
    """--old: the old tree's clusterctl runs, not the checkout's (python -m puts the working
    directory first on sys.path, so run from the checkout it would shadow PYTHONPATH)."""
    import run

    old = tmp_path / "old"
    (old / "clusterctl").mkdir(parents=True)
    (old / "clusterctl" / "__init__.py").write_text("")
    (old / "clusterctl" / "__main__.py").write_text(
        "import sys\nfrom pathlib import Path\n"
        "Path(sys.argv[sys.argv.index('-o') + 1]).write_text(__file__)\n"
    )
    files = tmp_path / "files"
    files.mkdir()
    monkeypatch.chdir(run.ROOT)  # where bench/run.py is run from
    result = run.screen(files, tmp_path, "screen-old", None, old)
    assert result.key == "screen-old"
    ran = (tmp_path / "summary-screen-old.xlsx").read_text()
    assert Path(ran).resolve() == (old / "clusterctl" / "__main__.py").resolve()
