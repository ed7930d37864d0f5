"""``clusterctl template -o FILE``: write the standard application workbook of an edition.

Refuses to overwrite an existing file unless ``--force``; writes atomically (a temporary file in
the same folder, then ``os.replace``). Exit 0 on success, 2 on a usage error.
"""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

from pathlib import Path
from typing import Annotated

import typer

from clusterctl.cli.common import Exit, LangOption, fail_usage, resolve_lang
from clusterctl.i18n import Text

DEFAULT_CRITERIA = "beijing"


def template(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="Workbook to write (.xlsx)."),
    ],
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria", "-c", help="Criteria pack (id, alias, edition year or .toml path)."
        ),
    ] = DEFAULT_CRITERIA,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=2000,
            max=2100,
            help="Application year (default: the edition's year); indicators cover the three "
            "years before it.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
) -> None:
    """生成标准申报表 / Write the standard application workbook."""
    from clusterctl.criteria.loader import PackError, PackNotFound, resolve_pack
    from clusterctl.workbook.template import write_template

    ui = resolve_lang(lang)
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
    try:
        pack = resolve_pack(criteria)
    except PackNotFound as exc:
        fail_usage(exc.message(ui), ui)
    except PackError as exc:
        fail_usage(str(exc), ui)
    try:
        write_template(output, pack, ui, application_year=year, force=force)
    except FileExistsError:
        fail_usage(
            Text(f"文件已存在：{output}（使用 --force 覆盖）", f"{output} exists (use --force)"), ui
        )
    except OSError as exc:
        fail_usage(
            Text(f"无法写入 {output}：{exc.strerror}", f"cannot write {output}: {exc.strerror}"), ui
        )
    done = Text(
        f"已生成 {output}（{pack.id}，模板版本 {pack.template_version}）",
        f"wrote {output} ({pack.id}, template version {pack.template_version})",
    )
    typer.echo(done.get(ui))
    raise typer.Exit(Exit.CLEAN)


def register(app: typer.Typer) -> None:
    app.command("template")(template)
