"""Compact batch rows for unit tests of the batch table and the checks across a batch."""

from __future__ import annotations

import pytest

from clusterctl.batch.rows import FileRow
from clusterctl.diagnostics import Location
from clusterctl.evaluation.model import Verdict


def _row(index: int, verdict: Verdict = Verdict.ELIGIBLE, score: float | None = 80.0, **facts):
    row = FileRow(
        index=index,
        path=facts.pop("path", f"in/f{index}.xlsx"),
        sha256=None,
        size=None,
        verdict=verdict,
        score=score if verdict is not Verdict.UNREADABLE else None,
        pack_id="beijing-2023",
    )
    row.facts = {k: v for k, v in facts.items() if v is not None}
    row.cells = {
        key: Location(row.path, "基本信息", 3 + i, 3, f"basic.{key}")
        for i, key in enumerate(row.facts)
    }
    return row


@pytest.fixture
def make_row():
    return _row
