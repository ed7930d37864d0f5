"""The standard application workbook: write it empty (``clusterctl template``) or filled from a
spec (sample data, benchmarks).

Layout of every data sheet (see :mod:`clusterctl.workbook.fields`): ``A1`` holds the marker
``#sheet:<key>``; row 2 (hidden) is the key row, ``#columns`` in ``A2`` and a column key above
each column; row 3 is the visible header; data rows follow, each with its field key (or criterion
code) in the hidden column ``A``. The indicators sheet's header row is keyed ``#years`` and its
year cells are inputs pre-filled with the three full years before the application year (as
values, so every reader sees numbers).

Regenerate the committed templates with ``python -m clusterctl.workbook.template``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterctl.i18n import DEFAULT_LANG, Lang, Text, t
from clusterctl.workbook.fields import (
    BASIC_FIELDS,
    DECLARATION_FIELDS,
    INDICATORS,
    QUALITATIVE_COLUMNS,
    ROSTER_COLUMNS,
    SHEET_BY_KEY,
    SHEET_MARKER_PREFIX,
    TEMPLATE_VERSION,
    YEARS_PER_APPLICATION,
    YES_NO,
    FieldType,
)
from clusterctl.workbook.normalize import CHOICE_LABELS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from clusterctl.criteria.model import Pack

KEY_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4
KEY_ROW_MARKER = "#columns"
YEARS_ROW_KEY = "#years"
YEAR_KEYS = tuple(f"y{i + 1}" for i in range(YEARS_PER_APPLICATION))
ROSTER_ROWS = 300  # pre-formatted input rows of the roster

# Column keys of each sheet, from column B on (column A holds the row keys).
BASIC_COLUMNS = ("label", "value", "unit", "help")
INDICATOR_COLUMNS = ("label", *YEAR_KEYS, "unit", "help")
ROSTER_KEYS = tuple(c.key for c in ROSTER_COLUMNS)
QUALITATIVE_KEYS = ("code", "dimension", "title", "clause", *(c.key for c in QUALITATIVE_COLUMNS))
DECLARATION_COLUMNS = ("code", "title", "clause", "value")
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "instructions": BASIC_COLUMNS,
    "basic": BASIC_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "roster": ROSTER_KEYS,
    "qualitative": QUALITATIVE_KEYS,
    "declarations": DECLARATION_COLUMNS,
}
META_KEYS = ("edition", "template_version", "years")  # keyed rows of the instructions sheet

INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
LOCKED_FILL = "EDEDED"

HEADERS: dict[str, dict[str, Text]] = {
    "basic": {
        "label": t("项目", "Item"),
        "value": t("填写内容", "Value"),
        "unit": t("单位", "Unit"),
        "help": t("说明", "Notes"),
    },
    "indicators": {
        "label": t("指标", "Indicator"),
        "unit": t("单位", "Unit"),
        "help": t("说明", "Notes"),
    },
    "qualitative": {
        "code": t("编号", "Code"),
        "dimension": t("维度", "Dimension"),
        "title": t("条件", "Condition"),
        "clause": t("标准原文", "Wording of the standard"),
    },
    "declarations": {
        "code": t("编号", "Code"),
        "title": t("承诺事项", "Declaration"),
        "clause": t("标准原文", "Wording of the standard"),
        "value": t("确认（是/否）", "Confirmed (Yes/No)"),
    },
}


def default_application_year(pack: Pack) -> int:
    return pack.edition_year


def years_for(application_year: int) -> list[int]:
    """近三年: the three full years before the application year, oldest first."""
    return [application_year - YEARS_PER_APPLICATION + i for i in range(YEARS_PER_APPLICATION)]


@dataclass(slots=True)
class Layout:
    """Where the writer put each input: value key → (sheet key, row, column)."""

    cells: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def put(self, key: str, sheet: str, row: int, col: int) -> None:
        self.cells[key] = (sheet, row, col)


def choice_label(value: str) -> Text:
    """How the drop-down list shows ``value`` (是, 小型 …) in each language."""
    return CHOICE_LABELS.get(value) or t(value, value)


def number_format(ftype: FieldType, unit: str | None) -> str:
    """An Excel number format that shows the unit."""
    if ftype is FieldType.PERCENT:
        return "0.0%"
    if ftype is FieldType.DATE:
        return "yyyy-mm-dd"
    if ftype is FieldType.INT:
        base = "0"
    elif ftype is FieldType.NUMBER:
        base = "#,##0.00"
    else:
        return "@"
    return f'{base}" {unit}"' if unit else base


class _Writer:
    def __init__(self, pack: Pack, lang: Lang, application_year: int | None) -> None:
        from openpyxl import Workbook

        self.pack = pack
        self.lang = lang
        self.year = application_year or default_application_year(pack)
        self.wb: Workbook = Workbook()
        self.layout = Layout()
        self._styles()

    def _styles(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.unlocked = Protection(locked=False)

    # --- helpers --------------------------------------------------------------------------
    def text(self, value: Text) -> str:
        return value.get(self.lang)

    def sheet(self, key: str) -> Worksheet:
        title = self.text(SHEET_BY_KEY[key].title)
        if not self.wb.worksheets[0]["A1"].value and self.wb.worksheets[0].title == "Sheet":
            ws = self.wb.worksheets[0]
            ws.title = title
        else:
            ws = self.wb.create_sheet(title)
        ws["A1"] = SHEET_MARKER_PREFIX + key
        ws["B1"] = title
        ws["B1"].font = self.title_font
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions["A"].width = 4
        # Printed for signing and filing: landscape, one page wide.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def key_row(self, ws: Worksheet, columns: Iterable[str]) -> None:
        ws.cell(KEY_ROW, 1, KEY_ROW_MARKER)
        for i, key in enumerate(columns, start=2):
            ws.cell(KEY_ROW, i, key)
        ws.row_dimensions[KEY_ROW].hidden = True

    def header(self, ws: Worksheet, col: int, value: Any) -> None:
        cell = ws.cell(HEADER_ROW, col, value)
        cell.font = self.bold
        cell.fill = self.header_fill
        cell.border = self.border
        cell.alignment = self.wrap

    def label(self, ws: Worksheet, row: int, col: int, value: Any) -> None:
        cell = ws.cell(row, col, value)
        cell.border = self.border
        cell.alignment = self.wrap

    def input(self, ws: Worksheet, row: int, col: int, fmt: str = "General", value: Any = None):
        cell = ws.cell(row, col, value)
        cell.fill = self.input_fill
        cell.border = self.border
        cell.protection = self.unlocked
        cell.number_format = fmt
        return cell

    def validation(self, ws: Worksheet, kind: str, ranges: str, **kwargs: Any) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type=kind, allow_blank=True, **kwargs)
        for part in ranges.split():
            dv.add(part)
        ws.add_data_validation(dv)

    def non_negative(self, ws: Worksheet, ranges: str) -> None:
        """A number of at least 0 (a warning, not a refusal: the checker explains the rest)."""
        self.validation(
            ws, "decimal", ranges, operator="greaterThanOrEqual", formula1="0", errorStyle="warning"
        )

    def choices(self, ws: Worksheet, values: tuple[str, ...], ranges: str) -> None:
        self.validation(
            ws,
            "list",
            ranges,
            formula1='"' + ",".join(self.text(choice_label(v)) for v in values) + '"',
            showErrorMessage=True,
            errorTitle=self.text(t("无效输入", "Invalid entry")),
            error=self.text(t("请从下拉列表中选择", "Choose from the list")),
        )

    def protect(self, ws: Worksheet, *, rows: bool = False) -> None:
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        if rows:
            ws.protection.insertRows = False
            ws.protection.deleteRows = False

    def widths(self, ws: Worksheet, widths: dict[str, float]) -> None:
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width

    # --- sheets ---------------------------------------------------------------------------
    def build(self) -> Workbook:
        self.instructions()
        self.basic()
        self.indicators()
        self.roster()
        self.qualitative()
        self.declarations()
        props = self.wb.properties
        props.creator = "clusterctl"
        props.title = self.text(t("中小企业特色产业集群认定申报表", "SME cluster application"))
        props.created = props.modified = dt.datetime(2000, 1, 1)
        return self.wb

    def instructions(self) -> None:
        ws = self.sheet("instructions")
        pack, years = self.pack, years_for(self.year)
        self.key_row(ws, BASIC_COLUMNS)
        meta = {
            "edition": (t("认定标准版本", "Criteria edition"), pack.id),
            "template_version": (t("模板版本", "Template version"), TEMPLATE_VERSION),
            "years": (
                t("指标年度（近三年）", "Indicator years (last three)"),
                "、".join(str(y) for y in years),
            ),
        }
        row = HEADER_ROW
        self.label(ws, row, 2, self.text(pack.title))
        ws.cell(row, 2).font = self.bold
        for key, (label, value) in meta.items():
            row += 1
            ws.cell(row, 1, key)
            self.label(ws, row, 2, self.text(label))
            self.label(ws, row, 3, value)
        steps = [
            t(
                "1. 黄色单元格为填报项，其余单元格已锁定（工作表保护无密码）。",
                "1. Yellow cells are inputs; the rest is locked (sheet protection, no password).",
            ),
            t(
                f"2. 申报年度 {self.year} 年：指标数据填报近三年即 {years[0]}–{years[-1]} 年"
                "（申报年度之前的三个完整年度）。修改申报年度时请同步修改年度列。",
                f"2. Application year {self.year}: indicators cover {years[0]}–{years[-1]}, the "
                "three full years before it. Change the year columns with the application year.",
            ),
            t(
                "3. 金额单位为亿元（研发经费为万元），比例填百分比；请只填数字，单位见“单位”列。",
                "3. Amounts in 亿元 (100M CNY; R&D in 万元), shares as percentages; type numbers "
                "only, the unit column gives the unit.",
            ),
            t(
                "4. 是/否、企业规模等请从下拉列表选择；日期按 2023-05-01 填写。",
                "4. Choose Yes/No, firm size etc. from the drop-down lists; dates as 2023-05-01.",
            ),
            t(
                "5. 企业名录每行一家企业；资质列填写获评年份，未获评留空。",
                "5. One firm per roster row; qualification columns take the year obtained, "
                "blank if none.",
            ),
            t(
                "6. 定性条件逐项选择是否满足，并填写情况说明和佐证材料清单；"
                "承诺声明逐项确认并签署。",
                "6. Answer each qualitative condition with a description and evidence list; "
                "confirm each declaration and sign.",
            ),
            t(
                "7. 请勿删除隐藏的 A 列和第 2 行，也不要修改“认定标准版本”。",
                "7. Do not delete the hidden column A or row 2, nor change the edition.",
            ),
            t(
                "检查：clusterctl check 申报表.xlsx",
                "Check it with: clusterctl check application.xlsx",
            ),
        ]
        row += 1
        for step in steps:
            row += 1
            self.label(ws, row, 2, self.text(step))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            ws.row_dimensions[row].height = 32
        self.widths(ws, {"B": 60, "C": 40})
        self.protect(ws)

    def basic(self) -> None:
        ws = self.sheet("basic")
        self.key_row(ws, BASIC_COLUMNS)
        for col, key in enumerate(BASIC_COLUMNS, start=2):
            self.header(ws, col, self.text(HEADERS["basic"][key]))
        bools: list[str] = []
        for row, f in enumerate(BASIC_FIELDS, start=FIRST_DATA_ROW):
            ws.cell(row, 1, f.key)
            self.label(ws, row, 2, self.text(f.label) + (" *" if f.required else ""))
            unit = f.unit.zh if f.unit else None
            value: Any = None
            if f.key == "edition":
                cell = ws.cell(row, 3, self.pack.id)
                cell.fill, cell.border = self.locked_fill, self.border
            else:
                if f.key == "application_year":
                    value = self.year
                fmt = "0" if f.key == "application_year" else number_format(f.type, unit)
                self.input(ws, row, 3, fmt, value)
            self.label(ws, row, 4, self.text(f.unit) if f.unit else None)
            self.label(ws, row, 5, self.text(f.help) if f.help else None)
            self.layout.put(f"basic.{f.key}", "basic", row, 3)
            if f.type is FieldType.BOOL:
                bools.append(f"C{row}")
            elif f.type is FieldType.NUMBER:
                self.non_negative(ws, f"C{row}")
            elif f.key == "application_year":
                self.validation(
                    ws, "whole", f"C{row}", operator="between", formula1="2000", formula2="2100"
                )
        if bools:
            self.choices(ws, YES_NO, " ".join(bools))
        self.widths(ws, {"B": 34, "C": 44, "D": 12, "E": 44})
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        self.protect(ws)

    def indicators(self) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.sheet("indicators")
        self.key_row(ws, INDICATOR_COLUMNS)
        ws.cell(HEADER_ROW, 1, YEARS_ROW_KEY)
        self.header(ws, 2, self.text(HEADERS["indicators"]["label"]))
        year_cols = [INDICATOR_COLUMNS.index(k) + 2 for k in YEAR_KEYS]
        for ykey, col, year in zip(YEAR_KEYS, year_cols, years_for(self.year), strict=True):
            cell = self.input(ws, HEADER_ROW, col, '0"年"', year)
            cell.font = self.bold
            self.layout.put(f"years.{ykey}", "indicators", HEADER_ROW, col)
        self.header(ws, year_cols[-1] + 1, self.text(HEADERS["indicators"]["unit"]))
        self.header(ws, year_cols[-1] + 2, self.text(HEADERS["indicators"]["help"]))
        first, last = get_column_letter(year_cols[0]), get_column_letter(year_cols[-1])
        self.validation(
            ws,
            "whole",
            f"{first}{HEADER_ROW}:{last}{HEADER_ROW}",
            operator="between",
            formula1="1949",
            formula2="2100",
        )
        for row, ind in enumerate(INDICATORS, start=FIRST_DATA_ROW):
            ws.cell(row, 1, ind.key)
            self.label(ws, row, 2, self.text(ind.label) + (" *" if ind.required else ""))
            for ykey, col in zip(YEAR_KEYS, year_cols, strict=True):
                self.input(ws, row, col, number_format(ind.type, ind.unit.zh))
                self.layout.put(f"indicators.{ind.key}.{ykey}", "indicators", row, col)
            self.label(ws, row, year_cols[-1] + 1, self.text(ind.unit))
            self.label(ws, row, year_cols[-1] + 2, self.text(ind.help) if ind.help else None)
        last_row = FIRST_DATA_ROW + len(INDICATORS) - 1
        self.non_negative(ws, f"{first}{FIRST_DATA_ROW}:{last}{last_row}")
        self.widths(
            ws,
            {
                "B": 34,
                first: 14,
                get_column_letter(year_cols[1]): 14,
                last: 14,
                get_column_letter(year_cols[-1] + 1): 16,
                get_column_letter(year_cols[-1] + 2): 24,
            },
        )
        ws.freeze_panes = f"{first}{FIRST_DATA_ROW}"
        self.protect(ws, rows=True)

    def roster(self) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.sheet("roster")
        self.key_row(ws, ROSTER_KEYS)
        last_row = FIRST_DATA_ROW + ROSTER_ROWS - 1
        for col, f in enumerate(ROSTER_COLUMNS, start=2):
            letter = get_column_letter(col)
            label = self.text(f.label) + (" *" if f.required else "")
            if f.unit:
                label += f"（{self.text(f.unit)}）"
            self.header(ws, col, label)
            fmt = (
                "0"
                if f.type is FieldType.YEAR_OR_BOOL
                else number_format(f.type, f.unit and f.unit.zh)
            )
            for row in range(FIRST_DATA_ROW, last_row + 1):
                self.input(ws, row, col, fmt)
            ranges = f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}"
            if f.type in (FieldType.BOOL, FieldType.CHOICE):
                self.choices(ws, f.choices, ranges)
            elif f.type is FieldType.NUMBER:
                self.non_negative(ws, ranges)
            elif f.type is FieldType.YEAR_OR_BOOL:
                self.validation(
                    ws,
                    "custom",
                    ranges,
                    errorStyle="warning",
                    formula1=f'OR({letter}{FIRST_DATA_ROW}="{self.text(choice_label("是"))}",'
                    f"AND(ISNUMBER({letter}{FIRST_DATA_ROW}),"
                    f"{letter}{FIRST_DATA_ROW}>=1949,{letter}{FIRST_DATA_ROW}<=2100))",
                    promptTitle=self.text(f.label),
                    prompt=self.text(f.help) if f.help else None,
                    showInputMessage=True,
                )
            width = 36 if f.key == "name" else 22 if f.key == "uscc" else 14
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        self.protect(ws, rows=True)

    def qualitative(self) -> None:
        from clusterctl.criteria.model import Kind

        ws = self.sheet("qualitative")
        self.key_row(ws, QUALITATIVE_KEYS)
        columns = {key: i for i, key in enumerate(QUALITATIVE_KEYS, start=2)}
        for key, col in columns.items():
            label = HEADERS["qualitative"].get(key)
            if label is None:
                f = next(c for c in QUALITATIVE_COLUMNS if c.key == key)
                label = Text(f.label.zh + (" *" if f.required else ""), f.label.en)
            self.header(ws, col, self.text(label))
        criteria = self.pack.of_kind(Kind.QUALITATIVE)
        for row, c in enumerate(criteria, start=FIRST_DATA_ROW):
            ws.cell(row, 1, c.code)
            self.label(ws, row, columns["code"], c.code)
            self.label(ws, row, columns["dimension"], self.text(c.dimension.title))
            self.label(ws, row, columns["title"], self.text(c.title))
            self.label(ws, row, columns["clause"], c.clause)
            for f in QUALITATIVE_COLUMNS:
                self.input(ws, row, columns[f.key]).alignment = self.wrap
                self.layout.put(f"qualitative.{c.code}.{f.key}", "qualitative", row, columns[f.key])
        if criteria:
            last = FIRST_DATA_ROW + len(criteria) - 1
            letter = _letter(columns["met"])
            self.choices(ws, YES_NO, f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
        self.widths(
            ws,
            {
                "B": 8,
                "C": 16,
                "D": 30,
                "E": 50,
                _letter(columns["met"]): 10,
                _letter(columns["description"]): 40,
                _letter(columns["evidence"]): 40,
            },
        )
        ws.freeze_panes = f"E{FIRST_DATA_ROW}"
        self.protect(ws)

    def declarations(self) -> None:
        from clusterctl.criteria.model import Kind

        ws = self.sheet("declarations")
        self.key_row(ws, DECLARATION_COLUMNS)
        columns = {key: i for i, key in enumerate(DECLARATION_COLUMNS, start=2)}
        for key, col in columns.items():
            self.header(ws, col, self.text(HEADERS["declarations"][key]))
        value_col = columns["value"]
        letter = _letter(value_col)
        row = FIRST_DATA_ROW - 1
        confirm: list[str] = []
        for c in self.pack.of_kind(Kind.DECLARATION):
            row += 1
            ws.cell(row, 1, c.code)
            self.label(ws, row, columns["code"], c.code)
            self.label(ws, row, columns["title"], self.text(c.title))
            self.label(ws, row, columns["clause"], c.clause)
            self.input(ws, row, value_col)
            confirm.append(f"{letter}{row}")
            self.layout.put(f"declarations.{c.code}", "declarations", row, value_col)
        row += 1
        for f in DECLARATION_FIELDS:
            row += 1
            ws.cell(row, 1, f.key)
            self.label(ws, row, columns["title"], self.text(f.label) + (" *" if f.required else ""))
            self.input(ws, row, value_col, number_format(f.type, None))
            self.layout.put(f"declarations.{f.key}", "declarations", row, value_col)
            if f.type is FieldType.DATE:
                self.validation(
                    ws,
                    "date",
                    f"{letter}{row}",
                    operator="greaterThan",
                    formula1="36526",
                    errorStyle="warning",
                )
        if confirm:
            self.choices(ws, YES_NO, " ".join(confirm))
        self.widths(ws, {"B": 8, "C": 36, "D": 60, letter: 16})
        ws.freeze_panes = f"C{FIRST_DATA_ROW}"
        self.protect(ws)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def build_workbook(
    pack: Pack, lang: Lang = DEFAULT_LANG, application_year: int | None = None
) -> tuple[Workbook, Layout]:
    """The standard workbook for ``pack`` (openpyxl, in memory) and where its inputs are."""
    writer = _Writer(pack, lang, application_year)
    return writer.build(), writer.layout


def save_atomic(wb: Workbook, path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Save through a temporary file in the same folder (:mod:`clusterctl.atomic`).

    Raises FileExistsError when ``path`` exists and ``force`` is false.
    """
    from clusterctl.atomic import atomic_path

    if Path(path).exists() and not force:
        raise FileExistsError(str(path))
    with atomic_path(path, suffix=".xlsx") as tmp:
        wb.save(tmp)


