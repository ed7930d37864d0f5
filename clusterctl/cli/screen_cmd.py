"""``clusterctl screen``: screen a batch of applications and write the Excel summary for reviewers.

See docs/screening.md. Heavy libraries (pandas, openpyxl, rich) are imported inside the command.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clusterctl.cli.common import Exit, bilingual, err, fail_usage, pack_error_text, resolve_lang
from clusterctl.cli.options import (
    ConfigOption,
    CriteriaOption,
    ExitZeroOption,
    FailOnOption,
    IsolatedOption,
    JobsOption,
    LangOption,
    OldScreenFormatOption,
    OutputFileOption,
    QuietOption,
    output_format,
    pick_format,
)
from clusterctl.cli.output import Utf8Stdout, refuse_an_input, write_file
from clusterctl.i18n import Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.discover import Discovery

M = {
    "missing": t("找不到：{path}", "no such file, folder or match: {path}"),
    "none": t("没有找到要筛查的工作簿", "no workbooks to screen"),
    "none_below": t(
        "没有找到要筛查的工作簿；{folders}子文件夹中有工作簿：加 -r/--recursive 一并筛查",
        "no workbooks to screen; workbooks found in {folders}: add -r/--recursive to screen them",
    ),
    "skip": t("跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "skip_more": t("……另跳过 {n} 个文件", "… and {n} more skipped"),
    "out_is_input": t(
        "输出文件 {path} 是输入的申报文件之一：申报文件不会被覆盖，请换一个输出路径",
        "the output {path} is one of the inputs: input workbooks are never overwritten; "
        "choose another output path",
    ),
    "out_ext": t("输出文件须以 .xlsx 结尾：{path}", "the output must end in .xlsx: {path}"),
    "out_dir": t("输出文件夹不存在：{path}", "the output folder does not exist: {path}"),
    "out_isdir": t("输出路径是一个文件夹：{path}", "the output path is a folder: {path}"),
    "out_perm": t("没有写入权限：{path}", "no permission to write: {path}"),
    "out_locked": t(
        "输出文件 {path} 正被打开（发现锁文件 {lock}）：请先在 Excel 中关闭它",
        "the output {path} is open (lock file {lock} found): close it in Excel first",
    ),
    "out_failed": t("无法写入汇总表 {path}：{error}", "cannot write the summary {path}: {error}"),
    "prev_summary": t(
        "跳过 {path}：这是上次生成的汇总表，将被替换",
        "skipped {path}: the summary of an earlier run, to be replaced",
    ),
    "config_isolated": t(
        "--config 与 --isolated 不能同时使用", "--config and --isolated exclude each other"
    ),
    "config": t("配置文件错误：{error}", "configuration error: {error}"),
    "progress": t("筛查", "Screening"),
}
INTERRUPTED = t(
    "已中断：未写入汇总表，原有文件未改动",
    "interrupted: no summary written, the existing file is unchanged",
)
MAX_NOTES = 20
FORMATS = ("human", "json")


def register(app: typer.Typer) -> None:
    from clusterctl.cli.signals import exits_on_termination

    app.command("screen")(exits_on_termination(screen, INTERRUPTED))


def screen(
    paths: Annotated[
        list[str],
        typer.Argument(
            help=bilingual(
                "要筛查的申报表、文件夹或通配符", "workbooks, folders or globs to screen"
            ),
            metavar="PATH",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help=bilingual("Excel 汇总表写到这里（.xlsx）", "write the Excel summary here (.xlsx)"),
        ),
    ] = None,
    criteria: CriteriaOption = None,
    jobs: JobsOption = None,
    recursive: Annotated[
        bool,
        typer.Option(
            "--recursive", "-r", help=bilingual("包括子文件夹", "descend into sub-folders")
        ),
    ] = False,
    quota: Annotated[
        int | None,
        typer.Option(
            "--quota",
            min=0,
            metavar="N",
            help=bilingual(
                "每省推荐名额（默认：标准版本的名额）",
                "applications per province (default: the pack's quota)",
            ),
        ),
    ] = None,
    output_format: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
    exit_zero: ExitZeroOption = False,
    fail_on: FailOnOption = None,
    quiet: QuietOption = False,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    old_format: OldScreenFormatOption = None,
    no_isolation: Annotated[
        bool,
        typer.Option(
            "--no-isolation",
            hidden=True,
            help="Run every file in this process (no crash, hang or memory protection; bench).",
        ),
    ] = False,
) -> None:
    """批量筛查申报表并生成 Excel 汇总表 / Screen applications; write an Excel summary.

    退出码 / exit: 0 全部达标 / all eligible; 1 有不达标、不完整或失败级问题 / any ineligible,
    incomplete or failing finding; 2 用法错误 / usage error.
    """
    early: Lang = resolve_lang(lang)
    if config is not None and isolated:
        fail_usage(M["config_isolated"], early)
    settings = _settings(config, isolated, criteria, lang, fail_on, early)
    lang_: Lang = resolve_lang(settings.lang)
    output_format = pick_format(output_format, old_format, "--format", FORMATS, lang_)
    if criteria is not None:
        _check_pack(criteria, lang_)

    from clusterctl.batch.discover import names_nothing

    for missing in filter(names_nothing, paths):  # before the workers start: a typo fails fast
        fail_usage(M["missing"].format(lang_, path=missing), lang_)
    options = _options(criteria, settings)
    record = _json_record(lang_) if output_format == "json" else None
    with _workers(options, settings, lang_, jobs, record, isolate=not no_isolation) as workers:
        from clusterctl.batch.discover import discover

        found = discover(paths, recursive=recursive)
        for missing in found.missing:
            fail_usage(M["missing"].format(lang_, path=missing), lang_)
        refuse_an_input(output_file, [*found.files, *paths], lang_)
        if output is not None:
            _check_output(output, found, lang_)
        _notes(found, lang_)
        if not found.files:
            fail_usage(_nothing_found(paths, recursive, lang_), lang_)
        exit_code = _run(
            found,
            output,
            settings,
            options,
            lang_,
            jobs,
            quota,
            output_format,
            recursive,
            isolate=not no_isolation,
            record=record,
            workers=workers,
            output_file=output_file,
            quiet=quiet,
        )
    raise typer.Exit(Exit.CLEAN if exit_zero else exit_code)


def _settings(
    config: str | None,
    isolated: bool,
    criteria: str | None,
    lang: str | None,
    fail_on: str | None,
    early: Lang,
):
    from clusterctl.config.discovery import load_settings
    from clusterctl.config.loading import ConfigError

    try:
        return load_settings(
            config=config, isolated=isolated, criteria=criteria, lang=lang, fail_on=fail_on
        )
    except ConfigError as exc:
        fail_usage(M["config"].format(early, error=exc.message(early)), early)


def _check_pack(selector: str, lang: Lang) -> None:
    """An unknown pack or a broken pack file is a usage error, before any worker starts."""
    from clusterctl.criteria.loader import resolve_pack

    try:
        resolve_pack(selector)
    except (LookupError, ValueError) as exc:  # PackNotFound, PackError
        fail_usage(pack_error_text(exc, lang), lang)


def _check_output(output: str, found: Discovery, lang: Lang) -> None:
    """Refuse an output that is an input; catch an unwritable or open output before the run."""
    from clusterctl.batch.discover import identity
    from clusterctl.reports.formats.base import clean
    from clusterctl.reports.summary_xlsx import is_our_summary

    key = identity(output)
    if key in found.explicit:
        fail_usage(M["out_is_input"].format(lang, path=output), lang)
    if any(identity(f) == key for f in found.files):
        if not is_our_summary(output):
            fail_usage(M["out_is_input"].format(lang, path=output), lang)
        found.remove(output)
        err(M["prev_summary"].format(lang, path=clean(output)))
    if not output.lower().endswith(".xlsx"):
        fail_usage(M["out_ext"].format(lang, path=output), lang)
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output):
        fail_usage(M["out_isdir"].format(lang, path=output), lang)
    if not os.path.isdir(folder):
        fail_usage(M["out_dir"].format(lang, path=folder), lang)
    if not os.access(folder, os.W_OK) or (
        os.path.exists(output) and not os.access(output, os.W_OK)
    ):
        fail_usage(M["out_perm"].format(lang, path=output), lang)
    lock = os.path.join(folder, "~$" + os.path.basename(output))
    if os.path.exists(lock):
        fail_usage(M["out_locked"].format(lang, path=output, lock=lock), lang)


def _nothing_found(paths: list[str], recursive: bool, lang: Lang) -> str:
    """Nothing to screen; without ``-r``, say how many sub-folders hold workbooks."""
    from clusterctl.batch.discover import folders_with_workbooks
    from clusterctl.i18n import Count

    below = 0 if recursive else folders_with_workbooks(paths)
    if not below:
        return M["none"].get(lang)
    folders = Count("{n} 个", "{n} sub-folder", "{n} sub-folders").format(lang, below)
    return M["none_below"].format(lang, folders=folders)


def _notes(found: Discovery, lang: Lang) -> None:
    from clusterctl.reports.formats.base import clean

    for skipped in found.skipped[:MAX_NOTES]:
        err(M["skip"].format(lang, path=clean(skipped.path), reason=clean(skipped.message(lang))))
    if len(found.skipped) > MAX_NOTES:
        err(M["skip_more"].format(lang, n=len(found.skipped) - MAX_NOTES))


def _run(
    found: Discovery,
    output: str | None,
    settings: Any,
    options: Any,
    lang: Lang,
    jobs: int | None,
    quota: int | None,
    output_format: str,
    recursive: bool,
    isolate: bool = True,
    record: Any = None,
    workers: Any = None,
    output_file: Any = None,
    quiet: bool = False,
) -> int:
    from clusterctl.screening import FindingSpool, run_batch

    with FindingSpool() as spool:
        with _progress(len(found.files), lang) as advance:  # stopped and cleared before output
            result = run_batch(
                found.files,
                options,
                settings,
                spool,
                lang=lang,
                jobs=jobs,
                quota=quota,
                on_report=advance,
                file_record=record,
                isolate=isolate,
                pool=workers,
            )
        result.skipped = list(found.skipped)
        result.options = {
            "criteria": options.criteria or f"({options.default_criteria})",
            "jobs": jobs or os.cpu_count(),
            "recursive": recursive,
            "quota": quota if quota is not None else "pack",
            "lang": lang,
            "fail_on": settings.fail_on,
            "format": output_format,
        }
        if output is not None:
            _write(result, output, lang)
        if output_file is not None:
            text = io.StringIO()
            _report(result, output_format, output, text)
            write_file(output_file, text.getvalue(), lang)
        elif not quiet:
            machine = output_format == "json"
            out = Utf8Stdout() if machine else sys.stdout
            _report(result, output_format, output, out)
            out.flush()
        return Exit.FINDINGS if result.fails else Exit.CLEAN


def _report(result: Any, output_format: str, output: str | None, out: Any) -> None:
    """The batch on ``out``: the JSON document, or the overview for people."""
    if output_format == "json":
        from clusterctl.reports.formats import batch_formatter

        batch_formatter(output_format).write_batch(result, out)
        return
    from rich.console import Console

    from clusterctl.reports.overview import render_overview

    render_overview(result, Console(file=out, highlight=False), output)


def _workers(
    options: Any, settings: Any, lang: Lang, jobs: int | None, record: Any, isolate: bool
) -> contextlib.AbstractContextManager[Any]:
    """The batch's workers, forked now, before the files are gathered (so they do not carry
    the list); nothing when isolation is off."""
    if not isolate:
        return contextlib.nullcontext()
    from clusterctl.screening import screen_workers

    return screen_workers(options, settings, lang, jobs, record)


def _options(criteria: str | None, settings: Any) -> Any:
    """``--criteria`` applies to every file; a configured pack is the default for workbooks
    that do not declare their edition."""
    from clusterctl.pipeline import Options

    default = {"default_criteria": settings.criteria} if settings.criteria else {}
    return Options(
        criteria=criteria,
        limits=settings.limits,
        settings=settings,
        applications_only=True,  # an annual report or a re-review: L509, not scored
        **default,
    )


def _json_record(lang: Lang):
    try:
        from clusterctl.reports.formats import RenderContext
        from clusterctl.reports.formats.json_format import file_dict
    except ImportError:
        return None
    return functools.partial(file_dict, ctx=RenderContext(lang=lang))  # picklable (workers)


@contextlib.contextmanager
def _progress(total: int, lang: Lang):
    """A progress bar on stderr when it is a terminal; yields the per-report callback."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(M["progress"].get(lang), total=total)
        yield lambda _screened: bar.advance(task)


def _write(result: Any, output: str, lang: Lang) -> None:
    """Write to a temporary file next to the output and rename it only when complete, so an
    interrupted run leaves no half-written summary (and an earlier summary stays intact)."""
    from clusterctl.atomic import atomic_path
    from clusterctl.reports.summary_xlsx import write_summary

    folder = os.path.dirname(os.path.abspath(output))
    try:
        with atomic_path(output, suffix=".xlsx") as tmp:
            write_summary(result, tmp, link_base=folder)
    except OSError as exc:
        err_text = M["out_failed"].format(lang, path=output, error=exc.strerror or exc)
        fail_usage(err_text, lang)
