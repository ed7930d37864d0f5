"""Fill a review form as an expert would (the committed helper of the review tests): open it in
openpyxl, type the name and date into their cells and pick a judgement per row. Rows are found
by what the expert sees (the file name and criterion code columns), not by the hidden keys."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl import load_workbook


def fill_form(
    path: str,
    out: str,
    expert: str,
    judge: Callable[[str, str], str | None],
    date: str = "2026-12-01",
    comment: str | None = None,
) -> int:
    """``judge(file_name, code)`` gives the judgement text (or None: left blank). Returns the
    number of rows filled."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "#header")
    heads = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    file_col = heads.get("申报文件") or heads["Application file"]
    code_col = heads.get("条件编号") or heads["Criterion"]
    grade_col = heads.get("评审结论") or heads["Judgement"]
    comment_col = heads.get("评审意见") or heads["Comment"]
    for r in range(1, header):
        label = ws.cell(r, 2).value
        if label in ("专家姓名", "Expert"):
            ws.cell(r, 4).value = expert
        elif label in ("评审日期", "Date"):
            ws.cell(r, 4).value = date
    filled = 0
    for r in range(header + 1, ws.max_row + 1):
        name, code = ws.cell(r, file_col).value, ws.cell(r, code_col).value
        if not name or not code:
            continue
        grade = judge(str(name), str(code))
        if grade is not None:
            ws.cell(r, grade_col).value = grade
            if comment:
                ws.cell(r, comment_col).value = comment
            filled += 1
    wb.save(out)
    return filled