def write_template(
    path: str | os.PathLike[str],
    pack: Pack,
    lang: Lang = DEFAULT_LANG,
    *,
    application_year: int | None = None,
    force: bool = False,
) -> None:
    """Write the empty standard workbook for ``pack``."""
    wb, _ = build_workbook(pack, lang, application_year)
    save_atomic(wb, path, force=force)


# --- filled workbooks --------------------------------------------------------------------------


def write_filled(
    path: str | os.PathLike[str],
    pack: Pack,
    spec: dict[str, Any],
    lang: Lang = DEFAULT_LANG,
    *,
    force: bool = True,
) -> None:
    """Write the standard workbook for ``pack`` with its input cells filled from ``spec``.

    ``spec`` keys (all optional): ``basic`` {field: value}; ``years`` [y1, y2, y3] (default: the
    three years before ``basic.application_year``); ``indicators`` {key: [v1, v2, v3]};
    ``roster`` [{column key: value}]; ``qualitative`` {code: {met, description, evidence}};
    ``declarations`` {code: value}; ``signatory``, ``signed_on``. Values are written as given,
    so strings such as ``"45.6亿元"`` stay strings (to test the reader). Layout changes after
    filling: ``insert_rows`` {sheet key: [row, ...]} (openpyxl ``insert_rows``, applied in the
    order given), ``sheet_order`` [sheet key, ...], ``rename_sheets`` {sheet key: title},
    ``drop_markers`` [sheet key, ...] (clear the ``A1`` marker).
    """
    wb = fill_workbook(pack, spec, lang)
    save_atomic(wb, path, force=force)


