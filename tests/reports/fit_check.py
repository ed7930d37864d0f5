"""Does every text cell of a workbook fit its cell at the cell's font? Measured with the font's
own metrics (Pillow's ImageFont over the installed CJK font), independently of the layout's
estimate (clusterctl.reports.sheet_layout), as LibreOffice lays text out: a column is ``width``
digit widths of the font (the cell's padding taken off), text wraps between CJK characters and
between Latin words, and a row shows ``height`` points of lines.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass

DPI = 96
CELL_PADDING_PX = 5  # LibreOffice's left and right cell insets together, with a pixel to spare
BOLD_WIDEN = 1.04  # synthetic bold (the font has no bold face) widens the glyphs a little
# a line breaks after a space or a hyphen and between CJK characters
_TOKEN = re.compile(r"[^\s\-\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+-? ?|.", re.S)


@functools.lru_cache(maxsize=8)
def font_file(family: str) -> str | None:
    """The file of ``family`` as fontconfig finds it (None: not installed)."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{family}\n%{file}", family], capture_output=True, text=True
    ).stdout.splitlines()
    if len(found) < 2 or family.lower() not in found[0].lower():
        return None
    return found[1]


@functools.lru_cache(maxsize=32)
def _font(path: str, size_pt: float):
    from PIL import ImageFont

    index = 0
    return ImageFont.truetype(path, round(size_pt * DPI / 72), index=index)


@dataclass(frozen=True)
class Misfit:
    sheet: str
    cell: str
    text: str
    lines: int
    needed_pt: float
    height_pt: float

    def __str__(self) -> str:
        return (
            f"{self.sheet}!{self.cell} {self.text[:40]!r}: {self.lines} lines need "
            f"{self.needed_pt:.1f} pt, the row has {self.height_pt:.1f} pt"
        )


class WordTooWide(ValueError):
    """A word wider than its column: LibreOffice breaks it inside (or clips it)."""


def wrapped_lines(text: str, font, width_px: float, widen: float = 1.0) -> int:
    """Lines ``text`` takes in ``width_px`` (:class:`WordTooWide` when a word does not fit
    on a line of its own)."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        x = 0.0
        for token in _TOKEN.findall(paragraph):
            advance = font.getlength(token) * widen
            ink = font.getlength(token.rstrip(" ")) * widen
            if x + ink <= width_px:
                x += advance
                continue
            if token == " ":
                continue
            if x > 0:
                lines += 1
            x = advance
            if ink > width_px + 0.5:  # a word wider than the column: broken or clipped
                raise WordTooWide(token)
    return lines


def misfits(path: str, font_family: str) -> list[Misfit]:
    """Every text cell of the workbook at ``path`` whose wrapped text is taller than its row
    (or wider than its column when it does not wrap), at its font."""
    from openpyxl import load_workbook

    file = font_file(font_family)
    assert file, f"font {font_family!r} is not installed"
    wb = load_workbook(path)
    found: list[Misfit] = []
    for ws in wb.worksheets:
        default_height = ws.sheet_format.defaultRowHeight or 15.0
        digit = {}
        merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or not cell.value.strip():
                    continue
                if _hidden(ws, cell):
                    continue  # a hidden key row or column: never shown nor printed
                if cell.alignment.shrink_to_fit:
                    continue  # shrinks to fit: never clipped
                size = float(cell.font.sz or 11)
                font = _font(file, size)
                if size not in digit:
                    digit[size] = font.getlength("0")
                width = _width(ws, cell, merged.get((cell.row, cell.column)))
                width_px = width * digit[size] - CELL_PADDING_PX
                widen = BOLD_WIDEN if cell.font.b else 1.0
                if cell.alignment.wrap_text:
                    try:
                        lines = wrapped_lines(cell.value, font, width_px, widen)
                    except WordTooWide:
                        lines = 99  # shown broken inside a word
                else:
                    lines = cell.value.count("\n") + 1
                    longest = max(font.getlength(x) for x in cell.value.split("\n")) * widen
                    if longest > width_px and _next_cell_filled(ws, cell):
                        lines = 99  # clipped by the cell to its right
                ascent, descent = font.getmetrics()
                needed = lines * (ascent + descent) * 72 / DPI + 1.0
                height = ws.row_dimensions[cell.row].height or default_height
                if needed > height:
                    found.append(
                        Misfit(ws.title, cell.coordinate, cell.value, lines, needed, height)
                    )
    return found


def _hidden(ws, cell) -> bool:
    return bool(
        ws.row_dimensions[cell.row].hidden or ws.column_dimensions[cell.column_letter].hidden
    )


def _width(ws, cell, merged) -> float:
    """The cell's column width (a merged cell: its columns' together)."""
    from openpyxl.utils import get_column_letter

    if merged is None:
        return ws.column_dimensions[cell.column_letter].width or 8.43
    return sum(
        ws.column_dimensions[get_column_letter(c)].width or 8.43
        for c in range(merged.min_col, merged.max_col + 1)
    )


def _next_cell_filled(ws, cell) -> bool:
    right = ws.cell(cell.row, cell.column + 1).value
    return right is not None and right != ""
