"""``sample_data/generate.py`` (not a package) as a module, for tests that build applications the
way the samples are built (``base_spec``, ``roster``)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

GENERATE = Path(__file__).resolve().parents[1] / "sample_data" / "generate.py"


@functools.cache
def sample_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clusterctl_sample_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
