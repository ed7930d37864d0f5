"""``clusterctl monitor``: a bureau's yearly monitoring of its recognised clusters.

The annual reports and re-reviews run through the same pipeline in the same worker pool as
``screen``; they are matched to the registry by the operating body's credit code and each
registered cluster gets its status (docs/monitoring.md). Heavy imports inside the command.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from typing import Annotated, Any

import typer

from clusterctl.cli.common import Exit, bilingual, err, fail_usage, resolve_lang
from clusterctl.cli.options import (
    ConfigOption,
    ExitZeroOption,
    FailOnOption,
    IsolatedOption,
    JobsOption,
    LangOption,
    OutputFileOption,
    QuietOption,
    RecursiveOption,
    output_format,
)
from clusterctl.cli.output import Utf8Stdout, refuse_an_input, write_file
from clusterctl.i18n import Lang, t

M = {
    "missing": t("找不到：{path}", "no such file, folder or match: {path}"),
    "registry_missing": t("找不到认定名录：{path}", "no such register: {path}"),
    "registry_bad": t("认定名录无法使用：{reason}", "the register cannot be used: {reason}"),
    "as_of": t(
        "--as-of 应为 YYYY-MM-DD 格式的日期：{value}",
        "--as-of must be a date as YYYY-MM-DD: {value}",
    ),
    "out_ext": t("输出文件须以 .xlsx 结尾：{path}", "the output must end in .xlsx: {path}"),
    "out_dir": t("输出文件夹不存在：{path}", "the output folder does not exist: {path}"),
    "out_is_input": t(
        "输出文件 {path} 是输入文件之一：输入不会被覆盖，请换一个输出路径",
        "the output {path} is one of the inputs: inputs are never overwritten",
    ),
    "out_failed": t("无法写入 {path}：{error}", "cannot write {path}: {error}"),
    "config": t("配置文件错误：{error}", "configuration error: {error}"),
    "skip": t("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "progress": t("监测", "Monitoring"),
}
INTERRUPTED = t(
    "已中断：未写入监测结果，原有文件未改动",
    "interrupted: no monitoring workbook written, the existing file is unchanged",
)
FORMATS = ("human", "json")


def register(app: typer.Typer) -> None:
    from clusterctl.cli.signals import exits_on_termination

    app.command("monitor")(exits_on_termination(monitor, INTERRUPTED))


def monitor(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=bilingual(
                "年度报告与复核申报表：文件、文件夹或通配符",
                "annual reports and re-reviews: files, folders or globs",
            ),
            metavar="PATH",
            show_default=False,
        ),
    ],
    registry: Annotated[
        str,
        typer.Option(
            "--registry",
            metavar="REGISTRY.xlsx",
            help=bilingual(
                "认定名录（clusterctl template --kind registry，或表头相同的 Excel 名单）",
                "the register of recognised clusters (template --kind registry, or an Excel "
                "list with its headers)",
            ),
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help=bilingual("监测截至日期（默认今天）", "judge as of this date (default: today)"),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help=bilingual("Excel 监测结果写到这里", "write the monitoring workbook here"),
        ),
    ] = None,
    recursive: RecursiveOption = False,
    jobs: JobsOption = None,
    output_format: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
    exit_zero: ExitZeroOption = False,
    fail_on: FailOnOption = None,
    quiet: QuietOption = False,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
) -> None:
    """监测已认定集群的年报、复核与撤销情形 / Monitor recognised clusters.

    退出码 / exit: 0 全部正常 / every cluster normal; 1 有需关注、建议撤销或错误 / any cluster
    needing attention or advised for revocation, or an error; 2 用法错误 / usage error.
    """
    early: Lang = resolve_lang(lang)
    settings = _settings(config, isolated, lang, fail_on, early)
    lang_: Lang = resolve_lang(settings.lang)
    output_format = output_format or "human"
    day = _as_of(as_of, lang_)
    from clusterctl.batch.discover import discover, identity, names_nothing

    for missing in filter(names_nothing, paths):
        fail_usage(M["missing"].format(lang_, path=missing), lang_)
    if not os.path.isfile(registry):
        fail_usage(M["registry_missing"].format(lang_, path=registry), lang_)
    from clusterctl.monitoring.run import read_registry_isolated
    from clusterctl.pipeline import Options

    options = Options(limits=settings.limits, settings=settings)
    book = read_registry_isolated(registry, settings.limits)
    if book.unreadable is not None:
        fail_usage(M["registry_bad"].format(lang_, reason=book.unreadable.get(lang_)), lang_)
    from clusterctl.monitoring.run import monitor_workers, run_monitor

    with monitor_workers(options, settings, jobs) as workers:
        found = discover(paths, recursive=recursive)
        for missing in found.missing:
            fail_usage(M["missing"].format(lang_, path=missing), lang_)
        found.remove(registry)  # the register beside the reports is no filing
        refuse_an_input(output_file, [*found.files, registry], lang_)
        if output is not None:
            _check_output(output, found, registry, lang_)
            if any(identity(f) == identity(output) for f in found.files):
                found.remove(output)  # an earlier run's workbook (checked above)
        from clusterctl.reports.formats.base import clean

        for skipped in found.skipped[:20]:
            err(M["skip"].format(lang_, path=clean(skipped.path), reason=skipped.message(lang_)))
        result = run_monitor(found.files, book, day, options, settings=settings, pool=workers)
    result.options = {
        "as_of": day.isoformat(),
        "registry": registry,
        "recursive": recursive,
        "jobs": jobs or os.cpu_count(),
        "lang": lang_,
        "format": output_format,
    }
    if output is not None:
        _write(result, output, lang_)
    if output_file is not None:
        text = io.StringIO()
        _report(result, output_format, output, text, lang_)
        write_file(output_file, text.getvalue(), lang_)
    elif not quiet:
        machine = output_format == "json"
        out = Utf8Stdout() if machine else sys.stdout
        _report(result, output_format, output, out, lang_)
        out.flush()
    raise typer.Exit(Exit.CLEAN if exit_zero else _exit_code(result, settings.fail_on))


def _exit_code(result: Any, fail_on: str | None) -> int:
    """1 when a cluster is not normal or a finding of the run is at the fail level or above."""
    from clusterctl.diagnostics import Severity
    from clusterctl.monitoring.model import ClusterStatus

    failing = {Severity.ERROR} | ({Severity.WARNING} if fail_on == "warning" else set())
    flagged = any(a.status is not ClusterStatus.NORMAL for a in result.assessments)
    errors = any(f.level in failing for f in result.findings)
    return Exit.FINDINGS if flagged or errors else Exit.CLEAN


def _settings(
    config: str | None, isolated: bool, lang: str | None, fail_on: str | None, early: Lang
) -> Any:
    from clusterctl.config.discovery import load_settings
    from clusterctl.config.loading import ConfigError

    try:
        return load_settings(config=config, isolated=isolated, lang=lang, fail_on=fail_on)
    except ConfigError as exc:
        fail_usage(M["config"].format(early, error=exc.message(early)), early)


def _as_of(value: str | None, lang: Lang) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail_usage(M["as_of"].format(lang, value=value), lang)


def _check_output(output: str, found: Any, registry: str, lang: Lang) -> None:
    from clusterctl.batch.discover import identity
    from clusterctl.monitoring.xlsx import is_our_workbook

    key = identity(output)
    if key == identity(registry) or key in found.explicit:
        fail_usage(M["out_is_input"].format(lang, path=output), lang)
    if any(identity(f) == key for f in found.files) and not is_our_workbook(output):
        fail_usage(M["out_is_input"].format(lang, path=output), lang)
    if not output.lower().endswith(".xlsx"):
        fail_usage(M["out_ext"].format(lang, path=output), lang)
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder) or os.path.isdir(output):
        fail_usage(M["out_dir"].format(lang, path=folder), lang)


def _report(result: Any, output_format: str, output: str | None, out: Any, lang: Lang) -> None:
    if output_format == "json":
        from clusterctl.monitoring.json_out import write_json

        write_json(result, out, lang)
        return
    from rich.console import Console

    from clusterctl.monitoring.overview import render_overview

    render_overview(result, Console(file=out, highlight=False), lang, output)


def _write(result: Any, output: str, lang: Lang) -> None:
    from clusterctl.atomic import atomic_path
    from clusterctl.monitoring.xlsx import write_workbook

    try:
        with atomic_path(output, suffix=".xlsx") as tmp:
            write_workbook(result, tmp, lang)
    except OSError as exc:
        fail_usage(M["out_failed"].format(lang, path=output, error=exc.strerror or exc), lang)
