"""``clusterctl criteria list|show|validate`` through the public CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import app

runner = CliRunner()
YUNNAN = str(
    Path(__file__).parents[2] / "tests" / "fixtures" / "packs" / "example-unconfirmed.toml"
)


def run(*args):
    return runner.invoke(app, list(args))


def test_list_shows_both_packs():
    result = run("criteria", "list")
    assert result.exit_code == 0
    for text in ("beijing-2023", "national-2022", "北京市", "全国", "47", "已核实数字"):
        assert text in result.stdout
    # every shipped edition with its jurisdiction, level, year and confirmed numbers
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    for pack_id, words in {
        "national-2022": ("全国", "县级", "2022", "8/12", "national, 2022"),
        "beijing-2023": ("北京市", "区级", "2023", "12/12", "beijing"),
        "shanghai-2024": ("上海市", "区级", "2024", "7/13", "shanghai, 2024"),
        "shanghai-2023": ("上海市", "区级", "2023", "6/13"),
        "yunnan-2023": ("云南省", "县级", "2023", "10/10", "yunnan"),
        "guangdong-2023": ("广东省", "县级", "2023", "8/12", "guangdong"),
        "jiangsu-2023": ("江苏省", "县级", "2023", "3/12", "jiangsu"),
    }.items():
        assert all(w in rows[pack_id] for w in words), (pack_id, rows[pack_id])


def test_list_in_english_and_json():
    assert "China (national)" in run("criteria", "list", "--lang", "en").stdout
    data = json.loads(run("criteria", "list", "--format", "json").stdout)
    by_id = {p["id"]: p for p in data}  # more editions may ship: pin these two, not the count
    assert (by_id["beijing-2023"]["confirmed"], by_id["beijing-2023"]["criteria_count"]) == (
        True,
        47,
    )
    national = by_id["national-2022"]
    assert (national["confirmed"], national["criteria_count"]) == (False, 46)  # CR103 is Beijing's
    assert (national["numbers_confirmed"], national["numbers_total"]) == (8, 12)
    assert "national" in national["aliases"]
    assert national["call"]["id"] == "national-2022" and national["call"]["quota"] == 5
    assert by_id["beijing-2023"]["call"]["per"] == "district"
    assert by_id["guangdong-2023"]["call"] is None


def test_show_beijing_has_the_standard_numbers():
    result = run("criteria", "show", "beijing-2023")
    assert result.exit_code == 0
    for text in (
        "40亿元",
        "高于70%",
        "高于10%",
        "不低于15%",
        "100 km²",
        "不低于15件/万人",
        "CR301",
        "一、基本条件",
        "九、治理和服务",
        "权重合计：100",
    ):
        assert text in result.stdout, text


def test_show_national_marks_unconfirmed_numbers_in_english():
    result = run("criteria", "show", "national-2022", "--lang", "en")
    assert result.exit_code == 0
    assert "at least 70%" in result.stdout and "unconfirmed" in result.stdout
    assert "CR501:" in result.stdout  # its source note


def test_show_json_lists_every_criterion():
    data = json.loads(run("criteria", "show", "beijing", "--format", "json").stdout)
    assert data["id"] == "beijing-2023" and len(data["criteria"]) == 47
    cr203 = next(c for c in data["criteria"] if c["code"] == "CR203")
    assert (cr203["op"], cr203["threshold"], cr203["unit"]) == ("gt", 70.0, "%")


def test_show_a_user_pack_file():
    result = run("criteria", "show", YUNNAN)
    assert (
        result.exit_code == 0
        and "example-unconfirmed" in result.stdout
        and "10亿元" in result.stdout
    )


def test_an_edition_year_of_several_editions_lists_them():
    result = run("criteria", "show", "2023")
    assert result.exit_code == 2
    for pack_id in ("beijing-2023", "shanghai-2023", "yunnan-2023", "guangdong-2023"):
        assert pack_id in result.stderr
    assert "national-2022" not in result.stderr


def test_show_unknown_pack_is_a_usage_error_listing_choices():
    result = run("criteria", "show", "2019")
    assert result.exit_code == 2
    assert "beijing-2023" in result.stderr and "national-2022" in result.stderr


def test_show_bad_format():
    assert run("criteria", "show", "beijing-2023", "--format", "xml").exit_code == 2


def test_validate_valid_invalid_missing(tmp_path):
    ok = run("criteria", "validate", YUNNAN)
    assert ok.exit_code == 0 and "example-unconfirmed" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(
        Path(YUNNAN)
        .read_text(encoding="utf-8")
        .replace("threshold = 50", 'threshold = "50"')
        .replace('id = "example-unconfirmed"', 'id = "Yunnan"'),
        encoding="utf-8",
    )
    result = run("criteria", "validate", str(bad), "--lang", "en")
    assert result.exit_code == 1
    assert "2 problem(s)" in result.stdout
    assert "  id: expected" in result.stdout
    assert "  criteria[1].threshold: expected a number, got a string" in result.stdout
    missing = run("criteria", "validate", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2 and "nope.toml" in missing.stderr
    assert run("criteria", "validate", str(tmp_path)).exit_code == 2


def test_validate_does_not_modify_the_file(tmp_path):
    path = tmp_path / "y.toml"
    path.write_bytes(Path(YUNNAN).read_bytes())
    before = path.read_bytes()
    run("criteria", "validate", str(path))
    assert path.read_bytes() == before


def test_validate_prints_chinese_schema_messages_with_key_paths(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        Path(YUNNAN)
        .read_text(encoding="utf-8")
        .replace('op = "ge"', 'op = "gte"')
        .replace("edition_year = 2023", "edition_year = 1999\ncolour = 1"),
        encoding="utf-8",
    )
    result = run("criteria", "validate", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("发现 3 个问题")
    assert "  edition_year: 应不小于 2000，实际为 1999" in lines
    assert any(line.startswith("  colour: 未知键（可用：") for line in lines)
    assert "  criteria[1].op: 应为 gt, ge, lt, le 之一，实际为 'gte'" in lines


def test_show_json_lists_sections_and_indicators():
    data = json.loads(run("criteria", "show", "beijing-2023", "--format", "json").stdout)
    assert [s["key"] for s in data["sections"]][:2] == ["basic", "core"]
    share = next(i for i in data["indicators"] if i["key"] == "sme_share")
    assert share["formula"] == "100 * sme_output / total_output"
    assert share["inputs"] == ["sme_output", "total_output"]
    cr203 = next(c for c in data["criteria"] if c["code"] == "CR203")
    assert cr203["section"] == "core"
