"""The experts' review form (``clusterctl screen DIR --review-form review.xlsx``).

One long sheet, 专家评审表: a row per application and criterion awaiting review, in rank order,
with the clause, the applicant's description and evidence list (text, never formulas), and the
expert's input cells: 评审结论 (a drop-down of 达标 / 基本达标 / 未达标) and 评审意见; the expert's
name and the date once at the top. Labels are protected (the sheet is protected without a
password; filtering, sorting and resizing stay allowed), the inputs are not. A4 landscape, the
header row repeated on every page. Why one long sheet: docs/screening.md, "The review form".

Hidden keys make it readable back whatever the expert does to the visible layout: column A holds
each row's key (``#expert``, ``#date``, ``#header``, ``app:<n>:<code>``), hidden row 2 a key
above each column, and the very hidden sheet ``_keys`` the form's kind and version, the batch id,
the pack and every application's path, SHA-256 and pack (:mod:`.form_read` reads them).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clusterctl.evaluation.experts import GRADE_LABELS, Grade
from clusterctl.i18n import Lang, t

if TYPE_CHECKING:
    from clusterctl.batch.result import BatchResult

FORM_KIND = "clusterctl-review-form"  # in the document keywords and the _keys sheet
FORM_VERSION = "1"
KEYS_SHEET = "_keys"
COLUMNS_ROW, EXPERT_ROW, DATE_ROW, NOTE_ROW, HEADER_ROW = 2, 3, 4, 5, 6
FIRST_DATA_ROW = HEADER_ROW + 1
INPUTS = ("grade", "comment")

SHEET = t("专家评审表", "Review form")
TITLE = t("中小企业特色产业集群认定 专家评审表", "SME industrial cluster recognition: review form")
L = {
    "expert": t("专家姓名", "Expert"),
    "date": t("评审日期", "Date"),
    "note": t(
        "请在“评审结论”列为每一行选择：达标、基本达标或未达标（得分比例 100%、50%、0%），"
        "可在“评审意见”列说明理由；硬性条件评为未达标的，申报不符合认定条件，软性条件影响得分。"
        "填写专家姓名和评审日期后保存，交回主管部门。其余单元格已保护。",
        "For every row choose a judgement: met, partly met or not met (credit 100%, 50%, 0%), "
        "explain it under Comment if you wish; a hard criterion not met makes the application "
        "ineligible, a soft one lowers the score. Fill in your name and the date, save the file "
        "and return it. The other cells are protected.",
    ),
    "prompt": t("请选择：达标、基本达标、未达标", "Choose: met, partly met or not met"),
    "error": t("只能选择达标、基本达标或未达标", "Only met, partly met or not met"),
    "hard": t("硬性", "hard"),
    "soft": t("软性", "soft"),
}
COLUMNS: tuple[tuple[str, Any, float], ...] = (  # key, header, width
    ("rank", t("排名", "Rank"), 5),
    ("file", t("申报文件", "Application file"), 19),
    ("cluster", t("集群名称", "Cluster"), 16),
    ("code", t("条件编号", "Criterion"), 8),
    ("title", t("条件名称", "Name"), 14),
    ("clause", t("原文条款", "Official clause"), 24),
    ("weight", t("权重", "Weight"), 5),
    ("severity", t("约束", "Constraint"), 6),
    ("description", t("情况说明", "Applicant's description"), 30),
    ("evidence", t("佐证材料清单", "Evidence list"), 24),
    ("grade", t("评审结论", "Judgement"), 10),
    ("comment", t("评审意见", "Comment"), 22),
)


@dataclass(frozen=True, slots=True)
class FormRow:
    number: int  # the application's number on the form (its rank)
    path: str
    cluster: str | None
    code: str
    title: str
    clause: str
    weight: float
    hard: bool
    description: str | None
    evidence: str | None


def batch_id(paths: Iterable[str]) -> str:
    """The batch's id: its inputs' file names (a corrected file keeps its name)."""
    names = sorted(os.path.basename(p.replace("\\", "/")).casefold() for p in paths)
    return hashlib.sha256("\n".join(names).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def form_rows(result: BatchResult) -> tuple[list[FormRow], list[tuple[int, Any]]]:
    """The form's rows in rank order, and the applications (number, row) on it."""
    from clusterctl.criteria.loader import find_pack
    from clusterctl.criteria.model import Severity
    from clusterctl.review.record import KEY

    rows: list[FormRow] = []
    apps: list[tuple[int, Any]] = []
    lang = result.lang
    for row in result.rows:
        record = result.spool.file_data(row.index) or {}
        items = record.get(KEY) or []
        pack = find_pack(row.pack_id) if row.pack_id else None
        if not items or pack is None:
            continue
        apps.append((row.rank, row))
        for item in items:
            try:
                criterion = pack.criterion(str(item.get("code")))
            except KeyError:
                continue
            rows.append(
                FormRow(
                    row.rank,
                    row.path,
                    row.facts.get("cluster_name"),
                    criterion.code,
                    criterion.title.get(lang),
                    criterion.clause,
                    criterion.weight,
                    criterion.severity is Severity.HARD,
                    item.get("description"),
                    item.get("evidence"),
                )
            )
    return rows, apps


