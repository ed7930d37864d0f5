"""``clusterctl rule CODE``: explain a criterion (CR…) or a finding code (F/S/V/X/B)."""

# No ``from __future__ import annotations`` here: typer evaluates string annotations of a command
# on every start (twice), which cost ~2 ms per command; see docs/performance.md.

from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from clusterctl.cli.common import bilingual, fail_usage, pack_error_text, resolve_lang
from clusterctl.cli.options import CriteriaOption, LangOption, OutputFileOption, output_format
from clusterctl.cli.output import emit, refuse_an_input, render_rich
from clusterctl.i18n import Lang, Text, t

if TYPE_CHECKING:
    from clusterctl.criteria.model import Criterion, Pack
    from clusterctl.diagnostics import FindingType

YEARS_TEXT = {
    "each": t("近三年每一年都须满足", "every one of the three years must satisfy it"),
    "latest": t("取最近年度", "the latest year"),
    "cagr": t(
        "按复合年均增长率：(末年值 ÷ 首年值)^(1 ÷ (年数 − 1)) − 1",
        "compound annual growth: (last ÷ first)^(1 ÷ (years − 1)) − 1",
    ),
    "decreasing": t("逐年下降（后一年严格低于前一年）", "falling every year (strictly)"),
    "increasing": t("逐年上升（后一年严格高于前一年）", "rising every year (strictly)"),
}
SEVERITY_TEXT = {
    "hard": t("硬性：未达标即不符合认定条件", "hard: not met makes the application ineligible"),
    "soft": t("软性：未达标仅作警示", "soft: not met only warns"),
    "unconfirmed": t(
        "阈值未经核实：未达标仅作警示，不单独决定结论",
        "unconfirmed threshold: not met only warns, never decides alone",
    ),
}


def _line(lang: Lang, label: Text, value: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return f"{label.get(lang)}{sep}{value}"


def explain_criterion(c: "Criterion", pack: "Pack", lang: Lang) -> list[str]:
    """The explanation of one criterion, line by line."""
    from clusterctl.evaluation.examples import examples
    from clusterctl.evaluation.kinds import title_of
    from clusterctl.evaluation.metrics import metric_for
    from clusterctl.evaluation.sentences import requirement

    lines = [f"{c.code}  {c.name}  {c.title.get(lang)}"]
    lines.append(_line(lang, t("标准", "Pack"), f"{pack.id}  {pack.title.get(lang)}"))
    lines.append(_line(lang, t("章节", "Section"), c.dimension.title.get(lang)))
    lines.append(_line(lang, t("条文", "Clause"), c.clause))
    lines.append(_line(lang, t("类型", "Kind"), title_of(c.kind).get(lang)))
    lines.append(_line(lang, t("要求", "Requirement"), requirement(c, lang)))
    if c.metric:
        metric = metric_for(pack, c.metric)
        formula = f"{metric.title.get(lang)} = {metric.formula.get(lang)}"
        lines.append(_line(lang, t("计算", "Computed as"), formula))
        if metric.derived:
            source = pack.indicator(c.metric).formula or ""
            lines.append(_line(lang, t("公式", "Formula"), f"{c.metric} = {source}"))
    if c.years:
        lines.append(_line(lang, t("年份", "Years"), YEARS_TEXT[c.years.value].get(lang)))
    if c.op is not None and c.threshold is not None:
        strict = (
            t("（不含阈值本身）", " (the threshold itself fails)")
            if c.op.value in ("gt", "lt")
            else t("（含阈值本身）", " (the threshold itself passes)")
        )
        lines.append(
            _line(
                lang,
                t("比较", "Comparison"),
                f"{c.op.wording.get(lang)} {c.op.symbol} {c.threshold:g}" + strict.get(lang),
            )
        )
    if c.applies_if:
        lines.append(_line(lang, t("适用条件", "Applies if"), f"{c.applies_if} = 是"))
    if c.description:
        lines.append(_line(lang, t("说明", "Note"), c.description.get(lang)))
    severity = c.severity.value if c.confirmed else "unconfirmed"
    lines.append(_line(lang, t("约束", "Severity"), SEVERITY_TEXT[severity].get(lang)))
    lines.append(_line(lang, t("权重", "Weight"), f"{c.weight:g}"))
    provenance = (
        t("已与官方文本核实", "confirmed from the official text")
        if c.confirmed
        else t("未经官方文本核实", "not confirmed from the official text")
    )
    lines.append(_line(lang, t("来源", "Provenance"), provenance.get(lang)))
    if c.source_note:
        note = c.source_note if lang == "zh" else c.source_text(lang)
        lines.append(_line(lang, t("来源说明", "Source note"), note))
    if c.aliases:
        lines.append(_line(lang, t("旧编码", "Old codes"), ", ".join(c.aliases)))
    for example in examples(c, pack):
        label = (
            t("通过示例", "Passing example")
            if example.passing
            else t("未通过示例", "Failing example")
        )
        r = example.result
        lines.append(_line(lang, label, f"[{r.status.label.get(lang)}] {r.sentence.get(lang)}"))
        lines.append("    " + _line(lang, t("数据", "Data"), example.inputs.get(lang)))
    if c.hint:
        lines.append(_line(lang, t("修改建议", "How to fix"), c.hint.get(lang)))
    return lines


def explain_kind(kind: str, lang: Lang) -> list[str]:
    """A criterion kind: its title, documentation and keys, from its rule module."""
    from clusterctl.criteria.keys import CRITERION_KEYS
    from clusterctl.evaluation.kinds import doc_of, keys_of, title_of

    lines = [f"kind = {kind!r}  {title_of(kind).get(lang)}", "", doc_of(kind), ""]
    lines.append(
        t("键（各类条目共有的键之外）：", "Keys (beyond those of every criterion):").get(lang)
    )
    for key in keys_of(kind) or ():
        need = t("必填", "required") if key.required else t("可选", "optional")
        extra = f"  [{', '.join(key.choices)}]" if key.choices else ""
        if key.default is not None:
            extra += f"  {t('默认', 'default').get(lang)} {key.default!r}"
        lines.append(f"  {key.name} ({key.type}, {need.get(lang)}): {key.doc.get(lang)}{extra}")
    if not keys_of(kind):
        lines.append("  " + t("（无）", "(none)").get(lang))
    common = ", ".join(k.name for k in CRITERION_KEYS)
    lines.append(_line(lang, t("共有的键", "Keys of every criterion"), common))
    return lines


def explain_finding_type(ft: "FindingType", lang: Lang) -> list[str]:
    lines = [f"{ft.code}  {ft.name}  {ft.title.get(lang)}"]
    lines.append(_line(lang, t("级别", "Severity"), ft.severity.label.get(lang)))
    lines.append(_line(lang, t("消息", "Message"), ft.message.get(lang)))
    if ft.hint:
        lines.append(_line(lang, t("修改建议", "How to fix"), ft.hint.get(lang)))
    if ft.description:
        lines.append(_line(lang, t("说明", "Description"), ft.description.get(lang)))
    if ft.fatal:
        lines.append(t("该问题使文件无法评估。", "The file cannot be evaluated at all.").get(lang))
    return lines


def _all_codes(pack: "Pack", lang: Lang) -> list[tuple[str, str, str]]:
    from clusterctl.diagnostics import all_types

    rows = [(c.code, c.name, c.title.get(lang)) for c in pack.criteria]
    rows += [(ft.code, ft.name, ft.title.get(lang)) for ft in all_types()]
    return rows


FORMATS = ("human", "json")


def rule(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help=bilingual(
                "认定条件编码或名称（CR203）或问题编码（V101）",
                "criterion code or name (CR203) or finding code (V101)",
            ),
        ),
    ] = None,
    criteria: CriteriaOption = "beijing",
    lang: LangOption = None,
    fmt: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
) -> None:
    """解释一条认定条件或问题编码 / Explain a criterion or a finding code (no CODE: list all)."""
    from clusterctl.criteria.loader import PackError, resolve_pack
    from clusterctl.reports.formats.base import json_text

    ui = resolve_lang(lang)
    fmt = fmt or "human"
    refuse_an_input(output_file, [criteria] if criteria else [], ui)
    try:
        pack = resolve_pack(criteria or "beijing")
    except (LookupError, PackError) as exc:
        fail_usage(pack_error_text(exc, ui), ui)
    if code is None:
        rows = _all_codes(pack, ui)
        if fmt == "json":
            listed = [{"code": c, "name": n, "title": title} for c, n, title in rows]
            emit(json_text(listed, indent=2), output_file, machine=True)
            return
        from rich.table import Table

        from clusterctl.cli.criteria_cmd import console

        table = Table()
        for header in (t("编码", "code"), t("名称代号", "name"), t("名称", "title")):
            table.add_column(header.get(ui))
        for row in rows:
            table.add_row(*row)
        if output_file is None:
            console().print(table)
        else:
            emit(render_rich(table), output_file)
        return
    if fmt == "json":
        data = _as_data(code.strip(), pack, ui)
        if data is None:
            _unknown(code, ui)
        emit(json_text(data, indent=2), output_file, machine=True)
        return
    lines = _explain(code.strip(), pack, ui)
    if lines is None:
        _unknown(code, ui)
    emit("\n".join(lines), output_file)


