"""``clusterctl template -o FILE [--kind KIND]``: write the standard workbook of an edition.

``--kind``: the workbook kind (``clusterctl/workbook/kinds/<kind>.toml``): the application
(default), the annual report or the re-review. ``--year`` is the base year of the kind's year
series: the application or review year (indicators cover the three years before it) or the
reporting year.

Refuses to overwrite an existing file unless ``--force``; writes atomically (a temporary file in
the same folder, then ``os.replace``). Exit 0 on success, 2 on a usage error.
"""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

from pathlib import Path
from typing import Annotated

import typer

from clusterctl.cli.common import Exit, LangOption, bilingual, fail_usage, resolve_lang
from clusterctl.i18n import Text

DEFAULT_CRITERIA = "beijing"
# = clusterctl.workbook.kind.KIND_IDS (not imported here, for start-up time; a test pins it)
KINDS = ("application", "annual-report", "rereview", "registry")


def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=bilingual("要生成的工作簿（.xlsx）", "workbook to write (.xlsx)"),
        ),
    ],
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria",
            "-c",
            metavar="PACK",
            help=bilingual(
                "认定标准版本：编号、别名、年版或 .toml 文件（默认北京市最新版）",
                "criteria pack: id, alias, edition year or .toml file (default: Beijing's newest)",
            ),
        ),
    ] = DEFAULT_CRITERIA,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=2000,
            max=2100,
            help=bilingual(
                "申报年度（默认为标准的年版），指标数据填报其前三个完整年度；"
                "年度报告为报告年度，复核为复核年度",
                "application year (default: the edition's year); indicators cover the three "
                "years before it; for an annual report the reporting year, for a re-review the "
                "review year",
            ),
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=bilingual(
                "工作簿类型：application 申报表（默认）、annual-report 年度报告、rereview 复核表、"
                "registry 认定名录",
                "workbook kind: application (default), annual-report, rereview or registry",
            ),
        ),
    ] = "application",
    force: Annotated[
        bool,
        typer.Option("--force", help=bilingual("覆盖已有文件", "overwrite an existing file")),
    ] = False,
    lang: LangOption = None,
) -> None:
    """生成标准申报表或年度报告 / Write the standard application workbook or annual report."""
    from clusterctl.criteria.loader import PackError, PackNotFound, resolve_pack
    from clusterctl.workbook.template import write_template

    ui = resolve_lang(lang)
    if kind not in KINDS:
        fail_usage(
            Text(
                f"未知的工作簿类型：{kind}（可选：{'、'.join(KINDS)}）",
                f"unknown workbook kind: {kind} (choose {', '.join(KINDS)})",
            ),
            ui,
        )
    if output.suffix.lower() != ".xlsx":
        fail_usage(
            Text(f"输出文件须以 .xlsx 结尾：{output}", f"the output must end in .xlsx: {output}"),
            ui,
        )
    if output.is_dir():
        fail_usage(Text(f"输出路径是文件夹：{output}", f"the output is a folder: {output}"), ui)
    if output.exists() and not force:
        fail_usage(
            Text(
                f"文件已存在：{output}（使用 --force 覆盖）",
                f"{output} exists (use --force to overwrite)",
            ),
            ui,
        )
    if not output.parent.is_dir() and str(output.parent):
        fail_usage(Text(f"文件夹不存在：{output.parent}", f"no such folder: {output.parent}"), ui)
    from clusterctl.targets.loader import monitoring_pack

    pack = monitoring_pack(criteria)  # a monitoring pack (targets) has annual reports only
    if pack is not None and kind != "annual-report":
        fail_usage(
            Text(
                f"{pack.id} 是监测目标，只有年度报告模板：加 --kind annual-report",
                f"{pack.id} is a monitoring pack: use --kind annual-report",
            ),
            ui,
        )
    try:
        pack = pack or resolve_pack(criteria)
    except PackNotFound as exc:
        fail_usage(exc.message(ui), ui)
    except PackError as exc:
        fail_usage(str(exc), ui)
    try:
        write_template(output, pack, ui, application_year=year, force=force, kind=kind)
    except FileExistsError:
        fail_usage(
            Text(f"文件已存在：{output}（使用 --force 覆盖）", f"{output} exists (use --force)"), ui
        )
    except OSError as exc:
        fail_usage(
            Text(f"无法写入 {output}：{exc.strerror}", f"cannot write {output}: {exc.strerror}"), ui
        )
    from clusterctl.workbook.kind import load_kind

    version = load_kind(kind).version
    done = Text(
        f"已生成 {output}（{kind}，{pack.id}，模板版本 {version}）",
        f"wrote {output} ({kind}, {pack.id}, template version {version})",
    )
    typer.echo(done.get(ui))
    raise typer.Exit(Exit.CLEAN)


def register(app: typer.Typer) -> None:
    app.command("template")(template)
