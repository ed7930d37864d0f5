"""The bench scripts are not a package: make ``bench/`` importable for unit tests."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def pytest_collection_modifyitems(items: list) -> None:
    """Every test here is a benchmark smoke test: marked ``bench``, left out of the default run
    (pyproject's addopts) and run by CI with ``pytest -m bench``."""
    import pytest

    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(Path(__file__).resolve().parent):
            item.add_marker(pytest.mark.bench)
