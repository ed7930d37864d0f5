"""The benchmark harness still runs end to end (tiny set); its numbers are not asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def test_smoke_run_writes_the_table(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(RUN), "--smoke", "--repeats", "1", "--cache", str(tmp_path / "cache"),
         "--out", str(tmp_path / "out"), "--doc", str(doc)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n")  # appended, not overwritten
    for row in (
        "(a) clusterctl screen",
        "isolation off",
        "(b) baseline",
        "(c) floor: fastexcel",
        "(c′) floor: python-calamine",
        "the python-calamine floor",
    ):
        assert row in text
    assert "N = 20 applications" in text and "Command: `python bench/run.py --smoke" in text
    assert "`clusterctl --help`" in text
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert {r["name"][:3] for r in results["rows"]} >= {"(a)", "(b)", "(c)"}
    assert all(r["files"] == 20 and r["seconds"] > 0 for r in results["rows"])
    assert (tmp_path / "out" / "summary-screen.xlsx").is_file()


def test_memory_script_screens_the_set_and_its_largest_file(tmp_path):
    script = RUN.with_name("memory.py")
    result = subprocess.run(
        [sys.executable, str(script), "--n", "4", "--largest", "3", "--rounds", "1",
         "--cache", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| seed") or
            line.startswith("| largest")]  # fmt: skip
    assert [r.split("|")[1].strip() for r in rows] == ["seed 1", "largest file"]
    assert [r.split("|")[2].strip() for r in rows] == ["4", "3"]
    assert all(float(r.split("|")[3]) > 0 for r in rows)
    links = list((tmp_path).glob("seed1-n4/files/*.xlsx"))
    assert len(links) == 4  # the generated set itself is left as it was
