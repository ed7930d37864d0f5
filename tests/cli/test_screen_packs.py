"""screen on a batch mixing packs: the quota applies per pack's call, each with its region and
quota, and the summary names every pack (through the CLI)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def test_quota_counts_each_pack_in_its_own_call(tmp_path: Path):
    """Five Beijing copies (one district: quota 3) and four national copies (one province:
    quota 5). Only Beijing's 4th and 5th are beyond their quota; had the national files been
    counted as Beijing's (per district, 3), the 4th national would be flagged too."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(5):
        shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", folder / f"bj{i}.xlsx")
    for i in range(4):
        shutil.copy(SAMPLES / "07-county-national.xlsx", folder / f"nat{i}.xlsx")
    out = tmp_path / "summary.xlsx"
    result = CliRunner().invoke(
        app, ["screen", str(folder), "--format", "json", "-o", str(out), "--jobs", "1"]
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    flagged = {
        Path(f["path"]).name: f["pack_id"]
        for f in doc["files"]
        if any(x["code"] == "B404" for x in f["findings"])
    }
    assert sorted(flagged.values()) == ["beijing-2023", "beijing-2023"]
    # the same niche in one province is flagged only under the call that recommends one cluster
    # per niche (national-2022's one_per_niche); Beijing's call has no such rule
    niche = {f["pack_id"] for f in doc["files"] if any(x["code"] == "B403" for x in f["findings"])}
    assert niche == {"national-2022"}

    wb = load_workbook(out)
    assert {c.value for c in wb["标准"]["A"][1:]} == {"北京市 2023年版", "全国 2022年版"}
    run = [str(c.value) for c in wb["运行信息"]["B"] if c.value]
    assert any("每区（县）最多 3 个（2024年北京市" in v for v in run)
    assert any("每省（区、市）最多 5 个（计划单列市、新疆生产建设兵团 3 个）" in v for v in run)
    assert {c.value for c in wb["汇总"]["M"][1:]} == {"北京市 2023年版", "全国 2022年版"}
