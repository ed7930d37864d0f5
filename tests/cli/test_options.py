"""One option vocabulary for every command (clusterctl.cli.options), the old spellings for one
release, bilingual help for every command and option."""

import json
import re
import shutil
from pathlib import Path

import pytest
import typer.main
from typer._click import Context
from typer.testing import CliRunner

from clusterctl.cli.app import app

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_data"
ELIGIBLE = SAMPLES / "01-eligible-beijing.xlsx"
IDENTIFIERS = SAMPLES / "09-identifier-errors.xlsx"  # eligible, with two errors and a warning
runner = CliRunner()


def commands():
    """(path, click command) for every command, sub-commands included."""
    root = typer.main.get_command(app)

    def walk(command, ctx, path):
        subs = getattr(command, "commands", None)
        if not subs:
            yield path, command, ctx
            return
        for name, sub in subs.items():
            yield from walk(sub, Context(sub, info_name=name, parent=ctx), (*path, name))

    return list(walk(root, Context(root, info_name="clusterctl"), ()))


COMMANDS = {" ".join(path): (command, ctx) for path, command, ctx in commands()}


def options_of(name: str) -> dict[str, object]:
    command, ctx = COMMANDS[name]
    return {opt: param for param in command.get_params(ctx) for opt in param.opts}


SHARED = {
    "--output-format": ["check", "screen", "criteria list", "criteria show", "rule", "config show"],
    "--output-file": ["check", "screen", "criteria list", "criteria show", "rule", "config show"],
    "--exit-zero": ["check", "screen"],
    "--fail-on": ["check", "screen"],
    "--quiet": ["check", "screen"],
    "--lang": list(COMMANDS),
    "--criteria": ["check", "screen", "rule"],
    "--config": ["check", "screen", "config show"],
    "--isolated": ["check", "screen", "config show"],
}


@pytest.mark.parametrize("option", SHARED)
def test_each_shared_option_is_on_its_commands_with_one_meaning(option: str):
    params = [options_of(name).get(option) for name in SHARED[option]]
    missing = [name for name, p in zip(SHARED[option], params, strict=True) if p is None]
    assert not missing, f"{option} missing on {missing}"
    if option == "--output-file":  # check's own report-file wording, and its -o
        params = [p for name, p in zip(SHARED[option], params, strict=True) if name != "check"]
    assert len({p.help for p in params}) == 1, {p.help for p in params}
    assert len({p.metavar for p in params}) == 1 or option == "--output-format"


CJK = re.compile(r"[\u4e00-\u9fff]")


def bilingual(text: str | None) -> bool:
    """Chinese first, then English."""
    if not text or " / " not in text:
        return False
    zh, _, en = text.partition(" / ")
    return bool(CJK.search(zh)) and bool(re.search(r"[A-Za-z]{3}", en))


OWN = list(COMMANDS)


@pytest.mark.parametrize("name", OWN)
def test_every_command_and_option_help_is_chinese_then_english(name: str):
    command, ctx = COMMANDS[name]
    assert bilingual(command.help.splitlines()[0]), command.help
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        assert bilingual(param.help), f"{name} {param.opts}: {param.help!r}"


def test_help_pages_show_both_languages():
    result = runner.invoke(app, ["screen", "--help"])
    assert result.exit_code == 0
    words = " ".join(result.output.split())
    assert "Excel 汇总表写到这里（.xlsx） / write the Excel summary here (.xlsx)" in words
    assert "显示帮助并退出 / show this message and exit" in result.output


# ---------------------------------------------------------------------------------- screen


@pytest.fixture
def levels_config(tmp_path: Path) -> Path:
    """09's two errors turned into warnings: eligible, only warnings."""
    config = tmp_path / "levels.toml"
    config.write_text('[levels]\nV208 = "warning"\nX303 = "warning"\n', encoding="utf-8")
    return config


