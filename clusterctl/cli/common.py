"""Conventions shared by every command: exit codes, --lang, error output on stderr.

The shared options themselves are in :mod:`clusterctl.cli.options` (``--lang`` is defined here
because the choice check every option uses needs it first).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, NoReturn

import typer

from clusterctl.cli.usage import argv_lang
from clusterctl.i18n import Lang, Text


class Exit(IntEnum):
    """ruff's convention."""

    CLEAN = 0  # every file eligible, no failing findings
    FINDINGS = 1  # any file ineligible, incomplete, unreadable, or with failing findings
    USAGE = 2  # bad option, unknown pack, missing path, crash


def bilingual(zh: str, en: str) -> str:
    """A help text: Chinese first, then English."""
    return f"{zh} / {en}"


def choice_check(option: str, choices: tuple[str, ...]) -> Callable[[str | None], str | None]:
    """A typer callback refusing a value outside ``choices``, in the user's language (typer's own
    choice check would answer in English, and build a pydantic adapter at start-up)."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in choices:
            listed = ", ".join(choices)
            fail_usage(
                Text(f"{option} 的值 {value!r} 无效；可选：{listed}",
                     f"invalid value {value!r} for {option}; choose one of: {listed}"),
                argv_lang(),
            )  # fmt: skip
        return value

    return check


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        callback=choice_check("--lang", ("zh", "en")),
        help=bilingual("报告与消息的语言：zh（默认）或 en", "language: zh (default) or en"),
    ),
]


def resolve_lang(value: str | None, default: str = "zh") -> Lang:
    lang = value or default
    if lang not in ("zh", "en"):
        fail_usage(
            Text(f"未知语言 {lang!r}：可选 zh 或 en", f"unknown language {lang!r}: use zh or en")
        )
    return lang  # type: ignore[return-value]


def err(message: str) -> None:
    """Print one line to stderr (no colour dependency, cheap)."""
    sys.stderr.write(message.rstrip("\n") + "\n")


def fail_usage(message: Text | str, lang: Lang = "zh") -> NoReturn:
    text = message.get(lang) if isinstance(message, Text) else message
    prefix = "error" if lang == "en" else "错误"
    err(f"clusterctl: {prefix}: {text}")
    raise typer.Exit(Exit.USAGE)


def monitoring_pack_text(selector: str | None) -> Text | None:
    """What to say when ``selector`` names a monitoring pack (a province's targets, read from
    annual reports by ``clusterctl targets``) where a recognition standard is wanted; None when
    it names none."""
    from clusterctl.targets.loader import TargetPackError, find_target_pack

    try:
        pack = find_target_pack(selector)
    except (TargetPackError, OSError):
        return None
    if pack is None:
        return None
    return Text(
        f"{pack.id} 是监测目标（{pack.jurisdiction.zh}，汇总各集群的年度报告），不是认定标准：请用 "
        f"clusterctl targets 年度报告文件夹 --criteria {selector}（年度报告模板："
        f"clusterctl template --kind annual-report --criteria {selector}）",
        f"{pack.id} is a monitoring pack ({pack.jurisdiction.en}, for the clusters' annual "
        f"reports), not a recognition standard: use clusterctl targets REPORTS... --criteria "
        f"{selector} (the annual-report template: clusterctl template --kind annual-report "
        f"--criteria {selector})",
    )


def pack_error_text(exc: Exception, lang: Lang) -> str:
    """An unusable pack file (``PackError``) or unknown selector, in ``lang``; a selector naming
    a monitoring pack says so and points to ``clusterctl targets``."""
    monitoring = monitoring_pack_text(getattr(exc, "selector", None) or getattr(exc, "path", None))
    if monitoring is not None:
        return monitoring.get(lang)
    problems_in = getattr(exc, "problems_in", None)
    if callable(problems_in):
        problems = problems_in(lang)
        listed = "; ".join(f"{key or '<file>'}: {text}" for key, text in problems[:5])
        path = getattr(exc, "path", "")
        return Text(
            f"标准文件 {path} 无效（{len(problems)} 个问题）：{listed}",
            f"invalid criteria pack {path} ({len(problems)} problem(s)): {listed}",
        ).get(lang)
    message = getattr(exc, "message", None)
    if callable(message):
        return str(message(lang))
    return str(exc)
