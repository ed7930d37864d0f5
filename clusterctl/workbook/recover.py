"""A sheet's layout recovered from its visible labels, when the hidden keys are missing or wrong.

Workbooks travel: the hidden key column A is deleted, the hidden key row 2 is deleted, or all
values are pasted into a fresh workbook (no keys, no markers, no styles). The template's visible
labels are still there: the header row names each column, the label column names each form field
and indicator, the code column names each criterion row. This module finds them. Labels compare
after Unicode NFKC (full-width and half-width forms alike), without whitespace (full-width too)
and without a trailing required mark ``*``; English template labels match as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Text
from clusterctl.workbook import normalize as nz
from clusterctl.workbook.grid import Grid, SheetMap
from clusterctl.workbook.kind import Field, Sheet, WorkbookKind

if TYPE_CHECKING:
    from clusterctl.criteria.model import IndicatorSpec

HEADER_SCAN = 50  # how far down a header row may have moved
CODE = re.compile(r"[A-Z]{1,4}\d{1,4}")  # a criterion code keying a row
YEAR_KEY = re.compile(r"y\d+")  # a series sheet's year column keys: y1, y2, …
_SPACE = re.compile(r"\s+")
# the instructions sheet's keyed meta rows (clusterctl.workbook.writer writes these labels)
META_LABELS = {
    "edition": Text("认定标准版本", "Criteria edition"),
    "template_version": Text("模板版本", "Template version"),
}


def label_norm(value: Any) -> str:
    """A visible label as compared: NFKC, no whitespace, no trailing ``*``, lower case."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _SPACE.sub("", text).rstrip("*")
    return text.lower()


def _wanted(pairs: Iterable[tuple[str, Text | None]]) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for key, text in pairs:
        if text is None:
            continue
        for label in (text.zh, text.en):
            wanted.setdefault(label_norm(label), key)
    wanted.pop("", None)
    return wanted


def header_labels(kind: WorkbookKind, sheet: Sheet) -> dict[str, str]:
    """Normalised header label -> column key of ``sheet`` (years excluded)."""
    if sheet.layout in ("form", "instructions"):
        return _wanted((k, kind.header(sheet, k)) for k in ("label", "value", "unit", "help"))
    if sheet.layout == "series":
        return _wanted((k, kind.header(sheet, k)) for k in ("label", "unit", "help"))
    pairs: list[tuple[str, Text | None]] = [(k, kind.header(sheet, k)) for k in sheet.info]
    for c in sheet.columns:
        pairs.append((c.key, c.label))
        if c.unit is not None:  # the writer shows a column's unit in its header
            with_unit = Text(f"{c.label.zh}（{c.unit.zh}）", f"{c.label.en} ({c.unit.en})")
            pairs.append((c.key, with_unit))
    return _wanted(pairs)


def heading_year(value: Any) -> int | None:
    """The year a column heading names: 2023, 2023.0, "2023", "2023年", "２０２３年"."""
    if isinstance(value, str):
        value = label_norm(value).removesuffix("年")
    parsed = nz.parse_year(value)
    year = parsed.value if parsed.ok else None
    return year if isinstance(year, int) and nz.MIN_YEAR <= year <= nz.MAX_YEAR else None


def find_header(grid: Grid, wanted: dict[str, str], years: bool) -> tuple[int, dict[str, int]]:
    """The row among the first rows whose cells name the most of ``wanted`` (year headings count
    for a series), and the columns it names: ``(row, {key: col})``; ``(0, {})`` when none."""
    best: tuple[int, int, dict[str, int]] = (0, 0, {})
    for row in range(1, min(grid.height, HEADER_SCAN) + 1):
        line = grid.rows[row - 1]
        columns: dict[str, int] = {}
        year_cols: list[int] = []
        for col, cell in enumerate(line, start=1):
            if cell is None or cell == "":
                continue
            key = wanted.get(label_norm(cell))
            if key is not None:
                columns.setdefault(key, col)
            elif years and heading_year(cell) is not None and not isinstance(cell, bool):
                year_cols.append(col)
        score = len(columns) + (len(year_cols) if years else 0)
        if years and year_cols:
            for i, col in enumerate(year_cols, start=1):
                columns[f"y{i}"] = col
        if score > best[1]:
            best = (row, score, columns)
    return (best[0], best[2]) if best[1] >= 2 else (0, {})


