"""The cases the acceptance run checks: the smoke cases and the full suite (``cases.CASES``)."""

from __future__ import annotations

from cases import CASES as FULL_CASES
from smoke_cases import SMOKE_CASES

ALL_CASES = (*SMOKE_CASES, *FULL_CASES)
assert len(FULL_CASES) >= 40, "the acceptance suite holds at least 40 cases (issue 14)"
EDITIONS = sorted({pack for case in ALL_CASES for pack in case.expected})


def file_name(case_id: str, pack_id: str) -> str:
    return f"{case_id}--{pack_id}.xlsx"
