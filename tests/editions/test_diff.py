"""`clusterctl criteria diff A B`: what differs between two editions, criterion by criterion."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.diff import ADDED, CHANGED, REMOVED, diff_packs
from clusterctl.criteria.loader import load_pack_file, resolve_pack

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_national_to_guangdong_names_the_sme_share_comparator_change():
    result = run("criteria", "diff", "national-2022", "guangdong-2023")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "修改 CR203 中小企业产值占比" in out
    assert "比较方式：不低于/以上（≥，含本数） → 高于（>，不含本数）" in out
    assert "中小企业产值占集群总产值70%以上 → 中小企业产值占集群总产值高于70%" in out
    # only the SME share changes meaning: the other quoted clauses keep their numbers
    assert "CR202" not in out and "CR205" not in out


def test_national_to_guangdong_in_json_and_english():
    result = run("criteria", "diff", "national-2022", "guangdong-2023", "--output-format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["a"], data["b"]) == ("national-2022", "guangdong-2023")
    [cr203] = [c for c in data["criteria"] if c["code"] == "CR203"]
    assert cr203["status"] == "changed" and cr203["matched_by"] == "code"
    assert {"field": "op", "label": "比较方式", "before": "ge", "after": "gt"} in cr203["changes"]
    english = run("criteria", "diff", "national", "guangdong", "--lang", "en").stdout
    assert "comparator: at least (≥, including) → above (>, excluding)" in english
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english)  # fully English


def test_yunnan_against_national_lists_thresholds_removed_and_confirmation():
    diff = diff_packs(resolve_pack("national-2022"), resolve_pack("yunnan-2023"))
    by_code = {d.criterion.code: d for d in diff.criteria}
    assert {c for c, d in by_code.items() if d.status == REMOVED} == {"CR502", "CR503", "CR507"}
    changes = {c.field: (c.before, c.after) for c in by_code["CR202"].changes}
    assert changes == {"threshold": (40.0, 10.0)}
    assert {c.field: (c.before, c.after) for c in by_code["CR501"].changes} == {
        "provenance": ("unconfirmed", "reprint")
    }
    rules = {c.field: c.after for c in by_code["CR301"].changes}["count_rules"]
    assert [r["minimum"] for r in rules] == [1, 3]
    assert diff.count(ADDED) == 0


def test_jiangsu_area_becomes_hard_and_shanghai_2024_changes_comparators():
    diff = diff_packs(resolve_pack("national-2022"), resolve_pack("jiangsu-2023"))
    area = next(d for d in diff.criteria if d.criterion.code == "CR201")
    assert {c.field: (c.before, c.after) for c in area.changes}["severity"] == ("soft", "hard")
    data = json.loads(
        run("criteria", "diff", "shanghai-2023", "shanghai", "--output-format", "json").stdout
    )
    growth = next(c for c in data["criteria"] if c["code"] == "CR204")
    assert {"field": "op", "label": "比较方式", "before": "gt", "after": "ge"} in growth["changes"]
    assert {"field": "edition_year", "before": 2023, "after": 2024} in data["pack"]


def test_criteria_with_other_codes_are_matched_by_what_they_measure(tmp_path: Path):
    """A province renumbering the SME share (drop CR203, add GD-2.3 on the same indicator and
    years) shows one changed criterion with both codes, not one removed and one added."""
    pack = tmp_path / "renumbered.toml"
    pack.write_text(
        """
id = "renumbered-2025"
extends = "national-2022"
title = { zh = "重编号示例", en = "Renumbered example" }
jurisdiction = { zh = "示例省", en = "Example" }
edition_year = 2025
drop = ["CR203"]

[[criteria]]
code = "GD-2.3"
name = "sme-share-renumbered"
section = "core"
title = { zh = "中小企业产值占比", en = "SME share of output" }
clause = "中小企业产值占集群总产值75%以上"
kind = "threshold"
metric = "sme_share"
op = "ge"
threshold = 75
years = "latest"
weight = 5

[[criteria]]
code = "GD-9.9"
name = "export-share"
section = "open"
title = { zh = "新增定性条件", en = "A new qualitative item" }
clause = "示例条文"
kind = "qualitative"
severity = "soft"
""",
        encoding="utf-8",
    )
    diff = diff_packs(resolve_pack("national-2022"), load_pack_file(pack))
    [share] = [d for d in diff.criteria if d.status == CHANGED and d.matched_by == "metric"]
    assert (share.a.code, share.b.code) == ("CR203", "GD-2.3")
    assert {c.field: (c.before, c.after) for c in share.changes} == {
        "threshold": (70.0, 75.0),
        "provenance": ("reprint", "confirmed"),  # the file gives no provenance: the default
    }
    assert [d.criterion.code for d in diff.criteria if d.status == ADDED] == ["GD-9.9"]
    assert not [d for d in diff.criteria if d.status == REMOVED]
    text = run("criteria", "diff", "national-2022", str(pack)).stdout
    assert "按所测内容对应：CR203 → GD-2.3" in text and "新增 GD-9.9" in text


def test_a_pack_against_itself_has_no_differences():
    result = run("criteria", "diff", "beijing-2023", "beijing")
    assert result.exit_code == 0
    assert "0 条有变化" in result.stdout and "没有差别" in result.stdout


def test_an_unknown_edition_is_a_usage_error():
    result = run("criteria", "diff", "national-2022", "hebei-2030")
    assert result.exit_code == 2 and "national-2022" in result.stderr


def test_edition_fields_read_as_words_in_both_languages():
    """national-2022 → shanghai-2024: the level, the call with its quota and one line per section
    renamed (by section key), in Chinese, and fully in English (the level was once left as 县级)."""
    zh = run("criteria", "diff", "national-2022", "shanghai-2024").stdout.splitlines()
    assert "  层级：县级 → 区级" in zh
    assert any(
        line.startswith("  申报通知（名额）：national-2022（每省（区、市）最多 5 个") for line in zh
    )
    at = zh.index("  章节：")
    assert zh[at + 1] == "    总则（近三年无重大事故等） → （一）依法合规经营"
    assert zh[at + 9] == "    八、具有较强治理和服务能力 → （九）治理和服务"
    assert zh[at + 10] == ""  # nine sections on each side, all renamed, nothing else
    en = run("criteria", "diff", "national-2022", "shanghai-2024", "--lang", "en").stdout
    lines = en.splitlines()
    assert "  level: county → district" in lines
    assert "  sections:" in lines
    assert "    Preamble (no major incidents) → (1) Lawful and compliant operation" in lines
    assert "at most 5 per province" in en
    assert not any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in en)


def test_sections_added_and_removed_are_named():
    """beijing-2023 (basic conditions + 8) against national-2022 (preamble + 8): Beijing's 一、基本
    条件 has no national counterpart and the national preamble none in Beijing."""
    out = run("criteria", "diff", "beijing-2023", "national-2022").stdout.splitlines()
    at = out.index("  章节：")
    block = out[at + 1 : out.index("", at)]
    assert any(line.endswith(" → （无）") and "基本条件" in line for line in block)
    assert any(line.startswith("    （无） → 总则") for line in block)
