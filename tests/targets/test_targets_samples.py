"""``clusterctl targets`` over the committed samples: the province's totals and tiers, derived by
hand from the generator's figures (sample_data/shandong-3830/generate.py, CLUSTERS)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.workbook.fill import semantic_dump

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data" / "shandong-3830"
runner = CliRunner()


def _generator():
    spec = importlib.util.spec_from_file_location("shandong_generate", SAMPLES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def document() -> dict:
    result = runner.invoke(app, ["targets", str(SAMPLES), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = _generator().main(tmp_path)
    assert len(written) == 10
    for path in written:
        assert semantic_dump(path) == semantic_dump(SAMPLES / path.name), path.name


def test_tiers_per_cluster(document: dict) -> None:
    tiers = {c["cluster"]: c["tier"] for c in document["clusters"]}
    # revenue 5600, 5200 > 5000; 5000 is not over 5000 (超过); 3000 is not over 3000; 1000 is
    # 千亿元级 (达到, inclusive); 980 is below every tier
    assert tiers == {
        "山东省动力装备产业集群": "over-5000",
        "山东省高端铝业产业集群": "over-3000",
        "山东省智能家电产业集群": "over-5000",
        "山东省生物医药产业集群": "over-3000",
        "山东省新一代信息技术产业集群": "1000-level",
        "山东省化工新材料产业集群": "over-3000",
        "山东省新能源汽车产业集群": "1000-level",
        "山东省轨道交通产业集群": "1000-level",
        "山东省海工装备产业集群": None,
        "山东省现代轻纺产业集群": "1000-level",
    }
    assert document["tiers"] == {"over-5000": 2, "over-3000": 3, "1000-level": 4, "below": 1}
    planned = {c["cluster"]: c["planned_tier"] for c in document["clusters"]}
    assert planned["山东省高端铝业产业集群"] == "over-5000"  # named for the top tier, not there
    assert planned["山东省海工装备产业集群"] == "1000-level"


def test_province_totals_against_the_targets(document: dict) -> None:
    totals = {t["code"]: t for t in document["totals"]}
    assert document["year"] == 2024
    # tier counts: >5000: 5600, 5200 -> 2 of 3; >3000 cumulative: + 5000, 3400, 4100 -> 5 of 10;
    # >=1000 cumulative: + 3000, 2600, 1000, 1500 -> 9 (no number in the text)
    assert (totals["SD01"]["value"], totals["SD01"]["state"]) == (2, "not-yet")
    assert (totals["SD02"]["value"], totals["SD02"]["share"]) == (5, 0.5)
    assert (totals["SD03"]["value"], totals["SD03"]["state"]) == (9, "counted")
    # sums: 620+310+540+480+590+350+280+120+90+140 = 3520 high-tech firms (of 5000: 70.4%)
    assert totals["SD04"]["value"] == 3520
    assert totals["SD04"]["share"] == pytest.approx(0.704)
    # carriers 24+9+18+21+26+12+10+6+5+3 = 134 national, 210+120+190+230+260+150+110+60+45+70
    # = 1445 provincial; champions 230; specialised 1580; gazelles 480; factories 22 and 228
    expected = {"SD08": 134, "SD09": 1445, "SD10": 230, "SD11": 1580, "SD12": 480}
    expected |= {"SD14": 22, "SD15": 228}
    for code, value in expected.items():
        assert totals[code]["value"] == value, code
        assert totals[code]["state"] == "not-yet", code
    # unicorns 2+0+3+2+3+1+2+0+0+0 = 13: the low edge of 15 ± 2, within the band
    assert (totals["SD13"]["value"], totals["SD13"]["state"]) == (13, "in-band")
    assert totals["SD13"]["band"] == [13, 17]
    # revenue-weighted shares over Σ revenue 32380: high-tech products 1527720 / 32380
    assert totals["SD05"]["value"] == pytest.approx(1527720 / 32380)  # 47.18% >= 45%
    assert totals["SD05"]["state"] == "reached"
    # R&D: 125236 / 32380 = 3.868%, minus the provincial 2.1 = 1.768 points > 1.5
    assert totals["SD06"]["value"] == pytest.approx(125236 / 32380 - 2.1)
    assert (totals["SD06"]["reference"], totals["SD06"]["state"]) == (2.1, "reached")
    # local supply: 1650520 / 32380 = 50.97%, within 45–55; per cluster 47, 53 and 55 are
    assert totals["SD07"]["value"] == pytest.approx(1650520 / 32380)
    assert (totals["SD07"]["state"], totals["SD07"]["in_band"]) == ("in-band", 3)
    # eco-industrial parks 4+2+3+2+3+3+1+1+0+1 = 20 of 6+4+5+4+5+7+3+2+2+3 = 41 parks: 48.8% < 50%
    assert totals["SD16"]["value"] == pytest.approx(100 * 20 / 41)
    assert totals["SD16"]["state"] == "not-yet"
    assert all(t["counted"] == 10 and t["reported"] == 10 for t in document["totals"])


def test_each_cluster_carries_its_contributions(document: dict) -> None:
    power = next(c for c in document["clusters"] if c["cluster"] == "山东省动力装备产业集群")
    contributions = power["contributions"]
    assert contributions["SD04"]["value"] == 620
    assert contributions["SD04"]["share_of_target"] == pytest.approx(620 / 5000)
    assert contributions["SD06"]["value"] == pytest.approx(3.6 - 2.1)  # its own gap
    assert contributions["SD07"]["state"] == "above-band"  # 58% > 55%
    assert (contributions["SD16"]["numerator"], contributions["SD16"]["denominator"]) == (4, 6)
    assert contributions["SD01"]["value"] == 1  # counts among the clusters over 5000
    assert contributions["SD04"]["cell"] == "年度指标!C5"  # the second row: revenue is first
    assert all(not f["findings"] for f in document["files"])


def test_the_terminal_shows_bars_in_80_columns() -> None:
    result = runner.invoke(app, ["targets", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "2024 年度，10 个集群计入合计（目标年 2025）" in lines
    line = next(i for i, text in enumerate(lines) if text.startswith("SD04 "))
    assert "3520家 / ≥ 5000家" in lines[line + 1] and "70%" in lines[line + 1]
    assert "█" in lines[line + 1] and "未达到" in lines[line + 1]
    from rich.cells import cell_len

    assert max(cell_len(text) for text in lines) <= 80


def test_the_english_terminal_fits_80_columns_too() -> None:
    """English words are longer: the figures column widens to the longest and a line that would
    pass 80 columns gives up padding (SD13 once wrapped: "about 15 firms (13–17 firms)")."""
    from rich.cells import cell_len

    result = runner.invoke(app, ["targets", str(SAMPLES), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(text) for text in lines) <= 80
    sd13 = lines[lines.index("SD13 Unicorn firms") + 1]
    assert "13 firms / about 15 firms (13–17)" in sd13 and sd13.endswith("87% within the band")
    sd09 = lines[lines.index("SD09 Provincial technology-innovation carriers") + 1]
    sd04 = lines[lines.index("SD04 High-tech enterprises in clusters") + 1]
    assert sd09.index("█") == sd04.index("█")  # the bars start in one column


def test_english_and_a_gbk_console() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "CLUSTERCTL_START_METHOD": "spawn"}
    for lang in ("zh", "en"):
        done = subprocess.run(
            [sys.executable, "-m", "clusterctl", "targets", str(SAMPLES), "--lang", lang],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode("gbk", "replace")
        text = done.stdout.decode("gbk")  # strict: every character was encodable
        assert ("已达到" if lang == "zh" else "reached") in text
        assert "Traceback" not in done.stderr.decode("gbk", "replace")
    assert "within the band" in text and "未达到" not in text


def test_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "progress.xlsx"
    result = runner.invoke(app, ["targets", str(SAMPLES), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["全省进度", "各集群", "目标出处", "问题明细"]
    ws = wb["全省进度"]
    rows = {ws.cell(r, 1).value: r for r in range(6, 22)}
    assert ws.cell(rows["SD04"], 4).value == 3520
    assert ws.cell(rows["SD04"], 6).value == pytest.approx(0.704)
    assert len(ws._charts) == 1
    clusters = wb["各集群"]
    assert clusters.max_row == 11  # a header and ten clusters
    assert clusters.cell(2, 2).value == "山东省动力装备产业集群"
    sources = wb["目标出处"]
    clauses = [sources.cell(r, 3).value for r in range(5, sources.max_row + 1)]
    assert "集群主导产品本地配套率要达到50%左右" in clauses


def test_the_english_workbook_is_english_but_for_quoted_text(tmp_path: Path) -> None:
    """--lang en: headers and notes in English (a header once read 'High-tech enterprises（firms）'
    and the pack's note stayed Chinese); only workbook data, the quoted clauses and the source's
    title (a citation) stay Chinese."""
    import re

    out = tmp_path / "progress-en.xlsx"
    result = runner.invoke(app, ["targets", str(SAMPLES), "-o", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    clusters, sources = wb["Clusters"], wb["Sources"]
    headers = [c.value for c in clusters[1] if c.value]
    assert "High-tech enterprises (firms)" in headers
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    assert not [h for h in headers if cjk.search(h) and "专精特新" not in h]
    assert sources["A2"].value.startswith("Every number is quoted from the news report")
    assert not cjk.search(wb["Province"]["A2"].value or "")


def test_a_plain_string_source_note_reads_in_both_languages(tmp_path: Path) -> None:
    from clusterctl.targets.loader import load_target_pack

    shipped = ROOT / "clusterctl" / "targets" / "packs" / "shandong-3830.toml"
    text = shipped.read_text(encoding="utf-8")
    start = text.index("source_note = {")
    end = text.index("\n", start)
    own = tmp_path / "own.toml"
    own.write_text(text[:start] + 'source_note = "只读了报道"' + text[end:], encoding="utf-8")
    pack = load_target_pack(own)
    assert pack.source_note is not None
    assert (pack.source_note.zh, pack.source_note.en) == ("只读了报道", "只读了报道")
