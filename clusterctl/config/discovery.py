"""Find the configuration file and build the settings in effect.

Precedence: command-line options > the configuration file > built-in defaults. The file is
``--config FILE`` when given; otherwise the first of ``.clusterctl.toml`` or a ``pyproject.toml``
with a ``[tool.clusterctl]`` table, looking in the current directory and then each parent in
turn (the first directory that has one wins; nothing is merged across directories).
``--isolated`` ignores configuration files altogether.
"""

from __future__ import annotations

import os
from pathlib import Path

from clusterctl.config.loading import (
    ConfigError,
    ConfigFile,
    clusterctl_table,
    load_config_file,
    read_toml,
)
from clusterctl.config.settings import Settings
from clusterctl.i18n import Text

CONFIG_NAMES = (".clusterctl.toml", "pyproject.toml")  # within one directory, in this order


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the current directory)."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                table, _ = clusterctl_table(candidate, read_toml(candidate))
                if table is None:
                    continue
            return candidate
    return None


def discover_config(
    config: str | None = None, isolated: bool = False, cwd: str | Path | None = None
) -> ConfigFile | None:
    """The validated configuration file in effect, or None."""
    if isolated:
        return None
    if config is not None:
        if not os.path.isfile(config):
            raise ConfigError(
                config, "", Text("配置文件不存在", "configuration file does not exist")
            )
        return load_config_file(config)
    found = find_config(cwd)
    return load_config_file(found) if found else None


def load_settings(
    config: str | None = None,
    isolated: bool = False,
    cwd: str | Path | None = None,
    **cli: object,
) -> Settings:
    """Defaults, then the configuration file, then command-line values (``None`` = not given).

    Raises :class:`~clusterctl.config.loading.ConfigError` for a bad file."""
    settings = Settings()
    found = discover_config(config, isolated, cwd)
    if found is not None:
        settings = settings.override(found.path, **found.values)
    given = {k: v for k, v in cli.items() if v is not None}
    if given:
        settings = settings.override("cli", **given)
    return settings
