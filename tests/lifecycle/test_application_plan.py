"""The application's optional 三年发展规划目标 sheet: validated as any input, never scored, and
older workbooks without it read as before."""

from __future__ import annotations

from pathlib import Path

from sample_generator import sample_generator
from typer.testing import CliRunner

from clusterctl.cli.app import app as cli
from clusterctl.criteria.loader import resolve_pack
from clusterctl.pipeline import Options, process_file
from clusterctl.workbook.template import write_filled

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def _eligible(tmp_path, plan):
    gen = sample_generator()
    spec = next(s for n, _, s, _ in gen.samples() if n.startswith("01-"))
    spec = {**spec, "plan": plan}
    path = tmp_path / "app.xlsx"
    write_filled(path, resolve_pack("beijing-2023"), spec, force=True)
    return path


def test_a_complete_plan_changes_nothing(tmp_path):
    plan = [
        {"indicator": "集群总产值", "unit": "亿元", "base_value": 66.1, "target_y1": 72,
         "target_y2": 80, "target_y3": 88},
    ]  # fmt: skip
    report = process_file(str(_eligible(tmp_path, plan)), Options())
    assert report.verdict.value == "eligible"
    assert not [f for f in report.findings if f.level.value != "info"]


def test_a_started_row_with_gaps_is_a_finding_at_its_cell(tmp_path):
    plan = [
        {"indicator": "集群总产值", "unit": "亿元", "base_value": 66.1, "target_y1": 72,
         "target_y2": 80, "target_y3": 88},
        {"indicator": "专精特新企业数", "base_value": 12, "target_y1": 15},  # y2, y3 blank
        {"indicator": "研发经费", "base_value": "很多", "target_y1": 1, "target_y2": 2,
         "target_y3": 3},
    ]  # fmt: skip
    report = process_file(str(_eligible(tmp_path, plan)), Options())
    sheet = "三年发展规划目标"
    rows = {(f.code, f.location.cell) for f in report.findings if f.location.sheet == sheet}
    # columns B indicator, C unit, D base, E-G targets; data from row 4
    assert ("V207", "F5") in rows and ("V207", "G5") in rows
    assert ("V202", "D6") in rows  # a number column holding text
    assert report.verdict.value == "eligible"  # the standard does not score the plan


def test_v1_and_current_samples_without_a_plan_sheet_get_no_finding_for_it():
    for path in [*sorted((ROOT / "tests" / "fixtures" / "workbook-v1").glob("*.xlsx"))[:2]]:
        report = process_file(str(path), Options())
        assert "S101" not in {f.code for f in report.findings}, path


def test_template_has_the_plan_sheet_with_year_help(tmp_path):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(cli, ["template", "-o", str(out), "--year", "2025"])
    assert result.exit_code == 0, result.output
    import openpyxl

    wb = openpyxl.load_workbook(out)
    ws = wb["三年发展规划目标"]
    assert ws["A1"].value == "#sheet:plan_targets"
    headers = [ws.cell(3, c).value for c in range(2, 8)]
    assert headers == [
        "规划指标 *",
        "单位",
        "基准年数值 *",
        "第一年目标 *",
        "第二年目标 *",
        "第三年目标 *",
    ]
    steps = " ".join(str(c.value) for row in wb["填报说明"].iter_rows() for c in row if c.value)
    assert "基准年（2024 年）" in steps and "（2025 年起）" in steps