def test_screen_fail_on_and_exit_zero(levels_config: Path):
    base = ["screen", str(IDENTIFIERS), "--config", str(levels_config)]
    assert runner.invoke(app, base).exit_code == 0
    assert runner.invoke(app, [*base, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, [*base, "--fail-on", "warning", "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["screen", str(IDENTIFIERS)]).exit_code == 1
    assert runner.invoke(app, ["screen", str(IDENTIFIERS), "--exit-zero"]).exit_code == 0


def test_screen_exit_zero_never_hides_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["screen", str(tmp_path / "nothing"), "--exit-zero"])
    assert result.exit_code == 2


def test_screen_output_format_json_and_output_file(tmp_path: Path):
    result = runner.invoke(app, ["screen", str(ELIGIBLE), "--output-format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["verdict"] == "eligible"
    out = tmp_path / "batch.json"
    quiet = runner.invoke(
        app, ["screen", str(ELIGIBLE), "--output-format", "json", "--output-file", str(out)]
    )
    assert quiet.exit_code == 0
    assert quiet.stdout == ""
    data = json.loads(out.read_bytes().decode("utf-8"))
    assert data["files"][0]["path"].endswith("01-eligible-beijing.xlsx")
    overview = tmp_path / "overview.txt"
    runner.invoke(app, ["screen", str(ELIGIBLE), "--output-file", str(overview)])
    assert "符合" in overview.read_text(encoding="utf-8")


def test_screen_quiet_prints_nothing_but_still_writes_the_summary(tmp_path: Path):
    summary = tmp_path / "summary.xlsx"
    result = runner.invoke(app, ["screen", str(ELIGIBLE), "-o", str(summary), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert summary.exists()


# ---------------------------------------------------------------------- the old spellings


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        (["screen", str(ELIGIBLE), "--format", "json"], None, "--format json"),
        (["screen", str(ELIGIBLE), "-f", "json"], None, "--format json"),
        (["criteria", "show", "beijing-2023", "--format", "json"], None, "--format json"),
        (["criteria", "list", "--format", "json"], None, "--format json"),
        (["config", "show", "--isolated", "--json"], None, "--json"),
    ],
)
def test_old_spellings_work_with_a_deprecation_note(old, new, note):
    result = runner.invoke(app, old)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # the same document as --output-format json
    assert f"clusterctl: 警告: {note} 已弃用，下一版本将删除；请改用 --output-format json" in (
        result.stderr
    )
    english = runner.invoke(app, [*old, "--lang", "en"])
    assert f"{note} is deprecated and will be removed in the next release" in english.stderr


def test_old_text_format_is_the_human_output():
    old = runner.invoke(app, ["criteria", "list", "--format", "text"])
    new = runner.invoke(app, ["criteria", "list", "--output-format", "human"])
    assert old.exit_code == new.exit_code == 0
    assert old.stdout == new.stdout
    assert "--output-format human" in old.stderr


def test_old_and_new_spelling_must_agree():
    result = runner.invoke(
        app, ["criteria", "list", "--format", "json", "--output-format", "human"]
    )
    assert result.exit_code == 2
    assert "--format 与 --output-format 互相矛盾" in result.stderr


# ------------------------------------------------------------------------------------ rule


def test_rule_criterion_as_data():
    result = runner.invoke(
        app, ["rule", "CR203", "--criteria", "beijing-2023", "--output-format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["type"] == "criterion"
    assert data["pack_id"] == "beijing-2023"
    assert (data["code"], data["op"], data["threshold"]) == ("CR203", "gt", 70)


def test_rule_finding_type_as_data():
    data = json.loads(runner.invoke(app, ["rule", "V208", "--output-format", "json"]).stdout)
    assert data["type"] == "finding"
    assert data["code"] == "V208" and data["severity"] == "error"
    english = runner.invoke(app, ["rule", "V208", "--output-format", "json", "--lang", "en"])
    assert json.loads(english.stdout)["title"] != data["title"]


def test_rule_list_as_data_and_unknown_code():
    listed = json.loads(runner.invoke(app, ["rule", "--output-format", "json"]).stdout)
    codes = {row["code"] for row in listed}
    assert {"CR203", "V208", "F199"} <= codes
    unknown = runner.invoke(app, ["rule", "ZZ999", "--output-format", "json"])
    assert unknown.exit_code == 2
    assert "未知编码 'ZZ999'" in unknown.output


def test_rule_and_criteria_output_file(tmp_path: Path):
    out = tmp_path / "rule.txt"
    assert runner.invoke(app, ["rule", "CR201", "--output-file", str(out)]).exit_code == 0
    assert "km²" in out.read_text(encoding="utf-8")
    shown = tmp_path / "pack.txt"
    runner.invoke(app, ["criteria", "show", "beijing-2023", "--output-file", str(shown)])
    assert "CR203" in shown.read_text(encoding="utf-8")


def test_output_file_in_a_missing_folder_is_a_usage_error(tmp_path: Path):
    target = tmp_path / "no" / "such" / "out.json"
    result = runner.invoke(
        app, ["config", "show", "--output-format", "json", "--output-file", str(target)]
    )
    assert result.exit_code == 2
    assert "无法写入" in result.output


def test_check_keeps_its_short_output_file_option(tmp_path: Path):
    out = tmp_path / "r.json"
    copy = tmp_path / "in.xlsx"
    shutil.copy(ELIGIBLE, copy)
    result = runner.invoke(app, ["check", str(copy), "--output-format", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------- help page layout


@pytest.mark.parametrize("name", ["", *COMMANDS, "criteria", "config"])
def test_help_pages_fit_an_80_column_terminal(name: str):
    from clusterctl.cli.help_format import width

    result = runner.invoke(app, [*name.split(), "--help"], terminal_width=80)
    assert result.exit_code == 0
    too_wide = [line for line in result.output.splitlines() if width(line) > 80]
    assert not too_wide


def test_wrap_breaks_between_chinese_characters_but_not_before_punctuation():
    from clusterctl.cli.help_format import width, wrap

    lines = wrap("报告与消息的语言：zh（默认）或 en / language: zh (default) or en", 20)
    assert all(width(line) <= 20 for line in lines[:-1])
    assert (
        "".join(lines).replace(" ", "")
        == "报告与消息的语言：zh（默认）或en/language:zh(default)oren"
    )
    assert not any(line.startswith(("，", "）", "：", "/")) for line in lines)
    assert wrap("a-very-long-unbreakable-word here", 10) == ["a-very-long-unbreakable-word", "here"]
    assert width("中a") == 3
    assert wrap("只看退出码 / verdict", 10) == ["只看退出", "码 /", "verdict"]


def test_output_file_never_overwrites_an_input(tmp_path: Path):
    workbook = tmp_path / "app.xlsx"
    shutil.copy(ELIGIBLE, workbook)
    before = workbook.read_bytes()
    for argv in (
        ["screen", str(workbook), "--output-file", str(workbook)],
        ["screen", str(tmp_path), "--output-format", "json", "--output-file", str(workbook)],
        ["check", str(workbook), "--output-file", str(workbook)],
    ):
        result = runner.invoke(app, argv)
        assert result.exit_code == 2, argv
        assert "是输入文件之一" in result.output
    assert workbook.read_bytes() == before
    pack = tmp_path / "pack.toml"
    pack.write_text('extends = "beijing-2023"\nid = "mine"\n', encoding="utf-8")
    text = pack.read_text(encoding="utf-8")
    result = runner.invoke(app, ["criteria", "show", str(pack), "--output-file", str(pack)])
    assert result.exit_code == 2
    assert pack.read_text(encoding="utf-8") == text
