"""``clusterctl monitor`` through the CLI: usage errors, a register without reports, the JSON,
the workbook, text-as-text, hostile input costing one finding."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from test_monitor_registry import ROWS, plain_registry, template_registry
from typer.testing import CliRunner

from clusterctl.cli.app import app

runner = CliRunner()


def monitor(*args: str):
    return runner.invoke(app, ["monitor", *args])


def test_usage_errors_exit_2(tmp_path):
    reg = template_registry(tmp_path / "registry.xlsx")
    cases = [
        ([str(tmp_path), "--registry", str(tmp_path / "nope.xlsx")], "找不到认定名录"),
        ([str(tmp_path / "nothing"), "--registry", str(reg)], "找不到"),
        ([str(tmp_path), "--registry", str(reg), "--as-of", "15.04.2026"], "--as-of"),
        ([str(tmp_path), "--registry", str(reg), "-o", str(tmp_path / "m.csv")], ".xlsx"),
        ([str(tmp_path), "--registry", str(reg), "-o", str(reg)], "输入"),
    ]
    for args, said in cases:
        result = monitor(*args)
        assert result.exit_code == 2, (args, result.output)
        assert said in result.output
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK not really")
    result = monitor(str(tmp_path), "--registry", str(bad))
    assert result.exit_code == 2 and "认定名录无法使用" in result.output


def test_a_register_without_reports_lists_every_cluster_with_its_grounds(tmp_path):
    reg = plain_registry(tmp_path / "registry.xlsx")  # beside the reports: never a filing
    out = tmp_path / "m.xlsx"
    args = [str(tmp_path), "--registry", str(reg), "--as-of", "2026-04-15", "-o", str(out)]
    result = monitor(*args, "--output-format", "json")
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2026-04-15" and doc["files"] == []
    assert [c["cluster_name"] for c in doc["clusters"]] == [r[0] for r in ROWS]
    for c in doc["clusters"]:
        # recognised 2024: the 2024 report (due 2025-03-31) and the 2025 one (due 2026-03-31)
        assert c["status"] == "revoke"
        assert [(r["year"], r["deadline"], r["state"]) for r in c["reports"]] == [
            (2024, "2025-03-31", "missing"),
            (2025, "2026-03-31", "missing"),
        ]
        assert {(g["ground"], g["file"], g["sheet"]) for g in c["grounds"]} == {
            (3, str(reg), "2024年名单")
        }
        assert all(g["cell"].startswith("B") for g in c["grounds"])
    assert doc["grounds_not_assessed"][0]["ground"] == 2
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "监测状态" and "撤销情形" in wb.sheetnames
    status = wb["监测状态"]
    assert status["I2"].value == "建议撤销" and status["A2"].value == 1
    # a second run replaces the earlier workbook found in the folder, never reads it as input
    again = monitor(*args, "--output-format", "json", "--lang", "en")
    assert again.exit_code == 1, again.output
    assert json.loads(again.stdout)["files"] == []
    assert json.loads(again.stdout)["clusters"][0]["status_label"] == "revocation advised"


def test_workbook_text_stays_text_and_hostile_files_cost_one_finding(tmp_path):
    rows = [['=HYPERLINK("http://x")', "@SUM(1)", *ROWS[0][2:]]]
    reg = template_registry(tmp_path / "registry.xlsx", rows)
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 broken zip")
    (tmp_path / "notes.xlsx").write_text("just text", encoding="utf-8")
    out = tmp_path / "m.xlsx"
    result = monitor(
        str(tmp_path), "--registry", str(reg), "--as-of", "2025-01-15", "-o", str(out),
        "--output-format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # M614 is a warning; nothing is due yet
    doc = json.loads(result.stdout)
    assert sorted(f["path"] for f in doc["files"]) == [
        str(tmp_path / "broken.xlsx"),
        str(tmp_path / "notes.xlsx"),
    ]
    assert {f["code"] for f in doc["findings"]} == {"M614"}
    # as of 2025-01-15 nothing is due yet (the 2024 report by 2025-03-31)
    assert doc["clusters"][0]["reports"][0]["state"] == "not-due"
    cell = openpyxl.load_workbook(out)["监测状态"]["B2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_the_human_overview_fits_80_columns_and_survives_gbk(tmp_path):
    import subprocess
    import sys

    reg = template_registry(tmp_path / "registry.xlsx")
    env = {"PYTHONIOENCODING": "gbk", "COLUMNS": "80", "CLUSTERCTL_START_METHOD": "spawn"}
    import os

    proc = subprocess.run(
        [sys.executable, "-m", "clusterctl", "monitor", str(tmp_path), "--registry", str(reg),
         "--as-of", date(2026, 4, 15).isoformat()],
        capture_output=True, env={**os.environ, **env}, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr.decode("gbk", "replace")
    text = proc.stdout.decode("gbk")
    assert "建议撤销 2" in text and "Traceback" not in proc.stderr.decode("gbk", "replace")
    from clusterctl.reports.sheet_layout import display_width

    assert max(display_width(line) for line in text.splitlines()) <= 80


def _abort(path, limits):
    import faulthandler
    import os

    faulthandler.disable()  # no traceback dump on the test's stderr
    os.abort()  # what python-calamine does on some workbooks


def test_the_register_is_read_in_a_worker_of_its_own(tmp_path, monkeypatch):
    from clusterctl.monitoring import registry
    from clusterctl.monitoring.run import read_registry_isolated
    from clusterctl.workbook.limits import Limits

    reg = template_registry(tmp_path / "registry.xlsx")
    book = read_registry_isolated(str(reg), Limits())
    assert book.unreadable is None and [c.name for c in book.clusters] == [r[0] for r in ROWS]
    # a reader that kills its process costs the register, not this process
    monkeypatch.setattr(registry, "read_registry", _abort)
    crashed = read_registry_isolated(str(reg), Limits())
    assert crashed.unreadable is not None and not crashed.clusters


def test_fail_on_warning_and_exit_zero(tmp_path):
    reg = template_registry(tmp_path / "registry.xlsx")
    (tmp_path / "notes.xlsx").write_text("just text", encoding="utf-8")  # M614, a warning
    base = [str(tmp_path), "--registry", str(reg), "--as-of", "2025-01-15", "-q"]
    assert monitor(*base).exit_code == 0
    assert monitor(*base, "--fail-on", "warning").exit_code == 1
    assert monitor(*base, "--fail-on", "warning", "--exit-zero").exit_code == 0
