"""The options every command shares, each defined once (ruff's vocabulary).

``--output-format`` (a per-command list of formats), ``--output-file`` (the report written there,
always UTF-8), ``--exit-zero``, ``--fail-on``, ``--quiet``, ``--lang``, ``--criteria``,
``--config``, ``--isolated``. Every help text is Chinese first, then English. Choices are checked
here, not by typer, so a bad value is answered in the user's language (:mod:`clusterctl.cli.usage`).

The old spellings (``screen --format``, ``criteria list|show --format text|json``,
``config show --json``) are hidden options kept for one release; :func:`pick_format` turns them
into the new option with a deprecation note on stderr.
"""

# No ``from __future__ import annotations``: typer reads these annotations at start-up.

from pathlib import Path
from typing import Annotated

import typer

from clusterctl.cli.common import LangOption, bilingual, choice_check, err, fail_usage
from clusterctl.i18n import Lang, Text

__all__ = ["LangOption", "bilingual"]  # defined in common, part of this vocabulary


def output_format(choices: tuple[str, ...], default: str = "human"):
    """``--output-format`` for a command that writes ``choices``; None when not given."""
    return Annotated[
        str | None,
        typer.Option(
            "--output-format",
            metavar="|".join(choices),
            callback=choice_check("--output-format", choices),
            help=bilingual(f"输出格式（默认 {default}）", f"output format (default: {default})"),
        ),
    ]


OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output-file",
        metavar="FILE",
        help=bilingual(
            "把 --output-format 的输出写入此文件（UTF-8）",
            "write the --output-format output to this file (UTF-8, atomically)",
        ),
    ),
]
# check has always had ``-o`` for its report file; screen's ``-o`` is its Excel summary.
CheckOutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output-file",
        "-o",
        metavar="FILE",
        help=bilingual(
            "把 --output-format 的输出写入此文件（UTF-8）；标准输出仍是人读报告",
            "write the --output-format output to this file (UTF-8, atomically); "
            "stdout gets the human report",
        ),
    ),
]
ExitZeroOption = Annotated[
    bool,
    typer.Option(
        "--exit-zero",
        help=bilingual(
            "即使有问题也以 0 退出（用法错误仍为 2）",
            "exit 0 even with findings (usage errors still exit 2)",
        ),
    ),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        metavar="error|warning",
        callback=choice_check("--fail-on", ("error", "warning")),
        help=bilingual(
            "导致退出码 1 的最低级别（默认 error）",
            "lowest level that makes the exit code 1 (default: error)",
        ),
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=bilingual(
            "只输出结论行；机器格式与 screen 不输出，只看退出码",
            "verdict lines only; machine formats and screen: nothing, just the exit code",
        ),
    ),
]
CriteriaOption = Annotated[
    str | None,
    typer.Option(
        "--criteria",
        "-c",
        metavar="PACK",
        help=bilingual(
            "认定标准版本：编号、别名、年版或 .toml 文件",
            "criteria pack: id, alias, edition year or .toml file",
        ),
    ),
]
ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help=bilingual("使用此配置文件", "configuration file to use"),
    ),
]
IsolatedOption = Annotated[
    bool,
    typer.Option(
        "--isolated",
        help=bilingual("忽略所有配置文件", "ignore configuration files"),
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help=bilingual("并行进程数（默认：每个核一个）", "worker processes (default: every core)"),
    ),
]
RecursiveOption = Annotated[
    bool,
    typer.Option("--recursive", "-r", help=bilingual("包括子文件夹", "descend into sub-folders")),
]

# ------------------------------------------------------------------ spellings kept for one release

# ``screen --format/-f human|json``
OldScreenFormatOption = Annotated[
    str | None, typer.Option("--format", "-f", hidden=True, metavar="human|json")
]
# ``criteria list|show --format text|json``
OldTextFormatOption = Annotated[
    str | None, typer.Option("--format", hidden=True, metavar="text|json")
]
# ``config show --json``
OldJsonOption = Annotated[bool, typer.Option("--json", hidden=True)]

DEPRECATED = Text(
    "{old} 已弃用，下一版本将删除；请改用 {new}",
    "{old} is deprecated and will be removed in the next release; use {new}",
)


def deprecated(old: str, new: str, lang: Lang) -> None:
    """The deprecation note for an old spelling, on stderr."""
    prefix = "warning" if lang == "en" else "警告"
    err(f"clusterctl: {prefix}: {DEPRECATED.format(lang, old=old, new=new)}")


def pick_format(
    new: str | None,
    old: str | None,
    old_name: str,
    choices: tuple[str, ...],
    lang: Lang,
    default: str = "human",
    renamed: dict[str, str] | None = None,
    flag: bool = False,
) -> str:
    """The output format from ``--output-format`` or, with a note, from the old spelling
    (``old_name old``, or only ``old_name`` for a ``flag`` such as ``--json``)."""
    if old is None:
        return new or default
    value = (renamed or {}).get(old, old)
    deprecated(old_name if flag else f"{old_name} {old}", f"--output-format {value}", lang)
    if new is not None and new != value:
        fail_usage(
            Text(f"{old_name} 与 --output-format 互相矛盾",
                 f"{old_name} contradicts --output-format"),
            lang,
        )  # fmt: skip
    choice_check(old_name, choices)(value)
    return value