def fill_workbook(pack: Pack, spec: dict[str, Any], lang: Lang = DEFAULT_LANG) -> Workbook:
    basic = spec.get("basic", {})
    year = basic.get("application_year")
    wb, layout = build_workbook(pack, lang, year if isinstance(year, int) else None)
    titles = {key: wb.worksheets[i].title for i, key in enumerate(SHEET_BY_KEY)}

    def put(key: str, value: Any, *, percent: bool = False) -> None:
        if key not in layout.cells:
            raise KeyError(f"spec names an input the template does not have: {key}")
        sheet, row, col = layout.cells[key]
        if (
            percent
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
            and abs(value) > 1
        ):
            value = value / 100.0
        set_value(wb[titles[sheet]].cell(row, col), value)

    for key, value in basic.items():
        put(f"basic.{key}", value)
    for ykey, value in zip(YEAR_KEYS, spec.get("years", ()), strict=False):
        put(f"years.{ykey}", value)
    from clusterctl.workbook.fields import INDICATOR_BY_KEY

    for key, values in spec.get("indicators", {}).items():
        percent = INDICATOR_BY_KEY[key].type is FieldType.PERCENT
        for ykey, value in zip(YEAR_KEYS, values, strict=False):
            put(f"indicators.{key}.{ykey}", value, percent=percent)
    roster_ws = wb[titles["roster"]]
    for i, firm in enumerate(spec.get("roster", ())):
        for key, value in firm.items():
            set_value(roster_ws.cell(FIRST_DATA_ROW + i, ROSTER_KEYS.index(key) + 2), value)
    for code, answer in spec.get("qualitative", {}).items():
        for key, value in answer.items():
            put(f"qualitative.{code}.{key}", value)
    for code, value in spec.get("declarations", {}).items():
        put(f"declarations.{code}", value)
    for f in DECLARATION_FIELDS:
        if f.key in spec:
            put(f"declarations.{f.key}", spec[f.key])
    _perturb(wb, titles, spec)
    return wb