def _unknown(code: str, lang: Lang) -> NoReturn:
    fail_usage(
        Text(
            f"未知编码 {code!r}（运行 clusterctl rule 查看全部编码）",
            f"unknown code {code!r} (run clusterctl rule to list every code)",
        ),
        lang,
    )


def _as_data(code: str, pack: "Pack", lang: Lang) -> dict[str, Any] | None:
    """``rule CODE --output-format json``: the criterion or the finding type as data."""
    from clusterctl.cli.criteria_json import criterion_dict
    from clusterctl.diagnostics import get_type

    try:
        criterion = pack.criterion(code)
    except KeyError:
        pass
    else:
        data = {"type": "criterion", "pack_id": pack.id, **criterion_dict(criterion, lang)}
        data["description"] = criterion.description.get(lang) if criterion.description else None
        data["hint"] = criterion.hint.get(lang) if criterion.hint else None
        return data
    try:
        ft = get_type(code)
    except KeyError:
        return None
    return {
        "type": "finding",
        "code": ft.code,
        "name": ft.name,
        "title": ft.title.get(lang),
        "severity": ft.severity.value,
        "message": ft.message.get(lang),
        "hint": ft.hint.get(lang) if ft.hint else None,
        "description": ft.description.get(lang) if ft.description else None,
        "fatal": ft.fatal,
    }


def _explain(code: str, pack: "Pack", lang: Lang) -> list[str] | None:
    from clusterctl.criteria.model import Kind
    from clusterctl.diagnostics import get_type

    try:
        return explain_criterion(pack.criterion(code), pack, lang)
    except KeyError:
        pass
    if code.lower() in {k.value for k in Kind}:
        return explain_kind(code.lower(), lang)
    try:
        return explain_finding_type(get_type(code), lang)
    except KeyError:
        return None


def register(app: typer.Typer) -> None:
    app.command("rule")(rule)
