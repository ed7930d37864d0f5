"""A monitoring pack (shandong-3830) given where a recognition standard is wanted (check, screen,
criteria show/diff, rule): a usage error saying what the pack is and pointing to
``clusterctl targets``, in Chinese and fully in English, never "unknown pack"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "sample_data" / "01-eligible-beijing.xlsx")
PACK_FILE = str(ROOT / "clusterctl" / "targets" / "packs" / "shandong-3830.toml")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

COMMANDS = {
    "check": ["check", APP, "--criteria", "shandong-3830"],
    "screen": ["screen", str(ROOT / "sample_data"), "--criteria", "shandong-3830"],
    "show": ["criteria", "show", "shandong-3830"],
    "diff": ["criteria", "diff", "national-2022", "shandong-3830"],
    "rule": ["rule", "CR203", "--criteria", "shandong-3830"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_monitoring_pack_points_to_targets(name: str, tmp_path: Path) -> None:
    args = COMMANDS[name] + (["-o", str(tmp_path / "s.xlsx")] if name == "screen" else [])
    zh = CliRunner().invoke(app, args)
    assert zh.exit_code == 2, zh.output
    assert "未知" not in zh.output
    assert "shandong-3830 是监测目标" in zh.output and "不是认定标准" in zh.output
    assert "clusterctl targets" in zh.output and "--kind annual-report" in zh.output
    assert not (tmp_path / "s.xlsx").exists()

    en = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 2, en.output
    assert "unknown" not in en.output
    assert "shandong-3830 is a monitoring pack (Shandong" in en.output
    assert "not a recognition standard" in en.output and "clusterctl targets" in en.output
    assert not CJK.search(en.output), en.output


def test_a_monitoring_pack_file_is_named_as_such_too() -> None:
    result = CliRunner().invoke(app, ["check", APP, "--criteria", PACK_FILE, "--lang", "en"])
    assert result.exit_code == 2
    assert "is a monitoring pack" in result.output and "invalid criteria pack" not in result.output
    assert f"--criteria {PACK_FILE}" in result.output


def test_an_unknown_pack_is_still_unknown() -> None:
    result = CliRunner().invoke(app, ["check", APP, "--criteria", "shandong-2099"])
    assert result.exit_code == 2
    assert "未知的认定标准" in result.output and "监测目标" not in result.output
