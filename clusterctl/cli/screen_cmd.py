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

from clusterctl.cli.common import Exit, bilingual, fail_usage, resolve_lang
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
    RecursiveOption,
    output_format,
    pick_format,
)
from clusterctl.cli.output import Utf8Stdout, refuse_an_input, write_file
from clusterctl.cli.screen_inputs import check_output as _check_output
from clusterctl.cli.screen_inputs import check_pack as _check_pack
from clusterctl.cli.screen_inputs import notes as _notes
from clusterctl.cli.screen_inputs import nothing_found as _nothing_found
from clusterctl.cli.screen_options import (
    BaselineOption,
    ExpertScoresOption,
    ExpertSpreadOption,
    ReviewFormOption,
)
from clusterctl.i18n import Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.discover import Discovery

M = {
    "missing": t("找不到：{path}", "no such file, folder or match: {path}"),
    "out_failed": t("无法写入汇总表 {path}：{error}", "cannot write the summary {path}: {error}"),
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
FORMATS = ("human", "json", "sarif")
MACHINE = ("json", "sarif")


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
    recursive: RecursiveOption = False,
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
    review_form: ReviewFormOption = None,
    expert_scores: ExpertScoresOption = None,
    expert_spread: ExpertSpreadOption = 0.5,
    baseline: BaselineOption = None,
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
    from clusterctl.cli import screen_options as review

    round_ = review.prepare(
        review_form, expert_scores, expert_spread, baseline, settings.limits, lang_, output
    )
    options = _options(criteria, settings, experts=round_.forms)
    record = _json_record(lang_) if output_format == "json" else None
    if review_form is not None:  # the applicants' descriptions travel with the file's record
        from clusterctl.review.record import ReviewRecord

        record = ReviewRecord(record)
    with _workers(options, settings, lang_, jobs, record, isolate=not no_isolation) as workers:
        if workers is not None:  # forked (pebble starts them when the pool starts): the tail's
            # pandas and openpyxl import from now on, beside the discovery and the first files
            # (a batch of one file had them after its only file: screen's fixed cost)
            from clusterctl.batch.pandas_loader import preload_in_background

            preload_in_background()
        from clusterctl.batch.discover import discover

        found = discover(paths, recursive=recursive)
        for missing in found.missing:
            fail_usage(M["missing"].format(lang_, path=missing), lang_)
        refuse_an_input(output_file, [*found.files, *paths], lang_)
        if output is not None:
            _check_output(output, found, lang_)
        review.after_discovery(round_, found, lang_)
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
            round_=round_,
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
    round_: Any = None,
) -> int:
    from clusterctl.cli.screen_options import fails, finish
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
        if round_ is not None:
            finish(round_, result, found.files, lang)
        if output is not None:
            _write(result, output, lang)
        if output_file is not None:
            text = io.StringIO()
            _report(result, output_format, output, text)
            write_file(output_file, text.getvalue(), lang)
        elif not quiet:
            machine = output_format in MACHINE
            out = Utf8Stdout() if machine else sys.stdout
            _report(result, output_format, output, out)
            out.flush()
        failed = result.fails or (round_ is not None and fails(round_))
        return Exit.FINDINGS if failed else Exit.CLEAN


def _report(result: Any, output_format: str, output: str | None, out: Any) -> None:
    """The batch on ``out``: the JSON document, or the overview for people."""
    if output_format in MACHINE:
        from clusterctl.reports.formats import batch_formatter

        batch_formatter(output_format).write_batch(result, out)
        return
    from rich.console import Console

    from clusterctl.reports.overview import render_overview

    console = Console(file=out, highlight=False)
    render_overview(result, console, output)
    from clusterctl.reports.review_overview import render_review

    render_review(result, console)


def _workers(
    options: Any, settings: Any, lang: Lang, jobs: int | None, record: Any, isolate: bool
) -> contextlib.AbstractContextManager[Any]:
    """The batch's workers, forked now, before the files are gathered (so they do not carry
    the list); nothing when isolation is off."""
    if not isolate:
        return contextlib.nullcontext()
    from clusterctl.screening import screen_workers

    return screen_workers(options, settings, lang, jobs, record)


def _options(criteria: str | None, settings: Any, experts: Any = None) -> Any:
    """``--criteria`` applies to every file; a configured pack is the default for workbooks
    that do not declare their edition."""
    from clusterctl.pipeline import Options

    default = {"default_criteria": settings.criteria} if settings.criteria else {}
    return Options(
        criteria=criteria,
        limits=settings.limits,
        settings=settings,
        experts=experts,
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
