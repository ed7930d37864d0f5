"""pandas is imported without pyarrow, and pyarrow stays importable afterwards.

The test extra installs pyarrow (through the ``bench`` extra), so these tests see what a user
with pyarrow installed would: without the loader, ``import pandas`` would import it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def run_python(code: str, exits: tuple[int, ...] = (0,)) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode in exits, result.stderr[-2000:]
    return result.stdout.strip()


def test_pyarrow_is_installed_here():
    # the tests below mean something only where pandas could pull pyarrow in
    assert importlib.util.find_spec("pyarrow") is not None, "install the test extra: .[test]"
    assert run_python("import sys, pandas; print('pyarrow' in sys.modules)") == "True"


def test_load_pandas_hides_pyarrow_then_lets_it_be_imported():
    out = run_python(
        "import sys\n"
        "from clusterctl.batch.pandas_loader import load_pandas\n"
        "pd = load_pandas()\n"
        "print('pyarrow' in sys.modules, pd.Series(['a', 'b']).str.upper().tolist())\n"
        "import pyarrow\n"
        "print(pyarrow.__name__)\n"
    )
    assert out.splitlines() == ["False ['A', 'B']", "pyarrow"]


def test_load_pandas_leaves_a_loaded_pandas_alone():
    out = run_python(
        "import pandas, sys\n"
        "from clusterctl.batch.pandas_loader import load_pandas\n"
        "print(load_pandas() is pandas, 'pyarrow' in sys.modules)\n"
    )
    assert out == "True True"


def test_screen_never_imports_pyarrow(tmp_path):
    summary = tmp_path / "summary.xlsx"
    out = run_python(
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('pandas', 'pyarrow') "
        "if sys.modules.get(m))))\n"
        f"sys.argv = ['clusterctl', 'screen', {str(SAMPLES)!r}, '-o', {str(summary)!r}]\n"
        "runpy.run_module('clusterctl', run_name='__main__')\n",
        exits=(0, 1),
    )
    assert out.splitlines()[-1] == "['pandas']"  # the summary's tables, without pyarrow
    assert summary.stat().st_size > 0
