"""How a template sheet shows and prints: row heights from the wrapped text's line count and the
print set-up (A4, header rows repeated, fit to width where the text stays at 9 pt or more, else
split across pages with the key column repeated; page x of y in the footer). The measuring is the
summary's (:mod:`clusterctl.reports.sheet_layout`): the same font, the same estimate, checked by
``tests/workbook/test_template_fit.py`` with the font's own metrics.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from clusterctl.reports.sheet_layout import (
    LINE_HEIGHT,
    MIN_SCALE,
    PAD,
    PRINTABLE_WIDTH,
    ROW_PAD,
    Page,
    fit_scale,
    longest_word,
    printed_width,
    row_height,
    setup,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_WIDTH = 13.0  # a column the kind gives no width (written out: every reader agrees)
TITLE_HEIGHT = 24.0  # points: the 14 pt sheet title in row 1


def column_widths(ws: Worksheet, header_row: int | None = None) -> list[float]:
    """Every used column's width, set explicitly where the kind gave none, and wide enough for
    the longest word of its header (a Latin word is never broken)."""
    from openpyxl.utils import get_column_letter

    widths = []
    for col in range(1, ws.max_column + 1):
        dim = ws.column_dimensions[get_column_letter(col)]
        if dim.customWidth is False or not dim.width:
            dim.width = DEFAULT_WIDTH
        head = ws.cell(header_row, col).value if header_row else None
        if isinstance(head, str) and not dim.hidden:
            dim.width = max(float(dim.width), math.ceil(longest_word(head) + PAD + 0.5))
        widths.append(float(dim.width))
    return widths


def fit_rows(ws: Worksheet, widths: list[float], title_row: int = 1) -> None:
    """Each row as high as its tallest wrapped text (merged cells: their columns together; the
    hidden key column does not show). A height already set (a long text input) is a minimum."""
    spans = {}
    covered = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = sum(widths[rng.min_col - 1 : rng.max_col])
        covered |= {(r, c) for r, c in rng.cells} - {(rng.min_row, rng.min_col)}
    hidden = {i for i in range(1, len(widths) + 1) if _hidden(ws, i)}
    one_line = LINE_HEIGHT + ROW_PAD
    for row in ws.iter_rows():
        r = row[0].row
        if ws.row_dimensions[r].hidden:
            continue
        values, cols = [], []
        for cell in row:
            c = cell.column
            if c in hidden or (r, c) in covered or (r == title_row and c == 2):
                continue
            if isinstance(cell.value, str) and cell.value:
                values.append(cell.value)
                cols.append(spans.get((r, c), widths[c - 1]))
        needed = row_height(values, cols) if values else one_line
        if r == title_row:
            needed = max(needed, TITLE_HEIGHT)
        current = ws.row_dimensions[r].height
        if needed > one_line or current:
            ws.row_dimensions[r].height = max(needed, current or 0.0)


def _hidden(ws: Worksheet, col: int) -> bool:
    from openpyxl.utils import get_column_letter

    return bool(ws.column_dimensions[get_column_letter(col)].hidden)


def print_setup(
    ws: Worksheet, widths: list[float], title: str, subtitle: str, lang: str, header_rows: int
) -> None:
    """A4; portrait when the printed columns fit across at 100 %, else landscape; fitted to one
    page across when that keeps the scale at :data:`MIN_SCALE` or above, else split across pages
    with column B (the row's name or code) repeated."""
    from openpyxl.utils import get_column_letter

    last = _last_shown_column(ws)
    area = f"B:{get_column_letter(last)}"
    page = Page(title, subtitle, area=area, header_rows=header_rows)
    landscape = printed_width(widths, page) > PRINTABLE_WIDTH[False]
    page = Page(title, subtitle, area=area, header_rows=header_rows, landscape=landscape)
    if fit_scale(widths, page) < MIN_SCALE:
        page = Page(
            title,
            subtitle,
            fit_width=False,
            key_cols="B:B",
            area=area,
            header_rows=header_rows,
            landscape=landscape,
        )
    freeze = ws.freeze_panes
    setup(ws, widths, page, freeze=None, lang=lang)
    ws.freeze_panes = freeze
    if last < len(widths):  # columns only the hidden key row uses: not printed
        ws.print_area = f"B1:{get_column_letter(last)}{ws.max_row}"


def _last_shown_column(ws: Worksheet) -> int:
    """The rightmost column with a value outside the hidden rows (at least B)."""
    last = 2
    for row in ws.iter_rows():
        if row and not ws.row_dimensions[row[0].row].hidden:
            for cell in row:
                if cell.value not in (None, "") and cell.column > last:
                    last = cell.column
    return last
