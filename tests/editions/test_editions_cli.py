"""The shipped editions through the CLI: the 70% boundary across editions, `criteria show`,
`criteria validate`, and each new edition's template round trip (template → fill → check)."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sample_generator import sample_generator
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria import loader
from clusterctl.criteria.loader import resolve_pack
from clusterctl.workbook.template import write_filled

runner = CliRunner()
GEN = sample_generator()
PACK_DIR = Path(loader.__file__).parent / "packs"
NEW = ["shanghai-2024", "shanghai-2023", "yunnan-2023", "guangdong-2023", "jiangsu-2023"]


def run(*args: str):
    return runner.invoke(app, list(args))


def spec_for(pack_id: str, total: list[float], sme: list[float], leading: list[float]) -> dict:
    """A complete application for ``pack_id`` built as the samples are, with these outputs."""
    spec = GEN.base_spec(
        resolve_pack(pack_id),
        random.Random(11),
        name="示例市示例区智能装备产业集群",
        province="北京市",
        city="北京市",
        district="大兴区",
        division="110115",
        industry="专用设备制造业",
        niche="智能装备",
        year=2023,
        total=total,
    )
    spec["indicators"].update(sme_output=sme, leading_output=leading, standards_count=[1, 2, 3])
    reads = {i.key for i in resolve_pack(pack_id).input_indicators()}  # the template's rows
    spec["indicators"] = {k: v for k, v in spec["indicators"].items() if k in reads}
    return copy.deepcopy(spec)


def check(tmp_path: Path, pack_id: str, spec: dict) -> dict:
    path = tmp_path / f"{pack_id}.xlsx"
    write_filled(path, resolve_pack(pack_id), spec)
    result = run("check", str(path), "--criteria", pack_id, "--output-format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)["files"][0]
    report["by_code"] = {c["code"]: c for c in report["criteria"]}
    return report


# Outputs 48.0 / 54.0 / 60.0 亿元 (each ≥ 40; growth (60/48)^½ − 1 = 11.8% > 10%), leading
# industry 40.8 / 45.9 / 51.0 (51/60 = 85% > 70%) and an SME output of 42.0 in the latest year:
# 100 × 42 / 60 = 70.0% exactly.
TOTAL, LEADING = [48.0, 54.0, 60.0], [40.8, 45.9, 51.0]
SME_AT_70 = [38.4, 43.2, 42.0]


@pytest.mark.parametrize(
    ("pack_id", "verdict", "status"),
    [
        # national 一: "中小企业产值占集群总产值70%以上" — 以上 is ≥: 70.0% meets it; every other
        # criterion is met (base spec) -> 符合 (eligible)
        ("national-2022", "eligible", "met"),
        # Guangdong (粤工信服务函〔2023〕4号): "中小企业产值占集群总产值高于70%" — 高于 is >: 70.0%
        # does not; a hard, reprinted (confirmed) criterion -> 不符合 (ineligible)
        ("guangdong-2023", "ineligible", "not_met"),
        # Beijing 二: "集群中小企业产值（或营业收入）占集群总产值（或总营业收入）高于70%" — > again
        # -> 不符合
        ("beijing-2023", "ineligible", "not_met"),
    ],
)
def test_an_sme_share_of_exactly_70_percent_across_editions(tmp_path, pack_id, verdict, status):
    report = check(tmp_path, pack_id, spec_for(pack_id, TOTAL, SME_AT_70, LEADING))
    cr203 = report["by_code"]["CR203"]
    assert cr203["value"] == pytest.approx(70.0)
    assert cr203["status"] == status
    assert report["verdict"] == verdict


def test_show_shanghai_2024_has_its_numbers():
    result = run("criteria", "show", "shanghai-2024")
    assert result.exit_code == 0
    for text in ("30亿元", "不低于50%", "（一）依法合规经营", "区级", "sheitc.sh.gov.cn"):
        assert text in result.stdout, text
    english = run("criteria", "show", "shanghai", "--lang", "en").stdout
    assert "at least 30 × 100M CNY" in english and "at least 50%" in english


@pytest.mark.parametrize("pack_id", NEW)
def test_each_new_pack_validates_through_the_cli(pack_id):
    result = run("criteria", "validate", str(PACK_DIR / f"{pack_id}.toml"))
    assert result.exit_code == 0, result.output
    assert f"有效（{pack_id}" in result.stdout


@pytest.mark.parametrize("pack_id", NEW)
def test_each_new_template_round_trips(tmp_path, pack_id):
    """`clusterctl template` writes exactly the rows the pack reads; the same template filled
    with a complete application checks clean with that pack."""
    pack = resolve_pack(pack_id)
    empty = tmp_path / "empty.xlsx"
    assert run("template", "--criteria", pack_id, "--output", str(empty)).exit_code == 0
    ws = load_workbook(empty)["指标数据"]
    keys = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value]
    assert keys == [i.key for i in pack.input_indicators()]
    committed = load_workbook(Path(__file__).parents[2] / "templates" / f"{pack_id}.xlsx")
    assert [c.value for c in committed["指标数据"]["A"][3:] if c.value] == keys

    spec = spec_for(pack_id, [50.0, 60.0, 75.0], [40.0, 48.0, 60.0], [40.0, 50.0, 65.0])
    report = check(tmp_path, pack_id, spec)
    assert report["pack_id"] == pack_id
    structural = [f for f in report["findings"] if f["code"][:2] in ("S1", "S2")]
    assert structural == []
    assert report["verdict"] == "eligible", [
        (c["code"], c["status"]) for c in report["criteria"] if c["status"] != "met"
    ]
