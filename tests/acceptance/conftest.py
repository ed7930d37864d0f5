"""The acceptance suite's files: every case filled once per edition (by the Chinese labels),
then carried through each transport; built once per test session (per worker)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import filler
from suite import ALL_CASES, file_name


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Edition -> the filled, untransported workbooks of every case that names it."""
    root = tmp_path_factory.mktemp("acceptance")
    cache = root / "templates"
    by_edition: dict[str, list[Path]] = {}
    for case in ALL_CASES:
        for pack_id in case.expected:
            folder = root / "filled" / pack_id
            folder.mkdir(parents=True, exist_ok=True)
            out = folder / file_name(case.id, pack_id)
            by_edition.setdefault(pack_id, []).append(filler.fill_case(case, pack_id, out, cache))
    return by_edition
