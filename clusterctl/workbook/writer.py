"""The template writer: an interpreter of a workbook kind (kinds/*.toml, :mod:`.kind`).

Every data sheet: ``A1`` holds the marker ``#sheet:<key>``; row 2 (hidden) is the key row,
``#columns`` in ``A2`` and a column key above each column; row 3 is the visible header; data
rows follow, each with its key (field key, indicator key, criterion code) in the hidden column
``A``. A series sheet's header row is keyed ``#years`` and its year cells are inputs pre-filled
with the kind's years (as values, so every reader sees numbers). The indicator rows are exactly
the pack's ``input_indicators()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Lang, Text, t
from clusterctl.reports.sheet_layout import FONT_NAME, FONT_SIZE, set_font
from clusterctl.workbook.input_checks import checks, non_negative, validation
from clusterctl.workbook.kind import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    KEY_ROW,
    KEY_ROW_MARKER,
    YEARS_ROW_KEY,
    Field,
    FieldType,
    Sheet,
    WorkbookKind,
    indicator_type,
)
from clusterctl.workbook.print_layout import column_widths, fit_rows, print_setup

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from clusterctl.criteria.model import Criterion, Pack

INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
LOCKED_FILL = "EDEDED"
META = {
    "edition": t("认定标准版本", "Criteria edition"),
    "template_version": t("模板版本", "Template version"),
    "years": t("指标年度", "Indicator years"),
    "kind": t("工作簿类型", "Workbook kind"),
}
# beside a table's title: how to add rows (the protection allows inserting rows)
TABLE_NOTE = t(
    "表内预留 {rows} 行，不够时：选中表内任一行（第 {first} 至 {last} 行之间），右键“插入”整行，"
    "可插入任意多行（如 5000 家企业）；请在表内插入，不要在表的末行之下填写。",
    "{rows} rows are prepared. For more, select a row inside the table (rows {first} to {last}), "
    "right-click and Insert whole rows, as many as needed (e.g. 5,000 firms); insert inside the "
    "table, do not type below its last row.",
)


@dataclass(slots=True)
class Layout:
    """Where the writer put each input: value key → (sheet key, row, column)."""

    cells: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def put(self, key: str, sheet: str, row: int, col: int) -> None:
        self.cells[key] = (sheet, row, col)


def number_format(ftype: FieldType, unit: str | None) -> str:
    """An Excel number format that shows the unit."""
    if ftype is FieldType.PERCENT:
        return "0.0%"
    if ftype is FieldType.DATE:
        return "yyyy-mm-dd"
    if ftype in (FieldType.INT, FieldType.YEAR, FieldType.YEAR_OR_BOOL):
        base = "0"
    elif ftype is FieldType.NUMBER:
        base = "#,##0.00"
    else:
        return "@"
    return f'{base}" {unit}"' if unit and ftype is not FieldType.YEAR else base


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


class Writer:
    def __init__(self, kind: WorkbookKind, pack: Pack, lang: Lang, year: int | None) -> None:
        from openpyxl import Workbook

        self.kind, self.pack, self.lang = kind, pack, lang
        self.year = year or pack.edition_year
        self.wb: Workbook = Workbook()
        set_font(self.wb)  # every cell without a font of its own: the summary's CJK font
        self.layout = Layout()
        self._styles()

    def _styles(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
        self.plain = Font(name=FONT_NAME, size=FONT_SIZE, family=2)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, family=2, bold=True)
        self.title_font = Font(name=FONT_NAME, size=14, family=2, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.unlocked = Protection(locked=False)

    # --- helpers --------------------------------------------------------------------------
    def text(self, value: Text | None) -> str | None:
        return value.get(self.lang) if value is not None else None

    def years(self) -> list[int]:
        series = self.kind.series
        return series.years.years(self.year) if series and series.years else []

    def new_sheet(self, sheet: Sheet) -> Worksheet:
        title = self.text(sheet.title)
        first = self.wb.worksheets[0]
        if not first["A1"].value and first.title == "Sheet":
            ws, ws.title = first, title
        else:
            ws = self.wb.create_sheet(title)
        ws["A1"] = sheet.marker
        ws["B1"] = title
        ws["B1"].font = self.title_font
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions["A"].width = 4
        ws.cell(KEY_ROW, 1, KEY_ROW_MARKER)
        for col, key in enumerate(sheet.column_keys, start=2):
            ws.cell(KEY_ROW, col, key)
        ws.row_dimensions[KEY_ROW].hidden = True
        return ws

    def header(self, ws: Worksheet, col: int, value: Any) -> None:
        cell = ws.cell(HEADER_ROW, col, value)
        cell.font, cell.fill, cell.border, cell.alignment = (
            self.bold,
            self.header_fill,
            self.border,
            self.wrap,
        )

    def label(self, ws: Worksheet, row: int, col: int, value: Any) -> None:
        cell = ws.cell(row, col, value)
        cell.font, cell.border, cell.alignment = self.plain, self.border, self.wrap

    def input(self, ws: Worksheet, row: int, col: int, fmt: str = "General", value: Any = None):
        cell = ws.cell(row, col, value)
        cell.fill, cell.border, cell.protection = self.input_fill, self.border, self.unlocked
        cell.font, cell.number_format = self.plain, fmt
        return cell

    def protect(self, ws: Worksheet, *, rows: bool = False) -> None:
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        if rows:
            ws.protection.insertRows = False
            ws.protection.deleteRows = False

    def widths(self, ws: Worksheet, sheet: Sheet, default: float | None = None) -> None:
        for key in sheet.column_keys:
            width = (sheet.widths or {}).get(key)
            if width is None and key in {f.key for f in sheet.columns}:
                width = sheet.field(key).width or default
            if width is not None:
                ws.column_dimensions[_letter(sheet.column(key))].width = width

    def headers(self, ws: Worksheet, sheet: Sheet, keys: Iterable[str]) -> None:
        for key in keys:
            self.header(ws, sheet.column(key), self.text(self.kind.header(sheet, key)))

    @staticmethod
    def starred(f: Field | Any, text: str | None) -> str:
        return (text or "") + (" *" if f.required else "")

    # --- sheets ---------------------------------------------------------------------------
    def build(self) -> Workbook:
        layouts = {
            "instructions": self.instructions,
            "form": self.form,
            "series": self.series,
            "table": self.table,
            "rows": self.rows,
        }
        for sheet in self.kind.sheets:
            layouts[sheet.layout](sheet)
            self.finish(self.wb.worksheets[-1], sheet)
        props = self.wb.properties
        props.creator = "clusterctl"
        props.title = self.text(self.kind.title)
        props.created = props.modified = dt.datetime(2000, 1, 1)
        return self.wb

    def finish(self, ws: Worksheet, sheet: Sheet) -> None:
        """Row heights that show every wrapped text whole, and the sheet's print set-up."""
        rows = 1 if sheet.layout == "instructions" else HEADER_ROW
        widths = column_widths(ws, None if rows == 1 else HEADER_ROW)
        fit_rows(ws, widths)
        title = f"{self.text(self.kind.title)} — {self.text(sheet.title)}"
        print_setup(ws, widths, title, self.text(self.pack.title) or "", self.lang, rows)

    def instructions(self, sheet: Sheet) -> None:
        ws = self.new_sheet(sheet)
        years = self.years()
        meta = {
            "edition": self.pack.id,
            "template_version": self.kind.version,
            "years": "、".join(str(y) for y in years),
            "kind": self.kind.id,
        }
        row = HEADER_ROW
        self.label(ws, row, 2, self.text(self.pack.title))
        ws.cell(row, 2).font = self.bold
        for key, value in meta.items():
            row += 1
            ws.cell(row, 1, key)
            self.label(ws, row, 2, self.text(META[key]))
            self.label(ws, row, 3, value)
        params = {
            "year": self.year,
            "first": years[0] if years else self.year,
            "last": years[-1] if years else self.year,
            "edition": self.pack.id,
            "rows": self.roster_rows(),
        }
        row += 1
        for step in sheet.steps:
            row += 1
            self.label(ws, row, 2, step.format(self.lang, **params))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.column_dimensions["B"].width = 60
        ws.column_dimensions["C"].width = 40
        self.protect(ws)

    def roster_rows(self) -> int:
        """The prepared rows of the kind's largest table (the roster)."""
        return max((s.table_rows for s in self.kind.sheets if s.layout == "table"), default=0)

    def form(self, sheet: Sheet) -> None:
        ws = self.new_sheet(sheet)
        self.headers(ws, sheet, sheet.column_keys)
        col = sheet.column("value")
        for row, f in enumerate(sheet.fields, start=FIRST_DATA_ROW):
            ws.cell(row, 1, f.key)
            self.label(ws, row, 2, self.starred(f, self.text(f.label)))
            self.form_input(ws, sheet, f, row, col)
            self.label(ws, row, 4, self.text(f.unit))
            self.label(ws, row, 5, self.text(f.help))
        self.widths(ws, sheet)
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        self.protect(ws)

    def form_input(self, ws: Worksheet, sheet: Sheet, f: Field, row: int, col: int) -> None:
        """A form field's input cell (pre-filled when the kind says so)."""
        self.layout.put(f"{sheet.prefix}.{f.key}", sheet.key, row, col)
        if f.fill == "pack":
            cell = ws.cell(row, col, self.pack.id)
            cell.fill, cell.border, cell.font = self.locked_fill, self.border, self.plain
            return
        value = self.year if f.fill == "year" else None
        cell = self.input(ws, row, col, number_format(f.type, f.unit and f.unit.zh), value)
        if f.long:
            cell.alignment = self.wrap
            ws.row_dimensions[row].height = 90
        checks(ws, f, f"{_letter(col)}{row}", self.text)

    def series(self, sheet: Sheet) -> None:
        ws = self.new_sheet(sheet)
        assert sheet.years is not None
        ws.cell(HEADER_ROW, 1, YEARS_ROW_KEY)
        self.headers(ws, sheet, ("label", "unit", "help"))
        year_cols = [sheet.column(k) for k in sheet.years.keys]
        for ykey, col, year in zip(sheet.years.keys, year_cols, self.years(), strict=True):
            cell = self.input(ws, HEADER_ROW, col, '0"年"', year)
            cell.font = self.bold
            self.layout.put(f"years.{ykey}", sheet.key, HEADER_ROW, col)
        first, last = _letter(year_cols[0]), _letter(year_cols[-1])
        validation(
            ws,
            "whole",
            f"{first}{HEADER_ROW}:{last}{HEADER_ROW}",
            operator="between",
            formula1="1949",
            formula2="2100",
        )
        specs = self.pack.input_indicators()
        for row, spec in enumerate(specs, start=FIRST_DATA_ROW):
            ws.cell(row, 1, spec.key)
            self.label(ws, row, 2, self.starred(spec, self.text(spec.label)))
            fmt = number_format(indicator_type(spec), spec.unit.zh)
            for ykey, col in zip(sheet.years.keys, year_cols, strict=True):
                self.input(ws, row, col, fmt)
                self.layout.put(f"{sheet.prefix}.{spec.key}.{ykey}", sheet.key, row, col)
            self.label(ws, row, sheet.column("unit"), self.text(spec.unit))
            self.label(ws, row, sheet.column("help"), self.text(spec.help))
        if specs:
            last_row = FIRST_DATA_ROW + len(specs) - 1
            non_negative(ws, f"{first}{FIRST_DATA_ROW}:{last}{last_row}")
        self.widths(ws, sheet)
        ws.freeze_panes = f"{first}{FIRST_DATA_ROW}"
        self.protect(ws, rows=True)

    def table(self, sheet: Sheet) -> None:
        ws = self.new_sheet(sheet)
        last_row = FIRST_DATA_ROW + sheet.table_rows - 1
        for f in sheet.columns:
            col = sheet.column(f.key)
            letter = _letter(col)
            label = self.starred(f, self.text(f.label))
            if f.unit:
                label += f"（{self.text(f.unit)}）"
            self.header(ws, col, label)
            fmt = number_format(f.type, f.unit and f.unit.zh)
            for row in range(FIRST_DATA_ROW, last_row + 1):
                cell = self.input(ws, row, col, fmt)
                if f.long:
                    cell.alignment = self.wrap
            checks(ws, f, f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}", self.text)
        self.widths(ws, sheet, default=14)
        note = ws.cell(
            1,
            3,
            self.text(TABLE_NOTE).format(
                rows=sheet.table_rows, first=FIRST_DATA_ROW, last=last_row
            ),
        )
        note.font, note.alignment = self.plain, self.wrap
        ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=ws.max_column)
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        self.protect(ws, rows=True)

    def row_items(self, sheet: Sheet) -> list[tuple[str, dict[str, Any]]]:
        """The rows of a rows sheet: (row key, descriptive column values)."""
        if sheet.rows == "pack:criteria":
            return [(c.code, self.describe(c)) for c in self.pack.criteria]
        if sheet.rows in ("pack:qualitative", "pack:declaration"):
            from clusterctl.criteria.model import Kind

            kind = Kind.QUALITATIVE if sheet.rows == "pack:qualitative" else Kind.DECLARATION
            return [(c.code, self.describe(c)) for c in self.pack.of_kind(kind)]
        return [
            (item.key, {"code": item.key, "title": self.text(item.label)}) for item in sheet.items
        ]

    def describe(self, c: Criterion) -> dict[str, Any]:
        return {
            "code": c.code,
            "dimension": self.text(c.dimension.title),
            "title": self.text(c.title),
            "clause": c.clause,
        }

    def rows(self, sheet: Sheet) -> None:
        ws = self.new_sheet(sheet)
        self.headers(ws, sheet, sheet.info)
        for f in sheet.columns:
            self.header(ws, sheet.column(f.key), self.starred(f, self.text(f.label)))
        row = FIRST_DATA_ROW - 1
        for key, described in self.row_items(sheet):
            row += 1
            ws.cell(row, 1, key)
            for info in sheet.info:
                self.label(ws, row, sheet.column(info), described.get(info))
            for f in sheet.columns:
                col = sheet.column(f.key)
                fmt = number_format(f.type, None) if f.type is FieldType.DATE else "General"
                self.input(ws, row, col, fmt).alignment = self.wrap
                own = "" if sheet.record == "value" else f".{f.key}"
                self.layout.put(f"{sheet.prefix}.{key}{own}", sheet.key, row, col)
        if row >= FIRST_DATA_ROW:
            for f in sheet.columns:
                letter = _letter(sheet.column(f.key))
                if f.type is not FieldType.TEXT:
                    checks(ws, f, f"{letter}{FIRST_DATA_ROW}:{letter}{row}", self.text)
        label_key = "title" if "title" in sheet.info else sheet.info[0]
        row += 1
        for f in sheet.fields:
            row += 1
            ws.cell(row, 1, f.key)
            self.label(ws, row, sheet.column(label_key), self.starred(f, self.text(f.label)))
            self.form_input(ws, sheet, f, row, sheet.column(sheet.columns[0].key))
        self.widths(ws, sheet)
        freeze = sheet.column(label_key) + 1 if label_key in sheet.info else 3
        ws.freeze_panes = f"{_letter(freeze)}{FIRST_DATA_ROW}"
        self.protect(ws)