def write_review_form(result: BatchResult, path: str, paths: Sequence[str]) -> int:
    """Write the review form of ``result`` to ``path`` (callers write to a temporary file and
    rename it); ``paths``: the batch's inputs (its id). Returns the number of rows to judge."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from clusterctl.reports.safe_cell import force_text
    from clusterctl.reports.sheet_layout import FONT_NAME, FONT_SIZE, Page, row_height, set_font
    from clusterctl.reports.sheet_layout import setup as page_setup

    lang: Lang = result.lang
    rows, apps = form_rows(result)
    wb = Workbook()
    set_font(wb)
    wb.properties.creator = "clusterctl"
    wb.properties.keywords = FORM_KIND
    wb.properties.title = TITLE.get(lang)
    ws = wb.active
    ws.title = SHEET.get(lang)
    plain = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    unlocked = Protection(locked=False)
    widths = [4.0] + [w for _, _, w in COLUMNS]
    pack = result.pack
    subtitle = pack.title.get(lang) if pack is not None else ""
    page = Page(TITLE.get(lang), subtitle, "", fit_width=True, header_rows=0)
    page_setup(ws, widths, page, freeze=f"C{FIRST_DATA_ROW}", lang=lang)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.column_dimensions["A"].hidden = True

    def put(r: int, c: int, value: Any, font: Any = plain, fill: Any = None) -> Any:
        cell = ws.cell(row=r, column=c)
        if isinstance(value, str):
            force_text(cell, value)
        else:
            cell.value = value
        cell.font, cell.alignment = font, wrap
        if fill is not None:
            cell.fill = fill
        return cell

    title = put(1, 2, TITLE.get(lang), Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True))
    title.alignment = Alignment(vertical="center")
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=len(widths))
    ws.row_dimensions[1].height = 24
    put(COLUMNS_ROW, 1, "#columns")
    for c, (key, _, _) in enumerate(COLUMNS, 2):
        put(COLUMNS_ROW, c, key)
    ws.row_dimensions[COLUMNS_ROW].hidden = True
    for r, key, label in ((EXPERT_ROW, "#expert", "expert"), (DATE_ROW, "#date", "date")):
        put(r, 1, key)
        put(r, 2, L[label].get(lang), bold)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        cell = put(r, 4, None, plain, input_fill)
        cell.protection = unlocked
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=6)
        ws.row_dimensions[r].height = 20
    put(NOTE_ROW, 1, "#note")
    put(NOTE_ROW, 2, L["note"].get(lang))
    ws.merge_cells(start_row=NOTE_ROW, start_column=2, end_row=NOTE_ROW, end_column=len(widths))
    ws.row_dimensions[NOTE_ROW].height = 30
    put(HEADER_ROW, 1, "#header")
    heads = [h.get(lang) for _, h, _ in COLUMNS]
    for c, head in enumerate(heads, 2):
        put(HEADER_ROW, c, head, bold, header_fill)
    ws.row_dimensions[HEADER_ROW].height = row_height([None, *heads], widths)
    grades = [GRADE_LABELS[g].get(lang) for g in Grade]  # read back in either language
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(grades) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        promptTitle=heads[INPUTS_INDEX][:32],
        prompt=L["prompt"].get(lang),
        errorTitle=heads[INPUTS_INDEX][:32],
        error=L["error"].get(lang),
    )
    ws.add_data_validation(check)
    grade_col = 2 + INPUTS_INDEX
    r = FIRST_DATA_ROW
    for item in rows:
        severity = L["hard" if item.hard else "soft"].get(lang)
        values = [
            f"app:{item.number}:{item.code}",
            item.number,
            os.path.basename(item.path),
            item.cluster or "",
            item.code,
            item.title,
            item.clause,
            item.weight,
            severity,
            item.description or "",
            item.evidence or "",
            None,
            None,
        ]
        for c, value in enumerate(values, 1):
            cell = put(r, c, value)
            if c >= grade_col:
                cell.protection = unlocked
                cell.fill = input_fill
        ws.row_dimensions[r].height = row_height([None, *values[1:]], widths)
        r += 1
    last = max(r - 1, HEADER_ROW)
    if rows:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(grade_col)
        check.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        ws.auto_filter.ref = f"B{HEADER_ROW}:{get_column_letter(len(widths))}{last}"
    ws.print_area = f"B1:{_letter(len(widths))}{last}"
    ws.protection.sheet = True
    for allowed in ("autoFilter", "sort", "formatColumns", "formatRows"):
        setattr(ws.protection, allowed, False)
    _keys_sheet(wb, result, apps, paths)
    wb.save(path)
    return len(rows)


INPUTS_INDEX = [k for k, _, _ in COLUMNS].index("grade")


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _keys_sheet(wb: Any, result: BatchResult, apps: list[tuple[int, Any]], paths: Sequence[str]):
    from clusterctl.reports.safe_cell import force_text

    ws = wb.create_sheet(KEYS_SHEET)
    ws.sheet_state = "veryHidden"
    pack = result.pack
    lines: list[list[Any]] = [
        ["kind", FORM_KIND],
        ["version", FORM_VERSION],
        ["batch_id", batch_id(paths)],
        ["pack_id", pack.id if pack is not None else ""],
        ["lang", result.lang],
    ]
    for number, row in apps:
        lines.append(["app", number, row.path, row.sha256 or "", row.pack_id or ""])
    for r, values in enumerate(lines, 1):
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                force_text(cell, value)
            else:
                cell.value = value
    ws.protection.sheet = True
