"""The re-review: a third workbook kind, only data, through the same interpreters."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner
from workbook_specs import eligible_spec

from clusterctl.cli.app import app as cli
from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_workbook
from clusterctl.workbook.structure import check_structure
from clusterctl.workbook.template import write_filled


def test_a_filled_rereview_round_trips(tmp_path):
    pack = resolve_pack("beijing-2023")
    app_spec = eligible_spec()
    spec = {
        "identity": {
            "cluster_name": "北京市海淀区行业应用软件产业集群",
            "operator_name": "测试集群管理委员会",
            "operator_uscc": app_spec["basic"]["operator_uscc"],
            "batch": "2023年度",
            "valid_from": "2023-11-01",
            "valid_to": "2026-10-31",
            "review_year": 2026,
        },
        "indicators": {"total_output": [60.0, 66.0, 71.5]},
        "roster": app_spec["roster"],
        "qualitative": {"CR101": {"met": "是", "description": "符合", "evidence": "文件"}},
        "plan": [{"indicator": "集群总产值", "base_value": 52, "target": 75, "actual": 71.5}],
        "assessment": {
            "CR201": {"met": "是"},
            "CR203": {"met": "否", "reason": "中小企业产值占比 68%，低于 70%"},
        },
    }
    path = tmp_path / "rr.xlsx"
    write_filled(path, pack, spec, kind="rereview")
    app, findings = read_workbook(str(path), Limits())
    assert not findings, [f.to_row() for f in findings]
    assert app.kind == "rereview" and app.years == [2023, 2024, 2025]
    assert app.series("total_output") == [60.0, 66.0, 71.5]
    assert len(app.roster) == 12 and app.roster[0].name == app_spec["roster"][0]["name"]
    assert app.roster[0].qualifications  # the roster is a roster: Firms with qualifications
    assert app.qualitative["CR101"].has_evidence
    assessment = app.rows["assessment"]
    assert set(assessment) == {c.code for c in pack.criteria}  # one row per criterion
    assert assessment["CR203"] == {"met": False, "reason": "中小企业产值占比 68%，低于 70%"}
    assert app.cell("assessment.CR203.reason").sheet == "逐项自评"
    blanks = {f.location.field for f in check_structure(app, pack) if f.code == "V207"}
    assert "assessment.CR203" not in blanks and "assessment.CR301" in blanks


def test_template_kind_rereview_through_the_cli(tmp_path):
    out = tmp_path / "rr.xlsx"
    result = CliRunner().invoke(
        cli, ["template", "--kind", "rereview", "--year", "2026", "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "Self-assessment"
    assert [wb["Indicators"].cell(3, c).value for c in (3, 4, 5)] == [2023, 2024, 2025]
    app, _ = read_workbook(str(out), Limits())
    assert app.kind == "rereview"
