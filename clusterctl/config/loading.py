"""Read and validate one configuration file.

``pyproject.toml`` keeps the settings under ``[tool.clusterctl]``; ``.clusterctl.toml`` keeps
them at the top level. Every problem names the key path (``tool.clusterctl.levels.V999``) and
what is wrong with it, in both languages; the CLI turns it into a usage error (exit 2).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clusterctl.i18n import Lang, Text
from clusterctl.workbook.limits import Limits

MAX_CONFIG_BYTES = 1 << 20
LEVEL_VALUES = ("error", "warning", "info", "off")
FAIL_ON_VALUES = ("error", "warning")
KNOWN_KEYS = ("criteria", "lang", "fail-on", "levels", "per-file-ignores", "limits")
_CODE = re.compile(r"^[A-Z]{1,4}[0-9]{2,4}$")
_REGISTERED_PREFIXES = ("F", "S", "V", "X", "B")


class ConfigError(ValueError):
    """A configuration file is unusable: which file, which key, what is wrong."""

    def __init__(self, path: str, key: str, problem: Text) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "zh") -> str:
        where = f"{self.path}: {self.key}" if self.key else self.path
        return f"{where}: {self.problem.get(lang)}"


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The validated settings of one file (only the keys it sets)."""

    path: str
    values: dict[str, Any]  # Settings field name -> value


def read_toml(path: Path) -> dict[str, Any]:
    shown = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            shown, "", Text(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")
        ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(shown, "", Text("文件超过 1 MB", "file larger than 1 MB"))
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(shown, "", Text("不是 UTF-8 文本", "not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            shown, "", Text(f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}")
        ) from None


def clusterctl_table(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The settings table of a parsed file and its key prefix: ``[tool.clusterctl]`` in a
    pyproject.toml (or any file with a ``[tool]`` table), else the top level. None when the
    ``[tool]`` table has no ``clusterctl`` entry."""
    if path.name == "pyproject.toml" or isinstance(data.get("tool"), dict):
        tool = data.get("tool")
        table = tool.get("clusterctl") if isinstance(tool, dict) else None
        if table is None:
            return None, "tool.clusterctl."
        if not isinstance(table, dict):
            raise ConfigError(str(path), "tool.clusterctl", Text("应为表", "must be a table"))
        return table, "tool.clusterctl."
    return data, ""


def load_config_file(path: str | Path) -> ConfigFile:
    """Validate a ``pyproject.toml`` or ``.clusterctl.toml``; raises :class:`ConfigError`."""
    path = Path(path)
    table, prefix = clusterctl_table(path, read_toml(path))
    if table is None:
        raise ConfigError(
            str(path),
            "tool.clusterctl",
            Text("没有 [tool.clusterctl] 表", "has no [tool.clusterctl] table"),
        )
    return ConfigFile(str(path), parse_table(table, str(path), prefix))


def parse_table(table: dict[str, Any], path: str, prefix: str = "") -> dict[str, Any]:
    """Check every key of a settings table; return Settings field values."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = prefix + key
        if key not in KNOWN_KEYS:
            raise ConfigError(
                path,
                where,
                Text(
                    f"未知的设置项；可用：{', '.join(KNOWN_KEYS)}",
                    f"unknown setting; known: {', '.join(KNOWN_KEYS)}",
                ),
            )
        if key == "criteria":
            values["criteria"] = _string(value, path, where)
        elif key == "lang":
            values["lang"] = _choice(value, ("zh", "en"), path, where)
        elif key == "fail-on":
            values["fail_on"] = _choice(value, FAIL_ON_VALUES, path, where)
        elif key == "levels":
            values["levels"] = _levels(_table(value, path, where), path, where)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = _ignores(_table(value, path, where), path, where)
        elif key == "limits":
            values["limits"] = _limits(_table(value, path, where), path, where)
    return values


def _string(value: Any, path: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, where, Text("应为非空字符串", "must be a non-empty string"))
    return value.strip()


def _choice(value: Any, choices: tuple[str, ...], path: str, where: str) -> str:
    if value not in choices:
        raise ConfigError(
            path,
            where,
            Text(
                f"值 {value!r} 无效；可选：{', '.join(choices)}",
                f"invalid value {value!r}; choose one of: {', '.join(choices)}",
            ),
        )
    return value


def _table(value: Any, path: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(path, where, Text("应为表", "must be a table"))
    return value


def known_code(code: str) -> str | None:
    """The canonical code for a code or kebab name, or None when it cannot be one of ours.

    Registered finding codes and names are checked against the registry; codes of the shipped
    packs' criteria are accepted, and so is any other code with a prefix the registry does not
    use (a criterion of a pack file given by path)."""
    from clusterctl.diagnostics import get_type

    if code == "ALL":
        return code
    try:
        return get_type(code).code
    except KeyError:
        pass
    upper = code.upper()
    if upper in _pack_codes():
        return upper
    if _CODE.match(upper) and not upper.startswith(_REGISTERED_PREFIXES):
        return upper
    return None


def _pack_codes() -> set[str]:
    try:
        from clusterctl.criteria.loader import list_packs

        return {code for p in list_packs() for c in p.criteria for code in (c.code, *c.aliases)}
    except Exception:  # packs not loadable: fall back to the pattern check
        return set()


def _code(code: str, path: str, where: str) -> str:
    canonical = known_code(code)
    if canonical is None:
        raise ConfigError(
            path,
            where,
            Text(
                f"未知的问题代码 {code!r}（用 `clusterctl rule` 查看）",
                f"unknown code {code!r} (see `clusterctl rule`)",
            ),
        )
    return canonical


def _levels(table: dict[str, Any], path: str, where: str) -> dict[str, str]:
    levels = {}
    for code, level in table.items():
        key = f"{where}.{code}"
        canonical = _code(code, path, key)
        if canonical == "ALL":
            raise ConfigError(path, key, Text("levels 不支持 ALL", "ALL is not allowed in levels"))
        levels[canonical] = _choice(level, LEVEL_VALUES, path, key)
    return levels


def _ignores(table: dict[str, Any], path: str, where: str) -> dict[str, list[str]]:
    ignores = {}
    for pattern, codes in table.items():
        key = f'{where}."{pattern}"'
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(
                path, key, Text("应为问题代码列表", 'must be a list of codes, e.g. ["V201"]')
            )
        ignores[pattern] = [_code(c, path, key) for c in codes]
    return ignores


def _limits(table: dict[str, Any], path: str, where: str) -> Limits:
    names = Limits.names()
    defaults = Limits()
    changes: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{where}.{name}"
        field = name.replace("-", "_")
        if field not in names:
            raise ConfigError(
                path,
                key,
                Text(
                    f"未知的限制项；可用：{', '.join(names)}",
                    f"unknown limit; known: {', '.join(names)}",
                ),
            )
        kind = type(getattr(defaults, field))
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        if kind is int and ok and not float(value).is_integer():
            ok = False
        if not ok:
            raise ConfigError(
                path,
                key,
                Text(
                    f"应为正{'整' if kind is int else ''}数",
                    f"must be a positive {'integer' if kind is int else 'number'}",
                ),
            )
        changes[field] = kind(value)
    from dataclasses import replace

    return replace(defaults, **changes)
