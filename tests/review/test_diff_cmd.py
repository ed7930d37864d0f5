"""``clusterctl diff old.xlsx new.xlsx`` through the CLI, on copies of sample_data."""

from __future__ import annotations

import json
import shutil

from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app

from .helpers import SAMPLES

runner = CliRunner()
NAME = "02-sme-share-exactly-70.xlsx"


def edited_copy(tmp_path):
    old = tmp_path / "old" / NAME
    new = tmp_path / "new" / NAME
    old.parent.mkdir()
    new.parent.mkdir()
    shutil.copy(SAMPLES / NAME, old)
    shutil.copy(SAMPLES / NAME, new)
    wb = load_workbook(new)
    wb["指标数据"]["E5"] = 50
    wb.save(new)
    return old, new


def test_diff_names_the_edited_cell_and_the_criterion_it_changed(tmp_path):
    old, new = edited_copy(tmp_path)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "指标数据!E5 (sme_output)  49 → 50" in result.stdout
    assert "CR203 中小企业产值占比  未达标 → 达标  (70 → 71.43)" in result.stdout
    assert "结论  不符合 → 符合" in result.stdout
    doc = json.loads(
        runner.invoke(app, ["diff", str(old), str(new), "--output-format", "json"]).stdout
    )
    assert doc["kind"] == "clusterctl-diff" and doc["differs"] is True
    assert doc["cells"] == [
        {"sheet": "指标数据", "cell": "E5", "key": "sme_output", "old": 49, "new": 50}
    ]
    assert [c["code"] for c in doc["criteria"]] == ["CR203"]
    assert doc["criteria"][0]["old"]["status"] == "not_met"
    assert doc["old"]["verdict"] == "ineligible" and doc["new"]["verdict"] == "eligible"


def test_identical_copies_exit_0_and_english_output(tmp_path):
    old = tmp_path / "a.xlsx"
    new = tmp_path / "b.xlsx"
    shutil.copy(SAMPLES / NAME, old)
    shutil.copy(SAMPLES / NAME, new)
    result = runner.invoke(app, ["diff", str(old), str(new), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Cells: no change" in result.stdout and "Criterion results: no change" in result.stdout


def test_an_unreadable_version_and_usage_errors(tmp_path):
    good = tmp_path / "good.xlsx"
    shutil.copy(SAMPLES / NAME, good)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(good), str(bad)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "无法读取" in result.stdout
    missing = runner.invoke(app, ["diff", str(good), str(tmp_path / "none.xlsx")])
    assert missing.exit_code == 2 and "找不到文件" in missing.stderr
    same = runner.invoke(app, ["diff", str(good), str(good), "--lang", "en"])
    assert same.exit_code == 2 and "the same file twice" in same.stderr
