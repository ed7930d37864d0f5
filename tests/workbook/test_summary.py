"""Key facts for reports."""

from __future__ import annotations

import json

import pytest
from workbook_specs import eligible_spec

from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application
from clusterctl.workbook.summary import summarize
from clusterctl.workbook.template import write_filled


def test_summary_facts(tmp_path, pack):
    path = tmp_path / "app.xlsx"
    write_filled(path, pack, eligible_spec())
    app, _ = read_application(str(path), Limits())
    facts = summarize(app, None)
    json.dumps(facts)  # plain values only
    assert facts["cluster_name"] == "北京市海淀区行业应用软件产业集群"
    assert facts["division_code"] == "110108"
    assert facts["edition"] == "test-2023"
    assert facts["latest_year"] == 2022
    assert facts["total_output"] == 66.1
    assert facts["sme_share"] == pytest.approx(round(100 * 51.2 / 66.1, 2))
    assert facts["output_growth"] == pytest.approx(round(100 * ((66.1 / 52.0) ** 0.5 - 1), 2))
    assert facts["firm_count"] == 240
    assert facts["roster_firms"] == 12
