"""Usage errors of the CLI library in Chinese by default, English with --lang en, exit 2.

Each case is a mistake a user makes (a missing argument, an unknown option, an option without its
value, a bad choice, a number out of range, an unknown command); the Chinese text is rebuilt by
clusterctl.cli.usage, so these tests fail if typer's exceptions or messages change under it.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.cli.usage import argv_lang

ROOT = Path(__file__).parents[2]
SAMPLE = str(ROOT / "sample_data" / "01-eligible-beijing.xlsx")
runner = CliRunner()

CASES = [
    # (argv, Chinese message, English message)
    (["check"], "缺少参数 'FILE...'", "Missing argument 'FILE...'"),
    (["screen"], "缺少参数 'PATH'", "Missing argument 'PATH'"),
    (["criteria", "show"], "缺少参数 'ID'", "Missing argument 'ID'"),
    (["check", SAMPLE, "--bogus"], "没有选项 --bogus", "No such option: --bogus"),
    (["check", SAMPLE, "--criteria"], "选项 '--criteria' 需要一个值", "requires an argument"),
    (["check", SAMPLE, "--jobs", "0"], "'--jobs' / '-j' 的值无效：须不小于 1", "greater than or"),
    (["check", SAMPLE, "--jobs", "many"], "'--jobs' / '-j' 的值无效：须为整数", "valid integer"),
    (["screen", SAMPLE, "--quota", "-1"], "'--quota' 的值无效：须不小于 0", "greater than or"),
    (
        ["check", SAMPLE, "--limit-timeout", "0.01"],
        "'--limit-timeout' 的值无效：须不小于 0.1",
        "greater than or equal to 0.1",
    ),
    (
        ["check", SAMPLE, "--output-format", "xml"],
        "--output-format 的值 'xml' 无效；可选：human, concise, json",
        "invalid value 'xml' for --output-format; choose one of: human",
    ),
    (
        ["screen", SAMPLE, "--output-format", "junit"],
        "--output-format 的值 'junit' 无效；可选：human, json, sarif",
        "choose one of: human, json, sarif",
    ),
    (["check", SAMPLE, "--fail-on", "info"], "--fail-on 的值 'info' 无效", "for --fail-on"),
    (["chek", SAMPLE], "没有命令 'chek'；是否想用 'check'？", "Did you mean 'check'?"),
    (["criteria", "shw"], "没有命令 'shw'", "No such command 'shw'"),
    (["rule", "CR203", "extra"], "多余的参数：extra", "unexpected extra argument"),
]


@pytest.mark.parametrize(("argv", "zh", "en"), CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_usage_error_in_chinese_then_english(argv: list[str], zh: str, en: str):
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert zh in result.output
    assert "Traceback" not in result.output
    # --lang en anywhere on the line, even after the mistake (not as --criteria's value)
    english_argv = [*argv, "--lang", "en"]
    if argv[-1] == "--criteria":
        english_argv = [*argv[:-1], "--lang", "en", argv[-1]]
    english = runner.invoke(app, english_argv)
    assert english.exit_code == 2
    assert en in english.output
    assert zh not in english.output


def test_the_usage_line_and_the_help_hint_are_chinese_too():
    result = runner.invoke(app, ["check"])
    assert "用法：clusterctl check [OPTIONS]" in result.output
    assert "运行 'clusterctl check -h' 查看帮助。" in result.output
    assert "clusterctl: 错误: " in result.output
    english = runner.invoke(app, ["check", "--lang=en"])
    assert "Usage: clusterctl check [OPTIONS]" in english.output
    assert "clusterctl: error: " in english.output


def test_argv_lang():
    assert argv_lang([]) == "zh"
    assert argv_lang(["check", "x", "--lang", "en"]) == "en"
    assert argv_lang(["--lang=en", "check"]) == "en"
    assert argv_lang(["check", "--lang", "zh"]) == "zh"
    assert argv_lang(["check", "--", "--lang", "en"]) == "zh"  # a file named --lang


def test_broken_pack_in_screen_is_a_chinese_usage_error(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text("x = [\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", SAMPLE, "--criteria", str(broken)])
    assert result.exit_code == 2
    assert f"错误: 标准文件 {broken} 无效（1 个问题）" in result.output
    assert "internal error" not in result.output and "内部错误" not in result.output
    english = runner.invoke(app, ["screen", SAMPLE, "--criteria", str(broken), "--lang", "en"])
    assert f"invalid criteria pack {broken} (1 problem(s))" in english.output


def test_screen_config_errors_are_chinese(tmp_path: Path):
    config = tmp_path / "clusterctl.toml"
    config.write_text('fail-on = "never"\n', encoding="utf-8")
    result = runner.invoke(app, ["screen", SAMPLE, "--config", str(config)])
    assert result.exit_code == 2
    assert "配置文件错误" in result.output and "fail-on" in result.output
    english = runner.invoke(app, ["screen", SAMPLE, "--config", str(config), "--lang", "en"])
    assert english.exit_code == 2
    assert "configuration error" in english.output


def test_no_traceback_through_the_real_entry_point():
    result = subprocess.run(
        [sys.executable, "-c", "from clusterctl.cli.app import main; main()", "check", "--bogus"],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "没有选项 --bogus" in result.stderr
    assert "Traceback" not in result.stderr
