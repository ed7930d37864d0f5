"""``screen --format json`` through the formats registry: the json format's ``write_batch``."""

from __future__ import annotations

import io
import json

import pytest

from clusterctl.batch.ranking import rank_rows
from clusterctl.batch.result import BatchResult
from clusterctl.batch.rows import FileRow
from clusterctl.batch.spool import FindingSpool
from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.model import Status, Verdict
from clusterctl.reports.formats import FORMAT_NAMES, batch_formatter


def _rows() -> list[FileRow]:
    a = FileRow(0, "in/a.xlsx", "a" * 64, 10, Verdict.INELIGIBLE, 40.0, "beijing-2023")
    b = FileRow(1, "in/b.xlsx", "b" * 64, 20, Verdict.ELIGIBLE, 90.0, "beijing-2023")
    b.statuses = {"CR202": Status.MET}
    b.facts, b.indicators = {"cluster_name": "乙"}, {"sme_share": float("nan")}
    return rank_rows([a, b])


def test_the_json_format_writes_a_screened_batch_in_rank_order() -> None:
    rows = _rows()
    with FindingSpool() as spool:
        # a: its record from the json format, with a finding of its own and a batch check's
        spool.add_file(0, {"path": "in/a.xlsx", "findings": [{"code": "V201"}], "counts": {}})
        spool.add(0, [Finding("V201", Location("in/a.xlsx", "指标数据", 5, 4))], "en")
        spool.add(0, [Finding("B401", Location("in/a.xlsx"), {"name": "甲", "others": ""})], "en")
        result = BatchResult(rows, resolve_pack("beijing-2023"), spool, "en", quota=3)
        result.batch_findings["B401"] = 1
        out = io.StringIO()
        batch_formatter("json").write_batch(result, out)
    doc = json.loads(out.getvalue())
    assert doc["kind"] == "clusterctl-screen" and doc["pack_id"] == "beijing-2023"
    assert [f["path"] for f in doc["files"]] == ["in/b.xlsx", "in/a.xlsx"]
    assert [f["rank"] for f in doc["files"]] == [1, 2]
    b, a = doc["files"]
    # no record from the json format: built from the row; NaN is null
    assert b["criteria"] == [{"code": "CR202", "status": "met"}] and b["verdict"] == "eligible"
    assert b["facts"] == {"cluster_name": "乙"} and b["key_indicators"] == {"sme_share": None}
    # the json format's record keeps its findings; only the batch check's is added and counted
    assert [f["code"] for f in a["findings"]] == ["V201", "B401"] and a["counts"] == {"error": 1}
    assert doc["totals"]["files"] == 2 and doc["totals"]["batch_findings"] == {"B401": 1}
    assert doc["totals"]["verdicts"]["eligible"] == 1
    assert out.getvalue().startswith('{\n  "schema_version": 1,\n  "kind": "clusterctl-screen",')


def test_only_a_format_that_writes_a_batch_is_given_for_one() -> None:
    # screen writes json and sarif (screen --output-format sarif: reports/formats/sarif_batch.py)
    assert [n for n in FORMAT_NAMES if _writes_batch(n)] == ["json", "sarif"]
    with pytest.raises(LookupError, match="junit"):
        batch_formatter("junit")


def _writes_batch(name: str) -> bool:
    try:
        batch_formatter(name)
    except LookupError:
        return False
    return True
