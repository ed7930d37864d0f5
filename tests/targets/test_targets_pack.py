"""The shipped monitoring pack against its seed, the loader's checks, tiers and bands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from shared_folder import require, shared_path
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.loader import list_packs
from clusterctl.targets.loader import (
    TargetPackError,
    find_target_pack,
    load_target_pack,
    monitoring_pack,
)
from clusterctl.targets.model import ProgressState, TargetKind

runner = CliRunner()


@pytest.fixture(scope="module")
def pack():
    found = find_target_pack("shandong-3830")
    assert found is not None
    return found


def _seed() -> str:
    path = require(
        shared_path("reference", "seeds", "shandong-advanced-manufacturing-clusters.txt")
    )
    return re.sub(r"\s+", "", path.read_text(encoding="utf-8"))


def test_every_clause_is_quoted_verbatim_from_the_seed(pack) -> None:
    seed = _seed()
    for target in pack.targets:
        assert re.sub(r"\s+", "", target.clause) in seed, target.code
    for tier in pack.tiers:
        assert tier.clause in seed, tier.key
        assert all(word in tier.clause for word in tier.named), tier.key


def test_every_number_is_the_one_its_clause_says(pack) -> None:
    by_code = {t.code: t for t in pack.targets}
    expected = {
        "SD01": 3, "SD02": 10, "SD04": 5000, "SD05": 45, "SD06": 1.5, "SD07": 50, "SD08": 200,
        "SD09": 2000, "SD10": 350, "SD11": 2500, "SD12": 800, "SD13": 15, "SD14": 30,
        "SD15": 350, "SD16": 50,
    }  # fmt: skip
    for code, number in expected.items():
        assert by_code[code].target == number, code
        if code != "SD02":  # 3 + 7: the cumulative reading, stated in its interpretation
            assert f"{number:g}" in by_code[code].clause, code
    assert "3 + 7 = 10" in by_code["SD02"].interpretation.zh
    assert "3 + 7 = 10" in by_code["SD02"].interpretation.en
    assert by_code["SD03"].target is None  # 一批: no number
    assert all(t.year == 2025 for t in pack.targets)


def test_comparators_follow_the_wording(pack) -> None:
    by_code = {t.code: t for t in pack.targets}
    # 高于全省平均水平1.5个百分点: 高于 is said of the average, 1.5 points is the gap to reach
    assert by_code["SD06"].op.value == "ge"
    assert by_code["SD16"].op.value == "ge"  # 50%以上
    assert by_code["SD04"].op.value == "ge"  # 达5000家
    for code in ("SD07", "SD13"):  # 左右: a band, never pass/fail
        assert by_code[code].about and by_code[code].op is None
        assert "左右" in by_code[code].interpretation.zh
    assert [tr.op.value for tr in pack.tiers] == ["gt", "gt", "ge"]  # 超过, 超过, 达到


def test_tiers_at_their_boundaries(pack) -> None:
    key = lambda v: (tier := pack.tier_of(v)) and tier.key  # noqa: E731
    assert key(5000.01) == "over-5000"
    assert key(5000) == "over-3000"  # 超过5000亿元 excludes 5000
    assert key(3000) == "1000-level"
    assert key(1000) == "1000-level"  # 达到千亿元级 includes 1000
    assert key(999.99) is None


def test_bands_include_their_edges(pack) -> None:
    local = next(t for t in pack.targets if t.code == "SD07")
    assert local.bounds == (45, 55)
    assert local.state_of(45) is ProgressState.IN_BAND
    assert local.state_of(55) is ProgressState.IN_BAND
    assert local.state_of(44.9) is ProgressState.BELOW_BAND
    assert local.state_of(55.1) is ProgressState.ABOVE_BAND
    assert local.state_of(None) is ProgressState.NO_DATA


def test_planned_tier_from_the_cluster_name(pack) -> None:
    assert pack.planned_tier("山东省动力装备产业集群").key == "over-5000"
    assert pack.planned_tier("山东省智能制造装备产业集群").key == "1000-level"
    assert pack.planned_tier("某市某产业集群") is None


def test_the_template_has_exactly_the_rows_the_pack_reads(pack, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    result = runner.invoke(
        app, ["template", "--kind", "annual-report", "--criteria", "shandong-3830", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = next(ws for ws in wb.worksheets if ws["A1"].value == "#sheet:report_indicators")
    keys = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value]
    keys = [k for k in keys if not k.startswith("#")]
    assert tuple(keys) == pack.reads
    used = {pack.scale} | {k for t in pack.targets for k in t.inputs}
    assert set(keys) == used
    labels = {ws.cell(r, 2).value for r in range(4, ws.max_row + 1)}
    assert "主导产品本地配套率 *" in labels  # required rows are starred


def test_a_monitoring_pack_has_no_application_template(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    result = runner.invoke(app, ["template", "--criteria", "shandong-3830", "-o", str(out)])
    assert result.exit_code == 2
    assert "annual-report" in result.output
    assert not out.exists()


def test_recognition_packs_do_not_list_it() -> None:
    assert "shandong-3830" not in {p.id for p in list_packs()}
    assert monitoring_pack("beijing-2023") is None
    view = monitoring_pack("shandong-3830")
    assert view is not None and view.criteria == ()
    assert view.input_indicators()[0].key == "revenue"


BROKEN = """
id = "x-pack"
purpose = "monitoring"
title = { zh = "x", en = "x" }
jurisdiction = { zh = "x", en = "x" }
level = "省级"
edition_year = 2024
target_year = 2026
source = "x"
template_version = "1"
scale = "revenue"

