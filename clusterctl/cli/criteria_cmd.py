"""``clusterctl criteria list|show|diff|validate``: the criteria packs."""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clusterctl.cli.common import Exit, bilingual, fail_usage, pack_error_text, resolve_lang
from clusterctl.cli.criteria_json import aliases, call_dict, criterion_dict, pack_dict
from clusterctl.cli.options import (
    LangOption,
    OldTextFormatOption,
    OutputFileOption,
    output_format,
    pick_format,
)
from clusterctl.cli.output import emit, refuse_an_input
from clusterctl.i18n import Lang, Text, t

if TYPE_CHECKING:
    from clusterctl.criteria.model import Pack

FORMATS = ("human", "json")
FormatOption = output_format(FORMATS)
RENAMED = {"text": "human"}  # the old --format text|json

H_ID = t("编号", "id")
H_TITLE = t("名称", "title")
H_JURISDICTION = t("地区", "jurisdiction")
H_LEVEL = t("层级", "level")
H_YEAR = t("年版", "year")
H_COUNT = t("条数", "criteria")
H_CONFIRMED = t("已核实数字", "numbers confirmed")
H_ALIASES = t("别名", "aliases")
H_CODE = t("编码", "code")
H_NAME = t("名称代号", "name")
H_REQUIREMENT = t("要求", "requirement")
H_SEVERITY = t("约束", "severity")
H_WEIGHT = t("权重", "weight")
H_PROVENANCE = t("来源", "provenance")
SEVERITY_LABELS = {"hard": t("硬性", "hard"), "soft": t("软性（警示）", "soft (warns)")}
LEVEL_LABELS = {
    "区级": t("区级", "district"),
    "县级": t("县级", "county"),
    "市级": t("市级", "city"),
    "省级": t("省级", "province"),
}
PROVENANCE_LABELS = {
    "confirmed": t("已核实", "confirmed"),
    "reprint": t("已核实（转载）", "confirmed (reprint)"),
    "unconfirmed": t("未核实", "unconfirmed"),
}

criteria_app = typer.Typer(
    help="认定标准版本 / Criteria packs (editions of the recognition standard).",
    no_args_is_help=True,
    add_completion=False,
)


def console(file: Any = None):
    """A rich console: colours on a terminal, plain and wide enough when piped or on ``file``."""
    from rich.console import Console

    if file is None and sys.stdout.isatty():
        return Console(highlight=False)
    return Console(
        file=file or sys.stdout, width=200, highlight=False, no_color=True, soft_wrap=False
    )


def _sink(output_file: Path | None):
    """The console a human report is printed on, and what to call at the end (``--output-file``:
    write what was printed there, UTF-8)."""
    if output_file is None:
        return console(), lambda: None
    buffer = io.StringIO()
    return console(buffer), lambda: emit(buffer.getvalue(), output_file)


def _format(new: str | None, old: str | None, lang: Lang) -> str:
    return pick_format(new, old, "--format", FORMATS, lang, renamed=RENAMED)


def _load(selector: str, lang: Lang) -> "Pack":
    from clusterctl.criteria.loader import PackError, resolve_pack

    try:
        return resolve_pack(selector)
    except (LookupError, PackError) as exc:
        fail_usage(pack_error_text(exc, lang), lang)


@criteria_app.command("list")
def list_cmd(
    lang: LangOption = None,
    fmt: FormatOption = None,
    output_file: OutputFileOption = None,
    old_format: OldTextFormatOption = None,
) -> None:
    """列出内置的认定标准版本 / List the shipped criteria packs."""
    from clusterctl.criteria.loader import list_packs

    ui = resolve_lang(lang)
    fmt = _format(fmt, old_format, ui)
    packs = list_packs()
    if fmt == "json":
        from clusterctl.reports.formats.base import json_text

        emit(json_text([pack_dict(p, ui) for p in packs], indent=2), output_file, machine=True)
        return
    out, done = _sink(output_file)
    out.print(pack_table(packs, ui, out.width))
    done()


