"""``screen --baseline`` through the CLI: an earlier summary compared with a re-screen after one
sample was corrected (one finding fixed, one new), one withdrawn and one added."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from .helpers import SAMPLES, by_name, screen, screen_json

EDITED = "02-sme-share-exactly-70.xlsx"


def correct(path: Path) -> None:
    """CR203's SME output 49 → 50 亿元 (share 70% → 71.4%: fixed); the area 67.7 → 150 km²
    (CR201, 一般不超过100: a new warning)."""
    wb = load_workbook(path)
    wb["指标数据"]["E5"] = 50
    ws = wb["基本信息"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "area_km2")
    ws.cell(row, 3).value = 150
    wb.save(path)


def first_summary(batch: Path, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "first.xlsx"
    result = screen(str(batch), "-o", str(out), "-q", *extra)
    assert result.exit_code in (0, 1) and out.exists()
    return out


def test_rescreen_shows_the_edited_application_changed_with_fixed_and_new_findings(batch, tmp_path):
    old = first_summary(batch, tmp_path)
    before = by_name(screen_json(str(batch)))
    correct(batch / EDITED)
    out = tmp_path / "second.xlsx"
    doc = screen_json(str(batch), "-o", str(out), "--baseline", str(old))
    files = by_name(doc)
    edited = files[EDITED]["baseline"]
    assert edited["state"] == "changed"
    assert edited["previous"]["verdict"] == before[EDITED]["verdict"] == "ineligible"
    assert files[EDITED]["verdict"] == "eligible" and edited["verdict_changed"]
    assert edited["previous"]["rank"] == before[EDITED]["rank"]
    assert edited["rank_changed"] == (before[EDITED]["rank"] != files[EDITED]["rank"])
    absent = {(f["code"], f["sheet"], f["cell"]) for f in edited["findings"]["absent"]}
    new = {(f["code"], f["sheet"], f["cell"]) for f in edited["findings"]["new"]}
    assert ("CR203", "指标数据", "E5") in absent
    assert any(code == "CR201" for code, _, _ in new)
    assert {"code": "CR203", "old": "not_met", "new": "met"} in edited["criteria"]
    states = {f["code"]: f.get("baseline_state") for f in files[EDITED]["findings"]}
    assert states.get("CR201") == "new"
    for name, record in files.items():
        if name != EDITED:
            assert record["baseline"]["state"] == "unchanged", name
            assert not record["baseline"]["findings"]["new"]
            assert not record["baseline"]["findings"]["absent"]
            assert {f.get("baseline_state") for f in record["findings"]} <= {"unchanged", None}
    assert doc["baseline"]["counts"] == {"new": 0, "changed": 1, "unchanged": 3, "withdrawn": 0}
    sheet = list(load_workbook(out, read_only=True)["变化"].values)
    row = next(r for r in sheet if r[1] == EDITED)
    assert row[2] == "已改动" and row[3] == "不符合" and row[4] == "符合"
    assert "CR203 指标数据!E5" in row[9] and "CR201" in row[10]


def test_withdrawn_and_new_applications_and_the_terminal_section(batch, tmp_path):
    old = first_summary(batch, tmp_path)
    (batch / "03-fails-thresholds.xlsx").unlink()
    shutil.copy(SAMPLES / "06-incomplete.xlsx", batch)
    result = screen(str(batch), "--baseline", str(old), "--lang", "en")
    assert result.exit_code == 1
    out = result.stdout
    assert "Compared with the earlier screen" in out
    assert "new 1, changed 0, unchanged 3, withdrawn 1" in out
    assert "03-fails-thresholds.xlsx: withdrawn" in out
    assert "06-incomplete.xlsx: new" in out
    doc = screen_json(str(batch), "--baseline", str(old))
    withdrawn = [Path(w["path"]).name for w in doc["baseline"]["withdrawn"]]
    assert withdrawn == ["03-fails-thresholds.xlsx"]


def test_an_english_baseline_is_read_as_well(batch, tmp_path):
    old = first_summary(batch, tmp_path, "--lang", "en")
    correct(batch / EDITED)
    files = by_name(screen_json(str(batch), "--baseline", str(old)))
    assert files[EDITED]["baseline"]["state"] == "changed"
    assert files[EDITED]["baseline"]["previous"]["verdict"] == "ineligible"


def test_a_baseline_that_is_not_a_summary_is_a_usage_error(batch, tmp_path):
    bogus = tmp_path / "bogus.xlsx"
    shutil.copy(SAMPLES / "01-eligible-beijing.xlsx", bogus)
    result = screen(str(batch), "--baseline", str(bogus))
    assert result.exit_code == 2
    assert "不是 clusterctl screen 生成的汇总表" in result.stderr
    missing = screen(str(batch), "--baseline", str(tmp_path / "none.xlsx"), "--lang", "en")
    assert missing.exit_code == 2 and "no such baseline summary" in missing.stderr


def test_the_terminal_line_counts_updated_findings_too(batch, tmp_path):
    """SME output 49 → 36: CR203 at 指标数据!E5 stays not met with another message (70% →
    51.43%): neither fixed nor new but updated, as the 变化 sheet lists it."""
    old = first_summary(batch, tmp_path)
    wb = load_workbook(batch / EDITED)
    wb["指标数据"]["E5"] = 36
    wb.save(batch / EDITED)
    result = screen(str(batch), "--baseline", str(old))
    flat = "".join(result.stdout.split())  # the line wraps at 80 columns
    assert f"{EDITED}：已改动；" in flat
    assert "已修正0个问题，新出现0个，内容有变1个" in flat
    # messages are compared in one language only: an English run against an English baseline
    (batch / EDITED).rename(tmp_path / EDITED)
    shutil.copy(SAMPLES / EDITED, batch)
    (tmp_path / "en").mkdir()
    old_en = first_summary(batch, tmp_path / "en", "--lang", "en")
    shutil.copy(tmp_path / EDITED, batch / EDITED)
    en = screen(str(batch), "--baseline", str(old_en), "--lang", "en").stdout
    assert "0 findings fixed, 0 new, 1 updated" in " ".join(en.split())
