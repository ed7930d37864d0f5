from pathlib import Path

import pytest

from clusterctl.config.discovery import find_config, load_settings
from clusterctl.config.loading import ConfigError
from clusterctl.workbook.limits import Limits


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_looking_upward(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[tool.clusterctl]\nlang = "en"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == cfg
    settings = load_settings(cwd=deep)
    assert settings.lang == "en" and settings.source("lang") == str(cfg)


def test_pyproject_without_our_table_is_passed_over(tmp_path):
    outer = write(tmp_path / ".clusterctl.toml", 'fail-on = "warning"\n')
    write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "inner") == outer


def test_nearest_directory_wins_without_merging(tmp_path):
    write(tmp_path / ".clusterctl.toml", 'fail-on = "warning"\nlang = "en"\n')
    inner = write(tmp_path / "inner" / "pyproject.toml", '[tool.clusterctl]\ncriteria = "x"\n')
    settings = load_settings(cwd=tmp_path / "inner")
    assert settings.source("criteria") == str(inner)
    assert settings.fail_on == "error" and settings.lang == "zh"  # the outer file is not read


def test_dot_file_before_pyproject_in_one_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.clusterctl]\nlang = "zh"\n')
    dot = write(tmp_path / ".clusterctl.toml", 'lang = "en"\n')
    assert find_config(tmp_path) == dot


def test_precedence_cli_over_file_over_defaults(tmp_path):
    cfg = write(
        tmp_path / ".clusterctl.toml",
        'lang = "en"\nfail-on = "warning"\n[limits]\nmax-file-mb = 5\n',
    )
    settings = load_settings(cwd=tmp_path, lang="zh", fail_on=None)
    assert (settings.lang, settings.source("lang")) == ("zh", "cli")
    assert (settings.fail_on, settings.source("fail_on")) == ("warning", str(cfg))
    assert settings.limits == Limits(max_file_mb=5.0)
    assert (settings.criteria, settings.source("criteria")) == (None, "default")


def test_isolated_ignores_files_and_explicit_config_wins(tmp_path):
    write(tmp_path / ".clusterctl.toml", 'lang = "en"\n')
    assert load_settings(cwd=tmp_path, isolated=True).lang == "zh"
    other = write(tmp_path / "ci" / "strict.toml", 'fail-on = "warning"\n')
    settings = load_settings(config=str(other), cwd=tmp_path)
    assert settings.fail_on == "warning" and settings.lang == "zh"


def test_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError):
        load_settings(config=str(tmp_path / "nope.toml"))
