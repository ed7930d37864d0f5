"""A pack adds an indicator and a criterion as data only (issue 13's first "done" line).

tests/fixtures/packs/cross-border-2023.toml extends beijing-2023 with an indicator no shipped
pack has (开展跨境电商的企业数), a derived share and a hard criterion on it (CB801, 不低于5%, the
latest year). No Python knows any of them: the template writes the row, check reads, validates
and evaluates it, and the summary shows the criterion.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from openpyxl import load_workbook
from sample_generator import sample_generator
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.loader import load_pack_file
from clusterctl.workbook.fill import write_filled

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "fixtures" / "packs" / "cross-border-2023.toml"
LABEL = "开展跨境电商的企业数"


def _filled(tmp_path: Path, name: str, cross_border: list[int]) -> Path:
    """An otherwise eligible Beijing application (the samples' generator) with the new row."""
    pack = load_pack_file(PACK)
    spec = sample_generator().base_spec(
        pack, random.Random(7), name="北京市测试区跨境电商产业集群", province="北京市",
        city="北京市", district="海淀区", division="110108", industry="跨境电商",
        niche="跨境电商服务", year=2025, total=[48.0, 55.0, 63.0],
    )  # fmt: skip
    spec["indicators"]["firm_count"] = [180, 190, 200]
    spec["indicators"]["cross_border_firms"] = cross_border
    path = tmp_path / name
    write_filled(path, pack, spec)
    return path


def _check(path: Path) -> dict:
    result = CliRunner().invoke(
        app, ["check", str(path), "--criteria", str(PACK), "--output-format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"][0]


def _criterion(report: dict, code: str) -> dict:
    return next(c for c in report["criteria"] if c["code"] == code)


def test_template_writes_the_packs_own_indicator_row(tmp_path):
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(app, ["template", "--criteria", str(PACK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out)["指标数据"]
    rows = {r[0].value: r[1].value for r in ws.iter_rows(min_row=1) if r[0].value}
    assert rows.get("cross_border_firms", "").startswith(LABEL)
    # a derived indicator is computed, never typed: it has no row
    assert "cross_border_share" not in rows
    # the shipped Beijing template has neither
    shipped = load_workbook(ROOT / "templates" / "beijing-2023.xlsx")["指标数据"]
    assert "cross_border_firms" not in {r[0].value for r in shipped.iter_rows(min_row=1)}


def test_check_reads_validates_and_evaluates_the_new_criterion(tmp_path):
    # 12 of 200 firms in the latest year (2024) = 6% ≥ 5% ("不低于"): met
    passing = _check(_filled(tmp_path, "pass.xlsx", [8, 10, 12]))
    assert _criterion(passing, "CB801")["status"] == "met"
    assert _criterion(passing, "CB801")["value"] == 6.0
    assert passing["verdict"] == "eligible"
    # 9 of 200 = 4.5% < 5%: not met, and CB801 is hard, so ineligible
    failing = _check(_filled(tmp_path, "fail.xlsx", [6, 8, 9]))
    assert _criterion(failing, "CB801")["status"] == "not_met"
    assert failing["verdict"] == "ineligible"


def test_the_new_row_is_validated_like_any_other(tmp_path):
    # a count typed as text that is no number: a value finding at that cell, and the
    # criterion reading it is missing data (never met or failed on a value it could not read)
    report = _check(_filled(tmp_path, "bad.xlsx", [8, 10, "很多"]))
    cells = [
        f for f in report["findings"] if f.get("field", "").startswith("indicators.cross_border")
    ]
    assert cells, report["findings"]
    assert _criterion(report, "CB801")["status"] == "missing"


def test_screen_summary_lists_the_new_criterion(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    _filled(folder, "a.xlsx", [8, 10, 12])
    out = tmp_path / "summary.xlsx"
    result = CliRunner().invoke(
        app, ["screen", str(folder), "--criteria", str(PACK), "-o", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    wb = load_workbook(out)
    texts = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "CB801" in texts
    assert any("跨境电商企业占比" in t for t in texts)
