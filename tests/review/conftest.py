"""The review tests' fixture: a small batch copied from sample_data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import BATCH, SAMPLES


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in BATCH:
        shutil.copy(SAMPLES / name, folder / name)
    return folder