def pack_table(packs: "list[Pack]", ui: Lang, width: int = 200) -> Any:
    """The packs as a rich table for a console ``width`` wide. Below 120 columns the title is
    left out (``criteria show ID`` gives it) and the borders are lighter, so that at 80 columns
    the id, year and counts stay whole (the id was cut to "shanghai…", hiding the edition)."""
    from rich import box
    from rich.table import Table

    narrow = width < 120
    table = Table(
        show_lines=False,
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        pad_edge=not narrow,
        collapse_padding=narrow,
    )
    headers = [H_ID, H_TITLE, H_JURISDICTION, H_LEVEL, H_YEAR, H_COUNT, H_CONFIRMED, H_ALIASES]
    if narrow:
        headers.remove(H_TITLE)
    whole = (H_ID, H_LEVEL, H_YEAR, H_COUNT, H_CONFIRMED)
    short = {H_CONFIRMED: t("已核实数字", "confirmed"), H_JURISDICTION: t("地区", "region")}
    short = short if narrow else {}
    for header in headers:
        label = short.get(header, header).get(ui)
        table.add_column(label, no_wrap=header in whole, overflow="fold")
    for p in packs:
        cells = {
            H_ID: p.id,
            H_TITLE: p.title.get(ui),
            H_JURISDICTION: p.jurisdiction.get(ui),
            H_LEVEL: LEVEL_LABELS[p.level].get(ui),
            H_YEAR: str(p.edition_year),
            H_COUNT: str(len(p.criteria)),
            H_CONFIRMED: "{}/{}".format(*p.numbers_confirmed()),
            H_ALIASES: ", ".join(aliases(p)),
        }
        table.add_row(*(cells[h] for h in headers))
    return table


@criteria_app.command("show")
def show_cmd(
    pack_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=bilingual(
                "标准编号、别名、年版或 .toml 文件", "pack id, alias, year or .toml file"
            ),
        ),
    ],
    lang: LangOption = None,
    fmt: FormatOption = None,
    output_file: OutputFileOption = None,
    old_format: OldTextFormatOption = None,
) -> None:
    """显示一个标准版本的全部条款 / Show every criterion of a pack, by dimension."""
    ui = resolve_lang(lang)
    fmt = _format(fmt, old_format, ui)
    refuse_an_input(output_file, [pack_id], ui)
    pack = _load(pack_id, ui)
    if fmt == "json":
        from clusterctl.reports.formats.base import json_text

        data = pack_dict(pack, ui)
        data["sections"] = [
            {"key": s.key, "number": s.number, "title": s.title.get(ui)} for s in pack.sections
        ]
        data["indicators"] = [
            {
                "key": i.key,
                "label": i.label.get(ui),
                "unit": i.unit.get(ui),
                "type": i.type,
                "required": i.required,
                "formula": i.formula,
                "inputs": list(pack.inputs_of(i.key)),
            }
            for i in pack.indicators
        ]
        data["criteria"] = [criterion_dict(c, ui) for c in pack.criteria]
        emit(json_text(data, indent=2), output_file, machine=True)
        return
    from rich.table import Table

    from clusterctl.evaluation.sentences import requirement

    out, done = _sink(output_file)
    out.print(f"{pack.id}  {pack.title.get(ui)}", markup=False)
    facts = [
        (
            t("地区", "Jurisdiction"),
            f"{pack.jurisdiction.get(ui)}（{LEVEL_LABELS[pack.level].get(ui)}）"
            if ui == "zh"
            else f"{pack.jurisdiction.en} ({LEVEL_LABELS[pack.level].en})",
        ),
        (t("来源", "Source"), pack.source),
        (t("模板版本", "Template version"), pack.template_version),
    ]
    if pack.extends:
        facts.append((t("基于", "Extends"), pack.extends))
    call = call_dict(pack, ui)
    if call is not None:
        where = (
            f"（{call['title']}；{call['source_url']}）" if ui == "zh" else f" ({call['title']})"
        )
        facts.append((t("推荐名额", "Quota"), f"{call['quota_text']}{where}"))
    elif pack.quota:
        note = f"（{pack.quota_note}）" if pack.quota_note and ui == "zh" else ""
        facts.append((t("推荐名额", "Quota"), f"{pack.quota}{note}"))
    confirmed, numbers = pack.numbers_confirmed()
    facts.append((t("已核实数字", "Numbers confirmed"), f"{confirmed}/{numbers}"))
    for label, value in facts:
        out.print(
            f"{label.get(ui)}：{value}" if ui == "zh" else f"{label.get(ui)}: {value}", markup=False
        )
    notes: list[str] = []
    for section, criteria in pack.by_section().items():
        if not criteria:
            continue
        table = Table(title=section.title.get(ui), title_justify="left")
        for header in (H_CODE, H_NAME, H_TITLE, H_REQUIREMENT, H_SEVERITY, H_WEIGHT, H_PROVENANCE):
            table.add_column(header.get(ui))
        for c in criteria:
            provenance = PROVENANCE_LABELS[c.provenance.value].get(ui)
            note = c.source_text(ui)
            if note:
                notes.append(f"{c.code}: {note}")
                provenance += f" [{len(notes)}]"
            table.add_row(
                c.code,
                c.name,
                c.title.get(ui),
                requirement(c, ui),
                SEVERITY_LABELS[c.severity.value].get(ui),
                f"{c.weight:g}",
                provenance,
            )
        out.print(table)
    total = sum(c.weight for c in pack.criteria)
    out.print(t(f"权重合计：{total:g}", f"Total weight: {total:g}").get(ui))
    for i, note in enumerate(notes, 1):
        out.print(f"[{i}] {note}", markup=False)
    done()


