"""Layout shared by the summary's sheets: column widths that fit Chinese text, named cell
styles (fills per verdict and status), frozen panes, print set-up and autofilters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from clusterctl.evaluation.model import Status, Verdict
from clusterctl.reports.safe_cell import text_cell

if TYPE_CHECKING:
    import pandas as pd

MAX_WIDTH = 60
MIN_WIDTH = 6
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


def display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(values: Iterable[Any], header: str) -> float:
    widest = display_width(header)
    for value in values:
        if value is None:
            continue
        text = f"{value:.2f}" if isinstance(value, float) else str(value)
        longest = max((display_width(line) for line in text.splitlines()), default=0)
        widest = max(widest, longest)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2)))


class Styles:
    """Named cell styles of one workbook. Each is set once on a template cell and copied to the
    cells that use it (setting fonts and fills per cell costs a style lookup each time)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        fill = lambda rgb: PatternFill("solid", fgColor=rgb)  # noqa: E731
        bold = Font(bold=True)
        self.specs: dict[str, dict[str, Any]] = {
            "header": {
                "font": bold,
                "fill": fill(HEADER_FILL),
                "alignment": Alignment(wrap_text=True, vertical="top"),
            },
            "bold": {"font": bold},
            "link": {"font": Font(color="0563C1", underline="single")},
            **{f"verdict:{v.value}": {"fill": fill(rgb)} for v, rgb in VERDICT_FILLS.items()},
            **{f"status:{s.value}": {"fill": fill(rgb)} for s, rgb in STATUS_FILLS.items()},
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


def setup(ws: Any, widths: Sequence[float], header_rows: int = 1, freeze: str = "A2") -> None:
    """Column widths, frozen header, print set-up (landscape, fit to width, repeated header)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if hasattr(ws, "PAPERSIZE_A4") else 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"


def header_row(ws: Any, names: Sequence[str], st: Styles) -> None:
    ws.append([st.text(ws, n, "header") for n in names])


def autofilter(ws: Any, ncols: int, nrows: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, ncols))}{max(1, nrows)}"


def frame_widths(frame: pd.DataFrame) -> list[float]:
    head = frame.head(WIDTH_SAMPLE)
    return [column_width(head[c].tolist(), str(c)) for c in frame.columns]


def frame_records(frame: pd.DataFrame) -> Iterable[list[Any]]:
    for values in frame.itertuples(index=False, name=None):
        yield list(values)


def column_widths(headers: Sequence[str], records: Sequence[Sequence[Any]]) -> list[float]:
    """Widths from the headers and the first :data:`WIDTH_SAMPLE` records."""
    sample = records[:WIDTH_SAMPLE]
    return [column_width((r[i] for r in sample), str(h)) for i, h in enumerate(headers)]