def set_value(cell: Any, value: Any) -> None:
    """Write a spec value: text stays text (never a formula), characters a worksheet cannot
    hold (control characters) are dropped."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _perturb(wb: Workbook, titles: dict[str, str], spec: dict[str, Any]) -> None:
    for key, rows in spec.get("insert_rows", {}).items():
        for row in rows:
            wb[titles[key]].insert_rows(row)
    for key in spec.get("drop_markers", ()):
        wb[titles[key]]["A1"].value = None
    for key, title in spec.get("rename_sheets", {}).items():
        wb[titles[key]].title = title
        titles[key] = title
    order = spec.get("sheet_order")
    if order:
        sheets = [wb[titles[k]] for k in order]
        rest = [ws for ws in wb.worksheets if ws not in sheets]
        wb._sheets = sheets + rest  # openpyxl has no public reorder
        wb.active = 0


# --- semantic dump (staleness tests) and regeneration --------------------------------------------


def semantic_dump(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What matters in a workbook, without the zip's timestamps: sheet names, every cell value,
    unlocked cells, data validations, merged cells, hidden rows/columns, frozen panes, defined
    names."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    dump: dict[str, Any] = {"defined_names": sorted(wb.defined_names.keys()), "sheets": []}
    for ws in wb.worksheets:
        cells = {}
        unlocked = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[cell.coordinate] = cell.value
                if cell.has_style and not cell.protection.locked:
                    unlocked.append(cell.coordinate)
        dump["sheets"].append(
            {
                "title": ws.title,
                "cells": cells,
                "unlocked": unlocked,
                "validations": sorted(
                    (str(dv.sqref), dv.type, dv.formula1, dv.formula2)
                    for dv in ws.data_validations.dataValidation
                ),
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "hidden_columns": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
                "hidden_rows": sorted(k for k, d in ws.row_dimensions.items() if d.hidden),
                "freeze": ws.freeze_panes,
                "protected": bool(ws.protection.sheet),
            }
        )
    return dump


TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


def shipped_pack_ids() -> list[str]:
    from clusterctl.criteria.loader import list_packs

    return [getattr(p, "id", p) for p in list_packs()]


def regenerate(folder: str | os.PathLike[str] = TEMPLATES_DIR) -> list[Path]:
    """Rewrite ``templates/<pack id>.xlsx`` for every shipped pack."""
    from clusterctl.criteria.loader import resolve_pack

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for pack_id in shipped_pack_ids():
        target = out / f"{pack_id}.xlsx"
        write_template(target, resolve_pack(pack_id), force=True)
        written.append(target)
    return written


def main() -> None:
    for path in regenerate():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
