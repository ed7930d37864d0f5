"""Layout shared by the summary's sheets: the font, column widths that fit Chinese text, row
heights from the wrapped text's line count, named cell styles (fills per verdict and status),
frozen panes, print set-up, page headers and footers, and autofilters.

Widths are in Excel's unit, the width of the digit ``0`` of the workbook's font. In the font set
here (:data:`FONT_NAME`) a CJK character is 1 em and a digit 0.6 em: a CJK character takes
:data:`WIDE` units, a Latin one at most 1 (``W`` and ``M`` a little more: the estimate keeps a
margin, :data:`PAD`). ``tests/reports/test_summary_fit.py`` measures the headers and labels with
the font's own metrics and fails when one would not fit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clusterctl.evaluation.model import Status, Verdict
from clusterctl.reports.safe_cell import text_cell

if TYPE_CHECKING:
    import pandas as pd

# A CJK font with Latin glyphs that LibreOffice renders here (fonts-wqy-zenhei) and that a
# reviewer's Excel replaces with its own CJK font when missing.
FONT_NAME = "WenQuanYi Zen Hei"
FONT_SIZE = 10  # points; printed at a scale of at least MIN_SCALE %
MIN_SCALE = 90  # so the printed text is never below 9 pt
LINE_HEIGHT = 13.5  # points per line at FONT_SIZE (ascent + descent of the font: 1.27 em)
ROW_PAD = 3.0  # points above and below the lines
MAX_HEIGHT = 409.0  # Excel's highest row
WIDE = 1.7  # units of a CJK / full-width character (1 em over a 0.6 em digit, with margin)
PAD = 1.0  # units a cell's padding takes from its width
MAX_WIDTH = 60
MIN_WIDTH = 5
WIDTH_SAMPLE = 500  # rows looked at to size a column (the best-ranked)
STATUS_FILLS = {
    Status.MET: "C6EFCE",
    Status.NOT_MET: "FFC7CE",
    Status.WARNING: "FFEB9C",
    Status.MISSING: "F8CBAD",
    Status.REVIEW: "DDEBF7",
    Status.NOT_APPLICABLE: "EDEDED",
}
VERDICT_FILLS = {
    Verdict.ELIGIBLE: "C6EFCE",
    Verdict.INCOMPLETE: "FFEB9C",
    Verdict.INELIGIBLE: "FFC7CE",
    Verdict.UNREADABLE: "D9D9D9",
}
HEADER_FILL = "DCE6F1"
NO_LINE_START = set("。，、；：）！？」』》〉”’%,.;:)!?")  # never start a line (kinsoku)
# a Latin word (a line breaks after a space or a hyphen, between CJK characters)
_LATIN_WORD = re.compile(r"[^\s\-\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+-? ?| ")


def display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NARROW = {
    **dict.fromkeys("il.,:;'|!`Ij()[]{} ", 0.6),
    **dict.fromkeys("abcdeghknopqrsuvxyz", 0.9),
    **dict.fromkeys("mwMW@%", 1.45),
}
MEMO_LIMIT = 20_000  # characters and tokens remembered (hostile text cannot grow them)
LINES_LIMIT = 2_048  # texts whose line count is remembered, each under LINES_TEXT characters
LINES_TEXT = 1_000


class _Units(dict):  # type: ignore[type-arg]
    """Units of each character, learnt on first sight (one dictionary lookup afterwards)."""

    def __missing__(self, ch: str) -> float:
        units = WIDE if unicodedata.east_asian_width(ch) in "WF" else _NARROW.get(ch, 1.0)
        if len(self) < MEMO_LIMIT:
            self[ch] = units
        return units


_UNITS = _Units()
_unit_of = _UNITS.__getitem__


def char_units(ch: str) -> float:
    """Units of one character (a little above the font's advance, so estimates err wide)."""
    return _unit_of(ch)


def text_units(text: str) -> float:
    """The width of a one-line text in column units (see the module's docstring)."""
    return sum(map(_unit_of, text))


# a line cut where it may wrap: a Latin word (with its trailing space) stays whole, every other
# character is its own token
_TOKEN = re.compile(_LATIN_WORD.pattern + r"|.", re.S)


def _tokens(line: str) -> list[str]:
    """A line cut where it may wrap: a Latin word (with its trailing space) stays whole, every
    other character is its own token."""
    return _TOKEN.findall(line)


class _Sizes(dict):  # type: ignore[type-arg]
    """A token's (units without its trailing spaces, trailing spaces), learnt on first sight."""

    def __missing__(self, token: str) -> tuple[float, int]:
        if len(token) > 1:
            bare = token.rstrip(" ")
            size = (sum(map(_unit_of, bare)), len(token) - len(bare))
        else:
            size = (_unit_of(token), int(token == " "))
        if len(self) < MEMO_LIMIT:
            self[token] = size
        return size


_SIZES = _Sizes()
_LINES: dict[tuple[str, float], int] = {}


def text_lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` units wide: greedy, words whole (a
    word wider than the column is cut), and a closing mark never starts a line (it takes the
    character before it along). Remembered per text and width (texts repeat across files)."""
    text = str(text)
    key = (text, width)
    lines = _LINES.get(key)
    if lines is None:
        lines = _wrapped_lines(text, width)
        if len(_LINES) < LINES_LIMIT and len(text) < LINES_TEXT:
            _LINES[key] = lines
    return lines


def _wrapped_lines(text: str, width: float) -> int:
    usable = max(1.0, width - PAD)
    sizes = _SIZES
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used, last = 0.0, 0.0
        for token in _TOKEN.findall(paragraph):
            size, trail = sizes[token]
            if used + size <= usable:
                used, last = used + size + trail, size
                continue
            if token == " ":  # a space at the end of a line disappears
                continue
            if size > usable:  # a word wider than the column: cut where it overflows
                for ch in token:
                    w = _unit_of(ch)
                    if used + w > usable and used > 0:
                        lines, used = lines + 1, 0.0
                    used += w
                last = 0.0
                continue
            lines += 1
            if token in NO_LINE_START and last:
                used, last = last + size, size
            else:
                used, last = size, size
    return lines


def row_height(values: Sequence[Any], widths: Sequence[float], floor: int = 1) -> float:
    """Points a row needs so that every value's wrapped text shows whole (at least ``floor``
    lines)."""
    lines = floor
    for value, width in zip(values, widths, strict=False):
        if value is None or value == "":
            continue
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        if "\n" not in text and text_units(text) <= width - PAD:
            continue
        lines = max(lines, text_lines(text, width))
    return min(MAX_HEIGHT, round(lines * LINE_HEIGHT + ROW_PAD, 1))


_WORD = re.compile(r"[^\s\-\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+-?")


def longest_word(text: str) -> float:
    """Units of the widest Latin word of ``text`` (a line breaks between words and after a
    hyphen, never inside a word that fits)."""
    return max((text_units(w) for w in _WORD.findall(text)), default=0.0)


def column_width(values: Iterable[Any], header: str, most: float = MAX_WIDTH) -> float:
    """A width that fits the widest value (up to ``most``: wider text wraps), and at least
    the widest word of the header and the values (so no word is broken)."""
    lines = header.split("\n")
    widest = max((text_units(line) for line in lines), default=0.0)
    if len(lines) == 1 and widest > 10:  # a long header wraps on two lines
        widest = widest / 2
    word = longest_word(header)
    for value in values:
        if value is None:
            continue
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        longest = max((text_units(line) for line in text.splitlines()), default=0.0)
        widest = max(widest, longest)
        if isinstance(value, str):
            word = max(word, longest_word(text))
    fit = min(most, max(MIN_WIDTH, math.ceil(widest + PAD + 0.5)))
    return float(min(MAX_WIDTH, max(fit, math.ceil(word + PAD + 0.5))))


class Styles:
    """Named cell styles of one workbook. Each is set once on a template cell and copied to the
    cells that use it (setting fonts and fills per cell costs a style lookup each time). Every
    style has the workbook's font and wraps its text at the top of the cell."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        fill = lambda rgb: PatternFill("solid", fgColor=rgb)  # noqa: E731
        plain = Font(name=FONT_NAME, size=FONT_SIZE)
        bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        body = {"font": plain, "alignment": wrap}
        self.specs: dict[str, dict[str, Any]] = {
            "body": body,
            "header": {"font": bold, "fill": fill(HEADER_FILL), "alignment": wrap},
            "bold": {"font": bold, "alignment": wrap},
            "title": {"font": Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True)},
            # a file name: Latin words do not wrap in LibreOffice, so a long one shrinks
            "link": {
                "font": Font(name=FONT_NAME, size=FONT_SIZE, color="0563C1"),
                "alignment": Alignment(vertical="top", shrink_to_fit=True),
            },
            **{f"verdict:{v.value}": {**body, "fill": fill(c)} for v, c in VERDICT_FILLS.items()},
            **{f"status:{s.value}": {**body, "fill": fill(c)} for s, c in STATUS_FILLS.items()},
        }
        self._templates: dict[str, Any] = {}

    def text(self, ws: Any, value: str, name: str) -> Any:
        """A text cell in the named style."""
        template = self._templates.get(name)
        if template is None:
            from openpyxl.cell import WriteOnlyCell

            template = WriteOnlyCell(ws)
            for attr, spec in self.specs[name].items():
                setattr(template, attr, spec)
            self._templates[name] = template
        return text_cell(ws, value, template=template)


def set_font(wb: Any) -> None:
    """The workbook's default font (cells without a style of their own): :data:`FONT_NAME`."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT_NAME, size=FONT_SIZE, family=2)
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font


@dataclass(frozen=True, slots=True)
class Page:
    """How a sheet prints: ``fit_width`` squeezes every printed column on one page across
    (never below :data:`MIN_SCALE`); otherwise wide sheets split across pages and repeat
    ``key_cols`` (e.g. ``"A:C"``) on each. ``area``: the printed columns (e.g. ``"A:N"``),
    for the scale (the caller sets the print area once it knows the rows)."""

    title: str
    subtitle: str = ""
    generated: str = ""
    fit_width: bool = True
    key_cols: str | None = None
    area: str | None = None
    header_rows: int = 1
    landscape: bool = True


PAGE_FOOTER = {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"}
# column units across an A4 page at 100 % inside 0.4" side margins (a unit is the font's digit
# width: 8 px of 96 dpi at 10 pt), landscape and portrait
PRINTABLE_WIDTH = {True: 128.0, False: 88.0}


def setup(
    ws: Any,
    widths: Sequence[float],
    page: Page | None = None,
    freeze: str | None = "A2",
    lang: str = "zh",
) -> None:
    """Column widths, frozen panes, a one-line default row, the print set-up of ``page``
    (A4, repeated header rows, page header and footer)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.sheet_format.defaultRowHeight = LINE_HEIGHT + ROW_PAD
    ws.sheet_format.customHeight = True
    if freeze:
        ws.freeze_panes = freeze
    page = page or Page("")
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if page.landscape else "portrait"
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.7
    margins.header = margins.footer = 0.3
    if page.fit_width and printed_width(widths, page) > PRINTABLE_WIDTH[page.landscape]:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = 100
    ws.print_options.gridLines = True
    if page.header_rows:
        ws.print_title_rows = f"1:{page.header_rows}"
    if page.key_cols:
        ws.print_title_cols = page.key_cols
    ws.oddHeader.left.text = _escape(page.title)
    ws.oddHeader.left.font = f"{FONT_NAME},Bold"
    ws.oddHeader.right.text = _escape(page.subtitle)
    ws.oddHeader.right.font = ws.oddFooter.center.font = ws.oddFooter.right.font = FONT_NAME
    ws.oddFooter.center.text = PAGE_FOOTER.get(lang, PAGE_FOOTER["zh"])
    ws.oddFooter.right.text = _escape(page.generated)


def printed_width(widths: Sequence[float], page: Page) -> float:
    """The width of the printed columns (all, or those of ``page.area``)."""
    if page.area:
        first, last = _column_range(page.area)
        widths = widths[first - 1 : last]
    return float(sum(widths))


def fit_scale(widths: Sequence[float], page: Page) -> float:
    """The scale (%) fitting ``page``'s columns on one page across (100: they fit already);
    the layout keeps it at :data:`MIN_SCALE` or above (tests/reports/test_summary_fit.py)."""
    width = printed_width(widths, page)
    return min(100.0, 100.0 * PRINTABLE_WIDTH[page.landscape] / max(1.0, width))


def _escape(text: str) -> str:
    """A text for a page header or footer: ``&`` starts a code there."""
    return text.replace("&", "&&")


def _column_range(area: str) -> tuple[int, int]:
    from openpyxl.utils import column_index_from_string

    first, _, last = area.replace("$", "").partition(":")
    strip = lambda ref: "".join(ch for ch in ref if ch.isalpha())  # noqa: E731
    return column_index_from_string(strip(first)), column_index_from_string(strip(last or first))


def autofilter(ws: Any, ncols: int, nrows: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, ncols))}{max(1, nrows)}"


def frame_widths(frame: pd.DataFrame, most: float = 40) -> list[float]:
    head = frame.head(WIDTH_SAMPLE)
    return [column_width(head[c].tolist(), str(c), most) for c in frame.columns]


def frame_records(frame: pd.DataFrame) -> Iterable[list[Any]]:
    for values in frame.itertuples(index=False, name=None):
        yield list(values)


def column_widths(
    headers: Sequence[str], records: Sequence[Sequence[Any]], most: Sequence[float] | None = None
) -> list[float]:
    """Widths from the headers and the first :data:`WIDTH_SAMPLE` records (``most``: each
    column's widest, wider text wraps)."""
    sample = records[:WIDTH_SAMPLE]
    limits = list(most) if most else [MAX_WIDTH] * len(headers)
    return [column_width((r[i] for r in sample), str(h), limits[i]) for i, h in enumerate(headers)]
