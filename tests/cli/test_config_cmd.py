import json

from typer.testing import CliRunner

from clusterctl.cli.app import app

runner = CliRunner()


def test_show_lists_each_setting_with_its_source(tmp_path, monkeypatch):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        '[tool.clusterctl]\ncriteria = "beijing"\n[tool.clusterctl.levels]\nV201 = "off"\n',
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = runner.invoke(app, ["config", "show", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f'criteria = "beijing"  # {cfg}' in lines
    assert 'lang = "en"  # command line' in lines
    assert 'fail-on = "error"  # default' in lines
    assert '"V201" = "off"' in lines


def test_show_json_and_isolated(tmp_path, monkeypatch):
    (tmp_path / ".clusterctl.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(runner.invoke(app, ["config", "show", "--json"]).stdout)
    assert data["settings"]["fail-on"] == {
        "value": "warning",
        "source": str(tmp_path / ".clusterctl.toml"),
    }
    isolated = json.loads(runner.invoke(app, ["config", "show", "--json", "--isolated"]).stdout)
    assert isolated["config_file"] is None
    assert isolated["settings"]["fail-on"] == {"value": "error", "source": "default"}


def test_bad_config_exit_2_with_key(tmp_path, monkeypatch):
    (tmp_path / ".clusterctl.toml").write_text("[limits]\nmax-cells = 0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config", "show", "--lang", "en"])
    assert result.exit_code == 2
    assert "limits.max-cells" in result.output and "positive" in result.output
