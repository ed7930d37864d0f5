"""What every sheet of one summary shares (:class:`Context`): the result, styles, packs, sheet
names and page texts. :mod:`.summary_xlsx` and :mod:`.summary_sheets` both build on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clusterctl.batch.result import packs_used
from clusterctl.i18n import Lang, t
from clusterctl.reports.labels import local_time, pack_short
from clusterctl.reports.sheet_layout import Page, Styles, row_height, setup

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult
    from clusterctl.reports.xlsx_rows import FastSheet, RowFolder

SHEET_NAMES = {
    "summary": t("汇总", "Summary"),
    "matrix": t("指标矩阵", "Criteria matrix"),
    "findings": t("问题明细", "Findings"),
    "infos": t("读取说明", "Reading notes"),
    "stats": t("统计", "Statistics"),
    "criteria": t("标准", "Criteria"),
    "run": t("运行信息", "Run information"),
}
TITLE = t(
    "中小企业特色产业集群申报筛查汇总", "SME industrial cluster applications: screening summary"
)

L = {
    "finding_cols": (
        t("排名", "Rank"),
        t("文件", "File"),
        t("工作表", "Sheet"),
        t("单元格", "Cell"),
        t("代码", "Code"),
        t("级别", "Level"),
        t("问题", "Message"),
        t("修改建议", "Hint"),
    ),
    "truncated": t(
        "……另有 {count} 条问题超出 Excel 行数上限，未列出",
        "… {count} more findings exceed Excel's row limit and are not listed",
    ),
    "infos_moved": t(
        "另有 {count} 条提示（数值的读取方式）见“{sheet}”表",
        "{count} info findings (how values were read) are on the sheet '{sheet}'",
    ),
    "generated": t("生成于 {time}", "Generated {time}"),
    "packs": t("认定标准：{names}", "Criteria: {names}"),
}


class Context:
    """What every sheet of one summary shares: the result, styles, packs and page texts."""

    def __init__(self, result: BatchResult, folder: RowFolder) -> None:
        from datetime import datetime

        self.result = result
        self.lang: Lang = result.lang
        self.folder = folder
        self.st = Styles()
        self.packs = packs_used(result)
        self.pack_names = {p.id: pack_short(p, self.lang) for p in self.packs}
        moment = result.finished or datetime.now().astimezone()
        self.generated = L["generated"].format(self.lang, time=local_time(moment, self.lang))
        names = "、" if self.lang == "zh" else "; "
        self.subtitle = L["packs"].format(self.lang, names=names.join(self.pack_names.values()))

    def name(self, key: str) -> str:
        return SHEET_NAMES[key].get(self.lang)

    def page(self, key: str, **options: Any) -> Page:
        title = f"{TITLE.get(self.lang)} — {self.name(key)}"
        return Page(title, self.subtitle, self.generated, **options)

    def sheet(
        self,
        ws: Any,
        widths: Sequence[float],
        headers: Sequence[str],
        page: Page,
        freeze: str | None = "A2",
    ) -> FastSheet:
        """A sheet's set-up and its header row; the rows follow on the returned sheet."""
        setup(ws, widths, page, freeze, self.lang)
        sheet = self.folder.sheet(ws, self.st.specs, first_row=1)
        sheet.append(headers, "header", height=row_height(headers, widths))
        return sheet
