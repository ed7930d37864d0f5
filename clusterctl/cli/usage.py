"""Usage errors of the CLI library in the user's language, exit 2, never a traceback.

typer (and the click it vendors) raises a :class:`UsageError` for a missing option or argument, an
unknown option or command, an option without its value, a number out of range; its messages are
English. :class:`ClusterGroup` (the root command's class) catches them and prints them with
:func:`usage_message`, in Chinese unless ``--lang en`` is on the command line. The language is
read from ``argv`` directly, because the error may come before ``--lang`` is parsed.

The texts are rebuilt from the exception's type and attributes (option name, parameter,
suggestions); the few messages only available as English text (pydantic's number messages, the
parser's "requires an argument") are matched against known templates, and any other message is
shown as it is after a Chinese prefix. tests/cli/test_usage_errors.py pins every case.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from typer._click.core import Context
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperGroup
from typer.exceptions import Abort

from clusterctl.i18n import Lang, Text

__all__ = ["ClusterGroup", "UsageError", "argv_lang", "usage_message"]

_ARGV: list[str] | None = None  # the command line being run (CliRunner does not set sys.argv)


def argv_lang(argv: Sequence[str] | None = None) -> Lang:
    """``en`` when the command line asks for English (``--lang en`` or ``--lang=en``)."""
    if argv is None:
        argv = sys.argv[1:] if _ARGV is None else _ARGV
    args = argv
    lang: Lang = "zh"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = "en" if args[i + 1] == "en" else "zh"
        elif arg.startswith("--lang="):
            lang = "en" if arg.partition("=")[2] == "en" else "zh"
    return lang


class ClusterGroup(TyperGroup):
    """The root group: usage errors rendered by :func:`show_usage_error`, bilingual ``--help``
    options."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        _prepare_help(self)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        global _ARGV
        _ARGV = argv
        from clusterctl.cli.encoding import prepare_streams

        prepare_streams()
        try:
            code = super().main(
                args=argv,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except NoArgsIsHelpError as exc:
            exc.show()
            code = exc.exit_code
        except UsageError as exc:
            show_usage_error(exc, argv_lang(argv))
            code = exc.exit_code
        except Abort:  # a prompt answered with Ctrl-D or "no"
            sys.stderr.write(Text("已中止", "Aborted!").get(argv_lang(argv)) + "\n")
            code = 1
        except BrokenPipeError:
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


HELP_OPTION_TEXT = "显示帮助并退出 / show this message and exit"


def _prepare_help(command: Any) -> None:
    """Every command's help page wraps Chinese text (:mod:`clusterctl.cli.help_format`), and its
    ``-h/--help`` option has a bilingual help text (typer's is English)."""
    command.context_class = HelpContext
    option = command.get_help_option(_HelpNames())
    if option is not None:
        option.help = HELP_OPTION_TEXT
    for sub in getattr(command, "commands", {}).values():
        _prepare_help(sub)


class HelpContext(Context):
    """A context whose help pages wrap Chinese text (the formatter is imported for help only)."""

    def make_formatter(self) -> Any:
        from clusterctl.cli.help_format import WideHelpFormatter

        return WideHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class _HelpNames:
    """What ``get_help_option`` reads of a context: the help option names."""

    help_option_names = ("-h", "--help")


def show_usage_error(exc: UsageError, lang: Lang) -> None:
    lines = []
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage()
        if lang == "zh":
            usage = re.sub(r"^Usage: ?", "用法：", usage)
        lines.append(usage)
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(
                Text(f"运行 '{command}' 查看帮助。", f"Try '{command}' for help.").get(lang)
            )
    prefix = "error" if lang == "en" else "错误"
    lines.append(f"clusterctl: {prefix}: {usage_message(exc, lang)}")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


def usage_message(exc: UsageError, lang: Lang) -> str:
    """The message of a usage error in ``lang``."""
    if lang == "en":
        return exc.format_message()
    if isinstance(exc, NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"（是否想用：{', '.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        noun = {"option": "选项", "argument": "参数"}.get(kind, "参数")
        return f"缺少{noun} {_hint(exc)}".rstrip()
    if isinstance(exc, BadParameter):
        return f"{_hint(exc)} 的值无效：{_translate(exc.message)}"
    if isinstance(exc, BadOptionUsage):
        return _translate(exc.message)
    return _translate(exc.message)


def _hint(exc: BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    return exc.param.get_error_hint() if exc.param is not None else ""


# English message templates of typer, its click and pydantic -> Chinese.
_TEMPLATES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Option (?P<o>'[^']*') requires an argument\.?"), "选项 {o} 需要一个值"),
    (
        re.compile(r"Option (?P<o>'[^']*') requires (?P<n>\d+) arguments\.?"),
        "选项 {o} 需要 {n} 个值",
    ),
    (re.compile(r"Option (?P<o>'[^']*') does not take a value\.?"), "选项 {o} 不带值"),
    (
        re.compile(r"No such command (?P<c>'[^']*')\. Did you mean (?P<s>.*)\?"),
        "没有命令 {c}；是否想用 {s}？",
    ),
    (re.compile(r"No such command (?P<c>'[^']*')\.?"), "没有命令 {c}"),
    (re.compile(r"Missing command\.?"), "缺少命令"),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<a>.*)\)"), "多余的参数：{a}"),
    (re.compile(r"Argument (?P<a>'[^']*') takes (?P<n>\d+) values\.?"), "参数 {a} 需要 {n} 个值"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "须不小于 {n}"),
    (re.compile(r"Input should be greater than (?P<n>\S+)"), "须大于 {n}"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "须不大于 {n}"),
    (re.compile(r"Input should be less than (?P<n>\S+)"), "须小于 {n}"),
    (re.compile(r"Input should be a valid integer.*"), "须为整数"),
    (re.compile(r"Input should be a valid number.*"), "须为数字"),
    (re.compile(r"Input should be a finite number.*"), "须为有限的数字"),
    (re.compile(r"Input should be (?P<c>'.*)"), "须为 {c}"),
]


def _translate(message: str) -> str:
    for pattern, zh in _TEMPLATES:
        match = pattern.fullmatch(message.strip())
        if match:
            return zh.format(**match.groupdict())
    return f"用法错误：{message}"
