"""Conventions shared by every command: exit codes, --lang, error output on stderr."""

from __future__ import annotations

import sys
from enum import IntEnum
from typing import Annotated, NoReturn

import typer

from clusterctl.i18n import Lang, Text


class Exit(IntEnum):
    """ruff's convention."""

    CLEAN = 0  # every file eligible, no failing findings
    FINDINGS = 1  # any file ineligible, incomplete, unreadable, or with failing findings
    USAGE = 2  # bad option, unknown pack, missing path, crash


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report: zh (default) or en.",
        metavar="zh|en",
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
