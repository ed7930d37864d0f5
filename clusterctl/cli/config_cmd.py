"""``clusterctl config show``: the settings in effect and where each came from."""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

from typing import TYPE_CHECKING, Any

import typer

from clusterctl.cli.common import fail_usage, resolve_lang
from clusterctl.cli.options import (
    ConfigOption,
    IsolatedOption,
    LangOption,
    OldJsonOption,
    OutputFileOption,
    output_format,
    pick_format,
)
from clusterctl.cli.output import emit, refuse_an_input
from clusterctl.i18n import Text, t

if TYPE_CHECKING:
    from clusterctl.config.settings import Settings

HEADER = t(
    "# 生效的配置（命令行 > 配置文件 > 默认值）",
    "# Settings in effect (CLI > config file > defaults)",
)
CONFIG_FILE = t("# 配置文件：{path}", "# Configuration file: {path}")
NO_CONFIG_FILE = t("# 未使用配置文件", "# No configuration file")
FORMATS = ("human", "json")
SOURCE_NAMES = {"default": t("默认值", "default"), "cli": t("命令行", "command line")}

config_app = typer.Typer(
    help="查看配置 / Show the configuration.", no_args_is_help=True, add_completion=False
)


@config_app.command("show")
def show(
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    fmt: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
    as_json: OldJsonOption = False,
) -> None:
    """显示生效的配置及其来源 / Show the settings in effect and where each came from."""
    from clusterctl.config.discovery import discover_config, load_settings
    from clusterctl.config.loading import ConfigError

    ui_lang = resolve_lang(lang)
    if config is not None and isolated:
        fail_usage(
            Text("--config 与 --isolated 不能同时使用", "use either --config or --isolated"),
            ui_lang,
        )
    try:
        found = discover_config(config, isolated)
        settings = load_settings(config, isolated, lang=lang)
    except ConfigError as exc:
        fail_usage(exc.message(ui_lang), ui_lang)
    ui_lang = resolve_lang(settings.lang)
    fmt = pick_format(fmt, "json" if as_json else None, "--json", FORMATS, ui_lang, flag=True)
    path = found.path if found else None
    refuse_an_input(output_file, [path] if path else [], ui_lang)
    if fmt == "json":
        from clusterctl.reports.formats.base import json_text

        emit(json_text(settings_dict(settings, path), indent=2), output_file, machine=True)
        return
    emit(render_settings(settings, path, ui_lang), output_file)


def settings_dict(settings: "Settings", path: str | None) -> dict[str, Any]:
    limits = {name: getattr(settings.limits, name) for name in settings.limits.names()}
    values = {
        "criteria": settings.criteria,
        "lang": settings.lang,
        "fail-on": settings.fail_on,
        "levels": dict(settings.levels),
        "per-file-ignores": {k: list(v) for k, v in settings.per_file_ignores.items()},
        "limits": limits,
    }
    field_of = {"fail-on": "fail_on", "per-file-ignores": "per_file_ignores"}
    return {
        "config_file": path,
        "settings": {
            key: {"value": value, "source": settings.source(field_of.get(key, key))}
            for key, value in values.items()
        },
    }


def render_settings(settings: "Settings", path: str | None, lang) -> str:
    """TOML-like text, each setting with a comment saying where it came from."""
    import json

    data = settings_dict(settings, path)["settings"]

    def source(key: str) -> str:
        src = data[key]["source"]
        return SOURCE_NAMES[src].get(lang) if src in SOURCE_NAMES else src

    def value(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    lines = [HEADER.get(lang)]
    lines.append(CONFIG_FILE.format(lang, path=path) if path else NO_CONFIG_FILE.get(lang))
    for key in ("criteria", "lang", "fail-on"):
        v = data[key]["value"]
        setting = f"# {key} = ?" if v is None else f"{key} = {value(v)}"
        lines.append(f"{setting}  # {source(key)}")
    for key in ("levels", "per-file-ignores", "limits"):
        lines.append("")
        lines.append(f"[{key}]  # {source(key)}")
        for name, v in data[key]["value"].items():
            lines.append(f"{json.dumps(name, ensure_ascii=False)} = {value(v)}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
