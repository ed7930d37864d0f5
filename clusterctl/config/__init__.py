"""Configuration: ``[tool.clusterctl]`` in ``pyproject.toml`` or ``.clusterctl.toml``."""
