"""Applications built in code for evaluation tests (the workbook reader is tested elsewhere)."""

from __future__ import annotations

import pytest

from clusterctl.criteria.loader import resolve_pack
from clusterctl.criteria.model import Kind
from clusterctl.diagnostics import Location
from clusterctl.workbook.fields import Qualification
from clusterctl.workbook.model import Answer, Application, Firm

YEARS = [2020, 2021, 2022]


def good_application(pack_id: str = "beijing-2023") -> Application:
    """An application that meets every criterion of the shipped packs (qualitative ones with
    evidence, so they are for review)."""
    app = Application(
        "good.xlsx",
        basic={"area_km2": 60.0, "high_energy": False, "high_water": False},
        years=list(YEARS),
        indicators={
            "total_output": [50.0, 60.0, 75.0],
            "sme_output": [40.0, 48.0, 60.0],
            "leading_output": [40.0, 50.0, 65.0],
            "firm_count": [200.0, 200.0, 200.0],
            "sme_rd_spending": [1000.0, 1200.0, 1500.0],
            "invention_patents": [1000.0, 1200.0, 1500.0],
            "employees": [50000.0, 50000.0, 50000.0],
            "platform_firms": [30.0, 40.0, 50.0],
            "co2_intensity": [1.0, 0.9, 0.8],
            "software_rate": [40.0, 45.0, 50.0],
        },
        roster=[
            Firm(
                "冠军企业",
                size="中型",
                in_leading=True,
                qualifications={Qualification.CHAMPION: 2021},
            )
        ],
    )
    for c in resolve_pack(pack_id).criteria:
        if c.kind is Kind.QUALITATIVE:
            app.qualitative[c.code] = Answer(True, "情况说明", "佐证材料")
        elif c.kind is Kind.DECLARATION:
            app.declarations[c.code] = True
    for key in app.indicators:
        for col, year in enumerate(YEARS):
            cell = f"indicators.{key}.{year}"
            app.cells[cell] = Location("good.xlsx", "指标数据", 5, 4 + col, cell)
    return app


@pytest.fixture
def good_app():
    return good_application