def rows_by_label(
    grid: Grid, col: int, pairs: Iterable[tuple[str, Text | None]], start: int = 1
) -> dict[str, int]:
    """Row key -> row, matching the labels in column ``col`` (or the column before it)."""
    wanted = _wanted(pairs)
    rows: dict[str, int] = {}
    for row in range(start, grid.height + 1):
        for c in (col, col - 1):
            key = wanted.get(label_norm(grid.get(row, c)))
            if key is not None:
                rows.setdefault(key, row)
                break
    return rows


def rows_by_code(grid: Grid, col: int, start: int) -> dict[str, int]:
    """Criterion code -> row, from the visible code column of a ``rows`` sheet."""
    rows: dict[str, int] = {}
    for row in range(start, grid.height + 1):
        value = grid.get(row, col)
        if isinstance(value, str) and CODE.fullmatch(value.strip()):
            rows.setdefault(value.strip(), row)
    return rows


def field_rows(sheet: Sheet, smap: SheetMap, label_col: int) -> dict[str, int]:
    """Row of each of ``sheet``'s form fields: by the hidden keys, else (none of them keyed: the
    key column was deleted) by the visible labels in ``label_col``."""
    rows = dict(smap.rows)
    if sheet.fields and not any(f.key in rows for f in sheet.fields):
        rows.update(rows_by_label(smap.grid, label_col, field_pairs(sheet.fields)))
    return rows


def field_pairs(fields: Iterable[Field]) -> list[tuple[str, Text | None]]:
    return [(f.key, f.label) for f in fields]


def spec_pairs(specs: Iterable[IndicatorSpec]) -> list[tuple[str, Text | None]]:
    return [(s.key, s.label) for s in specs]


def sheet_score(kind: WorkbookKind, sheet: Sheet, grid: Grid, specs: Iterable[Any]) -> int:
    """How many of ``sheet``'s labels (headers, fields, indicators) the grid shows: the sheet
    a renamed, unmarked sheet most likely is."""
    wanted = set(header_labels(kind, sheet))
    wanted |= set(_wanted(field_pairs((*sheet.fields, *sheet.columns))))
    if sheet.layout == "series":
        wanted |= set(_wanted(spec_pairs(specs)))
    if sheet.layout == "instructions":
        wanted |= set(_wanted(META_LABELS.items()))
    seen = {
        label_norm(cell)
        for line in grid.rows[:HEADER_SCAN]
        for cell in line[:12]
        if isinstance(cell, str)
    }
    return len(wanted & seen)


MIN_SHEET_SCORE = 3  # labels a renamed, unmarked sheet must show to be taken for a sheet


def map_instructions(
    grid: Grid, columns: dict[str, int], rows: dict[str, int], key_row: int | None
) -> SheetMap:
    """The instructions sheet's meta rows: by their keys, else by their labels (column B, or
    column A when the key column was deleted)."""
    if "value" in columns and "edition" in rows:
        return SheetMap(grid, columns, rows, key_row, None, False)
    wanted = _wanted(META_LABELS.items())
    for col in (2, 1):
        found: dict[str, int] = {}
        for row in range(1, min(grid.height, HEADER_SCAN) + 1):
            key = wanted.get(label_norm(grid.get(row, col)))
            if key is not None:
                found.setdefault(key, row)
        if found:
            return SheetMap(grid, {"label": col, "value": col + 1}, found, None, None, True)
    return SheetMap(grid, {"label": 2, "value": 3}, rows, key_row, None, bool(rows))


def layout_found(sheet: Sheet, smap: SheetMap) -> bool:
    """Whether a recovered map found enough of ``sheet`` to read it (else: not the template)."""
    if not smap.recovered:
        return True
    cols = smap.columns
    if sheet.layout == "form":
        return "value" in cols and any(f.key in smap.rows for f in sheet.fields)
    if sheet.layout == "series":
        return "label" in cols and any(YEAR_KEY.fullmatch(k) for k in cols)
    if sheet.layout == "table":
        return any(c.key in cols for c in sheet.columns) and smap.header_row is not None
    return all(c.key in cols for c in sheet.columns)
