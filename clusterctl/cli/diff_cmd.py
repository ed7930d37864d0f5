"""``clusterctl diff old.xlsx new.xlsx``: what changed between two versions of one application
(a correction sent after the first screen): the cells (sheet, cell, old → new) and the criterion
results, the verdict and the score. Exit 0 when nothing differs, 1 when something does (as
diff(1)), 2 on a usage error. See docs/screening.md, "A full round"."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from clusterctl.cli.common import Exit, bilingual, fail_usage, resolve_lang
from clusterctl.cli.options import (
    CriteriaOption,
    ExitZeroOption,
    LangOption,
    OutputFileOption,
    QuietOption,
    output_format,
)
from clusterctl.i18n import Lang, t

FORMATS = ("human", "json")
MAX_LINES = 200  # cell changes listed by the human format
M = {
    "missing": t("找不到文件：{path}", "no such file: {path}"),
    "same": t("两个文件相同：{path}", "the same file twice: {path}"),
    "verdict": t(
        "结论  {old} → {new}    得分 {old_score} → {new_score}",
        "verdict  {old} → {new}    score {old_score} → {new_score}",
    ),
    "cells": t("单元格变化（{n} 处）", "Cells changed ({n})"),
    "no_cells": t("单元格：无变化", "Cells: no change"),
    "more": t("……另有 {n} 处", "… {n} more"),
    "criteria": t("条件结果变化（{n} 项）", "Criterion results changed ({n})"),
    "no_criteria": t("条件结果：无变化", "Criterion results: no change"),
    "added": t("新增工作表：{names}", "sheets added: {names}"),
    "removed": t("删除工作表：{names}", "sheets removed: {names}"),
    "unreadable": t("无法读取：{path}：{reason}", "unreadable: {path}: {reason}"),
    "empty": t("（空）", "(empty)"),
}


def register(app: typer.Typer) -> None:
    from clusterctl.cli.signals import exits_on_termination

    app.command("diff")(exits_on_termination(diff))


def diff(
    old: Annotated[
        str,
        typer.Argument(metavar="OLD.xlsx", help=bilingual("原来的申报表", "the earlier workbook")),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW.xlsx", help=bilingual("改动后的申报表", "the corrected workbook")
        ),
    ],
    criteria: CriteriaOption = None,
    output_format: output_format(FORMATS) = None,
    output_file: OutputFileOption = None,
    exit_zero: ExitZeroOption = False,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    """比较同一申报的两个版本 / Compare two versions of one application.

    退出码 / exit: 0 无变化 / no change; 1 有变化 / something changed; 2 用法错误 / usage error.
    """
    import os

    lang_: Lang = resolve_lang(lang)
    for path in (old, new):
        if not os.path.isfile(path):
            fail_usage(M["missing"].format(lang_, path=path), lang_)
    if os.path.realpath(old) == os.path.realpath(new):
        fail_usage(M["same"].format(lang_, path=old), lang_)
    if criteria is not None:
        from clusterctl.cli.screen_inputs import check_pack as _check_pack

        _check_pack(criteria, lang_)
    result = _diff(old, new, criteria, lang_)
    machine = (output_format or "human") == "json"
    if not quiet or output_file is not None:
        from clusterctl.cli.output import emit

        text = _json(result, lang_) if machine else _human(result, lang_)
        emit(text, output_file, machine, lang_)
    code = Exit.FINDINGS if result.differs or result.unreadable else Exit.CLEAN
    raise typer.Exit(Exit.CLEAN if exit_zero else code)


def _diff(old: str, new: str, criteria: str | None, lang: Lang) -> Any:
    from clusterctl.batch.isolation import run_files
    from clusterctl.config.discovery import load_settings
    from clusterctl.pipeline import Options
    from clusterctl.review.workbook_diff import DiffTransform, diff_reports

    settings = load_settings(isolated=True, criteria=criteria, lang=lang)
    options = Options(criteria=criteria, limits=settings.limits)
    pairs = list(
        run_files(
            [old, new], options, jobs=2, ordered=True, transform=DiffTransform(settings.limits)
        )
    )
    return diff_reports(pairs[0], pairs[1], lang)


def _show(value: Any, lang: Lang) -> str:
    from clusterctl.reports.formats.base import clean

    if value is None:
        return M["empty"].get(lang)
    if isinstance(value, float):
        return f"{round(value, 2):g}"
    return clean(str(value))


def _status(value: str | None, lang: Lang) -> str:
    from clusterctl.evaluation.model import Status

    return Status(value).label.get(lang) if value else "—"


def _human(result: Any, lang: Lang) -> str:
    from clusterctl.reports.formats.base import clean

    lines = [f"{clean(result.old.path)} → {clean(result.new.path)}"]
    for report in (result.old, result.new):
        if not report.readable or result.unreadable:
            fatal = [f for f in report.findings if f.level.value == "error"][:1]
            if fatal:
                lines.append(
                    M["unreadable"].format(
                        lang, path=clean(report.path), reason=clean(fatal[0].message(lang))
                    )
                )
    lines.append(
        M["verdict"].format(
            lang,
            old=result.old.verdict.label.get(lang),
            new=result.new.verdict.label.get(lang),
            old_score=_score(result.old.score),
            new_score=_score(result.new.score),
        )
    )
    if result.sheets_added:
        lines.append(M["added"].format(lang, names="、".join(map(clean, result.sheets_added))))
    if result.sheets_removed:
        lines.append(M["removed"].format(lang, names="、".join(map(clean, result.sheets_removed))))
    if result.cells:
        lines.append(M["cells"].format(lang, n=len(result.cells)))
        for change in result.cells[:MAX_LINES]:
            key = f" ({clean(change.key)})" if change.key else ""
            values = f"{_show(change.old, lang)} → {_show(change.new, lang)}"
            lines.append(f"  {clean(change.sheet)}!{change.cell}{key}  {values}")
        if len(result.cells) > MAX_LINES:
            lines.append("  " + M["more"].format(lang, n=len(result.cells) - MAX_LINES))
    elif not result.unreadable:
        lines.append(M["no_cells"].get(lang))
    if result.criteria:
        lines.append(M["criteria"].format(lang, n=len(result.criteria)))
        for c in result.criteria:
            values = ""
            if c.old_value != c.new_value:
                values = f"  ({_show(c.old_value, lang)} → {_show(c.new_value, lang)})"
            lines.append(
                f"  {c.code} {clean(c.title or '')}  {_status(c.old_status, lang)} → "
                f"{_status(c.new_status, lang)}{values}"
            )
    else:
        lines.append(M["no_criteria"].get(lang))
    return "\n".join(lines)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _json(result: Any, lang: Lang) -> str:
    import json

    from clusterctl import __version__
    from clusterctl.reports.formats.base import finite

    def side(report: Any) -> dict[str, Any]:
        return {
            "path": report.path,
            "sha256": report.sha256,
            "pack_id": report.pack_id,
            "verdict": report.verdict.value,
            "score": report.score,
            "findings": [f.to_dict(lang) for f in report.findings if f.level.value == "error"],
        }

    document = {
        "schema_version": 1,
        "kind": "clusterctl-diff",
        "tool": {"name": "clusterctl", "version": __version__},
        "lang": lang,
        "old": side(result.old),
        "new": side(result.new),
        "differs": result.differs,
        "unreadable": result.unreadable,
        "sheets_added": result.sheets_added,
        "sheets_removed": result.sheets_removed,
        "cells": [c.to_dict() for c in result.cells],
        "criteria": [c.to_dict() for c in result.criteria],
    }
    return json.dumps(finite(document), ensure_ascii=False, indent=2, default=str)
