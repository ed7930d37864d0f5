"""``clusterctl targets``: sum a batch of annual reports against a monitoring pack (the Shandong
"3830" targets) and show the province's progress: bars in the terminal, an Excel workbook with
``-o``, the JSON document with ``--output-format json``.

Files are read in the isolated worker pool (a hostile file costs one finding). Targets are
progress, not a verdict: the exit code is 1 only for unreadable files or findings at the fail
level (``--fail-on``), never because a target is not yet reached. See docs/criteria-packs.md,
"Monitoring packs".
"""

# No ``from __future__ import annotations``: typer reads these annotations at start-up.

import io
import os
import sys
from typing import Annotated, Any

import typer

from clusterctl.cli.common import Exit, bilingual, err, fail_usage, resolve_lang
from clusterctl.cli.options import (
    CriteriaOption,
    ExitZeroOption,
    FailOnOption,
    JobsOption,
    LangOption,
    OutputFileOption,
    QuietOption,
    RecursiveOption,
    output_format,
)
from clusterctl.i18n import Lang, t

FORMATS = ("human", "json")
DEFAULT_PACK = "shandong-3830"
M = {
    "missing": t("找不到：{path}", "no such file, folder or match: {path}"),
    "none": t("没有找到要汇总的年度报告", "no annual reports to sum"),
    "skip": t("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "not_monitoring": t(
        "{pack} 不是监测目标（可选：{choices}）；认定标准请用 check 或 screen",
        "{pack} is not a monitoring pack (choices: {choices}); use check or screen for "
        "recognition standards",
    ),
    "out_ext": t("输出文件须以 .xlsx 结尾：{path}", "the output must end in .xlsx: {path}"),
    "out_dir": t("输出文件夹不存在：{path}", "the output folder does not exist: {path}"),
    "out_is_input": t(
        "输出文件 {path} 是输入的年度报告之一：输入文件不会被覆盖",
        "the output {path} is one of the inputs: inputs are never overwritten",
    ),
    "out_failed": t("无法写入 {path}：{error}", "cannot write {path}: {error}"),
    "written": t("已写入 {path}", "wrote {path}"),
    "progress": t("汇总", "Summing"),
}


def register(app: typer.Typer) -> None:
    from clusterctl.cli.signals import exits_on_termination

    app.command("targets")(exits_on_termination(targets))


def targets(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=bilingual("年度报告、文件夹或通配符", "annual reports, folders or globs"),
            metavar="PATH",
            show_default=False,
        ),
    ],
    criteria: CriteriaOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help=bilingual("Excel 进度表写到这里（.xlsx）", "write the Excel progress here"),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=2000,
            max=2100,
            help=bilingual(
                "汇总的报告年度（默认：报告中最新的年度）",
                "reporting year to sum (default: the latest among the reports)",
            ),
        ),
    ] = None,
    recursive: RecursiveOption = False,
    jobs: JobsOption = None,
    output_format: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
    exit_zero: ExitZeroOption = False,
    fail_on: FailOnOption = None,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    """汇总年度报告，对照监测目标显示全省进度 / Sum annual reports against monitoring targets.

    退出码 / exit: 0 无错误 / no errors; 1 有无法读取的文件或失败级问题 / unreadable files or
    failing findings (未达到的目标不算 / targets not reached do not count); 2 用法错误 / usage.
    """
    ui: Lang = resolve_lang(lang)
    pack = _pack(criteria or DEFAULT_PACK, ui)
    from clusterctl.batch.discover import discover, identity
    from clusterctl.cli.output import refuse_an_input

    found = discover(paths, recursive=recursive)
    for missing in found.missing:
        fail_usage(M["missing"].format(ui, path=missing), ui)
    refuse_an_input(output_file, [*found.files, *paths], ui)
    if output is not None:
        _check_output(output, {identity(f) for f in found.files}, ui)
    for skipped in found.skipped[:20]:
        err(M["skip"].format(ui, path=skipped.path, reason=skipped.message(ui)))
    if not found.files:
        fail_usage(M["none"], ui)

    from clusterctl.pipeline import Options
    from clusterctl.targets.run import run_reports, summarise

    with _progress(len(found.files), ui) as advance:
        reports = run_reports(found.files, pack, Options(), jobs, advance)
    province = summarise(pack, reports, year)
    if output is not None:
        _write(province, reports, output, ui)
    machine = (output_format or "human") == "json"
    if output_file is not None or (machine and not quiet):
        text = io.StringIO()
        _render(province, reports, machine, text, ui)
        if output_file is not None:
            from clusterctl.cli.output import write_file

            write_file(output_file, text.getvalue(), ui)
        else:
            from clusterctl.cli.output import Utf8Stdout

            out = Utf8Stdout()
            out.write(text.getvalue())
            out.flush()
    if not quiet and not machine:
        _render(province, reports, False, sys.stdout, ui)
        if output is not None:
            typer.echo(M["written"].format(ui, path=output))
    raise typer.Exit(Exit.CLEAN if exit_zero else _exit_code(reports, fail_on))


def _pack(selector: str, lang: Lang) -> Any:
    from clusterctl.targets.loader import TargetPackError, choices, find_target_pack

    try:
        pack = find_target_pack(selector)
    except TargetPackError as exc:
        fail_usage(exc.message(lang), lang)
    if pack is None:
        fail_usage(M["not_monitoring"].format(lang, pack=selector, choices=", ".join(choices())))
    return pack


def _check_output(output: str, inputs: set[str], lang: Lang) -> None:
    from clusterctl.batch.discover import identity

    if not output.lower().endswith(".xlsx"):
        fail_usage(M["out_ext"].format(lang, path=output), lang)
    if identity(output) in inputs:
        fail_usage(M["out_is_input"].format(lang, path=output), lang)
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        fail_usage(M["out_dir"].format(lang, path=folder), lang)


def _render(province: Any, reports: list[Any], machine: bool, out: Any, lang: Lang) -> None:
    if machine:
        from clusterctl.reports.formats.base import json_text
        from clusterctl.reports.targets_data import progress_document

        out.write(json_text(progress_document(province, reports, lang)) + "\n")
        return
    from rich.console import Console

    from clusterctl.reports.targets_overview import render_targets

    render_targets(province, reports, Console(file=out, highlight=False), lang)


def _write(province: Any, reports: list[Any], output: str, lang: Lang) -> None:
    from clusterctl.atomic import atomic_path
    from clusterctl.reports.targets_xlsx import write_progress

    try:
        with atomic_path(output, suffix=".xlsx") as tmp:
            write_progress(province, reports, tmp, lang)
    except OSError as exc:
        fail_usage(M["out_failed"].format(lang, path=output, error=exc.strerror or exc), lang)


def _exit_code(reports: list[Any], fail_on: str | None) -> int:
    from clusterctl.diagnostics import Severity

    failing = {Severity.ERROR} if fail_on != "warning" else {Severity.ERROR, Severity.WARNING}
    bad = any(r.result is None or any(f.level in failing for f in r.findings) for r in reports)
    return Exit.FINDINGS if bad else Exit.CLEAN


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(total: int, lang: Lang) -> Any:
    """A transient progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return _NoProgress()
    import contextlib

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    @contextlib.contextmanager
    def bar() -> Any:
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task(M["progress"].get(lang), total=total)
            yield lambda _report: progress.advance(task)

    return bar()
