"""Fixtures for the lifecycle tests: the sample filings as the committed generator builds them
(sample_data/lifecycle/generate.py), written into a temporary folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "sample_data" / "lifecycle" / "generate.py"


def lifecycle_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clusterctl_lifecycle_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return lifecycle_generator()


@pytest.fixture(scope="session")
def filings(tmp_path_factory, generator) -> dict[str, Path]:
    """{"annual": path, "rereview": path} of freshly generated samples."""
    folder = tmp_path_factory.mktemp("filings")
    paths = generator.generate(folder)
    return {p.name.split("-")[0]: p for p in paths}
