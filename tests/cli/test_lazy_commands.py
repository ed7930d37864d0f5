"""Sub-commands are imported and built only when used; help and suggestions see every name."""

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import COMMANDS, app

SAMPLE = Path(__file__).parents[2] / "sample_data" / "01-eligible-beijing.xlsx"
runner = CliRunner()


def loaded_command_modules(*args: str) -> set[str]:
    """The command modules a real ``clusterctl ARGS`` run has imported when it exits."""
    code = (
        "import atexit, sys\n"
        "names = set(sys.argv[1].split(','))\n"
        "atexit.register(lambda: print('MODULES', *sorted(names & set(sys.modules)),"
        " file=sys.stderr))\n"
        "sys.argv = ['clusterctl', *sys.argv[2:]]\n"
        "from clusterctl.cli.app import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, ",".join(COMMANDS.values()), *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    lines = [line for line in result.stderr.splitlines() if line.startswith("MODULES")]
    assert lines, result.stderr[-2000:]
    return set(lines[-1].split()[1:])


def test_check_imports_its_own_module_only():
    loaded = loaded_command_modules("check", str(SAMPLE), "--output-format", "json")
    assert loaded == {"clusterctl.cli.check_cmd"}


def test_help_lists_every_command_in_order():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    positions = [result.output.index(f"│ {name} ") for name in COMMANDS]
    assert positions == sorted(positions)
    assert loaded_command_modules("--help") == set(COMMANDS.values())


def test_a_typo_is_answered_with_the_closest_command():
    result = runner.invoke(app, ["chek", str(SAMPLE)])
    assert result.exit_code == 2
    assert "Did you mean 'check'?" in result.output


def test_sub_groups_still_work():
    result = runner.invoke(app, ["config", "show", "--isolated", "--json"])
    assert result.exit_code == 0, result.output
    assert '"config_file": null' in result.output
