from pathlib import Path

import pytest

from clusterctl.config.loading import ConfigError, load_config_file


def load(tmp_path: Path, text: str, name: str = ".clusterctl.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_config_file(path)


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('colour = "red"\n', "colour", "unknown setting"),
        ('fail-on = "sometimes"\n', "fail-on", "'sometimes'"),
        ('lang = "fr"\n', "lang", "'fr'"),
        ('[levels]\nV201 = "loud"\n', "levels.V201", "'loud'"),
        ('[levels]\nV999 = "off"\n', "levels.V999", "unknown code"),
        ('[per-file-ignores]\n"a/*.xlsx" = "V201"\n', 'per-file-ignores."a/*.xlsx"', "list"),
        ("[limits]\nmax-cells = -3\n", "limits.max-cells", "positive"),
        ("[limits]\nmax-cells = 2.5\n", "limits.max-cells", "integer"),
        ("[limits]\nspeed = 1\n", "limits.speed", "unknown limit"),
        ("criteria = 3\n", "criteria", "string"),
    ],
)
def test_bad_values_name_the_key_and_the_problem(tmp_path, text, key, words):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    assert info.value.key == key
    assert words in info.value.message("en")
    assert info.value.message("zh") != info.value.message("en")


def test_toml_syntax_error(tmp_path):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, "lang = \n")
    assert "TOML" in info.value.message("en")


def test_pyproject_keys_are_reported_with_their_table(tmp_path):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, '[tool.clusterctl]\nfail_on = "warning"\n', "pyproject.toml")
    assert info.value.key == "tool.clusterctl.fail_on"


def test_a_full_file(tmp_path):
    found = load(
        tmp_path,
        'criteria = "beijing"\nlang = "en"\nfail-on = "warning"\n'
        '[levels]\nV201 = "warning"\nCR201 = "off"\nnumber-unreadable = "info"\n'
        '[per-file-ignores]\n"drafts/*.xlsx" = ["X301", "ALL"]\n'
        "[limits]\nmax_file_mb = 12.5\ntimeout-s = 5\n",
    )
    values = found.values
    assert values["criteria"] == "beijing" and values["fail_on"] == "warning"
    assert values["levels"]["CR201"] == "off"
    assert values["per_file_ignores"] == {"drafts/*.xlsx": ["X301", "ALL"]}
    assert (values["limits"].max_file_mb, values["limits"].timeout_s) == (12.5, 5.0)
