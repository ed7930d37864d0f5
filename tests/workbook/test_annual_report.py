"""The annual report: a second workbook kind, written and read by the same interpreters."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app as cli
from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.identifiers import make_uscc
from clusterctl.workbook.limits import Limits
from clusterctl.workbook.reader import read_application, read_workbook
from clusterctl.workbook.template import write_filled

runner = CliRunner()
OPERATOR = make_uscc("11110115MB0000001")
FIRM = make_uscc("91110115MA0000002")


def report_spec() -> dict:
    return {
        "identity": {
            "cluster_name": "北京市大兴区医疗器械产业集群",
            "operator_name": "大兴区医疗器械产业集群管理委员会",
            "operator_uscc": OPERATOR,
            "batch": "2023年度",
            "valid_from": "2023-11-01",
            "valid_to": "2026-10-31",
            "reporting_year": 2024,
            "filed_on": "2025-03-20",
        },
        "indicators": {"total_output": [72.5], "sme_output": [57.0], "software_rate": [71]},
        "roster_changes": [
            {"name": "北京新加入医疗科技有限公司", "uscc": FIRM, "change": "加入",
             "date": "2024-03-01"},
            {"name": "北京退出器械有限公司", "uscc": OPERATOR, "change": "退出"},
        ],
        "plan": [
            {"indicator": "集群总产值", "base_value": 52.4, "target": 70, "actual": 72.5,
             "unit": "亿元"},
            {"indicator": "专精特新企业数", "base_value": 12, "target": 20, "actual": 17},
        ],
        "changes": {
            "leading_industry": {"changed": "否"},
            "area": {"changed": "否"},
            "operator": {"changed": "是", "reported": "是", "date": "2024-06-30"},
        },
        "incidents": [{"date": "2024-08-15", "kind": "安全事故", "description": "一般安全事故"}],
        "narrative": {
            "work_done": "建设共享检测平台",
            "problems": "高端人才不足",
            "next_steps": "推进产业链协同",
        },
    }  # fmt: skip


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.xlsx"
    write_filled(path, resolve_pack("beijing-2023"), report_spec(), kind="annual-report")
    return path


def test_a_filled_annual_report_round_trips(report):
    app, findings = read_workbook(str(report), Limits())
    assert not findings, [f.to_row() for f in findings]
    assert app.kind == "annual-report" and app.edition == "beijing-2023"
    assert app.template_version == "1"
    identity = app.form("identity")
    assert identity["operator_uscc"] == OPERATOR and identity["reporting_year"] == 2024
    assert identity["valid_from"] == "2023-11-01" and identity["valid_to"] == "2026-10-31"
    assert app.name == "北京市大兴区医疗器械产业集群"
    assert app.years == [2024]  # the reporting year itself, one year
    assert app.series("total_output") == [72.5] and app.series("software_rate") == [71.0]
    assert app.series("co2_intensity") == [None]  # a row of the pack, left blank
    changes = app.table("roster_changes")
    assert [(c["name"], c["change"], c["date"]) for c in changes] == [
        ("北京新加入医疗科技有限公司", "加入", "2024-03-01"),
        ("北京退出器械有限公司", "退出", None),
    ]
    assert app.table("plan")[1] == {
        "indicator": "专精特新企业数",
        "base_value": 12.0,
        "target": 20.0,
        "actual": 17.0,
        "unit": None,
    }
    assert app.rows["changes"]["operator"] == {
        "changed": True,
        "reported": True,
        "date": "2024-06-30",
    }
    assert app.rows["changes"]["area"]["changed"] is False
    assert app.table("incidents")[0]["kind"] == "安全事故"
    assert app.value("narrative.problems") == "高端人才不足"
    # every value has its cell
    assert app.cell("plan.1.actual").sheet == "发展规划目标进展"
    assert app.cell("changes.operator").ref() == "重大变化!C6"
    assert app.cell("identity.valid_to").sheet == "集群基本情况"


def test_bad_cells_of_an_annual_report_are_findings_with_their_cell(tmp_path):
    spec = report_spec()
    spec["identity"]["valid_to"] = "明年"
    spec["roster_changes"][0]["change"] = "合并"
    spec["plan"][0]["actual"] = "很多"
    spec["incidents"][0]["date"] = "2024-13-45"
    spec["changes"]["area"]["changed"] = "也许"
    path = tmp_path / "bad.xlsx"
    write_filled(path, resolve_pack("beijing-2023"), spec, kind="annual-report")
    app, findings = read_workbook(str(path), Limits())
    found = {(f.code, f.location.field) for f in findings}
    assert found == {
        ("V205", "identity.valid_to"),
        ("V206", "roster_changes.0.change"),
        ("V202", "plan.0.actual"),
        ("V205", "incidents.0.date"),
        ("V204", "changes.area"),
    }
    assert app.value("identity.valid_to") is None and app.table("plan")[0]["actual"] is None
    by_field = {f.location.field: f for f in findings}
    assert by_field["plan.0.actual"].location.ref() == "发展规划目标进展!E4"


def test_the_annual_report_is_not_an_application(report):
    app, findings = read_application(str(report), Limits())
    assert app is None and "S101" in {f.code for f in findings}


def test_template_kind_annual_report_through_the_cli(tmp_path):
    out = tmp_path / "r.xlsx"
    result = runner.invoke(
        cli, ["template", "--kind", "annual-report", "-o", str(out), "--year", "2025"]
    )
    assert result.exit_code == 0, result.output
    assert "annual-report" in result.output
    wb = openpyxl.load_workbook(out)
    markers = [ws["A1"].value for ws in wb.worksheets]
    assert markers[0] == "#sheet:report_instructions" and "#sheet:report_plan" in markers
    for ws in wb.worksheets:
        assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    meta = {ws_row[0].value: ws_row[2].value for ws_row in wb.worksheets[0].iter_rows(max_col=3)}
    assert meta["kind"] == "annual-report" and meta["years"] == "2025"
    indicators = wb["年度指标"]
    assert indicators["C3"].value == 2025 and indicators["D2"].value == "unit"
    app, findings = read_workbook(str(out), Limits())
    assert app.kind == "annual-report" and app.years == [2025]
    assert not [f for f in findings if f.level.value == "error"]


def test_the_english_annual_report_reads_back(tmp_path):
    out = tmp_path / "r-en.xlsx"
    spec = report_spec()
    spec["roster_changes"][0]["change"] = "Joined"  # the English drop-down value
    write_filled(out, resolve_pack("national-2022"), spec, "en", kind="annual-report")
    assert openpyxl.load_workbook(out).sheetnames[1] == "Cluster identity"
    app, findings = read_workbook(str(out), Limits())
    assert app.table("roster_changes")[0]["change"] == "加入"
    assert app.edition == "national-2022" and not [f for f in findings if f.code != "V201"]


def test_unknown_kind_is_a_usage_error(tmp_path):
    out = tmp_path / "x.xlsx"
    result = runner.invoke(cli, ["template", "--kind", "budget", "-o", str(out)])
    assert result.exit_code == 2 and "annual-report" in result.output
    assert not out.exists()


def test_structural_checks_come_from_the_kind(tmp_path):
    from clusterctl.workbook.structure import check_structure

    pack = resolve_pack("beijing-2023")
    spec = report_spec()
    del spec["identity"]["batch"]
    del spec["plan"][1]["target"]
    spec["changes"]["area"] = {"reported": "是"}
    spec["narrative"]["problems"] = "   "
    spec["plan"][0]["actual"] = "很多"  # unreadable: reported by the reader, not again
    spec["roster_changes"][1]["uscc"] = OPERATOR[:-1] + ("0" if OPERATOR[-1] != "0" else "1")
    path = tmp_path / "r.xlsx"
    write_filled(path, pack, spec, kind="annual-report")
    app, _ = read_workbook(str(path), Limits())
    found = {(f.code, f.location.field) for f in check_structure(app, pack)}
    assert {
        ("V207", "identity.batch"),
        ("V207", "plan.1.target"),
        ("V207", "changes.area"),
        ("V207", "narrative.problems"),
        ("V208", "roster_changes.1.uscc"),  # a credit code column, checked by its type
    } <= found
    assert ("V207", "plan.0.actual") not in found
    required = {i.key for i in pack.input_indicators() if i.required}
    blank = {field.split(".")[1] for code, field in found if code == "V216"}
    assert blank == required - {"total_output", "sme_output"}
    by_field = {f.location.field: f for f in check_structure(app, pack)}
    assert by_field["identity.batch"].location.ref() == "集群基本情况!C7"
    spec = report_spec()
    write_filled(path, pack, spec, kind="annual-report")
    app, _ = read_workbook(str(path), Limits())
    assert not [f for f in check_structure(app) if f.code == "V207"]
