"""The application: every command registered, listed in order, typos answered."""

from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import COMMANDS, app

SAMPLE = Path(__file__).parents[2] / "sample_data" / "01-eligible-beijing.xlsx"
runner = CliRunner()


def test_help_lists_every_command_in_order():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1]
    positions = [commands.index(f"\n  {name} ") for name in COMMANDS]
    assert positions == sorted(positions)


def test_a_typo_is_answered_with_the_closest_command():
    result = runner.invoke(app, ["chek", str(SAMPLE)])
    assert result.exit_code == 2
    assert "没有命令 'chek'；是否想用 'check'？" in result.output
    english = runner.invoke(app, ["chek", str(SAMPLE), "--lang", "en"])
    assert "Did you mean 'check'?" in english.output


def test_sub_groups_still_work():
    result = runner.invoke(app, ["config", "show", "--isolated", "--json"])
    assert result.exit_code == 0, result.output
    assert '"config_file": null' in result.output