@criteria_app.command("diff")
def diff_cmd(
    first: Annotated[
        str,
        typer.Argument(
            metavar="A", help=bilingual("原版本（编号、别名或 .toml）", "the edition compared from")
        ),
    ],
    second: Annotated[
        str,
        typer.Argument(
            metavar="B", help=bilingual("新版本（编号、别名或 .toml）", "the edition compared to")
        ),
    ],
    lang: LangOption = None,
    fmt: FormatOption = None,
    output_file: OutputFileOption = None,
) -> None:
    """比较两个标准版本的条目差异 / What differs between two editions, criterion by criterion."""
    from clusterctl.cli.criteria_diff import render_text, to_json
    from clusterctl.criteria.diff import diff_packs

    ui = resolve_lang(lang)
    fmt = _format(fmt, None, ui)
    refuse_an_input(output_file, [first, second], ui)
    diff = diff_packs(_load(first, ui), _load(second, ui))
    if fmt == "json":
        from clusterctl.reports.formats.base import json_text

        emit(json_text(to_json(diff, ui), indent=2), output_file, machine=True)
        return
    out, done = _sink(output_file)
    for line in render_text(diff, ui):
        out.print(line, markup=False, highlight=False)
    done()


@criteria_app.command("validate")
def validate_cmd(
    path: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help=bilingual("标准文件（.toml）", "a criteria pack (.toml)")
        ),
    ],
    lang: LangOption = None,
) -> None:
    """检查自定义标准文件 / Check a user's criteria pack: 0 valid, 1 invalid, 2 no such file."""
    from clusterctl.criteria.loader import load_pack_file, validate_pack_file

    ui = resolve_lang(lang)
    try:
        problems = validate_pack_file(path, ui)
    except (FileNotFoundError, IsADirectoryError):
        fail_usage(Text(f"找不到文件 {path}", f"no such file {path}"), ui)
    except OSError as exc:
        fail_usage(Text(f"无法读取 {path}：{exc}", f"cannot read {path}: {exc}"), ui)
    if problems:
        head = Text(f"{path}：发现 {len(problems)} 个问题", f"{path}: {len(problems)} problem(s)")
        typer.echo(head.get(ui))
        for key, problem in problems:
            typer.echo(f"  {key or '<file>'}: {problem}")
        raise typer.Exit(Exit.FINDINGS)
    pack = load_pack_file(path)
    typer.echo(
        Text(
            f"{path}：有效（{pack.id}，{len(pack.criteria)} 条）",
            f"{path}: valid ({pack.id}, {len(pack.criteria)} criteria)",
        ).get(ui)
    )


def register(app: typer.Typer) -> None:
    app.add_typer(criteria_app, name="criteria")
