"""Fixtures for workbook tests."""

from __future__ import annotations

import pytest
from workbook_specs import small_pack

from clusterctl.criteria.model import Pack


@pytest.fixture
def pack() -> Pack:
    return small_pack()
