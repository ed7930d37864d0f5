"""``clusterctl check FILE...``: check and score application workbooks, report per workbook.

Exit codes: 0 every file eligible without failing findings; 1 any file ineligible, incomplete,
unreadable or with a finding at or above the fail level; 2 usage error (unknown option, pack,
format, missing path, bad configuration) or an internal error (``F199``). ``--exit-zero`` turns
1 into 0 but never hides 2.
"""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clusterctl.cli.common import Exit, err, fail_usage, pack_error_text, resolve_lang
from clusterctl.cli.options import (
    CheckOutputFileOption,
    ConfigOption,
    CriteriaOption,
    ExitZeroOption,
    FailOnOption,
    IsolatedOption,
    JobsOption,
    LangOption,
    QuietOption,
    bilingual,
    output_format,
)
from clusterctl.cli.output import Utf8Stdout
from clusterctl.i18n import Lang, Text

if TYPE_CHECKING:
    from clusterctl.config.settings import Settings
    from clusterctl.report import FileReport
    from clusterctl.reports.formats import RenderContext

CRASH_CODES = frozenset({"F199"})  # a bug in clusterctl: exit 2 even with --exit-zero


FORMATS = ("human", "concise", "json", "json-lines", "sarif", "junit", "github")


def _limit(zh: str, en: str):
    return bilingual(f"{zh}（覆盖配置）", f"{en} (overrides the configuration)")


def check(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help=bilingual(
                "申报表（.xlsx）、文件夹或通配符", "workbooks (.xlsx), folders or globs"
            ),
        ),
    ],
    criteria: CriteriaOption = None,
    lang: LangOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=bilingual(
                "警告也导致失败（= --fail-on warning）", "warnings fail too (= --fail-on warning)"
            ),
        ),
    ] = False,
    fail_on: FailOnOption = None,
    exit_zero: ExitZeroOption = False,
    output_format: output_format(FORMATS) = None,
    output_file: CheckOutputFileOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics",
            help=bilingual("改为输出每个问题编码的计数", "print counts per finding code instead"),
        ),
    ] = False,
    quiet: QuietOption = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help=bilingual("同时列出提示级问题", "also list info findings")
        ),
    ] = False,
    jobs: JobsOption = None,
    limit_file_mb: Annotated[
        float | None,
        typer.Option(
            metavar="MB", min=0.001, help=_limit("单个文件的大小上限（MB）", "max file size (MB)")
        ),
    ] = None,
    limit_uncompressed_mb: Annotated[
        float | None,
        typer.Option(
            metavar="MB", min=0.001, help=_limit("解压后大小上限（MB）", "max unpacked size (MB)")
        ),
    ] = None,
    limit_ratio: Annotated[
        float | None,
        typer.Option(metavar="RATIO", min=1, help=_limit("压缩比上限", "max zip ratio")),
    ] = None,
    limit_cells: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help=_limit("每张表的单元格上限", "max cells per sheet")),
    ] = None,
    limit_timeout: Annotated[
        float | None,
        typer.Option(
            metavar="SECONDS", min=0.1, help=_limit("每个文件的时间上限（秒）", "seconds per file")
        ),
    ] = None,
    limit_memory_mb: Annotated[
        int | None,
        typer.Option(
            metavar="MB", min=64, help=_limit("工作进程内存上限（MB）", "worker memory cap (MB)")
        ),
    ] = None,
) -> None:
    """检查申报表并评分 / Check and score application workbooks."""
    ui_lang = resolve_lang(lang)
    limits = {
        field: value
        for field, value in (
            ("max_file_mb", limit_file_mb),
            ("max_uncompressed_mb", limit_uncompressed_mb),
            ("max_ratio", limit_ratio),
            ("max_cells", limit_cells),
            ("timeout_s", limit_timeout),
            ("max_memory_mb", limit_memory_mb),
        )
        if value is not None
    }
    settings = _settings(config, isolated, criteria, lang, strict, fail_on, ui_lang, limits)
    ui_lang = settings.lang  # type: ignore[assignment]
    formatter = _formatter(output_format or "human", ui_lang)
    paths = _paths(files, output_file, ui_lang)
    ctx = _context(settings, verbose, quiet)
    pack_selector = _resolve_pack(settings.criteria, ctx, ui_lang)

    from clusterctl.pipeline import Options

    options = Options(criteria=pack_selector, limits=settings.limits, settings=settings)
    reports: list[FileReport] = []
    stream = _stream(paths, options, settings, jobs, reports, ctx, formatter)

    stdout_format = formatter
    if output_file is not None:
        from clusterctl.reports.formats import get_formatter

        stdout_format = get_formatter("human")
    if statistics or (quiet and stdout_format.machine):
        for _ in stream:  # run everything, print nothing per file
            pass
    else:
        stdout_ctx = _stdout_context(ctx, stdout_format.machine)
        out = Utf8Stdout() if stdout_format.machine else sys.stdout
        stdout_format.write(stream, stdout_ctx, out)
        out.flush()

    if output_file is not None:
        file_ctx = _plain(ctx)
        _write_atomically(output_file, formatter.render(reports, file_ctx), ui_lang)
    if statistics:
        from clusterctl.reports.formats.statistics import render_statistics

        sys.stdout.write(render_statistics(reports, ctx))
    raise typer.Exit(exit_code(reports, settings, exit_zero))


def exit_code(reports: "list[FileReport]", settings: "Settings", exit_zero: bool = False) -> int:
    """The exit status of a run over these (already configured) reports."""
    if any(f.code in CRASH_CODES for r in reports for f in r.findings):
        return Exit.USAGE
    if exit_zero:
        return Exit.CLEAN
    return Exit.FINDINGS if any(settings.fails(r) for r in reports) else Exit.CLEAN


