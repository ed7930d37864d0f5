"""The acceptance suite's files: every case filled once per edition (by the Chinese labels),
then carried through each transport; built once per test session (per worker)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import filler
from smoke_cases import SMOKE_CASES

try:  # helper "cases" writes the full suite; until it is merged only the smoke cases run
    from cases import CASES as FULL_CASES  # type: ignore[import-not-found]
except ImportError:
    FULL_CASES = ()

ALL_CASES = (*SMOKE_CASES, *FULL_CASES)
EDITIONS = sorted({pack for case in ALL_CASES for pack in case.expected})


def file_name(case_id: str, pack_id: str) -> str:
    return f"{case_id}--{pack_id}.xlsx"


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
