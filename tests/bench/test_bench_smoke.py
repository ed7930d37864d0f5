"""The benchmark harness still runs end to end (tiny set); its numbers are not asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def test_smoke_run_writes_the_table(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nThe account of the levers.\n", encoding="utf-8")
    cache, out = str(tmp_path / "cache"), str(tmp_path / "out")
    command = [sys.executable, str(RUN), "--smoke", "--repeats", "1", "--cache", cache,
               "--out", out, "--doc", str(doc)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\n<!-- bench/run.py: begin")  # the table on top
    assert text.rstrip().endswith("The account of the levers.")  # the rest kept
    for row in (
        "(a) clusterctl screen",
        "isolation off",
        '(p) peer: pandas.read_excel(engine="calamine")',
        "(b) baseline",
        "(c) floor: fastexcel",
        "(c′) floor: python-calamine",
        "less CPU time than the pandas + calamine loop",
        "in every round",
        "the default-engine baseline, wall and CPU",
        "fixed cost",
        "tail after the last file ≤ 5% of the run (20 files)",
        "tail after the last file ≤ 5% of the run (40 files)",
        "from N to 10×N",
        "`check FILE` < 0.3 s",
        "`--help` < 0.2 s",
        "isolation's cost",
    ):
        assert row in text, row
    assert "Set: 20 files" in text and "`python bench/run.py --smoke" in text
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert {r["name"][:3] for r in results["rows"]} >= {"(a)", "(b)", "(c)", "(p)"}
    assert all(r["files"] == 20 and r["seconds"] > 0 for r in results["rows"])
    assert all(len(r["walls"]) == 2 for r in results["rows"])  # two interleaved rounds
    assert [t["files"] for t in results["tail"]] == [20, 40]
    assert all(0 < t["tail_s"] < t["total_s"] for t in results["tail"])
    assert results["fixed"]["screen_one_s"] > 0 and results["startup"]["help_cpu_s"] > 0
    assert (tmp_path / "out" / "summary-screen.xlsx").is_file()
    # a second run replaces the generated block instead of stacking another
    result = subprocess.run(
        [*command, "--parts", "startup"], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    again = doc.read_text(encoding="utf-8")
    assert again.count("<!-- bench/run.py: begin") == 1 and "(a) clusterctl screen" not in again
    assert "`--help` < 0.2 s" in again and again.rstrip().endswith("The account of the levers.")


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
