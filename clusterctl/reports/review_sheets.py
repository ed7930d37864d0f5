"""The summary's sheets of a round of review: 专家评审 (who judged what, when
``--expert-scores`` was given) and 变化 (what changed since ``--baseline``).
:mod:`clusterctl.reports.summary_xlsx` calls :func:`review_sheets` after the other sheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clusterctl.i18n import t
from clusterctl.reports.sheet_layout import autofilter, row_height

if TYPE_CHECKING:
    from clusterctl.reports.summary_context import Context

STATE_LABELS = {  # an application against the baseline (clusterctl.review.baseline)
    "new": t("新增", "new"),
    "changed": t("已改动", "changed"),
    "unchanged": t("未改动", "unchanged"),
    "withdrawn": t("已撤回", "withdrawn"),
}
NAMES = {"experts": t("专家评审", "Expert review"), "changes": t("变化", "Changes")}
EXPERT_COLS = (
    (t("排名", "Rank"), 5.0),
    (t("文件", "File"), 18.0),
    (t("条件编号", "Criterion"), 8.0),
    (t("条件名称", "Name"), 16.0),
    (t("专家", "Expert"), 10.0),
    (t("评审结论", "Judgement"), 9.0),
    (t("得分比例", "Credit"), 7.0),
    (t("评审日期", "Date"), 10.0),
    (t("评审意见", "Comment"), 30.0),
    (t("采用后结果", "Result"), 10.0),
    (t("评审表", "Form"), 16.0),
)
FORM_COLS = (t("评审表", "Form"), t("位置", "Cell"), t("代码", "Code"), t("问题", "Message"))
CHANGE_COLS = (
    (t("排名", "Rank"), 5.0),
    (t("文件", "File"), 18.0),
    (t("变化", "Change"), 8.0),
    (t("原结论", "Was"), 8.0),
    (t("现结论", "Now"), 8.0),
    (t("原排名", "Old rank"), 6.0),
    (t("原得分", "Old score"), 7.0),
    (t("现得分", "Score"), 7.0),
    (t("条件结果变化", "Criteria changed"), 22.0),
    (t("已修正的问题", "Findings fixed"), 24.0),
    (t("新出现的问题", "New findings"), 24.0),
    (t("内容有变的问题", "Findings updated"), 18.0),
)


def review_sheets(wb: Any, ctx: Context) -> None:
    """专家评审 and 变化, each when the run has what it shows."""
    result = ctx.result
    if getattr(result, "experts", None) is not None:
        _experts_sheet(wb, ctx)
    if getattr(result, "changes", None) is not None:
        _changes_sheet(wb, ctx)


def _page(ctx: Context, key: str) -> Any:
    from clusterctl.reports.sheet_layout import Page
    from clusterctl.reports.summary_context import TITLE

    lang = ctx.lang
    return Page(f"{TITLE.get(lang)} — {NAMES[key].get(lang)}", ctx.subtitle, ctx.generated)


def codes_of(pack: Any) -> set[str]:
    return {c.code for c in pack.criteria}


def _experts_sheet(wb: Any, ctx: Context) -> None:
    from clusterctl.criteria.loader import find_pack
    from clusterctl.evaluation.model import Status

    result, lang = ctx.result, ctx.lang
    forms = result.experts
    ws = wb.create_sheet(NAMES["experts"].get(lang))
    widths = [w for _, w in EXPERT_COLS]
    heads = [h.get(lang) for h, _ in EXPERT_COLS]
    sheet = ctx.sheet(ws, widths, heads, _page(ctx, "experts"), freeze="C2")
    for row in result.rows:
        entries = forms.applied_rows(row.path, row.sha256, row.pack_id)
        pack = find_pack(row.pack_id) if row.pack_id else None
        for entry in entries:
            for j in entry.judgements:
                title = ""
                if pack is not None and j.code in codes_of(pack):
                    title = pack.criterion(j.code).title.get(lang)
                status = row.statuses.get(j.code)
                shown = Status(status).label.get(lang) if status is not None else None
                values = [
                    row.rank,
                    row.name,
                    j.code,
                    title,
                    j.expert,
                    j.grade.label.get(lang),
                    j.grade.credit,
                    j.date,
                    j.comment,
                    shown,
                    entry.form.replace("\\", "/").rsplit("/", 1)[-1],
                ]
                sheet.append(values, "body", height=row_height(values, widths))
    if forms.findings:
        sheet.append([])
        for finding in forms.findings:
            where = finding.location
            values = [None, where.file.replace("\\", "/").rsplit("/", 1)[-1], None, where.ref()]
            values += [finding.code, None, None, None, finding.message(lang)]
            sheet.append(values, "body", height=row_height(values, widths))
    sheet.close()
    autofilter(ws, len(heads), max(sheet.rows, 1))


def _keys_text(keys: list[tuple[str, str, str]]) -> str:
    return "\n".join(
        " ".join(p for p in (code, f"{s}!{c}" if s and c else s) if p) for code, s, c in keys
    )


def _changes_sheet(wb: Any, ctx: Context) -> None:
    from clusterctl.evaluation.model import Status, Verdict

    result, lang = ctx.result, ctx.lang
    ws = wb.create_sheet(NAMES["changes"].get(lang))
    widths = [w for _, w in CHANGE_COLS]
    heads = [h.get(lang) for h, _ in CHANGE_COLS]
    sheet = ctx.sheet(ws, widths, heads, _page(ctx, "changes"), freeze="C2")

    def verdict(value: str | None) -> str | None:
        try:
            return Verdict(value).label.get(lang) if value else None
        except ValueError:
            return value

    def status(value: str | None) -> str:
        try:
            return Status(value).label.get(lang) if value else "—"
        except ValueError:
            return str(value)

    for change in result.changes:
        old = change.old
        criteria = "\n".join(f"{c} {status(o)} → {status(n)}" for c, o, n in change.criteria)
        values = [
            change.rank,
            change.path.replace("\\", "/").rsplit("/", 1)[-1],
            STATE_LABELS[change.state].get(lang),
            verdict(old.verdict) if old else None,
            verdict(change.verdict),
            old.rank if old else None,
            old.score if old else None,
            change.score,
            criteria,
            _keys_text(change.findings.get("absent", [])),
            _keys_text(change.findings.get("new", [])),
            _keys_text(change.findings.get("updated", [])),
        ]
        sheet.append(values, "body", height=row_height(values, widths))
    sheet.close()
    autofilter(ws, len(heads), max(sheet.rows, 1))
