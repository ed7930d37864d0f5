"""The committed lifecycle samples are what their generator makes; templates of both filing
kinds are written by the CLI; screen does not score a filing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import app as cli
from clusterctl.workbook.template import semantic_dump

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "sample_data" / "lifecycle"


def test_committed_samples_are_current(filings):
    for path in filings.values():
        committed = COMMITTED / path.name
        assert committed.exists(), "run python sample_data/lifecycle/generate.py"
        assert semantic_dump(path) == semantic_dump(committed), path.name


def test_templates_of_both_filing_kinds_have_filed_on(tmp_path):
    import openpyxl

    for kind, sheet in (("annual-report", "集群基本情况"), ("rereview", "集群基本情况")):
        out = tmp_path / f"{kind}.xlsx"
        result = runner.invoke(cli, ["template", "--kind", kind, "-o", str(out)])
        assert result.exit_code == 0, result.output
        ws = openpyxl.load_workbook(out)[sheet]
        keys = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 40)}
        assert keys["filed_on"] == "填报日期 *"
        # an empty template is a filing with every required input blank: check says so, no crash
        result = runner.invoke(cli, ["check", str(out), "--output-format", "json"])
        file = json.loads(result.stdout)["files"][0]
        assert file["kind"] == kind and file["filing"] is not None
        assert ("V207", "identity.filed_on") in {
            (f["code"], f.get("field")) for f in file["findings"]
        }


def test_screen_does_not_score_a_filing(tmp_path, filings):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "sample_data" / "01-eligible-beijing.xlsx", folder)
    shutil.copy(filings["annual"], folder)
    out = tmp_path / "s.xlsx"
    result = runner.invoke(
        cli, ["screen", str(folder), "-o", str(out), "--output-format", "json", "-j", "1"]
    )
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    report = files[filings["annual"].name]
    assert [f["code"] for f in report["findings"]] == ["L509"]
    assert report["score"] is None and report["verdict"] != "eligible"
    assert files["01-eligible-beijing.xlsx"]["verdict"] == "eligible"
