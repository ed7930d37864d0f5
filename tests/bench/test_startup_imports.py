"""Start-up stays cheap: ``--help`` and ``check`` never import the heavy libraries.

``clusterctl check`` reads with python-calamine; pandas and openpyxl (~0.35 s and ~0.2 s to
import) belong to ``screen``'s Excel summary and ``template`` only (docs/performance.md).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.template import write_filled

HEAVY = ("pandas", "openpyxl", "pydantic")


def imported_modules(*args: str) -> set[str]:
    # The workbook is read in a worker: forked, its imports are the parent's, which this probe
    # sees (a spawned worker's stderr goes to the null device).
    env = {**os.environ, "CLUSTERCTL_START_METHOD": "fork"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "clusterctl", *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def test_help_imports_no_heavy_library():
    modules = imported_modules("--help")
    assert "clusterctl.cli.app" in modules  # the probe sees our own imports
    assert not {m.split(".")[0] for m in modules} & set(HEAVY)


@pytest.mark.parametrize("fmt", ["human", "json", "sarif", "junit"])
def test_check_imports_no_heavy_library(tmp_path, fmt):
    path = tmp_path / "application.xlsx"
    write_filled(str(path), resolve_pack("beijing-2023"), {"basic": {"cluster_name": "测试集群"}})
    modules = imported_modules("check", str(path), "--output-format", fmt, "--jobs", "1")
    roots = {m.split(".")[0] for m in modules}
    assert "python_calamine" in roots  # it really read the workbook
    assert not roots & set(HEAVY)
    assert "pebble" not in roots  # one file: a worker of its own, no pool (batch/solo.py)
    if fmt != "human":  # machine formats never need rich
        assert "rich" not in roots


def test_screen_with_a_summary_imports_no_pydantic(tmp_path):
    """``-o summary.xlsx`` is a plain Path option: typer's pydantic coercion is not needed
    (cli/fast_params.py), nor for ``--expert-spread``'s default."""
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "application.xlsx"
    write_filled(str(path), resolve_pack("beijing-2023"), {"basic": {"cluster_name": "测试集群"}})
    out = tmp_path / "summary.xlsx"
    modules = imported_modules("screen", str(tmp_path / "in"), "-o", str(out), "--jobs", "1")
    roots = {m.split(".")[0] for m in modules}
    assert "openpyxl" in roots and out.exists()  # the summary was written
    assert "pydantic" not in roots
