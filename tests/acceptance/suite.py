"""The cases the acceptance run checks: the smoke cases always, helper "cases"' full suite
(``cases.CASES``) when present."""

from __future__ import annotations

from smoke_cases import SMOKE_CASES

try:  # the full suite lives in cases.py; without it only the smoke cases run
    from cases import CASES as FULL_CASES  # type: ignore[import-not-found]
except ImportError:
    FULL_CASES = ()

ALL_CASES = (*SMOKE_CASES, *FULL_CASES)
EDITIONS = sorted({pack for case in ALL_CASES for pack in case.expected})


def file_name(case_id: str, pack_id: str) -> str:
    return f"{case_id}--{pack_id}.xlsx"
