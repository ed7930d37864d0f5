"""``clusterctl rule CODE`` through the public CLI."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.loader import resolve_pack

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["rule", *args])


def test_rule_explains_a_threshold_with_generated_examples():
    result = run("CR203")
    assert result.exit_code == 0
    out = result.stdout
    assert "集群中小企业产值（或营业收入）占集群总产值（或总营业收入）高于70%" in out
    assert "中小企业产值占比 = 100 × 中小企业产值（或营业收入） ÷ 集群总产值（或营业收入）" in out
    assert "公式：sme_share = 100 * sme_output / total_output" in out
    assert "通过示例：[达标] 中小企业产值占比（2022年）为70.1%，高于70%，达标。" in out
    assert "未通过示例：[未达标] 中小企业产值占比（2022年）为70%，未高于70%，未达标。" in out


def test_rule_follows_the_pack_and_language():
    out = run("CR203", "--criteria", "national-2022", "--lang", "en").stdout
    assert "Passing example: [met] SME share of output (2021) is 70%, at least 70%: met." in out
    assert "Failing example: [not met] SME share of output (2021) is 69.9%, below 70%" in out


def test_rule_for_growth_says_compound():
    out = run("CR204").stdout
    assert "(末年值 ÷ 首年值)^(1 ÷ (年数 − 1)) − 1" in out
    assert "[达标]" in out and "[未达标]" in out


def test_rule_by_name_and_unconfirmed_note():
    out = run("platform-penetration", "--criteria", "national-2022").stdout
    assert out.startswith("CR601") and "未经官方文本核实" in out


@pytest.mark.parametrize("code", [c.code for c in resolve_pack("beijing-2023").criteria])
def test_every_criterion_has_a_passing_and_a_failing_example(code):
    result = run(code, "--lang", "en")
    assert result.exit_code == 0
    passing = next(
        line for line in result.stdout.splitlines() if line.startswith("Passing example")
    )
    failing = next(
        line for line in result.stdout.splitlines() if line.startswith("Failing example")
    )
    assert "[met]" in passing or "[needs review]" in passing
    assert "[not met]" in failing or "[warning]" in failing


def test_rule_explains_finding_codes():
    result = run("F100", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("F100") and "How to fix" in result.stdout


def test_rule_unknown_code():
    result = run("CR999")
    assert result.exit_code == 2 and "CR999" in result.stderr


def test_rule_without_code_lists_every_code():
    result = run("--lang", "en")
    assert result.exit_code == 0
    assert "CR101" in result.stdout and "CR906" in result.stdout and "F100" in result.stdout


def test_rule_explains_a_kind_from_its_module():
    from clusterctl.evaluation.kinds import keys_of

    out = run("threshold").stdout
    assert out.startswith("kind = 'threshold'  阈值：指标与数值比较")
    for key in keys_of("threshold"):
        assert f"  {key.name} (" in out
    assert "years (str, 可选)" in out and "each, latest, cagr" in out
    english = run("count", "--lang", "en").stdout
    assert "count_rules (table-list, required)" in english and "Keys of every criterion" in english