def _settings(
    config: str | None,
    isolated: bool,
    criteria: str | None,
    lang: str | None,
    strict: bool,
    fail_on: str | None,
    ui_lang: Lang,
    limits: dict[str, float | int],
) -> "Settings":
    from dataclasses import replace

    from clusterctl.config.discovery import load_settings
    from clusterctl.config.loading import ConfigError

    if strict and fail_on == "error":
        fail_usage(
            Text("--strict 与 --fail-on error 互相矛盾", "--strict contradicts --fail-on error"),
            ui_lang,
        )
    if config is not None and isolated:
        fail_usage(
            Text(
                "--config 与 --isolated 不能同时使用", "--config and --isolated exclude each other"
            ),
            ui_lang,
        )
    try:
        settings = load_settings(
            config,
            isolated,
            criteria=criteria,
            lang=lang,
            fail_on="warning" if strict else fail_on,
        )
    except ConfigError as exc:
        fail_usage(exc.message(ui_lang), ui_lang)
    if limits:
        settings = settings.override("cli", limits=replace(settings.limits, **limits))
    return settings


def _formatter(name: str, lang: Lang):
    from clusterctl.reports.formats import FORMAT_NAMES, get_formatter

    try:
        return get_formatter(name)
    except LookupError:
        choices = ", ".join(FORMAT_NAMES)
        fail_usage(
            Text(f"未知的输出格式 {name!r}；可选：{choices}",
                 f"unknown output format {name!r}; choose one of: {choices}"),
            lang,
        )  # fmt: skip


def _paths(files: list[str], output_file: Path | None, lang: Lang) -> list[str]:
    from clusterctl.batch.discover import discover, identity

    found = discover(files)
    if found.missing:
        fail_usage(
            Text(f"路径不存在：{', '.join(found.missing)}",
                 f"no such file or directory: {', '.join(found.missing)}"),
            lang,
        )  # fmt: skip
    for skipped in found.skipped:
        note = "跳过" if lang == "zh" else "skipped"
        err(f"clusterctl: {note} {skipped.path}: {skipped.message(lang)}")
    if not found.files:
        fail_usage(Text("没有要检查的工作簿", "no workbooks to check"), lang)
    if output_file is not None:
        target = identity(str(output_file))
        if any(identity(p) == target for p in found.files):
            fail_usage(
                Text(f"输出文件 {output_file} 是输入文件之一，不会覆盖",
                     f"the output file {output_file} is one of the inputs; refusing to overwrite"),
                lang,
            )  # fmt: skip
    return found.files


def _context(settings: "Settings", verbose: bool, quiet: bool) -> "RenderContext":
    from clusterctl.reports.formats import RenderContext

    return RenderContext(
        lang=settings.lang,  # type: ignore[arg-type]
        verbose=verbose,
        quiet=quiet,
        fail_on=settings.fail_on,
    )


def _resolve_pack(selector: str | None, ctx: "RenderContext", lang: Lang) -> str | None:
    """Resolve ``--criteria`` up front so an unknown pack is a usage error listing the choices."""
    if selector is None:
        return None
    from clusterctl.criteria.loader import resolve_pack

    try:
        pack = resolve_pack(selector)
    except (LookupError, ValueError) as exc:  # unknown selector, invalid pack file
        fail_usage(pack_error_text(exc, lang), lang)
    ctx.packs[pack.id] = pack
    # A pack given as a file is passed on as that path (workers load it again); else its id.
    return selector if selector.lower().endswith(".toml") else pack.id


def _stream(
    paths: list[str],
    options,
    settings: "Settings",
    jobs: int | None,
    into: "list[FileReport]",
    ctx: "RenderContext",
    formatter,
) -> "Iterator[FileReport]":
    from clusterctl.batch import isolation

    if len(paths) > 1:
        reports = isolation.run_files(paths, options, jobs=jobs, ordered=True)
    else:  # one worker of its own: it sends the pack back, the parent imports its renderer
        from clusterctl.batch.worker import with_pack

        reports = isolation.run_files(
            paths, options, ordered=True, transform=with_pack, meanwhile=_warm(formatter)
        )
    for report in reports:
        if isinstance(report, tuple):
            report, pack = report
            if pack is not None:  # a user's pack of the same id, put there already, wins
                ctx.packs.setdefault(pack.id, pack)
        settings.apply(report)
        into.append(report)
        yield report


def _warm(formatter) -> "Callable[[], None]":
    """What the parent imports while ``check``'s worker checks the file: the renderer (rich for
    the terminal report; for the others their own modules are imported already)."""

    def warm() -> None:
        if formatter.name == "human":
            import rich.console
            import rich.table
            import rich.text  # noqa: F401

    return warm


def _stdout_context(ctx: "RenderContext", machine: bool) -> "RenderContext":
    from dataclasses import replace

    if machine:
        return replace(ctx, color=False)
    tty = sys.stdout.isatty()
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    width = 80
    if tty:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
    return replace(ctx, color=tty and not no_color, width=width)


def _plain(ctx: "RenderContext") -> "RenderContext":
    from dataclasses import replace

    return replace(ctx, color=False, width=ctx.width or 80)


def _write_atomically(path: Path, text: str, lang: Lang) -> None:
    from clusterctl.cli.output import write_file

    write_file(path, text, lang)


def register(app: typer.Typer) -> None:
    from clusterctl.cli.signals import exits_on_termination

    app.command("check")(exits_on_termination(check))