[[indicators]]
key = "revenue"
label = { zh = "营业收入", en = "Revenue" }
unit = { zh = "亿元", en = "100M CNY" }

[[targets]]
code = "A1"
title = { zh = "a", en = "a" }
kind = "total"
metric = "nothing"
op = "ge"
target = 5
unit = "家"
clause = "a"

[[targets]]
code = "A2"
title = { zh = "b", en = "b" }
kind = "weighted-average"
metric = "revenue"
about = true
op = "ge"
target = 5
unit = "%"
clause = "b"

[[targets]]
code = "A3"
title = { zh = "c", en = "c" }
kind = "tier-count"
tier = "no-such-tier"
unit = "个"
clause = "c"
"""


def test_a_broken_pack_names_each_problem_by_key_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(TargetPackError) as info:
        load_target_pack(path)
    paths = {p for p, _ in info.value.problems}
    assert {"targets[0].metric", "targets[1].band", "targets[1].op", "targets[2].tier"} <= paths
    assert "targets[1].band" in info.value.message("en")


def test_a_users_pack_file_is_found_by_its_purpose(tmp_path: Path) -> None:
    text = BROKEN.split("[[targets]]")[0] + (
        '[[targets]]\ncode = "A1"\ntitle = { zh = "a", en = "a" }\nkind = "total"\n'
        'metric = "revenue"\nop = "ge"\ntarget = 5\nunit = "亿元"\nclause = "a"\n'
    )
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    pack = find_target_pack(str(path))
    assert pack is not None and pack.targets[0].kind is TargetKind.TOTAL
    other = tmp_path / "other.toml"
    other.write_text(text.replace('purpose = "monitoring"\n', ""), encoding="utf-8")
    assert find_target_pack(str(other)) is None  # a recognition pack is not ours


def test_the_reader_knows_the_rows_by_the_reports_edition() -> None:
    from clusterctl.workbook.limits import Limits
    from clusterctl.workbook.reader import read_workbook

    sample = Path(__file__).resolve().parents[2] / "sample_data" / "shandong-3830"
    app, findings = read_workbook(str(sample / "01-power-equipment.xlsx"), Limits())
    assert app is not None and app.kind == "annual-report" and app.edition == "shandong-3830"
    assert app.indicators["hightech_firms"] == [620]
    assert app.indicators["local_supply_rate"] == [pytest.approx(58)]
    # the series rows are mapped by the keys of the edition the forms declare (read ahead of
    # them), so they are found without recovering by labels: no S112, as with `targets`' pack
    assert [f.code for f in findings if f.level.value != "info"] == []


def test_check_says_a_monitoring_report_is_not_a_standard() -> None:
    """`check` of a report that declares the monitoring pack (no --criteria) names it as one
    (T506, at the edition cell), never as an unknown edition (S105)."""
    from typer.testing import CliRunner

    from clusterctl.cli.app import app as cli

    sample = Path(__file__).resolve().parents[2] / "sample_data" / "shandong-3830"
    result = CliRunner().invoke(
        cli, ["check", str(sample / "01-power-equipment.xlsx"), "--output-format", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    import json

    findings = json.loads(result.stdout)["files"][0]["findings"]
    codes = [f["code"] for f in findings]
    assert "T506" in codes and "S105" not in codes and "S112" not in codes
    t506 = next(f for f in findings if f["code"] == "T506")
    assert "shandong-3830" in t506["message"]
