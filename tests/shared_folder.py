"""The project's shared folder (reference texts, the SARIF schema, the foreign corpus), found in
one place: ``$CLUSTERCTL_SHARED``, else ``../shared`` beside the checkout (as CI has it).

A test that needs it fails with this message when it is missing, never skips."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "CLUSTERCTL_SHARED"
ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    env = os.environ.get(ENV)
    return Path(env) if env else ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside the shared folder (not checked: use :func:`require`)."""
    return shared_dir().joinpath(*parts)


def require(path: Path) -> Path:
    assert path.exists(), (
        f"{path} is missing: the tests read the project's shared folder, ../shared beside the "
        f"checkout, or the folder ${ENV} names"
    )
    return path
